"""Telling a manifest from a Dockerfile by content."""

from __future__ import annotations

import pytest

from cmdresolve.discover.classify import looks_like_manifest


@pytest.mark.parametrize(
    ("text", "manifest"),
    [
        ("FROM alpine\nCMD [\"sh\"]\n", False),
        ("# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:$V\n", False),
        ("FROM alpine\nRUN <<EOF\napiVersion: v1\nkind: Pod\nEOF\n", False),
        ("apiVersion: v1\nkind: Pod\n", True),
        ("\ufeff# a pod\n---\nkind: Pod\napiVersion: v1\n", True),
        ('{"kind": "List", "items": []}', True),
        ("[]", True),
        ("cmd: [sleep]\n", False),
    ],
)
def test_looks_like_manifest(text: str, manifest: bool) -> None:
    assert looks_like_manifest(text) is manifest
