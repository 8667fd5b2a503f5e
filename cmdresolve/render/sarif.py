"""SARIF 2.1.0 for code-scanning services: one run, the rules with their docs, one result
per finding.

Authority: OASIS, *Static Analysis Results Interchange Format (SARIF) Version 2.1.0*
(errata01), schema ``sarif-2.1/schema/sarif-schema-2.1.0.json`` in oasis-tcs/sarif-spec;
§3.27 ``result`` (``ruleId``/``ruleIndex``/``level``), §3.49 ``reportingDescriptor``
(§3.49.12 ``helpUri``: an absolute URI; §3.49.13 ``help``), §3.12 multiformat message
strings (``text`` is plain text, ``markdown`` GitHub-flavoured Markdown), §3.30
``region`` (1-based ``startLine``/``startColumn``).
"""

from __future__ import annotations

from urllib.parse import quote

from cmdresolve import HOME, __version__
from cmdresolve.checks.rule import SECTIONS
from cmdresolve.model import Finding, Resolution, Span
from cmdresolve.render.phrases import finding_message
from cmdresolve.render.ruledoc import render_markdown
from cmdresolve.render.rules import rule_doc, rule_summary, section_title
from cmdresolve.render.where import for_tools

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

    from cmdresolve.checks.rule import Rule
    from cmdresolve.model import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
SARIF_VERSION = "2.1.0"
# SARIF has no "info"; "note" is its lowest level that still shows (§3.27.10).
_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}
_WHAT_IT_DOES = SECTIONS[0]
# Plain text is left unwrapped: a viewer fits it to its own width.
_UNWRAPPED = 1 << 30


def render_sarif(
    results: Iterable[Resolution], rules: Sequence[Rule], base: str = "."
) -> dict[str, Any]:
    """The SARIF log as a dict: ``rules`` describe the driver, every finding is a result.

    A file is a URI relative to ``%SRCROOT%``, which ``originalUriBaseIds`` says is
    the directory ``base`` (the current one; §3.4.4, §3.14.14), so a code-scanning
    upload resolves it against the checkout; a file named by an absolute path outside
    ``base`` is an absolute ``file:`` URI, which takes no base (§3.4.4).
    """
    index = {r.code: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cmdresolve",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                # Span columns count Python str characters, that is code points.
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(base)}},
                "results": [_result(f, index, base) for r in results for f in r.findings],
            }
        ],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    doc, summary = rule_doc(rule), rule_summary(rule)
    what = doc_section(doc, section_title(_WHAT_IT_DOES))
    full = {"text": plain_text(what), "markdown": what} if what else {"text": summary}
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": full,
        "helpUri": help_uri(rule),
        "help": {"text": plain_text(doc), "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def help_uri(rule: Rule) -> str:
    """Where the rule's documentation is read: its module (the docstring) in the
    repository, at the tag of this version, so that the page is the text this log
    carries in ``help``."""
    path = rule.check.__module__.replace(".", "/")
    return f"{HOME}/blob/v{__version__}/{path}.py"


def plain_text(markdown: str) -> str:
    """``markdown`` as plain text: ``cmdresolve rule``'s layout, the lines not wrapped."""
    return "\n".join(line.removeprefix("  ") for line in render_markdown(markdown, _UNWRAPPED))


def doc_section(doc: str, title: str) -> str | None:
    """The body of the ``## title`` section of a rule's doc, stripped; None when absent.

    Lines inside fenced code blocks never start a section, so a ``## `` comment in an
    example stays part of it.
    """
    body: list[str] | None = None
    fenced = False
    for line in doc.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            if body is not None:
                break
            if line[3:].strip() == title:
                body = []
            continue
        if body is not None:
            body.append(line)
    return None if body is None else "\n".join(body).strip()


def _result(finding: Finding, index: dict[str, int], base: str) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        out["ruleIndex"] = index[finding.code]
    out["level"] = _LEVEL[finding.severity]
    out["message"] = {"text": finding_message(finding)}
    if finding.span is not None:
        out["locations"] = [{"physicalLocation": _physical_location(finding.span, base)}]
    return out


def _physical_location(span: Span, base: str) -> dict[str, Any]:
    # A path is a relative URI reference once reserved characters (space, '#', '%',
    # ':' …) are percent-encoded; '/' keeps separating segments. A name that is not
    # UTF-8 (os.fsdecode's surrogates) is encoded byte for byte.
    path, inside = for_tools(span.file, base, given_relative=True)
    artifact: dict[str, Any] = (
        {"uri": _uri(path), "uriBaseId": SRCROOT} if inside else {"uri": _file_uri(path)}
    )
    location: dict[str, Any] = {"artifactLocation": artifact}
    if span.line is not None:
        region: dict[str, int] = {"startLine": span.line}
        if span.col is not None:
            region["startColumn"] = span.col
        if span.end_line is not None and span.end_line > span.line:
            region["endLine"] = span.end_line
        location["region"] = region
    return location


def _uri(path: str) -> str:
    return quote(path, safe="/", errors="surrogateescape")


def _file_uri(path: str) -> str:
    """An absolute path as a ``file:`` URI (RFC 8089): ``file:///srv/x``, ``file:///C:/x``."""
    path = path.replace("\\", "/")
    return "file://" + ("" if path.startswith("/") else "/") + _uri(path)


def _directory_uri(base: str) -> str:
    import os

    uri = _file_uri(os.path.abspath(base))
    return uri if uri.endswith("/") else uri + "/"
