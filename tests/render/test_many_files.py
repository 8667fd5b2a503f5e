"""Many files in several directories: every finding points at its own file and line in
SARIF and in GitHub annotations, and ``-o argv`` labels tell the files apart."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import RULES
from cmdresolve.cli import main
from cmdresolve.render.argv import argv_lines
from cmdresolve.render.github import render_github
from cmdresolve.render.sarif import render_sarif
from cmdresolve.render.where import for_tools, relative_to

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["echo", "{var}"]
"""
DOCKERFILE = "FROM busybox:1.36\nWORKDIR /srv\n\nCMD ['{word}']\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pods named alike in two folders, and a Dockerfile in a third; cwd at the top."""
    for folder, var in (("deploy/prod", "$HOME"), ("deploy/staging", "$USER")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "pod.yaml").write_text(POD.replace("{var}", var), encoding="utf-8")
    (tmp_path / "services" / "api").mkdir(parents=True)
    (tmp_path / "services" / "api" / "Dockerfile").write_text(
        DOCKERFILE.replace("{word}", "serve"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_WORKSPACE", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


FILES = ["deploy/prod/pod.yaml", "deploy/staging/pod.yaml", "services/api/Dockerfile"]
# (file, line, rule) of each finding the three files give, in order.
EXPECTED = [
    ("deploy/prod/pod.yaml", 9, "CR301"),
    ("deploy/staging/pod.yaml", 9, "CR301"),
    ("services/api/Dockerfile", 4, "CR101"),
]


def _where_sarif(log: dict) -> list[tuple[str, int, str]]:
    (run,) = log["runs"]
    out = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        out.append((location["artifactLocation"]["uri"], location["region"]["startLine"],
                    result["ruleId"]))
    return out


def _where_github(text: str) -> list[tuple[str, int, str]]:
    out = []
    for line in text.splitlines():
        properties = dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("::")[0].split(","))
        out.append((properties["file"], int(properties["line"]), properties["title"].split()[0]))
    return out


def _warnings_and_errors(found: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    return [f for f in found if f[2] in {"CR301", "CR101"}]


@pytest.mark.parametrize("spelling", ["relative", "dot", "absolute"])
def test_each_finding_points_at_its_file_and_line(repo: Path, spelling: str) -> None:
    files = {
        "relative": FILES,
        "dot": [f"./{f}" for f in FILES],
        "absolute": [str(repo / f) for f in FILES],
    }[spelling]
    results = list(resolve(files, Options()))
    assert _warnings_and_errors(_where_sarif(render_sarif(results, RULES))) == EXPECTED
    assert _warnings_and_errors(_where_github(render_github(results, str(repo)))) == EXPECTED


def test_sarif_declares_its_source_root(repo: Path) -> None:
    log = render_sarif(list(resolve(FILES, Options())), RULES)
    root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file:///") and root.endswith("/")
    assert Path(root.removeprefix("file://")).resolve() == repo.resolve()


def test_from_a_subdirectory_paths_stay_right(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from deploy/ with ../services/…: SARIF keeps the given relative path (against
    the current directory); annotations are relative to the workspace, as the runner
    reads them."""
    monkeypatch.chdir(repo / "deploy")
    files = ["prod/pod.yaml", "staging/pod.yaml", "../services/api/Dockerfile"]
    results = list(resolve(files, Options()))
    sarif = _warnings_and_errors(_where_sarif(render_sarif(results, RULES)))
    assert sarif == [
        ("prod/pod.yaml", 9, "CR301"),
        ("staging/pod.yaml", 9, "CR301"),
        ("../services/api/Dockerfile", 4, "CR101"),
    ]
    github = _warnings_and_errors(_where_github(render_github(results, str(repo))))
    assert github == EXPECTED


def test_the_command_reads_the_workspace_from_github_actions(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(repo / "deploy")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    main(["prod/pod.yaml", "staging/pod.yaml", "../services/api/Dockerfile", "-o", "github"])
    found = _warnings_and_errors(_where_github(capsys.readouterr().out))
    assert found == EXPECTED


def test_a_file_outside_the_root_is_absolute(repo: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "Dockerfile"
    elsewhere.write_text(DOCKERFILE.replace("{word}", "x"), encoding="utf-8")
    results = list(resolve([str(elsewhere), *FILES[:2]], Options()))
    (run,) = render_sarif(results, RULES)["runs"]
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in run["results"] if r["ruleId"] == "CR101"]
    assert artifacts == [{"uri": "file://" + str(elsewhere.resolve())}]
    github = _where_github(render_github(results, str(repo)))
    assert (str(elsewhere.resolve()), 4, "CR101") in github


def test_sarif_of_many_files_from_the_command_is_valid(repo: Path, capsys, tmp_path_factory) -> None:
    from jsonschema import Draft4Validator

    outside = tmp_path_factory.mktemp("outside") / "Dockerfile"
    outside.write_text(DOCKERFILE.replace("{word}", "y"), encoding="utf-8")
    main([*FILES, str(outside), "-o", "sarif"])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    errors = list(Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
                  .iter_errors(log))
    assert errors == []
    (run,) = log["runs"]
    located = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]
               if r["ruleId"] in {"CR301", "CR101"}]
    assert located[:3] == [{"uri": f, "uriBaseId": "%SRCROOT%"} for f, _, _ in EXPECTED]
    assert located[3] == {"uri": "file://" + str(outside.resolve())}


# --- -o argv ---


def test_argv_labels_name_the_file_when_there_are_several(repo: Path) -> None:
    lines = [line for line, _ in argv_lines(resolve(FILES, Options()))]
    assert lines == [
        "deploy/prod/pod.yaml:Pod/web/app\techo '$HOME'",
        "deploy/staging/pod.yaml:Pod/web/app\techo '$USER'",
        "services/api/Dockerfile\t/bin/sh -c \"['serve']\"",
    ]
    assert len({line.split("\t")[0] for line in lines}) == 3


def test_argv_labels_of_one_file_stay_short(repo: Path) -> None:
    two = POD + "    - name: side\n      image: busybox:1.36\n      command: [\"true\"]\n"
    (repo / "two.yaml").write_text(two.replace("{var}", "x"), encoding="utf-8")
    lines = [line for line, _ in argv_lines(resolve(["two.yaml"], Options()))]
    assert lines == ["Pod/web/app\techo x", "Pod/web/side\ttrue"]


def test_a_failure_on_stderr_has_the_same_label(repo: Path, capsys) -> None:
    (repo / "empty").mkdir()
    (repo / "empty" / "Dockerfile").write_text("FROM scratch\n", encoding="utf-8")
    no_command = POD.replace("busybox:1.36", "empty:1").replace('command: ["echo", "{var}"]', "")
    (repo / "deploy" / "staging" / "pod.yaml").write_text(no_command, encoding="utf-8")
    main([*FILES[:2], "--image", "empty:1=empty/Dockerfile", "-o", "argv"])
    captured = capsys.readouterr()
    label, line = captured.out.splitlines()[1].split("\t")
    assert label == "deploy/staging/pod.yaml:Pod/web/app" and line.startswith("# ")
    assert f"cmdresolve: {label}: " in captured.err


# --- where.py ---


def test_relative_to(tmp_path: Path) -> None:
    base = str(tmp_path)
    assert relative_to(str(tmp_path / "a" / "b"), base) == "a/b"
    assert relative_to(str(tmp_path.parent / "x"), base) is None
    assert for_tools("<stdin>", base) == ("<stdin>", True)
    assert for_tools("--run", base) == ("--run", True)
    assert for_tools(os.path.join(base, "..", "y"), base) == (str(tmp_path.parent / "y"), False)
