"""``cmdresolve compose.yaml``: formats, --profile, --env-file, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.cli import main

IMAGE = """    build:
      dockerfile_inline: |
        FROM scratch
        CMD ["c1"]
"""


@pytest.fixture
def compose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COMPOSE_PROFILES", raising=False)
    monkeypatch.delenv("COMPOSE_PROJECT_NAME", raising=False)
    monkeypatch.delenv("GREETING", raising=False)
    path = tmp_path / "compose.yaml"
    path.write_text(
        "name: lab\nservices:\n"
        f"  web:\n{IMAGE}    command: echo ${{GREETING:-hi}} && true\n"
        f"  tools:\n{IMAGE}    profiles: [tools]\n    command: [tool]\n",
        encoding="utf-8",
    )
    return path


def test_argv_output_one_line_per_service(
    compose: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(compose), "-o", "argv", "--fail-on", "never"]) == 0
    assert capsys.readouterr().out == "echo hi\n"


def test_profile_and_env_file(compose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = compose.parent / "other.env"
    env.write_text("GREETING=hello\n", encoding="utf-8")
    code = main(
        [
            str(compose),
            "-o",
            "argv",
            "--profile",
            "tools",
            "--env-file",
            str(env),
            "--fail-on",
            "never",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == "lab/web\techo hello\nlab/tools\ttool\n"


def test_json_contract(compose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main([str(compose), "-o", "json"])
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert (result["runtime"], result["workload"], result["container"]) == ("compose", "lab", "web")
    assert result["container_type"] == "service"
    assert [f["code"] for f in result["findings"]] == ["CR210"]
    assert result["args"][1]["origin"] == "compose.command"


def test_the_cut_fails_by_default(compose: Path) -> None:
    assert main([str(compose), "-q"]) == 1


@pytest.mark.parametrize("fmt", ["text", "sarif", "github"])
def test_every_format_and_korean(
    compose: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main([str(compose), "-o", fmt, "--lang", "ko", "-v"])
    assert capsys.readouterr().out


def test_an_input_error_is_file_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text("services:\n  s:\n    image: x\n    command: [sleep, 10]\n", encoding="utf-8")
    assert main([str(path), "--lang", "en"]) == 2
    assert f"{path}:4:22: services.s.command.1 must be a string" in capsys.readouterr().err


def test_compose_run_line(compose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [str(compose), "--run", "docker compose run tools -- x", "-o", "argv", "--fail-on", "never"]
    )
    assert code == 0
    assert capsys.readouterr().out == "-- x\n"
