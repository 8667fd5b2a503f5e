"""ArgRun: a run of words that reads as the tuple of its Args, made on demand."""

from __future__ import annotations

from array import array

import pytest

from cmdresolve.model import Arg, Origin, Span, values, with_origin
from cmdresolve.model.origins import ArgRun

WORDS = ("--port", "80", "two words")
COLS = array("I", [20, 27, 30])


def _run(head: tuple[Arg, ...] = ()) -> ArgRun:
    return ArgRun(WORDS, COLS, Origin.RUN_ARGS, "--run", head)


def _as_tuple() -> tuple[Arg, ...]:
    return tuple(Arg(w, Origin.RUN_ARGS, Span("--run", None, c)) for w, c in zip(WORDS, COLS))


def test_reads_as_the_tuple_of_its_args() -> None:
    run = _run()
    assert run == _as_tuple() and _as_tuple() == run
    assert list(run) == list(_as_tuple())
    assert len(run) == 3 and run[-1] == _as_tuple()[-1] and run[1:] == _as_tuple()[1:]
    assert hash(run) == hash(_as_tuple())
    assert run != _as_tuple()[:2] and run != (*_as_tuple()[:2], Arg("x", Origin.RUN_ARGS))


def test_index_out_of_range() -> None:
    with pytest.raises(IndexError):
        _run()[3]
    with pytest.raises(IndexError):
        _run()[-4]


def test_head_comes_first() -> None:
    program = Arg("/bin/app", Origin.IMAGE_ENTRYPOINT)
    run = _run().after((program,))
    assert run == (program, *_as_tuple())
    assert run[0] is program and run[1] == _as_tuple()[0]
    assert values(run) == ("/bin/app", *WORDS)
    assert values(_run()) is WORDS  # no copy without a head


def test_with_origin_skips_a_run_of_another_origin() -> None:
    program = Arg("/bin/app", Origin.IMAGE_ENTRYPOINT)
    run = _run().after((program,))
    assert list(with_origin(run, (Origin.IMAGE_ENTRYPOINT,))) == [(0, program)]
    assert [i for i, _ in with_origin(run, (Origin.RUN_ARGS,))] == [1, 2, 3]
    assert [i for i, _ in with_origin(run, (Origin.RUN_ARGS,), start=3)] == [3]
    plain = (program, *_as_tuple())
    assert list(with_origin(plain, (Origin.RUN_ARGS,))) == list(with_origin(run, (Origin.RUN_ARGS,)))
