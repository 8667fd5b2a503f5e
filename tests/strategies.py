"""Hypothesis strategies for Dockerfile text, shared by the property and differential tests.

They aim at the parts of BuildKit's Dockerfile parser that decide an argv
(moby/buildkit ``frontend/dockerfile/parser``; docs/semantics.md §1.1-1.2): line
continuation, the ``escape`` directive and other directive-like comments, exec
(JSON) versus shell form, heredocs, builder flags, ONBUILD, and the whitespace,
case and line-ending variations around them.

``dockerfiles()`` draws whole files as ``GeneratedDockerfile``: the text, plus
``legacy_text``, the same file rewritten so that BuildKit v0.12.5 (the parser in
the ``dockerfile`` wheel) reads it the way current BuildKit reads ``text``.  Only
the directive block is rewritten (see ``_directive_block``); every other version
difference is left to the differential test to judge.

Most drawn files are valid for current BuildKit.  About one in eight contains
one deliberate mistake that BuildKit rejects; ``GeneratedDockerfile.mistake``
names it.  The smaller strategies (``json_arrays``, ``shell_texts``, ...) return
argument text only, for tests that build their own lines.

Choices go through ``_pick``, which reuses one ``sampled_from`` strategy per
option tuple: building strategies inside a draw is what makes composite
strategies slow.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from hypothesis import strategies as st

from cmdresolve.model import Arg, ImageConfig, ImageSource, Origin, SourceKind

__all__ = [
    "GeneratedDockerfile",
    "dockerfiles",
    "exec_or_shell_args",
    "invalid_json_arrays",
    "json_arrays",
    "json_string_literals",
    "keyword_spellings",
    "non_string_json_arrays",
    "shell_texts",
    "trailing_text_json_arrays",
]

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

_CACHE: dict[tuple[Any, ...], st.SearchStrategy[Any]] = {}


def _pick(draw: Draw, options: Sequence[T]) -> T:
    key = (type(options[0]), *options)  # keeps (False, True) apart from (0, 1)
    strategy = _CACHE.get(key)
    if strategy is None:
        strategy = _CACHE.setdefault(key, st.sampled_from(tuple(options)))
    return draw(strategy)  # type: ignore[no-any-return]


def _one_in(draw: Draw, n: int) -> bool:
    """True about once in ``n`` draws; shrinks to False (the common case)."""
    return _pick(draw, (False,) * (n - 1) + (True,))


@dataclass(frozen=True, slots=True)
class GeneratedDockerfile:
    """A drawn Dockerfile.

    ``text`` is the file; ``legacy_text`` is what BuildKit v0.12.5 must be given to
    read it as current BuildKit reads ``text`` (equal to ``text`` unless the
    directive block uses something v0.12.5 lacks); ``escape`` is the escape
    character in force; ``mistake`` names the deliberate error, if any.
    """

    text: str
    legacy_text: str
    escape: str
    mistake: str | None = None


# ---------------------------------------------------------------------------
# JSON arrays (BK parser/line_parsers.go :: parseJSON; json_test.go)
# ---------------------------------------------------------------------------


def _u(text: str, upper: bool = False) -> str:
    units: list[int] = []
    for char in text:
        code = ord(char)
        if code < 0x10000:
            units.append(code)
        else:
            units += [0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)]
    return "".join(("\\u%04X" if upper else "\\u%04x") % unit for unit in units)


def _json_char_options() -> list[tuple[str, str]]:
    """(written, decoded) pairs; one is drawn per character of a JSON string."""
    options = [(c, c) for c in "abcxyz0129 -_.:=$@%&|;'`*?~{}[],#<>()!+"]
    options += [(_u("a"), "a"), (_u("Z", True), "Z")]
    # Non-ASCII, and characters Python treats as line breaks or whitespace
    # (str.splitlines, str.strip) while Go does not, or not the same ones.
    for char in ["é", "♥", "☃", "ß", "😀", "\u00a0", "\u2028", "\x85", "\u3000", "\x7f"]:
        options += [(char, char), (char, char), (_u(char), char), (_u(char, True), char)]
    short = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f",
             "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    for char, written in short.items():
        options += [(written, char), (written, char), (_u(char), char)]
    options += [("/", "/"), (_u("\x01"), "\x01"), (_u("\x1c"), "\x1c"), (_u("\x0b"), "\x0b")]
    # Lone surrogates: Go's decoder yields U+FFFD; Python's keeps the surrogate.
    options += [("\\ud800", "\ufffd"), ("\\uDC00", "\ufffd"), ("\\ud83d\\u0041", "\ufffdA")]
    options += [(_u("\0"), "\0")]  # the wheel cuts strings at NUL; the test allows for it
    return options


_JSON_CHARS = st.sampled_from(_json_char_options())


@st.composite
def json_string_literals(draw: Draw) -> tuple[str, str]:
    """A JSON string literal (quotes included) and the string Go decodes it to.

    Characters are written raw, as a short escape (``\\" \\\\ \\/ \\n`` ...) or as
    ``\\uXXXX`` (surrogate pairs above the BMP).  NUL is never produced: the
    ``dockerfile`` wheel passes strings through C, which would cut them there.
    """
    chars = draw(st.lists(_JSON_CHARS, max_size=6))
    return '"' + "".join(w for w, _ in chars) + '"', "".join(d for _, d in chars)


_OPEN = ("[", "[", "[ ", "[\t", "[  ")
_CLOSE = ("]", "]", " ]", "\t]", " \t]")
_COMMA = (", ", ",", ", ", " , ", ",\t", "\t,\t", " ,")


@st.composite
def json_arrays(draw: Draw, min_size: int = 0) -> tuple[str, tuple[str, ...]]:
    """A valid JSON array of strings (``[]`` and ``[""]`` included) and its elements."""
    literals = draw(st.lists(json_string_literals(), min_size=min_size, max_size=4))
    text = _pick(draw, _OPEN)
    for index, (literal, _) in enumerate(literals):
        if index:
            text += _pick(draw, _COMMA)
        text += literal
    text += _pick(draw, _CLOSE)
    return text, tuple(value for _, value in literals)


_INVALID_JSON = (
    "['echo','single quotes are invalid JSON']",
    '["echo", "Please, close the brackets when you\'re done"',
    '["echo", "look ma, no quote!]',
    "'[\"echo\", \"Well, JSON in a string is JSON too?\"]'",
    '"[\\"echo\\", \\"Phew, I just managed to escaped those double quotes\\"]"',
    '["a",]',
    '[ "a" , ]',
    "[,]",
    '["a" "b"]',
    '["a\tb"]',        # raw tab inside a string
    '["a\x0bb"]',      # raw vertical tab inside a string
    '["\\x41"]',       # not a JSON escape
    '["\\u12"]',
    '["\\ud800"',
    "[a]",
    "[",
    "[[",
    '["a", NaN]',      # Python's json accepts NaN and Infinity; Go's does not
    '["a", Infinity]',
    '["a", -Infinity]',
    '["a", 1e999]',    # valid syntax, but out of float64 range: Go's Unmarshal fails
    '["a", 01]',
    '["a", .5]',
    '["a", +1]',
    '{"a": "b"}',
    '[\u00a0"a"]',     # NBSP is not JSON whitespace
    '["a"\u3000]',
)
_MUTATIONS = ("unterminated", "single-quotes", "trailing-comma", "raw-tab")


@st.composite
def invalid_json_arrays(draw: Draw) -> str:
    """Text that starts like a JSON array but is not strict JSON, so BuildKit falls
    back to shell form (docs/semantics.md §1.2 rule 12).  Text *after* a valid array is a
    version difference and has its own strategy, ``trailing_text_json_arrays``."""
    if draw(st.booleans()):
        return _pick(draw, _INVALID_JSON)
    text, _ = draw(json_arrays(min_size=1))
    mutation = _pick(draw, _MUTATIONS)
    if mutation == "unterminated":
        return text.rstrip(" \t]")
    if mutation == "single-quotes":
        return text.replace('\\"', "").replace('"', "'")
    if mutation == "trailing-comma":
        return text.rstrip(" \t]") + ",]"
    return text.replace('"', '"\t', 1)


_TRAILERS = (" # c", "x", " # comment", '  ["b"]', " && echo hi", "]", ",", "\t#", " random string")


@st.composite
def trailing_text_json_arrays(draw: Draw) -> str:
    """A valid JSON array followed by text, e.g. ``["a"] # c`` or ``[]random``.

    Current BuildKit (``json.Unmarshal``) reads this as shell form; BuildKit
    v0.12.5 (``json.Decoder.Decode``) read the leading array as exec form.
    """
    text, _ = draw(json_arrays())
    return text + _pick(draw, _TRAILERS)


_NON_STRING = ("42", "123.456", "{}", '{"c": "d"}', '["c"]', "true", "false", "null", "-0", "1e3",
               '1, "<<EOF"')  # a heredoc-looking element must not hide the error


@st.composite
def non_string_json_arrays(draw: Draw) -> str:
    """A valid JSON array with a non-string element: a hard error in BuildKit."""
    text, _ = draw(json_arrays())
    bad = _pick(draw, _NON_STRING)
    inner = text.strip(" \t")[1:-1].strip(" \t")
    if not inner:
        return "[" + bad + "]"
    return "[" + (f"{inner}, {bad}" if draw(st.booleans()) else f"{bad}, {inner}") + "]"


# ---------------------------------------------------------------------------
# Shell-form text
# ---------------------------------------------------------------------------

_FIRST_WORDS = ("echo", "ls", "sh", "/bin/app", "exec", "python3", "nginx", "{", "'['",
                "[x]", "[", "é", "-x", '"quoted"', "$CMD", "`id`", "#", "%PATH%")
_WORDS = ("hello", "world", "-l", "-c", '"quoted string"', "'single quoted'", "$HOME",
          "${X:-d}", "&&", "||", "|", ";", ">", "/dev/null", "2>&1", "#not-a-comment",
          "a#b", "é", "♥", "[x]", "[", "]", '["not","first"]', '\\"', "\\$X", "\\\\",
          "a\\ b", "`id`", "--flag", "--", "a=b", "'it''s'", '"a\\"b"', "a\rb",
          "x\u2028y", "x\x85y", "x\x0cy", "x\x1cy", "\u3000", "{}", "$(date)")
_GAPS = (" ", " ", " ", "  ", "\t", " \t ", "\u00a0", "\x0c")


@st.composite
def shell_texts(draw: Draw, escape: str = "\\") -> str:
    """Shell-form argument text: never empty, never starting with ``--`` (that
    would be a builder flag) and never ending in the escape character."""
    text = _pick(draw, _FIRST_WORDS)
    for word in draw(st.lists(st.sampled_from(_WORDS), max_size=5)):
        text += _pick(draw, _GAPS) + word
    return _safe_end(text, escape)


def _safe_end(text: str, escape: str) -> str:
    """Keep ``text`` from ending in whitespace or the escape character, which
    would make its last line a continuation (or be trimmed anyway)."""
    text = text.rstrip(" \t\u00a0\x0c\x85\u3000\u2028")
    if not text or text.endswith(escape):
        text += "z"
    return text


_ARG_KINDS = ("exec",) * 5 + ("shell",) * 4 + ("invalid",) * 2 + ("trailing",)


@st.composite
def exec_or_shell_args(draw: Draw, escape: str = "\\") -> str:
    """Arguments for CMD/ENTRYPOINT/RUN: exec form, shell form, invalid JSON
    (shell fallback) or, rarely, text after a JSON array."""
    kind = _pick(draw, _ARG_KINDS)
    if kind == "exec":
        return draw(json_arrays())[0]  # type: ignore[no-any-return]
    if kind == "shell":
        return draw(shell_texts(escape))  # type: ignore[no-any-return]
    if kind == "invalid":
        return _safe_end(draw(invalid_json_arrays()), escape)
    return _safe_end(draw(trailing_text_json_arrays()), escape)


# ---------------------------------------------------------------------------
# Instructions
# ---------------------------------------------------------------------------


def _alternating(word: str, start_upper: bool) -> str:
    return "".join(c.upper() if (i % 2 == 0) == start_upper else c.lower()
                   for i, c in enumerate(word))


def keyword_spellings(keyword: str) -> st.SearchStrategy[str]:
    """``keyword`` as a file may spell it (names are case-insensitive): mostly
    upper case, sometimes ``cmd``, ``Cmd`` or ``eNtRyPoInT``."""
    options = ((keyword.upper(),) * 6
               + (keyword.lower(), keyword.title(), _alternating(keyword, False),
                  _alternating(keyword, True)))
    key = (str, *options)
    strategy = _CACHE.get(key)
    if strategy is None:
        strategy = _CACHE.setdefault(key, st.sampled_from(options))
    return strategy


@dataclass(frozen=True, slots=True)
class _Logical:
    """One logical instruction before rendering: name, argument text (flags
    included) and the heredoc lines that follow it.  ``free`` says a line break
    with an indented continuation may go anywhere in ``args`` (the kept
    indentation only changes the command text, it cannot make the file invalid)."""

    name: str
    args: str
    body: tuple[str, ...] = ()
    free: bool = False


_IMAGES = ("alpine", "alpine:3.20", "busybox@sha256:" + "0" * 64, "scratch", "$BASE",
           "registry.example.com:5000/team/app:v1", "${BASE:-debian}")
_PLATFORMS = ("--platform=linux/amd64", "--platform=$BUILDPLATFORM", "--platform=linux/arm64/v8",
              '--platform="linux/amd64"', "--platform='linux/arm/v7'")
_AS = ("AS", "AS", "as", "As")
_RUN_FLAGS = ("--network=none", "--network=host", "--mount=type=cache,target=/root/.cache",
              '--mount="type=bind,source=a b,target=/x"', "--security=sandbox",
              "--mount=type=secret,id=tok", "--mount=type=cache,target=/café")
_COPY_FLAGS = ("--chown=1000:1000", "--chmod=755", "--link")
_KEYS = ("A", "PATH", "my_var", "X1", "http_proxy", "com.example.label", "a-b", '"q.key"', "é")
_ENV_VALUES = ("1", "/usr/local/bin:$PATH", '"two words"', "'single quoted'", '""', "${A:-x}",
               "a=b=c", "{esc} spaced{esc} out", "é", '"a\\"b"', "-", "\\$HOME", "$A", "")
_LEGACY_VALUES = ("value", "two  words", '"quoted" rest', "a=b", "é\tx")
_WORD_GAPS = (" ", " ", " ", "  ", "\t", "\t", "\u00a0")  # parseWords splits on unicode.IsSpace


def _from_line(draw: Draw, stage: int) -> _Logical:
    args = _pick(draw, _IMAGES)
    if _one_in(draw, 4):
        args = _pick(draw, _PLATFORMS) + " " + args
    if draw(st.booleans()):
        args += f" {_pick(draw, _AS)} stage{stage}"
    return _Logical(draw(keyword_spellings("FROM")), args)


def _pairs(draw: Draw, escape: str, with_values: bool) -> str:
    words = []
    for _ in range(draw(st.integers(1, 3))):
        key = _pick(draw, _KEYS)
        if with_values or draw(st.booleans()):
            key += "=" + _pick(draw, _ENV_VALUES).replace("{esc}", escape)
        words.append(key)
    return _pick(draw, _WORD_GAPS).join(words)


def _env_like(draw: Draw, keyword: str, escape: str) -> _Logical:
    name = draw(keyword_spellings(keyword))
    if keyword == "ARG":
        return _Logical(name, _pairs(draw, escape, with_values=False))
    if _one_in(draw, 4):  # legacy form: ``ENV key value with spaces``
        return _Logical(name, _pick(draw, _KEYS) + _pick(draw, _WORD_GAPS) + _pick(draw, _LEGACY_VALUES))
    return _Logical(name, _pairs(draw, escape, with_values=True))


_HEREDOC_BODY = ('echo "hello"', 'CMD ["x"]', "FROM evil", "ENTRYPOINT echo no", "",
                 "  indented", "\tTabbed", "ends with backslash \\", "ends with backtick `",
                 "# escape=`", "#!/bin/sh", "$HOME ${X}", "RUN \\", "EOF ", "ONBUILD RUN x")
_HEREDOC_NAMES = ("EOF", "END", "SCRIPT", "E_1")


# Words that may or may not open a heredoc, each with the terminator ``CMD``; and
# tokens after them.  BuildKit finds heredocs with its shell lexer and finds none
# when the lexer fails (unterminated quote, bad ``${...}``) (BK parser.go ::
# heredocsFromLine).  The body lines and the terminator are valid instructions,
# so the file is valid whichever way the line is read.
_PROBE_WORDS = ("<<CMD", "<<CMD", "<<-CMD", "<<\\CMD", '<<"CMD"', "<<'CMD'", '<<C"M"D', "<<<CMD",
                "x<<CMD", '"<<CMD"', "'<<CMD'", "<<CMD<<END", "2<<CMD", "<<-\tCMD", "<<-  CMD")
# Not here, because BuildKit v0.12.5 read them differently (see the test module's
# test_heredoc_*_is_a_version_difference): "<< CMD" (whitespace after << is allowed
# since dockerfile/1.16), ${x#a} ${x%a} ${x/a/b} (lexer errors before 1.10) and
# ${x:#a} ${x:%a} (lexer errors since 1.10).
_PROBE_TOKENS = ("", "", "", "${x", "${}", '"open', "'open", "${x^^}", "${x/a",
                 "$(", "${x:-y}", "$1", "`id`", "${x:?e}", "'a b'", '"$(x)"', "\\$x")
_PROBE_BODY = ('CMD ["x"]', "ENTRYPOINT echo no", "", "USER nobody", "  CMD  [ ]", "# comment",
               'RUN echo "<<CMD"', "\tCMD")
_PROBE_FORMS = ("RUN cat{g}{w} {t}", "RUN cat {w}{g}{t}", "RUN {t} cat {w}", "COPY {w} {t} /dest/",
                "CMD cat {w} {t}", "ENTRYPOINT cat {w}", 'RUN ["cat", "{w}"]', "ONBUILD RUN cat {w}")
# Word separators: BuildKit's shell lexer splits words on unicode.IsSpace.
_PROBE_GAPS = (" ", " ", " ", "\t", "\u00a0", "\x85", "\u3000", "\u2028", "\x0b")


def _heredoc_probe(draw: Draw) -> _Logical:
    form = _pick(draw, _PROBE_FORMS)
    line = form.format(w=_pick(draw, _PROBE_WORDS), t=_pick(draw, _PROBE_TOKENS),
                       g=_pick(draw, _PROBE_GAPS)).rstrip()
    keyword, args = line.split(" ", 1)
    body = [*draw(st.lists(st.sampled_from(_PROBE_BODY), max_size=3)), "CMD"]
    return _Logical(draw(keyword_spellings(keyword)), args, tuple(body))


def _heredoc(draw: Draw, keyword: str) -> _Logical:
    """RUN/COPY/ADD with one or two heredocs (BK parser.go :: heredocsFromLine)."""
    words: list[str] = []
    body: list[str] = []
    for index in range(_pick(draw, (1, 1, 1, 2))):
        name = _pick(draw, _HEREDOC_NAMES) + ("2" if index else "")
        chomp = _pick(draw, ("", "", "-"))
        quoted = _pick(draw, (name, name, f'"{name}"', f"'{name}'", f'{name[0]}"{name[1:]}"'))
        fd = _pick(draw, ("", "", "", "3")) if keyword == "RUN" else ""
        words.append(f"{fd}<<{chomp}{quoted}")
        lines = draw(st.lists(st.sampled_from(_HEREDOC_BODY), max_size=4))
        if chomp:  # <<- strips leading tabs from the terminator line
            lines = ["\t" + line if draw(st.booleans()) else line for line in lines]
        body += lines
        body.append(_pick(draw, ("", "\t")) * bool(chomp) + name)
    if keyword == "RUN":
        args = _pick(draw, ("", "", "cat ", "python3 ")) + " ".join(words)
        args += _pick(draw, ("", "", " > /out", " | sh"))
        if _one_in(draw, 5):
            args = _pick(draw, _RUN_FLAGS) + " " + args
    else:
        args = " ".join(words) + " /dest/"
    return _Logical(draw(keyword_spellings(keyword)), args, tuple(body))


def _command_like(draw: Draw, keyword: str, escape: str) -> _Logical:
    args = draw(exec_or_shell_args(escape))
    if keyword == "RUN" and _one_in(draw, 4):
        flags = draw(st.lists(st.sampled_from(_RUN_FLAGS), min_size=1, max_size=2))
        args = " ".join(flags) + _pick(draw, (" ", " -- ")) + _pick(draw, (args, args, ""))
    elif keyword in ("CMD", "ENTRYPOINT") and _one_in(draw, 10):
        args = _pick(draw, ("", "--", "-- --help", "--\t-x", "-- [\"a\"]"))  # all allowed
    return _Logical(draw(keyword_spellings(keyword)), args, free=True)


_SIMPLE_ARGS = {
    "WORKDIR": ("/app", "/a b", '"/quoted dir"', "$HOME/src", "relative", "C:\\\\dir"),
    "USER": ("root", "1000:1000", "app", "$UID"),
    "EXPOSE": ("80", "80/tcp 443/udp", "8080  9090", "$PORT", "80\u00a090", "80\x0c90"),
    "VOLUME": ('["/data"]', "/a /b", "/var/lib/x", '[ "/x", "/y" ]'),
    "STOPSIGNAL": ("SIGTERM", "9", "SIGRTMIN+3"),
    "MAINTAINER": ("someone@example.com", "Name <mail@example.com>"),
    "COPY": (". /app/", "a b /dest/", '["a b", "/dest/"]', "--from=build /x /y"),
    "ADD": ("https://example.com/a.tgz /tmp/", "a.tar.gz /opt/"),
    "HEALTHCHECK": ("NONE", 'CMD ["curl", "-f", "http://localhost"]', "--interval=5s CMD true"),
    "SHELL": ('["/bin/bash", "-c"]', '["powershell", "-command"]', '[ "/bin/sh","-eu","-c" ]',
              '["cmd", "/S", "/C"]'),
}


def _simple(draw: Draw, keyword: str) -> _Logical:
    args = _pick(draw, _SIMPLE_ARGS[keyword])
    if keyword == "COPY" and _one_in(draw, 4):
        args = _pick(draw, _COPY_FLAGS) + " " + args
    return _Logical(draw(keyword_spellings(keyword)), args, free=keyword == "SHELL")


_WEIGHTED = (("CMD",) * 6 + ("ENTRYPOINT",) * 5 + ("RUN",) * 5 + ("ENV",) * 2
             + ("SHELL", "LABEL", "ARG", "WORKDIR", "USER", "EXPOSE", "VOLUME", "STOPSIGNAL",
                "MAINTAINER", "COPY", "ADD", "HEALTHCHECK")
             + ("heredoc",) * 3 + ("probe",) * 2 + ("ONBUILD",) * 2)
_TRIGGERS = ("CMD", "ENTRYPOINT", "RUN", "ENV", "LABEL", "WORKDIR", "USER", "COPY", "SHELL",
             "heredoc", "EXPOSE", "probe", "unknown")
_HEREDOC_KEYWORDS = ("RUN", "RUN", "COPY", "ADD")


def _instruction(draw: Draw, escape: str, choice: str | None = None) -> _Logical:
    choice = choice or _pick(draw, _WEIGHTED)
    if choice == "heredoc":
        return _heredoc(draw, _pick(draw, _HEREDOC_KEYWORDS))
    if choice == "probe":
        return _heredoc_probe(draw)
    if choice == "unknown":  # only as a trigger: BuildKit checks it when a child runs it
        return _Logical(_pick(draw, ("FOO", "CMD[\"a\"]")), "bar")
    if choice == "ONBUILD":
        inner = _instruction(draw, escape, _pick(draw, _TRIGGERS))
        if inner.name.upper() == "ONBUILD":  # a probe that is already an ONBUILD
            return inner
        args = inner.name + _pick(draw, (" ", " ", "\t", "  ")) + inner.args
        return _Logical(draw(keyword_spellings("ONBUILD")), args, inner.body)
    if choice in ("CMD", "ENTRYPOINT", "RUN"):
        return _command_like(draw, choice, escape)
    if choice in ("ENV", "LABEL", "ARG"):
        return _env_like(draw, choice, escape)
    return _simple(draw, choice)


# Deliberate mistakes, each rejected by current BuildKit (docs/semantics.md §1.1-1.3) at
# the parser or at the instruction layer: (keywords, argument texts).
_MISTAKES = {
    "unknown-instruction": (("FNTRYPOINT", "foo", "CMD\u00a0x", "\x1cCMD", "cmd-x", "\ufeffCMD",
                             'CMD["a"]', "CMD\u200b"), ('["a"]', "echo")),
    "flag-on-cmd": (("CMD", "ENTRYPOINT", "cmd", "SHELL"),
                    ('--doit [ "a", "b" ]', '--doit=true -- [ "a" ]', "--x echo hi")),
    "shell-not-json": (("SHELL", "shell"), ("/bin/sh -c", "[]", "['sh', '-c']", '["sh"] -c', "exec -form", "")),
    "onbuild-chain": (("ONBUILD",), ("ONBUILD RUN touch foobar", "FROM scratch", "MAINTAINER me",
                                     "onbuild cmd x", "")),
    "env-malformed": (("ENV", "LABEL"), ("a=b c", "PATH", "")),
    "from-malformed": (("FROM",), ("a AS 1bad", "a AS", "a b", "a AS b c", "--platform=x")),
    # The parser reads a trigger at once: its parse errors are the file's errors.
    # (Instruction-layer errors, like ``ONBUILD ENV``, wait for a child stage.)
    "onbuild-malformed": (("ONBUILD", "onbuild"), ("ENV a=b c", "LABEL PATH", "ENV", "ARG",
                                                  'CMD ["a", 1]', "RUN <<EOF", "FOO x")),
}
_MISTAKE_NAMES = (*_MISTAKES, "non-string-json", "before-from", "unterminated-heredoc")
_NON_STRING_KEYWORDS = ("CMD", "ENTRYPOINT", "RUN", "SHELL", "VOLUME", "COPY", "HEALTHCHECK CMD",
                        "ONBUILD CMD", "RUN --network=none")


def _mistake(draw: Draw) -> tuple[str, _Logical | None]:
    name = _pick(draw, _MISTAKE_NAMES)
    if name in _MISTAKES:
        keywords, args = _MISTAKES[name]
        return name, _Logical(_pick(draw, keywords), _pick(draw, args))
    if name == "non-string-json":
        keyword, *rest = _pick(draw, _NON_STRING_KEYWORDS).split(" ", 1)
        return name, _Logical(keyword, " ".join([*rest, draw(non_string_json_arrays())]))
    return name, None


# ---------------------------------------------------------------------------
# Rendering: continuations, comments, blank lines, directives, line endings
# ---------------------------------------------------------------------------

# Go trims unicode.IsSpace from the first line: \v \f NEL NBSP and the Z categories.
_INDENTS = ("", "", "", "", "", "", " ", "  ", "\t", " \t", "\u00a0", "\x85", "\u2028", "\u3000",
            "\x0b", "\x0c")
_NAME_GAPS = (" ", " ", " ", " ", " ", " ", "\t", "  ", " \t", "\x0b", "\x0c", "\r")
_END_SPACES = ("",) * 7 + (" ", "\t", "  ")
# One draw per physical line: (indent, gap after the name, trailing whitespace).
_FIRST_LINES = tuple((i, g, e) for i in _INDENTS for g in _NAME_GAPS for e in _END_SPACES)
_BARE_FIRST_LINES = tuple((i, g, e) for i in _INDENTS for g in ("", "", " ") for e in _END_SPACES)
# (comment or blank lines before it, indentation, whitespace after the escape).
_NEXT_LINES = tuple((n, i, t) for n in (0, 0, 0, 1, 2) for i in ("", "", " ", "    ", "\t", "  \t")
                    for t in ("", "", "", " ", "\t", "  ", " \t"))
# Whitespace after the escape that is not [ \t]: the line is not a continuation.
_NOT_CONTINUATION = ("\x0c", "\x0b", "\u00a0")
_CONTINUATION_NOISE = ("# comment inside", "  # indented comment", "#", "", "   ", "\t",
                       '# CMD ["not", "this"]', "\u00a0# nbsp comment", "\u3000", "\x0c")
_COMMENTS = ("# a comment", "#", "   # indented comment", '# CMD ["commented"]',
             "# escape=`", "# escape=\\", "#syntax=docker/dockerfile:1", "# check=skip=all",
             "#\tRUN x \\", "", "", "  ", "\u3000# ideographic space", "\x85#", "\x0b")


def _cuts(draw: Draw, logical: _Logical, escape: str) -> list[int]:
    """Where ``args`` is broken across physical lines.

    Mostly not right after an escape character (``\\\\`` at a line end is not a
    continuation: BK parser.go :: trimContinuationCharacter) and not at the very
    end (the continuation would swallow the next line); each happens rarely.
    Unless the instruction is ``free``, no piece may be blank (blank continuation
    lines are dropped, which would glue two words together).
    """
    args = logical.args
    if not args or not _one_in(draw, 3):
        return []
    cuts = sorted(set(draw(st.lists(st.integers(0, len(args)), min_size=1, max_size=3))))
    if not _one_in(draw, 60):
        cuts = [c for c in cuts if (c == 0 or args[c - 1] != escape) and c < len(args)]
    if not logical.free:
        bounds = [0, *cuts, len(args)]
        cuts = [c for i, c in enumerate(cuts) if args[c:bounds[i + 2]].strip(" \t")]
    return cuts


def _render(draw: Draw, logical: _Logical, escape: str) -> list[str]:
    """Physical lines (without line endings) for one instruction."""
    args = logical.args
    cuts = _cuts(draw, logical, escape)
    bounds = [0, *cuts, len(args)]
    pieces = [args[a:b] for a, b in itertools.pairwise(bounds)]
    indent, gap, end = _pick(draw, _FIRST_LINES if args else _BARE_FIRST_LINES)
    lines = [indent + logical.name + gap + pieces[0]]
    for previous, piece in itertools.pairwise(pieces):
        noise, indent, trailing = _pick(draw, _NEXT_LINES)
        if _one_in(draw, 150):
            trailing = _pick(draw, _NOT_CONTINUATION) + trailing
        lines[-1] += escape + trailing
        lines += [_pick(draw, _CONTINUATION_NOISE) for _ in range(noise)]
        splits_word = not (previous.endswith((" ", "\t")) or piece.startswith((" ", "\t")))
        lines.append(("" if splits_word and not logical.free else indent) + piece)
    lines[-1] += end
    return lines + list(logical.body)


_DIRECTIVE_SPACES = ("", " ", " ", "  ", "\t")
_DIRECTIVE_END = ("", "", " ", "\t")
_DIRECTIVE_INDENT = ("", "", "", " ", "\t", "\u00a0")
# Unicode spaces after ``#``: current BuildKit trims them (bytes.TrimLeftFunc with
# unicode.IsSpace) before matching a directive; v0.12.5 matched ``^#\s*`` (ASCII
# \s, which lacks \v too).
_UNICODE_SPACES = ("\u00a0", "\x85", "\u2003", "\x0b")
_ITEMS = ("escape", "syntax", "check")
_VALUES = {
    "escape": ("`", "`", "\\"),
    "syntax": ("docker/dockerfile:1", "docker/dockerfile:1.7-labs"),
    "check": ("skip=all", "skip=JSONArgsRecommended", "error=true"),
    "bad-escape": ("x", "``", "\\\\", '"`"'),
}


def _directive_line(draw: Draw, key: str, value: str) -> tuple[str, str]:
    """A directive line and its v0.12.5 equivalent."""
    spelled = _pick(draw, (key, key, key.upper(), key.title(), key[:-1] + key[-1].upper()))
    after_hash = legacy_after_hash = _pick(draw, _DIRECTIVE_SPACES)
    if _one_in(draw, 8):
        after_hash = _pick(draw, _UNICODE_SPACES) + after_hash
        legacy_after_hash = " " + legacy_after_hash
    rest = (spelled + _pick(draw, _DIRECTIVE_SPACES) + "=" + _pick(draw, _DIRECTIVE_SPACES)
            + value + _pick(draw, _DIRECTIVE_END))
    indent = _pick(draw, _DIRECTIVE_INDENT)
    return indent + "#" + after_hash + rest, indent + "#" + legacy_after_hash + rest


def _directive_block(draw: Draw) -> tuple[list[str], list[str], str, str | None]:
    """The leading directive block: lines, v0.12.5 lines, escape in force, mistake.

    v0.12.5 knows only ``syntax`` and ``escape``; an unknown key such as ``check``
    (added later) ends its block.  Moving the ``check`` line to the end of the
    block keeps every line number and gives v0.12.5 the same escape token.
    """
    items = list(draw(st.lists(st.sampled_from(_ITEMS), max_size=3, unique=True)))
    if "escape" not in items and _one_in(draw, 3):
        items.insert(draw(st.integers(0, len(items))), "escape")
    mistake = None
    if _one_in(draw, 25):
        repeatable = [i for i in items if i != "check"]  # v0.12.5 cannot repeat check
        items.append(_pick(draw, (*repeatable, "bad-escape")))
        mistake = "bad-directive"
    escape = "\\"
    lines: list[str] = []
    legacy_plain: list[str] = []
    legacy_check: list[str] = []
    for index, item in enumerate(items):
        key = "escape" if item == "bad-escape" else item
        line, legacy = _directive_line(draw, key, _pick(draw, _VALUES[item]))
        lines.append(line)
        (legacy_check if key == "check" else legacy_plain).append(legacy)
        if item == "escape" and "escape" not in items[:index]:
            escape = line.rstrip(" \t")[-1]
    return lines, legacy_plain + legacy_check, escape, mistake


_BLOCK_ENDS = ("", "", "# plain comment", "# unknown=directive", "#escape", "# escape:`",
               "# escape=", "#escape =")
_LATE_DIRECTIVES = ("# escape=`", "# escape=\\", "# escape=x", "# syntax=x")
_LINE_STYLES = ("\n",) * 6 + ("\r\n",) * 2 + ("mixed",)
_MIXED_ENDS = ("\n", "\r\n", "\r\r\n")
_STAGE_SIZES = (0, 1, 2, 3, 4, 5, 6)


@st.composite
def dockerfiles(draw: Draw) -> GeneratedDockerfile:
    """A whole Dockerfile, rich in what decides CMD/ENTRYPOINT/RUN/SHELL."""
    directives, legacy_directives, escape, mistake = _directive_block(draw)
    head: list[str] = []
    if directives and draw(st.booleans()):
        head.append(_pick(draw, _BLOCK_ENDS))
        if draw(st.booleans()):  # after the block, a directive is only a comment
            head.append(_pick(draw, _LATE_DIRECTIVES))
    bad = None
    if mistake is None and _one_in(draw, 8):
        mistake, bad = _mistake(draw)

    logicals: list[_Logical | str] = []
    for _ in range(_pick(draw, (0, 0, 1, 2))):
        logicals.append(_env_like(draw, "ARG", escape))
    if mistake == "before-from":
        logicals.append(_command_like(draw, _pick(draw, ("CMD", "ENTRYPOINT", "RUN")), escape))
    for stage in range(_pick(draw, (1, 1, 2, 3))):
        logicals.append(_from_line(draw, stage))
        for _ in range(_pick(draw, _STAGE_SIZES)):
            logicals.append(_instruction(draw, escape))
            if _one_in(draw, 4):
                logicals.append(_pick(draw, _COMMENTS))
    if bad is not None:
        logicals.insert(draw(st.integers(len(logicals) - 1, len(logicals))), bad)
    if mistake == "unterminated-heredoc":
        logicals.append(_Logical("RUN", "<<EOF", ("echo never ends",)))

    body: list[str] = []
    for item in logicals:
        body += [item] if isinstance(item, str) else _render(draw, item, escape)
    last = logicals[-1]
    if isinstance(last, _Logical) and not last.body and _one_in(draw, 20):
        body[-1] += escape  # a continuation at the end of the file is accepted
    return _assemble(draw, directives, legacy_directives, head + body, escape, mistake)


def _assemble(draw: Draw, directives: list[str], legacy: list[str], body: list[str],
              escape: str, mistake: str | None) -> GeneratedDockerfile:
    """Join lines with LF, CRLF or a mix; maybe a BOM; maybe no final newline."""
    style = _pick(draw, _LINE_STYLES)
    bom = "\ufeff" if _one_in(draw, 10) else ""
    final = _pick(draw, ("keep",) * 8 + ("drop", "cr"))  # "cr": a lone \r at the very end
    ends = [_pick(draw, _MIXED_ENDS) if style == "mixed" else style for _ in directives + body]

    def join(lines: list[str]) -> str:
        text = "".join(line + end for line, end in zip(lines, ends))
        if final != "keep":
            text = text[: -len(ends[-1])] + ("\r" if final == "cr" else "")
        return bom + text

    return GeneratedDockerfile(join(directives + body), join(legacy + body), escape, mistake)


# --- image configs and argv lists, shared by the property tests of the merge rules ---

argv_words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
argvs = st.lists(argv_words, max_size=4).map(tuple)
maybe_argvs = st.none() | argvs
linux = st.just("linux")


def as_args(values: tuple[str, ...] | None, origin: str) -> tuple[Arg, ...] | None:
    """``None`` stays ``None`` (not set); a tuple becomes Args of ``origin``."""
    return None if values is None else tuple(Arg(v, Origin(origin)) for v in values)


@st.composite
def image_configs(
    draw: st.DrawFn,
    argv_lists: st.SearchStrategy[tuple[str, ...] | None] = maybe_argvs,
    oses: st.SearchStrategy[str] = linux,
) -> ImageConfig:
    """Image configs whose ENTRYPOINT and CMD are drawn from ``argv_lists``."""
    return ImageConfig(
        source=ImageSource(SourceKind.REFERENCE, "img"),
        entrypoint=as_args(draw(argv_lists), "image.entrypoint"),
        cmd=as_args(draw(argv_lists), "image.cmd"),
        os=draw(oses),
    )
