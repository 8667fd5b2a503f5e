"""## What it does
Reports a Compose `command` or `entrypoint` written as a string that holds an
unquoted shell operator (`&&`, `;`, `|`, `>`, …): Compose keeps the words before the
operator and silently drops the rest.

## Why is this bad?
A string `command` is not run by a shell. Compose splits it into words with
go-shellwords, and that parser stops at the first unquoted `;`, `&`, `|`, `<` or
`>`. `python manage.py migrate && python manage.py runserver` starts only
`python manage.py migrate`: the server never runs, and Compose says nothing.

## Example
```yaml
services:
  web:
    command: python manage.py migrate && python manage.py runserver
```

## Use instead
```yaml
services:
  web:
    command: ["sh", "-c", "python manage.py migrate && python manage.py runserver"]
```

## References
- mattn/go-shellwords v1.0.12 `shellwords.go :: (*Parser).Parse` (the cut);
  compose-spec/compose-go `types/command.go :: ShellCommand.DecodeMapstructure`
- docker/docs#13265 ("`|` or `&&` quietly chops my command")
- docs/semantics.md §5.1, §5.5
- No hadolint or BuildKit rule
"""

from __future__ import annotations

import json

from cmdresolve.model import Finding, Resolution, StepKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR210"
NAME = "compose-command-cut-at-operator"
SEVERITY: Severity = "error"
SUMMARY = N_("a Compose string command is cut at an unquoted shell operator; the rest never runs")


def check(result: Resolution) -> list[Finding]:
    findings = []
    for step in result.steps:
        if step.kind is not StepKind.COMPOSE_OPERATOR_CUT:
            continue
        text = step.params["text"]
        assert isinstance(text, str)
        params: Params = {
            "field": step.params["field"],
            "dropped": step.params["dropped"],
            "words": step.params["words"],
            "fix": json.dumps(["sh", "-c", text], ensure_ascii=False),
        }
        findings.append(Finding(CODE, NAME, SEVERITY, params, step.span))
    return findings
