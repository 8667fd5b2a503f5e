"""The Korean catalog: complete, the same placeholders as the templates, compiled, and
what ``--lang ko`` prints (Korean sentences around an unchanged argv)."""

from __future__ import annotations

import gettext
import importlib.util
import json
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmdresolve.cli import main
from cmdresolve.render import catalog

ROOT = Path(__file__).resolve().parents[2]
KOREAN = ROOT / "cmdresolve" / "locale" / "ko" / "LC_MESSAGES" / "cmdresolve.po"
LAB = ROOT / "examples" / "webapp-color"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A %-conversion as argparse writes them (its own words are %-templates).
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")


def _tool():
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages_tool"] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
TEMPLATES = TOOL.templates()
ENTRIES = {e.msgid: e for e in TOOL.parse_po(KOREAN.read_text(encoding="utf-8")) if e.msgid}


@pytest.fixture
def korean() -> Iterator[None]:
    catalog.set_language("ko")
    try:
        yield
    finally:
        catalog.set_language("en")


def _short(texts: list[str]) -> list[str]:
    return [t[:80] for t in texts]


def test_every_message_has_a_korean_translation() -> None:
    missing = [t for t in TEMPLATES if t not in ENTRIES or not ENTRIES[t].msgstr]
    assert _short(missing) == [], "run: python tools/messages.py --update, then translate"


def test_no_translation_is_left_to_review_or_obsolete() -> None:
    assert _short([k for k, e in ENTRIES.items() if e.fuzzy]) == []
    assert _short([k for k in ENTRIES if k not in TEMPLATES]) == []


def _brace_fields(text: str) -> set[tuple[str, str, str]]:
    return {
        (name, conversion or "", spec or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def _percent_fields(text: str) -> list[str]:
    return sorted(m.group(0) for m in PERCENT.finditer(text))


def test_every_translation_keeps_the_placeholders() -> None:
    """The same set of ``{field}``s, each with its conversion and format spec (and the
    same %-conversions in argparse's words): none dropped, none added."""
    wrong = []
    for text, template in TEMPLATES.items():
        translation = ENTRIES[text].msgstr
        if template.kind == TOOL.DOC:
            continue
        if template.kind == TOOL.PERCENT:
            same = _percent_fields(text) == _percent_fields(translation)
        else:
            same = _brace_fields(text) == _brace_fields(translation)
        if not same:
            wrong.append(text)
    assert _short(wrong) == []


def test_a_changed_placeholder_is_caught() -> None:
    """The check above sees a dropped field, an added one and a changed conversion."""
    text = "argv[{index}] {program!r} is one element"
    assert _brace_fields(text) != _brace_fields("argv[{index}] 항목")
    assert _brace_fields(text) != _brace_fields("argv[{index}] {program!r} {extra}")
    assert _brace_fields(text) != _brace_fields("argv[{index}] {program} 항목")
    template = TOOL.Template(text, TOOL.BRACE)
    assert TOOL._mismatches(template, TOOL.Entry(text, "argv[{index}] {program}"))


def test_a_translation_kept_in_english_says_why() -> None:
    """Text kept in English (a runtime's own words) carries a ``# verbatim:`` comment."""
    kept = [
        text
        for text, entry in ENTRIES.items()
        if entry.msgstr == text
        and TOOL.has_words(text)
        and not any(c.startswith("# verbatim:") for c in entry.comments)
    ]
    assert _short(kept) == []


def test_translations_are_korean_sentences() -> None:
    """Every translation with words in it has Hangul, and none uses the polite
    register (KOREAN.md: plain -다)."""
    no_hangul = [
        t
        for t, e in ENTRIES.items()
        if e.msgstr != t and TOOL.has_words(e.msgstr) and not HANGUL.search(e.msgstr)
    ]
    polite = [t for t, e in ENTRIES.items() if re.search(r"습니다|입니다|세요|해요", e.msgstr)]
    assert (_short(no_hangul), _short(polite)) == ([], [])


def test_the_compiled_catalog_is_current_and_read_by_gettext() -> None:
    mo = KOREAN.with_suffix(".mo")
    compiled = TOOL._compiled(TOOL.parse_po(KOREAN.read_text(encoding="utf-8")))
    assert mo.read_bytes() == TOOL.mo_bytes(compiled), "run: python tools/messages.py"
    with mo.open("rb") as handle:
        read = gettext.GNUTranslations(handle)
    assert read.gettext("UTF-16 text (a byte-order mark); save it as UTF-8") == (
        ENTRIES["UTF-16 text (a byte-order mark); save it as UTF-8"].msgstr
    )
    assert read.info()["language"] == "ko"


def test_the_tool_check_passes() -> None:
    assert TOOL.problems(KOREAN) == []


def test_a_stale_catalog_is_named(tmp_path: Path) -> None:
    """``--check`` names a missing translation, an obsolete entry and a stale ``.mo``."""
    po = tmp_path / "cmdresolve.po"
    text = KOREAN.read_text(encoding="utf-8")
    first = next(iter(TEMPLATES))
    text = text.replace(TOOL._field("msgstr", ENTRIES[first].msgstr), 'msgstr ""\n', 1)
    text += '\nmsgid "a template no longer in the code"\nmsgstr "코드에 없는 템플릿"\n'
    po.write_text(text, encoding="utf-8")
    found = "\n".join(TOOL.problems(po))
    assert "not translated: " + repr(first[:70]) in found
    assert "no longer in the code" in found
    assert "cmdresolve.mo: not the compiled .po" in found


def test_update_keeps_translations_offers_similar_ones_and_drops_obsolete(tmp_path: Path) -> None:
    po = tmp_path / "cmdresolve.po"
    kept = "no such file"
    renamed = "UTF-16 text (a byte-order mark); save it as UTF-8"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\\n"\n\n'
        f'# a translator\'s note\nmsgid "{kept}"\nmsgstr "파일이 없다."\n\n'
        f'msgid "{renamed[:-8]}"\nmsgstr "분석할 입력이 없다."\n\n'
        'msgid "gone for good, nothing like any template"\nmsgstr "사라진 것"\n',
        encoding="utf-8",
    )
    text, said = TOOL.merged(po, "xx")
    entries = {e.msgid: e for e in TOOL.parse_po(text)}
    assert entries[kept].msgstr == "파일이 없다."
    assert entries[kept].comments == ["# a translator's note"]
    assert entries[renamed].fuzzy and entries[renamed].msgstr == "분석할 입력이 없다."
    assert entries[renamed].previous == renamed[:-8]
    assert "gone for good, nothing like any template" not in entries
    assert entries["rules takes no arguments"].msgstr == ""
    assert any(line.startswith("dropped") for line in said)
    assert set(entries) - {""} == set(TEMPLATES)
    # What --update wrote reads back the same: the format is stable.
    po.write_text(text, encoding="utf-8")
    assert TOOL.merged(po, "xx")[0] == text


def test_rule_docs_keep_their_code_and_translate_their_headings(korean: None) -> None:
    from cmdresolve.checks import RULES
    from cmdresolve.render.rules import SECTION_TITLES, rule_doc

    headings = [catalog.translate(t) for t in SECTION_TITLES]
    for rule in RULES:
        doc = rule_doc(rule)
        assert doc != rule.doc and HANGUL.search(doc), rule.code
        assert TOOL.code_blocks(doc) == TOOL.code_blocks(rule.doc), rule.code
        assert re.findall(r"^## (.*)$", doc, re.M) == headings, rule.code


def test_every_rule_doc_is_a_catalog_entry() -> None:
    from cmdresolve.checks import RULES

    assert [r.code for r in RULES if r.doc not in TEMPLATES] == []


def test_section_titles_are_the_rule_sections() -> None:
    from cmdresolve.checks import SECTIONS
    from cmdresolve.render.rules import SECTION_TITLES

    assert SECTION_TITLES == SECTIONS


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    try:
        main(args)
    finally:
        catalog.set_language("en")
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


@pytest.mark.parametrize(
    "files",
    [
        ["Dockerfile2"],
        ["webapp-color-2/Dockerfile", "webapp-color-2/webapp-color-pod.yaml"],
        ["fortune/Dockerfile", "fortune/fortune-pod.yaml"],
    ],
)
def test_lang_ko_says_a_lab_in_korean_around_the_same_argv(
    files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(LAB / f) for f in files]
    english = _json([*paths, "-o", "json"], capsys)
    korean = _json([*paths, "-o", "json", "--lang", "ko"], capsys)
    results = korean["results"]
    assert isinstance(results, list)
    assert [r["argv"] for r in results] == [r["argv"] for r in english["results"]]  # type: ignore[attr-defined]
    texts = [s["summary"] for r in results for s in r["steps"]]
    texts += [u["reason"] for r in results for u in r["unknowns"]]
    texts += [f["message"] for r in results for f in r["findings"]]
    assert texts and all(HANGUL.search(t) for t in texts), texts


def test_lang_ko_says_an_input_error_in_korean(capsys: pytest.CaptureFixture[str]) -> None:
    """A quoted phrase (``integer 1200``) is said in the language of its message too."""
    pod = LAB / "ubuntu-sleeper" / "ubuntu-sleeper-pod-integer.yaml"
    try:
        assert main([str(pod), "--lang", "ko"]) == 2
    finally:
        catalog.set_language("en")
    line = capsys.readouterr().err.strip()
    assert line == (
        f"cmdresolve: {pod}:13: CR303 spec.containers[0].command[1]: 문자열이어야 하는데 "
        '정수 1200 값이다. "1200"처럼 따옴표로 감싸면 된다.'
    )


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
        ({"LANGUAGE": "en:ko", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:ko"}, "ko"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_default_language_is_the_locale(
    environment: dict[str, str], language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    try:
        catalog.set_language(None)
        said = catalog.say("no such file")
    finally:
        catalog.set_language("en")
    assert said == ("파일이 없다." if language == "ko" else "no such file")


@pytest.mark.parametrize("asked", ["ko", "ko_KR", "ko_KR.UTF-8", "ko-KR"])
def test_lang_takes_a_locale_name(asked: str) -> None:
    try:
        catalog.set_language(asked)
        assert catalog.say("no such file") == "파일이 없다."
    finally:
        catalog.set_language("en")


def test_an_english_locale_never_imports_gettext(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM scratch\nCMD ["/app"]\n')
    code = (
        "import sys; from cmdresolve.cli import main; "
        f"main([{str(dockerfile)!r}, '-o', 'json']); print('gettext' in sys.modules, file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "en_US.UTF-8"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.stderr.strip() == "False"
