"""Gotcha checks: one module per rule, and :data:`RULES`, the explicit registry.

Checks read a :class:`~cmdresolve.model.Resolution` — its argv (each token with its
origin and note), steps and unknowns — and say what trap it shows, in argv terms.
They never re-derive the semantics (the resolver already applied every rule of the
real system) and never raise on user input. Codes come in families: CR1xx
Dockerfile form, CR2xx overrides, CR3xx variables and quoting, CR9xx could not know.
"""

from __future__ import annotations

from importlib import import_module

from cmdresolve.checks.rule import SECTIONS, SEVERITIES, Rule, at_least
from cmdresolve.model import Finding, Resolution
from cmdresolve.model.frozen import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "PROCESS_RULES",
    "RULES",
    "SECTIONS",
    "SEVERITIES",
    "Rule",
    "at_least",
    "check",
    "process_findings",
    "rule",
    "select",
]

# The registry, in code order: one module per rule (tests check it equals the files).
_MODULES = (
    "cr101_exec_form_not_json",
    "cr102_shell_form_entrypoint",
    "cr103_shell_cmd_to_exec_entrypoint",
    "cr104_sh_c_entrypoint_splits_cmd",
    "cr105_entrypoint_drops_base_cmd",
    "cr106_repeated_cmd_or_entrypoint",
    "cr107_shell_form_without_shell",
    "cr108_shell_form_command",
    "cr109_entrypoint_script_without_exec",
    "cr201_entrypoint_flag_drops_cmd",
    "cr202_entrypoint_with_spaces",
    "cr203_command_replaces_entrypoint",
    "cr204_command_drops_image_cmd",
    "cr205_program_is_a_flag",
    "cr206_command_line_in_one_element",
    "cr207_shell_operator_as_argument",
    "cr208_program_not_in_image",
    "cr209_argument_after_sh_c_script",
    "cr210_compose_command_cut_at_operator",
    "cr211_compose_empty_entrypoint_keeps_cmd",
    "cr301_shell_variable_not_expanded",
    "cr302_kubernetes_variable_left_literal",
    "cr303_yaml_scalar_not_a_string",
    "cr304_compose_variable_unset",
    "cr305_probe_variable_reads_empty",
    "cr306_shell_quotes_in_exec_form",
    "cr307_shell_script_syntax_error",
    "cr308_shellcheck",
    "cr901_no_command",
    "cr902_unknown_image",
    "cr903_from_arg_without_value",
)
RULES: tuple[Rule, ...] = tuple(Rule.of(import_module(f"{__name__}.{name}")) for name in _MODULES)


def rule(code: str) -> Rule | None:
    """The rule with this code (any case), or None."""
    wanted = code.upper()
    return next((r for r in RULES if r.code == wanted), None)


def select(chosen: Sequence[str] = (), ignored: Sequence[str] = ()) -> tuple[Rule, ...]:
    """The rules whose code starts with one of ``chosen`` (all when empty) and with none
    of ``ignored``: ``CR1`` picks the family, ``CR101`` one rule."""
    wanted = tuple(c.upper() for c in chosen)
    unwanted = tuple(c.upper() for c in ignored)
    return tuple(
        r
        for r in RULES
        if (not wanted or r.code.startswith(wanted)) and not r.code.startswith(unwanted)
    )


def unmatched(codes: Sequence[str]) -> list[str]:
    """The codes and prefixes of ``codes`` that pick no rule at all (``CR9999``, ``CR4``)."""
    return [c for c in codes if not any(r.code.startswith(c.upper()) for r in RULES)]


# The rules that read only an argv, so they hold for a probe, hook or health check too.
PROCESS_RULES = frozenset(
    {"CR205", "CR206", "CR207", "CR208", "CR209", "CR301", "CR302", "CR305", "CR306", "CR307",
     "CR308"}
)


def check(result: Resolution, rules: Iterable[Rule] = RULES) -> Resolution:
    """``result`` with the findings of ``rules`` added (itself when there are none),
    those on its other processes (:func:`process_findings`) after its own."""
    rules = tuple(rules)
    found = tuple(f for r in rules for f in r.check(result))
    if result.processes:
        found += process_findings(result, rules)
    return replace(result, findings=result.findings + found) if found else result


def process_findings(result: Resolution, rules: Iterable[Rule]) -> tuple[Finding, ...]:
    """The findings of the argv rules on each process that runs a program: each rule
    sees the container with the process's argv, steps and unknowns in place of its own,
    and each finding says which process (``process``, ``process_index``)."""
    found: list[Finding] = []
    chosen = [r for r in rules if r.code in PROCESS_RULES]
    for index, process in enumerate(result.processes):
        if not process.argv or not process.runs:
            continue
        view = replace(
            result,
            argv=process.argv,
            steps=process.steps,
            unknowns=process.unknowns,
            findings=(),
            processes=(),
            incomplete=result.incomplete - {"argv"},
            script=process.script,
        )
        where = {"process": process.kind, "process_index": index}
        found += (replace(f, params={**f.params, **where}) for r in chosen for f in r.check(view))
    return tuple(found)
