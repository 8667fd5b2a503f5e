"""The README's GitHub Actions workflow is valid YAML and its cmdresolve steps use only
options the CLI has."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from cmdresolve.cli import OUTPUTS, parse_args

ROOT = Path(__file__).resolve().parent.parent


def _workflow() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## GitHub Actions", 1)[1].split("\n## ", 1)[0]
    block = section.split("```yaml\n", 1)[1].split("\n```", 1)[0]
    loaded = yaml.safe_load(block)
    assert isinstance(loaded, dict)
    return loaded


def _commands() -> list[list[str]]:
    """Each cmdresolve line of the steps, its words up to a redirection or ``||``."""
    commands = []
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                words = shlex.split(line, comments=True)
                if words[:1] == ["cmdresolve"]:
                    end = next((i for i, w in enumerate(words) if w in (">>", ">", "||")), None)
                    commands.append(words[1:end])
    return commands


def test_the_workflow_is_a_workflow() -> None:
    workflow = _workflow()
    assert set(workflow) >= {"name", "jobs"}
    assert True in workflow or "on" in workflow  # YAML 1.1 reads the key `on` as true
    (job,) = workflow["jobs"].values()
    assert job["runs-on"]
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert "actions/checkout" in uses


def test_its_commands_parse_and_give_annotations_and_the_summary() -> None:
    commands = _commands()
    outputs = []
    for words in commands:
        args = parse_args(words)  # argparse exits on an unknown option or choice
        assert args.output in OUTPUTS
        outputs.append(args.output)
    assert sorted(outputs) == ["github", "markdown"]


def test_the_summary_goes_to_the_step_summary_file() -> None:
    runs = [str(s.get("run", "")) for j in _workflow()["jobs"].values() for s in j["steps"]]
    (line,) = [r for r in runs if "-o markdown" in r]
    assert '>> "$GITHUB_STEP_SUMMARY"' in line
