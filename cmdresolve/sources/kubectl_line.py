"""Read a ``kubectl run`` / ``kubectl create deployment|job|cronjob`` command line.

``parse_kubectl_line`` turns the one string given to ``--run`` into the
:class:`PodSpec` kubectl would send: the Pod of ``kubectl run``, or the pod
template of the Deployment, Job or CronJob of ``kubectl create``.  Nothing is
sent anywhere; the cluster's defaults (namespace from the kubeconfig, labels
the controllers add) are not invented.

Authority: kubernetes/kubectl @ dee3483a.  ``pkg/cmd/run/run.go``
(``NewCmdRun``, ``addRunFlags``, ``Complete``, ``Validate``, ``Run``,
``createPod``, ``parseLabels``, ``parseEnvs``, ``getRestartPolicy``,
``getImagePullPolicy``); ``pkg/cmd/create/create_deployment.go`` (``Complete``:
``o.Command = args[1:]``; ``buildPodSpec`` names each container after its
image); ``create_job.go`` and ``create_cronjob.go`` (the container is named
NAME and gets ``Command``); ``create.go :: NameFromCommandArgs``;
``pkg/cmd/util/helpers.go`` (``AddDryRunFlag``, ``GetDryRunStrategy``,
``AddValidateFlags``, ``GetValidationDirective``, ``ParsePairs``);
``pkg/cmd/util/override_options.go``; ``pkg/cmd/cmd.go :: NewKubectlCommand``
(global flags), with kubernetes/cli-runtime @ 69e8693b
``genericclioptions/config_flags.go``, ``print_flags.go``, ``record_flags.go``,
``filename_flags.go``, kubernetes/klog v2.140.0 ``klog.go`` and
kubernetes/kubernetes ``component-base/logs/logs.go`` (the ``-v`` and other
klog flags ``cli.Run`` adds).  Options are read the way spf13/cobra v1.10.2
(``stripFlags`` finds the subcommand, ``ValidateRequiredFlags``) and
spf13/pflag v1.0.10 read them, with interspersing on: options may follow
NAME and the command words, and only ``--`` ends them, so
``kubectl run x --image=i sleep -x`` is refused for the unknown ``-x``.
Flag names with ``_`` are read as ``-`` (``WordSepNormalizeFunc``).

Not modelled: ``--overrides`` (refused: the JSON can replace anything),
``kubectl create job --from`` (the template is in the cluster), a kuberc file's
aliases and default flags, and the values of options that only steer kubectl
itself (timeouts, output, kubeconfig).  ``create deployment`` names a
container after an image with ``_`` or ``.`` in its name plus five random
characters; those are shown as ``?????``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.kubernetes import EnvVar, KubeContainer, PodSpec
from cmdresolve.sources.run_line import (
    _GO_BOOLS,
    _basename,
    _check_exits,
    _Flags,
    _go_quote,
    _parse_long,
    _parse_short,
    _refuse,
    _Setting,
    find_program,
)
from cmdresolve.sources.shell_words import Word, split_words

__all__ = ["parse_kubectl_line"]

_FILE = "--run"
_SUPPORTED = (
    "give `kubectl run`, `kubectl create deployment`, `kubectl create job` "
    "or `kubectl create cronjob`"
)


def _error(message: str, col: int | None = None) -> InputError:
    return InputError(message, Span(_FILE, None, col))


# ------------------------------------------------------------------ options

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
_GLOBAL_BOOL = frozenset(
    {
        "disable-compression", "help", "insecure-skip-tls-verify", "match-server-version",
        "warnings-as-errors",
        "add-dir-header", "alsologtostderr", "legacy-stderr-threshold-behavior",
        "logtostderr", "one-output", "skip-headers", "skip-log-headers",
    }
)  # fmt: skip
_GLOBAL_SHORTHANDS = MappingProxyType({"n": "namespace", "s": "server", "v": "v", "h": "help"})
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
_CREATE_ALIASES = MappingProxyType(
    {"deployment": "deployment", "deploy": "deployment", "job": "job", "cronjob": "cronjob",
     "cj": "cronjob"}
)  # fmt: skip
_WORKLOAD_TEMPLATE = MappingProxyType(
    {
        "deployment": ("Deployment", "spec.template.spec"),
        "job": ("Job", "spec.template.spec"),
        "cronjob": ("CronJob", "spec.jobTemplate.spec.template.spec"),
    }
)


def _command_flags(sub: str) -> _Flags:
    shorts: dict[str, str] = {**_GLOBAL_SHORTHANDS, "o": "output"}
    valued = _GLOBAL_VALUED | _COMMON_VALUED
    boolean = _GLOBAL_BOOL | _COMMON_BOOL
    if sub == "run":
        return _Flags(
            "kubectl run",
            valued | _RUN_VALUED,
            boolean | _RUN_BOOL,
            MappingProxyType({**shorts, **_RUN_SHORTHANDS}),
        )
    if sub == "deployment":
        shorts["r"] = "replicas"
    return _Flags(
        f"kubectl create {sub}", valued | _CREATE_VALUED[sub], boolean, MappingProxyType(shorts)
    )


_FLAGS = MappingProxyType({sub: _command_flags(sub) for sub in ("run", *_CREATE_VALUED)})


@dataclass(frozen=True, slots=True)
class _Line:
    """A kubectl line after option parsing: settings, positionals, ``--`` position."""

    flags: _Flags
    settings: tuple[_Setting, ...]
    positionals: tuple[Word, ...]
    args_len_at_dash: int  # cobra ArgsLenAtDash: -1 without ``--``
    dash_col: int | None
    command_col: int

    def last(self, name: str) -> _Setting | None:
        found = [s for s in self.settings if s.name == name]
        return found[-1] if found else None

    def every(self, name: str) -> list[_Setting]:
        return [s for s in self.settings if s.name == name]

    def value(self, name: str, default: str = "") -> str:
        setting = self.last(name)
        return default if setting is None else setting.value

    def refuse(self, detail: str, col: int | None = None) -> InputError:
        return _refuse(self.flags, detail, self.command_col if col is None else col)


def _normalized(word: Word, flags: _Flags) -> Word:
    """``--image_pull_policy`` is ``--image-pull-policy`` (WordSepNormalizeFunc)."""
    name, eq, value = word.text[2:].partition("=")
    fixed = name.replace("_", "-")
    if fixed == name or flags.lookup(fixed) is None:
        return word
    return Word(f"--{fixed}{eq}{value}", word.col, word.cols)


def _parse_interspersed(words: list[Word], flags: _Flags, command_col: int) -> _Line:
    """Read options anywhere among the positionals, as pflag with interspersing on."""
    words = list(words)
    settings: list[_Setting] = []
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
                settings.append(_Setting(name, _OPTIONAL_VALUE[name], words[i].col))
                i += 1
            else:
                i = _parse_long(words, i, flags, settings)
        else:
            i = _parse_short(words, i, flags, settings)
    _check_exits(flags, settings)
    return _Line(flags, tuple(settings), tuple(positionals), at_dash, dash_col, command_col)


# ------------------------------------------------------------------ the line


def _program(words: list[Word], line: str) -> int:
    """Index of the ``kubectl`` word, past ``NAME=value`` prefixes and ``sudo``."""
    i = find_program(words, line, _SUPPORTED)
    if _basename(words[i].text) != "kubectl":
        raise _error(f"`{words[i].text}` is not kubectl: {_SUPPORTED}", words[i].col)
    return i


# ``kubectl create``'s own flags that take no value, for finding its kind.
_CREATE_NO_VALUE = _GLOBAL_BOOL | {
    "allow-missing-template-keys", "dry-run", "edit", "record", "recursive", "save-config",
    "show-managed-fields", "validate", "windows-line-endings",
}  # fmt: skip
_STRIP_SHORTHANDS = MappingProxyType({**_GLOBAL_SHORTHANDS, "R": "recursive"})


def _takes_next(text: str, no_value: frozenset[str]) -> bool:
    """cobra ``stripFlags``: does this option take the next word?"""
    if "=" in text:
        return False
    if text.startswith("--"):
        return text[2:].replace("_", "-") not in no_value
    return len(text) == 2 and _STRIP_SHORTHANDS.get(text[1]) not in no_value


def _first_command(words: list[Word], start: int, skip: int, no_value: frozenset[str]) -> int:
    """Index of the first word cobra's ``Find`` takes as a command name, or -1.

    ``stripFlags`` steps over options and, for one it thinks takes a value, the
    next word; ``skip`` is a command word already found (``argsMinusFirstX``).
    """
    rest = [k for k in range(start, len(words)) if k != skip]
    pos = 0
    while pos < len(rest):
        text = words[rest[pos]].text
        if text == "--":
            break
        if text.startswith("-") and _takes_next(text, no_value):
            if len(rest) - pos - 1 <= 1:
                break
            pos += 2
        elif text and not text.startswith("-"):
            return rest[pos]
        else:
            pos += 1
    return -1


def _subcommand(words: list[Word], start: int) -> tuple[str, list[int]]:
    """The command read here (``run`` or a create kind) and its word indices."""
    at = _first_command(words, start + 1, -1, _GLOBAL_BOOL)
    if at < 0:
        raise _error(f"`kubectl` has no subcommand: {_SUPPORTED}", words[start].col)
    first = words[at]
    if first.text == "run":
        return "run", [at]
    if first.text != "create":
        raise _error(f"`kubectl {first.text}` is not supported: {_SUPPORTED}", first.col)
    kind_at = _first_command(words, start + 1, at, _CREATE_NO_VALUE)
    if kind_at < 0:
        raise _error(f"`kubectl create` names no kind: {_SUPPORTED}", first.col)
    kind = words[kind_at]
    if kind.text not in _CREATE_ALIASES:
        raise _error(f"`kubectl create {kind.text}` is not supported: {_SUPPORTED}", kind.col)
    return _CREATE_ALIASES[kind.text], [at, kind_at]


def parse_kubectl_line(line: str) -> PodSpec:
    """Parse one ``kubectl run`` or ``kubectl create deployment|job|cronjob`` line.

    Authority: kubectl ``run.go :: createPod``: words after NAME become the
    container's ``args``, or its ``command`` with ``--command``, and neither
    field is set without them; ``create_{deployment,job,cronjob}.go``: they
    become ``command``.  Checks run in kubectl's order (flag parsing, cobra's
    required flags, ``Complete``, ``Validate``).  Raises ``InputError`` (file
    ``--run``, column of the offending word) for anything kubectl would refuse
    and for lines this reader does not handle.
    """
    words = split_words(line, _FILE)
    if not words:
        raise _error("the command line is empty", None)
    start = _program(words, line)
    sub, used = _subcommand(words, start)
    rest = [w for k, w in enumerate(words[start + 1 :], start + 1) if k not in used]
    parsed = _parse_interspersed(rest, _FLAGS[sub], words[used[-1]].col)
    span = Span(_FILE, None, words[start].col)
    if sub == "run":
        return _run_pod(parsed, span)
    return _created_template(sub, parsed, span)


# ------------------------------------------------------------------ kubectl run


def _run_pod(line: _Line, span: Span) -> PodSpec:
    """``kubectl run``: ``Complete`` and ``Validate`` checks, then ``createPod``."""
    _require(line, "image")
    annotations = _parse_pairs(line, "annotations")
    labels = _parse_labels(line)
    env = _parse_envs(line)
    _check_restart_policy(line)
    _check_pull_policy(line)
    dry_run = _dry_run(line)
    name = _validate_run(line, dry_run)
    overrides = line.last("overrides")
    if overrides is not None and overrides.value:
        raise _error(
            "--overrides is not supported yet: kubectl patches its JSON over the generated "
            "Pod, which can replace any field; give the Pod as a manifest instead",
            overrides.col,
        )
    args = line.positionals[1:]
    field = "command" if _flag_on(line, "command") else "args"
    container = _container(
        name,
        line.value("image"),
        command=_args(args, "command", "spec.containers[0]") if field == "command" else None,
        args=_args(args, "args", "spec.containers[0]") if field == "args" else None,
        env=env,
        path="spec.containers[0]",
    )
    return PodSpec(
        workload=f"Pod/{name.text}",
        namespace=_namespace(line),
        pod_name=name.text,
        labels=tuple(labels.items()) if labels else (("run", name.text),),
        annotations=tuple(annotations.items()),
        node_name=None,
        service_account_name=None,
        containers=(container,),
        span=span,
        path="spec",
    )


def _container(
    name: Word,
    image: str,
    *,
    command: tuple[Arg, ...] | None,
    path: str,
    args: tuple[Arg, ...] | None = None,
    env: tuple[EnvVar, ...] = (),
) -> KubeContainer:
    """A container as kubectl builds it; an empty image is omitted (``omitempty``)."""
    return KubeContainer(
        name=name.text,
        image=image or None,
        command=command,
        args=args,
        env=env,
        env_from=(),
        working_dir=None,
        container_type="container",
        restart_policy=None,
        span=Span(_FILE, None, name.col),
        path=path,
    )


def _args(words: tuple[Word, ...], field: str, container: str) -> tuple[Arg, ...] | None:
    if not words:
        return None
    return tuple(
        Arg(w.text, f"kubectl.{field}", Span(_FILE, None, w.col), path=f"{container}.{field}[{k}]")
        for k, w in enumerate(words)
    )


def _flag_on(line: _Line, name: str) -> bool:
    setting = line.last(name)
    return setting is not None and _GO_BOOLS[setting.value]


def _namespace(line: _Line) -> str | None:
    return line.value("namespace") or None


def _require(line: _Line, *names: str) -> None:
    """cobra ``ValidateRequiredFlags``: every flag marked required must be given."""
    missing = [n for n in sorted(names) if line.last(n) is None]
    if missing:
        raise line.refuse('required flag(s) "' + '", "'.join(missing) + '" not set')


def _parse_pairs(line: _Line, name: str) -> dict[str, str]:
    """``cmdutil.ParsePairs``: each ``KEY=VALUE`` must have a key before ``=``."""
    pairs: dict[str, str] = {}
    bad = [s for s in line.every(name) if "=" not in s.value or s.value.startswith("=")]
    if bad:
        raise line.refuse(f"invalid {name} format: {', '.join(s.value for s in bad)}", bad[0].col)
    for s in line.every(name):
        key, _, value = s.value.partition("=")
        pairs[key] = value
    return pairs


def _parse_labels(line: _Line) -> dict[str, str]:
    """``run.go :: parseLabels``: comma-separated ``key=value``, last ``--labels`` wins."""
    setting = line.last("labels")
    if setting is None or not setting.value:
        return {}
    labels: dict[str, str] = {}
    for spec in setting.value.split(","):
        parts = spec.split("=")
        if len(parts) != 2:
            raise line.refuse(f"unexpected label spec: {spec}", setting.col)
        if not parts[0]:
            raise line.refuse("unexpected empty label key", setting.col)
        labels[parts[0]] = parts[1]
    return labels


_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*", re.ASCII)


def _parse_envs(line: _Line) -> tuple[EnvVar, ...]:
    """``run.go :: parseEnvs``: ``NAME=value`` with a valid ``IsEnvVarName`` name."""
    env: list[EnvVar] = []
    for k, s in enumerate(line.every("env")):
        name, eq, value = s.value.partition("=")
        if not eq or not _ENV_NAME.fullmatch(name) or name in (".", "..") or name[:2] == "..":
            raise line.refuse(f"invalid env: {s.value}", s.col)
        env.append(
            EnvVar(name, value, None, Span(_FILE, None, s.col), f"spec.containers[0].env[{k}]")
        )
    return tuple(env)


def _check_restart_policy(line: _Line) -> None:
    setting = line.last("restart")
    if setting is not None and setting.value not in ("", "Always", "OnFailure", "Never"):
        raise line.refuse(
            f"invalid restart policy: {setting.value}, valid values are: Always, OnFailure, Never",
            setting.col,
        )


def _check_pull_policy(line: _Line) -> None:
    setting = line.last("image-pull-policy")
    if setting is not None and setting.value not in ("", "Always", "IfNotPresent", "Never"):
        raise line.refuse(
            f"invalid image pull policy: {setting.value}, valid values are: "
            "Always, IfNotPresent, Never",
            setting.col,
        )


def _dry_run(line: _Line) -> str:
    """``cmdutil.GetDryRunStrategy``: ``none``, ``client`` or ``server``."""
    setting = line.last("dry-run")
    value = "none" if setting is None else setting.value
    if value in _GO_BOOLS:
        return "client" if _GO_BOOLS[value] else "none"
    if value in ("unchanged", "client"):
        return "client"
    if value in ("server", "none"):
        return value
    raise line.refuse(
        f'Invalid dry-run value ({value}). Must be "none", "server", or "client".',
        None if setting is None else setting.col,
    )


# distribution/reference v0.6.0 regexp.go :: ReferenceRegexp (anchored).
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[(?:[a-fA-F0-9:]+)\])"
_REFERENCE = re.compile(
    rf"(?:{_HOST}(?::[0-9]+)?/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
    r"(?::[\w][\w.-]{0,127})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?",
    re.ASCII,
)
_GO_INT = re.compile(r"[+-]?[0-9]+", re.ASCII)


def _validate_run(line: _Line, dry_run: str) -> Word:
    """``(*RunOptions).Validate``, in its order; returns the NAME word."""
    if not line.positionals or line.args_len_at_dash == 0:
        raise line.refuse("NAME is required for run", line.dash_col)
    image = line.last("image")
    assert image is not None  # _require ran first
    if not image.value:
        raise line.refuse("--image is required", image.col)
    if not _REFERENCE.fullmatch(image.value):
        raise line.refuse(
            f"invalid image name {_go_quote(image.value)}: invalid reference format", image.col
        )
    stdin = _flag_on(line, "stdin")
    if _flag_on(line, "tty") and not stdin:
        raise line.refuse("-i/--stdin is required for containers with -t/--tty=true")
    port = line.last("port")
    if _flag_on(line, "expose") and (port is None or not port.value):
        raise line.refuse("--port must be set when exposing a service")
    if port is not None and port.value and not _is_go_int(port.value):
        raise line.refuse("--port must be a number", port.col)
    attach = _flag_on(line, "attach") if line.last("attach") is not None else stdin
    if not attach and _flag_on(line, "rm"):
        raise line.refuse("--rm should only be used for attached containers")
    if attach and dry_run != "none":
        raise line.refuse(
            "--dry-run=[server|client] can't be used with attached containers options "
            "(--attach, --stdin, or --tty)"
        )
    return _named(line.positionals[0])


def _is_go_int(text: str) -> bool:
    """``strconv.Atoi``: optional sign, decimal digits, within int64."""
    return bool(_GO_INT.fullmatch(text)) and -(2**63) <= int(text) < 2**63


def _named(word: Word) -> Word:
    if not word.text:
        raise _error(f"the NAME at column {word.col} is empty", word.col)
    return word


# ------------------------------------------------------------------ kubectl create


def _created_template(kind: str, line: _Line, span: Span) -> PodSpec:
    """``kubectl create deployment|job|cronjob``: the pod template it builds."""
    if kind == "deployment":
        _require(line, "image")
    elif kind == "cronjob":
        _require(line, "image", "schedule")
    name = _name_from_command_args(line)
    _dry_run(line)
    _validation_directive(line)
    command = line.positionals[1:]
    workload, path = _WORKLOAD_TEMPLATE[kind]
    if kind == "deployment":
        containers = _deployment_containers(line, command, path)
    else:
        if kind == "job":
            _validate_job(line, command)
        at = f"{path}.containers[0]"
        containers = (
            _container(name, line.value("image"), command=_args(command, "command", at), path=at),
        )
    return PodSpec(
        workload=f"{workload}/{name.text}",
        namespace=_namespace(line),
        pod_name=None,
        labels=(("app", name.text),) if kind == "deployment" else (),
        annotations=(),
        node_name=None,
        service_account_name=None,
        containers=containers,
        span=span,
        path=path,
    )


def _name_from_command_args(line: _Line) -> Word:
    """``create.go :: NameFromCommandArgs``: exactly one word before ``--``."""
    count = line.args_len_at_dash
    if count == -1:
        count = len(line.positionals)
    if count != 1:
        col = line.positionals[1].col if count > 1 else line.dash_col
        raise line.refuse(f"exactly one NAME is required, got {count}", col)
    return _named(line.positionals[0])


def _validation_directive(line: _Line) -> None:
    """``cmdutil.GetValidationDirective``: a bool, or strict, warn or ignore."""
    setting = line.last("validate")
    if setting is None or setting.value in _GO_BOOLS:
        return
    if setting.value not in ("strict", "warn", "ignore"):
        raise line.refuse(
            f"invalid - validate option {_go_quote(setting.value)}; must be one of: "
            "strict (or true), warn, ignore (or false)",
            setting.col,
        )


def _validate_job(line: _Line, command: tuple[Word, ...]) -> None:
    """``(*CreateJobOptions).Validate``; ``--from`` copies a CronJob we cannot see."""
    image, source = line.value("image"), line.last("from")
    if bool(image) == bool(source is not None and source.value):
        raise line.refuse("either --image or --from must be specified")
    if source is not None and source.value:
        if command:
            raise line.refuse("cannot specify --from and command", command[0].col)
        raise _error(
            "`kubectl create job --from` is not supported: the Job copies the template of "
            "a CronJob in the cluster; give the Job as a manifest instead",
            source.col,
        )


def _deployment_containers(
    line: _Line, command: tuple[Word, ...], path: str
) -> tuple[KubeContainer, ...]:
    """``create_deployment.go :: buildPodSpec``: one container per image, same command."""
    images = [(image, s.col) for s in line.every("image") for image in _read_csv(s)]
    if len(images) > 1 and command:
        raise line.refuse("cannot specify multiple --image options and command", command[0].col)
    if not images:
        raise _error(
            "the Deployment would have no container: --image is empty", line.every("image")[-1].col
        )
    return tuple(
        _container(
            Word(_container_name_from_image(image), col, ()),
            image,
            command=_args(command, "command", f"{path}.containers[{k}]"),
            path=f"{path}.containers[{k}]",
        )
        for k, (image, col) in enumerate(images)
    )


def _read_csv(setting: _Setting) -> list[str]:
    """pflag ``stringSlice.Set``: one ``--image`` value may list images, comma-separated."""
    if '"' in setting.value:
        raise _error(
            "quoted CSV in a --image value is not supported: give one image per --image",
            setting.col,
        )
    return setting.value.split(",") if setting.value else []


_RANDOM_SUFFIX = "?????"


def _container_name_from_image(image: str) -> str:
    """``buildPodSpec`` + ``sanitizeAndUniquify``: the image's last path part, no tag
    or digest; with ``_`` or ``.`` in it those become ``-`` and kubectl appends
    ``-`` and five random characters, shown here as ``?????``."""
    name = image.split("/")[-1].split(":")[0].split("@")[0]
    if "_" in name or "." in name:
        return f"{name.replace('_', '-').replace('.', '-')}-{_RANDOM_SUFFIX}"
    return name
