"""The state of one stage while BuildKit dispatches its instructions, and the build's log.

Authority: moby/buildkit ``frontend/dockerfile/dockerfile2llb/convert.go`` (``dispatchState``,
``dispatchStages``) at BK@73ed6825.
"""

from __future__ import annotations

from cmdresolve.budget import Budget, OverBudget
from cmdresolve.model import InputError, Step, Unknown
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.image import ImageSource, SourceKind
from cmdresolve.shell_lexer import SubstitutionError, process_word

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model import ImageConfig, Span, StepKind
    from cmdresolve.model.dockerfile import Stage
    from cmdresolve.model.facts import Params

__all__ = ["BK", "DEFAULT_PATH", "BuildLog", "StageState", "expand_word"]


def expand_word(word: str, env: Mapping[str, str], escape: str, span: Span) -> str:
    """``word`` with its variables substituted from ``env``; a refusal is an error at ``span``.

    The build under way (:func:`expansion_budget`) bounds what substitution produces.
    """
    try:
        return process_word(word, env, escape, _BUDGETS[-1] if _BUDGETS else None)
    except OverBudget as exc:
        raise InputError(
            N_(
                "substituting {reference} makes more than {limit} characters in this build "
                "(does a variable double itself, as in ENV A=$A$A?)"
            ),
            span,
            reference=exc.reference,
            limit=exc.limit,
        ) from None
    except SubstitutionError as exc:
        raise InputError(N_("{error}"), span, error=str(exc)) from None


_BUDGETS: list[Budget] = []  # one per build under way; a bound base's build nests


class expansion_budget:  # lower case: used in a ``with`` like a function
    """Substitution in this build, in all, may produce what :class:`Budget` allows for
    the Dockerfile's ``text_size`` characters (a class: contextlib costs start-up)."""

    def __init__(self, text_size: int) -> None:
        self.budget = Budget(text_size)

    def __enter__(self) -> None:
        _BUDGETS.append(self.budget)

    def __exit__(self, *_exc: object) -> None:
        _BUDGETS.pop()


DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BK = "moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go"


class BuildLog:
    """The steps and unknowns of one build, in the order they happen."""

    __slots__ = ("steps", "unknowns")

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.unknowns: list[Unknown] = []

    def step(self, kind: StepKind, params: Params, authority: str, span: Span | None) -> None:
        self.steps.append(Step(kind, params, authority, span))


class StageState:
    """The image config being built by one stage, and what it has seen."""

    def __init__(
        self,
        base: ImageConfig,
        global_args: dict[str, str],
        build_args: dict[str, str],
        escape: str,
    ) -> None:
        self.config = base
        self.cmd_set = False
        # Where this stage last set CMD / ENTRYPOINT (BK ``instructionTracker.Loc``).
        self.last_span: dict[str, Span] = {}
        self.global_args = global_args
        self.build_args = build_args
        self.escape = escape
        self.env = list(base.env or ())
        if base.knows("env") and base.os != "windows" and not _has_key(self.env, "PATH"):
            self.env.append(DEFAULT_PATH)  # dispatchStages: before the stage's instructions
        # The build state's env: image env, then ARGs and ENVs as dispatched, last wins.
        self.scope = dict(item.split("=", 1) for item in self.env if "=" in item)

    def expand(self, word: str, span: Span) -> str:
        return expand_word(word, self.scope, self.escape, span)

    def finish(self, stage: Stage) -> ImageConfig:
        label = _stage_label(stage)
        return replace(self.config, env=tuple(self.env), source=label, catalogued=False)


def _has_key(env: list[str], key: str) -> bool:
    return any(item.split("=", 1)[0] == key for item in env)


def _stage_label(stage: Stage) -> ImageSource:
    return ImageSource(SourceKind.STAGE, stage.span.file, stage.index, stage.name)


