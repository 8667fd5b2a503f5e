"""Exec form nested past Python's recursion limit: decided as Go's decoder decides it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmdresolve.sources.dockerfile.forms import NotStringArray, parse_json_array
from cmdresolve.sources.dockerfile.json_depth import GO_MAX_DEPTH, decodes_in_go

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)


@given(_VALUES, st.sampled_from([None, 1]))
def test_agrees_with_python_json_on_valid_text(value: object, indent: int | None) -> None:
    assert decodes_in_go(json.dumps(value, indent=indent))


@pytest.mark.parametrize(
    "text",
    ["", "[", "[1,]", "[1 2]", '{"a"}', '{"a":}', '{1:2}', "[01]", '["\x01"]', "[true false]",
     "[]]", "[}", '{"a":1,}', "[1] x", "nul", "[.5]", '["\\x"]', "[NaN]"],
)
def test_refuses_what_go_and_python_refuse(text: str) -> None:
    assert not decodes_in_go(text)
    with pytest.raises(ValueError):
        json.loads(text, parse_constant=_not_json)


def _not_json(name: str) -> object:
    raise ValueError(name)  # NaN and Infinity are not JSON to Go


def test_number_out_of_float64_range_is_refused() -> None:
    assert not decodes_in_go("[1e400]")  # Go: a decode error; Python says inf


def test_depth_limit_is_go_max_nesting_depth() -> None:
    assert decodes_in_go("[" * GO_MAX_DEPTH + "]" * GO_MAX_DEPTH)
    assert not decodes_in_go("[" * (GO_MAX_DEPTH + 1) + "]" * (GO_MAX_DEPTH + 1))


def test_deep_valid_exec_form_is_the_not_strings_error() -> None:
    with pytest.raises(NotStringArray):
        parse_json_array("[" * 3000 + "]" * 3000)


@pytest.mark.parametrize(
    "text",
    ["[" * 1000, "[" * 3000 + "]" * 2999, "[" * (GO_MAX_DEPTH + 1) + "]" * (GO_MAX_DEPTH + 1)],
    ids=["unclosed", "one-short", "past-go-limit"],
)
def test_deep_invalid_exec_form_is_shell_form(text: str) -> None:
    assert parse_json_array(text) is None
