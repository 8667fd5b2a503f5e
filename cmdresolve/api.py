"""The Python API: files and command lines in, one :class:`Resolution` per container out.

This is the one place that joins ``sources`` (reading) to ``resolve`` (rules);
the CLI and the tests both call :func:`resolve`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain

from cmdresolve.model import (
    ImageConfig,
    InputError,
    Notice,
    NoticeKind,
    Resolution,
    Span,
    Unknown,
    UnknownKind,
)
from cmdresolve.model.dockerfile import Dockerfile
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import record, replace
from cmdresolve.model.overrides import DockerRun
from cmdresolve.resolve.docker.run import merge_docker_run
from cmdresolve.resolve.dockerfile.stages import Build, build_image
from cmdresolve.sources.dockerfile import parse_dockerfile, parse_trigger
from cmdresolve.sources.text import decode_text, is_utf16, read_bytes

TYPE_CHECKING = False  # the Kubernetes and Compose models load only when needed
if TYPE_CHECKING:
    from cmdresolve.checks.rule import Rule
    from cmdresolve.discover.images import Link
    from cmdresolve.discover.inputs import Inputs
    from cmdresolve.model.compose import ComposeRun

__all__ = ["Answer", "Images", "Options", "resolve"]

Notes = list[Notice]


class Progress:
    """The input the pipeline is working on: the CLI names it if a bug escapes."""

    __slots__ = ("input",)

    def __init__(self) -> None:
        self.input = ""


PROGRESS = Progress()


class Images:
    """Image references to configs: ``--image`` bindings first, then the catalog.

    A binding to a Dockerfile is built on first use, with the same rules.
    """

    def __init__(
        self, bindings: Mapping[str, str] | None = None, errors: list[InputError] | None = None
    ) -> None:
        self.bindings = dict(bindings or {})
        self.resolved: dict[str, ImageConfig | None] = {}
        self.errors: list[InputError] = [] if errors is None else errors  # failed bindings
        self.building: set[str] = set()
        self.builds: dict[str, Build] = {}
        self.catalogued: dict[str, ImageConfig | None] = {}
        self.explicit = frozenset(self.bindings)  # --image: an unused one is a usage error
        self.specs: dict[str, tuple[str | None, dict[str, str]]] = {}  # a link's target, args
        self.notes: list[Notice] = []
        self.noted: set[tuple[str, str]] = set()
        self.candidates: list[str] = []  # Dockerfiles no link names: named in a note
        self._keys: dict[str, str | None] = {}
        self._indexed: tuple[dict[tuple[str, str, str | None], str], dict[str, str]] | None = None

    def link(self, links: Iterable[Link]) -> None:
        """Add the repository's links under the ``--image`` bindings (which win), the
        first link of a reference winning over later ones (discover/images.py)."""
        for found in links:
            if found.ref in self.bindings:
                continue
            self.bindings[found.ref] = found.dockerfile
            self.specs[found.ref] = (found.target, dict(found.args))
        self._keys.clear()
        self._indexed = None

    def lookup(self, ref: str) -> ImageConfig | None:
        key = self.binding_key(ref)
        if key is None:
            from cmdresolve.sources.image.catalog import lookup as catalog_lookup

            if ref not in self.catalogued:  # a manifest repeats its images
                self.catalogued[ref] = catalog_lookup(ref)
            return self.catalogued[ref]
        if key not in self.resolved:
            try:
                self.resolved[key] = self._load(key, self.bindings[key])
            except InputError as exc:  # said once; the image is then not known
                self.errors.append(exc)
                self.resolved[key] = None
        return self.resolved[key]

    def binding_key(self, ref: str) -> str | None:
        """The bound reference that names ``ref``, if any: the same reference, else
        (for the repository's links, not ``--image``) the same repository with a note.
        Each answer is kept: a repository's manifests repeat their images."""
        if ref in self.bindings or not self.bindings:
            return ref if ref in self.bindings else None
        if ref in self._keys:
            return self._keys[ref]
        wanted = _reference(ref)
        key = None
        if wanted is not None:
            by_reference, by_repository = self._index()
            key = by_reference.get(wanted)
            if key is None:
                key = by_repository.get(wanted[0])
                if key is not None and (ref, key) not in self.noted:
                    self.noted.add((ref, key))
                    params = {"image": ref, "built": key, "dockerfile": self.bindings[key]}
                    self.notes.append(Notice(NoticeKind.IMAGE_BY_REPOSITORY, None, params))
        self._keys[ref] = key
        return key

    def _index(self) -> tuple[dict[tuple[str, str, str | None], str], dict[str, str]]:
        """The bound references by their normalized form, and the links (never
        ``--image``) by repository: built once, after the bindings are all made."""
        if self._indexed is None:
            by_reference: dict[tuple[str, str, str | None], str] = {}
            by_repository: dict[str, str] = {}
            for key in self.bindings:
                normalized = _reference(key)
                if normalized is None:
                    continue
                by_reference.setdefault(normalized, key)
                if key in self.specs and key not in self.explicit:
                    by_repository.setdefault(normalized[0], key)
            self._indexed = (by_reference, by_repository)
        return self._indexed

    def note_unlinked(self, ref: str, span: Span | None) -> None:
        """Say which Dockerfile of the repository could build ``ref``, and the line of
        ``.cmdresolve.toml`` that would bind it; nothing when none could."""
        if not self.candidates or ("", ref) in self.noted:
            return
        from cmdresolve.discover.images import candidates

        self.noted.add(("", ref))
        for dockerfile in candidates(ref, self.candidates):
            line = f'"{ref}" = "{dockerfile}"'
            params = {"image": ref, "dockerfile": dockerfile, "line": line}
            self.notes.append(Notice(NoticeKind.IMAGE_CANDIDATE, span, params))

    def _load(self, ref: str, path: str) -> ImageConfig:
        data = read_bytes(path)  # once: the path may be a pipe (``x=/dev/stdin``)
        if _looks_like_json(data):
            from cmdresolve.sources.image.config import image_config

            return image_config(decode_text(data, path, utf16=True), path)
        if ref in self.building:
            raise InputError(
                N_("--image {ref}={path}: the Dockerfile builds from itself"),
                Span(path),
                ref=ref,
                path=path,
            )
        self.building.add(ref)
        target, args = self.specs.get(ref, (None, None))
        try:
            dockerfile = parse_dockerfile(decode_text(data, path), path)
            build = build_dockerfile(dockerfile, self, target, args)
        finally:
            self.building.discard(ref)
        self.builds[ref] = build
        return build.config


def _reference(ref: str) -> tuple[str, str, str | None] | None:
    """``(repository, tag, digest)`` as Docker normalizes it, or None if not a reference."""
    from cmdresolve.sources.image.catalog import parse_reference

    try:
        return parse_reference(ref)
    except ValueError:
        return None


def _looks_like_json(data: bytes | bytearray) -> bool:
    """An image config opens with ``{`` or ``[``, maybe after a byte-order mark (a
    file saved by PowerShell's ``>`` is UTF-16 with one); a Dockerfile cannot."""
    head = bytes(data[:64])
    if is_utf16(head):
        head = head.decode("utf-16", "replace").encode()
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")


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
        is_reference=lambda name: _reference(name) is not None,
    )


@record
class Options:
    """What to resolve the inputs with, besides the files themselves.

    ``run`` is a ``docker run``/``kubectl run``-style line (or a parsed
    :class:`DockerRun`); ``images`` binds references to Dockerfiles or image-config
    JSON files; ``target`` and ``build_args`` are the build's; ``container`` keeps
    only the containers of that name; ``rules`` are the checks whose findings each
    result carries (all of them when None). ``profiles`` (``--profile``), ``env_files``
    (``--env-file``) and ``environ`` (the process environment when None) are the compose
    project's. ``namespace`` is kubectl's ``-n``: where Kubernetes objects without
    ``metadata.namespace`` land (None: ``default``). ``repository``: named files link
    their images as the repository they are in does (``.cmdresolve.toml``, compose,
    skaffold), as a walked directory's do. ``shells`` says what ``/bin/sh`` is
    (``busybox``, ``dash``, ``bash``) for image references, over the catalog's word.
    """

    run: str | DockerRun | None = None
    images: Mapping[str, str] | None = None
    target: str | None = None
    build_args: Mapping[str, str] | None = None
    container: str | None = None
    rules: Sequence[Rule] | None = None
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()
    environ: Mapping[str, str] | None = None
    namespace: str | None = None
    repository: bool = False
    shells: Mapping[str, str] | None = None


class Answer:
    """The containers the inputs describe, resolved as they are asked for, notes, and
    the input errors.

    An input that cannot be read or resolved is an :class:`InputError` in ``errors``,
    and never stops the others: the inputs are read before :func:`resolve` returns,
    and a container that fails while the results are made adds its error then.
    Iterating, ``len`` and indexing keep each result once made; :meth:`stream` hands
    them over without keeping them, so that a caller can write each one as it comes
    and hold one at a time. ``notes`` say what was skipped, each with its place.
    ``unmatched`` are the options that match nothing in inputs that were all read: an
    ``Options.container`` no container has, an ``Options.images`` reference no input
    uses (the CLI's usage errors, said before any result).
    """

    def __init__(
        self,
        results: Iterator[Resolution],
        notes: Notes,
        errors: list[InputError],
        unmatched: list[InputError] | None = None,
    ) -> None:
        self._source = results
        self._kept: list[Resolution] = []
        self.scan: tuple[int, int] | None = None  # a directory walked: (files read, skipped)
        self.notes = notes
        self.errors = errors
        self.unmatched = [] if unmatched is None else unmatched

    def stream(self) -> Iterator[Resolution]:
        """The results not yet made, each once, kept nowhere."""
        return self._source

    def __iter__(self) -> Iterator[Resolution]:
        yield from self._kept[:]
        for result in self._source:
            self._kept.append(result)
            yield result

    def __len__(self) -> int:
        self._kept.extend(self._source)
        return len(self._kept)

    def __getitem__(self, index: int) -> Resolution:
        self._kept.extend(self._source)
        return self._kept[index]


def resolve(files: Iterable[str] = (), options: Options | None = None) -> Answer:
    """Resolve every container the inputs describe.

    ``files`` are Dockerfiles and Kubernetes manifests (told apart by content; ``-``
    is standard input). With exactly one Dockerfile and one container (or one run
    line) whose image is not bound, that image is the one the Dockerfile builds.
    """
    options = Options() if options is None else options
    errors: list[InputError] = []
    unmatched: list[InputError] = []
    scan: list[tuple[int, int]] = []
    results, notes = _iter_unchecked(files, options, errors, unmatched, scan)
    from cmdresolve.checks import RULES, check
    from cmdresolve.checks.suppress import Suppressions

    chosen = RULES if options.rules is None else tuple(options.rules)
    ignores = Suppressions()
    from cmdresolve.resolve.entrypoint import with_final_process
    from cmdresolve.resolve.shell import with_script

    shells = options.shells
    checked = (
        ignores.drop_suppressed(check(with_final_process(with_script(r, shells)), chosen))
        for r in results
    )
    answer = Answer(checked, notes, errors, unmatched)
    answer.scan = scan[0] if scan else None
    return answer


def _iter_unchecked(
    files: Iterable[str],
    options: Options,
    errors: list[InputError],
    unmatched: list[InputError],
    scan: list[tuple[int, int]],
) -> tuple[Iterator[Resolution], Notes]:
    run, target, build_args, container = (
        options.run,
        options.target,
        options.build_args,
        options.container,
    )
    from cmdresolve.discover.inputs import Inputs

    registry = Images(options.images, errors)
    inputs = Inputs.read(files, errors)
    if inputs.scanned:
        scan.append((inputs.read_count, inputs.skipped))
        from cmdresolve.discover.images import link_repository

        link_repository(inputs, registry, errors)
    elif options.repository:
        from cmdresolve.discover.images import link_repository

        link_repository(inputs, registry, errors, files)
    docker_run: DockerRun | None = None
    compose_run: ComposeRun | None = None
    try:
        if isinstance(run, str):
            from cmdresolve.sources.cmdline import parse_command_line

            parsed = parse_command_line(run)
            from cmdresolve.model.compose import ComposeRun  # only for a --run line

            if isinstance(parsed, ComposeRun):
                compose_run = parsed
            elif isinstance(parsed, DockerRun):
                docker_run = _with_env_files(parsed)
            else:
                inputs.pods.append(parsed)
        elif run is not None:
            docker_run = _with_env_files(run)
    except InputError as exc:
        errors.append(exc)
    for ref in registry.bindings:  # a bad --image file is reported before any result
        registry.lookup(ref)
    projects = inputs.compose_projects
    if compose_run is not None:  # one project: the run line's -f files, else the first
        from cmdresolve.compose_inputs import run_line_files

        first = projects[0] if projects else []
        projects = [run_line_files(compose_run, first, options.environ)]
        projects = [paths for paths in projects if paths]
    if projects:
        from cmdresolve.compose_inputs import compose_results

        line = compose_run
        texts = dict(inputs.compose)
        compose: Iterator[Resolution] = chain.from_iterable(
            compose_results(
                paths,
                texts,
                registry,
                errors,
                profiles=(line.profiles if line is not None else ()) or options.profiles,
                env_files=(line.env_files if line is not None else ()) or options.env_files,
                environ=options.environ,
                run=compose_run,
                container=None if inputs.scanned else container,
                project_name=None if line is None else line.project_name,
                project_directory=None if line is None else line.project_directory,
            )
            for paths in projects
        )
        if inputs.scanned and container is not None:  # a walk's projects: most lack it
            compose = (r for r in compose if r.container == container)
        if not inputs.dockerfiles and not inputs.pods:
            return compose, inputs.notes
    elif compose_run is not None:
        errors.append(InputError(N_("docker compose run needs a compose file"), compose_run.span))
    builds, built = [], []
    for df in inputs.dockerfiles:
        PROGRESS.input = df.path
        try:
            builds.append(build_dockerfile(df, registry, target, build_args))
            built.append(df)
        except InputError as exc:
            errors.append(exc)
    if not errors:  # an input that failed may hold the container or use the image
        unmatched += _unmatched_options(inputs, registry, builds, docker_run, container)
    # One Dockerfile and one container whose image is not bound: the Dockerfile builds
    # it; not when an input failed, which might have been the Dockerfile or a container.
    paired = len(builds) == 1 and not errors
    pod_build = builds[0] if paired and docker_run is None else None
    if pod_build is not None and not _one_unbound(inputs, registry):
        pod_build = None
    if pod_build is not None:
        item = next(c for pod in inputs.pods for c in pod.containers)
        pod_build = _taken_as_built(pod_build, item.image or "", built[0].path)
    pods = _kubernetes_results(inputs, registry, pod_build, container, errors, options.namespace)
    if inputs.compose:
        pods = chain(compose, pods)
    if pod_build is not None:
        return pods, inputs.notes
    if docker_run is not None and paired and not registry.binding_key(docker_run.image):
        build = _taken_as_built(builds[0], docker_run.image, built[0].path)
        run_result = merge_docker_run(build.config, docker_run)
        docker = [_with_build(run_result, build, docker_run.image)]
    elif inputs.scanned and container is not None:  # a Dockerfile alone names no container
        docker = []
    else:
        docker = [
            _with_build(merge_docker_run(b.config, None), b, df.path)
            for b, df in zip(builds, built)
        ]
        if docker_run is not None:
            docker.append(_run_on_image(docker_run, registry))
    return chain(pods, docker), inputs.notes


def _unmatched_options(
    inputs: Inputs,
    registry: Images,
    builds: list[Build],
    run: DockerRun | None,
    container: str | None,
) -> list[InputError]:
    """A ``container`` no input's container has, and each bound reference that no FROM
    (of a given Dockerfile, or of one bound to another reference), container image or
    run line uses; each with the nearest name the inputs do have."""
    found: list[InputError] = []
    if container is not None and (not inputs.compose or inputs.scanned):
        names = [item.name for pod in inputs.pods for item in pod.containers]
        if inputs.scanned:
            from cmdresolve.discover.images import service_names

            names += service_names(inputs.compose)
        if container not in names:
            found.append(_no_container(container, names))
    if not registry.bindings:
        return found
    used = dict.fromkeys(  # each reference once: a manifest repeats its images
        [
            *(ref for build in (*builds, *registry.builds.values()) for ref in build.source.bases),
            *(item.image for pod in inputs.pods for item in pod.containers if item.image),
            *([run.image] if run is not None else []),
        ]
    )
    bound = {registry.binding_key(ref) for ref in used}
    for ref in registry.bindings:
        if ref in registry.explicit and ref not in bound:
            found.append(_unused_image(ref, [u for u in used if registry.binding_key(u) is None]))
    return found


def _unused_image(ref: str, unbound: list[str]) -> InputError:
    from cmdresolve.suggest import nearest

    suggestion = nearest(ref, unbound)
    if suggestion is None:
        template = N_("--image {ref}: no FROM, container or run line uses this image")
        return InputError(template, ref=ref)
    template = N_(
        "--image {ref}: no FROM, container or run line uses this image; did you mean {suggestion}?"
    )
    return InputError(template, ref=ref, suggestion=suggestion)


def _no_container(name: str, names: list[str]) -> InputError:
    from cmdresolve.suggest import nearest

    suggestion = nearest(name, names)
    if suggestion is not None:
        template = N_(
            "--container {name!r}: no container has this name; did you mean {suggestion!r}?"
        )
        return InputError(template, name=name, suggestion=suggestion)
    if not names:
        template = N_(
            "--container {name!r}: no input has named containers (Kubernetes manifests name them)"
        )
        return InputError(template, name=name)
    known = sorted(set(names))
    shown = ", ".join(known[:5]) + (", …" if len(known) > 5 else "")
    template = N_("--container {name!r}: no container has this name (the inputs have {names})")
    return InputError(template, name=name, names=shown)


def _one_unbound(inputs: Inputs, registry: Images) -> bool:
    """One container, and its image neither bound nor known to the catalog: the one
    Dockerfile builds it (said in a note)."""
    containers = [c for pod in inputs.pods for c in pod.containers]
    if len(containers) != 1:
        return False
    image = containers[0].image or ""
    if registry.binding_key(image) is not None:
        return False
    return not image or registry.lookup(image) is None  # not one the catalog knows


def _taken_as_built(build: Build, image: str, dockerfile: str) -> Build:
    """``build`` with a first step saying that the one-Dockerfile rule linked ``image``
    to it: the repository does not say so, the rule does (docs/design.md, "discover")."""
    from cmdresolve.model.steps import Step, StepKind

    step = Step(
        StepKind.ONE_DOCKERFILE,
        {"image": image, "dockerfile": dockerfile},
        "cmdresolve's convention (docs/design.md, discover): one Dockerfile, one unlinked image",
    )
    return Build(build.config, (step, *build.steps), build.unknowns, build.source)


def _kubernetes_results(
    inputs: Inputs,
    registry: Images,
    pod_build: Build | None,
    container: str | None,
    errors: list[InputError],
    namespace: str | None = None,
) -> Iterator[Resolution]:
    if not inputs.pods:
        return
    from cmdresolve.resolve.kubernetes.container import resolve_kubernetes_container

    images: dict[str | None, tuple[ImageConfig, Build | None, Unknown | None]] = {}
    for pod in inputs.pods:
        for item in pod.containers:
            if container is not None and item.name != container:
                continue
            if item.image not in images:  # workloads repeat their images
                images[item.image] = _image_config(item.image, registry, pod_build)
            config, build, unknown = images[item.image]
            if unknown is not None:  # said at the container that names the image
                unknown = replace(unknown, span=item.span)
            PROGRESS.input = item.span.file if item.span else ""
            try:
                result = resolve_kubernetes_container(
                    pod,
                    item,
                    config,
                    inputs.config,
                    () if unknown is None else (unknown,),
                    namespace,
                )
            except InputError as exc:  # an expansion over budget: this container only
                errors.append(exc)
                continue
            yield _with_build(result, build, item.image or "") if build else result


def _image_config(
    ref: str | None, registry: Images, built: Build | None
) -> tuple[ImageConfig, Build | None, Unknown | None]:
    if built is not None:
        return built.config, built, None
    config = registry.lookup(ref) if ref else None
    if config is not None:
        return config, registry.builds.get(registry.binding_key(ref or "") or ""), None
    if ref:
        registry.note_unlinked(ref, None)
    source = ref or "(no image)"
    unknown = Unknown(UnknownKind.IMAGE_NOT_KNOWN, params={"image": source})
    return ImageConfig.unknown_image(source), None, unknown


def _with_env_files(run: DockerRun) -> DockerRun:
    if not run.env_files:
        return run
    from cmdresolve.sources.cmdline.env_file import load_env_file

    # docker/cli ReadKVEnvStrings: --env-file entries first, then -e.
    from_files = tuple(entry for path in run.env_files for entry in load_env_file(path))
    return replace(run, env=(*from_files, *run.env), env_files=())


def _run_on_image(run: DockerRun, registry: Images) -> Resolution:
    config, build, unknown = _image_config(run.image, registry, None)
    result = merge_docker_run(config, run)
    if unknown is not None:
        result = replace(result, unknowns=(unknown, *result.unknowns))
    return _with_build(result, build, run.image) if build else result


def _with_build(result: Resolution, build: Build, image: str) -> Resolution:
    request = result.engine_request
    return replace(
        result,
        steps=(*build.steps, *result.steps),
        unknowns=(*build.unknowns, *result.unknowns),
        image=image,
        engine_request=None if request is None else request.on(None, build.source),
    )
