"""The sentences of the Docker Compose facts (resolve/compose): steps, unknowns, notes
and the findings of the compose checks."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.origins import NoteKind
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import UnknownKind
from cmdresolve.render.catalog import by

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FINDINGS", "NOTES", "STEPS", "UNKNOWNS"]

_null = by(
    "field",
    {
        "command": N_("command: null is not set: the image CMD is not replaced"),
        "entrypoint": N_("entrypoint: null is not set: the image ENTRYPOINT is not replaced"),
    },
)


def _variable(params: Params) -> tuple[str, Params]:
    names, where, unset = params["names"], params["where"], params["unset"]
    assert isinstance(names, tuple) and isinstance(where, tuple) and isinstance(unset, tuple)
    if unset:
        return (
            N_("{source} interpolated; {names} not set, so empty (Compose only warns)"),
            {"source": params["source"], "names": ", ".join(unset)},
        )
    places = ", ".join(f"{n} from {w}" if w else n for n, w in zip(names, where))
    return N_("{source} interpolated ({places})"), {"source": params["source"], "places": places}


_split = by(
    "escape",
    {
        "": N_(
            "the string {field} is split into words as Compose's shell-words parser does "
            "(go-shellwords v1.0.12; no shell, no expansion): {words}"
        ),
        "tn": N_(
            "the string {field} is split into words as Compose's shell-words parser does "
            "(go-shellwords v1.0.12; no shell, no expansion): {words}; an escaped t or n "
            "stays a letter, as the Compose v2.40.3 binary does (go-shellwords v1.0.13 and "
            "later would make it a TAB or a newline)"
        ),
    },
)

STEPS: Mapping[object, Phrase] = {
    StepKind.COMPOSE_PROFILE: N_("the service is enabled by its profile ({profiles})"),
    StepKind.COMPOSE_STRING_SPLIT: _split,
    StepKind.COMPOSE_OPERATOR_CUT: N_(
        "the string {field} is cut at the first unquoted shell operator and the rest is "
        "silently dropped: {dropped!r} never runs; words kept: {words}"
    ),
    StepKind.COMPOSE_LIST: N_("the list {field} is used as it is: {words}"),
    StepKind.COMPOSE_NULL: _null,
    StepKind.COMPOSE_EMPTY_ENTRYPOINT: N_(
        'entrypoint: [] (or "") drops the image ENTRYPOINT but the engine still fills the '
        "empty command from the image CMD"
    ),
    StepKind.COMPOSE_EMPTY_COMMAND: N_(
        'command: [] (or "") does not clear the image CMD: the engine fills an empty '
        "command from the image"
    ),
    StepKind.COMPOSE_RUN: N_(
        "docker compose run {service}: the words after the service replace command, "
        "--entrypoint replaces entrypoint (and empties command when no words follow)"
    ),
    StepKind.COMPOSE_WORKDIR: N_("working_dir sets the working directory to {path}"),
    StepKind.COMPOSE_INIT: N_(
        "init: true runs /sbin/docker-init as PID 1; it starts the command as its child"
    ),
}
UNKNOWNS: Mapping[object, Phrase] = {
    UnknownKind.COMPOSE_ENV_FROM_HOST: N_(
        "{name} takes its value from the environment Compose runs in"
    ),
    UnknownKind.COMPOSE_BUILD_CONTEXT: N_(
        "the build context {context} is remote: its Dockerfile is not read here"
    ),
}
NOTES: Mapping[object, Phrase] = {
    NoteKind.COMPOSE_VARIABLE: _variable,
}
FINDINGS: Mapping[object, Phrase] = {
    "CR210": N_(
        "the string {field} is cut at an unquoted shell operator: Compose runs only {words} "
        "and silently drops {dropped!r}; write it as a list, or as {fix} to keep a shell"
    ),
    "CR211": N_(
        "entrypoint: [] drops the image ENTRYPOINT, but the engine fills the empty command "
        "from the image CMD, so {cmd} still runs; set command to what should run"
    ),
    "CR304": N_(
        "{source}: {names} is not set in the environment or .env, so Compose puts an empty "
        "string (it only warns); set it, or give a default: ${{NAME:-value}}"
    ),
}
