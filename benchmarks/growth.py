"""Growth of time and memory with input size, one hostile class at a time.

For each class below and each size (default 0.1, 1 and 10 MB, real sizes: the input
handed to the program is that many bytes), the input is generated into a temporary
directory and the CLI is run as a subprocess, once with ``-o text`` and once with
``-o json``. Each run reports its wall time and its peak RSS (``os.wait4``'s
``ru_maxrss`` of that one child), as a ratio to the targets of issue 12:

- time: at most 1 s per MB of input (``t/target`` = seconds ÷ MB);
- memory: at most 10× the input plus 100 MB (``rss/target``).

A ratio above 1 is marked ``OVER``. The exit status of each run is shown too: 0 and 1
are answers; 2 is an input error (its message is printed under the table). Input
errors are expected where the real system refuses the input as well, e.g. a
Dockerfile line over BuildKit's 64 KiB, and for ``env_doubling`` (expansion budgets
are not this benchmark's business: it only shows that they hold).

Conditions, as in ``startup.py``: a clean venv with a regular, non-editable install
of a copy of this repository (``--venv DIR`` reuses or keeps one), the venv's own
``python -m cmdresolve``, ``PYTHONPATH`` and ``PYTHONDONTWRITEBYTECODE`` removed, a
neutral working directory. The start-up time (the best of four runs on a 100-byte
Dockerfile, which also warm the caches) is taken off each time before it is divided
by the size, so that ``t/target`` is the cost of the input itself; ``seconds`` is the
whole wall time. Each child's address space is capped (4× the memory target + 1 GiB)
so that a blow-up fails the run instead of the machine.

Where one Dockerfile line may hold at most 65,535 bytes (BuildKit refuses longer
ones), a class that lives in one line repeats that line (as long as allowed) until
the file has its size, or joins lines with continuations, so that the whole input
reaches the code under test. A ``--run`` line is one argument, and Linux refuses any
argument over 128 KiB (``MAX_ARG_STRLEN``); run-line classes therefore start the same
module through a two-line shim that reads the line from a file into ``sys.argv``
(``python -c … <file> <args>``), at every size, so the sizes compare.

Usage (from the repository root)::

    python benchmarks/growth.py                        # every class, 0.1 1 10 MB
    python benchmarks/growth.py --list                 # the classes, one line each
    python benchmarks/growth.py --class directive --class run_args --sizes 0.1 1
    python benchmarks/growth.py --output json --venv /tmp/growth-venv --timeout 60

Exit status 0 when every run is within both targets (or is an expected input
error), 1 when some run is over a target or timed out, 2 when the venv cannot be made.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from startup import ENV, make_venv

MB = 1_000_000
LINE = 65_000  # below BuildKit's 65,535-byte line limit
SHIM = (
    "import runpy, sys; sys.argv = ['cmdresolve', '--run', open(sys.argv[1]).read(), "
    "*sys.argv[2:]]; runpy.run_module('cmdresolve', run_name='__main__')"
)


@dataclass(frozen=True)
class Case:
    """A generated input: files to write, and the CLI arguments (paths relative)."""

    files: dict[str, str]
    args: list[str]
    run_line: str | None = None  # handed over through SHIM when set


def _fill(head: str, unit: str, tail: str, size: int) -> str:
    """``head`` + ``unit`` repeated + ``tail``, ``size`` bytes (UTF-8) or just over."""
    fixed = len((head + tail).encode())
    count = max(1, -(-(size - fixed) // len(unit.encode())))
    return head + unit * count + tail


def _dockerfile(text: str) -> Case:
    return Case({"Dockerfile": text}, ["Dockerfile"])


def directive(size: int) -> Case:
    """``# foo=x`` + spaces + a letter: a directive-like first line, repeated."""
    line = "# foo=x" + " " * (min(size, LINE) - 9) + "a\n"
    return _dockerfile(_fill(line, line, 'FROM scratch\nCMD ["a"]\n', size))


def go_space_cmd(size: int) -> Case:
    """CMD with a long run of Go white space before the word, on many lines."""
    line = "CMD" + " \t\u3000\xa0" * (min(size, LINE) // 8) + "a\n"
    return _dockerfile(_fill("FROM scratch\n", line, "", size))


def backslashes(size: int) -> Case:
    """60,000 backslashes per line, joined by continuations into one shell-form CMD."""
    line = "\\" * 60_000 + "x \\\n"
    return _dockerfile(_fill("FROM scratch\nCMD echo \\\n", line, "end\n", size))


def backslashes_exec(size: int) -> Case:
    """Exec-form CMD whose JSON strings hold 30,000 backslashes each (60,000 escaped)."""
    item = '"' + "\\\\" * 30_000 + '", \\\n'
    return _dockerfile(_fill("FROM scratch\nCMD [\\\n", item, '"end"]\n', size))


def many_instructions(size: int) -> Case:
    """A big ordinary multi-stage Dockerfile."""
    block = (
        'FROM debian:12 AS s{i}\nARG V{i}=1\nENV A{i}=/srv/{i} B{i}="two words"\n'
        "WORKDIR $A{i}\nLABEL k{i}=v\nRUN apt-get update && apt-get install -y curl \\\n"
        "    && rm -rf /var/lib/apt/lists/*\nCOPY --from=s{i} /a /b\nUSER {i}\n"
        'ENTRYPOINT ["/bin/app{i}", "--serve"]\nCMD ["--port", "{i}"]\n'
    )
    parts, total, i = [], 0, 0
    while total < size:
        piece = block.replace("{i}", str(i))
        parts.append(piece)
        total += len(piece)
        i += 1
    return _dockerfile("".join(parts))


def continuation(size: int) -> Case:
    """One logical line of ``size`` bytes: a shell-form CMD over many short lines."""
    return _dockerfile(
        _fill("FROM scratch\nCMD echo \\\n", "  word --flag=value \\\n", "end\n", size)
    )


def env_long(size: int) -> Case:
    """ENV with long values (split by continuations), used by the CMD."""
    value = "v" * 60_000 + "\\\n"
    text = _fill("FROM scratch\nENV A=\\\n", value, "end\n", size)
    return _dockerfile(text + 'ENV B=$A C=${A}x\nCMD echo $A $B\nENTRYPOINT ["/bin/sh", "-c"]\n')


def env_doubling(size: int) -> Case:
    """``ENV A=$A$A`` repeated: the value doubles at each line (expected: input error)."""
    return _dockerfile(_fill("FROM scratch\nENV A=x\n", "ENV A=$A$A\n", 'CMD ["a"]\n', size))


def _run(line: str) -> Case:
    return Case({}, [], run_line=line)


def run_args(size: int) -> Case:
    """``docker run img`` and many arguments."""
    return _run(_fill("docker run --rm -e A=b img ", "--opt value 'two words' ", "end", size))


def run_args_known(size: int) -> Case:
    """The same on a catalogued image, so that the whole argv is known and shown."""
    line = "docker run --rm -e A=b busybox:1.36 "
    return _run(_fill(line, "--opt value 'two words' ", "end", size))


def run_long_word(size: int) -> Case:
    """``docker run img`` and one long single-quoted word."""
    return _run(_fill("docker run img echo '", "x", "'", size))


def _deployment(i: int) -> str:
    return (
        f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web{i}\n"
        f"spec:\n  selector:\n    matchLabels: {{app: web{i}}}\n  template:\n"
        f"    metadata:\n      labels: {{app: web{i}}}\n    spec:\n      containers:\n"
        f"      - name: app\n        image: python:3.12\n"
        f'        command: ["python", "-m", "http.server"]\n'
        f'        args: ["--bind", "$(HOST)", "{i}"]\n'
        f"        env:\n        - name: HOST\n          value: 0.0.0.0\n"
    )


def yaml_many(size: int) -> Case:
    """A multi-document YAML file of many Deployments."""
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(_deployment(i))
        total += len(parts[-1])
        i += 1
    return Case({"app.yaml": "".join(parts)}, ["app.yaml"])


def _pod(args: str, env: str = "") -> str:
    return (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
        "  - name: app\n    image: python:3.12\n    command: [python]\n"
        f"    args:\n    - {args}\n{env}"
    )


def yaml_long_scalar(size: int) -> Case:
    """One long plain YAML scalar as a container argument."""
    return Case({"pod.yaml": _pod("x" * size)}, ["pod.yaml"])


def k8s_var_refs(size: int) -> Case:
    """Many ``$(VAR)`` references in one argument, half to a defined variable."""
    refs = _fill("", "$(HOST)$(NOPE)", "", size)
    env = "    env:\n    - name: HOST\n      value: h\n"
    return Case({"pod.yaml": _pod(f"'{refs}'", env)}, ["pod.yaml"])


def json_list(size: int) -> Case:
    """``kubectl get -o json`` output: a List of many Deployments."""
    items, total, i = [], 0, 0
    while total < size:
        item = {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": f"web{i}", "labels": {"app": f"web{i}"}},
            "spec": {
                "template": {
                    "spec": {
                        "containers": [
                            {
                                "name": "app",
                                "image": "python:3.12",
                                "command": ["python", "-m", "http.server"],
                                "args": ["--bind", "$(HOST)", str(i)],
                                "env": [{"name": "HOST", "value": "0.0.0.0"}],
                            }
                        ]
                    }
                }
            },
        }
        items.append(item)
        # As indented inside the List: two levels (8 spaces) a line, and ",\n".
        alone = json.dumps(item, indent=4)
        total += len(alone) + 8 * (alone.count("\n") + 1) + 2
        i += 1
    text = json.dumps({"apiVersion": "v1", "kind": "List", "items": items}, indent=4)
    return Case({"list.json": text}, ["list.json"])


def image_config(size: int) -> Case:
    """``--image x=cfg.json`` with a huge Env and Cmd, run by ``docker run x``."""
    count = max(1, size // 30)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {
            "Env": [f"VAR_{i}=value-{i}-padding" for i in range(count // 2)],
            "Entrypoint": ["/bin/app"],
            "Cmd": [f"--arg-{i}" for i in range(count)],
        },
    }
    return Case(
        {"cfg.json": json.dumps(config)}, ["--image", "x=cfg.json"], run_line="docker run x"
    )


def _sh_pod(unit: str, size: int) -> Case:
    head = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
        "  - name: app\n    image: busybox:1.37\n    command: [sh, -c]\n    args:\n    - |\n"
    )
    return Case({"pod.yaml": _fill(head, "      " + unit + "\n", "      exec app\n", size)},
                ["pod.yaml"])


def sh_script(size: int) -> Case:
    """A ``sh -c`` script of ordinary lines: quotes, substitutions, pipes, an ``if``."""
    return _sh_pod("echo 'hello world' \"$x and $(date)\" && sleep 1 | wc -l; if a; then b; fi",
                   size)


def sh_commands(size: int) -> Case:
    """A ``sh -c`` script of tiny commands (``a;a;…``): the most commands per byte."""
    return _sh_pod("a;" * 30, size)


def sh_words(size: int) -> Case:
    """A ``sh -c`` script of one-letter words: the most words per byte."""
    return _sh_pod("echo" + " a" * 30, size)


def compose_many(size: int) -> Case:
    """A compose file of many services, each with ``${VAR}`` from ``.env``."""
    unit = (
        "  s{i}:\n    image: python:3.12\n    command: python -m http.server --bind ${{HOST}} {i}\n"
        "    environment:\n      A: \"${{HOST:-x}}\"\n"
    )
    parts, total, i = ["services:\n"], 10, 0
    while total < size:
        parts.append(unit.format(i=i))
        total += len(parts[-1])
        i += 1
    return Case({"compose.yaml": "".join(parts), ".env": "HOST=0.0.0.0\n"}, ["compose.yaml"])


def compose_long_command(size: int) -> Case:
    """One compose service whose string ``command`` is many words (shell-words split)."""
    head = "services:\n  app:\n    image: busybox:1.37\n    command: >-\n      echo"
    return Case({"compose.yaml": _fill(head, " 'a b' \"$$c\" d\\ e", "\n", size)},
                ["compose.yaml"])


def compose_interpolation(size: int) -> Case:
    """Many ``${VAR}`` forms in one value, half to a variable that is not set."""
    head = "services:\n  app:\n    image: busybox:1.37\n    command: [\"echo\", \""
    unit = "${A}${NOPE:-d}${A:+x}$${B}"
    return Case({"compose.yaml": _fill(head, unit, "\"]\n", size), ".env": "A=1\n"},
                ["compose.yaml"])


def compose_dotenv(size: int) -> Case:
    """A ``.env`` of many lines (quoted, commented, interpolated) for a small project."""
    unit = 'K{i}=v{i} # c\nQ{i}="a\\n${{K{i}}}"\n'
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(unit.format(i=i))
        total += len(parts[-1])
        i += 1
    body = "services:\n  app:\n    image: busybox:1.37\n    command: echo $K0 $Q1\n"
    return Case({"compose.yaml": body, ".env": "".join(parts)}, ["compose.yaml"])


CLASSES: dict[str, Callable[[int], Case]] = {
    f.__name__: f
    for f in (
        directive,
        go_space_cmd,
        backslashes,
        backslashes_exec,
        many_instructions,
        continuation,
        env_long,
        env_doubling,
        run_args,
        run_args_known,
        run_long_word,
        yaml_many,
        yaml_long_scalar,
        k8s_var_refs,
        json_list,
        image_config,
        sh_script,
        sh_commands,
        sh_words,
        compose_many,
        compose_long_command,
        compose_interpolation,
        compose_dotenv,
    )
}


@dataclass(frozen=True)
class Measure:
    seconds: float
    rss_mb: float
    status: int | None  # None: timed out
    stderr: str


def _limit_memory(limit: int) -> None:
    """In the child: address space capped, so a blow-up fails instead of swapping."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_once(
    python: Path, case: Case, output: str, cwd: Path, timeout: float, limit: int
) -> Measure:
    if case.run_line is not None:
        (cwd / "runline.txt").write_text(case.run_line)
        argv = [str(python), "-c", SHIM, "runline.txt"]
    else:
        argv = [str(python), "-m", "cmdresolve"]
    argv += [*case.args, "-o", output]
    with open(cwd / "stderr.txt", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=lambda: _limit_memory(limit),
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, code, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
        seconds = time.perf_counter() - start
        timer.cancel()
        proc.returncode = code  # reaped here: Popen must not wait for it again
    status: int | None = os.waitstatus_to_exitcode(code)
    if seconds >= timeout:
        status = None
    lines = (cwd / "stderr.txt").read_text(errors="replace").strip().splitlines()
    return Measure(seconds, usage.ru_maxrss / 1024, status, lines[-1][:160] if lines else "")


def write_case(case: Case, cwd: Path) -> int:
    """Write the files; return the input's size in bytes (files and run line)."""
    total = len(case.run_line.encode()) if case.run_line else 0
    for name, text in case.files.items():
        data = text.encode()
        (cwd / name).write_bytes(data)
        total += len(data)
    return total


def _row(name: str, mbytes: float, output: str, m: Measure, base: float) -> tuple[str, bool]:
    """One table line, and whether it is over a target."""
    t_ratio = max(m.seconds - base, 0.0) / mbytes
    m_ratio = m.rss_mb / (10 * mbytes + 100)
    bad = m.status is None or t_ratio > 1 or m_ratio > 1
    status = {None: "T/O"}.get(m.status, str(m.status))
    line = (
        f"{name:<22} {mbytes:>6.2f} {output:<4} {status:>4} {m.seconds:>8.2f} "
        f"{t_ratio:>8.2f} {m.rss_mb:>7.0f} {m_ratio:>10.2f}{'  OVER' if bad else ''}"
    )
    return line, bad


def bench(
    python: Path, names: list[str], sizes: list[float], outputs: list[str], timeout: float
) -> int:
    over = False
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="cmdresolve-growth-") as tmp:
        cwd = Path(tmp)
        tiny = directive(100)
        write_case(tiny, cwd)
        base = min(run_once(python, tiny, "text", cwd, timeout, 2**31).seconds for _ in range(4))
        print(f"start-up (100-byte Dockerfile, -o text): {base:.3f} s, taken off t/target")
        print(
            f"{'class':<22} {'MB':>6} {'out':<4} {'exit':>4} {'seconds':>8} {'t/target':>8} "
            f"{'rss MB':>7} {'rss/target':>10}"
        )
        for name in names:
            for mb in sizes:
                case = CLASSES[name](int(mb * MB))
                size = write_case(case, cwd)
                # Room for four times the memory target, then the child fails, not the VM.
                limit = int(4 * (10 * size + 100 * MB)) + 2**30
                for output in outputs:
                    m = run_once(python, case, output, cwd, timeout, limit)
                    line, bad = _row(name, size / MB, output, m, base)
                    print(line, flush=True)
                    over = over or bad
                    if m.status == 2:
                        notes.setdefault(name, m.stderr)
                for stale in cwd.iterdir():
                    stale.unlink()
    for name, message in notes.items():
        print(f"exit 2 in {name}: {message}")
    return 1 if over else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Growth of cmdresolve's time and memory.")
    parser.add_argument(
        "--class",
        dest="classes",
        action="append",
        choices=sorted(CLASSES),
        help="only this class (repeatable; default: all)",
    )
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=float,
        default=[0.1, 1, 10],
        help="input sizes in MB (default: 0.1 1 10)",
    )
    parser.add_argument(
        "--output",
        dest="outputs",
        action="append",
        choices=("text", "json"),
        help="only this output format (repeatable; default: both)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds before a run is killed and marked T/O (default 120)",
    )
    parser.add_argument("--venv", type=Path, help="reuse this venv (created here if absent)")
    parser.add_argument("--list", action="store_true", help="list the classes and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, make in CLASSES.items():
            print(f"{name:<22} {(make.__doc__ or '').splitlines()[0]}")
        return 0
    with tempfile.TemporaryDirectory(prefix="cmdresolve-growth-venv-") as tmp:
        venv = args.venv.resolve() if args.venv else Path(tmp) / "venv"
        if not (venv / "bin" / "python").exists():
            try:
                make_venv(venv)
            except subprocess.CalledProcessError as exc:
                print(f"growth: {exc}", file=sys.stderr)
                return 2
        names = args.classes or list(CLASSES)
        return bench(
            venv / "bin" / "python",
            names,
            args.sizes,
            args.outputs or ["text", "json"],
            args.timeout,
        )


if __name__ == "__main__":
    sys.exit(main())
