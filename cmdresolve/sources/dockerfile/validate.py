"""Checks BuildKit makes on instructions that do not shape the argv.

A file BuildKit refuses must not get an answer, so these errors are reported
exactly like the ones that matter for CMD and ENTRYPOINT.

Authority: moby/buildkit ``frontend/dockerfile/instructions/bflag.go ::
BFlags.Parse`` and ``instructions/parse.go :: parseAdd, parseCopy,
parseSourcesAndDest, parseVolume, parseHealthcheck`` at BK@73ed6825.
"""

from __future__ import annotations

from cmdresolve.model import Command, ExecForm, InputError, ShellForm
from cmdresolve.model.dockerfile import Instruction
from cmdresolve.model.facts import N_
from cmdresolve.sources.dockerfile.forms import parse_json_array, split_whitespace
from cmdresolve.sources.dockerfile.gotext import is_go_space, strip_go

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Literal

    FlagType = Literal["bool", "string", "strings"]
_HEALTH = dict.fromkeys(("interval", "timeout", "start-period", "start-interval", "retries"))
# Builder flags each instruction defines, with their types.
FLAGS: dict[str, dict[str, FlagType]] = {
    "ADD": {"chown": "string", "chmod": "string", "link": "bool", "keep-git-dir": "bool",
            "checksum": "string", "unpack": "bool", "exclude": "strings"},
    "COPY": {"chown": "string", "from": "string", "chmod": "string", "link": "bool",
             "exclude": "strings", "parents": "bool"},
    "FROM": {"platform": "string"},
    "RUN": {"mount": "strings", "network": "string", "security": "string", "device": "strings"},
    "HEALTHCHECK": {name: "string" for name in _HEALTH},
}  # fmt: skip


def check_flags(ins: Instruction) -> None:
    """Authority: BK ``bflag.go :: BFlags.Parse`` (unknown, valueless, duplicate flags)."""
    if not ins.flags:
        return
    if ins.keyword == "STOPSIGNAL" or _healthcheck_type(ins) == "NONE":
        return  # these never parse their flags
    allowed = FLAGS.get(ins.keyword, {})
    seen: set[str] = set()
    for flag in ins.flags:
        if flag == "--":
            return
        if not flag.startswith("--"):
            raise InputError(N_("arg should start with -- : {flag}"), ins.span, flag=flag)
        name, has_value, value = flag.partition("=")
        kind = allowed.get(name[2:])
        if kind is None:
            raise InputError(N_("unknown flag: {name}"), ins.span, name=name)
        if name in seen and kind != "strings":
            raise InputError(N_("duplicate flag specified: {name}"), ins.span, name=name)
        seen.add(name)
        _check_value(name, kind, bool(has_value), value, ins)


def _check_value(name: str, kind: FlagType, has_value: bool, value: str, ins: Instruction) -> None:
    if kind != "bool":
        if not has_value:
            raise InputError(N_("missing a value on flag: {name}"), ins.span, name=name)
        return
    if has_value and value == "":
        raise InputError(N_("missing a value on flag: {name}"), ins.span, name=name)
    if value.lower() not in ("true", "false", ""):
        raise InputError(
            N_("expecting boolean value for flag {name}, not: {value}"),
            ins.span,
            name=name,
            value=value,
        )


def check_sources_and_dest(ins: Instruction) -> None:
    """Authority: BK ``parse.go :: parseAdd, parseCopy`` (``len(args) < 2``)."""
    if len(_list_args(ins.text)) < 2:
        raise InputError(
            N_(
                "{keyword} requires at least two arguments, but only one was provided. "
                "Destination could not be determined"
            ),
            ins.span,
            keyword=ins.keyword,
        )


def check_volume(ins: Instruction) -> None:
    """Authority: BK ``parse.go :: parseVolume``."""
    args = _list_args(ins.text)
    if not args:
        raise InputError(N_("VOLUME requires at least one argument"), ins.span)
    if any(not strip_go(arg) for arg in args):
        raise InputError(N_("VOLUME specified can not be an empty string"), ins.span)


def _list_args(text: str) -> list[str]:
    """Authority: BK ``line_parsers.go :: parseMaybeJSONToList``."""
    argv = parse_json_array(text) if text else None
    return list(argv) if argv is not None else split_whitespace(text)


def _healthcheck_type(ins: Instruction) -> str | None:
    if ins.keyword != "HEALTHCHECK" or not ins.text:
        return None
    return _split_type(ins.text)[0].upper()


def _split_type(text: str) -> tuple[str, str]:
    """Authority: BK ``line_parsers.go :: parseHealthConfig`` (type, then the rest).

    Go scans bytes here, so the bytes 0x85 and 0xA0 of a UTF-8 character count
    as spaces; the Latin-1 view of the UTF-8 bytes reproduces that.
    """
    raw = text.encode("utf-8").decode("latin-1")
    sep = 0
    while sep < len(raw) and not is_go_space(raw[sep]):
        sep += 1
    rest = sep
    while rest < len(raw) and is_go_space(raw[rest]):
        rest += 1
    return _utf8(raw[:sep]), _utf8(raw[rest:])


def _utf8(latin1_view: str) -> str:
    return latin1_view.encode("latin-1").decode("utf-8", errors="replace")


def check_healthcheck(ins: Instruction) -> None:
    """Authority: BK ``parse.go :: parseHealthcheck`` and ``parseHealthConfig``."""
    if not ins.text:
        raise InputError(N_("HEALTHCHECK requires at least one argument"), ins.span)
    written, rest = _split_type(ins.text)
    argv = parse_json_array(rest) if rest else None  # non-string elements fail here
    typ = written.upper()
    if typ == "NONE":
        if rest:
            raise InputError(N_("HEALTHCHECK NONE takes no arguments"), ins.span)
    elif typ == "CMD":
        if (argv is not None and not argv) or not rest:
            raise InputError(N_("Missing command after HEALTHCHECK CMD"), ins.span)
    else:
        raise InputError(N_('Unknown type "{type}" in HEALTHCHECK (try CMD)'), ins.span, type=typ)


def healthcheck_args(ins: Instruction) -> str:
    """The text after a HEALTHCHECK's type (``CMD``): the command as written."""
    return _split_type(ins.text)[1]


def healthcheck_command(ins: Instruction) -> Command | None:
    """What a checked HEALTHCHECK runs: ``None`` for ``NONE``, else the exec form (a
    JSON array) or the shell form (the text after ``CMD``, which the image stores as
    ``CMD-SHELL``).

    Authority: BK ``parse.go :: parseHealthcheck`` (``handleJSONArgs``; ``typ =
    "CMD-SHELL"`` when the arguments are not JSON) and ``line_parsers.go ::
    parseHealthConfig`` (the type, then ``parseMaybeJSON`` of the rest).
    """
    written, rest = _split_type(ins.text)
    if written.upper() == "NONE":
        return None
    argv = parse_json_array(rest)
    return ShellForm(rest) if argv is None else ExecForm(argv)
