"""A private Docker engine for the engine-backed tests.

One ``dockerd`` per test session, started the way /work/shared/ENGINE.md shows
(networking off; its own data-root, exec-root, pidfile and socket under a
temporary directory), and stopped by the PID this file started.  Every docker
command gets ``DOCKER_HOST`` through an explicit ``env`` dict, so nothing leaks
into ``os.environ``.

The base image ``argvbase:1`` is a root filesystem holding ``/argv`` (argv.c,
built with ``gcc -static``: prints its argv as one JSON array) and busybox as
``/bin/sh``; it is imported with ``CMD ["/argv","from-cmd"]`` and its
``docker image inspect`` output is saved so cmdresolve can bind ``FROM argvbase:1``.

Without a usable engine (no dockerd, not root, dockerd failing to start) every
test marked ``engine`` is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import pytest
from compose_harness import COMPOSE_VERSION, NoCompose, find_compose

HERE = Path(__file__).resolve().parent
DOCKERD = "/usr/sbin/dockerd"
NEW_CLIENT = "/usr/local/bin/docker"  # current CLI; no buildx, so classic builder only
DEBIAN_CLIENT = "/usr/bin/docker"  # 20.10: DOCKER_BUILDKIT=1 uses the daemon's BuildKit
BUSYBOX = "/bin/busybox"
LABEL = "cmdresolve.engine-test=1"
BASE_IMAGE = "argvbase:1"
BASE_CMD = '["/argv","from-cmd"]'
STARTUP_TIMEOUT = 30.0
BUILDERS = ("classic", "buildkit")
INSTALL_HINT = ".ci/run installs docker.io and busybox-static"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "engine: builds images and creates containers on a private dockerd "
        "(skipped when no Docker engine can be started)",
    )


class BuildError(Exception):
    """``docker build`` failed; the message is its output."""


@dataclass(frozen=True)
class Created:
    """What ``docker create`` made of a run line: the exec'd program or the error."""

    path: str | None = None
    args: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    working_dir: str = ""
    user: str = ""
    error: str | None = None

    @property
    def argv(self) -> tuple[str, ...] | None:
        return None if self.path is None else (self.path, *self.args)


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str

    def json_argv(self) -> tuple[str, ...]:
        """The argv /argv printed (one JSON array on one line)."""
        return tuple(json.loads(self.stdout))

    def nul_argv(self) -> tuple[str, ...]:
        """NUL-separated words, as ``cat /proc/1/cmdline`` prints them."""
        return tuple(self.stdout.rstrip("\0").split("\0"))


@dataclass
class Engine:
    """Handles on the private engine plus the docker helpers the tests use."""

    workdir: Path
    env: dict[str, str]
    client: str
    buildkit_client: str | None
    base_inspect: Path | None = None
    _builds: dict[tuple[object, ...], str] = field(default_factory=dict)
    _build_locks: dict[tuple[object, ...], threading.Lock] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _counter: Iterator[int] = field(default_factory=lambda: count(1))

    # -- plumbing -------------------------------------------------------------
    def docker(
        self,
        *args: str,
        client: str | None = None,
        extra_env: Mapping[str, str] | None = None,
        check: bool = True,
        timeout: float = 120.0,
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        env.update(extra_env or {})
        proc = subprocess.run(
            [client or self.client, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"docker {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
            )
        return proc

    def _fresh_dir(self, kind: str) -> Path:
        path = self.workdir / f"{kind}{next(self._counter)}"
        path.mkdir()
        return path

    # -- images ---------------------------------------------------------------
    def build(
        self,
        dockerfile_text: str,
        builder: str,
        target: str | None = None,
        build_args: Mapping[str, str] | None = None,
        tag: str | None = None,
        cache: bool = False,
    ) -> str:
        """Build ``dockerfile_text`` (written byte for byte) and return the image id."""
        args_key = tuple(sorted((build_args or {}).items()))
        key = (dockerfile_text, builder, target, args_key, tag, cache)
        with self._lock:  # the tests observe cases from several threads
            key_lock = self._build_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self._builds or cache:
                self._builds[key] = self._build(
                    dockerfile_text, builder, target, build_args, tag, cache
                )
            return self._builds[key]

    def _build(
        self,
        dockerfile_text: str,
        builder: str,
        target: str | None,
        build_args: Mapping[str, str] | None,
        tag: str | None,
        cache: bool,
    ) -> str:
        ctx = self._fresh_dir("ctx")
        (ctx / "Dockerfile").write_bytes(dockerfile_text.encode())
        iidfile = ctx.parent / f"{ctx.name}.iid"
        # --no-cache: the classic builder's cache keys metadata steps on the parent
        # image and the instruction only, so an ENTRYPOINT step can come back with
        # the Cmd of an unrelated earlier build (see test_classic_cache_reuses_stale_cmd).
        argv = ["build", "--label", LABEL, "--iidfile", str(iidfile)]
        if not cache:
            argv.append("--no-cache")
        if target:
            argv += ["--target", target]
        for name, value in (build_args or {}).items():
            argv += ["--build-arg", f"{name}={value}"]
        if tag:
            argv += ["-t", tag]
        argv.append(str(ctx))
        if builder == "classic":
            proc = self.docker(*argv, extra_env={"DOCKER_BUILDKIT": "0"}, check=False)
        elif builder == "buildkit":
            if self.buildkit_client is None:
                pytest.skip("no docker client that can drive BuildKit without buildx")
            proc = self.docker(
                *argv,
                client=self.buildkit_client,
                extra_env={"DOCKER_BUILDKIT": "1"},
                check=False,
            )
        else:
            raise ValueError(builder)
        if proc.returncode != 0:
            raise BuildError(f"{builder} build failed:\n{proc.stdout}\n{proc.stderr}")
        return iidfile.read_text().strip()

    def save_inspect(self, ref: str, path: Path) -> Path:
        """``docker image inspect ref > path`` (the input cmdresolve binds images from)."""
        path.write_text(self.docker("image", "inspect", ref).stdout)
        return path

    def image_config(self, ref: str) -> dict[str, object]:
        config: dict[str, object] = json.loads(self.docker("image", "inspect", ref).stdout)[0][
            "Config"
        ]
        return config

    # -- containers -----------------------------------------------------------
    def create_argv(
        self, image: str, run_options: Sequence[str], run_args: Sequence[str]
    ) -> Created:
        """``docker create`` then ``docker inspect``: the Path and Args dockerd will exec."""
        proc = self.docker("create", "--label", LABEL, *run_options, image, *run_args, check=False)
        if proc.returncode != 0:
            return Created(error=proc.stderr.strip())
        container = proc.stdout.strip().splitlines()[-1]
        try:
            info = json.loads(self.docker("container", "inspect", container).stdout)[0]
        finally:
            self.docker("rm", "-f", container, check=False)
        config = info["Config"]
        return Created(
            path=info["Path"],
            args=tuple(info["Args"] or ()),
            env=tuple(config.get("Env") or ()),
            working_dir=config.get("WorkingDir") or "",
            user=config.get("User") or "",
        )

    def run_argv(self, image: str, run_options: Sequence[str], run_args: Sequence[str]) -> Ran:
        """``docker run --rm --network none``; stdout is what the program printed."""
        proc = self.docker(
            "run",
            "--rm",
            "--network",
            "none",
            "--label",
            LABEL,
            *run_options,
            image,
            *run_args,
            check=False,
        )
        return Ran(proc.returncode, proc.stdout, proc.stderr)

    def cleanup(self) -> None:
        """Remove every labelled container and image (belt and braces: the data-root goes too)."""
        for kind, rm in (("ps", ("rm", "-f")), ("images", ("rmi", "-f"))):
            listing = self.docker(kind, "-aq", "--filter", f"label={LABEL}", check=False)
            ids = sorted(set(listing.stdout.split()))
            if ids:
                self.docker(*rm, *ids, check=False)


# -- starting and stopping dockerd ---------------------------------------------


def _client_major(client: str) -> int | None:
    try:
        out = subprocess.run(
            [client, "version", "--format", "{{.Client.Version}}"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "DOCKER_HOST": "unix:///nonexistent",
            },
        ).stdout
        return int(out.strip().split(".")[0])
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def _pick_clients() -> tuple[str | None, str | None]:
    """(client for run/create/classic builds, client for BuildKit builds)."""
    client = next((c for c in (NEW_CLIENT, DEBIAN_CLIENT) if os.access(c, os.X_OK)), None)
    if client is None and shutil.which("docker"):
        client = shutil.which("docker")
    buildkit = None
    # Clients before 23.0 carry their own BuildKit session code; later ones need buildx.
    for candidate in (DEBIAN_CLIENT, client):
        if candidate and os.access(candidate, os.X_OK):
            major = _client_major(candidate)
            if major is not None and major < 23:
                buildkit = candidate
                break
    return client, buildkit


def _why_no_engine() -> str | None:
    if not os.access(DOCKERD, os.X_OK):
        return f"no Docker engine: {DOCKERD} not found; {INSTALL_HINT}"
    if os.geteuid() != 0:
        return "no Docker engine: dockerd needs root and these tests run unprivileged"
    if not shutil.which("gcc"):
        return "no Docker engine base image: gcc not found (needed to build /argv)"
    if not os.access(BUSYBOX, os.X_OK):
        return f"no Docker engine base image: {BUSYBOX} not found; {INSTALL_HINT}"
    return None


def _log_tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_for_daemon(proc: subprocess.Popen[bytes], env: dict[str, str], client: str) -> str | None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"dockerd exited with status {proc.returncode}"
        ping = subprocess.run(
            [client, "version", "--format", "{{.Server.Version}}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        if ping.returncode == 0 and ping.stdout.strip():
            return None
        time.sleep(0.2)
    return f"dockerd did not answer within {STARTUP_TIMEOUT:.0f} s"


def _stop_daemon(proc: subprocess.Popen[bytes], workdir: Path) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the PID we started; it stops its own containerd
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    # A crashed daemon can leave overlay/shm mounts behind; only ours, under workdir.
    prefix = str(workdir) + "/"
    with open("/proc/self/mounts") as mounts:
        points = [line.split()[1] for line in mounts if line.split()[1].startswith(prefix)]
    for point in sorted(points, key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False, capture_output=True)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """A dockerd of our own for the whole session, or a skip with the reason."""
    reason = _why_no_engine()
    client, buildkit_client = _pick_clients()
    if reason is None and client is None:
        reason = f"no Docker engine: no docker client found; {INSTALL_HINT}"
    if reason is not None:
        pytest.skip(reason)
    assert client is not None
    workdir = Path(tempfile.mkdtemp(prefix="cmdresolve-engine-"))
    (workdir / "config").mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
        "HOME": str(workdir),
        "DOCKER_HOST": f"unix://{workdir}/docker.sock",
        "DOCKER_CONFIG": str(workdir / "config"),  # ignore the caller's contexts and config
        "DOCKER_CLI_HINTS": "false",
    }
    log = workdir / "dockerd.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                DOCKERD,
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none",
                "--ip-forward=false",
                "--ip-masq=false",
                "--data-root",
                str(workdir / "data"),
                "--exec-root",
                str(workdir / "exec"),
                "--pidfile",
                str(workdir / "dockerd.pid"),
                "-H",
                env["DOCKER_HOST"],
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        failure = _wait_for_daemon(proc, env, client)
        if failure is not None:
            tail = _log_tail(log)
            _stop_daemon(proc, workdir)
            pytest.skip(f"no Docker engine: {failure}:\n{tail}")
        eng = Engine(workdir=workdir, env=env, client=client, buildkit_client=buildkit_client)
        try:
            eng.base_inspect = _make_base_image(eng)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as exc:
            _stop_daemon(proc, workdir)
            pytest.skip(f"no Docker engine base image: {exc}")
        yield eng
        eng.cleanup()
    finally:
        _stop_daemon(proc, workdir)


def _make_base_image(eng: Engine) -> Path:
    """Compile /argv, tar a root filesystem with busybox, import it as argvbase:1."""
    base = eng.workdir / "base"
    rootfs = base / "rootfs"
    (rootfs / "bin").mkdir(parents=True)
    subprocess.run(
        ["gcc", "-static", "-O2", "-o", str(rootfs / "argv"), str(HERE / "argv.c")],
        check=True,
        capture_output=True,
    )
    shutil.copy2(BUSYBOX, rootfs / "bin" / "busybox")
    for applet in ("sh", "sleep", "echo", "cat"):
        (rootfs / "bin" / applet).symlink_to("busybox")
    (rootfs / "tmp").mkdir()
    (rootfs / "tmp").chmod(0o1777)
    tar_path = base / "rootfs.tar"
    with tarfile.open(tar_path, "w") as tar:
        for entry in sorted(rootfs.iterdir()):
            tar.add(entry, arcname=entry.name)
    eng.docker(
        "import",
        "--change",
        f"CMD {BASE_CMD}",
        "--change",
        f"LABEL {LABEL}",
        str(tar_path),
        BASE_IMAGE,
    )
    return eng.save_inspect(BASE_IMAGE, eng.workdir / "argvbase.json")


@pytest.fixture(scope="session")
def compose_bin() -> Path:
    """The real docker-compose v2.40.3 (compose_harness.py), or a skip with the reason."""
    try:
        return find_compose()
    except NoCompose as exc:
        reason = str(exc)
        if not reason.startswith("no docker-compose"):
            reason = f"no docker-compose v{COMPOSE_VERSION}: {reason}"
        pytest.skip(reason)
