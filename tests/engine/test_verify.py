"""``cmdresolve --verify`` end to end: the real CLI against the private dockerd.

Every test runs ``python -m cmdresolve … --verify`` as a subprocess whose ``docker``
is a symlink to the client under test (first on ``PATH``) and whose ``DOCKER_HOST``
is conftest's engine, and reads its exit status, stderr and ``-o json`` output.

After every run (:meth:`Cli.run`) nothing labelled ``cmdresolve.verify`` may remain
(containers or images, any value of the label), and the engine's event log must show
that no labelled container was ever started: only ``create`` and ``destroy``.

The expected argv of each case is written from docs/semantics.md and the engine (what
``docker create`` + ``docker inspect`` shows), never taken from cmdresolve; where the
verify code is wrong the test says what the engine does and keeps the right
expectation.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.engine

ROOT = Path(__file__).resolve().parents[2]
NEW_CLIENT = "/usr/local/bin/docker"  # conftest.NEW_CLIENT: classic builder only
DEBIAN_CLIENT = "/usr/bin/docker"  # conftest.DEBIAN_CLIENT: 20.10, DOCKER_BUILDKIT=1 works
BASE_IMAGE = "argvbase:1"  # made by conftest.py
BASE_CMD = '["/argv","from-cmd"]'  # conftest.BASE_CMD
ENGINE_TEST_LABEL = "cmdresolve.engine-test=1"  # conftest.LABEL: its cleanup finds them
VERIFY_LABEL = "cmdresolve.verify"  # the key; the value is the run's id
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
RUN_TIMEOUT = 180.0

B = f"FROM {BASE_IMAGE}\n"
# Exec ENTRYPOINT + CMD, ENV, WORKDIR, USER.
FULL = (
    B + 'ENV A=img B="two words"\nWORKDIR /w\nUSER 7:8\nENTRYPOINT ["/argv","e"]\nCMD ["c1","c2"]\n'
)
FULL_ENV = {"PATH": DEFAULT_PATH, "A": "img", "B": "two words"}
SHELL_EP = B + 'ENTRYPOINT /argv e "$0"\nCMD ["c"]\n'
NO_COMMAND = B + "ENTRYPOINT []\n"  # the ENTRYPOINT also resets argvbase's CMD (§9)
BARE_CMD = B + "CMD\n"
COMMENTED_CMD = B + 'CMD ["/argv","x"] # comment\n'

BARE_CMD_NOTE = (
    'a bare CMD: current BuildKit stores ["/bin/sh", "-c", ""], the classic builder '
    '["/bin/sh", "-c"] (docs/semantics.md §9); cmdresolve follows BuildKit'
)
JSON_TEXT_NOTE = (
    "a JSON array followed by other text: current BuildKit reads it as shell form, "
    "the parser of Docker 20.10 and older as exec form (docs/semantics.md §9); "
    "cmdresolve follows BuildKit"
)
KUBE_USER_NOTE = (
    "the user is the kubelet's choice (image USER, user part only, or uid 0), "
    "not the engine's: not compared"
)


# -- running the CLI -------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str

    def results(self) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = json.loads(self.stdout)["results"]
        return results

    def only(self) -> dict[str, Any]:
        results = self.results()
        assert len(results) == 1, results
        return results[0]

    def by_container(self) -> dict[str, dict[str, Any]]:
        return {r["container"]: r for r in self.results()}

    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


class Cli:
    """``python -m cmdresolve`` with a chosen ``docker`` first on PATH."""

    def __init__(self, engine: Any, tmp: Path) -> None:
        self.engine = engine
        self.tmp = tmp
        self.events: list[tuple[str, str]] = []  # the last run's labelled container events

    def write(self, name: str, text: str) -> str:
        """Write a file under the run's directory; its path relative to it."""
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return name

    def bindir(self, client: str | None) -> Path:
        name = "bin-none" if client is None else f"bin-{Path(client).parent.name}"
        path = self.tmp / name
        if not path.exists():
            path.mkdir()
            if client is not None:
                (path / "docker").symlink_to(client)
        return path

    def env(
        self, client: str | None = NEW_CLIENT, extra: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        env = dict(self.engine.env)
        rest = "" if client is None else f":{env['PATH']}"
        env["PATH"] = f"{self.bindir(client)}{rest}"
        env["PYTHONPATH"] = str(ROOT)  # this checkout, whatever the venv has installed
        env["COLUMNS"] = "200"
        env.pop("DOCKER_BUILDKIT", None)
        env.update(extra or {})
        return env

    def run(
        self,
        *args: str,
        client: str | None = NEW_CLIENT,
        extra_env: Mapping[str, str] | None = None,
        output: str = "json",
    ) -> Ran:
        since = time.time()
        proc = subprocess.run(
            [sys.executable, "-m", "cmdresolve", *args, "--verify", "-o", output],
            cwd=self.tmp,
            env=self.env(client, extra_env),
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
        self.events = assert_nothing_left(self.engine, since)
        return Ran(proc.returncode, proc.stdout, proc.stderr)

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "cmdresolve", *args, "--verify", "-o", "json"],
            cwd=self.tmp,
            env=self.env(NEW_CLIENT),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a shell job has
        )


# -- what the engine holds -------------------------------------------------------


def _ids(engine: Any, *listing: str) -> set[str]:
    return set(engine.docker(*listing).stdout.split())


def labelled(engine: Any) -> tuple[set[str], set[str]]:
    """Containers and images carrying a ``cmdresolve.verify`` label (any value)."""
    flt = ("--filter", f"label={VERIFY_LABEL}")
    return _ids(engine, "ps", "-aq", *flt), _ids(engine, "images", "-aq", *flt)


def labelled_container_events(engine: Any, since: float) -> list[tuple[str, str]]:
    """``(action, container id)`` of every labelled container event since ``since``."""
    proc = engine.docker(
        "events",
        "--since",
        f"{since:.6f}",
        "--until",
        f"{time.time():.6f}",
        "--filter",
        "type=container",
        "--filter",
        f"label={VERIFY_LABEL}",
        "--format",
        "{{.Action}} {{.Actor.ID}}",
    )
    return [tuple(line.split(" ", 1)) for line in proc.stdout.splitlines()]  # type: ignore[misc]


def assert_nothing_left(engine: Any, since: float) -> list[tuple[str, str]]:
    containers, images = labelled(engine)
    assert containers == set(), f"labelled containers left behind: {containers}"
    assert images == set(), f"labelled images left behind: {images}"
    events = labelled_container_events(engine, since)
    started = [e for e in events if e[0] not in ("create", "destroy")]
    assert started == [], f"--verify did more than create and remove a container: {events}"
    created = {cid for action, cid in events if action == "create"}
    destroyed = {cid for action, cid in events if action == "destroy"}
    assert created == destroyed, events
    return events


def engine_versions(engine: Any, client: str) -> dict[str, str]:
    info = json.loads(engine.docker("version", "--format", "{{json .}}", client=client).stdout)
    server = info["Server"]
    return {
        "client": info["Client"]["Version"],
        "engine": server["Version"],
        "api": server["ApiVersion"],
        "os": f"{server['Os']}/{server['Arch']}",
    }


def image_exists(engine: Any, ref: str) -> bool:
    return engine.docker("image", "inspect", ref, check=False).returncode == 0


def import_base(engine: Any, ref: str) -> None:
    """``docker import`` conftest's argvbase root filesystem again, as ``ref``."""
    engine.docker(
        "import",
        "--change",
        f"CMD {BASE_CMD}",
        "--change",
        f"LABEL {ENGINE_TEST_LABEL}",
        str(engine.workdir / "base" / "rootfs.tar"),
        ref,
    )


# -- fixtures --------------------------------------------------------------------


@pytest.fixture
def cli(engine: Any, tmp_path: Path) -> Iterator[Cli]:
    yield Cli(engine, tmp_path)


@pytest.fixture(scope="module", autouse=True)
def base_has_a_child(engine: Any) -> None:
    """An image built on argvbase:1, as other test files make anyway.

    With a child, a wrong ``docker rmi -f`` of argvbase:1 fails instead of deleting it,
    so one clean-up bug does not break every later test; the bug itself is shown by
    test_base_image_without_children_survives, on a base of its own.
    """
    engine.build(B + "LABEL cmdresolve.verify-test-child=1\n", "classic")


@pytest.fixture(autouse=True)
def base_image_survives(engine: Any) -> Iterator[None]:
    """--verify must never remove an image it did not create: argvbase:1 stays.

    If a run removed it, it is imported again (other test files need it) and the
    test errors with the evidence.
    """
    yield
    if not image_exists(engine, BASE_IMAGE):
        import_base(engine, BASE_IMAGE)
        assert engine.base_inspect is not None
        engine.save_inspect(BASE_IMAGE, engine.base_inspect)
        engine.build(B + "LABEL cmdresolve.verify-test-child=2\n", "classic")
        pytest.fail(f"--verify removed the base image {BASE_IMAGE}, which it did not create")


@pytest.fixture(scope="module")
def versions(engine: Any) -> dict[str, dict[str, str]]:
    out = {NEW_CLIENT: engine_versions(engine, NEW_CLIENT)}
    if os.access(DEBIAN_CLIENT, os.X_OK):
        out[DEBIAN_CLIENT] = engine_versions(engine, DEBIAN_CLIENT)
    return out


@pytest.fixture(scope="module")
def liar(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """``liar:1``, built here, and image-config JSON files that misdescribe it."""
    engine.build(
        B + 'ENV A=real\nENTRYPOINT ["/argv","real"]\nCMD ["c"]\n', "classic", tag="liar:1"
    )
    inspect = json.loads(engine.docker("image", "inspect", "liar:1").stdout)
    assert inspect[0]["Config"]["Entrypoint"] == ["/argv", "real"]
    where = tmp_path_factory.mktemp("liar")
    lies = {
        "entrypoint": {"Entrypoint": ["/argv", "lie"]},
        "env": {"Env": [f"PATH={DEFAULT_PATH}", "A=lie"]},
    }
    out = {"true": str(engine.save_inspect("liar:1", where / "true.json"))}
    for name, change in lies.items():
        doc = json.loads(json.dumps(inspect))
        doc[0]["Config"].update(change)
        (where / f"{name}.json").write_text(json.dumps(doc))
        out[name] = str(where / f"{name}.json")
    return out


def base_binding(engine: Any) -> tuple[str, str]:
    return ("--image", f"{BASE_IMAGE}={engine.base_inspect}")


# -- shared assertions -------------------------------------------------------------


def assert_agrees(
    result: dict[str, Any],
    argv: Sequence[str],
    fields: Mapping[str, str],
    builder: str | None,
    versions: Mapping[str, str],
) -> None:
    """The prediction is ``argv``/``fields`` and the engine says exactly the same."""
    verify = result["verify"]
    assert result["error"] is None
    assert result["argv"] == list(argv)
    assert verify["status"] == "agree", verify
    assert verify["engine_error"] is None
    assert verify["argv"] == list(argv)
    assert [(t["predicted"], t["engine"], t["agree"]) for t in verify["tokens"]] == [
        (a, a, True) for a in argv
    ]
    got = {f["name"]: (f["predicted"], f["engine"], f["agree"]) for f in verify["fields"]}
    assert got == {name: (v, v, True) for name, v in fields.items()}
    assert len(verify["fields"]) == len(fields)
    assert verify["builder"] == builder
    assert verify["engine"] == dict(versions)
    assert verify["notes"] == []


def env_fields(env: Mapping[str, str], working_dir: str, user: str | None) -> dict[str, str]:
    out = {f"env {k}": v for k, v in env.items()}
    out["working dir"] = working_dir
    if user is not None:
        out["user"] = user
    return out


def classic(versions: Mapping[str, str]) -> str:
    return f"classic builder of dockerd {versions['engine']}"


def buildkit(versions: Mapping[str, str]) -> str:
    return f"BuildKit built into dockerd {versions['engine']}"


# -- 1. Docker cases agree -----------------------------------------------------------


@dataclass(frozen=True)
class DockerCase:
    id: str
    dockerfile: str
    argv: tuple[str, ...]
    fields: Mapping[str, str]
    run: str | None = None  # a `docker run` line; `img` is bound to the Dockerfile


DOCKER_CASES = (
    DockerCase(
        "exec-entrypoint-cmd-env-workdir-user",
        FULL,
        ("/argv", "e", "c1", "c2"),
        env_fields(FULL_ENV, "/w", "7:8"),
    ),
    DockerCase(
        "shell-entrypoint",
        SHELL_EP,
        ("/bin/sh", "-c", '/argv e "$0"', "c"),
        env_fields({"PATH": DEFAULT_PATH}, "/", ""),
    ),
    DockerCase(
        "run-overrides",
        FULL,
        ("/argv", "p", "q"),
        env_fields({**FULL_ENV, "A": "1"}, "/x", "5"),
        run="docker run --entrypoint /argv -e A=1 -w /x -u 5 img p q",
    ),
    DockerCase(
        # dockerd puts its init in front of Entrypoint ++ Cmd; PID 1 is
        # /sbin/docker-init -- /argv e p q (test_engine_argv "run-init-pid1-cmdline"),
        # but `docker inspect` shows only Path=/argv Args=[e p q] and HostConfig.Init
        # (test_engine_inspect_hides_init below).
        "run-init",
        FULL,
        ("/sbin/docker-init", "--", "/argv", "e", "p", "q"),
        env_fields(FULL_ENV, "/w", "7:8"),
        run="docker run --init img p q",
    ),
)


def _docker_args(cli: Cli, engine: Any, case: DockerCase) -> list[str]:
    dockerfile = cli.write(f"{case.id}/Dockerfile", case.dockerfile)
    args = [*base_binding(engine)]
    if case.run is None:
        return [dockerfile, *args]
    return ["--run", case.run, "--image", f"img={dockerfile}", *args]


@pytest.mark.parametrize("case", DOCKER_CASES, ids=lambda c: c.id)
def test_docker_agrees(
    cli: Cli, engine: Any, versions: dict[str, dict[str, str]], case: DockerCase
) -> None:
    ran = cli.run(*_docker_args(cli, engine, case))
    assert ran.stderr == ""
    # The classic builder's LABEL step container and --verify's own: created, never
    # started, removed (assert_nothing_left checked there was nothing else).
    assert [action for action, _ in cli.events] == ["create", "destroy"] * 2
    v = versions[NEW_CLIENT]
    assert_agrees(ran.only(), case.argv, case.fields, classic(v), v)
    assert ran.returncode == 0


def test_engine_inspect_hides_init(engine: Any) -> None:
    """What --verify reads for ``--init``: the engine's inspect leaves the init out."""
    image = engine.build(FULL, "classic")
    container = engine.docker("create", "--label", ENGINE_TEST_LABEL, "--init", image, "p", "q")
    cid = container.stdout.strip()
    try:
        info = json.loads(engine.docker("container", "inspect", cid).stdout)[0]
    finally:
        engine.docker("rm", "-f", cid, check=False)
    assert (info["Path"], info["Args"], info["HostConfig"]["Init"]) == (
        "/argv",
        ["e", "p", "q"],
        True,
    )


@pytest.mark.parametrize(
    ("extra_env", "builder"),
    [({"DOCKER_BUILDKIT": "1"}, buildkit), ({"DOCKER_BUILDKIT": "0"}, classic)],
    ids=["buildkit", "classic"],
)
def test_debian_client_builder(
    cli: Cli, engine: Any, versions: dict[str, dict[str, str]], extra_env: Any, builder: Any
) -> None:
    if DEBIAN_CLIENT not in versions:
        pytest.skip(f"no {DEBIAN_CLIENT}")
    dockerfile = cli.write("Dockerfile", FULL)
    ran = cli.run(dockerfile, *base_binding(engine), client=DEBIAN_CLIENT, extra_env=extra_env)
    assert ran.stderr == ""
    v = versions[DEBIAN_CLIENT]
    assert_agrees(
        ran.only(), ("/argv", "e", "c1", "c2"), env_fields(FULL_ENV, "/w", "7:8"), builder(v), v
    )
    assert ran.returncode == 0


def test_text_output_agrees(cli: Cli, engine: Any, versions: dict[str, dict[str, str]]) -> None:
    ran = cli.run(cli.write("Dockerfile", FULL), *base_binding(engine), output="text")
    v = versions[NEW_CLIENT]
    assert ran.returncode == 0
    assert f"Verify — Docker {v['engine']} (API {v['api']}), {classic(v)}" in ran.stdout
    assert "✓ the engine agrees" in ran.stdout
    assert "5 of 5 env/working dir/user values agree" in ran.stdout


# -- 2. Kubernetes containers agree ------------------------------------------------------

KUBE_DOCKERFILE = (
    B + 'ENV IMG=img\nWORKDIR /img-wd\nENTRYPOINT ["/argv","ep-1"]\nCMD ["foo","bar"]\n'
)
KUBE_IMAGE = "registry.example/kube-verify:1"
PODS = f"""\
apiVersion: v1
kind: Pod
metadata: {{name: with-user}}
spec:
  securityContext: {{runAsUser: 1000}}
  containers:
  - name: command-args
    image: {KUBE_IMAGE}
    command: ["/argv", "ep-2"]
    args: ["zoo", "$(MSG)", "$$(MSG)", "<$(REF)>"]
    env:
    - {{name: MSG, value: "hello world"}}
    - {{name: REF, value: "$(MSG)!"}}
    workingDir: /work
  - name: args-only
    image: {KUBE_IMAGE}
    args: ["zoo"]
    securityContext: {{runAsUser: 42}}
  - name: command-only
    image: {KUBE_IMAGE}
    command: ["/argv", "ep-2"]
  - name: neither
    image: {KUBE_IMAGE}
---
apiVersion: v1
kind: Pod
metadata: {{name: no-user}}
spec:
  containers:
  - name: plain
    image: {KUBE_IMAGE}
    args: ["x"]
"""
IMG_ENV = {"PATH": DEFAULT_PATH, "IMG": "img"}
KUBE_EXPECT = {
    # $(MSG) is expanded by the kubelet before the runtime sees it; $$ escapes; REF's
    # own value was expanded when the env was built.
    "command-args": (
        ("/argv", "ep-2", "zoo", "hello world", "$(MSG)", "<hello world!>"),
        env_fields({**IMG_ENV, "MSG": "hello world", "REF": "hello world!"}, "/work", "1000"),
    ),
    "args-only": (("/argv", "ep-1", "zoo"), env_fields(IMG_ENV, "/img-wd", "42")),
    "command-only": (("/argv", "ep-2"), env_fields(IMG_ENV, "/img-wd", "1000")),
    "neither": (("/argv", "ep-1", "foo", "bar"), env_fields(IMG_ENV, "/img-wd", "1000")),
}


def test_kubernetes_agrees(cli: Cli, engine: Any, versions: dict[str, dict[str, str]]) -> None:
    dockerfile = cli.write("Dockerfile", KUBE_DOCKERFILE)
    pods = cli.write("pods.yaml", PODS)
    ran = cli.run(pods, "--image", f"{KUBE_IMAGE}={dockerfile}", *base_binding(engine))
    assert ran.stderr == ""
    v = versions[NEW_CLIENT]
    results = ran.by_container()
    assert sorted(results) == sorted([*KUBE_EXPECT, "plain"])
    for name, (argv, fields) in KUBE_EXPECT.items():
        assert results[name]["runtime"] == "kubernetes"
        assert_agrees(results[name], argv, fields, classic(v), v)
    # No runAsUser: the user is not the engine's to say, so it is not compared.
    plain = results["plain"]["verify"]
    assert plain["status"] == "agree"
    assert plain["argv"] == results["plain"]["argv"] == ["/argv", "ep-1", "x"]
    assert all(t["agree"] for t in plain["tokens"])
    assert {f["name"]: (f["predicted"], f["engine"], f["agree"]) for f in plain["fields"]} == {
        name: (value, value, True) for name, value in env_fields(IMG_ENV, "/img-wd", None).items()
    }
    assert plain["notes"] == [KUBE_USER_NOTE]
    assert ran.returncode == 0


# -- 3. "No command specified" -------------------------------------------------------------


def test_no_command_specified(cli: Cli, engine: Any, versions: dict[str, dict[str, str]]) -> None:
    ran = cli.run(cli.write("Dockerfile", NO_COMMAND), *base_binding(engine))
    result = ran.only()
    verify = result["verify"]
    assert result["argv"] is None
    assert result["error"] == "no command specified"
    assert verify["status"] == "agree"
    assert verify["engine_error"] == "Error response from daemon: No command specified"
    assert verify["argv"] is None
    assert verify["tokens"] == []
    assert verify["fields"] == []
    assert verify["builder"] == classic(versions[NEW_CLIENT])
    assert ran.returncode == 1  # cannot start, as without --verify


# -- 4. A deliberately induced mismatch ------------------------------------------------------


def test_disagrees_on_a_token(cli: Cli, liar: dict[str, str]) -> None:
    ran = cli.run("--run", "docker run liar:1", "--image", f"liar:1={liar['entrypoint']}")
    verify = ran.only()["verify"]
    assert ran.only()["argv"] == ["/argv", "lie", "c"]
    assert verify["status"] == "disagree"
    assert verify["argv"] == ["/argv", "real", "c"]
    assert [(t["predicted"], t["engine"], t["agree"]) for t in verify["tokens"]] == [
        ("/argv", "/argv", True),
        ("lie", "real", False),
        ("c", "c", True),
    ]
    assert all(f["agree"] for f in verify["fields"])
    assert verify["builder"] is None  # a local image: nothing was built
    assert ran.stderr == ""
    assert ran.returncode == 4
    assert image_exists(cli.engine, "liar:1")  # not created by --verify: kept


def test_disagrees_on_a_field(cli: Cli, liar: dict[str, str]) -> None:
    ran = cli.run("--run", "docker run liar:1", "--image", f"liar:1={liar['env']}")
    verify = ran.only()["verify"]
    assert verify["status"] == "disagree"
    assert all(t["agree"] for t in verify["tokens"])
    assert verify["argv"] == ["/argv", "real", "c"]
    wrong = [(f["name"], f["predicted"], f["engine"]) for f in verify["fields"] if not f["agree"]]
    assert wrong == [("env A", "lie", "real")]
    assert ran.returncode == 4


def test_disagrees_kubernetes(cli: Cli, liar: dict[str, str]) -> None:
    pod = cli.write(
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - name: c\n    image: liar:1\n    args: [k]\n",
    )
    ran = cli.run(pod, "--image", f"liar:1={liar['entrypoint']}")
    verify = ran.only()["verify"]
    assert verify["status"] == "disagree"
    assert [(t["predicted"], t["engine"], t["agree"]) for t in verify["tokens"]] == [
        ("/argv", "/argv", True),
        ("lie", "real", False),
        ("k", "k", True),
    ]
    assert ran.returncode == 4


def test_disagree_text_output(cli: Cli, liar: dict[str, str]) -> None:
    ran = cli.run(
        "--run", "docker run liar:1", "--image", f"liar:1={liar['entrypoint']}", output="text"
    )
    assert "✗ the engine disagrees" in ran.stdout
    assert '"lie"' in ran.stdout and '"real"' in ran.stdout
    assert ran.returncode == 4


def test_true_config_agrees(
    cli: Cli, liar: dict[str, str], versions: dict[str, dict[str, str]]
) -> None:
    """The same local image, bound to its own inspect output: agree (the control)."""
    ran = cli.run("--run", "docker run liar:1", "--image", f"liar:1={liar['true']}")
    v = versions[NEW_CLIENT]
    fields = env_fields({"PATH": DEFAULT_PATH, "A": "real"}, "/", "")
    assert_agrees(ran.only(), ("/argv", "real", "c"), fields, None, v)
    assert ran.returncode == 0


# -- 5. Known version differences (docs/semantics.md §9) ---------------------------------------------


def test_bare_cmd_classic_is_explained(
    cli: Cli, engine: Any, versions: dict[str, dict[str, str]]
) -> None:
    ran = cli.run(cli.write("Dockerfile", BARE_CMD), *base_binding(engine))
    result = ran.only()
    verify = result["verify"]
    assert result["argv"] == ["/bin/sh", "-c", ""]  # current BuildKit
    assert verify["argv"] == ["/bin/sh", "-c"]  # the classic builder of 20.10 (§9)
    assert verify["status"] == "explained"
    assert verify["notes"] == [BARE_CMD_NOTE]
    assert [(t["predicted"], t["engine"], t["agree"]) for t in verify["tokens"]] == [
        ("/bin/sh", "/bin/sh", True),
        ("-c", "-c", True),
        ("", None, False),
    ]
    assert all(f["agree"] for f in verify["fields"])
    assert verify["builder"] == classic(versions[NEW_CLIENT])
    assert ran.returncode == 0


@pytest.mark.parametrize(("fail_on", "status"), [(None, 1), ("never", 0)], ids=["default", "never"])
def test_json_then_text_classic_is_explained(
    cli: Cli, engine: Any, fail_on: str | None, status: int
) -> None:
    options = [] if fail_on is None else ["--fail-on", fail_on]
    ran = cli.run(cli.write("Dockerfile", COMMENTED_CMD), *base_binding(engine), *options)
    result = ran.only()
    verify = result["verify"]
    assert result["argv"] == ["/bin/sh", "-c", '["/argv","x"] # comment']  # current BuildKit
    assert verify["argv"] == ["/argv", "x"]  # 20.10's parser: exec form (§9)
    assert verify["status"] == "explained"
    assert verify["notes"] == [JSON_TEXT_NOTE]
    # Exit 1 without --fail-on: CR101 (an error) reports the same line, as without --verify.
    assert [f["code"] for f in result["findings"]] == ["CR101"]
    assert ran.returncode == status


def test_explained_only_when_it_explains(cli: Cli, liar: dict[str, str]) -> None:
    """A JSON-then-text CMD does not explain a difference elsewhere in the argv.

    The base is misdescribed (Entrypoint /argv lie, really /argv real): the engine
    runs /argv real /argv x, the prediction is /argv lie /bin/sh -c '…'. Even read
    as exec form the CMD leaves "lie" ≠ "real": the engine disagrees.
    """
    dockerfile = cli.write("Dockerfile", 'FROM liar:1\nCMD ["/argv","x"] # c\n')
    ran = cli.run(dockerfile, "--image", f"liar:1={liar['entrypoint']}", "--fail-on", "never")
    verify = ran.only()["verify"]
    assert verify["argv"] == ["/argv", "real", "/argv", "x"]
    assert verify["status"] == "disagree", verify
    assert ran.returncode == 4


@pytest.mark.parametrize(
    ("dockerfile", "argv", "status", "notes"),
    [
        (BARE_CMD, ["/bin/sh", "-c", ""], "agree", []),  # 20.10's BuildKit matches current
        (COMMENTED_CMD, ["/argv", "x"], "explained", [JSON_TEXT_NOTE]),  # its parser is old
    ],
    ids=["bare-cmd", "json-then-text"],
)
def test_buildkit_20_10_differences(
    cli: Cli,
    engine: Any,
    versions: dict[str, dict[str, str]],
    dockerfile: str,
    argv: list[str],
    status: str,
    notes: list[str],
) -> None:
    if DEBIAN_CLIENT not in versions:
        pytest.skip(f"no {DEBIAN_CLIENT}")
    ran = cli.run(
        cli.write("Dockerfile", dockerfile),
        *base_binding(engine),
        "--fail-on",
        "never",
        client=DEBIAN_CLIENT,
        extra_env={"DOCKER_BUILDKIT": "1"},
    )
    verify = ran.only()["verify"]
    assert verify["builder"] == buildkit(versions[DEBIAN_CLIENT])
    assert (verify["argv"], verify["status"], verify["notes"]) == (argv, status, notes)
    assert ran.returncode == 0


# -- 6. The engine cannot be asked: exit 3, one line -------------------------------------------------


@pytest.mark.parametrize("where", ["missing", "not-listening"])
def test_no_engine_reachable(cli: Cli, liar: dict[str, str], where: str) -> None:
    sock = str(cli.tmp / f"{where}.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as deaf:
        if where == "not-listening":
            deaf.bind(sock)  # bound, never listening: connecting is refused
        ran = cli.run(
            "--run",
            "docker run liar:1",
            "--image",
            f"liar:1={liar['true']}",
            extra_env={"DOCKER_HOST": f"unix://{sock}"},
        )
    assert ran.stderr_lines() == [
        "cmdresolve: verify: no Docker engine reachable: Cannot connect to the Docker daemon "
        f"at unix://{sock}. Is the docker daemon running?"
    ]
    assert ran.returncode == 3


def test_no_docker_cli(cli: Cli, liar: dict[str, str]) -> None:
    ran = cli.run("--run", "docker run liar:1", "--image", f"liar:1={liar['true']}", client=None)
    assert ran.stderr_lines() == [
        "cmdresolve: verify: --verify needs the docker CLI on PATH; none was found"
    ]
    assert ran.returncode == 3


def test_base_not_local_never_pulls(cli: Cli, engine: Any) -> None:
    since = time.time()
    ran = cli.run(cli.write("Dockerfile", 'FROM notlocal:1\nCMD ["/argv"]\n'))
    assert ran.stderr_lines() == [
        "cmdresolve: verify: the build needs the base image notlocal:1, which is not on this "
        "engine, and --verify never pulls: docker pull or docker load it first"
    ]
    assert ran.returncode == 3
    pulls = engine.docker(
        "events",
        "--since",
        f"{since:.6f}",
        "--until",
        f"{time.time():.6f}",
        "--filter",
        "type=image",
        "--filter",
        "event=pull",
    ).stdout
    assert pulls == ""
    assert not image_exists(engine, "notlocal:1")


def test_build_fails(cli: Cli, engine: Any) -> None:
    images_before = _ids(engine, "images", "-aq")
    fresh = uuid.uuid4().hex  # not cached: the ENV step is committed by this build
    dockerfile = cli.write(
        "fails/Dockerfile", B + f'ENV A={fresh}\nRUN /bin/false\nCMD ["/argv"]\n'
    )
    ran = cli.run(dockerfile, *base_binding(engine))
    # argvbase has no /bin/false: the shell says not found, status 127.
    assert ran.stderr_lines() == [
        "cmdresolve: verify: the build of fails/Dockerfile failed: "
        "The command '/bin/sh -c /bin/false' returned a non-zero code: 127"
    ]
    assert ran.returncode == 3
    # The classic builder committed the ENV step before RUN failed; it is removed too.
    assert _ids(engine, "images", "-aq") - images_before == set()
    assert _ids(engine, "ps", "-aq") == set()


def test_pod_image_not_local(cli: Cli, liar: dict[str, str]) -> None:
    pod = cli.write(
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "  - name: c\n    image: nothere:1\n",
    )
    ran = cli.run(pod, "--image", f"nothere:1={liar['true']}")
    assert ran.stderr_lines() == [
        "cmdresolve: verify: image nothere:1 is not on this engine, and --verify never pulls: "
        "docker pull or docker load it first, or bind it to its Dockerfile with --image"
    ]
    assert ran.returncode == 3


def test_classic_build_cache_is_not_trusted(
    cli: Cli, engine: Any, versions: dict[str, dict[str, str]]
) -> None:
    """An earlier build's cache must not change what --verify compares.

    The classic builder's cache key for a metadata step is (parent, instruction), so
    after the user built ``CMD; ENTRYPOINT`` in one stage, the same ENTRYPOINT on top
    of a previous stage's ``CMD`` comes back with that stale Cmd, where a fresh build
    resets it (test_engine_argv ``test_classic_cache_reuses_stale_cmd``). --verify
    asks what the Dockerfile gives, so that cache must not leak into its answer.
    (It does not: the ``LABEL cmdresolve.verify=<run id>`` step the classic builder
    appends is never cached, and commits the config the dispatcher computed.)
    """
    tag = uuid.uuid4().hex[:8]  # this test's own cache entries
    one_stage = B + f'CMD ["stale-{tag}"]\nENTRYPOINT ["/argv","cache"]\n'
    two_stages = f'{B[:-1]} AS a\nCMD ["stale-{tag}"]\nFROM a\nENTRYPOINT ["/argv","cache"]\n'
    engine.build(one_stage, "classic", cache=True)  # the user's earlier build
    ran = cli.run(cli.write("Dockerfile", two_stages), *base_binding(engine))
    v = versions[NEW_CLIENT]
    fields = env_fields({"PATH": DEFAULT_PATH}, "/", "")
    assert_agrees(ran.only(), ("/argv", "cache"), fields, classic(v), v)
    assert ran.returncode == 0


# -- 7. Clean-up ---------------------------------------------------------------------------------------


def test_base_image_without_children_survives(
    cli: Cli, engine: Any, versions: dict[str, dict[str, str]]
) -> None:
    """A base image nothing else was built on: the run's clean-up must not remove it.

    (argvbase:1 usually has children from other tests, which would make a wrong
    ``docker rmi -f`` of it fail quietly; a fresh base shows whether one is tried.)
    """
    ref = "verifybase:1"
    import_base(engine, ref)
    try:
        inspect = engine.save_inspect(ref, cli.tmp / "verifybase.json")
        dockerfile = cli.write("Dockerfile", f'FROM {ref}\nENTRYPOINT ["/argv","e"]\n')
        ran = cli.run(dockerfile, "--image", f"{ref}={inspect}")
        v = versions[NEW_CLIENT]
        fields = env_fields({"PATH": DEFAULT_PATH}, "/", "")
        assert_agrees(ran.only(), ("/argv", "e"), fields, classic(v), v)
        assert image_exists(engine, ref), f"--verify removed {ref}, the base it built on"
    finally:
        engine.docker("rmi", "-f", ref, check=False)


@pytest.mark.parametrize("to", ["process-group", "process"])
def test_interrupt(cli: Cli, engine: Any, to: str) -> None:
    """Ctrl-C during the build: exit 130, and nothing the run made is left behind.

    A terminal's Ctrl-C reaches the whole foreground process group (cmdresolve and
    its docker client); ``process`` sends it to cmdresolve alone.
    """
    # A fresh ENV value: a cached step would commit nothing and hide a leftover.
    fresh = uuid.uuid4().hex
    dockerfile = cli.write("Dockerfile", B + f'ENV A={fresh}\nRUN sleep 5\nCMD ["/argv"]\n')
    images_before = _ids(engine, "images", "-aq")
    containers_before = _ids(engine, "ps", "-aq")
    since = time.time()
    proc = cli.popen(dockerfile, *base_binding(engine))
    try:
        # The RUN step's container appearing means the build is under way.
        deadline = time.monotonic() + 60
        while _ids(engine, "ps", "-aq") <= containers_before:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the build never started its RUN step"
            time.sleep(0.05)
        sent = time.monotonic()
        if to == "process-group":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert time.monotonic() - sent < 4.5, "it waited for the build instead of stopping"
    assert proc.returncode == 130
    assert err.splitlines() == ["cmdresolve: verify: interrupted"]
    assert_nothing_left(engine, since)
    assert _ids(engine, "ps", "-aq") == containers_before
    leftover = _ids(engine, "images", "-aq") - images_before
    assert leftover == set(), (
        f"the interrupted build left unlabelled intermediate images behind: {leftover}"
    )
