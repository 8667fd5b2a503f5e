"""How a run ends: the exit statuses of the ``cmdresolve`` command (docs/design.md)."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitStatus"]


class ExitStatus(IntEnum):
    OK = 0  # every container resolved, and no finding reaches --fail-on
    CANNOT_START = 1  # a container cannot be created, or a finding reaches --fail-on
    INPUT_ERROR = 2  # a usage or input error (one `file:line: message` line each)
    ENGINE_UNREACHABLE = 3  # --verify: the engine could not be asked
    ENGINE_DISAGREES = 4  # --verify: the engine disagrees with a prediction
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it)
