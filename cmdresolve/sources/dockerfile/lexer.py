"""Physical lines to logical lines, exactly as BuildKit's Dockerfile parser joins them.

Authority: moby/buildkit ``frontend/dockerfile/parser/parser.go :: Parse``
(BOM, comments, continuation, heredoc bodies) and ``parser/directives.go ::
DirectiveParser.ParseLine`` (parser directives), at BK@73ed6825.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_
from cmdresolve.shell_lexer import Options, SubstitutionError, process_words
from cmdresolve.sources.dockerfile.forms import NotStringArray, parse_json_array, split_command
from cmdresolve.sources.dockerfile.gotext import GO_SPACES, lstrip_go

MAX_LINE_BYTES = 65535
# Go's regexp ``\s``. The directive's key is matched by a regex; its value by strip,
# as BuildKit's lazy ``(.+?)\s*$`` would take quadratic time in a backtracking engine.
_REGEXP_SPACE = "\t\n\f\r "
_DIRECTIVE_KEY = re.compile(r"([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=")
_KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_HEREDOC_WORD = re.compile(r"([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\Z")
# Heredoc bodies belong only to these instructions (and to them under ONBUILD).
HEREDOC_KEYWORDS = frozenset({"ADD", "COPY", "RUN"})


class LogicalLine:
    """One instruction's text with continuations joined, and where it was.

    ``pieces`` maps the text back to the file: for each joined physical line, the
    offset in ``text`` where its piece starts, its line number and the 1-based
    column of the piece's first character; empty when the line cannot be mapped
    (it opens heredocs). A plain slotted class, not a dataclass: internal, and
    cheaper at start-up.
    """

    __slots__ = ("col", "end_line", "line", "pieces", "text")

    def __init__(
        self,
        text: str,
        line: int,
        col: int,
        end_line: int,
        pieces: tuple[tuple[int, int, int], ...] = (),
    ) -> None:
        self.text, self.line, self.col, self.end_line = text, line, col, end_line
        self.pieces = pieces


class _Directives:
    __slots__ = ("done", "escape", "seen")

    def __init__(self) -> None:
        self.escape = "\\"
        self.done = False
        self.seen: frozenset[str] = frozenset()

    def feed(self, line: str, path: str, number: int) -> None:
        """Authority: BK ``parser/directives.go :: DirectiveParser.ParseLine``."""
        if self.done:
            return
        span = Span(path, number)
        if not line.startswith("#"):
            self.done = True
            return
        match = match_directive(lstrip_go(line[1:]))
        key = match[0].lower() if match else ""
        if match is None or key not in _KNOWN_DIRECTIVES:
            self.done = True
            return
        if key in self.seen:
            raise InputError(N_("only one {key} parser directive can be used"), span, key=key)
        self.seen |= {key}
        if key == "escape":
            value = match[1]
            if value not in ("`", "\\"):
                raise InputError(
                    N_("invalid escape token '{value}' does not match ` or \\"), span, value=value
                )
            self.escape = value


def match_directive(text: str) -> tuple[str, str] | None:
    """Key and value of ``key = value`` after a directive's ``#``, or None.

    The same answer as ``([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*\\Z`` (where ``.`` is
    anything but a newline) in linear time: the value is the rest with ``\\s`` stripped
    from both ends; a rest of white space only gives its last character that ``.``
    matches, as the leading ``\\s*`` gives one back to ``.+?``.

    Authority: BK ``parser/directives.go :: reDirective, DirectiveParser.ParseLine``.
    """
    match = _DIRECTIVE_KEY.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    value = rest.strip(_REGEXP_SPACE)
    if not value:
        value = rest.replace("\n", "")[-1:]
    if not value or "\n" in value:
        return None
    return match.group(1), value


def _utf8_size(line: str) -> int:
    return len(line.encode("utf-8", "surrogateescape"))


class LogicalLines:
    """A Dockerfile's logical lines, one at a time, as BuildKit's parser joins them.

    Iterating gives each line as it is read; nothing of the text is copied up front.
    Meanwhile ``escape`` is the escape character in force (settled before the first
    line comes out: parser directives precede every instruction), ``warnings`` the
    empty continuation lines met, and ``heredoc_counts`` the number of heredoc bodies
    read after each line that opens some (keyed by its index). ``begun`` is the
    offset of the physical line the last line given out starts on, ``pos`` and
    ``line`` where reading stands after it: :meth:`again` reads a stretch of the same
    text once more, a stage's lines for instance, with the same numbers.

    Authority: BK ``parser/parser.go :: Parse, processLine,
    trimContinuationCharacter, isComment, isEmptyContinuationLine``.
    """

    __slots__ = (
        "begun", "count", "directives", "end", "heredoc_counts", "line", "path", "pos",
        "text", "warnings", "whole",
    )  # fmt: skip

    def __init__(self, text: str, path: str) -> None:
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.path = path
        self.pos = self.begun = self.line = self.count = 0
        self.end = len(self.text)
        self.directives = _Directives()
        self.warnings: list[tuple[str, Span]] = []
        self.heredoc_counts: dict[int, int] = {}
        self.whole = True

    @classmethod
    def again(cls, text: str, path: str, escape: str, span: tuple[int, int, int]) -> LogicalLines:
        """The lines of ``text[start:end]`` (``span`` is ``(start, end, line)``: offsets
        of whole physical lines of a text read before, and the number of the line
        before ``start``), past the parser directives, with ``escape`` in force."""
        lines = cls("", path)
        lines.text = text
        lines.pos, lines.end, lines.line = span
        lines.begun = lines.pos
        lines.directives.escape, lines.directives.done = escape, True
        lines.whole = False
        return lines

    @property
    def escape(self) -> str:
        return self.directives.escape

    def _physical(self) -> str | None:
        """The next physical line without its line break (BK ``scanLines``; the
        ``\\r`` before it dropped, as ``trimNewline`` does), or None at the end."""
        pos = self.pos
        if pos >= self.end:
            return None
        newline = self.text.find("\n", pos, self.end)
        stop = self.end if newline < 0 else newline
        self.pos = stop + 1
        self.line += 1
        line = self.text[pos:stop]
        # A character is at most 4 bytes in UTF-8: only a long line is encoded to count.
        if len(line) > MAX_LINE_BYTES // 4 and _utf8_size(line) > MAX_LINE_BYTES:
            raise InputError(
                N_("dockerfile line greater than max allowed size of {size}"),
                Span(self.path, self.line),
                size=MAX_LINE_BYTES,
            )
        return line.rstrip("\r")

    def __iter__(self) -> Iterator[LogicalLine]:
        directives = self.directives
        escape = directives.escape
        cont = _continuation(escape)
        while True:
            begun = self.pos
            raw = self._physical()
            if raw is None:
                break
            first = raw.lstrip(GO_SPACES)  # lstrip_go
            col = len(raw) - len(first) + 1
            if not directives.done:
                directives.feed(first, self.path, self.line)
                escape = directives.escape
                cont = _continuation(escape)
            if not first or first.startswith("#"):
                continue  # nothing to join: a blank or comment line is skipped
            start = self.line
            joined, ended = _trim_continuation(first, cont, escape)
            if ended:
                logical = LogicalLine(joined, start, col, start, ((0, start, col),))
            else:
                logical = self._join(joined, start, col, cont)
            if "<<" in logical.text and (count := self._read_heredoc_bodies(logical)):
                self.heredoc_counts[self.count] = count
                # No pieces: a line with heredocs keeps the instruction's span throughout.
                logical = LogicalLine(logical.text, start, col, self.line)
            self.begun = begun
            self.count += 1
            yield logical
        if self.whole and not self.count:
            raise InputError(N_("file with no instructions"), Span(self.path, max(self.line, 1)))

    def _join(self, joined: str, start: int, col: int, cont: re.Pattern[str]) -> LogicalLine:
        """The logical line that starts with ``joined``: continuation lines joined on."""
        parts = [joined]
        # Each piece is a prefix of its physical line (the first one left-trimmed).
        pieces = [(0, start, col)]
        size = len(joined)
        empty_continuation = False
        ended = False
        while not ended and (piece := self._physical()) is not None:
            stripped = lstrip_go(piece)
            if stripped.startswith("#"):
                continue
            if not stripped:
                empty_continuation = True
                continue
            piece, ended = _trim_continuation(piece, cont, self.directives.escape)
            parts.append(piece)
            pieces.append((size, self.line, 1))
            size += len(piece)
        logical = LogicalLine("".join(parts), start, col, self.line, tuple(pieces))
        if empty_continuation:
            self.warnings.append(
                ("Empty continuation line found in: " + logical.text, Span(self.path, self.line))
            )
        return logical

    def _read_heredoc_bodies(self, logical: LogicalLine) -> int:
        """Consume the bodies of the heredocs this line opens; return how many.

        Authority: BK ``parser.go :: Parse`` (heredoc loop), ``canContainHeredoc``,
        ``heredocsFromLine``, ``heredocFromMatch``.
        """
        try:
            names = heredoc_names(logical.text)
        except InputError as exc:
            span = Span(self.path, logical.line, logical.col, logical.end_line)
            raise InputError(exc.template, span, None, **exc.params) from None
        for name, chomp in names:
            while (candidate := self._physical()) is not None:
                if chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == name:
                    break
            else:
                raise InputError(
                    N_("unterminated heredoc"),
                    Span(self.path, logical.line, logical.col, self.line),
                )
        return len(names)


def logical_lines(
    text: str, path: str
) -> tuple[list[LogicalLine], str, list[tuple[str, Span]], dict[int, int]]:
    """Split a Dockerfile into logical lines, all at once (see :class:`LogicalLines`).

    Returns the lines, the escape character in force, warnings (empty
    continuation lines), and for each logical line that opens heredocs the
    number of heredoc bodies read after it (keyed by index).
    """
    lines = LogicalLines(text, path)
    out = list(lines)
    return out, lines.escape, lines.warnings, lines.heredoc_counts


_CONTINUATIONS: dict[str, re.Pattern[str]] = {}


def _continuation(escape: str) -> re.Pattern[str]:
    """Authority: BK ``parser.go :: setEscapeToken`` (the continuation regex)."""
    if escape not in _CONTINUATIONS:
        e = re.escape(escape)
        _CONTINUATIONS[escape] = re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z")
    return _CONTINUATIONS[escape]


def _trim_continuation(line: str, cont: re.Pattern[str], escape: str) -> tuple[str, bool]:
    # Only a line whose last character before blanks is the escape can match.
    if not line.rstrip(" \t").endswith(escape):
        return line, True
    # The match runs to the end of the line: what ``sub(r"\1")`` would give, by slicing.
    match = cont.search(line)
    if match:
        return line[: match.start()] + (match.group(1) or ""), False
    return line, True


def heredoc_names(line: str) -> list[tuple[str, bool]]:
    """The heredoc terminators a logical line opens, with their ``<<-`` flag.

    Only ADD, COPY and RUN (also as an ONBUILD trigger) in non-JSON form open
    heredocs; ``CMD <<EOF`` is an ordinary shell-form string. Words come from
    BuildKit's shell lexer with quotes and escapes kept and unset variables left
    as written; if that lexing fails, the line opens no heredoc.

    Authority: BK ``parser.go :: heredocsFromLine, heredocFromMatch``.
    """
    if "<<" not in line:
        return []
    keyword, _, args = split_command(line, "\\")
    if keyword.upper() == "ONBUILD":
        keyword, _, args = split_command(args, "\\")
    try:
        if keyword.upper() not in HEREDOC_KEYWORDS or parse_json_array(args) is not None:
            return []
    except NotStringArray:
        return []  # the instruction itself fails to parse, with this error
    try:
        words = process_words(line, {}, _RAW)
    except SubstitutionError:
        return []
    names = []
    for word in words:
        match = _HEREDOC_WORD.match(word)
        if match and match.group(3):
            name = _heredoc_name(match.group(3))
            if name is not None:
                names.append((name, match.group(2) == "-"))
    return names


_RAW = Options(raw_quotes=True, raw_escapes=True, skip_unset=True)
_DEQUOTED = Options(skip_unset=True)


def _heredoc_name(rest: str) -> str | None:
    try:
        words = process_words(rest, {}, _DEQUOTED)
        if len(words) != 1:
            return None
        if len(process_words(rest, {}, Options(raw_quotes=True, skip_unset=True))) != 1:
            raise InputError(
                N_("internal lexing of heredoc produced inconsistent results: {rest}"), rest=rest
            )
    except SubstitutionError as exc:
        raise InputError(N_("{problem}"), problem=str(exc)) from None  # the lexer's words
    return words[0]
