"""What ends as PID 1 under each shell, and the order of a script's simple commands,
confirmed on a real dockerd (docs/semantics.md §10 rule 1).

One image holds BusyBox (its ``sh``), Debian's dash and bash with their libraries, and
``cat`` as a BusyBox applet. Each case runs ``SHELL -c SCRIPT`` whose last command is
``cat /proc/self/stat``: the first field it prints is its own PID, so ``1`` means the
shell exec'd it in its own place. cmdresolve's reading of the same argv
(:func:`cmdresolve.resolve.shell.read_script`) must say the same; a case it reads as
not measured is not compared.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from cmdresolve.model.script import Pid1Reason
from cmdresolve.resolve.shell import read_script

pytestmark = pytest.mark.engine

IMAGE = "cmdresolve-shells:1"
LAST = "cat /proc/self/stat"
SHELLS = {
    "busybox": ("/bin/busybox", "sh", "-c"),
    "dash": ("/bin/dash", "-c"),
    "bash": ("/bin/bash", "-c"),
}
SCRIPTS = [
    LAST,
    f"true && {LAST}",
    f"true; {LAST}",
    f"({LAST})",
    f"{LAST} 2>/dev/null",
    f"FOO=1 {LAST}",
    f"trap 'true' TERM; {LAST}",
    f"true | {LAST}",
    f"true & {LAST}",
    f"cd / && exec {LAST}",
    f"false || {LAST}",
    f"echo one; echo two\n{LAST}",
]


def _libraries(program: str) -> list[str]:
    out = subprocess.run(["ldd", program], capture_output=True, text=True, check=True).stdout
    paths = []
    for line in out.splitlines():
        parts = line.split()
        for part in parts:
            if part.startswith("/"):
                paths.append(part)
                break
    return paths


@pytest.fixture(scope="module")
def shells_image(engine) -> str:
    for program in ("/bin/dash", "/bin/bash", "/bin/busybox"):
        if not Path(program).exists():
            pytest.skip(f"{program} is not installed here")
    root = engine.workdir / "shells-rootfs"
    (root / "bin").mkdir(parents=True)
    shutil.copy2("/bin/busybox", root / "bin" / "busybox")
    for applet in ("sh", "cat", "echo", "true", "false", "sleep"):
        (root / "bin" / applet).symlink_to("busybox")
    for program in ("/bin/dash", "/bin/bash"):
        shutil.copy2(program, root / "bin" / Path(program).name)
        for library in _libraries(program):
            target = root / library.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(library, target)
    tar_path = engine.workdir / "shells.tar"
    with tarfile.open(tar_path, "w") as tar:
        for entry in sorted(root.iterdir()):
            tar.add(entry, arcname=entry.name)
    engine.docker("import", "--change", "LABEL cmdresolve.engine-test=1", str(tar_path), IMAGE)
    return IMAGE


def _run(engine, image: str, argv: tuple[str, ...]) -> list[str]:
    done = engine.docker("run", "--rm", "--network", "none", image, *argv, timeout=60)
    return done.stdout.splitlines()


CASES = [(shell, script) for shell in SHELLS for script in SCRIPTS]


@pytest.mark.parametrize(("shell", "script"), CASES, ids=[f"{s}:{t!r}" for s, t in CASES])
def test_pid1_of_the_last_command(engine, shells_image: str, shell: str, script: str) -> None:
    argv = (*SHELLS[shell], script)
    read = read_script(argv, None)
    assert read is not None and len(read.pid1) == 1
    outcome = read.pid1[0]
    if outcome.reason in (Pid1Reason.NOT_MEASURED, Pid1Reason.EXPANDS):
        pytest.skip(f"cmdresolve reads {outcome.reason.value} here")
    lines = _run(engine, shells_image, argv)
    stat = next(line for line in lines if "(cat)" in line)
    became_pid1 = stat.split()[0] == "1"
    predicted = outcome.reason in (Pid1Reason.EXEC, Pid1Reason.LAST_COMMAND)
    assert became_pid1 == predicted, (outcome, stat)
    if predicted:
        assert outcome.command is not None
        assert read.commands[outcome.command].words[-1].value == "/proc/self/stat"


ORDER_SCRIPTS = [
    "echo a && echo b; echo c",
    "echo a\necho b || echo x\n(echo c; echo d)",
    "if true; then echo a; else echo x; fi; echo b",
    "for w in a b; do echo $w; done; echo c",
    "f() { echo b; }; echo a; f",
    "case x in x) echo a;; *) echo z;; esac && { echo b; echo c; }",
]
ORDER_EXPECTED = [
    (["echo a", "echo b", "echo c"], ["a", "b", "c"]),
    (["echo a", "echo b", "echo x", "echo c", "echo d"], ["a", "b", "c", "d"]),
    (["true", "echo a", "echo x", "echo b"], ["a", "b"]),
    (["echo $w", "echo c"], ["a", "b", "c"]),
    (["echo b", "echo a", "f"], ["a", "b"]),
    (["echo a", "echo z", "echo b", "echo c"], ["a", "b", "c"]),
]


@pytest.mark.parametrize(
    ("script", "expected"),
    list(zip(ORDER_SCRIPTS, ORDER_EXPECTED)),
    ids=[repr(s) for s in ORDER_SCRIPTS],
)
def test_the_simple_commands_read_and_what_runs(
    engine, shells_image: str, script: str, expected
) -> None:
    """cmdresolve lists every simple command as written; the engine runs the ones taken."""
    commands, printed = expected
    argv = (*SHELLS["dash"], script)
    read = read_script(argv, None)
    assert read is not None and read.error is None
    assert [" ".join(w.text for w in c.words) for c in read.commands] == commands
    assert _run(engine, shells_image, argv) == printed
