"""The user a Kubernetes container runs as (securityContext over the image USER).

Rows from kubernetes ``pkg/securitycontext/util.go :: DetermineEffectiveSecurityContext``
(container fields over pod fields), ``pkg/kubelet/kuberuntime/helpers.go ::
getImageUser`` (no image user counts as uid 0) and containerd ``getUserFromImage``
(the image USER's group is dropped) with ``GenerateUserString`` (``user[:group]``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.api import resolve
from cmdresolve.render.phrases import step_summary


def _files(tmp_path: Path, user: str | None, pod_sc: dict, container_sc: dict) -> list[str]:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM scratch\n" + (f"USER {user}\n" if user else "") + "CMD [\"/app\"]\n")
    container: dict = {"name": "c", "image": "img"}
    if container_sc:
        container["securityContext"] = container_sc
    spec: dict = {"containers": [container]}
    if pod_sc:
        spec["securityContext"] = pod_sc
    pod = tmp_path / "pod.json"
    pod.write_text(json.dumps({"kind": "Pod", "metadata": {"name": "p"}, "spec": spec}))
    return [str(dockerfile), str(pod)]


@pytest.mark.parametrize(
    ("image_user", "pod_sc", "container_sc", "user"),
    [
        (None, {}, {}, "0"),  # no USER: the kubelet treats it as root
        ("app", {}, {}, "app"),
        ("1000", {}, {}, "1000"),
        ("+0005", {}, {}, "5"),  # ParseInt, then FormatInt
        ("1000:2000", {}, {}, "1000"),  # the image's group never reaches the runtime
        ("app:staff", {}, {}, "app"),
        (":2000", {}, {}, "0"),
        ("app", {"runAsUser": 1000}, {}, "1000"),
        ("app", {"runAsUser": 1000}, {"runAsUser": 2000}, "2000"),
        ("app", {"runAsGroup": 3000}, {"runAsUser": 2000}, "2000:3000"),
        ("app:staff", {}, {"runAsGroup": 3000}, "app:3000"),
        (None, {"runAsGroup": 3000}, {}, "0:3000"),
        ("1000:2000", {"runAsUser": 0}, {}, "0"),
        ("app", {"runAsUser": 1000, "runAsGroup": 1}, {"runAsGroup": 2}, "1000:2"),
    ],
)
def test_user(tmp_path: Path, image_user, pod_sc, container_sc, user) -> None:
    (result,) = resolve(_files(tmp_path, image_user, pod_sc, container_sc))
    assert result.user == user
    assert "user" not in result.incomplete


def test_user_step_names_the_security_context(tmp_path: Path) -> None:
    (result,) = resolve(_files(tmp_path, "1000:2000", {"runAsGroup": 3}, {"runAsUser": 7}))
    (step,) = [s for s in result.steps if s.rule == "kubelet.user"]
    assert step_summary(step) == (
        "spec.containers[0].securityContext.runAsUser 7 replaces the image USER; "
        "spec.securityContext.runAsGroup 3 sets the group: the process runs as '7:3'"
    )
    assert "getImageUser" in step.authority and "GenerateUserString" in step.authority


def test_dropped_image_group_is_explained(tmp_path: Path) -> None:
    (result,) = resolve(_files(tmp_path, "1000:2000", {}, {}))
    (step,) = [s for s in result.steps if s.rule == "kubelet.user"]
    assert "'1000:2000'" in step_summary(step) and "group does not apply" in step_summary(step)


def test_no_user_step_when_the_image_user_passes_through(tmp_path: Path) -> None:
    (result,) = resolve(_files(tmp_path, "app", {}, {}))
    assert not [s for s in result.steps if s.rule == "kubelet.user"]


def test_unknown_image_user_is_incomplete_unless_run_as_user_is_set(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - {name: a, image: example.com/unknown, command: [x]}\n"
        "    - {name: b, image: example.com/unknown, command: [x],\n"
        "       securityContext: {runAsUser: 10}}\n"
    )
    a, b = resolve([str(pod)])
    assert (a.user, "user" in a.incomplete) == (None, True)
    assert (b.user, "user" in b.incomplete) == ("10", False)
