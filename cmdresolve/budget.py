"""Budgets for expansion: how much text substitution may still produce.

Neither BuildKit's ``$VAR`` substitution nor kubelet's ``$(VAR)`` has a limit, but
a variable that doubles itself (``ENV A=$A$A`` forty times, or forty env entries
each ``$(PREV)$(PREV)``) would need a terabyte. Each build, and each container,
gets a budget of a bounded multiple of its own text, which keeps time and memory
linear in the input; running out is an input error that names the reference.
"""

from __future__ import annotations

BASE = 4 * 1024 * 1024
"""Characters any one build or container may produce, besides :data:`PER_CHARACTER`."""
PER_CHARACTER = 4
"""Characters allowed per character of the text being expanded."""


class OverBudget(ValueError):
    """Expansion produced more text than its :class:`Budget` allows."""

    def __init__(self, reference: str, limit: int) -> None:
        super().__init__(reference)
        self.reference, self.limit = reference, limit


class Budget:
    """What expansion may still produce, in characters, shared by one build or container."""

    __slots__ = ("left", "limit")

    def __init__(self, written: int) -> None:
        """A budget for expanding ``written`` characters of text."""
        self.left = self.limit = BASE + PER_CHARACTER * written

    def earn(self, written: int) -> None:
        """Allow for ``written`` more characters of input text (a value read from a
        ConfigMap, say, that ``$(NAME)`` may then put in)."""
        self.left += PER_CHARACTER * written
        self.limit += PER_CHARACTER * written

    def spend(self, produced: str, reference: str) -> str:
        """``produced``, the expansion of ``reference``, once it is paid for."""
        self.left -= len(produced)
        if self.left < 0:
            raise OverBudget(reference, self.limit)
        return produced
