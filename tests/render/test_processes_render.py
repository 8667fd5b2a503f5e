"""The container's other processes in JSON (``processes``) and in the text view (-v)."""

from __future__ import annotations

import json
from pathlib import Path

from cmdresolve.api import Options, resolve
from cmdresolve.model import Resolution
from cmdresolve.render.json import render_json, render_json_text
from cmdresolve.render.screen import Screen
from cmdresolve.render.text import View, render_text

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: busybox:1.38
    command: [sleep, "3600"]
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
    readinessProbe:
      httpGet: {path: /, port: 80}
"""


def pod(tmp_path: Path) -> Resolution:
    (tmp_path / "pod.yaml").write_text(POD)
    (result,) = resolve([str(tmp_path / "pod.yaml")])
    return result


def test_json_processes(tmp_path: Path) -> None:
    result = pod(tmp_path)
    fields = render_json([result])["results"][0]
    assert list(fields)[-1] == "processes"
    live, ready = fields["processes"]
    assert {k: live[k] for k in ("kind", "handler", "runs", "argv", "shell")} == {
        "kind": "liveness", "handler": "exec", "runs": True,
        "argv": ["cat", "/tmp/healthy"], "shell": None}  # fmt: skip
    assert live["origin"] == {"file": str(tmp_path / "pod.yaml"), "line": 11,
                              "path": "spec.containers[0].livenessProbe"}  # fmt: skip
    assert [a["origin"] for a in live["args"]] == ["pod.probe", "pod.probe"]
    assert [s["rule"] for s in live["steps"]] == ["kubelet.probe_exec"]
    assert (ready["handler"], ready["argv"], ready["args"]) == ("httpGet", None, [])


def test_the_streamed_json_has_the_same_processes(tmp_path: Path) -> None:
    result = pod(tmp_path)
    streamed = json.loads("".join(render_json_text([result])))
    assert streamed["results"][0] == json.loads(json.dumps(render_json([result])["results"][0]))


def test_verbose_text_lists_the_other_processes(tmp_path: Path) -> None:
    result = pod(tmp_path)
    text = "".join(render_text([result], View(Screen(width=100), verbose=True)))
    lines = text.splitlines()
    start = lines.index("  other processes")
    assert lines[start + 1].startswith("    livenessProbe   cat /tmp/healthy")
    # The place follows on the line when it fits, else under the argv (a long tmp path).
    place = lines[start + 1] if "pod.yaml" in lines[start + 1] else lines[start + 2]
    assert place.endswith("pod.yaml:11")  # the probe's mapping starts at exec:
    assert any(line.startswith("    readinessProbe  httpGet: the kubelet sends the request")
               for line in lines)  # fmt: skip


def test_plain_text_leaves_them_to_verbose(tmp_path: Path) -> None:
    text = "".join(render_text([pod(tmp_path)], View(Screen(width=100))))
    assert "other processes" not in text


def test_a_health_check_that_never_runs_says_so(tmp_path: Path) -> None:
    image = tmp_path / "img.json"
    image.write_text(json.dumps({"Config": {"Cmd": ["x"], "Healthcheck": {"Test": ["NONE"]}}}))
    (result,) = resolve([], Options(run="docker run img", images={"img": str(image)}))
    text = "".join(render_text([result], View(Screen(width=100), verbose=True)))
    assert "    healthcheck  NONE: the health check is switched off (never runs)" in text
