"""Dockerfiles read the way BuildKit's frontend reads them."""

from __future__ import annotations

from cmdresolve.model.dockerfile import Dockerfile
from cmdresolve.sources.dockerfile.parser import parse_dockerfile, parse_trigger
from cmdresolve.sources.text import read_text

__all__ = ["load_dockerfile", "parse_dockerfile", "parse_trigger"]


def load_dockerfile(path: str) -> Dockerfile:
    return parse_dockerfile(read_text(path, "Dockerfile"), path)
