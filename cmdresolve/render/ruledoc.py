"""A rule's documentation laid out for a terminal (``cmdresolve rule CODE``), and the
table of the rules (``cmdresolve rules``).

A rule's doc is the Markdown of its module docstring (``checks/rule.py``), and this
reads exactly what those docs use: ``## `` headings, paragraphs, ``- `` list items
that go on over indented lines, fenced code blocks, inline code, and ``[text](url)``
links. Headings stand at the left edge (bold when ``bold``); the text under them is
indented and wrapped between words to ``width`` columns, list items with a hanging
indent; code blocks are indented further and kept verbatim (never wrapped); inline
code keeps its backticks; a link is shown as ``text (url)``. Widths count terminal
columns: a wide character (Hangul, CJK) takes two, a combining mark none.
"""

from __future__ import annotations

import re

from cmdresolve.render.catalog import translate
from cmdresolve.render.screen import width_of

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from cmdresolve.checks.rule import Rule

__all__ = ["render_rule", "render_rules", "wrap"]

TEXT_INDENT = 2
CODE_INDENT = 4
BOLD, RESET = "\x1b[1m", "\x1b[0m"
# The rules table keeps the summary in its own column when that leaves it this many
# columns; otherwise each summary goes under its rule, indented.
SUMMARY_COLUMN_MIN = 32

_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"(\s*)([-*+]|\d{1,9}[.)])\s+(.*)")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def render_rule(rule: Rule, width: int = 80, bold: bool = False) -> str:
    """The rule's title, summary and documentation, for a terminal ``width`` wide."""
    title = f"{rule.code} {rule.name} ({rule.severity})"
    lines = [_strong(line, bold) for line in wrap(title, width)]
    lines += wrap(translate(rule.summary), width, " " * TEXT_INDENT)
    from cmdresolve.render.rules import rule_doc

    return "\n".join([*lines, "", *render_markdown(rule_doc(rule), width, bold)])


def render_markdown(doc: str, width: int = 80, bold: bool = False) -> list[str]:
    """The lines of ``doc`` laid out. A heading's text follows it on the next line, the
    items of a list follow one another, and one blank line parts every other block."""
    out: list[str] = []
    previous = ""
    for kind, lines in _blocks(doc.splitlines()):
        if out and previous != "heading" and not (previous == kind == "item"):
            out.append("")
        if kind == "heading":
            out += [_strong(line, bold) for line in wrap(_inline(lines[0]), width)]
        elif kind == "code":
            out += [(" " * CODE_INDENT + line).rstrip() for line in lines]
        elif kind == "item":
            out += _item(lines, width)
        else:
            out += wrap(_inline(" ".join(lines)), width, " " * TEXT_INDENT)
        previous = kind
    return out


def _blocks(lines: list[str]) -> Iterator[tuple[str, list[str]]]:
    """``(kind, lines)`` for each block: heading, code (its lines verbatim, without the
    fences), item (a list item with its continuation lines) or paragraph."""
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
        elif stripped.startswith("```"):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "```"), None)
            stop = len(lines) if end is None else end
            yield "code", lines[i + 1 : stop]
            i = stop + 1
        elif heading := _HEADING.fullmatch(stripped):
            yield "heading", [heading.group(1)]
            i += 1
        else:
            kind = "item" if _ITEM.fullmatch(line) else "paragraph"
            j = i + 1
            while j < len(lines) and not _starts_block(lines[j]):
                j += 1
            first = lines[i] if kind == "item" else stripped  # an item keeps its nesting
            yield kind, [first, *(x.strip() for x in lines[i + 1 : j])]
            i = j


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or stripped.startswith("```")
        or bool(_HEADING.fullmatch(stripped))
        or bool(_ITEM.fullmatch(line))
    )


def _item(lines: list[str], width: int) -> list[str]:
    match = _ITEM.fullmatch(lines[0])
    assert match is not None
    nesting, marker = match.group(1).expandtabs(4), match.group(2)
    text = _inline(" ".join([match.group(3), *lines[1:]]))
    first = " " * (TEXT_INDENT + len(nesting)) + marker + " "
    return wrap(text, width, first, " " * len(first))


def _inline(text: str) -> str:
    """Links as ``text (url)`` (or the bare url); code spans are left as written."""
    pieces = _CODE_SPAN.split(text)  # odd pieces are code spans
    return "".join(p if i % 2 else _links(p) for i, p in enumerate(pieces))


def _links(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        label, url = match.group(1), match.group(2)
        return url if label in ("", url) else f"{label} ({url})"

    return _LINK.sub(link, _AUTOLINK.sub(r"\1", text))


def _strong(text: str, bold: bool) -> str:
    return f"{BOLD}{text}{RESET}" if bold else text


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between words: the first
    line starts with ``indent``, the others with ``hanging`` (``indent`` when None).

    Inline code (between backticks) stays on one line when it fits on one. A word is
    never cut (a path or a URL must stay whole): one longer than a line stands alone
    on its line.
    """
    hanging = indent if hanging is None else hanging
    room = max(width - max(width_of(indent), width_of(hanging)), 1)
    lines: list[str] = []
    line, used, empty = indent, width_of(indent), True
    for word in _units(text, room):
        size = width_of(word)
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = hanging, width_of(hanging), True
        if not empty:
            line, used = line + " ", used + 1
        line, used, empty = line + word, used + size, False
    if not empty:
        lines.append(line)
    return lines


def _units(text: str, room: int) -> Iterator[str]:
    """The words of ``text``; a code span's words stay one unit when it fits in ``room``."""
    for piece in _spans(text):
        words = piece.split()
        if " " in piece and width_of(piece) <= room:
            yield piece  # a code span, whole, with whatever is glued to it
        else:
            yield from words


def _spans(text: str) -> Iterator[str]:
    """Runs of ``text`` separated by spaces outside backticks."""
    current: list[str] = []
    in_code = False
    for char in text:
        if char == "`":
            in_code = not in_code
        if char.isspace() and not in_code:
            if current:
                yield "".join(current)
            current = []
            continue
        current.append(" " if char.isspace() else char)
    if current:
        yield "".join(current)


def render_rules(rules: Sequence[Rule], width: int = 80) -> str:
    """One row per rule: code, name, default severity and summary, within ``width``.

    The summary wraps in its own column with a hanging indent; when that column would
    be narrower than :data:`SUMMARY_COLUMN_MIN`, it goes under its rule instead.
    """
    code_width = max(len(r.code) for r in rules)
    name_width = max(width_of(r.name) for r in rules)
    severity_width = max(len(r.severity) for r in rules)
    column = code_width + name_width + severity_width + 6
    lines: list[str] = []
    for r in rules:
        name = r.name + " " * (name_width - width_of(r.name))
        row = f"{r.code:<{code_width}}  {name}  {r.severity:<{severity_width}}  "
        summary = translate(r.summary)
        if width - column >= SUMMARY_COLUMN_MIN:
            lines += wrap(summary, width, row, " " * column)
        else:
            lines.append(row.rstrip())
            lines += wrap(summary, width, " " * (code_width + 2))
    return "\n".join(lines)
