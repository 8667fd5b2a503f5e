"""``cmdresolve rule CODE`` and ``rules``: the rules' Markdown laid out for a terminal,
within its width, code kept verbatim, no Markdown syntax left over."""

from __future__ import annotations

import re

import pytest

from cmdresolve.checks import RULES, Rule
from cmdresolve.render.ruledoc import (
    BOLD,
    RESET,
    SUMMARY_COLUMN_MIN,
    render_markdown,
    render_rule,
    render_rules,
    wrap,
)
from cmdresolve.render.screen import width_of

WIDTHS = (80, 60)
NARROW = 44  # narrower than the longest path in a doc


def _check(result: object) -> list[object]:
    return []


def make_rule(doc: str, summary: str = "a summary") -> Rule:
    return Rule("CR999", "some-trap", "warning", summary, doc, _check)  # type: ignore[arg-type]


def fenced_lines(doc: str) -> list[str]:
    """The lines inside the doc's code fences, as written."""
    inside, lines = False, []
    for line in doc.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


def prose_words(doc: str) -> list[str]:
    """The words of the doc outside code fences, without the heading marks."""
    words, inside = [], False
    for line in doc.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif not inside:
            words += line.removeprefix("## ").split()
    return words


# --- every rule's doc -----------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_no_line_passes_the_width_but_verbatim_code(rule: Rule, width: int) -> None:
    code = {"    " + line for line in fenced_lines(rule.doc)}
    for line in render_rule(rule, width).splitlines():
        assert width_of(line) <= width or line in code, line


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_on_a_narrow_terminal_only_a_single_word_passes_the_width(rule: Rule) -> None:
    code = {"    " + line for line in fenced_lines(rule.doc)}
    for line in render_rule(rule, NARROW).splitlines():
        words = line.removeprefix("  - ").split()
        assert width_of(line) <= NARROW or line in code or len(words) == 1, line


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_no_markdown_syntax_is_left(rule: Rule) -> None:
    out = render_rule(rule)
    code = {("    " + line).rstrip() for line in fenced_lines(rule.doc)}
    for line in out.splitlines():  # a `# comment` inside a code block stays as written
        assert line in code or not re.match(r"\s*#+\s", line), line
    assert "```" not in out
    assert not re.search(r"\[[^\]]*\]\([^)]*\)", out)
    assert "\x1b" not in out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_code_line_is_kept_verbatim_and_indented(rule: Rule) -> None:
    out = render_rule(rule, NARROW).splitlines()
    rendered = iter(out)
    for line in fenced_lines(rule.doc):  # in order, leading spaces kept
        want = ("    " + line).rstrip()
        assert any(got == want for got in rendered), line


@pytest.mark.parametrize("width", (80, 60))
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_prose_keeps_every_word_in_order(rule: Rule, width: int) -> None:
    lines = render_markdown(rule.doc, width)
    code = set(fenced_lines(rule.doc))
    words = [w for line in lines if line[4:] not in code for w in line.split()]
    assert words == prose_words(rule.doc)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_headings_stand_at_the_edge_and_text_is_indented(rule: Rule) -> None:
    lines = render_markdown(rule.doc)
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings == ["What it does", "Why is this bad?", "Example", "Use instead", "References"]
    for heading in headings:  # the section's text follows on the next line
        assert lines[lines.index(heading) + 1].startswith("  ")


def test_title_and_summary_come_first() -> None:
    rule = next(r for r in RULES if r.code == "CR901")
    out = render_rule(rule).splitlines()
    assert out[:4] == [
        "CR901 no-command (error)",
        "  nothing is left to run: the container cannot start",
        "",
        "What it does",
    ]


# --- the constructs, one by one -------------------------------------------------------

DOC = """## What it does
Reports a thing that is long enough to wrap over more than one line of this narrow
width, with `inline code` in it.

## Example
```yaml
containers:
- name: app      # a comment
    command: ["a very long line that stays as it is, however narrow the terminal is"]
```

## References
- first item, long enough to wrap onto a second line under the width given here
  and continued on an indented line
- see [the Dockerfile reference](https://docs.docker.com/reference/dockerfile/) and
  <https://kubernetes.io/docs/>
  - a nested item"""


def test_the_constructs_at_forty_columns() -> None:
    assert render_markdown(DOC, 40) == [
        "What it does",
        "  Reports a thing that is long enough to",
        "  wrap over more than one line of this",
        "  narrow width, with `inline code` in",
        "  it.",
        "",
        "Example",
        "    containers:",
        "    - name: app      # a comment",
        '        command: ["a very long line that stays as it is, however narrow the terminal is"]',
        "",
        "References",
        "  - first item, long enough to wrap onto",
        "    a second line under the width given",
        "    here and continued on an indented",
        "    line",
        "  - see the Dockerfile reference",
        "    (https://docs.docker.com/reference/dockerfile/)",
        "    and https://kubernetes.io/docs/",
        "    - a nested item",
    ]


def test_a_link_whose_text_is_its_url_is_shown_once() -> None:
    assert render_markdown("[https://a.example/x](https://a.example/x)") == [
        "  https://a.example/x"
    ]


def test_a_link_inside_inline_code_stays_as_written() -> None:
    assert render_markdown("run `[a](b)` here") == ["  run `[a](b)` here"]


def test_inline_code_stays_whole_when_it_fits() -> None:
    lines = wrap("words before `docker run -it img` after", 26, "  ")
    assert lines == ["  words before", "  `docker run -it img`", "  after"]


def test_inline_code_longer_than_a_line_breaks_at_its_spaces() -> None:
    lines = wrap("`one two three four five six seven`", 16)
    assert lines == ["`one two three", "four five six", "seven`"]
    assert all(len(line) <= 16 for line in lines)


def test_a_word_longer_than_the_line_stands_alone_and_whole() -> None:
    path = "frontend/dockerfile/dockerfile2llb/convert.go"
    assert wrap(f"see {path} for it", 20, "  ") == ["  see", f"  {path}", "  for it"]


def test_code_spans_over_line_breaks_are_joined_as_markdown_does() -> None:
    assert render_markdown('the argv `["/bin/sh", "-c", "node\nserver.js"]` runs') == [
        '  the argv `["/bin/sh", "-c", "node server.js"]` runs'
    ]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert render_markdown("text\n```\ncode\n  more") == ["  text", "", "    code", "      more"]


def test_bold_headings_and_title_only_when_asked() -> None:
    rule = make_rule("## What it does\nIt does.")
    plain = render_rule(rule)
    assert "\x1b" not in plain
    assert render_rule(rule, bold=True).splitlines() == [
        f"{BOLD}CR999 some-trap (warning){RESET}",
        "  a summary",
        "",
        f"{BOLD}What it does{RESET}",
        "  It does.",
    ]


# --- widths ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("한국어", 6), ("é", 1), ("e\u0301", 1), ("ｆｕｌｌ", 8), ("a한b", 4)],
)
def test_width_of(text: str, width: int) -> None:
    assert width_of(text) == width


def test_hangul_wraps_by_columns_not_characters() -> None:
    text = "이미지의 ENTRYPOINT와 CMD를 알 수 없으므로 argv도 알 수 없습니다 " * 3
    lines = wrap(text, 30, "  ")
    assert all(width_of(line) <= 30 for line in lines)
    assert any(len(line) < 24 for line in lines[:-1])  # characters would have packed more
    assert " ".join(line.strip() for line in lines) == " ".join(text.split())


def test_a_translated_summary_wraps_within_the_width() -> None:
    rule = make_rule("## What it does\nIt does.", summary="컨테이너가 시작할 수 없습니다 " * 6)
    for line in render_rule(rule, 40).splitlines():
        assert width_of(line) <= 40


# --- the rules table ------------------------------------------------------------------


@pytest.mark.parametrize("width", (80, 60, 100, 200))
def test_the_rules_table_fits_the_width(width: int) -> None:
    lines = render_rules(RULES, width).splitlines()
    assert all(width_of(line) <= width for line in lines), width
    rows = [line for line in lines if not line.startswith(" ")]
    assert [row.split()[:3] for row in rows] == [[r.code, r.name, r.severity] for r in RULES]
    summaries = " ".join(
        " ".join(line.split()[3:]) if not line.startswith(" ") else line.strip()
        for line in lines
    )
    assert summaries.split() == [w for r in RULES for w in r.summary.split()]


def test_a_wide_terminal_gets_one_line_per_rule() -> None:
    lines = render_rules(RULES, 200).splitlines()
    assert len(lines) == len(RULES)
    starts = {line.index(r.summary) for line, r in zip(lines, RULES)}
    assert len(starts) == 1  # the summaries stand in one column


def test_a_narrow_summary_column_goes_under_its_rule() -> None:
    column = 5 + 2 + max(len(r.name) for r in RULES) + 2 + 7 + 2
    table = render_rules(RULES, column + SUMMARY_COLUMN_MIN - 1).splitlines()
    assert table[0].rstrip() == table[0] and table[0].endswith("error")
    assert table[1].startswith("       " + RULES[0].summary.split()[0])
    side = render_rules(RULES, column + SUMMARY_COLUMN_MIN).splitlines()
    assert side[0].startswith(f"CR101  {RULES[0].name}") and side[0].split()[3:]
    assert side[1].startswith(" " * column)  # the hanging indent of the summary column
