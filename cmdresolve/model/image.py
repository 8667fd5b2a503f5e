"""The parts of an image config that decide the process."""

from __future__ import annotations

from cmdresolve.model.facts import Kind
from cmdresolve.model.frozen import field, record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.dockerfile import Instruction
    from cmdresolve.model.origins import Arg
    from cmdresolve.model.process import Healthcheck
    from cmdresolve.model.span import Span

__all__ = ["IMAGE_FIELDS", "ImageConfig", "ImageSource", "SourceKind"]


class SourceKind(Kind):
    """Where an image config was read from."""

    STAGE = "stage"  # a stage of a given Dockerfile: name is its path
    CATALOG = "catalog"  # the bundled catalog: name is the reference
    FILE = "file"  # a bound image-config JSON file: name is its path
    REFERENCE = "reference"  # an image known only by its reference
    SCRATCH = "scratch"  # FROM scratch


@record
class ImageSource:
    """Where an image config came from, as facts: ``render`` names it in words.

    ``stage`` and ``stage_name`` for a Dockerfile stage; ``pattern`` (the tag pattern
    that matched) and ``url`` (where the catalog read it) for a catalog entry.
    """

    kind: SourceKind
    name: str = ""
    stage: int | None = None
    stage_name: str | None = None
    pattern: str | None = None
    url: str | None = None


@record
class ImageConfig:
    """The parts of an image config that decide the process.

    ``entrypoint`` and ``cmd`` are argv tuples whose elements keep their origin;
    ``None`` means the field is absent from the config.  ``env`` keeps
    ``KEY=VALUE`` strings in config order.  ``source`` names where the config
    came from (a Dockerfile stage, a config file, a catalog entry).
    ``unknown`` names the fields inherited from an image we know nothing
    about: their values here are placeholders and must not be reported.
    ``catalogued`` marks the bundled catalog's own config of an official image
    (not one a Dockerfile stage built on it). ``entrypoint_setup`` says the
    ``entrypoint`` is a script known (from the catalog) to prepare the container before
    it execs its arguments; a stage that inherits that ENTRYPOINT keeps it.
    ``healthcheck`` is ``Healthcheck.Test`` (``None``: not set). ``copies`` holds the
    COPY and ADD instructions of a Dockerfile build, its base stages' first, so that the
    files they put in the image can be found without reading the Dockerfile again.
    """

    source: ImageSource
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
    catalogued: bool = False
    entrypoint_setup: bool = False
    healthcheck: Healthcheck | None = None
    copies: tuple[Instruction, ...] = field(default=(), compare=False)

    def knows(self, name: str) -> bool:
        """False when ``name`` (a field) comes from a base image we could not read."""
        return name not in self.unknown

    @classmethod
    def unknown_image(cls, ref: str) -> ImageConfig:
        """An image we know nothing about (``ref``): every field is a placeholder."""
        return cls(source=ImageSource(SourceKind.REFERENCE, ref), unknown=IMAGE_FIELDS)


IMAGE_FIELDS = frozenset(
    {"entrypoint", "cmd", "shell", "env", "working_dir", "user", "healthcheck"}
)
