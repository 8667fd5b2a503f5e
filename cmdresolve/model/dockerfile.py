"""A Dockerfile as BuildKit's frontend sees it: instructions grouped into stages."""

from __future__ import annotations

from cmdresolve.model import Command, Span
from cmdresolve.model.frozen import FrozenError, field, record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


@record
class Instruction:
    """One logical instruction.

    ``keyword`` is upper-cased; ``written`` is the name as the file spells it.
    ``text`` is everything after the builder flags, exactly as BuildKit keeps it.
    ``command`` is set for CMD, ENTRYPOINT, SHELL and RUN (exec or shell form), and
    for HEALTHCHECK CMD (``None`` for HEALTHCHECK NONE).
    ``pairs`` holds ENV/ARG/LABEL names with their still-unexpanded words
    (``None`` for an ARG without a default).  ``trigger`` is the parsed
    instruction of an ONBUILD.  ``token_spans`` says where each CMD/ENTRYPOINT
    token is: one span per exec-form element, or one for the shell-form script;
    ``None`` when not known exactly (the tokens then take ``span``).
    """

    keyword: str
    written: str
    text: str
    span: Span
    flags: tuple[str, ...] = ()
    command: Command | None = None
    pairs: tuple[tuple[str, str | None], ...] = ()
    trigger: Instruction | None = None
    token_spans: tuple[Span, ...] | None = field(default=None, compare=False)


class Instructions:
    """A stage's instructions in file order, read from the file each time they are walked.

    A big Dockerfile is checked whole when it is read, but a build folds only the
    stages its target needs; keeping every instruction of every stage cost a
    kilobyte an instruction. ``read`` gives the instructions again (the reader
    checked them all once); ``text_size`` is the length of their ``text`` in all;
    ``kept`` holds them when the reader kept them (a few, of the last stage, which a
    build folds the most). Walking them may cost a reading: take ``tuple(...)`` to
    walk them more than once.
    """

    __slots__ = ("kept", "read", "text_size")
    kept: tuple[Instruction, ...] | None
    read: Callable[[], Iterator[Instruction]]
    text_size: int

    def __init__(
        self,
        read: Callable[[], Iterator[Instruction]],
        text_size: int,
        kept: tuple[Instruction, ...] | None = None,
    ) -> None:
        object.__setattr__(self, "read", read)
        object.__setattr__(self, "text_size", text_size)
        object.__setattr__(self, "kept", kept)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r} of a frozen Instructions")

    def __iter__(self) -> Iterator[Instruction]:
        return self.read() if self.kept is None else iter(self.kept)

    def __len__(self) -> int:
        return sum(1 for _ in self) if self.kept is None else len(self.kept)

    def __getitem__(self, index: int) -> Instruction:
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Instructions, tuple)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Instructions({tuple(self)!r})"


@record
class Stage:
    """A build stage: ``FROM base [AS name]`` and the instructions under it.

    ``source`` is the FROM instruction itself; ``base`` its unexpanded image word.
    """

    index: int
    source: Instruction
    base: str
    name: str | None
    instructions: Instructions
    span: Span
    platform: str | None = None


@record
class Dockerfile:
    path: str
    meta_args: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    warnings: tuple[tuple[str, Span], ...] = ()
    escape: str = "\\"

    def text_size(self) -> int:
        """The length of every instruction's ``text``, FROM lines included."""
        size = sum(len(ins.text) for ins in self.meta_args)
        return size + sum(len(s.source.text) + s.instructions.text_size for s in self.stages)

    def instructions(self) -> tuple[Instruction, ...]:
        """Every instruction in file order, FROM lines included."""
        flat = list(self.meta_args)
        for stage in self.stages:
            flat.append(stage.source)
            flat.extend(stage.instructions)
        return tuple(flat)
