"""The sentences of the docker facts (resolve/docker): steps, unknowns, notes,
failures, and the findings of the checks on them."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.origins import NoteKind, Origin
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import FailureKind, UnknownKind
from cmdresolve.render.catalog import by, state

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Param, Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FAILURES", "FINDINGS", "NOTES", "NO_COMMAND", "N_", "STEPS", "UNKNOWNS"]

# The daemon's and the CRI runtimes' refusal, in the words both use.
NO_COMMAND = N_("no command specified")


_entrypoint_flag = by(
    "entrypoint",
    {
        "empty": N_(
            "--entrypoint resets the image ENTRYPOINT; the image CMD is not inherited either"
        ),
        "set": N_(
            "--entrypoint replaces the image ENTRYPOINT with [{entrypoint!r}] (one element, "
            "never split); the image CMD is not inherited either"
        ),
    },
    key=state,
)
_inherit_entrypoint = by(
    "value",
    {
        "unset": N_("the image ENTRYPOINT is used (not set)"),
        "empty": N_("the image ENTRYPOINT is used (set to [])"),
        "set": N_("the image ENTRYPOINT is used ({value})"),
    },
    key=state,
)
_inherit_cmd = by(
    "value",
    {
        "unset": N_("the image CMD is used (not set)"),
        "empty": N_("the image CMD is used (set to [])"),
        "set": N_("the image CMD is used ({value})"),
    },
    key=state,
)
_image_field = by(
    "field",
    {
        "cmd": N_(
            "the image CMD is not known (image {image}); bind the image with --image REF=PATH"
        ),
        "entrypoint": N_(
            "the image ENTRYPOINT is not known (image {image}); bind the image with "
            "--image REF=PATH"
        ),
    },
)


STEPS: Mapping[object, Phrase] = {
    StepKind.DOCKER_ENTRYPOINT_FLAG: _entrypoint_flag,
    StepKind.DOCKER_RUN_ARGS: N_("arguments after the image replace the image CMD"),
    StepKind.DOCKER_EMPTY_ENTRYPOINT: N_('an Entrypoint of [""] is reset to none'),
    StepKind.DOCKER_INHERIT_ENTRYPOINT: _inherit_entrypoint,
    StepKind.DOCKER_INHERIT_CMD: _inherit_cmd,
    StepKind.DOCKER_NO_COMMAND: N_(
        "neither an Entrypoint nor a Cmd is left: the daemon refuses to create the container "
        "(No command specified)"
    ),
    StepKind.DOCKER_ARGV: N_("argv = Entrypoint + Cmd; no shell is added at run time"),
    StepKind.DOCKER_INIT: N_("--init runs docker-init as PID 1 in front of the command"),
    StepKind.DOCKER_WORKDIR: N_("-w sets the working directory to {path}"),
    StepKind.SHELL_POSITIONALS: N_(
        "the {count} argument(s) after the shell-form script become the shell's $0, $1, … "
        "and are ignored unless the script uses them"
    ),
}
UNKNOWNS: Mapping[object, Phrase] = {
    UnknownKind.DOCKER_IMAGE_FIELD: _image_field,
    UnknownKind.DOCKER_USER: N_(
        "the user comes from the base image of {image}, which is not known"
    ),
    UnknownKind.DOCKER_ENV_FILE: N_("--env-file {path} was not read: its variables are not shown"),
    UnknownKind.PODMAN_HEALTHCHECK: N_(
        "podman reads --health-cmd and --no-healthcheck its own way (a JSON array, CMD, "
        "none), which is not modelled: the health check is not known"
    ),
    UnknownKind.DOCKER_ENV_FROM_HOST: N_(
        "{name} takes its value from the environment `docker` runs in"
    ),
    UnknownKind.DOCKER_IMAGE_ENV: N_(
        "the environment is incomplete: the base image of {image} sets variables that are not "
        "known here"
    ),
    UnknownKind.DOCKER_WORKDIR: N_("the working directory of image {image} is not known"),
    UnknownKind.IMAGE_NOT_KNOWN: N_(
        "image {image!r} is neither built from a given Dockerfile, bound with --image, nor in the "
        "catalog: its ENTRYPOINT and CMD are not known; supply them with --image {image}=PATH "
        "(a Dockerfile or `docker image inspect` JSON)"
    ),
}
NOTES: Mapping[object, Phrase] = {
    NoteKind.SHELL_OPERAND: N_(
        "${position} of the shell script: ignored unless the script uses it"
    ),
}
FAILURES: Mapping[object, Phrase] = {
    FailureKind.NO_COMMAND: NO_COMMAND,
    FailureKind.WORKDIR_NOT_ABSOLUTE: N_(
        "the working directory '{path}' is invalid, it needs to be an absolute path"
    ),
}


def _entrypoint_with_spaces(params: Params) -> tuple[str, Params]:
    words = params["words"]
    assert isinstance(words, tuple)
    if len(words) > 1:
        return (
            N_(
                "--entrypoint {value!r} becomes one argv element: Docker looks for a program "
                "literally named {value!r}, not {program!r} with the arguments {arguments}, "
                "and the exec fails"
            ),
            {"value": params["value"], "program": words[0], "arguments": words[1:]},
        )
    value = params["value"]
    assert isinstance(value, str)
    return (
        N_(
            "--entrypoint {value!r} becomes one argv element: Docker looks for a program "
            "literally named {value!r}, not {stripped!r}, and the exec fails"
        ),
        {"value": value, "stripped": value.strip()},
    )


_program_is_a_flag = by(
    "origin",
    {
        Origin.POD_ARGS: N_(
            "argv[{index}] {program!r} (from {origin}) is the program to execute, but it is an "
            "option: the exec fails (args on an image without ENTRYPOINT replace the image CMD, "
            "program included)"
        ),
        Origin.POD_COMMAND: N_(
            "argv[{index}] {program!r} (from {origin}) is the program to execute, but it is an "
            "option: the exec fails (command is Docker's ENTRYPOINT: put options in args)"
        ),
        Origin.RUN_ARGS: N_(
            "argv[{index}] {program!r} (from {origin}) is the program to execute, but it is an "
            "option: the exec fails (arguments after the image replace the image CMD, program "
            "included)"
        ),
    },
    default=N_(
        "argv[{index}] {program!r} (from {origin}) is the program to execute, but it is an "
        "option: the exec fails"
    ),
)


def _command_line_in_one_element(params: Params) -> tuple[str, Params]:
    words = params["words"]
    assert isinstance(words, tuple)
    return (
        N_(
            "argv[{index}] {program!r} is one element holding a whole command line: the runtime "
            "looks for a program literally named {program!r}, not {first!r} with the arguments "
            "{arguments}, and the exec fails"
        ),
        {**params, "first": words[0], "arguments": words[1:]},
    )


def _program_not_in_image(params: Params) -> tuple[str, Params]:
    at_path, suggested = params["path"] is None, params["suggestion"] is not None
    if at_path and suggested:
        template = N_(
            "argv[0] {program!r} is not a program of {image} at that path, so the exec fails; "
            "did you mean {suggestion!r}?"
        )
    elif at_path:
        template = N_(
            "argv[0] {program!r} is not a program of {image} at that path, so the exec fails"
        )
    elif suggested:
        template = N_(
            "argv[0] {program!r} is not a program of {image} in PATH {path}, so the exec fails; "
            "did you mean {suggestion!r}?"
        )
    else:
        template = N_(
            "argv[0] {program!r} is not a program of {image} in PATH {path}, so the exec fails"
        )
    return template, params


def _shell_variable(params: Params) -> tuple[str, Params]:
    fields = {**params, "refs": ", ".join(params["refs"])}  # type: ignore[arg-type]
    if params["kubernetes"]:
        return (
            N_(
                "argv[{index}] {value!r} keeps {refs} literally: Kubernetes expands only $(NAME) "
                "in command and args, and no shell runs them"
            ),
            fields,
        )
    return (
        N_(
            "argv[{index}] {value!r} keeps {refs} literally: no shell runs an exec-form argv, so "
            "the program receives the characters"
        ),
        fields,
    )


def _positionals(operands: Param) -> str:
    """``$0='a', $1='b'``: the words a ``-c`` script gets (the first few, then ``…``)."""
    assert isinstance(operands, tuple)
    shown = ", ".join(f"${i}={value!r}" for i, value in enumerate(operands[:MOST_OPERANDS]))
    return shown + (", …" if len(operands) > MOST_OPERANDS else "")


MOST_OPERANDS = 8
"""Positional parameters a message lists by name before it says ``…``."""


def _shell_operator(params: Params) -> tuple[str, Params]:
    if params.get("shell") is None:
        return (
            N_(
                "argv[{index}] is the literal string {operator!r}: no shell runs this argv, so "
                "{program!r} receives it as an argument and nothing is chained, piped or "
                "redirected"
            ),
            params,
        )
    if params["read"]:
        return (
            N_(
                "argv[{index}] {operator!r} comes after the {shell} -c script (argv[{script}]), "
                "so the shell does not read it as an operator: it is the script's ${position}, a "
                "plain word to the script, and nothing is chained, piped or redirected"
            ),
            params,
        )
    return (
        N_(
            "argv[{index}] {operator!r} comes after the {shell} -c script (argv[{script}]), so "
            "the shell does not read it as an operator: it is the script's ${position}, which "
            "the script never reads, and nothing is chained, piped or redirected; put the "
            "operator inside the script"
        ),
        params,
    )


def _argument_after_script(params: Params) -> tuple[str, Params]:
    return (
        N_(
            "{shell} -c takes only argv[{index}] {script!r} as its script: the elements after "
            "it become its positional parameters ({positionals}), which the script never "
            "reads, so they are ignored; put them inside the script"
        ),
        {**params, "positionals": _positionals(params["operands"])},
    )


def _unknown_image(params: Params) -> tuple[str, Params]:
    if "image" not in params:
        return N_(
            "the argv depends on the image ENTRYPOINT or CMD, which is not known: {unknown}"
        ), params
    match params["what"]:
        case "entrypoint":
            template = N_(
                "the argv depends on the image ENTRYPOINT, which comes from {image!r} and is not "
                "known here: bind it with --image {image}=PATH (a Dockerfile or `docker image "
                "inspect` JSON)"
            )
        case "cmd":
            template = N_(
                "the argv depends on the image CMD, which comes from {image!r} and is not known "
                "here: bind it with --image {image}=PATH (a Dockerfile or `docker image "
                "inspect` JSON)"
            )
        case _:
            template = N_(
                "the argv depends on the image ENTRYPOINT and CMD, which come from {image!r} and "
                "are not known here: bind it with --image {image}=PATH (a Dockerfile or `docker "
                "image inspect` JSON)"
            )
    return template, params


FINDINGS: Mapping[object, Phrase] = {  # by rule code, for the checks on these facts
    "CR201": N_(
        "--entrypoint {entrypoint!r} with no arguments after the image: the image CMD {cmd} is "
        "not passed, so the argv is just [{entrypoint!r}]; put the arguments after the image name"
    ),
    "CR202": _entrypoint_with_spaces,
    "CR205": _program_is_a_flag,
    "CR206": _command_line_in_one_element,
    "CR207": _shell_operator,
    "CR208": _program_not_in_image,
    "CR209": _argument_after_script,
    "CR301": _shell_variable,
    "CR901": N_(
        "no ENTRYPOINT, CMD, command or args is left, so the argv is empty and the container "
        "is never created ({error!r})"
    ),
    "CR902": _unknown_image,
}
