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


# ---- linear time, bounded depth, a budget ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from reference_template import reference_interpolate  # noqa: E402

from cmdresolve.budget import BASE  # noqa: E402
from cmdresolve.resolve.compose.interpolate import (  # noqa: E402
    MAX_NESTING,
    interpolation_budget,
)

_PIECES = ["$", "{", "}", ":", "-", "+", "?", "A", "EMPTY", "N", "Z", "x", "\n", " ", "$$",
           "${", "${A", ":-", ":?", ":+", "}}", "{{", "${UNSET:-", "${A:+", "$A"]  # fmt: skip


def _outcome(interpolate: object, text: str) -> object:
    try:
        done = interpolate(text, ENV.get)  # type: ignore[operator]
    except InterpolationError as exc:
        return (exc.kind, exc.text, exc.name, exc.reason)
    return done.value, [(u.start, u.end, u.source, u.names, u.unset) for u in done.uses]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_same_as_compose_gos_template_read_literally(text: str) -> None:
    assert _outcome(interpolate_compose, text) == _outcome(reference_interpolate, text)


@pytest.mark.parametrize(
    ("unit", "each"),
    [
        ("${A}${UNSET:-d}${A:+x}$${B}", "adx${B}"),
        ("${UNSET:-d}", "d"),
        ("${A:?x-x}\n", "a\n"),
        ("${A:-x", None),  # no "}" after the operator: the invalid "${"
    ],
)
def test_a_long_line_of_references_has_no_recursion(unit: str, each: str | None) -> None:
    # Each ${NAME<op>…} runs to the line's last "}" and compose-go substitutes the rest
    # recursively: 20,000 of them were a RecursionError. Time: benchmarks/growth.py.
    for count, interpolate in ((100, reference_interpolate), (20_000, interpolate_compose)):
        if each is None:
            with pytest.raises(InterpolationError, match="invalid"):
                interpolate(unit * count, ENV.get)
        else:
            assert interpolate(unit * count, ENV.get).value == each * count


def test_defaults_nested_past_the_bound_are_an_error_not_a_recursion() -> None:
    nested = "${UNSET:-" * MAX_NESTING + "x" + "}" * MAX_NESTING
    assert interpolate_compose(nested, ENV.get).value == "x"
    deeper = "${UNSET:-" * (MAX_NESTING + 1) + "x" + "}" * (MAX_NESTING + 1)
    with pytest.raises(InterpolationError) as caught:
        interpolate_compose(deeper, ENV.get)
    assert caught.value.kind == "deep"


def test_values_read_are_paid_for_from_the_projects_budget() -> None:
    big = {"V": "v" * (BASE // 4)}
    with interpolation_budget(0):
        assert len(interpolate_compose("${V}" * 3, big.get).value) == 3 * (BASE // 4)
        with pytest.raises(InterpolationError) as caught:
            interpolate_compose("${V}${V}", big.get)  # the same budget: 5/4 of it in all
    assert (caught.value.kind, caught.value.name) == ("budget", "V")
    assert caught.value.reason == str(BASE)
    # Outside a project each value has a budget of its own.
    assert len(interpolate_compose("${V}" * 3, big.get).value) == 3 * (BASE // 4)
