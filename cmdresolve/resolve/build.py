"""Folding a Dockerfile's target stage into the image config BuildKit would store.

Authority: moby/buildkit ``frontend/dockerfile/dockerfile2llb/convert.go``
(``toDispatchState``, ``dispatchCmd``, ``dispatchEntrypoint``, ``dispatchShell``,
``dispatchEnv``, ``dispatchWorkdir``, ``dispatchUser``, ``dispatchArg``,
``dispatchOnbuild``, ``withShell``) and ``defaultshell.go`` at BK@73ed6825.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from cmdresolve.model import Arg, ExecForm, ImageConfig, InputError, ShellForm, Span, Step, Unknown
from cmdresolve.model.dockerfile import Dockerfile, Instruction, Stage
from cmdresolve.shell_lexer import SubstitutionError, process_word

ImageLookup = Callable[[str], "ImageConfig | None"]
TriggerParser = Callable[[str, Span], Instruction]

DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BK = "moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go"
# Automatic platform ARGs (BK ``dockerfile2llb/platform.go :: buildPlatformOpt``).
_PLATFORM_ARG = re.compile(r"\$\{?((?:BUILD|TARGET)(?:PLATFORM|OS|ARCH|VARIANT))\b")


class Build:
    """The built image config and how it came about."""

    __slots__ = ("config", "steps", "unknowns")

    def __init__(
        self, config: ImageConfig, steps: tuple[Step, ...], unknowns: tuple[Unknown, ...]
    ) -> None:
        self.config, self.steps, self.unknowns = config, steps, unknowns


class _Log:
    __slots__ = ("steps", "unknowns")

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.unknowns: list[Unknown] = []

    def step(self, rule: str, summary: str, authority: str, span: Span | None) -> None:
        self.steps.append(Step(rule, summary, authority, span))


def build_image(
    dockerfile: Dockerfile,
    *,
    lookup: ImageLookup,
    parse_trigger: TriggerParser,
    target: str | None = None,
    build_args: Mapping[str, str] | None = None,
) -> Build:
    """The image config of the target stage (the last one unless ``target``).

    Authority: BK ``convert.go :: toDispatchState`` (global ARGs, stage lookup by
    exact lower-case name of an earlier stage, ``--target``).
    """
    log = _Log()
    folder = _Folder(dockerfile, lookup, parse_trigger, dict(build_args or {}), log)
    index = _target_index(dockerfile, target)
    config = folder.stage(index)
    if target is not None:
        log.step(
            "dockerfile.target",
            f"--target {target} builds stage {index} ({dockerfile.stages[index].name})",
            f"{BK} :: toDispatchState (resolveTarget)",
            dockerfile.stages[index].span,
        )
    return Build(config, tuple(log.steps), tuple(log.unknowns))


def _target_index(dockerfile: Dockerfile, target: str | None) -> int:
    if not dockerfile.stages:
        raise InputError("no build stage in the Dockerfile", Span(dockerfile.path))
    if target is None:
        return len(dockerfile.stages) - 1
    for stage in dockerfile.stages:
        if stage.name == target.lower():
            return stage.index
    raise InputError(f'target stage "{target}" could not be found', Span(dockerfile.path))


class _Folder:
    def __init__(
        self,
        dockerfile: Dockerfile,
        lookup: ImageLookup,
        parse_trigger: TriggerParser,
        build_args: dict[str, str],
        log: _Log,
    ) -> None:
        self.df = dockerfile
        self.lookup = lookup
        self.parse_trigger = parse_trigger
        self.build_args = build_args
        self.log = log
        self.global_args = self._global_args()
        self.done: dict[int, ImageConfig] = {}

    def _global_args(self) -> dict[str, str]:
        """Authority: BK ``toDispatchState``: meta ARGs, overridden by ``--build-arg``;
        the automatic platform ARGs are global too (here only when given)."""
        args = {k: v for k, v in self.build_args.items() if _PLATFORM_ARG.match("$" + k)}
        for ins in self.df.meta_args:
            for key, default in ins.pairs:
                value = self._expand(default, args, ins.span) if default is not None else ""
                args[key] = self.build_args.get(key, value)
        return args

    def _expand(self, word: str, env: Mapping[str, str], span: Span) -> str:
        try:
            return process_word(word, env, self.df.escape)
        except SubstitutionError as exc:
            raise InputError(str(exc), span) from None

    def stage(self, index: int) -> ImageConfig:
        if index not in self.done:
            self.done[index] = self._fold(self.df.stages[index])
        return self.done[index]

    def _fold(self, stage: Stage) -> ImageConfig:
        platform_args = sorted(
            set(_PLATFORM_ARG.findall(stage.base)) - set(self.global_args) - set(self.build_args)
        )
        if platform_args:
            return self._platform_dependent(stage, platform_args)
        base_name = self._expand(stage.base, self.global_args, stage.span)
        if not base_name:
            raise InputError(f"base name ({stage.base}) should not be blank", stage.span)
        state = _StageState(
            self._base_config(stage, base_name), self.global_args, self.build_args, self.df.escape
        )
        triggers = [self._trigger(text, stage.span) for text in state.config.onbuild]
        state.config = replace(state.config, onbuild=())
        if triggers:
            self.log.step(
                "dockerfile.onbuild",
                f"{len(triggers)} ONBUILD trigger(s) of {base_name} run first in this stage",
                f"{BK} :: initOnBuildTriggers",
                stage.span,
            )
        for ins in (*triggers, *stage.instructions):
            state.dispatch(ins, self.log)
        return state.finish(stage)

    def _platform_dependent(self, stage: Stage, names: list[str]) -> ImageConfig:
        """FROM names an automatic platform ARG whose value depends on the builder."""
        flags = " ".join(f"--build-arg {name}=…" for name in names)
        self.log.unknowns.append(
            Unknown(
                f"FROM {stage.base} uses {', '.join(names)}, which BuildKit sets from the "
                f"build platform; the base image is not known (give {flags})",
                stage.span,
            )
        )
        return ImageConfig.unknown_image(stage.base)

    def _base_config(self, stage: Stage, base_name: str) -> ImageConfig:
        for earlier in self.df.stages[: stage.index]:
            if earlier.name == base_name:
                self.log.step(
                    "dockerfile.stage.inherit",
                    f"stage {stage.index} starts from earlier stage {base_name!r}: it inherits "
                    "that stage's ENTRYPOINT, CMD, SHELL, ENV, WORKDIR and USER",
                    f"{BK} :: dispatchState.init (clone of the base stage's image)",
                    stage.span,
                )
                return self.stage(earlier.index)
        if base_name == "scratch":
            return ImageConfig(source="scratch", working_dir="/")
        found = self.lookup(base_name)
        if found is not None:
            self.log.step(
                "dockerfile.from",
                f"base image {base_name} from {found.source}",
                f"{BK} :: resolveBaseImage",
                stage.span,
            )
            return found
        self.log.unknowns.append(
            Unknown(
                f"base image {base_name!r} is not known: its ENTRYPOINT, CMD, SHELL, ENV, "
                f"WORKDIR and USER cannot be read; bind it with --image {base_name}=PATH "
                "(a Dockerfile or `docker image inspect` JSON)",
                stage.span,
            )
        )
        return ImageConfig.unknown_image(base_name)

    def _trigger(self, text: str, span: Span) -> Instruction:
        try:
            return self.parse_trigger(text, span)
        except InputError as exc:
            raise InputError(f"ONBUILD trigger {text!r} fails: {exc.message}", span) from None


class _StageState:
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
        self.global_args = global_args
        self.build_args = build_args
        self.escape = escape
        self.env = list(base.env or ())
        if base.knows("env") and base.os != "windows" and not _has_key(self.env, "PATH"):
            self.env.append(DEFAULT_PATH)  # dispatchStages: before the stage's instructions
        # The build state's env: image env, then ARGs and ENVs as dispatched, last wins.
        self.scope = dict(item.split("=", 1) for item in self.env if "=" in item)

    def expand(self, word: str, span: Span) -> str:
        try:
            return process_word(word, self.scope, self.escape)
        except SubstitutionError as exc:
            raise InputError(str(exc), span) from None

    def dispatch(self, ins: Instruction, log: _Log) -> None:
        handler = _DISPATCH.get(ins.keyword)
        if handler is not None:
            handler(self, ins, log)

    def finish(self, stage: Stage) -> ImageConfig:
        return replace(self.config, env=tuple(self.env), source=_stage_label(stage))


def _has_key(env: list[str], key: str) -> bool:
    return any(item.split("=", 1)[0] == key for item in env)


def _stage_label(stage: Stage) -> str:
    name = f" ({stage.name})" if stage.name else ""
    return f"{stage.span.file} stage {stage.index}{name}"


def shell_prefix(config: ImageConfig) -> tuple[tuple[str, ...], str]:
    """The shell a shell-form instruction is wrapped in, and where it came from.

    Authority: BK ``convert.go :: withShell`` and ``defaultshell.go ::
    defaultShell``: the image's SHELL if non-empty, else ``cmd /S /C`` on
    Windows and ``/bin/sh -c`` everywhere else.
    """
    if config.shell:
        return config.shell, "SHELL"
    if config.os == "windows":
        return ("cmd", "/S", "/C"), "default Windows shell"
    return ("/bin/sh", "-c"), "default shell"


def _command_args(state: _StageState, ins: Instruction, log: _Log) -> tuple[Arg, ...] | None:
    """CMD/ENTRYPOINT arguments as stored: exec form as is, shell form wrapped.

    Authority: BK ``instructions/parse.go :: parseEntrypoint`` (an empty exec
    ENTRYPOINT is nil) and ``convert.go :: withShell`` (shell form).
    """
    command = ins.command
    field_name = ins.keyword.lower()
    origin = f"image.{field_name}"
    if isinstance(command, ExecForm):
        if not command.argv and field_name == "entrypoint":
            return None
        return tuple(Arg(v, origin, ins.span) for v in command.argv)
    assert isinstance(command, ShellForm)
    prefix, where = shell_prefix(state.config)
    shell_span = state.config.shell_span if where == "SHELL" else None
    wrapped = tuple(Arg(v, f"{origin}.shell", shell_span, where) for v in prefix)
    log.step(
        "dockerfile.shell_wrap",
        f"shell-form {ins.keyword} becomes {list(prefix)} + one script string ({where})",
        f"{BK} :: withShell",
        ins.span,
    )
    return (*wrapped, Arg(command.script, origin, ins.span, "the shell script (-c)"))


def _known_after(state: _StageState, ins: Instruction, log: _Log) -> bool:
    """False when a shell-form instruction is wrapped in a SHELL we cannot read."""
    if isinstance(ins.command, ExecForm) or state.config.knows("shell"):
        return True
    log.unknowns.append(
        Unknown(
            f"{ins.keyword} is in shell form and the base image's SHELL is not known, "
            "so the shell it is wrapped in is not known",
            ins.span,
        )
    )
    return False


def _set(config: ImageConfig, field_name: str, known: bool) -> frozenset[str]:
    return config.unknown - {field_name} if known else config.unknown | {field_name}


def _dispatch_cmd(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchCmd``; marks CMD as set in this stage."""
    cmd = _command_args(state, ins, log)
    unknown = _set(state.config, "cmd", _known_after(state, ins, log))
    state.config = replace(state.config, cmd=cmd, unknown=unknown)
    state.cmd_set = True
    log.step(
        "dockerfile.cmd",
        f"CMD sets the image Cmd ({_form_name(ins)})",
        f"{BK} :: dispatchCmd",
        ins.span,
    )


def _dispatch_entrypoint(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchEntrypoint``: ``if !d.cmd.IsSet { Cmd = nil }``."""
    inherited = state.config.cmd
    cmd_known = state.config.knows("cmd")
    entrypoint = _command_args(state, ins, log)
    unknown = _set(state.config, "entrypoint", _known_after(state, ins, log))
    cmd = state.config.cmd
    if not state.cmd_set:
        cmd, unknown = None, unknown - {"cmd"}
    state.config = replace(state.config, entrypoint=entrypoint, cmd=cmd, unknown=unknown)
    log.step(
        "dockerfile.entrypoint",
        f"ENTRYPOINT sets the image Entrypoint ({_form_name(ins)})",
        f"{BK} :: dispatchEntrypoint",
        ins.span,
    )
    if not state.cmd_set and (inherited is not None or not cmd_known):
        dropped = [a.value for a in inherited or ()] if cmd_known else "whatever it is"
        log.step(
            "dockerfile.entrypoint_resets_cmd",
            f"ENTRYPOINT resets the Cmd inherited from the base image ({dropped}), "
            "because no CMD was set earlier in this stage",
            f"{BK} :: dispatchEntrypoint (if !d.cmd.IsSet {{ Cmd = nil }})",
            ins.span,
        )


def _form_name(ins: Instruction) -> str:
    return "exec form" if isinstance(ins.command, ExecForm) else "shell form"


def _dispatch_shell(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchShell``: later shell forms use it; inherited."""
    assert isinstance(ins.command, ExecForm)
    state.config = replace(
        state.config,
        shell=ins.command.argv,
        shell_span=ins.span,
        unknown=state.config.unknown - {"shell"},
    )
    log.step(
        "dockerfile.shell",
        f"SHELL {list(ins.command.argv)} for later shell forms",
        f"{BK} :: dispatchShell",
        ins.span,
    )


def _dispatch_arg(state: _StageState, ins: Instruction, log: _Log) -> None:
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


def _dispatch_env(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchEnv, addEnv``: replace or append.

    Every pair is expanded before any is set (``instructions/commands.go ::
    EnvCommand.Expand`` runs on the whole instruction), so ``ENV abc=bye def=$abc``
    gives ``def`` the value ``abc`` had before this line (reference.md example).
    """
    expanded = [
        (state.expand(raw_key, ins.span), state.expand(raw_value or "", ins.span))
        for raw_key, raw_value in ins.pairs
    ]
    for key, value in expanded:
        entry = f"{key}={value}"
        state.scope[key] = value
        for i, item in enumerate(state.env):
            if item.split("=", 1)[0] == key:
                state.env[i] = entry
                break
        else:
            state.env.append(entry)


def _dispatch_workdir(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchWorkdir`` and ``util/system/path.go ::
    NormalizePath``: an empty path keeps the previous one, a relative one is
    ``path.Join``-ed (and so cleaned) onto it, an absolute one is kept as written."""
    path = state.expand(ins.text, ins.span)
    if not path.startswith("/"):
        if not state.config.knows("working_dir"):
            log.unknowns.append(
                Unknown("WORKDIR is relative to the base image's, which is not known", ins.span)
            )
            return
        parent = state.config.working_dir or "/"
        parent = parent if parent.startswith("/") else _go_clean("/" + parent)
        path = _go_clean(f"{parent}/{path}") if path else parent
    state.config = replace(
        state.config, working_dir=path, unknown=state.config.unknown - {"working_dir"}
    )


def _go_clean(path: str) -> str:
    """Go's ``path.Clean`` for an absolute path (``//a`` becomes ``/a``, unlike normpath)."""
    return "/" + posixpath.normpath(path).lstrip("/")


def _dispatch_user(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchUser``."""
    state.config = replace(
        state.config, user=state.expand(ins.text, ins.span), unknown=state.config.unknown - {"user"}
    )


def _dispatch_onbuild(state: _StageState, ins: Instruction, log: _Log) -> None:
    """Authority: BK ``convert.go :: dispatchOnbuild``: stored, not run, in this stage."""
    state.config = replace(state.config, onbuild=(*state.config.onbuild, ins.text))


_DISPATCH: dict[str, Callable[[_StageState, Instruction, _Log], None]] = {
    "CMD": _dispatch_cmd,
    "ENTRYPOINT": _dispatch_entrypoint,
    "SHELL": _dispatch_shell,
    "ARG": _dispatch_arg,
    "ENV": _dispatch_env,
    "WORKDIR": _dispatch_workdir,
    "USER": _dispatch_user,
    "ONBUILD": _dispatch_onbuild,
}
