"""Check settings from .cmdresolve.toml or [tool.cmdresolve], overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.cli import main

POD = (
    "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: example.com/x}\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pod.yaml").write_text(POD)
    nested = tmp_path / "deploy" / "k8s"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)  # the config is found from here upward
    return tmp_path


def _run(project: Path, capsys, *flags: str) -> tuple[int, list[str]]:
    status = main([str(project / "pod.yaml"), "-o", "json", *flags])
    out = capsys.readouterr().out
    codes = [f["code"] for f in json.loads(out)["results"][0]["findings"]] if out else []
    return status, codes


def test_cmdresolve_toml_sets_fail_on(project: Path, capsys) -> None:
    (project / ".cmdresolve.toml").write_text('fail-on = "info"\n')  # CR902 is info
    assert _run(project, capsys) == (1, ["CR902"])


def test_flags_override_the_file(project: Path, capsys) -> None:
    (project / ".cmdresolve.toml").write_text('fail-on = "info"\nignore = ["CR902"]\n')
    assert _run(project, capsys) == (0, [])
    assert _run(project, capsys, "--ignore", "CR1", "--fail-on", "error") == (0, ["CR902"])


def test_pyproject_tool_table(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.cmdresolve]\nselect = ["CR1"]\n'
    )
    assert _run(project, capsys, "--fail-on", "info") == (0, [])


def test_pyproject_without_the_table_is_passed_over(project: Path, capsys) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "cmdresolve-like"\n')
    assert _run(project, capsys, "--fail-on", "info") == (1, ["CR902"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fail-on = 'sometimes'\n",
            "fail-on: must be one of error, warning, info, never, got 'sometimes'",
        ),
        ("select = 'CR1'\n", "select: must be a list of codes, got 'CR1'"),
        ("colour = true\n", "settings: unknown key 'colour' (known: select, ignore, fail-on, images)"),
        ("select = [\n", "invalid TOML: "),
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "invalid TOML: nested too deeply to read"),
        ("x = " + "{a=" * 5_000 + "1" + "}" * 5_000 + "\n", "invalid TOML: nested too deeply"),
    ],
)
def test_error_bad_config(project: Path, capsys, text: str, message: str) -> None:
    path = project / ".cmdresolve.toml"
    path.write_text(text)
    assert main([str(project / "pod.yaml")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"cmdresolve: {path}: {message}")
    assert len(captured.err.splitlines()) == 1


def test_error_config_larger_than_the_cap(project: Path, capsys, monkeypatch) -> None:
    from cmdresolve.sources import text

    monkeypatch.setattr(text, "MAX_BYTES", 1_000)
    path = project / ".cmdresolve.toml"
    path.write_text("select = ['CR1']\n# " + "x" * 2_000 + "\n")
    assert main([str(project / "pod.yaml")]) == 2
    assert capsys.readouterr().err == f"cmdresolve: {path}: larger than 0 MiB\n"


def test_error_config_not_utf8(project: Path, capsys) -> None:
    path = project / ".cmdresolve.toml"
    path.write_bytes(b"select = ['\xff']\n")
    assert main([str(project / "pod.yaml")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"cmdresolve: {path}:1:") and "UTF-8" in line
