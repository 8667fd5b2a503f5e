"""Differential test: cmdresolve's Dockerfile parser against BuildKit's own parser.

The oracle is the ``dockerfile`` wheel (asottile/dockerfile 3.4.0): moby/buildkit
v0.12.5 ``frontend/dockerfile/parser`` compiled from Go and wrapped for Python.
For every instruction it reports the name as written, the first and last
physical line, the builder flags, whether the arguments parsed as JSON, and the
AST values.  cmdresolve must agree on all of them for every file drawn by
``tests/strategies.py :: dockerfiles``.

What the wheel does not tell, or tells for an older BuildKit, and how this test
deals with it (each point is also pinned by an explicit test at the end):

1. The instruction layer.  The wheel stops at the parser; current BuildKit then
   rejects unknown instruction names, flags an instruction does not define
   (``CMD --x``), SHELL not in JSON form, ``ONBUILD ONBUILD|FROM|MAINTAINER``,
   missing arguments, and anything but ARG before the first FROM
   (BK ``instructions/parse.go``).  ``expected()`` applies those rules to the
   wheel's output, and cmdresolve must raise ``InputError`` exactly then.  A
   trigger that would fail only when a child stage runs it is kept as ``None``.
2. Text after a JSON array (``CMD ["a"] # c``, ``[]random``): v0.12.5 decoded the
   first JSON value (``json.Decoder``) and called it exec form; current BuildKit
   requires the whole text to be JSON (``json.Unmarshal``) and falls back to
   shell form.  ``expected()`` gives the current answer.
3. Directives: v0.12.5 knows no ``check`` directive and matched ``#\\s*`` with
   ASCII ``\\s``.  The generator gives the wheel ``legacy_text``, an equivalent
   file for the old rules.
4. The wheel passes strings through C, so a JSON ``\\u0000`` cuts an element:
   argv elements are compared up to their first NUL.
5. The wheel drops the heredoc bodies of ONBUILD triggers, so only the first line
   of an ONBUILD's text is compared.
6. v0.12.5 hard-coded ``\\`` as the escape inside builder flags; current BuildKit
   uses the escape directive's character.  The generator puts no escape
   characters in flags; ``test_flag_escape_is_a_version_difference`` pins it.
7. Heredoc detection runs BuildKit's shell lexer over the line, and the lexer
   changed: ``<< EOF`` opens a heredoc since dockerfile/1.16, ``${x#a}`` ``${x%a}``
   ``${x/a/b}`` lex since 1.10 and ``${x:#a}`` no longer does (a line the lexer
   rejects opens no heredoc).  The generator avoids these; explicit tests pin them.

Where the wheel's answer cannot be converted (a RUN whose text after a JSON array
opens a heredoc, an escape character inside flags), the example is not compared
and is counted as an event.  ``TESTFILE_EXAMPLES`` replays BuildKit's parser
testfiles (docs/semantics.md §7.1); ``DISAGREEMENTS`` keeps each disagreement found so
far, minimised.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis.errors import InvalidArgument

dockerfile = pytest.importorskip(
    "dockerfile",
    reason="the official-parser wheel (dockerfile) is published for Linux x86_64 only",
)

from strategies import GeneratedDockerfile, dockerfiles  # noqa: E402

from cmdresolve.model import ExecForm, InputError, ShellForm  # noqa: E402
from cmdresolve.model.dockerfile import Instruction  # noqa: E402
from cmdresolve.sources.dockerfile import parse_dockerfile  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("CMDRESOLVE_DIFFERENTIAL_EXAMPLES", "1200"))
RUNS: Counter[str] = Counter()

# ---------------------------------------------------------------------------
# Go semantics the oracle needs (BK parser/split_command.go, line_parsers.go)
# ---------------------------------------------------------------------------

# unicode.IsSpace; Python's str.isspace also counts \x1c-\x1f, Go does not.
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                      + "".join(chr(c) for c in range(0x2000, 0x200B)))
_RE_WHITESPACE = re.compile(r"[\t\v\f\r ]+")  # parser.go :: reWhitespace
_RE_ONBUILD = re.compile(r"(?i)^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*")  # Go's \s is ASCII

KNOWN = frozenset(name.upper() for name in dockerfile.all_cmds())
FORMS = frozenset({"CMD", "ENTRYPOINT", "RUN", "SHELL"})
# Builder flags each instruction defines (BK instructions/parse.go, commands_run*.go).
DEFINED_FLAGS = {
    "ADD": {"chown", "chmod", "link", "keep-git-dir", "checksum", "unpack", "exclude"},
    "COPY": {"chown", "from", "chmod", "link", "exclude", "parents"},
    "FROM": {"platform"},
    "RUN": {"mount", "network", "security", "device"},
    "HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"},
}
_STAGE_NAME = re.compile(r"[a-z][a-z0-9-_.]*\Z")


def go_trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] in _GO_SPACE:
        start += 1
    while end > start and text[end - 1] in _GO_SPACE:
        end -= 1
    return text[start:end]


def split_whitespace(text: str) -> tuple[str, ...]:
    """parseStringsWhitespaceDelimited."""
    return tuple(_RE_WHITESPACE.split(text)) if text else ()


def _go_byte_is_space(byte: int) -> bool:
    return chr(byte) in _GO_SPACE  # Go calls unicode.IsSpace(rune(line[pos]))


def extract_builder_flags(line: str, escape: str) -> tuple[str, tuple[str, ...]]:
    """(text after the flags, flags), as split_command.go :: extractBuilderFlags.

    Go walks the UTF-8 bytes one at a time: positions are byte offsets and each
    flag byte becomes the rune of the same number (so ``é`` turns into ``Ã©``).
    """
    data, esc = line.encode("utf-8"), ord(escape)
    flags: list[str] = []
    word = bytearray()
    pos, phase, quote = 0, "spaces", 0
    while pos < len(data):
        ch = data[pos]
        if phase == "spaces":
            if _go_byte_is_space(ch):
                pos += 1
                continue
            if data[pos:pos + 2] != b"--":
                return data[pos:].decode("utf-8", "replace"), tuple(flags)
            phase = "word"
        if phase == "word" and _go_byte_is_space(ch):
            if word == b"--":
                return data[pos:].decode("utf-8", "replace"), tuple(flags)
            flags.append(word.decode("latin-1"))
            word, phase = bytearray(), "spaces"
        elif phase == "word" and ch in b"'\"":
            phase, quote = "quote", ch
        elif phase == "quote" and ch == quote:
            phase = "word"
        elif ch == esc and pos + 1 == len(data):
            phase = "word"  # a lone escape at the end is skipped
        elif ch == esc:
            pos += 1
            word.append(data[pos])
        else:
            word.append(ch)
        pos += 1
    if phase != "spaces" and word != b"--":
        flags.append(word.decode("latin-1"))
    return "", tuple(flags)


def split_command(line: str, escape: str) -> tuple[str, tuple[str, ...], str]:
    """(name, flags, argument text), as split_command.go :: splitCommand."""
    parts = _RE_WHITESPACE.split(go_trim_space(line), maxsplit=1)
    if len(parts) < 2:
        return parts[0], (), ""
    rest, flags = extract_builder_flags(parts[1], escape)
    return parts[0], flags, go_trim_space(rest)


def has_text_after_json(args: str) -> bool:
    """Whether a leading JSON value is followed by more than whitespace."""
    try:
        _, end = json.JSONDecoder().raw_decode(args)
    except ValueError:
        return False
    return bool(args[end:].strip(" \t\n\r"))


# ---------------------------------------------------------------------------
# The expected answer of current BuildKit, from the wheel's output
# ---------------------------------------------------------------------------


class Rejected(Exception):
    """Current BuildKit rejects the file at its instruction layer."""


class Unmodelled(Exception):
    """The wheel's answer cannot be turned into current BuildKit's."""


@dataclass(frozen=True)
class View:
    """What is compared for one instruction (``values`` is None when only the
    text is comparable)."""

    keyword: str
    line: int | None
    end_line: int | None
    flags: tuple[str, ...] | None
    text: str
    form: str | None
    values: tuple[str, ...] | None
    trigger: View | None = None


def expected(commands: Sequence[Any], escape: str) -> list[View]:
    views: list[View] = []
    seen_from = False
    for command in commands:
        view = _expect(command, escape)
        if view.keyword == "FROM":
            seen_from = True
        elif not seen_from and view.keyword != "ARG":
            raise Rejected("no build stage in current context")
        views.append(view)
    return views


# Flags that may repeat (BFlags stringsType); the rest are strings or booleans.
REPEATABLE = {"ADD": {"exclude"}, "COPY": {"exclude"}, "RUN": {"mount", "device"}}
BOOLEAN = {"ADD": {"link", "keep-git-dir", "unpack"}, "COPY": {"link", "parents"}}


def _expect_flags(keyword: str, flags: tuple[str, ...]) -> None:
    """BK instructions/bflag.go :: BFlags.Parse."""
    used: set[str] = set()
    for flag in flags:
        if flag == "--":
            return
        name, has_value, value = flag.partition("=")
        if name[2:] not in DEFINED_FLAGS.get(keyword, ()):
            raise Rejected(f"unknown flag: {name}")
        if name in used and name[2:] not in REPEATABLE.get(keyword, ()):
            raise Rejected(f"duplicate flag specified: {name}")
        used.add(name)
        if name[2:] in BOOLEAN.get(keyword, ()):
            if (has_value and not value) or value.lower() not in ("", "true", "false"):
                raise Rejected(f"bad boolean flag {flag}")
        elif not has_value:
            raise Rejected(f"missing a value on flag: {name}")


def _expect(command: Any, escape: str) -> View:
    keyword = (command.cmd or "").upper()  # the wheel gives None for an empty name
    if keyword not in KNOWN:
        raise Rejected(f"unknown instruction: {command.cmd or ''}")
    # STOPSIGNAL and HEALTHCHECK NONE never parse their flags (BFlags.Parse).
    unparsed = keyword == "STOPSIGNAL" or (
        keyword == "HEALTHCHECK" and command.value[:1] and command.value[0].upper() == "NONE")
    _expect_flags(keyword, () if unparsed else tuple(command.flags))
    first_line = command.original.split("\n", 1)[0]
    if keyword == "ONBUILD":
        return _expect_onbuild(command, first_line, escape)
    _, flags, text = split_command(first_line, escape)
    if flags != tuple(command.flags):
        # v0.12.5 hard-coded \\ as the escape inside flags (difference 6).
        assert escape == "`" and ("`" in first_line or "\\" in first_line), (flags, command)
        raise Unmodelled("an escape character in builder flags")
    form, values = None, tuple(command.value)
    if keyword in FORMS:
        form = "exec" if command.json else "shell"
        if command.json and has_text_after_json(text):
            form, values = "shell", (text,)  # version difference 2
            if keyword == "RUN" and "<<" in text:
                # Now shell form, so a heredoc: the lines after it are its body,
                # which the wheel read as instructions.
                raise Unmodelled("RUN [...] text <<HEREDOC")
        if keyword == "SHELL" and (form != "exec" or not values):
            raise Rejected("SHELL requires at least one argument, in JSON form")
    elif not values:
        raise Rejected(f"{keyword} requires arguments")
    elif keyword == "HEALTHCHECK":
        _check_healthcheck(values)
    elif keyword in ("COPY", "ADD") and len(values) < 2:
        raise Rejected(f"{keyword} requires at least two arguments")
    elif keyword == "VOLUME" and not all(go_trim_space(v) for v in values):
        raise Rejected("VOLUME specified can not be an empty string")
    elif keyword == "FROM" and not (
        len(values) == 1
        or (len(values) == 3 and values[1].lower() == "as" and _STAGE_NAME.match(values[2].lower()))
    ):
        raise Rejected("FROM requires either one or three arguments")
    if keyword == "HEALTHCHECK" or (keyword in ("COPY", "ADD", "VOLUME") and command.json):
        values = None  # only the text is compared
    return View(keyword, command.start_line, command.end_line, tuple(command.flags), text,
                form, values)


def _check_healthcheck(values: Sequence[str]) -> None:
    """BK instructions/parse.go :: parseHealthcheck (the wheel's values are the type
    word, then the command)."""
    kind = values[0].upper()
    if kind == "NONE" and len(values) > 1:
        raise Rejected("HEALTHCHECK NONE takes no arguments")
    if kind == "CMD" and len(values) < 2:
        raise Rejected("Missing command after HEALTHCHECK CMD")
    if kind not in ("NONE", "CMD"):
        raise Rejected(f"Unknown type {kind} in HEALTHCHECK (try CMD)")


def _expect_onbuild(command: Any, first_line: str, escape: str) -> View:
    if command.sub_cmd is None:
        raise Rejected("ONBUILD requires at least one argument")
    trigger_name = command.sub_cmd.upper()
    if trigger_name in ("ONBUILD", "FROM", "MAINTAINER"):
        raise Rejected(f"{trigger_name} isn't allowed as an ONBUILD trigger")
    expression = _RE_ONBUILD.sub("", first_line, count=1)
    flags = split_command(expression, escape)[1]  # the wheel does not keep them
    inner = _Command(command.sub_cmd, command.json, expression, flags, command.value)
    try:
        trigger: View | None = replace(_expect(inner, escape), line=None, end_line=None)
    except Rejected:
        trigger = None  # BuildKit reports it only when a child stage runs it
    return View("ONBUILD", command.start_line, command.end_line, tuple(command.flags),
                expression, None, None, trigger)


@dataclass(frozen=True)
class _Command:
    """The wheel's Command, for an ONBUILD trigger (the wheel loses its flags)."""

    cmd: str
    json: bool
    original: str
    flags: tuple[str, ...]
    value: tuple[str, ...]
    sub_cmd: None = None
    start_line: None = None
    end_line: None = None


# ---------------------------------------------------------------------------
# What cmdresolve says, in the same shape
# ---------------------------------------------------------------------------


def _nul(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.split("\0", 1)[0] for v in values)  # difference 4


def actual_view(ins: Instruction, want: View, first_line_only: bool = False) -> View:
    """cmdresolve's instruction in the shape of ``want``.  ``first_line_only`` is for
    ONBUILD and its trigger, whose heredoc bodies the wheel drops (difference 5)."""
    form: str | None = None
    values: tuple[str, ...] | None = None
    # HEALTHCHECK keeps its command for the image, which the wheel's view leaves out.
    match None if ins.keyword == "HEALTHCHECK" else ins.command:
        case ExecForm(argv=argv):
            form, values = "exec", _nul(argv)
        case ShellForm(script=script):
            form, values = "shell", (script,) if script else ()
        case None:
            values = _values_from_model(ins, want)
    trigger = None
    if ins.trigger is not None:
        inner = want.trigger or View(ins.trigger.keyword, None, None, None, "", None, None)
        trigger = replace(actual_view(ins.trigger, inner, True), line=None, end_line=None)
    first_line_only = first_line_only or ins.keyword == "ONBUILD"
    text = ins.text.split("\n", 1)[0] if first_line_only else ins.text
    if first_line_only and form == "shell" and values:
        values = (values[0].split("\n", 1)[0],)
    return View(ins.keyword, ins.span.line, ins.span.end_line, tuple(ins.flags), text, form,
                values, trigger)


def _values_from_model(ins: Instruction, want: View) -> tuple[str, ...] | None:
    if want.values is None:
        return None
    if ins.keyword in ("ENV", "LABEL"):
        return tuple(part for key, value in ins.pairs for part in (key, value or ""))
    if ins.keyword == "ARG":
        return tuple(key if value is None else f"{key}={value}" for key, value in ins.pairs)
    if ins.keyword in ("WORKDIR", "USER", "MAINTAINER", "STOPSIGNAL"):
        return (ins.text,) if ins.text else ()
    return split_whitespace(ins.text)


# ---------------------------------------------------------------------------
# The differential test
# ---------------------------------------------------------------------------


def _case(text: str, escape: str = "\\") -> GeneratedDockerfile:
    return GeneratedDockerfile(text, text, escape)


# BuildKit parser testfiles (docs/semantics.md §7.1), with ``FROM scratch`` added where
# the testfile has none, so that cmdresolve's stage check lets the CMDs through.
TESTFILE_EXAMPLES = {
    "json": "FROM scratch\nCMD []\nCMD [\"\"]\nCMD [\"a\"]\nCMD [\"a\",\"b\"]\n"
    'CMD [ "a", "b" ]\nCMD [\t"a",\t"b"\t]\nCMD\t[\t"a",\t"b"\t]\t\n'
    'CMD ["abc 123", "♥", "☃", "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000"]\n',
    "jeztah-invalid-json": "FROM scratch\n"
    "CMD ['echo','single quotes are invalid JSON']\n"
    'CMD ["echo", "Please, close the brackets when you\'re done"\n'
    'CMD ["echo", "look ma, no quote!]\n'
    "CMD '[\"echo\", \"Well, JSON in a string is JSON too?\"]'\n"
    'CMD "[\\"echo\\", \\"Phew, I just managed to escaped those double quotes\\"]"\n',
    "lk4d4-the-edge-case-generator": "FROM busybox:buildroot-2014.02\n\n"
    "LABEL maintainer docker <docker@docker.io>\n\n"
    'ONBUILD RUN ["echo", "test"]\nONBUILD RUN echo test\nONBUILD COPY . /\n\n\n'
    "# RUN Commands \\\n# linebreak in comment \\\n"
    'RUN ["ls", "-la"]\nRUN ["echo", "\'1234\'"]\nRUN echo "1234"\nRUN echo 1234\n'
    "RUN echo '1234' && \\\n    echo \"456\" && \\\n    echo 789\n"
    "RUN    sh -c 'echo root:testpass \\\n        > /tmp/passwd'\n"
    "RUN mkdir -p /test /test2 /test3/test\n\n# ENV \\\nENV SCUBA 1 DUBA 3\n"
    'ENV SCUBA "1 DUBA 3"\n\n# CMD \\\nCMD ["echo", "test"]\nCMD echo test\n'
    "CMD echo \"test\"\nCMD echo 'test'\nCMD echo 'test' | wc -\n\n#EXPOSE\\\n"
    "EXPOSE 3000\nEXPOSE 9000 5000 6000\n\nUSER docker\nUSER docker:root\n",
    "kartar-entrypoint-oddities": "FROM ubuntu:14.04\n"
    'LABEL maintainer James Turnbull "james@example.com"\nENV REFRESHED_AT 2014-06-01\n'
    'EXPOSE 6379\nENTRYPOINT [ "/usr/bin/redis-server" ]\n',
    "docker+brimstone": 'FROM ubuntu:14.04\nENTRYPOINT\t["hack/dind"]\nCMD []\n',
    "escapes": "FROM ubuntu:14.04\n"
    'LABEL maintainer Erik \\\\Hollensbe <erik@hollensbe.org>\\"\n\n'
    'RUN apt-get \\update && \\\n  apt-get \\"install znc -y\nADD \\conf\\\\" /.znc\n\n'
    'RUN foo \\\n\nbar \\\n\nbaz\n\nCMD [ "\\/usr\\\\\\"/bin/znc", "-f", "-r" ]\n',
    "flags": 'FROM scratch\nCMD --doit [ "a", "b" ]\n',
    "continueIndent": "FROM ubuntu:14.04\n\n"
    "RUN echo hello\\\n  world\\\n  goodnight  \\\n  moon\\\n  light\\\nning\n"
    "RUN echo hello  \\\n  world\nRUN echo hello  \\\nworld\n"
    "RUN echo hello \\\ngoodbye\\\nfrog\nRUN echo hello  \\  \nworld\n"
    "RUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n"
    "RUN echo goodbye\\\nfrog\nRUN echo good\\\nbye\\\nfrog\n\n"
    "RUN echo hello \\\n# this is a comment\n\n"
    "# this is a comment with a blank line surrounding it\n\n"
    "this is some more useful stuff\n",
    "continue-at-eof": "FROM alpine:3.5\n\nRUN something \\",
    "trailing-backslash": "# https://github.com/docker/for-win/issues/5254\n\n"
    "FROM hello-world\n\nENV A path\nENV B another\\\\path\nENV C trailing\\\\backslash\\\\\n"
    "ENV D This should not be appended to C\nENV E hello\\\n\\\nworld\n"
    "ENV F hello\\\n \\\nworld\nENV G hello \\\n\\\nworld\n",
    "escape": "#escape = `\n\nFROM image\nLABEL maintainer foo@bar.com\nENV GOPATH `\n\\go",
    "escape-with-syntax": "# syntax = docker/dockerfile\n# escape = `\n\nFROM `\n    image\n",
    "escape-after-comment": "# Comment here. Should not be looking for the following "
    "parser directive.\n# escape = `\n\nFROM image\nLABEL maintainer foo@bar.com\n"
    "ENV GOPATH \\\n\\go",
    "shykes-nested-json": 'FROM scratch\nCMD [ "echo", [ "nested json" ] ]\n',
    "empty": "",
    "only-comments": "# hello\n# world\n",
    "env-path": "FROM scratch\nENV PATH\n",
}


def _official(text: str) -> tuple[Any, ...]:
    return tuple(dockerfile.parse_string(text))


def _event(label: str) -> None:
    """Count ``label`` for --hypothesis-show-statistics (not in plain tests)."""
    with contextlib.suppress(InvalidArgument):
        event(label)


def check_against_official(case: GeneratedDockerfile) -> None:
    """Assert cmdresolve reads ``case.text`` as current BuildKit does."""
    try:
        want: list[View] | str = expected(_official(case.legacy_text), case.escape)
    except dockerfile.GoParseError as exc:
        want = f"parser: {exc}"
    except Rejected as exc:
        want = f"instruction layer: {exc}"
    except Unmodelled as exc:
        _event(f"not compared: {exc}")
        return
    try:
        got: list[Instruction] | str = list(parse_dockerfile(case.text).instructions())
    except InputError as exc:
        got = f"InputError: {exc}"
    RUNS["examples"] += 1
    if isinstance(want, str):
        RUNS["rejected"] += 1
        _event(f"rejected by BuildKit ({want.split(':')[0]})")
        assert isinstance(got, str), f"BuildKit rejects this file ({want}); cmdresolve accepted it"
        return
    _event("accepted by BuildKit")
    assert not isinstance(got, str), f"BuildKit accepts this file; cmdresolve raised {got}"
    assert [actual_view(i, w) for i, w in zip(got, want)] == want[: len(got)]
    assert len(got) == len(want)


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfiles())
@example(_case(TESTFILE_EXAMPLES["json"]))
@example(_case(TESTFILE_EXAMPLES["jeztah-invalid-json"]))
@example(_case(TESTFILE_EXAMPLES["lk4d4-the-edge-case-generator"]))
@example(_case(TESTFILE_EXAMPLES["kartar-entrypoint-oddities"]))
@example(_case(TESTFILE_EXAMPLES["docker+brimstone"]))
@example(_case(TESTFILE_EXAMPLES["escapes"]))
@example(_case(TESTFILE_EXAMPLES["flags"]))
@example(_case(TESTFILE_EXAMPLES["continueIndent"]))
@example(_case(TESTFILE_EXAMPLES["continue-at-eof"]))
@example(_case(TESTFILE_EXAMPLES["trailing-backslash"]))
@example(_case(TESTFILE_EXAMPLES["escape"], "`"))
@example(_case(TESTFILE_EXAMPLES["escape-with-syntax"], "`"))
@example(_case(TESTFILE_EXAMPLES["escape-after-comment"]))
@example(_case(TESTFILE_EXAMPLES["shykes-nested-json"]))
@example(_case(TESTFILE_EXAMPLES["empty"]))
@example(_case(TESTFILE_EXAMPLES["only-comments"]))
@example(_case(TESTFILE_EXAMPLES["env-path"]))
def test_cmdresolve_parses_like_buildkit(case: GeneratedDockerfile) -> None:
    RUNS["hypothesis"] += 1
    check_against_official(case)


# Heredoc words whose terminator depends on BuildKit's shell lexer (RawQuotes,
# RawEscapes, SkipUnsetEnv; BK parser.go :: heredocsFromLine, heredocFromMatch).
HEREDOC_WORDS = [
    "<<EOF", "<<-EOF", "<<\\EOF", '<<"EOF"', "<<'EOF'", '<<E"O"F', "<<EOF;", "<<EOF|sh",
    "<<'E O F'", '<<"E F"', "<<E\\ F", '<<"E\\F"', "<<'E\\F'", '<<"E\\"F"', '<<E"\\"F"',
    "<<'E\"F'", '<<"E\\\\F"', "<<E\\F", "<<\\E\\F", '<<"$X"', "<<$X", "<<${X}", "<<E$",
    '<<"E`F"', "3<<EOF", "<<<EOF", "x<<EOF", '"<<EOF"', "<<", "<<EOF<<END", "<<-\tEOF",
    "<<EOF ${x", '<<EOF "open', "<<EOF 'open", "<<EOF ${}", "<<EOF ${x^^}", "<<EOF ${x/a",
    '<<EOF "${x"', "<<EOF '${x'", "<<EOF \\${x", "<<EOF ${x:-a b}", "<<EOF ${x:-<<E2}",
]
_CANDIDATES = ["EOF", "E O F", "E F", "E\\F", "EF", 'E"F', "E\\\\F", "$X", "${X}", "E$",
               "E`F", "EOF;", "EOF|sh", "E2}", "CMD"]


def _heredoc_name(word: str) -> str | None:
    """The terminator the wheel finds for ``RUN cat <word>``, if any."""
    probe = "FROM a\nRUN cat " + word + "\n" + "\n".join(_CANDIDATES) + "\n"
    try:
        run = _official(probe)[1]
    except dockerfile.GoParseError:
        return None
    return run.heredocs[0].name if run.heredocs else None


@pytest.mark.parametrize("word", HEREDOC_WORDS)
@pytest.mark.parametrize("keyword", ["RUN", "ONBUILD RUN"])
def test_heredoc_words_like_buildkit(keyword: str, word: str) -> None:
    name = _heredoc_name(word)
    end = f"{name}\n" if name is not None and name != "CMD" else ""
    check_against_official(_case(f'FROM a\n{keyword} cat {word}\nCMD ["x"]\n{end}CMD\n'))


# Minimal inputs on which cmdresolve and BuildKit disagreed (kept as regression
# tests; see the module docstring for how each side is judged).
DISAGREEMENTS = {
    # The parser reads an ONBUILD trigger at once (parseSubCommand), so a trigger's
    # parse error is the file's error, not one deferred to the child stage.
    "onbuild-env-parse-error": "FROM a\nONBUILD ENV a=b c\n",
    "onbuild-label-parse-error": "FROM a\nONBUILD LABEL PATH\n",
    "onbuild-legacy-env-nbsp": "FROM a\nONBUILD ENV A\u00a0value\n",
    # parseHealthConfig reads the CMD with parseMaybeJSON: non-strings are an error.
    "healthcheck-non-string-json": "FROM a\nHEALTHCHECK CMD [42]\n",
    "healthcheck-flags-non-string-json": 'FROM a\nHEALTHCHECK --interval=5s CMD ["a", 1]\n',
    # A non-string JSON array that mentions << must fail as InputError, not crash.
    "run-non-string-json-heredoc": 'FROM a\nRUN [1, "<<EOF"]\n',
    "copy-non-string-json-heredoc": 'FROM a\nCOPY [1, "<<EOF"]\n',
    "onbuild-non-string-json-heredoc": 'FROM a\nONBUILD RUN [1, "<<EOF"]\n',
    # Found earlier and since fixed in cmdresolve:
    "flag-bytes-as-runes": "FROM a\nRUN --mount=type=cache,target=/café echo\n",
    "onbuild-vertical-tab": "FROM a\nONBUILD\x0bWORKDIR /x\n",
    "heredoc-lexer-error": 'FROM a\nRUN cat <<CMD ${x\nCMD ["x"]\nCMD\n',
    "heredoc-nbsp-separator": 'FROM a\nRUN cat\u00a0<<CMD\nCMD ["x"]\nCMD\n',
    "heredoc-double-quoted-escape": 'FROM a\nRUN cat <<"E\\F"\nCMD ["x"]\nE\\F\nCMD\n',
}


@pytest.mark.parametrize("text", DISAGREEMENTS.values(), ids=DISAGREEMENTS.keys())
def test_minimised_disagreement(text: str) -> None:
    check_against_official(_case(text))


@pytest.mark.parametrize(
    ("where", "length", "tail"),
    [("instruction", 65535, ""), ("instruction", 65536, ""), ("instruction", 65535, "\r"),
     ("instruction", 65536, "\r"), ("instruction", 65536, "é"), ("heredoc body", 65535, ""),
     ("heredoc body", 65536, ""), ("last line", 65535, ""), ("last line", 65536, "")],
)
def test_line_length_limit_like_buildkit(where: str, length: int, tail: str) -> None:
    """bufio.Scanner's 64 KiB token limit: a line of more than 65535 bytes (its
    newline excluded, a trailing \\r included) is an error (docs/semantics.md §1.1 rule 6)."""
    line = "x" * (length - len(tail.encode("utf-8"))) + tail
    if where == "instruction":
        text = f"FROM a\nRUN {line[4:]}\n"
    elif where == "heredoc body":
        text = f"FROM a\nRUN <<EOF\n{line}\nEOF\n"
    else:
        text = f"FROM a\nRUN {line[4:]}"
    check_against_official(_case(text))


@pytest.mark.parametrize(
    ("depth", "closed"), [(3000, True), (1000, False), (10000, True), (10001, True)]
)
def test_exec_form_nesting_like_buildkit(depth: int, closed: bool) -> None:
    """Past Python's recursion limit, up to Go's 10,000 levels, a closed array is the
    not-strings error; deeper, or unclosed, it is shell form (sources/dockerfile/json_depth.py)."""
    text = "FROM a\nCMD " + "[" * depth + ("]" * depth if closed else "") + "\n"
    check_against_official(_case(text))


def summary_line() -> str | None:
    """For tests/differential/conftest.py :: pytest_terminal_summary."""
    if not RUNS["examples"]:
        return None
    return (f"differential: {RUNS['examples']} Dockerfiles compared with BuildKit's parser "
            f"({RUNS['hypothesis']} in the Hypothesis test, {RUNS['rejected']} rejected by both)")


# ---------------------------------------------------------------------------
# Known differences between the wheel (v0.12.5) and current BuildKit, pinned so
# that a change in either shows up here.
# ---------------------------------------------------------------------------

TRAILING_TEXT = [
    ('CMD ["a"] # c', ("a",), '["a"] # c'),
    ('CMD ["a"]x', ("a",), '["a"]x'),
    ("ENTRYPOINT []random string", (), "[]random string"),
    ('RUN ["echo", "hello"]this is invalid', ("echo", "hello"), '["echo", "hello"]this is invalid'),
    ('CMD ["a"] ["b"]', ("a",), '["a"] ["b"]'),
]


@pytest.mark.parametrize(("line", "old_argv", "script"), TRAILING_TEXT)
def test_text_after_json_array_is_a_version_difference(
    line: str, old_argv: tuple[str, ...], script: str
) -> None:
    text = f"FROM scratch\n{line}\n"
    old = _official(text)[1]
    assert (old.json, old.value) == (True, old_argv)  # v0.12.5: exec form
    assert parse_dockerfile(text).instructions()[1].command == ShellForm(script)


def test_non_string_element_before_trailing_text_is_a_version_difference() -> None:
    text = 'FROM scratch\nCMD ["a", 1] x\n'
    with pytest.raises(dockerfile.GoParseError, match="arrays must be comprised of strings"):
        _official(text)  # v0.12.5 decoded the first value and found the number
    assert parse_dockerfile(text).instructions()[1].command == ShellForm('["a", 1] x')


@pytest.mark.parametrize(
    "directives",
    ["# check=skip=all\n# escape=`\n", "#\u00a0escape=`\n", "#\x0bescape=`\n", "#\x85escape=`\n"],
)
def test_directive_block_is_a_version_difference(directives: str) -> None:
    text = f"{directives}FROM a\nRUN a `\nb\n"
    old = _official(text)
    assert [c.cmd for c in old] == ["FROM", "RUN", "b"]  # v0.12.5 kept the backslash
    run = parse_dockerfile(text).instructions()[1]
    assert (run.command, run.span.end_line) == (ShellForm("a b"), directives.count("\n") + 3)


def test_flag_escape_is_a_version_difference() -> None:
    text = "# escape=`\nFROM a\nRUN --mount=a\\ b echo\n"
    old = _official(text)[1]
    assert (old.flags, old.value) == (("--mount=a b",), ("echo",))  # v0.12.5: \ escapes
    run = parse_dockerfile(text).instructions()[1]
    assert (run.flags, run.text) == (("--mount=a\\",), "b echo")


def test_wheel_cuts_strings_at_nul() -> None:
    old = _official('FROM a\nCMD ["x\\u0000y"]\n')[1]
    assert old.value == ("x",)


@pytest.mark.parametrize("gap", [" ", "  ", "\t", " \t"])
def test_heredoc_after_whitespace_is_a_version_difference(gap: str) -> None:
    """``<< EOF``: BuildKit since dockerfile/1.16 (moby/buildkit 0b77373a, shell/lex.go
    :: processPossibleHeredoc and parser.go :: reHeredoc ``<<(-?)\\s*``) opens a
    heredoc named EOF; v0.12.5 saw a bare ``<<`` and opened none."""
    text = f'FROM a\nRUN cat <<{gap}CMD\nCMD ["x"]\nCMD\n'
    assert [(c.cmd, c.end_line) for c in _official(text)][1:] == [("RUN", 2), ("CMD", 3), ("CMD", 4)]
    run = parse_dockerfile(text).instructions()[1]
    assert (run.keyword, run.span.end_line) == ("RUN", 4)


@pytest.mark.parametrize("token", ["${x#a}", "${x##a}", "${x%a}", "${x%%a}", "${x/a/b}", "${x//a/b}"])
def test_heredoc_after_new_modifiers_is_a_version_difference(token: str) -> None:
    """BuildKit's shell lexer learned ``#  ##  %  %%`` (dockerfile/1.10, 4f459a4c) and
    ``/  //`` (9a3f9f36).  In v0.12.5 they were lexer errors, and a line the lexer
    rejects opens no heredoc; now they lex (unset variables are kept as written)."""
    text = f'FROM a\nRUN cat <<CMD {token}\nCMD ["x"]\nCMD\n'
    assert [(c.cmd, c.end_line) for c in _official(text)][1:] == [("RUN", 2), ("CMD", 3), ("CMD", 4)]
    run = parse_dockerfile(text).instructions()[1]
    assert (run.keyword, run.span.end_line) == ("RUN", 4)


@pytest.mark.parametrize("token", ["${x:#a}", "${x:%a}", "${x:##a}"])
def test_heredoc_after_bad_modifier_is_a_version_difference(token: str) -> None:
    """``${x:#a}``: v0.12.5's lexer accepted it, so the line opened its heredoc; the
    lexer now rejects it (``unsupported modifier``, 9749c526, shell/lex.go ::
    processDollar), so the line opens none and the next lines are instructions."""
    text = f'FROM a\nRUN cat <<CMD {token}\nCMD ["x"]\nCMD\n'
    assert [(c.cmd, c.end_line) for c in _official(text)][1:] == [("RUN", 4)]
    assert [i.span.end_line for i in parse_dockerfile(text).instructions()] == [1, 2, 3, 4]
