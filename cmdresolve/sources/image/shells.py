"""What ``/bin/sh`` is in a catalogued image family (``cmdresolve/data/shells.json``).

The same reference matching as :func:`cmdresolve.sources.image.programs.programs`: the
repository selects, the tag is matched against each entry's ``fnmatch`` patterns in
file order, and the first match wins; a digest-pinned reference gets None.

Authority: ``cmdresolve/data/shells.json`` (each entry names what it was read from);
docs/semantics.md §10 rule 3.
"""

from __future__ import annotations

from functools import cache, lru_cache

from cmdresolve.model.script import ShellKind
from cmdresolve.sources.image.catalog import tagged
from cmdresolve.sources.image.tags import tag_matches

__all__ = ["image_sh"]


@lru_cache(maxsize=1024)
def image_sh(ref: str) -> ShellKind | None:
    """What ``/bin/sh`` is in the image ``ref``, or None when the catalog does not say."""
    named = tagged(ref)
    if named is None:
        return None
    repository, tag = named
    for patterns, sh in _entries().get(repository, ()):
        if any(tag_matches(tag, p) for p in patterns):
            return sh
    return None


@cache
def _entries() -> dict[str, tuple[tuple[tuple[str, ...], ShellKind | None], ...]]:
    from cmdresolve.sources.image.catalog import read_data

    raw = read_data("shells.json")
    grouped: dict[str, list[tuple[tuple[str, ...], ShellKind | None]]] = {}
    for item in raw["families"]:
        sh = item["sh"]
        grouped.setdefault(item["repository"], []).append(
            (tuple(item["tags"]), None if sh is None else ShellKind(sh))
        )
    return {repository: tuple(entries) for repository, entries in grouped.items()}
