"""Reading user files: one clear error line instead of a traceback."""

from __future__ import annotations

import os

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import BinaryIO

MAX_BYTES = 64 * 1024 * 1024


STDIN = "<stdin>"
_DIRECTORY = {  # by the ``what`` of each caller; any other takes the template with {what}
    "file": N_("is a directory, not a file"),
    "Dockerfile": N_("is a directory, not a Dockerfile"),
    "Kubernetes manifest": N_("is a directory, not a Kubernetes manifest"),
    "Dockerfile or manifest": N_("is a directory, not a Dockerfile or manifest"),
    "env file": N_("is a directory, not a env file"),
}


def read_input(path: str, what: str = "file") -> tuple[str, str, bool]:
    """``(label, text, utf16)`` of a FILE argument; ``-`` reads standard input.

    ``utf16`` says the bytes were UTF-16 with a byte-order mark (kubectl reads such
    a manifest; BuildKit does not read such a Dockerfile, so the caller decides).
    """
    label = STDIN if path == "-" else path
    data = read_bytes(path, what)
    return label, decode_text(data, label, utf16=True), is_utf16(data)


def read_again(path: str) -> list[str] | None:
    """The lines of an input read once already, for a place quoted later (an ignore
    comment, a finding's source line); None for standard input, a pipe or FIFO (read
    to its end once: opening it again would wait for a writer), or a file that
    cannot be read now."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        data = read_bytes(path)
    except (InputError, OSError, ValueError):
        return None
    return data.decode("utf-8", errors="replace").splitlines()


def read_text(path: str, what: str = "file", *, utf16: bool = False) -> str:
    """The file's text as UTF-8 (or UTF-16 with a byte-order mark, if ``utf16``), or
    :class:`InputError` naming what is wrong. A UTF-8 byte-order mark is dropped: every
    reader we follow (BuildKit, kubectl, docker's env-file reader) drops it."""
    return decode_text(read_bytes(path, what), path, utf16=utf16)


def read_bytes(path: str, what: str = "file") -> bytearray:
    """At most ``MAX_BYTES + 1`` bytes of the file (``-``: standard input); a pipe or
    a device is read the same way, up to the cap."""
    label = STDIN if path == "-" else path
    if not path:  # `--env-file ''`: no name to put before the message
        raise InputError(N_("no such file (the name is empty)"), Span("''"))
    try:
        if path == "-":
            import sys

            stream = getattr(sys.stdin, "buffer", None)  # None when stdin is closed (<&-)
            if stream is None:
                raise InputError(N_("standard input is closed"), Span(STDIN))
            return read_capped(stream)
        if os.path.isdir(path):
            if what in _DIRECTORY:
                raise InputError(_DIRECTORY[what], Span(path))
            raise InputError(N_("is a directory, not a {what}"), Span(path), what=what)
        with open(path, "rb") as handle:
            return read_capped(handle)
    except FileNotFoundError:
        raise InputError(N_("no such file"), Span(label)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(N_("cannot read: {reason}"), Span(label), reason=reason) from None


def read_capped(stream: BinaryIO) -> bytearray:
    """At most ``MAX_BYTES + 1`` bytes of ``stream``, read in pieces.

    ``read(MAX_BYTES + 1)`` in one call would allocate the whole 64 MB up front
    for a file of any size.
    """
    data = bytearray()
    while len(data) <= MAX_BYTES:
        piece = stream.read(1 << 20)
        if not piece:
            break
        data += piece
    return data


def is_utf16(data: bytes | bytearray) -> bool:
    """Whether ``data`` opens with a UTF-16 byte-order mark (either byte order)."""
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes | bytearray, path: str, *, utf16: bool = False) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(N_("larger than {size} MiB"), Span(path), size=MAX_BYTES // (1024 * 1024))
    if is_utf16(data):
        if not utf16:
            raise InputError(N_("UTF-16 text (a byte-order mark); save it as UTF-8"), Span(path))
        try:
            return data.decode("utf-16")  # the mark says which byte order; it is dropped
        except UnicodeDecodeError as exc:
            line = bytes(data[: exc.start]).decode("utf-16", "replace").count("\n") + 1
            raise InputError(N_("not valid UTF-16"), Span(path, line)) from None
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(N_("binary content (a NUL byte), not a text file"), Span(path, line))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise InputError(
            N_("not valid UTF-8 (byte 0x{byte})"), Span(path, line, col), byte=f"{byte:02x}"
        ) from None



class LongInteger:
    """A JSON integer too long for Python's int conversion (over 4,000 digits), kept
    as its digits: Go's int64 and float64 refuse it too, no field we read takes one,
    and a message shows it as written."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits


def json_int(digits: str) -> int | LongInteger:
    """A JSON integer, for ``json.loads(parse_int=…)``: converting thousands of digits
    is refused by Python (and quadratic where allowed), so a long one stays digits."""
    return int(digits) if len(digits) <= 4000 else LongInteger(digits)


def json_nesting_line(text: str, limit: int = 900) -> int | None:
    """The line where JSON ``text`` first nests deeper than ``limit`` (strings skipped),
    for the error Python's recursive decoder gives without a place; None if it never
    does. One pass with a regex that cannot backtrack far: linear in the text."""
    import re

    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"?|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None
