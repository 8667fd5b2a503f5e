"""A coverage-guided target for atheris (optional: not a dependency, not in CI).

Each input's first byte picks the kind (Dockerfile, YAML manifest, JSON manifest,
image-config JSON bound with ``--image``, or the text of a ``--run`` line) and the
output format; the rest is the input's bytes. Any break of the contract in
``tests/fuzz/contract.py`` raises, and atheris saves the input as ``crash-*``.
Keep the inputs that it finds as regression cases in ``tests/fuzz/regressions/``
(``contract.dump_case`` writes one). Usage, in a venv with atheris installed
(``pip install atheris``; a wheel exists for CPython 3.11 on Linux x86-64)::

    python benchmarks/atheris_target.py -atheris_runs=100000 [-max_len=4096] [CORPUS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports(include=["cmdresolve"]):
    import cmdresolve.cli  # noqa: F401 - instrumented before the contract imports it

from fuzz.contract import OUTPUTS, Case, check


class ContractBroken(Exception):
    pass


def case_from_bytes(data: bytes) -> tuple[Case, str]:
    head, body = (data[0], data[1:]) if data else (0, b"")
    kind, output = head % 5, OUTPUTS[(head // 5) % len(OUTPUTS)]
    if kind == 0:
        return Case("dockerfile", ("Dockerfile",), {"Dockerfile": body}), output
    if kind == 1:
        return Case("kubernetes-yaml", ("pod.yaml",), {"pod.yaml": body}), output
    if kind == 2:
        return Case("kubernetes-json", ("pod.json",), {"pod.json": body}), output
    if kind == 3:
        argv = ("--image=img=config.json", "--run=docker run img")
        return Case("image-json", argv, {"config.json": body}), output
    line = body.replace(b"\0", b"").decode("utf-8", "surrogateescape")
    return Case("run", (f"--run={line}",)), output


def test_one_input(data: bytes) -> None:
    case, output = case_from_bytes(data)
    problems = check(case, output)
    if problems:
        raise ContractBroken(f"{case!r} -o {output}: {problems}")


if __name__ == "__main__":
    sys.setrecursionlimit(sys.getrecursionlimit())  # the product's own limit, unchanged
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
