"""Folding a Dockerfile's target stage into the image config BuildKit would store.

Authority: moby/buildkit ``frontend/dockerfile/dockerfile2llb/convert.go``
(``toDispatchState``, ``dispatchCmd``, ``dispatchEntrypoint``, ``dispatchShell``,
``dispatchEnv``, ``dispatchWorkdir``, ``dispatchUser``, ``dispatchArg``,
``dispatchOnbuild``, ``withShell``) and ``defaultshell.go`` at BK@73ed6825.

The rule of each instruction is in :mod:`cmdresolve.resolve.dockerfile.instructions`;
the global, stage and automatic platform ARGs are in
:mod:`cmdresolve.resolve.dockerfile.build_args`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import chain

from cmdresolve.model import ImageConfig, InputError, Span, Step, StepKind, Unknown, UnknownKind
from cmdresolve.model.dockerfile import Dockerfile, Instruction, Stage
from cmdresolve.model.engine import ImageBuild
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.image import ImageSource, SourceKind
from cmdresolve.resolve.dockerfile.build_args import (
    expand_base,
    global_build_args,
    platform_dependent_base,
    unset_platform_args,
)
from cmdresolve.resolve.dockerfile.instructions import dispatch, shell_prefix
from cmdresolve.resolve.dockerfile.state import (
    BK,
    DEFAULT_PATH,
    BuildLog,
    StageState,
    expansion_budget,
)

__all__ = [
    "BK",
    "DEFAULT_PATH",
    "Build",
    "ImageLookup",
    "TriggerParser",
    "build_image",
    "shell_prefix",
]

ImageLookup = Callable[[str], "ImageConfig | None"]
TriggerParser = Callable[[str, Span], Instruction]
IsReference = Callable[[str], bool]


class Build:
    """The built image config, how it came about, and how to build it again."""

    __slots__ = ("config", "source", "steps", "unknowns")

    def __init__(
        self,
        config: ImageConfig,
        steps: tuple[Step, ...],
        unknowns: tuple[Unknown, ...],
        source: ImageBuild,
    ) -> None:
        self.config, self.steps, self.unknowns, self.source = config, steps, unknowns, source


def build_image(
    dockerfile: Dockerfile,
    *,
    lookup: ImageLookup,
    parse_trigger: TriggerParser,
    target: str | None = None,
    build_args: Mapping[str, str] | None = None,
    is_reference: IsReference = lambda _name: True,
) -> Build:
    """The image config of the target stage (the last one unless ``target``).

    Authority: BK ``convert.go :: toDispatchState`` (global ARGs, stage lookup by
    exact lower-case name of an earlier stage, ``--target``).
    """
    log = BuildLog()
    with expansion_budget(dockerfile.text_size()):
        folder = _Folder(dockerfile, lookup, parse_trigger, dict(build_args or {}), log)
        folder.check_bases(is_reference)
        index = _target_index(dockerfile, target)
        config = folder.stage(index)
    if target is not None:
        log.step(
            StepKind.DOCKERFILE_TARGET,
            {"target": target, "stage": index, "name": dockerfile.stages[index].name},
            f"{BK} :: toDispatchState (resolveTarget)",
            dockerfile.stages[index].span,
        )
    source = ImageBuild(
        dockerfile.path,
        target,
        tuple(sorted((build_args or {}).items())),
        folder.external_bases(),
    )
    return Build(config, tuple(log.steps), tuple(log.unknowns), source)


def _target_index(dockerfile: Dockerfile, target: str | None) -> int:
    if not dockerfile.stages:
        raise InputError(N_("no build stage in the Dockerfile"), Span(dockerfile.path))
    if target is None:
        return len(dockerfile.stages) - 1
    for stage in dockerfile.stages:
        if stage.name == target.lower():
            return stage.index
    raise InputError(
        N_('target stage "{target}" could not be found'), Span(dockerfile.path), target=target
    )


class _Folder:
    def __init__(
        self,
        dockerfile: Dockerfile,
        lookup: ImageLookup,
        parse_trigger: TriggerParser,
        build_args: dict[str, str],
        log: BuildLog,
    ) -> None:
        self.df = dockerfile
        self.lookup = lookup
        self.parse_trigger = parse_trigger
        self.build_args = build_args
        self.log = log
        self.global_args = global_build_args(dockerfile, build_args)
        self.done: dict[int, ImageConfig] = {}
        self.first_named: dict[str, int] = {}  # the first stage of each name
        for stage in dockerfile.stages:
            if stage.name:
                self.first_named.setdefault(stage.name, stage.index)
        # Each FROM's image word: expanded, and the ARGs it reads that have no value;
        # None when it names an automatic platform ARG nothing here sets.
        self.bases: dict[int, tuple[str, list[str]] | None] = {}

    def check_bases(self, is_reference: IsReference) -> None:
        """Refuse the build where BuildKit does, whichever stage is the target.

        Authority: BK ``convert.go :: buildDispatchStates`` ("base name (…) should not
        be blank", every stage in order) and ``resolveBaseImage`` (``failed to parse
        stage name``: every stage not built from an earlier one or scratch).
        """
        for stage in self.df.stages:
            if unset_platform_args(stage.base, self.global_args, self.build_args):
                self.bases[stage.index] = None
                continue
            name, unset = expand_base(stage, self.global_args, self.df.escape)
            if not name:
                raise InputError(
                    N_("base name ({base}) should not be blank"), stage.span, base=stage.base
                )
            self.bases[stage.index] = name, unset
        earlier: set[str] = set()
        for stage in self.df.stages:
            base = self.bases[stage.index]
            built_on = base is not None and (base[0] == "scratch" or base[0] in earlier)
            if base is not None and not built_on and not is_reference(base[0]):
                raise _invalid_reference(base[0], base[1], stage.span)
            if stage.name:
                earlier.add(stage.name)

    def stage(self, index: int) -> ImageConfig:
        """The image config stage ``index`` makes; each stage is folded once.

        A stage built ``FROM`` an earlier stage needs that one first: the chain is
        walked down to a stage whose base is done or not a stage, then folded back up,
        with a loop (a chain of thousands of stages is no deeper than one).
        """
        waiting: list[tuple[Stage, str]] = []  # stages whose base stage comes first
        i = index
        while i not in self.done:
            stage = self.df.stages[i]
            start = self._start(stage)
            if isinstance(start, ImageConfig):  # its base is not known: nothing to fold
                self.done[i] = start
                break
            base_name, earlier = start
            if earlier is None:
                self.done[i] = self._dispatch(stage, self._base_config(stage, base_name), base_name)
                break
            self.log.step(
                StepKind.DOCKERFILE_STAGE_INHERIT,
                {"stage": stage.index, "base": base_name},
                f"{BK} :: dispatchState.init (clone of the base stage's image)",
                stage.span,
            )
            waiting.append((stage, base_name))
            i = earlier
        config = self.done[i]
        for stage, base_name in reversed(waiting):
            config = self.done[stage.index] = self._dispatch(stage, config, base_name)
        return self.done[index]

    def external_bases(self) -> tuple[str, ...]:
        """The images the FROM lines name, in order, without stages and scratch."""
        names = {stage.name for stage in self.df.stages if stage.name}
        found = (base[0] for base in self.bases.values() if base is not None)
        return tuple(dict.fromkeys(n for n in found if n not in names and n != "scratch"))

    def _start(self, stage: Stage) -> ImageConfig | tuple[str, int | None]:
        """What the stage starts from: the config itself when its base cannot be known,
        else the base's name and, when that is an earlier stage, its index."""
        base = self.bases[stage.index]
        if base is None:
            platform_args = unset_platform_args(stage.base, self.global_args, self.build_args)
            self.log.unknowns.append(platform_dependent_base(stage, platform_args))
            return ImageConfig.unknown_image(stage.base)
        base_name, unset = base
        if unset:
            self.log.step(
                StepKind.DOCKERFILE_FROM_UNSET_ARG,
                {"base": stage.base, "args": tuple(unset), "image": base_name},
                f"{BK} :: buildDispatchStates (ProcessWordWithMatches, global ARGs only)",
                stage.span,
            )
        earlier = self.first_named.get(base_name)
        return base_name, earlier if earlier is not None and earlier < stage.index else None

    def _dispatch(self, stage: Stage, base: ImageConfig, base_name: str) -> ImageConfig:
        state = StageState(base, self.global_args, self.build_args, self.df.escape)
        triggers = [self._trigger(text, stage.span) for text in state.config.onbuild]
        state.config = replace(state.config, onbuild=())
        if triggers:
            self.log.step(
                StepKind.DOCKERFILE_ONBUILD,
                {"count": len(triggers), "image": base_name},
                f"{BK} :: initOnBuildTriggers",
                stage.span,
            )
        copies = list(state.config.copies)
        for ins in chain(triggers, stage.instructions):  # each read as it is dispatched
            dispatch(state, ins, self.log)
            if ins.keyword in ("COPY", "ADD"):
                copies.append(ins)
        return replace(state.finish(stage), copies=tuple(copies))

    def _base_config(self, stage: Stage, base_name: str) -> ImageConfig:
        """The config of a base that is not a stage: scratch, or an image."""
        if base_name == "scratch":
            self.log.step(
                StepKind.DOCKERFILE_FROM_SCRATCH,
                {"stage": stage.index},
                f"{BK} :: dispatchState.init (emptyImage for {base_name!r})",
                stage.span,
            )
            return ImageConfig(source=ImageSource(SourceKind.SCRATCH, "scratch"), working_dir="/")
        found = self.lookup(base_name)
        if found is not None:
            self.log.step(
                StepKind.DOCKERFILE_FROM,
                {"image": base_name, "source": found.source},
                f"{BK} :: resolveBaseImage",
                stage.span,
            )
            return found
        self.log.unknowns.append(
            Unknown(UnknownKind.DOCKERFILE_BASE_UNKNOWN, stage.span, params={"image": base_name})
        )
        return ImageConfig.unknown_image(base_name)

    def _trigger(self, text: str, span: Span) -> Instruction:
        try:
            return self.parse_trigger(text, span)
        except InputError as exc:
            raise InputError.quoting(
                exc, N_("ONBUILD trigger {trigger!r} fails: {error}"), span, trigger=text
            ) from None


def _invalid_reference(name: str, unset: list[str], span: Span) -> InputError:
    """BuildKit's refusal of a base name, with the ARGs that left it so when there are any."""
    if not unset:
        return InputError(
            N_('failed to parse stage name "{name}": invalid reference format'), span, name=name
        )
    return InputError(
        N_(
            'failed to parse stage name "{name}": invalid reference format '
            "({names} has no value here; give {flags})"
        ),
        span,
        name=name,
        names=", ".join(f"${arg}" for arg in unset),
        flags=" ".join(f"--build-arg {arg}=…" for arg in unset),
    )
