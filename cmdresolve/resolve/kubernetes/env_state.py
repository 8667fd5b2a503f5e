"""The env the kubelet is building for one container (its ``tmpEnv``), and its refusal.

Authority: kubernetes/kubernetes ``pkg/kubelet/kubelet_pods.go ::
makeEnvironmentVariables`` @ 001a80e9.
"""

from __future__ import annotations

from cmdresolve.model import Failure, FailureKind, Span, Step, StepKind, Unknown
from cmdresolve.model.frozen import field, record

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.budget import Budget
    from cmdresolve.model.facts import Param, Params
    from cmdresolve.model.kubernetes import ConfigData, KubeContainer, PodSpec

__all__ = ["K8S", "KUBELET", "EnvEntry", "EnvRefused", "EnvState"]

K8S = "kubernetes/kubernetes "
KUBELET = K8S + "pkg/kubelet/kubelet_pods.go :: makeEnvironmentVariables"


@record
class EnvEntry:
    """One variable of the container's kubelet-built env.

    ``value`` is None when only the cluster knows it; ``symbol`` then shows it
    (``<status.podIP>``). ``source`` says where it came from, for a human.
    """

    name: str
    value: str | None
    symbol: str | None
    source: str
    span: Span | None
    path: str | None


class EnvRefused(Exception):
    """The kubelet (or the API server before it) refuses: the container does not start.

    ``cause`` says which refusal (``not_found``, ``missing_key``, ``unsupported_field``,
    ``field_label``, ``subscript``); ``params`` are its values.
    """

    def __init__(self, cause: str, authority: str, **params: Param) -> None:
        super().__init__(cause)
        self.failure = Failure(FailureKind.ENV_REFUSED, {"cause": cause, **params})
        self.authority = authority


@record(frozen=False)
class EnvState:
    """The pod and container being read, the env so far, and what was learnt on the way."""

    pod: PodSpec
    container: KubeContainer
    config: tuple[ConfigData, ...]
    config_complete: bool
    env: dict[str, EnvEntry] = field(default_factory=dict)  # tmpEnv, in declaration order
    steps: list[Step] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)
    unseen_sources: list[str] = field(default_factory=list)  # envFrom sources not given
    budget: Budget | None = None  # what $(VAR) expansion may still produce
    last_declared: dict[str, int] = field(default_factory=dict)  # name -> last env index
    namespace_option: str | None = None  # kubectl -n; None: "default", the usual context's

    def namespace_of(self, written: str | None) -> str:
        """The namespace an object lands in: its own, else the one kubectl applies it to.

        Authority: kubernetes/kubectl ``pkg/cmd/apply/apply.go`` with
        ``cli-runtime/pkg/resource/builder.go :: NamespaceParam(...).DefaultNamespace()``:
        an object without ``metadata.namespace`` gets ``-n``, else the kubeconfig
        context's namespace, ``default`` when it names none.
        """
        return written or self.namespace_option or "default"

    def put(self, entry: EnvEntry, *, earns: bool = True) -> EnvEntry | None:
        """``tmpEnv[name] = value``; a redefined name moves to its last place.

        A value read from a ConfigMap, Secret or field (``earns``) is input text,
        so expansion may produce more for it; one made by expansion is not.
        """
        if earns and self.budget is not None and entry.value:
            self.budget.earn(len(entry.value))
        previous = self.env.pop(entry.name, None)
        self.env[entry.name] = entry
        return previous

    def step(
        self, kind: StepKind, params: Params, authority: str = KUBELET, span: Span | None = None
    ) -> None:
        self.steps.append(Step(kind, params, authority, span))
