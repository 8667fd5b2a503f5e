"""One service of a compose project: its fields as Compose decodes them, then the
container the engine creates for it (optionally through ``docker compose run``).

Authority: docker/compose ``pkg/compose/create.go :: getCreateConfigs`` (Entrypoint,
Cmd, Env, WorkingDir, User and Init are the service's), ``pkg/compose/run.go ::
applyRunOptions`` (``run`` overrides) and compose-go ``types/types.go`` (the service's
fields), docs/semantics.md §5, §12.
"""

from __future__ import annotations

import os

from cmdresolve.model import (
    Arg,
    Failure,
    FailureKind,
    ImageConfig,
    InputError,
    Origin,
    Resolution,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
)
from cmdresolve.model.compose import BuildSpec, ComposeRun, ComposeService, YList, YMap, YScalar
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.origins import Args
from cmdresolve.resolve.compose.service import (
    DC_CREATE,
    compose_words,
    merge_compose_service,
    service_string,
)
from cmdresolve.resolve.docker.run import (
    annotate_shell_positionals,
    with_image_env,
    with_image_user,
)
from cmdresolve.resolve.processes.compose import compose_healthcheck

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.model.compose import YNode
    from cmdresolve.resolve.compose.project import ComposeProject

    EnvFileReader = Callable[[str, "Span | None", str], list[tuple[str, str | None]]]
    from cmdresolve.model.span import Span

__all__ = ["compose_service", "resolve_compose_service"]

DC_RUN = "docker/compose pkg/compose/run.go :: applyRunOptions"


def compose_service(
    project: ComposeProject, name: str, node: YNode, read_env_file: EnvFileReader
) -> ComposeService:
    """The service's fields, checked: ``environment`` after the ``env_file`` entries,
    a name without a value taken from the project environment (kept bare when not set).

    Authority: compose-go ``loader/loader.go`` (``resolveEnvironment``: env_file first,
    then environment; a bare name resolved from the environment compose runs in).
    """
    path = f"services.{name}"
    if not isinstance(node, YMap):
        raise InputError(N_("{path} must be a mapping"), node.span, path=path)
    get = node.items.get
    env: dict[str, str | None] = {}
    for file, required, form, span in _env_files(get("env_file"), f"{path}.env_file"):
        target = os.path.join(project.directory, file)
        if not required and not os.path.exists(target):
            continue
        for key, value in read_env_file(target, span, form):
            env[key] = value
    environment = get("environment")
    if isinstance(environment, YMap):
        for key, item in environment.items.items():
            if not isinstance(item, YScalar):
                raise InputError(
                    N_("{path}.environment.{key} must be a string, number, boolean or null"),
                    item.span,
                    path=path,
                    key=key,
                )
            env[key] = None if item.value is None else _scalar_text(item.value)
    entries = []
    for key, text in env.items():
        if text is None:
            text = project.environ.get(key)
        # Not set anywhere: Compose still sends the bare name (Config.Env "NAME"), as
        # the engine tests measured.
        entries.append(key if text is None else f"{key}={text}")
    init = get("init")
    return ComposeService(
        name=name,
        project=project.name,
        span=node.span,
        image=service_string(get("image"), f"{path}.image"),
        build=_build(get("build"), f"{path}.build", project.directory),
        command=_command(get("command"), f"{path}.command"),
        entrypoint=_command(get("entrypoint"), f"{path}.entrypoint"),
        working_dir=service_string(get("working_dir"), f"{path}.working_dir"),
        user=service_string(get("user"), f"{path}.user"),
        environment=tuple(entries),
        init=_boolean(init, f"{path}.init"),
        profiles=tuple(v for v, _, _ in _strings(get("profiles"), f"{path}.profiles")),
        healthcheck=get("healthcheck"),
    )


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _command(node: YNode | None, path: str) -> YScalar | YList | None:
    if node is None or isinstance(node, (YScalar, YList)):
        return node
    raise InputError(N_("{path} must be a string or a list of strings"), node.span, path=path)


def _boolean(node: YNode | None, path: str) -> bool:
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return False
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    if isinstance(node, YScalar) and str(node.value).lower() in ("true", "false"):
        return str(node.value).lower() == "true"  # an interpolated "true" is cast
    raise InputError(N_("{path} must be a boolean"), node.span, path=path)


def _env_files(node: YNode | None, path: str) -> list[tuple[str, bool, str, Span | None]]:
    """``env_file``: each file's path, whether it must exist and its format.

    Authority: compose-go ``types/envfile.go`` and ``loader/loader.go`` (an item is a
    path or ``{path, required, format}``; ``required`` defaults to true, and a missing
    file that is not required is skipped; ``format: raw`` reads each ``KEY=VALUE`` as
    written, as the docker CLI's ``--env-file`` does, any other format but the default
    is refused); measured on v2.40.3 (docs/semantics.md §5.9).
    """
    out = []
    for where, required, span in _strings(node, path, required=True):
        out.append((where, required, "", span))
    if node is None or not isinstance(node, YList):
        return out
    for index, item in enumerate(node.items):
        if isinstance(item, YMap):
            form = item.get("format")
            text = form.value if isinstance(form, YScalar) else None
            if text not in (None, "", "raw"):
                raise InputError(
                    N_('unsupported env_file format "{format}"'),
                    form.span if form is not None else item.span,
                    format=str(text),
                )
            where, required, _, span = out[index]
            out[index] = (where, required, str(text or ""), span)
    return out


def _strings(
    node: YNode | None, path: str, required: bool = False
) -> list[tuple[str, bool, Span | None]]:
    """A string or list of strings (``env_file`` items may be ``{path, required}``)."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return []
    items = node.items if isinstance(node, YList) else (node,)
    out = []
    for item in items:
        if isinstance(item, YScalar) and isinstance(item.value, str):
            out.append((item.value, True, item.span))
        elif required and isinstance(item, YMap) and isinstance(item.get("path"), YScalar):
            where = item.get("path")
            needed = item.get("required")
            flag = not (
                isinstance(needed, YScalar)
                and (needed.value is False or str(needed.value).lower() == "false")
            )
            out.append((str(where.value) if isinstance(where, YScalar) else "", flag, item.span))
        else:
            raise InputError(
                N_("{path} must be a string or a list of strings"), item.span, path=path
            )
    return out


def _build(node: YNode | None, path: str, directory: str) -> BuildSpec | None:
    """Authority: compose-go ``transform/build.go`` (a string is the context) and
    ``loader/paths.go`` (context relative to the project directory, the Dockerfile to
    the context); ``dockerfile`` with ``dockerfile_inline`` is an error."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    if isinstance(node, YScalar):
        node = YMap({"context": node}, node.span)
    if not isinstance(node, YMap):
        raise InputError(N_("{path} must be a string or a mapping"), node.span, path=path)
    get = node.items.get
    context = service_string(get("context"), f"{path}.context") or "."
    remote = "://" in context or context.startswith("git@")
    if not remote:
        context = os.path.normpath(os.path.join(directory, context))
    dockerfile = service_string(get("dockerfile"), f"{path}.dockerfile")
    inline = service_string(get("dockerfile_inline"), f"{path}.dockerfile_inline")
    if dockerfile is not None and inline is not None:
        raise InputError(
            N_("{path}: dockerfile and dockerfile_inline cannot be set both"), node.span, path=path
        )
    if inline is None and not remote:
        dockerfile = os.path.join(context, dockerfile or "Dockerfile")
    args = []
    raw = get("args")
    if isinstance(raw, YMap):
        for key, value in raw.items.items():
            if isinstance(value, YScalar) and value.value is not None:
                args.append((key, _scalar_text(value.value)))
    return BuildSpec(
        context,
        dockerfile,
        inline,
        service_string(get("target"), f"{path}.target"),
        tuple(args),
        node.span,
    )


def resolve_compose_service(
    service: ComposeService,
    image: ImageConfig,
    where: Mapping[str, str],
    run: ComposeRun | None = None,
) -> Resolution:
    """The container of ``service`` on ``image``: argv, env, working dir and user.

    Authority: docker/compose ``getCreateConfigs``; with ``run``, ``applyRunOptions``:
    arguments after the service replace ``command``; ``--entrypoint`` replaces
    ``entrypoint`` and, when no arguments are given, sets ``command`` to ``[]``;
    ``-e``, ``-w`` and ``-u`` override.
    """
    steps: list[Step] = []
    unknowns: list[Unknown] = []
    path = f"services.{service.name}"
    entrypoint = compose_words(
        service.entrypoint, f"{path}.entrypoint", Origin.COMPOSE_ENTRYPOINT, where, steps
    )
    command = compose_words(
        service.command, f"{path}.command", Origin.COMPOSE_COMMAND, where, steps
    )
    env = list(service.environment)
    working_dir, user = service.working_dir, service.user
    if run is not None:
        if run.args is not None:
            command = run.args
        if run.entrypoint is not None:
            entrypoint = run.entrypoint
            if run.args is None:
                command = ()
        steps.append(
            Step(
                StepKind.COMPOSE_RUN,
                {
                    "service": service.name,
                    "entrypoint": None
                    if run.entrypoint is None
                    else tuple(a.value for a in run.entrypoint),
                    "args": None if run.args is None else tuple(a.value for a in run.args),
                },
                DC_RUN,
                run.span,
            )
        )
        keys = {e.split("=", 1)[0] for e in run.env}
        env = [e for e in env if e.split("=", 1)[0] not in keys] + [e for e in run.env if "=" in e]
        working_dir = run.working_dir if run.working_dir is not None else working_dir
        user = run.user if run.user is not None else user
    argv: Args | None
    argv, error = merge_compose_service(image, entrypoint, command, steps, unknowns)
    if argv is not None:
        argv = annotate_shell_positionals(argv, steps)
    if argv is not None and service.init:
        argv = (
            Arg("/sbin/docker-init", Origin.COMPOSE_INIT),
            Arg("--", Origin.COMPOSE_INIT),
            *argv,
        )
        steps.append(
            Step(
                StepKind.COMPOSE_INIT,
                {},
                DC_CREATE + "; moby/moby daemon/oci_linux.go (docker-init)",
            )
        )
    merged_env = with_image_env(image, env, unknowns)
    workdir: str | None
    if working_dir is not None:
        if not working_dir.startswith("/"):
            argv, error = None, Failure(FailureKind.WORKDIR_NOT_ABSOLUTE, {"path": working_dir})
        steps.append(Step(StepKind.COMPOSE_WORKDIR, {"path": working_dir}, DC_CREATE))
        workdir = working_dir if error is None else None
    elif image.knows("working_dir"):
        workdir = image.working_dir or "/"
    else:
        workdir = None
        unknowns.append(Unknown(UnknownKind.DOCKER_WORKDIR, params={"image": image.source}))
    final_user, user_unknown = with_image_user(image, user, unknowns)
    incomplete = {
        "argv": argv is None and error is None,
        "env": not image.knows("env"),
        "working_dir": workdir is None and error is None,
        "user": user_unknown,
    }
    return Resolution(
        runtime="compose",
        argv=argv,
        error=error,
        env=merged_env,
        working_dir=workdir,
        user=final_user or None,
        steps=tuple(steps),
        unknowns=tuple(unknowns),
        workload=service.project,
        container=service.name,
        container_type="service",
        image=service.image,
        incomplete=frozenset(k for k, missing in incomplete.items() if missing),
        image_config=image,
        source=service.span,
        processes=compose_healthcheck(service, image),
    )


def with_build_steps(result: Resolution, steps: tuple[Step, ...]) -> Resolution:
    return replace(result, steps=(*steps, *result.steps))
