"""Every input that ever broke the contract, kept as a file in ``regressions/``.

Each file (``regressions/<class>.json``, written by ``contract.dump_case``; the
campaign ``benchmarks/fuzz.py`` writes new ones in the same format) is run through
the contract in every output format. ``KNOWN_FAILING`` lists the cases the product
does not pass yet: they are strict xfails, so a fix makes the run fail until its
entry is removed here. An entry with ``run=False`` costs too much time or memory
today to run in the suite (``python benchmarks/fuzz.py --regressions`` runs it with
limits and times it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from fuzz.contract import OUTPUTS, check, load_case

REGRESSIONS = Path(__file__).parent / "regressions"


@dataclass(frozen=True)
class Known:
    reason: str = "issue 12: not fixed yet"
    run: bool = True


# The cases that fail today, for the fixer to remove one by one.
KNOWN_FAILING: dict[str, Known] = {}


def _cases() -> list[object]:
    params = []
    for path in sorted(REGRESSIONS.glob("*.json")):
        known = KNOWN_FAILING.get(path.stem)
        marks = [] if known is None else [
            pytest.mark.xfail(strict=True, reason=known.reason, run=known.run)
        ]
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize("path", _cases())
def test_regression_case_keeps_the_contract(path: Path) -> None:
    case = load_case(path)
    problems = {output: check(case, output) for output in OUTPUTS}
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


def test_known_failing_names_existing_cases() -> None:
    names = {path.stem for path in REGRESSIONS.glob("*.json")}
    assert set(KNOWN_FAILING) <= names
