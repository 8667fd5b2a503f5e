"""CR901 (nothing to run) and CR902 (unknown image config): catches and non-catches."""

from __future__ import annotations

from pathlib import Path

from cmdresolve.api import Options, resolve
from cmdresolve.checks import rule
from cmdresolve.model import Finding, Span
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


def test_cr902_catches_an_unknown_pod_image(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: example.com/x}\n"
    )
    (finding,) = _findings(resolve([str(pod)]), "CR902")
    assert finding.severity == "warning"
    assert finding_message(finding).startswith("the argv is not known: image 'example.com/x' is neither")


def test_cr902_not_when_command_and_args_make_the_image_irrelevant(tmp_path: Path) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - {name: c, image: example.com/x, command: [sleep], args: ['5']}\n"
    )
    (result,) = resolve([str(pod)])
    assert result.values == ("sleep", "5")
    assert _findings([result], "CR902") == []


def test_rule_objects_describe_themselves() -> None:
    assert (rule("CR901").severity, rule("CR902").severity) == ("error", "warning")


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
