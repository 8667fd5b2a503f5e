"""Golden renders of the lab examples, text and JSON, compared exactly.

Regenerate with ``CMDRESOLVE_UPDATE_GOLDEN=1 pytest tests/golden`` and review every
changed file by eye before committing it (``jq . FILE.json`` spreads a JSON result,
which the output keeps on one line, over many).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from cmdresolve.api import Options, resolve
from cmdresolve.render.json import render_json_text
from cmdresolve.render.text import render_text

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LAB = "examples/webapp-color"
CASES = {
    "webapp-color": ([f"{LAB}/Dockerfile"], None),
    "webapp-color-red": ([f"{LAB}/Dockerfile2"], None),
    "webapp-color-green": ([f"{LAB}/Dockerfile2"], "docker run webapp-color --color green"),
    "ubuntu-sleeper": ([f"{LAB}/ubuntu-sleeper/Dockerfile"], "docker run ubuntu-sleeper"),
    "ubuntu-sleeper-10": ([f"{LAB}/ubuntu-sleeper/Dockerfile"], "docker run ubuntu-sleeper 10"),
    "ubuntu-sleeper-entrypoint": (
        [f"{LAB}/ubuntu-sleeper/Dockerfile"],
        "docker run --entrypoint sleep2.0 ubuntu-sleeper 10",
    ),
    "webapp-color-pod-2": (
        [f"{LAB}/webapp-color-2/Dockerfile", f"{LAB}/webapp-color-2/webapp-color-pod.yaml"],
        None,
    ),
    "fortune-pod": ([f"{LAB}/fortune/Dockerfile", f"{LAB}/fortune/fortune-pod.yaml"], None),
    "init-pod": ([f"{LAB}/init-containers/init-pod.yaml"], None),
}


def _render(name: str) -> tuple[str, str]:
    files, run = CASES[name]
    cwd = Path.cwd()
    os.chdir(ROOT)  # relative paths in the output, whatever the caller's directory
    try:
        results = resolve(files, Options(run=run))
    finally:
        os.chdir(cwd)
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, force_terminal=False).print(
        render_text(results)
    )
    return buffer.getvalue(), "".join(render_json_text(results))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text, doc = _render(name)
    for suffix, actual in ((".txt", text), (".json", doc)):
        path = HERE / (name + suffix)
        if os.environ.get("CMDRESOLVE_UPDATE_GOLDEN"):
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs"
