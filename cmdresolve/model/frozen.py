"""Frozen, slotted record classes, without the start-up cost of :mod:`dataclasses`.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``) and
builds each class through several ``exec`` calls: about 40 ms of every run for the
model's few dozen classes. :func:`record` keeps the part this package uses: fields from
the class's annotations, in order, with defaults or ``field(default_factory=…)``; an
``__init__`` that takes them positionally or by name; ``__eq__`` and ``__hash__`` over
the compared fields; a ``__repr__``; ``__slots__``; and, frozen by default, no
assignment after construction. :func:`replace` is ``dataclasses.replace``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    from typing_extensions import dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_: object) -> Callable[[T], T]:
        return lambda function: function


__all__ = ["FrozenError", "field", "record", "replace"]

_MISSING: Any = object()


class FrozenError(AttributeError):
    """An attempt to change a frozen record."""


class Field:
    __slots__ = ("compare", "default", "default_factory")

    def __init__(self, default: Any, default_factory: Any, compare: bool) -> None:
        self.default, self.default_factory, self.compare = default, default_factory, compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] = _MISSING,
    compare: bool = True,
) -> Any:
    """A field's default (or a factory for one), and whether ``==`` compares it."""
    return Field(default, default_factory, compare)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """``@record`` (frozen) or ``@record(frozen=False)`` over an annotated class."""
    if cls is None:
        return lambda cls: _build(cls, frozen)
    return _build(cls, frozen)


def _build(cls: type[T], frozen: bool) -> type[T]:
    # Not inspect.get_annotations: importing inspect is the cost this module avoids.
    annotations = cls.__dict__.get("__annotations__")  # noqa: RUF063
    names = tuple(cls.__annotations__ if annotations is None else annotations)
    namespace = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    defaults: dict[str, Any] = {}
    for name in names:
        spec = namespace.pop(name, _MISSING)
        defaults[name] = spec if isinstance(spec, Field) else Field(spec, _MISSING, True)
    compared = tuple(n for n in names if defaults[n].compare)

    def key(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in compared)

    def __eq__(self: Any, other: Any) -> Any:
        return key(self) == key(other) if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__name__}({shown})"

    namespace.update(
        __slots__=names,
        __record_fields__=names,
        __match_args__=names,
        __init__=_first_init(names, defaults, frozen),
        __eq__=__eq__,
        __hash__=__hash__ if frozen else None,
        __repr__=__repr__,
    )
    if frozen:
        namespace.update(__setattr__=_refuse, __delattr__=_refuse)
    made: type[T] = type(cls.__name__, cls.__bases__, namespace)
    return made


def _refuse(self: object, name: str, *value: object) -> None:
    raise FrozenError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")


def _first_init(names: tuple[str, ...], defaults: dict[str, Field], frozen: bool) -> Any:
    """An ``__init__`` that makes the real one at the class's first instance.

    Compiling an ``__init__`` costs a tenth of a millisecond or more, and most runs
    never make an instance of half the classes (a Dockerfile run, no Kubernetes object).
    """

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        real = _init(cls, names, defaults, frozen)
        type.__setattr__(cls, "__init__", real)
        real(self, *args, **kwargs)

    return __init__


def _init(cls: type, names: tuple[str, ...], defaults: dict[str, Field], frozen: bool) -> Any:
    """``__init__`` for the fields, made once per class (positional or by name)."""
    params, body = [], []
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    if frozen:
        slots = {name: k.__dict__[name] for k in reversed(cls.__mro__) for name in names
                 if name in k.__dict__}  # fmt: skip
        scope.update({f"_set_{name}": slots[name].__set__ for name in names})
    for name in names:
        spec = defaults[name]
        if spec.default_factory is not _MISSING:
            scope[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            body.append(f"  if {name} is _MISSING: {name} = _factory_{name}()")
        elif spec.default is not _MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
    # A frozen record's fields are set through their slot descriptors: a third
    # faster than ``object.__setattr__`` by name, and a record is made per instruction.
    setter = "_set_{0}(self, {0})" if frozen else "self.{0} = {0}"
    body += [f"  {setter.format(name)}" for name in names] or ["  pass"]
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, scope)
    function = scope["__init__"]
    function.__qualname__ = f"{cls.__name__}.__init__"
    return function


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` to some of its fields."""
    names = obj.__record_fields__  # type: ignore[attr-defined]
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values = {name: changes[name] if name in changes else getattr(obj, name) for name in names}
    return type(obj)(**values)
