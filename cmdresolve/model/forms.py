"""The two forms of a CMD, ENTRYPOINT or SHELL: exec form is a list, shell form a string."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Command", "ExecForm", "ShellForm"]


@dataclass(frozen=True, slots=True)
class ExecForm:
    """JSON-array form: the list is the argv, element for element."""

    argv: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShellForm:
    """Shell form: one string, handed to the shell as the ``-c`` script."""

    script: str


Command = ExecForm | ShellForm
