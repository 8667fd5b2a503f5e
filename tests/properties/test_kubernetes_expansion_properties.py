"""Properties of kubelet's ``$(VAR)`` expansion (docs/semantics.md §3.3).

Besides the stated properties, every drawn input is compared with ``go_expand``, a
line-by-line port of kubernetes ``third_party/forked/golang/expansion/expand.go``
@ fde22c3f (``Expand``, ``tryReadVariableName`` with ``utf8.DecodeRuneInString``,
``MappingFuncFor``, ``syntaxWrap``) that works on UTF-8 bytes as Go does.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from cmdresolve.resolve.kubernetes.expansion import expand_kubernetes_vars, mapping_for

# Inputs rich in the characters the algorithm looks at, plus any other character
# (surrogates excluded: they cannot come out of a UTF-8 manifest).
any_char = st.characters(codec="utf-8")
special_chars = st.sampled_from(["$", "$", "$", "(", ")", "{", "\\", "é", "€", "😀", "A"])
texts = st.text(special_chars | any_char, max_size=40)
no_dollar = st.text(
    st.sampled_from(["(", ")", "{", "\\", "é", "€", "😀", "A", "_"]) | any_char, max_size=12
).filter(lambda s: "$" not in s)
odd_names = st.sampled_from(["A", "B", "VAR_A", "", "é", "a$b", "$", "x("])
names = odd_names | st.text(any_char, max_size=5)
envs = st.dictionaries(names, st.text(special_chars | any_char, max_size=8), max_size=6)
plain_envs = st.dictionaries(names, no_dollar, max_size=6)
reference_names = names.filter(lambda s: ")" not in s)


def go_expand(text: str, maps: Mapping[str, str]) -> str:
    """``expansion.Expand(text, expansion.MappingFuncFor(maps))``, byte for byte."""
    data = text.encode("utf-8")
    buf = bytearray()
    checkpoint = cursor = 0
    while cursor < len(data):
        if data[cursor] == ord("$") and cursor + 1 < len(data):
            buf += data[checkpoint:cursor]
            read, is_var, advance = _go_try_read_variable_name(data[cursor + 1 :])
            buf += _go_mapping(read, maps) if is_var else read
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    return (bytes(buf) + data[checkpoint:]).decode("utf-8")


def _go_try_read_variable_name(data: bytes) -> tuple[bytes, bool, int]:
    size = _rune_size(data[0])
    if data[0] == ord("$"):
        return data[:size], False, size
    if data[0] == ord("("):
        for i in range(1, len(data)):
            if data[i] == ord(")"):
                return data[1:i], True, i + 1
        return b"$(", False, 1
    return b"$" + data[:size], False, size


def _rune_size(lead: int) -> int:
    # utf8.DecodeRuneInString on valid UTF-8: the lead byte gives the length.
    return 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


def _go_mapping(name: bytes, maps: Mapping[str, str]) -> bytes:
    key = name.decode("utf-8")
    return maps[key].encode("utf-8") if key in maps else b"$(" + name + b")"


def _never_called(name: str) -> str | None:
    raise AssertionError(f"lookup called for {name!r}")


@given(texts, envs)
def test_matches_a_port_of_upstream_expand(text: str, env: dict[str, str]) -> None:
    assert expand_kubernetes_vars(text, mapping_for(env))[0] == go_expand(text, env)


@given(texts.filter(lambda s: "$(" not in s and "$$" not in s))
def test_text_without_references_or_escapes_is_unchanged(text: str) -> None:
    assert expand_kubernetes_vars(text, _never_called) == (text, (), ())


@given(texts.filter(lambda s: "$(" not in s))
def test_without_references_only_escapes_change(text: str) -> None:
    # "$$" is the one escape and pairs from the left; nothing is looked up.
    assert expand_kubernetes_vars(text, _never_called) == (text.replace("$$", "$"), (), ())


@given(no_dollar)
def test_escaped_reference_comes_back_literally(name: str) -> None:
    escaped = "$$(" + name + ")"
    assert expand_kubernetes_vars(escaped, lambda _: "VALUE") == ("$(" + name + ")", (), ())


@given(texts)
def test_empty_mapping_never_raises_and_resolves_nothing(text: str) -> None:
    expanded, resolved, _ = expand_kubernetes_vars(text, mapping_for())
    assert resolved == ()
    assert expanded == go_expand(text, {})


@given(st.lists(st.tuples(no_dollar, reference_names), max_size=5), no_dollar)
def test_empty_mapping_leaves_references_intact(pieces: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{literal}$({name})" for literal, name in pieces) + tail
    expanded, resolved, literal = expand_kubernetes_vars(text, mapping_for({}))
    assert expanded == text
    assert resolved == ()
    assert literal == tuple(dict.fromkeys(name for _, name in pieces))


@given(texts, plain_envs)
def test_no_dollar_is_invented(text: str, env: dict[str, str]) -> None:
    expanded, _, _ = expand_kubernetes_vars(text, mapping_for(env))
    assert expanded.count("$") <= text.count("$")


@given(texts, envs)
def test_names_are_split_by_whether_the_mapping_knows_them(text: str, env: dict[str, str]) -> None:
    _, resolved, literal = expand_kubernetes_vars(text, mapping_for(env))
    assert all(name in env for name in resolved)
    assert not any(name in env for name in literal)
    assert len(set(resolved)) == len(resolved)
    assert len(set(literal)) == len(literal)
