"""The final process behind catalogued entrypoint scripts (resolve/entrypoint.py):
each case is the container argv after the script, as the script cited in
``data/entrypoints.json`` computes it (docs/semantics.md §10)."""

from __future__ import annotations

import pytest

from cmdresolve.model import Resolution
from cmdresolve.model.final import ArgTest, FinalRule, SetupKind
from cmdresolve.model.origins import Arg, Origin
from cmdresolve.resolve.entrypoint import final_process, script_for
from cmdresolve.sources.image.catalog import lookup


def _result(ref: str, args: tuple[str, ...], entrypoint: tuple[str, ...] | None = None):
    image = lookup(ref)
    assert image is not None, ref
    head = tuple(image.entrypoint or ()) if entrypoint is None else tuple(
        Arg(v, Origin.POD_COMMAND) for v in entrypoint
    )
    argv = head + tuple(Arg(v, Origin.POD_ARGS) for v in args)
    env = image.env
    return Resolution("kubernetes", argv, env=env, image=ref, image_config=image)


CASES = [
    ("redis:7.2", ("--port", "1"), ("redis-server", "--port", "1"), ArgTest.FLAG),
    ("redis:7.2", ("/etc/redis.conf",), ("redis-server", "/etc/redis.conf"), ArgTest.CONF),
    ("redis:7.2", ("redis-sentinel", "/s.conf"), ("redis-sentinel", "/s.conf"), None),
    ("redis:8", ("-h",), ("redis-server", "-h"), ArgTest.FLAG),
    ("postgres:16", ("-c", "fsync=off"), ("postgres", "-c", "fsync=off"), ArgTest.FLAG),
    ("postgres:16", ("postgres",), ("postgres",), None),
    ("mysql:8.4", ("--character-set-server=utf8mb4",),
     ("mysqld", "--character-set-server=utf8mb4"), ArgTest.FLAG),
    ("mariadb:11", ("--port=3307",), ("mariadbd", "--port=3307"), ArgTest.FLAG),
    ("memcached:1.6", ("-m", "64"), ("memcached", "-m", "64"), ArgTest.FLAG),
    ("node:22", ("--version",), ("node", "--version"), ArgTest.FLAG),
    ("node:22", ("npm", "start"), ("npm", "start"), None),
    ("nginx:1.27", ("-v",), ("-v",), None),  # nginx's script prefixes nothing
    ("rabbitmq:4", ("rabbitmq-server",), ("rabbitmq-server",), None),
    ("mongo:8", ("--replSet", "rs0"), ("mongod", "--replSet", "rs0", "--bind_ip_all"), ArgTest.FLAG),
    ("mongo:8", ("--bind_ip", "0.0.0.0"), ("mongod", "--bind_ip", "0.0.0.0"), ArgTest.FLAG),
    ("mongo:8", ("mongosh",), ("mongosh",), None),
]


@pytest.mark.parametrize(("ref", "args", "expected", "test"), CASES)
def test_final_argv(ref: str, args: tuple[str, ...], expected: tuple[str, ...], test: ArgTest | None):
    found = final_process(_result(ref, args))
    assert found is not None
    assert found.argv is not None
    assert tuple(a.value for a in found.argv) == expected
    assert found.test is test
    assert found.rule is (FinalRule.PREPENDED if test else FinalRule.AS_GIVEN)
    assert found.pid1 is True
    assert "/blob/" in found.source  # a file at a commit


def test_words_keep_their_provenance():
    found = final_process(_result("redis:7.2", ("--port", "1")))
    assert found is not None and found.argv is not None
    assert [a.origin for a in found.argv] == [
        Origin.ENTRYPOINT_SCRIPT, Origin.POD_ARGS, Origin.POD_ARGS
    ]


def test_setup_is_said_for_the_server_only():
    server = final_process(_result("postgres:16", ("-c", "x=1")))
    other = final_process(_result("postgres:16", ("psql",)))
    assert server is not None and other is not None
    kinds = [s.kind for s in server.setup]
    assert SetupKind.INIT_DATA in kinds and SetupKind.DROP_USER in kinds
    assert other.setup == ()


def test_node_name_not_known_on_path_names_both_outcomes():
    found = final_process(_result("node:22", ("app.js",)))
    assert found is not None
    assert found.argv is None and found.rule is FinalRule.DEPENDS
    assert [[a.value for a in alt] for alt in found.alternatives] == [
        ["app.js"], ["node", "app.js"]
    ]


def test_mongo_config_file_decides_bind():
    found = final_process(_result("mongo:8", ("--config", "/etc/mongod.conf")))
    assert found is not None and found.argv is not None
    assert found.depends_on == "--config"
    assert [a.value for a in found.argv] == ["mongod", "--config", "/etc/mongod.conf"]


def test_redis_8_may_add_module_words():
    found = final_process(_result("redis:8", ("--port", "1")))
    assert found is not None and found.complete is False


def test_not_the_script_means_no_final_process():
    assert final_process(_result("redis:7.2", ("redis-server",), ("redis-cli", "ping"))) is None
    assert final_process(_result("python:3.12", ())) is None
    assert script_for("redis:7.2", "docker-entrypoint.sh") is not None
    assert script_for("redis@sha256:" + "a" * 64, "docker-entrypoint.sh") is None


@pytest.mark.parametrize(
    ("ref", "entrypoint", "cmd"),
    [
        ("ubuntu:14.04", None, ("/bin/bash",)),
        ("ubuntu:xenial-20210804", None, ("/bin/bash",)),
        ("redis:5", ("docker-entrypoint.sh",), ("redis-server",)),
        ("redis:5.0.14-alpine", ("docker-entrypoint.sh",), ("redis-server",)),
        ("nginx:1.13-alpine", None, ("nginx", "-g", "daemon off;")),
        ("nginx:1.19-alpine", ("/docker-entrypoint.sh",), ("nginx", "-g", "daemon off;")),
    ],
)
def test_old_tags_by_version_range(
    ref: str, entrypoint: tuple[str, ...] | None, cmd: tuple[str, ...]
) -> None:
    image = lookup(ref)
    assert image is not None
    assert (None if image.entrypoint is None else tuple(a.value for a in image.entrypoint)) == (
        entrypoint
    )
    assert tuple(a.value for a in image.cmd or ()) == cmd


@pytest.mark.parametrize("ref", ["nginx:1.18", "ubuntu:18.04", "ubuntu:20.04", "redis:4"])
def test_tags_read_neither_way_stay_unknown(ref: str) -> None:
    assert lookup(ref) is None


def test_redis_5_gets_the_redis_5_script_rule() -> None:
    found = final_process(_result("redis:5", ("--port", "1")))
    assert found is not None and found.argv is not None
    assert [a.value for a in found.argv] == ["redis-server", "--port", "1"]
    assert "docker-library/redis/blob/225fb52" in found.source


def test_entrypoint_inherited_from_a_catalogued_base(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cmdresolve.api import Options, resolve

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM redis:7\nRUN echo built\n")
    [result] = resolve([str(dockerfile)], Options(run="docker run img --port 1"))
    assert result.final_process is not None and result.final_process.argv is not None
    assert [a.value for a in result.final_process.argv] == ["redis-server", "--port", "1"]


def test_entrypoint_replaced_by_the_dockerfile_is_not_the_base_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cmdresolve.api import Options, resolve

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM redis:7\nENTRYPOINT ["docker-entrypoint.sh"]\n')
    [result] = resolve([str(dockerfile)], Options(run="docker run img --port 1"))
    assert result.final_process is None  # the Dockerfile's own ENTRYPOINT: not known to be it
