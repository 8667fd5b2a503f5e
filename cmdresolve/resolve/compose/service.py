"""A service's fields, checked as Compose's schema checks them, and the process the
engine starts for it.

Authority: compose-spec/compose-go ``types/command.go :: ShellCommand.DecodeMapstructure``
(a string is split by go-shellwords, a list kept, null is "not set"), docker/compose
``pkg/compose/create.go :: getCreateConfigs`` (``Config.Entrypoint`` and ``Config.Cmd`` are
the service's as they are, nil apart from ``[]``) and moby/moby ``daemon/commit.go ::
merge``, ``daemon/create.go :: mergeAndVerifyConfig`` (docs/semantics.md §5.1, §5.2).
"""

from __future__ import annotations

import re

from cmdresolve.model import (
    Arg,
    Failure,
    ImageConfig,
    InputError,
    Note,
    NoteKind,
    Origin,
    Step,
    StepKind,
    Unknown,
    values,
)
from cmdresolve.model.compose import YList, YScalar
from cmdresolve.model.facts import N_
from cmdresolve.model.origins import Args
from cmdresolve.model.span import Span
from cmdresolve.resolve.compose.shellwords import (
    ShellWordsError,
    dropped_text,
    split_compose_words,
)
from cmdresolve.resolve.docker.run import inherit_field, verify_command

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.compose import Use, YNode
    from cmdresolve.model.facts import Param

__all__ = ["compose_words", "merge_compose_service", "service_string"]

CGO_COMMAND = "compose-spec/compose-go types/command.go :: ShellCommand.DecodeMapstructure"
DC_CREATE = "docker/compose pkg/compose/create.go :: getCreateConfigs"
MOBY_MERGE = "moby/moby daemon/commit.go :: merge"


def service_string(node: YNode | None, path: str) -> str | None:
    """A string field (``image``, ``working_dir``, ``user``); anything else is refused
    as the schema refuses it: ``<path> must be a string``."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return node.value
    raise InputError(N_("{path} must be a string"), node.span, path=path)


def compose_words(
    node: YNode | None,
    path: str,
    origin: Origin,
    where: Mapping[str, str],
    steps: list[Step],
) -> tuple[Arg, ...] | None:
    """``command``/``entrypoint``: None when absent or null, else its words.

    Authority: compose-go ``ShellCommand.DecodeMapstructure``: a string is
    ``shellwords.Parse``d (go-shellwords v1.0.12, see
    :func:`~cmdresolve.resolve.compose.shellwords.split_compose_words`); the schema
    (``$defs.command``) takes ``null``, a string, or a list of strings only.
    """
    field = path.rsplit(".", 1)[-1]
    if node is None:
        return None
    if isinstance(node, YScalar) and node.value is None:
        steps.append(Step(StepKind.COMPOSE_NULL, {"field": field}, CGO_COMMAND, node.span))
        return None
    if isinstance(node, YList):
        args = []
        for index, item in enumerate(node.items):
            if not isinstance(item, YScalar) or not isinstance(item.value, str):
                raise InputError(N_("{path} must be a string"), item.span, path=f"{path}.{index}")
            args.append(
                _arg(item.value, origin, item.span, f"{path}[{index}]", item.uses, item, where)
            )
        steps.append(
            Step(
                StepKind.COMPOSE_LIST,
                {"field": field, "words": values(args)},
                CGO_COMMAND,
                node.span,
            )
        )
        return tuple(args)
    if not isinstance(node, YScalar) or not isinstance(node.value, str):
        raise InputError(N_("{path} must be a string or a list of strings"), node.span, path=path)
    return _split(node, path, field, origin, where, steps)


def _split(
    node: YScalar,
    path: str,
    field: str,
    origin: Origin,
    where: Mapping[str, str],
    steps: list[Step],
) -> tuple[Arg, ...]:
    text = str(node.value)
    try:
        words = split_compose_words(text)
    except ShellWordsError:
        raise InputError(
            N_(
                "{path}: invalid command line string: {text!r} (an unquoted '(' or ')', or "
                "a quote, backtick or $( that is not closed)"
            ),
            node.span,
            path=path,
            text=text,
        ) from None
    args = []
    for index, (word, chars) in enumerate(zip(words.words, words.chars)):
        uses = tuple(
            u for u in node.uses if any(u.start <= c < max(u.end, u.start + 1) for c in chars)
        )
        args.append(_arg(word, origin, node.span, f"{path}[{index}]", uses, node, where))
    params: dict[str, Param] = {
        "field": field,
        "text": text,
        "words": words.words,
        # v1.0.13 and later read an escaped t or n as a TAB or newline; v1.0.12 does not.
        "escape": "tn" if re.search(r"\\[tn]", text) else "",
        **_unset(node.uses),
    }
    if words.cut is not None:
        dropped = dropped_text(text, words)
        steps.append(
            Step(
                StepKind.COMPOSE_OPERATOR_CUT,
                {**params, "dropped": dropped},
                "mattn/go-shellwords v1.0.12 shellwords.go :: (*Parser).Parse",
                node.span,
            )
        )
    else:
        steps.append(Step(StepKind.COMPOSE_STRING_SPLIT, params, CGO_COMMAND, node.span))
    return tuple(args)


def _unset(uses: tuple[Use, ...]) -> dict[str, Param]:
    """The variables read as empty because they are not set, and the references."""
    names = tuple(dict.fromkeys(n for u in uses for n in u.unset))
    sources = tuple(dict.fromkeys(u.source for u in uses if u.unset))
    return {"unset": names, "unset_sources": sources}


def _arg(
    value: str,
    origin: Origin,
    span: Span | None,
    path: str,
    uses: tuple[Use, ...],
    node: YScalar,
    where: Mapping[str, str],
) -> Arg:
    notes = tuple(
        Note(
            NoteKind.COMPOSE_VARIABLE,
            {
                "names": use.names,
                "source": use.source,
                "where": tuple(where.get(n, "") for n in use.names),
                "unset": use.unset,
            },
        )
        for use in uses
    )
    return Arg(value, origin, span, path, notes)


def merge_compose_service(
    image: ImageConfig,
    entrypoint: tuple[Arg, ...] | None,
    command: tuple[Arg, ...] | None,
    steps: list[Step],
    unknowns: list[Unknown],
) -> tuple[Args | None, Failure | None]:
    """The argv after the engine merge, or the error that stops the container.

    Authority: docker/compose ``getCreateConfigs`` sends the service's lists as they
    are; moby ``merge``: an empty Entrypoint (nil or ``[]``) takes the image Cmd when
    the Cmd is empty (nil or ``[]``), and only a nil one takes the image Entrypoint;
    ``mergeAndVerifyConfig`` resets ``[""]`` to nil and refuses an empty result.
    So ``entrypoint: []`` drops the image ENTRYPOINT and keeps its CMD, and
    ``command: []`` does not clear the image CMD; ``entrypoint: [""]`` is a non-empty
    entrypoint, so nothing is inherited, and once reset it leaves only ``command``
    ("no command specified" without one; measured on Compose v2.40.3 and dockerd by
    tests/engine/test_engine_compose.py, docs/semantics.md §12).
    """
    ep, cmd = entrypoint, command
    if not entrypoint:
        if entrypoint is None:
            ep = inherit_field(image, "entrypoint", steps, unknowns)
        else:
            steps.append(Step(StepKind.COMPOSE_EMPTY_ENTRYPOINT, authority=MOBY_MERGE))
        if not command:
            if command is not None:
                steps.append(Step(StepKind.COMPOSE_EMPTY_COMMAND, authority=MOBY_MERGE))
            cmd = inherit_field(image, "cmd", steps, unknowns)
    if not entrypoint and (
        (entrypoint is None and not image.knows("entrypoint"))
        or (not command and not image.knows("cmd"))
    ):
        return None, None

    return verify_command(ep, cmd, steps)
