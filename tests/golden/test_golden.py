"""Golden screens of every lab in examples/webapp-color/, text at 80 and 120 columns
and JSON, compared exactly.

Each text screen is what ``cmdresolve`` prints for the lab's command (stdout, then any
stderr lines after a ``--- stderr`` line). Regenerate with
``CMDRESOLVE_UPDATE_GOLDEN=1 pytest tests/golden`` and review every changed file by eye
before committing it (``jq . FILE.json`` spreads a JSON result over many lines).
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.cli import main
from cmdresolve.render import catalog
from cmdresolve.render.json import render_json_text

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LAB = "examples/webapp-color"
SLEEPER = f"{LAB}/ubuntu-sleeper"
MANY = "tests/golden/data/many"
# name: (files, run line); every lab file is in one case at least
CASES: dict[str, tuple[list[str], str | None]] = {
    "webapp-color": ([f"{LAB}/Dockerfile"], None),
    "webapp-color-red": ([f"{LAB}/Dockerfile2"], None),
    "webapp-color-green": ([f"{LAB}/Dockerfile2"], "docker run webapp-color --color green"),
    "ubuntu-sleeper": ([f"{SLEEPER}/Dockerfile"], "docker run ubuntu-sleeper"),
    "ubuntu-sleeper-10": ([f"{SLEEPER}/Dockerfile"], "docker run ubuntu-sleeper 10"),
    "ubuntu-sleeper-entrypoint": (
        [f"{SLEEPER}/Dockerfile"],
        "docker run --entrypoint sleep2.0 ubuntu-sleeper 10",
    ),
    "ubuntu-sleeper-pod-5000": ([f"{SLEEPER}/ubuntu-sleeper-pod-5000.yaml"], None),
    "ubuntu-sleeper-pod-args": (
        [f"{SLEEPER}/Dockerfile", f"{SLEEPER}/ubuntu-sleeper-pod-args.yaml"],
        None,
    ),
    "ubuntu-sleeper-pod-command": (
        [f"{SLEEPER}/Dockerfile", f"{SLEEPER}/ubuntu-sleeper-pod-command.yaml"],
        None,
    ),
    "ubuntu-sleeper-pod-integer": ([f"{SLEEPER}/ubuntu-sleeper-pod-integer.yaml"], None),
    "webapp-color-pod-2": (
        [f"{LAB}/webapp-color-2/Dockerfile", f"{LAB}/webapp-color-2/webapp-color-pod.yaml"],
        None,
    ),
    "webapp-color-pod-3": (
        [f"{LAB}/webapp-color-3/Dockerfile", f"{LAB}/webapp-color-3/webapp-color-pod-2.yaml"],
        None,
    ),
    "fortune-pod": ([f"{LAB}/fortune/Dockerfile", f"{LAB}/fortune/fortune-pod.yaml"], None),
    "init-pod": ([f"{LAB}/init-containers/init-pod.yaml"], None),
    "entrypoint-scripts-pod": ([f"{LAB}/entrypoint-scripts/cache-pod.yaml"], None),
    "entrypoint-script-copied": ([f"{LAB}/entrypoint-scripts/Dockerfile"], None),
    "wait-for-service": ([f"{LAB}/init-containers/wait-for-service.yaml"], None),
    # one container, whole: what the seed labs' scripts run and what ends as PID 1
    "sleep-script": (
        [],
        "kubectl run red --image=busybox:1.28 -- sh -c 'echo The app is running! && sleep 3600'",
    ),
    "until-script": (
        [],
        "kubectl run init --image=busybox:1.28 -- "
        "sh -c 'until nslookup myservice; do echo waiting; sleep 2; done'",
    ),
    "compose": ([f"{LAB}/compose.yaml"], None),
    # several files in several directories: a table per file (one file, two workloads)
    "many-files": (
        [f"{MANY}/deploy/web.yaml", f"{MANY}/services/api/Dockerfile", f"{MANY}/jobs/pod.yaml"],
        None,
    ),
}
WIDTHS = (80, 120)


@contextlib.contextmanager
def _in_root(columns: int | None = None):
    """Relative paths in the output, whatever the caller's directory; ``COLUMNS`` set."""
    cwd, before = Path.cwd(), os.environ.get("COLUMNS")
    os.chdir(ROOT)
    if columns is not None:
        os.environ["COLUMNS"] = str(columns)
    try:
        yield
    finally:
        os.chdir(cwd)
        if before is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = before


def screen(name: str, width: int, *options: str) -> str:
    """What the command prints for case ``name`` at ``width`` columns."""
    files, run = CASES[name]
    out, err = io.StringIO(), io.StringIO()
    try:
        with _in_root(width), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([*files, *(["--run", run] if run else []), "--color", "never", *options])
    finally:
        catalog.set_language(None)  # --lang is for this run only
    text = out.getvalue()
    return text + (f"--- stderr\n{err.getvalue()}" if err.getvalue() else "")


def _json(name: str) -> str:
    files, run = CASES[name]
    with _in_root():
        return "".join(render_json_text(resolve(files, Options(run=run))))


def _compare(path: Path, actual: str) -> None:
    if os.environ.get("CMDRESOLVE_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_screen(name: str, width: int) -> None:
    _compare(HERE / f"{name}.{width}.txt", screen(name, width))


@pytest.mark.parametrize("name", sorted(CASES))
def test_korean_screen(name: str) -> None:
    """The same screens in Korean at 80 columns (Hangul takes two of them)."""
    from cmdresolve.render.screen import width_of

    shown = screen(name, 80, "--lang", "ko")
    _compare(HERE / f"{name}.ko.80.txt", shown)
    assert all(width_of(line) <= 80 for line in shown.split("--- stderr")[0].splitlines())


@pytest.mark.parametrize("name", sorted(CASES))
def test_json(name: str) -> None:
    _compare(HERE / f"{name}.json", _json(name))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_screen_fits_its_width(name: str, width: int) -> None:
    from cmdresolve.render.screen import width_of

    lines = screen(name, width).split("--- stderr")[0].splitlines()
    assert all(width_of(line) <= width for line in lines)


def test_every_lab_file_has_a_case() -> None:
    used = {f for files, _ in CASES.values() for f in files}
    lab = {
        str(p.relative_to(ROOT))
        for p in (ROOT / LAB).rglob("*")
        if p.is_file() and (p.name.startswith("Dockerfile") or p.suffix == ".yaml")
    }
    assert lab <= used, sorted(lab - used)


# The CI job summary of the cases of several files (``-o markdown``), outside a workflow
# run: no GITHUB_* variables, so paths are relative to the root and nothing links.
MARKDOWN_CASES = ("many-files", "compose", "init-pod", "ubuntu-sleeper-pod-integer")


@pytest.mark.parametrize("name", MARKDOWN_CASES)
def test_markdown(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("GITHUB_WORKSPACE", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(variable, raising=False)
    _compare(HERE / f"{name}.md", screen(name, 80, "-o", "markdown"))
