"""GitHub Actions workflow commands: one annotation line per finding, escaped as
actions/toolkit ``command.ts`` escapes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import resolve
from cmdresolve.model import Finding, Resolution, Span
from cmdresolve.render.github import escape_data, escape_property, render_github

pytestmark = pytest.mark.usefixtures("message_is_the_text_param")


def finding(
    severity: str = "error", span: Span | None = None, message: str = "it breaks"
) -> Finding:
    return Finding("CR901", "no-command", severity, {"text": message}, span)  # type: ignore[arg-type]


def resolution(*findings: Finding) -> Resolution:
    return Resolution("docker", None, findings=findings)


def render_one(f: Finding) -> str:
    return render_github([resolution(f)])


def test_error_with_file_line_and_column() -> None:
    line = render_one(finding(span=Span("Dockerfile", 7, 3)))
    assert line == "::error file=Dockerfile,line=7,col=3,title=CR901 no-command::it breaks"


@pytest.mark.parametrize(
    ("severity", "command"), [("error", "error"), ("warning", "warning"), ("info", "notice")]
)
def test_severity_picks_the_command(severity: str, command: str) -> None:
    line = render_one(finding(severity, Span("Dockerfile", 1, 1)))
    assert line == f"::{command} file=Dockerfile,line=1,col=1,title=CR901 no-command::it breaks"


def test_line_without_column() -> None:
    line = render_one(finding(span=Span("k8s/pod.yaml", 12)))
    assert line == "::error file=k8s/pod.yaml,line=12,title=CR901 no-command::it breaks"


def test_file_without_line() -> None:
    line = render_one(finding(span=Span("k8s/pod.yaml")))
    assert line == "::error file=k8s/pod.yaml,title=CR901 no-command::it breaks"


def test_a_finding_without_span_names_no_place() -> None:
    assert render_one(finding()) == "::error title=CR901 no-command::it breaks"


def test_message_escapes_percent_first_then_newlines_only() -> None:
    message = "100% sure: a, b\r\nnext line %0A"
    assert render_one(finding(message=message)) == (
        "::error title=CR901 no-command::100%25 sure: a, b%0D%0Anext line %250A"
    )


def test_properties_also_escape_colon_and_comma() -> None:
    span = Span("C:\\src\\a,b%\n.yaml", 2, 1)
    assert render_one(finding(span=span)) == (
        "::error file=C%3A\\src\\a%2Cb%25%0A.yaml,line=2,col=1,title=CR901 no-command::it breaks"
    )


def test_title_is_escaped_as_a_property() -> None:
    f = Finding("CR1", "a:b,c", "warning", {"text": "m"})
    assert render_one(f) == "::warning title=CR1 a%3Ab%2Cc::m"


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("%", "%25", "%25"),
        ("%3A", "%253A", "%253A"),
        ("a\rb\nc", "a%0Db%0Ac", "a%0Db%0Ac"),
        ("k:v,w", "k:v,w", "k%3Av%2Cw"),
    ],
)
def test_escape_functions(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_one_line_per_finding_in_order_and_nothing_for_none() -> None:
    results = [
        resolution(finding("error", message="one"), finding("info", message="two\nlines")),
        resolution(),
        resolution(finding("warning", Span("Dockerfile", 4), message="three")),
    ]
    assert render_github(results).splitlines() == [
        "::error title=CR901 no-command::one",
        "::notice title=CR901 no-command::two%0Alines",
        "::warning file=Dockerfile,line=4,title=CR901 no-command::three",
    ]
    assert render_github([]) == ""
    assert render_github([resolution()]) == ""


def test_the_real_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCMD []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert render_github(resolve(["Dockerfile"])) == (
        "::error file=Dockerfile,line=2,col=1,title=CR901 no-command::no ENTRYPOINT, CMD, "
        "command or args is left, so the argv is empty and the container is never created "
        "('no command specified')"
    )
