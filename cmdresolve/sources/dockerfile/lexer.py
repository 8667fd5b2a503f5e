"""Physical lines to logical lines, exactly as BuildKit's Dockerfile parser joins them.

Authority: moby/buildkit ``frontend/dockerfile/parser/parser.go :: Parse``
(BOM, comments, continuation, heredoc bodies) and ``parser/directives.go ::
DirectiveParser.ParseLine`` (parser directives), at BK@73ed6825.
"""

from __future__ import annotations

import re

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_
from cmdresolve.shell_lexer import Options, SubstitutionError, process_words
from cmdresolve.sources.dockerfile.forms import NotStringArray, parse_json_array, split_command
from cmdresolve.sources.dockerfile.gotext import lstrip_go

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

    def continuation(self) -> re.Pattern[str]:
        """Authority: BK ``parser.go :: setEscapeToken`` (the continuation regex)."""
        e = re.escape(self.escape)
        return re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z")


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


def _is_comment(raw: str) -> bool:
    return lstrip_go(raw).startswith("#")


class _Scanner:
    """Lines with their newline kept, numbered from 1, like ``scanLines``."""

    def __init__(self, text: str, path: str) -> None:
        # Not str.splitlines: it also breaks on \r, \v, \f and U+2028; Go only on \n.
        self.lines = _split_on_newline(text)
        self.pos = 0
        self.path = path

    def next(self) -> str | None:
        if self.pos >= len(self.lines):
            return None
        raw = self.lines[self.pos]
        self.pos += 1
        # A character is at most 4 bytes in UTF-8: only a long line is encoded to count.
        if len(raw) > MAX_LINE_BYTES // 4 and _utf8_size(raw.rstrip("\n")) > MAX_LINE_BYTES:
            raise InputError(
                N_("dockerfile line greater than max allowed size of {size}"),
                Span(self.path, self.pos),
                size=MAX_LINE_BYTES,
            )
        return raw

    @property
    def line(self) -> int:
        return self.pos


def _utf8_size(line: str) -> int:
    return len(line.encode("utf-8", "surrogateescape"))


def _split_on_newline(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _trim_newline(raw: str) -> str:
    return raw.rstrip("\r\n")


def logical_lines(
    text: str, path: str
) -> tuple[list[LogicalLine], str, list[tuple[str, Span]], dict[int, int]]:
    """Split a Dockerfile into logical lines.

    Returns the lines, the escape character in force, warnings (empty
    continuation lines), and for each logical line that opens heredocs the
    number of heredoc bodies read after it (keyed by index).

    Authority: BK ``parser/parser.go :: Parse, processLine,
    trimContinuationCharacter, isComment, isEmptyContinuationLine``.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    scanner = _Scanner(text, path)
    directives = _Directives()
    out: list[LogicalLine] = []
    warnings: list[tuple[str, Span]] = []
    heredoc_counts: dict[int, int] = {}
    cont = directives.continuation()
    while (raw := scanner.next()) is not None:
        first = lstrip_go(_trim_newline(raw))
        col = len(_trim_newline(raw)) - len(first) + 1
        if not directives.done:
            directives.feed(first, path, scanner.line)
            cont = directives.continuation()
        start = scanner.line
        body = "" if first.startswith("#") else first
        joined, ended = _trim_continuation(body, cont)
        if ended and not joined:
            continue
        parts = [joined]
        # Each piece is a prefix of its physical line (the first one left-trimmed).
        pieces = [(0, start, col)]
        size = len(joined)
        empty_continuation = False
        while not ended and (raw := scanner.next()) is not None:
            if _is_comment(raw):
                continue
            piece = _trim_newline(raw)
            if not lstrip_go(piece):
                empty_continuation = True
                continue
            piece, ended = _trim_continuation(piece, cont)
            parts.append(piece)
            pieces.append((size, scanner.line, 1))
            size += len(piece)
        logical = LogicalLine("".join(parts), start, col, scanner.line, tuple(pieces))
        if empty_continuation:
            warnings.append(
                (
                    "Empty continuation line found in: " + logical.text,
                    Span(path, scanner.line),
                )
            )
        count = _read_heredoc_bodies(logical, scanner, path)
        if count:
            heredoc_counts[len(out)] = count
            # No pieces: a line with heredocs keeps the instruction's span throughout.
            logical = LogicalLine(logical.text, start, col, scanner.line)
        out.append(logical)
    if not out:
        raise InputError(N_("file with no instructions"), Span(path, max(scanner.line, 1)))
    return out, directives.escape, warnings, heredoc_counts


def _trim_continuation(line: str, cont: re.Pattern[str]) -> tuple[str, bool]:
    # The match runs to the end of the line: what ``sub(r"\1")`` would give, by slicing.
    match = cont.search(line)
    if match:
        return line[: match.start()] + (match.group(1) or ""), False
    return line, True


def _read_heredoc_bodies(logical: LogicalLine, scanner: _Scanner, path: str) -> int:
    """Consume the bodies of the heredocs this line opens; return how many.

    Authority: BK ``parser.go :: Parse`` (heredoc loop), ``canContainHeredoc``,
    ``heredocsFromLine``, ``heredocFromMatch``.
    """
    try:
        names = heredoc_names(logical.text)
    except InputError as exc:
        span = Span(path, logical.line, logical.col, logical.end_line)
        raise InputError(exc.template, span, None, **exc.params) from None
    for name, chomp in names:
        while (raw := scanner.next()) is not None:
            candidate = _trim_newline(raw)
            if chomp:
                candidate = candidate.lstrip("\t")
            if candidate == name:
                break
        else:
            raise InputError(
                N_("unterminated heredoc"), Span(path, logical.line, logical.col, scanner.line)
            )
    return len(names)


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
