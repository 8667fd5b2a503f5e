"""Places in an input, and the error for input we cannot read."""

from __future__ import annotations

from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.facts import Param

__all__ = ["InputError", "Span"]


@record
class Span:
    """A place in an input: 1-based line and column; ``end_line`` for multi-line text."""

    file: str
    line: int | None = None
    col: int | None = None
    end_line: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.col is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.col}"


class InputError(Exception):
    """Input we cannot read: the CLI prints ``span: message`` and exits 2.

    ``template`` is the message's catalog entry (English, ``{name}`` fields filled
    from ``params``); ``code`` names the check rule that documents the mistake, when
    one does. ``cause`` is an inner error the template quotes as ``{error}`` (rendered in
    the same language). :attr:`message` is the English text.
    """

    def __init__(
        self, template: str, span: Span | None = None, code: str | None = None, **params: Param
    ) -> None:
        super().__init__(template)
        self.template = template
        self.params = params
        self.span = span
        self.code = code
        self.cause: InputError | None = None

    @classmethod
    def quoting(cls, cause: InputError, template: str, span: Span, **params: Param) -> InputError:
        """An error whose ``template`` quotes the inner error ``cause`` as ``{error}``."""
        error = cls(template, span, None, **params)
        error.cause = cause
        return error

    @property
    def message(self) -> str:
        params = self.params if self.cause is None else {**self.params, "error": self.cause.message}
        return self.template.format_map(params) if params else self.template

    def __str__(self) -> str:
        text = f"{self.code} {self.message}" if self.code else self.message
        return f"{self.span}: {text}" if self.span else text
