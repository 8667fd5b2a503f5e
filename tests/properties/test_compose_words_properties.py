"""Properties of Compose's shell-words splitting (docs/semantics.md §5.1) and of its
interpolation (§12.2), each against a reference written differently: the splitter
against a regular-expression tokenizer over the quoting grammar, the interpolation
against an evaluator of generated templates."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from cmdresolve.resolve.compose.interpolate import interpolate_compose
from cmdresolve.resolve.compose.shellwords import ShellWordsError, split_compose_words

# No ``(``, ``)``, backtick or ``$``: the reference below covers quoting, escapes,
# blanks and the operator cut, the grammar a command line is mostly made of.
alphabet = st.sampled_from(list("ab1 \t\n'\"\\;&|<>=-é"))
texts = st.text(alphabet, max_size=30)

_TOKEN = re.compile(
    r"""(?P<blank>[ \t\r\n]+)|(?P<op>[;&|<>])|'(?P<single>[^']*)'|"(?P<double>(?:[^"\\]|\\.)*)"|\\(?P<esc>.)|(?P<plain>[^ \t\r\n;&|<>'"\\])""",
    re.DOTALL,
)


def reference(text: str) -> list[str] | None:
    """Words by the quoting grammar; None where go-shellwords fails (open quote or a
    trailing backslash)."""
    words: list[str] = []
    current: list[str] | None = None
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        pos = m.end()
        kind = m.lastgroup
        if kind == "blank":
            if current is not None:
                words.append("".join(current))
            current = None
            continue
        if kind == "op":
            if m.group() == ">" and current and current[0][:1].isdigit():
                current = None
            break
        piece = m.group(kind or "plain")
        if kind == "double":
            piece = re.sub(r"\\(.)", r"\1", piece, flags=re.DOTALL)
        current = [*(current or []), piece] if current is not None else [piece]
    if current is not None:
        words.append("".join(current))
    return words


@given(texts)
def test_splitting_matches_the_reference(text: str) -> None:
    expected = reference(text)
    try:
        got = list(split_compose_words(text).words)
    except ShellWordsError:
        got = None
    if expected is not None and got is not None:
        # A digit word before ">" in the reference is the first piece's first character.
        assert got == expected
    else:
        assert got == expected, text


@given(st.text(st.sampled_from(list("ab1é= \t\n-")), max_size=30))
def test_plain_words_split_at_blanks(text: str) -> None:
    assert list(split_compose_words(text).words) == text.split()


@given(texts)
@example("\\1>")  # an escaped digit before `>`: the dropped text starts at the backslash
@example("a \\2>x")
def test_nothing_after_the_cut_is_read(text: str) -> None:
    try:
        words = split_compose_words(text)
    except ShellWordsError:
        return
    if words.cut is not None:
        again = split_compose_words(text[: words.cut])
        assert again.words == words.words


names = st.sampled_from(["A", "B", "EMPTY", "UNSET", "a_1"])
ENV = {"A": "va", "B": "v b", "EMPTY": "", "a_1": "x"}
literals = st.text(st.sampled_from(list("xy -:+?}{é")), max_size=4).filter(
    lambda s: "}" not in s and "{" not in s
)


@st.composite
def pieces(draw: st.DrawFn) -> tuple[str, str]:
    """A template piece and its value by the grammar of compose-go's template."""
    kind = draw(st.sampled_from(["lit", "dollar", "named", "braced", "op"]))
    if kind == "lit":
        text = draw(literals)
        return text, text
    if kind == "dollar":
        return "$$", "$"
    name = draw(names)
    value = ENV.get(name)
    if kind == "named":
        # A following name character would join the name: end with a blank.
        return f"${name} ", f"{value or ''} "
    if kind == "braced":
        return f"${{{name}}}", value or ""
    op = draw(st.sampled_from([":-", "-", ":+", "+"]))
    word = draw(literals.filter(lambda s: not any(o in s for o in ":-+?")))
    if op == ":-":
        result = value or word
    elif op == "-":
        result = word if value is None else value
    elif op == ":+":
        result = word if value else (value or "")
    else:
        result = word if value is not None else ""
    return f"${{{name}{op}{word}}}", result


@given(st.lists(pieces(), max_size=6))
def test_interpolation_follows_the_grammar(parts: list[tuple[str, str]]) -> None:
    text = "".join(p for p, _ in parts)
    expected = "".join(v for _, v in parts)
    assert interpolate_compose(text, ENV.get).value == expected


@given(st.text(st.sampled_from(list("ab {}-:é")), max_size=20))
def test_text_without_a_dollar_is_unchanged(text: str) -> None:
    done = interpolate_compose(text, ENV.get)
    assert done.value == text
    assert done.uses == ()
