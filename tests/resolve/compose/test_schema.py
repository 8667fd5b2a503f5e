"""The compose schema check (docs/semantics.md §5.6): what Compose v2.40.3's JSON schema
refuses is refused at the key or value, with the nearest known key for a misspelt one."""

from __future__ import annotations

import pytest

from cmdresolve.model import InputError
from cmdresolve.resolve.compose.schema import check_compose_file
from cmdresolve.sources.compose.yaml_tree import read_compose_yaml


def check(text: str) -> None:
    check_compose_file(read_compose_yaml(text, "compose.yaml"))


def refused(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        check(text)
    return info.value


def svc(*lines: str) -> str:
    return "services:\n  web:\n    image: a\n" + "".join(f"    {line}\n" for line in lines)


def test_unknown_service_key_at_the_key_with_a_suggestion() -> None:
    error = refused(svc("comand:", "  - x"))
    assert error.span is not None and (error.span.line, error.span.col) == (4, 5)
    assert error.params["key"] == "comand"
    assert error.params["suggestion"] == "command"
    assert error.params["path"] == "services.web"


def test_unknown_key_without_a_near_name() -> None:
    error = refused(svc("zzzzqqq: 1"))
    assert "suggestion" not in error.params


@pytest.mark.parametrize(
    ("line", "path"),
    [
        ("command: [sleep, 10]", "services.web.command.1"),
        ("command: [/argv, true]", "services.web.command.1"),
        ("command: {a: b}", "services.web.command"),
        ("depends_on: db", "services.web.depends_on"),
        ("init: 1", "services.web.init"),
        ("ports: 8080", "services.web.ports"),
        ("ports: [[1]]", "services.web.ports.0"),
        ("working_dir: 5", "services.web.working_dir"),
        ("user: 1000", "services.web.user"),
        ("profiles: x", "services.web.profiles"),
        ("environment: {A: [1]}", "services.web.environment.A"),
        ("environment:", "services.web.environment"),
        ("use_api_socket: 'true'", "services.web.use_api_socket"),
        ("healthcheck: {tst: [x]}", "services.web.healthcheck"),
        ("depends_on: {db: {conditon: x}}", "services.web.depends_on.db"),
        ("env_file: [{path: a, requird: false}]", "services.web.env_file.0"),
        ("build: {contxt: .}", "services.web.build"),
        ("cgroup: bogus", "services.web.cgroup"),
        ("depends_on: {db: {condition: bogus}}", "services.web.depends_on.db.condition"),
        ("depends_on: {db: {required: true}}", "services.web.depends_on.db"),
    ],
)
def test_wrong_types_and_keys_are_refused(line: str, path: str) -> None:
    assert refused(svc(line)).params["path"] == path


@pytest.mark.parametrize(
    "lines",
    [
        ("x-anything: [1, {a: 2}]", "command: null", "entrypoint: ''"),
        ("command: [a, 'b c']", "init: true", "ports: [80, '81:81', {target: 82}]"),
        (
            "depends_on: [db]",
            "environment: [A=1, B]",
            "env_file: [a.env, {path: b, required: false}]",
        ),
        ("build: {context: ., x-b: 1, args: {A: 1}}", "healthcheck: {test: [CMD, x], retries: 3}"),
        ("depends_on: {db: {condition: service_started, x-d: 1}}", "cpus: 0.5", "init: 'yes'"),
        ("command: !reset null", "working_dir: !reset null"),
    ],
)
def test_valid_services_pass(lines: tuple[str, ...]) -> None:
    check(svc(*lines) + "  db:\n    image: b\n")


def test_top_level_x_fields_pass_and_unknown_refused() -> None:
    check("x-top: {a: 1}\nname: p\nservices: {}\nvolumes: {v: {}}\n")
    assert refused("servces: {}\nservices: {}\n").params["suggestion"] == "services"


def test_service_name_pattern() -> None:
    assert refused("services:\n  we b:\n    image: a\n").params["name"] == "we b"


def test_interpolated_value_is_cast_first() -> None:
    from cmdresolve.model.compose import YMap, YScalar

    tree = read_compose_yaml(svc("use_api_socket: x"), "compose.yaml")
    web = tree.items["services"].items["web"]  # type: ignore[union-attr]
    assert isinstance(web, YMap)
    cast = YScalar("true", raw="${FLAG}")
    services = YMap({"web": YMap({**web.items, "use_api_socket": cast})})
    check_compose_file(YMap({"services": services}))
