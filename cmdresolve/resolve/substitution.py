"""Build-time ``$VAR`` substitution of ENV, ARG, WORKDIR, USER and FROM words.

Authority: moby/buildkit ``frontend/dockerfile/shell/lex.go :: Lex.ProcessWord``
(``processStopOn``, ``processSingleQuote``, ``processDoubleQuote``,
``processDollar``, ``processName``) at BK@73ed6825. Quotes are removed, the
escape character takes the next character literally, unset variables expand to
the empty string. CMD, ENTRYPOINT and SHELL are never substituted (SEMANTICS
§1.6 rule 28), so nothing here touches them.
"""

from __future__ import annotations

from collections.abc import Mapping

_SPECIAL = frozenset("@*#?-$!0")


class SubstitutionError(ValueError):
    """BuildKit refuses the word (for example ``${X`` without ``}``)."""


def process_word(word: str, env: Mapping[str, str], escape: str = "\\") -> str:
    """Expand one word the way BuildKit's shell lexer does at build time."""
    lexer = _Lexer(word, env, escape)
    return lexer.until("")


class _Lexer:
    def __init__(self, text: str, env: Mapping[str, str], escape: str) -> None:
        self.text = text
        self.pos = 0
        self.env = env
        self.escape = escape

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def until(self, stop: str, raw_escapes: bool = False) -> str:
        out: list[str] = []
        while (ch := self.peek()) != "":
            if stop and ch == stop:
                self.next()
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
            elif ch == "'":
                out.append(self.single_quote())
            elif ch == '"':
                out.append(self.double_quote())
            else:
                self.next()
                if ch == self.escape:
                    if raw_escapes:
                        out.append(ch)
                    ch = self.next()
                    if ch == "":
                        break
                out.append(ch)
        if stop:
            raise SubstitutionError(
                f"unexpected end of statement while looking for matching {stop}"
            )
        return "".join(out)

    def single_quote(self) -> str:
        self.next()
        end = self.text.find("'", self.pos)
        if end < 0:
            raise SubstitutionError(
                "unexpected end of statement while looking for matching single-quote"
            )
        out = self.text[self.pos : end]
        self.pos = end + 1
        return out

    def double_quote(self) -> str:
        self.next()
        out: list[str] = []
        while True:
            ch = self.peek()
            if ch == "":
                raise SubstitutionError(
                    "unexpected end of statement while looking for matching double-quote"
                )
            if ch == '"':
                self.next()
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.next()
            if ch == self.escape and self.peek() in ('"', "$", self.escape):
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
        while (ch := self.peek()) and (ch.isalnum() or ch == "_"):
            self.next()
        return self.text[start : self.pos]

    def dollar(self) -> str:
        self.next()
        if self.peek() != "{":
            name = self.name()
            return self.env.get(name, "") if name else "$"
        self.next()
        if self.peek() == "":
            raise SubstitutionError("syntax error: missing '}'")
        if self.peek() in "{}:":
            raise SubstitutionError("syntax error: bad substitution")
        name = self.name()
        op = self.next()
        if op == "}":
            return self.env.get(name, "")
        if op == "/":
            return self.replace(name)
        null_is_unset = op == ":"
        if null_is_unset:
            op = self.next()
        if op not in ("+", "-", "?", "#", "%") or (null_is_unset and op in "#%"):
            raise SubstitutionError(
                f"unsupported modifier ({':' * null_is_unset}{op}) in substitution"
            )
        word = self.braced_word("}", raw_escapes=op in "#%")
        return _modify(name, self.env.get(name), op, word, null_is_unset)

    def braced_word(self, stop: str, raw_escapes: bool) -> str:
        try:
            return self.until(stop, raw_escapes)
        except SubstitutionError:
            raise SubstitutionError(f"syntax error: missing '{stop}'") from None

    def replace(self, name: str) -> str:
        replace_all = self.peek() == "/"
        if replace_all:
            self.next()
        pattern = self.braced_word("/", raw_escapes=True)
        replacement = self.braced_word("}", raw_escapes=True)
        value = self.env.get(name, "")
        import re

        regex = re.compile(_glob(pattern))
        return regex.sub(replacement.replace("\\", "\\\\"), value, count=0 if replace_all else 1)


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
            default = (
                "is not allowed to be empty" if value is not None else "is not allowed to be unset"
            )
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
