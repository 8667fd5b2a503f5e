"""## What it does
Reports an unquoted YAML value that Kubernetes reads as a boolean, number or null
where it wants a string: a `command` or `args` item, an env `value`, an `image`,
a `workingDir`. YAML 1.1, which Kubernetes' decoder (go-yaml v2 behind
sigs.k8s.io/yaml) follows, reads more words this way than people expect: `on`,
`off`, `yes`, `no`, `y`, `n` are booleans and `1e3` is a float.

This rule is reported while the manifest is read, not on a resolution: the
container is never created, so there is no argv to check. The message carries the
code, and cmdresolve exits 2 (unreadable input) whatever `--select`, `--ignore` or
`--fail-on` say, because the API server refuses the object whatever the tool is
told.

## Why is this bad?
The manifest is converted to JSON with the value typed (`true`, `1000`), and a JSON
boolean or number does not decode into a Go string field, so the object is refused
and nothing runs (the exact wording of kubectl's or the API server's message is not
checked here: docs/semantics.md §8). A YAML 1.2 reader
(or an editor's preview) shows the text `on` and hides the mistake.

## Example
```yaml
containers:
- name: app
  image: busybox
  command: ["sh", "-c", "echo $FLAG"]
  env:
  - name: FLAG
    value: on
```

## Use instead
```yaml
  env:
  - name: FLAG
    value: "on"
```

## References
- kubernetes-sigs/yaml `yaml.go :: YAMLToJSON` (go-yaml v2, YAML 1.1 scalars) and
  go-yaml v2 `resolve.go :: resolve`
- Kubernetes API `Container.command`, `EnvVar.value` (type string)
- No hadolint or BuildKit rule; yamllint `truthy` warns about the booleans only
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR303"
NAME = "yaml-scalar-not-a-string"
SEVERITY: Severity = "error"
SUMMARY = N_("an unquoted YAML value is a boolean or number where Kubernetes wants a string")


def check(result: Resolution) -> list[Finding]:
    """Nothing to check on a resolution: the manifest reader raises this rule's error
    (``sources/yaml_reader.py :: YamlReader.string``), since no container exists."""
    return []
