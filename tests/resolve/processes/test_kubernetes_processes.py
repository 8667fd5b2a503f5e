"""Probes and lifecycle hooks: read from the pod spec, resolved as the kubelet runs them
(docs/semantics.md §13.1)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from cmdresolve.api import Options, resolve
from cmdresolve.model import InputError, Resolution, StepKind, UnknownKind
from cmdresolve.model.process import Handler, ProcessKind

IMAGE = textwrap.dedent("""\
    [{"Config": {"Entrypoint": ["/entry"], "Cmd": ["serve"], "Env": ["FROM_IMAGE=1"],
      "Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"]}}, "Os": "linux"}]
""")


def pod(container: str) -> str:
    """A Pod whose one container is ``app`` on image ``img`` plus ``container`` (YAML)."""
    body = textwrap.indent(textwrap.dedent(container), "    ")
    return (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
        "  - name: app\n    image: img\n" + body
    )


def resolve_pod(tmp_path: Path, container: str) -> Resolution:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(pod(container))
    image = tmp_path / "img.json"
    image.write_text(IMAGE)
    answer = resolve([str(manifest)], Options(images={"img": str(image)}))
    results = list(answer)
    if answer.errors:
        raise answer.errors[0]
    return results[0]


def values(result: Resolution, index: int) -> tuple[str, ...] | None:
    argv = result.processes[index].argv
    return None if argv is None else tuple(a.value for a in argv)


def test_an_exec_probe_is_its_command_with_no_entrypoint_and_no_shell(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, """\
        livenessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
    """)
    process = result.processes[0]
    assert (process.kind, process.handler, process.runs) == (
        ProcessKind.LIVENESS, Handler.EXEC, True)
    assert values(result, 0) == ("cat", "/tmp/healthy")
    assert process.path == "spec.containers[0].livenessProbe"
    assert process.argv is not None and process.argv[1].path == (
        "spec.containers[0].livenessProbe.exec.command[1]")
    assert process.argv[0].span is not None and process.argv[0].span.line == 11
    assert [s.kind for s in process.steps] == [StepKind.PROBE_EXEC]


def test_probes_expand_only_the_containers_own_literal_env_values(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, """\
        envFrom:
        - configMapRef: {name: cm}
        env:
        - name: PORT
          value: "8080"
        - name: TOKEN
          valueFrom:
            secretKeyRef: {name: s, key: k}
        - name: NESTED
          value: "$(PORT)"
        - name: PORT
          value: "9090"
        readinessProbe:
          exec:
            command: ["check", "$(PORT)", "$(TOKEN)", "$(NESTED)", "$(FROM_IMAGE)", "$$(PORT)"]
    """)
    # The last PORT wins; TOKEN (valueFrom) is empty; NESTED is not expanded again; the
    # image ENV and envFrom keys are not seen, so $(FROM_IMAGE) stays; $$ escapes.
    assert values(result, 0) == ("check", "9090", "", "$(PORT)", "$(FROM_IMAGE)", "$(PORT)")
    expanded = result.processes[0].argv or ()
    assert [a.notes[0].params["sources"] for a in expanded[1:4]] == [
        ("env[3] value",), ("env[1] valueFrom",), ("env[2] value",)]
    assert not expanded[4].notes and not expanded[0].notes
    step = result.processes[0].steps[0]
    assert step.params["names"] == ("PORT", "TOKEN", "NESTED")
    assert step.params["empty"] == ("TOKEN",)
    unknowns = result.processes[0].unknowns
    assert [(u.kind, u.params["name"]) for u in unknowns] == [
        (UnknownKind.KUBELET_VAR_UNDEFINED, "FROM_IMAGE")]


def test_lifecycle_hooks_are_exec_d_as_written_without_expansion(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, """\
        env:
        - name: PORT
          value: "8080"
        lifecycle:
          postStart:
            exec:
              command: ["/bin/sh", "-c", "echo $(PORT) > /tmp/started"]
          preStop:
            exec:
              command: ["kill", "-TERM", "1"]
    """)
    kinds = [(p.kind, p.handler) for p in result.processes]
    assert kinds[:2] == [(ProcessKind.POST_START, Handler.EXEC), (ProcessKind.PRE_STOP, Handler.EXEC)]
    assert values(result, 0) == ("/bin/sh", "-c", "echo $(PORT) > /tmp/started")
    assert values(result, 1) == ("kill", "-TERM", "1")
    assert [s.kind for s in result.processes[0].steps] == [StepKind.HOOK_EXEC]
    assert result.processes[0].unknowns == ()


@pytest.mark.parametrize(
    ("field", "handler", "expected"),
    [
        ("livenessProbe", "httpGet: {path: /, port: 80}", Handler.HTTP_GET),
        ("readinessProbe", "tcpSocket: {port: 80}", Handler.TCP_SOCKET),
        ("startupProbe", "grpc: {port: 9000}", Handler.GRPC),
    ],
)
def test_probe_handlers_other_than_exec_run_no_program(
    tmp_path: Path, field: str, handler: str, expected: Handler
) -> None:
    result = resolve_pod(tmp_path, f"{field}:\n  {handler}\n")
    process = result.processes[0]
    assert (process.handler, process.argv) == (expected, None)
    assert process.steps[0].kind is StepKind.HANDLER_NO_PROGRAM


def test_a_sleep_hook_runs_no_program(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, "lifecycle:\n  preStop:\n    sleep: {seconds: 5}\n")
    assert [(p.kind, p.handler, p.argv) for p in result.processes[:1]] == [
        (ProcessKind.PRE_STOP, Handler.SLEEP, None)]


def test_the_image_healthcheck_is_shown_as_never_run_under_kubernetes(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, "command: [sleep, '1']\n")
    (check,) = result.processes
    assert (check.kind, check.handler, check.argv, check.runs) == (
        ProcessKind.HEALTHCHECK, Handler.CMD_SHELL, None, False)
    assert check.steps[0].kind is StepKind.IMAGE_HEALTHCHECK_IGNORED
    assert check.steps[0].params["test"] == ("CMD-SHELL", "curl -f localhost")


def test_probes_come_before_hooks_in_api_order(tmp_path: Path) -> None:
    result = resolve_pod(tmp_path, """\
        lifecycle:
          preStop: {exec: {command: [b]}}
          postStart: {exec: {command: [a]}}
        startupProbe: {exec: {command: [s]}}
        livenessProbe: {exec: {command: [l]}}
    """)
    assert [p.kind.value for p in result.processes] == [
        "liveness", "startup", "postStart", "preStop", "healthcheck"]


def test_error_two_handlers_in_one_probe(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        resolve_pod(tmp_path, "livenessProbe:\n  exec: {command: [a]}\n  tcpSocket: {port: 1}\n")
    assert caught.value.message == (
        "spec.containers[0].livenessProbe: may not have more than one field specified at a time")


def test_error_probe_without_a_handler(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        resolve_pod(tmp_path, "livenessProbe:\n  periodSeconds: 3\n")
    assert caught.value.message == (
        "spec.containers[0].livenessProbe: must specify one of: `exec`, `httpGet`, "
        "`tcpSocket` or `grpc`")


def test_error_probe_command_item_not_a_string(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        resolve_pod(tmp_path, "livenessProbe:\n  exec: {command: [sleep, 5]}\n")
    assert caught.value.code == "CR303"
    assert caught.value.span is not None and caught.value.span.line == 10


@pytest.fixture
def kubernetes_validate() -> Any:
    """The Kubernetes JSON schemas (a test-only oracle); skipped without it."""
    return pytest.importorskip("kubernetes_validate", reason="kubernetes-validate not installed")


@pytest.mark.parametrize(
    "container",
    [
        "livenessProbe: {exec: {command: [cat, /tmp/x]}}\n",
        "lifecycle: {postStart: {exec: {command: [a]}}, preStop: {sleep: {seconds: 1}}}\n",
        "startupProbe: {grpc: {port: 1}}\n",
    ],
)
def test_the_manifests_read_here_are_valid_kubernetes(
    tmp_path: Path, container: str, kubernetes_validate: Any
) -> None:
    """The schemas of kubernetes-validate accept each manifest the tests above read."""
    kubernetes_validate.validate(yaml.safe_load(pod(container)), "1.34", strict=True)
    assert resolve_pod(tmp_path, container).processes


def test_kubernetes_validate_and_cmdresolve_both_refuse_an_integer_command_item(
    tmp_path: Path, kubernetes_validate: Any
) -> None:
    container = "livenessProbe: {exec: {command: [sleep, 5]}}\n"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(yaml.safe_load(pod(container)), "1.34", strict=True)
    with pytest.raises(InputError):
        resolve_pod(tmp_path, container)


@pytest.mark.parametrize("exec_value", ["{}", "{command: []}", "{command: null}"])
def test_error_exec_without_a_command(tmp_path: Path, exec_value: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_pod(tmp_path, f"readinessProbe:\n  exec: {exec_value}\n")
    assert caught.value.message == "spec.containers[0].readinessProbe.exec.command: required"
    assert caught.value.span is not None and caught.value.span.line == 10
