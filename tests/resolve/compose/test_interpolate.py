"""compose-go's template (docs/semantics.md §12.2)."""

from __future__ import annotations

import pytest

from cmdresolve.resolve.compose.interpolate import InterpolationError, interpolate_compose

ENV = {"A": "a", "EMPTY": "", "N": "n1"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$A ${A} $$A", "a a $A"),
        ("${UNSET:-d} ${EMPTY:-d} ${EMPTY-d}| ${UNSET-d}", "d d | d"),
        ("${A:+alt} ${EMPTY:+alt}| ${EMPTY+alt} ${UNSET+alt}|", "alt | alt |"),
        ("${UNSET:-${A}}", "a"),
        ("${UNSET:-${NOPE:-z}} tail ${A}", "z tail a"),
        ("x${UNSET}y", "xy"),
        ("$1 $ $(A)", "$1 $ $(A)"),
        ("${A}${N}", "an1"),
        ("$a_b-", "-"),
    ],
)
def test_values(text: str, value: str) -> None:
    assert interpolate_compose(text, ENV.get).value == value


def test_uses_name_the_variables_and_the_unset_ones() -> None:
    done = interpolate_compose("x${UNSET}y $A", ENV.get)
    assert [(u.start, u.end, u.names, u.unset) for u in done.uses] == [
        (1, 1, ("UNSET",), ("UNSET",)),
        (3, 4, ("A",), ()),
    ]
    assert interpolate_compose("${UNSET:-d}", ENV.get).uses[0].unset == ()


@pytest.mark.parametrize(
    ("text", "kind", "name", "reason"),
    [
        ("${UNSET:?need it}", "required", "UNSET", "need it"),
        ("${EMPTY:?}", "required", "EMPTY", ""),
        ("${UNSET?gone ${A}}", "required", "UNSET", "gone a"),
        ("${A/a/b}", "invalid", "", ""),
        ("${", "invalid", "", ""),
    ],
)
def test_errors(text: str, kind: str, name: str, reason: str) -> None:
    with pytest.raises(InterpolationError) as caught:
        interpolate_compose(text, ENV.get)
    assert (caught.value.kind, caught.value.name, caught.value.reason) == (kind, name, reason)


def test_empty_but_set_passes_the_unset_only_check() -> None:
    assert interpolate_compose("${EMPTY?x}", ENV.get).value == ""
