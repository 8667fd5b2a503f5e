"""The command line: outputs, exit statuses, and one clean line for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cmdresolve.cli import main

DOCKERFILE = 'FROM scratch\nENTRYPOINT ["python", "app.py"]\nCMD ["--color", "red"]\n'


@pytest.fixture
def dockerfile(tmp_path: Path) -> Path:
    path = tmp_path / "Dockerfile"
    path.write_text(DOCKERFILE)
    return path


def test_argv_output_is_one_quoted_line(dockerfile: Path, capsys) -> None:
    assert main([str(dockerfile), "-o", "argv"]) == 0
    assert capsys.readouterr().out == "python app.py --color red\n"


def test_argv_output_quotes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD echo \"$HOME\" 'x y'\n")
    assert main([str(path), "-o", "argv"]) == 0
    assert capsys.readouterr().out == "/bin/sh -c 'echo \"$HOME\" '\"'\"'x y'\"'\"''\n"


def test_json_output_contract(dockerfile: Path, capsys) -> None:
    assert main([str(dockerfile), "-o", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 1
    (result,) = doc["results"]
    assert result["argv"] == ["python", "app.py", "--color", "red"]
    assert [(a["origin"], a["line"]) for a in result["args"]] == [
        ("image.entrypoint", 2),
        ("image.entrypoint", 2),
        ("image.cmd", 3),
        ("image.cmd", 3),
    ]
    assert list(result)[:8] == [
        "workload",
        "container",
        "container_type",
        "runtime",
        "image",
        "argv",
        "error",
        "args",
    ]


def test_json_output_keeps_each_result_on_one_line(tmp_path: Path, capsys) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - {name: a, image: busybox, command: [sleep, '1']}\n"
        "    - {name: b, image: busybox, command: []}\n"
    )
    assert main([str(pod), "-o", "json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["{", '  "schema_version": 1,', '  "results": [']
    assert lines[5:] == ["  ]", "}"]
    first, second = (json.loads(line.strip().rstrip(",")) for line in lines[3:5])
    assert (first["container"], first["argv"]) == ("a", ["sleep", "1"])
    assert (second["container"], second["argv"]) == ("b", ["sh"])


def test_json_output_with_no_result(tmp_path: Path, capsys) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("kind: List\nitems: []\n")
    assert main([str(path), "-o", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"schema_version": 1, "results": []}


def test_json_cannot_start_exits_1(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD []\n")
    assert main([str(path), "-o", "json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert (result["argv"], result["error"]) == (None, "no command specified")


def test_text_output_shows_argv(dockerfile: Path, capsys) -> None:
    assert main([str(dockerfile)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "  runs  python app.py --color red"  # the answer first, pasteable
    assert "└─ CMD" in lines[3] and "└─ ENTRYPOINT" in lines[4]
    assert lines[-1] == "1 container resolved · no problems"


def test_cannot_start_exits_1(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD []\n")
    assert main([str(path), "-o", "argv"]) == 1
    captured = capsys.readouterr()
    # The result keeps its line (a comment runs nothing), and stderr says why as well.
    assert captured.out == "# cannot start: no command specified\n"
    assert captured.err.strip().endswith("no command specified")


def _bad(args: list[str], capsys, *, others_printed: bool = False) -> str:
    """The one error line of a run that exits 2; the other inputs' results are printed
    (``others_printed``), or there are none."""
    assert main(args) == 2
    captured = capsys.readouterr()
    assert bool(captured.out) == others_printed
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_error_missing_file(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope"
    assert _bad([str(missing)], capsys) == f"cmdresolve: {missing}: no such file"


def test_an_empty_directory_is_walked_and_holds_nothing(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "\n0 files read · 0 containers resolved · no problems\n"
    assert captured.err == ""


def test_no_file_means_the_current_directory(
    dockerfile: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(dockerfile.parent)
    assert main(["-o", "argv"]) == 0
    assert capsys.readouterr().out.strip() != ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1: file with no instructions"),
        (
            b'FROM scratch\nCMD ["a", 1]\n',
            "2:1: when using JSON array syntax, arrays must be comprised of strings only",
        ),
        (b"FROM scratch\nBOGUS x\n", "2:1: unknown instruction: BOGUS"),
        (b"FROM scratch\n\x00\x01\x02", "2: binary content (a NUL byte), not a text file"),
        (b"FROM scratch\nCMD \xff\n", "2:5: not valid UTF-8 (byte 0xff)"),
    ],
)
def test_error_bad_content(tmp_path: Path, capsys, content: bytes, message: str) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(content)
    assert _bad([str(path)], capsys) == f"cmdresolve: {path}:{message}"


def test_error_ten_megabyte_junk(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"x" * (10 * 1024 * 1024))
    assert _bad([str(path)], capsys) == (
        f"cmdresolve: {path}:1: dockerfile line greater than max allowed size of 65535"
    )


def test_ten_megabyte_valid_file_resolves(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    line = "RUN echo " + "x" * 1000 + "\n"
    path.write_text("FROM scratch\n" + line * 10_500 + 'CMD ["done"]\n')
    assert path.stat().st_size > 10 * 1024 * 1024
    assert main([str(path), "-o", "argv"]) == 0
    assert capsys.readouterr().out == "done\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--image", "nopath"], "cmdresolve: --image: expected REF=PATH, got 'nopath'"),
        (["--image", "ref="], "cmdresolve: --image: expected REF=PATH, got 'ref='"),
        (["--build-arg", "=x"], "cmdresolve: --build-arg: expected KEY=VALUE, got '=x'"),
    ],
)
def test_error_bad_options(dockerfile: Path, capsys, args: list[str], message: str) -> None:
    assert _bad([str(dockerfile), *args], capsys) == message


def test_error_unknown_target(dockerfile: Path, capsys) -> None:
    assert _bad([str(dockerfile), "--target", "nope"], capsys) == (
        f'cmdresolve: {dockerfile}: target stage "nope" could not be found'
    )


def test_error_run_unbalanced_quote(capsys) -> None:
    line = _bad(["--run", "docker run 'img"], capsys)
    assert line.startswith("cmdresolve: --run:") and "quot" in line


def test_error_run_without_image(capsys) -> None:
    line = _bad(["--run", "docker run -it"], capsys)
    assert line.startswith("cmdresolve: --run:") and "image" in line


def _imported(args: list[str]) -> set[str]:
    code = (
        "import sys; from cmdresolve.cli import main; "
        f"main({args!r}); print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return set(proc.stderr.split())


def test_json_output_never_imports_rich_or_yaml(dockerfile: Path) -> None:
    modules = _imported([str(dockerfile), "-o", "json"])
    assert "cmdresolve.render.json" in modules
    assert not {m for m in modules if m.split(".")[0] in ("rich", "yaml")}


def test_dockerfile_text_run_never_imports_yaml_or_rich(dockerfile: Path) -> None:
    modules = _imported([str(dockerfile)])
    assert "cmdresolve.render.text" in modules
    assert not {m for m in modules if m.split(".")[0] in ("rich", "yaml")}


def test_error_env_file_with_space_in_name(dockerfile: Path, tmp_path: Path, capsys) -> None:
    env = tmp_path / "bad.env"
    env.write_text("OK=1\nMY VAR=2\n")
    line = _bad(
        [str(dockerfile), "--run", f"docker run --env-file {env} img"], capsys, others_printed=True
    )
    assert line == (
        f"cmdresolve: {env}:2: poorly formatted environment: variable 'MY VAR' contains whitespaces"
    )


def test_error_missing_env_file(dockerfile: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "none.env"
    line = _bad(
        [str(dockerfile), "--run", f"docker run --env-file {missing} img"],
        capsys,
        others_printed=True,
    )
    assert line == f"cmdresolve: {missing}: no such file"


@pytest.mark.parametrize("columns", ["80", "60", "200"])
def test_rules_lists_every_rule_with_its_severity(capsys, monkeypatch, columns: str) -> None:
    from cmdresolve.checks import RULES

    monkeypatch.setenv("COLUMNS", columns)
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if not line.startswith(" ")]
    assert [row.split()[:3] for row in rows] == [[r.code, r.name, r.severity] for r in RULES]
    assert max(len(line) for line in lines) <= int(columns)
    assert (len(lines) == len(RULES)) == (columns == "200")


def test_rule_prints_its_documentation_laid_out(capsys, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["rule", "cr901"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "CR901 no-command (error)\n"
        "  nothing is left to run: the container cannot start\n\n"
        "What it does\n"
        "  Reports a container that cannot start because nothing is left to run: no\n"
    )
    assert "\nReferences\n  - moby/moby `daemon/create.go`" in out
    assert "\n    FROM scratch\n    COPY app /app\n    CMD []\n" in out
    assert "#" not in out and "```" not in out and "\x1b" not in out  # not a terminal


def test_rule_wraps_to_the_terminal_width(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert main(["rule", "CR105"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 50
    assert lines[5:7] == [
        "  Reports an ENTRYPOINT that drops the CMD",
        "  inherited from the base image (or base stage),",
    ]


@pytest.mark.parametrize(("no_color", "bold"), [(None, True), ("1", False), ("", True)])
def test_rule_headings_are_bold_on_a_terminal_without_no_color(
    capsys, monkeypatch, no_color: str | None, bold: bool
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["rule", "CR901"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (lines[0] == "\x1b[1mCR901 no-command (error)\x1b[0m") == bold
    assert ("\x1b[1mWhat it does\x1b[0m" in lines) == bold
    assert ("What it does" in lines) != bold


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rule"], "cmdresolve: rule: expected a rule code (see `cmdresolve rules`)"),
        (
            ["rule", "CR999"],
            "cmdresolve: rule: expected a known rule code, got 'CR999' (see `cmdresolve rules`)",
        ),
        (
            ["rule", "CR1O1"],
            "cmdresolve: rule: expected a known rule code, got 'CR1O1'; did you mean 'CR101'?",
        ),
        (
            ["rule", "program-is-a-flag"],
            "cmdresolve: rule: expected a known rule code, got 'program-is-a-flag'; "
            "did you mean 'CR205'?",
        ),
        (["rules", "x"], "cmdresolve: rules takes no arguments"),
    ],
)
def test_error_rule_commands(args: list[str], message: str, capsys) -> None:
    assert _bad(args, capsys) == message


def _unknown_image_pod(tmp_path: Path) -> str:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: example.com/x}\n"
    )
    return str(pod)


@pytest.mark.parametrize(
    ("flags", "status"),
    [
        ([], 0),  # CR902 is info; the default threshold is error
        (["--fail-on", "warning"], 0),
        (["--fail-on", "info"], 1),
        (["--fail-on", "info", "--ignore", "CR902"], 0),
        (["--fail-on", "info", "--select", "CR1,CR901"], 0),
        (["--fail-on", "info", "--select", "cr9"], 1),
    ],
)
def test_fail_on_and_selection(tmp_path: Path, capsys, flags: list[str], status: int) -> None:
    assert main([_unknown_image_pod(tmp_path), "-o", "json", *flags]) == status
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["results"][0]["findings"]]
    selected_away = {"--ignore", "--select"} & set(flags) and status == 0
    assert codes == ([] if selected_away else ["CR902"])


def test_fail_on_never_still_fails_when_a_container_cannot_start(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD []\n")
    assert main([str(path), "-o", "json", "--fail-on", "never"]) == 1


def test_sarif_output_carries_the_selected_rules_and_findings(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD []\n")
    assert main([str(path), "-o", "sarif", "--select", "CR9"]) == 1
    (run,) = json.loads(capsys.readouterr().out)["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CR901", "CR902", "CR903"]
    (result,) = run["results"]
    assert (result["ruleId"], result["level"]) == ("CR901", "error")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_github_output_is_one_annotation_per_finding(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM scratch\nCMD []\n")
    assert main([str(path), "-o", "github"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"::error file={path},line=2,col=1,title=CR901 no-command::no ENTRYPOINT"
    )


def test_pre_commit_hooks_run_this_cli() -> None:
    import re
    import shlex

    import yaml

    from cmdresolve.cli import parse_args

    root = Path(__file__).resolve().parents[2]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    ids = [h["id"] for h in hooks]
    assert ids == ["cmdresolve", "cmdresolve-dockerfile", "cmdresolve-kubernetes"]
    for hook in hooks:
        program, *flags = shlex.split(hook["entry"])
        assert program == "cmdresolve"
        parsed = parse_args([*flags, "Dockerfile"])
        assert parsed.output == "github" and parsed.repository
    everything, dockerfiles, manifests = (re.compile(h["files"]) for h in hooks)
    assert all(everything.search(p) for p in ("Dockerfile", "a/api.Dockerfile", "c.yml", "d.json"))
    assert not everything.search("README.md")
    assert all(dockerfiles.search(p) for p in ("Dockerfile", "app/Dockerfile.dev", "x.dockerfile"))
    assert not dockerfiles.search("docs/Dockerfiles.md")
    assert manifests.search("deploy/web/pod.yaml") and not manifests.search(".github/ci.yml")


def test_yaml_scalar_error_carries_its_rule_and_is_not_ignorable(tmp_path: Path, capsys) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - {name: c, image: busybox, command: [echo, on]}\n"
    )
    # The API server refuses the manifest, so no flag turns this into a pass.
    assert main([str(pod), "--ignore", "CR303", "--fail-on", "never"]) == 2
    assert capsys.readouterr().err == (
        f"cmdresolve: {pod}:5: CR303 spec.containers[0].command[1]: must be a string, got "
        'boolean true (YAML reads an unquoted on as a boolean; quote it: "on")\n'
    )
    assert main(["rule", "CR303"]) == 0
    assert "\nWhat it does\n" in capsys.readouterr().out
