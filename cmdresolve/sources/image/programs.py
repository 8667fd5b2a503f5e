"""The bundled catalog of the programs shipped in a few public base images.

``cmdresolve/data/programs.json`` lists, per image family, every executable entry of
``/bin``, ``/sbin``, ``/usr/bin``, ``/usr/sbin``, ``/usr/local/bin`` and ``/usr/local/sbin``.
``tools/programs_catalog.py`` generates it from authentic artifacts: busybox and alpine lists
are the member lists of the images' own rootfs tarballs (docker-library/busybox ``dist-amd64``,
alpinelinux/docker-alpine branches); the debian list is derived from the build's
``rootfs.manifest`` (debuerreotype/docker-debian-artifacts) and those packages' contents; the
ubuntu lists (24.04 and 22.04 builds) from docker-library/repo-info's package record of the
image, those packages' contents and the image builder's (livecd-rootfs) own additions; the
python lists (``python:3.13.15-slim-trixie``) from repo-info's package record of the image and
those packages' contents, with ``/usr/local/bin`` a documented superset of CPython's ``make
install`` (read from a pyenv build of the same minor version) and the Dockerfile's links.  Each
family names its artifact in ``source``.

A reference whose repository or tag no family covers, or that is pinned by digest, gets
``None``: a program missing from a list means "not in the image as built from that source",
so the catalog must never be applied to an image it does not describe.

Authority for reference parsing: :func:`cmdresolve.sources.image.catalog.parse_reference`
(distribution/reference ``normalize.go``), the same matching conventions as
:func:`cmdresolve.sources.image.catalog.lookup`: the repository selects, the tag is matched
with ``tags.tag_matches`` (fnmatch's patterns) against each family's ``tags`` in order, and
the first match wins.
"""

from __future__ import annotations

import difflib
import posixpath
from functools import cache, lru_cache

from cmdresolve.model.frozen import record
from cmdresolve.sources.image.catalog import tagged
from cmdresolve.sources.image.tags import tag_matches

__all__ = ["Programs", "programs"]


@record
class Programs:
    """The programs of one catalogued image family.

    ``paths`` holds absolute paths; an image whose ``/bin`` links to ``usr/bin`` has both
    ``/bin/ls`` and ``/usr/bin/ls``, since ``execve`` finds either.
    """

    label: str
    source: str
    paths: frozenset[str]
    stands_for: str | None = None  # the reference asked for, when this list stands in for it

    def find(self, name: str, path_env: str) -> bool:
        """Whether ``execve``/``execvp`` would find the program ``name`` in this image.

        A name without ``/`` is searched in each directory of ``path_env`` (``:``-separated,
        as POSIX ``execvp`` and Go's ``exec.LookPath`` that runc uses do); an absolute name is
        looked up as is.  Names whose resolution depends on the working directory (a relative
        name containing ``/``; an empty or relative ``PATH`` entry, which POSIX reads as the
        working directory) or on symlinks the catalog does not record (a ``..`` component)
        cannot be judged from the catalog and count as found, so that no check reports them.

        Authority: POSIX.1-2017 XBD 8.3 ``PATH`` and XSH ``exec`` (search only for names
        without a slash; zero-length prefix means the current directory).
        """
        if "/" in name:
            if not name.startswith("/"):
                return True
            parts = [p for p in name.split("/") if p not in ("", ".")]
            if ".." in parts:
                return True
            return "/" + "/".join(parts) in self.paths
        if not name:
            return False
        for directory in path_env.split(":"):
            if not directory.startswith("/"):
                return True
            if self.find(posixpath.join(directory, name), ""):
                return True
        return False

    def closest(self, name: str) -> str | None:
        """The program basename most similar to ``name``'s basename, or ``None`` if none is close.

        Similarity is :func:`difflib.get_close_matches` with ``cutoff=0.8`` over the sorted
        basenames, so the answer is deterministic.  Authority: Python ``difflib``
        (``SequenceMatcher.ratio``).
        """
        base = posixpath.basename(name)
        if not base:
            return None
        names = sorted({posixpath.basename(p) for p in self.paths})
        matches = difflib.get_close_matches(base, names, n=1, cutoff=0.8)
        return matches[0] if matches else None


@lru_cache(maxsize=1024)  # a manifest names the same few images thousands of times
def programs(ref: str) -> Programs | None:
    """The catalogued programs of the image ``ref``, or ``None`` when not known.

    ``None`` for an invalid reference, a reference with a digest (a digest may name any
    build), a repository no family has, or a tag no family's ``fnmatch`` patterns match.
    Families are tried in file order and the first match wins, as in
    :func:`cmdresolve.sources.image.catalog.lookup`.

    Authority: ``cmdresolve/data/programs.json``, generated by ``tools/programs_catalog.py``
    from the artifacts each family cites in ``source``.
    """
    named = tagged(ref)
    if named is None:
        return None
    repository, tag = named
    families = _families().get(repository, ())
    for family in families:
        if any(tag_matches(tag, pattern) for pattern in family[0]):
            return family[1]
    return _stand_in(repository, tag, ref, families)


def _stand_in(
    repository: str, tag: str, ref: str, families: tuple[_Family, ...]
) -> Programs | None:
    """The list ``data/program_ranges.json`` names for a tag no family was read for,
    marked with the reference it stands in for; None when no range covers the tag.
    Authority: each range's ``why`` in that file."""
    for tags, label in _ranges().get(repository, ()):
        if any(tag_matches(tag, pattern) for pattern in tags):
            used = next((f[1] for f in families if f[1].label == label), None)
            if used is None:
                raise ValueError(f"program_ranges.json: no family labelled {label!r}")
            return Programs(used.label, used.source, used.paths, stands_for=ref)
    return None


@cache
def _ranges() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Load ``data/program_ranges.json`` once: per repository, (tag patterns, label)."""
    from cmdresolve.sources.image.catalog import read_data

    raw = read_data("program_ranges.json")
    if not isinstance(raw, dict) or not isinstance(raw.get("ranges"), list):
        raise ValueError("program_ranges.json: ranges must be an array")
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for item in raw["ranges"]:
        if not isinstance(item, dict):
            raise ValueError("program_ranges.json: a range must be an object")
        repository = _str(item.get("repository"), "repository")
        entry = (_strings(item.get("tags"), "tags"), _str(item.get("use"), "use"))
        grouped.setdefault(repository, []).append(entry)
    return {repository: tuple(entries) for repository, entries in grouped.items()}


_Family = tuple[tuple[str, ...], Programs]


@cache
def _families() -> dict[str, tuple[_Family, ...]]:
    """Load and check ``data/programs.json`` once, grouped by repository in file order.

    Read on first use, so that importing this module costs nothing at start-up.
    Authority: the file's own ``_comment``.
    """
    from cmdresolve.sources.image.catalog import read_data

    raw = read_data("programs.json")
    if not isinstance(raw, dict) or not isinstance(raw.get("families"), list):
        raise ValueError("programs.json: families must be an array")
    grouped: dict[str, list[_Family]] = {}
    for item in raw["families"]:
        repository, family = _parse_family(item)
        grouped.setdefault(repository, []).append(family)
    return {repository: tuple(families) for repository, families in grouped.items()}


def _parse_family(item: object) -> tuple[str, _Family]:
    """One family of ``programs.json``, type-checked: repository, tags, label, source, paths."""
    if not isinstance(item, dict):
        raise ValueError("programs.json: a family must be an object")
    repository = _str(item.get("repository"), "repository")
    tags = _strings(item.get("tags"), "tags")
    paths = _strings(item.get("paths"), "paths")
    if not all(p.startswith("/") for p in paths):
        raise ValueError(f"programs.json: {repository}: paths must be absolute")
    found = Programs(
        label=_str(item.get("label"), "label"),
        source=_str(item.get("source"), "source"),
        paths=frozenset(paths),
    )
    return repository, (tags, found)


def _str(value: object, what: str) -> str:
    """``value`` as a string.  Authority: the schema ``tools/programs_catalog.py`` writes."""
    if not isinstance(value, str):
        raise ValueError(f"programs.json: {what} must be a string")
    return value


def _strings(value: object, what: str) -> tuple[str, ...]:
    """``value`` as strings.  Authority: the schema ``tools/programs_catalog.py`` writes."""
    if not isinstance(value, list):
        raise ValueError(f"programs.json: {what} must be an array of strings")
    return tuple(_str(v, what) for v in value)
