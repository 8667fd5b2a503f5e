"""Compose's word splitting of a string ``command`` or ``entrypoint`` (and of
``docker compose run --entrypoint``).

No shell is involved: the string is cut into words with quotes and backslashes, and
the parser stops at the first unquoted ``;`` ``&`` ``|`` ``<`` ``>``, silently dropping
the rest (docs/semantics.md §5.1).

Authority: mattn/go-shellwords v1.0.12 ``shellwords.go :: (*Parser).Parse`` with
``ParseEnv=false`` and ``ParseBacktick=false``, as compose-go ``types/command.go ::
ShellCommand.DecodeMapstructure`` and docker/compose ``cmd/compose/run.go`` call it.
The Docker Compose v2.40.3 binary behaves as v1.0.12 (measured: ``\\t`` gives ``t``);
v1.0.13 turns an escaped ``t``/``n`` into a TAB/newline and refuses a lone ``)`` at once.
"""

from __future__ import annotations

from cmdresolve.model.frozen import record

__all__ = ["ShellWords", "ShellWordsError", "dropped_text", "split_compose_words"]

_SPACE = frozenset(" \t\r\n")
_OPERATORS = frozenset(";&|<>")


class ShellWordsError(ValueError):
    """go-shellwords' ``invalid command line string``; ``position`` is the index of the
    character that made it (the end of the text for an open quote)."""

    def __init__(self, position: int) -> None:
        super().__init__("invalid command line string")
        self.position = position


@record
class ShellWords:
    """The words, the index in the text of each word's first character (-1 for a word
    made of quotes only, at the quote), the index of each of its characters, and where
    the parser stopped (``cut``: the index of the operator, None when it read it all)."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    chars: tuple[tuple[int, ...], ...]
    cut: int | None = None


def dropped_text(text: str, words: ShellWords) -> str:
    """The part of ``text`` Compose drops (empty when nothing is dropped)."""
    return "" if words.cut is None else text[words.cut :]


def split_compose_words(text: str) -> ShellWords:
    """Split ``text`` as go-shellwords v1.0.12 ``Parse`` does (no env, no backticks).

    Authority: go-shellwords v1.0.12 ``(*Parser).Parse``: a backslash outside single
    quotes escapes the next character (kept as written, so ``\\t`` is ``t``); quotes
    group and a closed pair makes a word even when empty; ``$(`` opens a region that a
    ``)`` closes (an unquoted ``(`` elsewhere is an error); a backtick toggles a region
    that is kept as written; an unquoted operator stops the parse, and a word of a
    leading digit just before ``>`` (``2>``) is dropped with it; an open quote,
    backtick, ``$(`` or trailing backslash is an error.
    """
    words: list[str] = []
    starts: list[int] = []
    chars: list[tuple[int, ...]] = []
    buf: list[str] = []
    where: list[int] = []
    escaped = double = single = back = dollar = False
    got = 0  # 0: no word, 1: a word, 2: a word closed by a quote
    start = -1
    begin = -1  # where the current word's text begins, a leading backslash included
    cut: int | None = None

    def end_word() -> None:
        words.append("".join(buf))
        starts.append(start)
        chars.append(tuple(where))

    for i, char in enumerate(text):
        if escaped:
            buf.append(char)
            where.append(i)
            escaped, got = False, 1
            start = i if start < 0 else start
            continue
        if char == "\\":
            if single:
                buf.append(char)
                where.append(i)
            else:
                escaped = True
                begin = i if not got and not buf and begin < 0 else begin
            continue
        if char in _SPACE:
            if single or double or back or dollar:
                buf.append(char)
                where.append(i)
            elif got:
                end_word()
                buf, where, got, start, begin = [], [], 0, -1, -1
            continue
        if char == "`":
            if not single and not double and not dollar:
                back = not back
        elif char == ")":
            if not single and not double and not back:
                dollar = not dollar
        elif char == "(":
            if not single and not double and not back:
                if not dollar and buf and buf[-1] == "$":
                    dollar = True
                    buf.append(char)
                    where.append(i)
                    continue
                raise ShellWordsError(i)
        elif char == '"':
            if not single and not dollar:
                if double:
                    got = 2
                start = i if start < 0 else start
                double = not double
                continue
        elif char == "'":
            if not double and not dollar:
                if single:
                    got = 2
                start = i if start < 0 else start
                single = not single
                continue
        elif char in _OPERATORS and not (single or double or back or dollar):
            cut = i
            if char == ">" and buf and "0" <= buf[0] <= "9":
                # ``2>file``: the file descriptor goes with the redirect; the dropped
                # text starts where the word does (at ``\`` for ``\2>``)
                got, cut = 0, min(start, begin) if begin >= 0 else start
            break
        got = 1
        start = i if start < 0 else start
        buf.append(char)
        where.append(i)
    if got:
        end_word()
    if escaped or single or double or back or dollar:
        raise ShellWordsError(len(text) if cut is None else cut)
    return ShellWords(tuple(words), tuple(starts), tuple(chars), cut)
