"""Shared helpers: resolve Dockerfile text without touching the caller's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import Resolution

Resolver = Callable[..., Resolution]


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
