"""The registry is the rule files; every rule has its code, name, severity and doc."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmdresolve.checks import RULES, SECTIONS, SEVERITIES, rule, select

CHECKS = Path(__file__).resolve().parents[2] / "cmdresolve" / "checks"
FILE = re.compile(r"(cr\d{3})_([a-z0-9_]+)\.py")


def test_registry_equals_the_rule_files() -> None:
    files = sorted(
        m.group(1).upper() for p in CHECKS.glob("cr*.py") if (m := FILE.fullmatch(p.name))
    )
    assert sorted(r.code for r in RULES) == files


def test_codes_and_names_are_unique_and_in_order() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("entry", RULES, ids=lambda r: r.code)
def test_rule_has_its_parts(entry) -> None:
    assert re.fullmatch(r"CR[1239]\d\d", entry.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name)
    assert entry.severity in SEVERITIES
    assert entry.summary and "\n" not in entry.summary
    titles = re.findall(r"^## (.+)$", entry.doc, flags=re.MULTILINE)
    assert tuple(titles) == SECTIONS
    for section in re.split(r"^## .+$", entry.doc, flags=re.MULTILINE)[1:]:
        assert section.strip(), f"{entry.code}: an empty section"


def test_rule_lookup_ignores_case() -> None:
    assert rule("cr901") is rule("CR901") is not None
    assert rule("CR000") is None


def test_select_by_prefix_and_ignore() -> None:
    nines = [r.code for r in RULES if r.code.startswith("CR9")]
    assert [r.code for r in select(["cr9"])] == nines
    assert [r.code for r in select(["CR9"], ["CR901"])] == [c for c in nines if c != "CR901"]
    assert select() == RULES
    assert select(["CR8"]) == ()


def test_readme_lists_every_rule() -> None:
    readme = (CHECKS.parents[1] / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| (CR\d{3}) \| ([a-z0-9-]+) \| (\w+) \|", readme, flags=re.MULTILINE)
    assert listed == [(r.code, r.name, r.severity) for r in RULES]
