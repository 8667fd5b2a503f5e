"""The sentences of the dockerfile facts (resolve/dockerfile): steps, unknowns, notes,
failures, and the findings of the checks on them."""

from __future__ import annotations

from cmdresolve.model.facts import N_

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.render.phrases import Phrase

STEPS: Mapping[object, Phrase] = {}
UNKNOWNS: Mapping[object, Phrase] = {}
NOTES: Mapping[object, Phrase] = {}
FAILURES: Mapping[object, Phrase] = {}
FINDINGS: Mapping[object, Phrase] = {}  # by rule code, for the checks on these facts

__all__ = ["FAILURES", "FINDINGS", "NOTES", "N_", "STEPS", "UNKNOWNS"]
