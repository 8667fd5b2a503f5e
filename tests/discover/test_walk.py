"""The walk: git's view of the tree, else hidden and vendored folders skipped; only
regular files; one order."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cmdresolve.discover import walk as walk_module
from cmdresolve.discover.walk import walk

HAS_GIT = shutil.which("git") is not None


def _tree(root: Path) -> None:
    for rel in ("b/Dockerfile", "a/pod.yaml", "a/z/x.yaml", ".hidden/Dockerfile",
                "node_modules/p/Dockerfile", "vendor/v/Dockerfile", "ignored/Dockerfile",
                "top.yaml", "build/package/Dockerfile"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")


def _rel(root: Path, files: list[str]) -> list[str]:
    return [os.path.relpath(f, root).replace(os.sep, "/") for f in files]


def test_plain_walk_skips_hidden_and_vendored_folders_in_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = walk(str(tmp_path))
    assert not found.with_git
    assert _rel(tmp_path, found.files) == [
        "a/pod.yaml", "a/z/x.yaml", "b/Dockerfile", "ignored/Dockerfile", "top.yaml",
    ]


def test_no_git_falls_back_to_the_plain_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    _tree(tmp_path)
    monkeypatch.setattr(walk_module, "GIT_ARGV", ("/nonexistent/git", "ls-files"))
    assert not walk(str(tmp_path)).with_git


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_git_work_tree_honours_gitignore(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    found = walk(str(tmp_path))
    assert found.with_git
    assert _rel(tmp_path, found.files) == [
        ".gitignore", ".hidden/Dockerfile", "a/pod.yaml", "a/z/x.yaml", "b/Dockerfile",
        "build/package/Dockerfile", "top.yaml",
    ]


def test_a_walk_from_the_current_directory_gives_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert walk(".").files[0] == os.path.join("a", "pod.yaml")


def test_non_regular_files_are_never_opened(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "top.yaml")
    (tmp_path / "linked-dir").symlink_to(tmp_path / "a")
    os.mkfifo(tmp_path / "fifo.yaml")
    found = walk(str(tmp_path))
    assert sorted(_rel(tmp_path, found.not_regular)) == ["fifo.yaml", "link.yaml", "linked-dir"]
    assert "link.yaml" not in _rel(tmp_path, found.files)
