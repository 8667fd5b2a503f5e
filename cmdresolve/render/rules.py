"""A rule's words in the chosen language: its summary and its documentation.

A rule's documentation is its module's docstring (``cmdresolve/checks/crNNN_*.py``);
``tools/messages.py`` puts each in the catalog whole, as one Markdown text, so a
translation is the whole document, its headings the translations of
:data:`SECTION_TITLES`.
"""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.render.catalog import translate

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from cmdresolve.checks.rule import Rule

__all__ = ["SECTION_TITLES", "rule_doc", "rule_summary", "section_title"]

# The headings of every rule's documentation (cmdresolve.checks.rule.SECTIONS), in order.
SECTION_TITLES = (
    N_("What it does"),
    N_("Why is this bad?"),
    N_("Example"),
    N_("Use instead"),
    N_("References"),
)


def rule_summary(rule: Rule) -> str:
    return translate(rule.summary)


def rule_doc(rule: Rule) -> str:
    """The rule's documentation (Markdown) in the chosen language."""
    return translate(rule.doc)


def section_title(title: str) -> str:
    """A heading of the documentation (one of :data:`SECTION_TITLES`) in the chosen language."""
    return translate(title)
