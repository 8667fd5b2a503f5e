"""Huge argvs and values: the text view and the sentences show their ends and say how
much is left out, while JSON's argv, args and params keep every element whole."""

from __future__ import annotations

import json

import pytest

from cmdresolve.cli import main
from cmdresolve.model.origins import Arg, ArgRun, Origin, files_of
from cmdresolve.model.span import Span
from cmdresolve.render.text import MOST_WORDS


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


def test_a_huge_argv_shows_its_ends_and_how_many_are_left_out(capsys) -> None:
    words = [f"w{i}" for i in range(MOST_WORDS * 3)]
    out = _run(capsys, "--run", "docker run busybox:1.36 echo " + " ".join(words))
    assert "w0 " in out and words[-1] in out
    left_out = MOST_WORDS * 3 + 1 - MOST_WORDS  # echo and the words, less those shown
    assert out.count(f"… {left_out} more here") == 2  # under the argv and its places
    assert words[MOST_WORDS] not in out.split()
    assert len(out.splitlines()) < MOST_WORDS  # not one line per few words of all of it


def test_json_keeps_a_huge_argv_whole(capsys) -> None:
    words = [f"w{i}" for i in range(MOST_WORDS * 3)]
    out = _run(capsys, "--run", "docker run busybox:1.36 echo " + " ".join(words), "-o", "json")
    result = json.loads(out)["results"][0]
    assert result["argv"] == ["echo", *words]
    assert [a["value"] for a in result["args"]] == ["echo", *words]


def test_an_argv_of_just_most_words_is_shown_whole(capsys) -> None:
    words = [f"w{i}" for i in range(MOST_WORDS - 1)]
    out = _run(capsys, "--run", "docker run busybox:1.36 echo " + " ".join(words))
    assert "more here" not in out and words[len(words) // 2] in out.split()


def test_a_sentence_cuts_a_long_value_that_json_params_keep(tmp_path, capsys) -> None:
    script = "echo " + "x" * 20_000 + " end"
    (tmp_path / "Dockerfile").write_text(f"FROM scratch\nCMD {script}\n")
    out = _run(capsys, str(tmp_path / "Dockerfile"), "-o", "json")
    result = json.loads(out)["results"][0]
    assert result["argv"] == ["/bin/sh", "-c", script]
    messages = [f["message"] for f in result["findings"]] + [s["summary"] for s in result["steps"]]
    quoting = [m for m in messages if "characters left out here" in m]
    assert quoting, messages
    assert all("echo xxx" in m and "xxx end" in m for m in quoting)  # both ends
    assert all(len(m) < 5000 for m in messages)
    inherited = next(s for s in result["steps"] if s["rule"] == "docker.inherit_cmd")
    assert inherited["params"]["value"] == ["/bin/sh", "-c", script]


def test_files_of_a_run_of_words_names_its_file_without_making_args() -> None:
    head = (Arg("sh", Origin.IMAGE_CMD, Span("Dockerfile", 3, 1)),)
    run = ArgRun(("a", "b"), [0, 2], Origin.RUN_ARGS, "--run", head)
    assert files_of(run) == {"Dockerfile", "--run"} == {a.span.file for a in run if a.span}
    assert files_of(ArgRun((), [], Origin.RUN_ARGS, "--run", head)) == {"Dockerfile"}
    assert files_of((Arg("x", Origin.POD_ARGS, None),)) == set()


@pytest.mark.parametrize(
    "args",
    [
        ["examples/webapp-color"],
        ["--run", "docker run busybox:1.36 sh -c 'echo \x1b[2J \u202e; sleeeep 1'"],
        ["--run", "docker run -e A=\x85 busybox:1.36 echo " + "x " * 700],
    ],
)
def test_a_short_result_is_one_encoder_call_with_the_same_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    import cmdresolve.render.json as render_json

    one_call = _run(capsys, *args, "-o", "json")
    monkeypatch.setattr(render_json, "_LIGHT", -1)  # every result in pieces
    in_pieces = _run(capsys, *args, "-o", "json")
    assert one_call == in_pieces
    assert json.loads(one_call)["results"]
