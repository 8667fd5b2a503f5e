"""Pod start order: init containers, native sidecars (restartPolicy: Always), app
containers, ephemeral containers; a sidecar is said to run beside the app, not to finish."""

from __future__ import annotations

import json
from pathlib import Path

from cmdresolve.api import resolve
from cmdresolve.cli import main
from cmdresolve.model import StepKind
from cmdresolve.render.phrases import step_summary

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
    - {name: migrate, image: busybox, command: [sh, -c, "echo migrate"]}
    - {name: proxy, image: busybox, restartPolicy: Always, command: [sleep, "1d"]}
    - {name: warm, image: busybox, command: [sleep, "1"]}
  containers:
    - {name: app, image: busybox, command: [sleep, "3600"]}
  ephemeralContainers:
    - {name: debug, image: busybox, command: [sh]}
"""


def _pod(tmp_path: Path, text: str = POD) -> str:
    path = tmp_path / "pod.yaml"
    path.write_text(text)
    return str(path)


def test_a_restart_always_init_container_is_a_sidecar_in_start_order(tmp_path: Path) -> None:
    results = resolve([_pod(tmp_path)])
    assert [(r.container, r.container_type) for r in results] == [
        ("migrate", "initContainer"),
        ("proxy", "sidecar"),
        ("warm", "initContainer"),
        ("app", "container"),
        ("debug", "ephemeralContainer"),
    ]


def test_the_sidecar_step_says_it_runs_beside_the_app(tmp_path: Path) -> None:
    proxy = resolve([_pod(tmp_path)])[1]
    (step,) = [s for s in proxy.steps if s.kind is StepKind.KUBELET_SIDECAR]
    assert proxy.steps[0] is step
    text = step_summary(step)
    assert text == (
        "an init container with restartPolicy Always is a sidecar: it starts in order with the "
        "init containers, the next one starting as soon as it runs (and its startupProbe, if "
        "any, has passed) instead of when it finishes, and it keeps running beside the app "
        "containers, restarted whenever it exits"
    )
    assert "completion" not in text


def test_only_sidecars_get_the_step(tmp_path: Path) -> None:
    for result in resolve([_pod(tmp_path)]):
        kinds = {s.kind for s in result.steps}
        assert (StepKind.KUBELET_SIDECAR in kinds) == (result.container == "proxy")


def test_a_sidecar_that_cannot_start_is_still_a_sidecar(tmp_path: Path) -> None:
    text = POD.replace(
        "restartPolicy: Always, command: [sleep, \"1d\"]}",
        "restartPolicy: Always, command: [sleep], env: [{name: X, valueFrom: "
        "{fieldRef: {fieldPath: spec.nope}}}]}",
    )
    proxy = resolve([_pod(tmp_path, text)])[1]
    assert proxy.error is not None
    assert proxy.container_type == "sidecar"
    assert proxy.steps[0].kind is StepKind.KUBELET_SIDECAR


def test_the_json_says_sidecar(tmp_path: Path, capsys) -> None:
    assert main([_pod(tmp_path), "-o", "json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["container_type"] for r in results] == [
        "initContainer",
        "sidecar",
        "initContainer",
        "container",
        "ephemeralContainer",
    ]
    assert results[1]["steps"][0]["rule"] == "kubelet.sidecar"
    assert results[1]["steps"][0]["params"] == {"restart_policy": "Always"}
