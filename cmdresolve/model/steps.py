"""The rules of the real systems, applied one step at a time while resolving.

A :class:`Step` is a :class:`StepKind` (which rule) plus its parameters (which
instruction, which form, which values were set or reset), the rule's authority (the
upstream function) and the place in the input it applies to. Each kind's sentence is
made in ``render``; JSON carries the kind as ``rule`` and the parameters as ``params``.
"""

from __future__ import annotations

from cmdresolve.model.facts import NO_PARAMS, Kind
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.facts import Params
    from cmdresolve.model.span import Span

__all__ = ["Step", "StepKind"]


class StepKind(Kind):
    # BuildKit: the stage fold and each instruction (resolve/dockerfile)
    DOCKERFILE_TARGET = "dockerfile.target"
    DOCKERFILE_FROM = "dockerfile.from"
    DOCKERFILE_FROM_SCRATCH = "dockerfile.from_scratch"
    DOCKERFILE_FROM_UNSET_ARG = "dockerfile.from_unset_arg"
    DOCKERFILE_STAGE_INHERIT = "dockerfile.stage.inherit"
    DOCKERFILE_ONBUILD = "dockerfile.onbuild"
    DOCKERFILE_SHELL = "dockerfile.shell"
    DOCKERFILE_SHELL_WRAP = "dockerfile.shell_wrap"
    DOCKERFILE_CMD = "dockerfile.cmd"
    DOCKERFILE_CMD_REPLACED = "dockerfile.cmd_replaced"
    DOCKERFILE_ENTRYPOINT = "dockerfile.entrypoint"
    DOCKERFILE_ENTRYPOINT_REPLACED = "dockerfile.entrypoint_replaced"
    DOCKERFILE_ENTRYPOINT_RESETS_CMD = "dockerfile.entrypoint_resets_cmd"

    # docker/cli and the daemon's merge (resolve/docker)
    DOCKER_ENTRYPOINT_FLAG = "docker.entrypoint_flag"
    DOCKER_RUN_ARGS = "docker.run_args"
    DOCKER_EMPTY_ENTRYPOINT = "docker.empty_entrypoint"
    DOCKER_INHERIT_ENTRYPOINT = "docker.inherit_entrypoint"
    DOCKER_INHERIT_CMD = "docker.inherit_cmd"
    DOCKER_NO_COMMAND = "docker.no_command"
    DOCKER_ARGV = "docker.argv"
    DOCKER_INIT = "docker.init"
    DOCKER_WORKDIR = "docker.workdir"
    SHELL_POSITIONALS = "shell.positionals"

    # a walk's image map (discover/, api): the one-Dockerfile rule
    ONE_DOCKERFILE = "discover.one_dockerfile"  # params: image, dockerfile

    # Docker Compose (resolve/compose)
    COMPOSE_PROFILE = "compose.profile"  # params: profiles (the service's, enabled)
    COMPOSE_STRING_SPLIT = "compose.string_split"  # params: field, text, words
    COMPOSE_OPERATOR_CUT = "compose.operator_cut"  # params: field, text, words, dropped
    COMPOSE_LIST = "compose.list"  # params: field, words
    COMPOSE_NULL = "compose.null"  # params: field (null or absent: the image's)
    COMPOSE_EMPTY_ENTRYPOINT = "compose.empty_entrypoint"  # [] or "": keeps the image CMD
    COMPOSE_EMPTY_COMMAND = "compose.empty_command"  # [] or "": the image CMD still used
    COMPOSE_RUN = "compose.run"  # params: service, entrypoint, args
    COMPOSE_WORKDIR = "compose.workdir"  # params: path
    COMPOSE_INIT = "compose.init"  # init: true puts docker-init in front as PID 1

    # the kubelet (resolve/kubernetes)
    KUBELET_SIDECAR = "kubelet.sidecar"
    KUBELET_EMPTY_LIST = "kubelet.empty_list"
    KUBELET_EXPAND = "kubelet.expand"
    KUBELET_ENV_FROM = "kubelet.env_from"
    KUBELET_ENV_LITERAL = "kubelet.env_literal"
    KUBELET_ENV_EXPAND = "kubelet.env_expand"
    KUBELET_ENV_OVERRIDE = "kubelet.env_override"
    KUBELET_ENV_OPTIONAL = "kubelet.env_optional"
    KUBELET_ENV_ORDER = "kubelet.env_order"
    KUBELET_ENV_ERROR = "kubelet.env_error"
    KUBELET_FIELD_MISSING = "kubelet.field_missing"
    KUBELET_SERVICE_LINKS = "kubelet.service_links"
    KUBELET_SERVICE_ACCOUNT_DEFAULT = "kubelet.service_account_default"
    KUBELET_USER = "kubelet.user"

    # the CRI runtime's merge with the image config (resolve/kubernetes)
    CRI_COMMAND = "cri.command"
    CRI_ARGS = "cri.args"
    CRI_EMPTY_COMMAND = "cri.empty_command"
    CRI_EMPTY_ENTRYPOINT = "cri.empty_entrypoint"
    CRI_EMPTY_PROGRAM = "cri.empty_program"
    CRI_INHERIT_ENTRYPOINT = "cri.inherit_entrypoint"
    CRI_INHERIT_CMD = "cri.inherit_cmd"
    CRI_NO_COMMAND = "cri.no_command"
    CRI_ARGV = "cri.argv"
    CRI_RUNTIME_DIFFERS = "cri.runtime_differs"

    # controllers that start the container's program themselves (resolve/kubernetes)
    NAMESPACE_DEFAULT = "kubectl.namespace_default"  # params: namespace, option (-n given)
    ARGO_IMAGE_LOOKUP = "argo.image_lookup"  # params: entrypoint, cmd (None: not used)
    ARGO_SCRIPT = "argo.script"  # params: path
    ARGO_EMISSARY = "argo.emissary"  # params: program, looked_up
    TEKTON_IMAGE_LOOKUP = "tekton.image_lookup"  # params: entrypoint, cmd, has_args
    TEKTON_SCRIPT = "tekton.script"  # params: shebang (None: Tekton's #!/bin/sh preamble)
    TEKTON_ENTRYPOINT = "tekton.entrypoint"  # params: index, program
    # the container's other processes: probes, hooks, health checks (resolve/processes)
    PROBE_EXEC = "kubelet.probe_exec"  # params: kind, names (the $(VAR) expanded), empty
    HOOK_EXEC = "kubelet.hook_exec"  # params: kind
    HANDLER_NO_PROGRAM = "kubelet.handler_no_program"  # params: kind, handler
    IMAGE_HEALTHCHECK_IGNORED = "kubelet.image_healthcheck_ignored"  # params: test
    HEALTHCHECK_EXEC = "docker.healthcheck_exec"  # params: source, test
    HEALTHCHECK_SHELL = "docker.healthcheck_shell"  # params: shell
    HEALTHCHECK_NONE = "docker.healthcheck_none"  # params: source
    HEALTHCHECK_OVERRIDE = "docker.healthcheck_override"  # params: source, image_test
    HEALTHCHECK_KEEPS_IMAGE_TEST = "docker.healthcheck_keeps_image_test"  # params: source


@record
class Step:
    """One rule of the real system applied while resolving, with its authority.

    ``params`` are the values the rule worked on (which instruction, which form, which
    values were set or reset); ``authority`` names the upstream function.
    """

    kind: StepKind
    params: Params = NO_PARAMS
    authority: str = ""
    span: Span | None = None

    @property
    def rule(self) -> str:
        return self.kind.value
