"""10,000 Deployments resolved end to end with ``-o json``, against merely loading them.

What ``cmdresolve -o json FILE`` does in one process (read, resolve every
container, render, serialise), timed and traced next to PyYAML's C loader (or
the json module) loading the same file. Targets (issue 3): ≤ 1.3× the loader's
time, ≤ 3× its peak memory, and linear growth from 1k to 10k.
Usage: ``python benchmarks/kubernetes_json.py [RUNS]``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from kubernetes_load import best_time, generate_json, generate_yaml, peak_memory

from cmdresolve.api import resolve_with_notes
from cmdresolve.render.json import render_json

TIME_TARGET, MEMORY_TARGET = 1.3, 3.0


def run_json_output(path: str) -> str:
    results, _ = resolve_with_notes([path])
    return json.dumps(render_json(results), indent=2, ensure_ascii=False)


def compare(label: str, load: Callable[[], object], ours: Callable[[], object], runs: int) -> float:
    base_t, our_t = best_time(load, runs), best_time(ours, runs)
    base_m, our_m = peak_memory(load), peak_memory(ours)
    print(
        f"{label:<14} load {base_t * 1000:7.0f} ms {base_m / 1e6:6.1f} MB | "
        f"-o json {our_t * 1000:7.0f} ms {our_m / 1e6:6.1f} MB | "
        f"time ×{our_t / base_t:.2f} memory ×{our_m / base_m:.2f}"
    )
    return our_t


def main(runs: int = 3) -> int:
    seconds: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1000, 10000):
            for kind, text in (("yaml", generate_yaml(count)), ("json", generate_json(count))):
                path = Path(tmp) / f"deployments-{count}.{kind}"
                path.write_text(text, encoding="utf-8")
                load: Callable[[], object] = (
                    (lambda t=text: list(yaml.load_all(t, Loader=yaml.CSafeLoader)))
                    if kind == "yaml"
                    else (lambda t=text: json.loads(t))
                )
                seconds[kind, count] = compare(
                    f"{count} {kind}", load, lambda p=str(path): run_json_output(p), runs
                )
    for kind in ("yaml", "json"):
        growth = seconds[kind, 10000] / seconds[kind, 1000]
        print(f"{kind}: 1k → 10k time grows ×{growth:.1f} (linear: ×10)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
