"""Compose projects in the pipeline: the files read, the project loaded, and one
result per service (or the one ``docker compose run`` creates).

Like :mod:`cmdresolve.api`, this joins ``sources`` (the YAML, ``.env`` and Dockerfile
readers) to ``resolve`` (the rules); :func:`cmdresolve.api.resolve` calls it.
"""

from __future__ import annotations

import os

from cmdresolve.model import ImageConfig, InputError, Resolution, Span, Unknown, UnknownKind
from cmdresolve.model.compose import YMap
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.steps import Step, StepKind
from cmdresolve.resolve.compose.container import compose_service, resolve_compose_service
from cmdresolve.resolve.compose.interpolate import (
    InterpolationError,
    interpolate_compose,
    interpolation_budget,
    interpolation_error,
)
from cmdresolve.resolve.compose.project import ComposeProject, load_compose_project
from cmdresolve.sources.compose.dotenv import parse_dotenv
from cmdresolve.sources.compose.yaml_tree import read_compose_documents
from cmdresolve.sources.text import read_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from cmdresolve.api import Images
    from cmdresolve.model.compose import BuildSpec, ComposeRun, ComposeService

__all__ = ["compose_results", "looks_like_compose"]


def looks_like_compose(text: str) -> bool:
    """A top-level ``services:`` mapping (and no Kubernetes ``apiVersion``/``kind``)."""
    from cmdresolve.discover.classify import looks_like_compose as sniff

    return sniff(text)


def _substitute(value: str, lookup: object, span: Span) -> str:
    """A ``.env`` value interpolated; its error is the input error at ``span``."""
    try:
        return interpolate_compose(value, lookup).value  # type: ignore[arg-type]
    except InterpolationError as exc:
        raise interpolation_error(exc, span) from None


def _read(path: str, what: str) -> str:
    """A file of the project: its text also pays for what interpolation may put in."""
    text = read_text(path, what)
    interpolation_budget.earn(len(text))
    return text


def project_environment(
    directory: str, env_files: tuple[str, ...], environ: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The interpolation environment and where each name came from.

    Authority: compose-go ``cli/options.go :: WithDotEnv`` (``dotenv.GetEnvFromFile``;
    the project's ``.env`` unless ``--env-file`` is given) and ``types.Mapping.Merge``
    (a name the process environment sets keeps its value).
    """
    files = list(env_files) or [os.path.join(directory, ".env")]
    merged: dict[str, str] = {}
    where: dict[str, str] = {}
    for path in files:
        if not env_files and not os.path.isfile(path):
            continue
        text = _read(path, "env file")
        for key, (value, line) in parse_dotenv(
            text, path, {**merged, **environ}, _substitute
        ).items():
            merged[key] = value
            where[key] = f"{os.path.relpath(path)}:{line}"
    for key in environ:
        where[key] = "environment"
    return {**merged, **environ}, where


def compose_results(
    paths: list[str],
    texts: Mapping[str, str],
    registry: Images,
    errors: list[InputError],
    *,
    profiles: tuple[str, ...] = (),
    env_files: tuple[str, ...] = (),
    environ: Mapping[str, str] | None = None,
    run: ComposeRun | None = None,
    container: str | None = None,
    project_name: str | None = None,
    project_directory: str | None = None,
) -> Iterator[Resolution]:
    """One result per enabled service in file order; with ``run``, only that service's
    container (a service that a profile disables can be run). ``project_name`` and
    ``project_directory`` are a compose line's ``-p`` and ``--project-directory``."""
    environ = dict(os.environ) if environ is None else environ
    budget = interpolation_budget(0)  # each file read adds its size
    try:
        directory = os.path.dirname(os.path.abspath(paths[0]))
        if project_directory is not None:
            directory = os.path.abspath(project_directory)

        def read(path: str) -> list[YMap]:
            text = texts[path] if path in texts else read_text(path, "compose file")
            interpolation_budget.earn(len(text))
            return read_compose_documents(text, path)

        def read_env(files: list[str], under: Mapping[str, str]) -> dict[str, str]:
            found: dict[str, str] = {}
            for path in files:
                text = _read(path, "env file")
                values = parse_dotenv(text, path, {**found, **under}, _substitute)
                found.update((k, v) for k, (v, _) in values.items())
            return found

        with budget:
            env, where = project_environment(directory, env_files, environ)
            project = load_compose_project(
                paths, read, env, where, profiles, read_env, directory, project_name
            )
            services = [
                compose_service(project, name, node, _env_file_reader(env))
                for name, node in project.services.items.items()
            ]
    except (InputError, OSError) as exc:
        errors.append(
            exc
            if isinstance(exc, InputError)
            else InputError(N_("cannot read: {error}"), Span(paths[0]), error=str(exc))
        )
        return
    if run is not None and run.service not in {s.name for s in services}:
        errors.append(InputError(N_("no such service: {name}"), run.span, name=run.service))
        return
    if container is not None and container not in {s.name for s in services}:
        from cmdresolve.api import _no_container

        errors.append(_no_container(container, [s.name for s in services]))
        return
    if run is not None:
        try:
            with budget:
                run = replace(run, env=_run_environment(run, env))
        except InputError as exc:
            errors.append(exc)
            return
    for service in services:
        if run is not None and service.name != run.service:
            continue
        if run is None and not _enabled(service, project):
            continue
        if container is not None and service.name != container:
            continue
        try:
            with budget:  # never held across a yield: results interleave with others
                result = _declared_in(_resolve(service, project, registry, run), paths[0])
        except InputError as exc:
            errors.append(exc)
            continue
        yield result


def _run_environment(run: ComposeRun, env: Mapping[str, str]) -> tuple[str, ...]:
    """The ``KEY=VALUE`` entries ``run`` adds: each ``--env-from-file`` in order, then
    each ``-e``, a later one winning; ``-e NAME`` takes NAME from the project
    environment (the process environment over ``.env``) and is dropped when it is not
    set there.

    Authority: docker/compose ``cmd/compose/run.go :: runOptions.getEnvironment``
    (``--env-from-file`` read with Compose's dotenv parser, ``-e`` over it; a bare name
    resolved through the project's environment); measured on v2.40.3
    (docs/semantics.md §5.8).
    """
    merged: dict[str, str] = {}
    for path in run.env_from_files:
        if not os.path.isfile(path):
            raise InputError(N_("--env-from-file {path}: no such file"), run.span, path=path)
        values = parse_dotenv(_read(path, "env file"), path, env, _substitute)
        merged.update((k, v) for k, (v, _) in values.items())
    for entry in run.env:
        name, eq, value = entry.partition("=")
        if eq:
            merged[name] = value
        elif name in env:
            merged[name] = env[name]
    return tuple(f"{k}={v}" for k, v in merged.items())


def run_line_files(
    run: ComposeRun, given: list[str], environ: Mapping[str, str] | None
) -> list[str]:
    """The compose files a ``docker compose … run`` line loads: its ``-f`` files; else,
    when no file is given to cmdresolve either, ``COMPOSE_FILE`` (split at
    ``COMPOSE_PATH_SEPARATOR``, by default ``:``) from the process environment or the
    ``.env`` of the project directory; else the default file names (and override) in
    the project directory or the nearest parent of the working directory that has one.

    Authority: compose-go ``cli/options.go :: WithConfigFileEnv`` (after
    ``WithDotEnv``, so ``.env`` may set it; the process environment wins),
    ``GetDefaultConfigFiles`` / ``getConfigPathsFromOptions`` (walks up from the
    working directory), docs/semantics.md §5.8.
    """
    if run.files:
        return list(run.files)
    if given:
        return given
    environ = dict(os.environ) if environ is None else environ
    directory = run.project_directory or "."
    dotenv = os.path.join(directory, ".env")
    env = dict(environ)
    if not run.env_files and os.path.isfile(dotenv):
        with interpolation_budget(0):
            values = parse_dotenv(_read(dotenv, "env file"), dotenv, environ, _substitute)
        env = {**{k: v for k, (v, _) in values.items()}, **environ}
    listed = env.get("COMPOSE_FILE")
    if listed:
        separator = env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        # relative to the working directory, even with --project-directory (measured)
        return [p for p in listed.split(separator) if p]
    from cmdresolve.discover.inputs import compose_defaults

    here = os.path.abspath(directory)
    while True:
        found = compose_defaults(here)
        if found or run.project_directory is not None:
            return [os.path.relpath(p) for p in found]
        parent = os.path.dirname(here)
        if parent == here:
            return []
        here = parent


def _declared_in(result: Resolution, main: str) -> Resolution:
    """A service merged from several files is the project's: its source is the main
    file (at the service's line when its merged node is from there)."""
    if result.source is not None and result.source.file == main:
        return result
    return replace(result, source=Span(main))


def _enabled(service: ComposeService, project: ComposeProject) -> bool:
    """Authority: compose-go ``types/project.go :: ApplyProfiles``: a service with no
    ``profiles`` is always enabled; otherwise one of them must be active (``*``: all)."""
    if not service.profiles or "*" in project.profiles:
        return True
    return bool(project.profiles & set(service.profiles))


def _env_file_reader(
    env: Mapping[str, str],
) -> Callable[[str, Span | None, str], list[tuple[str, str | None]]]:
    def read(path: str, span: Span | None, form: str = "") -> list[tuple[str, str | None]]:
        if not os.path.isfile(path):
            raise InputError(N_("env file {path} not found"), span, path=path)
        if form == "raw":  # as written; a bare name from the project environment
            from cmdresolve.sources.cmdline.env_file import load_env_file

            pairs = [entry.partition("=") for entry in load_env_file(path)]
            return [(k, v) if eq else (k, env[k]) for k, eq, v in pairs if eq or k in env]
        text = _read(path, "env file")
        values = parse_dotenv(text, path, env, _substitute)
        return [(k, v) for k, (v, _) in values.items()]

    return read


def _resolve(
    service: ComposeService, project: ComposeProject, registry: Images, run: ComposeRun | None
) -> Resolution:
    config, steps, unknowns = _image(service, registry)
    result = resolve_compose_service(service, config, project.where, run)
    if service.profiles:
        steps = (
            *steps,
            Step(
                StepKind.COMPOSE_PROFILE,
                {"profiles": service.profiles},
                "compose-spec/compose-go types/project.go :: ApplyProfiles",
            ),
        )
    return replace(result, steps=(*steps, *result.steps), unknowns=(*unknowns, *result.unknowns))


def _image(
    service: ComposeService, registry: Images
) -> tuple[ImageConfig, tuple[Step, ...], tuple[Unknown, ...]]:
    if service.build is not None:
        return _built(service.build, registry, service)
    if service.image is None:
        raise InputError(
            N_("services.{name}: has neither an image nor a build context specified"),
            service.span,
            name=service.name,
        )
    config = registry.lookup(service.image)
    if config is not None:
        return config, (), ()
    unknown = Unknown(UnknownKind.IMAGE_NOT_KNOWN, service.span, {"image": service.image})
    return ImageConfig.unknown_image(service.image), (), (unknown,)


def _built(
    build: BuildSpec, registry: Images, service: ComposeService
) -> tuple[ImageConfig, tuple[Step, ...], tuple[Unknown, ...]]:
    from cmdresolve.api import build_dockerfile
    from cmdresolve.sources.dockerfile import parse_dockerfile

    if build.dockerfile_inline is not None:
        label = f"services.{service.name}.build.dockerfile_inline"
        dockerfile = parse_dockerfile(build.dockerfile_inline, label)
    elif build.dockerfile is None:
        unknown = Unknown(UnknownKind.COMPOSE_BUILD_CONTEXT, build.span, {"context": build.context})
        return ImageConfig.unknown_image(build.context), (), (unknown,)
    else:
        path = os.path.relpath(build.dockerfile)
        if not os.path.exists(path):  # the build fails: "failed to read dockerfile"
            raise InputError(
                N_("services.{name}.build: {file}: no such file or directory"),
                build.span,
                name=service.name,
                file=path,
            )
        dockerfile = parse_dockerfile(read_text(path, "Dockerfile"), path)
    built = build_dockerfile(dockerfile, registry, build.target, dict(build.args))
    return built.config, built.steps, built.unknowns
