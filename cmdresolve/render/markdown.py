"""GitHub-flavoured Markdown for a CI job summary (``-o markdown >> "$GITHUB_STEP_SUMMARY"``):
a heading, a table of every container's file, workload, container and argv, the
findings with their file, line and rule, what could not be known, and the summary line.

Authority: the GitHub Flavored Markdown spec (github.github.com/gfm), "Tables
(extension)" and "Code spans", as github/cmark-gfm implements them:
``extensions/ext_scanners.re`` (a cell is the longest run of characters and escapes,
so it ends only at a ``|`` with no backslash before it) and ``extensions/table.c ::
unescape_pipes`` (each ``\\|`` of a cell becomes ``|`` before the cell is parsed, inside
code spans too). GitHub Docs, "Adding a job summary" (``GITHUB_STEP_SUMMARY``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_line, shell_join
from cmdresolve.render.phrases import failure_text, finding_message
from cmdresolve.render.where import built_here, declared_in, for_tools

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from cmdresolve.checks.rule import Rule
    from cmdresolve.model import Finding, InputError, Resolution, Span, Unknown

__all__ = ["code_span", "markdown_text", "render_markdown"]

LONGEST_ARGV = 1000
"""Characters of an argv in its cell before its middle is left out (``-o json`` has it
whole); GitHub takes a job summary of 1 MiB at most."""

# What can start markup inline: emphasis, code, links and images, HTML and entities,
# table cells, strikethrough, math ($…$ on GitHub), mentions; each backslash-escaped.
_MARKUP = re.compile(r"[\\`*_\[\]<>&!|~$@]")
_BACKTICKS = re.compile("`+")
_SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def render_markdown(
    results: Iterable[Resolution],
    rules: Sequence[Rule] = (),
    base: str = ".",
    blob: str | None = None,
    verbose: bool = False,
    input_errors: Sequence[InputError] = (),
) -> Iterator[str]:
    """The summary, piece by piece: table rows as results come, the rest at the end.

    Paths are shown relative to the directory ``base`` (the workspace); with ``blob``
    (``https://github.com/OWNER/REPO/blob/SHA/``) each place links to its line there.
    Info findings and the unknowns that follow from others are listed with ``verbose``
    only, as in the text view. ``input_errors`` is read once the results are done
    (the inputs that could not be read fill it as the results are made).
    """
    from cmdresolve.render.compact import _role
    from cmdresolve.render.text import View, _shown_unknowns

    view = View(verbose=verbose)
    links = {rule.code: _help_uri(rule) for rule in rules}
    place = _Places(base, blob)
    findings: list[str] = []
    unknowns: list[str] = []
    said: set[str] = set()
    counts = _Counts()
    yield "## " + markdown_text(say(N_("What each container runs"))) + "\n\n"
    head = (N_("file"), N_("workload"), N_("container"), N_("argv"))
    yield "| " + " | ".join(markdown_text(say(h)) for h in head) + " |\n"
    yield "| --- | --- | --- | --- |\n"
    pod: tuple[str | None, str | None] | None = None
    number = 0  # init containers and sidecars of this pod so far, in start order
    for r in results:
        counts.add(r)
        if (declared_in(r), r.workload) != pod:
            pod, number = (declared_in(r), r.workload), 0
        number += r.container_type in ("initContainer", "sidecar")
        role = "" if r.container_type in (None, "container", "service") else _role(r, number)
        yield _row(r, role, place)
        findings.extend(
            _finding(f, place, links) for f in r.findings if verbose or f.severity != "info"
        )
        for u in _shown_unknowns(r, view):
            item = _unknown(u, r, place, verbose)
            if item not in said:
                said.add(item)
                unknowns.append(item)
    if findings:
        yield "\n### " + markdown_text(say(N_("Findings"))) + "\n\n" + "".join(findings)
    if unknowns:
        yield "\n### " + markdown_text(say(N_("Not known"))) + "\n\n" + "".join(unknowns)
    errors = list(dict.fromkeys(_input_error(e, place) for e in input_errors))
    if errors:
        yield "\n### " + markdown_text(say(N_("Input errors"))) + "\n\n" + "".join(errors)
    counts.input_errors = len(errors)
    yield "\n" + markdown_text(counts.line()) + "\n"


def _row(r: Resolution, role: str, place: _Places) -> str:
    file = declared_in(r) or (r.source.file if r.source is not None else None)  # or --run
    name = "" if built_here(r) else (r.container or r.image or "")
    container = markdown_text(name) + (f" ({markdown_text(role)})" if role else "")
    cells = (
        code_span(place.path(file)) if file else "",
        markdown_text(r.workload or ""),
        container,
        _argv(r) + _then(r),
    )
    return "| " + " | ".join(cells) + " |\n"


def _then(r: Resolution) -> str:
    """What an entrypoint script ends in, after the argv in its cell (model/final.py)."""
    f = r.final_process
    if f is None or not f.argv:
        return ""
    from cmdresolve.render.phrases.final import THEN

    line = shell_join(tuple(a.value for a in f.argv))
    if len(line) > LONGEST_ARGV:
        return ""
    return "<br>" + markdown_text(say(THEN)) + " " + code_span(line)


def _argv(r: Resolution) -> str:
    if r.values is None:
        if r.error is not None:
            text = say(N_("cannot start: {failure}"), {"failure": failure_text(r.error)})
            return "**" + markdown_text(text) + "**"
        return "*" + markdown_text(say(N_("not known (see the notes below)"))) + "*"
    line = shell_join(r.values) if r.values else "[]"
    if len(line) <= LONGEST_ARGV:
        return code_span(line)
    head, tail = LONGEST_ARGV * 3 // 4, LONGEST_ARGV // 4
    left_out = say(N_("({count} characters left out here; -o json shows them)"),
                   {"count": len(line) - head - tail})
    return code_span(line[:head] + " … " + line[-tail:]) + " " + markdown_text(left_out)


def _finding(f: Finding, place: _Places, links: dict[str, str]) -> str:
    severity = markdown_text(say(_SEVERITY.get(f.severity, f.severity)))
    code = f"[`{f.code}`]({links[f.code]})" if f.code in links else f"`{f.code}`"
    where = place.link(f.span) if f.span is not None else ""
    message = markdown_text(finding_message(f))
    return f"- **{severity}** {code}{' ' + where if where else ''}: {message}\n"


def _unknown(u: Unknown, r: Resolution, place: _Places, verbose: bool) -> str:
    """The text view's note, at its place (else at its result's file)."""
    from cmdresolve.model.frozen import replace
    from cmdresolve.render.text import _unknown_text

    reason = _unknown_text(replace(u, span=None), r, verbose)
    file = declared_in(r)
    where = (
        place.link(u.span) + ": "
        if u.span is not None
        else (code_span(place.path(file)) + ": " if file is not None else "")
    )
    return f"- {where}{markdown_text(reason)}\n"


def _input_error(error: InputError, place: _Places) -> str:
    from cmdresolve.render.phrases import input_error_text

    where = place.link(error.span) + ": " if error.span is not None else ""
    return f"- {where}{markdown_text(input_error_text(error))}\n"


class _Places:
    """Files named as the workspace knows them, and links to their lines."""

    __slots__ = ("base", "blob")

    def __init__(self, base: str, blob: str | None) -> None:
        self.base, self.blob = base, blob

    def path(self, file: str) -> str:
        return for_tools(file, self.base)[0]

    def link(self, span: Span) -> str:
        path, inside = for_tools(span.file, self.base)
        shown = code_span(f"{path}:{span.line}" if span.line is not None else path)
        if self.blob is None or not inside or path.startswith(("<", "-")):
            return shown
        anchor = f"#L{span.line}" if span.line is not None else ""
        return f"[{shown}]({self.blob}{quote(path, errors='surrogateescape')}{anchor})"


class _Counts:
    """The text view's summary line, in its words: containers, problems."""

    __slots__ = ("containers", "errors", "input_errors", "not_starting", "unknown", "warnings")

    def __init__(self) -> None:
        self.containers = self.errors = self.warnings = self.not_starting = self.unknown = 0
        self.input_errors = 0

    def add(self, r: Resolution) -> None:
        self.containers += 1
        self.not_starting += r.error is not None
        self.unknown += r.argv is None and r.error is None
        self.errors += sum(f.severity == "error" for f in r.findings)
        self.warnings += sum(f.severity == "warning" for f in r.findings)

    def line(self) -> str:
        parts = [
            _count(self.containers, N_("1 container resolved"), N_("{count} containers resolved"))
        ]
        for count, one, many in (
            (self.input_errors, N_("1 input error"), N_("{count} input errors")),
            (self.not_starting, N_("1 cannot start"), N_("{count} cannot start")),
            (self.unknown, N_("1 argv not known"), N_("{count} argvs not known")),
            (self.errors, N_("1 error"), N_("{count} errors")),
            (self.warnings, N_("1 warning"), N_("{count} warnings")),
        ):
            if count:
                parts.append(_count(count, one, many))
        if len(parts) == 1:
            parts.append(say(N_("no problems")))
        return " · ".join(parts)


def _count(count: int, one: str, many: str) -> str:
    return say(one if count == 1 else many, {"count": count})


def _help_uri(rule: Rule) -> str:
    from cmdresolve.render.sarif import help_uri

    return help_uri(rule)


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text on one line, in a table cell too: control
    characters escaped as on the terminal, and each character that could start markup
    backslash-escaped (``|``, ``*``, ``<``, ``&`` …; any ASCII punctuation may be)."""
    return _MARKUP.sub(lambda m: "\\" + m.group(), escape_line(text))


def code_span(text: str) -> str:
    """``text`` in a code span that a table cell keeps whole: a fence longer than its
    longest run of backticks, a space inside the fence where the text would otherwise
    lose or merge one, and each ``|`` as ``\\|`` (whatever precedes it)."""
    text = escape_line(text)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = text.startswith("`") or text.endswith("`") or (
        text.startswith(" ") and text.endswith(" ") and text.strip(" ") != ""
    )
    inner = f" {text} " if pad else text
    return fence + inner.replace("|", "\\|") + fence
