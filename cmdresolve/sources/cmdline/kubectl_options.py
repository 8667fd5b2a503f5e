"""Which options ``kubectl run`` / ``kubectl create`` know, and reading them.

The tables below are the option sets of the commands ``kubectl_line`` reads:
the root's persistent flags (kubernetes/cli-runtime @ 69e8693b
``genericclioptions/config_flags.go``, kubernetes/kubectl @ dee3483a
``pkg/cmd/cmd.go :: NewKubectlCommand``, kubernetes/klog v2.140.0 ``klog.go``
and kubernetes/kubernetes ``component-base/logs/logs.go``), the flags every
command here has (cli-runtime ``print_flags.go``; kubectl
``pkg/cmd/util/helpers.go :: AddDryRunFlag, AddFieldManagerFlagVar,
AddApplyAnnotationFlags``), ``pkg/cmd/run/run.go :: addRunFlags`` and the
``pkg/cmd/create/create_{deployment,job,cronjob}.go`` constructors.

``parse_interspersed`` reads them as spf13/pflag v1.0.10 does with
interspersing on (options may follow NAME and the command words, only ``--``
ends them; names with ``_`` are read as ``-`` by ``WordSepNormalizeFunc``)
into a ``KubectlLine``; the helpers after it read the values the way
kubectl's ``Complete`` and cobra's ``ValidateRequiredFlags`` do.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from cmdresolve.model import InputError
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import record
from cmdresolve.sources.cmdline.pflag import (
    GO_BOOLS,
    Flags,
    Setting,
    check_exits,
    parse_long,
    parse_short,
    refuse,
)
from cmdresolve.sources.cmdline.program import run_error
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = [
    "CREATE_ALIASES",
    "GLOBAL_BOOL",
    "GLOBAL_SHORTHANDS",
    "KUBECTL_FLAGS",
    "KubectlLine",
    "dry_run_strategy",
    "flag_on",
    "named",
    "namespace",
    "parse_interspersed",
    "require_flags",
]

# Root persistent flags: cli-runtime ConfigFlags, kubectl's own, klog's.
_GLOBAL_VALUED = frozenset(
    {
        "as", "as-group", "as-uid", "as-user-extra", "cache-dir", "certificate-authority",
        "client-certificate", "client-key", "cluster", "context", "kubeconfig", "kuberc",
        "namespace", "password", "profile", "profile-output", "request-timeout", "server",
        "tls-server-name", "token", "user", "username",
        "alsologtostderrthreshold", "log-backtrace-at", "log-dir", "log-file",
        "log-file-max-size", "log-flush-frequency", "stderrthreshold", "v", "vmodule",
    }
)  # fmt: skip
GLOBAL_BOOL = frozenset(
    {
        "disable-compression", "help", "insecure-skip-tls-verify", "match-server-version",
        "warnings-as-errors",
        "add-dir-header", "alsologtostderr", "legacy-stderr-threshold-behavior",
        "logtostderr", "one-output", "skip-headers", "skip-log-headers",
    }
)  # fmt: skip
GLOBAL_SHORTHANDS = MappingProxyType({"n": "namespace", "s": "server", "v": "v", "h": "help"})
# On every command read here: PrintFlags, --dry-run, --field-manager, --save-config.
_COMMON_VALUED = frozenset({"output", "template", "dry-run", "field-manager"})
_COMMON_BOOL = frozenset({"allow-missing-template-keys", "show-managed-fields", "save-config"})
# Flags with a NoOptDefVal: a bare ``--dry-run`` never takes the next word.
_OPTIONAL_VALUE = MappingProxyType(
    {"dry-run": "unchanged", "validate": "strict", "cascade": "background"}
)

_RUN_VALUED = frozenset(
    {
        "annotations", "cascade", "detach-keys", "env", "filename", "grace-period", "image",
        "image-pull-policy", "kustomize", "labels", "override-type", "overrides",
        "pod-running-timeout", "port", "restart", "timeout",
    }
)  # fmt: skip
_RUN_BOOL = frozenset(
    {
        "attach", "command", "expose", "force", "leave-stdin-open", "privileged", "quiet",
        "record", "recursive", "rm", "stdin", "tty", "wait",
    }
)  # fmt: skip
_RUN_SHORTHANDS = MappingProxyType({
    "f": "filename", "i": "stdin", "k": "kustomize", "l": "labels", "q": "quiet",
    "R": "recursive", "t": "tty",
})  # fmt: skip
_CREATE_VALUED = MappingProxyType(
    {
        "deployment": frozenset({"image", "port", "replicas", "validate"}),
        "job": frozenset({"image", "from", "validate"}),
        "cronjob": frozenset({"image", "schedule", "restart", "validate"}),
    }
)
CREATE_ALIASES = MappingProxyType(
    {"deployment": "deployment", "deploy": "deployment", "job": "job", "cronjob": "cronjob",
     "cj": "cronjob"}
)  # fmt: skip


def _command_flags(sub: str) -> Flags:
    shorts: dict[str, str] = {**GLOBAL_SHORTHANDS, "o": "output"}
    valued = _GLOBAL_VALUED | _COMMON_VALUED
    boolean = GLOBAL_BOOL | _COMMON_BOOL
    if sub == "run":
        return Flags(
            "kubectl run",
            valued | _RUN_VALUED,
            boolean | _RUN_BOOL,
            MappingProxyType({**shorts, **_RUN_SHORTHANDS}),
        )
    if sub == "deployment":
        shorts["r"] = "replicas"
    return Flags(
        f"kubectl create {sub}", valued | _CREATE_VALUED[sub], boolean, MappingProxyType(shorts)
    )


KUBECTL_FLAGS = MappingProxyType({sub: _command_flags(sub) for sub in ("run", *_CREATE_VALUED)})


@record
class KubectlLine:
    """A kubectl line after option parsing: settings, positionals, ``--`` position."""

    flags: Flags
    settings: tuple[Setting, ...]
    positionals: tuple[Word, ...]
    args_len_at_dash: int  # cobra ArgsLenAtDash: -1 without ``--``
    dash_col: int | None
    command_col: int

    def last(self, name: str) -> Setting | None:
        found = [s for s in self.settings if s.name == name]
        return found[-1] if found else None

    def every(self, name: str) -> list[Setting]:
        return [s for s in self.settings if s.name == name]

    def value(self, name: str, default: str = "") -> str:
        setting = self.last(name)
        return default if setting is None else setting.value

    def refuse(self, detail: str, col: int | None = None) -> InputError:
        return refuse(self.flags, detail, self.command_col if col is None else col)


def _normalized(word: Word, flags: Flags) -> Word:
    """``--image_pull_policy`` is ``--image-pull-policy`` (WordSepNormalizeFunc)."""
    name, eq, value = word.text[2:].partition("=")
    fixed = name.replace("_", "-")
    if fixed == name or flags.lookup(fixed) is None:
        return word
    return Word(f"--{fixed}{eq}{value}", word.col, word.cols)


def parse_interspersed(words: Sequence[Word], flags: Flags, command_col: int) -> KubectlLine:
    """Read options anywhere among the positionals, as pflag with interspersing on."""
    words = list(words)
    settings: list[Setting] = []
    positionals: list[Word] = []
    at_dash, dash_col, i = -1, None, 0
    while i < len(words):
        text = words[i].text
        if text == "--":
            at_dash, dash_col = len(positionals), words[i].col
            positionals.extend(words[i + 1 :])
            break
        if len(text) < 2 or text[0] != "-":
            positionals.append(words[i])
            i += 1
        elif text.startswith("--"):
            words[i] = _normalized(words[i], flags)
            name = words[i].text[2:]
            if name in _OPTIONAL_VALUE and flags.lookup(name) is not None:
                settings.append(Setting(name, _OPTIONAL_VALUE[name], words[i].col))
                i += 1
            else:
                i = parse_long(words, i, flags, settings)
        else:
            i = parse_short(words, i, flags, settings)
    check_exits(flags, settings)
    return KubectlLine(flags, tuple(settings), tuple(positionals), at_dash, dash_col, command_col)


def flag_on(line: KubectlLine, name: str) -> bool:
    setting = line.last(name)
    return setting is not None and GO_BOOLS[setting.value]


def namespace(line: KubectlLine) -> str | None:
    return line.value("namespace") or None


def require_flags(line: KubectlLine, *names: str) -> None:
    """cobra ``ValidateRequiredFlags``: every flag marked required must be given."""
    missing = [n for n in sorted(names) if line.last(n) is None]
    if missing:
        raise line.refuse('required flag(s) "' + '", "'.join(missing) + '" not set')


def dry_run_strategy(line: KubectlLine) -> str:
    """``cmdutil.GetDryRunStrategy``: ``none``, ``client`` or ``server``."""
    setting = line.last("dry-run")
    value = "none" if setting is None else setting.value
    if value in GO_BOOLS:
        return "client" if GO_BOOLS[value] else "none"
    if value in ("unchanged", "client"):
        return "client"
    if value in ("server", "none"):
        return value
    raise line.refuse(
        f'Invalid dry-run value ({value}). Must be "none", "server", or "client".',
        None if setting is None else setting.col,
    )


def named(word: Word) -> Word:
    if not word.text:
        raise run_error(N_("the NAME at column {column} is empty"), word.col, column=word.col)
    return word
