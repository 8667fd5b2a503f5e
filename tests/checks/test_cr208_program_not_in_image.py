"""CR208 program-not-in-image: only on images whose program list the catalog holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import cr208_program_not_in_image as cr208
from cmdresolve.checks.rule import Rule
from cmdresolve.model import Finding, Span
from cmdresolve.render.phrases import finding_message

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _findings(run: str, files: tuple[str, ...] = (), **kwargs: object) -> list[Finding]:
    [result] = resolve(files, Options(run=run, **kwargs))  # type: ignore[arg-type]
    return list(Rule.of(cr208).check(result))


def test_catches_a_misspelt_program_with_a_suggestion() -> None:
    found = _findings("kubectl run x --image=busybox:1.38 -- sleeep 10")
    assert [(f.code, f.name, f.severity, finding_message(f), f.span) for f in found] == [
        (
            "CR208",
            "program-not-in-image",
            "warning",
            f"argv[0] 'sleeep' is not a program of busybox:1.38.0-glibc (amd64) in PATH {PATH}, "
            "so the exec fails; did you mean 'sleep'?",
            Span("--run", None, 39),
        )
    ]


def test_catches_an_absolute_path_the_image_lacks() -> None:
    [finding] = _findings("docker run alpine:3.17 /bin/bash")
    assert finding_message(finding) == (
        "argv[0] '/bin/bash' is not a program of alpine:3.17.10 (x86_64 minirootfs) at that "
        "path, so the exec fails; did you mean 'ash'?"
    )


def test_catches_without_a_suggestion_when_nothing_is_close() -> None:
    [finding] = _findings("docker run debian:bookworm-20241202 kubectl get pods")
    assert finding_message(finding).endswith("so the exec fails")


@pytest.mark.parametrize(
    "run",
    [
        "kubectl run x --image=busybox:1.38 -- sleep 10",  # there
        "docker run alpine:3.17 apk add curl",  # an alpine program
        "docker run debian:bookworm-20241202 /usr/bin/apt-get update",  # absolute, there
        "docker run debian:trixie slep 1",  # a release no list was read for
        "docker run ubuntu:20.04 slep 1",  # no program list for this ubuntu
        "docker run alpine:3.17 ./run.sh",  # relative: depends on the working directory
    ],
)
def test_not(run: str) -> None:
    assert _findings(run) == []


def test_not_when_argv0_is_known_only_at_run_time(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n"
        "    image: busybox:1.38\n    command: ['$(TOOL)']\n    env:\n    - name: TOOL\n"
        "      valueFrom: {fieldRef: {fieldPath: status.podIP}}\n"
    )
    [result] = resolve([str(pod)])
    assert "argv" in result.incomplete
    assert list(Rule.of(cr208).check(result)) == []


def test_catches_a_variable_left_literal() -> None:
    # $(Q) is defined nowhere, so the runtime looks for a program named "$(Q)".
    [finding] = _findings("kubectl run x --image=busybox:1.38 --command -- '$(Q)' 1")
    assert finding_message(finding).startswith("argv[0] '$(Q)' is not a program of busybox")


def test_not_for_an_image_built_from_a_dockerfile(tmp_path: Path) -> None:
    # RUN can add any program; the catalog describes only the base image.
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM busybox:1.38\nRUN install-tool\nCMD ["tool"]\n')
    assert _findings("docker run img", (), images={"img": str(dockerfile)}) == []
    assert _findings(None, (str(dockerfile),)) == []  # type: ignore[arg-type]


def test_not_for_a_bound_image_config(tmp_path: Path) -> None:
    config = tmp_path / "busybox.json"
    config.write_text('{"Config": {"Cmd": ["tool"], "Env": ["PATH=/bin"]}}')
    assert _findings("docker run busybox:1.38", images={"busybox:1.38": str(config)}) == []


@pytest.mark.parametrize(
    ("run", "used"),
    [
        ("kubectl run x --image=busybox:1.28 -- sleeeep 3600", "busybox:1.37.0-glibc (amd64)"),
        ("docker run busybox:1.31.1-musl sleeeep 1", "busybox:1.37.0-musl (amd64)"),
        ("docker run alpine:3.17.3 slep 1", "alpine:3.17.10 (x86_64 minirootfs)"),
        ("docker run alpine:3.22 slep 1", "alpine:3.20.3 (x86_64 minirootfs)"),
        ("docker run debian:bookworm-slim slep 1", "debian:bookworm-20241202 (Debian 12.8, amd64)"),
        ("docker run ubuntu:jammy-20240125 slep 1", "ubuntu:jammy-20260810 (Ubuntu 22.04.5 LTS, amd64)"),
    ],
)
def test_a_tag_not_read_uses_a_stand_in_and_says_which(run: str, used: str) -> None:
    [finding] = _findings(run)
    ref = run.split("--image=")[-1].split()[0] if "--image=" in run else run.split()[2]
    assert finding.params["list_used"] == used
    assert finding.params["stands_in"] is True
    message = finding_message(finding)
    assert f"its list stands in for {ref}, whose own list was not read" in message
    assert message.endswith("did you mean 'sleep'?")


def test_a_read_tag_says_no_stand_in() -> None:
    [finding] = _findings("docker run busybox:1.38 sleeep 1")
    assert finding.params["stands_in"] is False
    assert "stands in" not in finding_message(finding)


@pytest.mark.parametrize(
    "run",
    [
        "docker run busybox:1.28 sleep 1",
        "docker run busybox:1.28 sh -c true",
        "docker run alpine:3.22 apk add curl",
        "docker run python:3.13-slim python3.13 -V",
    ],
)
def test_stand_in_finds_the_programs_it_lists(run: str) -> None:
    assert _findings(run) == []
