"""What Argo's emissary and Tekton's entrypoint start, one row per rule of their
controllers (argo-workflows ``workflowpod.go :: podBuilder.build`` and
``operator.go :: executeScript``; tektoncd/pipeline ``entrypoint.go :: orderContainers``,
``entrypoint_lookup_impl.go :: imageInfo`` and ``script.go :: placeScriptInContainer``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.checks import RULES, check
from cmdresolve.model import Arg, ImageConfig, Origin, Resolution, UnknownKind
from cmdresolve.model.kubernetes import KubeContainer, Launcher
from cmdresolve.render.phrases import failure_text, step_summary, unknown_reason
from cmdresolve.resolve.kubernetes.argo import merge_argo_emissary
from cmdresolve.resolve.kubernetes.container import resolve_kubernetes_container
from cmdresolve.resolve.kubernetes.tekton import merge_tekton_step, shebang
from cmdresolve.sources.kubernetes.manifests import load_manifests

FIXTURES = Path(__file__).parents[2] / "sources" / "kubernetes" / "fixtures"


def _args(values: tuple[str, ...] | None, origin: str) -> tuple[Arg, ...] | None:
    return None if values is None else tuple(Arg(v, Origin(origin)) for v in values)


def _image(entrypoint=None, cmd=None, unknown=frozenset()) -> ImageConfig:
    return ImageConfig(
        source="img",
        entrypoint=_args(entrypoint, "image.entrypoint"),
        cmd=_args(cmd, "image.cmd"),
        unknown=unknown,
    )


def _container(command=None, args=None, launcher: Launcher | None = None) -> KubeContainer:
    return KubeContainer(
        name="c",
        image="img",
        command=_args(command, "pod.command"),
        args=_args(args, "pod.args"),
        env=(),
        env_from=(),
        working_dir=None,
        container_type="container",
        restart_policy=None,
        span=None,
        path="spec.containers[0]",
        launcher=launcher,
    )


def _argo(image, command, args, script=None):
    container = _container(command, args, Launcher("argo.emissary", script))
    # the kubelet's expansion turns [] into nil before the merge
    argv, error, steps, unknowns = merge_argo_emissary(
        image, container, container.command or None, container.args or None
    )
    return (
        None if argv is None else tuple(a.value for a in argv),
        None if error is None else failure_text(error),
        steps,
        unknowns,
    )


def _tekton(image, command, args, script=None, kind="tekton.entrypoint", index=0):
    launcher = Launcher(kind, script, None, None if script is None else "spec.steps[0].script",
                        index, kind == "tekton.sidecar")  # fmt: skip
    container = _container(command, args, launcher)
    argv, error, steps, unknowns = merge_tekton_step(
        image, container, container.command or None, container.args or None
    )
    return (
        None if argv is None else tuple(a.value for a in argv),
        None if error is None else failure_text(error),
        steps,
        unknowns,
    )


# --- Argo: the controller's own lookup of the image --------------------------------------

IMAGE = _image(("/ep",), ("foo", "bar"))


@pytest.mark.parametrize(
    ("command", "args", "argv"),
    [
        (None, None, ("/ep", "foo", "bar")),  # both from the image
        (("/cmd",), None, ("/cmd",)),  # a command drops the image CMD
        (None, ("zoo",), ("/ep", "zoo")),  # args replace the image CMD
        (("/cmd",), ("zoo",), ("/cmd", "zoo")),
        ((), None, ("/ep", "foo", "bar")),  # command: [] is empty: looked up
        # args: [] is set, not nil: Argo keeps it empty, where the kubelet would take CMD
        (None, (), ("/ep",)),
    ],
)
def test_argo_merge_rows(command, args, argv) -> None:
    assert _argo(IMAGE, command, args)[:2] == (argv, None)


def test_argo_script_path_is_added_before_the_lookup() -> None:
    argv, _, steps, _ = _argo(IMAGE, ("python",), None, script="print(1)\n")
    assert argv == ("python", "/argo/staging/script")
    # without a command, the path is already in args: the image CMD is not used
    assert _argo(IMAGE, None, None, script="print(1)\n")[0] == ("/ep", "/argo/staging/script")
    assert [s.kind.value for s in steps] == ["argo.script", "argo.emissary"]
    assert step_summary(steps[0]) == (
        "script.source is written to /argo/staging/script, and that path is added to args: "
        "the command runs the file"
    )


def test_argo_emissary_step_says_the_path_lookup() -> None:
    _, _, steps, _ = _argo(IMAGE, ("python",), None)
    assert step_summary(steps[-1]) == (
        "the container's command is Argo's emissary (argoexec emissary … --), which starts "
        "this argv; it looks python up in PATH and passes the path it finds as argv[0]"
    )
    _, _, steps, _ = _argo(IMAGE, ("/bin/date",), None)
    assert "looks" not in step_summary(steps[-1])


def test_argo_lookup_needs_only_what_it_reads() -> None:
    unknown = _image(unknown=frozenset({"entrypoint", "cmd"}))
    assert _argo(unknown, ("/cmd",), None)[0] == ("/cmd",)
    argv, _, _, unknowns = _argo(unknown, None, ("x",))
    assert argv is None
    assert [u.params["field"] for u in unknowns] == ["entrypoint"]
    assert [u.params["field"] for u in _argo(unknown, None, None)[3]] == ["entrypoint", "cmd"]


def test_argo_nothing_to_run() -> None:
    assert _argo(_image(), None, None)[:2] == (None, "no command specified")


# --- Tekton: the entrypoint binary and the image lookup ----------------------------------


@pytest.mark.parametrize(
    ("entrypoint", "cmd", "command", "args", "argv"),
    [
        (("/ep",), ("foo",), None, None, ("/ep", "foo")),
        (("/ep",), ("foo",), None, ("zoo",), ("/ep", "zoo")),
        (("/ep",), ("foo",), ("/cmd", "-x"), ("zoo",), ("/cmd", "-x", "zoo")),
        # no ENTRYPOINT: the CMD, and args after it (Kubernetes would drop the CMD)
        (None, ("foo", "bar"), None, ("zoo",), ("foo", "bar", "zoo")),
        (None, ("foo",), None, None, ("foo",)),
    ],
)
def test_tekton_merge_rows(entrypoint, cmd, command, args, argv) -> None:
    assert _tekton(_image(entrypoint, cmd), command, args)[:2] == (argv, None)


def test_tekton_args_after_image_cmd_are_said() -> None:
    _, _, steps, _ = _tekton(_image(None, ("foo",)), None, ("zoo",))
    assert step_summary(steps[0]) == (
        "command is empty and the image has no ENTRYPOINT: the Tekton controller runs the "
        "image CMD ['foo'] with args after it (Kubernetes would replace the CMD with args)"
    )
    assert step_summary(steps[1]) == (
        "the container's command is Tekton's /tekton/bin/entrypoint, which starts this argv "
        "as the first step"
    )


def test_tekton_lookup_needs_only_what_it_reads() -> None:
    half = ImageConfig(source="img", entrypoint=_args(("/ep",), "image.entrypoint"),
                       unknown=frozenset({"cmd"}))  # fmt: skip
    assert _tekton(half, None, ("zoo",))[0] == ("/ep", "zoo")
    argv, _, _, unknowns = _tekton(half, None, None)
    assert (argv, [u.params["field"] for u in unknowns]) == (None, ["cmd"])


@pytest.mark.parametrize(
    ("script", "argv"),
    [
        ("echo hi\n", ("/bin/sh", "/tekton/scripts/script-0-<random>", "a")),
        ("#!/usr/bin/env python3\nprint(1)\n",
         ("/usr/bin/env", "python3", "/tekton/scripts/script-0-<random>", "a")),
        # the kernel passes everything after the interpreter as one argument
        ("#! /bin/bash -e -u \necho\n", ("/bin/bash", "-e -u", "/tekton/scripts/script-0-<random>", "a")),
        ("#!/bin/sh\r\necho\n", ("/bin/sh", "/tekton/scripts/script-0-<random>", "a")),
    ],
)  # fmt: skip
def test_tekton_script_argv(script: str, argv: tuple[str, ...]) -> None:
    got, error, _, unknowns = _tekton(IMAGE, None, ("a",), script=script)
    assert (got, error) == (argv, None)
    assert [unknown_reason(u) for u in unknowns] == [
        "spec.steps[0].script is run from the file /tekton/scripts/script-0-<random>, where "
        "<random> is five characters picked when the pod is made"
    ]


def test_tekton_default_preamble_is_said() -> None:
    _, _, steps, _ = _tekton(IMAGE, None, None, script="echo hi\n")
    assert step_summary(steps[0]) == (
        "script has no #! line: Tekton writes it to a file after #!/bin/sh and set -e, so "
        "/bin/sh runs it and stops at the first command that fails"
    )


@pytest.mark.parametrize("script", ["\n#!/bin/bash\necho\n", "  #!/bin/sh\n", "#!\necho\n"])
def test_tekton_shebang_not_at_the_start_fails(script: str) -> None:
    argv, error, _, _ = _tekton(IMAGE, None, None, script=script)
    assert argv is None
    assert error == (
        "spec.steps[0].script: the file Tekton writes does not start with a #! line naming an "
        "interpreter (white space before #!, or #! alone), so the exec fails (exec format error)"
    )


def test_tekton_sidecar_script_file_name() -> None:
    argv, _, steps, _ = _tekton(IMAGE, None, None, "echo\n", kind="tekton.sidecar", index=2)
    assert argv == ("/bin/sh", "/tekton/scripts/sidecar-script-2-<random>")
    assert [s.kind.value for s in steps] == ["tekton.script"]  # no entrypoint binary


def test_tekton_windows_script_is_not_resolved() -> None:
    argv, _, _, unknowns = _tekton(IMAGE, None, None, "#!win pwsh\nWrite-Host hi\n")
    assert argv is None
    assert [u.kind for u in unknowns] == [UnknownKind.TEKTON_WINDOWS_SCRIPT]


def test_shebang_reads_like_the_kernel() -> None:
    assert shebang("#!/bin/sh") == ("/bin/sh",)
    assert shebang("#!\t/usr/bin/env  node  ") == ("/usr/bin/env", "node")
    assert shebang("#!") == ()


# --- end to end: the controllers' variables, the env, the pod rules -------------------------


def _resolve(name: str, image: ImageConfig = IMAGE) -> dict[str, Resolution]:
    """Each container's checked answer, by ``Kind/name container``."""
    manifests = load_manifests(str(FIXTURES / name))
    return {
        f"{pod.workload} {c.name}": check(
            resolve_kubernetes_container(pod, c, image, manifests.config), RULES
        )
        for pod in manifests.pods
        for c in pod.containers
    }


def _argv(result: Resolution) -> list[str] | None:
    return None if result.argv is None else [a.value for a in result.argv]


def test_argo_workflow_end_to_end() -> None:
    results = {k.split(" ")[1]: r for k, r in _resolve("argo-workflow.yaml").items()}
    assert {name: _argv(r) for name, r in results.items()} == {
        "whalesay/hello": ["echo", "hello"],  # an init container runs as written
        "whalesay/main": ["echo", "{{inputs.parameters.message}}"],
        "whalesay/db": ["sleep", "infinity"],
        "gen/main": ["python", "/argo/staging/script"],
        "pair/a": ["sh", "-c", "echo a"],
        "pair/b": ["/ep", "echo", "b"],
    }
    main = results["whalesay/main"]
    assert [unknown_reason(u) for u in main.unknowns] == [
        "Argo fills in {{inputs.parameters.message}} in spec.templates[1].container.args[0] "
        "when it runs the template (from the caller's arguments), so its value is not known here"
    ]
    assert "argv" in main.incomplete
    assert main.engine_request is None  # Docker cannot stand in for the emissary
    assert results["whalesay/hello"].engine_request is not None
    assert not any(s.kind.value.startswith("argo.") for s in results["whalesay/hello"].steps)


def test_tekton_task_end_to_end() -> None:
    results = {k.split(" ")[1]: r for k, r in _resolve("tekton-task.yaml").items()}
    compile_ = results["step-compile"]
    assert [a.value for a in compile_.argv or ()] == ["go", "build", "-o", "/out/app",
                                                      "$(params.target)"]  # fmt: skip
    assert [u.kind for u in compile_.unknowns] == [UnknownKind.TEKTON_VARIABLE]
    assert unknown_reason(compile_.unknowns[0]) == (
        "Tekton fills in $(params.target) in spec.steps[0].args[2] before the pod starts (a "
        "parameter, context, workspace or result), so its value is not known here"
    )
    assert "CR302" not in [f.code for f in compile_.findings]  # Tekton replaces it
    assert "GOFLAGS=-mod=vendor" in (compile_.env or ())
    assert compile_.working_dir == "/src"
    assert [a.value for a in results["step-from-image"].argv or ()] == ["/ep", "echo", "from",
                                                                         "image"]  # fmt: skip
    assert [a.value for a in results["sidecar-registry"].argv or ()] == ["registry", "serve"]
    ready = results["sidecar-ready"]
    assert [a.value for a in ready.argv or ()] == [
        "/bin/sh",
        "/tekton/scripts/sidecar-script-1-<random>",
    ]
    assert [a.origin.value for a in ready.argv or ()] == ["script.interpreter", "tekton.script"]


def test_knative_service_runs_with_pod_rules() -> None:
    results = _resolve("knative-service.yaml")
    assert {name: _argv(r) for name, r in results.items()} == {
        "Service/hello user-container": ["/ep", "--port", "8080"],
        "Configuration/multi user-container-1": ["sleep", "1"],
        "Configuration/multi user-container-0": ["sleep", "2"],
        "Configuration/multi user-container-2": ["sleep", "3"],
        "Revision/hello-00001 user-container": ["sleep", "4"],
    }
    assert "TARGET=World" in (results["Service/hello user-container"].env or ())


KNATIVE = """\
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: shop}
spec:
  template:
    metadata: {name: shop-v2}
    spec:
      containers:
        - name: app
          image: busybox
          command: [serve, --port, $(PORT), --name, $(K_SERVICE)]
          env:
            - {name: EARLY, value: $(PORT)}
          ports:
            - containerPort: 9000
        - name: logs
          image: busybox
          command: [tail, $(K_REVISION)]
"""


def test_knative_appends_port_and_names_after_the_users_env() -> None:
    from cmdresolve.sources.kubernetes.manifests import parse_manifests

    (pod,) = parse_manifests(KNATIVE, "ksvc.yaml").pods
    app, logs = (resolve_kubernetes_container(pod, c, IMAGE) for c in pod.containers)
    assert _argv(app) == ["serve", "--port", "9000", "--name", "shop"]
    env = dict(item.partition("=")[::2] for item in app.env or ())
    # appended after the user's env: an earlier value does not see $(PORT)
    assert (env["EARLY"], env["PORT"], env["K_REVISION"]) == ("$(PORT)", "9000", "shop-v2")
    assert (env["K_CONFIGURATION"], env["K_SERVICE"]) == ("shop", "shop")
    assert _argv(logs) == ["tail", "shop-v2"]
    assert "PORT" not in dict(item.partition("=")[::2] for item in logs.env or ())
