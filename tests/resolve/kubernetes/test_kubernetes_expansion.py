"""kubelet ``$(VAR)`` expansion, one row per upstream case (docs/semantics.md §3.3, §3.4, §7.6, §7.8).

Rows are copied from kubernetes/kubernetes
``third_party/forked/golang/expansion/expand_test.go`` @ 490ffa43 (``doExpansionTest``,
run by ``TestMapping`` and ``TestMappingDual`` with the same contexts as upstream;
``TestMapReference``) and ``pkg/kubelet/container/helpers_test.go`` @ 00bdb3fa
(``TestExpandCommandAndArgs``). The Python literals use the same escapes as the Go ones.
"""

from __future__ import annotations

import pytest

from cmdresolve.model import Arg, Origin
from cmdresolve.resolve.kubernetes.container import expand_args
from cmdresolve.resolve.kubernetes.env_state import EnvEntry
from cmdresolve.resolve.kubernetes.expansion import expand_kubernetes_vars, mapping_for


def expand_command_and_args(
    command: list[str] | None, args: list[str] | None, env: dict[str, str]
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """``TestExpandCommandAndArgs`` through the resolver's own expansion of each field."""
    entries = [EnvEntry(k, v, None, f"env {k}", None, None) for k, v in env.items()]

    def field(items: list[str] | None, origin: Origin) -> tuple[str, ...] | None:
        args = None if items is None else tuple(Arg(item, origin) for item in items)
        expanded = expand_args(args, dict(env), entries, [], [])
        return None if expanded is None else tuple(a.value for a in expanded)

    return field(command, Origin.POD_COMMAND), field(args, Origin.POD_ARGS)

# TestMapping: one context; TestMappingDual: the same names split over two contexts.
CONTEXTS = [
    pytest.param(
        ({"VAR_A": "A", "VAR_B": "B", "VAR_C": "C", "VAR_REF": "$(VAR_A)", "VAR_EMPTY": ""},),
        id="TestMapping",
    ),
    pytest.param(
        (
            {"VAR_A": "A", "VAR_EMPTY": ""},
            {"VAR_B": "B", "VAR_C": "C", "VAR_REF": "$(VAR_A)"},
        ),
        id="TestMappingDual",
    ),
]

# doExpansionTest, in upstream order: (name, input, expected).
EXPANSION_TABLE = [
    ("whole string", "$(VAR_A)", "A"),
    ("repeat", "$(VAR_A)-$(VAR_A)", "A-A"),
    ("beginning", "$(VAR_A)-1", "A-1"),
    ("middle", "___$(VAR_B)___", "___B___"),
    ("end", "___$(VAR_C)", "___C"),
    ("compound", "$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
    ("escape & expand", "$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
    ("compound escape", "$$(VAR_A)_$$(VAR_B)", "$(VAR_A)_$(VAR_B)"),
    ("mixed in escapes", "f000-$$VAR_A", "f000-$VAR_A"),
    ("backslash escape ignored", "foo\\$(VAR_C)bar", "foo\\Cbar"),
    ("backslash escape ignored", "foo\\\\$(VAR_C)bar", "foo\\\\Cbar"),
    ("lots of backslashes", "foo\\\\\\\\$(VAR_A)bar", "foo\\\\\\\\Abar"),
    ("nested var references", "$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
    ("nested var references second type", "$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
    ("value is a reference", "$(VAR_REF)", "$(VAR_A)"),
    ("value is a reference x 2", "%%$(VAR_REF)--$(VAR_REF)%%", "%%$(VAR_A)--$(VAR_A)%%"),
    ("empty var", "foo$(VAR_EMPTY)bar", "foobar"),
    ("unterminated expression", "foo$(VAR_Awhoops!", "foo$(VAR_Awhoops!"),
    ("expression without operator", "f00__(VAR_A)__", "f00__(VAR_A)__"),
    ("shell special vars pass through", "$?_boo_$!", "$?_boo_$!"),
    ("bare operators are ignored", "$VAR_A", "$VAR_A"),
    ("undefined vars are passed through", "$(VAR_DNE)", "$(VAR_DNE)"),
    ("multiple (even) operators, var undefined", "$$$$$$(BIG_MONEY)", "$$$(BIG_MONEY)"),
    ("multiple (even) operators, var defined", "$$$$$$(VAR_A)", "$$$(VAR_A)"),
    ("multiple (odd) operators, var undefined", "$$$$$$$(GOOD_ODDS)", "$$$$(GOOD_ODDS)"),
    ("multiple (odd) operators, var defined", "$$$$$$$(VAR_A)", "$$$A"),
    ("missing open expression", "$VAR_A)", "$VAR_A)"),
    ("shell syntax ignored", "${VAR_A}", "${VAR_A}"),
    ("trailing incomplete expression not consumed", "$(VAR_B)_______$(A", "B_______$(A"),
    (
        "trailing incomplete expression, no content, is not consumed",
        "$(VAR_C)_______$(",
        "C_______$(",
    ),
    ("operator at end of input string is preserved", "$(VAR_A)foobarzab$", "Afoobarzab$"),
    ("shell escaped incomplete expr", "foo-\\$(VAR_A", "foo-\\$(VAR_A"),
    ("lots of $( in middle", "--$($($($($--", "--$($($($($--"),
    ("lots of $( in beginning", "$($($($($--foo$(", "$($($($($--foo$("),
    ("lots of $( at end", "foo0--$($($($(", "foo0--$($($($("),
    ("escaped operators in variable names are not escaped", "$(foo$$var)", "$(foo$$var)"),
    ("newline not expanded", "\n", "\n"),
]

ROWS = [
    pytest.param(text, expected, id=f"{number:02d} {name}")
    for number, (name, text, expected) in enumerate(EXPANSION_TABLE, start=1)
]


def test_table_is_complete() -> None:
    assert len(EXPANSION_TABLE) == 37


@pytest.mark.parametrize("maps", CONTEXTS)
@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_expansion_table(maps: tuple[dict[str, str], ...], text: str, expected: str) -> None:
    assert expand_kubernetes_vars(text, mapping_for(*maps))[0] == expected


def test_map_reference() -> None:
    # TestMapReference: env values are expanded in order against the map being filled in.
    envs = [("FOO", "bar"), ("ZOO", "$(FOO)-1"), ("BLU", "$(ZOO)-2")]
    declared = {"FOO": "bar", "ZOO": "$(FOO)-1", "BLU": "$(ZOO)-2"}
    lookup = mapping_for(declared, {})
    for name, value in envs:
        declared[name] = expand_kubernetes_vars(value, lookup)[0]
    assert declared == {"FOO": "bar", "ZOO": "bar-1", "BLU": "bar-1-2"}


# TestExpandCommandAndArgs: (container command, container args, envs, command, args).
COMMAND_AND_ARGS = [
    pytest.param(None, None, {}, None, None, id="none"),
    pytest.param(
        ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"],
        None,
        {"VAR_TEST": "zoo", "VAR_TEST2": "boo"},
        ("foo", "zoo", "boo"),
        None,
        id="command expanded",
    ),
    pytest.param(
        None,
        ["zap", "$(VAR_TEST)", "$(VAR_TEST2)"],
        {"VAR_TEST": "hap", "VAR_TEST2": "trap"},
        None,
        ("zap", "hap", "trap"),
        id="args expanded",
    ),
    pytest.param(
        ["$(VAR_TEST2)--$(VAR_TEST)", "foo", "$(VAR_TEST3)"],
        ["foo", "$(VAR_TEST)", "$(VAR_TEST2)"],
        {"VAR_TEST": "zoo", "VAR_TEST2": "boo", "VAR_TEST3": "roo"},
        ("boo--zoo", "foo", "roo"),
        ("foo", "zoo", "boo"),
        id="both expanded",
    ),
]


@pytest.mark.parametrize(("command", "args", "env", "want_command", "want_args"), COMMAND_AND_ARGS)
def test_expand_command_and_args(
    command: list[str] | None,
    args: list[str] | None,
    env: dict[str, str],
    want_command: tuple[str, ...] | None,
    want_args: tuple[str, ...] | None,
) -> None:
    assert expand_command_and_args(command, args, env) == (want_command, want_args)


def test_empty_lists_become_unset() -> None:
    # `if len(container.Command) != 0`: `command: []` is the same as no command (§3.4 rule 11).
    assert expand_command_and_args([], [], {"A": "a"}) == (None, None)


def test_empty_string_item_is_kept() -> None:
    assert expand_command_and_args([""], ["", "$(A)"], {"A": ""}) == (("",), ("", ""))


def test_command_may_use_any_env_name_and_keeps_unknown_ones() -> None:
    command = ["sh", "-c", "echo $(LATER) $(NOPE) $HOME"]
    assert expand_command_and_args(command, None, {"LATER": "x"}) == (
        ("sh", "-c", "echo x $(NOPE) $HOME"),
        None,
    )


MULTI_BYTE = [
    pytest.param("$é", "$é", id="2-byte"),
    pytest.param("pa$€word", "pa$€word", id="3-byte"),
    pytest.param("$😀$(VAR_A)", "$😀A", id="4-byte-then-reference"),
    pytest.param("$$é", "$é", id="escape-before-rune"),
    pytest.param("$(é)", "ü", id="rune-in-name"),
]


@pytest.mark.parametrize(("text", "expected"), MULTI_BYTE)
def test_dollar_before_multi_byte_rune(text: str, expected: str) -> None:
    # kubernetes PR #136325: "$" followed by a multi-byte character keeps the whole rune,
    # so the result stays valid UTF-8 (issue #136323: CRI gRPC refused the split rune).
    expanded, _, _ = expand_kubernetes_vars(text, mapping_for({"VAR_A": "A", "é": "ü"}))
    assert expanded == expected
    assert expanded.encode("utf-8").decode("utf-8") == expected


NAMES = [
    pytest.param("no references", (), (), id="none"),
    pytest.param("$(VAR_A)-$(VAR_B)-$(VAR_A)", ("VAR_A", "VAR_B"), (), id="duplicates-once"),
    pytest.param("$(VAR_DNE)$(VAR_A)$(VAR_DNE)", ("VAR_A",), ("VAR_DNE",), id="mixed"),
    pytest.param("foo$(VAR_EMPTY)bar", ("VAR_EMPTY",), (), id="empty-value-is-resolved"),
    pytest.param("$$(VAR_A)_$(VAR_B)", ("VAR_B",), (), id="escaped-is-not-a-reference"),
    pytest.param("$(VAR_A$(VAR_B))", (), ("VAR_A$(VAR_B",), id="nested-name-taken-verbatim"),
    pytest.param("$(foo$$var)", (), ("foo$$var",), id="dollars-in-name"),
    pytest.param("$(VAR_B)_$(A", ("VAR_B",), (), id="unterminated-is-not-a-reference"),
    pytest.param("$()", (), ("",), id="empty-name"),
    pytest.param("$(VAR_REF)", ("VAR_REF",), (), id="value-not-re-expanded"),
]


@pytest.mark.parametrize(("text", "resolved", "literal"), NAMES)
def test_names_resolved_and_left_literal(
    text: str, resolved: tuple[str, ...], literal: tuple[str, ...]
) -> None:
    lookup = mapping_for({"VAR_A": "A", "VAR_B": "B", "VAR_EMPTY": "", "VAR_REF": "$(VAR_A)"})
    _, got_resolved, got_literal = expand_kubernetes_vars(text, lookup)
    assert (got_resolved, got_literal) == (resolved, literal)


def test_first_map_wins() -> None:
    lookup = mapping_for({"A": "first", "E": ""}, {"A": "second", "B": "b", "E": "later"})
    assert [lookup(name) for name in ("A", "B", "E", "C")] == ["first", "b", "", None]


def test_no_maps_knows_nothing() -> None:
    assert expand_kubernetes_vars("$(A)", mapping_for()) == ("$(A)", (), ("A",))
