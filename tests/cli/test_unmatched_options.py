"""Options that match nothing are usage errors (exit 2) with a "did you mean": a
--select/--ignore code or prefix no rule has (also from the config file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.cli import main

DOCKERFILE = 'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--serve"]\n'
POD = """\
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: wait-for-db, image: busybox:1.36, command: [sleep, "1"]}
  containers:
  - {name: frontend, image: example.com/web:1, command: [/web]}
  - {name: log-shipper, image: example.com/logs:1, command: [/ship]}
"""
APP_POD = "kind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n  - {name: app, image: example.com/app:1}\n"
IMAGE_JSON = '{"config": {"Entrypoint": ["/base"], "Cmd": ["--from-base"]}}'


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Inputs in a fresh directory, which is also the working directory (no config
    file of the checkout applies)."""
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "pod.yaml").write_text(POD)
    (tmp_path / "image.json").write_text(IMAGE_JSON)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one stderr line of a run that exits 2 and prints nothing else."""
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def argv_lines(args: list[str], capsys: pytest.CaptureFixture[str], status: int = 0) -> list[str]:
    assert main([*args, "-o", "argv"]) == status
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


# --- --select / --ignore --------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--select", "CR9999"], "--select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"),
        (["--ignore", "CR99"], "--ignore 'CR99': no rule has this code or prefix; did you mean 'CR9'?"),
        (["--select", "CR1,cr1o1"], "--select 'cr1o1': no rule has this code or prefix; did you mean 'CR101'?"),
        (
            ["--select", "CR2", "--select", "exec-form-not-json"],
            "--select 'exec-form-not-json': no rule has this code or prefix; did you mean 'CR101'?",
        ),
        (["--ignore", "CR105", "--ignore", "CR2O5"], "--ignore 'CR2O5': no rule has this code or prefix; did you mean 'CR205'?"),
        (["--select", "XYZ"], "--select 'XYZ': no rule has this code or prefix (see `cmdresolve rules`)"),
    ],
)
def test_error_unknown_rule_code(flags: list[str], message: str, capsys) -> None:
    assert usage_error(["Dockerfile", *flags], capsys) == f"cmdresolve: {message}"


def test_error_unknown_rule_code_comes_before_reading_anything(capsys) -> None:
    line = usage_error(["missing.yaml", "--select", "CR9999"], capsys)
    assert line == "cmdresolve: --select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"


@pytest.mark.parametrize(
    "flags",
    [["--select", "cr1,CR205"], ["--ignore", "CR9"], ["--select", "CR", "--ignore", "CR101"]],
)
def test_codes_and_prefixes_that_pick_rules_still_work(flags: list[str], capsys) -> None:
    assert argv_lines(["Dockerfile", *flags], capsys) == ["/app --serve"]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (".cmdresolve.toml", 'fail-on = "warning"\nselect = [\n  "CR1",\n  "CR9999",\n]\n', 4),
        (".cmdresolve.toml", 'select = ["CR1", "CR9999"]\nignore = ["CR9999"]\n', 1),
        ("pyproject.toml", '[tool.ruff]\nselect = ["CR9999"]\n\n[tool.cmdresolve]\nselect = ["CR9999"]\n', 5),
    ],
)
def test_error_unknown_code_in_the_config_file_names_its_line(
    here: Path, capsys, name: str, text: str, line: int
) -> None:
    (here / name).write_text(text)
    assert usage_error(["Dockerfile"], capsys) == (
        f"cmdresolve: {here / name}:{line}: select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"
    )


def test_error_unknown_code_in_config_ignore(here: Path, capsys) -> None:
    (here / ".cmdresolve.toml").write_text('ignore = [\n  "CR105", "CR999",\n]\n')
    assert usage_error(["Dockerfile"], capsys) == (
        f"cmdresolve: {here / '.cmdresolve.toml'}:2: ignore 'CR999': no rule has this code or prefix; "
        "did you mean 'CR9'?"
    )


def test_config_codes_that_pick_rules_still_work(here: Path, capsys) -> None:
    (here / ".cmdresolve.toml").write_text('select = ["CR1", "cr901"]\nignore = ["CR105"]\n')
    assert argv_lines(["Dockerfile"], capsys) == ["/app --serve"]
