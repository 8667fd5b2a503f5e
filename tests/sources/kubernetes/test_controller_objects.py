"""Reading the objects of Argo Workflows, Tekton and Knative Serving into pod specs:
which pods, which containers (named as in the pod), with which launcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.model import InputError
from cmdresolve.model.kubernetes import KubeContainer, Manifests
from cmdresolve.render.phrases import notice_text
from cmdresolve.sources.kubernetes.manifests import load_manifests, parse_manifests
from cmdresolve.sources.kubernetes.tekton import merge_step_template

FIXTURES = Path(__file__).parent / "fixtures"


def _load(name: str) -> Manifests:
    return load_manifests(str(FIXTURES / name))


def _values(container: KubeContainer, field: str) -> list[str] | None:
    items = getattr(container, field)
    return None if items is None else [a.value for a in items]


def _table(manifests: Manifests) -> list[tuple[str, str, str, str | None]]:
    return [
        (pod.workload, c.name, c.container_type, None if c.launcher is None else c.launcher.kind)
        for pod in manifests.pods
        for c in pod.containers
    ]


# --- Argo Workflows ---------------------------------------------------------------------


def test_argo_templates_become_pods_with_argo_names() -> None:
    manifests = _load("argo-workflow.yaml")
    assert _table(manifests) == [
        ("Workflow/hello-world-", "whalesay/hello", "initContainer", None),
        ("Workflow/hello-world-", "whalesay/main", "container", "argo.emissary"),
        ("Workflow/hello-world-", "whalesay/db", "container", "argo.emissary"),
        ("Workflow/hello-world-", "gen/main", "container", "argo.emissary"),
        ("Workflow/hello-world-", "pair/a", "container", "argo.emissary"),
        ("Workflow/hello-world-", "pair/b", "container", "argo.emissary"),
    ]
    assert manifests.notes == ()  # the steps template runs no container of its own
    whalesay = manifests.pods[0]
    assert (whalesay.namespace, whalesay.service_account_name) == ("ci", "runner")
    assert whalesay.path == "spec.templates[1]"
    main = whalesay.containers[1]
    assert main.path == "spec.templates[1].container"
    assert _values(main, "args") == ["{{inputs.parameters.message}}"]
    assert main.args is not None and main.args[0].path == "spec.templates[1].container.args[0]"


def test_argo_script_keeps_its_source_and_place() -> None:
    (gen,) = _load("argo-workflow.yaml").pods[1].containers
    assert gen.launcher is not None
    assert gen.launcher.script == "import random\nprint(random.randint(1, 100))\n"
    assert gen.launcher.script_path == "spec.templates[2].script.source"
    assert gen.launcher.script_span is not None and gen.launcher.script_span.line == 38


def test_argo_kinds_and_where_they_keep_templates() -> None:
    manifests = _load("argo-kinds.yaml")
    assert [(p.workload, p.path) for p in manifests.pods] == [
        ("CronWorkflow/nightly", "spec.workflowSpec.templates[0]"),
        ("WorkflowTemplate/shared", "spec.templates[0]"),
        ("ClusterWorkflowTemplate/cluster-shared", "spec.templates[0]"),
    ]


def test_argo_kind_of_another_group_is_not_a_workload() -> None:
    text = "apiVersion: example.com/v1\nkind: Workflow\nmetadata: {name: w}\nspec: {}\n"
    manifests = parse_manifests(text, "w.yaml")
    assert manifests.pods == ()
    assert [notice_text(n) for n in manifests.notes] == ["skipped Workflow/w: not a workload"]


def test_argo_duplicate_container_names_are_refused() -> None:
    text = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: w}
spec:
  templates:
    - name: t
      container: {image: busybox}
      sidecars:
        - {name: main, image: busybox}
"""
    with pytest.raises(InputError) as info:
        parse_manifests(text, "w.yaml")
    assert (
        str(info.value) == 'w.yaml:6: spec.templates[0].sidecars[0].name: duplicate name "t/main"'
    )


def test_argo_template_without_name_is_refused() -> None:
    text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\n"
    text += "spec:\n  templates:\n    - container: {image: busybox}\n"
    with pytest.raises(InputError) as info:
        parse_manifests(text, "w.yaml")
    assert str(info.value) == "w.yaml:6: spec.templates[0].name: required"


# --- Tekton -----------------------------------------------------------------------------


def test_tekton_steps_and_sidecars_with_pod_names() -> None:
    manifests = _load("tekton-task.yaml")
    assert _table(manifests) == [
        ("Task/build", "step-compile", "container", "tekton.entrypoint"),
        ("Task/build", "step-noshebang", "container", "tekton.entrypoint"),
        ("Task/build", "step-python", "container", "tekton.entrypoint"),
        ("Task/build", "step-unnamed-3", "container", "tekton.entrypoint"),
        ("Task/build", "step-from-image", "container", "tekton.entrypoint"),
        ("Task/build", "sidecar-registry", "container", None),
        ("Task/build", "sidecar-ready", "container", "tekton.sidecar"),
    ]
    ready = manifests.pods[0].containers[-1]
    assert ready.launcher is not None
    assert (ready.launcher.index, ready.launcher.sidecar) == (1, True)


def test_tekton_step_template_is_merged_under_each_step() -> None:
    compile_, noshebang, *_ = _load("tekton-task.yaml").pods[0].containers
    assert compile_.image == "golang:1.22"
    assert noshebang.image == "alpine:3.19"
    assert (compile_.working_dir, noshebang.working_dir) == ("/src", "/src")
    # env merged by name: the template's order, the step's value; new names after.
    assert [(v.name, v.value, v.path) for v in compile_.env] == [
        ("GOFLAGS", "-mod=vendor", "spec.stepTemplate.env[0]"),
        ("CGO_ENABLED", "1", "spec.steps[0].env[0]"),
        ("OUT", "/out", "spec.steps[0].env[1]"),
    ]
    assert [v.name for v in noshebang.env] == ["GOFLAGS", "CGO_ENABLED"]


def test_step_template_command_and_args_fill_only_what_the_step_leaves_empty() -> None:
    text = """\
apiVersion: tekton.dev/v1
kind: Task
metadata: {name: t}
spec:
  stepTemplate:
    image: busybox
    command: [echo]
    args: [from-template]
  steps:
    - {name: a, args: []}
    - {name: b, command: [printf], args: [x]}
"""
    a, b = parse_manifests(text, "t.yaml").pods[0].containers
    assert (_values(a, "command"), _values(a, "args")) == (["echo"], ["from-template"])
    assert (_values(b, "command"), _values(b, "args")) == (["printf"], ["x"])
    assert merge_step_template(b, a).command == a.command  # the step's own wins


def test_tekton_script_with_command_is_refused() -> None:
    text = "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps:\n"
    text += "    - {name: a, image: busybox, command: [sh], script: echo}\n"
    with pytest.raises(InputError) as info:
        parse_manifests(text, "t.yaml")
    assert str(info.value) == "t.yaml:6: spec.steps[0].script: script cannot be used with command"


def test_tekton_pipelines_and_runs() -> None:
    manifests = _load("tekton-pipeline.yaml")
    assert _table(manifests) == [
        ("Pipeline/release", "test/step-unit", "container", "tekton.entrypoint"),
        ("Pipeline/release", "notify/step-unnamed-0", "container", "tekton.entrypoint"),
        ("PipelineRun/release-run-", "hello/step-say", "container", "tekton.entrypoint"),
        ("TaskRun/inline", "step-a", "container", "tekton.entrypoint"),
    ]
    assert manifests.pods[0].path == "spec.tasks[1].taskSpec"
    assert manifests.pods[1].path == "spec.finally[0].taskSpec"
    assert manifests.pods[3].service_account_name == "builder"
    assert [notice_text(n) for n in manifests.notes] == [
        "skipped TaskRun/run-: it names what it runs with taskRef, which is resolved where it "
        "is defined (give that file too)",
        "skipped a step of TaskRun/inline: spec.taskSpec.steps[1].ref names a StepAction, "
        "which is not read here",
    ]


def test_task_without_steps_is_refused() -> None:
    text = "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps: []\n"
    with pytest.raises(InputError) as info:
        parse_manifests(text, "t.yaml")
    assert str(info.value) == "t.yaml:5: spec.steps: required (a task needs at least one step)"


# --- Knative Serving --------------------------------------------------------------------


def test_knative_containers_get_the_default_names() -> None:
    manifests = _load("knative-service.yaml")
    assert [(p.workload, p.path, [c.name for c in p.containers]) for p in manifests.pods] == [
        ("Service/hello", "spec.template.spec", ["user-container"]),
        ("Configuration/multi", "spec.template.spec", [
            "user-container-1", "user-container-0", "user-container-2",
        ]),
        ("Revision/hello-00001", "spec", ["user-container"]),
    ]  # fmt: skip
    hello = manifests.pods[0]
    assert hello.namespace == "web"
    assert hello.annotations == (("autoscaling.knative.dev/min-scale", "1"),)
    assert _values(hello.containers[0], "args") == ["--port", "8080"]
    # a core Service is no workload, whatever its name
    assert [notice_text(n) for n in manifests.notes] == ["skipped Service/plain: not a workload"]


def test_knative_init_containers_are_named_apart() -> None:
    text = """\
apiVersion: serving.knative.dev/v1
kind: Revision
metadata: {name: r}
spec:
  initContainers:
    - {image: busybox, command: [true]}
  containers:
    - {image: busybox, command: [sleep, '1']}
"""
    (pod,) = parse_manifests(text.replace("[true]", "['true']"), "r.yaml").pods
    assert [(c.name, c.container_type) for c in pod.containers] == [
        ("init-container", "initContainer"),
        ("user-container", "container"),
    ]


# --- List and kubectl get -o json -----------------------------------------------------


def test_kubectl_get_json_list_of_controller_objects() -> None:
    workflow = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {"name": "w", "namespace": "argo"},
        "spec": {"templates": [{"name": "t", "container": {"image": "busybox"}}]},
    }
    service = {
        "apiVersion": "serving.knative.dev/v1",
        "kind": "Service",
        "metadata": {"name": "s"},
        "spec": {"template": {"spec": {"containers": [{"image": "busybox"}]}}},
    }
    dump = json.dumps({"apiVersion": "v1", "kind": "List", "items": [workflow, service]})
    manifests = parse_manifests(dump, "dump.json")
    assert [(p.workload, p.path, p.namespace) for p in manifests.pods] == [
        ("Workflow/w", "items[0].spec.templates[0]", "argo"),
        ("Service/s", "items[1].spec.template.spec", None),
    ]


def test_yaml_list_of_tekton_tasks() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: tekton.dev/v1beta1
    kind: ClusterTask
    metadata: {name: c}
    spec:
      steps:
        - {name: s, image: busybox, command: [echo]}
"""
    (pod,) = parse_manifests(text, "l.yaml").pods
    assert (pod.workload, pod.containers[0].name, pod.containers[0].path) == (
        "ClusterTask/c",
        "step-s",
        "items[0].spec.steps[0]",
    )


def test_pipeline_custom_task_spec_is_not_a_pod() -> None:
    text = """\
apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: p}
spec:
  tasks:
    - name: wait
      taskSpec:
        apiVersion: example.dev/v1
        kind: Wait
        spec: {duration: 5s}
    - name: run
      taskSpec:
        steps: [{name: s, image: busybox, command: ['true']}]
"""
    manifests = parse_manifests(text, "p.yaml")
    assert [c.name for p in manifests.pods for c in p.containers] == ["run/step-s"]


# --- Tekton parameters with values in the inputs --------------------------------------

TASKRUN = """\
apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: tr}
spec:
  params:
    - {name: greeting, value: hello}
    - {name: flags, value: [-n, -e]}
  taskSpec:
    params:
      - {name: greeting}
      - {name: who, default: world}
      - {name: flags, type: array}
      - {name: img, default: alpine:3.19}
    steps:
      - name: say
        image: $(params.img)
        command: [echo]
        args: ["$(params.flags[*])", "$(params.greeting), $(params['who'])!", "$(params.flags[1])"]
        env:
          - {name: WHO, value: $(params.who)}
"""


def test_taskrun_params_replace_over_the_task_defaults() -> None:
    (pod,) = parse_manifests(TASKRUN, "tr.yaml").pods
    (say,) = pod.containers
    assert say.image == "alpine:3.19"
    assert _values(say, "args") == ["-n", "-e", "hello, world!", "-e"]
    assert [(v.name, v.value) for v in say.env] == [("WHO", "world")]
    assert say.args is not None
    assert say.args[2].notes[0].params == {
        "names": ("params.greeting", "params['who']"),
        "sources": ("spec.params[0].value", "spec.taskSpec.params[1].default"),
    }


def test_standalone_task_params_stay_written() -> None:
    text = TASKRUN.replace("kind: TaskRun", "kind: Task")
    text = text.replace("  taskSpec:\n", "").replace("\n    ", "\n  ")
    (say,) = parse_manifests(text, "t.yaml").pods[0].containers
    assert _values(say, "args") == [
        "$(params.flags[*])",
        "$(params.greeting), $(params['who'])!",
        "$(params.flags[1])",
    ]


def test_pipeline_task_params_from_the_run_and_literals() -> None:
    text = """\
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: pr}
spec:
  params:
    - {name: target, value: prod}
  pipelineSpec:
    params:
      - {name: target}
      - {name: region, default: eu}
    tasks:
      - name: deploy
        params:
          - {name: where, value: "$(params.target)-$(params.region)"}
          - {name: unknown, value: "$(params.nowhere)"}
        taskSpec:
          params:
            - {name: where}
            - {name: unknown, default: fallback}
          steps:
            - {name: d, image: busybox, command: [deploy, $(params.where), $(params.unknown)]}
"""
    (d,) = parse_manifests(text, "pr.yaml").pods[0].containers
    # a value that still refers to a parameter is not known: the default does not stand in
    assert _values(d, "command") == ["deploy", "prod-eu", "$(params.unknown)"]
