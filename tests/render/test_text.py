"""The text view: answer first, provenance under it, widths kept, colour by meaning."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmdresolve.api import Options, resolve
from cmdresolve.cli import main
from cmdresolve.render.argv import argv_lines
from cmdresolve.render.screen import Screen, width_of
from cmdresolve.render.text import View, render_summary, render_text

ANSI_GREEN = "\x1b[32m"


def _results(tmp_path: Path, **files: str) -> list:
    paths = []
    for name, text in files.items():
        path = tmp_path / name.replace("_", ".")
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return list(resolve(paths, Options()))


def _view_text(results: list, width: int = 80, colour: bool = False, **view: bool) -> str:
    return "".join(render_text(results, View(Screen(width, colour), **view)))


def _pod(*containers: str, init: tuple[str, ...] = ()) -> str:
    doc = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {}}
    doc["spec"]["containers"] = [json.loads(c) for c in containers]
    if init:
        doc["spec"]["initContainers"] = [json.loads(c) for c in init]
    return json.dumps(doc)


# --- the screen ---


@given(st.lists(st.text(st.characters(whitelist_categories=("L", "N")), min_size=1,
                        max_size=12), max_size=40), st.integers(40, 120))
def test_wrap_breaks_only_at_spaces_and_keeps_the_width(words: list[str], width: int) -> None:
    lines = Screen(width).wrap(" ".join(words), "  note: ")
    assert " ".join(" ".join(lines).split()) == " ".join(["note:", *words])
    assert all(width_of(line) <= width for line in lines)
    assert all(line.startswith(" " * 8) for line in lines[1:])  # the hanging indent


def test_hangul_takes_two_columns() -> None:
    assert width_of("컨테이너") == 8
    assert width_of("a\u0301") == 1  # a combining mark takes none


@pytest.mark.parametrize(
    ("colour", "tty", "no_color", "expected"),
    [
        ("auto", True, "", True),
        ("auto", True, "1", False),
        ("auto", False, "", False),
        ("always", False, "1", True),
        ("never", True, "", False),
    ],
)
def test_colour_follows_the_terminal_no_color_and_the_option(
    colour: str, tty: bool, no_color: str, expected: bool, monkeypatch
) -> None:
    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setenv("TERM", "xterm")
    assert Screen.of(Stream(), colour).colour is expected


def test_width_comes_from_columns(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert Screen.of(io.StringIO()).width == 132


# --- one container ---


def test_the_argv_is_the_first_line_under_the_title(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile='FROM scratch\nENTRYPOINT ["a", "b c"]\nCMD ["d"]\n')
    lines = _view_text(results).splitlines()
    assert lines[1] == "  runs  a 'b c' d"
    assert shlex.split(lines[1].split("runs", 1)[1]) == ["a", "b c", "d"]


def test_each_run_of_tokens_is_underlined_and_labelled(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile='FROM scratch\nENTRYPOINT ["a", "b c"]\nCMD ["d"]\n')
    lines = _view_text(results).splitlines()
    argv, under = lines[1], lines[2]
    # "a 'b c'" (ENTRYPOINT) and "d" (CMD): one underline each, a ┬ inside each
    start = argv.index("a")
    assert under[start : start + len("a 'b c'")] == "───┬───"
    assert under[argv.index(" d") + 1] == "┬"
    assert "└─ CMD" in lines[3] and lines[3].endswith("Dockerfile:3")
    assert "└─ ENTRYPOINT" in lines[4] and lines[4].endswith("Dockerfile:2")


def test_a_clean_container_fits_in_about_twelve_lines(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile='FROM alpine\nCMD ["sleep", "5"]\n')
    lines = _view_text(results).splitlines()
    assert len(lines) <= 12
    assert lines[-1] == "1 container resolved · no problems"


def test_a_container_that_cannot_start_is_never_green(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM scratch\nCMD []\n")
    text = _view_text(results, colour=True)
    assert "cannot start" in text and "\x1b[1;31m" in text
    assert ANSI_GREEN not in text


def test_an_argv_with_an_error_finding_is_not_green(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM alpine\nCMD ['sleep','5']\n")
    text = _view_text(results, colour=True)
    assert "error[CR101]" in text.replace("\x1b[1;31m", "").replace("\x1b[0m", "")
    assert ANSI_GREEN not in text


def test_a_finding_shows_its_line_and_a_caret_under_the_span(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM alpine\nCMD ['sleep','5']\n")
    text = "".join(
        render_text(results, View(Screen(80), source=lambda f: Path(f).read_text().splitlines()))
    )
    block = text[text.index("error[CR101]") :].splitlines()
    arrow = next(i for i, line in enumerate(block) if line.startswith(" --> "))
    assert block[arrow].endswith("Dockerfile:2:5")
    assert block[arrow + 2] == "2 | CMD ['sleep','5']"
    assert block[arrow + 3] == "  |     ^^^^^^^^^^^^^"


def test_quiet_prints_only_the_findings_and_the_summary(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM alpine\nCMD ['sleep','5']\n")
    text = _view_text(results, quiet=True)
    assert text.startswith("error[CR101]")
    assert not any(line.startswith("  runs") for line in text.splitlines())
    assert text.splitlines()[-1] == "1 container resolved · 1 error · `cmdresolve rule CR101` explains it"


def test_verbose_adds_the_steps_with_their_authorities_and_the_env(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile='FROM scratch\nENV A=1\nCMD ["a"]\n')
    text = _view_text(results, verbose=True)
    assert "how it got there" in text and "dispatchCmd" in text
    assert "    A=1" in text.splitlines()
    assert "-v shows" not in text


def test_docker_steps_follow_the_argv_order(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile='FROM scratch\nCMD ["b"]\nENTRYPOINT ["a"]\n')
    rules = [step.rule for step in results[0].steps]
    assert rules.index("docker.inherit_entrypoint") < rules.index("docker.inherit_cmd")


# --- widths ---

_WORDS = st.text(st.characters(min_codepoint=33, max_codepoint=0x7E) | st.sampled_from("가나 "),
                 min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.integers(40, 120))
def test_the_argv_pastes_back_whole_at_any_width(
    tmp_path_factory, words: list[str], width: int
) -> None:
    tmp = tmp_path_factory.mktemp("w")
    pod = _pod(json.dumps({"name": "c", "image": "busybox", "command": words}))
    results = _results(tmp, pod_yaml=pod)
    lines = _view_text(results, width).splitlines()
    argv = []
    for line in lines[1:]:
        argv.append(line)
        if not line.endswith(" \\"):
            break
    pasted = "".join(line[:-1] if line.endswith("\\") else line for line in argv)
    # the argv the kubelet makes ($$ is one $), whole, from the wrapped lines
    assert shlex.split(pasted.split("runs", 1)[1]) == list(results[0].values)
    # Lines keep the width, but for a word that is nearly a line wide itself (a PATH,
    # a file path after -->): a path is never broken
    assert all(
        width_of(line) <= width or any(width_of(w) > width - 8 for w in line.split())
        for line in lines
    )


# --- several containers ---


def test_several_containers_get_one_line_each_in_start_order(tmp_path: Path) -> None:
    pod = _pod(
        '{"name": "app", "image": "busybox", "command": ["sleep", "9"]}',
        init=(
            '{"name": "one", "image": "busybox", "command": ["true"]}',
            '{"name": "two", "image": "busybox", "command": ["sleep", "1"]}',
        ),
    )
    lines = _view_text(_results(tmp_path, pod_yaml=pod)).splitlines()
    assert lines[0] == f"{tmp_path / 'pod.yaml'} · Pod/p"
    assert lines[1].split()[:4] == ["init", "1", "one", "true"]
    assert "exits before the next starts" in lines[1]
    assert "exits before the app starts" in lines[2]
    assert lines[3].split() == ["app", "app", "sleep", "9"]
    assert lines[-1].startswith("3 containers resolved · no problems")


def test_the_summary_names_input_errors_and_is_absent_when_all_failed() -> None:
    view = View(Screen(80))
    assert "".join(render_summary(view, 1)) == ""
    view.tally.containers = 2
    assert "2 containers resolved · 1 input error (on stderr)" in "".join(render_summary(view, 1))


# --- -o argv ---


def test_argv_lines_carry_labels_when_there_are_several(tmp_path: Path) -> None:
    pod = _pod(
        '{"name": "app", "image": "busybox", "command": ["sleep", "9"]}',
        '{"name": "x", "image": "nosuch.example/x"}',
    )
    lines = [line for line, _ in argv_lines(_results(tmp_path, pod_yaml=pod))]
    assert lines[0] == "Pod/p/app\tsleep 9"
    assert lines[1].startswith("Pod/p/x\t# ")


def test_one_result_gets_the_bare_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text('FROM scratch\nCMD ["a", "b c"]\n')
    assert main([str(path), "-o", "argv"]) == 0
    assert capsys.readouterr().out == "a 'b c'\n"


def test_help_shows_the_fixed_text_where_it_follows_from_the_facts(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM alpine\nCMD ['sleep','5']\n")
    assert '  = help: CMD ["sleep", "5"]' in _view_text(results).splitlines()
    pod = _pod('{"name": "c", "image": "busybox", "command": ["sleep 20", "x"]}')
    text = _view_text(_results(tmp_path, pod_yaml=pod))
    assert '  = help: command: ["sleep", "20", "x"]' in text.splitlines()


def test_a_broken_array_that_is_no_python_literal_gets_no_fix(tmp_path: Path) -> None:
    results = _results(tmp_path, Dockerfile="FROM alpine\nCMD ['sleep', __import__('os')]\n")
    text = _view_text(results)
    assert "error[CR101]" in text and "= help" not in text


def test_info_findings_show_only_with_verbose(tmp_path: Path) -> None:
    pod = _pod('{"name": "web", "image": "node:20", "command": ["node", "server.js"]}')
    results = _results(tmp_path, pod_yaml=pod)
    assert {f.severity for f in results[0].findings} == {"info"}
    plain, verbose = _view_text(results), _view_text(results, verbose=True)
    assert "info[" not in plain and "2 info findings (-v shows them)" in plain
    assert "info[CR203]" in verbose and "info[CR204]" in verbose


def test_an_argv_with_a_warning_is_not_green(tmp_path: Path) -> None:
    pod = _pod('{"name": "c", "image": "busybox", "command": ["sh", "-c", "echo a", "b"]}')
    results = _results(tmp_path, pod_yaml=pod)
    assert {f.code for f in results[0].findings} >= {"CR209"}
    text = _view_text(results, colour=True)
    assert ANSI_GREEN not in text and "\x1b[1;33m" in text
