"""The image a compose service builds, as the real docker-compose names it (no daemon
needed: ``config --images``), against discover/images.py's links."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cmdresolve.discover.images import compose_links

CASES = {
    # folder name, compose text
    "plain": ("shop", "services:\n  web:\n    build: ./web\n  db:\n    image: postgres:16\n"),
    "named": ("x", "name: store\nservices:\n  api:\n    build: {context: ./api}\n"),
    "tagged": ("x", "services:\n  web:\n    build: ./web\n    image: example/web:1.0\n"),
    "folder": ("My.Project_1", "services:\n  Worker-2:\n    build: ./web\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_compose_names_the_images_it_builds_as_the_links_do(
    case: str, tmp_path: Path, compose_bin: Path
) -> None:
    folder, text = CASES[case]
    project = tmp_path / folder
    for context in ("web", "api"):
        (project / context).mkdir(parents=True)
        (project / context / "Dockerfile").write_text("FROM scratch\n")
    compose = project / "compose.yaml"
    compose.write_text(text)
    done = subprocess.run(
        [str(compose_bin), "config", "--images"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DOCKER_CONFIG": str(tmp_path)},
    )
    built = {link.ref for link in compose_links([(str(compose), text)])}
    listed = set(done.stdout.split())
    assert built and built <= listed
    assert listed - built <= {"postgres:16"}  # what is pulled, not built
    assert all(os.path.isfile(link.dockerfile) for link in compose_links([(str(compose), text)]))
