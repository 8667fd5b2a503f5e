"""BuildKit's Dockerfile shell lexer: ``$VAR`` substitution, quote removal, words.

Shared by ``sources`` (spotting heredoc words, as BuildKit's parser does) and
``resolve`` (build-time substitution of ENV, ARG, WORKDIR, USER and FROM);
it depends on nothing else in the package but :mod:`cmdresolve.budget`.

Authority: moby/buildkit ``frontend/dockerfile/shell/lex.go :: Lex.ProcessWord,
ProcessWords`` (``processStopOn``, ``processSingleQuote``, ``processDoubleQuote``,
``processDollar``, ``processName``, ``processPossibleHeredoc``, ``wordsStruct``)
at BK@73ed6825. Unset variables expand to the empty string, unless
``skip_unset`` keeps the reference as written. CMD, ENTRYPOINT and SHELL are
never substituted (docs/semantics.md §1.6 rule 28).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cmdresolve.budget import Budget

_SPECIAL = frozenset("@*#?-$!0")
_SPACE = frozenset("\t\n\v\f\r \x85\xa0")
# Go's unicode.IsSpace past Latin-1, which ``_Words.char`` also splits at
# (``ch > "\xff" and ch.isspace()``); a test checks the two agree.
_WIDE_SPACE = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_RUN = f"[\t\n\v\f\r \x85\xa0{_WIDE_SPACE}]+"


class SubstitutionError(ValueError):
    """BuildKit refuses the text (for example ``${X`` without ``}``)."""


class Options:
    """Lexer switches (BK ``Lex`` fields); ``skip_unset`` keeps unset ``$X`` as written."""

    __slots__ = ("escape", "raw_escapes", "raw_quotes", "skip_unset")

    def __init__(
        self,
        escape: str = "\\",
        raw_quotes: bool = False,
        raw_escapes: bool = False,
        skip_unset: bool = False,
    ) -> None:
        self.escape, self.raw_quotes = escape, raw_quotes
        self.raw_escapes, self.skip_unset = raw_escapes, skip_unset


def process_word(
    word: str, env: Mapping[str, str], escape: str = "\\", budget: Budget | None = None
) -> str:
    """Expand one word the way BuildKit does at build time (``ProcessWord``)."""
    lexer = _Lexer(word, env, Options(escape=escape), budget)
    return lexer.until("", lexer.opts.raw_escapes)


def process_words(text: str, env: Mapping[str, str], opts: Options) -> list[str]:
    """Split and expand ``text`` into words (``ProcessWords``); raises on bad syntax."""
    lexer = _Lexer(text, env, opts)
    lexer.until("", opts.raw_escapes)
    return lexer.words.done()


_NAME = re.compile(r"\w*")
_BLANKS = re.compile(r"[ \t\r\n]*")
_PLAIN: dict[tuple[str, str], re.Pattern[str]] = {}


def _plain_run(escape: str, stop: str) -> re.Pattern[str]:
    """A matcher for the longest run, from a position, of characters that mean nothing
    to :meth:`_Lexer.until` (or to a double-quoted string, ``stop`` '"'): not ``$``,
    a quote, ``<``, the escape character or ``stop``."""
    key = (escape, stop)
    if key not in _PLAIN:
        special = re.escape("$'\"<" + escape + stop)
        _PLAIN[key] = re.compile(f"[^{special}]*")
    return _PLAIN[key]


class _Words:
    """Authority: BK ``lex.go :: wordsStruct``: unquoted white space splits words;
    quoted text, escapes and ``<<`` are kept whole; expansions split on spaces."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.buf: list[str] = []
        self.in_word = False

    def char(self, ch: str) -> None:
        if ch in _SPACE or (ch > "\xff" and ch.isspace()):
            if self.in_word and self.buf:
                self.words.append("".join(self.buf))
                self.buf, self.in_word = [], False
        else:
            self.raw(ch)

    def raw(self, text: str) -> None:
        self.buf.append(text)
        self.in_word = True

    def expanded(self, text: str) -> None:
        """As :meth:`char` for each character of ``text``, a run of text at a time."""
        for i, piece in enumerate(re.split(_SPACE_RUN, text)):
            if i and self.in_word and self.buf:  # a space run came before ``piece``
                self.words.append("".join(self.buf))
                self.buf, self.in_word = [], False
            if piece:
                self.raw(piece)

    def done(self) -> list[str]:
        if self.buf:
            self.words.append("".join(self.buf))
            self.buf, self.in_word = [], False
        return self.words


class _Lexer:
    def __init__(
        self, text: str, env: Mapping[str, str], opts: Options, budget: Budget | None = None
    ) -> None:
        self.budget = budget
        self.text = text
        self.pos = 0
        self.env = env
        self.opts = opts
        self.escape = opts.escape
        self.words = _Words()

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def until(self, stop: str, raw_escapes: bool) -> str:
        out: list[str] = []
        plain = _plain_run(self.escape, stop)
        text = self.text
        while (ch := self.peek()) != "":
            end = plain.match(text, self.pos).end()  # type: ignore[union-attr]
            if end > self.pos:  # characters with no meaning here, taken as one run
                run = text[self.pos : end]
                self.pos = end
                out.append(run)
                self.words.expanded(run)
                continue
            if stop and ch == stop:
                self.next()
                return "".join(out)
            if ch in "$'\"<":
                piece = self._special(ch)
                out.append(piece)
                if ch == "$":
                    self.words.expanded(piece)
                else:
                    self.words.raw(piece)
                continue
            self.next()
            if ch == self.escape:
                if raw_escapes:
                    out.append(ch)
                    self.words.raw(ch)
                ch = self.next()
                if ch == "":
                    break
                self.words.raw(ch)
            else:
                self.words.char(ch)
            out.append(ch)
        if stop:
            raise SubstitutionError(
                f"unexpected end of statement while looking for matching {stop}"
            )
        return "".join(out)

    def _special(self, ch: str) -> str:
        if ch == "$":
            return self.dollar()
        if ch == "'":
            return self.single_quote()
        if ch == '"':
            return self.double_quote()
        return self.possible_heredoc()

    def possible_heredoc(self) -> str:
        """``<<`` and the blanks after it stay together in one word."""
        self.next()
        if self.peek() != "<":
            return "<"
        self.next()
        start = self.pos
        self.pos = _BLANKS.match(self.text, start).end()  # type: ignore[union-attr]
        return "<<" + self.text[start : self.pos]

    def single_quote(self) -> str:
        self.next()
        end = self.text.find("'", self.pos)
        if end < 0:
            raise SubstitutionError(
                "unexpected end of statement while looking for matching single-quote"
            )
        out = self.text[self.pos : end]
        self.pos = end + 1
        return f"'{out}'" if self.opts.raw_quotes else out

    def double_quote(self) -> str:
        self.next()
        out: list[str] = ['"'] if self.opts.raw_quotes else []
        plain = _plain_run(self.escape, '"')
        while True:
            end = plain.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if end > self.pos:
                out.append(self.text[self.pos : end])
                self.pos = end
            ch = self.peek()
            if ch == "":
                raise SubstitutionError(
                    "unexpected end of statement while looking for matching double-quote"
                )
            if ch == '"':
                self.next()
                if self.opts.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.next()
            if ch == self.escape:
                if self.opts.raw_escapes:
                    out.append(ch)
                if self.peek() in ('"', "$", self.escape) and self.peek():
                    ch = self.next()
            out.append(ch)

    def name(self) -> str:
        start = self.pos
        ch = self.peek()
        if ch.isdigit():
            while self.peek().isdigit():
                self.next()
            return self.text[start : self.pos]
        if ch in _SPECIAL and ch:
            return self.next()
        # ``\w`` is exactly ``isalnum() or "_"`` for str patterns (BK: unicode letters,
        # digits and "_").
        self.pos = _NAME.match(self.text, start).end()  # type: ignore[union-attr]
        return self.text[start : self.pos]

    def lookup(self, name: str) -> str | None:
        return self.env.get(name)

    def dollar(self) -> str:
        if self.budget is None:
            return self._dollar()
        start = self.pos
        return self.budget.spend(self._dollar(), self.text[start : self.pos])

    def _dollar(self) -> str:
        self.next()
        if self.peek() != "{":
            name = self.name()
            if not name:
                return "$"
            value = self.lookup(name)
            if value is None and self.opts.skip_unset:
                return "$" + name
            return value or ""
        self.next()
        if self.peek() == "":
            raise SubstitutionError("syntax error: missing '}'")
        if self.peek() in "{}:":
            raise SubstitutionError("syntax error: bad substitution")
        name = self.name()
        op = self.next()
        if op == "}":
            value = self.lookup(name)
            if value is None and self.opts.skip_unset:
                return "${" + name + "}"
            return value or ""
        if op == "/":
            return self.replace(name)
        null_is_unset = op == ":"
        if null_is_unset:
            op = self.next()
        if op not in ("+", "-", "?", "#", "%") or (null_is_unset and op in "#%"):
            modifier = (":" if null_is_unset else "") + op
            raise SubstitutionError(f"unsupported modifier ({modifier}) in substitution")
        word = self.braced_word("}", raw_escapes=op in "#%")
        value = self.lookup(name)
        if value is None and self.opts.skip_unset:
            return "${" + name + (":" if null_is_unset else "") + op + word + "}"
        return _modify(name, value, op, word, null_is_unset)

    def nested(self, stop: str, raw_escapes: bool) -> str:
        """A word inside ``${...}``: BK collects its words apart, and resetting the
        shared buffer drops the outer word's text gathered so far."""
        outer, self.words = self.words, _Words()
        try:
            return self.until(stop, raw_escapes)
        finally:
            outer.buf = []
            self.words = outer

    def braced_word(self, stop: str, raw_escapes: bool) -> str:
        try:
            return self.nested(stop, raw_escapes)
        except SubstitutionError:
            if self.peek() == "":
                raise SubstitutionError(f"syntax error: missing '{stop}'") from None
            raise

    def replace(self, name: str) -> str:
        import re

        replace_all = self.peek() == "/"
        if replace_all:
            self.next()
        try:
            pattern = self.nested("/", True)
        except SubstitutionError:
            raise SubstitutionError("syntax error: missing '/' in ${}") from None
        replacement = self.braced_word("}", raw_escapes=True)
        value = self.lookup(name)
        if value is None and self.opts.skip_unset:
            return "${" + name + "/" + pattern + "/" + replacement + "}"
        regex = re.compile(_glob(pattern))
        escaped = replacement.replace("\\", "\\\\")
        return regex.sub(escaped, value or "", count=0 if replace_all else 1)


def _glob(pattern: str) -> str:
    import fnmatch  # rare: only ${X/pattern/...}; kept off the start-up path

    translated = fnmatch.translate(pattern)
    return translated[4:-3] if translated.startswith("(?s:") else translated


def _modify(name: str, value: str | None, op: str, word: str, null_is_unset: bool) -> str:
    unset = value is None or (null_is_unset and value == "")
    if op == "-":
        return word if unset else str(value)
    if op == "+":
        return "" if unset else word
    if op == "?":
        if unset:
            empty = "is not allowed to be empty"
            default = empty if value is not None else "is not allowed to be unset"
            raise SubstitutionError(f"{name}: {word or default}")
        return str(value)
    greedy = word.startswith(op)
    if greedy:
        word = word[1:]
    return _trim(value or "", word, suffix=op == "%", greedy=greedy)


def _trim(value: str, pattern: str, suffix: bool, greedy: bool) -> str:
    """``${X#p}``/``${X##p}`` drop a matching prefix, ``%`` a matching suffix."""
    from fnmatch import fnmatchcase

    cuts = range(len(value) + 1)
    order = reversed(cuts) if greedy else cuts
    for cut in order:
        part = value[len(value) - cut :] if suffix else value[:cut]
        if fnmatchcase(part, pattern):
            return value[: len(value) - cut] if suffix else value[cut:]
    return value
