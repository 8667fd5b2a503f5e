"""What a file is, told by its name and its content, cheaply.

Kept apart from the readers so that a Dockerfile-only run loads neither the
Kubernetes model nor YAML. The name decides only where the tools themselves go by
name (a Dockerfile, a Helm chart's files, ``kustomization.yaml``); for every other
YAML or JSON file the content decides: its top-level keys, in block or flow style,
in any of its documents (docs/design.md, "Discovery").
"""

from __future__ import annotations

import os
import re
from enum import Enum

__all__ = [
    "Kind",
    "classify",
    "is_dockerfile_name",
    "looks_like_compose",
    "looks_like_manifest",
    "may_be_input",
]


class Kind(str, Enum):
    """The kinds of file a walk meets; the first four are read as inputs."""

    DOCKERFILE = "dockerfile"
    COMPOSE = "compose"
    KUBERNETES = "kubernetes"
    SKAFFOLD = "skaffold"  # read for its artifacts (discover/images.py), no container
    IMAGE_CONFIG = "image_config"
    HELM_TEMPLATE = "helm_template"
    TEMPLATE = "template"  # {{placeholders}} or {% %} (mustache, Jinja, envsubst-like tools)
    HELM_VALUES = "helm_values"
    HELM_CHART = "helm_chart"
    KUSTOMIZATION = "kustomization"
    DOCKERFILE_TEMPLATE = "dockerfile_template"
    CI_WORKFLOW = "ci_workflow"
    EMPTY = "empty"
    FOREIGN = "foreign"


HEAD = 65536  # the characters a sniff reads
FLOW_PARSED = 1 << 20  # JSON or flow-style YAML up to this size is parsed to find its keys
READ = frozenset({Kind.DOCKERFILE, Kind.COMPOSE, Kind.KUBERNETES, Kind.SKAFFOLD})

_MANIFEST_KEY = re.compile(r"^(?:apiVersion|kind)[ \t]*:", re.MULTILINE)
_DOCKERFILE_START = re.compile(r"(?i)(?:from|arg)[ \t]")
_YAML_SUFFIXES = (".yaml", ".yml", ".json")
# A key at the start of a line (block style), plain or quoted.
_TOP_KEY = re.compile(
    r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_][\w.\-/ ]*?))[ \t]*:(?=[ \t]|$)""", re.MULTILINE
)
_SKAFFOLD_API = re.compile(r"""^apiVersion[ \t]*:[ \t]*["']?skaffold/""", re.MULTILINE)
_KUSTOMIZE_KIND = re.compile(r"""^kind[ \t]*:[ \t]*["']?(?:Kustomization|Component)\b""", re.M)
# Go template actions as Helm charts write them (a manifest may quote ``{{ $labels }}``).
_HELM_ACTION = re.compile(
    r"\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Files|\.Capabilities|\.Template|include\b"
    r"|template\b|define\b|if\b|range\b|with\b|end\b|toYaml\b|tpl\b|/\*)"
)
_COMPOSE_NAMES = frozenset(
    {
        "compose.yaml",
        "compose.yml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.override.yml",
        "compose.override.yaml",
        "docker-compose.override.yml",
        "docker-compose.override.yaml",
    }
)


# A value that starts with ``{{`` unquoted is a flow mapping keyed by a mapping: valid
# YAML, never a Kubernetes or compose value, always a template's placeholder; so is a
# Jinja statement line.
_PLACEHOLDER = re.compile(r"^(?:[^#'\"\n]*:|[ \t]*-)[ \t]+\{\{|^[ \t]*\{%", re.MULTILINE)


def is_dockerfile_name(name: str) -> bool:
    """A name ``docker build``/``buildah`` users give a Dockerfile: ``Dockerfile``,
    ``Containerfile`` (Podman's and Buildah's default), ``Dockerfile.*``,
    ``Containerfile.*``, ``*.Dockerfile``, ``*.dockerfile``; not the ``.dockerignore``
    files that sit next to them (``Dockerfile.dockerignore``)."""
    if name.endswith(".dockerignore"):
        return False
    if name in ("Dockerfile", "dockerfile", "Containerfile", "containerfile"):
        return True
    return name.startswith(("Dockerfile.", "Containerfile.")) or name.endswith(
        (".Dockerfile", ".dockerfile", ".Containerfile")
    )


def may_be_input(path: str) -> bool:
    """Whether a walk opens the file at all: a Dockerfile name, or YAML or JSON."""
    name = os.path.basename(path)
    return is_dockerfile_name(name) or name.lower().endswith(_YAML_SUFFIXES)


def classify(path: str, text: str, charts: frozenset[str] = frozenset()) -> Kind:
    """The kind of a walked file, or of a YAML/JSON file named on the command line.

    ``charts`` are the folders that hold a ``Chart.yaml`` (a Helm chart's root).
    """
    name = os.path.basename(path)
    folder = os.path.dirname(path)
    if is_dockerfile_name(name):
        if name.endswith((".template", ".in")) and "{{" in text[:HEAD]:
            return Kind.DOCKERFILE_TEMPLATE  # docker-library's jq templates, autoconf's
        return Kind.DOCKERFILE
    lower = name.lower()
    if lower in ("chart.yaml", "chart.lock", "requirements.yaml"):
        return Kind.HELM_CHART
    if _in_chart_templates(folder, charts):
        return Kind.HELM_TEMPLATE if not lower.endswith(".json") else Kind.FOREIGN
    if lower.startswith("values") and folder in charts:
        return Kind.HELM_VALUES
    if lower in ("kustomization.yaml", "kustomization.yml", "kustomization"):
        return Kind.KUSTOMIZATION
    body = _significant(text)
    if not body:
        return Kind.EMPTY
    head = text[:HEAD]  # what decides is near the top; a 10 MB manifest is not read twice
    if _HELM_ACTION.search(head):
        return Kind.HELM_TEMPLATE
    if _PLACEHOLDER.search(head):
        return Kind.TEMPLATE
    if lower in ("skaffold.yaml", "skaffold.yml") or _SKAFFOLD_API.search(head):
        return Kind.SKAFFOLD
    if _KUSTOMIZE_KIND.search(head):
        return Kind.KUSTOMIZATION
    keys = _top_keys(text, body)
    if keys is None:
        return Kind.FOREIGN
    if _is_ci(path, lower, keys):
        return Kind.CI_WORKFLOW
    if "kind" in keys and keys & {"apiVersion", "metadata", "spec", "items", "data"}:
        return Kind.KUBERNETES  # without apiVersion too: its reader says what is missing
    if "services" in keys or lower in _COMPOSE_NAMES:
        return Kind.COMPOSE if "services" in keys else Kind.FOREIGN
    if _is_image_config(keys):
        return Kind.IMAGE_CONFIG
    return Kind.FOREIGN


def _in_chart_templates(folder: str, charts: frozenset[str]) -> bool:
    """Under ``templates/`` of a chart: ``chart/templates/…`` at any depth."""
    parts = folder.split(os.sep)
    for i, part in enumerate(parts):
        if part == "templates":
            chart = os.sep.join(parts[:i]) or "."
            if chart in charts or os.path.isfile(os.path.join(chart, "Chart.yaml")):
                return True
    return False


def _significant(text: str) -> str:
    """The text without comments, blank lines, document markers and directives;
    empty for a file with nothing in it."""
    out = []
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%")) or stripped in ("---", "..."):
            continue
        out.append(line)
        if len(out) > 4:  # enough to know it is not empty, and where it starts
            break
    return "\n".join(out)


def _top_keys(text: str, body: str) -> frozenset[str] | None:
    """The top-level keys of every document; None when the text is not YAML or JSON
    a tool of ours reads (a list of scalars, a parse error in flow style)."""
    start = body.lstrip()[:1]
    if start in ("{", "[") and len(text) <= FLOW_PARSED:
        return _flow_keys(text)
    if start in ("{", "["):  # a big JSON dump: its keys near the top (kubectl puts kind last)
        found = {k for k in ("apiVersion", "kind", "services") if f'"{k}"' in text[:HEAD]}
        return frozenset(found | ({"kind"} if "apiVersion" in found else set())) or None
    keys = frozenset(k1 or k2 or k3 for k1, k2, k3 in _TOP_KEY.findall(text[:HEAD]))
    return keys or None


def _flow_keys(text: str) -> frozenset[str] | None:
    """Keys of a JSON or flow-style YAML document (``{…}`` after ``---``, as six
    kubernetes/website examples are), of a list's items too (``docker inspect``)."""
    import json

    documents: list[object]
    try:
        documents = [json.loads(text.lstrip("\ufeff"))]
    except ValueError:
        try:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            documents = list(yaml.load_all(text, Loader=loader))
        except Exception:  # a parse error: the reader that is chosen says where
            head = text[:HEAD]
            found = {k for k in ("apiVersion", "kind", "services") if re.search(rf"\b{k}\b", head)}
            return frozenset(found | ({"kind"} if "apiVersion" in found else set())) or None
    keys: set[str] = set()
    for document in documents:
        items = document if isinstance(document, list) else [document]
        for item in items:
            if isinstance(item, dict):
                keys.update(str(k) for k in item)
    return frozenset(keys)


def _is_ci(path: str, lower: str, keys: frozenset[str]) -> bool:
    """A CI pipeline: GitHub Actions (``on`` and ``jobs``, or under .github/workflows),
    GitLab CI, CircleCI, Azure Pipelines, Bitbucket and the like."""
    parts = path.split(os.sep)
    if ".github" in parts or ".circleci" in parts or lower.startswith((".gitlab-ci", "bitbucket-")):
        return True
    if "jobs" in keys and keys & {"on", "true", "workflows", "stages", "trigger", "pr"}:
        return True
    return "steps" in keys and bool(keys & {"trigger", "pool", "pipeline", "kind"} - {"kind"})


def _is_image_config(keys: frozenset[str]) -> bool:
    """``docker image inspect`` output (``Config``, ``Id``) or an OCI image config."""
    return ("Config" in keys and ("Id" in keys or "RepoTags" in keys)) or (
        "config" in keys and bool(keys & {"rootfs", "architecture", "os"})
    )


def looks_like_manifest(text: str) -> bool:
    """True for a JSON object or array, or YAML with a top-level ``apiVersion``/``kind``.

    A cheap sniff of the first 64 KiB: a Dockerfile (whose first instruction is FROM or
    ARG, after comments and parser directives) answers False even when a heredoc holds
    YAML. A flow-style document after ``---`` (or a ``%YAML`` directive) is a manifest.
    """
    head = text[:65536].lstrip("\ufeff")
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("%YAML") or stripped in ("---", "..."):
            continue
        if stripped.startswith(("{", "[")) or stripped.startswith("--- {"):
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
