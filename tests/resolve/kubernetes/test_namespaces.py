"""Namespaces as kubectl applies them: an object without ``metadata.namespace`` lands in
``-n`` (``default`` without it), and the kubelet reads ConfigMaps and Secrets of the
pod's namespace only (kubectl ``apply.go`` with cli-runtime ``Builder.NamespaceParam(…)
.DefaultNamespace()``; kubelet ``makeEnvironmentVariables``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.cli import main
from cmdresolve.model import UnknownKind
from cmdresolve.render.phrases import step_summary, unknown_reason

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
{namespace}spec:
  template:
    spec:
      containers:
        - name: app
          image: busybox
          command: [env]
          env:
            - name: COLOR
              valueFrom:
                configMapKeyRef: {{name: settings, key: color}}
            - name: POD_NS
              valueFrom:
                fieldRef: {{fieldPath: metadata.namespace}}
          envFrom:
            - secretRef: {{name: creds}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
{cm_namespace}data:
  color: blue
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
{cm_namespace}stringData:
  TOKEN: t0k3n
"""


def _files(tmp_path: Path, namespace: str | None, cm_namespace: str | None) -> list[str]:
    def line(ns: str | None) -> str:
        return "" if ns is None else f"  namespace: {ns}\n"

    path = tmp_path / "app.yaml"
    path.write_text(DEPLOYMENT.format(namespace=line(namespace), cm_namespace=line(cm_namespace)))
    return [str(path)]


def _env(result) -> dict[str, str]:
    return dict(item.partition("=")[::2] for item in result.env or ())


@pytest.mark.parametrize(
    ("namespace", "cm_namespace", "option", "found"),
    [
        (None, None, None, True),  # both land in default
        (None, None, "prod", True),  # both land in prod
        ("prod", "prod", None, True),
        ("prod", None, "prod", True),  # -n puts the ConfigMap beside the Deployment
        ("prod", None, None, False),  # the ConfigMap lands in default
        (None, "prod", None, False),  # the Deployment lands in default
        (None, "prod", "prod", True),
        ("prod", "other", "prod", False),
    ],
)
def test_config_matched_by_namespace_and_name(tmp_path, namespace, cm_namespace, option, found):
    (result,) = resolve(_files(tmp_path, namespace, cm_namespace), Options(namespace=option))
    env = _env(result)
    assert (env.get("COLOR"), env.get("TOKEN")) == (("blue", "t0k3n") if found else (None, None))
    kinds = {u.kind for u in result.unknowns}
    unseen = {UnknownKind.KUBELET_ENV_VALUE, UnknownKind.KUBELET_ENV_FROM_UNSEEN}
    assert bool(kinds & unseen) == (not found)


def test_config_without_namespace_beside_prod_deployment_says_so(tmp_path) -> None:
    (result,) = resolve(_files(tmp_path, "prod", None))
    reasons = [unknown_reason(u) for u in result.unknowns]
    assert reasons == [
        "envFrom[0] Secret creds: Secret creds sets no namespace, so it lands in default (-n), "
        "and the pod is in prod: the kubelet reads prod/creds; give -n prod if both are "
        "applied together; the variables it adds are not shown (if it does not exist, the "
        "kubelet refuses to start it)",
        "env[0] COLOR is not known here: ConfigMap settings sets no namespace, so it lands in "
        "default (-n), and the pod is in prod: the kubelet reads prod/settings; give -n prod if "
        "both are applied together",
    ]


def test_deployment_without_namespace_beside_prod_config_says_so(tmp_path) -> None:
    (result,) = resolve(_files(tmp_path, None, "prod"))
    assert unknown_reason(result.unknowns[-1]) == (
        "env[0] COLOR is not known here: ConfigMap settings is in namespace prod, and the pod "
        "sets no namespace, so it lands in default (-n): the kubelet reads default/settings; "
        "give -n prod if both are applied together"
    )


def test_both_namespaces_written_and_different(tmp_path) -> None:
    (result,) = resolve(_files(tmp_path, "prod", "other"))
    assert unknown_reason(result.unknowns[-1]) == (
        "env[0] COLOR is not known here: ConfigMap settings is given in namespace other and the "
        "pod in namespace prod: the kubelet reads only prod/settings"
    )


def test_field_ref_namespace_is_where_the_pod_lands(tmp_path) -> None:
    (plain,) = resolve(_files(tmp_path, None, None))
    (given,) = resolve(_files(tmp_path, None, None), Options(namespace="staging"))
    (written,) = resolve(_files(tmp_path, "prod", "prod"), Options(namespace="staging"))
    assert [_env(r)["POD_NS"] for r in (plain, given, written)] == ["default", "staging", "prod"]
    said = [step_summary(s) for s in plain.steps if s.kind.value == "kubectl.namespace_default"]
    assert said == [
        "the manifest sets no namespace: it lands in the namespace kubectl applies it to, taken "
        "here to be default (the kubeconfig context's, default unless it names one); -n NS says "
        "which"
    ]
    said = [step_summary(s) for s in given.steps if s.kind.value == "kubectl.namespace_default"]
    assert said == ["the manifest sets no namespace: -n puts it in namespace staging"]
    assert not [s for s in written.steps if s.kind.value == "kubectl.namespace_default"]


@pytest.mark.parametrize("flag", [["-n", "prod"], ["--namespace", "prod"], ["--namespace=prod"]])
def test_cli_namespace_option(tmp_path, capsys, flag) -> None:
    files = _files(tmp_path, "prod", None)
    assert main([*files, "-o", "json", *flag]) == 0
    out = capsys.readouterr().out
    assert '"COLOR": "blue"' in out
    assert main([*files, "-o", "json"]) == 0
    assert '"COLOR"' not in capsys.readouterr().out
