"""The one message catalog: every sentence the tool prints is looked up here.

Templates are English ``str.format`` strings with named fields, written in the code
inside ``N_("…")``; ``cmdresolve/locale/en/LC_MESSAGES/cmdresolve.po`` lists them all
(made by ``tools/messages.py``, checked by a test), and a language's ``.mo`` file under
``locale/<lang>/LC_MESSAGES/`` translates them through the standard library's
:mod:`gettext`. English needs no ``.mo``: the template is the text.
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
    """Use ``language`` (``ko``, ``ko_KR.UTF-8``, ``en``; None: the locale, as gettext
    reads it: the first of ``LANGUAGE`` (a ``:`` list), ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` that is set)."""
    global _translate
    chosen = _catalog_language([language] if language else _locale_languages())
    if chosen is None:  # English, or no catalog: gettext need not even be imported
        _translate = _identity
        return
    import gettext

    _translate = gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True
    ).gettext


def _locale_languages() -> list[str]:
    """The languages the environment asks for, in gettext's order of the variables."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.split(":")
    return []


def _catalog_language(languages: list[str]) -> str | None:
    """The first of ``languages`` that has a catalog, unless English (or the C locale)
    comes first; a language is matched by its first part (``ko_KR.UTF-8`` is ``ko``)."""
    translated = {
        lang
        for lang in (os.listdir(LOCALE_DIR) if os.path.isdir(LOCALE_DIR) else ())
        if os.path.exists(os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo"))
    }
    for language in languages:
        primary = language.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
        if primary in ("en", "c", "posix"):
            return None
        if primary in translated:
            return primary
    return None


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
