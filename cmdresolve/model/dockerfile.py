"""A Dockerfile as BuildKit's frontend sees it: instructions grouped into stages."""

from __future__ import annotations

from cmdresolve.model import Command, Span
from cmdresolve.model.frozen import field, record


@record
class Instruction:
    """One logical instruction.

    ``keyword`` is upper-cased; ``written`` is the name as the file spells it.
    ``text`` is everything after the builder flags, exactly as BuildKit keeps it.
    ``command`` is set for CMD, ENTRYPOINT, SHELL and RUN (exec or shell form).
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


@record
class Stage:
    """A build stage: ``FROM base [AS name]`` and the instructions under it.

    ``source`` is the FROM instruction itself; ``base`` its unexpanded image word.
    """

    index: int
    source: Instruction
    base: str
    name: str | None
    instructions: tuple[Instruction, ...]
    span: Span
    platform: str | None = None


@record
class Dockerfile:
    path: str
    meta_args: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    warnings: tuple[tuple[str, Span], ...] = ()
    escape: str = "\\"

    def instructions(self) -> tuple[Instruction, ...]:
        """Every instruction in file order, FROM lines included."""
        flat = list(self.meta_args)
        for stage in self.stages:
            flat.append(stage.source)
            flat.extend(stage.instructions)
        return tuple(flat)
