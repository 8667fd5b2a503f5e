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
import subprocess
import tempfile
from pathlib import Path

from cmdresolve.model.engine import EngineRequest, ImageBuild

BUILD_TIMEOUT = 600.0
TIMEOUT = 60.0


class EngineError(Exception):
    """The engine could not be asked: one line for the user, and the exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message, self.status = message, status


class Refused(Exception):
    """The engine refused to create the container (its message)."""


# Exit statuses of --verify (README "--verify"): 3 the engine could not be asked.
NO_ENGINE = 3
NOT_LOCAL = 3
BUILD_FAILED = 3


class DockerCli:
    """One Docker CLI program; ``label`` marks everything it creates for clean-up."""

    def __init__(self, label: str, program: str | None = None) -> None:
        found = program or shutil.which("docker")
        if found is None:
            raise EngineError("--verify needs the docker CLI on PATH; none was found", NO_ENGINE)
        self.program = found
        self.label = label
        self.containers: list[str] = []
        self.images: list[str] = []

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
                f"`docker {args[0]}` did not answer within {timeout:.0f} s", NO_ENGINE
            ) from None
        except OSError as exc:
            raise EngineError(f"cannot run {self.program}: {exc.strerror}", NO_ENGINE) from None

    def versions(self) -> dict[str, str]:
        """Client and engine versions; an unreachable engine is an :class:`EngineError`."""
        proc = self._run("version", "--format", "{{json .}}")
        try:
            info = json.loads(proc.stdout or "null")
        except ValueError:
            info = None
        server = info.get("Server") if isinstance(info, dict) else None
        if proc.returncode != 0 or not isinstance(server, dict):
            raise EngineError(f"no Docker engine reachable: {_first_line(proc.stderr)}", NO_ENGINE)
        client = info.get("Client") or {}
        return {
            "client": str(client.get("Version", "?")),
            "engine": str(server.get("Version", "?")),
            "api": str(server.get("ApiVersion", "?")),
            "os": f"{server.get('Os', '?')}/{server.get('Arch', '?')}",
        }

    def buildx_version(self) -> str | None:
        proc = self._run("buildx", "version")
        return proc.stdout.strip() if proc.returncode == 0 and proc.stdout.strip() else None

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
            args += ["-f", str(dockerfile)]
            if build.target is not None:
                args += ["--target", build.target]
            for key, value in build.build_args:
                args += ["--build-arg", f"{key}={value}"]
            proc = self._run(*args, str(dockerfile.parent or "."), timeout=BUILD_TIMEOUT)
            output = proc.stdout + proc.stderr
            image = iidfile.read_text().strip() if iidfile.exists() else ""
        # The classic builder commits each step; after a failure, those stay behind.
        self.images.extend(reversed(_committed_steps(output)))
        if image:
            self.images.append(image)
        if proc.returncode != 0 or not image:
            raise EngineError(
                f"the build of {build.dockerfile} failed: {_last_error(output)}", BUILD_FAILED
            )
        return image, output

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
            raise EngineError(f"cannot inspect container {container[:12]}", NO_ENGINE)
        return found

    def remove_container(self, container: str) -> None:
        self._run("rm", "-f", container)
        if container in self.containers:
            self.containers.remove(container)

    def clean_up(self) -> None:
        """Remove every container and image this run created, found also by label."""
        for container in self._labelled("ps", "-aq") + self.containers:
            self._run("rm", "-f", container)
        for image in self._labelled("images", "-q") + self.images:
            self._run("rmi", "-f", image)
        self.containers.clear()
        self.images.clear()

    def _labelled(self, *listing: str) -> list[str]:
        proc = self._run(*listing, "--filter", f"label={self.label}")
        return proc.stdout.split() if proc.returncode == 0 else []


def _committed_steps(output: str) -> list[str]:
    """The images a classic build committed (`` ---> ID`` not after ``Using cache``)."""
    committed, cached = [], False
    for line in output.splitlines():
        text = line.strip()
        if text == "---> Using cache":
            cached = True
        elif text.startswith("---> ") and len(text) == 17 and _is_hex(text[5:]):
            if not cached:
                committed.append(text[5:])
            cached = False
    return committed


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
