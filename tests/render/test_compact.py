"""Several results: a table per input file, one line per container."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cmdresolve.api import Options, resolve
from cmdresolve.model import Arg, Origin, Resolution, Span
from cmdresolve.render import catalog, compact
from cmdresolve.render.screen import Screen, width_of
from cmdresolve.render.text import View, render_text


def _write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def _pod(name: str, *containers: dict, init: tuple[dict, ...] = (), kind: str = "Pod") -> str:
    spec: dict = {"containers": list(containers)}
    if init:
        spec["initContainers"] = list(init)
    doc = {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}, "spec": spec}
    return yaml.safe_dump(doc, allow_unicode=True)


def _c(name: str, *command: str, **more: str) -> dict:
    return {"name": name, "image": "busybox:1.36", "command": list(command), **more}


def _screen(paths: list[str], width: int = 200) -> list[str]:
    """The screen, wide enough by default for the headings' temporary paths."""
    results = list(resolve(paths, Options()))
    return "".join(render_text(results, View(Screen(width)))).splitlines()


def test_each_file_gets_its_heading_and_its_lines(tmp_path: Path) -> None:
    a = _write(tmp_path / "deploy" / "a.yaml", _pod("one", _c("app", "sleep", "1")))
    b = _write(tmp_path / "jobs" / "b.yaml", _pod("two", _c("app", "sleep", "2")))
    lines = _screen([a, b])
    assert lines[0] == f"{a} · Pod/one"
    assert lines[1].split() == ["app", "app", "sleep", "1"]
    assert lines[2] == ""
    assert lines[3] == f"{b} · Pod/two"
    assert lines[4].split() == ["app", "app", "sleep", "2"]


def test_a_file_of_several_workloads_names_each_on_its_first_line(tmp_path: Path) -> None:
    docs = "\n---\n".join(
        (
            _pod("web", _c("web", "httpd"), init=(_c("setup", "true"), _c("warm", "true"))),
            _pod("job", _c("run", "echo", "hi"), init=(_c("first", "true"),)),
        )
    )
    path = _write(tmp_path / "all.yaml", docs)
    lines = _screen([path], 120)
    assert lines[0] == path  # no workload in the heading: each line says it
    rows = [line.split() for line in lines[1:6]]
    assert rows[0][:5] == ["Pod/web", "init", "1", "setup", "true"]
    assert "exits before the next starts" in lines[1]
    assert rows[1][:4] == ["init", "2", "warm", "true"]  # its workload is the line above's
    assert "exits before the app starts" in lines[2]
    assert rows[2] == ["app", "web", "httpd"]
    # the numbering starts again with the next pod, whose one init container is its last
    assert rows[3][:5] == ["Pod/job", "init", "1", "first", "true"]
    assert "exits before the app starts" in lines[4]
    assert rows[4] == ["app", "run", "echo", "hi"]
    # the argv column is the same on every line
    assert lines[3].index("httpd") == lines[5].index("echo") == lines[1].index("true")


def test_a_dockerfile_is_its_files_one_line(tmp_path: Path) -> None:
    df = _write(tmp_path / "api" / "Dockerfile", 'FROM scratch\nCMD ["/srv/api", "--port", "80"]\n')
    pod = _write(tmp_path / "pod.yaml", _pod("p", _c("app", "sleep", "1"), _c("b", "true")))
    lines = _screen([df, pod])
    at = lines.index(f"{df} · image built here")
    assert lines[at + 1] == "  /srv/api --port 80"


def test_findings_follow_their_files_table_and_point_at_file_and_line(tmp_path: Path) -> None:
    one = _write(tmp_path / "x" / "pod.yaml", _pod("p", _c("app", "echo", "$HOME")))
    two = _write(tmp_path / "y" / "pod.yaml", _pod("q", _c("app", "sleep", "1")))
    lines = _screen([one, two])
    finding = next(i for i, line in enumerate(lines) if line.startswith("warning[CR301]"))
    assert lines.index(f"{two} · Pod/q") > finding > lines.index(f"{one} · Pod/p")
    assert any(line.startswith(f" --> {one}:") for line in lines[finding:])


@pytest.mark.parametrize("width", [40, 60, 80])
def test_lines_keep_the_width_and_quoted_words_whole_in_korean(
    tmp_path: Path, width: int
) -> None:
    docs = "\n---\n".join(
        (
            _pod("web", _c("web", "echo", "안녕하세요 세계, 반갑습니다"),
                 init=(_c("setup", "sh", "-c", "echo 준비 중"),), kind="Pod"),
            _pod("report-with-a-rather-long-name", _c("report-container-name", "sleep", "5")),
        )
    )
    path = _write(tmp_path / "k.yaml", docs)
    catalog.set_language("ko")
    try:
        lines = _screen([path], width)
    finally:
        catalog.set_language(None)
    table = lines[1 : lines.index("")]
    assert all(width_of(line) <= width for line in table), table
    text = "\n".join(table)
    assert "'안녕하세요 세계, 반갑습니다'" in text  # the shell word is never broken
    assert "'echo 준비 중'" in text
    assert "초기화 1" in text  # the role, said in Korean


def test_a_long_file_is_shown_in_tables_of_a_bounded_size(monkeypatch) -> None:
    monkeypatch.setattr(compact, "CHUNK", 3)
    results = [
        Resolution(
            runtime="kubernetes",
            argv=(Arg("sleep", Origin.POD_COMMAND), Arg(str(i), Origin.POD_ARGS)),
            workload=f"Pod/p{i}",
            container="app",
            container_type="container",
            source=Span("big.yaml", 1 + 10 * i),
        )
        for i in range(7)
    ]
    lines = "".join(render_text(results, View(Screen(80)))).splitlines()
    assert [line for line in lines if line.startswith("big.yaml")] == [
        "big.yaml", "big.yaml", "big.yaml · Pod/p6"  # 3 + 3 + 1
    ]
    assert sum("sleep" in line for line in lines) == 7
    assert lines[-1].startswith("7 containers resolved")


def test_results_without_a_file_are_grouped_by_workload() -> None:
    def result(workload: str, name: str) -> Resolution:
        return Resolution(runtime="kubernetes", argv=(Arg("true", Origin.POD_COMMAND),),
                          workload=workload, container=name, container_type="container")

    lines = "".join(render_text([result("Pod/a", "x"), result("Pod/a", "y"), result("Pod/b", "z")],
                                View(Screen(80)))).splitlines()
    assert lines[:4] == ["Pod/a", "  app  x  true", "  app  y  true", ""]
    assert lines[4:6] == ["Pod/b", "  app  z  true"]


def test_the_run_line_constant_is_the_sources_one() -> None:
    from cmdresolve.render.where import RUN_FILE
    from cmdresolve.sources.cmdline.program import RUN_FILE as SOURCE_RUN_FILE

    assert RUN_FILE == SOURCE_RUN_FILE


def test_a_compose_project_of_several_files_is_one_table(tmp_path: Path) -> None:
    main = _write(tmp_path / "compose.yaml", (
        "services:\n  a:\n    image: busybox:1.36\n    command: [sleep, '1']\n"
        "  b:\n    image: busybox:1.36\n    command: [sleep, '2']\n"
        "  c:\n    image: busybox:1.36\n    command: [sleep, '3']\n"
    ))
    override = _write(tmp_path / "compose.override.yaml",
                      "services:\n  b:\n    command: [sleep, '20']\n")
    lines = _screen([main, override])
    assert lines[0] == f"{main} · {tmp_path.name.lower()}"
    assert [line.split() for line in lines[1:4]] == [
        ["app", "a", "sleep", "1"], ["app", "b", "sleep", "20"], ["app", "c", "sleep", "3"]
    ]
    assert override not in "\n".join(lines)


def test_a_heading_wider_than_the_screen_goes_on_at_its_parts(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 30) / ("e" * 30)
    path = _write(deep / "pod.yaml", _pod("p" * 20, _c("a", "true"), _c("b", "true")))
    lines = _screen([path], 80)
    assert lines[0] == f"{path} ·"  # the path whole, though it passes the width
    assert lines[1] == "  Pod/" + "p" * 20
    assert lines[2].split() == ["app", "a", "true"]
