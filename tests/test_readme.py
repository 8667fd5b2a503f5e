"""The README's lab table says what the CLI prints: every row is run and compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cmdresolve.cli import main

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| .* \| `(cmdresolve [^`]*-o argv)` \| `([^`]*)`")


def _rows() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [m.groups() for line in text.splitlines() if (m := ROW.match(line))]


def test_readme_has_the_lab_rows() -> None:
    assert len(_rows()) >= 7


@pytest.mark.parametrize(("command", "printed"), _rows())
def test_readme_row(command: str, printed: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.strip() == printed
