"""CR901 (nothing to run) and CR902 (unknown image config): catches and non-catches."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import rule
from cmdresolve.model import Finding, Span, UnknownKind
from cmdresolve.render.phrases import finding_message


def _dockerfile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "Dockerfile"
    path.write_text(text)
    return str(path)


def _findings(results, code: str) -> list[Finding]:
    return [f for r in results for f in r.findings if f.code == code]


def test_cr901_catches_an_empty_cmd(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, "FROM scratch\nCMD []\n")
    (finding,) = _findings(resolve([df]), "CR901")
    f = finding
    assert (f.code, f.name, f.severity, finding_message(f), f.span) == (
        "CR901",
        "no-command",
        "error",
        "no ENTRYPOINT, CMD, command or args is left, so the argv is empty and the container "
        "is never created ('no command specified')",
        Span(df, 2, 1, 2),
    )


def test_cr901_catches_an_empty_entrypoint_flag(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, 'FROM scratch\nENTRYPOINT ["/app"]\n')
    results = resolve([df], Options(run="docker run --entrypoint '' img"))
    assert [f.code for f in _findings(results, "CR901")] == ["CR901"]


def test_cr901_not_when_something_runs(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, 'FROM scratch\nCMD ["/app"]\n')
    assert _findings(resolve([df]), "CR901") == []


def _pod(tmp_path: Path, container: str) -> str:
    pod = tmp_path / "pod.yaml"
    pod.write_text(f"kind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - {container}\n")
    return str(pod)


def test_cr902_says_how_to_bind_an_unknown_pod_image(tmp_path: Path) -> None:
    pod = _pod(tmp_path, "{name: c, image: example.com/x}")
    (finding,) = _findings(resolve([pod]), "CR902")
    assert (finding.severity, finding_message(finding), finding.span) == (
        "info",
        "the argv depends on the image ENTRYPOINT and CMD, which come from 'example.com/x' and "
        "are not known here: bind it with --image example.com/x=PATH (a Dockerfile or `docker "
        "image inspect` JSON)",
        Span(pod, 5, 7),
    )


def test_cr902_names_only_the_field_the_argv_needs(tmp_path: Path) -> None:
    pod = _pod(tmp_path, "{name: c, image: example.com/x, args: ['5']}")
    (finding,) = _findings(resolve([pod]), "CR902")
    assert finding_message(finding).startswith(
        "the argv depends on the image ENTRYPOINT, which comes from 'example.com/x'"
    )


def test_cr902_names_the_unknown_base_of_a_dockerfile(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, "FROM example.com/base:1\nCOPY app /app\n")
    (finding,) = _findings(resolve([df]), "CR902")
    assert "--image example.com/base:1=PATH" in finding_message(finding)
    assert finding.span == Span(df, 1, 1, 1)


def test_cr902_on_a_run_line(tmp_path: Path) -> None:
    (finding,) = _findings(resolve([], Options(run="docker run example.com/y")), "CR902")
    assert "--image example.com/y=PATH" in finding_message(finding)


@pytest.mark.parametrize(
    ("container", "argv"),
    [
        ("{name: c, image: example.com/x, command: [sleep], args: ['5']}", ("sleep", "5")),
        # command alone: the image ENTRYPOINT and CMD are not used at all
        ("{name: c, image: example.com/x, command: [sleep, '5']}", ("sleep", "5")),
    ],
)
def test_cr902_not_when_the_argv_does_not_depend_on_the_image(
    tmp_path: Path, container: str, argv: tuple[str, ...]
) -> None:
    (result,) = resolve([_pod(tmp_path, container)])
    assert result.values == argv
    assert any(u.kind is UnknownKind.IMAGE_NOT_KNOWN for u in result.unknowns)
    assert _findings([result], "CR902") == []


def test_cr902_not_for_a_run_line_that_sets_the_whole_argv() -> None:
    run = "docker run --entrypoint sleep example.com/y 5"
    (result,) = resolve([], Options(run=run))
    assert result.values == ("sleep", "5")
    assert _findings([result], "CR902") == []


def test_rule_objects_describe_themselves() -> None:
    assert (rule("CR901").severity, rule("CR902").severity) == ("error", "info")


def test_cr903_catches_a_declared_arg_without_value(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, 'ARG MINOR\nFROM python:3$MINOR\nCMD ["python3"]\n')
    (finding,) = _findings(resolve([df]), "CR903")
    said = (finding.code, finding.name, finding.severity, finding_message(finding), finding.span)
    assert said == (
        "CR903",
        "from-arg-without-value",
        "warning",
        "FROM python:3$MINOR reads $MINOR, which has no value (no default and no --build-arg "
        "here), so the base image is 'python:3'; a build that gives --build-arg MINOR=… "
        "starts from another image",
        Span(df, 2, 1, 2),
    )


def test_cr903_catches_an_undeclared_arg_in_a_base_stage(tmp_path: Path) -> None:
    df = _dockerfile(
        tmp_path, 'FROM alpine${TAG:+:$TAG} AS base\nFROM base\nCMD ["sh"]\n'
    )
    (finding,) = _findings(resolve([df]), "CR903")
    assert finding.span == Span(df, 1, 1, 1)
    assert "so the base image is 'alpine'" in finding_message(finding)


def test_cr903_not_when_the_arg_has_a_value(tmp_path: Path) -> None:
    df = _dockerfile(tmp_path, 'ARG MINOR=.12\nARG TAG\nFROM python:3$MINOR\nCMD ["x"]\n')
    assert _findings(resolve([df]), "CR903") == []
    df = _dockerfile(tmp_path, 'ARG MINOR\nFROM python:3$MINOR\nCMD ["x"]\n')
    assert _findings(resolve([df], Options(build_args={"MINOR": ".12"})), "CR903") == []
