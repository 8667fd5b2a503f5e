"""What could not be known, what stops a container, and what a check found.

Each is a kind plus parameters; ``render`` says it in words. An unknown names the
fact that would settle it (``--image``, ``--build-arg``, a ConfigMap among the
inputs); an :class:`Failure` is why a container cannot be created at all.
"""

from __future__ import annotations

from cmdresolve.model.facts import NO_PARAMS, Kind
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model.facts import Params
    from cmdresolve.model.span import Span

    Severity = Literal["error", "warning", "info"]

__all__ = ["Failure", "FailureKind", "Finding", "Notice", "NoticeKind", "Unknown", "UnknownKind"]


class UnknownKind(Kind):
    """Why a part of the answer is not, or not wholly, known."""

    # --- BuildKit: base images, stages, build args (resolve/dockerfile) ---
    DOCKERFILE_BASE_UNKNOWN = "dockerfile.base_unknown"  # params: image
    DOCKERFILE_PLATFORM_BASE = "dockerfile.platform_base"  # params: base, args (unset)
    DOCKERFILE_SHELL_UNKNOWN = "dockerfile.shell_unknown"  # params: instruction
    DOCKERFILE_WORKDIR_UNKNOWN = "dockerfile.workdir_unknown"  # params: path (relative)

    # --- the docker CLI and daemon merge, and the API's image lookup (resolve/docker, api) ---
    DOCKER_IMAGE_FIELD = "docker.image_field"  # params: field (entrypoint, cmd), image
    DOCKER_USER = "docker.user"  # params: image
    DOCKER_ENV_FILE = "docker.env_file"  # --env-file not read; params: path
    DOCKER_ENV_FROM_HOST = "docker.env_from_host"  # -e NAME without a value; params: name
    DOCKER_IMAGE_ENV = "docker.image_env"  # params: image
    DOCKER_WORKDIR = "docker.workdir"  # params: image
    COMPOSE_ENV_FROM_HOST = "compose.env_from_host"  # environment: NAME, not set; params: name
    COMPOSE_BUILD_CONTEXT = "compose.build_context"  # a remote build context; params: context
    IMAGE_NOT_KNOWN = "api.image_not_known"  # not built, bound nor catalogued; params: image
    PODMAN_HEALTHCHECK = "podman.healthcheck"  # podman's --health-cmd is not modelled

    # --- the kubelet and the CRI runtime (resolve/kubernetes) ---
    CRI_IMAGE_FIELD = "cri.image_field"  # params: field (entrypoint, cmd), image
    # $(NAME) in command/args; params: name, field (the API path or origin), symbol
    KUBELET_VAR_UNDEFINED = "kubelet.var_undefined"  # left literal: the env does not define it
    KUBELET_VAR_AT_RUN_TIME = "kubelet.var_at_run_time"  # expanded at run time, value unknown
    # $(NAME) in an env value; params: index, var, name (+ symbol, sources)
    KUBELET_ENV_REF_AT_RUN_TIME = "kubelet.env_ref_at_run_time"
    KUBELET_ENV_REF_SERVICE = "kubelet.env_ref_service"  # a service-link variable
    KUBELET_ENV_REF_UNSEEN = "kubelet.env_ref_unseen"  # an envFrom source not given may set it
    KUBELET_ENV_FROM_UNSEEN = "kubelet.env_from_unseen"  # an envFrom source not among the inputs
    KUBELET_ENV_VALUE = "kubelet.env_value"  # a valueFrom only the cluster knows; params: cause

    # --- controllers that start the program (resolve/kubernetes/argo.py, tekton.py) ---
    ARGO_TEMPLATE_TAG = "argo.template_tag"  # {{…}} Argo fills in; params: tag, field
    TEKTON_VARIABLE = "tekton.variable"  # $(params.x) Tekton fills in; params: name, field
    TEKTON_SCRIPT_PATH = "tekton.script_path"  # the random suffix; params: path, field
    TEKTON_WINDOWS_SCRIPT = "tekton.windows_script"  # #!win scripts are not resolved


@record
class Unknown:
    """Something we could not know (its kind and parameters), and where."""

    kind: UnknownKind
    span: Span | None = None
    params: Params = NO_PARAMS


class FailureKind(Kind):
    """Why a container cannot be created (the engine refuses it)."""

    NO_COMMAND = "no_command"  # neither an entrypoint nor a command: "no command specified"
    WORKDIR_NOT_ABSOLUTE = "workdir_not_absolute"  # params: path
    ENV_REFUSED = "env_refused"  # the kubelet refuses to build the env; params by cause
    SCRIPT_NOT_EXECUTABLE = "script_not_executable"  # #! after leading space; params: field


@record
class Failure:
    kind: FailureKind
    params: Params = NO_PARAMS


@record
class Finding:
    """A check's finding: its rule, the values its message is made of, and where."""

    code: str
    name: str
    severity: Severity
    params: Params = NO_PARAMS
    span: Span | None = None


class NoticeKind(Kind):
    """Something in the inputs passed over, said once for the whole run."""

    NOT_A_WORKLOAD = "kubernetes.not_a_workload"  # params: kind, name
    NO_EMBEDDED_SPEC = "kubernetes.no_embedded_spec"  # a taskRef; params: workload, field

    # --- a walked directory (discover/): each file that is not read as an input ---
    SKIPPED_FILE = "discover.skipped"  # params: what (a discover.classify.Kind value)
    HELM_TEMPLATE = "discover.helm_template"  # params: chart (its directory)
    KUSTOMIZATION = "discover.kustomization"  # params: directory
    KUSTOMIZE_PATCH = "discover.kustomize_patch"  # params: kustomization (its file)
    COMPOSE_NOT_PICKED = "discover.compose_not_picked"  # params: picked (the folder's default)
    NOT_REGULAR = "discover.not_regular"  # a symlink, FIFO or device: never opened
    IMAGE_BY_REPOSITORY = "discover.image_by_repository"  # params: image, built, dockerfile
    IMAGE_CANDIDATE = "discover.image_candidate"  # params: image, dockerfiles, config


@record
class Notice:
    kind: NoticeKind
    span: Span | None = None
    params: Params = NO_PARAMS
