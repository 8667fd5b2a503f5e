"""How ``--verify``'s verdict reads: as JSON fields and as text lines."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from cmdresolve.render.escape import escape_json
from cmdresolve.render.text import text_of

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Any

    from rich.console import RenderableType

    from cmdresolve.model.engine import Verification

_HEADLINE = {
    "agree": ("✓ the engine agrees", "bold green"),
    "explained": ("≈ the engine differs only where its version is known to", "bold yellow"),
    "disagree": ("✗ the engine disagrees", "bold red"),
    "not-predicted": ("? the engine's answer, where cmdresolve could not know", "bold yellow"),
}


def verification_json(v: Verification) -> dict[str, Any]:
    return {
        "status": v.status,
        "engine": dict(v.engine),
        "builder": v.builder,
        "argv": [e for _, e in v.tokens if e is not None] if v.engine_error is None else None,
        "engine_error": v.engine_error,
        "tokens": [
            {"predicted": p, "engine": e, "agree": p == e} for p, e in v.tokens
        ],
        "fields": [
            {"name": name, "predicted": p, "engine": e, "agree": ok}
            for name, p, e, ok in v.fields
        ],
        "notes": list(v.notes),
    }


def verification_text(v: Verification) -> list[RenderableType]:
    engine = v.engine
    where = f"Docker {engine.get('engine', '?')} (API {engine.get('api', '?')})"
    if v.builder:
        where += f", {v.builder}"
    title, style = _HEADLINE.get(v.status, (v.status, "bold"))
    parts: list[RenderableType] = [
        text_of(f"Verify — {where}", style="bold"),
        Text(f"  {title}", style=style),
    ]
    if v.engine_error is not None:
        parts.append(text_of(f"  engine: {v.engine_error}"))
    if v.tokens:
        table = Table(box=None, padding=(0, 2), show_edge=False)
        for column in ("#", "predicted", "engine", ""):
            table.add_column(column)
        for i, (mine, theirs) in enumerate(v.tokens):
            table.add_row(str(i), _shown(mine), _shown(theirs), "✓" if mine == theirs else "✗")
        parts.append(table)
    differing = [f for f in v.fields if not f[3]]
    agreeing = len(v.fields) - len(differing)
    if v.fields:
        parts.append(Text(f"  {agreeing} of {len(v.fields)} env/working dir/user values agree"))
    parts.extend(
        text_of(f"  ✗ {name}: predicted {_shown(p)}, engine {_shown(e)}", style="red")
        for name, p, e, _ok in differing
    )
    parts.extend(text_of(f"  note: {note}", style="dim") for note in v.notes)
    return parts


def _shown(value: str | None) -> str:
    return "(none)" if value is None else escape_json(json.dumps(value, ensure_ascii=False))
