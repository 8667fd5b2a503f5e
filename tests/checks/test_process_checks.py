"""The argv checks on a container's other processes (checks/__init__.py ::
process_findings): the same rules, each finding naming its process."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

from cmdresolve.api import Options, resolve
from cmdresolve.checks import PROCESS_RULES, RULES
from cmdresolve.model import Resolution
from cmdresolve.render.fixes import fix_text
from cmdresolve.render.json import render_json
from cmdresolve.render.text import View, render_text

Resolver = Callable[..., Resolution]  # the resolve_text fixture (tests/conftest.py)


def pod(tmp_path: Path, container: str, image: str = "busybox:1.38") -> Resolution:
    body = textwrap.indent(textwrap.dedent(container), "    ")
    text = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
            f"  - name: app\n    image: {image}\n    command: [sleep, '3600']\n" + body)
    (tmp_path / "pod.yaml").write_text(text)
    (result,) = resolve([str(tmp_path / "pod.yaml")])
    return result


def codes(result: Resolution) -> list[tuple[str, str | None]]:
    return [(f.code, str(f.params.get("process")) if "process" in f.params else None)
            for f in result.findings]  # fmt: skip


def test_whole_command_line_in_one_probe_element(tmp_path: Path) -> None:
    result = pod(tmp_path, 'livenessProbe:\n  exec:\n    command: ["cat /tmp/healthy"]\n')
    assert ("CR206", "liveness") in codes(result)
    finding = next(f for f in result.findings if f.code == "CR206")
    assert finding.span is not None and finding.span.line == 12
    assert finding.params["process_index"] == 0
    assert fix_text(finding, result) == 'command: ["cat", "/tmp/healthy"]'


def test_program_typo_in_a_hook(tmp_path: Path) -> None:
    result = pod(tmp_path, "lifecycle:\n  preStop:\n    exec:\n      command: [sleeep, '5']\n")
    finding = next(f for f in result.findings if f.code == "CR208")
    assert (finding.params["process"], finding.params["program"], finding.params["suggestion"]) == (
        "preStop", "sleeep", "sleep")


def test_a_clean_probe_has_no_findings(tmp_path: Path) -> None:
    result = pod(tmp_path, "readinessProbe:\n  exec:\n    command: [cat, /tmp/ready]\n")
    assert result.findings == ()


def test_a_variable_no_env_defines_in_a_probe_is_cr302(tmp_path: Path) -> None:
    result = pod(tmp_path, 'startupProbe:\n  exec:\n    command: [test, -f, "$(READY_FILE)"]\n')
    assert codes(result) == [("CR302", "startup")]


def test_a_shell_variable_in_an_exec_probe_is_cr301(tmp_path: Path) -> None:
    result = pod(tmp_path, 'livenessProbe:\n  exec:\n    command: [test, -f, "$HOME/ok"]\n')
    assert codes(result) == [("CR301", "liveness")]


def test_operator_as_an_element_of_a_healthcheck_list(resolve_text: Resolver) -> None:
    result = resolve_text('FROM scratch\nHEALTHCHECK CMD ["curl", "-f", "x", "||", "exit", "1"]\n'
                          'CMD ["x"]\n')  # fmt: skip
    assert ("CR207", "healthcheck") in codes(result)


def test_a_shell_form_healthcheck_script_is_not_a_whole_line_trap(resolve_text: Resolver) -> None:
    result = resolve_text('FROM scratch\nHEALTHCHECK CMD curl -f x || exit 1\nCMD ["x"]\n')
    assert [c for c in codes(result) if c[1] == "healthcheck"] == []


def test_a_switched_off_check_is_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "img.json"
    path.write_text(json.dumps({"Config": {"Cmd": ["x"],
                                           "Healthcheck": {"Test": ["CMD", "a b"]}}}))
    (on,) = resolve([], Options(run="docker run img", images={"img": str(path)}))
    (off,) = resolve([], Options(run="docker run --no-healthcheck img", images={"img": str(path)}))
    assert ("CR206", "healthcheck") in codes(on)
    assert codes(off) == []


def test_only_argv_rules_run_on_processes() -> None:
    known = {r.code for r in RULES}
    assert known >= PROCESS_RULES
    assert not any(code.startswith(("CR1", "CR9")) for code in PROCESS_RULES)


def test_the_finding_says_its_process_in_json_and_text(tmp_path: Path) -> None:
    result = pod(tmp_path, 'livenessProbe:\n  exec:\n    command: ["cat /tmp/healthy"]\n')
    document = render_json([result])
    findings = document["results"][0]["findings"]
    assert {f.get("process") for f in findings if f["code"] == "CR206"} == {"liveness"}
    text = "".join(render_text([result], View()))
    assert "= note: in the livenessProbe, which runs in the container beside its main" in text


def test_a_probe_variable_set_by_value_from_reads_empty(tmp_path: Path) -> None:
    result = pod(tmp_path, """\
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: s, key: k}
        - name: PORT
          value: "6379"
        livenessProbe:
          exec:
            command: [redis-cli, -p, "$(PORT)", -a, "$(PASSWORD)", ping]
        lifecycle:
          preStop:
            exec:
              command: [redis-cli, -a, "$(PASSWORD)", shutdown]
    """)
    found = [(f.code, f.params["name"], f.params["process"]) for f in result.findings
             if f.code == "CR305"]  # fmt: skip
    # Only the probe: a hook expands nothing, and PORT has a literal value.
    assert found == [("CR305", "PASSWORD", "liveness")]
    finding = next(f for f in result.findings if f.code == "CR305")
    assert finding.span is not None and finding.span.line == 18
