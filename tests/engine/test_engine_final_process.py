"""The final process behind an entrypoint script, on a real dockerd.

Each image is built (classic builder) from a context holding the Dockerfile and an
entrypoint script written for the test; ``/argv`` (argv.c) is the final program, so
what it prints is the argv the script ended in. ``cat /proc/1/cmdline`` as the final
program shows who PID 1 is: ``cat`` itself when the script exec'd it, the script's
shell when it did not. cmdresolve's ``final_process`` for the same Dockerfile and run
line (a script COPY'd from the build context), or the catalog engine's rule for a
script that does what ``data/entrypoints.json`` says an official one does (the prefix
tests of redis and node), must give the same argv and the same PID 1 answer.

The expected values are written from docs/semantics.md §10 (a script file only hands
PID 1 over with ``exec``) and the shell's own rules, never from cmdresolve's output.
"""

from __future__ import annotations

import shlex
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model.origins import Arg, Origin
from cmdresolve.resolve.entrypoint import apply, script_for

pytestmark = pytest.mark.engine

BASE = "argvbase:1"
PID1 = ("cat", "/proc/1/cmdline")

EXECS = '#!/bin/sh\nset -e\n# set up, then hand over\nmkdir -p /tmp/x\nexec "$@"\n'
EXECS_BRACES = '#!/bin/sh\nexport MODE=test\nexec "${@}"\n'
RUNS = '#!/bin/sh\necho starting >&2\n"$@"\n'
RUNS_THEN_MORE = '#!/bin/sh\n"$@"\necho done >&2\n'
IGNORES = "#!/bin/sh\necho ignoring arguments >&2\n"
# Written for the test from the rules data/entrypoints.json records (not upstream code).
REDIS_LIKE = (
    '#!/bin/sh\nset -e\nif [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then\n'
    '\tset -- redis-server "$@"\nfi\nexec "$@"\n'
)
NODE_LIKE = (
    '#!/bin/sh\nset -e\nif [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then\n'
    '\tset -- node "$@"\nfi\nexec "$@"\n'
)


@dataclass(frozen=True)
class Case:
    id: str
    script: str
    args: tuple[str, ...]  # docker run's words after the image (empty: the CMD)
    final: tuple[str, ...] | None  # what /argv prints (None: /argv never runs)
    pid1: bool  # does the final program replace the script as PID 1
    catalog: str | None = None  # an official image whose rule the script reproduces
    links: tuple[str, ...] = ()  # names on PATH that are /argv
    cmd: tuple[str, ...] = ("/argv", "from-cmd")
    where: str = "/entrypoint.sh"
    flagged: bool = False  # CR109
    extra: dict[str, str] = field(default_factory=dict)
    staged: bool = False  # the script is COPY'd in a stage the final one is built FROM


CASES = [
    Case("exec-cmd", EXECS, (), ("/argv", "from-cmd"), True),
    Case("exec-run-args", EXECS, ("/argv", "a b", "--c"), ("/argv", "a b", "--c"), True),
    Case("exec-braces", EXECS_BRACES, ("/argv", "x"), ("/argv", "x"), True),
    Case("exec-on-path", EXECS, ("/argv", "p"), ("/argv", "p"), True,
         where="/usr/local/bin/start.sh"),
    Case("runs-without-exec", RUNS, (), ("/argv", "from-cmd"), False, flagged=True),
    Case("exec-from-base-stage", EXECS, ("/argv", "s"), ("/argv", "s"), True, staged=True),
    Case("runs-from-base-stage", RUNS, (), ("/argv", "from-cmd"), False, flagged=True,
         staged=True),
    Case("runs-then-more", RUNS_THEN_MORE, ("/argv", "y"), ("/argv", "y"), False, flagged=True),
    Case("ignores-args", IGNORES, ("/argv", "never"), None, False, flagged=True),
    Case("redis-flag", REDIS_LIKE, ("--port", "1"), ("redis-server", "--port", "1"), True,
         catalog="redis:7.2", links=("redis-server",)),
    Case("redis-conf", REDIS_LIKE, ("/etc/r.conf",), ("redis-server", "/etc/r.conf"), True,
         catalog="redis:7.2", links=("redis-server",)),
    Case("redis-as-given", REDIS_LIKE, ("/argv", "sentinel"), ("/argv", "sentinel"), True,
         catalog="redis:7.2", links=("redis-server",)),
    Case("node-flag", NODE_LIKE, ("--version",), ("node", "--version"), True,
         catalog="node:22", links=("node",)),
    Case("node-not-on-path", NODE_LIKE, ("app.js",), ("node", "app.js"), True,
         catalog="node:22", links=("node",)),
    Case("node-on-path", NODE_LIKE, ("/argv", "npm"), ("/argv", "npm"), True,
         catalog="node:22", links=("node",)),
]  # fmt: skip


def _build(engine, case: Case) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    ctx = engine.workdir / f"final-{case.id}-{uuid.uuid4().hex[:6]}"
    ctx.mkdir()
    name = Path(case.where).name
    (ctx / name).write_text(case.script)
    dest = case.where if case.where != "/entrypoint.sh" else "/"
    lines = [f"FROM {BASE}", f"COPY {name} {dest}"]
    lines.append(f"RUN chmod 755 {case.where}")
    for link in case.links:
        lines.append(f"RUN mkdir -p /usr/local/bin && ln -s /argv /usr/local/bin/{link}")
    if case.staged:
        lines[0] += " AS base"
        lines.append("FROM base")
    program = case.where if case.where == "/entrypoint.sh" else name
    lines.append(f'ENTRYPOINT ["{program}"]')
    lines.append("CMD [" + ", ".join(f'"{w}"' for w in case.cmd) + "]")
    (ctx / "Dockerfile").write_text("\n".join(lines) + "\n")
    tag = f"final-{case.id}:1"
    engine.docker("build", "-q", "--no-cache", "--label", "cmdresolve.engine-test=1",
                  "-t", tag, str(ctx), extra_env={"DOCKER_BUILDKIT": "0"})
    return tag, ctx / "Dockerfile"


def _predicted(engine, case: Case, tag: str, dockerfile: Path):  # type: ignore[no-untyped-def]
    """cmdresolve's final argv and PID 1 answer for ``case``, and its findings' codes."""
    if case.catalog is not None:
        script = script_for(case.catalog, "docker-entrypoint.sh")
        assert script is not None
        args = tuple(Arg(v, Origin.RUN_ARGS) for v in case.args)
        on_path = {"/argv", "cat", "sh", "sleep", "echo", *case.links}
        final = apply(script, args, lambda name: name in on_path or name.startswith("/"))
        return final, []
    run = " ".join(["docker", "run", tag, *map(shlex.quote, case.args)])
    [result] = resolve([str(dockerfile)], Options(run=run, images={BASE: str(engine.base_inspect)}))
    return result.final_process, [f.code for f in result.findings]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_final_argv_and_pid1(engine, case: Case) -> None:  # type: ignore[no-untyped-def]
    tag, dockerfile = _build(engine, case)
    ran = engine.run_argv(tag, [], list(case.args))
    observed = ran.json_argv() if ran.stdout.strip() else None
    assert observed == case.final, ran.stderr
    if case.catalog is None or case.final is None or case.final[0] == "/argv":
        pid1_run = engine.run_argv(tag, [], list(PID1))
        first = pid1_run.nul_argv()[0] if pid1_run.stdout else None
        # PID 1 is cat itself when the script exec'd it, else the script's shell.
        assert (first == "cat") is case.pid1, pid1_run.stdout
    final, codes = _predicted(engine, case, tag, dockerfile)
    assert final is not None
    predicted = None if final.argv is None else tuple(a.value for a in final.argv)
    assert predicted == case.final
    assert final.pid1 is case.pid1
    assert ("CR109" in codes) is case.flagged
