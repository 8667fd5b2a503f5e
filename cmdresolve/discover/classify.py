"""Telling a Kubernetes manifest from a Dockerfile by content, cheaply.

Kept apart from the manifest reader so that a Dockerfile-only run loads
neither the Kubernetes model nor YAML.
"""

from __future__ import annotations

import re

_MANIFEST_KEY = re.compile(r"^(?:apiVersion|kind)[ \t]*:", re.MULTILINE)
_DOCKERFILE_START = re.compile(r"(?i)(?:from|arg)[ \t]")


def looks_like_manifest(text: str) -> bool:
    """True for a JSON object or array, or YAML with a top-level ``apiVersion``/``kind``.

    A cheap sniff of the first 64 KiB: a Dockerfile (whose first instruction is FROM or
    ARG, after comments and parser directives) answers False even when a heredoc holds
    YAML.
    """
    head = text[:65536].lstrip("\ufeff")
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith(("{", "[")):
            return True
        if _DOCKERFILE_START.match(stripped):
            return False
        break
    return _MANIFEST_KEY.search(head) is not None


_COMPOSE_KEY = re.compile(r"^services[ \t]*:[ \t]*(?:#.*)?$", re.MULTILINE)


def looks_like_compose(text: str) -> bool:
    """YAML with a top-level ``services:`` mapping and no ``apiVersion``/``kind``: what
    ``docker compose`` reads (its schema requires nothing else)."""
    head = text[:65536].lstrip("\ufeff")
    return _COMPOSE_KEY.search(head) is not None and _MANIFEST_KEY.search(head) is None
