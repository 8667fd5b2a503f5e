"""Start-up cost of one whole ``cmdresolve`` process, as a ratio to bare Python.

Targets (issue 2): ``-o json`` ≤ 3× and ``-o text`` ≤ 6× the median of
``python -c pass`` measured in the same run, after one warm-up run each.
Usage: ``python benchmarks/startup.py [RUNS]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "webapp-color" / "Dockerfile2"
TARGETS = {"json": 3.0, "text": 6.0}


def _command() -> list[str]:
    script = Path(sys.executable).with_name("cmdresolve")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cmdresolve"]


# Measure the installed state: bytecode cached, as ``pip install`` leaves it. A
# PYTHONDONTWRITEBYTECODE in the caller's environment would recompile every module
# on every run, which no installed copy does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# Run where a user's project would be: this repository's own pyproject.toml names
# cmdresolve, so from here every run would also parse it looking for settings.
CWD = tempfile.mkdtemp(prefix="cmdresolve-startup-")


def _run(argv: list[str]) -> None:
    out = subprocess.DEVNULL
    subprocess.run(argv, stdout=out, stderr=out, env=ENV, cwd=CWD, check=False)


def median_seconds(argv: list[str], runs: int) -> float:
    _run(argv)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _run(argv)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int = 30) -> int:
    base = median_seconds([sys.executable, "-c", "pass"], runs)
    print(f"python -c pass: {base * 1000:.1f} ms (median of {runs})")
    worst = 0.0
    for output, target in TARGETS.items():
        seconds = median_seconds([*_command(), "-o", output, str(EXAMPLE)], runs)
        ratio = seconds / base
        worst = max(worst, ratio / target)
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"cmdresolve -o {output}: {seconds * 1000:.1f} ms = {ratio:.2f}x "
            f"(target {target}x) {verdict}"
        )
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
