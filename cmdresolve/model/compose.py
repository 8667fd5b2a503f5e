"""A compose file as Compose reads it: YAML values that keep their place, and the
service fields that decide the process.

``YMap`` keeps its keys in file order. Tags ``!reset`` and ``!override`` stay on the
value they mark until the files are merged. A string scalar keeps the uses of its
interpolation (``uses``), so each argv element can say which variable made it.
"""

from __future__ import annotations

from cmdresolve.model.frozen import field, record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from typing import TypeAlias

    from cmdresolve.model.origins import Arg
    from cmdresolve.model.span import Span

    Scalar: TypeAlias = "str | int | float | bool | None"
    YNode: TypeAlias = "YScalar | YMap | YList"

__all__ = ["BuildSpec", "ComposeRun", "ComposeService", "Use", "YList", "YMap", "YScalar"]


@record
class Use:
    """One replaced ``$…`` of a value: where its replacement stands in the result
    (``start``, ``end``), the variables it read and those of them that are not set
    and were read as empty (compose warns: "Defaulting to a blank string")."""

    start: int
    end: int
    source: str
    names: tuple[str, ...]
    unset: tuple[str, ...] = ()


@record
class YScalar:
    """A scalar: its YAML 1.2 value (``None`` for null), its place and tag."""

    value: Scalar
    span: Span | None = None
    tag: str | None = None
    uses: tuple[Use, ...] = ()
    raw: str | None = None  # the text before interpolation, when it changed


@record
class YMap:
    items: dict[str, YNode] = field(default_factory=dict)
    span: Span | None = None
    tag: str | None = None
    keys: dict[str, Span] = field(default_factory=dict)  # where each key is written

    def get(self, key: str) -> YNode | None:
        return self.items.get(key)


@record
class YList:
    items: tuple[YNode, ...] = ()
    span: Span | None = None
    tag: str | None = None


@record
class BuildSpec:
    """``build:``, paths resolved: the Dockerfile's path or its inline text."""

    context: str
    dockerfile: str | None = None
    dockerfile_inline: str | None = None
    target: str | None = None
    args: tuple[tuple[str, str], ...] = ()
    span: Span | None = None


@record
class ComposeService:
    """One service after the files, ``extends`` and interpolation: ``command`` and
    ``entrypoint`` as written (``None`` absent or null, a string scalar, or a list)."""

    name: str
    project: str
    span: Span | None = None
    image: str | None = None
    build: BuildSpec | None = None
    command: YScalar | YList | None = None
    entrypoint: YScalar | YList | None = None
    working_dir: str | None = None
    user: str | None = None
    environment: tuple[str, ...] = ()  # K=V, env_file entries first
    init: bool = False
    profiles: tuple[str, ...] = ()
    healthcheck: YNode | None = None  # as written; resolve/processes reads it


@record
class ComposeRun:
    """``docker compose run [opts] SERVICE [ARGS…]``: ``entrypoint`` is the
    ``--entrypoint`` value split (``()`` for ``''``), ``args`` the words after the service
    (None when there are none), ``env`` the ``-e`` entries as written."""

    service: str
    program: str = "docker compose"
    entrypoint: tuple[Arg, ...] | None = None
    args: tuple[Arg, ...] | None = None
    env: tuple[str, ...] = ()
    working_dir: str | None = None
    user: str | None = None
    span: Span | None = None
    env_from_files: tuple[str, ...] = ()  # --env-from-file, in order
    # The global options of the line (before ``run``): None when not given.
    files: tuple[str, ...] = ()  # -f / --file, in order
    project_name: str | None = None  # -p / --project-name
    profiles: tuple[str, ...] = ()  # --profile
    env_files: tuple[str, ...] = ()  # --env-file
    project_directory: str | None = None  # --project-directory
