"""Logical lines to typed instructions and stages, as BuildKit's instruction layer.

Authority: moby/buildkit ``frontend/dockerfile/parser/line_parsers.go`` (what
each instruction's arguments are), ``instructions/parse.go ::
ParseInstructionWithLinter, Parse, parseFrom, parseOnBuild, parseShell,
parseArg, parseKvps`` and ``instructions/bflag.go :: BFlags.Parse`` at
BK@73ed6825.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cmdresolve.model import Command, ExecForm, InputError, ShellForm, Span
from cmdresolve.model.dockerfile import Dockerfile, Instruction, Instructions, Stage
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.sources import collector_paused
from cmdresolve.sources.dockerfile import validate
from cmdresolve.sources.dockerfile.forms import (
    NOT_STRING_ARRAY,
    NotStringArray,
    parse_json_array,
    parse_words,
    split_command,
    split_whitespace,
)
from cmdresolve.sources.dockerfile.lexer import LogicalLine, LogicalLines
from cmdresolve.sources.dockerfile.positions import TOKEN_KEYWORDS, token_spans

KEYWORDS = (
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
    "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
    "WORKDIR",
)  # fmt: skip
_KEYWORD_OF = {keyword: keyword for keyword in KEYWORDS}
_FORM_KEYWORDS = frozenset({"CMD", "ENTRYPOINT", "RUN", "SHELL"})
_WHITESPACE = re.compile(r"[\t\v\f\r ]+")  # parseNameVal's split of KEY from value words
_STAGE_NAME = re.compile(r"[a-z][a-z0-9-_.]*\Z")
_Check = Callable[[Instruction, str, str], Instruction]


class LineError(InputError):
    """An error BuildKit's line parser raises (so also inside an ONBUILD trigger)."""


_ONBUILD_PREFIX = re.compile(r"(?i)^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*", re.ASCII)


def parse_dockerfile(text: str, path: str = "Dockerfile") -> Dockerfile:
    """Parse Dockerfile text into meta ARGs and stages.

    Raises :class:`InputError` with the span of the offending instruction for
    everything BuildKit refuses before building.
    """
    with collector_paused():
        return _parse_dockerfile(text, path)


def _parse_dockerfile(text: str, path: str) -> Dockerfile:
    # BuildKit splits the whole file into lines before it reads any instruction, so a
    # line error anywhere comes before the first instruction error, which waits.
    lines = LogicalLines(text, path)
    meta: list[Instruction] = []
    stages: list[Stage] = []
    stage: _StageReader | None = None
    refused: InputError | None = None
    for logical in lines:
        if refused is not None:
            continue
        try:
            ins = parse_instruction(logical, path, lines.escape)
            if ins.keyword != "FROM" and stage is None and ins.keyword != "ARG":
                raise InputError(N_("no build stage in current context"), ins.span)
        except InputError as exc:
            refused = exc
            continue
        if ins.keyword == "FROM":
            if stage is not None:
                stages.append(stage.close(len(stages), lines.begun))
            stage = _StageReader(ins, lines)
        elif stage is not None:
            stage.add(ins)
        else:
            meta.append(ins)
    if refused is not None:
        raise refused
    if stage is not None:
        stages.append(stage.close(len(stages), lines.end, last=True))
    return Dockerfile(
        path=path,
        meta_args=tuple(meta),
        stages=tuple(stages),
        warnings=tuple(lines.warnings),
        escape=lines.escape,
    )


_KEEP = 1024  # instructions of the last stage kept as read; more are read again


class _StageReader:
    """A stage while the file is read: its FROM line, where its instructions start,
    the length of their text so far, and the first of them (``_KEEP`` at most)."""

    __slots__ = ("kept", "line", "lines", "size", "source", "start")

    def __init__(self, source: Instruction, lines: LogicalLines) -> None:
        self.source, self.lines, self.size = source, lines, 0
        self.start, self.line = min(lines.pos, lines.end), lines.line
        self.kept: list[Instruction] | None = []

    def add(self, ins: Instruction) -> None:
        self.size += len(ins.text)
        if self.kept is not None:
            self.kept.append(ins)
            if len(self.kept) > _KEEP:
                self.kept = None

    def close(self, index: int, end: int, last: bool = False) -> Stage:
        """The stage, its instructions being those written up to offset ``end``; the
        last stage keeps them if there are few (a build folds it unless told not to)."""
        lines = self.lines
        again = _Reread(lines.text, lines.path, lines.escape, (self.start, end, self.line))
        kept = tuple(self.kept) if last and self.kept is not None else None
        return _stage(index, self.source, Instructions(again, self.size, kept))


class _Reread:
    """A stage's instructions, read again from the text (they were checked once)."""

    __slots__ = ("escape", "path", "span", "text")

    def __init__(self, text: str, path: str, escape: str, span: tuple[int, int, int]) -> None:
        self.text, self.path, self.escape, self.span = text, path, escape, span

    def __call__(self) -> Iterator[Instruction]:
        lines = LogicalLines.again(self.text, self.path, self.escape, self.span)
        return (parse_instruction(logical, self.path, self.escape) for logical in lines)


def _stage(index: int, source: Instruction, body: Instructions) -> Stage:
    words = split_whitespace(source.text)
    name = words[2].lower() if len(words) == 3 else None
    platform = next((f.split("=", 1)[1] for f in source.flags if f.startswith("--platform=")), None)
    return Stage(index, source, words[0], name, body, source.span, platform)


def parse_instruction(logical: LogicalLine, path: str, escape: str) -> Instruction:
    span = Span(path, logical.line, logical.col, logical.end_line)
    try:
        return _parse(logical.text, span, escape, logical)
    except NotStringArray:
        raise InputError(NOT_STRING_ARRAY, span) from None


def parse_trigger(text: str, span: Span, escape: str = "\\") -> Instruction:
    """An ONBUILD trigger, parsed when a child stage runs it."""
    return _parse(text, span, escape)


def _parse(text: str, span: Span, escape: str, logical: LogicalLine | None = None) -> Instruction:
    """The instruction ``text`` writes; ``logical`` (its line) gives its tokens' places."""
    written, flags, args = split_command(text, escape)
    keyword = _KEYWORD_OF.get(written)
    if keyword is None:
        keyword = _KEYWORD_OF.get(go_lower(written).upper())
        if keyword is None:
            raise _unknown_instruction(written, span)
    else:
        written = keyword  # the same text: one string for all the instructions that write it
    command = _form(args) if keyword in _FORM_KEYWORDS else None
    read_pairs = _PAIRS.get(keyword)
    pairs = read_pairs(keyword, args, span, escape) if read_pairs else ()
    spans = None
    if logical is not None and keyword in TOKEN_KEYWORDS:
        spans = token_spans(logical, keyword, args, command, span.file)
    ins = Instruction(keyword, written, args, span, flags, command, pairs, None, spans)
    check = _CHECKS.get(keyword)
    checked = check(ins, text, escape) if check else ins
    validate.check_flags(checked)
    if keyword == "HEALTHCHECK" and logical is not None and checked.command is not None:
        # Its command is the tail of the line after the type, placed as a CMD's is.
        rest = validate.healthcheck_args(checked)
        spans = token_spans(logical, "CMD", rest, checked.command, span.file)
        checked = replace(checked, token_spans=spans)
    return checked


def go_lower(text: str) -> str:
    """Go's ``strings.ToLower``: like ``str.lower`` but U+0130 becomes a plain ``i``."""
    return text.replace("\u0130", "i").lower()


def _form(args: str) -> Command:
    """Exec form if the arguments are a strict JSON array of strings, else shell form.

    Authority: BK ``line_parsers.go :: parseMaybeJSON`` and ``instructions/support.go
    :: handleJSONArgs`` (the shell form is the argument text verbatim).
    """
    argv = parse_json_array(args) if args else None
    return ShellForm(args) if argv is None else ExecForm(argv)


def _unknown_instruction(written: str, span: Span) -> InputError:
    """Authority: BK ``util/suggest/error.go :: Search`` (Levenshtein distance < 3)."""
    lower = written.lower()
    best, best_dist = "", 3
    for option in sorted(KEYWORDS):
        if abs(len(lower) - len(option)) >= best_dist:  # the distance is at least that
            continue
        dist = _levenshtein(lower, option.lower())
        if dist < best_dist:
            best, best_dist = option, dist
    if not best:
        return InputError(N_("unknown instruction: {written}"), span, written=written)
    if written != written.upper():
        best = best.lower()  # matchCase: upper stays upper, anything else lower
    return InputError(
        N_("unknown instruction: {written} (did you mean {best}?)"),
        span,
        written=written,
        best=best,
    )


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _check_from(ins: Instruction, text: str, escape: str) -> Instruction:
    """Authority: BK ``instructions/parse.go :: parseFrom, parseBuildStageName``."""
    words = split_whitespace(ins.text)
    if len(words) == 3 and words[1].lower() == "as":
        if not _STAGE_NAME.match(words[2].lower()):
            raise InputError(
                N_(
                    'invalid name for build stage: "{name}", name can\'t start with a '
                    "number or contain symbols"
                ),
                ins.span,
                name=words[2],
            )
    elif len(words) != 1:
        raise InputError(N_("FROM requires either one or three arguments"), ins.span)
    return ins


def _check_shell(ins: Instruction, text: str, escape: str) -> Instruction:
    """Authority: BK ``instructions/parse.go :: parseShell``."""
    if isinstance(ins.command, ExecForm) and ins.command.argv:
        return ins
    if isinstance(ins.command, ShellForm) and ins.command.script:
        raise InputError(N_("SHELL requires the arguments to be in JSON form"), ins.span)
    raise InputError(N_("SHELL requires at least one argument"), ins.span)


def _check_onbuild(ins: Instruction, text: str, escape: str) -> Instruction:
    """Authority: BK ``instructions/parse.go :: parseOnBuild``; the trigger itself
    is only checked when a child stage runs it, so its errors are kept, not raised."""
    if not ins.text:
        raise InputError(N_("ONBUILD requires at least one argument"), ins.span)
    trigger_name = split_command(ins.text, escape)[0].upper()  # BK uses ToUpper here
    if trigger_name == "ONBUILD":
        raise InputError(N_("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"), ins.span)
    if trigger_name in ("MAINTAINER", "FROM"):
        raise InputError(
            N_("{trigger} isn't allowed as an ONBUILD trigger"), ins.span, trigger=trigger_name
        )
    expression = _ONBUILD_PREFIX.sub("", text, count=1)
    try:
        trigger: Instruction | None = _parse(expression, ins.span, escape)
    except LineError:
        raise  # the parser reads the trigger's line at once
    except InputError:
        trigger = None  # instruction-level errors wait for a child stage to run it
    return Instruction(ins.keyword, ins.written, expression, ins.span, ins.flags, trigger=trigger)


def _arg_pairs(
    keyword: str, args: str, span: Span, escape: str
) -> tuple[tuple[str, str | None], ...]:
    """Authority: BK ``instructions/parse.go :: parseArg`` (``name[=default]`` words)."""
    words = parse_words(args, escape)
    if not words:
        raise InputError(N_("ARG requires at least one argument"), span)
    pairs: list[tuple[str, str | None]] = []
    for word in words:
        key, sep, value = word.partition("=")
        if sep and not key:
            raise InputError(N_("ARG names can not be blank"), span)
        pairs.append((key, value if sep else None))
    return tuple(pairs)


def _env_pairs(
    keyword: str, args: str, span: Span, escape: str
) -> tuple[tuple[str, str | None], ...]:
    """Authority: BK ``line_parsers.go :: parseNameVal`` and ``parse.go :: parseKvps``.

    ``KEY value words`` (old form, when the first word has no ``=``) or
    ``KEY=value ...``; values stay unexpanded with their quotes. (ENV and LABEL.)
    """
    words = parse_words(args, escape)
    if not words:
        raise InputError(N_("{keyword} requires at least one argument"), span, keyword=keyword)
    pairs: list[tuple[str, str | None]] = []
    if "=" not in words[0]:
        parts = _WHITESPACE.split(args, maxsplit=1)
        if len(parts) < 2:
            raise LineError(N_("{keyword} must have two arguments"), span, keyword=keyword)
        pairs.append((parts[0], parts[1]))
    else:
        for word in words:
            if "=" not in word:
                raise LineError(
                    N_('Syntax error - can\'t find = in "{word}". Must be of the form: name=value'),
                    span,
                    word=word,
                )
            key, _, value = word.partition("=")
            pairs.append((key, value))
    if not all(key for key, _ in pairs):
        raise InputError(N_("{keyword} names can not be blank"), span, keyword=keyword)
    return tuple(pairs)


def _exactly_one(ins: Instruction, text: str, escape: str) -> Instruction:
    """WORKDIR, USER, MAINTAINER, STOPSIGNAL take their whole text as one argument."""
    if not ins.text:
        raise InputError(
            N_("{keyword} requires exactly one argument"), ins.span, keyword=ins.keyword
        )
    return ins


def _at_least_one(ins: Instruction, text: str, escape: str) -> Instruction:
    if not ins.text:
        raise InputError(
            N_("{keyword} requires at least one argument"), ins.span, keyword=ins.keyword
        )
    return ins


def _check_healthcheck(ins: Instruction, text: str, escape: str) -> Instruction:
    """Authority: BK ``parse.go :: parseHealthcheck``; the command is kept for the image."""
    validate.check_healthcheck(ins)
    return replace(ins, command=validate.healthcheck_command(ins))


def _validated(check: Callable[[Instruction], None]) -> _Check:
    def run(ins: Instruction, text: str, escape: str) -> Instruction:
        check(ins)
        return ins

    return run


_PAIRS: dict[str, Callable[[str, str, Span, str], tuple[tuple[str, str | None], ...]]] = {
    "ARG": _arg_pairs,
    "ENV": _env_pairs,
    "LABEL": _env_pairs,
}
_CHECKS: dict[str, _Check] = {
    "FROM": _check_from,
    "SHELL": _check_shell,
    "ONBUILD": _check_onbuild,
    "WORKDIR": _exactly_one,
    "USER": _exactly_one,
    "MAINTAINER": _exactly_one,
    "STOPSIGNAL": _exactly_one,
    "EXPOSE": _at_least_one,
    "VOLUME": _validated(validate.check_volume),
    "HEALTHCHECK": _check_healthcheck,
    "ADD": _validated(validate.check_sources_and_dest),
    "COPY": _validated(validate.check_sources_and_dest),
}
