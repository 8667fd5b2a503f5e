"""Build arguments: the global ARGs, the ARG instruction, and the automatic platform ARGs.

Authority: moby/buildkit ``frontend/dockerfile/dockerfile2llb/convert.go``
(``toDispatchState``, ``dispatchArg``) and ``dockerfile2llb/platform.go ::
buildPlatformOpt`` at BK@73ed6825.
"""

from __future__ import annotations

import re

from cmdresolve.model import Unknown, UnknownKind
from cmdresolve.resolve.dockerfile.state import expand_word

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.dockerfile import Dockerfile, Instruction, Stage
    from cmdresolve.resolve.dockerfile.state import BuildLog, StageState

__all__ = [
    "PLATFORM_ARG",
    "dispatch_arg",
    "expand_base",
    "global_build_args",
    "platform_dependent_base",
    "unset_platform_args",
]

# Automatic platform ARGs (BK ``dockerfile2llb/platform.go :: buildPlatformOpt``).
PLATFORM_ARG = re.compile(r"\$\{?((?:BUILD|TARGET)(?:PLATFORM|OS|ARCH|VARIANT))\b")


def global_build_args(dockerfile: Dockerfile, build_args: Mapping[str, str]) -> dict[str, str]:
    """Authority: BK ``toDispatchState``: meta ARGs, overridden by ``--build-arg``;
    the automatic platform ARGs are global too (here only when given)."""
    args = {k: v for k, v in build_args.items() if PLATFORM_ARG.match("$" + k)}
    for ins in dockerfile.meta_args:
        for key, default in ins.pairs:
            if key in build_args:
                args[key] = build_args[key]
            elif default is not None:
                args[key] = expand_word(default, args, dockerfile.escape, ins.span)
            # A bare ``ARG NAME`` with no --build-arg sets nothing (``buildMetaArgs``):
            # ``${NAME-x}`` still sees it unset, and an earlier value stays.
    return args


class _Lookups(dict[str, str]):
    """The env, recording the names looked up that it has no value for."""

    def __init__(self, env: Mapping[str, str]) -> None:
        super().__init__(env)
        self.missing: dict[str, None] = {}

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if key not in self:
            self.missing[key] = None
        return super().get(key, default)


def expand_base(stage: Stage, global_args: Mapping[str, str], escape: str) -> tuple[str, list[str]]:
    """The FROM image word with the global ARGs substituted, and the variables it reads
    that have no value.

    Authority: BK ``convert.go :: buildDispatchStates``: the base name is processed
    with the global ARGs only (``ProcessWordWithMatches``; unset names are its
    ``Unmatched``).
    """
    env = _Lookups(global_args)
    return expand_word(stage.base, env, escape, stage.span), list(env.missing)


def unset_platform_args(
    base: str, global_args: Mapping[str, str], build_args: Mapping[str, str]
) -> list[str]:
    """The automatic platform ARGs named in a FROM line that nothing here sets, sorted."""
    return sorted(set(PLATFORM_ARG.findall(base)) - set(global_args) - set(build_args))


def platform_dependent_base(stage: Stage, names: list[str]) -> Unknown:
    """FROM names an automatic platform ARG whose value depends on the builder."""
    return Unknown(
        UnknownKind.DOCKERFILE_PLATFORM_BASE,
        stage.span,
        params={"base": stage.base, "args": tuple(names)},
    )


def dispatch_arg(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchArg``: a build arg beats the default;
    a bare ``ARG NAME`` imports the global value. The value joins the build
    state's env (so later words see it) but never ``Config.Env``."""
    for key, default in ins.pairs:
        if key in state.build_args:
            state.scope[key] = state.build_args[key]
        elif default is not None:
            state.scope[key] = state.expand(default, ins.span)
        elif key in state.global_args:
            state.scope[key] = state.global_args[key]
