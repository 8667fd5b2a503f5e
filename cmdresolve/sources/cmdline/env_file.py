"""``--env-file`` files, read the way the docker CLI reads them.

Authority: docker/cli ``opts/file.go :: parseKeyValueFile`` (via
``opts/envfile.go :: ParseEnvFile``): a UTF-8 BOM is dropped, leading white
space trimmed, empty and ``#`` lines skipped, ``KEY=VALUE`` passed through with
the value untouched, and a bare ``KEY`` takes its value from the environment
the CLI runs in (kept bare here: we cannot know it).
"""

from __future__ import annotations

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_
from cmdresolve.sources.text import read_text

_WHITESPACES = " \t"


def load_env_file(path: str) -> tuple[str, ...]:
    """The file's entries in order, as ``KEY=VALUE`` or a bare ``KEY``."""
    entries: list[str] = []
    text = read_text(path, "env file")  # the UTF-8 BOM is dropped there
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r").lstrip()
        if not line or line.startswith("#"):
            continue
        variable, sep, value = line.partition("=")
        variable = variable.lstrip(_WHITESPACES)
        if any(ch in variable for ch in _WHITESPACES):
            raise InputError(
                N_("poorly formatted environment: variable '{variable}' contains whitespaces"),
                Span(path, number),
                variable=variable,
            )
        if not variable:
            raise InputError(
                N_("poorly formatted environment: no variable name on line '{line}'"),
                Span(path, number),
                line=line,
            )
        entries.append(f"{variable}={value}" if sep else line.strip())
    return tuple(entries)
