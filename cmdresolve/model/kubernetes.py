"""Kubernetes objects as far as they decide a container's process.

Every value keeps its place: a :class:`Span` in the manifest and the API field
path (``spec.template.spec.containers[0].args[1]``). ``None`` means the field
is absent; an empty tuple means it is present and empty (``command: []``),
which the kubelet then treats like absent — that rule lives in ``resolve``.
"""

from __future__ import annotations

from cmdresolve.model import Arg, Span
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Literal

    ContainerType = Literal["initContainer", "container", "ephemeralContainer"]
    LauncherKind = Literal["argo.emissary", "tekton.entrypoint", "tekton.sidecar"]
    EnvSourceKind = Literal[
        "configMapKeyRef", "secretKeyRef", "fieldRef", "resourceFieldRef", "fileKeyRef"
    ]
    EnvFromKind = Literal["configMapRef", "secretRef"]
    ConfigKind = Literal["ConfigMap", "Secret"]

    from cmdresolve.model.process import ProcessSpec
    from cmdresolve.model.unknowns import Notice


@record
class EnvValueSource:
    """``valueFrom``: where an env value comes from when it has no literal ``value``.

    ``name``/``key`` for ConfigMap and Secret refs; ``field_path`` for fieldRef;
    ``resource``/``container_name``/``divisor`` for resourceFieldRef.
    """

    kind: EnvSourceKind
    name: str | None = None
    key: str | None = None
    optional: bool = False
    field_path: str | None = None
    resource: str | None = None
    container_name: str | None = None
    divisor: str | None = None


@record
class EnvVar:
    """One ``env`` entry: ``value`` (``None`` when absent) or ``value_from``.

    ``added_by`` names the controller that appended it to the user's env (``Knative``:
    ``PORT``, ``K_SERVICE``, …); None for an entry of the manifest.
    """

    name: str
    value: str | None
    value_from: EnvValueSource | None
    span: Span | None
    path: str
    added_by: str | None = None


@record
class EnvFrom:
    """One ``envFrom`` entry: every key of a ConfigMap or Secret, maybe prefixed."""

    kind: EnvFromKind
    name: str
    prefix: str
    optional: bool
    span: Span | None
    path: str


@record
class KubeContainer:
    """A container of a pod spec. ``command``/``args`` items are :class:`Arg` with
    origin ``pod.command``/``pod.args``, their span and their field path.
    ``processes`` are its probes and lifecycle hooks, in the order read."""

    name: str
    image: str | None
    command: tuple[Arg, ...] | None
    args: tuple[Arg, ...] | None
    env: tuple[EnvVar, ...]
    env_from: tuple[EnvFrom, ...]
    working_dir: str | None
    container_type: ContainerType
    restart_policy: str | None
    span: Span | None
    path: str
    run_as: RunAs | None = None
    launcher: Launcher | None = None
    processes: tuple[ProcessSpec, ...] = ()


@record
class Launcher:
    """The program a controller puts in front of a container's own (``None`` on a
    container: the kubelet runs its process directly).

    Argo's ``argoexec emissary`` and Tekton's ``/tekton/bin/entrypoint`` become the
    container's command; the controller looks the image's ENTRYPOINT/CMD up itself
    when ``command`` is empty, and the wrapper starts the merged argv. ``script`` is
    Argo's ``script.source`` or a Tekton step's ``script``, written to a file the
    wrapper runs; ``index`` is the step's (or sidecar's) place, which names that file.
    """

    kind: LauncherKind
    script: str | None = None
    script_span: Span | None = None
    script_path: str | None = None  # the API path of the script field
    index: int = 0
    sidecar: bool = False  # a Tekton sidecar: its script file is named sidecar-script-N


@record
class RunAs:
    """``securityContext.runAsUser``/``runAsGroup`` of a pod or a container (None: unset)."""

    user: int | None
    group: int | None
    path: str  # of the securityContext


@record
class PodSpec:
    """A pod, or the pod template of a workload, with its containers in start order.

    ``workload`` is ``Kind/name`` of the object the template came from.
    ``pod_name`` is only known for a Pod (templates get generated names).
    """

    workload: str
    namespace: str | None
    pod_name: str | None
    labels: tuple[tuple[str, str], ...]
    annotations: tuple[tuple[str, str], ...]
    node_name: str | None
    service_account_name: str | None
    containers: tuple[KubeContainer, ...]
    span: Span | None
    path: str
    run_as: RunAs | None = None


@record
class ConfigData:
    """A ConfigMap or Secret given in the inputs; Secret ``data`` already decoded."""

    kind: ConfigKind
    name: str
    namespace: str | None
    data: tuple[tuple[str, str], ...]
    span: Span | None


@record
class Manifests:
    """Everything read from the Kubernetes inputs, in document order."""

    pods: tuple[PodSpec, ...]
    config: tuple[ConfigData, ...]
    notes: tuple[Notice, ...] = ()
