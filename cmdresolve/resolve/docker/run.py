"""``docker run`` / ``docker create`` on top of an image config: the CLI and daemon merge.

Authority: docker/cli ``cli/command/container/opts.go :: parse`` (the
``--entrypoint`` and trailing-args rules) and moby/moby ``daemon/commit.go ::
merge``, ``daemon/create.go :: mergeAndVerifyConfig``, ``daemon/container.go ::
getEntrypointAndArgs`` (SEMANTICS §2).
"""

from __future__ import annotations

from dataclasses import replace

from cmdresolve.model import Arg, ImageConfig, Resolution, Step, Unknown
from cmdresolve.model.engine import EngineRequest
from cmdresolve.model.overrides import DockerRun

MOBY_MERGE = "moby/moby daemon/commit.go :: merge"
MOBY_VERIFY = "moby/moby daemon/create.go :: mergeAndVerifyConfig"
NO_COMMAND = "no command specified"


def merge_docker_run(image: ImageConfig, run: DockerRun | None) -> Resolution:
    """The process ``docker run`` starts: argv, env, working dir and user.

    Without ``run`` this is ``docker run IMAGE`` with no options.
    """
    steps: list[Step] = []
    unknowns: list[Unknown] = []
    argv, error = merge_command(image, run, steps, unknowns)
    if argv is not None:  # the shell's operands, counted before any init wraps it
        argv = annotate_shell_positionals(argv, steps)
    if argv is not None and run is not None and run.init:
        argv = (Arg("/sbin/docker-init", "run.init"), Arg("--", "run.init"), *argv)
        steps.append(
            Step(
                "docker.init",
                "--init runs docker-init as PID 1 in front of the command",
                "moby/moby daemon/oci_linux.go (process args: /sbin/docker-init -- Path Args)",
            )
        )
    env = merge_env(image, run, steps, unknowns)
    workdir = merge_working_dir(image, run, steps, unknowns)
    if isinstance(workdir, _Invalid):
        argv, error, workdir = None, workdir.message, None
    user = run.user if run is not None and run.user is not None else image.user
    user_unknown = not image.knows("user") and (run is None or run.user is None)
    if user_unknown:
        unknowns.append(
            Unknown(f"the user comes from the base image of {image.source}, which is not known")
        )
    incomplete = {
        "argv": argv is None and error is None,
        "env": not image.knows("env") or bool(run and (run.env_files or _bare(run.env))),
        "working_dir": workdir is None and error is None,
        "user": user_unknown,
    }
    return Resolution(
        runtime="docker",
        argv=argv,
        error=error,
        env=env,
        working_dir=workdir,
        user=user or None,
        steps=tuple(steps),
        unknowns=tuple(unknowns),
        image=run.image if run is not None else None,
        incomplete=frozenset(name for name, missing in incomplete.items() if missing),
        image_config=image,
        engine_request=engine_request(run),
    )


def engine_request(run: DockerRun | None) -> EngineRequest:
    """The same ``docker create`` options, for ``--verify``."""
    if run is None:
        return EngineRequest()
    return EngineRequest(
        image=run.image,
        entrypoint=None if run.entrypoint is None else (run.entrypoint.value,),
        cmd=None if run.args is None else tuple(a.value for a in run.args),
        env=run.env,
        working_dir=run.working_dir,
        user=run.user,
        init=run.init,
    )


def merge_command(
    image: ImageConfig, run: DockerRun | None, steps: list[Step], unknowns: list[Unknown]
) -> tuple[tuple[Arg, ...] | None, str | None]:
    """Entrypoint and Cmd after the daemon merge, or the error that stops the container.

    Authority: moby ``merge``: when the user Entrypoint is empty (nil or ``[]``),
    an empty user Cmd takes the image Cmd and a nil user Entrypoint takes the
    image Entrypoint; a non-empty one (``[""]`` included) inherits nothing.
    ``mergeAndVerifyConfig`` then resets ``[""]`` to nil and refuses an empty
    Entrypoint with an empty Cmd ("No command specified").
    """
    user_ep: tuple[Arg, ...] | None = None
    user_cmd: tuple[Arg, ...] | None = None
    if run is not None:
        user_ep = (run.entrypoint,) if run.entrypoint is not None else None
        user_cmd = run.args
    entrypoint, cmd = user_ep, user_cmd
    if user_ep is not None:
        what = (
            "resets the image ENTRYPOINT"
            if user_ep[0].value == ""
            else f"replaces the image ENTRYPOINT with [{user_ep[0].value!r}] "
            "(one element, never split)"
        )
        steps.append(
            Step(
                "docker.entrypoint_flag",
                f"--entrypoint {what}; the image CMD is not inherited either",
                "docker/cli cli/command/container/opts.go :: parse; " + MOBY_MERGE,
            )
        )
    else:
        if not user_cmd:
            cmd = _inherit(image, "cmd", steps, unknowns)
        else:
            steps.append(
                Step(
                    "docker.run_args", "arguments after the image replace the image CMD", MOBY_MERGE
                )
            )
        entrypoint = _inherit(image, "entrypoint", steps, unknowns)
    if _unknown_needed(image, user_ep, user_cmd):
        return None, None
    if entrypoint is not None and len(entrypoint) == 1 and entrypoint[0].value == "":
        entrypoint = None
        steps.append(
            Step("docker.empty_entrypoint", 'an Entrypoint of [""] is reset to none', MOBY_VERIFY)
        )
    if not entrypoint and not cmd:
        steps.append(
            Step(
                "docker.no_command",
                "neither an Entrypoint nor a Cmd is left: the daemon refuses to create "
                "the container (No command specified)",
                MOBY_VERIFY,
            )
        )
        return None, NO_COMMAND
    steps.append(
        Step(
            "docker.argv",
            "argv = Entrypoint + Cmd; no shell is added at run time",
            "moby/moby daemon/container.go :: getEntrypointAndArgs",
        )
    )
    return (*(entrypoint or ()), *(cmd or ())), None


def _unknown_needed(
    image: ImageConfig, user_ep: tuple[Arg, ...] | None, user_cmd: tuple[Arg, ...] | None
) -> bool:
    if user_ep is not None:
        return False
    needs_cmd = not user_cmd
    return not image.knows("entrypoint") or (needs_cmd and not image.knows("cmd"))


def _inherit(
    image: ImageConfig, field_name: str, steps: list[Step], unknowns: list[Unknown]
) -> tuple[Arg, ...] | None:
    label = field_name.upper() if field_name == "cmd" else "ENTRYPOINT"
    if not image.knows(field_name):
        unknowns.append(
            Unknown(
                f"the image {label} is not known (image {image.source}); "
                "bind the image with --image REF=PATH"
            )
        )
        return None
    value = getattr(image, field_name)
    state = (
        "not set"
        if value is None
        else ("set to []" if not value else f"{[a.value for a in value]}")
    )
    steps.append(
        Step(f"docker.inherit_{field_name}", f"the image {label} is used ({state})", MOBY_MERGE)
    )
    return value  # type: ignore[no-any-return]


def annotate_shell_positionals(argv: tuple[Arg, ...], steps: list[Step]) -> tuple[Arg, ...]:
    """Mark the arguments a ``sh -c SCRIPT`` entrypoint receives as ``$0``, ``$1``, ...

    Authority: POSIX ``sh -c command_string [command_name [argument...]]``: the
    first operand after the script is ``$0``; the script sees them only if it
    uses ``$0``/``$@``.
    """
    count = 0
    while count < len(argv) and argv[count].origin.endswith(".shell"):
        count += 1
    if count == 0 or argv[count - 1].value != "-c" or count + 1 >= len(argv):
        return argv
    out = list(argv[: count + 1])
    for i, arg in enumerate(argv[count + 1 :]):
        note = f"${i} of the shell script: ignored unless the script uses it"
        out.append(replace(arg, note=f"{arg.note}; {note}" if arg.note else note))
    steps.append(
        Step(
            "shell.positionals",
            f"the {len(argv) - count - 1} argument(s) after the shell-form script become "
            "the shell's $0, $1, … and are ignored unless the script uses them",
            "POSIX sh -c (command_name and arguments)",
        )
    )
    return tuple(out)


def merge_env(
    image: ImageConfig, run: DockerRun | None, steps: list[Step], unknowns: list[Unknown]
) -> tuple[str, ...]:
    """``Config.Env``: the user's entries, then each image entry whose key is not set.

    Authority: moby ``merge`` (user env kept, image env appended unless present);
    docker/cli ``opts/parse.go :: ReadKVEnvStrings`` (``--env-file`` before ``-e``).
    """
    user: list[str] = []
    if run is not None:
        for path in run.env_files:
            unknowns.append(Unknown(f"--env-file {path} was not read: its variables are not shown"))
        for item in run.env:
            if "=" not in item:
                unknowns.append(
                    Unknown(f"{item} takes its value from the environment `docker` runs in")
                )
                continue
            user.append(item)
    keys = {item.split("=", 1)[0] for item in user}
    if not image.knows("env"):
        unknowns.append(
            Unknown(
                f"the environment is incomplete: the base image of {image.source} sets "
                "variables that are not known here"
            )
        )
    merged = user + [item for item in image.env or () if item.split("=", 1)[0] not in keys]
    return tuple(merged)


def _bare(env: tuple[str, ...]) -> bool:
    return any("=" not in item for item in env)


class _Invalid:
    def __init__(self, message: str) -> None:
        self.message = message


def merge_working_dir(
    image: ImageConfig, run: DockerRun | None, steps: list[Step], unknowns: list[Unknown]
) -> str | _Invalid | None:
    """Authority: moby ``merge`` (``-w`` wins) and ``daemon/container.go ::
    translateWorkingDir`` (must be absolute); the runtime default cwd is ``/``."""
    if run is not None and run.working_dir is not None:
        if not run.working_dir.startswith("/"):
            return _Invalid(
                f"the working directory '{run.working_dir}' is invalid, "
                "it needs to be an absolute path"
            )
        steps.append(
            Step(
                "docker.workdir", f"-w sets the working directory to {run.working_dir}", MOBY_MERGE
            )
        )
        return run.working_dir
    if not image.knows("working_dir"):
        unknowns.append(Unknown(f"the working directory of image {image.source} is not known"))
        return None
    return image.working_dir or "/"
