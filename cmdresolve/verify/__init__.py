"""``--verify``: ask the user's Docker engine what it would execute, without running it.

For each container: build its Dockerfile (or take the local image), create — never
start — a container with the same overrides, read ``.Path``/``.Args`` and
``.Config.Env``/``.WorkingDir``/``.User``, remove it, and compare with the prediction
token by token. For a Kubernetes container, command → Entrypoint and args → Cmd
after cmdresolve's ``$(VAR)`` expansion, as dockershim passed them; the engine's
merge of those is the CRI merge (docs/semantics.md §9). Everything created carries the
label ``cmdresolve.verify=<run id>`` and is removed again, also on errors and Ctrl-C.
"""

from __future__ import annotations

import json
import signal
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator

from cmdresolve.checks.rule import is_shell_script, shell_start
from cmdresolve.model import Resolution
from cmdresolve.model.engine import EngineRequest, ImageBuild, Verification
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import replace
from cmdresolve.model.origins import Args
from cmdresolve.model.outcome import ExitStatus
from cmdresolve.verify.docker_cli import CANNOT_ASK, DockerCli, EngineError, Refused

__all__ = ["EngineError", "Verifier", "verified", "verify_and_show"]

INTERRUPTED = ExitStatus.INTERRUPTED


class Verifier:
    """One engine session: versions read once, each Dockerfile built once."""

    def __init__(self, cli: DockerCli) -> None:
        self.cli = cli
        self.versions = cli.versions()
        self.built: dict[tuple[object, ...], tuple[str, str]] = {}

    def check(self, result: Resolution) -> Resolution:
        request = result.engine_request
        if request is None:
            return result
        image, builder = self._image(request)
        try:
            container = self.cli.create(image, request)
        except Refused as refused:
            return replace(result, verification=self._compare(result, None, str(refused), builder))
        try:
            found = self.cli.inspect(container)
        finally:
            self.cli.remove_container(container)
        return replace(result, verification=self._compare(result, found, None, builder))

    def _image(self, request: EngineRequest) -> tuple[str, str | None]:
        if request.build is not None:
            return self._build(request.build)
        if request.image is None or not self.cli.has_image(request.image):
            raise EngineError(
                N_(
                    "image {image} is not on this engine, and --verify never pulls: docker "
                    "pull or docker load it first, or bind it to its Dockerfile with --image"
                ),
                CANNOT_ASK,
                image=request.image or "(none)",
            )
        return request.image, None

    def _build(self, build: ImageBuild) -> tuple[str, str | None]:
        key = build.key()
        if key not in self.built:
            if build.dockerfile == "-":
                raise EngineError(
                    N_("a Dockerfile read from standard input cannot be built; give its path"),
                    CANNOT_ASK,
                )
            for base in build.bases:
                if not self.cli.has_image(base):
                    raise EngineError(
                        N_(
                            "the build needs the base image {image}, which is not on this "
                            "engine, and --verify never pulls: docker pull or docker load it "
                            "first"
                        ),
                        CANNOT_ASK,
                        image=base,
                    )
            image, output = self.cli.build(build)
            self.built[key] = (image, self._builder(output))
        return self.built[key]

    def _builder(self, output: str) -> str:
        engine = self.versions["engine"]
        from cmdresolve.render.catalog import say

        # Said here, in the chosen language: the verdict keeps it as text.
        if "Step 1/" in output:
            return say(N_("classic builder of dockerd {engine}"), {"engine": engine})
        buildx = self.cli.buildx_version()
        if buildx:
            return f"BuildKit ({buildx})"
        return say(N_("BuildKit built into dockerd {engine}"), {"engine": engine})

    def _compare(
        self,
        result: Resolution,
        found: dict[str, object] | None,
        refusal: str | None,
        builder: str | None,
    ) -> Verification:
        predicted = result.values
        engine_argv = _engine_argv(found)
        tokens = _pairs(predicted or (), engine_argv or ())
        notes: list[str] = []
        if result.error is not None or refusal is not None:
            same = (
                result.error is not None
                and refusal is not None
                and "no command specified" in refusal.lower()
            )
            status = "agree" if same else "disagree"
        elif predicted is None or "argv" in result.incomplete:
            status = "not-predicted"
            notes.append(N_("cmdresolve could not know the whole argv; the engine's is shown"))
        elif predicted == engine_argv:
            status = "agree"
        else:
            known = _known_difference(result, engine_argv or ())
            status = "explained" if known else "disagree"
            notes.extend(known)
        fields = _fields(result, found) if found is not None else ()
        if status in ("agree", "explained") and not all(f[3] for f in fields):
            status = "disagree"
        request = result.engine_request
        if result.runtime == "kubernetes" and request is not None and request.user is None:
            notes.append(
                N_(
                    "the user is the kubelet's choice (image USER, user part only, or uid 0), "
                    "not the engine's: not compared"
                )
            )
        return Verification(status, self.versions, builder, tokens, refusal, fields, tuple(notes))


def verified(results: Iterator[Resolution], verifier: Verifier) -> Iterator[Resolution]:
    """Each result with the engine's verdict attached."""
    for result in results:
        yield verifier.check(result)


def new_label() -> str:
    return f"cmdresolve.verify={uuid.uuid4().hex[:12]}"


def _engine_argv(found: dict[str, object] | None) -> tuple[str, ...] | None:
    """``Path`` and ``Args``, behind docker-init when ``HostConfig.Init`` asks for it.

    Authority: moby ``daemon/oci_linux.go :: WithCommonOptions``: with a private PID
    namespace and ``HostConfig.Init`` set, the process is ``/sbin/docker-init -- Path
    Args``; ``docker inspect`` shows Path and Args without it. (A daemon started with
    ``--init`` does the same for ``Init`` unset; its configuration is not visible here.)
    """
    if found is None:
        return None
    path = found.get("Path")
    args = found.get("Args") or []
    if not isinstance(path, str) or not isinstance(args, list):
        return None
    host = found.get("HostConfig")
    init = ("/sbin/docker-init", "--") if isinstance(host, dict) and host.get("Init") else ()
    return (*init, path, *(str(a) for a in args))


def _pairs(
    predicted: tuple[str, ...], engine: tuple[str, ...]
) -> tuple[tuple[str | None, str | None], ...]:
    size = max(len(predicted), len(engine))
    return tuple(
        (
            predicted[i] if i < len(predicted) else None,
            engine[i] if i < len(engine) else None,
        )
        for i in range(size)
    )


def _fields(
    result: Resolution, found: dict[str, object]
) -> tuple[tuple[str, str | None, str | None, bool], ...]:
    config = found.get("Config")
    config = config if isinstance(config, dict) else {}
    out: list[tuple[str, str | None, str | None, bool]] = []
    engine_env = dict(_split(e) for e in config.get("Env") or [] if isinstance(e, str))
    predicted_env = dict(_split(e) for e in result.env or ())
    names = list(predicted_env)
    if "env" not in result.incomplete:
        names += [n for n in engine_env if n not in predicted_env]
    for name in names:
        mine, theirs = predicted_env.get(name), engine_env.get(name)
        out.append((f"env {name}", mine, theirs, mine == theirs))
    if "working_dir" not in result.incomplete:
        theirs = str(config.get("WorkingDir") or "") or "/"
        mine = result.working_dir or "/"
        out.append(("working dir", mine, theirs, mine == theirs))
    request = result.engine_request
    compare_user = result.runtime == "docker" or (request is not None and request.user)
    if compare_user and "user" not in result.incomplete:
        theirs = str(config.get("User") or "")
        mine = result.user or ""
        out.append(("user", mine, theirs, mine == theirs))
    return tuple(out)


def _split(entry: str) -> tuple[str, str]:
    name, _, value = entry.partition("=")
    return name, value


def _known_difference(result: Resolution, engine: tuple[str, ...]) -> list[str]:
    """Differences docs/semantics.md §9 records between Docker 20.10's builders and current
    BuildKit, when they explain this mismatch; each names both answers."""
    argv = result.argv or ()
    predicted = tuple(a.value for a in argv)
    notes = []
    scripts = [a for a in argv if is_shell_script(a)]
    if scripts and scripts[-1].value == "" and engine == predicted[:-1]:
        notes.append(
            N_(
                'a bare CMD: current BuildKit stores ["/bin/sh", "-c", ""], the classic builder '
                '["/bin/sh", "-c"] (docs/semantics.md §9); cmdresolve follows BuildKit'
            )
        )
    if engine == _as_old_parser(argv):
        notes.append(
            N_(
                "a JSON array followed by other text: current BuildKit reads it as shell form, "
                "the parser of Docker 20.10 and older as exec form (docs/semantics.md §9); "
                "cmdresolve follows BuildKit"
            )
        )
    return notes


def _as_old_parser(argv: Args) -> tuple[str, ...] | None:
    """The argv had each shell-wrapped ``[…] text`` script been read as its JSON array."""
    replaced: dict[int, list[str]] = {}
    dropped: set[int] = set()
    for i, arg in enumerate(argv):
        array = _leading_array(arg.value) if is_shell_script(arg) else None
        if array is None:
            continue
        replaced[i] = array
        dropped.update(range(shell_start(argv, i), i))  # the shell wrapping it
    if not replaced:
        return None
    out: list[str] = []
    for i, arg in enumerate(argv):
        if i not in dropped:
            out.extend(replaced.get(i, [arg.value]))
    return tuple(out)


def _leading_array(text: str) -> list[str] | None:
    """The JSON array of strings ``text`` starts with, when other text follows it."""
    try:
        value, end = json.JSONDecoder().raw_decode(text.lstrip())
    except ValueError:
        return None
    rest = text.lstrip()[end:].strip()
    if not rest or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return value


def verify_and_show(
    results: Iterator[Resolution], show: Callable[[Iterable[Resolution]], None]
) -> ExitStatus | None:
    """Show the results with the engine's verdicts; an exit status if the engine could
    not be asked (3) or the run was interrupted (130), else None.

    Whatever happens, everything the run created is removed before this returns; a
    second Ctrl-C cannot interrupt that.
    """
    try:
        cli = DockerCli(new_label())
    except EngineError as exc:
        _complain(exc.message)
        return exc.status
    try:
        # All verdicts first: an engine error then leaves no half-written output.
        show(list(verified(results, Verifier(cli))))
    except EngineError as exc:
        _complain(exc.message)
        return exc.status
    except KeyboardInterrupt:
        from cmdresolve.render.catalog import say

        _complain(say(N_("interrupted")))
        return INTERRUPTED
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            cli.clean_up()
        finally:
            signal.signal(signal.SIGINT, previous)
    return None


def _complain(text: str) -> None:
    print(f"cmdresolve: verify: {text}", file=sys.stderr)
