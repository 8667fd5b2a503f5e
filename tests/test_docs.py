"""The docs the code cites travel with it, and every cited section exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(r"docs/semantics\.md\s+((?:§\d+(?:\.\d+)?(?:[-–]\d+(?:\.\d+)?)?[,\s]*)+)")


def _sections() -> set[str]:
    text = (ROOT / "docs" / "semantics.md").read_text(encoding="utf-8")
    return set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)[.\s]", text, re.MULTILINE))


def test_every_cited_section_exists() -> None:
    sections = _sections()
    assert {"0", "1.4", "3.5", "7.15", "9"} <= sections
    missing = []
    for path in sorted((ROOT / "cmdresolve").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in CITED.finditer(text):
            for number in re.findall(r"§(\d+(?:\.\d+)?)", match.group(1)):
                if number not in sections:
                    missing.append(f"{path.relative_to(ROOT)}: §{number}")
    assert missing == []


def test_the_readme_points_only_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"steering|\bSEMANTICS\.md|\bDESIGN\.md|\.\./shared", readme)
    for path in re.findall(r"`((?:docs|tools|benchmarks|examples|cmdresolve)/[^`\s]*)`", readme):
        assert (ROOT / path.split("::")[0]).exists(), path
