"""CR108 (shell-form-command): what it catches and what it leaves to CR101/CR102."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import cr108_shell_form_command
from cmdresolve.checks.rule import Rule
from cmdresolve.model import NoteKind, Resolution, Span
from cmdresolve.model.frozen import replace
from cmdresolve.render.phrases import finding_message

REST = (
    "the shell is the process the container starts, and whether the program gets SIGTERM "
    "depends on the image's shell; exec form (a JSON array) names the argv"
)
UNKNOWN_STORED = "the shell with one -c script"


def _resolve(tmp_path: Path, text: str, run: str | None = None) -> tuple[str, Resolution]:
    path = tmp_path / "Dockerfile"
    path.write_text(text, encoding="utf-8")
    (result,) = resolve([str(path)], Options(run=run))
    return str(path), result


def _check(result: Resolution) -> list[tuple[str, str, str, str, Span | None]]:
    """Each finding as its rule, severity, message (as the user reads it) and span."""
    found = Rule.of(cr108_shell_form_command).check(result)
    return [(f.code, f.name, f.severity, finding_message(f), f.span) for f in found]


def _finding(keyword: str, stored: str, span: Span) -> tuple[str, str, str, str, Span]:
    message = f"{keyword} is in shell form, so it is stored as {stored}: {REST}"
    return ("CR108", "shell-form-command", "info", message, span)


@pytest.mark.parametrize(
    ("text", "keyword", "stored", "line", "end_line"),
    [
        pytest.param(
            "FROM alpine\nCMD node server.js\n",
            "CMD",
            '["/bin/sh", "-c", "node server.js"]',
            2,
            2,
            id="shell-cmd-final-stage",
        ),
        pytest.param(
            'FROM alpine\nCMD echo one\nCMD ["two"]\n',
            "CMD",
            UNKNOWN_STORED,
            2,
            2,
            id="replaced-shell-cmd",
        ),
        pytest.param(
            'FROM alpine AS base\nENTRYPOINT /bin/base\nFROM base\nENTRYPOINT ["/bin/app"]\n',
            "ENTRYPOINT",
            UNKNOWN_STORED,
            2,
            2,
            id="shell-entrypoint-of-a-base-stage-replaced-by-exec-form",
        ),
        pytest.param(
            "FROM alpine\nENTRYPOINT exec app\nCMD serve --port 80\n",
            "CMD",
            '["/bin/sh", "-c", "serve --port 80"]',
            3,
            3,
            id="shell-cmd-after-shell-entrypoint",
        ),
        pytest.param(
            'FROM alpine\nSHELL ["/bin/bash", "-lc"]\nCMD node \\\n  server.js\n',
            "CMD",
            '["/bin/bash", "-lc", "node   server.js"]',
            3,
            4,
            id="shell-instruction-and-continuation",
        ),
        pytest.param(
            "FROM alpine\nCMD ['a']\nCMD [\"b\"]\n",
            "CMD",
            UNKNOWN_STORED,
            2,
            2,
            id="replaced-broken-json-cmd-cr101-does-not-see",
        ),
        pytest.param(
            "FROM alpine AS base\nONBUILD CMD echo hi\nFROM base\n",
            "CMD",
            '["/bin/sh", "-c", "echo hi"]',
            3,
            3,
            id="onbuild-trigger-run-in-the-child-stage",
        ),
    ],
)
def test_cr108_catches(
    tmp_path: Path, text: str, keyword: str, stored: str, line: int, end_line: int
) -> None:
    df, result = _resolve(tmp_path, text)
    assert _check(result) == [_finding(keyword, stored, Span(df, line, 1, end_line))]


def test_cr108_catches_a_cmd_that_run_arguments_replace(tmp_path: Path) -> None:
    df, result = _resolve(tmp_path, "FROM alpine\nCMD node server.js\n", "docker run img ls")
    assert _check(result) == [_finding("CMD", UNKNOWN_STORED, Span(df, 2, 1, 2))]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('FROM alpine\nENTRYPOINT ["app"]\nCMD ["x"]\n', id="exec-forms"),
        pytest.param('FROM alpine\nENTRYPOINT []\nCMD [ "sh" ]\n', id="empty-exec-entrypoint"),
        pytest.param("FROM alpine\nENTRYPOINT exec app\n", id="running-shell-entrypoint-cr102"),
        pytest.param(
            'FROM alpine\nENTRYPOINT exec app\nCMD ["x"]\n', id="running-shell-entrypoint-with-cmd"
        ),
        pytest.param("FROM alpine\nCMD ['x']\n", id="broken-json-in-argv-cr101"),
        pytest.param('FROM alpine\nENTRYPOINT ["a", "b"\n', id="broken-json-entrypoint-cr101"),
        pytest.param('FROM alpine\nONBUILD CMD echo hi\nCMD ["x"]\n', id="onbuild-not-run-here"),
        pytest.param(
            'FROM alpine AS other\nCMD echo x\nFROM alpine\nCMD ["y"]\n',
            id="stage-the-image-is-not-built-from",
        ),
    ],
)
def test_cr108_not(tmp_path: Path, text: str) -> None:
    assert _check(_resolve(tmp_path, text)[1]) == []


def _script_on_its_own_line(result: Resolution, line: int) -> Resolution:
    """``result`` with each shell-script token placed where the script itself starts
    (a continuation line, column 5), not on the instruction's span."""
    argv = tuple(
        replace(a, span=replace(a.span, line=line, col=5, end_line=line))
        if a.span is not None and a.has_note(NoteKind.SHELL_SCRIPT)
        else a
        for a in result.argv or ()
    )
    return replace(result, argv=argv)


def test_cr108_matches_tokens_by_line_not_by_span(tmp_path: Path) -> None:
    """A script token with its own position still names the stored argv."""
    df, result = _resolve(tmp_path, "FROM alpine\nCMD \\\n    node server.js\n")
    moved = _script_on_its_own_line(result, 3)
    stored = '["/bin/sh", "-c", "node server.js"]'
    assert _check(moved) == [_finding("CMD", stored, Span(df, 2, 1, 3))]


def test_cr108_leaves_a_running_entrypoint_to_cr102_whatever_its_token_span(
    tmp_path: Path,
) -> None:
    _, result = _resolve(tmp_path, "FROM alpine\nENTRYPOINT \\\n    exec app\n")
    assert _check(_script_on_its_own_line(result, 3)) == []
