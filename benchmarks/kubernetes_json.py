"""10,000 Deployments resolved end to end with ``-o json``, against merely loading them.

What ``cmdresolve -o json FILE`` does in one process (read, resolve every
container, render, write), timed and traced next to PyYAML's C loader merely
loading the same file — for the JSON List too, which is YAML — and, for the JSON
List, next to the json module as well. Targets (issue 3): ≤ 1.3× the C loader's
time and ≤ 3× its peak memory, and linear growth from 1k to 10k: the Python calls
made grow ×10, and the time no steeper than the loader's own on this machine.
Time is the best of RUNS runs, the loader's and ours taking turns; memory is traced
in a separate run.
Usage: ``python benchmarks/kubernetes_json.py [RUNS]``.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import yaml
from kubernetes_load import best_time, generate_json, generate_yaml, peak_memory

from cmdresolve.cli import main as cli_main

TIME_TARGET, MEMORY_TARGET = 1.3, 3.0


class _Discard(io.TextIOBase):
    """Standard output that keeps nothing, as a pipe to another process would not."""

    def write(self, text: str) -> int:
        return len(text)


def run_json_output(path: str) -> int:
    with redirect_stdout(_Discard()):
        return cli_main(["-o", "json", path])


def c_loader(text: str) -> Callable[[], object]:
    return lambda: list(yaml.load_all(text, Loader=yaml.CSafeLoader))


def json_module(text: str) -> Callable[[], object]:
    return lambda: json.loads(text)


def python_calls(run: Callable[[], object]) -> int:
    """Function calls made by ``run``: the work done, which timer noise does not blur."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(run)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]


def best_times(load: Callable[[], object], ours: Callable[[], object], runs: int) -> list[float]:
    """Best of ``runs`` for each, the two taking turns so that a busy spell of a shared
    machine slows both rather than one."""
    best = [float("inf"), float("inf")]
    for _ in range(runs):
        for index, run in enumerate((load, ours)):
            best[index] = min(best[index], best_time(run, 1))
    return best


def measure(
    label: str, load: Callable[[], object], ours: Callable[[], object], runs: int
) -> tuple[float, float, float, float]:
    """(loader seconds, our seconds, time ratio, memory ratio) against ``load``."""
    base_t, our_t = best_times(load, ours, runs)
    base_m, our_m = peak_memory(load), peak_memory(ours)
    print(
        f"{label:<26} load {base_t * 1000:7.0f} ms {base_m / 1e6:6.1f} MB | "
        f"-o json {our_t * 1000:7.0f} ms {our_m / 1e6:6.1f} MB | "
        f"time ×{our_t / base_t:.2f} memory ×{our_m / base_m:.2f}"
    )
    return base_t, our_t, our_t / base_t, our_m / base_m


def main(runs: int = 3) -> int:
    seconds: dict[tuple[str, int], tuple[float, float]] = {}
    calls: dict[tuple[str, int], int] = {}
    verdicts: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1000, 10000):
            tries = runs * 3 if count == 1000 else runs  # the small run is the noisier
            for kind, text in (("yaml", generate_yaml(count)), ("json", generate_json(count))):
                path = Path(tmp) / f"deployments-{count}.{kind}"
                path.write_text(text, encoding="utf-8")
                ours = lambda p=str(path): run_json_output(p)  # noqa: E731
                base_t, our_t, time_ratio, memory_ratio = measure(
                    f"{count} {kind} vs C loader", c_loader(text), ours, tries
                )
                seconds[kind, count] = (base_t, our_t)
                calls[kind, count] = python_calls(ours)
                if count == 10000:
                    verdicts += [time_ratio <= TIME_TARGET, memory_ratio <= MEMORY_TARGET]
                if kind == "json":
                    measure(f"{count} json vs json module", json_module(text), ours, tries)
    for kind in ("yaml", "json"):
        (load_1k, ours_1k), (load_10k, ours_10k) = seconds[kind, 1000], seconds[kind, 10000]
        growth, load_growth = ours_10k / ours_1k, load_10k / load_1k
        work = calls[kind, 10000] / calls[kind, 1000]
        # Linear: the work grows ×10; the time ×10 give or take timer noise, or no
        # steeper than the loader's own time on this machine (linear by construction).
        linear = work <= 10.5 and (growth <= 11 or growth <= load_growth * 1.15)
        verdicts.append(linear)
        print(
            f"{kind}: 1k → 10k: Python calls ×{work:.2f}, time ×{growth:.1f}, the "
            f"loader's time ×{load_growth:.1f} (linear is ×10): {'ok' if linear else 'NOT LINEAR'}"
        )
    ok = all(verdicts)
    targets = f"time ≤ ×{TIME_TARGET}, memory ≤ ×{MEMORY_TARGET} of the C loader, linear"
    print(f"targets ({targets}): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
