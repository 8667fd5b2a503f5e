"""Start-up cost of one whole ``cmdresolve`` process, as a ratio to bare Python.

Measures the median wall time of ``cmdresolve -o json`` and ``-o text`` on
``examples/webapp-color/Dockerfile2`` against ``python -c pass`` of the same
interpreter, under these conditions:

- a clean venv (``python3 -m venv``) with a regular, non-editable install,
  ``pip install -q -c constraints.txt <repo>``, without the test extra. The repository
  is copied to a temporary directory first, so that the build neither writes into the
  checkout nor packs stale files from its ``build/``;
- the venv's own ``bin/cmdresolve`` against the venv's own ``bin/python -c pass``;
- bytecode cached, as ``pip install`` leaves it (``PYTHONDONTWRITEBYTECODE`` and
  ``PYTHONPATH`` are removed from the environment);
- a neutral working directory (a temporary directory): this repository's
  ``pyproject.toml`` names cmdresolve and would be parsed for settings on every run;
- one warm-up run of each command, then RUNS rounds that run the three commands in
  turn (so a change in the machine's load affects all three alike); the median of each.

Targets: ``-o json`` ≤ 3× and ``-o text`` ≤ 5×. Exit status 1 when a ratio is over
its target, 2 when the venv cannot be made or a command fails.
Usage: ``python benchmarks/startup.py [RUNS] [--venv DIR]`` (default 30 runs). With
``--venv``, DIR is reused when it already holds a venv, else created there and kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "webapp-color" / "Dockerfile2"
TARGETS = {"json": 3.0, "text": 5.0}
UNSET = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
ENV = {k: v for k, v in os.environ.items() if k not in UNSET}


def _skip(directory: str, names: list[str]) -> set[str]:
    """Left out of the copy: VCS data, venvs, caches and earlier build output."""
    top = Path(directory) == ROOT
    return {
        n
        for n in names
        if n == "__pycache__"
        or n.endswith(("_cache", ".egg-info"))
        or (top and (n in (".git", ".hypothesis", "build", "dist") or n.startswith(".venv")))
    }


def make_venv(venv: Path) -> None:
    """``python3 -m venv`` and a regular install of a clean copy of this repository."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=ENV)
    with tempfile.TemporaryDirectory(prefix="cmdresolve-src-") as tmp:
        source = Path(tmp) / "cmdresolve"
        shutil.copytree(ROOT, source, ignore=_skip)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        constraints = ["-c", str(ROOT / "constraints.txt")]
        subprocess.run([*pip, *constraints, str(source)], check=True, env=ENV, cwd=tmp)


def measure(commands: dict[str, list[str]], runs: int, cwd: str) -> dict[str, float]:
    """Median seconds of each command: one warm-up each, then ``runs`` rounds in turn."""

    def once(argv: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=cwd, check=False
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:  # a crash exits 1 too: time only runs that resolve
            print(f"startup: {argv} exited {done.returncode}", file=sys.stderr)
            sys.stderr.write(done.stderr.decode())
            raise SystemExit(2)
        return elapsed

    for argv in commands.values():
        once(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(once(argv))
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float], runs: int) -> int:
    base = medians["python"]
    print(f"python -c pass: {base * 1000:.1f} ms (median of {runs}, same venv interpreter)")
    over = False
    for output, target in TARGETS.items():
        ratio = medians[output] / base
        over = over or ratio > target
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"cmdresolve -o {output}: {medians[output] * 1000:.1f} ms = {ratio:.2f}x "
            f"(target ≤ {target:g}x) {verdict}"
        )
    return 1 if over else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up cost of cmdresolve vs bare Python.")
    parser.add_argument("runs", nargs="?", type=int, default=30, help="timed runs (default 30)")
    parser.add_argument("--venv", type=Path, help="reuse this venv (created here if absent)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cmdresolve-startup-") as tmp:
        venv = args.venv.resolve() if args.venv else Path(tmp) / "venv"
        if not (venv / "bin" / "python").exists():
            try:
                make_venv(venv)
            except subprocess.CalledProcessError as exc:
                print(f"startup: {exc}", file=sys.stderr)
                return 2
        cwd = tempfile.mkdtemp(dir=tmp)  # neutral: no config file here or above
        bin_ = venv / "bin"
        commands = {"python": [str(bin_ / "python"), "-c", "pass"]}
        for output in TARGETS:
            commands[output] = [str(bin_ / "cmdresolve"), "-o", output, str(EXAMPLE)]
        return report(measure(commands, args.runs, cwd), args.runs)


if __name__ == "__main__":
    sys.exit(main())
