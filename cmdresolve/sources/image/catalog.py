"""The bundled catalog of well-known public images' defaults.

``cmdresolve/data/catalog.json`` records, for Docker Official Images and a few
others, what ``docker image inspect`` shows under ``Config``: ENTRYPOINT, CMD,
SHELL, Env, WorkingDir and User.  Every family names the upstream Dockerfile it
was read from.  A reference whose repository or tag the catalog does not cover
gets ``None``: the catalog never guesses.

Authority for reference parsing: distribution/reference ``normalize.go ::
ParseNormalizedNamed, splitDockerDomain`` (the Docker Hub domain ``docker.io``,
its aliases ``index.docker.io`` and ``registry-1.docker.io``, the ``library/``
namespace of official images, a first component containing ``.`` or ``:`` or
equal to ``localhost`` being a registry) and ``reference.go`` (tag grammar
``[\\w][\\w.-]{0,127}``, digest ``algorithm:hex`` after ``@``, default tag
``latest`` only when neither tag nor digest is given).
"""

from __future__ import annotations

import json
import os
import re
from functools import cache, lru_cache

from cmdresolve.model import Arg, ImageConfig, Span
from cmdresolve.model.frozen import record
from cmdresolve.model.image import ImageSource, SourceKind
from cmdresolve.model.origins import Origin
from cmdresolve.sources.image.tags import tag_matches

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))

__all__ = [
    "DIGEST_ONLY",
    "lookup",
    "normalize_reference",
    "parse_reference",
    "read_data",
    "repositories",
]

DIGEST_ONLY = ""
"""The tag :func:`normalize_reference` returns for a reference pinned only by digest."""

_HUB_DOMAINS = ("docker.io", "index.docker.io", "registry-1.docker.io")
_TAG = re.compile(r"[\w][\w.-]{0,127}")
_DIGEST = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}")
_PATH_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?")


def normalize_reference(ref: str) -> tuple[str, str]:
    """Split an image reference into ``(repository, tag)`` the way Docker does.

    Docker Hub names lose their domain and the ``library/`` namespace
    (``docker.io/library/python`` -> ``python``); other registries keep theirs
    (``localhost:5000/x:1`` -> ``("localhost:5000/x", "1")``).  The tag defaults
    to ``latest`` only without a digest; a reference pinned only by digest
    returns :data:`DIGEST_ONLY`, since a digest names no tag.  Raises
    ``ValueError`` for text that is not a reference.

    Authority: distribution/reference ``normalize.go :: splitDockerDomain``.
    """
    repository, tag, _digest = parse_reference(ref)
    return repository, tag


def parse_reference(ref: str) -> tuple[str, str, str | None]:
    """Like :func:`normalize_reference`, plus the digest (``None`` without one).

    Two references name the same image only if all three parts are equal: two
    digest-only references share the tag :data:`DIGEST_ONLY` but not the digest.
    """
    name, tag, digest = _split_reference(ref)
    return _normalize_name(name), tag, digest


def _split_reference(ref: str) -> tuple[str, str, str | None]:
    """Return ``(name, tag, digest)``; the tag is ``latest`` only without a digest."""
    text = ref.strip()
    digest: str | None = None
    if "@" in text:
        text, digest = text.split("@", 1)
        if not _DIGEST.fullmatch(digest):
            raise ValueError(f"invalid digest in image reference {ref!r}")
    name, tag = text, ""
    colon = text.rfind(":")
    if colon > text.rfind("/"):
        name, tag = text[:colon], text[colon + 1 :]
        if not _TAG.fullmatch(tag):
            raise ValueError(f"invalid tag in image reference {ref!r}")
    if not tag and digest is None:
        tag = "latest"
    _check_name(name, ref)
    return name, tag, digest


def tagged(ref: str) -> tuple[str, str] | None:
    """``(repository, tag)`` of a valid reference without a digest (a digest may name
    any build, so no tag's record answers for it), else None."""
    try:
        repository, tag, digest = parse_reference(ref)
    except ValueError:
        return None
    return None if digest is not None or not tag else (repository, tag)


def _check_name(name: str, ref: str) -> None:
    parts = name.split("/")
    if len(parts) > 1 and _is_domain(parts[0]):
        if not _DOMAIN.fullmatch(parts[0]):
            raise ValueError(f"invalid registry in image reference {ref!r}")
        parts = parts[1:]
    if not all(_PATH_COMPONENT.fullmatch(p) for p in parts):
        raise ValueError(f"invalid repository name in image reference {ref!r}")


def _is_domain(component: str) -> bool:
    return "." in component or ":" in component or component == "localhost"


def _normalize_name(name: str) -> str:
    parts = name.split("/")
    if len(parts) > 1 and _is_domain(parts[0]):
        if parts[0] not in _HUB_DOMAINS:
            return name
        parts = parts[1:]
    if len(parts) == 2 and parts[0] == "library":
        parts = parts[1:]
    return "/".join(parts)


@record
class _Family:
    tags: tuple[str, ...]
    entrypoint: tuple[str, ...] | None
    cmd: tuple[str, ...] | None
    shell: tuple[str, ...] | None
    env: tuple[str, ...]
    working_dir: str | None
    user: str | None
    source: str
    entrypoint_setup: bool = False


@record
class _Image:
    repository: str
    exclude: tuple[str, ...]
    families: tuple[_Family, ...]


def lookup(ref: str) -> ImageConfig | None:
    """Return the catalogued defaults of ``ref``, or ``None`` when not known.

    ``None`` when the reference is invalid, its repository is not catalogued,
    its tag matches an ``exclude`` pattern or no family (first match wins), or it
    is pinned only by digest and the repository's defaults depend on the tag.
    """
    try:
        name, tag, digest = _split_reference(ref)
    except ValueError:
        return None
    image = _image(_normalize_name(name))
    if image is None:
        return None
    label = f"{image.repository}:{tag}" if tag else f"{image.repository}@{digest}"
    if not tag:
        return _digest_config(image, label)
    if any(tag_matches(tag, p) for p in image.exclude):
        return None
    for family in image.families:
        pattern = next((p for p in family.tags if tag_matches(tag, p)), None)
        if pattern is not None:
            return _image_config(family, label, pattern)
    return None


def _digest_config(image: _Image, label: str) -> ImageConfig | None:
    """A digest names no tag: answer only when every tag has the same defaults."""
    if image.exclude or len(image.families) != 1 or "*" not in image.families[0].tags:
        return None
    return _image_config(image.families[0], label, "*")


def _image_config(family: _Family, label: str, pattern: str) -> ImageConfig:
    span = Span(file=f"catalog:{label}")
    return ImageConfig(
        source=ImageSource(SourceKind.CATALOG, label, pattern=pattern, url=family.source),
        entrypoint=_args(family.entrypoint, Origin.IMAGE_ENTRYPOINT, span),
        cmd=_args(family.cmd, Origin.IMAGE_CMD, span),
        shell=family.shell,
        env=family.env,
        working_dir=family.working_dir,
        user=family.user,
        source_span=span,
        # The catalog records PATH and the variables every tag shares, not all of them.
        unknown=frozenset({"env"}),
        catalogued=True,
        entrypoint_setup=family.entrypoint_setup,
    )


def _args(values: tuple[str, ...] | None, origin: Origin, span: Span) -> tuple[Arg, ...] | None:
    if values is None:
        return None
    return tuple(Arg(value, origin, span) for value in values)


def repositories() -> tuple[str, ...]:
    """The catalogued repository names, in catalog order."""
    return tuple(_catalog())


def read_data(name: str) -> Any:
    """The JSON file ``cmdresolve/data/NAME``, parsed: a plain file next to the package
    (``importlib.resources`` costs 10 ms of start-up, more than reading these files)."""
    with open(os.path.join(_PACKAGE, "data", name), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def _catalog() -> dict[str, object]:
    """``data/catalog.json``'s images by repository, loaded once and read as asked.

    Only the entry a lookup names is checked and read (:func:`_image`): a run asks for
    one or two of them.
    """
    raw = read_data("catalog.json")
    return {
        _str(_dict(item, "image").get("repository"), "repository"): item
        for item in _list(raw, "images")
    }


@cache
def _image(repository: str) -> _Image | None:
    raw = _catalog().get(repository)
    return None if raw is None else _parse_image(raw)


def _parse_image(raw: object) -> _Image:
    item = _dict(raw, "image")
    families = tuple(_parse_family(f) for f in _list(item, "families"))
    exclude = _strings(item.get("exclude", []), "exclude")
    return _Image(_str(item["repository"], "repository"), exclude, families)


def _parse_family(raw: object) -> _Family:
    item = _dict(raw, "family")
    return _Family(
        tags=_strings(item["tags"], "tags"),
        entrypoint=_optional_strings(item["entrypoint"], "entrypoint"),
        cmd=_optional_strings(item["cmd"], "cmd"),
        shell=_optional_strings(item["shell"], "shell"),
        env=_strings(item["env"], "env"),
        working_dir=_optional_str(item["working_dir"], "working_dir"),
        user=_optional_str(item["user"], "user"),
        source=_str(item["source"], "source"),
        entrypoint_setup=_bool(item.get("entrypoint_setup", False), "entrypoint_setup"),
    )


def _dict(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"catalog: {what} must be an object")
    return value


def _list(container: object, key: str) -> list[object]:
    value = _dict(container, key).get(key)
    if not isinstance(value, list):
        raise ValueError(f"catalog: {key} must be an array")
    return value


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"catalog: {what} must be a string")
    return value


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"catalog: {what} must be true or false")
    return value


def _optional_str(value: object, what: str) -> str | None:
    return None if value is None else _str(value, what)


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"catalog: {what} must be an array of strings")
    return tuple(_str(v, what) for v in value)


def _optional_strings(value: object, what: str) -> tuple[str, ...] | None:
    return None if value is None else _strings(value, what)
