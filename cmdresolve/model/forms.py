"""The two forms of a CMD, ENTRYPOINT or SHELL: exec form is a list, shell form a string."""

from __future__ import annotations

from cmdresolve.model.frozen import record

__all__ = ["Command", "ExecForm", "ShellForm"]


@record
class ExecForm:
    """JSON-array form: the list is the argv, element for element."""

    argv: tuple[str, ...]


@record
class ShellForm:
    """Shell form: one string, handed to the shell as the ``-c`` script."""

    script: str


Command = ExecForm | ShellForm
