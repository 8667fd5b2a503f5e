"""Renderer tests give findings their own message text, whatever the rule's phrase."""

from __future__ import annotations

import pytest

from cmdresolve.render import phrases

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model.facts import Params


@pytest.fixture
def message_is_the_text_param(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding made with ``{"text": …}`` has that text as its message; others, their own."""
    for code in ("CR1", "CR101", "CR201", "CR301", "CR901", "CR999"):
        real = phrases.FINDINGS.get(code)

        def phrase(params: Params, real: object = real) -> tuple[str, Params]:
            if "text" in params or real is None:
                return "{text}", params
            if isinstance(real, str):
                return real, params
            return real(params)  # type: ignore[operator,no-any-return]

        monkeypatch.setitem(phrases.FINDINGS, code, phrase)  # type: ignore[index]
