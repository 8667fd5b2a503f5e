"""``--help``: in the chosen language, under its headings, within 80 columns."""

from __future__ import annotations

import contextlib
import io
import unicodedata

import pytest

from cmdresolve import cli
from cmdresolve.render import catalog


def _columns(line: str) -> int:
    """Terminal columns: a wide (Hangul, CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _help(args: list[str], monkeypatch: pytest.MonkeyPatch, columns: int = 200) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
            cli.main(["--help", *args])
    finally:
        catalog.set_language("en")
    assert exit_.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("columns", "widest"), [(200, 80), (80, 80), (60, 60)])
def test_help_fits_the_terminal_and_80_columns(
    lang: str, columns: int, widest: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _help(["--lang", lang], monkeypatch, columns)
    too_wide = [line for line in text.splitlines() if _columns(line) > widest]
    # A command line of the examples is never broken: at 60 columns it may be wider.
    too_wide = [line for line in too_wide if not line.lstrip().startswith("cmdresolve --run")]
    assert too_wide == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_help_groups_every_option_under_its_heading(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _help(["--lang", lang], monkeypatch)
    catalog.set_language(lang)
    try:
        heading = {key: catalog.translate(title) + ":" for key, title in cli.GROUPS}
    finally:
        catalog.set_language("en")
    lines = text.splitlines()
    assert [line for line in lines if line in heading.values()] == list(heading.values())
    at_heading = {i: line for i, line in enumerate(lines) if line in heading.values()}
    for option in cli.OPTIONS:
        at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(option.names[0]))
        above = at_heading[max(i for i in at_heading if i < at)]
        assert above == heading[option.group], option.names


def test_help_is_korean_with_lang_ko(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help(["--lang", "ko"], monkeypatch)
    assert text.startswith("사용법: cmdresolve [FILE ...] [options]\n")
    assert "\n입력:\n" in text and "\n출력:\n" in text
    assert "이 도움말을 보여 주고 끝낸다." in text
    assert "컨테이너가 실행하는 프로세스를 정확히 보여 준다." in text


def test_help_gives_two_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help([], monkeypatch)
    assert "\nexamples:\n  cmdresolve Dockerfile pod.yaml\n" in text
    assert (
        "  cmdresolve --run 'docker run --entrypoint sleep2.0 ubuntu-sleeper 10' \\\n"
        "             --image ubuntu-sleeper=Dockerfile\n"
    ) in text


def test_argparse_says_its_errors_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        with pytest.raises(SystemExit):
            cli.main(["--lang", "ko", "-o", "xml", "Dockerfile"])
    finally:
        catalog.set_language("en")
    lines = capsys.readouterr().err.splitlines()
    # How argparse lists the choices changed in Python 3.12.8: only the words are pinned.
    assert lines[0].startswith(
        "cmdresolve: -o/--output: 'xml' 값은 쓸 수 없다. 다음 중 하나를 쓰면 된다: "
    )
    assert lines[1:] == [
        "사용법: cmdresolve [PATH ...] [options]",
        "'cmdresolve --help'로 도움말을 볼 수 있다.",
    ]
    with pytest.raises(SystemExit):  # and English again without --lang
        cli.main(["-o", "xml", "Dockerfile"])
    assert capsys.readouterr().err.splitlines()[0].startswith(
        "cmdresolve: argument -o/--output: invalid choice: 'xml' (choose from "
    )


@pytest.mark.parametrize(
    "argv", [["--lang", "ko", "rule", "CR209"], ["rule", "CR209", "--lang", "ko"],
             ["rule", "CR209", "--lang=ko"]]
)
def test_rule_takes_lang_before_or_after(argv: list[str], capsys) -> None:
    from cmdresolve.cli import main
    from cmdresolve.render import catalog

    try:
        assert main(argv) == 0
    finally:
        catalog.set_language(None)
    out = capsys.readouterr().out
    assert out.startswith("CR209 ") and any("\uac00" <= ch <= "\ud7a3" for ch in out)
