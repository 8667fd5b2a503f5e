"""A generated repository of FILES files, resolved in one process: ``cmdresolve -o json DIR``.

The repository mixes what real ones hold: service folders with a Dockerfile each, a
compose file per group of services that builds them, Kubernetes manifests that run
the images compose builds (linked by repository, another tag), foreign YAML (CI
workflows, Helm values, mkdocs), empty YAML and source files that are never opened.
Target (issue 15): 2,000 files in ≤ 2 s on this machine, and no quadratic step: the
time for FILES and for FILES / 4 is compared (×4 files should be about ×4 time).
Time is the best of RUNS runs. Usage: ``python benchmarks/scan.py [FILES] [RUNS]``.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout

from cmdresolve.cli import main as cli_main

TARGET_SECONDS = 2.0

DOCKERFILE = """\
FROM python:3.12-slim
WORKDIR /app
ENV PORT={i}
ENTRYPOINT ["python", "-m", "svc{i}"]
CMD ["--port", "{i}"]
"""
MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc{i}
spec:
  template:
    spec:
      containers:
      - name: app
        image: example.com/svc{i}:prod
        args: ["--port", "8{i}"]
        env:
        - name: MODE
          value: prod
---
apiVersion: v1
kind: Service
metadata:
  name: svc{i}
spec:
  ports: [{{port: 80}}]
"""
WORKFLOW = "on: push\njobs:\n  test{i}:\n    runs-on: ubuntu-latest\n    steps:\n    - run: make\n"


def generate(root: str, files: int) -> int:
    """Write about ``files`` files under ``root``; the number written."""
    written = 0
    group: list[int] = []

    def put(rel: str, text: str) -> None:
        nonlocal written
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        written += 1

    i = 0
    while written < files:
        g = i // 10
        put(f"group{g}/svc{i}/Dockerfile", DOCKERFILE.format(i=i))
        put(f"group{g}/svc{i}/main.py", "print('hi')\n")
        put(f"deploy/group{g}/svc{i}.yaml", MANIFEST.format(i=i))
        put(f".github/workflows/ci{i}.yml", WORKFLOW.format(i=i))
        put(f"docs/group{g}/empty{i}.yaml", "")
        put(f"docs/group{g}/mkdocs{i}.yml", f"site_name: s{i}\nnav: [index.md]\n")
        put(f"group{g}/svc{i}/README.md", "# svc\n")
        group.append(i)
        if len(group) == 10:
            services = "".join(
                f"  svc{n}:\n    build: ./svc{n}\n    image: example.com/svc{n}:dev\n"
                for n in group
            )
            put(f"group{g}/compose.yaml", f"services:\n{services}")
            group = []
        i += 1
    return written


def best_time(path: str, runs: int) -> float:
    best = float("inf")
    cwd = os.getcwd()
    for _ in range(runs):
        os.chdir(path)
        try:
            out, err = io.StringIO(), io.StringIO()
            start = time.perf_counter()
            with redirect_stdout(out), redirect_stderr(err):
                status = cli_main(["-o", "json", "."])
            best = min(best, time.perf_counter() - start)
        finally:
            os.chdir(cwd)
        if status not in (0, 1):
            raise SystemExit(f"exit {status}: {err.getvalue()[:500]}")
    return best


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    figures = []
    for count in (files // 4, files):
        with tempfile.TemporaryDirectory() as root:
            written = generate(root, count)
            seconds = best_time(root, runs)
            figures.append((written, seconds))
            print(f"{written:>6} files: {seconds:.2f} s ({seconds / written * 1000:.2f} ms a file)")
    (small, t_small), (big, t_big) = figures
    growth = (t_big / t_small) / (big / small)
    verdict = "ok" if t_big <= TARGET_SECONDS else "over the target"
    print(f"target ≤ {TARGET_SECONDS:.0f} s for {big} files: {verdict}; "
          f"time per file grows ×{growth:.2f} from {small} to {big} files (1.00 = linear)")


if __name__ == "__main__":
    main()
