"""The Python API: files and command lines in, one :class:`Resolution` per container out.

This is the one place that joins ``sources`` (reading) to ``resolve`` (rules);
the CLI and the tests both call :func:`resolve`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from cmdresolve.model import ImageConfig, InputError, Resolution, Span, Unknown
from cmdresolve.model.dockerfile import Dockerfile
from cmdresolve.model.overrides import DockerRun
from cmdresolve.resolve.build import Build, build_image
from cmdresolve.resolve.docker_run import merge_docker_run
from cmdresolve.sources.dockerfile import load_dockerfile, parse_trigger

__all__ = ["Images", "resolve"]


class Images:
    """Image references to configs: ``--image`` bindings first, then the catalog.

    A binding to a Dockerfile is built on first use, with the same rules.
    """

    def __init__(self, bindings: Mapping[str, str] | None = None) -> None:
        self.bindings = dict(bindings or {})
        self.resolved: dict[str, ImageConfig] = {}
        self.building: set[str] = set()
        self.builds: dict[str, Build] = {}

    def lookup(self, ref: str) -> ImageConfig | None:
        key = self.binding_key(ref)
        if key is None:
            from cmdresolve.sources.catalog import lookup as catalog_lookup

            return catalog_lookup(ref)
        if key not in self.resolved:
            self.resolved[key] = self._load(key, self.bindings[key])
        return self.resolved[key]

    def binding_key(self, ref: str) -> str | None:
        """The ``--image`` reference that names ``ref``, if any."""
        if ref in self.bindings or not self.bindings:
            return ref if ref in self.bindings else None
        wanted = _reference(ref)
        if wanted is None:
            return None
        return next((key for key in self.bindings if _reference(key) == wanted), None)

    def _load(self, ref: str, path: str) -> ImageConfig:
        if _looks_like_json(path):
            from cmdresolve.sources.image_config import load_image_config

            return load_image_config(path)
        if ref in self.building:
            raise InputError(f"--image {ref}={path}: the Dockerfile builds from itself", Span(path))
        self.building.add(ref)
        try:
            build = build_dockerfile(load_dockerfile(path), self)
        finally:
            self.building.discard(ref)
        self.builds[ref] = build
        return build.config


def _reference(ref: str) -> tuple[str, str, str | None] | None:
    """``(repository, tag, digest)`` as Docker normalizes it, or None if not a reference."""
    from cmdresolve.sources.catalog import parse_reference

    try:
        return parse_reference(ref)
    except ValueError:
        return None


def _looks_like_json(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(64).lstrip()
    except OSError:
        return path.endswith(".json")
    return head[:1] in (b"{", b"[")


def build_dockerfile(
    dockerfile: Dockerfile,
    images: Images,
    target: str | None = None,
    build_args: Mapping[str, str] | None = None,
) -> Build:
    return build_image(
        dockerfile,
        lookup=images.lookup,
        parse_trigger=parse_trigger,
        target=target,
        build_args=build_args,
    )


def resolve(
    files: Iterable[str] = (),
    *,
    run: str | DockerRun | None = None,
    images: Mapping[str, str] | None = None,
    target: str | None = None,
    build_args: Mapping[str, str] | None = None,
) -> list[Resolution]:
    """Resolve every container the inputs describe.

    ``files`` are Dockerfiles; ``run`` a ``docker run``-style line (or an already
    parsed :class:`DockerRun`); ``images`` binds references to Dockerfiles or
    image-config JSON files. With exactly one Dockerfile and a run line whose
    image is not bound, the run line's image is the one that Dockerfile builds.
    """
    registry = Images(images)
    dockerfiles = [load_dockerfile(path) for path in files]
    parsed_run = _parse_run(run)
    builds = [build_dockerfile(df, registry, target, build_args) for df in dockerfiles]
    if parsed_run is None:
        return [
            _with_build(merge_docker_run(b.config, None), b, df.path)
            for b, df in zip(builds, dockerfiles)
        ]
    results = []
    if len(builds) == 1 and registry.binding_key(parsed_run.image) is None:
        build = builds[0]
        results.append(
            _with_build(merge_docker_run(build.config, parsed_run), build, parsed_run.image)
        )
    else:
        results.extend(
            _with_build(merge_docker_run(b.config, None), b, df.path)
            for b, df in zip(builds, dockerfiles)
        )
        results.append(_run_on_image(parsed_run, registry))
    return results


def _parse_run(run: str | DockerRun | None) -> DockerRun | None:
    if run is None:
        return None
    if not isinstance(run, DockerRun):
        from cmdresolve.sources.run_line import parse_run_line

        run = parse_run_line(run)
    if not run.env_files:
        return run
    from cmdresolve.sources.env_file import load_env_file

    # docker/cli ReadKVEnvStrings: --env-file entries first, then -e.
    from_files = tuple(entry for path in run.env_files for entry in load_env_file(path))
    return replace(run, env=(*from_files, *run.env), env_files=())


def _run_on_image(run: DockerRun, registry: Images) -> Resolution:
    config = registry.lookup(run.image)
    build = registry.builds.get(registry.binding_key(run.image) or "")
    if config is None:
        config = ImageConfig.unknown_image(run.image)
        unknown = Unknown(
            f"image {run.image!r} is neither built from a given Dockerfile, bound with "
            f"--image, nor in the catalog: its ENTRYPOINT and CMD are not known; supply "
            f"them with --image {run.image}=PATH (a Dockerfile or `docker image inspect` JSON)"
        )
        result = merge_docker_run(config, run)
        return replace(result, unknowns=(unknown, *result.unknowns))
    result = merge_docker_run(config, run)
    return _with_build(result, build, run.image) if build else result


def _with_build(result: Resolution, build: Build, image: str) -> Resolution:
    return replace(
        result,
        steps=(*build.steps, *result.steps),
        unknowns=(*build.unknowns, *result.unknowns),
        image=image,
    )
