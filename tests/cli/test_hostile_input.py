"""Hostile and odd input, class by class: one clear line and exit 2, never a traceback,
and the other inputs still resolved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cmdresolve.cli import main
from cmdresolve.sources import text as text_source

GOOD = 'FROM scratch\nCMD ["ok"]\n'


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _errors(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    captured = capsys.readouterr()
    return captured.out, captured.err.splitlines()


# --- an input error never stops the other inputs ------------------------------------


def test_bad_input_does_not_stop_the_others(tmp_path: Path, capsys) -> None:
    good = _write(tmp_path, "Dockerfile", GOOD)
    bad = _write(tmp_path, "bad.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n")
    missing = str(tmp_path / "missing")
    assert main([bad, good, missing, "-o", "argv"]) == 2
    out, err = _errors(capsys)
    assert out == "ok\n"
    assert [line.split(": ", 2)[1] for line in err] == [f"{bad}:4:1", missing]


def test_bad_image_binding_leaves_the_image_unknown(tmp_path: Path, capsys) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM base\n")
    broken = _write(tmp_path, "base.json", "{")
    assert main([df, "--image", f"base={broken}", "-o", "json"]) == 2
    out, err = _errors(capsys)
    (result,) = json.loads(out)["results"]
    assert result["argv"] is None and "base" in result["unknowns"][0]["reason"]
    assert len(err) == 1 and err[0].startswith(f"cmdresolve: {broken}:1:2: ")


# --- tracebacks, each class fixed at its cause ---------------------------------------


@pytest.mark.parametrize("keyword", ["CMD", "ONBUILD CMD"])
def test_exec_form_nested_past_python_recursion(tmp_path: Path, capsys, keyword: str) -> None:
    df = _write(tmp_path, "Dockerfile", f"FROM scratch\n{keyword} " + "[" * 3000 + "]" * 3000 + "\n")
    assert main([df]) == 2
    _, err = _errors(capsys)
    assert err == [
        f"cmdresolve: {df}:2:1: when using JSON array syntax, arrays must be comprised of strings only"
    ]


def test_unclosed_deep_exec_form_is_shell_form(tmp_path: Path, capsys) -> None:
    df = _write(tmp_path, "Dockerfile", "FROM scratch\nCMD " + "[" * 1000 + "\n")
    assert main([df, "-o", "json"]) == 1  # CR101 says why it is not exec form
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["argv"] == ["/bin/sh", "-c", "[" * 1000]


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_integer_past_python_digit_limit(tmp_path: Path, capsys, suffix: str) -> None:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "image": "busybox", "args": ["ARG"]}]},
    }
    text = json.dumps(pod, indent=1).replace('"ARG"', "9" * 5000)
    path = _write(tmp_path, f"pod.{suffix}", text)
    assert main([path]) == 2
    _, err = _errors(capsys)
    (line,) = err
    assert line.startswith(f"cmdresolve: {path}:") and "got integer 999" in line
    assert "(5000 characters)" in line and len(line) < 400  # the value is cut, not echoed


@pytest.mark.parametrize("encoded", ["/w==", "not base64!", "é"])
def test_secret_data_that_is_not_base64(tmp_path: Path, capsys, encoded: str) -> None:
    text = (
        f'apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  k: "{encoded}"\n---\n'
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - {name: c, image: busybox, envFrom: [{secretRef: {name: s}}]}\n"
    )
    path = _write(tmp_path, "pod.yaml", text)
    assert main([path]) == 2
    _, err = _errors(capsys)
    (line,) = err
    assert line.startswith(f"cmdresolve: {path}:5: data.k: ")


def test_stdin_closed() -> None:
    """``cmdresolve - <&-``: Python starts with ``sys.stdin`` None."""
    script = f"{sys.executable} -c 'from cmdresolve.cli import run; run()' - <&-"
    child = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (child.returncode, child.stderr) == (2, "cmdresolve: <stdin>: standard input is closed\n")


def test_stdout_closed_by_the_reader_prints_no_broken_pipe(tmp_path: Path) -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    pod += "".join(f"  - {{name: c{i}, image: busybox, command: [echo, '{i}']}}\n" for i in range(400))
    files = [_write(tmp_path, "pod.yaml", pod)]  # far more output than a pipe holds
    for output in ("text", "json", "argv"):
        script = (
            f"{sys.executable} -c 'from cmdresolve.cli import run; run()' "
            + " ".join(files)
            + f" -o {output} | head -c 10 >/dev/null"
        )
        child = subprocess.run(
            ["bash", "-o", "pipefail", "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert child.stderr == "", output
        assert child.returncode in (0, 1), output


def test_stdout_closed_from_the_start(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", GOOD)
    child = subprocess.run(
        ["bash", "-c", f"{sys.executable} -c 'from cmdresolve.cli import run; run()' {df} >&-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in child.stderr
    assert child.returncode in (0, 1, 2)


def test_unexpected_exception_is_one_internal_error_line(tmp_path: Path) -> None:
    df = _write(tmp_path, "Dockerfile", GOOD)
    code = (
        "import cmdresolve.discover.inputs as inputs\n"
        "def boom(*a, **k): raise ZeroDivisionError('x')\n"
        "inputs.parse_dockerfile = boom\n"
        "from cmdresolve.cli import run; run()\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code, df], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 2
    assert child.stderr == (
        f"cmdresolve: {df}: internal error, please report: ZeroDivisionError "
        "(CMDRESOLVE_TRACEBACK=1 shows where)\n"
    )


def test_a_directory_and_a_file_in_it_read_the_file_once(tmp_path: Path, capsys) -> None:
    good = _write(tmp_path, "Dockerfile", GOOD)
    assert main([str(tmp_path), good, "-o", "argv"]) == 0
    out, err = _errors(capsys)
    assert out == "ok\n"
    assert err == []


def test_unreadable_file(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "Dockerfile", GOOD)

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert main([path]) == 2
    _, err = _errors(capsys)
    assert err == [f"cmdresolve: {path}: cannot read: Permission denied"]


def test_fifo_is_read_like_a_file(tmp_path: Path) -> None:
    """Process substitution, ``cmdresolve <(cat Dockerfile)``, hands over a pipe."""
    df = _write(tmp_path, "Dockerfile", GOOD)
    script = f"{sys.executable} -c 'from cmdresolve.cli import run; run()' <(cat {df}) -o argv"
    child = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (child.returncode, child.stdout, child.stderr) == (0, "ok\n", "")


@pytest.mark.parametrize("output", ["text", "json"])
def test_named_fifo_with_a_finding_is_not_opened_again(tmp_path: Path, output: str) -> None:
    """A finding's ignore comments and source line are read again from the file; a
    FIFO, read to its end once, would wait for a writer that never comes."""
    fifo = tmp_path / "Dockerfile"
    os.mkfifo(fifo)
    script = (
        f"printf 'FROM alpine\\nCMD [\\x27a\\x27]\\n' > {fifo} & "
        f"{sys.executable} -c 'from cmdresolve.cli import run; run()' {fifo} -o {output}"
    )
    child = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 1  # CR101, an error finding, and no hang
    assert "CR101" in child.stdout


def test_endless_pipe_is_read_up_to_the_cap(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(text_source, "MAX_BYTES", 1 << 20)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer never stops on its own
        os.close(read)
        try:
            while True:
                os.write(write, b"{" * 65536)
        finally:
            os._exit(0)
    os.close(write)
    try:
        status = main(["--run", "docker run x", "--image", f"x=/dev/fd/{read}", "-o", "argv"])
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    assert status == 2
    _, err = _errors(capsys)
    assert err == [f"cmdresolve: /dev/fd/{read}: larger than 1 MiB"]


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_image_config_with_a_byte_order_mark(tmp_path: Path, capsys, encoding: str) -> None:
    config = json.dumps({"config": {"Entrypoint": ["/e"], "Cmd": ["c"]}}).encode(encoding)
    path = _write(tmp_path, "image.json", config)
    assert main(["--run", "docker run x", "--image", f"x={path}", "-o", "argv"]) == 0
    assert capsys.readouterr().out == "/e c\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_manifest_with_a_byte_order_mark(tmp_path: Path, capsys, encoding: str) -> None:
    """kubectl reads both (its file visitor decodes with unicode.BOMOverride)."""
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    text += "  - {name: c, image: busybox, command: [echo, hi]}\n"
    path = _write(tmp_path, "pod.yaml", text.encode(encoding))
    assert main([path, "-o", "argv"]) == 0
    assert capsys.readouterr().out == "echo hi\n"


def test_utf16_dockerfile_is_refused(tmp_path: Path, capsys) -> None:
    """BuildKit reads a Dockerfile as UTF-8 bytes; UTF-16 would be NUL-riddled text."""
    path = _write(tmp_path, "Dockerfile", GOOD.encode("utf-16"))
    assert main([path]) == 2
    _, err = _errors(capsys)
    assert err == [f"cmdresolve: {path}: UTF-16 text (a byte-order mark); save it as UTF-8"]


def test_invalid_utf8_names_line_and_column(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, "Dockerfile", b"FROM scratch\nCMD [\"caf\xe9\"]\n")
    assert main([path]) == 2
    _, err = _errors(capsys)
    assert err == [f"cmdresolve: {path}:2:10: not valid UTF-8 (byte 0xe9)"]


# --- control characters never reach the terminal raw ---------------------------------

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _clean(text: str) -> bool:
    return not any(ch in text for ch in RAW)


@pytest.mark.parametrize("output", ["text", "json", "argv", "sarif", "github"])
def test_escape_sequences_from_a_run_line_are_escaped(capsys, output: str) -> None:
    run = "docker run --entrypoint sh busybox -c '\x1b[2J\x9b31m\u202eecho\r'"
    status = main(["--run", run, "-o", output])
    assert status in (0, 1)
    out, err = _errors(capsys)
    assert _clean(out) and _clean("\n".join(err))
    if output == "argv":
        assert out == "sh -c $'\\E[2J\\u009b31m\\u202eecho\\r'\n"
    if output == "json":
        argv = json.loads(out)["results"][0]["argv"]
        assert argv == ["sh", "-c", "\x1b[2J\x9b31m\u202eecho\r"]  # the same bytes, escaped


def test_file_name_with_a_newline_is_one_error_line(tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "a\nb\x1b[2J")
    assert main([missing]) == 2
    _, err = _errors(capsys)
    assert err == [f"cmdresolve: {tmp_path}/a\\nb\\x1b[2J: no such file"]


def test_file_name_with_a_newline_in_text_output(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, "a\nb\x1b[2J", GOOD)
    assert main([path]) == 0
    out = capsys.readouterr().out
    assert _clean(out) and "\\x1b[2J" in out


# --- usage errors: three lines at most ----------------------------------------------


@pytest.mark.parametrize(
    "args", [["--bogus"], ["-o", "nope", "x"], ["--image"], ["--run", "x", "--fail-on", "sometimes"]]
)
def test_usage_error_is_three_lines(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    _, err = _errors(capsys)
    assert len(err) == 3 and err[0].startswith("cmdresolve: ")
    assert err[1:] == ["usage: cmdresolve [PATH ...] [options]", "try 'cmdresolve --help'"]


def test_usage_error_escapes_the_word_it_quotes(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["-o", "\x1b[2J"])
    _, err = _errors(capsys)
    assert _clean("\n".join(err)) and "\\x1b[2J" in err[0]


def test_expansion_budget_refuses_doubling_not_reuse(tmp_path: Path, capsys) -> None:
    """A long value used a few times is ordinary; one that doubles forty times is not."""
    value = "\\\n".join(["v" * 60_000] * 20)  # 1.2 MB, in lines BuildKit accepts
    reuse = _write(tmp_path, "Dockerfile", f"FROM scratch\nENV A={value}\nENV B=$A C=${{A}}x D=$A\nCMD [\"a\"]\n")
    assert main([reuse, "-o", "argv"]) == 0
    doubling = _write(tmp_path, "Dockerfile.2", "FROM scratch\nENV A=x\n" + "ENV A=$A$A\n" * 40)
    assert main([doubling, "-o", "argv"]) == 2
    _, err = _errors(capsys)
    assert err[-1].startswith(f"cmdresolve: {doubling}:") and "substituting $A" in err[-1]
