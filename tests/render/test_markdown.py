"""``-o markdown``: a job summary that GitHub's own Markdown (cmark-gfm) renders as meant.

Every check reads the HTML that cmarkgfm, the bindings to github/cmark-gfm, makes of
the output: what a cell shows is compared, never the Markdown source alone.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options as CmarkOptions
from hypothesis import given
from hypothesis import strategies as st

from cmdresolve.api import Options, resolve
from cmdresolve.checks import RULES
from cmdresolve.cli import main
from cmdresolve.model import Arg, Finding, Origin, Resolution, Span
from cmdresolve.render import catalog
from cmdresolve.render.escape import escape_line, shell_join
from cmdresolve.render.markdown import LONGEST_ARGV, code_span, markdown_text, render_markdown


class _Rendered(HTMLParser):
    """What the HTML shows: the table's rows (each cell's text, and the text of its code
    spans), the list items' text, and the links' targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, str]]] = []
        self.items: list[str] = []
        self.links: list[str] = []
        self.cell: list[str] | None = None
        self.code: list[str] = []
        self.item: list[str] | None = None
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell, self.code = [], []
        elif tag == "code":
            self.in_code = True
        elif tag == "li":
            self.item = []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(("".join(self.cell), "".join(self.code)))
            self.cell = None
        elif tag == "code":
            self.in_code = False
        elif tag == "li" and self.item is not None:
            self.items.append("".join(self.item))
            self.item = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            if self.in_code:
                self.code.append(data)
        if self.item is not None:
            self.item.append(data)


def _html(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, CmarkOptions.CMARK_OPT_UNSAFE)


def _parse(markdown: str) -> _Rendered:
    parsed = _Rendered()
    parsed.feed(_html(markdown))
    return parsed


def _result(*argv: str, workload: str = "Pod/p", container: str = "app",
            file: str = "pod.yaml", findings: tuple[Finding, ...] = ()) -> Resolution:
    return Resolution(
        runtime="kubernetes",
        argv=tuple(Arg(a, Origin.POD_COMMAND) for a in argv),
        workload=workload,
        container=container,
        container_type="container",
        source=Span(file, 7, 5),
        findings=findings,
    )


def _summary(results: list[Resolution], **kwargs: object) -> str:
    return "".join(render_markdown(results, RULES, **kwargs))  # type: ignore[arg-type]


# --- the table ---


def test_every_container_has_its_row_with_file_workload_container_and_argv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "pod.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
        "  initContainers:\n  - {name: setup, image: busybox:1.36, command: [\"true\"]}\n"
        "  containers:\n  - {name: app, image: busybox:1.36, command: [sleep, \"9\"]}\n",
        encoding="utf-8",
    )
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text('FROM scratch\nCMD ["/srv/api"]\n')
    monkeypatch.chdir(tmp_path)
    text = _summary(list(resolve(["deploy/pod.yaml", "api/Dockerfile"], Options())))
    rows = _parse(text).rows
    assert [cell for cell, _ in rows[0]] == ["file", "workload", "container", "argv"]
    assert rows[1:] == [
        [("deploy/pod.yaml", "deploy/pod.yaml"), ("Pod/web", ""), ("setup (init 1)", ""),
         ("true", "true")],
        [("deploy/pod.yaml", "deploy/pod.yaml"), ("Pod/web", ""), ("app", ""),
         ("sleep 9", "sleep 9")],
        [("api/Dockerfile", "api/Dockerfile"), ("", ""), ("", ""), ("/srv/api", "/srv/api")],
    ]
    assert text.startswith("## What each container runs\n")
    assert text.rstrip().endswith("3 containers resolved · no problems")


@pytest.mark.parametrize(
    "argv",
    [
        ("sh", "-c", "a | b"),
        ("echo", "`date`"),
        ("echo", "``", "```x```"),
        ("`",),
        ("printf", "a\\|b"),  # a backslash before a pipe
        ("printf", "a\\\\|b"),  # two
        ("printf", "line one\nline two"),
        ("x", "*bold* _it_ <b>&amp;</b> $x$ ~s~ @me [a](b) ![i](j)"),
        ("a\x1b[2Jb", "\u202e", "tab\there"),
        ("  spaced  ",),
    ],
)
def test_an_argv_shows_exactly_its_shell_line_in_one_cell(argv: tuple[str, ...]) -> None:
    rows = _parse(_summary([_result(*argv)])).rows
    assert len(rows) == 2 and all(len(row) == 4 for row in rows)
    assert rows[1][3][1] == shell_join(argv)


def test_names_and_paths_are_literal_text() -> None:
    result = _result("true", workload="Pod/a|*b*", container="c_d`e", file="dir|x/`p`.yaml")
    (row,) = _parse(_summary([result])).rows[1:]
    assert [cell for cell, _ in row] == ["dir|x/`p`.yaml", "Pod/a|*b*", "c_d`e", "true"]


def test_control_characters_in_a_name_cannot_break_the_table() -> None:
    result = _result("true", workload="Pod/x\n| forged | row |", file="a\r\nb.yaml")
    rows = _parse(_summary([result])).rows
    assert len(rows) == 2
    assert rows[1][1][0] == "Pod/x\\n| forged | row |"
    assert rows[1][0][0] == "a\\r\\nb.yaml"


def test_a_very_long_argv_is_cut_in_its_middle_and_says_so() -> None:
    argv = ("python", "-c", "x" * 50_000)
    text = _summary([_result(*argv)])
    (row,) = _parse(text).rows[1:]
    shown = row[3][1]
    line = shell_join(argv)
    assert len(shown) < LONGEST_ARGV + 10
    assert shown.startswith(line[: LONGEST_ARGV // 2]) and shown.endswith(line[-100:])
    assert f"({len(line) - LONGEST_ARGV} characters left out here; -o json shows them)" in row[3][0]
    assert len(text) < 5 * LONGEST_ARGV


def test_a_container_without_argv_says_why() -> None:
    unknown = Resolution(runtime="kubernetes", argv=None, workload="Pod/p", container="x",
                         source=Span("p.yaml", 3))
    (row,) = _parse(_summary([unknown])).rows[1:]
    assert row[3][0] == "not known (see the notes below)"


# --- findings and unknowns ---


def _finding(code: str, file: str, line: int) -> Finding:
    return Finding(code, "name", "warning", {"text": "a | *b*"}, Span(file, line, 3))


def test_findings_name_their_file_line_and_rule(message_is_the_text_param: None) -> None:
    results = [
        _result("a", file="deploy/a.yaml", findings=(_finding("CR301", "deploy/a.yaml", 12),)),
        _result("b", file="jobs/b.yaml", findings=(_finding("CR301", "jobs/b.yaml", 4),)),
    ]
    parsed = _parse(_summary(results))
    assert parsed.items == [
        "warning CR301 deploy/a.yaml:12: a | *b*",
        "warning CR301 jobs/b.yaml:4: a | *b*",
    ]
    assert any(link.endswith("cr301_shell_variable_not_expanded.py") for link in parsed.links)


def test_places_are_relative_to_the_workspace_and_link_to_their_lines(
    tmp_path: Path, message_is_the_text_param: None
) -> None:
    inside = str(tmp_path / "svc" / "pod.yaml")
    result = _result("a", file=inside, findings=(_finding("CR301", inside, 9),))
    blob = "https://github.com/o/r/blob/abc123/"
    parsed = _parse(_summary([result], base=str(tmp_path), blob=blob))
    assert parsed.rows[1][0][0] == "svc/pod.yaml"
    assert parsed.items == ["warning CR301 svc/pod.yaml:9: a | *b*"]
    assert f"{blob}svc/pod.yaml#L9" in parsed.links


def test_unknowns_are_listed_once_each_with_their_place(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - {name: a, image: registry.example/x:1}\n  - {name: b, image: registry.example/x:1}\n",
        encoding="utf-8",
    )
    parsed = _parse(_summary(list(resolve([str(pod)], Options())), base=str(tmp_path)))
    notes = [item for item in parsed.items if "registry.example/x:1" in item]
    assert [note.split(":")[0] for note in notes] == ["pod.yaml", "pod.yaml"]  # lines 6, 7
    assert notes[0].startswith("pod.yaml:6: image registry.example/x:1 is not known")


def test_the_summary_speaks_korean() -> None:
    catalog.set_language("ko")
    try:
        text = _summary([_result("true"), _result("false")])
    finally:
        catalog.set_language(None)
    assert "컨테이너 2개 분석 완료" in text


# --- the escaping itself, against cmark-gfm ---

# Markdown's own characters, often, among any others.
_TRICKY = st.text(st.sampled_from("\\|`*_<>&$~@[]()!#: \n\t-a") | st.characters(), max_size=40)


@given(_TRICKY)
def test_any_text_in_a_code_span_shows_as_itself_in_a_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {code_span(text)} | end |\n"
    (_, row) = _parse(table).rows
    assert len(row) == 2 and row[1][0] == "end"
    assert row[0][1] == escape_line(text)


@given(_TRICKY)
def test_any_text_as_markdown_text_shows_as_itself_in_a_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {markdown_text(text)} | end |\n"
    (_, row) = _parse(table).rows
    assert len(row) == 2 and row[1][0] == "end"
    assert row[0][0] == escape_line(text).strip(" ")


# --- the command ---


def test_the_option_writes_the_summary(tmp_path: Path, capsys, monkeypatch) -> None:
    for name in ("GITHUB_WORKSPACE", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCMD ['a']\n")
    monkeypatch.chdir(tmp_path)
    assert main(["Dockerfile", "-o", "markdown"]) == 1  # CR101 is an error
    out = capsys.readouterr().out
    items = _parse(out).items
    assert items[0].startswith("error CR101 Dockerfile:2: ")
    assert _parse(out).rows[1][0][0] == "Dockerfile"


def test_inputs_that_could_not_be_read_are_listed_and_counted(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text('FROM scratch\nCMD ["a"]\n')
    (tmp_path / "bad.yaml").write_text("apiVersion: v1\nkind: Pod\nspec: [\n")
    assert main(["Dockerfile", "bad.yaml", "-o", "markdown"]) == 2
    out = capsys.readouterr().out
    parsed = _parse(out)
    assert len(parsed.rows) == 2  # the Dockerfile's row is there all the same
    (item,) = parsed.items
    assert item.startswith("bad.yaml:")
    assert out.rstrip().endswith("1 container resolved · 1 input error")


def test_a_run_line_is_named_as_such() -> None:
    run = Resolution(runtime="docker", argv=(Arg("sleep", Origin.RUN_ARGS),), image="busybox",
                     source=Span("--run", 1, 1))
    (row,) = _parse(_summary([run])).rows[1:]
    assert [cell for cell, _ in row] == ["--run", "", "busybox", "sleep"]


def test_info_findings_are_listed_with_verbose_only(message_is_the_text_param: None) -> None:
    info = Finding("CR901", "name", "info", {"text": "fyi"}, Span("pod.yaml", 3))
    result = _result("true", findings=(info,))
    assert _parse(_summary([result])).items == []
    assert _parse(_summary([result], verbose=True)).items == ["info CR901 pod.yaml:3: fyi"]
