"""Reading many Deployments: ``parse_manifests`` against merely loading the same text.

Targets (issue): for 10,000 Deployments in one multi-document YAML file, reading takes
≤ 1.3× the time of ``yaml.load_all(text, Loader=yaml.CSafeLoader)`` and ≤ 3× its peak
memory. The same Deployments as one JSON ``List`` are compared with ``json.loads``
(reported, no target). Time is the best of RUNS runs; peak memory is measured with
tracemalloc in a separate pass. Usage: ``python benchmarks/kubernetes_load.py [RUNS]``.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable

import yaml

from cmdresolve.sources.kubernetes.manifests import parse_manifests

TIME_TARGET = 1.3
MEMORY_TARGET = 3.0
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{i}
  namespace: team-{m}
  labels:
    app: web-{i}
    tier: frontend
  annotations:
    deployment.kubernetes.io/revision: "{m}"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web-{i}
  template:
    metadata:
      labels:
        app: web-{i}
        tier: frontend
    spec:
      serviceAccountName: web
      initContainers:
        - name: migrate
          image: registry.example.com/web:{i}
          command: ["/bin/migrate", "--to", "latest"]
      containers:
        - name: app
          image: registry.example.com/web:{i}
          command:
            - python
            - app.py
          args:
            - --color
            - green
            - --port
            - "80{m}"
          env:
            - name: APP_COLOR
              value: green
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          envFrom:
            - configMapRef:
                name: web-config
          ports:
            - containerPort: 8080
              protocol: TCP
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
            periodSeconds: 10
          resources:
            limits:
              cpu: 500m
              memory: 128Mi
          workingDir: /srv
"""


def generate_yaml(count: int) -> str:
    return "---\n".join(DEPLOYMENT.format(i=i, m=i % 10) for i in range(count))


def generate_json(count: int) -> str:
    items = list(yaml.load_all(generate_yaml(count), Loader=yaml.CSafeLoader))
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": items}, indent=4)


def best_time(run: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(run: Callable[[], object]) -> int:
    """Peak bytes allocated while ``run`` builds and holds its result."""
    gc.collect()
    tracemalloc.start()
    result = run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return peak


def compare(
    label: str, baseline: Callable[[], object], ours: Callable[[], object], runs: int
) -> tuple[float, float]:
    base_t, our_t = best_time(baseline, runs), best_time(ours, runs)
    base_m, our_m = peak_memory(baseline), peak_memory(ours)
    print(
        f"{label:<22} baseline {base_t * 1000:8.0f} ms {base_m / 1e6:7.1f} MB | "
        f"parse_manifests {our_t * 1000:8.0f} ms {our_m / 1e6:7.1f} MB | "
        f"time ×{our_t / base_t:.2f}  memory ×{our_m / base_m:.2f}"
    )
    return our_t / base_t, our_m / base_m


def measure(count: int, runs: int) -> tuple[float, float]:
    """Compare both inputs for ``count`` Deployments; the YAML ratios are returned."""
    text, data = generate_yaml(count), generate_json(count)
    assert len(parse_manifests(text, "bench.yaml").pods) == count
    assert len(parse_manifests(data, "bench.json").pods) == count
    ratios = compare(
        f"{count} YAML ({len(text) / 1e6:.1f} MB)",
        lambda: list(yaml.load_all(text, Loader=yaml.CSafeLoader)),
        lambda: parse_manifests(text, "bench.yaml"),
        runs,
    )
    compare(
        f"{count} JSON ({len(data) / 1e6:.1f} MB)",
        lambda: json.loads(data),
        lambda: parse_manifests(data, "bench.json"),
        runs,
    )
    return ratios


def main(runs: int = 3) -> int:
    measure(1000, runs)
    time_ratio, memory_ratio = measure(10000, runs)
    ok = time_ratio <= TIME_TARGET and memory_ratio <= MEMORY_TARGET
    verdict = "ok" if ok else "OVER TARGET"
    print(f"10000 YAML target: time ≤ ×{TIME_TARGET}, memory ≤ ×{MEMORY_TARGET}: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
