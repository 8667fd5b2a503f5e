"""How ``--verify``'s verdict reads: as JSON fields and as text lines."""

from __future__ import annotations

import json

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import say
from cmdresolve.render.escape import escape_json, escape_line
from cmdresolve.render.screen import width_of

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.engine import Verification
    from cmdresolve.render.screen import Screen

_HEADLINE = {
    "agree": (N_("✓ the engine agrees"), "ok"),
    "explained": (N_("≈ the engine differs only where its version is known to"), "warning"),
    "disagree": (N_("✗ the engine disagrees"), "error"),
    "not-predicted": (N_("? the engine's answer, where cmdresolve could not know"), "unknown"),
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
        "notes": list(v.notes),
    }


def verification_text(v: Verification, screen: Screen) -> list[str]:
    """The verdict, then each argv element predicted beside the engine's, then the
    env, working dir and user values that differ."""
    engine = v.engine
    where = f"Docker {engine.get('engine', '?')} (API {engine.get('api', '?')})"
    if v.builder:
        where += f", {v.builder}"
    title, style = _HEADLINE.get(v.status, (v.status, "bold"))
    heading = escape_line(say(N_("Verify — {engine}"), {"engine": where}))
    lines = [screen.paint(heading, "bold"), "  " + screen.paint(say(title), style)]
    if v.engine_error is not None:
        error = escape_line(say(N_("engine: {error}"), {"error": v.engine_error}))
        lines.extend(screen.wrap(error, "  "))
    if v.tokens:
        rows = [(str(i), _shown(mine), _shown(theirs), "✓" if mine == theirs else "✗")
                for i, (mine, theirs) in enumerate(v.tokens)]
        rows.insert(0, ("#", say(N_("predicted")), say(N_("engine")), ""))
        widths = [max(width_of(row[c]) for row in rows) for c in range(3)]
        for row in rows:
            cells = [row[c] + " " * (widths[c] - width_of(row[c])) for c in range(3)]
            lines.append(("  " + "  ".join([*cells, row[3]])).rstrip())
    differing = [f for f in v.fields if not f[3]]
    agreeing = len(v.fields) - len(differing)
    if v.fields:
        template = N_("{agreeing} of {count} env/working dir/user values agree")
        lines.append("  " + say(template, {"agreeing": agreeing, "count": len(v.fields)}))
    template = N_("✗ {name}: predicted {predicted}, engine {engine}")
    for name, p, e, _ok in differing:
        fields = {"name": _name(name), "predicted": _shown(p), "engine": _shown(e)}
        text = escape_line(say(template, fields))
        lines.extend(screen.paint(line, "error") for line in screen.wrap(text, "  "))
    for note in v.notes:
        text = escape_line(say(N_("note: {note}"), {"note": say(note)}))
        lines.extend(screen.paint(line, "dim") for line in screen.wrap(text, "  "))
    return lines


def _name(field: str) -> str:
    if field in _FIELDS:
        return say(_FIELDS[field])
    return say(N_("env {name}"), {"name": field.removeprefix("env ")})


def _shown(value: str | None) -> str:
    if value is None:
        return say(N_("(none)"))
    return escape_json(json.dumps(value, ensure_ascii=False))
