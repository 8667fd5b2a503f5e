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

from collections.abc import Sequence
from types import MappingProxyType

from cmdresolve.model import Span
from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import PodSpec
from cmdresolve.sources.cmdline.kubectl_create import created_template
from cmdresolve.sources.cmdline.kubectl_options import (
    CREATE_ALIASES,
    GLOBAL_BOOL,
    GLOBAL_SHORTHANDS,
    KUBECTL_FLAGS,
    parse_interspersed,
)
from cmdresolve.sources.cmdline.kubectl_run import run_pod
from cmdresolve.sources.cmdline.program import (
    RUN_FILE,
    CommandLine,
    run_error,
)
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = ["kubectl_pod", "parse_kubectl_line"]

# Each refusal names what is supported, as a whole sentence of the catalog.
_NO_PROGRAM = N_(
    "the command line names no program: give `kubectl run`, `kubectl create deployment`, "
    "`kubectl create job` or `kubectl create cronjob`"
)


def _program(command: CommandLine) -> int:
    """Index of the ``kubectl`` word, past ``NAME=value`` prefixes and ``sudo``."""
    i, words = command.program_index(_NO_PROGRAM), command.words
    if command.program != "kubectl":
        raise run_error(
            N_(
                "`{program}` is not kubectl: give `kubectl run`, `kubectl create deployment`, "
                "`kubectl create job` or `kubectl create cronjob`"
            ),
            words[i].col,
            program=words[i].text,
        )
    return i


# ``kubectl create``'s own flags that take no value, for finding its kind.
_CREATE_NO_VALUE = GLOBAL_BOOL | {
    "allow-missing-template-keys", "dry-run", "edit", "record", "recursive", "save-config",
    "show-managed-fields", "validate", "windows-line-endings",
}  # fmt: skip
_STRIP_SHORTHANDS = MappingProxyType({**GLOBAL_SHORTHANDS, "R": "recursive"})


def _takes_next(text: str, no_value: frozenset[str]) -> bool:
    """cobra ``stripFlags``: does this option take the next word?"""
    if "=" in text:
        return False
    if text.startswith("--"):
        return text[2:].replace("_", "-") not in no_value
    return len(text) == 2 and _STRIP_SHORTHANDS.get(text[1]) not in no_value


def _first_command(words: Sequence[Word], start: int, skip: int, no_value: frozenset[str]) -> int:
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


def _subcommand(words: Sequence[Word], start: int) -> tuple[str, list[int]]:
    """The command read here (``run`` or a create kind) and its word indices."""
    at = _first_command(words, start + 1, -1, GLOBAL_BOOL)
    if at < 0:
        raise run_error(
            N_(
                "`kubectl` has no subcommand: give `kubectl run`, `kubectl create deployment`, "
                "`kubectl create job` or `kubectl create cronjob`"
            ),
            words[start].col,
        )
    first = words[at]
    if first.text == "run":
        return "run", [at]
    if first.text != "create":
        raise run_error(
            N_(
                "`kubectl {subcommand}` is not supported: give `kubectl run`, "
                "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`"
            ),
            first.col,
            subcommand=first.text,
        )
    kind_at = _first_command(words, start + 1, at, _CREATE_NO_VALUE)
    if kind_at < 0:
        raise run_error(
            N_(
                "`kubectl create` names no kind: give `kubectl run`, `kubectl create deployment`, "
                "`kubectl create job` or `kubectl create cronjob`"
            ),
            first.col,
        )
    kind = words[kind_at]
    if kind.text not in CREATE_ALIASES:
        raise run_error(
            N_(
                "`kubectl create {kind}` is not supported: give `kubectl run`, "
                "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`"
            ),
            kind.col,
            kind=kind.text,
        )
    return CREATE_ALIASES[kind.text], [at, kind_at]


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
    return kubectl_pod(CommandLine(line))


def kubectl_pod(command: CommandLine) -> PodSpec:
    """:func:`parse_kubectl_line` of a line already split into words."""
    words = command.words
    start = _program(command)
    sub, used = _subcommand(words, start)
    rest = [w for k, w in enumerate(words[start + 1 :], start + 1) if k not in used]
    parsed = parse_interspersed(rest, KUBECTL_FLAGS[sub], words[used[-1]].col)
    span = Span(RUN_FILE, None, words[start].col)
    if sub == "run":
        return run_pod(parsed, span)
    return created_template(sub, parsed, span)
