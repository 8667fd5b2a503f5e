"""A directory argument, walked: the files under it that could be inputs, in one order.

Inside a git work tree the files are the ones ``git ls-files --cached --others
--exclude-standard`` lists (tracked, and untracked but not ignored: ``.gitignore``,
``.git/info/exclude`` and the global excludes honoured, as git itself reads them).
Elsewhere, or when git cannot be run, a plain walk skips hidden folders and those of
built files (``dist``, ``build``, ``target``, …): git ignores such folders in a work
tree, where a tracked ``build/`` holds sources. Either way the folders of other
people's files (``node_modules``, ``vendor``, virtual environments) are skipped: a
committed ``vendor/`` holds the Dockerfiles of dependencies, not the repository's.
A path is kept only when ``lstat`` says it is a regular file: a symlink is not
followed (it may point out of the tree), and a FIFO or device is never opened
(reading one could block or never end). The order is the paths sorted by their
components, so that a run over the same tree is the same.
"""

from __future__ import annotations

import os
import stat

__all__ = ["BUILT_FOLDERS", "SKIPPED_FOLDERS", "VENDORED_FOLDERS", "Walk", "walk"]

# Folders of other people's files, even when committed (vendored dependencies and
# virtual environments): skipped by every walk.
VENDORED_FOLDERS = frozenset(
    {"node_modules", "bower_components", "vendor", "third_party", ".venv", "venv", "site-packages"}
)
# Folders of built files: skipped by the plain walk. In a git work tree what is built is
# ignored, and a tracked ``build/`` holds sources (``build/package/Dockerfile``).
BUILT_FOLDERS = frozenset({"__pycache__", "dist", "build", "target", "out", "_build"})
SKIPPED_FOLDERS = VENDORED_FOLDERS | BUILT_FOLDERS

GIT_ARGV = ("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
_GIT_TIMEOUT = 30  # seconds: a huge monorepo still lists in a few


class Walk:
    """The regular files found under one directory, and the paths passed over because
    they are not regular files (each relative to nothing: as they are given)."""

    __slots__ = ("files", "not_regular", "root", "with_git")

    def __init__(self, root: str) -> None:
        self.root = root
        self.files: list[str] = []
        self.not_regular: list[str] = []
        self.with_git = False


def walk(root: str) -> Walk:
    """The files under ``root`` that are regular, git's view first (see the module)."""
    found = Walk(root)
    listed = _git_listing(root)
    if listed is not None:  # git's view, and still no vendored folder
        found.with_git = True
        candidates = [
            _join(root, rel)
            for rel in listed
            if not VENDORED_FOLDERS.intersection(_order(rel)[:-1])
        ]
    else:
        candidates = list(_plain(root))
    for path in sorted(set(candidates), key=_order):
        try:
            mode = os.lstat(path).st_mode
        except OSError:  # listed by git but deleted from the work tree
            continue
        if stat.S_ISREG(mode):
            found.files.append(path)
        elif not stat.S_ISDIR(mode):  # a submodule is a directory: passed over in silence
            found.not_regular.append(path)
    return found


def _order(path: str) -> tuple[str, ...]:
    return tuple(path.split(os.sep))


def _join(root: str, rel: str) -> str:
    return os.path.normpath(os.path.join(root, rel))


def _git_listing(root: str) -> list[str] | None:
    """The paths git lists under ``root`` (relative to it), or None when ``root`` is not
    in a work tree or git is not there. A fixed argv, no shell: nothing read from the
    tree reaches the command line."""
    import subprocess

    try:
        done = subprocess.run(
            GIT_ARGV,
            cwd=root,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [name.replace("/", os.sep) for name in names if name]


def _plain(root: str) -> list[str]:
    """Every path under ``root`` outside hidden and vendored folders; symlinked folders
    are not entered (``os.walk`` default), and symlinks are kept for ``lstat`` to refuse."""
    out: list[str] = []
    for directory, folders, files in os.walk(root):
        kept = []
        for name in folders:
            path = _join(directory, name)
            if os.path.islink(path):  # listed, never entered: lstat refuses it below
                out.append(path)
            elif not name.startswith(".") and name not in SKIPPED_FOLDERS:
                kept.append(name)
        folders[:] = kept
        out.extend(_join(directory, name) for name in files)
    return out
