"""The bundled program lists: lookup by reference, PATH search, suggestions, and the data file."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from cmdresolve.sources.image.programs import Programs, programs

PROGRAMS = Path(__file__).resolve().parents[3] / "cmdresolve" / "data" / "programs.json"
DIGEST = "sha256:" + "0123456789abcdef" * 4
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SOURCE = r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/\S+"
BIN_DIRS = ("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PROGRAMS.read_text(encoding="utf-8"))
    return data


def _known(ref: str) -> Programs:
    found = programs(ref)
    assert found is not None, ref
    return found


# --- lookup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "label"),
    [
        ("busybox", "busybox:1.38.0-glibc (amd64)"),
        ("busybox:latest", "busybox:1.38.0-glibc (amd64)"),
        ("busybox:1", "busybox:1.38.0-glibc (amd64)"),
        ("docker.io/library/busybox:1.38.0", "busybox:1.38.0-glibc (amd64)"),
        ("busybox:musl", "busybox:1.38.0-musl (amd64)"),
        ("busybox:1-uclibc", "busybox:1.38.0-uclibc (amd64)"),
        ("busybox:1.37", "busybox:1.37.0-glibc (amd64)"),
        ("busybox:1.37.0-musl", "busybox:1.37.0-musl (amd64)"),
        ("alpine:3.17", "alpine:3.17.10 (x86_64 minirootfs)"),
        ("alpine:3.17.10", "alpine:3.17.10 (x86_64 minirootfs)"),
        ("alpine:3.20.3", "alpine:3.20.3 (x86_64 minirootfs)"),
        ("alpine:20240923", "alpine:20240923 (x86_64 minirootfs)"),
        ("library/alpine:3.6", "alpine:3.6.5 (x86_64 minirootfs)"),
        ("debian:bookworm-20241202", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("debian:bookworm-20241202-slim", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("debian:stable-20241202", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("ubuntu:24.04", "ubuntu:noble-20260810 (Ubuntu 24.04.4 LTS, amd64)"),
        ("ubuntu:noble", "ubuntu:noble-20260810 (Ubuntu 24.04.4 LTS, amd64)"),
        ("ubuntu:noble-20260810", "ubuntu:noble-20260810 (Ubuntu 24.04.4 LTS, amd64)"),
        ("docker.io/library/ubuntu:24.04", "ubuntu:noble-20260810 (Ubuntu 24.04.4 LTS, amd64)"),
        ("ubuntu:22.04", "ubuntu:jammy-20260810 (Ubuntu 22.04.5 LTS, amd64)"),
        ("ubuntu:jammy", "ubuntu:jammy-20260810 (Ubuntu 22.04.5 LTS, amd64)"),
        ("ubuntu:jammy-20260810", "ubuntu:jammy-20260810 (Ubuntu 22.04.5 LTS, amd64)"),
        ("python:3.13.9-slim-trixie", "python:3.13.15-slim-trixie (Debian GNU/Linux 13 (trixie), amd64)"),
        ("python:3.13.15-slim", "python:3.13.15-slim-trixie (Debian GNU/Linux 13 (trixie), amd64)"),
        (
            "python:3.13-slim-trixie",
            "python:3.13.15-slim-trixie (Debian GNU/Linux 13 (trixie), amd64)",
        ),
        (
            "docker.io/library/python:3.13.15-slim-trixie",
            "python:3.13.15-slim-trixie (Debian GNU/Linux 13 (trixie), amd64)",
        ),
    ],
)
def test_catalogued_references(ref: str, label: str) -> None:
    assert _known(ref).label == label


@pytest.mark.parametrize(
    "ref",
    [
        "nginx",  # repository not catalogued
        "ubuntu",  # latest names 26.04 (resolute), not catalogued
        "ubuntu:latest",
        "ubuntu:26.04",
        "ubuntu:rolling",
        "ubuntu:devel",
        "ubuntu:20.04",  # no build read
        "ubuntu:24",
        f"ubuntu:24.04@{DIGEST}",
        "python:3.13-slim-bookworm",  # no record read: left out
        "python:3.12-alpine",
        "python:3.13",  # buildpack-deps based, not catalogued
        "python:3.13.15",
        "python:3.13-trixie",
        "python",  # latest names 3.14
        "python:slim",  # 3.14
        "python:3-slim",
        "python:3.14-slim",
        "python:3.12-slim",  # no pyenv-read minor version catalogued for it yet
        f"python:3.13-slim@{DIGEST}",
        "ghcr.io/library/busybox:1.38",  # another registry is another repository
        "example.com/busybox:latest",
        "alpine:edge",  # moved on to a later snapshot
        "debian",
        "debian:trixie-20241202",  # other suites are not derivable from bookworm packages
        f"busybox@{DIGEST}",  # a digest may name any build
        f"busybox:1.38.0@{DIGEST}",
        "Busybox:1.38",  # not a reference
        "busybox:",
    ],
)
def test_uncatalogued_references(ref: str) -> None:
    assert programs(ref) is None


def test_first_family_wins_and_is_cached() -> None:
    assert programs("busybox:1.38") is programs("busybox:latest")


# --- known programs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("busybox", "sleep"),
        ("busybox", "sh"),
        ("busybox", "env"),
        ("busybox:musl", "sh"),
        ("busybox:uclibc", "wget"),
        ("alpine:3.17", "apk"),
        ("alpine:3.20.3", "apk"),
        ("alpine:3.6", "apk"),
        ("alpine:3.17", "sh"),
        ("alpine:3.17", "ssl_client"),
        ("debian:bookworm-20241202", "apt-get"),
        ("debian:bookworm-20241202", "bash"),
        ("debian:bookworm-20241202-slim", "bash"),
        ("debian:bookworm-20241202", "sh"),
        ("debian:bookworm-20241202", "awk"),  # update-alternatives link to mawk
        ("debian:bookworm-20241202", "which"),  # update-alternatives link to which.debianutils
        ("debian:bookworm-20241202", "policy-rc.d"),  # written by debuerreotype
        ("debian:bookworm-20241202", "perl"),
        ("ubuntu:24.04", "apt-get"),
        ("ubuntu:24.04", "bash"),
        ("ubuntu:24.04", "sleep"),
        ("ubuntu:24.04", "sh"),
        ("ubuntu:24.04", "ps"),  # procps is in the ubuntu image
        ("ubuntu:24.04", "awk"),  # update-alternatives link to mawk
        ("ubuntu:24.04", "which"),  # update-alternatives link to which.debianutils
        ("ubuntu:24.04", "unminimize"),  # the unminimize package
        ("ubuntu:24.04", "man"),  # livecd-rootfs' stub of a minimized image
        ("ubuntu:24.04", "policy-rc.d"),  # livecd-rootfs configure_oci
        ("ubuntu:24.04", "initctl"),
        ("ubuntu:22.04", "apt-get"),
        ("ubuntu:22.04", "bash"),
        ("ubuntu:22.04", "sleep"),
        ("ubuntu:22.04", "unminimize"),  # livecd-rootfs' script in /usr/local/sbin
        ("ubuntu:22.04", "adduser"),
        ("ubuntu:jammy", "perl"),
        ("python:3.13-slim", "python3"),
        ("python:3.13-slim", "python"),  # the Dockerfile's ln -svT loop
        ("python:3.13-slim", "pip"),
        ("python:3.13-slim", "pip3"),
        ("python:3.13-slim", "python3.13"),
        ("python:3.13-slim", "bash"),
        ("python:3.13-slim", "apt-get"),
        ("python:3.13-slim", "openssl"),  # a runtime package (ca-certificates' dependency)
    ],
)
def test_known_program_found(ref: str, name: str) -> None:
    assert _known(ref).find(name, DEFAULT_PATH)


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("busybox", "bash"),
        ("busybox", "apk"),
        ("busybox:musl", "who"),  # the musl build lacks the utmp applets the glibc one has
        ("busybox:1.37", "uuidgen"),  # added in 1.38.0
        ("alpine:3.17", "bash"),
        ("alpine:3.17", "apt-get"),
        ("debian:bookworm-20241202", "apk"),
        ("debian:bookworm-20241202", "curl"),
        ("debian:bookworm-20241202", "python3"),
        ("debian:bookworm-20241202", "ps"),  # procps is not part of minbase
        ("ubuntu:24.04", "curl"),
        ("ubuntu:24.04", "python3"),
        ("ubuntu:24.04", "apk"),
        ("ubuntu:24.04", "less"),
        ("ubuntu:24.04", "sudo"),
        ("ubuntu:24.04", "adduser"),  # noble's image has no adduser package
        ("ubuntu:24.04", "systemctl"),
        ("ubuntu:22.04", "curl"),
        ("ubuntu:22.04", "gpg"),  # only gpgv
        ("python:3.13-slim", "gcc"),  # build dependencies are purged
        ("python:3.13-slim", "wget"),
        ("python:3.13-slim", "python3.12"),
        ("python:3.13-slim", "curl"),
    ],
)
def test_absent_program_not_found(ref: str, name: str) -> None:
    assert not _known(ref).find(name, DEFAULT_PATH)


def test_builds_differ_where_their_artifacts_differ() -> None:
    assert _known("busybox:glibc").find("who", DEFAULT_PATH)
    assert _known("busybox:1.38").find("uuidgen", DEFAULT_PATH)
    assert _known("busybox:glibc").paths != _known("busybox:musl").paths


# --- misspellings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "typo", "suggestion"),
    [
        ("busybox", "sleeep", "sleep"),
        ("busybox", "/bin/sleeep", "sleep"),
        ("alpine:3.17", "apkk", "apk"),
        ("debian:bookworm-20241202", "apt-gte", "apt-get"),
        ("debian:bookworm-20241202", "bassh", "bash"),
        ("ubuntu:24.04", "apt-gte", "apt-get"),
        ("ubuntu:24.04", "slep", "sleep"),
        ("ubuntu:22.04", "bassh", "bash"),
        ("ubuntu:jammy", "/usr/bin/sleeep", "sleep"),
        ("python:3.13-slim", "pyhton3", "python3"),
    ],
)
def test_misspelling_not_found_and_closest_suggests(ref: str, typo: str, suggestion: str) -> None:
    image = _known(ref)
    assert not image.find(typo, DEFAULT_PATH)
    assert image.closest(typo) == suggestion


def test_closest_of_an_existing_name_is_itself() -> None:
    assert _known("busybox").closest("sleep") == "sleep"


@pytest.mark.parametrize("name", ["kubectl", "node", "x", "", "/"])
def test_closest_none_when_nothing_is_close(name: str) -> None:
    assert _known("busybox").closest(name) is None


# --- absolute names and PATH -------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "name", "found"),
    [
        ("busybox", "/bin/sleep", True),
        ("busybox", "/bin//sleep", True),
        ("busybox", "/bin/./sleep", True),
        ("busybox", "/usr/bin/sleep", False),
        ("busybox", "/usr/bin/env", True),  # symlink to ../../bin/env
        ("busybox", "/bin", False),  # a directory is no program
        ("busybox", "/bin/sleep/", True),
        ("alpine:3.17", "/sbin/apk", True),
        ("alpine:3.17", "/usr/bin/apk", False),
        ("alpine:3.17", "/bin/sh", True),
        ("debian:bookworm-20241202", "/bin/bash", True),  # /bin links to usr/bin
        ("debian:bookworm-20241202", "/usr/bin/bash", True),
        ("debian:bookworm-20241202", "/usr/local/bin/bash", False),
        ("debian:bookworm-20241202", "/sbin/ldconfig", True),
        ("debian:bookworm-20241202", "/usr/sbin/apt-get", False),
        ("ubuntu:24.04", "/bin/bash", True),  # base-files ships /bin -> usr/bin
        ("ubuntu:24.04", "/usr/bin/bash", True),
        ("ubuntu:24.04", "/usr/bin/unminimize", True),
        ("ubuntu:24.04", "/usr/local/sbin/unminimize", False),  # noble: the package instead
        ("ubuntu:24.04", "/sbin/initctl", True),
        ("ubuntu:22.04", "/bin/bash", True),  # usrmerge merged /usr
        ("ubuntu:22.04", "/usr/local/sbin/unminimize", True),
        ("ubuntu:22.04", "/usr/bin/unminimize", False),
        ("ubuntu:22.04", "/usr/local/bin/bash", False),
        ("python:3.13-slim", "/usr/local/bin/python3", True),
        ("python:3.13-slim", "/usr/bin/python3", False),  # CPython is in /usr/local only
        ("python:3.13-slim", "/bin/bash", True),
    ],
)
def test_absolute_names_ignore_path(ref: str, name: str, found: bool) -> None:
    image = _known(ref)
    assert image.find(name, DEFAULT_PATH) is found
    assert image.find(name, "/nowhere") is found


@pytest.mark.parametrize(
    ("path_env", "found"),
    [
        (DEFAULT_PATH, True),
        ("/bin", True),
        ("/bin/", True),
        ("/opt/tools:/bin", True),
        ("/usr/local/bin:/usr/bin", False),  # busybox keeps its applets in /bin only
        ("/usr/local/bin", False),
        ("/sbin:/usr/sbin", False),
    ],
)
def test_bare_names_search_path(path_env: str, found: bool) -> None:
    assert _known("busybox").find("sleep", path_env) is found


def test_bare_names_follow_merged_usr_in_either_spelling() -> None:
    debian = _known("debian:bookworm-20241202")
    assert debian.find("apt-get", "/bin")
    assert debian.find("apt-get", "/usr/bin")
    assert not debian.find("apt-get", "/usr/local/bin:/usr/local/sbin")


@pytest.mark.parametrize(
    ("name", "path_env"),
    [
        ("./sleeep", DEFAULT_PATH),  # relative to the working directory
        ("bin/sleeep", DEFAULT_PATH),
        ("sleeep", "/usr/bin:"),  # an empty PATH entry is the working directory
        ("sleeep", ":/usr/bin"),
        ("sleeep", "bin:/usr/bin"),  # so is a relative one
        ("/bin/../bin/sleeep", DEFAULT_PATH),  # ".." depends on symlinks not recorded
    ],
)
def test_names_the_catalog_cannot_judge_count_as_found(name: str, path_env: str) -> None:
    assert _known("busybox").find(name, path_env)


def test_empty_name_is_not_found() -> None:
    assert not _known("busybox").find("", DEFAULT_PATH)


# --- the data file -----------------------------------------------------------------------


def test_data_file_structure() -> None:
    raw = _raw()
    comment = " ".join(raw["_comment"])
    assert "not in the image as built from that source" in comment
    assert raw["schema_version"] == 1
    assert re.fullmatch(r"docker-library/official-images@[0-9a-f]{40}", raw["read_at"])
    families = raw["families"]
    assert families
    for family in families:
        assert set(family) >= {"repository", "label", "tags", "source", "paths"}, family.keys()
        assert isinstance(family["repository"], str) and family["repository"]
        assert isinstance(family["label"], str) and family["label"]
        assert family["tags"] and all(isinstance(t, str) and t for t in family["tags"])
        assert re.fullmatch(SOURCE, family["source"]), family["source"]
        paths = family["paths"]
        assert paths and all(isinstance(p, str) for p in paths)
        assert paths == sorted(paths), family["label"]
        assert len(paths) == len(set(paths)), family["label"]
        for path in paths:
            assert path.startswith("/"), path
            assert path.rsplit("/", 1)[0] in BIN_DIRS, path
            assert path.rsplit("/", 1)[1] not in ("", ".", ".."), path


def test_every_catalogued_repository_is_one_of_the_expected() -> None:
    expected = {"busybox", "alpine", "debian", "ubuntu", "python"}
    assert {f["repository"] for f in _raw()["families"]} == expected


def test_no_tag_is_shadowed_by_an_earlier_family() -> None:
    """First match wins: a family's own tags must not be claimed by an earlier family."""
    families = _raw()["families"]
    for index, family in enumerate(families):
        for earlier in families[:index]:
            if earlier["repository"] != family["repository"]:
                continue
            for tag in family["tags"]:
                shadowed = any(fnmatchcase(tag, p) for p in earlier["tags"])
                assert not shadowed, (tag, earlier["label"])


def test_every_family_is_reachable_by_its_own_tags() -> None:
    for family in _raw()["families"]:
        for tag in family["tags"]:
            found = programs(f"{family['repository']}:{tag}")
            assert found is not None and found.label == family["label"], tag
            assert found.paths == frozenset(family["paths"])
            assert found.source == family["source"]


@pytest.mark.parametrize("repository", ["debian", "ubuntu", "python"])
def test_merged_usr_lists_both_spellings(repository: str) -> None:
    families = [f for f in _raw()["families"] if f["repository"] == repository]
    assert families
    for family in families:
        paths = set(family["paths"])
        usr = {p.removeprefix("/usr") for p in paths if p.startswith(("/usr/bin/", "/usr/sbin/"))}
        root = {p for p in paths if p.startswith(("/bin/", "/sbin/"))}
        assert usr == root, family["label"]


def test_ubuntu_builds_differ_where_their_manifests_differ() -> None:
    noble, jammy = _known("ubuntu:24.04"), _known("ubuntu:22.04")
    assert noble is not jammy
    assert jammy.find("adduser", DEFAULT_PATH) and not noble.find("adduser", DEFAULT_PATH)
    assert noble.find("perl5.38.2", DEFAULT_PATH) and not noble.find("perl5.34.0", DEFAULT_PATH)
    assert jammy.find("perl5.34.0", DEFAULT_PATH)


def test_ubuntu_families_name_their_build_and_derivation() -> None:
    for family in (f for f in _raw()["families"] if f["repository"] == "ubuntu"):
        assert "docker-library/repo-info/blob/" in family["source"]
        assert "/repos/ubuntu/local/" in family["source"]
        assert "ubuntu-oci:minimized" in family["note"]


def test_python_families_name_their_build_and_superset() -> None:
    families = [f for f in _raw()["families"] if f["repository"] == "python"]
    assert families
    for family in families:
        assert "docker-library/repo-info/blob/" in family["source"]
        assert "/repos/python/local/" in family["source"]
        assert "SUPERSET" in family["note"]
        assert "pyenv" in family["note"]


@pytest.mark.parametrize(
    ("ref", "label"),
    [
        ("ubuntu:noble-20260730.1", "ubuntu:noble-20260810 (Ubuntu 24.04.4 LTS, amd64)"),
        ("ubuntu:jammy-20260731.1", "ubuntu:jammy-20260810 (Ubuntu 22.04.5 LTS, amd64)"),
        ("busybox:1.36", "busybox:1.37.0-glibc (amd64)"),
        ("busybox:1.28", "busybox:1.37.0-glibc (amd64)"),
        ("busybox:1.28.4-uclibc", "busybox:1.37.0-uclibc (amd64)"),
        ("busybox:stable", "busybox:1.37.0-glibc (amd64)"),
        ("alpine:3.20", "alpine:3.20.3 (x86_64 minirootfs)"),
        ("alpine", "alpine:3.20.3 (x86_64 minirootfs)"),
        ("alpine:3.15.4", "alpine:3.15.11 (x86_64 minirootfs)"),
        ("debian:bookworm", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("debian:bookworm-slim", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("debian:12", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("python:3.13.9-slim-trixie", "python:3.13.15-slim-trixie (Debian GNU/Linux 13 (trixie), amd64)"),
    ],
)
def test_stand_in_lists(ref: str, label: str) -> None:
    found = programs(ref)
    assert found is not None
    assert (found.label, found.stands_for) == (label, ref)


@pytest.mark.parametrize("ref", ["python:3.13.2-slim-bookworm", "python:3.13.2-slim", "debian:trixie", "node:22"])
def test_no_stand_in_across_releases(ref: str) -> None:
    assert programs(ref) is None


def test_a_read_tag_is_not_a_stand_in() -> None:
    found = programs("busybox:1.38")
    assert found is not None and found.stands_for is None
