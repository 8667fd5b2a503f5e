"""The Docker CLI on PATH, as ``--verify``'s client: build, create, inspect, remove.

The CLI, not an SDK, because it is what the user's own ``docker`` commands use: it
honours ``DOCKER_HOST``, ``DOCKER_CONTEXT`` and the current context, TLS settings and
the builder the user has configured (BuildKit through buildx, or the classic one),
and it needs no extra dependency. Every command runs with a time limit, never with
a shell, and nothing here pulls, pushes or starts a container.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from cmdresolve.model.engine import EngineRequest, ImageBuild
from cmdresolve.model.facts import N_
from cmdresolve.model.outcome import ExitStatus

BUILD_TIMEOUT = 600.0
TIMEOUT = 60.0


class EngineError(Exception):
    """The engine could not be asked: one line for the user, and the exit status.

    ``template`` is the line's catalog entry, filled from ``params``; :attr:`message`
    says it in the chosen language.
    """

    def __init__(self, template: str, status: ExitStatus, **params: str) -> None:
        super().__init__(template)
        self.template, self.params, self.status = template, params, status

    @property
    def message(self) -> str:
        from cmdresolve.render.catalog import say

        return say(self.template, self.params)


class Refused(Exception):
    """The engine refused to create the container (its message)."""


CANNOT_ASK = ExitStatus.ENGINE_UNREACHABLE


class DockerCli:
    """One Docker CLI program; ``label`` marks everything it creates for clean-up."""

    def __init__(self, label: str, program: str | None = None) -> None:
        found = program or shutil.which("docker")
        if found is None:
            raise EngineError(
                N_("--verify needs the docker CLI on PATH; none was found"), CANNOT_ASK
            )
        self.program = found
        self.label = label
        self._buildx: tuple[str | None] | None = None  # (the answer,) once asked
        self.containers: list[str] = []
        self.images: list[str] = []
        self.snapshots: list[tuple[set[str], set[str]]] = []
        self.step_containers: list[str] = []
        self.containers_before: set[str] | None = None  # before the first classic build

    def _run(
        self, *args: str, timeout: float = TIMEOUT, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                [self.program, *args],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise EngineError(
                N_("`docker {command}` did not answer within {seconds} s"),
                CANNOT_ASK,
                command=args[0],
                seconds=f"{timeout:.0f}",
            ) from None
        except OSError as exc:
            raise EngineError(
                N_("cannot run {program}: {reason}"),
                CANNOT_ASK,
                program=self.program,
                reason=str(exc.strerror),
            ) from None

    def versions(self) -> dict[str, str]:
        """Client and engine versions; an unreachable engine is an :class:`EngineError`."""
        proc = self._run("version", "--format", "{{json .}}")
        try:
            info = json.loads(proc.stdout or "null")
        except ValueError:
            info = None
        server = info.get("Server") if isinstance(info, dict) else None
        if proc.returncode != 0 or not isinstance(server, dict):
            raise EngineError(
                N_("no Docker engine reachable: {reason}"),
                CANNOT_ASK,
                reason=_first_line(proc.stderr),
            )
        client = info.get("Client") or {}
        return {
            "client": str(client.get("Version", "?")),
            "engine": str(server.get("Version", "?")),
            "api": str(server.get("ApiVersion", "?")),
            "os": f"{server.get('Os', '?')}/{server.get('Arch', '?')}",
        }

    def buildx_version(self) -> str | None:
        """``docker buildx version``, asked once; None without buildx."""
        if self._buildx is None:
            proc = self._run("buildx", "version")
            found = proc.stdout.strip()
            self._buildx = (found if proc.returncode == 0 and found else None,)
        return self._buildx[0]

    def has_image(self, ref: str) -> bool:
        return self._run("image", "inspect", "--format", "{{.Id}}", ref).returncode == 0

    def build(self, build: ImageBuild) -> tuple[str, str]:
        """Build the image; ``(image id, the builder's output)``."""
        dockerfile = Path(build.dockerfile)
        with tempfile.TemporaryDirectory(prefix="cmdresolve-") as tmp:
            iidfile = Path(tmp) / "iid"
            args = ["build", "--iidfile", str(iidfile), "--label", self.label]
            if self.buildx_version() is None:
                # The legacy `docker build` (classic builder, or a 20.10 CLI's BuildKit):
                # remove the container of a failing step too. buildx has no such flag.
                args.append("--force-rm")
                # Which images exist now, and the bases: what an interrupted classic
                # build commits descends from them (see clean_up).
                self.snapshots.append((self._all_images(), self._full_ids(build.bases)))
                if self.containers_before is None:
                    self.containers_before = self._all_containers()
            args += ["-f", str(dockerfile)]
            if build.target is not None:
                args += ["--target", build.target]
            for key, value in build.build_args:
                args += ["--build-arg", f"{key}={value}"]
            returncode, output = self._stream_build([*args, str(dockerfile.parent or ".")])
            image = iidfile.read_text().strip() if iidfile.exists() else ""
        if image:
            self.images.append(image)
        if returncode != 0 or not image:
            raise EngineError(
                N_("the build of {dockerfile} failed: {reason}"),
                CANNOT_ASK,
                dockerfile=build.dockerfile,
                reason=_last_error(output),
            )
        return image, output

    def _stream_build(self, args: list[str]) -> tuple[int, str]:
        """Run ``docker build``, noting each image the classic builder commits as it
        says so: a failed or interrupted build leaves them behind otherwise. On any
        interruption the build is stopped before this returns."""
        proc = subprocess.Popen(
            [self.program, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            proc.kill()

        watchdog = threading.Timer(BUILD_TIMEOUT, stop)
        watchdog.start()
        steps = _Steps()
        lines: list[str] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.append(line)
                committed = steps.read(line)
                if committed is not None:
                    self.images.insert(0, committed)  # removed newest first
                if steps.running is not None:
                    self.step_containers.append(steps.running)
                    steps.running = None
            returncode = proc.wait()
        finally:
            watchdog.cancel()
            if proc.poll() is None:  # interrupted: stop the build, then clean up
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if timed_out.is_set():
            raise EngineError(
                N_("the build did not finish within {seconds} s"),
                CANNOT_ASK,
                seconds=f"{BUILD_TIMEOUT:.0f}",
            )
        return returncode, "".join(lines)

    def create(self, image: str, request: EngineRequest) -> str:
        """Create (never start) the container; its ID, or :class:`Refused`."""
        args = ["create", "--pull", "never", "--label", self.label]
        cmd = list(request.cmd or ())
        if request.entrypoint is not None:
            # One --entrypoint word; the rest of a longer Entrypoint leads the Cmd, which
            # gives the engine the same Path and Args (Entrypoint ++ Cmd).
            first, *rest = request.entrypoint or ("",)
            args += ["--entrypoint", first]
            cmd = [*rest, *cmd]
        for entry in request.env:
            args += ["-e", entry]
        if request.working_dir is not None:
            args += ["-w", request.working_dir]
        if request.user is not None:
            args += ["-u", request.user]
        if request.init:
            args.append("--init")
        proc = self._run(*args, image, *cmd)
        container = proc.stdout.strip()
        if proc.returncode != 0 or not container:
            raise Refused(_last_error(proc.stderr))
        self.containers.append(container)
        return container

    def inspect(self, container: str) -> dict[str, object]:
        proc = self._run("container", "inspect", "--format", "{{json .}}", container)
        try:
            found = json.loads(proc.stdout)
        except ValueError:
            found = None
        if proc.returncode != 0 or not isinstance(found, dict):
            raise EngineError(
                N_("cannot inspect container {container}"), CANNOT_ASK, container=container[:12]
            )
        return found

    def remove_container(self, container: str) -> None:
        self._run("rm", "-f", container)
        if container in self.containers:
            self.containers.remove(container)

    def clean_up(self) -> None:
        """Remove every container and image this run created, found also by label."""
        for container in self._labelled("ps", "-aq") + self.containers:
            self._run("rm", "-f", container)
        self._settle()
        images = self._labelled("images", "-q") + self.images + self._orphans()
        # An interrupted classic build's step container may still hold its parent image
        # for a moment while the daemon removes it; retry those for a few seconds.
        for _attempt in range(20):
            images = [i for i in images if not self._removed(i)]
            if not images:
                break
            time.sleep(0.2)
        self.containers.clear()
        self.images.clear()

    def _settle(self) -> None:
        """Wait (a few seconds at most) until a stopped classic build's step container
        is gone: the daemon commits or drops that step's image first."""
        if self.containers_before is None:
            return
        # A container that appeared since the build began may be a step's, also when
        # the build was stopped before its "Running in" line came.
        appeared = self._all_containers() - self.containers_before - set(self.containers)
        deadline = time.monotonic() + 5
        for container in set(self.step_containers) | appeared:
            while self._container_exists(container) and time.monotonic() < deadline:
                time.sleep(0.1)
        self.step_containers.clear()

    def _container_exists(self, container: str) -> bool:
        return self._run("container", "inspect", "--format", "{{.Id}}", container).returncode == 0

    def _orphans(self) -> list[str]:
        """Images a classic build committed that its output never named (it was stopped
        between a step's commit and its `` ---> ID`` line): new since the build began,
        and descended from one of its bases."""
        if not self.snapshots:
            return []
        now = self._all_images()
        found: list[str] = []
        for before, roots in self.snapshots:
            parents = self._parents(now - before)
            ours = set(roots)
            grew = True
            while grew:
                mine = {i for i, parent in parents.items() if parent in ours} - ours
                ours |= mine
                grew = bool(mine)
            found += [i for i in parents if i in ours]
        self.snapshots.clear()
        return found

    def _all_containers(self) -> set[str]:
        proc = self._run("ps", "-aq", "--no-trunc")
        return set(proc.stdout.split()) if proc.returncode == 0 else set()

    def _all_images(self) -> set[str]:
        proc = self._run("images", "-aq", "--no-trunc")
        return set(proc.stdout.split()) if proc.returncode == 0 else set()

    def _full_ids(self, refs: tuple[str, ...]) -> set[str]:
        if not refs:
            return set()
        proc = self._run("image", "inspect", "--format", "{{.Id}}", *refs)
        return set(proc.stdout.split())

    def _parents(self, images: set[str]) -> dict[str, str]:
        if not images:
            return {}
        proc = self._run("image", "inspect", "--format", "{{.Id}} {{.Parent}}", *images)
        pairs = (line.split() for line in proc.stdout.splitlines())
        return {p[0]: p[1] for p in pairs if len(p) == 2}

    def _removed(self, image: str) -> bool:
        return self._run("rmi", "-f", image).returncode == 0 or not self.has_image(image)

    def _labelled(self, *listing: str) -> list[str]:
        proc = self._run(*listing, "--filter", f"label={self.label}")
        return proc.stdout.split() if proc.returncode == 0 else []


class _Steps:
    """Reads classic-builder output: which `` ---> ID`` lines name a committed image.

    Not the one after ``Step k/N : FROM …`` (the base image, maybe the user's), nor
    one after ``---> Using cache`` (an image an earlier build made).
    """

    def __init__(self) -> None:
        self.skip_next = False
        self.running: str | None = None  # a step's container, as it starts

    def read(self, line: str) -> str | None:
        text = line.strip()
        if text.startswith("---> Running in "):
            self.running = text.removeprefix("---> Running in ").strip()
            return None
        base = text.startswith("Step ") and " : FROM " in f"{text} ".upper()
        if base or text == "---> Using cache":
            self.skip_next = True
        elif text.startswith("---> ") and len(text) == 17 and _is_hex(text[5:]):
            skipped, self.skip_next = self.skip_next, False
            return None if skipped else text[5:]
        return None


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "(no message)"


def _last_error(text: str) -> str:
    """The line that says what went wrong: the last ``ERROR``/``error`` line, else the last."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "error" in line.lower() or "failed" in line.lower():
            return line
    return lines[-1] if lines else "(no message)"
