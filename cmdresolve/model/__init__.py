"""The frozen data model every layer speaks.

Standard library only. ``None`` always means "not set"; an empty tuple means
"set to empty" (Go's nil versus empty slice), and the two are never merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from typing import Literal

    from cmdresolve.model import engine

__all__ = [
    "SHELL_SCRIPT_NOTE",
    "Arg",
    "Command",
    "ExecForm",
    "Finding",
    "ImageConfig",
    "InputError",
    "Resolution",
    "ShellForm",
    "Span",
    "Step",
    "Unknown",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A place in an input: 1-based line and column; ``end_line`` for multi-line text."""

    file: str
    line: int | None = None
    col: int | None = None
    end_line: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.col is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.col}"


class InputError(Exception):
    """Input we cannot read: the CLI prints ``span: message`` and exits 2.

    ``code`` names the check rule that documents the mistake, when one does.
    """

    def __init__(self, message: str, span: Span | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.code = code

    def __str__(self) -> str:
        text = f"{self.code} {self.message}" if self.code else self.message
        return f"{self.span}: {text}" if self.span else text


@dataclass(frozen=True, slots=True)
class ExecForm:
    """JSON-array form: the list is the argv, element for element."""

    argv: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShellForm:
    """Shell form: one string, handed to the shell as the ``-c`` script."""

    script: str


Command = ExecForm | ShellForm


# The note of the script token a shell-form CMD/ENTRYPOINT is wrapped around.
SHELL_SCRIPT_NOTE = "the shell script (-c)"


@dataclass(frozen=True, slots=True)
class Arg:
    """One argv element and where it came from.

    ``origin`` is a dotted name such as ``image.entrypoint``, ``image.shell``,
    ``run.entrypoint`` or ``run.args``; ``note`` says something the user must know
    about this element (for example that it is the shell's ``$0``); ``path`` is
    the API field it came from in a manifest (``spec.containers[0].args[1]``).
    """

    value: str
    origin: str
    span: Span | None = None
    note: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One rule of the real system applied while resolving, with its authority."""

    rule: str
    summary: str
    authority: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Unknown:
    """Something we could not know, and what would tell us.

    ``undefined`` names the variable of a ``$(VAR)`` left literal because the
    container env does not define it; ``at_run_time`` marks a ``$(VAR)`` the kubelet
    expands to a value only the cluster knows (both read by checks, not rendered).
    """

    reason: str
    span: Span | None = None
    undefined: str | None = None
    at_run_time: bool = False


if TYPE_CHECKING:
    Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class ImageConfig:
    """The parts of an image config that decide the process.

    ``entrypoint`` and ``cmd`` are argv tuples whose elements keep their origin;
    ``None`` means the field is absent from the config.  ``env`` keeps
    ``KEY=VALUE`` strings in config order.  ``source`` names where the config
    came from (a Dockerfile stage, a config file, a catalog entry).
    ``unknown`` names the fields inherited from an image we know nothing
    about: their values here are placeholders and must not be reported.
    """

    source: str
    entrypoint: tuple[Arg, ...] | None = None
    cmd: tuple[Arg, ...] | None = None
    shell: tuple[str, ...] | None = None
    env: tuple[str, ...] | None = None
    working_dir: str | None = None
    user: str | None = None
    os: str = "linux"
    onbuild: tuple[str, ...] = ()
    source_span: Span | None = None
    shell_span: Span | None = None
    unknown: frozenset[str] = frozenset()

    def knows(self, name: str) -> bool:
        """False when ``name`` (a field) comes from a base image we could not read."""
        return name not in self.unknown

    @classmethod
    def unknown_image(cls, source: str) -> ImageConfig:
        """An image we know nothing about: every field is a placeholder."""
        return cls(source=source, unknown=IMAGE_FIELDS)


IMAGE_FIELDS = frozenset({"entrypoint", "cmd", "shell", "env", "working_dir", "user"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one container: argv (or the error that stops it) and why.

    ``incomplete`` names the parts (``argv``, ``env``, ``working_dir``, ``user``)
    whose value is not, or not wholly, known; ``unknowns`` say why.
    ``image_config`` is the config the run-time merge used (not rendered), so checks
    read the image's fields instead of the steps' prose; ``engine_request`` says how
    to reproduce the container on a Docker engine (``--verify``; not rendered).
    """

    runtime: Literal["docker", "kubernetes", "compose"]
    argv: tuple[Arg, ...] | None
    error: str | None = None
    env: tuple[str, ...] | None = None
    working_dir: str | None = None
    user: str | None = None
    steps: tuple[Step, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    findings: tuple[Finding, ...] = ()
    workload: str | None = None
    container: str | None = None
    container_type: str | None = None
    image: str | None = None
    incomplete: frozenset[str] = field(default=frozenset())
    image_config: ImageConfig | None = None
    engine_request: engine.EngineRequest | None = field(default=None, compare=False)
    verification: engine.Verification | None = field(default=None, compare=False)

    @property
    def values(self) -> tuple[str, ...] | None:
        return None if self.argv is None else tuple(a.value for a in self.argv)
