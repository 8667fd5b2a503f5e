"""The bundled catalog: reference normalization, family lookup, and the data file itself."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from cmdresolve.model import Arg, Span
from cmdresolve.render.phrases import source_text
from cmdresolve.sources.image.catalog import (
    DIGEST_ONLY,
    lookup,
    normalize_reference,
    parse_reference,
    repositories,
)

CATALOG = Path(__file__).resolve().parents[3] / "cmdresolve" / "data" / "catalog.json"
DIGEST = "sha256:" + "0123456789abcdef" * 4
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOG.read_text(encoding="utf-8"))
    return data


# --- normalize_reference --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("python", ("python", "latest")),
        ("python:3.12-slim", ("python", "3.12-slim")),
        ("library/python:3.12", ("python", "3.12")),
        ("docker.io/python:3.12", ("python", "3.12")),
        ("docker.io/library/python:3.12", ("python", "3.12")),
        ("index.docker.io/library/python", ("python", "latest")),
        ("registry-1.docker.io/library/nginx:1.27", ("nginx", "1.27")),
        ("docker.io/bitnami/redis:7.2", ("bitnami/redis", "7.2")),
        ("bitnami/redis", ("bitnami/redis", "latest")),
        ("jenkins/jenkins:lts-jdk17", ("jenkins/jenkins", "lts-jdk17")),
        ("localhost:5000/x:1", ("localhost:5000/x", "1")),
        ("localhost:5000/x", ("localhost:5000/x", "latest")),
        ("localhost/x:1", ("localhost/x", "1")),
        ("ghcr.io/library/python:3.12", ("ghcr.io/library/python", "3.12")),
        ("quay.io/prometheus/node-exporter:v1.8.2", ("quay.io/prometheus/node-exporter", "v1.8.2")),
        ("mirror.example.com:8443/a/b/c:tag_1.2-x", ("mirror.example.com:8443/a/b/c", "tag_1.2-x")),
        ("[::1]:5000/app:dev", ("[::1]:5000/app", "dev")),
        (f"python@{DIGEST}", ("python", DIGEST_ONLY)),
        (f"python:3.12@{DIGEST}", ("python", "3.12")),
        (f"docker.io/library/debian@{DIGEST}", ("debian", DIGEST_ONLY)),
        ("  nginx:alpine  ", ("nginx", "alpine")),
    ],
)
def test_normalize_reference(ref: str, expected: tuple[str, str]) -> None:
    assert normalize_reference(ref) == expected


def test_digest_only_is_the_empty_tag() -> None:
    assert DIGEST_ONLY == ""


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("python:3.12", ("python", "3.12", None)),
        (f"docker.io/library/python@{DIGEST}", ("python", DIGEST_ONLY, DIGEST)),
        (f"python:3.12@{DIGEST}", ("python", "3.12", DIGEST)),
        ("localhost:5000/x", ("localhost:5000/x", "latest", None)),
    ],
)
def test_parse_reference_keeps_the_digest(ref: str, expected: tuple[str, str, str | None]) -> None:
    assert parse_reference(ref) == expected


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("", "invalid repository name in image reference ''"),
        ("Python:3", "invalid repository name in image reference 'Python:3'"),
        ("python:", "invalid tag in image reference 'python:'"),
        ("python:-x", "invalid tag in image reference 'python:-x'"),
        ("python:a/b", "invalid registry in image reference 'python:a/b'"),
        ("python@sha256:xyz", "invalid digest in image reference 'python@sha256:xyz'"),
        ("my_registry:5000/x", "invalid registry in image reference 'my_registry:5000/x'"),
        ("a//b", "invalid repository name in image reference 'a//b'"),
    ],
)
def test_normalize_reference_rejects(ref: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_reference(ref)
    assert str(info.value) == message


# --- lookup: one row per family (a test below checks that every family has a row) ------

E = "docker-entrypoint.sh"
HAPROXY = ("haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg")
MOSQUITTO = ("/usr/sbin/mosquitto", "-c", "/mosquitto/config/mosquitto.conf")
CADDY = ("caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile")
ADMINER = ("entrypoint.sh", "docker-php-entrypoint")
NATS = ("nats-server", "--config", "/etc/nats/nats-server.conf")
SONAR = "/opt/sonarqube/docker/"
VARNISH = ("/usr/local/bin/docker-varnish-entrypoint",)

Row = tuple[str, "tuple[str, ...] | None", "tuple[str, ...] | None", "str | None", "str | None"]
LOOKUPS: list[Row] = [
    ("python:3.12-slim", None, ("python3",), None, None),
    ("node:22-alpine", (E,), ("node",), None, None),
    ("nginx:1.27-alpine", ("/docker-entrypoint.sh",), ("nginx", "-g", "daemon off;"), None, None),
    ("golang:1.23-alpine", None, ("/bin/sh",), "/go", None),
    ("golang:1.23", None, ("bash",), "/go", None),
    ("debian:bookworm-slim", None, ("bash",), None, None),
    ("ubuntu:24.04", None, ("/bin/bash",), None, None),
    ("alpine:3.20", None, ("/bin/sh",), None, None),
    ("busybox:1.36", None, ("sh",), None, None),
    ("hello-world", None, ("/hello",), None, None),
    ("redis:7.2-alpine", (E,), ("redis-server",), "/data", None),
    ("redis:5.0.14", (E,), ("redis-server",), "/data", None),
    ("ubuntu:14.04", None, ("/bin/bash",), None, None),
    ("nginx:1.13-alpine", None, ("nginx", "-g", "daemon off;"), None, None),
    ("postgres:16-alpine", (E,), ("postgres",), None, None),
    ("postgres:18", (E,), ("postgres",), None, None),
    ("postgres:17.11-bookworm", (E,), ("postgres",), None, None),
    ("postgres:16", (E,), ("postgres",), None, None),
    ("postgres:15", (E,), ("postgres",), None, None),
    ("postgres:14.24", (E,), ("postgres",), None, None),
    ("postgres:13-bookworm", (E,), ("postgres",), None, None),
    ("mysql:8.4", (E,), ("mysqld",), None, None),
    ("mariadb:11.4", (E,), ("mariadbd",), None, None),
    ("mongo:7.0", (E,), ("mongod",), None, None),
    ("eclipse-temurin:21-jre", ("/__cacert_entrypoint.sh",), None, None, None),
    ("eclipse-temurin:8-jdk", ("/__cacert_entrypoint.sh",), None, None, None),
    ("eclipse-temurin:21", ("/__cacert_entrypoint.sh",), ("jshell",), None, None),
    ("httpd:2.4", None, ("httpd-foreground",), "/usr/local/apache2", None),
    ("tomcat:10.1-jdk17", None, ("catalina.sh", "run"), "/usr/local/tomcat", None),
    ("php:8.3-apache", ("docker-php-entrypoint",), ("apache2-foreground",), "/var/www/html", None),
    ("php:8.3-fpm-alpine", ("docker-php-entrypoint",), ("php-fpm",), "/var/www/html", None),
    ("php:8.3-cli", ("docker-php-entrypoint",), ("php", "-a"), None, None),
    ("ruby:3.3", None, ("irb",), None, None),
    ("rabbitmq:4-management", (E,), ("rabbitmq-server",), None, None),
    ("traefik:v3.1", ("/entrypoint.sh",), ("traefik",), None, None),
    ("memcached:1.6-alpine", (E,), ("memcached",), None, "memcache"),
    ("haproxy:2.6", (E,), HAPROXY, None, "haproxy"),
    ("haproxy:3.0", (E,), HAPROXY, "/var/lib/haproxy", "haproxy"),
    ("wordpress:cli", (E,), ("wp", "shell"), "/var/www/html", "www-data"),
    ("wordpress:6-fpm", (E,), ("php-fpm",), "/var/www/html", None),
    ("wordpress:6", (E,), ("apache2-foreground",), "/var/www/html", None),
    ("ghost:6-alpine", (E,), ("node", "current/index.js"), "/var/lib/ghost", None),
    ("registry:3", ("/entrypoint.sh",), ("/etc/distribution/config.yml",), None, None),
    ("docker:dind-rootless", ("dockerd-entrypoint.sh",), None, None, "rootless"),
    ("docker:27-cli", (E,), ("sh",), None, None),
    ("docker:dind", ("dockerd-entrypoint.sh",), None, None, None),
    ("bash:5.2", (E,), ("bash",), None, None),
    ("rust:1-alpine", None, ("/bin/sh",), None, None),
    ("rust:1.80-slim-bookworm", None, ("bash",), None, None),
    ("maven:3.9-eclipse-temurin-17", ("/usr/local/bin/mvn-entrypoint.sh",), ("mvn",), None, None),
    (
        "maven:3-amazoncorretto-21-debian",
        ("/usr/local/bin/mvn-entrypoint.sh",),
        ("mvn",),
        None,
        None,
    ),
    ("gradle:jdk21-graal", None, ("gradle",), "/home/gradle", "root"),
    ("gradle:8.10-jdk17", ("/__cacert_entrypoint.sh",), ("gradle",), "/home/gradle", "root"),
    ("groovy:4.0-jdk8-alpine", None, ("groovysh",), "/home/groovy", "1000:1000"),
    ("groovy:4.0-jdk17", ("/__cacert_entrypoint.sh",), ("groovysh",), "/home/groovy", "1000:1000"),
    ("caddy:2-builder", None, ("/bin/sh",), "/usr/bin", None),
    ("caddy:2", None, CADDY, "/srv", None),
    ("adminer:4-fastcgi", ADMINER, ("php-fpm",), "/var/www/html", "adminer"),
    (
        "adminer:4.8.1",
        ADMINER,
        ("php", "-S", "[::]:8080", "-t", "/var/www/html"),
        "/var/www/html",
        "adminer",
    ),
    ("nats:2.10-alpine", (E,), NATS, None, None),
    ("nats:2.10", ("/nats-server",), ("--config", "nats-server.conf"), None, None),
    ("eclipse-mosquitto:2", ("/docker-entrypoint.sh",), MOSQUITTO, None, None),
    ("erlang:27-slim", None, ("erl",), None, None),
    ("elixir:1.17-alpine", None, ("iex",), None, None),
    ("julia:1.10", (E,), ("julia",), None, None),
    ("pypy:2.7", None, ("pypy",), None, None),
    ("pypy:3.10", None, ("pypy3",), None, None),
    ("phpmyadmin:fpm-alpine", ("/docker-entrypoint.sh",), ("php-fpm",), "/var/www/html", "root"),
    (
        "phpmyadmin:5.2",
        ("/docker-entrypoint.sh",),
        ("apache2-foreground",),
        "/var/www/html",
        "root",
    ),
    ("cassandra:4.1", (E,), ("cassandra", "-f"), None, None),
    ("solr:10-slim", (E,), ("solr-foreground",), "/opt/solr", "8983"),
    ("solr:9.10", (E,), ("solr-foreground",), "/opt/solr", "8983"),
    ("kong:3.9", ("/docker-entrypoint.sh",), ("kong", "docker-start"), None, "kong"),
    (
        "redmine:6",
        ("/docker-entrypoint.sh",),
        ("rails", "server", "-b", "0.0.0.0"),
        "/usr/src/redmine",
        None,
    ),
    ("drupal:11-fpm-alpine", ("docker-php-entrypoint",), ("php-fpm",), "/opt/drupal", None),
    ("drupal:10", ("docker-php-entrypoint",), ("apache2-foreground",), "/opt/drupal", None),
    ("nextcloud:33-fpm", ("/entrypoint.sh",), ("php-fpm",), "/var/www/html", None),
    ("nextcloud:33", ("/entrypoint.sh",), ("apache2-foreground",), "/var/www/html", None),
    ("composer:2.7", ("/docker-entrypoint.sh",), ("composer",), "/app", None),
    ("buildpack-deps:noble-scm", None, ("/bin/bash",), None, None),
    ("buildpack-deps:bookworm-curl", None, ("bash",), None, None),
    ("fedora:43", None, ("/bin/bash",), None, None),
    ("almalinux:9-minimal", None, ("/bin/bash",), None, None),
    ("rockylinux:9", None, ("/bin/bash",), None, None),
    ("amazonlinux:2023", None, ("/bin/bash",), None, None),
    (
        "sonarqube:datacenter-app",
        (SONAR + "run.sh",),
        (SONAR + "sonar.sh",),
        "/opt/sonarqube",
        "sonarqube",
    ),
    ("sonarqube:community", (SONAR + "entrypoint.sh",), None, "/opt/sonarqube", "sonarqube"),
    ("varnish:stable", VARNISH, None, "/etc/varnish", None),
    ("varnish:latest", VARNISH, None, "/etc/varnish", "varnish"),
    ("influxdb:2.7-alpine", ("/entrypoint.sh",), ("influxd",), None, None),
    ("influxdb:1.11", ("/entrypoint.sh",), ("influxd",), None, "influxdb"),
    ("telegraf:alpine", ("/sbin/tini", "--", "/entrypoint.sh"), ("telegraf",), None, None),
    ("telegraf:1.39", ("/usr/bin/tini", "--", "/entrypoint.sh"), ("telegraf",), None, None),
    ("telegraf:1.37-alpine", ("/entrypoint.sh",), ("telegraf",), None, None),
]


def _values(args: tuple[Arg, ...] | None) -> tuple[str, ...] | None:
    return None if args is None else tuple(a.value for a in args)


@pytest.mark.parametrize(("ref", "entrypoint", "cmd", "working_dir", "user"), LOOKUPS)
def test_lookup(
    ref: str,
    entrypoint: tuple[str, ...] | None,
    cmd: tuple[str, ...] | None,
    working_dir: str | None,
    user: str | None,
) -> None:
    config = lookup(ref)
    assert config is not None
    assert _values(config.entrypoint) == entrypoint
    assert _values(config.cmd) == cmd
    assert config.working_dir == working_dir
    assert config.user == user
    assert config.shell is None
    assert config.os == "linux"


def _family_of(repository: str, tag: str) -> int | None:
    image = next(i for i in _raw()["images"] if i["repository"] == repository)
    if any(fnmatchcase(tag, p) for p in image.get("exclude", [])):
        return None
    for index, family in enumerate(image["families"]):
        if any(fnmatchcase(tag, p) for p in family["tags"]):
            return index
    return None


def test_every_family_has_a_lookup_row() -> None:
    covered = set()
    for ref, *_ in LOOKUPS:
        repository, tag = normalize_reference(ref)
        covered.add((repository, _family_of(repository, tag)))
    expected = {
        (image["repository"], index)
        for image in _raw()["images"]
        for index in range(len(image["families"]))
    }
    assert expected - covered == set()


@pytest.mark.parametrize(
    ("ref", "path"),
    [
        ("python:3.12", "/usr/local/bin:" + DEFAULT_PATH),
        ("node:20", DEFAULT_PATH),
        ("golang:1.22-bookworm", "/go/bin:/usr/local/go/bin:" + DEFAULT_PATH),
        ("postgres:17", DEFAULT_PATH + ":/usr/lib/postgresql/17/bin"),
        ("postgres:17-alpine", DEFAULT_PATH),
        ("postgres:13", DEFAULT_PATH + ":/usr/lib/postgresql/13/bin"),
        ("eclipse-temurin:17-jdk", "/opt/java/openjdk/bin:" + DEFAULT_PATH),
        ("tomcat:9.0", "/usr/local/tomcat/bin:/opt/java/openjdk/bin:" + DEFAULT_PATH),
        ("rust:1", "/usr/local/cargo/bin:" + DEFAULT_PATH),
        ("nats:latest", DEFAULT_PATH + ":/"),
        ("ubuntu:jammy", DEFAULT_PATH),
    ],
)
def test_path(ref: str, path: str) -> None:
    config = lookup(ref)
    assert config is not None
    assert config.env is not None
    assert [e for e in config.env if e.startswith("PATH=")] == ["PATH=" + path]


def test_env_keeps_stable_variables_in_config_order() -> None:
    config = lookup("golang:1.23")
    assert config is not None
    assert config.env == (
        "PATH=/go/bin:/usr/local/go/bin:" + DEFAULT_PATH,
        "GOTOOLCHAIN=local",
        "GOPATH=/go",
    )


def test_lookup_args_carry_origin_and_span() -> None:
    config = lookup("docker.io/library/redis:7")
    assert config is not None
    span = Span("catalog:redis:7")
    assert config.entrypoint == (Arg("docker-entrypoint.sh", "image.entrypoint", span),)
    assert config.cmd == (Arg("redis-server", "image.cmd", span),)
    assert config.source_span == span


def test_lookup_source_names_entry_and_upstream() -> None:
    config = lookup("redis:7")
    assert config is not None
    assert source_text(config.source) == (
        "catalog redis:7 (tag pattern '7'), read from "
        "https://github.com/redis/docker-library-redis/blob/"
        "0076c90a8028d29b25313f7272fa2d1245c3be76/debian/Dockerfile"
    )


def test_no_entrypoint_is_none_not_empty() -> None:
    config = lookup("python:3.13")
    assert config is not None
    assert config.entrypoint is None
    assert config.onbuild == ()


def test_first_matching_family_wins() -> None:
    # php:8.3-fpm-alpine also matches the cli family's '8.*'; fpm comes first.
    config = lookup("php:8.3-fpm-alpine")
    assert config is not None
    assert _values(config.cmd) == ("php-fpm",)
    assert "tag pattern '8*-fpm-*'" in source_text(config.source)


@pytest.mark.parametrize(
    "ref",
    [
        "python:2.7",
        "python:3.7-slim",
        "python:3.14-windowsservercore-ltsc2022",
        "golang:1.23-nanoserver",
        "mongo:8.0-windowsservercore",
        "node:16",
        "nginx:1.18",  # built before and after /docker-entrypoint.sh came in
        "nginx:1.6",
        "postgres:12",
        "postgres:19beta3",
        "redis:4",
        "ubuntu:20.04",
        "ubuntu:18.04",
        "eclipse-temurin:21-jdk-ubi9-minimal",
        "maven:3-ibmjava",
        "mariadb:11.4-ubi9",
        "gradle:jdk21-corretto",
        "tomcat:9-jdk11-openjdk",
        "notcatalogued",
        "bitnami/redis:7",
        "localhost:5000/python:3.12",
        "ghcr.io/library/python:3.12",
        "gcr.io/distroless/static-debian12",
        "Python:3",
        "",
    ],
)
def test_lookup_unknown_returns_none(ref: str) -> None:
    assert lookup(ref) is None


def test_digest_only_needs_tag_independent_defaults() -> None:
    assert lookup(f"python@{DIGEST}") is None
    config = lookup(f"debian@{DIGEST}")
    assert config is not None
    assert _values(config.cmd) == ("bash",)
    assert config.source_span == Span(f"catalog:debian@{DIGEST}")


def test_tag_and_digest_uses_the_tag() -> None:
    config = lookup(f"python:3.12-slim@{DIGEST}")
    assert config is not None
    assert _values(config.cmd) == ("python3",)


def test_repositories() -> None:
    names = repositories()
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    assert names[:3] == ("python", "node", "nginx")
    for name in ("redis", "postgres", "mysql", "ubuntu", "alpine", "php", "rabbitmq", "traefik"):
        assert name in names


# --- the data file ---------------------------------------------------------------------

_SOURCE = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/\S+")
_FAMILY_KEYS = {"tags", "entrypoint", "cmd", "shell", "env", "working_dir", "user", "source"}


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def test_catalog_top_level() -> None:
    raw = _raw()
    assert raw["schema_version"] == 1
    assert "FIRST family" in " ".join(raw["_comment"])
    assert len(raw["images"]) >= 40


@pytest.mark.parametrize("image", _raw()["images"], ids=lambda i: i["repository"])
def test_catalog_entry_is_well_formed(image: dict[str, Any]) -> None:
    assert set(image) <= {"repository", "exclude", "families"}
    assert normalize_reference(image["repository"]) == (image["repository"], "latest")
    assert _is_strings(image.get("exclude", []))
    assert image["families"]
    for family in image["families"]:
        assert _FAMILY_KEYS <= set(family) <= _FAMILY_KEYS | {"inherits", "note", "entrypoint_setup"}
        if "entrypoint_setup" in family:  # written only where it is true, for a script
            assert family["entrypoint_setup"] is True and family["entrypoint"]
        assert _is_strings(family["tags"]) and family["tags"]
        for key in ("entrypoint", "cmd", "shell"):
            value = family[key]
            assert value is None or (_is_strings(value) and value), key
        for key in ("working_dir", "user"):
            assert family[key] is None or (isinstance(family[key], str) and family[key]), key
        assert family["working_dir"] is None or family["working_dir"].startswith("/")
        assert _is_strings(family["env"])
        assert family["env"][0].startswith("PATH=/")
        assert all("=" in e and e.split("=", 1)[0] for e in family["env"])
        assert _SOURCE.fullmatch(family["source"]), family["source"]
        assert family["entrypoint"] is not None or family["cmd"] is not None


@pytest.mark.parametrize(
    ("ref", "setup"),
    [
        ("postgres:16", True),
        ("postgres:17-alpine", True),
        ("mysql:8.4", True),
        ("mariadb:11.8", True),
        ("mongo:8", True),
        ("nginx:1.27", True),
        ("redis:7", True),
        ("node:20", False),  # docker-entrypoint.sh only picks the program
        ("php:8.3-fpm", False),
        ("wordpress:cli", False),
        ("eclipse-temurin:21", False),  # its CA-certificate work is opt-in
        ("python:3.12", False),  # no ENTRYPOINT
    ],
)
def test_entrypoint_setup_is_read(ref: str, setup: bool) -> None:
    config = lookup(ref)
    assert config is not None
    assert config.entrypoint_setup is setup


def test_every_entry_of_the_catalog_reads() -> None:
    from cmdresolve.sources.image import catalog

    assert all(catalog._image(name) is not None for name in repositories())
