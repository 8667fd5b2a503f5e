"""What every input must get from the CLI, whatever its kind, size or bytes (issue 12).

``run_case`` runs ``cmdresolve.cli.main`` in-process on a :class:`Case` (files written
to a fresh directory that is also the working directory, so no config file of the
checkout applies), with standard streams that behave like the real ones: UTF-8 byte
streams, strict on stdout (an unencodable character is an error there too) and
``backslashreplace`` on stderr, neither a TTY, and ``NO_COLOR`` set, so any ESC in the
output came from the input. ``violations`` lists what broke the contract:

- an exception escaped ``main`` (a traceback is the bug), or the exit status is not
  0, 1 or 2;
- a stderr line does not start with ``cmdresolve: ``; an input error (exit 2) is not
  exactly one line ``cmdresolve: FILE[:LINE[:COL]]: message`` (notes aside);
- raw control characters (C0 but newline and tab, DEL, C1) in stdout or stderr;
- ``-o json`` or ``-o sarif`` output that does not parse as JSON.

Time and memory are measured by ``benchmarks/fuzz.py``, never asserted here.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cmdresolve.cli import Outcome, main

OUTPUTS = ("text", "json", "argv", "sarif", "github")
CLOSED = None  # Case.stdin for a closed standard input (``cmdresolve - <&-``)

# C0 but \t and \n, DEL, and C1 (ESC is in C0).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# ``cmdresolve: FILE[:LINE[:COL]]: message``; FILE is anything up to the last ": ".
ERROR_LINE = re.compile(r"cmdresolve: (?P<where>.+?)(?::\d+(?::\d+)?)?: (?P<message>\S.*)")
NOTE_PREFIX = "cmdresolve: note: "


@dataclass(frozen=True)
class Case:
    """One command line and the files it names.

    ``files`` maps a name (relative to the working directory) to its bytes, or to
    None for a directory; ``argv`` is the command line without ``-o``; ``stdin`` is
    the bytes on standard input, or ``CLOSED``.
    """

    kind: str
    argv: tuple[str, ...]
    files: Mapping[str, bytes | None] = field(default_factory=dict)
    stdin: bytes | None = b""

    def size(self) -> int:
        return sum(len(v or b"") for v in self.files.values()) + len(self.stdin or b"") + sum(
            len(a) for a in self.argv
        )


@dataclass(frozen=True)
class Result:
    status: int | None
    stdout: bytes
    stderr: bytes
    error: str | None  # the traceback of an exception that escaped main

    def summary(self) -> str:
        if self.error is not None:
            return self.error.rstrip().splitlines()[-1]
        return f"exit {self.status}"


def run_case(case: Case, output: str = "text") -> Result:
    """Run the CLI on ``case`` in a scratch directory, as a user's terminal would."""
    with tempfile.TemporaryDirectory(prefix="cmdresolve-fuzz-") as scratch:
        for name, data in case.files.items():
            path = Path(scratch, os.fsdecode(os.fsencode(name)))
            path.parent.mkdir(parents=True, exist_ok=True)
            if data is None:
                path.mkdir(exist_ok=True)
            else:
                path.write_bytes(data)
        with _streams(case.stdin) as (out, err), _environment(scratch):
            status: int | None = None
            error = None
            try:
                status = main([*case.argv, "-o", output], outcome=Outcome())
            except SystemExit as exc:  # argparse: its own usage error
                status = exc.code if isinstance(exc.code, int) else 2
            except BaseException:
                error = traceback.format_exc()
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            written = out.getvalue(), err.getvalue()
        return Result(status, *written, error)


class _Kept(io.BytesIO):
    """A byte buffer that outlives its text wrapper (which closes it when collected)."""

    def close(self) -> None:
        pass


@contextlib.contextmanager
def _streams(stdin: bytes | None) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    out, err = _Kept(), _Kept()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = None if stdin is None else io.TextIOWrapper(io.BytesIO(stdin), "utf-8")  # type: ignore[assignment]
    sys.stdout = io.TextIOWrapper(out, "utf-8", errors="strict", write_through=True)
    sys.stderr = io.TextIOWrapper(err, "utf-8", errors="backslashreplace", write_through=True)
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _environment(directory: str) -> Iterator[None]:
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    os.chdir(directory)
    os.environ.update({"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})
    os.environ.pop("FORCE_COLOR", None)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def violations(result: Result, output: str) -> list[str]:
    """Each way ``result`` breaks the contract, as a short class name and detail."""
    if result.error is not None:
        return [f"traceback: {_where(result.error)}"]
    found: list[str] = []
    if result.status not in (0, 1, 2):
        found.append(f"exit status {result.status}")
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    for name, text in (("stdout", out), ("stderr", err)):
        raw = RAW_CONTROL.search(text)
        if raw:
            found.append(f"raw control character {raw.group()!r} in {name} ({output})")
    lines = err.splitlines()
    if any(not line.startswith("cmdresolve: ") for line in lines):
        bad = next(line for line in lines if not line.startswith("cmdresolve: "))
        found.append(f"stderr line without 'cmdresolve: ': {bad[:80]!r}")
    errors = [line for line in lines if not line.startswith(NOTE_PREFIX)]
    # Each input that fails has its one line; the other inputs are still answered.
    bad_lines = [line for line in errors if not ERROR_LINE.fullmatch(line)]
    if result.status == 2 and (not errors or bad_lines):
        found.append(f"input error is not one 'cmdresolve: FILE:LINE: message' line: {errors[:3]!r}")
    if len(set(errors)) != len(errors):
        found.append(f"the same error line twice: {errors[:3]!r}")
    if output in ("json", "sarif") and result.status in (0, 1):
        try:
            json.loads(out)
        except ValueError as exc:
            found.append(f"{output} output does not parse: {exc}")
    return found


def _where(trace: str) -> str:
    """``ExceptionType at cmdresolve/path.py:function``: the innermost cmdresolve frame."""
    frames = re.findall(r'File "([^"]+)", line \d+, in (\S+)', trace)
    ours = [(f, fn) for f, fn in frames if re.search(r"/cmdresolve/(?!.*/tests/)", f)]
    kind = trace.rstrip().splitlines()[-1].split(":", 1)[0]
    if not ours:
        return kind
    path, function = ours[-1]
    return f"{kind} at {path[path.rindex('cmdresolve/'):]}:{function}"


def check(case: Case, output: str = "text") -> list[str]:
    return violations(run_case(case, output), output)


# ---------------------------------------------------------------------------
# Regression files: one JSON document per case (tests/fuzz/regressions/*.json)
# ---------------------------------------------------------------------------


def _encode(data: bytes | None) -> object:
    if data is None:
        return {"directory": True}
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def _decode(item: object) -> bytes | None:
    assert isinstance(item, dict)
    if item.get("directory"):
        return None
    if "text" in item:
        text = item["text"]
        if "repeat" in item:  # {"text": " ", "repeat": 65000}: big inputs stay small on disk
            text = text * item["repeat"]
        return str(item.get("before", "")).encode() + text.encode("utf-8", "surrogateescape") + str(
            item.get("after", "")
        ).encode()
    return base64.b64decode(item["base64"])


def dump_case(case: Case, note: str = "") -> str:
    doc = {
        "note": note,
        "kind": case.kind,
        "argv": list(case.argv),
        "files": {name: _encode(data) for name, data in case.files.items()},
        "stdin": None if case.stdin is None else _encode(case.stdin),
    }
    return json.dumps(doc, indent=2, ensure_ascii=True) + "\n"


def load_case(path: Path) -> Case:
    doc = json.loads(path.read_text(encoding="utf-8"))
    stdin = doc.get("stdin", {"text": ""})
    return Case(
        kind=doc["kind"],
        argv=tuple(doc["argv"]),
        files={name: _decode(item) for name, item in doc["files"].items()},
        stdin=None if stdin is None else _decode(stdin),
    )
