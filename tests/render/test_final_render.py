"""How the final process behind an entrypoint script is shown: the ``then`` line under
the argv (text and grouped table) and JSON ``final_process``."""

from __future__ import annotations

import json
from pathlib import Path

from cmdresolve.api import Options, resolve
from cmdresolve.render.json import render_json_text
from cmdresolve.render.text import View, render_text

POD = """\
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: redis, image: "redis:7.2", args: ["--port", "1"]}
  - {name: web, image: "node:22", args: ["server.js"]}
  - {name: py, image: "python:3.12"}
"""


def _results(tmp_path: Path, container: str | None = None) -> list:
    pod = tmp_path / "pod.yaml"
    pod.write_text(POD)
    return list(resolve([str(pod)], Options(container=container)))


def _json(results: list) -> list[dict]:
    return json.loads("".join(render_json_text(results)))["results"]


def test_json_final_process(tmp_path: Path) -> None:
    redis, web, py = _json(_results(tmp_path))
    final = redis["final_process"]
    assert final["argv"] == ["redis-server", "--port", "1"]
    assert final["pid1"] is True and final["shell"] is None
    assert (final["rule"], final["test"]) == ("prepended", "flag")
    assert [a["origin"] for a in final["args"]] == ["entrypoint.script", "pod.args", "pod.args"]
    assert final["args"][1]["path"] == "spec.containers[0].args[0]"
    assert {"kind": "drop_user", "user": "redis", "via": "gosu"} in final["setup"]
    assert final["source"].startswith("https://github.com/")
    assert web["final_process"]["argv"] is None and web["final_process"]["rule"] == "depends"
    assert web["final_process"]["alternatives"] == [["server.js"], ["node", "server.js"]]
    assert py["final_process"] is None


def test_text_then_line_under_the_argv(tmp_path: Path) -> None:
    text = "".join(render_text(_results(tmp_path, "redis"), View()))
    lines = text.splitlines()
    runs = next(i for i, line in enumerate(lines) if line.startswith("  runs  "))
    then = next(i for i, line in enumerate(lines) if line.startswith("  then  "))
    assert then > runs
    assert lines[then] == "  then  redis-server --port 1"
    assert "entrypoint script" in text


def test_grouped_table_shows_then(tmp_path: Path) -> None:
    text = "".join(render_text(_results(tmp_path), View()))
    assert "then redis-server --port 1" in text
    assert "then" not in text.split("py")[-1].split("\n")[0]


def test_copied_script_without_exec_says_the_shell_stays(tmp_path: Path) -> None:
    (tmp_path / "e.sh").write_text('#!/bin/bash\n"$@"\n')
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM alpine:3.20\nCOPY e.sh /\nENTRYPOINT ["/e.sh"]\nCMD ["app"]\n')
    results = list(resolve([str(dockerfile)]))
    [data] = _json(results)
    assert data["final_process"]["pid1"] is False
    assert data["final_process"]["shell"] == "/bin/bash"
    assert data["final_process"]["argv"] == ["app"]
    text = "".join(render_text(results, View()))
    assert "not PID 1: /bin/bash stays PID 1" in text


def test_markdown_cell_has_then(tmp_path: Path) -> None:
    from cmdresolve.render.markdown import render_markdown

    text = "".join(render_markdown(_results(tmp_path)))
    assert "`docker-entrypoint.sh --port 1`<br>then `redis-server --port 1`" in text
