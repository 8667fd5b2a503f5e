"""How ``--verify``'s verdict reads: as JSON fields and as text lines."""

from __future__ import annotations

import json

from cmdresolve.render.escape import escape_json, escape_line

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model.engine import Verification
    from cmdresolve.render.screen import Screen

_HEADLINE = {
    "agree": ("✓ the engine agrees", "ok"),
    "explained": ("≈ the engine differs only where its version is known to", "warning"),
    "disagree": ("✗ the engine disagrees", "error"),
    "not-predicted": ("? the engine's answer, where cmdresolve could not know", "unknown"),
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


def verification_text(v: Verification, screen: Screen) -> list[str]:
    """The verdict, then each argv element predicted beside the engine's, then the
    env, working dir and user values that differ."""
    engine = v.engine
    where = f"Docker {engine.get('engine', '?')} (API {engine.get('api', '?')})"
    if v.builder:
        where += f", {v.builder}"
    title, style = _HEADLINE.get(v.status, (v.status, "bold"))
    lines = [screen.paint(escape_line(f"verify · {where}"), "bold")]
    lines.append("  " + screen.paint(title, style))
    if v.engine_error is not None:
        lines.extend(screen.wrap(escape_line(f"engine: {v.engine_error}"), "  "))
    if v.tokens:
        rows = [(str(i), _shown(mine), _shown(theirs), "✓" if mine == theirs else "✗")
                for i, (mine, theirs) in enumerate(v.tokens)]
        rows.insert(0, ("#", "predicted", "engine", ""))
        widths = [max(len(row[c]) for row in rows) for c in range(3)]
        for row in rows:
            cells = [row[c] + " " * (widths[c] - len(row[c])) for c in range(3)]
            lines.append(("  " + "  ".join([*cells, row[3]])).rstrip())
    differing = [f for f in v.fields if not f[3]]
    agreeing = len(v.fields) - len(differing)
    if v.fields:
        lines.append(f"  {agreeing} of {len(v.fields)} env/working dir/user values agree")
    for name, p, e, _ok in differing:
        text = escape_line(f"✗ {name}: predicted {_shown(p)}, engine {_shown(e)}")
        lines.extend(screen.paint(line, "error") for line in screen.wrap(text, "  "))
    for note in v.notes:
        lines.extend(screen.paint(line, "dim")
                     for line in screen.wrap(escape_line(f"note: {note}"), "  "))
    return lines


def _shown(value: str | None) -> str:
    return "(none)" if value is None else escape_json(json.dumps(value, ensure_ascii=False))
