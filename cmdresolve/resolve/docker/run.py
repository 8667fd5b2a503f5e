"""``docker run`` / ``docker create`` on top of an image config: the CLI and daemon merge.

Authority: docker/cli ``cli/command/container/opts.go :: parse`` (the
``--entrypoint`` and trailing-args rules) and moby/moby ``daemon/commit.go ::
merge``, ``daemon/create.go :: mergeAndVerifyConfig``, ``daemon/container.go ::
getEntrypointAndArgs`` (docs/semantics.md §2).
"""

from __future__ import annotations

from cmdresolve.model import (
    Arg,
    Failure,
    FailureKind,
    ImageConfig,
    Note,
    NoteKind,
    Origin,
    Resolution,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values,
    values_or_none,
)
from cmdresolve.model.engine import EngineRequest
from cmdresolve.model.frozen import replace
from cmdresolve.model.origins import ArgRun, Args
from cmdresolve.model.overrides import DockerRun
from cmdresolve.resolve.launchers import shell_script
from cmdresolve.resolve.processes.healthcheck import docker_healthcheck

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Sequence

    from cmdresolve.model.facts import Params

MOBY_MERGE = "moby/moby daemon/commit.go :: merge"
MOBY_VERIFY = "moby/moby daemon/create.go :: mergeAndVerifyConfig"


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
        argv = (Arg("/sbin/docker-init", Origin.RUN_INIT), Arg("--", Origin.RUN_INIT), *argv)
        steps.append(
            Step(
                StepKind.DOCKER_INIT,
                authority="moby/moby daemon/oci_linux.go "
                "(process args: /sbin/docker-init -- Path Args)",
            )
        )
    env = merge_env(image, run, steps, unknowns)
    workdir = merge_working_dir(image, run, steps, unknowns)
    if isinstance(workdir, Failure):
        argv, error, workdir = None, workdir, None
    user, user_unknown = with_image_user(image, run.user if run is not None else None, unknowns)
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
        source=run.span if run is not None else None,
        processes=docker_healthcheck(image, run.healthcheck if run else None, "run"),
    )


def engine_request(run: DockerRun | None) -> EngineRequest:
    """The same ``docker create`` options, for ``--verify``."""
    if run is None:
        return EngineRequest()
    return EngineRequest(
        image=run.image,
        entrypoint=None if run.entrypoint is None else (run.entrypoint.value,),
        cmd=values_or_none(run.args),
        env=run.env,
        working_dir=run.working_dir,
        user=run.user,
        init=run.init,
    )


def merge_command(
    image: ImageConfig, run: DockerRun | None, steps: list[Step], unknowns: list[Unknown]
) -> tuple[Args | None, Failure | None]:
    """Entrypoint and Cmd after the daemon merge, or the error that stops the container.

    Authority: moby ``merge``: when the user Entrypoint is empty (nil or ``[]``),
    an empty user Cmd takes the image Cmd and a nil user Entrypoint takes the
    image Entrypoint; a non-empty one (``[""]`` included) inherits nothing.
    ``mergeAndVerifyConfig`` then resets ``[""]`` to nil and refuses an empty
    Entrypoint with an empty Cmd ("No command specified").
    """
    user_ep: tuple[Arg, ...] | None = None
    user_cmd: Args | None = None
    if run is not None:
        user_ep = (run.entrypoint,) if run.entrypoint is not None else None
        user_cmd = run.args
    entrypoint, cmd = user_ep, user_cmd
    if user_ep is not None:
        steps.append(
            Step(
                StepKind.DOCKER_ENTRYPOINT_FLAG,
                {"entrypoint": user_ep[0].value},
                "docker/cli cli/command/container/opts.go :: parse; " + MOBY_MERGE,
            )
        )
    else:  # said in the order of the argv: the entrypoint, then what follows it
        entrypoint = inherit_field(image, "entrypoint", steps, unknowns)
        if not user_cmd:
            cmd = inherit_field(image, "cmd", steps, unknowns)
        else:
            args = values(user_cmd)
            steps.append(Step(StepKind.DOCKER_RUN_ARGS, {"args": args}, MOBY_MERGE))
    if _unknown_needed(image, user_ep, user_cmd):
        return None, None
    return verify_command(entrypoint, cmd, steps)


def verify_command(
    entrypoint: tuple[Arg, ...] | None, cmd: Args | None, steps: list[Step]
) -> tuple[Args | None, Failure | None]:
    """The argv from the merged Entrypoint and Cmd, or "no command specified".

    Authority: moby ``mergeAndVerifyConfig`` resets an Entrypoint of ``[""]`` to nil,
    then refuses an empty Entrypoint with an empty Cmd; ``getEntrypointAndArgs``
    joins the two (no shell added).
    """
    if entrypoint is not None and len(entrypoint) == 1 and entrypoint[0].value == "":
        entrypoint = None
        steps.append(Step(StepKind.DOCKER_EMPTY_ENTRYPOINT, authority=MOBY_VERIFY))
    if not entrypoint and not cmd:
        steps.append(Step(StepKind.DOCKER_NO_COMMAND, authority=MOBY_VERIFY))
        return None, Failure(FailureKind.NO_COMMAND)
    steps.append(
        Step(
            StepKind.DOCKER_ARGV,
            authority="moby/moby daemon/container.go :: getEntrypointAndArgs",
        )
    )
    if isinstance(cmd, ArgRun):  # a run line's words stay words
        return cmd.after(entrypoint or ()), None
    return (*(entrypoint or ()), *(cmd or ())), None


def _unknown_needed(
    image: ImageConfig, user_ep: tuple[Arg, ...] | None, user_cmd: Args | None
) -> bool:
    if user_ep is not None:
        return False
    needs_cmd = not user_cmd
    return not image.knows("entrypoint") or (needs_cmd and not image.knows("cmd"))


def inherit_field(
    image: ImageConfig, field_name: str, steps: list[Step], unknowns: list[Unknown]
) -> tuple[Arg, ...] | None:
    if not image.knows(field_name):
        params: Params = {"field": field_name, "image": image.source}
        unknowns.append(Unknown(UnknownKind.DOCKER_IMAGE_FIELD, params=params))
        return None
    value: tuple[Arg, ...] | None = getattr(image, field_name)
    kind = (
        StepKind.DOCKER_INHERIT_CMD if field_name == "cmd" else StepKind.DOCKER_INHERIT_ENTRYPOINT
    )
    shown = values_or_none(value)
    steps.append(Step(kind, {"value": shown}, MOBY_MERGE))
    return value


def annotate_shell_positionals(argv: Args, steps: list[Step]) -> Args:
    """Mark the arguments a shell-form ENTRYPOINT's script receives as ``$0``, ``$1``, ...

    Authority: POSIX ``sh -c command_string [command_name [argument...]]``: the
    first operand after the script is ``$0``; the script sees them only if it
    uses ``$0``/``$@``. Which word is the script is :func:`shell_script`'s answer, so a
    SHELL such as ``["/bin/bash", "-o", "pipefail", "-c"]`` or ``["bash", "-ec"]`` counts.
    """
    count = 0
    while count < len(argv) and argv[count].origin.is_shell:
        count += 1
    if count == 0 or count + 1 >= len(argv) or shell_script(values(argv[:count + 1])) != count:
        return argv
    out = list(argv[: count + 1])
    for i, arg in enumerate(argv[count + 1 :]):
        note = Note(NoteKind.SHELL_OPERAND, {"position": i})
        out.append(replace(arg, notes=(*arg.notes, note)))
    steps.append(
        Step(
            StepKind.SHELL_POSITIONALS,
            {"count": len(argv) - count - 1},
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
            unknowns.append(Unknown(UnknownKind.DOCKER_ENV_FILE, params={"path": path}))
        for item in run.env:
            if "=" not in item:
                unknowns.append(Unknown(UnknownKind.DOCKER_ENV_FROM_HOST, params={"name": item}))
                continue
            user.append(item)
    return with_image_env(image, user, unknowns)


def with_image_env(
    image: ImageConfig, user: Sequence[str], unknowns: list[Unknown]
) -> tuple[str, ...]:
    """The container's entries, then each image entry whose key they do not set.

    Authority: moby ``merge`` (the daemon's, for ``docker run`` and Compose alike).
    """
    keys = {item.split("=", 1)[0] for item in user}
    if not image.knows("env"):
        unknowns.append(Unknown(UnknownKind.DOCKER_IMAGE_ENV, params={"image": image.source}))
    return (*user, *(item for item in image.env or () if item.split("=", 1)[0] not in keys))


def with_image_user(
    image: ImageConfig, user: str | None, unknowns: list[Unknown]
) -> tuple[str | None, bool]:
    """The user the container runs as, and whether it is unknown: the one asked for,
    else the image's (moby ``merge``)."""
    unknown = user is None and not image.knows("user")
    if unknown:
        unknowns.append(Unknown(UnknownKind.DOCKER_USER, params={"image": image.source}))
    return (user if user is not None else image.user), unknown


def _bare(env: tuple[str, ...]) -> bool:
    return any("=" not in item for item in env)


def merge_working_dir(
    image: ImageConfig, run: DockerRun | None, steps: list[Step], unknowns: list[Unknown]
) -> str | Failure | None:
    """Authority: moby ``merge`` (``-w`` wins) and ``daemon/container.go ::
    translateWorkingDir`` (must be absolute); the runtime default cwd is ``/``."""
    if run is not None and run.working_dir is not None:
        if not run.working_dir.startswith("/"):
            return Failure(FailureKind.WORKDIR_NOT_ABSOLUTE, {"path": run.working_dir})
        steps.append(Step(StepKind.DOCKER_WORKDIR, {"path": run.working_dir}, MOBY_MERGE))
        return run.working_dir
    if not image.knows("working_dir"):
        unknowns.append(Unknown(UnknownKind.DOCKER_WORKDIR, params={"image": image.source}))
        return None
    return image.working_dir or "/"
