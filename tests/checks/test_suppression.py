"""``# cmdresolve: ignore=CODE[,CODE]`` on the finding's line or the line above it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import resolve


def _codes(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text)
    return [f.code for r in resolve([str(path)]) for f in r.findings]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("FROM scratch\nCMD []\n", ["CR901"]),
        ("FROM scratch\n# cmdresolve: ignore=CR901\nCMD []\n", []),
        ("FROM scratch\n#cmdresolve:ignore=cr105, CR901\nCMD []\n", []),
        ("FROM scratch\n# cmdresolve: ignore=CR902\nCMD []\n", ["CR901"]),
        ("FROM scratch\n# cmdresolve: ignore=CR901\n\nCMD []\n", ["CR901"]),  # not adjacent
        ("# cmdresolve: ignore=CR901\nFROM scratch\nCMD []\n", ["CR901"]),
    ],
)
def test_dockerfile_comment_above_the_instruction(tmp_path: Path, text: str, codes) -> None:
    assert _codes(tmp_path, "Dockerfile", text) == codes


POD = "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n{item}"


@pytest.mark.parametrize(
    ("item", "codes"),
    [
        ("    - {name: c, image: example.com/x}\n", ["CR902"]),
        ("    - {name: c, image: example.com/x}  # cmdresolve: ignore=CR902\n", []),
        ("    # cmdresolve: ignore=CR902\n    - {name: c, image: example.com/x}\n", []),
        ("    - {name: c, image: example.com/x}  # cmdresolve: ignore=CR901\n", ["CR902"]),
    ],
)
def test_yaml_comment_on_or_above_the_container(tmp_path: Path, item: str, codes) -> None:
    assert _codes(tmp_path, "pod.yaml", POD.replace("{item}", item)) == codes
