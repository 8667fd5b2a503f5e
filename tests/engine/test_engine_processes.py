"""cmdresolve's health checks against a real dockerd and the real Docker Compose.

Each image case is built with both builders of the Docker 20.10 engine, then
``docker image inspect`` gives the stored ``Config.Healthcheck.Test``; each container
case is ``docker create`` (or ``docker-compose create``) of an image built here,
then ``docker inspect`` gives the container's ``Config.Healthcheck.Test``. Two cases
are run, and the health log shows what the check really exec'd (``/argv`` prints its
argv; ``cat /proc/$$/cmdline`` the shell's). cmdresolve's prediction for the same
Dockerfile, run line or compose file is compared with what the engine stored.

The expected Tests are written from moby/buildkit ``parseHealthcheck``, docker/cli
``opts.go :: parse``, moby ``daemon/commit.go :: merge``, ``daemon/health.go`` and
compose ``convert.go :: ToMobyHealthCheck`` (docs/semantics.md §13), and confirmed by
the engine; they are never adjusted to match cmdresolve.
"""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model.process import Handler, Process

pytestmark = pytest.mark.engine

BASE = "argvbase:1"
BUILDERS = ("classic", "buildkit")


@dataclass(frozen=True)
class ImageCase:
    id: str
    dockerfile: str
    test: tuple[str, ...] | None  # the stored Healthcheck.Test (None: no Healthcheck)


IMAGE_CASES = [
    ImageCase("exec-form", 'FROM argvbase:1\nHEALTHCHECK CMD ["/argv", "hc", "a b"]\n',
              ("CMD", "/argv", "hc", "a b")),
    ImageCase("shell-form", "FROM argvbase:1\nHEALTHCHECK --interval=5s CMD /argv hc || exit 1\n",
              ("CMD-SHELL", "/argv hc || exit 1")),
    ImageCase("lower-case-cmd", 'FROM argvbase:1\nHEALTHCHECK cmd ["/argv","x"]\n',
              ("CMD", "/argv", "x")),
    ImageCase("none", "FROM argvbase:1\nHEALTHCHECK NONE\n", ("NONE",)),
    ImageCase("last-wins", 'FROM argvbase:1\nHEALTHCHECK CMD ["/argv","1"]\n'
              "HEALTHCHECK CMD /argv 2\n", ("CMD-SHELL", "/argv 2")),
    ImageCase("shell-not-recorded",
              'FROM argvbase:1\nSHELL ["/bin/busybox", "ash", "-c"]\nHEALTHCHECK CMD /argv s\n',
              ("CMD-SHELL", "/argv s")),
    ImageCase("inherited-from-stage",
              'FROM argvbase:1 AS base\nHEALTHCHECK CMD ["/argv","from-base"]\n'
              'FROM base\nCMD ["/argv","child"]\n', ("CMD", "/argv", "from-base")),
    ImageCase("none-over-inherited",
              'FROM argvbase:1 AS base\nHEALTHCHECK CMD ["/argv","from-base"]\n'
              "FROM base\nHEALTHCHECK NONE\n", ("NONE",)),
    ImageCase("onbuild-trigger",
              'FROM argvbase:1 AS base\nONBUILD HEALTHCHECK CMD ["/argv","ob"]\nFROM base\n',
              ("CMD", "/argv", "ob")),
    ImageCase("not-set", 'FROM argvbase:1\nCMD ["/argv"]\n', None),
]  # fmt: skip

# An image with a check, for the container cases.
HC_IMAGE = "hcimage:1"
HC_DOCKERFILE = 'FROM argvbase:1\nHEALTHCHECK --interval=1s CMD ["/argv","image-check"]\n'


@dataclass(frozen=True)
class RunCase:
    id: str
    options: tuple[str, ...]
    test: tuple[str, ...] | None


RUN_CASES = [
    RunCase("image-check-kept", (), ("CMD", "/argv", "image-check")),
    RunCase("health-cmd", ("--health-cmd", "/argv run 'a b'"), ("CMD-SHELL", "/argv run 'a b'")),
    RunCase("no-healthcheck", ("--no-healthcheck",), ("NONE",)),
    RunCase("interval-only-keeps-test", ("--health-interval", "5s"),
            ("CMD", "/argv", "image-check")),
]  # fmt: skip


@dataclass(frozen=True)
class ComposeCase:
    id: str
    healthcheck: str  # the service's healthcheck block, YAML under `healthcheck:` ("" none)
    test: tuple[str, ...] | None


COMPOSE_CASES = [
    ComposeCase("none-given", "", ("CMD", "/argv", "image-check")),
    ComposeCase("list", 'test: ["CMD", "/argv", "compose"]', ("CMD", "/argv", "compose")),
    ComposeCase("string", "test: /argv compose-string", ("CMD-SHELL", "/argv compose-string")),
    ComposeCase("cmd-shell-list", 'test: ["CMD-SHELL", "/argv x"]', ("CMD-SHELL", "/argv x")),
    ComposeCase("disable", "disable: true", ("NONE",)),
    ComposeCase("interval-only", "interval: 5s", ("CMD", "/argv", "image-check")),
    ComposeCase("dollar-escaped", 'test: /argv "$$HOME"', ("CMD-SHELL", '/argv "$HOME"')),
    ComposeCase("none-list", 'test: ["NONE"]', ("NONE",)),
]


def predicted_test(process: Process) -> tuple[str, ...]:
    """A resolved health check as the ``Healthcheck.Test`` it came from."""
    argv = tuple(a.value for a in process.argv or ())
    if process.handler is Handler.CMD_SHELL:
        return ("CMD-SHELL", *argv[len(process.shell or ()) :])
    if process.handler is Handler.CMD:
        return ("CMD", *argv)
    return (str(process.handler),)


def prediction(paths: list[str], eng: Any, run: str | None = None) -> tuple[str, ...] | None:
    images = {BASE: str(eng.base_inspect)}
    results = list(resolve(paths, Options(run=run, images=images)))
    assert len(results) == 1, results
    checks = [p for p in results[0].processes if p.kind == "healthcheck"]
    return predicted_test(checks[0]) if checks else None


def _test_of(config: dict[str, Any]) -> tuple[str, ...] | None:
    health = config.get("Healthcheck")
    return None if not health or health.get("Test") is None else tuple(health["Test"])


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("case", IMAGE_CASES, ids=lambda c: c.id)
def test_image_healthcheck(engine: Any, tmp_path: Path, case: ImageCase, builder: str) -> None:
    image = engine.build(case.dockerfile, builder)
    assert _test_of(engine.image_config(image)) == case.test
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(case.dockerfile)
    assert prediction([str(dockerfile)], engine) == case.test


@pytest.fixture(scope="module")
def hc_image(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``hcimage:1`` built, and its inspect saved to bind it."""
    engine.build(HC_DOCKERFILE, "classic", tag=HC_IMAGE)
    return engine.save_inspect(HC_IMAGE, tmp_path_factory.mktemp("hc") / "hcimage.json")


def _container_test(engine: Any, container: str) -> tuple[str, ...] | None:
    info = json.loads(engine.docker("container", "inspect", container).stdout)[0]
    return _test_of(info["Config"])


@pytest.mark.parametrize("case", RUN_CASES, ids=lambda c: c.id)
def test_run_healthcheck(engine: Any, hc_image: Path, case: RunCase) -> None:
    made = engine.docker("create", "--label", "cmdresolve.engine-test=1", *case.options, HC_IMAGE)
    container = made.stdout.split()[-1]
    try:
        assert _container_test(engine, container) == case.test
    finally:
        engine.docker("rm", "-f", container, check=False)
    line = subprocess.list2cmdline(["docker", "run", *case.options, HC_IMAGE])
    results = list(resolve([], Options(run=line, images={HC_IMAGE: str(hc_image)})))
    checks = [p for p in results[0].processes if p.kind == "healthcheck"]
    assert (predicted_test(checks[0]) if checks else None) == case.test


def test_run_health_cmd_refuses_with_no_healthcheck(engine: Any, hc_image: Path) -> None:
    proc = engine.docker("create", "--no-healthcheck", "--health-cmd", "x", HC_IMAGE, check=False)
    assert proc.returncode != 0 and "conflicts with --health-*" in proc.stderr
    answer = resolve([], Options(run=f"docker run --no-healthcheck --health-cmd x {HC_IMAGE}"))
    assert [e.code or "" for e in answer.errors] == [""]
    assert "conflicts with --health-*" in str(answer.errors[0])


def _health_output(engine: Any, container: str, timeout: float = 20.0) -> str:
    """The output of the first health check the daemon ran in ``container``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = json.loads(engine.docker("container", "inspect", container).stdout)[0]
        log = (info["State"].get("Health") or {}).get("Log") or []
        if log:
            return str(log[0]["Output"])
        time.sleep(0.5)
    raise AssertionError("no health check ran")


RAN = [
    # The exec form: the elements are the argv (no ENTRYPOINT in front, no shell).
    ('FROM argvbase:1\nENTRYPOINT ["/bin/sleep"]\nCMD ["30"]\n'
     'HEALTHCHECK --interval=1s CMD ["/argv","hc","$HOME"]\n'),
    # CMD-SHELL runs in /bin/sh -c even with a SHELL instruction: the image's SHELL
    # is not the container's Shell.
    ('FROM argvbase:1\nSHELL ["/bin/busybox","ash","-c"]\nCMD ["/bin/sleep","30"]\n'
     "HEALTHCHECK --interval=1s CMD cat /proc/$$/cmdline; true\n"),
]  # fmt: skip


@pytest.mark.parametrize("dockerfile", RAN, ids=("exec-argv", "shell-is-bin-sh"))
def test_health_check_process_argv(engine: Any, tmp_path: Path, dockerfile: str) -> None:
    image = engine.build(dockerfile, "classic")
    name = f"hc-{uuid.uuid4().hex[:8]}"
    engine.docker("run", "-d", "--name", name, "--network", "none",
                  "--label", "cmdresolve.engine-test=1", image)  # fmt: skip
    try:
        output = _health_output(engine, name)
    finally:
        engine.docker("rm", "-f", name, check=False)
    ran = tuple(json.loads(output)) if output.startswith("[") else tuple(output.split("\0")[:-1])
    path = tmp_path / "Dockerfile"
    path.write_text(dockerfile)
    results = list(resolve([str(path)], Options(images={BASE: str(engine.base_inspect)})))
    check = next(p for p in results[0].processes if p.kind == "healthcheck")
    assert tuple(a.value for a in check.argv or ()) == ran


@pytest.mark.parametrize("case", COMPOSE_CASES, ids=lambda c: c.id)
def test_compose_healthcheck(
    engine: Any, compose_bin: Path, hc_image: Path, tmp_path: Path, case: ComposeCase
) -> None:
    project = f"hc{uuid.uuid4().hex[:8]}"
    directory = tmp_path / project
    directory.mkdir()
    block = "".join(f"      {line}\n" for line in case.healthcheck.splitlines())
    text = f"services:\n  app:\n    image: {HC_IMAGE}\n    network_mode: none\n"
    if block:
        text += f"    healthcheck:\n{block}"
    (directory / "compose.yaml").write_text(text)
    env = {"DOCKER_HOST": engine.env["DOCKER_HOST"], "DOCKER_CONFIG": engine.env["DOCKER_CONFIG"]}
    proc = subprocess.run([str(compose_bin), "create", "app"], cwd=directory, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    listed = engine.docker("ps", "-aq", "--filter", f"label=com.docker.compose.project={project}")
    containers = listed.stdout.split()
    try:
        assert [_container_test(engine, c) for c in containers] == [case.test]
    finally:
        engine.docker("rm", "-f", *containers, check=False)
    compose_file = str(directory / "compose.yaml")
    results = list(resolve([compose_file], Options(images={HC_IMAGE: str(hc_image)})))
    checks = [p for p in results[0].processes if p.kind == "healthcheck"]
    assert (predicted_test(checks[0]) if checks else None) == case.test
