"""Options that match nothing are usage errors (exit 2) with a "did you mean": a
--select/--ignore code or prefix no rule has (also from the config file), a --container
no input's container has, an --image reference no input uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.cli import main

DOCKERFILE = 'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--serve"]\n'
POD = """\
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: wait-for-db, image: busybox:1.36, command: [sleep, "1"]}
  containers:
  - {name: frontend, image: example.com/web:1, command: [/web]}
  - {name: log-shipper, image: example.com/logs:1, command: [/ship]}
"""
APP_POD = "kind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n  - {name: app, image: example.com/app:1}\n"
IMAGE_JSON = '{"config": {"Entrypoint": ["/base"], "Cmd": ["--from-base"]}}'


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Inputs in a fresh directory, which is also the working directory (no config
    file of the checkout applies)."""
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "pod.yaml").write_text(POD)
    (tmp_path / "image.json").write_text(IMAGE_JSON)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def usage_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one stderr line of a run that exits 2 and prints nothing else."""
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def argv_lines(args: list[str], capsys: pytest.CaptureFixture[str], status: int = 0) -> list[str]:
    assert main([*args, "-o", "argv"]) == status
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


# --- --select / --ignore --------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--select", "CR9999"], "--select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"),
        (["--ignore", "CR99"], "--ignore 'CR99': no rule has this code or prefix; did you mean 'CR9'?"),
        (["--select", "CR1,cr1o1"], "--select 'cr1o1': no rule has this code or prefix; did you mean 'CR101'?"),
        (
            ["--select", "CR2", "--select", "exec-form-not-json"],
            "--select 'exec-form-not-json': no rule has this code or prefix; did you mean 'CR101'?",
        ),
        (["--ignore", "CR105", "--ignore", "CR2O5"], "--ignore 'CR2O5': no rule has this code or prefix; did you mean 'CR205'?"),
        (["--select", "XYZ"], "--select 'XYZ': no rule has this code or prefix (see `cmdresolve rules`)"),
    ],
)
def test_error_unknown_rule_code(flags: list[str], message: str, capsys) -> None:
    assert usage_error(["Dockerfile", *flags], capsys) == f"cmdresolve: {message}"


def test_error_unknown_rule_code_comes_before_reading_anything(capsys) -> None:
    line = usage_error(["missing.yaml", "--select", "CR9999"], capsys)
    assert line == "cmdresolve: --select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"


@pytest.mark.parametrize(
    "flags",
    [["--select", "cr1,CR205"], ["--ignore", "CR9"], ["--select", "CR", "--ignore", "CR101"]],
)
def test_codes_and_prefixes_that_pick_rules_still_work(flags: list[str], capsys) -> None:
    assert argv_lines(["Dockerfile", *flags], capsys) == ["/app --serve"]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (".cmdresolve.toml", 'fail-on = "warning"\nselect = [\n  "CR1",\n  "CR9999",\n]\n', 4),
        (".cmdresolve.toml", 'select = ["CR1", "CR9999"]\nignore = ["CR9999"]\n', 1),
        ("pyproject.toml", '[tool.ruff]\nselect = ["CR9999"]\n\n[tool.cmdresolve]\nselect = ["CR9999"]\n', 5),
    ],
)
def test_error_unknown_code_in_the_config_file_names_its_line(
    here: Path, capsys, name: str, text: str, line: int
) -> None:
    (here / name).write_text(text)
    assert usage_error(["Dockerfile"], capsys) == (
        f"cmdresolve: {here / name}:{line}: select 'CR9999': no rule has this code or prefix; did you mean 'CR9'?"
    )


def test_error_unknown_code_in_config_ignore(here: Path, capsys) -> None:
    (here / ".cmdresolve.toml").write_text('ignore = [\n  "CR105", "CR999",\n]\n')
    assert usage_error(["Dockerfile"], capsys) == (
        f"cmdresolve: {here / '.cmdresolve.toml'}:2: ignore 'CR999': no rule has this code or prefix; "
        "did you mean 'CR9'?"
    )


def test_config_codes_that_pick_rules_still_work(here: Path, capsys) -> None:
    (here / ".cmdresolve.toml").write_text('select = ["CR1", "cr901"]\nignore = ["CR105"]\n')
    assert argv_lines(["Dockerfile"], capsys) == ["/app --serve"]


# --- --container ----------------------------------------------------------------------


def test_error_container_with_a_near_name(capsys) -> None:
    line = usage_error(["pod.yaml", "--container", "fronted"], capsys)
    assert line == "cmdresolve: --container 'fronted': no container has this name; did you mean 'frontend'?"


def test_error_container_prints_none_of_the_other_results(capsys) -> None:
    # The Dockerfile alone would print its argv; a filter that matches nothing is a
    # mistake on the command line, so nothing is printed (as for an unknown option).
    line = usage_error(["Dockerfile", "pod.yaml", "--container", "log-shiper", "-o", "json"], capsys)
    assert line.endswith("did you mean 'log-shipper'?")


def test_error_container_without_a_near_name_lists_the_names(capsys) -> None:
    line = usage_error(["pod.yaml", "--container", "zzz"], capsys)
    assert line == (
        "cmdresolve: --container 'zzz': no container has this name "
        "(the inputs have frontend, log-shipper, wait-for-db)"
    )


def test_error_container_lists_at_most_five_names(here: Path, capsys) -> None:
    names = [f"c{i}" for i in range(7)]
    items = "".join(f"  - {{name: {n}, image: busybox, command: [sh]}}\n" for n in names)
    (here / "many.yaml").write_text(f"kind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n{items}")
    line = usage_error(["many.yaml", "--container", "web"], capsys)
    assert line.endswith("(the inputs have c0, c1, c2, c3, c4, …)")


def test_error_container_when_no_input_names_containers(capsys) -> None:
    line = usage_error(["Dockerfile", "--run", "docker run img", "--container", "app"], capsys)
    assert line == (
        "cmdresolve: --container 'app': no input has named containers "
        "(Kubernetes manifests name them)"
    )


@pytest.mark.parametrize("name", ["frontend", "wait-for-db"])
def test_a_container_that_exists_still_works(name: str, capsys) -> None:
    want = {"frontend": "/web", "wait-for-db": "sleep 1"}[name]
    assert argv_lines(["pod.yaml", "--container", name], capsys) == [want]


def test_a_container_in_a_kubectl_run_line_counts(capsys) -> None:
    run = "kubectl run p --image=busybox -- sleep 5"
    assert argv_lines(["--run", run, "--container", "p"], capsys) == ["sleep 5"]


def test_an_input_error_is_said_instead_the_container_may_be_in_that_input(
    here: Path, capsys
) -> None:
    (here / "broken.yaml").write_text("kind: Pod\nmetadata: {name: b}\nspec: [\n")
    assert main(["pod.yaml", "broken.yaml", "--container", "zzz", "-o", "argv"]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith("cmdresolve: broken.yaml:") and "--container" not in line


# --- --image --------------------------------------------------------------------------


def test_error_image_no_input_uses(capsys) -> None:
    line = usage_error(["pod.yaml", "--image", "example.com/wbe:1=image.json"], capsys)
    assert line == (
        "cmdresolve: --image example.com/wbe:1: no FROM, container or run line uses this "
        "image; did you mean example.com/web:1?"
    )


def test_error_image_without_a_near_reference(capsys) -> None:
    line = usage_error(["Dockerfile", "--image", "nginx:1.27=image.json"], capsys)
    assert line == "cmdresolve: --image nginx:1.27: no FROM, container or run line uses this image"


def test_error_image_bound_to_the_dockerfile_no_one_uses(capsys) -> None:
    line = usage_error(["pod.yaml", "--image", "myapp=Dockerfile", "-o", "sarif"], capsys)
    assert line.startswith("cmdresolve: --image myapp: no FROM, container or run line")


@pytest.mark.parametrize(
    ("args", "out"),
    [
        # a pod's image
        (["app.yaml", "--image", "example.com/app:1=image.json"], ["/base --from-base"]),
        # a run line's image
        (["--run", "docker run app:1 x", "--image", "app:1=image.json"], ["/base x"]),
        (["--run", "docker run python:3.12", "--image", "docker.io/library/python:3.12=image.json"], ["/base --from-base"]),
    ],
)
def test_an_image_some_input_uses_still_works(
    here: Path, args: list[str], out: list[str], capsys
) -> None:
    (here / "app.yaml").write_text(APP_POD)
    assert argv_lines(args, capsys) == out


def test_an_image_used_as_the_base_of_a_dockerfile_counts(here: Path, capsys) -> None:
    (here / "app.Dockerfile").write_text('ARG V=3\nFROM base:$V\nCMD ["--app"]\n')
    args = ["app.Dockerfile", "--image", "base:3=image.json"]
    assert argv_lines(args, capsys) == ["/base --app"]


def test_an_image_used_only_by_a_bound_dockerfile_counts(here: Path, capsys) -> None:
    # the pod runs example.com/app:1, bound to app.Dockerfile, FROM base:3, bound to JSON
    (here / "app.yaml").write_text(APP_POD)
    (here / "app.Dockerfile").write_text('FROM base:3\nCMD ["--app"]\n')
    args = ["app.yaml", "--image", "example.com/app:1=app.Dockerfile", "--image", "base:3=image.json"]
    assert argv_lines(args, capsys) == ["/base --app"]


# --- the Python API -------------------------------------------------------------------


def test_the_api_reports_them_in_unmatched_and_resolves_the_rest() -> None:
    answer = resolve(
        ["Dockerfile", "pod.yaml"],
        Options(container="fronted", images={"nope:1": "image.json"}),
    )
    assert [e.message for e in answer.unmatched] == [
        "--container 'fronted': no container has this name; did you mean 'frontend'?",
        "--image nope:1: no FROM, container or run line uses this image",
    ]
    assert answer.errors == []
    assert [r.values for r in answer] == [("/app", "--serve")]  # the filter kept no pod container


def test_the_api_reports_nothing_when_everything_matches() -> None:
    answer = resolve(["pod.yaml"], Options(container="frontend"))
    assert answer.unmatched == []
    assert [json.dumps(r.values) for r in answer] == ['["/web"]']
