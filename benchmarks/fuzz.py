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


CHUNK = 500  # examples per Hypothesis run; the campaign is a series of runs, each seeded


class Campaign:
    """Counts per failure class, the smallest case of each, and the totals."""

    def __init__(self, out_dir: Path, timeout: float) -> None:
        self.out_dir, self.timeout = out_dir, timeout
        self.counts: Counter[str] = Counter()
        self.smallest: dict[str, tuple[int, Path]] = {}
        self.inputs, self.bytes, self.seconds = 0, 0, 0.0
        self.slowest = (0.0, 0, "")
        self.peak = _rss_mb()

    def record(self, case: Case, output: str, problem: str) -> None:
        key = classify(case, problem)
        self.counts[key] += 1
        if key in self.smallest and case.size() >= self.smallest[key][0]:
            return
        if key not in self.smallest:
            print(f"new class: {key}  ({case.size():,} bytes, -o {output})", flush=True)
            name = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:80]
            path = self.out_dir / f"{len(self.smallest) + 1:02d}-{name}.json"
        else:
            path = self.smallest[key][1]
        path.write_text(dump_case(case, f"{problem} (-o {output})"), encoding="utf-8")
        self.smallest[key] = (case.size(), path)

    def one(self, case: Case, output: str) -> None:
        size_mb = case.size() / 1e6
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        begin = time.perf_counter()
        try:
            result = run_case(case, output)
        except Hang:  # raised outside main (writing the files, say)
            self.record(case, output, "hang")
            return
        except Exception as exc:
            self.record(case, output, f"harness: {type(exc).__name__}: {exc}")
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - begin
        self.inputs += 1
        self.bytes += case.size()
        self.seconds += elapsed
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, case.size(), case.kind)
        if result.error is not None and result.error.rstrip().endswith("Hang"):
            self.record(case, output, f"hang (over {self.timeout:g} s)")
        else:
            for problem in violations(result, output):
                self.record(case, output, problem)
        if elapsed > 1.0 * size_mb + 0.5:
            self.record(case, output, "slow: over 1 s/MB + 0.5 s")
        if _rss_mb() - self.peak > 10 * size_mb + 100:
            self.record(case, output, "memory: peak RSS over 10x input + 100 MB")
        self.peak = max(self.peak, _rss_mb())  # each new peak is judged once

    def report(self, wall: float) -> None:
        print(f"inputs: {self.inputs}  bytes: {self.bytes:,}  in main: {self.seconds:.1f} s  "
              f"wall: {wall:.1f} s  peak RSS: {_rss_mb():.0f} MB")
        print(f"slowest input: {self.slowest[0]:.2f} s ({self.slowest[1]:,} bytes, "
              f"{self.slowest[2]})")
        print(f"failure classes: {len(self.counts)}")
        for key, count in self.counts.most_common():
            size, path = self.smallest[key]
            print(f"{count:6d}  {key}\n        smallest: {size:,} bytes -> {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=20_000)
    ap.add_argument("--minutes", type=float, default=None, help="stop after this long")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=0, help="the first chunk's seed")
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
    campaign = Campaign(out_dir, opts.timeout)
    strategy = cases(QUICK if opts.quick else LONG, tuple(opts.kinds.split(",")))
    started = time.perf_counter()
    stop = None if opts.minutes is None else started + 60 * opts.minutes
    chunk = 0
    try:
        while campaign.inputs < opts.examples and (stop is None or time.perf_counter() < stop):
            run_chunk(campaign, strategy, opts.seed + chunk, min(CHUNK, opts.examples))
            chunk += 1
            print(f"chunk {chunk}: {campaign.inputs} inputs, {len(campaign.counts)} classes, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    campaign.report(time.perf_counter() - started)


def run_chunk(campaign: Campaign, strategy: st.SearchStrategy[Case], chunk_seed: int,
              examples: int) -> None:
    @seed(chunk_seed)
    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy, st.sampled_from(OUTPUTS))
    def one(case: Case, output: str) -> None:
        campaign.one(case, output)

    one()


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
