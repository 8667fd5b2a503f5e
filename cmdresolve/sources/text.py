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


def read_input(path: str, what: str = "file") -> tuple[str, str]:
    """``(label, text)`` of a FILE argument; ``-`` reads standard input."""
    if path == "-":
        import sys

        return STDIN, decode_text(read_capped(sys.stdin.buffer), STDIN)
    return path, read_text(path, what)


def read_text(path: str, what: str = "file") -> str:
    """The file's text as UTF-8, or :class:`InputError` naming what is wrong."""
    if os.path.isdir(path):
        if what in _DIRECTORY:
            raise InputError(_DIRECTORY[what], Span(path))
        raise InputError(N_("is a directory, not a {what}"), Span(path), what=what)
    try:
        with open(path, "rb") as handle:
            data = read_capped(handle)
    except FileNotFoundError:
        raise InputError(N_("no such file"), Span(path)) from None
    except OSError as exc:
        raise InputError(N_("cannot read: {reason}"), Span(path), reason=exc.strerror) from None
    return decode_text(data, path)


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


def decode_text(data: bytes | bytearray, path: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(N_("larger than {size} MB"), Span(path), size=MAX_BYTES // (1024 * 1024))
    nul = data.find(b"\0", 0, 8192)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(N_("binary content (a NUL byte), not a text file"), Span(path, line))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise InputError(
            N_("not valid UTF-8 (byte 0x{byte})"), Span(path, line, col), byte=f"{byte:02x}"
        ) from None
