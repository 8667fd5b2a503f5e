"""Which image reference is built from which Dockerfile, as the repository says it.

Nothing is guessed from names. A link comes from, in order of precedence:
``--image`` (the command line), ``.cmdresolve.toml`` ``[images]``, a compose service
with ``build:`` (its ``image:``, else the name compose gives the image it builds:
``<project>-<service>``), and a skaffold artifact (``image``, ``context``,
``docker.dockerfile``, ``docker.target``, ``docker.buildArgs``). A container's image
whose repository is a linked one with another tag links by repository (skaffold
rewrites the tags of the manifests it deploys), with a note.
"""

from __future__ import annotations

import os
import re

from cmdresolve.model import InputError
from cmdresolve.model.frozen import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from cmdresolve.api import Images
    from cmdresolve.discover.inputs import Inputs

__all__ = ["Link", "compose_links", "link_repository", "skaffold_links"]


@record
class Link:
    """``ref`` is built from ``dockerfile`` (with ``target`` and ``args``); ``via`` says
    which file said so. ``dockerfile`` may be an image-config JSON (``[images]``)."""

    ref: str
    dockerfile: str
    target: str | None = None
    args: tuple[tuple[str, str], ...] = ()
    via: str = ""


def _load_yaml(text: str) -> list[object]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.load_all(text, Loader=loader))
    except Exception:  # the reader of that file reports it
        return []


def _args(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, dict):
        return tuple((str(k), "" if v is None else str(v)) for k, v in value.items())
    if isinstance(value, list):
        pairs = (str(item).partition("=") for item in value)
        return tuple((k, v) for k, sep, v in pairs if sep)
    return ()


_PROJECT_CHARS = re.compile(r"[^a-z0-9_-]")


def project_name(path: str, document: dict[object, object]) -> str:
    """The compose project's name: ``name:``, else the folder's, lowercased with the
    characters a project name cannot hold dropped.

    Authority: compose-spec/compose-go ``cli/options.go :: ProjectOptions`` and
    ``loader/normalize.go :: NormalizeProjectName``.
    """
    given = document.get("name")
    if isinstance(given, str) and given and "$" not in given:
        return given
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return _PROJECT_CHARS.sub("", folder.lower()).lstrip("_-")


def compose_links(files: Iterable[tuple[str, str]]) -> list[Link]:
    """The images compose services build: ``image:`` names what ``build:`` makes, else
    ``<project>-<service>``.

    Authority: docker/compose ``pkg/api/api.go :: GetImageNameOrDefault``.
    """
    links: list[Link] = []
    for path, text in files:
        for document in _load_yaml(text):
            if not isinstance(document, dict) or not isinstance(document.get("services"), dict):
                continue
            project = project_name(path, document)
            for name, service in document["services"].items():
                if not isinstance(service, dict) or "build" not in service:
                    continue
                build = service["build"]
                spec = build if isinstance(build, dict) else {"context": build}
                if "dockerfile_inline" in spec:  # built from the compose file itself
                    continue
                context = spec.get("context", ".")
                if not isinstance(context, str) or "$" in context or "://" in context:
                    continue
                dockerfile = spec.get("dockerfile", "Dockerfile")
                if not isinstance(dockerfile, str) or "$" in dockerfile:
                    continue
                image = service.get("image")
                ref = image if isinstance(image, str) and image else f"{project}-{name}"
                if "$" in ref:
                    continue
                where = os.path.join(os.path.dirname(path), context, dockerfile)
                target = spec.get("target") if isinstance(spec.get("target"), str) else None
                links.append(
                    Link(ref, os.path.normpath(where), target, _args(spec.get("args")), path)
                )
    return links


def service_names(files: Iterable[tuple[str, str]]) -> list[str]:
    """The service names of compose files (for ``--container`` over a walk)."""
    names: list[str] = []
    for _, text in files:
        for document in _load_yaml(text):
            services = document.get("services") if isinstance(document, dict) else None
            names += [str(name) for name in services] if isinstance(services, dict) else []
    return names


def skaffold_links(files: Iterable[tuple[str, str]]) -> list[Link]:
    """The images skaffold builds: each artifact of ``build.artifacts``.

    Authority: GoogleContainerTools/skaffold ``pkg/skaffold/schema/latest/config.go ::
    Artifact, DockerArtifact`` (``context`` defaults to ``.``, ``dockerfile`` to
    ``Dockerfile``, relative to the context).
    """
    links: list[Link] = []
    for path, text in files:
        for document in _load_yaml(text):
            build = document.get("build") if isinstance(document, dict) else None
            artifacts = build.get("artifacts") if isinstance(build, dict) else None
            for artifact in artifacts if isinstance(artifacts, list) else []:
                if not isinstance(artifact, dict) or not isinstance(artifact.get("image"), str):
                    continue
                docker = artifact.get("docker")
                docker = docker if isinstance(docker, dict) else {}
                context = artifact.get("context", ".")
                dockerfile = docker.get("dockerfile", "Dockerfile")
                if not isinstance(context, str) or not isinstance(dockerfile, str):
                    continue
                where = os.path.join(os.path.dirname(path), context, dockerfile)
                target = docker.get("target") if isinstance(docker.get("target"), str) else None
                args = _args(docker.get("buildArgs"))
                links.append(Link(artifact["image"], os.path.normpath(where), target, args, path))
    return links


def candidates(image: str, dockerfiles: list[str]) -> list[str]:
    """The Dockerfiles that could build ``image`` when nothing links it: those whose
    folder is named as the last part of the image's repository, or starts with it and
    a ``-`` or ``_`` (``guestbook-go`` for ``guestbook``). A name is a hint, never a link."""
    last = image.split("@")[0].rsplit("/", 1)[-1].split(":")[0].lower()
    found = []
    for path in dockerfiles:
        folder = os.path.basename(os.path.dirname(os.path.abspath(path))).lower()
        if folder == last or folder.startswith((last + "-", last + "_")):
            found.append(path)
    return found


def link_repository(
    inputs: Inputs, registry: Images, errors: list[InputError], named: Iterable[str] = ()
) -> None:
    """After a walk: the images the repository links to Dockerfiles (this module)
    join the ``--image`` bindings; a Dockerfile that a link names is resolved through
    what runs it, not alone; the others are the candidates an unlinked image's note names.
    With ``named`` files (``Options.repository``), the repository is found from them and
    its compose and skaffold files are read for their links only.
    """
    import os

    from cmdresolve.config import find_config, image_links

    compose, skaffold = inputs.compose, inputs.skaffold
    root = inputs.root
    if not inputs.scanned:
        from cmdresolve.discover.inputs import link_sources, repository_root

        root = repository_root(named)
        if root is None:
            return
        compose, skaffold = link_sources(root)
        compose += [c for c in inputs.compose if c[0] not in dict(compose)]
    links: list[Link] = []
    try:
        found = find_config(root or ".")
    except InputError as exc:
        errors.append(exc)
        found = None
    if found is not None:
        from cmdresolve.discover.inputs import shown_path

        links += [
            Link(r, shown_path(p), t, a, shown_path(found[0])) for r, p, t, a in image_links(*found)
        ]
    found_links = [*compose_links(compose), *skaffold_links(skaffold)]
    links += [link for link in found_links if os.path.isfile(link.dockerfile)]
    registry.link(links)
    registry.notes = inputs.notes
    built = {os.path.abspath(link.dockerfile) for link in links}
    kept = [d for d in inputs.dockerfiles if os.path.abspath(d.path) not in built]
    registry.candidates = [d.path for d in kept]
    if len(kept) != len(inputs.dockerfiles) and (inputs.pods or inputs.compose):
        inputs.dockerfiles = kept
