"""The model's record classes behave as frozen, slotted dataclasses do."""

from __future__ import annotations

import pytest

from cmdresolve.model.frozen import FrozenError, field, record, replace


@record
class Point:
    x: int
    y: int = 0
    label: str = field(default="", compare=False)


@record(frozen=False)
class Bag:
    items: list[int] = field(default_factory=list)


def test_fields_positional_and_by_name_with_defaults() -> None:
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(y=3, x=1).y) == (1, 0, 2, 3)
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_equality_and_hash_skip_uncompared_fields() -> None:
    assert Point(1, 2, "a") == Point(1, 2, "b")
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != (1, 0)


def test_frozen_and_slotted() -> None:
    point = Point(1)
    with pytest.raises(FrozenError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__")


def test_a_factory_default_is_made_for_each_instance() -> None:
    first, second = Bag(), Bag()
    first.items.append(1)
    assert second.items == [] and first != second
    with pytest.raises(TypeError):
        hash(first)


def test_replace_and_repr() -> None:
    assert replace(Point(1, 2, "a"), y=5) == Point(1, 5)
    assert replace(Point(1, 2, "a"), y=5).label == "a"
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(Point(1), z=3)
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a')"
    assert Point.__match_args__ == ("x", "y", "label")
