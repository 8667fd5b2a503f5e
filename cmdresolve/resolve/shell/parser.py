"""A reader of POSIX ``sh`` scripts (and the few bash additions a ``bash -c`` line uses).

It lexes and parses a script into its simple commands, in the order written, each with
the operator that follows it and the constructs it sits in, and keeps the shape of the
top-level list so :mod:`cmdresolve.resolve.shell.pid1` can say what ends as PID 1.
Nothing is expanded or run: a word keeps its text, and its value only when it holds no
expansion.

Authority: POSIX.1-2017 XCU 2.3 Token Recognition, 2.2 Quoting, 2.6.2-2.6.4 (the
expansions' ends: ``${…}``, ``$(…)``, backquotes, ``$((…))``), 2.7.4 Here-Document,
2.9 Shell Commands and 2.10 Shell Grammar; for ``bash -c`` the bash manual's
*Redirections* (``&>``, ``<<<``), *Pipelines* (``|&``), *Conditional Constructs*
(``[[ … ]]``, ``(( … ))``) and ANSI-C quoting (``$'…'``). docs/semantics.md §10.

This is not :mod:`cmdresolve.shell_lexer`, which is BuildKit's own Dockerfile lexer
(``$VAR`` substitution and word splitting as the Dockerfile frontend does them, at build
time): that one must keep BuildKit's quirks, this one reads what a real shell runs, so
the two are kept apart on purpose. ``bashlex`` is not used: it is not among the
packages this project may depend on, and it reads bash's grammar only.

Cost: every character is looked at a bounded number of times (runs of ordinary
characters by one character-class match, quotes by ``str.find``), so time is linear in
the script. What is read is bounded too: nesting (compound commands, substitutions) by
:data:`MAX_DEPTH`, and the simple commands and words kept by :data:`MAX_COMMANDS` and
:data:`MAX_WORDS` (each costs a few hundred bytes of objects, where the script spends
two). Past a bound the reading stops with an error whose problem says which bound it is
(:attr:`ScriptError.is_limit`): never a ``RecursionError``, never unbounded memory.
"""

from __future__ import annotations

import re

from cmdresolve.model.script import (
    Command,
    Context,
    ScriptError,
    Separator,
    ShellKind,
    SyntaxProblem,
    Word,
)

__all__ = ["MAX_COMMANDS", "MAX_DEPTH", "MAX_WORDS", "Node", "Parsed", "parse"]

MAX_DEPTH = 40  # each level costs a dozen Python frames; 40 stays well inside the limit
# A real -c script has tens of commands, a big one a few hundred. Reading a command costs
# about 10 µs and a kilobyte, a word 2 µs and a hundred bytes, where the script may spend
# two bytes on each: these bounds keep any script under 0.1 s and 10 MB.
MAX_COMMANDS = 5_000
MAX_WORDS = 25_000

_PLAIN = re.compile(r"[^ \t\n;&|()<>\\'\"$`]+")
_IN_DOUBLE = re.compile(r"[^\"\\$`]+")
_IN_BACKQUOTE = re.compile(r"[^`\\]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BLANKS = re.compile(r"[ \t]+")
_DIGITS = re.compile(r"[0-9]+")
_META = frozenset(" \t\n;&|()<>")
_SPECIAL_PARAMS = frozenset("@*#?$!-0123456789")

_POSIX_OPS = frozenset(
    ("&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", ";", "&", "|", "(", ")", "<", ">")
)
_BASH_OPS = _POSIX_OPS | {"<<<", "&>>", ";;&", "&>", "|&", ";&"}
_ASH_OPS = _POSIX_OPS | {"<<<", "&>"}
_REDIRECTS = frozenset(("<<-", "<<", ">>", "<&", ">&", "<>", ">|", "<", ">", "<<<", "&>>", "&>"))
_RESERVED = frozenset(
    (
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "do",
        "done",
        "case",
        "esac",
        "while",
        "until",
        "for",
        "in",
        "{",
        "}",
        "!",
    )
)
_ENDS = frozenset(("then", "else", "elif", "fi", "do", "done", "esac", "}"))

# Token kinds
WORD, OP, NEWLINE, EOF, IO_NUMBER = "word", "op", "newline", "eof", "io"


class _Stop(Exception):
    """A syntax error: stops the reading (caught once, in :func:`parse`)."""

    def __init__(
        self,
        problem: SyntaxProblem,
        offset: int,
        token: str | None = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem, self.offset, self.token, self.expected = problem, offset, token, expected


class Node:
    """The shape of a command for the PID 1 reading: ``kind`` is ``simple`` (``index``
    into the commands), ``subshell``, ``group``, ``if``, ``loop``, ``case``,
    ``function``, ``pipeline`` (``items``, ``negated``), ``and_or`` (``items``, ``ops``)
    or ``list`` (``items`` with ``ops``: the separator after each)."""

    __slots__ = ("index", "items", "kind", "negated", "ops")

    def __init__(self, kind: str, items: list[Node] | None = None, index: int = -1) -> None:
        self.kind, self.items, self.index = kind, items or [], index
        self.ops: list[str] = []
        self.negated = False


class Parsed:
    """What :func:`parse` read: the commands, the top-level list, functions, the error."""

    __slots__ = ("commands", "error", "functions", "top")

    def __init__(
        self,
        commands: tuple[Command, ...],
        top: Node,
        functions: tuple[str, ...],
        error: ScriptError | None,
    ) -> None:
        self.commands, self.top, self.functions, self.error = commands, top, functions, error


class _Cmd:
    """A simple command being read (mutable until the script is done)."""

    __slots__ = ("after", "assignments", "contexts", "negated", "redirected", "words")

    def __init__(self, contexts: tuple[Context, ...]) -> None:
        self.words: list[Word] = []
        self.assignments: list[Word] = []
        self.redirected = False
        self.after = Separator.END
        self.contexts = contexts
        self.negated = False


class _Token:
    __slots__ = ("end", "kind", "quoted", "start", "text", "value")

    def __init__(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        value: str | None = None,
        quoted: bool = False,
    ) -> None:
        self.kind, self.text, self.start, self.end, self.value, self.quoted = (
            kind,
            text,
            start,
            end,
            value,
            quoted,
        )


class _Parser:
    def __init__(self, text: str, dialect: ShellKind) -> None:
        self.s = text
        self.n = len(text)
        self.pos = 0
        self.bash = dialect is ShellKind.BASH
        # BusyBox ash (built with ASH_BASH_COMPAT, as the images' busybox is) takes
        # [[ ]], $'…', &> and <<< too, but not arrays, ``function`` or (( )).
        self.compat = self.bash or dialect is ShellKind.BUSYBOX
        self.ops = _BASH_OPS if self.bash else _ASH_OPS if self.compat else _POSIX_OPS
        self.cmds: list[_Cmd] = []
        self.kept = 0  # words and assignments kept, against MAX_WORDS
        self.functions: list[str] = []
        self.heredocs: list[tuple[str, bool]] = []
        self.contexts: tuple[Context, ...] = ()
        self.depth = 0
        self.tok = _Token(EOF, "", 0, 0)
        self.tok = self._next()

    # ---- lexing -----------------------------------------------------------------

    def _next(self) -> _Token:
        s, n = self.s, self.n
        while True:
            if self.pos < n and s[self.pos] in " \t":
                m = _BLANKS.match(s, self.pos)
                assert m is not None
                self.pos = m.end()
            if self.pos + 1 < n and s[self.pos] == "\\" and s[self.pos + 1] == "\n":
                self.pos += 2
                continue
            if self.pos < n and s[self.pos] == "#":
                end = s.find("\n", self.pos)
                self.pos = n if end < 0 else end
            break
        start = self.pos
        if start >= n:
            return _Token(EOF, "", n, n)
        c = s[start]
        if c == "\n":
            self.pos = start + 1
            if self.heredocs:
                self._read_heredocs()
            return _Token(NEWLINE, "\n", start, start + 1)
        if c in ";&|()<>":
            for size in (3, 2, 1):
                op = s[start : start + size]
                if op in self.ops:
                    self.pos = start + size
                    return _Token(OP, op, start, self.pos)
        m = _PLAIN.match(s, start)
        if m is not None:
            end = m.end()
            nxt = s[end] if end < n else ""
            if nxt in "<>" and nxt and m.group().isdigit():
                self.pos = end
                return _Token(IO_NUMBER, m.group(), start, end)
            if not nxt or (nxt in _META and not (nxt == "(" and self.bash)):
                self.pos = end  # the common case: a word of ordinary characters only
                text = m.group()
                return _Token(WORD, text, start, end, text)
        return self._word(start)

    def _word(self, start: int) -> _Token:
        s, n = self.s, self.n
        i = start
        chunks: list[str] = []
        expanded = quoted = False
        while i < n:
            c = s[i]
            if c in _META:
                if c == "(" and self.bash and i > start and s[i - 1] == "=" and not quoted:
                    i = self._balanced(i, "(", ")")  # a bash array assignment a=( … )
                    expanded = True
                    continue
                break
            if c == "\\":
                if i + 1 < n:
                    if s[i + 1] != "\n":
                        chunks.append(s[i + 1])
                    quoted = True
                    i += 2
                else:
                    chunks.append(c)
                    i += 1
            elif c == "'":
                end = s.find("'", i + 1)
                if end < 0:
                    raise _Stop(SyntaxProblem.UNTERMINATED_SINGLE_QUOTE, i)
                chunks.append(s[i + 1 : end])
                quoted = True
                i = end + 1
            elif c == '"':
                i, lit = self._double(i)
                if lit is None:
                    expanded = True
                else:
                    chunks.append(lit)
                quoted = True
            elif c == "$":
                i, lit = self._dollar(i)
                if lit is None:
                    expanded = True
                else:
                    chunks.append(lit)
                    quoted = quoted or lit != "$"
            elif c == "`":
                i = self._backquote(i)
                expanded = True
            else:
                m = _PLAIN.match(s, i)
                assert m is not None
                chunks.append(m.group())
                i = m.end()
        self.pos = i
        text = s[start:i]
        return _Token(WORD, text, start, i, None if expanded else "".join(chunks), quoted)

    def _double(self, i: int) -> tuple[int, str | None]:
        """The double-quoted part at ``i``: where it ends, and its value (None if it expands)."""
        s, n = self.s, self.n
        open_at, i = i, i + 1
        chunks: list[str] = []
        expanded = False
        while True:
            if i >= n:
                raise _Stop(SyntaxProblem.UNTERMINATED_DOUBLE_QUOTE, open_at)
            c = s[i]
            if c == '"':
                return i + 1, None if expanded else "".join(chunks)
            if c == "\\":
                nxt = s[i + 1] if i + 1 < n else ""
                if nxt in ('"', "\\", "$", "`"):
                    chunks.append(nxt)
                elif nxt != "\n":
                    chunks.append("\\" + nxt)
                i += 2
            elif c == "$":
                i, lit = self._dollar(i, in_double=True)
                if lit is None:
                    expanded = True
                else:
                    chunks.append(lit)
            elif c == "`":
                i = self._backquote(i)
                expanded = True
            else:
                m = _IN_DOUBLE.match(s, i)
                assert m is not None
                chunks.append(m.group())
                i = m.end()

    def _dollar(self, i: int, in_double: bool = False) -> tuple[int, str | None]:
        """The ``$`` at ``i``: where what it starts ends, and a value when it is literal."""
        s, n = self.s, self.n
        nxt = s[i + 1] if i + 1 < n else ""
        if nxt == "(":
            if i + 2 < n and s[i + 2] == "(":
                return self._balanced(i + 1, "(", ")"), None
            return self._substitution(i + 2), None
        if nxt == "{":
            return self._balanced(i + 1, "{", "}"), None
        if nxt and (nxt in _SPECIAL_PARAMS or nxt == "_" or nxt.isalpha()):
            m = _NAME.match(s, i + 1)
            return (m.end() if m else i + 2), None
        if self.compat and not in_double and nxt == "'":  # $'…' ANSI-C quoting
            j = i + 2
            while True:
                end = s.find("'", j)
                if end < 0:
                    raise _Stop(SyntaxProblem.UNTERMINATED_SINGLE_QUOTE, i + 1)
                back = end - 1
                while back >= j and s[back] == "\\":
                    back -= 1
                if (end - 1 - back) % 2 == 0:
                    return end + 1, None
                j = end + 1
        return i + 1, "$"

    def _balanced(self, i: int, open_: str, close: str) -> int:
        """The end of the bracketed text opening at ``i`` (``${…}``, ``$((…))``,
        ``a=(…)``), skipping quoted parts; its inside is not read for commands."""
        s, n = self.s, self.n
        depth, j = 0, i
        while j < n:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == "'" and open_ == "{":
                end = s.find("'", j + 1)
                if end < 0:
                    raise _Stop(SyntaxProblem.UNTERMINATED_SINGLE_QUOTE, j)
                j = end + 1
                continue
            if c == '"':
                j, _ = self._double(j)
                continue
            if c == "`":
                j = self._backquote(j)
                continue
            if c == "$" and j + 1 < n and s[j + 1] == "(" and not (j + 2 < n and s[j + 2] == "("):
                j = self._substitution(j + 2)
                continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        raise _Stop(SyntaxProblem.UNTERMINATED_SUBSTITUTION, i - 1)

    def _substitution(self, i: int) -> int:
        """``$( … )`` whose inside starts at ``i``: read as a nested script, in place."""
        saved_tok, saved_ctx = self.tok, self.contexts
        self.pos = i
        self._enter(i)
        self.contexts = (*saved_ctx, Context.SUBSTITUTION)
        self.tok = self._next()
        self._compound_list(stops=frozenset(), close=")", allow_empty=True)
        if not (self.tok.kind is OP and self.tok.text == ")"):
            if self.tok.kind is EOF:
                raise _Stop(SyntaxProblem.UNTERMINATED_SUBSTITUTION, i - 2)
            self._unexpected()
        end = self.tok.end
        self.depth -= 1
        self.contexts, self.tok = saved_ctx, saved_tok
        return end

    def _backquote(self, i: int) -> int:
        """`` ` … ` `` at ``i``: its inside, unescaped, is read as a nested script."""
        s, n = self.s, self.n
        j = i + 1
        chunks: list[str] = []
        while True:
            if j >= n:
                raise _Stop(SyntaxProblem.UNTERMINATED_BACKQUOTE, i)
            c = s[j]
            if c == "`":
                break
            if c == "\\":
                nxt = s[j + 1] if j + 1 < n else ""
                chunks.append(nxt if nxt in ("$", "`", "\\") else "\\" + nxt)
                j += 2
                continue
            m = _IN_BACKQUOTE.match(s, j)
            assert m is not None
            chunks.append(m.group())
            j = m.end()
        self._enter(i)
        inner = _Parser.__new__(_Parser)
        inner.s = "".join(chunks)
        inner.n, inner.pos, inner.bash, inner.ops = len(inner.s), 0, self.bash, self.ops
        inner.compat = self.compat
        inner.cmds, inner.functions, inner.heredocs = self.cmds, self.functions, []
        inner.contexts, inner.depth = (*self.contexts, Context.SUBSTITUTION), self.depth
        inner.kept = self.kept
        try:
            inner.tok = inner._next()
            inner._compound_list(stops=frozenset(), close=None, allow_empty=True)
            if inner.tok.kind is not EOF:
                inner._unexpected()
        except _Stop as stop:
            raise _Stop(
                stop.problem, i + 1 + min(stop.offset, j - i - 1), stop.token, stop.expected
            ) from None
        self.depth -= 1
        self.kept = inner.kept
        return j + 1

    def _read_heredocs(self) -> None:
        """The bodies of the here-documents of the line just ended (POSIX 2.7.4)."""
        s, n = self.s, self.n
        for delimiter, strip in self.heredocs:
            while self.pos < n:
                end = s.find("\n", self.pos)
                stop = n if end < 0 else end
                line = s[self.pos : stop]
                self.pos = n if end < 0 else end + 1
                if (line.lstrip("\t") if strip else line) == delimiter:
                    break
        self.heredocs = []

    def _enter(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Stop(SyntaxProblem.TOO_DEEP, offset, None, str(MAX_DEPTH))

    # ---- parsing ----------------------------------------------------------------

    def _advance(self) -> _Token:
        tok = self.tok
        self.tok = self._next()
        return tok

    def _unexpected(self) -> None:
        tok = self.tok
        if tok.kind is EOF:
            raise _Stop(SyntaxProblem.UNEXPECTED_END, tok.start)
        raise _Stop(
            SyntaxProblem.UNEXPECTED_TOKEN,
            tok.start,
            "newline" if tok.kind is NEWLINE else tok.text,
        )

    def _is_op(self, *ops: str) -> bool:
        return self.tok.kind is OP and self.tok.text in ops

    def _is_word(self, *words: str) -> bool:
        tok = self.tok
        return tok.kind is WORD and not tok.quoted and tok.text in words

    def _newlines(self) -> None:
        while self.tok.kind is NEWLINE:
            self._advance()

    def _expect_word(self, word: str) -> None:
        if not self._is_word(word):
            if self.tok.kind is EOF:
                raise _Stop(SyntaxProblem.UNEXPECTED_END, self.tok.start, None, word)
            self._unexpected()
        self._advance()

    def _expect_op(self, op: str) -> None:
        if not self._is_op(op):
            if self.tok.kind is EOF:
                raise _Stop(SyntaxProblem.UNEXPECTED_END, self.tok.start, None, op)
            self._unexpected()
        self._advance()

    def _at_stop(self, stops: frozenset[str], close: str | None) -> bool:
        tok = self.tok
        if tok.kind is EOF:
            return True
        if tok.kind is OP:
            return tok.text == close or tok.text in (";;", ";&", ";;&")
        return tok.kind is WORD and not tok.quoted and tok.text in stops

    def _compound_list(
        self, stops: frozenset[str], close: str | None, allow_empty: bool = False
    ) -> Node:
        node = Node("list")
        self._newlines()
        while not self._at_stop(stops, close):
            first = len(self.cmds)
            node.items.append(self._and_or())
            tok = self.tok
            if tok.kind is OP and tok.text in (";", "&"):
                sep = Separator.SEMICOLON if tok.text == ";" else Separator.BACKGROUND
                self._advance()
            elif tok.kind is NEWLINE:
                sep = Separator.NEWLINE
            else:
                sep = Separator.END
            node.ops.append(sep.value)
            last = self._last_top(first)
            if sep is not Separator.END and last is not None:
                last.after = sep
            self._newlines()
            if sep is Separator.END:
                break
        if not node.items and not allow_empty:
            self._unexpected()
        return node

    def _last_top(self, first: int) -> _Cmd | None:
        """The last simple command of the and-or list whose commands start at ``first``,
        in its own list (not one nested in a substitution or compound)."""
        depth = len(self.contexts)
        for cmd in reversed(self.cmds[first:]):
            if len(cmd.contexts) == depth:
                return cmd
        return None

    def _and_or(self) -> Node:
        node = Node("and_or")
        while True:
            first = len(self.cmds)
            node.items.append(self._pipeline())
            if not self._is_op("&&", "||"):
                return node
            op = self._advance().text
            node.ops.append(op)
            last = self._last_top(first)
            if last is not None:
                last.after = Separator.AND if op == "&&" else Separator.OR
            self._newlines()

    def _pipeline(self) -> Node:
        node = Node("pipeline")
        if self._is_word("!"):
            self._advance()
            node.negated = True
        while True:
            first = len(self.cmds)
            node.items.append(self._command())
            if node.negated and first < len(self.cmds):
                self.cmds[first].negated = True
            if not self._is_op("|", "|&"):
                return node
            self._advance()
            last = self._last_top(first)
            if last is not None:
                last.after = Separator.PIPE
            self._newlines()

    def _command(self) -> Node:
        tok = self.tok
        if tok.kind is OP and tok.text == "(":
            if self.bash and self.s.startswith("((", tok.start):
                return self._arith_command()
            return self._compound(Context.SUBSHELL, "subshell", self._subshell)
        if tok.kind is WORD and not tok.quoted:
            word = tok.text
            if word == "{":
                return self._compound(Context.GROUP, "group", self._group)
            if word == "if":
                return self._compound(Context.IF, "if", self._if)
            if word in ("while", "until"):
                return self._compound(Context.LOOP, "loop", self._while)
            if word == "for":
                return self._compound(Context.LOOP, "loop", self._for)
            if word == "case":
                return self._compound(Context.CASE, "case", self._case)
            if word == "function" and self.bash:
                self._advance()
                if self.tok.kind is not WORD:
                    self._unexpected()
                name = self._advance().text
                if self._is_op("("):
                    self._advance()
                    self._expect_op(")")
                return self._function_body(name)
            if word in _ENDS or word == "in":
                self._unexpected()
            if tok.value is not None and _NAME.fullmatch(tok.value) and word not in _RESERVED:
                # name ( ) compound-command: a function definition (POSIX 2.9.5)
                save = self.pos
                if self.s.startswith("(", self._skip_blanks(save)):
                    after = self._skip_blanks(self._skip_blanks(save) + 1)
                    if self.s.startswith(")", after):
                        self._advance()
                        self._expect_op("(")
                        self._expect_op(")")
                        return self._function_body(word)
        return self._simple()

    def _skip_blanks(self, i: int) -> int:
        m = _BLANKS.match(self.s, i)
        return m.end() if m else i

    def _function_body(self, name: str) -> Node:
        self.functions.append(name)
        self._newlines()
        saved = self.contexts
        self.contexts = (*saved, Context.FUNCTION)
        try:
            node = self._command()
        finally:
            self.contexts = saved
        if node.kind in ("simple", "pipeline", "and_or"):
            raise _Stop(SyntaxProblem.UNEXPECTED_TOKEN, self.tok.start, self.tok.text or "newline")
        return Node("function")

    def _compound(self, ctx: Context, kind: str, body: object) -> Node:
        start = self.tok.start
        self._enter(start)
        saved = self.contexts
        self.contexts = (*saved, ctx)
        inner = body()  # type: ignore[operator]
        self.contexts = saved
        self.depth -= 1
        node = Node(kind, [inner])
        self._redirects_after()
        return node

    def _redirects_after(self) -> None:
        while self.tok.kind is IO_NUMBER or (self.tok.kind is OP and self.tok.text in _REDIRECTS):
            self._redirect()

    def _subshell(self) -> Node:
        self._advance()
        inner = self._compound_list(frozenset(), ")")
        self._expect_op(")")
        return inner

    def _group(self) -> Node:
        self._advance()
        inner = self._compound_list(frozenset(("}",)), None)
        self._expect_word("}")
        return inner

    def _if(self) -> Node:
        self._advance()
        self._compound_list(frozenset(("then",)), None)
        self._expect_word("then")
        self._compound_list(frozenset(("elif", "else", "fi")), None)
        while self._is_word("elif"):
            self._advance()
            self._compound_list(frozenset(("then",)), None)
            self._expect_word("then")
            self._compound_list(frozenset(("elif", "else", "fi")), None)
        if self._is_word("else"):
            self._advance()
            self._compound_list(frozenset(("fi",)), None)
        self._expect_word("fi")
        return Node("list")

    def _while(self) -> Node:
        self._advance()
        self._compound_list(frozenset(("do",)), None)
        self._do_group()
        return Node("list")

    def _do_group(self) -> None:
        self._expect_word("do")
        self._compound_list(frozenset(("done",)), None)
        self._expect_word("done")

    def _for(self) -> Node:
        self._advance()
        if self.tok.kind is not WORD:
            self._unexpected()
        self._advance()
        self._newlines()
        if self._is_word("in"):
            self._advance()
            while self.tok.kind is WORD:
                self._advance()
            if self._is_op(";"):
                self._advance()
            elif self.tok.kind is NEWLINE:
                pass
            else:
                self._unexpected()
            self._newlines()
        elif self._is_op(";"):
            self._advance()
            self._newlines()
        self._do_group()
        return Node("list")

    def _case(self) -> Node:
        self._advance()
        if self.tok.kind is not WORD:
            self._unexpected()
        self._advance()
        self._newlines()
        self._expect_word("in")
        self._newlines()
        while not self._is_word("esac"):
            if self.tok.kind is EOF:
                raise _Stop(SyntaxProblem.UNEXPECTED_END, self.tok.start, None, "esac")
            if self._is_op("("):
                self._advance()
            while True:  # pattern ( '|' pattern )*
                if self.tok.kind is not WORD:
                    self._unexpected()
                self._advance()
                if not self._is_op("|"):
                    break
                self._advance()
            self._expect_op(")")
            self._compound_list(frozenset(("esac",)), None, allow_empty=True)
            if self._is_op(";;", ";&", ";;&"):
                self._advance()
                self._newlines()
            elif not self._is_word("esac"):
                self._unexpected()
        self._advance()
        return Node("list")

    def _arith_command(self) -> Node:
        """bash ``(( … ))``: an arithmetic command, not a program."""
        end = self._balanced(self.tok.start, "(", ")")
        self.pos = end
        self.tok = self._next()
        self._redirects_after()
        return Node("group")

    def _redirect(self) -> None:
        if self.tok.kind is IO_NUMBER:
            self._advance()
            if not (self.tok.kind is OP and self.tok.text in _REDIRECTS):
                self._unexpected()
        op = self._advance().text
        if self.tok.kind is not WORD:
            self._unexpected()
        target = self.tok  # registered before the next token is read: it may be the newline
        if op in ("<<", "<<-"):
            delimiter = target.value if target.value is not None else target.text
            self.heredocs.append((delimiter, op == "<<-"))
        self._advance()

    def _simple(self) -> Node:
        index = len(self.cmds)
        if index >= MAX_COMMANDS:
            raise _Stop(SyntaxProblem.TOO_MANY_COMMANDS, self.tok.start, None, str(MAX_COMMANDS))
        cmd = _Cmd(self.contexts)
        self.cmds.append(cmd)
        while True:
            tok = self.tok
            if tok.kind is IO_NUMBER or (tok.kind is OP and tok.text in _REDIRECTS):
                self._redirect()
                cmd.redirected = True
                continue
            if tok.kind is not WORD:
                break
            word = self._keep(tok)
            if not cmd.words and _is_assignment(tok.text):
                cmd.assignments.append(word)
            elif not cmd.words and self.compat and tok.text == "[[" and not tok.quoted:
                cmd.words.append(word)
                self._advance()
                self._double_bracket(cmd)
                continue
            else:
                cmd.words.append(word)
            self._advance()
        if not cmd.words and not cmd.assignments and not cmd.redirected:
            self.cmds.pop()
            self._unexpected()
        return Node("simple", index=index)

    def _double_bracket(self, cmd: _Cmd) -> None:
        """bash ``[[ … ]]``: its operators are words up to ``]]``."""
        while True:
            tok = self.tok
            if tok.kind is EOF or tok.kind is NEWLINE:
                raise _Stop(SyntaxProblem.UNEXPECTED_END, tok.start, None, "]]")
            self._advance()
            cmd.words.append(self._keep(tok))
            if tok.kind is WORD and tok.text == "]]":
                return

    def _keep(self, tok: _Token) -> Word:
        self.kept += 1
        if self.kept > MAX_WORDS:
            raise _Stop(SyntaxProblem.TOO_MANY_WORDS, tok.start, None, str(MAX_WORDS))
        return Word(tok.text, tok.start, tok.end, tok.value)


def _is_assignment(text: str) -> bool:
    """``NAME=…`` before the command word (POSIX 2.10.2 rule 7)."""
    eq = text.find("=")
    return eq > 0 and _NAME.fullmatch(text, 0, eq) is not None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def parse(text: str, dialect: ShellKind = ShellKind.DASH) -> Parsed:
    """Read ``text`` as a script of ``dialect``'s grammar (POSIX for ash and dash)."""
    top = Node("list")
    error = None
    parser: _Parser | None = None
    try:
        parser = _Parser(text, dialect)
        top = parser._compound_list(frozenset(), None, allow_empty=True)
        if parser.tok.kind is not EOF:
            parser._unexpected()
    except _Stop as stop:
        line, col = _line_col(text, min(stop.offset, len(text)))
        error = ScriptError(stop.problem, stop.offset, line, col, stop.token, stop.expected)
    except (
        RecursionError
    ):  # pragma: no cover - MAX_DEPTH stops first; a caller deep in its own stack
        error = ScriptError(SyntaxProblem.TOO_DEEP, 0, 1, 1, None, str(MAX_DEPTH))
    cmds = parser.cmds if parser is not None else []
    functions = tuple(parser.functions) if parser is not None else ()
    commands = tuple(
        Command(tuple(c.words), tuple(c.assignments), c.redirected, c.after, c.contexts, c.negated)
        for c in cmds
    )
    return Parsed(commands, top, functions, error)
