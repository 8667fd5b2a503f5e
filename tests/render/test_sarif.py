"""SARIF 2.1.0: valid against the official OASIS schema, rules carry their docs, every
finding is a result that points at its rule and its place."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator, ValidationError

from cmdresolve import HOME, __version__
from cmdresolve.api import resolve
from cmdresolve.checks import RULES, SECTIONS, Rule
from cmdresolve.model import Failure, FailureKind, Finding, Resolution, Span
from cmdresolve.render.sarif import doc_section, help_uri, plain_text, render_sarif

pytestmark = pytest.mark.usefixtures("message_is_the_text_param")

# oasis-tcs/sarif-spec @ e0583813964ec43cea53b6b531b402866095ed1f,
# sarif-2.1/schema/sarif-schema-2.1.0.json (draft-04), unchanged.
SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

DOC = """## What it does
Reports a thing.
On two lines.

## Why is this bad?
Because.

## Example
```markdown
## not a section: inside a fence
```

## Use instead
Something else.

## References
- somewhere"""


def _check(result: Resolution) -> list[Finding]:
    return []


def make_rule(code: str, severity: str = "warning", name: str = "some-trap") -> Rule:
    return Rule(code, name, severity, f"{code} summary", DOC, _check)  # type: ignore[arg-type]


FAKE_RULES = (
    make_rule("CR101", "error", "first"),
    make_rule("CR201", "warning", "second"),
    make_rule("CR301", "info", "third"),
)


def finding(code: str = "CR101", severity: str = "error", span: Span | None = None) -> Finding:
    return Finding(code, "name", severity, {"text": f"{code} message"}, span)  # type: ignore[arg-type]


def resolution(*findings: Finding) -> Resolution:
    return Resolution("docker", None, error=Failure(FailureKind.NO_COMMAND), findings=findings)


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft4Validator, log: dict[str, object]) -> None:
    # Through JSON, as a consumer reads it: only JSON types may reach the schema.
    errors = list(validator.iter_errors(json.loads(json.dumps(log))))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def only_run(log: dict[str, object]) -> dict[str, object]:
    runs = log["runs"]
    assert isinstance(runs, list)
    (run,) = runs
    assert isinstance(run, dict)
    return run


def results_of(log: dict[str, object]) -> list[dict[str, object]]:
    results = only_run(log)["results"]
    assert isinstance(results, list)
    return results


# --- schema ---------------------------------------------------------------------------


def test_many_findings_validate_against_the_schema(validator: Draft4Validator) -> None:
    results = [
        resolution(
            finding("CR101", "error", Span("Dockerfile", 3, 1, 5)),
            finding("CR201", "warning", Span("k8s/pod.yaml", 12)),
            finding("CR301", "info", Span("my dir/Dockerfile")),
        ),
        resolution(finding("CR999", "error")),
        resolution(),
    ]
    assert_valid(validator, render_sarif(results, FAKE_RULES))


def test_no_results_and_the_real_registry_validate(validator: Draft4Validator) -> None:
    assert_valid(validator, render_sarif([], RULES))


def test_the_validator_is_not_vacuous(validator: Draft4Validator) -> None:
    log = render_sarif([resolution(finding())], FAKE_RULES)
    results_of(log)[0]["level"] = "info"  # not a SARIF level
    with pytest.raises(ValidationError, match="'info' is not one of"):
        validator.validate(log)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("helpUri", 5, "5 is not of type 'string'"),
        ("help", {"markdown": "## x"}, "'text' is a required property"),
        ("fullDescription", "text", "'text' is not of type 'object'"),
    ],
)
def test_the_schema_checks_the_documentation_fields(
    validator: Draft4Validator, field: str, value: object, error: str
) -> None:
    log = render_sarif([], RULES)
    only_run(log)["tool"]["driver"]["rules"][0][field] = value  # type: ignore[index]
    assert [e.message for e in validator.iter_errors(json.loads(json.dumps(log)))] == [error]


def test_the_real_pipeline_validates_with_a_relative_path(
    validator: Draft4Validator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCMD []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    log = render_sarif(resolve(["Dockerfile"]), RULES)
    assert_valid(validator, log)
    (result,) = results_of(log)
    assert result["ruleId"] == "CR901"
    assert result["level"] == "error"
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 1},
            }
        }
    ]


# --- the log and the driver -----------------------------------------------------------


def test_log_header_and_driver() -> None:
    log = render_sarif([], FAKE_RULES)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    driver = only_run(log)["tool"]["driver"]  # type: ignore[index]
    assert driver["name"] == "cmdresolve"
    assert driver["version"] == __version__
    assert driver["informationUri"] == HOME
    assert [r["id"] for r in driver["rules"]] == ["CR101", "CR201", "CR301"]
    assert only_run(log)["results"] == []


def test_fields_come_in_a_fixed_order() -> None:
    log = render_sarif([resolution(finding(span=Span("Dockerfile", 1, 1)))], FAKE_RULES)
    assert list(log) == ["$schema", "version", "runs"]
    assert list(results_of(log)[0]) == ["ruleId", "ruleIndex", "level", "message", "locations"]


# --- rules ----------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]


def descriptor_of(rule: Rule) -> dict[str, Any]:
    (descriptor,) = only_run(render_sarif([], [rule]))["tool"]["driver"]["rules"]  # type: ignore[index]
    assert isinstance(descriptor, dict)
    return descriptor


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_each_registered_rule_carries_its_docs(rule: Rule) -> None:
    descriptor = descriptor_of(rule)
    full = descriptor["fullDescription"]
    assert descriptor["id"] == rule.code
    assert descriptor["name"] == rule.name
    assert descriptor["shortDescription"] == {"text": rule.summary}
    assert rule.doc.startswith(f"## What it does\n{full['markdown']}\n\n## ")
    # the same words, paragraphs unwrapped (a list keeps its items on lines of their own)
    assert full["text"].split() == full["markdown"].split()
    prose = [p for p in full["text"].split("\n\n") if not p.lstrip().startswith("- ")]
    assert all("\n" not in p for p in prose)
    assert descriptor["help"]["markdown"] == rule.doc
    assert set(descriptor) == {
        "id", "name", "shortDescription", "fullDescription", "helpUri", "help",
        "defaultConfiguration",
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_help_text_is_plain_text_with_every_section(rule: Rule) -> None:
    text = descriptor_of(rule)["help"]["text"]
    lines = text.splitlines()
    assert [line for line in lines if line in SECTIONS] == list(SECTIONS)
    assert "```" not in text and not any(line.startswith("## ") for line in lines)
    for line in rule.doc.split("```")[1].splitlines()[1:]:  # the first code block, kept
        assert f"  {line}".rstrip() in lines


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_help_uri_is_absolute_and_names_the_rules_own_file(rule: Rule) -> None:
    uri = descriptor_of(rule)["helpUri"]
    parts = urlsplit(uri)
    assert (parts.scheme, parts.query, parts.fragment) == ("https", "", "")  # SARIF §3.49.12
    assert uri.startswith(f"{HOME}/blob/v{__version__}/cmdresolve/checks/")
    path = ROOT / uri.removeprefix(f"{HOME}/blob/v{__version__}/")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert (ast.get_docstring(tree) or "").strip() == rule.doc  # that file documents it
    assert f'CODE = "{rule.code}"' in path.read_text(encoding="utf-8")


def test_help_uris_are_distinct() -> None:
    uris = [help_uri(r) for r in RULES]
    assert len(set(uris)) == len(uris)


def test_rule_descriptor_exactly() -> None:
    from cmdresolve.checks.cr901_no_command import check

    descriptor = descriptor_of(Rule("CR301", "third", "info", "CR301 summary", DOC, check))
    assert descriptor == {
        "id": "CR301",
        "name": "third",
        "shortDescription": {"text": "CR301 summary"},
        "fullDescription": {
            "text": "Reports a thing. On two lines.",
            "markdown": "Reports a thing.\nOn two lines.",
        },
        "helpUri": f"{HOME}/blob/v{__version__}/cmdresolve/checks/cr901_no_command.py",
        "help": {
            "text": (
                "What it does\nReports a thing. On two lines.\n\n"
                "Why is this bad?\nBecause.\n\n"
                "Example\n  ## not a section: inside a fence\n\n"
                "Use instead\nSomething else.\n\n"
                "References\n- somewhere"
            ),
            "markdown": DOC,
        },
        "defaultConfiguration": {"level": "note"},
    }


def test_plain_text_keeps_links_and_code_readable() -> None:
    doc = "## References\n- [BuildKit](https://github.com/moby/buildkit) `convert.go`\n  and more"
    assert plain_text(doc) == (
        "References\n- BuildKit (https://github.com/moby/buildkit) `convert.go` and more"
    )


def test_doc_section_ignores_headings_inside_fences() -> None:
    assert doc_section(DOC, "Example") == "```markdown\n## not a section: inside a fence\n```"
    assert doc_section(DOC, "References") == "- somewhere"
    assert doc_section(DOC, "Nope") is None


def test_a_doc_without_what_it_does_falls_back_to_the_summary() -> None:
    rule = Rule("CR1", "n", "error", "the summary", "just prose", _check)
    assert descriptor_of(rule)["fullDescription"] == {"text": "the summary"}
    assert descriptor_of(rule)["help"] == {"text": "just prose", "markdown": "just prose"}


# --- levels and rule indexes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "level"), [("error", "error"), ("warning", "warning"), ("info", "note")]
)
def test_level_mapping(severity: str, level: str) -> None:
    rule = make_rule("CR101", severity)
    log = render_sarif([resolution(finding("CR101", severity))], [rule])
    (descriptor,) = only_run(log)["tool"]["driver"]["rules"]  # type: ignore[index]
    assert descriptor["defaultConfiguration"] == {"level": level}
    assert results_of(log)[0]["level"] == level


def test_rule_index_points_at_the_rule_of_the_finding() -> None:
    rules = FAKE_RULES[::-1]  # CR301, CR201, CR101
    findings = [finding(code) for code in ("CR101", "CR301", "CR201", "CR101")]
    log = render_sarif([resolution(*findings[:2]), resolution(*findings[2:])], rules)
    driver_rules = only_run(log)["tool"]["driver"]["rules"]  # type: ignore[index]
    got = [(r["ruleId"], r["ruleIndex"]) for r in results_of(log)]
    assert got == [("CR101", 2), ("CR301", 0), ("CR201", 1), ("CR101", 2)]
    assert all(driver_rules[i]["id"] == code for code, i in got)


def test_a_finding_of_an_unlisted_rule_has_no_rule_index() -> None:
    (result,) = results_of(render_sarif([resolution(finding("CR999"))], FAKE_RULES))
    assert result == {"ruleId": "CR999", "level": "error", "message": {"text": "CR999 message"}}


def test_results_accept_any_iterable() -> None:
    log = render_sarif((resolution(finding()) for _ in range(2)), FAKE_RULES)
    assert len(results_of(log)) == 2


# --- locations ------------------------------------------------------------------------


def location(span: Span | None) -> object:
    (result,) = results_of(render_sarif([resolution(finding(span=span))], FAKE_RULES))
    return result.get("locations")


def test_line_and_column_make_a_region() -> None:
    assert location(Span("Dockerfile", 7, 3)) == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 7, "startColumn": 3},
            }
        }
    ]


def test_line_without_column() -> None:
    assert location(Span("k8s/pod.yaml", 12)) == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "k8s/pod.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 12},
            }
        }
    ]


def test_multi_line_span_ends_on_its_last_line() -> None:
    assert location(Span("Dockerfile", 3, 1, 5)) == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 1, "endLine": 5},
            }
        }
    ]


def test_no_line_means_no_region() -> None:
    assert location(Span("Dockerfile")) == [
        {"physicalLocation": {"artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"}}}
    ]


def test_a_finding_without_span_has_no_location() -> None:
    assert location(None) is None


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("deploy/k8s/pod.yaml", "deploy/k8s/pod.yaml"),
        ("../other/Dockerfile", "../other/Dockerfile"),
        ("my dir/Dockerfile", "my%20dir/Dockerfile"),
        ("a#b%c.yaml", "a%23b%25c.yaml"),
        ("<stdin>", "%3Cstdin%3E"),
    ],
)
def test_paths_stay_relative_and_become_uri_references(path: str, uri: str) -> None:
    locations = location(Span(path, 1))
    assert isinstance(locations, list)
    assert locations[0]["physicalLocation"]["artifactLocation"] == {
        "uri": uri, "uriBaseId": "%SRCROOT%"
    }


def test_a_file_name_that_is_not_utf8_is_percent_encoded_byte_for_byte() -> None:
    from cmdresolve.model import Finding, Resolution, Span
    from cmdresolve.render.sarif import render_sarif

    name = b"bad\xff/Dockerfile".decode("utf-8", "surrogateescape")  # as os.fsdecode gives it
    finding = Finding("CR901", "no-command", "error", {"error": "x"}, Span(name, 2, 1))
    result = Resolution("docker", None, findings=(finding,))
    (run,) = render_sarif([result], [])["runs"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "bad%FF/Dockerfile"
