"""How ``--verify``'s verdict reads: as JSON fields and as text lines."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_json
from cmdresolve.render.text import text_of

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Any

    from rich.console import RenderableType

    from cmdresolve.model.engine import Verification

_HEADLINE = {
    "agree": (N_("✓ the engine agrees"), "bold green"),
    "explained": (N_("≈ the engine differs only where its version is known to"), "bold yellow"),
    "disagree": (N_("✗ the engine disagrees"), "bold red"),
    "not-predicted": (N_("? the engine's answer, where cmdresolve could not know"), "bold yellow"),
}
# The names of the compared fields other than env variables ("env NAME"), as the text says them.
_FIELDS = {"working dir": N_("working dir"), "user": N_("user")}


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
        "notes": [say(note) for note in v.notes],
    }


def verification_text(v: Verification) -> list[RenderableType]:
    engine = v.engine
    where = f"Docker {engine.get('engine', '?')} (API {engine.get('api', '?')})"
    if v.builder:
        where += f", {v.builder}"
    title, style = _HEADLINE.get(v.status, (v.status, "bold"))
    parts: list[RenderableType] = [
        text_of(say(N_("Verify — {engine}"), {"engine": where}), style="bold"),
        Text(f"  {say(title)}", style=style),
    ]
    if v.engine_error is not None:
        parts.append(text_of("  " + say(N_("engine: {error}"), {"error": v.engine_error})))
    if v.tokens:
        table = Table(box=None, padding=(0, 2), show_edge=False)
        for column in ("#", say(N_("predicted")), say(N_("engine")), ""):
            table.add_column(column)
        for i, (mine, theirs) in enumerate(v.tokens):
            table.add_row(str(i), _shown(mine), _shown(theirs), "✓" if mine == theirs else "✗")
        parts.append(table)
    differing = [f for f in v.fields if not f[3]]
    agreeing = len(v.fields) - len(differing)
    if v.fields:
        template = N_("{agreeing} of {count} env/working dir/user values agree")
        parts.append(Text("  " + say(template, {"agreeing": agreeing, "count": len(v.fields)})))
    template = N_("✗ {name}: predicted {predicted}, engine {engine}")
    for name, p, e, _ok in differing:
        fields = {"name": _name(name), "predicted": _shown(p), "engine": _shown(e)}
        parts.append(text_of("  " + say(template, fields), style="red"))
    for note in v.notes:
        parts.append(text_of("  " + say(N_("note: {note}"), {"note": say(note)}), style="dim"))
    return parts


def _name(field: str) -> str:
    if field in _FIELDS:
        return say(_FIELDS[field])
    return say(N_("env {name}"), {"name": field.removeprefix("env ")})


def _shown(value: str | None) -> str:
    if value is None:
        return say(N_("(none)"))
    return escape_json(json.dumps(value, ensure_ascii=False))
