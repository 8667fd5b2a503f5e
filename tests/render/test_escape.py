"""Control characters made visible: each format keeps the value, and the terminal is safe."""

from __future__ import annotations

import json
import shlex
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from cmdresolve.render.escape import escape_block, escape_json, escape_line, shell_word

_CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0x202E, 0x2066, 0x2028)]
_TEXT = st.text(st.sampled_from([*_CONTROLS, "a", " ", "'", "\\", '"', "$", "é", "日"]), max_size=30)


@given(_TEXT)
def test_line_has_no_control_characters_left(text: str) -> None:
    shown = escape_line(text)
    assert not any(ch in shown for ch in _CONTROLS)


def test_named_escapes() -> None:
    assert escape_line("a\nb\tc\rd\x1be\x9bf\u202eg") == "a\\nb\\tc\\rd\\x1be\\x9bf\\u202eg"
    assert escape_block("a\nb\x1b") == "a\nb\\x1b"


@given(_TEXT)
def test_json_escapes_keep_the_value(text: str) -> None:
    encoded = escape_json(json.dumps({"v": text}, ensure_ascii=False))
    assert not any(ch in encoded for ch in _CONTROLS)
    assert json.loads(encoded) == {"v": text}


@given(_TEXT)
def test_plain_words_are_quoted_as_shlex_does(text: str) -> None:
    """shlex's quoting, except that a word with single quotes and nothing a shell reads
    inside double quotes is double-quoted ("['a','b']"); shlex reads both back whole."""
    plain = "".join(ch for ch in text if ch not in _CONTROLS)
    quoted = shell_word(plain)
    assert shlex.split(quoted) == [plain]
    if "'" in plain and not set(plain) & set('"$`\\!'):
        assert quoted == f'"{plain}"'
    else:
        assert quoted == shlex.quote(plain)


@settings(max_examples=25, deadline=None)
@given(_TEXT.filter(lambda t: "\x00" not in t))  # no shell passes a NUL in a word
def test_shell_word_gives_bash_the_same_bytes(text: str) -> None:
    quoted = shell_word(text)
    assert not any(ch in quoted for ch in _CONTROLS)
    out = subprocess.run(
        ["bash", "-c", f"printf %s {quoted}"],
        capture_output=True,
        check=True,
        env={"LC_ALL": "C.UTF-8"},
    ).stdout
    assert out == text.encode("utf-8", "surrogatepass")
