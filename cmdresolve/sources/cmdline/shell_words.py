"""Split one pasted shell command line into words, with columns.

Words are split as a POSIX shell splits them, which is what
``shlex.split(line, posix=True)`` does for quotes and backslashes, with three
shell rules shlex gets wrong for a pasted command line: ``#`` starts a comment
only at the start of a word (shlex's ``comments=True`` also cuts ``a#b``, its
default keeps ``# note`` as words); backslash-newline is a line continuation
and vanishes (shlex keeps the newline); and unquoted ``| && || < > ( )`` are
refused instead of being glued into argv words (a trailing ``;`` or ``&`` or a
newline ends the command).  No expansion is done: ``$HOME``, ``~``, ``*`` and
``$(...)`` stay as written.  Every word keeps the 1-based column of its first
character in the line.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import overload

    from cmdresolve.model.facts import Param

__all__ = ["Word", "Words", "split_words"]


@record
class Word:
    """One shell word: its text, its column, and the column of each character.

    ``cols`` holds one unsigned int (``array("I")``) per character of ``text``, as
    bytes: four bytes a character, where a tuple of ints would take about forty;
    None when the word was written as it reads (no quote, no escape), so that its
    characters stand in the columns from ``col`` on.
    """

    text: str
    col: int
    cols: bytes | None

    def col_at(self, index: int) -> int:
        if self.cols is None:
            return self.col + index if index < len(self.text) else self.col
        cols = memoryview(self.cols).cast("I")
        return cols[index] if index < len(cols) else self.col


class Words(Sequence[Word]):
    """A line's words as parallel arrays: a text reference, the word's column and the
    column of its first character (one past a quote) take sixteen bytes a word; only a
    word with irregular columns (escapes, mixed quotes) keeps its ``cols``. A
    :class:`Word` is made when one is read, so a line of a million words holds no
    million objects.
    """

    __slots__ = ("chars", "cols", "starts", "texts")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.cols = array("I")
        self.starts = array("I")
        self.chars: dict[int, bytes] = {}  # by index: the words with irregular columns

    def add(self, text: str, col: int, start: int, chars: bytes | None = None) -> None:
        """A word at ``col`` whose characters stand in the columns from ``start`` on,
        or in ``chars`` (as :attr:`Word.cols`) when they do not."""
        if chars is not None:
            self.chars[len(self.texts)] = chars
        self.texts.append(text)
        self.cols.append(col)
        self.starts.append(start)

    def __len__(self) -> int:
        return len(self.texts)

    def _word(self, index: int) -> Word:
        text, col, start = self.texts[index], self.cols[index], self.starts[index]
        chars = self.chars.get(index)
        if chars is None and start != col:
            chars = array("I", range(start, start + len(text))).tobytes()
        return Word(text, col, chars)

    def _get(self, index: int | slice) -> Word | Words:
        if isinstance(index, slice):
            begin, end, step = index.indices(len(self))
            if step != 1:
                raise ValueError("Words are sliced in order")
            part = Words()
            part.texts, part.cols, part.starts = (
                self.texts[begin:end], self.cols[begin:end], self.starts[begin:end]
            )
            part.chars = {i - begin: c for i, c in self.chars.items() if begin <= i < end}
            return part
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._word(index)

    if TYPE_CHECKING:

        @overload
        def __getitem__(self, index: int) -> Word: ...
        @overload
        def __getitem__(self, index: slice) -> Words: ...
        def __getitem__(self, index: int | slice) -> Word | Words:
            return self._get(index)

    else:
        __getitem__ = _get

    def __iter__(self) -> Iterator[Word]:
        return (self._word(i) for i in range(len(self)))

    def drop_from(self, index: int) -> None:
        """Forget the words from ``index`` on."""
        del self.texts[index:], self.cols[index:], self.starts[index:]
        self.chars = {i: c for i, c in self.chars.items() if i < index}


def split_words(line: str, file: str) -> Words:
    """Split ``line`` into words (see the module docstring).

    Raises ``InputError`` with ``Span(file, None, column)`` for an unclosed
    quote, a trailing backslash, a shell operator, or a second command.
    """
    return _Splitter(line, file).split()


_BLANKS = " \t\n"
_OPERATORS = "|&;<>()"
# Runs taken whole, not character by character: outside quotes, what is neither a
# blank, an operator, a quote nor a backslash; inside double quotes, all but " and \.
_PLAIN = re.compile(r"[^ \t\n|&;<>()'\"\\]+")
_DOUBLE_QUOTED_PLAIN = re.compile(r'[^"\\]+')
# Words of the common kinds read whole, with the blanks before them: written as they
# read (no quote or backslash, no comment), or one single-quoted string; either ends
# where a blank, an operator or the line does. Any other word goes character by character.
_END = r"(?=[ \t\n|&;<>()]|\Z)"
_AS_WRITTEN = re.compile(r"[ \t]*([^ \t\n|&;<>()'\"\\#][^ \t\n|&;<>()'\"\\]*)" + _END)
_SINGLE_QUOTED = re.compile(r"[ \t]*'([^']*)'" + _END)
_SPACES_TABS = re.compile(r"[ \t]*")
_SHARED = 4096  # distinct texts a line's repeated words share (one string each)


class _Chars:
    """A word's text and the 1-based column of each of its characters."""

    __slots__ = ("cols", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.cols = array("I")

    def add(self, text: str, first_col: int) -> None:
        """``text`` as written from column ``first_col`` on, one column a character."""
        self.parts.append(text)
        self.cols.extend(range(first_col, first_col + len(text)))

    def add_to(self, words: Words, col: int) -> None:
        words.add("".join(self.parts), col, col, self.cols.tobytes())


class _Splitter:
    """POSIX shell word splitting with columns (see the module docstring)."""

    def __init__(self, line: str, file: str) -> None:
        self.line = line
        self.file = file
        self.pos = 0
        self.words = Words()
        self.ended = False
        self.shared: dict[str, str] = {}

    def split(self) -> Words:
        line = self.line
        while self.pos < len(line):
            if self._common_word() or self.pos >= len(line):
                continue
            ch = line[self.pos]
            if ch in _BLANKS:
                self.ended = self.ended or (ch == "\n" and bool(self.words))
                self.pos += 1
            elif ch == "#":
                end = line.find("\n", self.pos)
                self.pos = len(line) if end < 0 else end
            elif line.startswith("\\\n", self.pos):
                self.pos += 2
            elif ch in _OPERATORS:
                self._operator()
            else:
                self._word()
        return self.words

    def _common_word(self) -> bool:
        """Read a word of a common kind (see :data:`_AS_WRITTEN`) at once, with the
        blanks before it; False when the next word is of another kind (or ``ended``):
        only the blanks are read then, and :meth:`_word` reads it."""
        line = self.line
        found = _AS_WRITTEN.match(line, self.pos)
        if found is not None:
            start = first = found.start(1)
        else:
            found = _SINGLE_QUOTED.match(line, self.pos)
            if found is None:
                blanks = _SPACES_TABS.match(line, self.pos)
                assert blanks is not None  # it matches the empty string
                self.pos = blanks.end()
                return False
            first = found.start(1)
            start = first - 1  # the opening quote
        if self.ended:
            self.pos = start
            return False
        self.words.add(self._shared(found.group(1)), start + 1, first + 1)
        self.pos = found.end()
        return True

    def _shared(self, text: str) -> str:
        """``text``, or the same text read before: a repeated word keeps one string."""
        shared = self.shared.get(text)
        if shared is not None:
            return shared
        if len(self.shared) < _SHARED:
            self.shared[text] = text
        return text

    def _operator(self) -> None:
        op = self.line[self.pos : self.pos + 2]
        if op[:1] in ";&" and op not in (";;", "&&", "&>"):
            self.ended = self.ended or bool(self.words)
            self.pos += 1
            return
        if op not in ("&&", "||", ";;", ">>", "<<", ">&", "<&", ">|", "<>", "&>"):
            op = op[:1]
        raise self._error(
            N_(
                "`{operator}` at column {column} is a shell operator: give one command, "
                "without pipes, lists or redirections"
            ),
            self.pos + 1,
            operator=op,
            column=self.pos + 1,
        )

    def _word(self) -> None:
        start = self.pos
        if self.ended:
            raise self._error(
                N_("a second command starts at column {column}: give one command"),
                start + 1,
                column=start + 1,
            )
        line = self.line
        plain = _PLAIN.match(line, start)
        if plain and (plain.end() == len(line) or line[plain.end()] in _BLANKS + _OPERATORS):
            self.pos = plain.end()
            self.words.add(plain.group(), start + 1, start + 1)
            return
        chars = _Chars()
        while self.pos < len(line) and line[self.pos] not in _BLANKS + _OPERATORS:
            ch = line[self.pos]
            if ch == "'":
                self._single_quoted(chars)
            elif ch == '"':
                self._double_quoted(chars)
            elif ch == "\\":
                self._escaped(chars)
            else:
                run = _PLAIN.match(line, self.pos)
                assert run is not None  # ch is none of the characters _PLAIN excludes
                chars.add(run.group(), self.pos + 1)
                self.pos = run.end()
        chars.add_to(self.words, start + 1)

    def _single_quoted(self, chars: _Chars) -> None:
        close = self.line.find("'", self.pos + 1)
        if close < 0:
            raise self._unbalanced("'", self.pos)
        chars.add(self.line[self.pos + 1 : close], self.pos + 2)
        self.pos = close + 1

    def _double_quoted(self, chars: _Chars) -> None:
        opened, line = self.pos, self.line
        self.pos += 1
        while self.pos < len(line) and line[self.pos] != '"':
            pair = line[self.pos : self.pos + 2]
            if pair == "\\\n":
                self.pos += 2
            elif len(pair) == 2 and pair[0] == "\\" and pair[1] in '$`"\\':
                chars.add(pair[1], self.pos + 2)
                self.pos += 2
            elif pair[0] == "\\":
                chars.add("\\", self.pos + 1)
                self.pos += 1
            else:
                run = _DOUBLE_QUOTED_PLAIN.match(line, self.pos)
                assert run is not None  # line[self.pos] is neither " nor \
                chars.add(run.group(), self.pos + 1)
                self.pos = run.end()
        if self.pos >= len(line):
            raise self._unbalanced('"', opened)
        self.pos += 1

    def _escaped(self, chars: _Chars) -> None:
        if self.pos + 1 >= len(self.line):
            raise self._error(
                N_("the backslash at column {column} ends the line and escapes nothing"),
                self.pos + 1,
                column=self.pos + 1,
            )
        if self.line[self.pos + 1] != "\n":
            chars.add(self.line[self.pos + 1], self.pos + 2)
        self.pos += 2

    def _error(self, template: str, col: int, **params: Param) -> InputError:
        return InputError(template, Span(self.file, None, col), None, **params)

    def _unbalanced(self, quote: str, pos: int) -> InputError:
        return self._error(
            N_("unbalanced quote: the {quote} at column {column} is never closed"),
            pos + 1,
            quote=quote,
            column=pos + 1,
        )
