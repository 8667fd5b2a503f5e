"""CR109 (entrypoint-script-without-exec) and the reading of a script COPY'd from the
build context (resolve/copied_script.py): the file is read, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import resolve
from cmdresolve.model import Resolution
from cmdresolve.model.final import FinalRule
from cmdresolve.resolve.copied_script import MAX_SCRIPT_BYTES, read_script

SCRIPTS = {
    "execs.sh": '#!/bin/sh\nset -e\n# comment\nchown app /data\nexec "$@"\n',
    "execs-braces.sh": '#!/bin/bash\nexec "${@}"\n\n# trailing comment\n',
    "runs.sh": '#!/bin/sh\necho starting\n"$@"\n',
    "ignores.sh": "#!/bin/bash\necho hi\nsleep 1000\n",
    "maybe.sh": '#!/bin/sh\nif [ "$1" = app ]; then\n  exec gosu app "$@"\nfi\necho no\n',
}


def _build(tmp_path: Path, script: str, copy: str, entrypoint: str) -> list:
    (tmp_path / script).write_text(SCRIPTS[script])
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        f"FROM alpine:3.20\n{copy}\nENTRYPOINT {entrypoint}\nCMD [\"python\", \"app.py\"]\n"
    )
    return list(resolve([str(dockerfile)]))


def _one(tmp_path: Path, dockerfile: str, *scripts: str) -> Resolution:
    """The one result of ``dockerfile`` built in ``tmp_path`` with ``scripts`` there."""
    for name in scripts:
        (tmp_path / name).write_text(SCRIPTS[name])
    (tmp_path / "Dockerfile").write_text(dockerfile)
    (result,) = resolve([str(tmp_path / "Dockerfile")])
    return result


@pytest.mark.parametrize(
    ("script", "rule", "pid1", "flagged"),
    [
        ("execs.sh", FinalRule.SCRIPT_EXECS_ARGS, True, False),
        ("execs-braces.sh", FinalRule.SCRIPT_EXECS_ARGS, True, False),
        ("runs.sh", FinalRule.SCRIPT_RUNS_ARGS, False, True),
        ("ignores.sh", FinalRule.SCRIPT_NO_ARGS, False, True),
        ("maybe.sh", FinalRule.SCRIPT_MAY_EXEC_ARGS, None, False),
    ],
)
def test_copied_script(tmp_path: Path, script: str, rule: FinalRule, pid1: bool | None,
                       flagged: bool) -> None:
    (result,) = _build(tmp_path, script, f"COPY {script} /", f'["/{script}"]')
    final = result.final_process
    assert final is not None
    assert final.rule is rule and final.pid1 is pid1
    codes = [f.code for f in result.findings]
    assert ("CR109" in codes) is flagged
    if rule in (FinalRule.SCRIPT_EXECS_ARGS, FinalRule.SCRIPT_RUNS_ARGS):
        assert final.argv is not None
        assert [a.value for a in final.argv] == ["python", "app.py"]
        assert [a.origin.value for a in final.argv] == ["image.cmd", "image.cmd"]


def test_script_on_path_copied_into_a_folder(tmp_path: Path) -> None:
    (result,) = _build(tmp_path, "runs.sh", "COPY runs.sh /usr/local/bin/", '["runs.sh"]')
    assert result.final_process is not None
    assert result.final_process.shell == "/bin/sh"
    assert [f.code for f in result.findings if f.code == "CR109"] == ["CR109"]


def test_missing_file_is_unknown(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM alpine:3.20\nCOPY gone.sh /\nENTRYPOINT ["/gone.sh"]\n')
    (result,) = resolve([str(dockerfile)])
    assert result.final_process is not None
    assert result.final_process.rule is FinalRule.SCRIPT_UNREAD
    assert result.final_process.pid1 is None
    assert "CR109" not in [f.code for f in result.findings]


def test_copy_from_another_stage_is_not_read(tmp_path: Path) -> None:
    result = _one(
        tmp_path,
        'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b /runs.sh /\n'
        'ENTRYPOINT ["/runs.sh"]\n',
        "runs.sh",
    )
    assert result.final_process is not None
    assert result.final_process.rule is FinalRule.SCRIPT_UNREAD


def test_entrypoint_not_copied_has_no_final_process(tmp_path: Path) -> None:
    (result,) = _build(tmp_path, "runs.sh", "COPY runs.sh /other/", '["/runs.sh"]')
    assert result.final_process is None


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.sh"
    big.write_text("#!/bin/sh\n" + "#" * MAX_SCRIPT_BYTES + '\nexec "$@"\n')
    assert read_script(str(big))[0] is FinalRule.SCRIPT_UNREAD


def test_script_reading_its_parameters_is_the_program(tmp_path: Path) -> None:
    script = tmp_path / "loop.sh"
    script.write_text('#!/bin/bash\ntrap "exit" SIGINT\nINTERVAL=$1\nwhile :; do sleep "$INTERVAL"; done\n')
    assert read_script(str(script))[0] is FinalRule.SCRIPT_TAKES_PARAMS
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM alpine:3.20\nCOPY loop.sh /bin/\nENTRYPOINT ["/bin/loop.sh"]\nCMD ["10"]\n')
    (result,) = resolve([str(dockerfile)])
    assert result.final_process is None
    assert "CR109" not in [f.code for f in result.findings]


def test_a_named_pipe_as_the_script_is_never_opened(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.sh")
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text('FROM alpine:3.20\nCOPY pipe.sh /\nENTRYPOINT ["/pipe.sh"]\n')
    (result,) = resolve([str(dockerfile)])  # would block on open() if it were read
    assert result.final_process is not None
    assert result.final_process.rule is FinalRule.SCRIPT_UNREAD


def test_script_copied_in_a_base_stage_is_read(tmp_path: Path) -> None:
    # The final stage is built FROM the stage that copies the script: the file is there.
    result = _one(
        tmp_path,
        "FROM alpine:3.20 AS base\nCOPY runs.sh /\n"
        'FROM base\nENTRYPOINT ["/runs.sh"]\nCMD ["python", "app.py"]\n',
        "runs.sh",
    )
    final = result.final_process
    assert final is not None and final.rule is FinalRule.SCRIPT_RUNS_ARGS
    assert [a.value for a in final.argv or ()] == ["python", "app.py"]


def test_a_later_copy_to_the_same_path_wins_across_stages(tmp_path: Path) -> None:
    result = _one(
        tmp_path,
        "FROM alpine:3.20 AS base\nCOPY runs.sh /entrypoint.sh\n"
        "FROM base\nCOPY execs.sh /entrypoint.sh\n"
        'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["python", "app.py"]\n',
        "runs.sh",
        "execs.sh",
    )
    assert result.final_process is not None
    assert result.final_process.rule is FinalRule.SCRIPT_EXECS_ARGS


def test_a_stage_built_from_another_copies_nothing_of_a_sibling(tmp_path: Path) -> None:
    result = _one(
        tmp_path,
        "FROM alpine:3.20 AS other\nCOPY runs.sh /\n"
        'FROM alpine:3.20\nENTRYPOINT ["/runs.sh"]\nCMD ["python", "app.py"]\n',
        "runs.sh",
    )
    assert result.final_process is None
