"""The Python API end to end: bindings, the catalog, unknown images, ONBUILD from configs."""

from __future__ import annotations

import json
from pathlib import Path

from cmdresolve.api import Options, resolve
from cmdresolve.render.phrases import failure_text, note_text, unknown_reason

DATA = Path(__file__).resolve().parent / "data" / "image_configs"
REDIS = str(DATA / "docker_inspect_object.json")


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_from_bound_inspect_json_inherits_entrypoint_and_shell(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM myredis\nCMD run me\n")
    (result,) = resolve([df], Options(images={"myredis": REDIS}))
    # Config.Shell of the base wraps the shell-form CMD; the base ENTRYPOINT stays.
    assert result.values == ("docker-entrypoint.sh", "/bin/bash", "-o", "pipefail", "-c", "run me")
    assert result.working_dir == "/data"


def test_onbuild_triggers_of_a_bound_config_run_in_the_child(tmp_path: Path) -> None:
    config = {"Config": {"Cmd": ["base"], "OnBuild": ['CMD ["from-trigger"]']}, "Os": "linux"}
    path = _write(tmp_path, "base.json", json.dumps(config))
    df = _write(tmp_path, "Dockerfile", "FROM base\n")
    (result,) = resolve([df], Options(images={"base": path}))
    assert result.values == ("from-trigger",)


def test_bad_onbuild_trigger_of_a_config_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "base.json", json.dumps({"Config": {"OnBuild": ["BOGUS x"]}}))
    df = _write(tmp_path, "Dockerfile", "FROM base\n")
    answer = resolve([df], Options(images={"base": path}))
    assert list(answer) == []
    assert [str(e) for e in answer.errors] == [
        f"{df}:1:1: ONBUILD trigger 'BOGUS x' fails: unknown instruction: BOGUS"
    ]


def test_from_bound_dockerfile_chain(tmp_path: Path) -> None:
    base = _write(tmp_path, "base.Dockerfile", 'FROM scratch\nENTRYPOINT ["/e"]\nCMD ["c"]\n')
    df = _write(tmp_path, "Dockerfile", 'FROM company/base:1\nCMD ["d"]\n')
    (result,) = resolve([df], Options(images={"docker.io/company/base:1": base}))
    assert result.values == ("/e", "d")
    assert result.argv[0].span.file == base


def test_binding_a_dockerfile_to_itself_is_an_error(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM loop\n")
    answer = resolve([df], Options(images={"loop": df}))
    (error,) = answer.errors
    assert "builds from itself" in str(error)


def test_catalog_base(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM python:3.12-slim\nWORKDIR app\n")
    (result,) = resolve([df])
    assert (result.values, result.working_dir) == (("python3",), "/app")
    assert result.argv[0].span.file == "catalog:python:3.12-slim"


def test_run_line_on_unknown_image_is_an_explicit_unknown() -> None:
    (result,) = resolve([], Options(run="docker run example.com/private/app:7 --flag"))
    assert (result.values, _error(result)) == (None, None)
    assert "argv" in result.incomplete
    assert "--image example.com/private/app:7=PATH" in unknown_reason(result.unknowns[0])


def test_entrypoint_flag_on_unknown_image_needs_nothing_from_it() -> None:
    (result,) = resolve(
        [], Options(run="docker run --entrypoint /bin/true example.com/private/app:7 x")
    )
    assert result.values == ("/bin/true", "x")
    assert "argv" not in result.incomplete


def test_run_line_on_catalog_image() -> None:
    (result,) = resolve([], Options(run="docker run --rm -it nginx:1.27"))
    assert result.values == ("/docker-entrypoint.sh", "nginx", "-g", "daemon off;")


def test_unknown_base_with_exec_entrypoint_is_known(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", 'FROM private/img\nENTRYPOINT ["/app"]\n')
    (result,) = resolve([df])
    assert result.values == ("/app",)
    assert "private/img" in unknown_reason(result.unknowns[0])


def test_unknown_base_with_shell_form_is_unknown(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM private/img\nENTRYPOINT run.sh\n")
    (result,) = resolve([df])
    assert result.values is None
    assert any("SHELL is not known" in unknown_reason(u) for u in result.unknowns)


def test_unknown_base_cmd_only_keeps_entrypoint_unknown(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", 'FROM private/img\nCMD ["x"]\n')
    (result,) = resolve([df])
    assert result.values is None
    assert any("ENTRYPOINT is not known" in unknown_reason(u) for u in result.unknowns)


def test_init_keeps_the_shell_positionals_marked(tmp_path: Path) -> None:
    df = tmp_path / "Dockerfile"
    df.write_text("FROM scratch\nENTRYPOINT exec app\n")
    (result,) = resolve([str(df)], Options(run="docker run --init img a b"))
    assert result.values == ("/sbin/docker-init", "--", "/bin/sh", "-c", "exec app", "a", "b")
    assert [note_text(a) for a in result.argv[-2:]] == [
        "$0 of the shell script: ignored unless the script uses it",
        "$1 of the shell script: ignored unless the script uses it",
    ]
    assert "shell.positionals" in [s.rule for s in result.steps]


def _error(result: object) -> str | None:
    error = result.error  # type: ignore[attr-defined]
    return None if error is None else failure_text(error)
