"""Reading Kubernetes manifests (YAML and JSON) into pod specs, exactly as the API reads them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.kubernetes import (
    ConfigData,
    EnvFrom,
    EnvValueSource,
    EnvVar,
    KubeContainer,
    Manifests,
    PodSpec,
    RunAs,
)
from cmdresolve.sources import text as text_source
from cmdresolve.sources.kubernetes import yaml_nodes
from cmdresolve.sources.kubernetes.manifests import (
    load_manifests,
    looks_like_manifest,
    parse_manifests,
)
from cmdresolve.sources.kubernetes.yaml_scalars import plain_scalar_type

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: python:3
      command:
{items}"""


def _parse(text: str, path: str = "pod.yaml") -> Manifests:
    return parse_manifests(text, path)


def _error(text: str, path: str = "pod.yaml") -> str:
    with pytest.raises(InputError) as info:
        parse_manifests(text, path)
    return str(info.value)


def _pod_command(items: str) -> str:
    return POD.format(items=items)


def _values(args: tuple[Arg, ...] | None) -> list[str] | None:
    return None if args is None else [a.value for a in args]


def _template(kind: str, path: tuple[str, ...], api: str = "apps/v1") -> str:
    """A ``kind`` whose pod template sits at ``path`` (block YAML, two-space indents)."""
    lines = [f"apiVersion: {api}", f"kind: {kind}", "metadata:", "  name: w", "  namespace: ns"]
    for depth, key in enumerate(path):
        lines.append("  " * depth + f"{key}:")
    pad = "  " * len(path)
    lines += [
        f"{pad}metadata:",
        f"{pad}  labels:",
        f"{pad}    app: w",
        f"{pad}spec:",
        f"{pad}  containers:",
        f"{pad}    - name: app",
        f"{pad}      image: busybox",
        f"{pad}      args: [sleep, '10']",
    ]
    return "\n".join(lines) + "\n"


# --- every workload kind ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "path", "api"),
    [
        ("Deployment", ("spec", "template"), "apps/v1"),
        ("ReplicaSet", ("spec", "template"), "apps/v1"),
        ("StatefulSet", ("spec", "template"), "apps/v1"),
        ("DaemonSet", ("spec", "template"), "apps/v1"),
        ("ReplicationController", ("spec", "template"), "v1"),
        ("Job", ("spec", "template"), "batch/v1"),
        ("CronJob", ("spec", "jobTemplate", "spec", "template"), "batch/v1"),
        ("PodTemplate", ("template",), "v1"),
    ],
)
def test_workload_kinds_find_their_pod_template(kind: str, path: tuple[str, ...], api: str) -> None:
    manifests = _parse(_template(kind, path, api), "w.yaml")
    (pod,) = manifests.pods
    spec_path = ".".join(path) + ".spec"
    line = 5 + len(path) + 6  # header, template keys, then metadata/labels/app/spec/containers
    column = 2 * len(path) + 7
    assert pod.workload == f"{kind}/w"
    assert pod.namespace == "ns"
    assert pod.pod_name is None
    assert pod.labels == (("app", "w"),)
    assert pod.path == spec_path
    assert pod.span == Span("w.yaml", line - 1, column - 4)
    (container,) = pod.containers
    assert container.path == f"{spec_path}.containers[0]"
    assert container.span == Span("w.yaml", line, column)
    assert container.args == (
        Arg(
            "sleep",
            "pod.args",
            Span("w.yaml", line + 2, column + 7),
            f"{spec_path}.containers[0].args[0]",
        ),
        Arg(
            "10",
            "pod.args",
            Span("w.yaml", line + 2, column + 14),
            f"{spec_path}.containers[0].args[1]",
        ),
    )
    assert _notes(manifests) == ()


def test_pod_reads_everything_with_spans_and_paths() -> None:
    text = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
  annotations:
    note: "1"
spec:
  nodeName: node-1
  serviceAccount: old-name
  containers:
    - name: app
      image: python:3
      workingDir: /srv
      command: ["python", "app.py"]
      args:
        - --color
        - $(COLOR)
      env:
        - name: COLOR
          value: green
        - name: NODE
          valueFrom:
            fieldRef: {fieldPath: spec.nodeName}
      envFrom:
        - prefix: CFG_
          configMapRef: {name: settings, optional: true}
"""
    path = "pod.yaml"
    base = "spec.containers[0]"
    container = KubeContainer(
        name="app",
        image="python:3",
        command=(
            Arg("python", "pod.command", Span(path, 16, 17), f"{base}.command[0]"),
            Arg("app.py", "pod.command", Span(path, 16, 27), f"{base}.command[1]"),
        ),
        args=(
            Arg("--color", "pod.args", Span(path, 18, 11), f"{base}.args[0]"),
            Arg("$(COLOR)", "pod.args", Span(path, 19, 11), f"{base}.args[1]"),
        ),
        env=(
            EnvVar("COLOR", "green", None, Span(path, 21, 11), f"{base}.env[0]"),
            EnvVar(
                "NODE",
                None,
                EnvValueSource("fieldRef", field_path="spec.nodeName"),
                Span(path, 23, 11),
                f"{base}.env[1]",
            ),
        ),
        env_from=(
            EnvFrom(
                "configMapRef", "settings", "CFG_", True, Span(path, 27, 11), f"{base}.envFrom[0]"
            ),
        ),
        working_dir="/srv",
        container_type="container",
        restart_policy=None,
        span=Span(path, 13, 7),
        path=base,
    )
    assert _parse(text) == Manifests(
        pods=(
            PodSpec(
                workload="Pod/web",
                namespace="shop",
                pod_name="web",
                labels=(("app", "web"),),
                annotations=(("note", "1"),),
                node_name="node-1",
                service_account_name="old-name",
                containers=(container,),
                span=Span(path, 10, 3),
                path="spec",
            ),
        ),
        config=(),
    )


def test_value_from_sources() -> None:
    text = (
        _pod_command("        - run\n")
        + """\
      env:
        - {name: A, valueFrom: {configMapKeyRef: {name: cm, key: a}}}
        - {name: B, valueFrom: {secretKeyRef: {name: s, key: b, optional: yes}}}
        - {name: C, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1}}}
        - {name: D, valueFrom: {resourceFieldRef: {containerName: app, resource: requests.memory, divisor: 1Mi}}}
        - {name: E, valueFrom: {fileKeyRef: {volumeName: v, path: env.txt, key: E}}}
        - {name: F, value: ""}
        - {name: G}
      envFrom:
        - secretRef: {name: creds}
"""
    )
    (container,) = _parse(text).pods[0].containers
    assert [(v.name, v.value, v.value_from) for v in container.env] == [
        ("A", None, EnvValueSource("configMapKeyRef", name="cm", key="a")),
        ("B", None, EnvValueSource("secretKeyRef", name="s", key="b", optional=True)),
        ("C", None, EnvValueSource("resourceFieldRef", resource="limits.cpu", divisor="1")),
        (
            "D",
            None,
            EnvValueSource(
                "resourceFieldRef", resource="requests.memory", container_name="app", divisor="1Mi"
            ),
        ),
        ("E", None, EnvValueSource("fileKeyRef", name="v", key="E", field_path="env.txt")),
        ("F", "", None),
        ("G", None, None),
    ]
    assert container.env_from == (
        EnvFrom(
            "secretRef",
            "creds",
            "",
            False,
            Span("pod.yaml", 20, 11),
            "spec.containers[0].envFrom[0]",
        ),
    )


def test_empty_and_absent_lists_stay_apart() -> None:
    text = _pod_command("          []\n") + "      args: ~\n"
    (container,) = _parse(text).pods[0].containers
    assert container.command == ()
    assert container.args is None


def test_cronjob_paths() -> None:
    path = ("spec", "jobTemplate", "spec", "template")
    (container,) = _parse(_template("CronJob", path, "batch/v1")).pods[0].containers
    assert container.args is not None
    assert container.args[1].path == "spec.jobTemplate.spec.template.spec.containers[0].args[1]"


# --- start order, documents, lists ---------------------------------------------------


def test_containers_in_pod_start_order() -> None:
    text = """\
kind: Pod
apiVersion: v1
metadata: {name: p}
spec:
  ephemeralContainers: [{name: debug, image: busybox}]
  containers: [{name: app, image: app}, {name: log, image: log}]
  initContainers:
    - {name: init, image: init}
    - {name: proxy, image: envoy, restartPolicy: Always}
"""
    (pod,) = _parse(text).pods
    assert [(c.name, c.container_type, c.restart_policy) for c in pod.containers] == [
        ("init", "initContainer", None),
        ("proxy", "initContainer", "Always"),
        ("app", "container", None),
        ("log", "container", None),
        ("debug", "ephemeralContainer", None),
    ]
    assert [c.path for c in pod.containers] == [
        "spec.initContainers[0]",
        "spec.initContainers[1]",
        "spec.containers[0]",
        "spec.containers[1]",
        "spec.ephemeralContainers[0]",
    ]


def test_documents_in_file_order_empty_ones_ignored_unknown_kinds_noted() -> None:
    text = """\
# leading comment
---
apiVersion: v1
kind: Service
metadata: {name: web}
---
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {containers: [{name: c, image: i}]}
...
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {containers: [{name: c, image: i}]}
"""
    manifests = _parse(text, "all.yaml")
    assert [p.workload for p in manifests.pods] == ["Pod/b", "Pod/a"]
    assert _notes(manifests) == (("skipped Service/web: not a workload", Span("all.yaml", 3, 1)),)


def test_list_items_recursively_with_prefixed_paths() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    data: {COLOR: green}
  - apiVersion: v1
    kind: List
    items:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: app, command: [run]}]
"""
    manifests = _parse(text)
    (pod,) = manifests.pods
    assert pod.workload == "Deployment/web"
    assert pod.path == "items[1].items[0].spec.template.spec"
    (container,) = pod.containers
    assert container.command == (
        Arg(
            "run",
            "pod.command",
            Span("pod.yaml", 17, 50),
            "items[1].items[0].spec.template.spec.containers[0].command[0]",
        ),
    )
    assert manifests.config == (
        ConfigData("ConfigMap", "settings", None, (("COLOR", "green"),), Span("pod.yaml", 4, 5)),
    )


def test_typed_list_items_take_the_kind_from_the_list() -> None:
    text = "kind: PodList\napiVersion: v1\nitems:\n- metadata: {name: p}\n  spec: {containers: [{name: c}]}\n"
    assert [p.workload for p in _parse(text).pods] == ["Pod/p"]


def test_generate_name_names_the_workload() -> None:
    text = "kind: Job\napiVersion: batch/v1\nmetadata: {generateName: pi-}\nspec:\n  template: {spec: {containers: [{name: pi}]}}\n"
    assert _parse(text).pods[0].workload == "Job/pi-"


def test_merge_keys_apply_in_go_yaml_order() -> None:
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
x-base: &base {image: busybox, command: [sh]}
spec:
  containers:
    - {<<: *base, name: a, command: [bash]}
    - {name: b, command: [bash], <<: *base}
"""
    first, second = _parse(text).pods[0].containers
    assert (first.image, _values(first.command)) == ("busybox", ["bash"])
    assert (second.image, _values(second.command)) == ("busybox", ["sh"])


def test_yaml_scalars_that_stay_strings() -> None:
    items = "".join(
        f"        - {v}\n"
        for v in (
            "1:30",
            "2024-01-01",
            "'5'",
            '"yes"',
            "!!str 5",
            "&a !!str on",
            "1e400",
            "0x",
            "_1",
            "+",
            "--port=80",
        )
    )
    (container,) = _parse(_pod_command(items)).pods[0].containers
    assert _values(container.command) == [
        "1:30",
        "2024-01-01",
        "5",
        "yes",
        "5",
        "on",
        "1e400",
        "0x",
        "_1",
        "+",
        "--port=80",
    ]


def test_block_scalar_keeps_its_newline() -> None:
    (container,) = _parse(_pod_command("        - |\n          echo hi\n")).pods[0].containers
    assert _values(container.command) == ["echo hi\n"]


# --- ConfigMap and Secret --------------------------------------------------------------


def test_secret_data_is_decoded_and_string_data_overrides() -> None:
    encoded = base64.b64encode(b"s3cret").decode()
    text = f"""\
apiVersion: v1
kind: Secret
metadata: {{name: creds, namespace: shop}}
data:
  password: {encoded}
  user: {base64.b64encode(b"old").decode()}
  multi: |
    aGVs
    bG8=
stringData:
  user: admin
  extra: "1"
"""
    assert _parse(text, "s.yaml").config == (
        ConfigData(
            "Secret",
            "creds",
            "shop",
            (("password", "s3cret"), ("user", "admin"), ("multi", "hello"), ("extra", "1")),
            Span("s.yaml", 1, 1),
        ),
    )


# --- JSON ----------------------------------------------------------------------------


def _kubectl_json() -> str:
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "initContainers": [{"name": "init", "image": "busybox", "command": ["true"]}],
                    "containers": [
                        {
                            "name": "app",
                            "image": "web",
                            "args": ["--port", "80"],
                            "env": [{"name": "A", "value": "1"}],
                        }
                    ],
                },
            }
        },
    }
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"K": "v"}}
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": [cm, deployment]}, indent=4)


def test_json_list_from_kubectl() -> None:
    manifests = _parse(_kubectl_json(), "get.json")
    (pod,) = manifests.pods
    base = "items[1].spec.template.spec"
    assert pod.workload == "Deployment/web"
    assert pod.labels == (("app", "web"),)
    assert [c.name for c in pod.containers] == ["init", "app"]
    assert pod.containers[1].args == (
        Arg("--port", "pod.args", Span("get.json"), f"{base}.containers[0].args[0]"),
        Arg("80", "pod.args", Span("get.json"), f"{base}.containers[0].args[1]"),
    )
    assert pod.containers[1].env == (
        EnvVar("A", "1", None, Span("get.json"), f"{base}.containers[0].env[0]"),
    )
    assert manifests.config == (
        ConfigData("ConfigMap", "c", None, (("K", "v"),), Span("get.json")),
    )


def test_json_objects_one_after_another() -> None:
    text = (
        '{"kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]}}\n' * 2
    )
    assert [p.workload for p in _parse(text, "s.json").pods] == ["Pod/a", "Pod/a"]


def test_yaml_flow_style_is_not_taken_for_json() -> None:
    text = "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, args: [yes]}]}}"
    assert _error(text) == (
        "pod.yaml:1: CR303 spec.containers[0].args[0]: must be a string, got boolean true "
        '(YAML reads an unquoted yes as a boolean; quote it: "yes")'
    )


# --- validation errors, pinned whole ------------------------------------------------


def test_error_integer_item() -> None:
    assert _error(_pod_command("          - sleep\n          - 1200\n")) == (
        'pod.yaml:11: CR303 spec.containers[0].command[1]: must be a string, got integer 1200 (quote it: "1200")'
    )


def test_error_boolean_from_yes() -> None:
    assert _error(_pod_command("          - yes\n")) == (
        "pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got boolean true "
        '(YAML reads an unquoted yes as a boolean; quote it: "yes")'
    )


def test_error_boolean_from_on() -> None:
    assert _error(_pod_command("          - --verbose\n          - on\n")) == (
        "pod.yaml:11: CR303 spec.containers[0].command[1]: must be a string, got boolean true "
        '(YAML reads an unquoted on as a boolean; quote it: "on")'
    )


def test_error_boolean_from_single_letter_n() -> None:
    assert _error(_pod_command("          - n\n")) == (
        "pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got boolean false "
        '(YAML reads an unquoted n as a boolean; quote it: "n")'
    )


def test_error_boolean_true() -> None:
    assert _error(_pod_command("          - true\n")) == (
        'pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got boolean true (quote it: "true")'
    )


def test_error_float_from_1e3() -> None:
    assert _error(_pod_command("          - 1e3\n")) == (
        "pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got float 1000.0 "
        '(YAML reads an unquoted 1e3 as a float; quote it: "1e3")'
    )


def test_error_hex_integer() -> None:
    assert _error(_pod_command("          - 0x10\n")) == (
        "pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got integer 16 "
        '(YAML reads an unquoted 0x10 as an integer; quote it: "0x10")'
    )


def test_error_null_item() -> None:
    assert _error(_pod_command("          - echo\n          -\n")) == (
        "pod.yaml:11: CR303 spec.containers[0].command[1]: must be a string, got null "
        '(YAML reads an empty value as null; write "" for an empty string)'
    )


def test_error_tilde_item() -> None:
    assert _error(_pod_command("          - ~\n")) == (
        "pod.yaml:10: CR303 spec.containers[0].command[0]: must be a string, got null "
        '(YAML reads an unquoted ~ as null; quote it: "~")'
    )


def test_error_string_instead_of_list() -> None:
    assert _error(_pod_command("          python app.py\n")) == (
        "pod.yaml:10: spec.containers[0].command: must be a list of strings, "
        'got string "python app.py" (write a list, one item per argument)'
    )


def test_error_mapping_instead_of_list() -> None:
    assert _error(_pod_command("          run: app\n")) == (
        "pod.yaml:10: spec.containers[0].command: must be a list of strings, got mapping"
    )


def test_error_list_item_is_a_list() -> None:
    assert _error(_pod_command("          - [a, b]\n")) == (
        "pod.yaml:10: spec.containers[0].command[0]: must be a string, got list"
    )


def test_error_integer_env_value() -> None:
    text = (
        _pod_command("          - run\n")
        + "      env:\n        - name: PORT\n          value: 8080\n"
    )
    assert _error(text) == (
        'pod.yaml:13: CR303 spec.containers[0].env[0].value: must be a string, got integer 8080 (quote it: "8080")'
    )


def test_error_optional_must_be_a_boolean() -> None:
    text = (
        _pod_command("          - run\n")
        + '      envFrom: [{configMapRef: {name: c, optional: "true"}}]\n'
    )
    assert _error(text) == (
        "pod.yaml:11: spec.containers[0].envFrom[0].configMapRef.optional: "
        'must be a boolean (true or false), got string "true"'
    )


def test_error_env_from_needs_one_source() -> None:
    text = _pod_command("          - run\n") + "      envFrom: [{prefix: X_}]\n"
    assert _error(text) == (
        "pod.yaml:11: spec.containers[0].envFrom[0]: must specify one of: `configMapRef` or `secretRef`"
    )


def test_error_value_from_two_sources() -> None:
    text = _pod_command("          - run\n") + (
        "      env:\n        - name: A\n          valueFrom:\n"
        "            fieldRef: {fieldPath: metadata.name}\n"
        "            secretKeyRef: {name: s, key: k}\n"
    )
    assert _error(text) == (
        "pod.yaml:14: spec.containers[0].env[0].valueFrom: may not have more than one field specified at a time"
    )


def test_error_container_not_a_mapping() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - nginx\n"
    assert _error(text) == 'pod.yaml:6: spec.containers[0]: must be a mapping, got string "nginx"'


def test_error_containers_not_a_list() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    name: app\n"
    assert _error(text) == "pod.yaml:6: spec.containers: must be a list, got mapping"


def test_error_missing_container_name() -> None:
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - image: nginx\n"
    )
    assert _error(text) == "pod.yaml:6: spec.containers[0].name: required"


def test_error_duplicate_container_names() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n    - name: app\n"
    assert _error(text) == 'pod.yaml:7: spec.containers[1].name: duplicate name "app"'


def test_error_init_and_app_containers_share_names() -> None:
    text = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers: [{name: app}]
      containers:
        - name: app
"""
    assert _error(text) == 'pod.yaml:9: spec.template.spec.containers[0].name: duplicate name "app"'


def test_error_pod_without_containers() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i}]\n"
    assert (
        _error(text) == "pod.yaml:5: spec.containers: required (a pod needs at least one container)"
    )


def test_error_deployment_without_template() -> None:
    text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n"
    assert _error(text) == "pod.yaml:5: spec.template: required"


def test_error_missing_kind() -> None:
    assert _error("apiVersion: v1\nmetadata: {name: x}\n") == (
        "pod.yaml:1: kind: required (every Kubernetes object has a kind)"
    )


def test_error_missing_name() -> None:
    text = "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c}]}\n"
    assert _error(text) == "pod.yaml:1: metadata.name: required"


def test_error_label_value_is_a_float() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 1.0\nspec: {containers: [{name: c}]}\n"
    assert _error(text) == (
        'pod.yaml:6: CR303 metadata.labels.version: must be a string, got float 1.0 (quote it: "1.0")'
    )


def test_error_config_map_value_is_an_integer() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  PORT: 8080\n"
    assert _error(text, "cm.yaml") == (
        'cm.yaml:5: CR303 data.PORT: must be a string, got integer 8080 (quote it: "8080")'
    )


def test_error_secret_not_base64() -> None:
    text = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: hunter2\n"
    assert _error(text, "s.yaml") == (
        "s.yaml:5: data.password: not valid base64 (put plain text under stringData instead)"
    )


def test_error_secret_not_utf8() -> None:
    encoded = base64.b64encode(b"\xff\xfe").decode()
    text = f"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  key: {encoded}\n"
    assert _error(text, "s.yaml") == "s.yaml:5: data.key: decodes to bytes that are not UTF-8 text"


def test_error_inside_a_list_item() -> None:
    text = "kind: List\napiVersion: v1\nitems:\n- kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, args: [1]}]}\n"
    assert _error(text) == (
        'pod.yaml:6: CR303 items[0].spec.containers[0].args[0]: must be a string, got integer 1 (quote it: "1")'
    )


def test_error_json_integer_with_its_line() -> None:
    text = '{\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [\n    {"name": "c", "args": [\n      "sleep",\n      1200\n    ]}\n  ]}\n}\n'
    assert _error(text, "pod.json") == (
        'pod.json:7: spec.containers[0].args[1]: must be a string, got integer 1200 (quote it: "1200")'
    )


def test_error_json_string_instead_of_list() -> None:
    text = '{"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "command": "run it"}]}}'
    assert _error(text, "pod.json") == (
        'pod.json:1: spec.containers[0].command: must be a list of strings, got string "run it" '
        "(write a list, one item per argument)"
    )


def test_error_json_null_item() -> None:
    text = '{"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "args": [null]}]}}'
    assert _error(text, "pod.json") == (
        'pod.json:1: spec.containers[0].args[0]: must be a string, got null (write "" for an empty string)'
    )


def test_error_json_syntax() -> None:
    assert _error('{"kind": "Pod",\n "metadata": }\n', "pod.json") == (
        "pod.json:2:14: invalid JSON: Expecting value"
    )


# --- bad input: one line, bounded -----------------------------------------------------


def test_error_yaml_syntax_gives_the_line() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n   bad: x\n"
    assert (
        _error(text) == "pod.yaml:5:7: invalid YAML: mapping values are not allowed in this context"
    )


def test_error_yaml_unclosed_flow() -> None:
    assert _error("apiVersion: v1\nkind: Pod\nmetadata: {name: p\n") == (
        "pod.yaml:4:1: invalid YAML: did not find expected ',' or '}' "
        "(while parsing a flow mapping at line 3)"
    )


def test_error_yaml_bomb_of_nested_aliases() -> None:
    pod = "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c}]}}"
    lines = ["apiVersion: v1", "kind: List", "items:", f"- &l0 {pod}"]
    for level in range(1, 10):
        aliases = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"- &l{level} {{apiVersion: v1, kind: List, items: [{aliases}]}}")
    message = _error("\n".join(lines) + "\n")  # the budget stops it: no 10**9 nodes
    assert message == (
        "pod.yaml:4: items[3].items[5].items[2].items[0]: "
        "document contains excessive aliasing (a YAML alias bomb)"
    )


def test_error_merge_key_bomb() -> None:
    lines = ["m0: &m0 {a: '1'}"]
    for level in range(1, 10):
        lines.append(f"m{level}: &m{level} {{<<: [{', '.join([f'*m{level - 1}'] * 10)}]}}")
    text = "apiVersion: v1\nkind: Pod\nx:\n" + "".join(f"  {line}\n" for line in lines)
    text += "metadata: {<<: *m9, name: p}\nspec: {containers: [{name: c}]}\n"
    assert _error(text) == (
        "pod.yaml:4: metadata: document contains excessive aliasing (a YAML alias bomb)"
    )


def test_bomb_in_a_field_never_read_costs_nothing() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nbomb:\n" + "".join(
        f"  {x}\n" for x in lines
    )
    # Expanded, the bomb would be 10**10 nodes and stop at the alias budget with an error.
    assert _notes(_parse(text)) == (("skipped Service/s: not a workload", Span("pod.yaml", 1, 1)),)


def test_error_recursive_alias_list() -> None:
    assert _error("&l {apiVersion: v1, kind: List, items: [*l]}\n") == (
        "pod.yaml:1: items[0].items: recursive alias: the List contains itself"
    )


def test_error_recursive_merge_key() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: &m {<<: *m, name: p}\nspec: {containers: [{name: c}]}\n"
    assert _error(text) == (
        "pod.yaml:3: metadata: recursive alias: a merge key (<<) includes its own mapping"
    )


def test_error_recursive_alias_where_a_string_belongs() -> None:
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, args: &a [*a]}]}\n"
    assert _error(text) == "pod.yaml:4: spec.containers[0].args[0]: must be a string, got list"


def test_error_deep_nesting_is_refused_not_a_crash() -> None:
    assert _error("- " * 100_000 + "x\n") == "pod.yaml:1: nesting deeper than 1000 levels"
    assert _error("[" * 100_000) == "pod.yaml:1: nesting deeper than 1000 levels"
    assert (
        _error("[" * 100_000 + "]" * 100_000, "d.json") == "d.json:1: invalid JSON: nesting too deep"
    )


def test_error_too_many_values_in_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_nodes, "MAX_NODES", 1000)
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nlist:\n" + "- a\n" * 2000
    assert _error(text) == "pod.yaml:5: more than 1000 values in one YAML document; split it"


def test_error_binary_junk() -> None:
    assert (
        _error("\x01\x02\x03 junk")
        == "pod.yaml:1: invalid YAML: control character U+0001 is not allowed"
    )


def test_error_anchor_defined_twice() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\na: &x one\nb: &x two\n"
    assert _error(text) == (
        "pod.yaml:5:4: invalid YAML: anchor defined twice (first at line 4); rename one of them"
    )


def test_error_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_bytes(b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_manifests(str(path))
    assert str(info.value) == f"{path}:4:12: not valid UTF-8 (byte 0xe9)"


def test_error_nul_bytes_in_file(tmp_path: Path) -> None:
    path = tmp_path / "pod.yaml"
    path.write_bytes(b"kind: Pod\n\x00\x01\x02")
    with pytest.raises(InputError) as info:
        load_manifests(str(path))
    assert str(info.value) == f"{path}:2: binary content (a NUL byte), not a text file"


def test_error_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_source, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# x\n" * 300_000)
    with pytest.raises(InputError) as info:
        load_manifests(str(path))
    assert str(info.value) == f"{path}: larger than 1 MiB"


def test_load_manifests_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(_template("Deployment", ("spec", "template")), encoding="utf-8")
    (pod,) = load_manifests(str(path)).pods
    assert pod.containers[0].span == Span(str(path), 13, 11)


def test_byte_order_mark_is_ignored() -> None:
    text = (
        '\ufeff{"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}}'
    )
    assert _parse(text).pods[0].workload == "Pod/p"


# --- how go-yaml v2 types plain scalars ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("null", "null")),
        ("~", ("null", "null")),
        ("Null", ("null", "null")),
        ("y", ("boolean", "true")),
        ("Y", ("boolean", "true")),
        ("yes", ("boolean", "true")),
        ("YES", ("boolean", "true")),
        ("on", ("boolean", "true")),
        ("n", ("boolean", "false")),
        ("No", ("boolean", "false")),
        ("off", ("boolean", "false")),
        ("FALSE", ("boolean", "false")),
        ("yEs", None),
        ("0", ("integer", "0")),
        ("-12", ("integer", "-12")),
        ("+12", ("integer", "12")),
        ("1_000", ("integer", "1000")),
        ("0x1F", ("integer", "31")),
        ("0o17", ("integer", "15")),
        ("017", ("integer", "15")),
        ("0b101", ("integer", "5")),
        ("-0b101", ("integer", "-5")),
        ("18446744073709551615", ("integer", "18446744073709551615")),
        ("18446744073709551616", ("float", "1.8446744073709552e+19")),
        ("0xFFFFFFFFFFFFFFFFFF", ("integer", "0xFFFFFFFFFFFFFFFFFF")),
        ("-0xFFFFFFFFFFFFFFFFFF", None),
        ("08", ("float", "8.0")),
        ("1e3", ("float", "1000.0")),
        ("1E-2", ("float", "0.01")),
        ("1.", ("float", "1.0")),
        (".5", ("float", "0.5")),
        ("-.5", ("float", "-0.5")),
        (".inf", ("float", "inf")),
        ("-.Inf", ("float", "-inf")),
        (".NaN", ("float", "nan")),
        ("1e400", None),
        (".5_0", None),
        ("1:30", None),
        ("2024-01-01", None),
        ("12abc", None),
        ("1.2.3", None),
        ("٣", None),
        ("1٣", None),
        ("inf", None),
        ("nan", None),
        ("0x", None),
        ("<<", None),
        ("python", None),
    ],
)
def test_plain_scalar_types_as_go_yaml_v2(text: str, expected: tuple[str, str] | None) -> None:
    assert plain_scalar_type(text) == expected


# --- sniffing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("apiVersion: v1\nkind: Pod\n", True),
        ("# comment\n---\nkind: Deployment\napiVersion: apps/v1\n", True),
        ('{"kind": "List"}', True),
        ("  [\n  {}\n]", True),
        ("FROM python:3\nCMD python app.py\n", False),
        ("# syntax=docker/dockerfile:1\nARG V=1\nFROM x:$V\n", False),
        ("FROM alpine\nCOPY <<EOF /pod.yaml\napiVersion: v1\nkind: Pod\nEOF\n", False),
        ("services:\n  web:\n    image: x\n", False),
        ("", False),
    ],
)
def test_looks_like_manifest(text: str, expected: bool) -> None:
    assert looks_like_manifest(text) is expected


def test_looks_like_manifest_does_not_import_yaml() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from cmdresolve.sources.kubernetes.manifests import looks_like_manifest; "
        "looks_like_manifest('kind: Pod'); print('yaml' in sys.modules, 'json' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_skipped_kind_is_noted_whatever_its_name() -> None:
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: 5}\n---\nkind: Namespace\napiVersion: v1\n"
    )
    assert _notes(_parse(text)) == (
        ("skipped Service/?: not a workload", Span("pod.yaml", 1, 1)),
        ("skipped Namespace/: not a workload", Span("pod.yaml", 5, 1)),
    )


def test_garbage_collector_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    _parse(_pod_command("          - run\n"))
    assert gc.isenabled()
    with pytest.raises(InputError):
        _parse(_pod_command("          - 1\n"))
    assert gc.isenabled()


def test_error_json_stream_line_is_in_its_own_object() -> None:
    good = '{"kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]}}\n'
    bad = '{"kind": "Pod",\n "metadata": {"name": "b"},\n "spec": {"containers": [{"name": "c", "args": [true]}]}}\n'
    assert _error(good + good + bad, "s.json") == (
        's.json:5: spec.containers[0].args[0]: must be a string, got boolean true (quote it: "true")'
    )


SECURITY = (
    "kind: Pod\nmetadata: {{name: p}}\nspec:\n  securityContext: {{runAsGroup: 3}}\n"
    "  containers:\n    - name: c\n      securityContext:\n        runAsUser: {user}\n"
)


def test_run_as_is_read_at_pod_and_container_level() -> None:
    (pod,) = parse_manifests(SECURITY.format(user="1e3"), "pod.yaml").pods
    assert pod.run_as == RunAs(None, 3, "spec.securityContext")
    assert pod.containers[0].run_as == RunAs(1000, None, "spec.containers[0].securityContext")


def test_run_as_absent_is_none() -> None:
    (pod,) = parse_manifests(_pod_command("        - sleep\n"), "pod.yaml").pods
    assert (pod.run_as, pod.containers[0].run_as) == (None, None)


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ('"1000"', 'must be an integer, got string "1000"'),
        ("yes", "must be an integer, got boolean true"),
        ("1.5", "must be an integer, got float 1.5"),
        ("-1", "must be between 0 and 2147483647, inclusive, got -1"),
        ("2147483648", "must be between 0 and 2147483647, inclusive, got 2147483648"),
    ],
)
def test_error_run_as_user(user: str, message: str) -> None:
    assert _error(SECURITY.format(user=user)) == (
        f"pod.yaml:8: spec.containers[0].securityContext.runAsUser: {message}"
    )


def test_error_run_as_user_string_in_json() -> None:
    text = json.dumps(
        {
            "kind": "Pod",
            "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "securityContext": {"runAsUser": "7"}}]},
        }
    )
    assert _error(text, "pod.json") == (
        'pod.json:1: spec.containers[0].securityContext.runAsUser: must be an integer, '
        'got string "7"'
    )


@pytest.mark.parametrize(
    "library_says",
    ["exceeded maximum nesting depth", "some future wording", "maximum recursion"],
)
def test_error_deep_nesting_is_ours_whatever_the_library_says(library_says, monkeypatch) -> None:
    import yaml

    from cmdresolve.sources.kubernetes import yaml_nodes

    class Refusing:
        def __init__(self, text: str) -> None:
            pass

        def check_node(self) -> bool:
            if library_says == "maximum recursion":
                raise RecursionError(library_says)
            raise yaml.MarkedYAMLError(problem=library_says)

        def dispose(self) -> None:
            pass

    monkeypatch.setattr(yaml_nodes, "_loader_class", lambda: Refusing)
    assert _error("a:\n" + "- " * 1_001 + "x\n") == "pod.yaml:2: nesting deeper than 1000 levels"
    assert _error("a:\n  - " + "{b: " * 990 + "x" + "}" * 990 + "\n") != (
        "pod.yaml:2: nesting deeper than 1000 levels"
    )


@pytest.mark.parametrize(
    ("text", "limit", "line"),
    [
        ("- " * 11 + "x\n", 10, 1),
        ("- " * 9 + "x\n", 10, None),
        ("a:\n  b:\n    c: [1]\n", 3, 3),
        ("a:\n  b:\n    c: [1]\n", 4, None),
        ("a: x[[[[[\n", 2, None),  # brackets inside a plain scalar open nothing
        ("a: '[[[[['\n", 2, None),
        ('a: "\\"[[[["\n', 2, None),
        ("a: [ # [[[[\n  1]\n", 2, None),
        ("a: [[\n[[\n", 4, 2),
    ],
)
def test_nesting_count(text: str, limit: int, line: int | None) -> None:
    from cmdresolve.sources.kubernetes.yaml_nodes import line_too_deep

    assert line_too_deep(text, limit) == line


def _notes(manifests) -> tuple[tuple[str, Span | None], ...]:
    from cmdresolve.render.phrases import notice_text

    return tuple((notice_text(n), n.span) for n in manifests.notes)
