"""HEALTHCHECK, ``docker run --health-*`` and compose ``healthcheck``: what is stored, what
the container gets, what the daemon execs (docs/semantics.md §13.2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import InputError, NoteKind, Origin, Resolution, StepKind
from cmdresolve.model.process import Handler, Process
from cmdresolve.sources.dockerfile import parse_dockerfile
from cmdresolve.sources.image.config import image_config

FROM = "FROM scratch\n"

Resolver = Callable[..., Resolution]  # the resolve_text fixture (tests/conftest.py)


def check(result: Resolution) -> Process:
    (found,) = [p for p in result.processes if p.kind == "healthcheck"]
    return found


def argv(process: Process) -> tuple[str, ...] | None:
    return None if process.argv is None else tuple(a.value for a in process.argv)


@pytest.mark.parametrize(
    ("instruction", "stored"),
    [
        ('HEALTHCHECK CMD ["curl", "-f", "x"]', ("CMD", "curl", "-f", "x")),
        ("HEALTHCHECK --interval=5s CMD curl -f x || exit 1", ("CMD-SHELL", "curl -f x || exit 1")),
        ('HEALTHCHECK cmd ["a"]', ("CMD", "a")),
        ("HEALTHCHECK NONE", ("NONE",)),
        ("HEALTHCHECK CMD [ 'single' ]", ("CMD-SHELL", "[ 'single' ]")),
    ],
)
def test_the_dockerfile_stores_the_test_buildkit_stores(
    resolve_text: Resolver, instruction: str, stored: tuple[str, ...]
) -> None:
    config = resolve_text(FROM + instruction + "\nCMD [\"x\"]\n").image_config
    assert config is not None and config.healthcheck is not None
    health = config.healthcheck
    assert (health.test, *(a.value for a in health.args)) == stored
    assert all(a.origin is Origin.IMAGE_HEALTHCHECK for a in health.args)


def test_exec_form_is_the_argv_as_given(resolve_text: Resolver) -> None:
    process = check(resolve_text(FROM + 'HEALTHCHECK CMD ["curl", "-f", "a b"]\nCMD ["x"]\n'))
    assert (process.handler, argv(process), process.shell) == (
        Handler.CMD, ("curl", "-f", "a b"), None)
    assert process.span is not None and process.span.line == 2
    assert [s.kind for s in process.steps] == [StepKind.HEALTHCHECK_EXEC]


def test_shell_form_runs_in_bin_sh_even_under_a_shell_instruction(resolve_text: Resolver) -> None:
    text = FROM + 'SHELL ["/bin/bash", "-c"]\nHEALTHCHECK CMD curl -f x\nCMD ["x"]\n'
    process = check(resolve_text(text))
    assert (process.handler, argv(process)) == (Handler.CMD_SHELL, ("/bin/sh", "-c", "curl -f x"))
    assert process.shell == ("/bin/sh", "-c")
    assert process.argv is not None and process.argv[0].origin is Origin.HEALTHCHECK_SHELL
    assert process.argv[2].has_note(NoteKind.SHELL_SCRIPT)
    assert StepKind.HEALTHCHECK_SHELL in [s.kind for s in process.steps]


def test_a_windows_image_runs_cmd_shell_in_cmd(tmp_path: Path) -> None:
    path = tmp_path / "win.json"
    path.write_text(json.dumps({"Os": "windows", "Config": {
        "Cmd": ["x"], "Healthcheck": {"Test": ["CMD-SHELL", "ping -n 1 h"]}}}))
    (result,) = resolve([], Options(run="docker run win", images={"win": str(path)}))
    assert argv(check(result)) == ("cmd", "/S", "/C", "ping -n 1 h")


def test_the_last_healthcheck_wins_and_is_inherited_by_a_later_stage(
    resolve_text: Resolver,
) -> None:
    text = ('FROM scratch AS base\nHEALTHCHECK CMD ["first"]\nHEALTHCHECK CMD ["second"]\n'
            'FROM base\nCMD ["x"]\n')  # fmt: skip
    assert argv(check(resolve_text(text))) == ("second",)


def test_healthcheck_none_switches_an_inherited_one_off(resolve_text: Resolver) -> None:
    text = 'FROM scratch AS base\nHEALTHCHECK CMD ["a"]\nFROM base\nHEALTHCHECK NONE\nCMD ["x"]\n'
    process = check(resolve_text(text))
    assert (process.handler, process.argv, process.runs) == (Handler.NONE, None, False)


def test_an_onbuild_healthcheck_is_set_in_the_child(resolve_text: Resolver) -> None:
    text = 'FROM scratch AS base\nONBUILD HEALTHCHECK CMD ["ob"]\nFROM base\nCMD ["x"]\n'
    assert argv(check(resolve_text(text))) == ("ob",)


def test_no_healthcheck_no_process(resolve_text: Resolver) -> None:
    assert resolve_text(FROM + 'CMD ["x"]\n').processes == ()


def test_an_unknown_base_image_leaves_the_check_unknown_not_absent(
    resolve_text: Resolver,
) -> None:
    result = resolve_text('FROM nowhere.example/img:1\nCMD ["x"]\n')
    assert result.image_config is not None and not result.image_config.knows("healthcheck")
    assert result.processes == ()


IMAGE = json.dumps([{"Config": {"Cmd": ["serve"],
                                "Healthcheck": {"Test": ["CMD", "/probe", "x"]}}}])  # fmt: skip


def run_on_image(tmp_path: Path, line: str) -> Resolution:
    path = tmp_path / "img.json"
    path.write_text(IMAGE)
    answer = resolve([], Options(run=line, images={"img": str(path)}))
    results = list(answer)
    if answer.errors:
        raise answer.errors[0]
    return results[0]


@pytest.mark.parametrize(
    ("options", "handler", "expected", "steps"),
    [
        ("", Handler.CMD, ("/probe", "x"), [StepKind.HEALTHCHECK_EXEC]),
        ("--health-cmd 'curl -f y'", Handler.CMD_SHELL, ("/bin/sh", "-c", "curl -f y"),
         [StepKind.HEALTHCHECK_OVERRIDE, StepKind.HEALTHCHECK_EXEC, StepKind.HEALTHCHECK_SHELL]),
        ("--health-interval 5s", Handler.CMD, ("/probe", "x"),
         [StepKind.HEALTHCHECK_KEEPS_IMAGE_TEST, StepKind.HEALTHCHECK_EXEC]),
        ("--health-interval 0s", Handler.CMD, ("/probe", "x"), [StepKind.HEALTHCHECK_EXEC]),
        ("--no-healthcheck", Handler.NONE, None,
         [StepKind.HEALTHCHECK_OVERRIDE, StepKind.HEALTHCHECK_NONE]),
        ("--health-cmd ''", Handler.CMD, ("/probe", "x"), [StepKind.HEALTHCHECK_EXEC]),
    ],
)  # fmt: skip
def test_run_options_against_the_image_check(
    tmp_path: Path,
    options: str,
    handler: Handler,
    expected: tuple[str, ...] | None,
    steps: list[StepKind],
) -> None:
    process = check(run_on_image(tmp_path, f"docker run {options} img"))
    assert (process.handler, argv(process)) == (handler, expected)
    assert [s.kind for s in process.steps] == steps


def test_health_cmd_keeps_its_column(tmp_path: Path) -> None:
    process = check(run_on_image(tmp_path, "docker run --health-cmd 'x y' img"))
    assert process.argv is not None and process.argv[2].origin is Origin.RUN_HEALTHCHECK
    assert process.argv[2].span is not None and process.argv[2].span.col == 25


def test_error_no_healthcheck_with_a_health_option(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        run_on_image(tmp_path, "docker run --no-healthcheck --health-retries 3 img")
    assert caught.value.message == (
        "`docker run` would refuse this line: --no-healthcheck conflicts with --health-* options")


@pytest.mark.parametrize(
    ("config", "stored"),
    [
        ({"Healthcheck": {"Test": ["CMD-SHELL", "a"]}}, ("CMD-SHELL", "a")),
        ({"Healthcheck": {"Test": ["NONE"]}}, ("NONE",)),
        ({"Healthcheck": {"Test": []}}, (None,)),
        ({"Healthcheck": {"Interval": 5}}, (None,)),
        ({"Healthcheck": None}, None),
        ({}, None),
    ],
)
def test_image_config_healthcheck(config: dict[str, object], stored: tuple[object, ...] | None
                                  ) -> None:  # fmt: skip
    read = image_config(json.dumps({"Config": config}), "img.json").healthcheck
    assert (None if read is None else (read.test, *(a.value for a in read.args))) == stored


def test_error_image_config_healthcheck_not_an_object() -> None:
    with pytest.raises(InputError) as caught:
        image_config(json.dumps({"Config": {"Healthcheck": ["CMD", "x"]}}), "img.json")
    assert caught.value.message == "Config.Healthcheck must be an object, got array"


def test_error_image_config_test_not_strings() -> None:
    with pytest.raises(InputError) as caught:
        image_config(json.dumps({"Config": {"Healthcheck": {"Test": ["CMD", 1]}}}), "img.json")
    assert caught.value.message == "Config.Healthcheck.Test[1] must be a string, got integer 1"


def test_parsed_instruction_keeps_the_command() -> None:
    stage = parse_dockerfile("FROM x\nHEALTHCHECK CMD a b\nHEALTHCHECK NONE\n").stages[0]
    first, second = stage.instructions
    assert first.command is not None and second.command is None


def test_each_element_keeps_its_column(resolve_text: Resolver) -> None:
    result = resolve_text('FROM scratch\nHEALTHCHECK --retries=2 CMD ["curl", "-f x"]\nCMD ["x"]\n')
    process = check(result)
    assert process.argv is not None
    assert [(a.span.line, a.span.col) for a in process.argv if a.span] == [(2, 30), (2, 38)]


def test_the_shell_form_script_starts_after_the_type(resolve_text: Resolver) -> None:
    process = check(resolve_text("FROM scratch\nHEALTHCHECK   cmd   curl x\nCMD [\"x\"]\n"))
    assert process.argv is not None and process.argv[2].span is not None
    assert (process.argv[2].span.line, process.argv[2].span.col) == (2, 21)


def test_podman_health_options_are_not_known(tmp_path: Path) -> None:
    process = check(run_on_image(tmp_path, 'podman run --health-cmd \'["a"]\' img'))
    assert (process.handler, process.argv) == (Handler.UNKNOWN, None)
    assert [u.kind.value for u in process.unknowns] == ["podman.healthcheck"]


def test_podman_without_health_options_keeps_the_image_check(tmp_path: Path) -> None:
    assert argv(check(run_on_image(tmp_path, "podman run img"))) == ("/probe", "x")
