"""Every cell of the Docker reference's CMD × ENTRYPOINT table, as exact argv.

Source: BuildKit ``frontend/dockerfile/docs/reference.md`` "Understand how CMD and
ENTRYPOINT interact"; exact argv per docs/semantics.md §6.1 (confirmed on a real
engine, §9). ``FROM scratch`` keeps the base image out of the picture.
"""

from __future__ import annotations

import pytest

from cmdresolve.render.phrases import failure_text, note_text

ENTRYPOINTS = {
    "none": "",
    "shell": "ENTRYPOINT exec_entry p1_entry\n",
    "exec": 'ENTRYPOINT ["exec_entry", "p1_entry"]\n',
}
CMDS = {
    "none": "",
    "exec": 'CMD ["exec_cmd", "p1_cmd"]\n',
    "shell": "CMD exec_cmd p1_cmd\n",
}
SH = ["/bin/sh", "-c"]
MATRIX = {
    ("none", "none"): None,
    ("none", "shell"): [*SH, "exec_entry p1_entry"],
    ("none", "exec"): ["exec_entry", "p1_entry"],
    ("exec", "none"): ["exec_cmd", "p1_cmd"],
    ("exec", "shell"): [*SH, "exec_entry p1_entry", "exec_cmd", "p1_cmd"],
    ("exec", "exec"): ["exec_entry", "p1_entry", "exec_cmd", "p1_cmd"],
    ("shell", "none"): [*SH, "exec_cmd p1_cmd"],
    ("shell", "shell"): [*SH, "exec_entry p1_entry", *SH, "exec_cmd p1_cmd"],
    ("shell", "exec"): ["exec_entry", "p1_entry", *SH, "exec_cmd p1_cmd"],
}


@pytest.mark.parametrize(("cmd", "entrypoint"), sorted(MATRIX))
@pytest.mark.parametrize("order", ["entrypoint-first", "cmd-first"])
def test_matrix_cell(resolve_text, cmd: str, entrypoint: str, order: str) -> None:
    body = ENTRYPOINTS[entrypoint] + CMDS[cmd]
    if order == "cmd-first":
        body = CMDS[cmd] + ENTRYPOINTS[entrypoint]
    result = resolve_text("FROM scratch\n" + body)
    expected = MATRIX[(cmd, entrypoint)]
    if expected is None:
        assert (result.values, _error(result)) == (None, "no command specified")
    else:
        assert (result.values, _error(result)) == (tuple(expected), None)


def test_shell_entrypoint_marks_cmd_as_positionals(resolve_text) -> None:
    result = resolve_text(
        'FROM scratch\nENTRYPOINT exec_entry p1_entry\nCMD ["exec_cmd", "p1_cmd"]\n'
    )
    notes = [note_text(a) for a in result.argv[3:]]
    assert notes == [
        "$0 of the shell script: ignored unless the script uses it",
        "$1 of the shell script: ignored unless the script uses it",
    ]


@pytest.mark.parametrize(
    "shell", ['["/bin/bash", "-o", "pipefail", "-c"]', '["bash", "-ec"]', '["/bin/sh", "-ce"]']
)
def test_a_shell_instruction_with_options_marks_cmd_as_positionals(resolve_text, shell) -> None:
    result = resolve_text(f'FROM scratch\nSHELL {shell}\nENTRYPOINT run\nCMD ["a"]\n')
    assert note_text(result.argv[-1]) == "$0 of the shell script: ignored unless the script uses it"


@pytest.mark.parametrize("shell", ['["powershell", "-command"]', '["/bin/sh", "-x"]'])
def test_a_shell_that_reads_no_c_script_marks_nothing(resolve_text, shell) -> None:
    result = resolve_text(f'FROM scratch\nSHELL {shell}\nENTRYPOINT run\nCMD ["a"]\n')
    assert note_text(result.argv[-1]) is None


def _error(result: object) -> str | None:
    error = result.error  # type: ignore[attr-defined]
    return None if error is None else failure_text(error)
