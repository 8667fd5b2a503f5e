"""cmdresolve's Kubernetes predictions against a real dockerd, fed the way dockershim fed it.

Before containerd's CRI plugin, the kubelet's dockershim turned a pod container into
an Engine API ``POST /containers/create``: ``command`` became ``Entrypoint`` and
``args`` became ``Cmd`` (each omitted when unset; the kubelet turns ``[]`` into unset,
docs/semantics.md §3.4 rule 11), ``env`` became ``Env`` and ``workingDir`` ``WorkingDir``.
dockerd's merge (§2.2 rules 5-7, 9) is the one containerd's ``WithProcessArgs``
says it was "migrated from" (§3.5 rule 13), including the image ``ENTRYPOINT [""]``
reset, so the engine reproduces the Kubernetes docs table (§6.2) and containerd's
unit table (§7.9) on Linux — and cmdresolve's containerd-on-Linux prediction must
match what it execs.

Each case writes the Dockerfile (built with the **classic builder**, which every
client here drives; none of these Dockerfiles touch the spots where it differs from
BuildKit, §9) and a Pod manifest, asks ``cmdresolve.api.resolve`` for the
container, then creates the container through the Engine API over the daemon's
unix socket with what the kubelet would hand the runtime: the pod fields with
``$(VAR)`` already expanded.  Those expanded lists are written by hand from the
kubelet rules (§3.3, §7.8), not taken from cmdresolve, so the expansion is checked
too.  ``docker inspect`` gives ``.Path``/``.Args``/``.Config``; ``docker start -a``
shows what PID 1 printed.  No network is created (``NetworkMode: none``); every
container is labelled and removed, and conftest's cleanup removes the images.

The expected argv in each case comes from docs/semantics.md and the engine; it is never
adjusted to match cmdresolve.
"""

from __future__ import annotations

import http.client
import json
import socket
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from cmdresolve.api import Options, resolve

pytestmark = pytest.mark.engine

BUILDER = "classic"  # conftest's current CLI drives it; BuildKit needs the 20.10 CLI
LABELS = {"cmdresolve.engine-test": "1"}  # conftest.LABEL: its cleanup finds them
BASE_IMAGE = "argvbase:1"  # made by conftest.py
POD_IMAGE = "registry.example/kube-case:1"  # any name: the one Dockerfile binds to it
NO_COMMAND = "no command specified"  # dockerd says "No command specified"
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

B = f"FROM {BASE_IMAGE}\n"
# The Kubernetes docs table's image: Entrypoint [/ep-1], Cmd [foo bar].
DOCS = B + 'ENTRYPOINT ["/argv","ep-1"]\nCMD ["foo","bar"]\n'
EP2 = ["/argv", "ep-2"]  # the table's command [/ep-2]
ZOO = ["zoo", "boo"]  # the table's args
EMPTY_EP = B + 'ENTRYPOINT [""]\nCMD ["/argv","img-cmd"]\n'
EMPTY_EP_NO_CMD = B + 'ENTRYPOINT [""]\n'  # the ENTRYPOINT also resets argvbase's CMD
SHELL_EP_DOLLAR = B + 'ENTRYPOINT /argv sh-ep "$0" "$@"\n'
SHELL_EP = B + 'ENTRYPOINT /argv sh-ep\nCMD ["c"]\n'
CMD_ONLY = B + 'CMD ["/argv","img-cmd"]\n'
ENV_WD = B + 'ENV IMG_ONLY=img SHARED=from-image\nWORKDIR /img-wd\nENTRYPOINT ["/argv","ep-1"]\n'


@dataclass(frozen=True)
class KubeCase:
    """One pod container on one image, and what the runtime must run.

    ``fields`` are the container's fields besides name and image.  ``sent`` is what
    the kubelet hands the runtime when that differs from ``fields`` (``$(VAR)``
    expanded).  ``expect`` is the argv (``None``: "no command specified");
    ``printed`` what the run prints when it is not ``expect`` (a shell in between);
    ``output`` says how to read the run: ``argv`` (/argv's JSON), ``env`` or ``pwd``.
    """

    id: str
    dockerfile: str
    fields: Mapping[str, Any]
    expect: tuple[str, ...] | None
    printed: tuple[str, ...] | str | None = None
    sent: Mapping[str, Any] = field(default_factory=dict)
    output: str = "argv"
    config_env: Mapping[str, str] | None = None  # the container Config.Env, as a dict


def env(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in pairs]


MSG_ENV = env(
    ("MSG", "hello world"),
    ("EARLY", "$(LATER)-x"),  # declared before LATER: stays literal (§3.2 rule 3)
    ("LATER", "later"),
    ("REF", "$(MSG)!"),  # declared after MSG: expanded
)
MSG_ARGS = [
    "$(LATER)",
    "$(EARLY)",
    "$(REF)",
    "$$(MSG)",
    "$(IMG_ONLY)",
    "$(NOPE)",
    "$MSG",
    "${MSG}",
    "a$(MSG)b",
]
# Kubelet: command/args see the final pod env (§3.4 rule 10), one pass, no re-expansion
# of a value; `$$` escapes; unknown names (and the image ENV, §3.2 rule 7) stay literal;
# only `$(...)` is special (§3.3 rule 8, §7.6).
MSG_ARGS_SENT = [
    "later",
    "$(LATER)-x",
    "hello world!",
    "$(MSG)",
    "$(IMG_ONLY)",
    "$(NOPE)",
    "$MSG",
    "${MSG}",
    "ahello worldb",
]
MSG_ENV_SENT = ["MSG=hello world", "EARLY=$(LATER)-x", "LATER=later", "REF=hello world!"]

CASES: tuple[KubeCase, ...] = (
    # --- docs/semantics.md §6.2: the Kubernetes docs table, with /argv standing in for /ep-N ---
    KubeCase("docs-neither", DOCS, {}, ("/argv", "ep-1", "foo", "bar")),
    KubeCase("docs-command", DOCS, {"command": EP2}, ("/argv", "ep-2")),
    KubeCase("docs-args", DOCS, {"args": ZOO}, ("/argv", "ep-1", "zoo", "boo")),
    KubeCase("docs-both", DOCS, {"command": EP2, "args": ZOO}, ("/argv", "ep-2", "zoo", "boo")),
    # --- an empty list is unset (§3.4 rule 11): nothing is sent ---
    KubeCase("empty-lists", DOCS, {"command": [], "args": []}, ("/argv", "ep-1", "foo", "bar")),
    # containerd's unit row "cri entrypoint specified even if empty" ([] + args -> args
    # only) cannot come from the kubelet: the image Entrypoint stays (§3.5 rule 14).
    KubeCase(
        "empty-command-with-args", DOCS, {"command": [], "args": ["zoo"]}, ("/argv", "ep-1", "zoo")
    ),
    KubeCase("command-with-empty-args", DOCS, {"command": EP2, "args": []}, ("/argv", "ep-2")),
    # --- $(VAR) from the pod env (expanded by the kubelet before the runtime sees it) ---
    KubeCase(
        "vars-expanded",
        ENV_WD,
        {"command": ["/argv", "$(MSG)"], "args": MSG_ARGS, "env": MSG_ENV},
        ("/argv", "hello world", *MSG_ARGS_SENT),
        sent={"command": ["/argv", "hello world"], "args": MSG_ARGS_SENT, "env": MSG_ENV_SENT},
        config_env={
            "MSG": "hello world",
            "EARLY": "$(LATER)-x",
            "LATER": "later",
            "REF": "hello world!",
            "PATH": DEFAULT_PATH,
            "IMG_ONLY": "img",
            "SHARED": "from-image",
        },
    ),
    # --- image ENTRYPOINT [""]: no Entrypoint sent -> dockerd inherits [""] and resets
    # it (§2.2 rules 6, 9), as containerd on Linux ignores it (§3.5 rule 13, §7.15 #7) ---
    KubeCase("empty-ep-image", EMPTY_EP, {}, ("/argv", "img-cmd")),
    KubeCase("empty-ep-image-args", EMPTY_EP, {"args": ["/argv", "pod-arg"]}, ("/argv", "pod-arg")),
    KubeCase("empty-ep-image-no-cmd", EMPTY_EP_NO_CMD, {}, None),
    # --- shell-form ENTRYPOINT: the pod args become the shell's $0, $1... (§7.15 #10) ---
    KubeCase(
        "shell-ep-args-are-dollar0",
        SHELL_EP_DOLLAR,
        {"args": ZOO},
        ("/bin/sh", "-c", '/argv sh-ep "$0" "$@"', "zoo", "boo"),
        printed=("/argv", "sh-ep", "zoo", "boo"),
    ),
    KubeCase(
        "shell-ep-args-ignored",
        SHELL_EP,
        {"args": ZOO},
        ("/bin/sh", "-c", "/argv sh-ep", "zoo", "boo"),
        printed=("/argv", "sh-ep"),
    ),
    # --- an image with only CMD ---
    KubeCase(
        "cmd-only-image-args", CMD_ONLY, {"args": ["/argv", "pod-args"]}, ("/argv", "pod-args")
    ),
    KubeCase(
        "cmd-only-image-command", CMD_ONLY, {"command": ["/argv", "pod-cmd"]}, ("/argv", "pod-cmd")
    ),
    # --- env: pod env over image ENV; what the process sees (busybox env) ---
    KubeCase(
        "env-merge",
        ENV_WD,
        {
            "command": ["/bin/busybox", "env"],
            "env": env(("SHARED", "from-pod"), ("POD_ONLY", "pod"), ("EMPTY", "")),
        },
        ("/bin/busybox", "env"),
        output="env",
        config_env={
            "SHARED": "from-pod",
            "POD_ONLY": "pod",
            "EMPTY": "",
            "PATH": DEFAULT_PATH,
            "IMG_ONLY": "img",
        },
    ),
    # --- workingDir: the pod's wins over the image WORKDIR (§3.5 rule 17) ---
    KubeCase(
        "workdir-from-pod",
        ENV_WD,
        {"command": ["/bin/busybox", "pwd"], "workingDir": "/tmp"},
        ("/bin/busybox", "pwd"),
        printed="/tmp",
        output="pwd",
    ),
    KubeCase(
        "workdir-from-image",
        ENV_WD,
        {"command": ["/bin/busybox", "pwd"]},
        ("/bin/busybox", "pwd"),
        printed="/img-wd",
        output="pwd",
    ),
)


# --- what the kubelet hands the runtime, as an Engine API create body ---------------


def kubelet_sends(case: KubeCase) -> dict[str, Any]:
    """command/args (None when absent or empty), env as K=V, workingDir (None when unset)."""
    sent: dict[str, Any] = {
        "command": case.fields.get("command") or None,
        "args": case.fields.get("args") or None,
        "env": [f"{e['name']}={e['value']}" for e in case.fields.get("env", ())],
        "workingDir": case.fields.get("workingDir"),
    }
    sent.update(case.sent)
    for words in (sent["command"] or (), sent["args"] or (), sent["env"]):
        # Only the cases with `sent` may hold $(...): they say what the kubelet made of it.
        assert case.sent or not any("$(" in w for w in words), case.id
    return sent


def create_body(image: str, sent: Mapping[str, Any]) -> dict[str, Any]:
    """The dockershim mapping: command -> Entrypoint, args -> Cmd, each omitted when unset."""
    body: dict[str, Any] = {
        "Image": image,
        "Labels": LABELS,
        "HostConfig": {"NetworkMode": "none"},
    }
    for key, name in (("command", "Entrypoint"), ("args", "Cmd"), ("workingDir", "WorkingDir")):
        if sent[key] is not None:
            body[name] = sent[key]
    if sent["env"]:
        body["Env"] = sent["env"]
    return body


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP to dockerd's unix socket (the Engine API without any client library)."""

    def __init__(self, path: str, timeout: float = 60.0) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


def api_create(engine: Any, name: str, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    """``POST /containers/create?name=...``: (HTTP status, decoded JSON reply)."""
    host = engine.env["DOCKER_HOST"]
    assert host.startswith("unix://"), host
    conn = UnixHTTPConnection(host.removeprefix("unix://"))
    try:
        conn.request(
            "POST",
            f"/containers/create?name={name}",
            body=json.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read() or b"{}")
    finally:
        conn.close()


# --- observing the engine ------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    error: str | None = None  # the create error
    path: str | None = None
    args: tuple[str, ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict)  # inspect .Config
    returncode: int | None = None  # docker start -a
    stdout: str = ""
    stderr: str = ""

    @property
    def argv(self) -> tuple[str, ...] | None:
        return None if self.path is None else (self.path, *self.args)


Observations = dict[str, Observation | BaseException]


def observe_now(engine: Any, case: KubeCase) -> Observation:
    """Build the image, create the container as dockershim did, inspect it, start it."""
    image = engine.build(case.dockerfile, BUILDER)
    name = f"cmdresolve-kube-{case.id}-{uuid.uuid4().hex[:8]}"
    status, reply = api_create(engine, name, create_body(image, kubelet_sends(case)))
    if status != 201:
        return Observation(error=f"HTTP {status}: {reply.get('message', reply)}")
    container = reply["Id"]
    try:
        info = json.loads(engine.docker("container", "inspect", container).stdout)[0]
        assert info["Config"]["Labels"] == LABELS
        ran = engine.docker("start", "-a", container, check=False, timeout=60)
    finally:
        engine.docker("rm", "-f", container, check=False)
    return Observation(
        path=info["Path"],
        args=tuple(info["Args"] or ()),
        config=info["Config"],
        returncode=ran.returncode,
        stdout=ran.stdout,
        stderr=ran.stderr,
    )


@pytest.fixture(scope="module")
def observations(engine: Any, request: pytest.FixtureRequest) -> Observations:
    """Every selected case, observed up front a few at a time (dockerd serves them in parallel)."""
    wanted: dict[str, KubeCase] = {}
    for item in request.session.items:
        params = getattr(item, "callspec", None)
        case = params.params.get("case") if params is not None else None
        if isinstance(case, KubeCase):
            wanted[case.id] = case
    cache: Observations = {}

    def one(case: KubeCase) -> None:
        try:
            cache[case.id] = observe_now(engine, case)
        except (Exception, pytest.skip.Exception) as exc:  # raised in the test that needs it
            cache[case.id] = exc

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(one, wanted.values()))
    return cache


def observe(engine: Any, cache: Observations, case: KubeCase) -> Observation:
    if case.id not in cache:
        cache[case.id] = observe_now(engine, case)
    found = cache[case.id]
    if isinstance(found, BaseException):
        raise found
    return found


# --- asking cmdresolve ----------------------------------------------------------------


def pod_manifest(case: KubeCase) -> dict[str, Any]:
    container = {"name": "main", "image": POD_IMAGE, **case.fields}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "kube-case"},
        "spec": {"containers": [container]},
    }


def predict(engine: Any, case: KubeCase, tmp_path: Path) -> Any:
    """cmdresolve for [Dockerfile, pod.yaml]; the one Dockerfile is the one container's image."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_bytes(case.dockerfile.encode())
    pod = tmp_path / "pod.yaml"
    pod.write_text(yaml.safe_dump(pod_manifest(case), sort_keys=False))
    results = resolve(
        [str(dockerfile), str(pod)],
        Options(images={BASE_IMAGE: str(engine.base_inspect)}),
    )
    assert len(results) == 1, results
    result = results[0]
    assert result.runtime == "kubernetes", result
    return result


def env_dict(entries: Sequence[str]) -> dict[str, str]:
    pairs = [entry.partition("=") for entry in entries]
    return {key: value for key, _, value in pairs}


PARAMS = [pytest.param(case, id=case.id) for case in CASES]


@pytest.mark.parametrize("case", PARAMS)
def test_engine_runs_the_table(engine: Any, observations: Observations, case: KubeCase) -> None:
    """dockerd, fed as dockershim fed it, execs the argv docs/semantics.md says."""
    obs = observe(engine, observations, case)
    if case.expect is None:
        assert obs.error is not None and NO_COMMAND in obs.error.lower(), obs
        return
    assert obs.error is None, obs.error
    assert obs.argv == case.expect
    assert obs.returncode == 0, obs.stderr
    if case.output == "argv":
        assert tuple(json.loads(obs.stdout)) == (case.printed or case.expect)
    elif case.output == "pwd":
        assert obs.stdout.strip() == case.printed
    if case.config_env is not None:
        assert env_dict(obs.config["Env"]) == case.config_env


@pytest.mark.parametrize("case", PARAMS)
def test_cmdresolve_predicts_the_engine(
    engine: Any, observations: Observations, case: KubeCase, tmp_path: Path
) -> None:
    """cmdresolve's containerd-on-Linux argv (or error) is what dockerd made of the same pod."""
    obs = observe(engine, observations, case)
    result = predict(engine, case, tmp_path)
    detail = (
        f"engine {obs.error or obs.argv!r}; "
        f"cmdresolve predicted {result.values!r} (error {result.error!r})"
    )
    if obs.error is not None:
        assert result.values is None, detail
        assert NO_COMMAND in _error_text(result).lower(), detail
    else:
        assert result.error is None, detail
        assert result.values == obs.argv, detail


CREATED = [pytest.param(case, id=case.id) for case in CASES if case.expect is not None]


@pytest.mark.parametrize("case", CREATED)
def test_cmdresolve_env_and_workdir(
    engine: Any, observations: Observations, case: KubeCase, tmp_path: Path
) -> None:
    """The predicted env and working directory are the container config dockerd made.

    Env is compared as a dict of KEY=VALUE because the orders differ by design:
    dockerd's merge puts the user (pod) env first and appends the image env keys it
    lacks (MOBY ``daemon/commit.go :: merge``), while containerd, which cmdresolve
    models, starts from the default PATH and the image env and replaces or appends the
    pod's entries in place (CTRD ``replaceOrAppendEnvValues``, docs/semantics.md §3.5 rule 17).
    The values per key agree either way.
    """
    obs = observe(engine, observations, case)
    assert obs.error is None, obs.error
    result = predict(engine, case, tmp_path)
    assert env_dict(result.env or ()) == env_dict(obs.config["Env"] or ())
    # An unset WorkingDir runs in "/" (docs/semantics.md §2.2 rule 11, §3.5 rule 17).
    assert result.working_dir == (obs.config["WorkingDir"] or "/")


def test_empty_entrypoint_image_config(engine: Any) -> None:
    """The premise of the empty-ep-image cases: the image really stores Entrypoint [""]."""
    for dockerfile, cmd in ((EMPTY_EP, ["/argv", "img-cmd"]), (EMPTY_EP_NO_CMD, None)):
        config = engine.image_config(engine.build(dockerfile, BUILDER))
        assert (config["Entrypoint"], config["Cmd"]) == ([""], cmd)


def test_process_env_is_predicted(engine: Any, observations: Observations, tmp_path: Path) -> None:
    """What PID 1 really sees (busybox env) is the predicted env, plus runtime additions.

    HOSTNAME is added by every runtime and is the pod's, so cmdresolve leaves it out
    (§3.5 rule 17); HOME is filled in by runc when the env lacks it, under dockerd and
    containerd alike.
    """
    case = next(c for c in CASES if c.output == "env")
    obs = observe(engine, observations, case)
    assert obs.returncode == 0, obs.stderr
    seen = env_dict(obs.stdout.splitlines())
    added = {key: seen.pop(key) for key in ("HOSTNAME", "HOME") if key in seen}
    assert "HOSTNAME" in added, obs.stdout
    assert seen == case.config_env
    assert env_dict(predict(engine, case, tmp_path).env or ()) == seen


def _error_text(result: Any) -> str:
    """The prediction's reason the container cannot be created, as the CLI says it."""
    from cmdresolve.render.phrases import failure_text

    return "" if result.error is None else failure_text(result.error)
