"""examples/webapp-color/README.md says what the CLI prints: every ``$ cmdresolve`` line
of its console blocks is run in that folder, and its output compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cmdresolve.cli import main
from cmdresolve.render import catalog

LAB = Path(__file__).resolve().parent.parent / "examples" / "webapp-color"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


def _commands() -> list[tuple[str, str]]:
    """(command, what it prints) for each ``$ cmdresolve`` line, in the README's order."""
    text = (LAB / "README.md").read_text(encoding="utf-8")
    found: list[tuple[str, str]] = []
    for block in BLOCK.findall(text):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, printed = part.partition("\n")
            found.append((command, printed.strip()))
    return found


def test_the_lab_readme_runs_every_lab_and_has_both_languages() -> None:
    commands = [command for command, _ in _commands()]
    labs = ("Dockerfile2", "ubuntu-sleeper/", "webapp-color-2/", "webapp-color-3/", "fortune/")
    for lab in (*labs, "init-containers/"):
        assert sum(lab in command for command in commands) >= 2, lab
    assert "\n## 한국어\n" in (LAB / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "printed"), _commands())
def test_lab_readme_command(command: str, printed: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(LAB)
    words = shlex.split(command)
    assert words[0] == "cmdresolve"
    try:
        status = main(words[1:])
    finally:
        catalog.set_language("en")
    captured = capsys.readouterr()
    assert (captured.out + captured.err).strip() == printed
    # The README names the statuses: 2 for the integer pod (CR303), 1 for webapp-color-2's
    # pod, which cannot start (CR205).
    assert status == (2 if "CR303" in printed else 1 if "webapp-color-pod.yaml" in command else 0)
