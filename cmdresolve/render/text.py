"""The text view, answer first (../shared/UX.md): the argv as one would type it, where
each part came from drawn under it, then the problems as a compiler shows them, and one
summary line.

Colour means one thing each: ``error`` (red) a container that cannot start or an error
finding, ``warning`` (yellow) a warning, ``unknown`` (yellow) what could not be known,
``ok`` (green) only an argv with no error or warning, ``dim`` what is there for
reference (rule authorities, provenance lines).
"""

from __future__ import annotations

import json

from cmdresolve.model import Arg, NoteKind, Origin, Resolution, StepKind, UnknownKind
from cmdresolve.model.facts import N_
from cmdresolve.model.origins import files_of
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_json, escape_line, shell_word
from cmdresolve.render.phrases import (
    cut_middle,
    failure_text,
    finding_message,
    note_text,
    step_summary,
    unknown_reason,
)
from cmdresolve.render.phrases.processes import FIELD, HANDLERS, in_process
from cmdresolve.render.screen import Screen, width_of

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import TypeVar

    from cmdresolve.model import Finding, Span, Step, Unknown
    from cmdresolve.model.image import ImageConfig

    T = TypeVar("T")
    Lines = Callable[[str], "Sequence[str] | None"]

__all__ = ["View", "render_results", "render_summary", "render_text"]


class View:
    """How the text is shown: the screen, ``verbose`` (-v: steps, env, info findings),
    ``quiet`` (-q: findings and the summary only), and ``source``, which gives the lines
    of an input file (None when it cannot be read again) for the findings' excerpts."""

    __slots__ = ("quiet", "screen", "source", "tally", "verbose")

    def __init__(
        self,
        screen: Screen | None = None,
        verbose: bool = False,
        quiet: bool = False,
        source: Lines | None = None,
    ) -> None:
        self.screen = screen or Screen()
        self.verbose, self.quiet = verbose, quiet
        self.source = source or (lambda _file: None)
        self.tally = Tally()


LONGEST_LINE = 4000
"""Characters of one value on the screen before its middle is cut: laying out a 10 MB
line helps nobody (``-o json`` and ``-o argv`` give every value whole)."""
MOST_ROWS = 300
"""Rows of one list (tokens, steps, notes, findings) before its middle is left out."""
MOST_WORDS = 1000
"""Elements of one argv on the screen before its middle is left out: a million-word
argv would be a hundred thousand lines twice over (``-o argv`` gives it whole)."""


def cut(text: str) -> str:
    if len(text) <= LONGEST_LINE:
        return text
    template = N_("{start} … [{count} characters left out here; -o json shows them] … {end}")
    return cut_middle(text, 3000, 500, template)


def _rows(items: Sequence[T]) -> Iterator[tuple[int, T] | int]:
    """``(index, item)`` for the first and last rows of ``items``, and in between, when
    there are more than :data:`MOST_ROWS`, the number of rows left out."""
    if len(items) <= MOST_ROWS:
        yield from enumerate(items)
        return
    head, tail = MOST_ROWS - 50, 50
    yield from enumerate(items[:head])
    yield len(items) - head - tail
    yield from ((len(items) - tail + i, item) for i, item in enumerate(items[-tail:]))


def _left_out(count: int) -> str:
    return say(N_("… {count} more here (-o json lists them all)"), {"count": count})


def render_text(results: Iterable[Resolution], view: View | None = None) -> Iterator[str]:
    """The view of ``results``, piece by piece as they come (each ends with a newline),
    then the summary line.

    One result gets the whole view; several get one line each in a table per input
    file, with their problems under it (``-v`` gives each the whole view).
    """
    view = view or View()
    yield from render_results(results, view)
    yield from render_summary(view)


def render_results(results: Iterable[Resolution], view: View) -> Iterator[str]:
    """:func:`render_text` without the summary line; ``view.tally`` counts for it."""
    tally = view.tally
    stream = iter(results)
    first = next(stream, None)
    second = next(stream, None) if first is not None else None
    if first is None:
        return
    if second is None or view.verbose or view.quiet:
        printed = False
        for result in _chain(first, second, stream):
            tally.add(result)
            block = _quiet(result, view) if view.quiet else _whole(result, view, tally)
            if block:
                yield ("\n" if printed else "") + "\n".join(block) + "\n"
                printed = True
    else:
        from cmdresolve.render.compact import render_compact

        yield from render_compact(_chain(first, second, stream), view, tally)


def render_summary(
    view: View, input_errors: int = 0, scan: tuple[int, int] | None = None
) -> Iterator[str]:
    """The summary line, after a blank line; nothing when every input failed. After a
    walk (``scan``: files read, files skipped) it starts with the files."""
    if view.tally.containers or not input_errors or scan is not None:
        yield "\n" + _summary(view.tally, view, input_errors, scan) + "\n"


def _chain(first: Resolution, second: Resolution | None, rest: Iterator[Resolution]
           ) -> Iterator[Resolution]:
    yield first
    if second is not None:
        yield second
        yield from rest


# --- counting, for the summary line ---


class Tally:
    """What the summary line counts, and the notes already said (each is said once)."""

    __slots__ = ("codes", "containers", "error_codes", "errors", "infos", "not_starting",
                 "said", "unknown", "warnings")

    def __init__(self) -> None:
        self.containers = self.errors = self.warnings = self.infos = 0
        self.not_starting = self.unknown = 0
        self.codes: list[str] = []
        self.error_codes: set[str] = set()
        self.said: set[str] = set()

    def add(self, r: Resolution) -> None:
        self.containers += 1
        self.not_starting += r.error is not None
        self.unknown += r.argv is None and r.error is None
        for f in r.findings:
            if f.severity == "error":
                self.errors += 1
                self.error_codes.add(f.code)
            elif f.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1
            if f.severity != "info" and f.code not in self.codes:
                self.codes.append(f.code)

    def first_time(self, text: str) -> bool:
        if text in self.said:
            return False
        self.said.add(text)
        return True


def _count(count: int, one: str, many: str) -> str:
    return say(one if count == 1 else many, {"count": count})


def _summary(
    t: Tally, view: View, input_errors: int, scan: tuple[int, int] | None = None
) -> str:
    s = view.screen
    parts = []
    if scan is not None:
        parts.append(_count(scan[0], N_("1 file read"), N_("{count} files read")))
        if scan[1] and view.verbose:
            parts.append(_count(scan[1], N_("1 skipped"), N_("{count} skipped")))
        elif scan[1]:
            parts.append(_count(scan[1], N_("1 skipped (-v says why)"),
                                N_("{count} skipped (-v says why)")))
    parts.append(
        _count(t.containers, N_("1 container resolved"), N_("{count} containers resolved"))
    )
    if input_errors:
        parts.append(s.paint(_count(input_errors, N_("1 input error (on stderr)"),
                                    N_("{count} input errors (on stderr)")), "error"))
    if t.not_starting:
        parts.append(s.paint(_count(t.not_starting, N_("1 cannot start"),
                                    N_("{count} cannot start")), "error"))
    if t.unknown:
        parts.append(s.paint(_count(t.unknown, N_("1 argv not known"),
                                    N_("{count} argvs not known")), "unknown"))
    if t.errors:
        parts.append(s.paint(_count(t.errors, N_("1 error"), N_("{count} errors")), "error"))
    if t.warnings:
        parts.append(s.paint(
            _count(t.warnings, N_("1 warning"), N_("{count} warnings")), "warning"))
    if not (t.errors or t.warnings or t.not_starting or t.unknown or input_errors):
        parts.append(s.paint(say(N_("no problems")), "ok"))
    if t.infos and not view.verbose:
        parts.append(_count(t.infos, N_("1 info finding (-v shows it)"),
                            N_("{count} info findings (-v shows them)")))
    if t.codes:
        first = min(t.codes, key=lambda code: code not in t.error_codes)  # an error's first
        parts.append(say(N_("`cmdresolve rule {code}` explains it"), {"code": first}))
    elif t.containers > 1 and not view.verbose:
        parts.append(say(N_("-v for the steps, --container NAME for one")))
    return "\n".join(_joined(parts, " · ", s))


def _joined(parts: list[str], between: str, s: Screen) -> list[str]:
    """``parts`` joined by ``between``, a new line (indented) where the next would not fit."""
    lines = [parts[0]]
    for part in parts[1:]:
        if _visible_width(lines[-1]) + len(between) + _visible_width(part) <= s.width:
            lines[-1] += between + part
        else:
            lines[-1] += between.rstrip()
            lines.append("  " + part)
    return lines


def _visible_width(text: str) -> int:
    """Columns of a painted line (the colour codes take none)."""
    if "\x1b" in text:
        import re

        text = re.sub("\x1b\\[[0-9;]*m", "", text)
    return width_of(text)


# --- one container, whole ---


def _whole(r: Resolution, view: View, tally: Tally) -> list[str]:
    s = view.screen
    lines = [s.paint(escape_line(cut(_title(r))), "bold")]
    order = _start_order(r)
    if order:
        lines.extend(s.paint(line, "dim") for line in s.wrap(order, "  "))
    lines.extend(_answer(r, view))
    lines.extend(_then(r, view))
    lines.extend(_process(r, view))
    if r.script is not None:
        from cmdresolve.render.script import script_lines

        lines.extend(script_lines(r, s))
    why = _why(r)
    if why:
        lines.extend(s.wrap(why, "  "))
    if view.verbose:
        if r.script is not None:
            from cmdresolve.render.script import script_commands

            lines.extend(script_commands(r.script, s))
        lines.extend(_env(r, view))
        lines.extend(_steps(r, view))
        lines.extend(_other_processes(r, view))
    lines.extend(_notes(r, view, tally))
    for f in _shown_findings(r, view):
        lines.append("")
        lines.extend(_finding(f, r, view))
    if r.verification is not None:
        from cmdresolve.render.verification import verification_text

        lines.append("")
        lines.extend(verification_text(r.verification, s))
    return lines


def _quiet(r: Resolution, view: View) -> list[str]:
    lines: list[str] = []
    for f in _shown_findings(r, view):
        lines.extend(_finding(f, r, view))
        lines.append("")
    return lines[:-1]


_ROLE = {
    "initContainer": N_("init container {name}"),
    "sidecar": N_("sidecar {name}"),
    "container": N_("container {name}"),
    "ephemeralContainer": N_("ephemeral container {name}"),
    "service": N_("service {name}"),
}
# Where the container stands in the pod's start order (kubelet; KEP-753 for sidecars).
_ORDER = {
    "initContainer": N_("runs to completion before the next container of the pod starts"),
    "sidecar": N_(
        "starts in order with the init containers, then keeps running beside the app "
        "containers (a native sidecar: restartPolicy: Always)"
    ),
    "ephemeralContainer": N_("added to a running pod (kubectl debug)"),
}


def _title(r: Resolution) -> str:
    parts: list[str] = []
    if r.workload:
        parts.append(r.workload)
    if r.container:
        role = _ROLE.get(r.container_type or "", _ROLE["container"])
        parts.append(say(role, {"name": r.container}))
    if _built_here(r):
        parts.append(say(N_("{file} · image built here"), {"file": r.image}))
    elif r.image:
        if r.runtime == "docker" and not r.workload:
            parts.append(say(N_("docker run · image {image}"), {"image": r.image}))
        else:
            parts.append(say(N_("image {image}"), {"image": r.image}))
    return " · ".join(parts) or r.runtime


def _built_here(r: Resolution) -> bool:
    from cmdresolve.render.where import built_here

    return built_here(r)


def _start_order(r: Resolution) -> str | None:
    template = _ORDER.get(r.container_type or "")
    return say(template) if template else None


def _answer(r: Resolution, view: View) -> list[str]:
    """The argv line and its provenance, or why there is none."""
    s = view.screen
    label = say(N_("runs"))
    lead = "  " + label + "  "
    if r.argv is None:
        if r.error is not None:
            text = say(N_("cannot start: {failure}"), {"failure": failure_text(r.error)})
            return [s.paint(line, "error") for line in s.wrap(escape_line(text), lead)]
        text = say(N_("not known (see the notes below)"))
        return [s.paint(line, "unknown") for line in s.wrap(text, lead)]
    if not r.argv:
        return [lead + s.paint("[]", "error")]
    style = _argv_style(r)
    indent = " " * width_of(lead)
    if len(r.argv) > MOST_WORDS:
        return _argv_cut(r.argv, lead, style, s)
    words = [_word(a.value) for a in r.argv]
    argv_lines = _argv_lines(words, lead, s)
    out = [s.paint(line, style) for line in argv_lines]
    if len(argv_lines) == 1:
        drawn = _drawn(r.argv, words, indent, s)
        if drawn is not None:
            return out + [s.paint(line, "dim") for line in drawn]
    return out + [s.paint(line, "dim") for line in _listed(r.argv, words, indent, s)]


def _then(r: Resolution, view: View) -> list[str]:
    """The second line under the argv: what an entrypoint script execs (model/final.py),
    its provenance, the rule applied, and with ``-v`` what the script does first."""
    f = r.final_process
    if f is None:
        return []
    from cmdresolve.render.phrases.final import (
        THEN,
        final_notes,
        final_summary,
        setup_text,
        source_line,
    )

    s = view.screen
    label, runs = say(THEN), say(N_("runs"))
    lead = "  " + label + " " * max(2, width_of(runs) + 2 - width_of(label))
    indent = " " * width_of(lead)
    out: list[str] = []
    if f.argv is None and f.pid1 is False:
        pass  # the script itself stays PID 1: no second argv, only why
    elif f.argv is None:
        out.extend(s.paint(line, "unknown") for line in s.wrap(say(N_("not known")), lead))
    elif not f.argv:
        out.append(lead + s.paint("[]", "unknown"))
    elif len(f.argv) > MOST_WORDS:
        out.extend(_argv_cut(f.argv, lead, None if f.pid1 is False else _argv_style(r), s))
    else:
        words = [_word(a.value) for a in f.argv]
        argv_lines = _argv_lines(words, lead, s)
        style = None if f.pid1 is False else _argv_style(r)
        out.extend(s.paint(line, style) for line in argv_lines)
        drawn = _drawn(f.argv, words, indent, s) if len(argv_lines) == 1 else None
        if drawn is None:
            drawn = _listed(f.argv, words, indent, s)
        out.extend(s.paint(line, "dim") for line in drawn)
    out.extend(s.wrap(escape_line(final_summary(f)), indent))
    for note in final_notes(f) if f.argv is not None else ():
        out.extend(s.paint(line, "warning") for line in s.wrap(escape_line(note), indent))
    if view.verbose:
        for setup in f.setup:
            out.extend(s.wrap(escape_line(setup_text(setup)), indent))
        out.extend(s.paint(line, "dim") for line in s.wrap(escape_line(source_line(f)), indent))
    return out


def _argv_cut(argv: Sequence[Arg], lead: str, style: str | None, s: Screen) -> list[str]:
    """A huge argv's first and last elements, each part with where it came from, and
    how many are left out between them."""
    indent = " " * width_of(lead)
    tail_size = MOST_WORDS // 4
    head_args, tail_args = argv[: MOST_WORDS - tail_size], argv[len(argv) - tail_size :]
    left_out = s.paint(indent + _left_out(len(argv) - MOST_WORDS), "dim")
    out: list[str] = []
    places: list[str] = []
    for part, first in ((head_args, lead), (tail_args, indent + "  ")):
        words = [_word(a.value) for a in part]
        lines = _argv_lines(words, first, s)
        if part is head_args:
            lines[-1] += " \\"
        out.extend(s.paint(line, style) for line in lines)
        places.extend(s.paint(line, "dim") for line in _listed(part, words, indent, s))
        if part is head_args:
            out.append(left_out)
            places.append(left_out)
    return out + places


def _argv_style(r: Resolution) -> str | None:
    """Red with an error finding, plain with a warning, green only when clean."""
    severities = {f.severity for f in r.findings}
    if "error" in severities:
        return "error"
    return None if "warning" in severities else "ok"


def _word(value: str) -> str:
    return cut(shell_word(value))


def _argv_lines(words: list[str], lead: str, s: Screen) -> list[str]:
    """The shell line, wrapped at words with `` \\`` so that it still pastes."""
    indent = " " * (width_of(lead) + 2)
    lines, line, empty = [], lead, True
    for word in words:
        if not empty and width_of(line) + 1 + width_of(word) + 2 > s.width:
            lines.append(line + " \\")
            line, empty = indent, True
        line = line + word if empty else f"{line} {word}"
        empty = False
    lines.append(line)
    return lines


class _Run:
    """Consecutive argv elements from one place: their columns and their label."""

    __slots__ = ("end", "label", "start", "where", "words")

    def __init__(self, start: int, label: str, where: str) -> None:
        self.start, self.end, self.label, self.where = start, start, label, where
        self.words: list[str] = []

    @property
    def mid(self) -> int:
        return self.start + (self.end - self.start - 1) // 2


def _places(argv: Sequence[Arg], words: list[str]) -> list[_Run]:
    runs: list[_Run] = []
    column = 0
    for arg, word in zip(argv, words):
        label, where = _origin_label(arg), _line_of(arg.span)
        if not runs or (runs[-1].label, runs[-1].where) != (label, where):
            runs.append(_Run(column, label, where))
        run = runs[-1]
        run.words.append(word)
        run.end = column + width_of(word)
        column = run.end + 1
    return runs


def _drawn(argv: Sequence[Arg], words: list[str], indent: str, s: Screen) -> list[str] | None:
    """Lines under the argv: each run of words underlined, its label hung from it, the
    place in a column on the right; None when that does not fit the screen."""
    runs = _places(argv, words)
    if len(runs) > 12:
        return None
    if not _fits(runs, indent, s):
        _shorten_places(runs)
        if not _fits(runs, indent, s):
            return None
    place_at = max(r.mid + 3 + width_of(r.label) for r in runs) + 3
    under = [" "] * runs[-1].end
    for r in runs:
        under[r.start : r.end] = "─" * (r.end - r.start)
        under[r.mid] = "┬"
    lines = [indent + "".join(under)]
    for i in range(len(runs) - 1, -1, -1):
        row = [" "] * runs[i].mid
        for earlier in runs[:i]:
            row[earlier.mid] = "│"
        text = "".join(row) + "└─ " + runs[i].label
        if runs[i].where:
            text += " " * (place_at - width_of(text)) + runs[i].where
        lines.append(indent + text)
    return lines


def _fits(runs: list[_Run], indent: str, s: Screen) -> bool:
    """Whether the labels, then their places in a column three spaces on, fit."""
    label_end = max(r.mid + 3 + width_of(r.label) for r in runs)
    return width_of(indent) + label_end + 3 + max(width_of(r.where) for r in runs) <= s.width


def _shorten_places(runs: list[_Run]) -> None:
    """Each place as ``name:line`` without its directories, when no two files of the
    runs share a name (the findings' ``-->`` lines give whole paths)."""
    if not _distinct_names({r.where.rpartition(":")[0] or r.where for r in runs if r.where}):
        return
    for r in runs:
        if r.where:
            r.where = _base_name(r.where)


def _listed(argv: Sequence[Arg], words: list[str], indent: str, s: Screen) -> list[str]:
    """Where each run of words came from, as a list (the screen is too narrow to draw)."""
    runs = _places(argv, words)
    label_width = max(width_of(r.label) for r in runs)
    lines: list[str] = []
    for row in _rows(runs):
        if isinstance(row, int):
            lines.append(indent + _left_out(row))
            continue
        run = row[1]
        head = f"{indent}{run.label}{' ' * (label_width - width_of(run.label))}  "
        hang = " " * width_of(head)
        wrapped = s.wrap(" ".join(run.words), head, hang)
        if run.where and width_of(wrapped[-1]) + 3 + width_of(run.where) <= s.width:
            wrapped[-1] += "   " + run.where
        elif run.where:  # under the words, or further left when a long path needs it
            fits = width_of(hang) + width_of(run.where) <= s.width
            wrapped.append((hang if fits else indent) + run.where)
        lines.extend(wrapped)
    return lines


_LABELS: dict[Origin, str] = {
    Origin.IMAGE_ENTRYPOINT: "ENTRYPOINT",
    Origin.IMAGE_CMD: "CMD",
    Origin.RUN_ENTRYPOINT: "--entrypoint",
    Origin.RUN_ARGS: N_("after the image"),
    Origin.RUN_INIT: "--init",
    Origin.POD_COMMAND: "command",
    Origin.POD_ARGS: "args",
    Origin.KUBECTL_COMMAND: "kubectl run --command",
    Origin.KUBECTL_ARGS: N_("kubectl run, after --"),
    Origin.COMPOSE_ENTRYPOINT: "entrypoint",
    Origin.COMPOSE_COMMAND: "command",
    Origin.COMPOSE_RUN_ENTRYPOINT: "compose run --entrypoint",
    Origin.COMPOSE_RUN_ARGS: "compose run",
    Origin.COMPOSE_INIT: "init: true",
    Origin.ARGO_SCRIPT: "script.source",
    Origin.TEKTON_SCRIPT: "script",
    Origin.SCRIPT_INTERPRETER: "#!",
}


def _origin_label(arg: Arg) -> str:
    """The field an element came from, as the user wrote it (code stays code)."""
    if arg.origin.is_shell:
        if arg.has_note(NoteKind.SHELL_INSTRUCTION):
            return "SHELL"
        return say(N_("default SHELL"))
    if arg.origin is Origin.ENTRYPOINT_SCRIPT:
        from cmdresolve.render.phrases.final import ORIGIN_LABEL

        return say(ORIGIN_LABEL)
    label = _LABELS[arg.origin]
    if arg.origin in (Origin.RUN_ARGS, Origin.KUBECTL_ARGS):
        label = say(label)
    if arg.has_note(NoteKind.SHELL_SCRIPT):
        return say(N_("{instruction} (shell form)"), {"instruction": label})
    if arg.has_note(NoteKind.EXPANDED):
        return say(N_("{field}, $(VAR) expanded"), {"field": label})
    return label


def _line_of(span: Span | None) -> str:
    if span is None:
        return ""
    if span.line is None:
        return escape_line(span.file)
    return escape_line(f"{span.file}:{span.line}")


# --- working directory, user, env ---


def _process(r: Resolution, view: View) -> list[str]:
    incomplete = r.incomplete
    workdir, user = r.working_dir or "/", r.user or "root"
    if "working_dir" not in incomplete and "user" not in incomplete:
        parts = [say(N_("in {workdir} as {user}"), {"workdir": workdir, "user": user})]
    elif "working_dir" in incomplete and "user" in incomplete:
        parts = [say(N_("working dir and user not known"))]
    elif "user" in incomplete:
        parts = [say(N_("in {workdir}"), {"workdir": workdir}), say(N_("user not known"))]
    else:
        parts = [say(N_("working dir not known")), say(N_("as {user}"), {"user": user})]
    if r.env is not None:
        parts.append(_env_count(len(r.env), "env" in incomplete, view.verbose))
    return view.screen.wrap(escape_line(cut(" · ".join(parts))), "  ", "    ")


def _env_count(count: int, partial: bool, verbose: bool) -> str:
    if partial:
        if count == 0:
            return say(N_("env not known"))
        text = _count(count, N_("1 env variable known"), N_("{count} env variables known"))
    else:
        text = _count(count, N_("1 env variable"), N_("{count} env variables"))
        if count == 0:
            return say(N_("no env variables"))
    if verbose:
        return text
    return text + " " + say(N_("(-v shows it)") if count == 1 else N_("(-v shows them)"))


def _env(r: Resolution, view: View) -> list[str]:
    if not r.env:
        return []
    lines = ["  " + say(N_("env"))]
    for row in _rows(r.env):
        shown = _left_out(row) if isinstance(row, int) else escape_line(cut(row[1]))
        lines.append("    " + shown)
    return lines


def _why(r: Resolution) -> str | None:
    """One sentence on what the run-time fields did to the image's ENTRYPOINT and CMD."""
    from cmdresolve.model.image import ImageConfig

    kinds = {step.kind: step for step in r.steps}
    image = r.image_config
    if not isinstance(image, ImageConfig):
        return None
    short = _short_names(r)
    fields = {"entrypoint": _field(image, "entrypoint", short),
              "cmd": _field(image, "cmd", short)}
    no_cmd = image.knows("cmd") and image.cmd is None
    no_entrypoint = image.knows("entrypoint") and image.entrypoint is None
    if StepKind.CRI_COMMAND in kinds:
        if kinds[StepKind.CRI_COMMAND].params.get("args_set") and no_cmd:
            template = N_("command replaces the image's ENTRYPOINT {entrypoint}, and args "
                          "follow it.")
        elif kinds[StepKind.CRI_COMMAND].params.get("args_set"):
            template = N_("command replaces the image's ENTRYPOINT {entrypoint}, and args "
                          "replace its CMD {cmd}.")
        elif no_cmd:
            template = N_("command replaces the image's ENTRYPOINT {entrypoint}; the image "
                          "has no CMD.")
        else:
            template = N_("command replaces the image's ENTRYPOINT {entrypoint}, and its CMD "
                          "{cmd} is not used.")
    elif StepKind.CRI_ARGS in kinds:
        if no_entrypoint:
            template = N_("args replace the image's CMD {cmd}; the image has no ENTRYPOINT, "
                          "so args start with the program.")
        else:
            template = N_("args replace the image's CMD {cmd}; its ENTRYPOINT {entrypoint} "
                          "stays in front.")
    elif StepKind.DOCKER_ENTRYPOINT_FLAG in kinds:
        template = N_("--entrypoint replaces the image's ENTRYPOINT {entrypoint}, and its "
                      "CMD {cmd} is not used.")
    elif StepKind.DOCKER_RUN_ARGS in kinds:
        if no_entrypoint:
            template = N_("the arguments after the image replace its CMD {cmd}; the image "
                          "has no ENTRYPOINT, so they start with the program.")
        else:
            template = N_("the arguments after the image replace its CMD {cmd}; its "
                          "ENTRYPOINT {entrypoint} stays in front.")
    else:
        return None
    return escape_line(cut(say(template, fields)))


def _field(image: ImageConfig, name: str, short: bool) -> str:
    if not image.knows(name):
        return say(N_("(not known)"))
    value: tuple[Arg, ...] | None = getattr(image, name)
    if value is None:
        return say(N_("(not set)"))
    text = escape_json(json.dumps([a.value for a in value], ensure_ascii=False))
    where = _line_of(value[0].span) if value else ""
    if short and where:
        where = _base_name(where)
    return f"{text} ({where})" if where else text


def _short_names(r: Resolution) -> bool:
    """Whether the files this result quotes can be named without their directories."""
    files = files_of(r.argv or ())
    if r.image_config is not None:
        files |= files_of((*(r.image_config.entrypoint or ()), *(r.image_config.cmd or ())))
    spans = [u.span for u in r.unknowns] + [step.span for step in r.steps]
    return _distinct_names(files | {span.file for span in spans if span is not None})


def _distinct_names(files: set[str]) -> bool:
    """Whether no two of ``files`` share a name once their directories are left out."""
    return len({_base_name(f) for f in files}) == len(files)


def _base_name(path: str) -> str:
    return path.replace("\\", "/").rpartition("/")[2]


# --- the steps (-v) ---


def _steps(r: Resolution, view: View) -> list[str]:
    if not r.steps:
        return []
    s = view.screen
    lines = ["  " + say(N_("how it got there"))]
    places = [_line_of(step.span) for step in r.steps]
    if _distinct_names({step.span.file for step in r.steps if step.span is not None}):
        places = [_base_name(p) for p in places]
    column = min(max((width_of(p) for p in places), default=0), 20)
    number_width = len(str(len(r.steps)))
    for row in _rows(r.steps):
        if isinstance(row, int):
            lines.append("    " + _left_out(row))
            continue
        i, step = row
        head = f"  {i + 1:>{number_width}}  "
        place = places[i]
        hang = " " * (len(head) + column + 2)
        if width_of(place) > column:
            lines.append(head + place)
            head = hang
        else:
            head = head + place + " " * (column - width_of(place) + 2)
        lines.extend(s.wrap(escape_line(cut(step_summary(step))), head, hang))
        lines.extend(s.paint(line, "dim") for line in s.wrap(_authority(step), hang))
    return lines


def _authority(step: Step) -> str:
    return escape_line(step.authority.replace(" :: ", " · "))


# --- the other processes: probes, hooks, health checks (-v) ---


def _other_processes(r: Resolution, view: View) -> list[str]:
    """Each probe, hook and health check: its field, what it runs (or why nothing), where
    it is written, then how it got there."""
    if not r.processes:
        return []
    s = view.screen
    lines = ["  " + say(N_("other processes"))]
    width = max(width_of(FIELD.get(p.kind, p.kind)) for p in r.processes)
    for p in r.processes[:MOST_ROWS]:
        field = FIELD.get(p.kind, p.kind)
        head = "    " + field + " " * (width - width_of(field) + 2)
        hang = " " * width_of(head)
        if p.argv:
            text = " ".join(_word(a.value) for a in p.argv)
        elif p.handler in HANDLERS:
            text = say(HANDLERS[p.handler])
        else:
            text = say(N_("not known (see the notes below)"))
        if not p.runs:
            text = say(N_("{process} (never runs)"), {"process": text})
        wrapped = s.wrap(escape_line(cut(text)), head, hang)
        place = _line_of(p.span)
        if place and width_of(wrapped[-1]) + 3 + width_of(place) <= s.width:
            wrapped[-1] += "   " + s.paint(place, "dim")
        elif place:
            wrapped.append(hang + s.paint(place, "dim"))
        lines.extend(wrapped)
        for step in p.steps:
            lines.extend(s.wrap(escape_line(cut(step_summary(step))), hang + "· ", hang + "  "))
            lines.extend(s.paint(line, "dim") for line in s.wrap(_authority(step), hang + "  "))
        for u in p.unknowns:
            text = escape_line(cut(unknown_reason(u)))
            lines.extend(s.wrap(text, hang + say(N_("note:")) + " ", hang + "  "))
    return lines


# --- notes: what could not be known ---

_WHOLE_IMAGE = frozenset({UnknownKind.DOCKERFILE_BASE_UNKNOWN, UnknownKind.IMAGE_NOT_KNOWN})


def _shown_unknowns(r: Resolution, view: View) -> list[Unknown]:
    """The unknowns worth a note: not one a shown finding already says (same line), nor,
    but with ``-v``, one that follows from a whole image being unknown, nor that
    image's own when nothing of the answer depends on it."""
    said = {_line_of(f.span) for f in _shown_findings(r, view) if f.span is not None}
    shown = [u for u in r.unknowns if u.span is None or _line_of(u.span) not in said]
    if view.verbose or not any(u.kind in _WHOLE_IMAGE for u in shown):
        return shown
    if not r.incomplete:
        return [u for u in shown if u.kind not in _FOLLOWING and u.kind not in _WHOLE_IMAGE]
    return [u for u in shown if u.kind not in _FOLLOWING]


def _notes(r: Resolution, view: View, tally: Tally) -> list[str]:
    s = view.screen
    lines: list[str] = []
    label = say(N_("note:")) + " "
    shown = _shown_unknowns(r, view)
    for row in _rows(shown):
        if isinstance(row, int):
            lines.append("  " + _left_out(row))
            continue
        u = row[1]
        text = escape_line(cut(_unknown_text(u, r, view.verbose)))
        if tally.first_time(f"{u.span}\0{text}"):
            lines.extend(s.paint(line, "unknown") if i == 0 else line
                         for i, line in enumerate(s.wrap(text, "  " + label)))
    if view.verbose:
        for arg in r.argv or ():
            note = note_text(arg)
            if note:
                text = escape_line(cut(f"{_word(arg.value)}: {note}"))
                lines.extend(s.wrap(text, "  " + label))
    return lines


def _unknown_text(u: Unknown, r: Resolution, verbose: bool) -> str:
    """The unknown's reason; an unknown image said by what it leaves unknown here (its
    whole reason, with the places the catalog was searched, with ``-v``)."""
    if u.kind in _WHOLE_IMAGE and not verbose:
        parts = [say(_PART[p]) for p in _PART if p in r.incomplete]
        template = (
            N_("base image {image} is not known, so these are not wholly known: {parts}; "
               "bind it with --image {image}=PATH")
            if u.kind is UnknownKind.DOCKERFILE_BASE_UNKNOWN
            else N_("image {image} is not known, so these are not wholly known: {parts}; "
                    "bind it with --image {image}=PATH")
        )
        reason = say(template, {"image": u.params.get("image"), "parts": ", ".join(parts)})
    elif u.kind in _FROM_BASE and not verbose:
        reason = say(_FROM_BASE[u.kind])
    else:
        reason = unknown_reason(u)
    if u.span is None:
        return reason
    place = _line_of(u.span)
    return f"{_base_name(place) if _short_names(r) else place}: {reason}"


# What a stage inherits from a base image whose config is not (wholly) recorded.
_FROM_BASE = {
    UnknownKind.DOCKER_IMAGE_ENV: N_(
        "the base image's env is only partly known; bind the base image with --image "
        "REF=PATH to know it all"
    ),
    UnknownKind.DOCKER_USER: N_(
        "the user comes from a base image that is not known; bind it with --image REF=PATH"
    ),
    UnknownKind.DOCKER_WORKDIR: N_(
        "the working dir comes from a base image that is not known; bind it with --image "
        "REF=PATH"
    ),
}
# Unknowns that follow from a whole image being unknown, said by that image's note.
_FOLLOWING = frozenset(
    {*_FROM_BASE, UnknownKind.DOCKER_IMAGE_FIELD, UnknownKind.CRI_IMAGE_FIELD}
)


# The parts of the answer an unknown image can leave unknown (Resolution.incomplete).
_PART = {
    "argv": N_("argv"),
    "env": N_("env"),
    "working_dir": N_("working dir"),
    "user": N_("user"),
}


# --- findings, as a compiler shows them ---


def _shown_findings(r: Resolution, view: View) -> list[Finding]:
    return [f for f in r.findings if view.verbose or f.severity != "info"]


# A finding's severity as its line starts with it (error[CR101]: …).
_SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def _finding(f: Finding, r: Resolution, view: View) -> list[str]:
    s = view.screen
    head = f"{say(_SEVERITY.get(f.severity, f.severity))}[{f.code}]: "
    message = escape_line(cut(finding_message(f)))
    wrapped = s.wrap(message, head, "  ")
    lines = [s.paint(head.rstrip(" "), f.severity) + " " + wrapped[0][len(head):]]
    lines.extend(wrapped[1:])
    where = in_process(f.params)
    if where is not None:
        lines.extend(s.wrap(escape_line(where), "  = " + say(N_("note:")) + " ", "    "))
    if f.span is not None:
        lines.extend(_excerpt(f.span, view))
    from cmdresolve.render.fixes import fix_text

    fix = fix_text(f, r)
    if fix is not None:
        gutter = " " * (len(str(f.span.line)) if f.span and f.span.line else 1)
        lines.append(s.paint(gutter + " |", "dim"))
        lines.extend(s.wrap(escape_line(cut(fix)), gutter + " = " + say(N_("help:")) + " "))
    return lines


def _excerpt(span: Span, view: View) -> list[str]:
    """``--> file:line:col``, then the line itself with a caret under the span."""
    s = view.screen
    lines = [s.paint(" --> ", "dim") + escape_line(str(span))]
    source = view.source(span.file) if span.line is not None else None
    if not source or span.line is None or span.line > len(source):
        return lines
    number = str(span.line)
    gutter = " " * len(number)
    text = escape_line(source[span.line - 1].rstrip("\r\n").expandtabs(4))
    room = s.width - len(number) - 3
    start = max((span.col or 1) - 1, 0)
    end = _span_end(text, start)
    if width_of(text) > room:  # a window of the line around the span
        skip = max(0, min(start - 8, len(text) - room + 1))
        if skip:
            text, start, end = "…" + text[skip + 1 :], start - skip, end - skip
        if width_of(text) > room:
            text = text[: max(room - 1, 1)] + "…"
    caret_end = min(end, len(text))
    lines.append(s.paint(f"{gutter} |", "dim"))
    lines.append(s.paint(f"{number} | ", "dim") + text)
    if span.col is not None and start < len(text):
        pad = " " * width_of(text[:start])
        marks = "^" * max(width_of(text[start:caret_end]), 1)
        lines.append(s.paint(f"{gutter} | ", "dim") + pad + s.paint(marks, "error"))
    return lines


_CLOSE = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _span_end(text: str, start: int) -> int:
    """Where the value that starts at ``start`` ends: a bracketed or quoted value at its
    closing character, an item of a flow sequence at the next ``,`` or ``]``, anything
    else at the end of the line (before a YAML comment)."""
    if start >= len(text):
        return start
    opener = text[start]
    if opener in _CLOSE:
        depth, quote = 0, None
        for i in range(start, len(text)):
            char = text[i]
            if quote:
                if char == "\\" and quote == '"':
                    continue
                if char == quote and i > start:
                    quote = None
                    if opener in "\"'":
                        return i + 1
                continue
            if char in "\"'":
                quote = char
            elif char == opener:
                depth += 1
            elif char == _CLOSE[opener]:
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(text.rstrip())
    before = text[:start].rstrip()
    if before.endswith(("[", ",")):
        for i in range(start, len(text)):
            if text[i] in ",]":
                return len(text[:i].rstrip())
    comment = text.find(" #", start)
    return len(text[: comment if comment >= 0 else len(text)].rstrip())
