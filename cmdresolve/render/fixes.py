"""The fixed text a finding's ``= help:`` line shows, where one follows from the facts.

Only what is certain: the same values written the way the mistake meant them (a JSON
array with double quotes, a command line split into elements). Nothing here guesses
what the author wanted beyond that; rules without a mechanical fix have none.
"""

from __future__ import annotations

import json

from cmdresolve.model import Origin
from cmdresolve.render.escape import escape_json, shell_join

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Finding, Resolution
    from cmdresolve.model.origins import Args

__all__ = ["fix_text"]

# Where an element came from, as the field the fix is written in.
_FIELD = {
    Origin.POD_COMMAND: "command: {values}",
    Origin.POD_ARGS: "args: {values}",
    Origin.IMAGE_ENTRYPOINT: "ENTRYPOINT {values}",
    Origin.IMAGE_CMD: "CMD {values}",
    Origin.POD_PROBE: "command: {values}",
    Origin.POD_HOOK: "command: {values}",
    Origin.IMAGE_HEALTHCHECK: "HEALTHCHECK CMD {values}",
}


def _argv_of(finding: Finding, result: Resolution) -> Args:
    """The argv the finding is about: the container's, or that of the process it names."""
    index = finding.params.get("process_index")
    if isinstance(index, int) and index < len(result.processes):
        return result.processes[index].argv or ()
    return result.argv or ()


def fix_text(finding: Finding, result: Resolution) -> str | None:
    if finding.code == "CR101":
        return _json_array(finding)
    if finding.code == "CR206":
        return _split_program(finding, result)
    return None


def _json(values: list[str]) -> str:
    return escape_json(json.dumps(values, ensure_ascii=False))


def _json_array(finding: Finding) -> str | None:
    """CR101 with single quotes: the same list with JSON's double quotes (read as a
    Python literal, which is data only; anything else has no fix)."""
    import ast

    if finding.params.get("problem") != "single_quotes":
        return None
    argv = finding.params.get("argv")
    if not isinstance(argv, tuple) or not argv or len(str(argv[-1])) > 10_000:
        return None
    try:
        value = ast.literal_eval(str(argv[-1]).strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return f"{finding.params['instruction']} {_json(value)}"


def _split_program(finding: Finding, result: Resolution) -> str | None:
    """CR206: the program's words as elements, the rest of its field after them."""
    index, words = finding.params.get("index"), finding.params.get("words")
    argv = _argv_of(finding, result)
    if not isinstance(index, int) or not isinstance(words, tuple) or index >= len(argv):
        return None
    origin = argv[index].origin
    rest = [a.value for a in argv[index + 1 :] if a.origin is origin]
    values = [str(w) for w in words] + rest
    if origin is Origin.RUN_ARGS:
        return shell_join(values)
    template = _FIELD.get(origin)
    return template.format(values=_json(values)) if template else None
