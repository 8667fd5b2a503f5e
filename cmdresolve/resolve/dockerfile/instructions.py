"""The per-instruction rules: how each Dockerfile instruction changes the image config.

Each rule is one function over the stage's state, found by keyword in ``_DISPATCH``;
instructions without one (RUN, COPY, …) do not shape the argv, env, workdir or user.

Authority: moby/buildkit ``frontend/dockerfile/dockerfile2llb/convert.go``
(``dispatchCmd``, ``dispatchEntrypoint``, ``dispatchShell``, ``dispatchEnv``,
``dispatchWorkdir``, ``dispatchUser``, ``dispatchOnbuild``, ``withShell``) and
``defaultshell.go`` at BK@73ed6825; ARG is in :mod:`cmdresolve.resolve.dockerfile.build_args`.
"""

from __future__ import annotations

import posixpath

from cmdresolve.model import (
    Arg,
    ExecForm,
    Note,
    NoteKind,
    Origin,
    ShellForm,
    StepKind,
    Unknown,
    UnknownKind,
    values,
    values_or_none,
)
from cmdresolve.model.frozen import replace
from cmdresolve.resolve.dockerfile.build_args import dispatch_arg
from cmdresolve.resolve.dockerfile.healthcheck import dispatch_healthcheck
from cmdresolve.resolve.dockerfile.state import BK, BuildLog, StageState

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdresolve.model import ImageConfig, Span
    from cmdresolve.model.dockerfile import Instruction

__all__ = ["dispatch", "shell_prefix"]

def dispatch(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Apply one instruction to the stage, if it shapes the process at all."""
    handler = _DISPATCH.get(ins.keyword)
    if handler is not None:
        handler(state, ins, log)


def shell_prefix(config: ImageConfig) -> tuple[tuple[str, ...], NoteKind]:
    """The shell a shell-form instruction is wrapped in, and where it came from
    (``SHELL_INSTRUCTION``, ``DEFAULT_WINDOWS_SHELL`` or ``DEFAULT_SHELL``).

    Authority: BK ``convert.go :: withShell`` and ``defaultshell.go ::
    defaultShell``: the image's SHELL if non-empty, else ``cmd /S /C`` on
    Windows and ``/bin/sh -c`` everywhere else.
    """
    if config.shell:
        return config.shell, NoteKind.SHELL_INSTRUCTION
    if config.os == "windows":
        return ("cmd", "/S", "/C"), NoteKind.DEFAULT_WINDOWS_SHELL
    return ("/bin/sh", "-c"), NoteKind.DEFAULT_SHELL


def _command_args(state: StageState, ins: Instruction, log: BuildLog) -> tuple[Arg, ...] | None:
    """CMD/ENTRYPOINT arguments as stored: exec form as is, shell form wrapped.

    Authority: BK ``instructions/parse.go :: parseEntrypoint`` (an empty exec
    ENTRYPOINT is nil) and ``convert.go :: withShell`` (shell form).
    """
    command = ins.command
    entrypoint = ins.keyword == "ENTRYPOINT"
    origin = Origin.IMAGE_ENTRYPOINT if entrypoint else Origin.IMAGE_CMD
    if isinstance(command, ExecForm):
        if not command.argv and entrypoint:
            return None
        return tuple(Arg(v, origin, _token_span(ins, i)) for i, v in enumerate(command.argv))
    assert isinstance(command, ShellForm)
    prefix, where = shell_prefix(state.config)
    shell_span = state.config.shell_span if where is NoteKind.SHELL_INSTRUCTION else None
    shell_origin = Origin.IMAGE_ENTRYPOINT_SHELL if entrypoint else Origin.IMAGE_CMD_SHELL
    wrapped = tuple(Arg(v, shell_origin, shell_span, notes=(Note(where),)) for v in prefix)
    log.step(
        StepKind.DOCKERFILE_SHELL_WRAP,
        {"instruction": ins.keyword, "shell": prefix, "shell_from": where},
        f"{BK} :: withShell",
        ins.span,
    )
    script = Arg(command.script, origin, _token_span(ins, 0), notes=(Note(NoteKind.SHELL_SCRIPT),))
    return (*wrapped, script)


def _token_span(ins: Instruction, index: int) -> Span:
    """Where token ``index`` of a CMD/ENTRYPOINT is written, else the instruction's span."""
    spans = ins.token_spans
    return spans[index] if spans is not None and index < len(spans) else ins.span


def _known_after(state: StageState, ins: Instruction, log: BuildLog) -> bool:
    """False when a shell-form instruction is wrapped in a SHELL we cannot read."""
    if isinstance(ins.command, ExecForm) or state.config.knows("shell"):
        return True
    log.unknowns.append(
        Unknown(
            UnknownKind.DOCKERFILE_SHELL_UNKNOWN, ins.span, params={"instruction": ins.keyword}
        )
    )
    return False


def _set(config: ImageConfig, field_name: str, known: bool) -> frozenset[str]:
    return config.unknown - {field_name} if known else config.unknown | {field_name}


def _dispatch_cmd(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchCmd``; marks CMD as set in this stage."""
    cmd = _command_args(state, ins, log)
    unknown = _set(state.config, "cmd", _known_after(state, ins, log))
    state.config = replace(state.config, cmd=cmd, unknown=unknown)
    state.cmd_set = True
    log.step(
        StepKind.DOCKERFILE_CMD,
        {"form": _form_name(ins)},
        f"{BK} :: dispatchCmd",
        ins.span,
    )
    _note_replaced(state, ins, log)


def _dispatch_entrypoint(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchEntrypoint``: ``if !d.cmd.IsSet { Cmd = nil }``."""
    inherited = state.config.cmd
    cmd_known = state.config.knows("cmd")
    entrypoint = _command_args(state, ins, log)
    unknown = _set(state.config, "entrypoint", _known_after(state, ins, log))
    cmd = state.config.cmd
    if not state.cmd_set:
        cmd, unknown = None, unknown - {"cmd"}
    # The catalog's word on the base's entrypoint script holds only while it is the same one.
    setup = state.config.entrypoint_setup and values_or_none(entrypoint) == values_or_none(
        state.config.entrypoint
    )
    state.config = replace(
        state.config, entrypoint=entrypoint, cmd=cmd, unknown=unknown, entrypoint_setup=setup
    )
    log.step(
        StepKind.DOCKERFILE_ENTRYPOINT,
        {"form": _form_name(ins)},
        f"{BK} :: dispatchEntrypoint",
        ins.span,
    )
    _note_replaced(state, ins, log)
    if not state.cmd_set and (inherited is not None or not cmd_known):
        dropped = values(inherited or ()) if cmd_known else None
        log.step(
            StepKind.DOCKERFILE_ENTRYPOINT_RESETS_CMD,
            {"cmd": dropped, "cmd_known": cmd_known},
            f"{BK} :: dispatchEntrypoint (if !d.cmd.IsSet {{ Cmd = nil }})",
            ins.span,
        )


def _note_replaced(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """An earlier CMD/ENTRYPOINT of the same stage is overwritten: it has no effect.

    Authority: BK ``convert.go :: dispatchCmd, dispatchEntrypoint`` (each assigns
    the field outright) and ``validations.go :: validateUsedOnce`` (the
    MultipleInstructionsDisallowed lint reports the earlier location, "because it is
    the one that will be ignored").
    """
    earlier = state.last_span.get(ins.keyword)
    state.last_span[ins.keyword] = ins.span
    if earlier is None:
        return
    params: dict[str, str | int | None] = {"instruction": ins.keyword, "line": ins.span.line}
    if ins.span.line is None:
        params["at"] = str(ins.span)  # where the replacing instruction is, without a line
    log.step(
        _REPLACED[ins.keyword],
        params,
        f"{BK} :: dispatch{ins.keyword.capitalize()}; validations.go :: validateUsedOnce",
        earlier,
    )


_REPLACED = {
    "CMD": StepKind.DOCKERFILE_CMD_REPLACED,
    "ENTRYPOINT": StepKind.DOCKERFILE_ENTRYPOINT_REPLACED,
}


def _form_name(ins: Instruction) -> str:
    return "exec" if isinstance(ins.command, ExecForm) else "shell"


def _dispatch_shell(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchShell``: later shell forms use it; inherited."""
    assert isinstance(ins.command, ExecForm)
    state.config = replace(
        state.config,
        shell=ins.command.argv,
        shell_span=ins.span,
        unknown=state.config.unknown - {"shell"},
    )
    log.step(
        StepKind.DOCKERFILE_SHELL,
        {"shell": ins.command.argv},
        f"{BK} :: dispatchShell",
        ins.span,
    )


def _dispatch_env(state: StageState, ins: Instruction, log: BuildLog) -> None:
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


def _dispatch_workdir(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchWorkdir`` and ``util/system/path.go ::
    NormalizePath``: an empty path keeps the previous one, a relative one is
    ``path.Join``-ed (and so cleaned) onto it, an absolute one is kept as written."""
    path = state.expand(ins.text, ins.span)
    if not path.startswith("/"):
        if not state.config.knows("working_dir"):
            log.unknowns.append(
                Unknown(UnknownKind.DOCKERFILE_WORKDIR_UNKNOWN, ins.span, params={"path": path})
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


def _dispatch_user(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchUser``."""
    state.config = replace(
        state.config, user=state.expand(ins.text, ins.span), unknown=state.config.unknown - {"user"}
    )


def _dispatch_onbuild(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchOnbuild``: stored, not run, in this stage."""
    state.config = replace(state.config, onbuild=(*state.config.onbuild, ins.text))


_DISPATCH: dict[str, Callable[[StageState, Instruction, BuildLog], None]] = {
    "CMD": _dispatch_cmd,
    "ENTRYPOINT": _dispatch_entrypoint,
    "SHELL": _dispatch_shell,
    "ARG": dispatch_arg,
    "ENV": _dispatch_env,
    "WORKDIR": _dispatch_workdir,
    "USER": _dispatch_user,
    "ONBUILD": _dispatch_onbuild,
    "HEALTHCHECK": dispatch_healthcheck,
}
