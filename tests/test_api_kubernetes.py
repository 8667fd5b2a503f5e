"""Kubernetes through the API: manifests, kubectl lines, images, start order."""

from __future__ import annotations

import json
import sys
from io import BytesIO, TextIOWrapper
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import UnknownKind
from cmdresolve.render.phrases import note_text, unknown_reason

ROOT = Path(__file__).resolve().parents[1]
LAB = ROOT / "examples" / "webapp-color"
IMAGE = 'FROM scratch\nENTRYPOINT ["/ep-1"]\nCMD ["foo", "bar"]\n'


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def _pod(command: list[str] | None, args: list[str] | None) -> str:
    container: dict[str, object] = {"name": "c", "image": "img"}
    if command is not None:
        container["command"] = command
    if args is not None:
        container["args"] = args
    return json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                       "spec": {"containers": [container]}})  # fmt: skip


# The Kubernetes documentation's table (docs/semantics.md §6.2), with the real leading "/".
@pytest.mark.parametrize(
    ("command", "args", "argv"),
    [
        (None, None, ("/ep-1", "foo", "bar")),
        (["/ep-2"], None, ("/ep-2",)),
        (None, ["zoo", "boo"], ("/ep-1", "zoo", "boo")),
        (["/ep-2"], ["zoo", "boo"], ("/ep-2", "zoo", "boo")),
        ([], [], ("/ep-1", "foo", "bar")),
    ],
)
def test_docs_table_through_a_manifest(tmp_path: Path, command, args, argv) -> None:
    df = _write(tmp_path, "Dockerfile", IMAGE)
    pod = _write(tmp_path, "pod.json", _pod(command, args))
    (result,) = resolve([df, pod])
    assert (result.runtime, result.values) == ("kubernetes", argv)
    assert (result.workload, result.container) == ("Pod/p", "c")


@pytest.mark.parametrize(
    ("files", "argv"),
    [
        (
            ["webapp-color-2/Dockerfile", "webapp-color-2/webapp-color-pod.yaml"],
            ("--color", "green"),
        ),
        (
            ["webapp-color-3/Dockerfile", "webapp-color-3/webapp-color-pod-2.yaml"],
            ("python", "app.py", "--color", "pink"),
        ),
        (
            ["ubuntu-sleeper/Dockerfile", "ubuntu-sleeper/ubuntu-sleeper-pod-args.yaml"],
            ("sleep", "10"),
        ),
        (
            ["ubuntu-sleeper/Dockerfile", "ubuntu-sleeper/ubuntu-sleeper-pod-command.yaml"],
            ("sleep2.0", "10"),
        ),
        (["ubuntu-sleeper/ubuntu-sleeper-pod-5000.yaml"], ("sleep", "5000")),
        (["fortune/Dockerfile", "fortune/fortune-pod.yaml"], ("/bin/fortuneloop.sh", "25")),
    ],
)
def test_labs(files: list[str], argv: tuple[str, ...]) -> None:
    (result,) = resolve([str(LAB / f) for f in files])
    assert result.values == argv


def test_lab_integer_mistake() -> None:
    path = LAB / "ubuntu-sleeper" / "ubuntu-sleeper-pod-integer.yaml"
    (error,) = resolve([str(path)]).errors
    assert str(error) == (
        f'{path}:13: CR303 spec.containers[0].command[1]: must be a string, got integer 1200 (quote it: "1200")'
    )


def test_fortune_token_names_its_configmap() -> None:
    lab = LAB / "fortune"
    (result,) = resolve([str(lab / "Dockerfile"), str(lab / "fortune-pod.yaml")])
    token = result.argv[1]
    assert (token.origin, token.path) == ("pod.args", "spec.containers[0].args[0]")
    assert note_text(token) is not None and "fortune-config" in note_text(token)


def test_init_containers_in_start_order() -> None:
    results = resolve([str(LAB / "init-containers" / "init-pod.yaml")])
    assert [(r.container, r.container_type) for r in results] == [
        ("wait-for-db", "initContainer"),
        ("warm-cache", "initContainer"),
        ("red-container", "container"),
    ]
    assert results[1].values == ("sleep", "2")


def test_container_filter() -> None:
    results = resolve(
        [str(LAB / "init-containers" / "init-pod.yaml")], Options(container="warm-cache")
    )
    assert [r.container for r in results] == ["warm-cache"]


def test_kubectl_run_with_dockerfile() -> None:
    line = "kubectl run webapp-green --image=kodekloud/webapp-color -- --color green"
    (result,) = resolve([str(LAB / "Dockerfile")], Options(run=line))
    assert result.values == ("python", "app.py", "--color", "green")
    assert [a.origin for a in result.argv] == ["image.entrypoint"] * 2 + ["kubectl.args"] * 2


def test_kubectl_create_job_sets_command() -> None:
    (result,) = resolve([], Options(run="kubectl create job j --image=nginx:1.27 -- date"))
    assert result.values == ("date",)


def test_image_env_is_not_visible_to_var_expansion(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", 'FROM scratch\nENV FOO=bar\nENTRYPOINT ["/e"]\n')
    pod = _write(tmp_path, "pod.json", _pod(None, ["$(FOO)"]))
    (result,) = resolve([df, pod])
    assert result.values == ("/e", "$(FOO)")
    assert "FOO=bar" in (result.env or ())
    assert any("$(FOO)" in unknown_reason(u) for u in result.unknowns)


def test_image_entrypoint_empty_string_differs_under_cri_o(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", 'FROM scratch\nENTRYPOINT [""]\nCMD ["echo", "hi"]\n')
    pod = _write(tmp_path, "pod.json", _pod(None, None))
    (result,) = resolve([df, pod])
    assert result.values == ("echo", "hi")
    assert any(s.rule == "cri.runtime_differs" for s in result.steps)


def test_unknown_image_in_a_pod(tmp_path: Path) -> None:
    pod = _write(tmp_path, "pod.json", _pod(None, ["x"]))
    (result,) = resolve([pod])
    assert result.values is None
    assert "--image img=PATH" in unknown_reason(result.unknowns[0])


def test_manifest_from_stdin(monkeypatch, tmp_path: Path) -> None:
    stream = TextIOWrapper(BytesIO(_pod(["/bin/true"], None).encode()))
    monkeypatch.setattr(sys, "stdin", stream)
    (result,) = resolve(["-"])
    assert result.values == ("/bin/true",)
    assert result.argv[0].span.file == "<stdin>"


def test_kubectl_line_after_sudo_and_assignments_is_routed_to_kubectl() -> None:
    line = "sudo KUBECONFIG=/tmp/k /usr/local/bin/kubectl run x --image=nginx:1.27 -- -g off"
    (result,) = resolve([], Options(run=line))
    assert (result.runtime, result.values) == ("kubernetes", ("/docker-entrypoint.sh", "-g", "off"))


def test_args_after_a_shell_form_entrypoint_keep_their_path_and_note(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM scratch\nENTRYPOINT exec app\n")
    pod = _write(
        tmp_path,
        "pod.yaml",
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - name: c\n      image: img\n      env: [{name: V, value: '5'}]\n"
        "      args: ['$(V)']\n",
    )
    (result,) = resolve([df, pod])
    assert result.values == ("/bin/sh", "-c", "exec app", "5")
    last = result.argv[-1]
    assert last.path == "spec.containers[0].args[0]"
    assert note_text(last) == (
        "from $(V) = env[0] value; $0 of the shell script: ignored unless the script uses it"
    )


def test_a_variable_only_the_cluster_knows_leaves_the_argv_incomplete(tmp_path: Path) -> None:
    # The kubelet expands $(IP) to the pod's IP at run time: the argv is not "$(IP)".
    pod = json.loads(_pod(["/app", "--bind=$(IP)"], None))
    pod["spec"]["containers"][0]["env"] = [
        {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}
    ]
    dockerfile = _write(tmp_path, "Dockerfile", IMAGE)
    [result] = resolve(
        [_write(tmp_path, "pod.json", json.dumps(pod))], Options(images={"img": dockerfile})
    )
    assert "argv" in result.incomplete
    assert [unknown_reason(u) for u in result.unknowns if u.kind is UnknownKind.KUBELET_VAR_AT_RUN_TIME] == [
        "$(IP) in spec.containers[0].command[1] becomes <status.podIP> at run time, "
        "which is not known here"
    ]
