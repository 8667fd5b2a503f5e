"""What every rule is: code, name, severity, one-line summary, documentation, check.

A rule lives in its own module (``cmdresolve/checks/crNNN_name.py``) holding the
constants CODE, NAME, SEVERITY and SUMMARY, a ``check(result)`` function, and its
documentation as the module docstring, in the sections of :data:`SECTIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmdresolve.model import Arg, Finding, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import ModuleType

    from cmdresolve.model import Severity

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "References")
SEVERITIES = ("info", "warning", "error")  # in rising order
# The Dockerfile instruction behind an image token's origin.
INSTRUCTION = {"image.cmd": "CMD", "image.entrypoint": "ENTRYPOINT"}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Callable[[Resolution], Iterable[Finding]]

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
    return None if value is None else tuple(a.value for a in value)
