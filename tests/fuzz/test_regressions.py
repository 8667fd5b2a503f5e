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
KNOWN_FAILING: dict[str, Known] = {
    "dockerfile-nested-brackets-cmd": Known(),
    "dockerfile-nested-brackets-onbuild-cmd": Known(),
    "kubernetes-json-huge-int-args": Known(),
    "kubernetes-secret-data-non-ascii-envfrom": Known(),
    "run-line-esc-clear-screen": Known(),
    "file-name-with-newline": Known(),
    "file-name-with-esc": Known(),
    "stdin-closed": Known(),
    "dockerfile-unknown-instruction-control-char": Known(),
    "dockerfile-control-char-in-error": Known(),
    "dockerfile-control-char-text-output": Known(),
    "run-line-control-char-in-error": Known(),
    "run-line-esc-in-error": Known(),
    "run-line-c1-text-output": Known(),
    "image-json-lone-surrogate-text-output": Known(),
    "file-name-non-utf8-bytes-json-output": Known(),
    # A $(VAR) chain that doubles 24 times: MemoryError at 6 GiB instead of a budget error.
    "kubernetes-json-var-chain-expansion-memory": Known("issue 12: not fixed yet (memory)", run=False),
    "kubernetes-json-var-chain-env-memory": Known("issue 12: not fixed yet (memory)", run=False),
    # Within the contract but about 15 s per run today (the budget is 0.6 s).
    "dockerfile-directive-line-65000-spaces": Known("issue 12: not fixed yet (15 s)", run=False),
    # Doubles to 2**40 bytes: runs out of memory instead of an expansion-budget error.
    "dockerfile-env-doubling-x40": Known("issue 12: not fixed yet (memory)", run=False),
}


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
