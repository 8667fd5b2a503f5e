"""Splitting a pasted command line into words with columns (cmdline.shell_words)."""

from __future__ import annotations

from array import array

from cmdresolve.sources.cmdline.shell_words import split_words


def _cols(line: str) -> list[tuple[str, int, list[int]]]:
    return [(w.text, w.col, [w.col_at(k) for k in range(len(w.text))]) for w in split_words(line, "f")]


def test_split_words_columns_of_every_quoting_form() -> None:
    #        1234567890123456789012345
    line = "ab'c d'\"e\\\"f\\g\"\\h i\\\nj"
    assert _cols(line) == [
        ("abc de\"f\\gh", 1, [1, 2, 4, 5, 6, 9, 11, 12, 13, 14, 17]),
        ("ij", 19, [19, 22]),
    ]


def test_split_words_col_at_past_the_end_is_the_word_column() -> None:
    (word,) = split_words("  abc", "f")
    assert (word.col_at(0), word.col_at(2), word.col_at(3), word.col_at(10)) == (3, 5, 3, 3)


def test_split_words_plain_words_of_a_long_line() -> None:
    # 250,000 words written as they read: each takes its columns from its first one.
    words = split_words("a bc " * 125_000 + "'d'e", "f")
    assert len(words) == 250_001
    assert [(w.text, w.col, w.col_at(1)) for w in words[-3:]] == [
        ("a", 624_996, 624_996), ("bc", 624_998, 624_999), ("de", 625_001, 625_004)
    ]


def test_split_words_long_word_keeps_a_column_per_character_in_four_bytes() -> None:
    # A tuple of ints per character (and a list of pairs while splitting) took about
    # a hundred bytes a character; an array of unsigned ints takes four.
    n = 1_000_000
    (word,) = split_words("'" + "x" * n + "'\"" + "y" * n + '"z', "f")
    assert (len(word.text), word.col_at(0), word.col_at(n), word.col_at(2 * n)) == (
        2 * n + 1, 2, n + 4, 2 * n + 5,
    )
    assert len(word.cols) == (2 * n + 1) * array("I").itemsize


def _outcome(line: str) -> object:
    from cmdresolve.model import InputError

    try:
        return [(w.text, w.col, w.cols) for w in split_words(line, "f")]
    except InputError as exc:
        return str(exc)


def test_common_words_read_whole_as_character_by_character(monkeypatch) -> None:
    # Plain and single-quoted words are read at once; every line of these pieces must
    # come out as the character-by-character reading gives it (words, columns, errors).
    from itertools import product

    from cmdresolve.sources.cmdline import shell_words

    pieces = ["a", "bc", " ", "\t", "\n", "'x y'", "''", "'", '"q"', "\\", "\\\n", "#", ";",
              "|", "é", "a#b", "&"]  # fmt: skip
    lines = ["".join(p) for n in (1, 2, 3) for p in product(pieces, repeat=n)]
    fast = [_outcome(line) for line in lines]
    monkeypatch.setattr(shell_words._Splitter, "_common_word", lambda self: False)
    assert fast == [_outcome(line) for line in lines]


def test_repeated_words_share_one_string() -> None:
    words = split_words("run --opt value --opt 'value'", "f")
    assert words[1].text is words[3].text and words[2].text is words[4].text


def test_words_slice_and_drop_keep_each_words_columns() -> None:
    line = "docker run img a\\ b 'c d' \"e\"f plain"
    words = split_words(line, "--run")
    whole = list(words)
    tail = words[3:]
    assert list(tail) == whole[3:]
    assert [w.col_at(1) for w in tail] == [w.col_at(1) for w in whole[3:]]
    assert words[-1] == whole[-1]
    words.drop_from(3)
    assert list(words) == whole[:3] and len(words) == 3
