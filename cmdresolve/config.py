"""Settings for the checks from ``.cmdresolve.toml`` or ``[tool.cmdresolve]`` in
``pyproject.toml``, the nearest found from the working directory upward.

The keys mirror the flags — ``select``, ``ignore`` (lists of codes or prefixes) and
``fail-on`` (a severity or ``never``) — and a flag given on the command line wins.
``[images."REF"]`` tables say what is known of an image: ``sh`` is what its ``/bin/sh``
is (``busybox``, ``dash`` or ``bash``), which decides what ends as PID 1 under ``sh -c``
(docs/semantics.md §10).
"""

from __future__ import annotations

import os
import sys

from cmdresolve.model import InputError, Span
from cmdresolve.model.facts import N_

FAIL_ON = ("error", "warning", "info", "never")
KEYS = ("select", "ignore", "fail-on", "images")
IMAGE_KEYS = ("dockerfile", "target", "args", "config", "sh")
SHELLS = ("busybox", "dash", "bash")


def find_config(start: str) -> tuple[str, dict[str, object]] | None:
    """``(path, settings)`` of the nearest config file above ``start``, if any.

    In each directory ``.cmdresolve.toml`` comes first; a ``pyproject.toml``
    counts only when it has a ``[tool.cmdresolve]`` table, as ruff and mypy do.
    """
    directory = os.path.abspath(start)
    while True:
        own = os.path.join(directory, ".cmdresolve.toml")
        if os.path.isfile(own):
            return own, _checked(own, _load(own))
        project = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(project) and _mentions_us(project):
            tool = _load(project).get("tool")
            table = tool.get("cmdresolve") if isinstance(tool, dict) else None
            if table is not None:
                return project, _checked(project, table)
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _mentions_us(path: str) -> bool:
    """A cheap look before parsing: most pyproject.toml files have no such table."""
    from cmdresolve.sources.text import MAX_BYTES, read_capped

    try:
        with open(path, "rb") as handle:
            data = read_capped(handle)
    except OSError:
        return False
    return b"cmdresolve" in data or len(data) > MAX_BYTES  # too big: _load says so


def _load(path: str) -> dict[str, object]:
    """The file's settings; capped like every input, and a nesting deeper than the TOML
    parser's recursion reads is an input error, as it is for YAML and JSON."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same parser, before it joined the standard library
        import tomli as tomllib
    from cmdresolve.sources.text import read_text

    text = read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(N_("invalid TOML: {problem}"), Span(path), problem=str(exc)) from None
    except RecursionError:  # tomllib reads arrays and inline tables recursively
        raise InputError(N_("invalid TOML: nested too deeply to read"), Span(path)) from None


def _checked(path: str, table: object) -> dict[str, object]:
    where = "[tool.cmdresolve]" if path.endswith("pyproject.toml") else "settings"
    if not isinstance(table, dict):
        raise InputError(N_("{where}: must be a table"), Span(path), where=where)
    for key, value in table.items():
        if key not in KEYS:
            template = N_("{where}: unknown key {key!r} (known: {known})")
            raise InputError(template, Span(path), where=where, key=key, known=", ".join(KEYS))
        if key == "images":
            _check_images(path, value)
            continue
        if key == "fail-on" and value not in FAIL_ON:
            raise InputError(
                N_("fail-on: must be one of {known}, got {value}"),
                Span(path),
                known=", ".join(FAIL_ON),
                value=repr(value),
            )
        if key == "images":
            _check_images(path, value)
            continue
        if key != "fail-on" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise InputError(
                N_("{key}: must be a list of codes, got {value}"),
                Span(path),
                key=key,
                value=repr(value),
            )
    return table


def _check_images(path: str, table: object) -> None:
    """``[images]``: each reference is a path (a Dockerfile or an inspect JSON), or a
    table of ``dockerfile`` (with ``target`` and ``args``) or ``config``, and or only
    ``sh`` (what ``/bin/sh`` is in the image, one of :data:`SHELLS`)."""
    if not isinstance(table, dict):
        raise InputError(N_("images: must be a table"), Span(path, key_line(path, "images")))
    for ref, entry in table.items():
        span = Span(path, key_line(path, ref))
        if isinstance(entry, str) and entry:
            continue
        if not isinstance(entry, dict):
            template = N_("images.{ref}: must be a path or a table with dockerfile or config")
            raise InputError(template, span, ref=ref)
        unknown = [k for k in entry if k not in IMAGE_KEYS]
        if unknown:
            template = N_("images.{ref}: unknown key {key!r} (known: {known})")
            raise InputError(template, span, ref=ref, key=unknown[0], known=", ".join(IMAGE_KEYS))
        if "sh" in entry and entry["sh"] not in SHELLS:
            raise InputError(
                N_("images.{ref}: sh must be one of {known}, got {value}"),
                span,
                ref=ref,
                known=", ".join(SHELLS),
                value=repr(entry["sh"]),
            )
        if set(entry) == {"sh"}:
            continue
        if ("dockerfile" in entry) == ("config" in entry):
            template = N_("images.{ref}: give exactly one of dockerfile and config")
            raise InputError(template, span, ref=ref)
        texts = [entry.get(k) for k in ("dockerfile", "config", "target") if k in entry]
        args = entry.get("args", {})
        if not all(isinstance(t, str) and t for t in texts) or not (
            isinstance(args, dict) and all(isinstance(v, str) for v in args.values())
        ):
            template = N_(
                "images.{ref}: dockerfile, config and target must be strings, args a table "
                "of strings"
            )
            raise InputError(template, span, ref=ref)


def image_links(
    path: str, table: dict[str, object]
) -> list[tuple[str, str, str | None, tuple[tuple[str, str], ...]]]:
    """``(ref, path, target, args)`` of each ``[images]`` entry (checked), each path
    taken from the config file's folder."""
    images = table.get("images")
    found: list[tuple[str, str, str | None, tuple[tuple[str, str], ...]]] = []
    folder = os.path.dirname(path)
    for ref, entry in (images if isinstance(images, dict) else {}).items():
        if isinstance(entry, str):
            found.append((ref, os.path.normpath(os.path.join(folder, entry)), None, ()))
            continue
        where = entry.get("dockerfile") or entry.get("config")
        if where is None:  # only sh: not a link
            continue
        args = tuple((str(k), str(v)) for k, v in entry.get("args", {}).items())
        found.append(
            (ref, os.path.normpath(os.path.join(folder, where)), entry.get("target"), args)
        )
    return found


def key_line(path: str, key: str) -> int | None:
    """The line of ``path`` on which ``key = …`` (or ``"key" = …``, or ``[images]``'s
    header for ``images``) is written; None when not found."""
    import re

    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    quoted = re.escape(key)
    pattern = re.compile(  # [key], [images."key"], key = …, "key" = …
        rf"""^\s*(?:\[(?:[^\]"']*\.\s*)?["']?{quoted}["']?\s*\]|["']?{quoted}["']?\s*=)"""
    )
    return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), None)


def image_shells(settings: dict[str, object]) -> dict[str, str]:
    """``{reference: sh}`` from the checked settings' ``[images."REF"]`` tables."""
    images = settings.get("images")
    if not isinstance(images, dict):
        return {}
    return {ref: t["sh"] for ref, t in images.items() if isinstance(t, dict) and "sh" in t}


def value_line(path: str, key: str, value: str) -> int | None:
    """The line of ``path`` on which the list ``key`` holds ``value`` (any case), for an
    error about it: the one line holding it, else the line of ``key`` itself; None
    when the key is not written as ``key = …`` (:mod:`tomllib` keeps no positions).
    """
    import re

    try:
        with open(path, encoding="utf-8") as handle:
            lines = [re.sub(r"#[^\"']*$", "", line) for line in handle.read().splitlines()]
    except (OSError, UnicodeDecodeError):
        return None
    start = 0  # .cmdresolve.toml: the keys before any table
    if path.endswith("pyproject.toml"):
        header = re.compile(r"\s*\[\s*tool\s*\.\s*cmdresolve\s*\]\s*$")
        start = next((i + 1 for i, line in enumerate(lines) if header.match(line)), len(lines))
    stop = next((i for i in range(start, len(lines)) if lines[i].lstrip()[:1] == "["), len(lines))
    assignment = re.compile(r"""\s*["']?([A-Za-z0-9_-]+)["']?\s*=(.*)""")
    keys = [(i, m) for i in range(start, stop) if (m := assignment.match(lines[i]))]
    for n, (line, match) in enumerate(keys):
        if match.group(1) != key:
            continue
        end = keys[n + 1][0] if n + 1 < len(keys) else stop
        text = [match.group(2), *lines[line + 1 : end]]  # the value, over its lines
        token = re.compile(rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])", re.IGNORECASE)
        holding = [line + j for j, part in enumerate(text) if token.search(part)]
        return (holding[0] if len(holding) == 1 else line) + 1
    return None
