"""pflag's reading of option words (cmdresolve.sources.cmdline.pflag), on long words."""

from __future__ import annotations

import pytest

from cmdresolve.model import InputError, Span
from cmdresolve.sources.cmdline.docker import parse_run_line


def test_parse_short_cluster_of_100_000_booleans_then_a_value() -> None:
    # Each letter used to copy the rest of the word: quadratic in the cluster's length.
    run = parse_run_line("docker run -" + "it" * 50_000 + "e=A=b img x")
    assert (run.image, run.env, [a.value for a in run.args or ()]) == ("img", ("A=b",), ["x"])


def test_parse_short_value_after_a_long_cluster_keeps_its_column() -> None:
    run = parse_run_line("docker run -" + "i" * 100_000 + "u1000 img")
    assert (run.user, run.image) == ("1000", "img")


def test_error_unknown_shorthand_at_the_end_of_a_long_cluster() -> None:
    with pytest.raises(InputError) as caught:
        parse_run_line("docker run -" + "i" * 100_000 + "xii img")
    assert (str(caught.value), caught.value.span) == (
        "--run: `docker run` would refuse this line: unknown shorthand flag: 'x' in -xii",
        Span("--run", None, 12),
    )
