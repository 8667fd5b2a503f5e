"""How a later compose file (or an ``extends`` child) is laid over an earlier one.

Authority: compose-spec/compose-go ``override/merge.go :: mergeYaml, mergeMappings``
(``mergeSpecials``: ``services.*.command``, ``services.*.entrypoint`` and
``services.*.healthcheck.test`` are replaced, never appended; ``environment`` is merged
by key) and ``loader/reset.go :: ResetProcessor`` (``!reset`` removes the value,
``!override`` replaces it without merging), docs/semantics.md §12.1.
"""

from __future__ import annotations

from cmdresolve.model.compose import YList, YMap, YScalar
from cmdresolve.model.frozen import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model.compose import YNode

__all__ = ["merge_compose", "normalize_environment", "strip_resets"]

_REPLACED = frozenset({"command", "entrypoint", "test"})
_BY_KEY = frozenset({"environment", "args", "labels", "build_args"})


def merge_compose(base: YNode | None, over: YNode, key: str = "") -> YNode | None:
    """``over`` laid over ``base``: mappings merge key by key, lists append (keeping
    each value once), a scalar, a ``command``/``entrypoint`` or an ``!override`` value
    replaces, and a ``!reset`` value removes (None)."""
    if over.tag == "!reset":
        return None
    if over.tag == "!override" or base is None or key in _REPLACED:
        return strip_resets(replace(over, tag=None))
    if isinstance(over, YMap) and isinstance(base, YMap):
        items = dict(base.items)
        for name, value in over.items.items():
            merged = merge_compose(items.get(name), value, name)
            if merged is None:
                items.pop(name, None)
            else:
                items[name] = merged
        return replace(base, items=items, span=over.span)
    if isinstance(over, YList) and isinstance(base, YList):
        seen = {_key(i) for i in base.items}
        extra = tuple(i for i in over.items if _key(i) not in seen)
        return replace(over, items=(*base.items, *extra), tag=None)
    return strip_resets(over)


def strip_resets(node: YNode) -> YNode | None:
    """``node`` without the values it marks ``!reset`` (nothing to reset below it)."""
    if node.tag == "!reset":
        return None
    if isinstance(node, YMap):
        items = {k: v for k, v in ((k, strip_resets(v)) for k, v in node.items.items()) if v}
        return replace(node, items=items, tag=None)
    if isinstance(node, YList):
        kept = tuple(v for v in (strip_resets(i) for i in node.items) if v is not None)
        return replace(node, items=kept, tag=None)
    return replace(node, tag=None) if node.tag in ("!override",) else node


def _key(node: YNode) -> object:
    return node.value if isinstance(node, YScalar) else id(node)


def normalize_environment(node: YNode) -> YNode:
    """A list ``environment`` (``K=V``, ``K``) as the mapping compose-go makes of it
    before merging (``transform/canonical.go``: ``transformKeyValue``)."""
    if not isinstance(node, YList):
        return node
    items: dict[str, YNode] = {}
    for item in node.items:
        text = "" if not isinstance(item, YScalar) or item.value is None else str(item.value)
        name, sep, value = text.partition("=")
        items[name] = (
            replace(item, value=value if sep else None) if isinstance(item, YScalar) else item
        )
    return YMap(items, node.span, node.tag)
