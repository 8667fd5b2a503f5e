"""The sentences of the dockerfile facts (resolve/dockerfile): steps, unknowns, notes,
failures, and the findings of the checks on them."""

from __future__ import annotations

import json

from cmdresolve.model.facts import N_
from cmdresolve.model.origins import NoteKind, Origin
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import UnknownKind
from cmdresolve.render.catalog import by, say, state

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Param, Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FAILURES", "FINDINGS", "NOTES", "N_", "STEPS", "UNKNOWNS"]


def _values(value: Param) -> tuple[str, ...]:
    assert isinstance(value, tuple)
    return value


def _json(value: Param) -> str:
    """An argv as JSON, as the findings show it (``["/bin/sh", "-c", "x"]``)."""
    return json.dumps(list(_values(value)), ensure_ascii=False)


def _dollars(value: Param) -> str:
    return ", ".join(f"${name}" for name in _values(value))


def _flags(value: Param) -> str:
    return " ".join(f"--build-arg {name}=…" for name in _values(value))


# --- steps ---


def _from_unset_arg(params: Params) -> tuple[str, Params]:
    template = N_(
        "FROM {base} reads {names}, which has no value (no default and no --build-arg "
        "here), so the base image is {image!r}; a build that gives {flags} starts from "
        "another image"
    )
    fields = {**params, "names": _dollars(params["args"]), "flags": _flags(params["args"])}
    return template, fields


_shell_wrap = by(
    "shell_from",
    {
        NoteKind.SHELL_INSTRUCTION: N_(
            "shell-form {instruction} becomes {shell} + one script string (SHELL)"
        ),
        NoteKind.DEFAULT_WINDOWS_SHELL: N_(
            "shell-form {instruction} becomes {shell} + one script string (default Windows shell)"
        ),
        NoteKind.DEFAULT_SHELL: N_(
            "shell-form {instruction} becomes {shell} + one script string (default shell)"
        ),
    },
)
_cmd = by(
    "form",
    {
        "exec": N_("CMD sets the image Cmd (exec form)"),
        "shell": N_("CMD sets the image Cmd (shell form)"),
    },
)
_entrypoint = by(
    "form",
    {
        "exec": N_("ENTRYPOINT sets the image Entrypoint (exec form)"),
        "shell": N_("ENTRYPOINT sets the image Entrypoint (shell form)"),
    },
)
_resets_cmd = by(
    "cmd_known",
    {
        False: N_(
            "ENTRYPOINT resets the Cmd inherited from the base image (whatever it is), "
            "because no CMD was set earlier in this stage"
        ),
        True: N_(
            "ENTRYPOINT resets the Cmd inherited from the base image ({cmd}), "
            "because no CMD was set earlier in this stage"
        ),
    },
)
_replaced = by(
    "line",
    {
        "unset": N_(
            "this {instruction} has no effect: the {instruction} at {at} of the same stage "
            "replaces it (only the last one counts)"
        ),
        "set": N_(
            "this {instruction} has no effect: the {instruction} at line {line} of the same "
            "stage replaces it (only the last one counts)"
        ),
    },
    key=state,
)


STEPS: Mapping[object, Phrase] = {
    StepKind.DOCKERFILE_TARGET: N_("--target {target} builds stage {stage} ({name})"),
    StepKind.DOCKERFILE_FROM: N_("base image {image} from {source}"),
    StepKind.DOCKERFILE_FROM_SCRATCH: N_(
        "stage {stage} starts from scratch: an empty filesystem, so no /bin/sh unless COPY "
        "or ADD puts one there"
    ),
    StepKind.DOCKERFILE_FROM_UNSET_ARG: _from_unset_arg,
    StepKind.DOCKERFILE_STAGE_INHERIT: N_(
        "stage {stage} starts from earlier stage {base!r}: it inherits that stage's "
        "ENTRYPOINT, CMD, SHELL, ENV, WORKDIR and USER"
    ),
    StepKind.DOCKERFILE_ONBUILD: N_(
        "{count} ONBUILD trigger(s) of {image} run first in this stage"
    ),
    StepKind.DOCKERFILE_SHELL: N_("SHELL {shell} for later shell forms"),
    StepKind.DOCKERFILE_SHELL_WRAP: _shell_wrap,
    StepKind.DOCKERFILE_CMD: _cmd,
    StepKind.DOCKERFILE_CMD_REPLACED: _replaced,
    StepKind.DOCKERFILE_ENTRYPOINT: _entrypoint,
    StepKind.DOCKERFILE_ENTRYPOINT_REPLACED: _replaced,
    StepKind.DOCKERFILE_ENTRYPOINT_RESETS_CMD: _resets_cmd,
}


# --- unknowns ---


def _platform_base(params: Params) -> tuple[str, Params]:
    template = N_(
        "FROM {base} uses {names}, which BuildKit sets from the build platform; the base "
        "image is not known (give {flags})"
    )
    names = ", ".join(_values(params["args"]))
    return template, {**params, "names": names, "flags": _flags(params["args"])}


UNKNOWNS: Mapping[object, Phrase] = {
    UnknownKind.DOCKERFILE_BASE_UNKNOWN: N_(
        "base image {image!r} is not known: its ENTRYPOINT, CMD, SHELL, ENV, WORKDIR and USER "
        "cannot be read; bind it with --image {image}=PATH (a Dockerfile or `docker image "
        "inspect` JSON)"
    ),
    UnknownKind.DOCKERFILE_PLATFORM_BASE: _platform_base,
    UnknownKind.DOCKERFILE_SHELL_UNKNOWN: N_(
        "{instruction} is in shell form and the base image's SHELL is not known, so the shell "
        "it is wrapped in is not known"
    ),
    UnknownKind.DOCKERFILE_WORKDIR_UNKNOWN: N_(
        "WORKDIR is relative to the base image's, which is not known"
    ),
}

NOTES: Mapping[object, Phrase] = {
    NoteKind.SHELL_INSTRUCTION: N_("SHELL"),
    NoteKind.DEFAULT_SHELL: N_("default shell"),
    NoteKind.DEFAULT_WINDOWS_SHELL: N_("default Windows shell"),
    NoteKind.SHELL_SCRIPT: N_("the shell script (-c)"),
}
FAILURES: Mapping[object, Phrase] = {}


# --- findings of the checks on Dockerfile facts (CR101-CR108, CR903) ---

def _cr101(params: Params) -> tuple[str, Params]:
    """CR101: one sentence per way the JSON array is broken (``problem``)."""
    match params["problem"]:
        case "unclosed":
            template = N_(
                "{instruction} is written as a JSON array but its `[` is never closed, so "
                "BuildKit keeps it as shell form: {instruction} becomes {argv} and the shell "
                "runs that text as a script"
            )
        case "single_quotes":
            template = N_(
                "{instruction} is written as a JSON array but uses single quotes (JSON strings "
                "take double quotes), so BuildKit keeps it as shell form: {instruction} "
                "becomes {argv} and the shell runs that text as a script"
            )
        case "trailing_text":
            template = N_(
                "{instruction} is written as a JSON array but has text after the closing `]` "
                "({trailing!r}), so BuildKit keeps it as shell form: {instruction} becomes "
                "{argv} and the shell runs that text as a script"
            )
        case "single_quotes_and_trailing_text":
            template = N_(
                "{instruction} is written as a JSON array but uses single quotes (JSON strings "
                "take double quotes) and has text after the closing `]` ({trailing!r}), so "
                "BuildKit keeps it as shell form: {instruction} becomes {argv} and the shell "
                "runs that text as a script"
            )
        case "invalid_json":
            template = N_(
                "{instruction} is written as a JSON array but is not valid JSON "
                "({json_error}), so BuildKit keeps it as shell form: {instruction} becomes "
                "{argv} and the shell runs that text as a script"
            )
        case _:
            template = N_(
                "{instruction} is written as a JSON array but is not a JSON array of strings, "
                "so BuildKit keeps it as shell form: {instruction} becomes {argv} and the "
                "shell runs that text as a script"
            )
    return template, {**params, "argv": _json(params["argv"])}


_CR102_SOURCES: dict[str, str] = {
    Origin.IMAGE_CMD: N_("CMD"),
    Origin.IMAGE_CMD_SHELL: N_("CMD"),
    Origin.RUN_ARGS: N_("run arguments"),
    Origin.POD_ARGS: N_("Kubernetes args"),
}


def _cr102(params: Params) -> tuple[str, Params]:
    """CR102: what becomes of the words after the script, when there are any."""
    shell = params["shell"] if params["shell"] is not None else say(N_("the shell"))
    fields = {**params, "argv": _json(params["argv"]), "shell": shell}
    after = _values(params["after"])
    if not after:
        return N_(
            "ENTRYPOINT is shell form, so the argv is {argv}: any CMD, run arguments or "
            "Kubernetes args would become the shell's $0, $1, … and be ignored unless the "
            "script uses them; and {shell}, not the program, is the process the container "
            "starts: unless the script or the image's {shell} execs the program, SIGTERM from "
            "`docker stop` reaches the shell, not it"
        ), fields
    origins = _values(params["after_origins"])
    said = (say(_CR102_SOURCES[o]) if o in _CR102_SOURCES else o for o in origins)
    labels = list(dict.fromkeys(said))
    fields["sources"] = labels[0]
    if len(labels) > 1:
        joined = {"items": ", ".join(labels[:-1]), "last": labels[-1]}
        fields["sources"] = say(N_("{items} and {last}"), joined)
    fields["dropped"] = ", ".join(repr(value) for value in after)
    return N_(
        "ENTRYPOINT is shell form, so the argv is {argv}: the {sources} ({dropped}) become "
        "the shell's $0, $1, … and are ignored unless the script uses them; and {shell}, not "
        "the program, is the process the container starts: unless the script or the image's "
        "{shell} execs the program, SIGTERM from `docker stop` reaches the shell, not it"
    ), fields


def _cr103(params: Params) -> tuple[str, Params]:
    fields = {
        **params,
        "entrypoint": _json(params["entrypoint"]),
        "argv": _json(params["argv"]),
        "passed": ", ".join(repr(value) for value in _values(params["passed"])),
    }
    return N_(
        "the exec-form ENTRYPOINT {entrypoint} receives the shell-form CMD as arguments: the "
        "argv is {argv}, so {program!r} gets {passed}; this works only if the entrypoint "
        'runs its arguments as a command (exec "$@")'
    ), fields


def _cr104(params: Params) -> tuple[str, Params]:
    positionals = _values(params["positionals"])
    fields = {
        **params,
        "entrypoint": _json(params["entrypoint"]),
        "argv": _json(params["argv"]),
        "positionals": ", ".join(f"${i}={value!r}" for i, value in enumerate(positionals)),
    }
    return N_(
        "ENTRYPOINT {entrypoint} takes only the first CMD element as the script: the argv is "
        "{argv}, so {program} runs the script {script!r} and the other CMD elements become "
        "its positional parameters ({positionals}), ignored unless the script uses them"
    ), fields


def _cr105(params: Params) -> tuple[str, Params]:
    if params.get("argv") is not None:
        return N_(
            "ENTRYPOINT resets the Cmd inherited from the base image ({cmd}), because no CMD "
            "was set earlier in this stage: the argv is {argv}, with no CMD arguments"
        ), {**params, "argv": _json(params["argv"])}
    return N_(
        "ENTRYPOINT resets the Cmd inherited from the base image ({cmd}), because no CMD was "
        "set earlier in this stage: nothing is left to run ({failure!r})"
    ), params


def _cr107(params: Params) -> tuple[str, Params]:
    return N_(
        "{instruction} is shell form, so the argv is {argv}, but the image is built FROM "
        "scratch, an empty filesystem: unless a COPY or ADD puts a shell at /bin/sh, the "
        "runtime cannot exec /bin/sh and the container does not start"
    ), {**params, "argv": _json(params["argv"])}


def _cr108(params: Params) -> tuple[str, Params]:
    if params["stored"] is None:
        return N_(
            "{instruction} is in shell form, so it is stored as the shell with one -c "
            "script: the shell is the process the container starts, and whether the program "
            "gets SIGTERM depends on the image's shell; exec form (a JSON array) names the argv"
        ), params
    return N_(
        "{instruction} is in shell form, so it is stored as {stored}: the shell is the "
        "process the container starts, and whether the program gets SIGTERM depends on the "
        "image's shell; exec form (a JSON array) names the argv"
    ), {**params, "stored": _json(params["stored"])}


def _cr109(params: Params) -> tuple[str, Params]:
    if params["runs_args"]:
        return N_(
            '{script} (read from {file}) runs "$@" without exec: its shell {shell} stays '
            "PID 1, so the CMD runs as its child and SIGTERM reaches the shell, not the "
            'program; end the script with exec "$@"'
        ), params
    return N_(
        '{script} (read from {file}) never runs "$@": the CMD is passed to it and ignored, '
        'and the script stays PID 1; end the script with exec "$@" to run the CMD'
    ), params


FINDINGS: Mapping[object, Phrase] = {  # by rule code
    "CR101": _cr101,
    "CR102": _cr102,
    "CR103": _cr103,
    "CR104": _cr104,
    "CR105": _cr105,
    "CR106": _replaced,  # the replaced step, said as the finding
    "CR107": _cr107,
    "CR108": _cr108,
    "CR109": _cr109,
    "CR903": _from_unset_arg,  # the unset-ARG step, said as the finding
}
