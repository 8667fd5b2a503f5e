"""The sentence of each typed fact: steps, unknowns, notes, failures, findings, errors.

Each table maps a kind to its template, or to a function that picks the template
(and the fields it is filled with) from the fact's parameters. The tables live in
one module per real system; :mod:`cmdresolve.render.catalog` does the lookup.
"""

from __future__ import annotations

from cmdresolve.model.facts import N_, Words, assert_never
from cmdresolve.model.image import ImageSource, SourceKind
from cmdresolve.model.unknowns import Failure, Unknown
from cmdresolve.render.catalog import say
from cmdresolve.render.phrases import (
    compose,
    controllers,
    discover,
    docker,
    dockerfile,
    kubernetes,
    processes,
    script,
)

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.model import Arg, Finding, InputError, Notice, Step
    from cmdresolve.model.facts import Param, Params

    Phrase = str | Callable[[Params], tuple[str, Params]]

__all__ = [
    "failure_text",
    "finding_message",
    "input_error_text",
    "note_text",
    "notice_text",
    "source_text",
    "step_summary",
    "unknown_reason",
]

STEPS: Mapping[object, Phrase] = {
    **dockerfile.STEPS,
    **docker.STEPS,
    **kubernetes.STEPS,
    **controllers.STEPS,
    **compose.STEPS,
    **processes.STEPS,
    **discover.STEPS,
}
UNKNOWNS: Mapping[object, Phrase] = {
    **dockerfile.UNKNOWNS,
    **docker.UNKNOWNS,
    **kubernetes.UNKNOWNS,
    **controllers.UNKNOWNS,
    **compose.UNKNOWNS,
}
NOTES: Mapping[object, Phrase] = {
    **dockerfile.NOTES,
    **docker.NOTES,
    **kubernetes.NOTES,
    **compose.NOTES,
}
NOTICES: Mapping[object, Phrase] = {
    **kubernetes.NOTICES,
    **controllers.NOTICES,
    **discover.NOTICES,
}
FAILURES: Mapping[object, Phrase] = {
    **docker.FAILURES,
    **kubernetes.FAILURES,
    **controllers.FAILURES,
}
FINDINGS: Mapping[object, Phrase] = {
    **dockerfile.FINDINGS,
    **docker.FINDINGS,
    **kubernetes.FINDINGS,
    **compose.FINDINGS,
    **script.FINDINGS,  # type: ignore[dict-item]
}


def source_text(source: ImageSource) -> str:
    """Where an image config came from, as the user reads it."""
    match source.kind:
        case SourceKind.STAGE if source.stage_name:
            template = N_("{file} stage {stage} ({name})")
        case SourceKind.STAGE:
            template = N_("{file} stage {stage}")
        case SourceKind.CATALOG:
            template = N_("catalog {file} (tag pattern {pattern!r}), read from {url}")
        case SourceKind.FILE | SourceKind.REFERENCE | SourceKind.SCRATCH:
            return source.name
        case _:
            assert_never(source.kind)
    fields = {"file": source.name, "stage": source.stage, "name": source.stage_name}
    return say(template, {**fields, "pattern": source.pattern, "url": source.url})


def _words(params: Params) -> Params:
    """The parameters with each quoted fact (an image source, a failure, an unknown, a
    phrase) said in words, as the templates quote them."""
    if not any(isinstance(v, (ImageSource, Failure, Unknown, Words)) for v in params.values()):
        return params
    return {k: _word(v) for k, v in params.items()}


def _word(value: Param) -> Param:
    if isinstance(value, Words):
        return say(value.template, value.params)
    if isinstance(value, ImageSource):
        return source_text(value)
    if isinstance(value, Failure):
        return failure_text(value)
    if isinstance(value, Unknown):
        return unknown_reason(value)
    return value


def _phrase(table: Mapping[object, Phrase], key: object, params: Params) -> str:
    params = _words(params)
    entry = table[key]
    if isinstance(entry, str):
        return say(entry, _quotable(params))
    template, fields = entry(params)
    return say(template, _quotable(fields))


LONGEST_IN_PROSE = 4000
"""Characters of one value a sentence quotes before its middle is cut: the value is
whole in the argv, the args and the params; a sentence needs its start and end."""


def _quotable(fields: Params) -> Params:
    if not any(_too_long(v) for v in fields.values()):
        return fields
    template = N_("{start} … [{count} characters left out here] … {end}")
    # A list is quoted as the sentence would show it ([…], as say() does), then cut.
    return {k: cut_middle(v if isinstance(v, str) else repr(list(v)), 3000, 500, template)  # type: ignore[arg-type]
            if _too_long(v) else v for k, v in fields.items()}


def _too_long(value: object) -> bool:
    if isinstance(value, str):
        return len(value) > LONGEST_IN_PROSE
    if isinstance(value, tuple):
        return sum(len(v) for v in value if isinstance(v, str)) > LONGEST_IN_PROSE
    return False


def step_summary(step: Step) -> str:
    return _phrase(STEPS, step.kind, step.params)


def unknown_reason(unknown: Unknown) -> str:
    return _phrase(UNKNOWNS, unknown.kind, unknown.params)


def notice_text(notice: Notice) -> str:
    return _phrase(NOTICES, notice.kind, notice.params)


def note_text(arg: Arg) -> str | None:
    """All that is known about one argv element, ``; ``-joined, or None."""
    parts = [_phrase(NOTES, note.kind, note.params) for note in arg.notes]
    return "; ".join(parts) if parts else None


def failure_text(failure: Failure) -> str:
    return _phrase(FAILURES, failure.kind, failure.params)


def finding_message(finding: Finding) -> str:
    return _phrase(FINDINGS, finding.code, finding.params)


LONGEST_QUOTED = 120
"""A value quoted in a one-line message is cut to this many characters."""


def cut_middle(value: str, head: int, tail: int, template: str) -> str:
    """The first ``head`` and last ``tail`` characters of ``value`` around ``template``,
    which may name ``{start}``, ``{end}``, ``{length}`` and ``{count}`` (the characters
    left out); ``value`` itself when nothing would be left out."""
    count = len(value) - head - tail
    if count <= 0:
        return value
    start, end = value[:head], value[len(value) - tail :]
    return say(template, {"start": start, "end": end, "length": len(value), "count": count})


def shortened(value: str) -> str:
    """``value``, or its start and end around ``…`` and its length when it is longer
    than :data:`LONGEST_QUOTED` (a 5,000-digit number, a 1 MB line)."""
    if len(value) <= LONGEST_QUOTED:
        return value
    return cut_middle(value, 60, 20, N_("{start}…{end} ({length} characters)"))


def input_error_text(error: InputError) -> str:
    """``CODE message`` in the chosen language (the CLI puts the span in front)."""
    params = {k: shortened(v) if isinstance(v, str) else v for k, v in _words(error.params).items()}
    if error.cause is not None:
        params["error"] = input_error_text(error.cause)
    text = say(error.template, params)
    return f"{error.code} {text}" if error.code else text
