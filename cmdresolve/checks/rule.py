"""What every rule is: code, name, severity, one-line summary, documentation, check.

A rule lives in its own module (``cmdresolve/checks/crNNN_name.py``) holding the
constants CODE, NAME, SEVERITY and SUMMARY, a ``check(result)`` function, and its
documentation as the module docstring, in the sections of :data:`SECTIONS`.
"""

from __future__ import annotations

from cmdresolve.model import Arg, Finding, NoteKind, Origin, Resolution, values_or_none
from cmdresolve.model.origins import Args

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import ModuleType

    from cmdresolve.model import Severity

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "References")
SEVERITIES = ("info", "warning", "error")  # in rising order
# The Dockerfile instruction behind an image token's origin.
INSTRUCTION = {Origin.IMAGE_CMD: "CMD", Origin.IMAGE_ENTRYPOINT: "ENTRYPOINT"}
# The origin of the shell a shell-form CMD/ENTRYPOINT is wrapped in.
SHELL_ORIGIN = {
    Origin.IMAGE_CMD: Origin.IMAGE_CMD_SHELL,
    Origin.IMAGE_ENTRYPOINT: Origin.IMAGE_ENTRYPOINT_SHELL,
}


class Rule:
    """One check: its code, name, default severity, summary, documentation and function.

    A plain slotted class, not a dataclass: every run builds all of them, and a
    dataclass costs a millisecond or two of start-up to create.
    """

    __slots__ = ("check", "code", "doc", "name", "severity", "summary")

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: str,
        doc: str,
        check: Callable[[Resolution], Iterable[Finding]],
    ) -> None:
        self.code, self.name, self.severity = code, name, severity
        self.summary, self.doc, self.check = summary, doc, check

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name})"

    @classmethod
    def of(cls, module: ModuleType) -> Rule:
        return cls(
            module.CODE,
            module.NAME,
            module.SEVERITY,
            module.SUMMARY,
            (module.__doc__ or "").strip(),
            module.check,
        )


def is_shell_script(arg: Arg) -> bool:
    """Whether ``arg`` is the script of a shell-form CMD/ENTRYPOINT (the build marks it)."""
    return arg.has_note(NoteKind.SHELL_SCRIPT)


def shell_start(argv: Args, index: int) -> int:
    """Where the shell that wraps the script at ``index`` starts (its ``.shell`` tokens)."""
    start, origin = index, SHELL_ORIGIN.get(argv[index].origin)
    while start > 0 and argv[start - 1].origin == origin:
        start -= 1
    return start


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is ``threshold`` or above (info < warning < error)."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)


def image_field(result: Resolution, name: str) -> tuple[str, ...] | None:
    """The values of the image ``entrypoint`` or ``cmd`` the merge used; None when the
    field is not set or not known."""
    image = result.image_config
    if image is None or not image.knows(name):
        return None
    value: tuple[Arg, ...] | None = getattr(image, name)
    return values_or_none(value)
