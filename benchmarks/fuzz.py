"""The long fuzz campaign (issue 12): hostile inputs of every kind through the CLI.

Draws cases from ``tests/fuzz/strategies.py`` at the ``LONG`` scale (inputs up to about
a megabyte), runs each through ``cmdresolve.cli.main`` in-process with one output
format, and checks the contract of ``tests/fuzz/contract.py``. It also measures what
tests never assert: the time of each input against about 1 s per MB + 0.5 s, and the
process's peak RSS against 10x the input + 100 MB over the starting RSS (peak RSS only
grows, so an input is reported when it sets a new peak past its budget). A hang is cut
off after ``--timeout`` seconds and ``--memory`` GiB of address space is the most any
input may take (a blow-up is then a MemoryError, reported as such, not a dead machine).

Each distinct failure class is reported once with its count, and the smallest case
seen for it is written to ``--out`` as a regression file (the format of
``tests/fuzz/regressions/``). Usage::

    python benchmarks/fuzz.py [--examples N] [--kinds dockerfile,run] [--seed S]
    python benchmarks/fuzz.py --regressions   # time every kept case, in every format
"""

from __future__ import annotations

import argparse
import re
import resource
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz.contract import OUTPUTS, Case, dump_case, load_case, run_case, violations
from fuzz.strategies import KINDS, LONG, QUICK, cases
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st


class Hang(Exception):
    """Raised in the running input by the interval timer."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def classify(case: Case, problem: str) -> str:
    """The failure class: the problem without the detail that varies between inputs."""
    problem = re.sub(r"raw control character '[^']*'", "raw control character", problem)
    problem = re.sub(r" \((text|json|argv|sarif|github)\)$", "", problem)
    problem = re.sub(r"(line without 'cmdresolve: '|one 'cmdresolve: FILE:LINE: message' line|"
                     r"output does not parse).*", r"\1", problem)
    return f"{case.kind}: {problem}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=20_000)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--quick", action="store_true", help="the quick scale (inputs up to ~20 KB)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds before an input is a hang")
    ap.add_argument("--memory", type=float, default=6.0, help="address-space limit, GiB")
    ap.add_argument("--out", default="/tmp/cmdresolve-fuzz", help="folder for reproducers")
    ap.add_argument("--regressions", action="store_true",
                    help="run and time tests/fuzz/regressions/*.json instead of drawing inputs")
    opts = ap.parse_args()
    limit = int(opts.memory * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGALRM, _alarm)
    if opts.regressions:
        time_regressions(opts.timeout)
        return
    out_dir = Path(opts.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    counts: Counter[str] = Counter()
    smallest: dict[str, tuple[int, Case, str]] = {}
    totals = {"inputs": 0, "bytes": 0, "seconds": 0.0, "slowest": (0.0, 0, "")}
    peak = {"mb": _rss_mb()}
    started = time.perf_counter()

    def record(case: Case, output: str, problem: str) -> None:
        key = classify(case, problem)
        counts[key] += 1
        if key not in smallest or case.size() < smallest[key][0]:
            smallest[key] = (case.size(), case, f"{problem} (-o {output})")

    scale = QUICK if opts.quick else LONG

    @settings(max_examples=opts.examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(cases(scale, tuple(opts.kinds.split(","))), st.sampled_from(OUTPUTS))
    def one(case: Case, output: str) -> None:
        size_mb = case.size() / 1e6
        signal.setitimer(signal.ITIMER_REAL, opts.timeout)
        begin = time.perf_counter()
        try:
            result = run_case(case, output)
        except Hang:  # raised outside main (writing the files, say)
            record(case, output, "hang")
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - begin
        totals["inputs"] += 1  # type: ignore[operator]
        totals["bytes"] += case.size()  # type: ignore[operator]
        totals["seconds"] += elapsed  # type: ignore[operator]
        if elapsed > totals["slowest"][0]:  # type: ignore[index]
            totals["slowest"] = (elapsed, case.size(), case.kind)
        if result.error is not None and result.error.rstrip().endswith("Hang"):
            record(case, output, f"hang (over {opts.timeout:g} s)")
        else:
            for problem in violations(result, output):
                record(case, output, problem)
        if elapsed > 1.0 * size_mb + 0.5:
            record(case, output, "slow: over 1 s/MB + 0.5 s")
        if _rss_mb() - peak["mb"] > 10 * size_mb + 100:
            record(case, output, "memory: peak RSS over 10x input + 100 MB")
            peak["mb"] = _rss_mb()  # each new peak is reported once

    if opts.seed is not None:
        one = seed(opts.seed)(one)
    try:
        one()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    wall = time.perf_counter() - started
    print(f"inputs: {totals['inputs']}  bytes: {totals['bytes']:,}  in main: "
          f"{totals['seconds']:.1f} s  wall: {wall:.1f} s  peak RSS: {_rss_mb():.0f} MB")
    slow = totals["slowest"]
    print(f"slowest input: {slow[0]:.2f} s ({slow[1]:,} bytes, {slow[2]})")  # type: ignore[index]
    print(f"failure classes: {len(counts)}")
    for number, (key, count) in enumerate(counts.most_common(), 1):
        size, case, detail = smallest[key]
        name = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:80]
        path = out_dir / f"{number:02d}-{name}.json"
        path.write_text(dump_case(case, detail), encoding="utf-8")
        print(f"{count:6d}  {key}\n        smallest: {size:,} bytes -> {path}")


def time_regressions(timeout: float) -> None:
    """Each kept case in each format: seconds, the budget, and what broke."""
    folder = Path(__file__).resolve().parent.parent / "tests" / "fuzz" / "regressions"
    for path in sorted(folder.glob("*.json")):
        case = load_case(path)
        budget = case.size() / 1e6 + 0.5
        for output in OUTPUTS:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            begin = time.perf_counter()
            try:
                result = run_case(case, output)
            except Hang:
                result = None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.perf_counter() - begin
            problems = ["hang"] if result is None else violations(result, output)
            if elapsed > budget:
                problems.append(f"over budget ({budget:.2f} s)")
            print(f"{path.stem:48s} {output:6s} {elapsed:7.2f} s  {'; '.join(problems)[:120]}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
