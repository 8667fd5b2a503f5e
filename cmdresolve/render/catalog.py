"""The one message catalog: every sentence the tool prints is looked up here.

Templates are English ``str.format`` strings with named fields; ``cmdresolve/locale/
cmdresolve.pot`` lists them all (made by ``tools/messages.py``, checked by a test),
and a language's ``.mo`` file under ``locale/<lang>/LC_MESSAGES/`` translates them
through the standard library's :mod:`gettext`. English needs no file: the template is
the text.
"""

from __future__ import annotations

import os

from cmdresolve.model.facts import N_

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.model.facts import Param, Params

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "by", "say", "set_language", "state", "translate"]

DOMAIN = "cmdresolve"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")

_translate: Callable[[str], str] | None = None


def set_language(language: str | None) -> None:
    """Use ``language`` (``ko``, ``en``; None: the locale, as gettext reads it)."""
    global _translate
    languages = [language] if language else None
    if not _has_catalog(languages):
        _translate = _identity
        return
    import gettext

    _translate = gettext.translation(
        DOMAIN, LOCALE_DIR, languages=languages, fallback=True
    ).gettext


def _has_catalog(languages: list[str] | None) -> bool:
    """Any ``.mo`` for the language asked; English (the templates) needs none."""
    translated = [
        lang
        for lang in (os.listdir(LOCALE_DIR) if os.path.isdir(LOCALE_DIR) else ())
        if os.path.exists(os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo"))
    ]
    if not translated:  # no translation installed: gettext need not even be imported
        return False
    if languages is None:
        import gettext

        return gettext.find(DOMAIN, LOCALE_DIR) is not None
    return any(lang in translated for lang in languages if not lang.startswith("en"))


def _identity(template: str) -> str:
    return template


def translate(template: str) -> str:
    if _translate is None:
        set_language(None)
    assert _translate is not None
    return _translate(template)


def say(template: str, params: Params | None = None) -> str:
    """The sentence for ``template`` in the chosen language, its fields filled.

    A tuple parameter prints as a list (``['/bin/sh', '-c']``), as the argv does.
    """
    text = translate(template)
    if not params:
        return text
    return text.format_map({k: list(v) if isinstance(v, tuple) else v for k, v in params.items()})


def by(
    name: str,
    templates: Mapping[object, str],
    key: Callable[[Param], object] | None = None,
    default: str | None = None,
) -> Callable[[Params], tuple[str, Params]]:
    """A phrase whose whole-sentence template is picked by parameter ``name`` (or by
    ``key`` of it) and filled with the parameters as they are; ``default`` serves a
    value that has no template of its own."""

    def phrase(params: Params) -> tuple[str, Params]:
        value = params[name] if key is None else key(params[name])
        template = templates.get(value, default)
        if template is None:
            raise KeyError(f"no template for {name}={value!r}")
        return template, params

    return phrase


def state(value: Param) -> str:
    """``unset`` (None), ``empty`` (``()``, ``""``) or ``set``: a field's three states."""
    if value is None:
        return "unset"
    return "set" if value else "empty"
