"""The fast reading of a plain command line is argparse's reading, or declines."""

from __future__ import annotations

import argparse
import contextlib
import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cmdresolve import cli

WORDS = st.sampled_from(
    [
        "Dockerfile", "pod.yaml", "-", "", "-o", "json", "text", "xml", "--output", "--output=argv",
        "--run", "docker run img", "--run=kubectl run x --image=i", "--image", "a=b", "--image=c=d",
        "--target", "base", "--build-arg", "K=V", "--container", "app", "--select", "CR1",
        "--ignore", "CR205,CR9", "--fail-on", "warning", "never", "--fail-on=loud", "--verify",
        "--tar", "base", "-x", "--", "-1", "-o=json", "-ojson", "--help", "--version",
    ]
)


def _argparse(argv: list[str]) -> dict[str, object] | None:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(cli.parser().parse_args(argv))
        except SystemExit:
            return None


@settings(max_examples=2000)
@given(st.lists(WORDS, max_size=7))
@example(["-o", "json", "a", "b"])
@example(["a", "-o", "json", "b"])
@example(["a", "--verify", "b"])
@example(["--run", "docker run img", "Dockerfile"])
def test_fast_reading_agrees_with_argparse(argv: list[str]) -> None:
    fast = cli._read_plain(argv)
    if fast is not None:
        assert vars(fast) == _argparse(argv)


def test_the_fast_reader_names_what_argparse_names() -> None:
    actions = [
        a
        for a in cli.parser()._actions
        if a.option_strings and not isinstance(a, (argparse._HelpAction, argparse._VersionAction))
    ]
    assert {a.dest: a.default for a in actions} == {o.dest: o.initial() for o in cli.OPTIONS}
    assert [tuple(a.option_strings) for a in actions] == [o.names for o in cli.OPTIONS]
