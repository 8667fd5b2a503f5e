"""The FILE arguments, read once and sorted by what they contain; a directory walked.

A file named on the command line is read as it always was when its kind is clear
(compose, a manifest, else a Dockerfile); one that is YAML or JSON but none of ours
(a CI workflow, Helm values, an empty file) is passed over with a note, not an error.
A directory's files are classified by name and content (:mod:`.classify`), and only
the kinds we read are parsed; every other file gets a note saying what it is. One
file that cannot be read is an :class:`InputError` and the others are still read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from cmdresolve.discover.classify import (
    READ,
    Kind,
    classify,
    looks_like_compose,
    looks_like_manifest,
)
from cmdresolve.model import InputError, Notice, NoticeKind, Span
from cmdresolve.model.facts import N_
from cmdresolve.sources.dockerfile import parse_dockerfile
from cmdresolve.sources.text import decode_text, is_utf16, read_bytes, read_input

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model.dockerfile import Dockerfile
    from cmdresolve.model.kubernetes import ConfigData, PodSpec

__all__ = ["COMPOSE_FILE_NAMES", "COMPOSE_OVERRIDE_NAMES", "Inputs", "compose_defaults"]

COMPOSE_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
COMPOSE_OVERRIDE_NAMES = (
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
_YAML = (".yaml", ".yml", ".json")


class Inputs:
    """The inputs, read: Dockerfiles, pods, ConfigMaps/Secrets, compose projects (each a
    list of files read as one, as ``docker compose -f a -f b`` does), skaffold files, the
    notes on what was passed over, and what a summary counts."""

    def __init__(self) -> None:
        self.dockerfiles: list[Dockerfile] = []
        self.pods: list[PodSpec] = []
        self.config: list[ConfigData] = []
        self.compose: list[tuple[str, str]] = []
        self.compose_projects: list[list[str]] = []
        self.skaffold: list[tuple[str, str]] = []
        self.notes: list[Notice] = []
        self.read_count = 0
        self.skipped = 0
        self.scanned = False  # a directory was walked: the summary counts files
        self.root: str | None = None  # the first directory walked (its config binds images)
        self.seen: set[str] = set()  # each file read once, named and walked alike

    @classmethod
    def read(cls, files: Iterable[str], errors: list[InputError]) -> Inputs:
        """Each file read and sorted; one that cannot be read adds its error to
        ``errors`` and is left out. A directory is walked."""
        from cmdresolve.api import PROGRESS

        inputs = cls()
        named: list[str] = []
        for path in files:
            PROGRESS.input = path
            try:
                if path != "-" and os.path.isdir(path):
                    inputs._scan(path, errors)
                    continue
                kind = inputs._read(path)
                if kind is Kind.COMPOSE:
                    named.append(inputs.compose[-1][0])
            except InputError as exc:
                errors.append(exc)
        if named:  # files named together are one project, as `docker compose -f … -f …`
            inputs.compose_projects.insert(0, named)
        return inputs

    def _read(self, path: str, text: str | None = None, kind: Kind | None = None) -> Kind | None:
        """Read one file; ``kind`` is the walk's, else told here (a named file). None
        for a file read already."""
        from cmdresolve.api import PROGRESS

        PROGRESS.input = path
        if path != "-":
            key = os.path.realpath(path)
            if key in self.seen:
                return None
            self.seen.add(key)
        if text is None:
            label, text, utf16 = read_input(path, "Dockerfile or manifest")
        else:
            label, utf16 = path, False
        if kind is None:
            kind = _named_kind(label, text)
        self.read_count += kind in READ
        if kind is Kind.COMPOSE:
            self.compose.append((label, text))
        elif kind is Kind.KUBERNETES:
            from cmdresolve.sources.kubernetes.manifests import parse_manifests

            manifests = parse_manifests(text, label)
            self.pods.extend(manifests.pods)
            self.config.extend(manifests.config)
            self.notes.extend(manifests.notes)
        elif kind is Kind.SKAFFOLD:
            self.skaffold.append((label, text))
        elif kind is Kind.DOCKERFILE:
            if utf16:  # BuildKit reads a Dockerfile's bytes as UTF-8: no UTF-16 rule
                raise InputError(
                    N_("UTF-16 text (a byte-order mark); save it as UTF-8"), Span(label)
                )
            self.dockerfiles.append(parse_dockerfile(text, label))
        else:
            self._skip(label, kind)
        return kind

    def _skip(self, path: str, kind: Kind) -> None:
        self.skipped += 1
        span = Span(path)
        if kind is Kind.HELM_TEMPLATE:
            chart = _chart_of(path)
            self.notes.append(Notice(NoticeKind.HELM_TEMPLATE, span, {"chart": chart}))
        elif kind is Kind.KUSTOMIZATION:
            folder = os.path.dirname(path) or "."
            self.notes.append(Notice(NoticeKind.KUSTOMIZATION, span, {"directory": folder}))
        else:
            self.notes.append(Notice(NoticeKind.SKIPPED_FILE, span, {"what": kind.value}))

    def _scan(self, root: str, errors: list[InputError]) -> None:
        """Walk ``root``: classify every candidate, read the inputs, note the rest."""
        from cmdresolve.discover.classify import may_be_input
        from cmdresolve.discover.walk import walk

        self.scanned = True
        if self.root is None:
            self.root = root
        found = walk(root)
        for path in found.not_regular:
            self.notes.append(Notice(NoticeKind.NOT_REGULAR, Span(path)))
        paths = [p for p in found.files if may_be_input(p)]
        charts = frozenset(
            os.path.dirname(p) or "." for p in found.files if os.path.basename(p) == "Chart.yaml"
        )
        texts: dict[str, str] = {}
        kinds: dict[str, Kind] = {}
        for path in paths:
            try:
                data = read_bytes(path)
                if is_utf16(data):
                    texts[path] = decode_text(data, path, utf16=True)
                else:
                    texts[path] = decode_text(data, path)
            except InputError as exc:
                errors.append(exc)
                continue
            kinds[path] = classify(path, texts[path], charts)
        patches = _kustomize_patches(
            [p for p, k in kinds.items() if k is Kind.KUSTOMIZATION], texts
        )
        compose_here: list[str] = []
        for path in paths:
            if path not in kinds:
                continue
            if path in patches:
                self.skipped += 1
                params = {"kustomization": patches[path]}
                self.notes.append(Notice(NoticeKind.KUSTOMIZE_PATCH, Span(path), params))
                continue
            try:
                kind = self._read(path, texts[path], kinds[path])
            except InputError as exc:
                errors.append(exc)
                continue
            if kind is Kind.COMPOSE:
                compose_here.append(path)
        groups, passed = _compose_groups(compose_here)
        self.compose_projects.extend(groups)
        for path, picked in passed:
            self.compose = [(p, t) for p, t in self.compose if p != path]
            self.read_count -= 1
            self.skipped += 1  # noted below
            self.notes.append(Notice(NoticeKind.COMPOSE_NOT_PICKED, Span(path), {"picked": picked}))


def _named_kind(label: str, text: str) -> Kind:
    """A file named on the command line (or ``-``): compose, a manifest, a YAML or JSON
    file that is none of ours, else a Dockerfile (as it always was)."""
    from cmdresolve.sources.text import STDIN

    name = os.path.basename(label)
    if label != STDIN and name.lower().endswith(_YAML):
        return classify(label, text)
    if label != STDIN and name.endswith(".template"):
        kind = classify(label, text)
        if kind is Kind.DOCKERFILE_TEMPLATE:
            return kind
    if looks_like_compose(text):
        return Kind.COMPOSE
    if looks_like_manifest(text):
        return Kind.KUBERNETES
    return Kind.DOCKERFILE


def _chart_of(path: str) -> str:
    parts = path.split(os.sep)
    if "templates" in parts:
        return os.sep.join(parts[: parts.index("templates")]) or "."
    return os.path.dirname(path) or "."


def _kustomize_patches(kustomizations: list[str], texts: dict[str, str]) -> dict[str, str]:
    """The files each kustomization lists as patches (``patches``, ``patchesStrategicMerge``,
    ``patchesJson6902``), each with the kustomization that lists it: partial objects,
    never whole ones.

    Authority: kubernetes-sigs/kustomize ``api/types/kustomization.go :: Kustomization``
    (the ``Patches``, ``PatchesStrategicMerge`` and ``PatchesJson6902`` fields).
    """
    found: dict[str, str] = {}
    for path in kustomizations:
        try:
            import yaml

            data = yaml.safe_load(texts[path])
        except Exception:  # not ours to report: kustomize says what is wrong
            continue
        if not isinstance(data, dict):
            continue
        folder = os.path.dirname(path)
        for key in ("patches", "patchesStrategicMerge", "patchesJson6902"):
            entries = data.get(key)
            for entry in entries if isinstance(entries, list) else []:
                rel = entry.get("path") if isinstance(entry, dict) else entry
                if isinstance(rel, str) and "\n" not in rel:  # an inline patch has none
                    found.setdefault(os.path.normpath(os.path.join(folder, rel)), path)
    return found


def _compose_groups(paths: list[str]) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """The compose projects of a walk: in each folder, the default file with its
    override (as ``docker compose`` picks them); in a folder without one, each compose
    file alone. Second, each compose file that a folder's default leaves out, with that
    default: such a file is most often an override, read with ``-f`` on top of it.

    Authority: docker/compose ``cmd/compose/compose.go :: ProjectOptions.ToProject``
    (no ``-f``: compose-go ``cli/options.go :: WithDefaultConfigPath``).
    """
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        by_folder.setdefault(os.path.dirname(path), []).append(path)
    groups: list[list[str]] = []
    passed: list[tuple[str, str]] = []
    for folder, found in by_folder.items():
        defaults = [os.path.normpath(p) for p in compose_defaults(folder or ".")]
        main = [p for p in found if os.path.normpath(p) in defaults]
        if not main:
            groups.extend([p] for p in found)
            continue
        groups.append(sorted(main, key=lambda p: os.path.normpath(p) != defaults[0]))
        passed.extend((p, main[0]) for p in found if p not in main)
    return groups, passed


def compose_defaults(path: str) -> list[str]:
    """In a directory, the compose file and its override that ``docker compose`` picks.

    Authority: compose-spec/compose-go ``cli/options.go :: DefaultFileNames,
    DefaultOverrideFileNames`` (the first name found of each list), docs/semantics.md
    §12.1.
    """
    if path == "-" or not os.path.isdir(path):
        return []
    found = []
    for names in (COMPOSE_FILE_NAMES, COMPOSE_OVERRIDE_NAMES):
        first = next((n for n in names if os.path.isfile(os.path.join(path, n))), None)
        if first is not None:
            found.append(os.path.join(path, first))
    return found if found and not found[0].endswith(COMPOSE_OVERRIDE_NAMES) else []


def repository_root(files: Iterable[str]) -> str | None:
    """The repository the named files are in: git's top level of the first file's
    folder, else the folder of the nearest ``.cmdresolve.toml`` above it; None for
    standard input alone or when neither is found."""
    import subprocess

    first = next((f for f in files if f != "-"), None)
    if first is None:
        return None
    folder = first if os.path.isdir(first) else (os.path.dirname(first) or ".")
    try:
        done = subprocess.run(
            ("git", "rev-parse", "--show-toplevel"),
            cwd=folder,
            capture_output=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode == 0 and done.stdout.strip():
            return shown_path(done.stdout.decode("utf-8", "surrogateescape").strip())
    except (OSError, subprocess.SubprocessError):
        pass
    directory = os.path.abspath(folder)
    while True:
        if os.path.isfile(os.path.join(directory, ".cmdresolve.toml")):
            return shown_path(directory)
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def shown_path(path: str) -> str:
    """``path`` as the output names files: relative to the working directory when under it."""
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else path


def link_sources(root: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The compose and skaffold files of the repository at ``root`` (walked as a
    directory argument is), for the links of files named alone (a pre-commit hook gets
    only the staged ones)."""
    from cmdresolve.discover.classify import may_be_input
    from cmdresolve.discover.walk import walk

    compose: list[tuple[str, str]] = []
    skaffold: list[tuple[str, str]] = []
    for path in walk(root).files:
        name = os.path.basename(path)
        if not may_be_input(path) or not name.lower().endswith((".yaml", ".yml")):
            continue
        try:
            text = decode_text(read_bytes(path), path)
        except InputError:  # not ours to report here: only its links are wanted
            continue
        kind = classify(path, text)
        if kind is Kind.COMPOSE:
            compose.append((path, text))
        elif kind is Kind.SKAFFOLD:
            skaffold.append((path, text))
    return compose, skaffold
