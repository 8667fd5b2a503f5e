"""``docker run`` overrides on an image, one row per case of docs/semantics.md §2.2 and §9.

The image is ``ENTRYPOINT ["/argv","e"]`` + ``CMD ["c"]`` (the §9 engine image).
"""

from __future__ import annotations

import pytest

from cmdresolve.render.phrases import failure_text, note_text, unknown_reason

IMAGE = 'FROM scratch\nENTRYPOINT ["/argv", "e"]\nCMD ["c"]\n'
NO_COMMAND = "no command specified"

ROWS = [
    ("docker run img", ("/argv", "e", "c"), None),
    ("docker run img x y", ("/argv", "e", "x", "y"), None),
    ("docker run --entrypoint /argv img", ("/argv",), None),
    ("docker run --entrypoint=/argv img z", ("/argv", "z"), None),
    ('docker run --entrypoint "" img /argv z', ("/argv", "z"), None),
    ('docker run --entrypoint "" img', None, NO_COMMAND),
    ("docker run --entrypoint= img", None, NO_COMMAND),
    ('docker run --entrypoint "/argv k" img', ("/argv k",), None),
    ('docker run img ""', ("/argv", "e", ""), None),
    ("docker run --entrypoint=/argv img -- q", ("/argv", "--", "q"), None),
    ("docker run -it --rm img -x --y", ("/argv", "e", "-x", "--y"), None),
    ("docker run --init img", ("/sbin/docker-init", "--", "/argv", "e", "c"), None),
    ("docker container run img a", ("/argv", "e", "a"), None),
    ("docker create img a", ("/argv", "e", "a"), None),
    ("podman run img a", ("/argv", "e", "a"), None),
]


@pytest.mark.parametrize(("line", "argv", "error"), ROWS)
def test_run_override(resolve_text, line: str, argv, error) -> None:
    result = resolve_text(IMAGE, run=line)
    assert (result.values, _error(result)) == (argv, error)


def test_docs_top_example(resolve_text) -> None:
    result = resolve_text(
        'FROM scratch\nENTRYPOINT ["top", "-b"]\nCMD ["-c"]\n', run="docker run -it img -H"
    )
    assert result.values == ("top", "-b", "-H")


def test_docs_shell_entrypoint_ignores_run_args(resolve_text) -> None:
    text = "FROM scratch\nENTRYPOINT top -b\nCMD -- --ignored-param1\n"
    result = resolve_text(text, run="docker run -it img --ignored-param2")
    assert result.values == ("/bin/sh", "-c", "top -b", "--ignored-param2")
    assert note_text(result.argv[3]) == "$0 of the shell script: ignored unless the script uses it"
    assert resolve_text(text).values == (
        "/bin/sh",
        "-c",
        "top -b",
        "/bin/sh",
        "-c",
        "--ignored-param1",
    )


def test_docs_bash_entrypoint_flag(resolve_text) -> None:
    result = resolve_text(IMAGE, run="docker run -it --entrypoint /bin/bash img -c ls -l")
    assert result.values == ("/bin/bash", "-c", "ls", "-l")


def test_image_entrypoint_empty_string_is_reset(resolve_text) -> None:
    result = resolve_text(
        'FROM scratch\nENTRYPOINT [""]\nCMD ["echo", "hi"]\n', run="docker run img"
    )
    assert result.values == ("echo", "hi")


def test_env_workdir_user(resolve_text) -> None:
    text = 'FROM scratch\nENV A=0 B=1\nWORKDIR /srv\nUSER app\nCMD ["x"]\n'
    result = resolve_text(text, run="docker run -e A=9 -e C=3 -w /tmp -u 1000 img")
    path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert result.env == ("A=9", "C=3", path, "B=1")  # user env, then the image's others
    assert (result.working_dir, result.user) == ("/tmp", "1000")


def test_relative_workdir_is_refused(resolve_text) -> None:
    result = resolve_text(IMAGE, run="docker run -w tmp img")
    assert result.values is None
    assert _error(result) == "the working directory 'tmp' is invalid, it needs to be an absolute path"


def test_env_without_value_is_unknown(resolve_text) -> None:
    result = resolve_text(IMAGE, run="docker run -e HOME img")
    assert [unknown_reason(u) for u in result.unknowns] == [
        "HOME takes its value from the environment `docker` runs in"
    ]


def test_env_file_entries_come_before_e_flags(resolve_text, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.env").write_text("\ufeff# comment\n\n  A=from file \nB\nC=c=d\n")
    result = resolve_text(IMAGE, run="docker run --env-file app.env -e A=flag img")
    path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    # Config.Env keeps the user's entries as given (both A's); a bare B takes its
    # value from the caller's environment, so it is left out and env is incomplete.
    assert result.env == ("A=from file ", "C=c=d", "A=flag", path)
    assert "env" in result.incomplete
    assert unknown_reason(result.unknowns[-1]) == "B takes its value from the environment `docker` runs in"


def _error(result: object) -> str | None:
    error = result.error  # type: ignore[attr-defined]
    return None if error is None else failure_text(error)
