"""What every typed fact shares: a kind from a closed set, and its parameters.

A fact says *what* happened (a kind) and *with what* (parameters: names, values,
lines); it never says it in words. ``render`` turns a fact into a sentence through
the message catalog, so the wording can change, and be translated, without any
layer that decides from facts noticing.
"""

from __future__ import annotations

from enum import Enum
from types import MappingProxyType

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import NoReturn, TypeAlias

    from cmdresolve.model.image import ImageSource
    from cmdresolve.model.unknowns import Failure, Unknown

    # A fact may quote another (where an image came from, why a container cannot start,
    # what is not known): render says the quoted fact in words first.
    Param: TypeAlias = "str | int | bool | tuple[str, ...] | ImageSource | Failure | Unknown | None"
    Params = Mapping[str, Param]

__all__ = ["NO_PARAMS", "N_", "Kind", "Param", "Params", "Words", "assert_never"]

# The empty parameters, shared as every fact's default: read-only, so no fact can change
# another's.
NO_PARAMS: Params = MappingProxyType({})


class Kind(str, Enum):
    """A closed set of names that print as themselves (``"docker.init"``), also in JSON."""

    __str__ = str.__str__
    __format__ = str.__format__  # type: ignore[assignment]


def N_(template: str) -> str:
    """Marks a message template (an ``InputError``'s, or a phrase's) for the catalog.

    It returns the template unchanged: the lookup and the filling of its ``{fields}``
    happen in ``render``, in the language chosen there.
    """
    return template


class Words(str):
    """A phrase a message quotes (``integer 5``, ``string "x"``, ``mapping``): a ``str``
    holding its English text, which also keeps its catalog template and fields, so
    ``render`` says it in the language of the message that quotes it."""

    template: str
    params: dict[str, str]

    def __new__(cls, template: str, **params: str) -> Words:
        words = super().__new__(cls, template.format_map(params) if params else template)
        words.template, words.params = template, params
        return words


def assert_never(value: NoReturn) -> NoReturn:
    """Ends a ``match`` over a closed set: mypy proves it unreachable (``typing.assert_never``
    is Python 3.11 and later, and importing ``typing`` costs start-up time)."""
    raise AssertionError(f"unhandled case: {value!r}")
