"""The message catalog: in step with the code, and read through gettext."""

from __future__ import annotations

import gettext
import importlib.util
import sys
from pathlib import Path

import pytest

from cmdresolve.render import catalog, phrases

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages_tool"] = module
    spec.loader.exec_module(module)
    return module


def test_english_catalog_lists_every_template() -> None:
    assert _tool().main(["--check"]) == 0, "run: python tools/messages.py"


def test_every_phrase_is_a_catalog_template() -> None:
    known = _tool().templates()
    tables = (phrases.STEPS, phrases.UNKNOWNS, phrases.NOTES, phrases.FAILURES, phrases.FINDINGS)
    plain = [entry for table in tables for entry in table.values() if isinstance(entry, str)]
    assert [t for t in plain if t not in known] == []


def test_a_translation_is_read_through_gettext(tmp_path: Path, monkeypatch) -> None:
    tool = _tool()
    po = tmp_path / "xx" / "LC_MESSAGES" / "cmdresolve.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "the image {field} is used"\nmsgstr "이미지의 {field}를 씁니다"\n',
        encoding="utf-8",
    )
    tool.write_mo(tool.read_po(po), po.with_suffix(".mo"))
    with po.with_suffix(".mo").open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("the image {field} is used") == (
            "이미지의 {field}를 씁니다"
        )
    monkeypatch.setattr(catalog, "LOCALE_DIR", str(tmp_path))
    try:
        catalog.set_language("xx")
        assert catalog.say("the image {field} is used", {"field": "Cmd"}) == "이미지의 Cmd를 씁니다"
        assert catalog.say("not in the catalog") == "not in the catalog"
    finally:
        catalog.set_language("en")
    assert catalog.say("the image {field} is used", {"field": "Cmd"}) == "the image Cmd is used"


@pytest.mark.parametrize(("value", "shown"), [(("/bin/sh", "-c"), "['/bin/sh', '-c']"), ("x", "x")])
def test_a_tuple_parameter_prints_as_a_list(value: object, shown: str) -> None:
    assert catalog.say("{v}", {"v": value}) == shown  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("kinds", "table"),
    [
        ("StepKind", "STEPS"),
        ("UnknownKind", "UNKNOWNS"),
        ("NoteKind", "NOTES"),
        ("FailureKind", "FAILURES"),
    ],
)
def test_every_kind_has_its_sentence(kinds: str, table: str) -> None:
    import cmdresolve.model as model

    missing = [k for k in getattr(model, kinds) if k not in getattr(phrases, table)]
    assert missing == []


def test_every_rule_has_its_message() -> None:
    from cmdresolve.checks import RULES

    # CR303 is an input error: its message is the reader's, not a finding's.
    missing = [r.code for r in RULES if r.code not in phrases.FINDINGS and r.code != "CR303"]
    assert missing == []


def test_an_error_quoting_another_renders_both_through_the_catalog(monkeypatch) -> None:
    from cmdresolve.model import InputError, Span

    inner = InputError("unknown flag: {flag}", None, None, flag="--x")
    outer = InputError.quoting(inner, "ONBUILD trigger {trigger!r} fails: {error}", Span("D", 3))
    outer.params["trigger"] = "CMD --x y"
    assert outer.message == "ONBUILD trigger 'CMD --x y' fails: unknown flag: --x"
    words = {"unknown flag: {flag}": "모르는 플래그: {flag}"}
    monkeypatch.setattr(catalog, "_translate", lambda t: words.get(t, t))
    assert phrases.input_error_text(outer) == "ONBUILD trigger 'CMD --x y' fails: 모르는 플래그: --x"


def test_a_phrase_picks_its_template_by_a_parameter() -> None:
    phrase = catalog.by("v", {"unset": "none", "empty": "[]", "set": "{v}"}, key=catalog.state)
    assert [phrase({"v": v})[0] for v in (None, (), ("a",))] == ["none", "[]", "{v}"]
    fallback = catalog.by("o", {"x": "X"}, default="other")
    assert (fallback({"o": "x"})[0], fallback({"o": "y"})[0]) == ("X", "other")
    with pytest.raises(KeyError):
        catalog.by("o", {"x": "X"})({"o": "y"})
