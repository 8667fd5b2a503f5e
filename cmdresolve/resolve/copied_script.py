"""An ENTRYPOINT script COPY'd from the build context: read it (never run it) and say
whether it hands PID 1 to its arguments.

A Dockerfile that does ``COPY entrypoint.sh /`` and ``ENTRYPOINT ["/entrypoint.sh"]``
has the runtime exec that file; what runs next is what the file says. A script file
started through its shebang never execs its last command by itself: only ``exec "$@"``
gives PID 1 to the CMD; a script that runs ``"$@"`` keeps its shell as PID 1 (signals
reach the shell), and one that reads no argument at all ignores the CMD; one that reads
``$1``, ``$*``, ``shift`` or ``getopts`` (but not ``"$@"``) is the program itself, its
arguments its parameters (docs/semantics.md §10 item 2,
measured). The reading is a line scan: comments and blank lines dropped, lines joined at
a trailing backslash; the last command line decides. The build context is taken to be
the Dockerfile's folder (``docker build -f DIR/Dockerfile DIR``).

Authority: docs/semantics.md §10 (measured with dash, bash and BusyBox ash); BuildKit
``dockerfile2llb/convert.go :: dispatchCopy`` (a destination ending in ``/`` or several
sources mean a folder; the last COPY to a path wins).
"""

from __future__ import annotations

import json
import os
import posixpath
import re

from cmdresolve.model.final import FinalProcess, FinalRule
from cmdresolve.model.image import SourceKind
from cmdresolve.model.span import Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model import Resolution
    from cmdresolve.model.dockerfile import Instruction

__all__ = ["MAX_SCRIPT_BYTES", "copied_script", "read_script"]

MAX_SCRIPT_BYTES = 256 * 1024  # an entrypoint script is a page or two; more is not read
_EXEC_ARGS = re.compile(r'^exec\s+(?:--\s+)?"\$(?:@|\{@\})"\s*(?:;\s*)?$')
_ARGS = re.compile(r'(?:^|[\s;&|(])"\$(?:@|\{@\})"')
# A positional parameter read as data ($1, ${2}, $*, $#, shift, getopts): the script is
# then the program itself, and its arguments are its parameters, not a command.
_PARAMS = re.compile(r'\$(?:[1-9*#]|\{[1-9#*])|(?:^|[\s;&|(])(?:shift|getopts)\b')
_EXEC_ANY = re.compile(r'(?:^|[\s;&|(])exec\s.*"\$(?:@|\{@\})"')


def copied_script(result: Resolution) -> FinalProcess | None:
    """The final process of ``result`` when its argv[0] is a file the Dockerfile that
    builds its image COPYs (or ADDs) from the build context; None otherwise."""
    argv, image = result.argv, result.image_config
    if not argv or image is None or image.source.kind is not SourceKind.STAGE:
        return None
    if image.source.stage is None or "argv" in result.incomplete:
        return None
    if image.source.name == "-":  # `docker build -` sends no context to copy from
        return None
    program = argv[0].value
    env = result.env if result.env is not None else image.env
    path = next((e[5:] for e in env or () if e.startswith("PATH=")), "")
    found: tuple[Instruction, str | None] | None = None
    for ins in image.copies:
        source = _source_of(ins, program, path)
        if source is None or isinstance(source, str):
            found = (ins, source)
    if found is None:
        return None
    ins, source = found
    context = os.path.dirname(image.source.name)
    args = tuple(argv[1:])
    if source is None:
        return FinalProcess(None, None, program, FinalRule.SCRIPT_UNREAD, ins.span.file,
                            span=ins.span)
    file = os.path.normpath(os.path.join(context, source))
    rule, shell = read_script(file)
    span = Span(file, None)
    if rule is FinalRule.SCRIPT_EXECS_ARGS:
        return FinalProcess(args, True if args else None, program, rule, file, span=span)
    if rule is FinalRule.SCRIPT_RUNS_ARGS:
        return FinalProcess(args, False, program, rule, file, shell=shell, span=span)
    if rule is FinalRule.SCRIPT_TAKES_PARAMS:
        return None  # the script is the final program: the argv line says it all
    if rule is FinalRule.SCRIPT_NO_ARGS:
        return FinalProcess(None, False, program, rule, file, shell=shell, span=span)
    return FinalProcess(None, None, program, rule, file, span=span)


def _regular(path: str) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _source_of(ins: Instruction, program: str, path_env: str) -> str | Literal[False] | None:
    """The build-context file this COPY/ADD puts at ``program`` (None: one that cannot
    be read from the context, such as ``--from`` or a URL), or False when it puts
    nothing there."""
    words = _words(ins.text)
    if words is None or len(words) < 2:
        return False
    *sources, dest = words
    if not dest.startswith("/"):
        return False  # relative to WORKDIR: not followed here
    targets = _targets(program, path_env)
    hits = []
    for src in sources:
        into_dir = dest.endswith("/") or len(sources) > 1
        placed = posixpath.join(dest, posixpath.basename(src.rstrip("/")))
        candidates = {placed} if into_dir else {posixpath.normpath(dest), placed}
        if candidates & targets:
            hits.append(src)
    if not hits:
        return False
    src = hits[-1]
    if any(f.startswith("--from") for f in ins.flags) or "://" in src or "$" in src:
        return None
    if any(c in src for c in "*?["):
        return None
    return src


def _targets(program: str, path_env: str) -> set[str]:
    if program.startswith("/"):
        return {posixpath.normpath(program)}
    if "/" in program:
        return set()
    return {posixpath.join(d, program) for d in path_env.split(":") if d.startswith("/")}


def _words(text: str) -> list[str] | None:
    text = text.strip()
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return None
    if "\n" in text:  # a heredoc: not a context file
        return None
    return text.split()


def read_script(file: str) -> tuple[FinalRule, str | None]:
    """What the script at ``file`` does with ``"$@"``, and its shebang's interpreter."""
    if not _regular(file):  # a pipe or a device is never opened
        return FinalRule.SCRIPT_UNREAD, None
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_SCRIPT_BYTES + 1)
    except OSError:
        return FinalRule.SCRIPT_UNREAD, None
    if len(data) > MAX_SCRIPT_BYTES or b"\0" in data:
        return FinalRule.SCRIPT_UNREAD, None
    text = data.decode("utf-8", "replace")
    first = text.split("\n", 1)[0]
    shell = first[2:].strip().split()[0] if first.startswith("#!") and first[2:].strip() else None
    lines = _command_lines(text)
    if lines and _EXEC_ARGS.match(lines[-1]):
        return FinalRule.SCRIPT_EXECS_ARGS, shell
    if any(_EXEC_ANY.search(line) for line in lines):
        return FinalRule.SCRIPT_MAY_EXEC_ARGS, shell
    if any(_ARGS.search(line) for line in lines):
        return FinalRule.SCRIPT_RUNS_ARGS, shell
    if any(_PARAMS.search(line) for line in lines):
        return FinalRule.SCRIPT_TAKES_PARAMS, shell
    return FinalRule.SCRIPT_NO_ARGS, shell


def _command_lines(text: str) -> list[str]:
    """The script's lines without comments and blanks, continuations joined."""
    out: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append((pending + line).strip())
        pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
