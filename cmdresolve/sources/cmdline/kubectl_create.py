"""Build the pod template of a ``kubectl create deployment|job|cronjob`` line.

Authority: kubernetes/kubectl @ dee3483a ``pkg/cmd/create/create_deployment.go``
(``Complete``: ``o.Command = args[1:]``; ``buildPodSpec`` names each container
after its image), ``create_job.go`` and ``create_cronjob.go`` (the container
is named NAME and gets ``Command``), ``create.go :: NameFromCommandArgs`` and
``pkg/cmd/util/helpers.go :: GetValidationDirective``.  ``kubectl create job
--from`` is refused: the template is in the cluster.
"""

from __future__ import annotations

from types import MappingProxyType

from cmdresolve.model import Span
from cmdresolve.model.facts import N_
from cmdresolve.model.kubernetes import KubeContainer, PodSpec
from cmdresolve.sources.cmdline.kubectl_container import build_container, container_args
from cmdresolve.sources.cmdline.kubectl_options import (
    KubectlLine,
    dry_run_strategy,
    named,
    namespace,
    require_flags,
)
from cmdresolve.sources.cmdline.pflag import GO_BOOLS, Setting, go_quote
from cmdresolve.sources.cmdline.program import run_error
from cmdresolve.sources.cmdline.shell_words import Word

__all__ = ["created_template"]

_WORKLOAD_TEMPLATE = MappingProxyType(
    {
        "deployment": ("Deployment", "spec.template.spec"),
        "job": ("Job", "spec.template.spec"),
        "cronjob": ("CronJob", "spec.jobTemplate.spec.template.spec"),
    }
)


def created_template(kind: str, line: KubectlLine, span: Span) -> PodSpec:
    """``kubectl create deployment|job|cronjob``: the pod template it builds."""
    if kind == "deployment":
        require_flags(line, "image")
    elif kind == "cronjob":
        require_flags(line, "image", "schedule")
    name = _name_from_command_args(line)
    dry_run_strategy(line)
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
            build_container(
                name, line.value("image"), command=container_args(command, "command", at), path=at
            ),
        )
    return PodSpec(
        workload=f"{workload}/{name.text}",
        namespace=namespace(line),
        pod_name=None,
        labels=(("app", name.text),) if kind == "deployment" else (),
        annotations=(),
        node_name=None,
        service_account_name=None,
        containers=containers,
        span=span,
        path=path,
    )


def _name_from_command_args(line: KubectlLine) -> Word:
    """``create.go :: NameFromCommandArgs``: exactly one word before ``--``."""
    count = line.args_len_at_dash
    if count == -1:
        count = len(line.positionals)
    if count != 1:
        col = line.positionals[1].col if count > 1 else line.dash_col
        raise line.refuse(f"exactly one NAME is required, got {count}", col)
    return named(line.positionals[0])


def _validation_directive(line: KubectlLine) -> None:
    """``cmdutil.GetValidationDirective``: a bool, or strict, warn or ignore."""
    setting = line.last("validate")
    if setting is None or setting.value in GO_BOOLS:
        return
    if setting.value not in ("strict", "warn", "ignore"):
        raise line.refuse(
            f"invalid - validate option {go_quote(setting.value)}; must be one of: "
            "strict (or true), warn, ignore (or false)",
            setting.col,
        )


def _validate_job(line: KubectlLine, command: tuple[Word, ...]) -> None:
    """``(*CreateJobOptions).Validate``; ``--from`` copies a CronJob we cannot see."""
    image, source = line.value("image"), line.last("from")
    if bool(image) == bool(source is not None and source.value):
        raise line.refuse("either --image or --from must be specified")
    if source is not None and source.value:
        if command:
            raise line.refuse("cannot specify --from and command", command[0].col)
        raise run_error(
            N_(
                "`kubectl create job --from` is not supported: the Job copies the template of "
                "a CronJob in the cluster; give the Job as a manifest instead"
            ),
            source.col,
        )


def _deployment_containers(
    line: KubectlLine, command: tuple[Word, ...], path: str
) -> tuple[KubeContainer, ...]:
    """``create_deployment.go :: buildPodSpec``: one container per image, same command."""
    images = [(image, s.col) for s in line.every("image") for image in _read_csv(s)]
    if len(images) > 1 and command:
        raise line.refuse("cannot specify multiple --image options and command", command[0].col)
    if not images:
        raise run_error(
            N_("the Deployment would have no container: --image is empty"),
            line.every("image")[-1].col,
        )
    return tuple(
        build_container(
            Word(_container_name_from_image(image), col, b""),
            image,
            command=container_args(command, "command", f"{path}.containers[{k}]"),
            path=f"{path}.containers[{k}]",
        )
        for k, (image, col) in enumerate(images)
    )


def _read_csv(setting: Setting) -> list[str]:
    """pflag ``stringSlice.Set``: one ``--image`` value may list images, comma-separated."""
    if '"' in setting.value:
        raise run_error(
            N_("quoted CSV in a --image value is not supported: give one image per --image"),
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
