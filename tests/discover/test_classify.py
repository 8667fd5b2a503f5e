"""What a file is: a manifest or a Dockerfile by content, and each kind a walk meets."""

from __future__ import annotations

import os

import pytest

from cmdresolve.discover.classify import Kind, classify, is_dockerfile_name, looks_like_manifest


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


# --- classify: a walked file's kind, by name and content ---

FLOW_POD = (
    '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: {name: "demo",},\n'
    '  spec: {containers: [{name: "c", image: "debian", command: ["printenv",],}],},\n}\n'
)


@pytest.mark.parametrize(
    ("name", "dockerfile"),
    [
        ("Dockerfile", True),
        ("Containerfile", True),
        ("Dockerfile.dev", True),
        ("Containerfile.alpine", True),
        ("api.Dockerfile", True),
        ("web.dockerfile", True),
        ("Dockerfile.dockerignore", False),
        ("Dockerfiles", False),
        ("README.md", False),
    ],
)
def test_dockerfile_names(name: str, dockerfile: bool) -> None:
    assert is_dockerfile_name(name) is dockerfile


@pytest.mark.parametrize(
    ("path", "text", "kind"),
    [
        ("Dockerfile", "FROM alpine\n", Kind.DOCKERFILE),
        ("svc/build.Dockerfile", "FROM alpine\n", Kind.DOCKERFILE),
        ("Dockerfile.template", 'FROM {{ env.variant }}\nRUN {{ "x" }}\n', Kind.DOCKERFILE_TEMPLATE),
        ("Dockerfile.template", "FROM alpine\n", Kind.DOCKERFILE),
        ("compose.yaml", "services:\n  a: {image: x}\n", Kind.COMPOSE),
        ("stack.yml", "version: '3'\nservices:\n  a:\n    image: x\n", Kind.COMPOSE),
        ("stack.yml", "{services: {a: {image: x}}}\n", Kind.COMPOSE),
        ("compose.yaml", "name: x\n", Kind.FOREIGN),
        ("pod.yaml", "apiVersion: v1\nkind: Pod\n", Kind.KUBERNETES),
        ("pod.yaml", "kind: Pod\nmetadata: {name: p}\n", Kind.KUBERNETES),
        ("broken.json", '{"apiVersion": "v1", "kind": "Pod", ', Kind.KUBERNETES),
        ("many.yaml", "# c\n---\napiVersion: v1\nkind: Service\n---\nkind: Pod\n", Kind.KUBERNETES),
        ("list.yaml", "apiVersion: v1\nkind: List\nitems: []\n", Kind.KUBERNETES),
        ("dump.json", '{"apiVersion": "v1", "items": [], "kind": "List"}', Kind.KUBERNETES),
        ("commands.yaml", FLOW_POD, Kind.KUBERNETES),
        ("inspect.json", '[{"Id": "sha256:1", "Config": {"Cmd": ["sh"]}}]', Kind.IMAGE_CONFIG),
        ("oci.json", '{"architecture": "amd64", "os": "linux", "config": {}}', Kind.IMAGE_CONFIG),
        ("package.json", '{"name": "x", "version": "1.0.0"}', Kind.FOREIGN),
        ("skaffold.yaml", "apiVersion: skaffold/v4beta6\nkind: Config\n", Kind.SKAFFOLD),
        ("build.yaml", "apiVersion: skaffold/v2beta29\nkind: Config\n", Kind.SKAFFOLD),
        ("kustomization.yaml", "resources: [a.yaml]\n", Kind.KUSTOMIZATION),
        (
            "k.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n",
            Kind.KUSTOMIZATION,
        ),
        ("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n",
         Kind.HELM_TEMPLATE),
        ("alerts.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: '{{ $labels.x }}'\n",
         Kind.KUBERNETES),
        ("secret.yaml", "apiVersion: v1\nkind: Secret\ndata:\n  config: {{config_data}}\n",
         Kind.TEMPLATE),
        ("pod.yaml", "{% if x %}\napiVersion: v1\n{% endif %}\nkind: Pod\n", Kind.TEMPLATE),
        ("args.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  args:\n  - {{arg}}\n", Kind.TEMPLATE),
        ("quoted.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: '{{x}}'\n",
         Kind.KUBERNETES),
        (".github/workflows/ci.yml", "on: push\njobs: {}\n", Kind.CI_WORKFLOW),
        ("ci.yml", "on:\n  push:\njobs:\n  t: {}\n", Kind.CI_WORKFLOW),
        (".gitlab-ci.yml", "services:\n  - docker:dind\nbuild:\n  script: [make]\n",
         Kind.CI_WORKFLOW),
        ("empty.yaml", "", Kind.EMPTY),
        ("comments.yaml", "# nothing\n---\n...\n", Kind.EMPTY),
        ("mkdocs.yml", "site_name: x\nnav: [a.md]\n", Kind.FOREIGN),
        ("list.yaml", "- a\n- b\n", Kind.FOREIGN),
        ("Chart.yaml", "apiVersion: v2\nname: c\n", Kind.HELM_CHART),
    ],
)
def test_classify(path: str, text: str, kind: Kind) -> None:
    assert classify(path.replace("/", os.sep), text) is kind


def test_a_chart_s_templates_and_values(tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = str(tmp_path / "chart")
    charts = frozenset({chart})
    template = os.path.join(chart, "templates", "svc.yaml")
    assert classify(template, "apiVersion: v1\nkind: Service\n", charts) is Kind.HELM_TEMPLATE
    values = os.path.join(chart, "values.yaml")
    assert classify(values, "image: x\n", charts) is Kind.HELM_VALUES
    assert classify(values, "image: x\n") is Kind.FOREIGN  # no Chart.yaml next to it


def test_the_flow_style_pod_is_a_manifest_when_named_or_piped() -> None:
    assert looks_like_manifest(FLOW_POD)
