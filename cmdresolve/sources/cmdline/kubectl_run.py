"""Build the Pod of a ``kubectl run`` line.

Authority: kubernetes/kubectl @ dee3483a ``pkg/cmd/run/run.go`` (``Complete``,
``Validate``, ``createPod``, ``parseLabels``, ``parseEnvs``,
``getRestartPolicy``, ``getImagePullPolicy``) and ``pkg/cmd/util/helpers.go ::
ParsePairs``; image names are checked as distribution/reference v0.6.0
``regexp.go :: ReferenceRegexp`` does.  ``--overrides`` is refused: its JSON
can replace anything.
"""

from __future__ import annotations

import re

from cmdresolve.model import Span
from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import EnvVar, PodSpec
from cmdresolve.sources.cmdline.kubectl_container import build_container, container_args
from cmdresolve.sources.cmdline.kubectl_options import (
    KubectlLine,
    dry_run_strategy,
    flag_on,
    named,
    namespace,
    require_flags,
)
from cmdresolve.sources.cmdline.pflag import go_quote
from cmdresolve.sources.cmdline.program import RUN_FILE, run_error
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = ["run_pod"]


def run_pod(line: KubectlLine, span: Span) -> PodSpec:
    """``kubectl run``: ``Complete`` and ``Validate`` checks, then ``createPod``."""
    require_flags(line, "image")
    annotations = _parse_pairs(line, "annotations")
    labels = _parse_labels(line)
    env = _parse_envs(line)
    _check_restart_policy(line)
    _check_pull_policy(line)
    dry_run = dry_run_strategy(line)
    name = _validate_run(line, dry_run)
    overrides = line.last("overrides")
    if overrides is not None and overrides.value:
        raise run_error(
            N_(
                "--overrides is not supported yet: kubectl patches its JSON over the generated "
                "Pod, which can replace any field; give the Pod as a manifest instead"
            ),
            overrides.col,
        )
    args = line.positionals[1:]
    field = "command" if flag_on(line, "command") else "args"
    at = "spec.containers[0]"
    container = build_container(
        name,
        line.value("image"),
        command=container_args(args, "command", at) if field == "command" else None,
        args=container_args(args, "args", at) if field == "args" else None,
        env=env,
        path=at,
    )
    return PodSpec(
        workload=f"Pod/{name.text}",
        namespace=namespace(line),
        pod_name=name.text,
        labels=tuple(labels.items()) if labels else (("run", name.text),),
        annotations=tuple(annotations.items()),
        node_name=None,
        service_account_name=None,
        containers=(container,),
        span=span,
        path="spec",
    )


def _parse_pairs(line: KubectlLine, name: str) -> dict[str, str]:
    """``cmdutil.ParsePairs``: each ``KEY=VALUE`` must have a key before ``=``."""
    pairs: dict[str, str] = {}
    bad = [s for s in line.every(name) if "=" not in s.value or s.value.startswith("=")]
    if bad:
        raise line.refuse(f"invalid {name} format: {', '.join(s.value for s in bad)}", bad[0].col)
    for s in line.every(name):
        key, _, value = s.value.partition("=")
        pairs[key] = value
    return pairs


def _parse_labels(line: KubectlLine) -> dict[str, str]:
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


def _parse_envs(line: KubectlLine) -> tuple[EnvVar, ...]:
    """``run.go :: parseEnvs``: ``NAME=value`` with a valid ``IsEnvVarName`` name."""
    env: list[EnvVar] = []
    for k, s in enumerate(line.every("env")):
        name, eq, value = s.value.partition("=")
        if not eq or not _ENV_NAME.fullmatch(name) or name in (".", "..") or name[:2] == "..":
            raise line.refuse(f"invalid env: {s.value}", s.col)
        env.append(
            EnvVar(name, value, None, Span(RUN_FILE, None, s.col), f"spec.containers[0].env[{k}]")
        )
    return tuple(env)


def _check_restart_policy(line: KubectlLine) -> None:
    setting = line.last("restart")
    if setting is not None and setting.value not in ("", "Always", "OnFailure", "Never"):
        raise line.refuse(
            f"invalid restart policy: {setting.value}, valid values are: Always, OnFailure, Never",
            setting.col,
        )


def _check_pull_policy(line: KubectlLine) -> None:
    setting = line.last("image-pull-policy")
    if setting is not None and setting.value not in ("", "Always", "IfNotPresent", "Never"):
        raise line.refuse(
            f"invalid image pull policy: {setting.value}, valid values are: "
            "Always, IfNotPresent, Never",
            setting.col,
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


def _validate_run(line: KubectlLine, dry_run: str) -> Word:
    """``(*RunOptions).Validate``, in its order; returns the NAME word."""
    if not line.positionals or line.args_len_at_dash == 0:
        raise line.refuse("NAME is required for run", line.dash_col)
    image = line.last("image")
    assert image is not None  # require_flags ran first
    if not image.value:
        raise line.refuse("--image is required", image.col)
    if not _REFERENCE.fullmatch(image.value):
        raise line.refuse(
            f"invalid image name {go_quote(image.value)}: invalid reference format", image.col
        )
    stdin = flag_on(line, "stdin")
    if flag_on(line, "tty") and not stdin:
        raise line.refuse("-i/--stdin is required for containers with -t/--tty=true")
    port = line.last("port")
    if flag_on(line, "expose") and (port is None or not port.value):
        raise line.refuse("--port must be set when exposing a service")
    if port is not None and port.value and not _is_go_int(port.value):
        raise line.refuse("--port must be a number", port.col)
    attach = flag_on(line, "attach") if line.last("attach") is not None else stdin
    if not attach and flag_on(line, "rm"):
        raise line.refuse("--rm should only be used for attached containers")
    if attach and dry_run != "none":
        raise line.refuse(
            "--dry-run=[server|client] can't be used with attached containers options "
            "(--attach, --stdin, or --tty)"
        )
    return named(line.positionals[0])


def _is_go_int(text: str) -> bool:
    """``strconv.Atoi``: optional sign, decimal digits, within int64."""
    return bool(_GO_INT.fullmatch(text)) and -(2**63) <= int(text) < 2**63
