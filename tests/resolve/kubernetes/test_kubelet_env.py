"""The kubelet's env for one container, one row per rule (docs/semantics.md §3.2, §7.7).

Upstream rows are copied from kubernetes/kubernetes ``pkg/kubelet/kubelet_pods_test.go ::
TestMakeEnvironmentVariables`` @ 001a80e9 (pod ``dapi-test-pod-name``, service account
``special``, node ``node-name``), minus the service-link variables, which depend on the
Services of a cluster and are not ours to invent. Upstream's fake client returns its one
ConfigMap or Secret for any name; here the object is given under the name the pod uses.
Upstream compares sorted lists; here the values are compared as a dict and the order we
show (declaration order) separately. Rows marked DERIVED follow from the code of
``makeEnvironmentVariables`` @ 001a80e9 without an upstream test.
"""

from __future__ import annotations

import pytest

from cmdresolve.model import Span
from cmdresolve.model.frozen import replace
from cmdresolve.model.kubernetes import (
    ConfigData,
    EnvFrom,
    EnvValueSource,
    EnvVar,
    KubeContainer,
    PodSpec,
)
from cmdresolve.render.phrases import failure_text, step_summary, unknown_reason
from cmdresolve.resolve.kubernetes.env import EnvEntry, build_kubelet_env, env_mapping

CONTAINER_PATH = "spec.containers[0]"


# --- builders ---------------------------------------------------------------------------


def lit(name: str, value: str | None = None) -> EnvVar:
    return EnvVar(name, value, None, None, "")


def ref(var: str, kind: str, **fields: object) -> EnvVar:
    return EnvVar(var, None, EnvValueSource(kind, **fields), None, "")  # type: ignore[arg-type]


def field_ref(name: str, path: str) -> EnvVar:
    return ref(name, "fieldRef", field_path=path)


def cm_key(name: str, cm: str, key: str, optional: bool = False) -> EnvVar:
    return ref(name, "configMapKeyRef", name=cm, key=key, optional=optional)


def secret_key(name: str, secret: str, key: str, optional: bool = False) -> EnvVar:
    return ref(name, "secretKeyRef", name=secret, key=key, optional=optional)


def cm_from(name: str, prefix: str = "", optional: bool = False) -> EnvFrom:
    return EnvFrom("configMapRef", name, prefix, optional, None, "")


def secret_from(name: str, prefix: str = "", optional: bool = False) -> EnvFrom:
    return EnvFrom("secretRef", name, prefix, optional, None, "")


def configmap(name: str, namespace: str | None, **data: str) -> ConfigData:
    return ConfigData("ConfigMap", name, namespace, tuple(data.items()), None)


def secret(name: str, namespace: str | None, **data: str) -> ConfigData:
    return ConfigData("Secret", name, namespace, tuple(data.items()), None)


def pod_with(
    env: tuple[EnvVar, ...] = (),
    env_from: tuple[EnvFrom, ...] = (),
    *,
    namespace: str | None = "test1",
    pod_name: str | None = "dapi-test-pod-name",
    workload: str = "Pod/dapi-test-pod-name",
    labels: tuple[tuple[str, str], ...] = (),
    annotations: tuple[tuple[str, str], ...] = (),
    node_name: str | None = "node-name",
    service_account_name: str | None = "special",
) -> tuple[PodSpec, KubeContainer]:
    env = tuple(replace(v, path=f"{CONTAINER_PATH}.env[{i}]") for i, v in enumerate(env))
    env_from = tuple(
        replace(s, path=f"{CONTAINER_PATH}.envFrom[{i}]") for i, s in enumerate(env_from)
    )
    container = KubeContainer(
        "c", "img", None, None, env, env_from, None, "container", None, None, CONTAINER_PATH
    )
    pod = PodSpec(
        workload,
        namespace,
        pod_name,
        labels,
        annotations,
        node_name,
        service_account_name,
        (container,),
        None,
        "spec",
    )
    return pod, container


def build(env=(), env_from=(), config=(), *, config_complete=False, **pod_fields):
    pod, container = pod_with(tuple(env), tuple(env_from), **pod_fields)
    entries, steps, unknowns, error = build_kubelet_env(
        pod, container, config, config_complete=config_complete
    )
    return entries, steps, unknowns, None if error is None else failure_text(error)


def values(entries: tuple[EnvEntry, ...]) -> dict[str, str | None]:
    return {e.name: e.value for e in entries}


def names(entries: tuple[EnvEntry, ...]) -> list[str]:
    return [e.name for e in entries]


def reasons(unknowns) -> list[str]:
    return [unknown_reason(u) for u in unknowns]


def summaries(steps, rule: str) -> list[str]:
    return [step_summary(s) for s in steps if s.rule == rule]


# --- TestMakeEnvironmentVariables -------------------------------------------------------

ENV_EXPANSION = (
    lit("TEST_LITERAL", "test-test-test"),
    field_ref("POD_NAME", "metadata.name"),
    lit("OUT_OF_ORDER_TEST", "$(OUT_OF_ORDER_TARGET)"),
    lit("OUT_OF_ORDER_TARGET", "FOO"),
    lit("EMPTY_VAR"),
    lit("EMPTY_TEST", "foo-$(EMPTY_VAR)"),
    lit("POD_NAME_TEST2", "test2-$(POD_NAME)"),
    lit("POD_NAME_TEST3", "$(POD_NAME_TEST2)-3"),
    lit("LITERAL_TEST", "literal-$(TEST_LITERAL)"),
    lit("TEST_UNDEFINED", "$(UNDEFINED_VAR)"),
)


def test_env_expansion() -> None:
    entries, steps, unknowns, error = build(ENV_EXPANSION)
    assert error is None
    assert values(entries) == {
        "TEST_LITERAL": "test-test-test",
        "POD_NAME": "dapi-test-pod-name",
        "POD_NAME_TEST2": "test2-dapi-test-pod-name",
        "POD_NAME_TEST3": "test2-dapi-test-pod-name-3",
        "LITERAL_TEST": "literal-test-test-test",
        "OUT_OF_ORDER_TEST": "$(OUT_OF_ORDER_TARGET)",
        "OUT_OF_ORDER_TARGET": "FOO",
        "TEST_UNDEFINED": "$(UNDEFINED_VAR)",
        "EMPTY_VAR": "",
        "EMPTY_TEST": "foo-",
    }
    assert names(entries) == [v.name for v in ENV_EXPANSION]
    assert unknowns == []
    assert summaries(steps, "kubelet.env_literal") == [
        "$(OUT_OF_ORDER_TARGET) in env[2] OUT_OF_ORDER_TEST stays as written: "
        "OUT_OF_ORDER_TARGET is declared later (env values see only earlier variables)",
        "$(UNDEFINED_VAR) in env[9] TEST_UNDEFINED stays as written: nothing sets "
        "UNDEFINED_VAR before it (the image ENV is not visible to $(VAR))",
    ]
    assert "env[6] POD_NAME_TEST2: 'test2-$(POD_NAME)' becomes 'test2-dapi-test-pod-name'" in (
        summaries(steps, "kubelet.env_expand")
    )


def test_env_expansion_service_env_vars_are_not_invented() -> None:
    # Upstream gives 1.2.3.3:8083 from a Service "test" of its fake cluster; we have none.
    entries, _, unknowns, error = build(
        (*ENV_EXPANSION, lit("SERVICE_VAR_TEST", "$(TEST_SERVICE_HOST):$(TEST_SERVICE_PORT)"))
    )
    assert error is None
    assert values(entries)["SERVICE_VAR_TEST"] == "$(TEST_SERVICE_HOST):$(TEST_SERVICE_PORT)"
    assert reasons(unknowns) == [
        f"$({name}) in env[10] SERVICE_VAR_TEST is left as written here, but the kubelet "
        "replaces it if a Service defines it: service-link variables depend on the cluster"
        for name in ("TEST_SERVICE_HOST", "TEST_SERVICE_PORT")
    ]


CONFIGMAP_ENV = (
    lit("TEST_LITERAL", "test-test-test"),
    lit("EXPANSION_TEST", "$(REPLACE_ME)"),
    lit("DUPE_TEST", "ENV_VAR"),
)


@pytest.mark.parametrize(
    ("kind", "prefix", "value"),
    [
        pytest.param("ConfigMap", "p_", "CONFIG_MAP", id="configmap"),
        pytest.param(
            "ConfigMap", "1_", "CONFIG_MAP", id="configmap allow prefix to start with a digital"
        ),
        pytest.param("Secret", "p_", "SECRET", id="secret"),
    ],
)
def test_env_from_then_env(kind: str, prefix: str, value: str) -> None:
    make_from, make_object = (cm_from, configmap) if kind == "ConfigMap" else (secret_from, secret)
    source = "test-config-map" if kind == "ConfigMap" else "test-secret"
    replace_me = "FROM_CONFIG_MAP" if kind == "ConfigMap" else "FROM_SECRET"
    data = make_object(source, "test1", REPLACE_ME=replace_me, DUPE_TEST=value)
    entries, steps, _, error = build(
        CONFIGMAP_ENV, (make_from(source), make_from(source, prefix)), (data,)
    )
    assert error is None
    assert values(entries) == {
        "TEST_LITERAL": "test-test-test",
        "REPLACE_ME": replace_me,
        "EXPANSION_TEST": replace_me,
        "DUPE_TEST": "ENV_VAR",
        f"{prefix}REPLACE_ME": replace_me,
        f"{prefix}DUPE_TEST": value,
    }
    # DUPE_TEST moves to the place of its last definition.
    assert names(entries) == [
        "REPLACE_ME",
        f"{prefix}REPLACE_ME",
        f"{prefix}DUPE_TEST",
        "TEST_LITERAL",
        "EXPANSION_TEST",
        "DUPE_TEST",
    ]
    assert summaries(steps, "kubelet.env_override") == [
        f"env[2] DUPE_TEST replaces the value from envFrom[0] {kind} {source}"
    ]


@pytest.mark.parametrize(
    ("source", "data", "expected"),
    [
        pytest.param(
            cm_from("test-config-map", "p_"),
            configmap("test-config-map", "test1", **{"1234": "abc"}),
            {"p_1234": "abc"},
            id="configmap_invalid_keys_valid",
        ),
        pytest.param(
            secret_from("test-secret", "p_"),
            secret("test-secret", "test1", **{"1234.name": "abc"}),
            {"p_1234.name": "abc"},
            id="secret_invalid_keys_valid",
        ),
    ],
)
def test_env_from_keys_are_not_checked(source: EnvFrom, data: ConfigData, expected) -> None:
    entries, _, _, error = build((), (source,), (data,))
    assert (values(entries), error) == (expected, None)


@pytest.mark.parametrize(
    ("env", "config"),
    [
        pytest.param(
            (cm_key("POD_NAME", "missing-config-map", "key", optional=True),),
            (),
            id="configmapkeyref_missing_optional",
        ),
        pytest.param(
            (cm_key("POD_NAME", "test-config-map", "key", optional=True),),
            (configmap("test-config-map", "test1", a="b"),),
            id="configmapkeyref_missing_key_optional",
        ),
        pytest.param(
            (secret_key("POD_NAME", "missing-secret", "key", optional=True),),
            (),
            id="secretkeyref_missing_optional",
        ),
        pytest.param(
            (secret_key("POD_NAME", "test-secret", "key", optional=True),),
            (secret("test-secret", "test1", a="b"),),
            id="secretkeyref_missing_key_optional",
        ),
    ],
)
def test_optional_key_ref_missing_omits_the_variable(env, config) -> None:
    entries, steps, unknowns, error = build(env, (), config, config_complete=True)
    assert (entries, unknowns, error) == ((), [], None)
    assert len(summaries(steps, "kubelet.env_optional")) == 1


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(cm_from("missing-config-map", optional=True), id="configmap_missing_optional"),
        pytest.param(secret_from("missing-secret", optional=True), id="secret_missing_optional"),
    ],
)
def test_optional_env_from_missing_adds_nothing(source: EnvFrom) -> None:
    entries, _, unknowns, error = build((), (source,), (), config_complete=True)
    assert (entries, unknowns, error) == ((), [], None)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            cm_from("test-config-map"),
            'configmap "test-config-map" not found',
            id="configmap_missing",
        ),
        pytest.param(
            secret_from("test-secret"), 'secret "test-secret" not found', id="secret_missing"
        ),
    ],
)
def test_env_from_missing_is_an_error(source: EnvFrom, message: str) -> None:
    entries, steps, _, error = build((lit("A", "a"),), (source,), (), config_complete=True)
    assert (entries, error) == ((), message)
    assert steps[-1].rule == "kubelet.env_error"
    assert steps[-1].authority.endswith("watch_based_manager.go :: objectCache.Get")


DOWNWARD_API = (
    field_ref("POD_NAME", "metadata.name"),
    field_ref("POD_NAMESPACE", "metadata.namespace"),
    field_ref("POD_NODE_NAME", "spec.nodeName"),
    field_ref("POD_SERVICE_ACCOUNT_NAME", "spec.serviceAccountName"),
    field_ref("POD_IP", "status.podIP"),
    field_ref("POD_IPS", "status.podIPs"),
    field_ref("HOST_IP", "status.hostIP"),
    field_ref("HOST_IPS", "status.hostIPs"),
)


def test_downward_api_pod() -> None:
    # Upstream gives the IPs of its fake pod and node; here they are run-time symbols.
    entries, _, unknowns, error = build(DOWNWARD_API, namespace="downward-api")
    assert error is None
    assert values(entries) == {
        "POD_NAME": "dapi-test-pod-name",
        "POD_NAMESPACE": "downward-api",
        "POD_NODE_NAME": "node-name",
        "POD_SERVICE_ACCOUNT_NAME": "special",
        "POD_IP": None,
        "POD_IPS": None,
        "HOST_IP": None,
        "HOST_IPS": None,
    }
    assert [e.symbol for e in entries if e.value is None] == [
        "<status.podIP>",
        "<status.podIPs>",
        "<status.hostIP>",
        "<status.hostIPs>",
    ]
    assert reasons(unknowns) == [
        "env[4] POD_IP is not known here: status.podIP: the pod's IP is assigned when it starts",
        "env[5] POD_IPS is not known here: status.podIPs: the pod's IPs are assigned when it starts",
        "env[6] HOST_IP is not known here: status.hostIP: it is the IP of the node the pod runs on",
        "env[7] HOST_IPS is not known here: status.hostIPs: they are the IPs of the node the pod runs on",
    ]


def test_api_server_y_kubelet_n_literals_only() -> None:
    # "api server = Y, kubelet = N": service-like names given as literals are plain values.
    env = (
        lit("FOO", "BAR"),
        lit("TEST_SERVICE_HOST", "1.2.3.3"),
        lit("TEST_SERVICE_PORT", "8083"),
        lit("TEST_PORT", "tcp://1.2.3.3:8083"),
        lit("TEST_PORT_8083_TCP", "tcp://1.2.3.3:8083"),
        lit("TEST_PORT_8083_TCP_PROTO", "tcp"),
        lit("TEST_PORT_8083_TCP_PORT", "8083"),
        lit("TEST_PORT_8083_TCP_ADDR", "1.2.3.3"),
    )
    entries, _, unknowns, error = build(env)
    assert [(e.name, e.value) for e in entries] == [(v.name, v.value) for v in env]
    assert (unknowns, error) == ([], None)


# --- DERIVED rows: makeEnvironmentVariables @ 001a80e9 -----------------------------------


def test_secret_key_ref_value() -> None:
    entries, _, _, error = build(
        (secret_key("DB_PASSWORD", "db", "password"),), (), (secret("db", "test1", password="s3"),)
    )
    assert error is None
    assert entries == (
        EnvEntry(
            "DB_PASSWORD", "s3", None, "Secret db key password", None, "spec.containers[0].env[0]"
        ),
    )


@pytest.mark.parametrize(
    ("env", "config", "message"),
    [
        (
            cm_key("X", "app", "INTERVAL"),
            configmap("app", "prod", OTHER="1"),
            "couldn't find key INTERVAL in ConfigMap prod/app",
        ),
        (
            secret_key("X", "db", "password"),
            secret("db", "prod", user="u"),
            "couldn't find key password in Secret prod/db",
        ),
    ],
)
def test_missing_key_is_an_error(env: EnvVar, config: ConfigData, message: str) -> None:
    entries, _, _, error = build((env,), (), (config,), namespace="prod")
    assert (entries, error) == ((), message)


def test_missing_object_not_among_inputs_is_unknown_not_an_error() -> None:
    entries, _, unknowns, error = build((cm_key("INTERVAL", "app-config", "INTERVAL"),))
    assert error is None
    assert entries[0].value is None
    assert entries[0].symbol == "<configMap app-config key INTERVAL>"
    assert entries[0].source == "ConfigMap app-config key INTERVAL"
    assert reasons(unknowns) == [
        "env[0] INTERVAL is not known here: ConfigMap app-config is not among the inputs "
        "(it may exist in the cluster)"
    ]


def test_missing_secret_env_from_not_among_inputs_is_unknown() -> None:
    entries, _, unknowns, error = build(
        (lit("URL", "postgres://$(DB_USER)@db"),), (secret_from("db", "DB_"),)
    )
    assert error is None
    assert values(entries) == {"URL": "postgres://$(DB_USER)@db"}
    assert reasons(unknowns) == [
        "envFrom[0] Secret db (prefix DB_): Secret db is not among the inputs (it may exist in "
        "the cluster); the variables it adds are not shown (if it does not exist, the kubelet "
        "refuses to start it)",
        "$(DB_USER) in env[0] URL is left as written unless envFrom[0] Secret db (prefix DB_) "
        "sets it",
    ]


def test_env_from_source_text_and_place() -> None:
    entries, _, _, _ = build((), (secret_from("db", "DB_"),), (secret("db", "test1", USER="u"),))
    assert entries == (
        EnvEntry(
            "DB_USER",
            "u",
            None,
            "envFrom[0] Secret db (prefix DB_)",
            None,
            "spec.containers[0].envFrom[0]",
        ),
    )


def test_later_env_from_source_overwrites_earlier() -> None:
    config = (configmap("a", "test1", X="from-a", Y="y"), configmap("b", "test1", X="from-b"))
    entries, steps, _, _ = build((), (cm_from("a"), cm_from("b")), config)
    assert values(entries) == {"Y": "y", "X": "from-b"}
    assert summaries(steps, "kubelet.env_from") == [
        "envFrom[0] ConfigMap a sets X, Y",
        "envFrom[1] ConfigMap b sets X (replacing the earlier X)",
    ]


def test_optional_missing_key_keeps_the_earlier_value() -> None:
    # The kubelet `continue`s before tmpEnv[name] = ..., so the envFrom value stays.
    config = (configmap("base", "test1", LEVEL="info"), configmap("extra", "test1"))
    entries, _, _, error = build(
        (cm_key("LEVEL", "extra", "LEVEL", optional=True),), (cm_from("base"),), config
    )
    assert (values(entries), error) == ({"LEVEL": "info"}, None)


def test_env_value_sees_the_env_from_value_not_the_later_override() -> None:
    entries, _, _, _ = build(
        (lit("B", "$(A)"), lit("A", "from-env")),
        (cm_from("cm"),),
        (configmap("cm", "test1", A="from-cm"),),
    )
    assert values(entries) == {"B": "from-cm", "A": "from-env"}
    # command/args see the final env
    assert env_mapping(entries) == {"B": "from-cm", "A": "from-env"}


def test_duplicate_name_takes_the_last_value_and_place() -> None:
    entries, steps, _, _ = build((lit("A", "1"), lit("B", "2"), lit("A", "3")))
    assert [(e.name, e.value, e.source) for e in entries] == [
        ("B", "2", "env[1] value"),
        ("A", "3", "env[2] value"),
    ]
    assert summaries(steps, "kubelet.env_override") == [
        "env[2] A replaces the value from env[0] value"
    ]


def test_empty_value_is_the_empty_string() -> None:
    entries, _, _, _ = build((lit("A", ""), lit("B")))
    assert values(entries) == {"A": "", "B": ""}


def test_image_env_is_not_visible() -> None:
    entries, steps, _, _ = build((lit("P", "$(PATH):/opt/bin"),))
    assert values(entries) == {"P": "$(PATH):/opt/bin"}
    assert summaries(steps, "kubelet.env_literal") == [
        "$(PATH) in env[0] P stays as written: nothing sets PATH before it "
        "(the image ENV is not visible to $(VAR))"
    ]


def test_reference_to_a_runtime_value_stays_symbolic() -> None:
    entries, _, unknowns, _ = build(
        (
            field_ref("POD_IP", "status.podIP"),
            lit("URL", "http://$(POD_IP):8080/$(HOST)"),
            lit("HOST", "h"),
        )
    )
    url = entries[1]
    assert (url.value, url.symbol) == (None, "http://<status.podIP>:8080/$(HOST)")
    assert (
        reasons(unknowns)[1] == "$(POD_IP) in env[1] URL is <status.podIP>, only known at run time"
    )
    assert env_mapping(entries) == {"HOST": "h"}


def test_kubernetes_service_host_reference_is_unknown() -> None:
    _, _, unknowns, _ = build((lit("API", "https://$(KUBERNETES_SERVICE_HOST)"),))
    assert len(unknowns) == 1
    assert "service-link variables depend on the cluster" in unknown_reason(unknowns[0])


def test_steps_state_order_and_service_links() -> None:
    _, steps, _, _ = build((lit("A", "1"),))
    assert [s.rule for s in steps[-2:]] == ["kubelet.env_order", "kubelet.service_links"]
    assert "order at run time is not defined" in step_summary(steps[-2])


def test_entry_keeps_span_and_path() -> None:
    span = Span("pod.yaml", 12, 11)
    var = replace(lit("A", "1"), span=span)
    entries, _, _, _ = build((var,))
    assert (entries[0].span, entries[0].path) == (span, "spec.containers[0].env[0]")


# --- fieldRef -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "pod_fields", "value"),
    [
        ("metadata.name", {}, "dapi-test-pod-name"),
        ("metadata.namespace", {"namespace": "prod"}, "prod"),
        ("spec.nodeName", {}, "node-name"),
        ("spec.host", {}, "node-name"),  # ConvertDownwardAPIFieldLabel: old name of spec.nodeName
        ("spec.serviceAccountName", {}, "special"),
        ("spec.serviceAccountName", {"service_account_name": None}, "default"),
        ("metadata.labels['app']", {"labels": (("app", "web"),)}, "web"),
        ("metadata.annotations['a/b']", {"annotations": (("a/b", "x y"),)}, "x y"),
        ("metadata.labels['tier']", {"labels": (("app", "web"),)}, ""),  # missing key in a Pod
    ],
)
def test_field_ref_known(path: str, pod_fields, value: str) -> None:
    entries, _, unknowns, error = build((field_ref("V", path),), **pod_fields)
    assert (values(entries), unknowns, error) == ({"V": value}, [], None)
    assert entries[0].source == f"fieldRef {path}"


def test_service_account_default_is_a_step() -> None:
    _, steps, _, _ = build((field_ref("SA", "spec.serviceAccountName"),), service_account_name=None)
    assert summaries(steps, "kubelet.service_account_default") == [
        'spec.serviceAccountName is not set: the ServiceAccount admission plugin sets "default"'
    ]


TEMPLATE = {"workload": "Deployment/web", "pod_name": None, "namespace": None, "node_name": None}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("metadata.name", "metadata.name: Deployment/web generates the pod's name"),
        ("spec.nodeName", "spec.nodeName: the scheduler picks the node"),
        ("metadata.uid", "metadata.uid: the API server assigns it when the pod is created"),
        (
            "metadata.labels['pod-template-hash']",
            "metadata.labels['pod-template-hash']: the template does not set it, but Deployment/web may add it to the pod",
        ),
    ],
)
def test_field_ref_only_known_at_run_time(path: str, reason: str) -> None:
    entries, _, unknowns, error = build((field_ref("V", path),), **TEMPLATE)
    assert error is None
    assert (entries[0].value, entries[0].symbol) == (None, f"<{path}>")
    assert reasons(unknowns) == [f"env[0] V is not known here: {reason}"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "status.phase",
            'Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
        ),
        ("metadata.bogus", "error converting fieldPath: field label not supported: metadata.bogus"),
        (
            "spec.nodeName['x']",
            "error converting fieldPath: field label does not support subscript: spec.nodeName['x']",
        ),
    ],
)
def test_field_ref_refused(path: str, message: str) -> None:
    entries, _, _, error = build((field_ref("V", path),))
    assert (entries, error) == ((), message)


def test_resource_field_ref_is_unknown() -> None:
    entries, _, unknowns, _ = build((ref("MEM", "resourceFieldRef", resource="limits.memory"),))
    assert (entries[0].value, entries[0].symbol) == (None, "<limits.memory>")
    assert reasons(unknowns) == [
        "env[0] MEM is not known here: it is limits.memory of the container, and resources "
        "are not read here (an unset limit becomes the node's allocatable)"
    ]


def test_file_key_ref_is_unknown() -> None:
    entries, _, unknowns, _ = build((ref("TOKEN", "fileKeyRef", key="token"),))
    assert (entries[0].value, entries[0].symbol) == (None, "<fileKeyRef token>")
    assert len(unknowns) == 1


# --- which ConfigMap the kubelet reads: the pod's namespace ---------------------------------


@pytest.mark.parametrize(
    ("pod_namespace", "cm_namespace", "value"),
    [
        (None, None, "1"),
        ("prod", "prod", "1"),
        ("prod", "other", None),
        ("prod", None, None),
        (None, "prod", None),
    ],
)
def test_config_is_read_from_the_pod_namespace(pod_namespace, cm_namespace, value) -> None:
    entries, _, unknowns, error = build(
        (cm_key("X", "app", "X"),),
        (),
        (configmap("app", cm_namespace, X="1"),),
        namespace=pod_namespace,
    )
    assert (entries[0].value, error) == (value, None)
    assert len(unknowns) == (0 if value is not None else 1)


def test_config_in_another_namespace_is_missing_when_inputs_are_complete() -> None:
    _, _, _, error = build(
        (cm_key("X", "app", "X"),),
        (),
        (configmap("app", "other", X="1"),),
        namespace="prod",
        config_complete=True,
    )
    assert error == 'configmap "app" not found'


def test_env_mapping_keeps_known_values_only() -> None:
    entries = (
        EnvEntry("A", "1", None, "env[0] value", None, None),
        EnvEntry("B", None, "<status.podIP>", "fieldRef status.podIP", None, None),
        EnvEntry("C", "", None, "env[2] value", None, None),
    )
    assert env_mapping(entries) == {"A": "1", "C": ""}


def test_empty_value_with_value_from_uses_value_from() -> None:
    # `if runtimeVal != ""` decides, so value: "" does not hide valueFrom.
    var = replace(field_ref("N", "metadata.name"), value="")
    entries, _, _, _ = build((var,))
    assert values(entries) == {"N": "dapi-test-pod-name"}


@pytest.mark.parametrize(
    ("name", "service_like"),
    [
        ("REDIS_SERVICE_HOST", True),
        ("REDIS_SERVICE_PORT", True),
        ("REDIS_SERVICE_PORT_METRICS", True),
        ("REDIS_PORT", True),
        ("REDIS_PORT_6379_TCP", True),
        ("REDIS_PORT_6379_TCP_ADDR", True),
        ("REDIS_HOST", False),
        ("PORT", False),
    ],
)
def test_service_link_names_are_recognised(name: str, service_like: bool) -> None:
    _, steps, unknowns, _ = build((lit("V", f"$({name})"),))
    assert (len(unknowns), len(summaries(steps, "kubelet.env_literal"))) == (
        (1, 0) if service_like else (0, 1)
    )
