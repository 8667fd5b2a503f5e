"""Shared helpers: resolve Dockerfile text without touching the caller's files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import Resolution

Resolver = Callable[..., Resolution]

# The variables gettext reads the locale from, in its order.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True, scope="session")
def english_messages() -> Iterator[None]:
    """The tests read English whatever the locale of whoever runs them (a Korean locale
    would choose the Korean catalog), in this process and in the ones it starts."""
    from cmdresolve.render import catalog

    saved = {name: os.environ.pop(name, None) for name in LOCALE_VARIABLES}
    os.environ["LANG"] = "C.UTF-8"
    catalog.set_language(None)
    yield
    for name, value in saved.items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value


@pytest.fixture
def resolve_text(tmp_path: Path) -> Resolver:
    """Write Dockerfile text (and optional extra files) and resolve it with one run line."""

    def _resolve(text: str, run: str | None = None, **kwargs: object) -> Resolution:
        path = tmp_path / "Dockerfile"
        path.write_text(text, encoding="utf-8")
        answer = resolve([str(path)], Options(run=run, **kwargs))  # type: ignore[arg-type]
        results = list(answer)
        if answer.errors:
            raise answer.errors[0]
        assert len(results) == 1
        return results[0]

    return _resolve
