"""The README's lab table says what the CLI prints: every row is run and compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cmdresolve.cli import main

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| .* \| `(cmdresolve [^`]*-o argv)` \| (?:exit ([12]): )?(`.*`)")


def _rows() -> list[tuple[str, int, str]]:
    """(command, exit status, what it prints): ``<br>`` between lines; ``exit N:`` before
    the printed text when the status is not 0, on stderr for ``exit 2``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if m := ROW.match(line):
            command, status, cell = m.groups()
            printed = "\n".join(part.split("`")[1] for part in cell.split("<br>"))
            printed = printed.replace("⇥", "\t")  # the README shows a tab as ⇥
            rows.append((command, int(status or 0), printed))
    return rows


def test_readme_has_the_lab_rows() -> None:
    assert len(_rows()) >= 16


@pytest.mark.parametrize(("command", "status", "printed"), _rows())
def test_readme_row(command: str, status: int, printed: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(command)[1:]) == status
    captured = capsys.readouterr()
    assert (captured.err if status == 2 else captured.out).strip() == printed


def test_readme_screen_is_what_the_tool_prints(capsys, monkeypatch) -> None:
    """The first screen of the README is a real output, at 80 columns, without colour."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```console\n", 1)[1].split("\n```", 1)[0]
    command, shown = block.split("\n", 1)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    assert main([*shlex.split(command.removeprefix("$ "))[1:], "--color", "never"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == shown
