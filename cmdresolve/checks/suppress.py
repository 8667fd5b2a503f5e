"""Inline suppression: ``# cmdresolve: ignore=CR101[,CR205]`` in a Dockerfile or YAML.

The comment stands on the finding's line (a trailing YAML comment) or on the line
just above it (a comment line before a Dockerfile instruction or a list item), as
hadolint's ``# hadolint ignore=DL3025`` does.
"""

from __future__ import annotations

import re

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.frozen import replace

DIRECTIVE = re.compile(r"#\s*cmdresolve:\s*ignore=([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)")


class Suppressions:
    """The ignore comments of the input files, read once per file when a finding needs them."""

    def __init__(self) -> None:
        self._codes: dict[str, dict[int, frozenset[str]]] = {}

    def drop_suppressed(self, result: Resolution) -> Resolution:
        """``result`` without the findings an ignore comment names."""
        if not result.findings:
            return result
        kept = tuple(f for f in result.findings if not self.suppressed(f))
        return result if len(kept) == len(result.findings) else replace(result, findings=kept)

    def suppressed(self, finding: Finding) -> bool:
        span = finding.span
        if span is None or span.line is None:
            return False
        codes = self._file(span.file)
        return any(finding.code in codes.get(line, ()) for line in (span.line, span.line - 1))

    def _file(self, path: str) -> dict[int, frozenset[str]]:
        if path not in self._codes:
            self._codes[path] = _directives(path)
        return self._codes[path]


def _directives(path: str) -> dict[int, frozenset[str]]:
    """Line number → codes ignored there; nothing for a file that cannot be read again."""
    from cmdresolve.sources.text import read_again

    lines = read_again(path)
    if lines is None:  # standard input, a FIFO, or a file gone since it was read
        return {}
    found = {}
    for number, line in enumerate(lines, 1):
        if "cmdresolve:" in line and (match := DIRECTIVE.search(line)):
            found[number] = frozenset(c.strip().upper() for c in match.group(1).split(","))
    return found
