"""HEALTHCHECK: the image's ``Healthcheck.Test``, as BuildKit stores it.

Authority: moby/buildkit ``frontend/dockerfile/instructions/parse.go ::
parseHealthcheck`` (exec form ``["CMD", …]``, shell form ``["CMD-SHELL", text]``,
``["NONE"]``) and ``dockerfile2llb/convert.go :: dispatchHealthcheck`` (the field is
replaced; the SHELL instruction is not recorded) at BK@73ed6825. The config, and so
the check, is inherited by a stage built on this one and by an image built on it.
"""

from __future__ import annotations

from cmdresolve.model import Arg, ExecForm, Note, NoteKind, Origin, ShellForm
from cmdresolve.model.frozen import replace
from cmdresolve.model.process import Healthcheck

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.model import Span
    from cmdresolve.model.dockerfile import Instruction
    from cmdresolve.resolve.dockerfile.state import BuildLog, StageState

__all__ = ["dispatch_healthcheck", "healthcheck_of"]


def healthcheck_of(ins: Instruction) -> Healthcheck:
    """The ``Healthcheck.Test`` a checked HEALTHCHECK instruction stores."""
    command = ins.command
    if command is None:
        return Healthcheck("NONE", (), ins.span)
    if isinstance(command, ExecForm):
        origin = Origin.IMAGE_HEALTHCHECK
        args = tuple(Arg(v, origin, _token_span(ins, i)) for i, v in enumerate(command.argv))
        return Healthcheck("CMD", args, ins.span)
    assert isinstance(command, ShellForm)
    script = Arg(command.script, Origin.IMAGE_HEALTHCHECK, _token_span(ins, 0),
                 notes=(Note(NoteKind.SHELL_SCRIPT),))  # fmt: skip
    return Healthcheck("CMD-SHELL", (script,), ins.span)


def _token_span(ins: Instruction, index: int) -> Span:
    """Where element ``index`` of the command is written, else the instruction's span."""
    spans = ins.token_spans
    return spans[index] if spans is not None and index < len(spans) else ins.span


def dispatch_healthcheck(state: StageState, ins: Instruction, log: BuildLog) -> None:
    """Authority: BK ``convert.go :: dispatchHealthcheck``: the last one wins."""
    state.config = replace(
        state.config,
        healthcheck=healthcheck_of(ins),
        unknown=state.config.unknown - {"healthcheck"},
    )
