"""The CLI's contract on hostile input of every kind (issue 12), as properties.

Each input kind has a quick property, part of the normal run (small inputs, a few
dozen examples), and the same property marked ``fuzz`` for the long profile
(``pytest -m fuzz``: bigger inputs, ``CMDRESOLVE_FUZZ_EXAMPLES`` examples). No timing is
asserted here; ``benchmarks/fuzz.py`` measures time and memory.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz.contract import Case, check
from fuzz.strategies import KINDS, LONG, QUICK, cases, outputs

QUICK_EXAMPLES = 60
# Quick properties that fail today on a product bug of issue 12 (not on the campaign):
# each is marked xfail, non-strict, until the fix lands; remove the kind when it passes.
QUICK_FAILING_TODAY: dict[str, str] = {}


def _quick(kind: str) -> object:
    if kind in QUICK_FAILING_TODAY:
        return pytest.param(kind, marks=pytest.mark.xfail(reason=QUICK_FAILING_TODAY[kind]))
    return kind


def assert_contract(case: Case, output: str) -> None:
    problems = check(case, output)
    assert not problems, f"{case!r} -o {output}: {problems}"


@pytest.mark.parametrize("kind", [_quick(kind) for kind in KINDS])
def test_quick_contract(kind: str) -> None:
    @settings(max_examples=QUICK_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(cases(QUICK, (kind,)), outputs)
    def holds(case: Case, output: str) -> None:
        assert_contract(case, output)

    holds()


@pytest.mark.fuzz
@pytest.mark.parametrize("kind", list(KINDS))
def test_long_contract(kind: str) -> None:
    @settings(settings.get_profile("fuzz"))
    @given(cases(LONG, (kind,)), outputs)
    def holds(case: Case, output: str) -> None:
        assert_contract(case, output)

    holds()
