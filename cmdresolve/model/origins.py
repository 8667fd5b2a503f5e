"""Where each argv element came from, and what the user must know about it.

Authority for the names: the fields of the real systems (the image config's
``Entrypoint``/``Cmd``, ``docker run``'s ``--entrypoint`` and trailing words, a
container's ``command``/``args``), see docs/semantics.md §0.
"""

from __future__ import annotations

from collections.abc import Sequence

from cmdresolve.model.facts import NO_PARAMS, Kind
from cmdresolve.model.frozen import record
from cmdresolve.model.span import Span

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator
    from typing import overload

    from cmdresolve.model.facts import Params

__all__ = ["Arg", "ArgRun", "Note", "NoteKind", "Origin", "values", "values_or_none", "with_origin"]


class Origin(Kind):
    """The field an argv element was read from."""

    IMAGE_ENTRYPOINT = "image.entrypoint"
    IMAGE_ENTRYPOINT_SHELL = "image.entrypoint.shell"  # the shell a shell form is wrapped in
    IMAGE_CMD = "image.cmd"
    IMAGE_CMD_SHELL = "image.cmd.shell"
    RUN_ENTRYPOINT = "run.entrypoint"  # docker run --entrypoint
    RUN_ARGS = "run.args"  # the words after the image
    RUN_INIT = "run.init"  # docker-init, put in front by --init
    POD_COMMAND = "pod.command"
    POD_ARGS = "pod.args"
    KUBECTL_COMMAND = "kubectl.command"  # kubectl run --command -- …
    KUBECTL_ARGS = "kubectl.args"
    COMPOSE_ENTRYPOINT = "compose.entrypoint"  # a service's entrypoint
    COMPOSE_COMMAND = "compose.command"  # a service's command
    COMPOSE_RUN_ENTRYPOINT = "compose.run.entrypoint"  # docker compose run --entrypoint
    COMPOSE_RUN_ARGS = "compose.run.args"  # the words after the service
    COMPOSE_INIT = "compose.init"  # docker-init, put in front by init: true
    ARGO_SCRIPT = "argo.script"  # /argo/staging/script, where Argo writes script.source
    TEKTON_SCRIPT = "tekton.script"  # the file Tekton writes a step's script to
    SCRIPT_INTERPRETER = "script.interpreter"  # from the script's #! line (or Tekton's sh)
    POD_PROBE = "pod.probe"  # a probe's exec.command
    POD_HOOK = "pod.hook"  # a lifecycle hook's exec.command
    IMAGE_HEALTHCHECK = "image.healthcheck"  # the image's Healthcheck.Test (HEALTHCHECK)
    RUN_HEALTHCHECK = "run.healthcheck"  # docker run --health-cmd
    COMPOSE_HEALTHCHECK = "compose.healthcheck"  # a service's healthcheck.test
    HEALTHCHECK_SHELL = "healthcheck.shell"  # the shell the daemon runs a CMD-SHELL in
    ENTRYPOINT_SCRIPT = "entrypoint.script"  # put in front (or after) by an entrypoint script

    @property
    def is_shell(self) -> bool:
        """A shell a shell-form instruction was wrapped in (``/bin/sh``, ``-c``)."""
        return self in (Origin.IMAGE_ENTRYPOINT_SHELL, Origin.IMAGE_CMD_SHELL)

    @property
    def is_image(self) -> bool:
        return self.value.startswith("image.")


class NoteKind(Kind):
    """Something about one argv element that its value alone does not show."""

    SHELL_INSTRUCTION = "shell.instruction"  # the wrapping shell comes from SHELL
    DEFAULT_SHELL = "shell.default"  # /bin/sh -c
    DEFAULT_WINDOWS_SHELL = "shell.default_windows"  # cmd /S /C
    SHELL_SCRIPT = "shell.script"  # the -c script of a wrapped shell form
    SHELL_OPERAND = "shell.operand"  # $0, $1, … of that script; params: position
    EXPANDED = "kubelet.expanded"  # a $(VAR) replaced; params: name, source
    COMPOSE_VARIABLE = "compose.variable"  # interpolated; params: names, source, where, unset
    EMPTY_PROGRAM = "runtime.empty_program"  # "" as the program: created, exec fails


@record
class Note:
    kind: NoteKind
    params: Params = NO_PARAMS


@record
class Arg:
    """One argv element and where it came from.

    ``origin`` names the field; ``path`` is the API field it came from in a manifest
    (``spec.containers[0].args[1]``); ``notes`` say what the user must know about this
    element (for example that it is the shell's ``$0``).
    """

    value: str
    origin: Origin
    span: Span | None = None
    path: str | None = None
    notes: tuple[Note, ...] = ()

    def has_note(self, kind: NoteKind) -> bool:
        return any(note.kind is kind for note in self.notes)


class ArgRun(Sequence[Arg]):
    """Words of one origin read from one line (a run line's arguments), after a few
    elements made in full (``head``): each word's :class:`Arg` is made when it is read.

    A line of a million words would otherwise hold a million ``Arg`` and ``Span``
    objects and their column numbers (about 170 bytes a word); this keeps a string
    reference and a four-byte column. It compares equal to the tuple of its elements.
    """

    __slots__ = ("cols", "file", "head", "origin", "words")

    def __init__(
        self,
        words: tuple[str, ...],
        cols: Sequence[int],
        origin: Origin,
        file: str,
        head: tuple[Arg, ...] = (),
    ) -> None:
        self.words, self.cols, self.origin, self.file, self.head = words, cols, origin, file, head

    def after(self, head: tuple[Arg, ...]) -> ArgRun:
        """The same words with ``head`` in front."""
        return ArgRun(self.words, self.cols, self.origin, self.file, (*head, *self.head))

    def __len__(self) -> int:
        return len(self.head) + len(self.words)

    def _get(self, index: int | slice) -> Arg | tuple[Arg, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            head = len(self.head)
            if step != 1 or start < head:
                return tuple(self._get(i) for i in range(start, stop, step))  # type: ignore[misc]
            words, cols, origin, file = self.words, self.cols, self.origin, self.file
            return tuple(
                Arg(words[i], origin, Span(file, None, cols[i]))
                for i in range(start - head, max(start, stop) - head)
            )
        if index < 0:
            index += len(self)
        if 0 <= index < len(self.head):
            return self.head[index]
        i = index - len(self.head)
        if not 0 <= i < len(self.words):
            raise IndexError(index)
        return Arg(self.words[i], self.origin, Span(self.file, None, self.cols[i]))

    if TYPE_CHECKING:

        @overload
        def __getitem__(self, index: int) -> Arg: ...
        @overload
        def __getitem__(self, index: slice) -> tuple[Arg, ...]: ...
        def __getitem__(self, index: int | slice) -> Arg | tuple[Arg, ...]:
            return self._get(index)

    else:
        __getitem__ = _get

    def __iter__(self) -> Iterator[Arg]:
        yield from self.head
        origin, file = self.origin, self.file
        for word, col in zip(self.words, self.cols):
            yield Arg(word, origin, Span(file, None, col))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArgRun | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ArgRun({tuple(self)!r})"


Args = tuple[Arg, ...] | ArgRun  # an argv, or part of one


def with_origin(
    argv: Iterable[Arg], origins: Container[Origin], start: int = 0
) -> Iterator[tuple[int, Arg]]:
    """The elements read from one of ``origins``, with their index, from ``start`` on.

    A run of words (:class:`ArgRun`) of another origin is passed over whole, so that a
    check looking for the image's words costs nothing per run-line word.
    """
    if not isinstance(argv, ArgRun):
        for i, arg in enumerate(argv):
            if i >= start and arg.origin in origins:
                yield i, arg
        return
    head = argv.head
    yield from with_origin(head, origins, start)
    if argv.origin in origins:
        for i in range(max(start, len(head)), len(argv)):
            yield i, argv[i]


def values(args: Iterable[Arg]) -> tuple[str, ...]:
    """The argv elements' values, without their origins."""
    if isinstance(args, ArgRun):  # the words as read, without making their Args
        return (*(a.value for a in args.head), *args.words) if args.head else args.words
    return tuple(a.value for a in args)


def files_of(args: Iterable[Arg]) -> set[str]:
    """The files the elements were read from, without making a run's Args."""
    if isinstance(args, ArgRun):
        return {args.file, *files_of(args.head)} if len(args.words) else files_of(args.head)
    return {a.span.file for a in args if a.span is not None}


def values_or_none(args: Iterable[Arg] | None) -> tuple[str, ...] | None:
    """:func:`values`, keeping ``None`` (not set) apart from ``()`` (set, empty)."""
    return None if args is None else values(args)
