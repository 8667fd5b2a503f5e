"""## What it does
Reports a CMD or ENTRYPOINT written in shell form (`CMD node server.js`) that no more
specific rule reports: not a running shell-form ENTRYPOINT (CR102) and not a broken
JSON array (CR101). It reports every such instruction of the stages the image is
built from, also one a later instruction replaces.

## Why is this bad?
BuildKit stores shell form as the shell plus one script, `["/bin/sh", "-c", "node
server.js"]`. The process the container starts is the shell, not the program: whether
`docker stop`'s SIGTERM reaches the program depends on the image's `/bin/sh` (some
exec the last command of a `-c` script, some do not) and on the script. And once an
ENTRYPOINT is added, a shell-form CMD reaches it as the three arguments `/bin/sh`,
`-c`, `<script>` (CR103). Exec form says exactly which argv runs.

This is a hint (info), not a mistake: shell form is right when the script needs the
shell (pipes, `&&`, variable expansion).

## Example
```dockerfile
FROM node:22
CMD node server.js
```

## Use instead
```dockerfile
FROM node:22
CMD ["node", "server.js"]
```

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: dispatchCmd,
  dispatchEntrypoint, withShell`
- Dockerfile reference, "Shell and exec form"
- hadolint DL3025; BuildKit check JSONArgsRecommended
"""

from __future__ import annotations

from cmdresolve.checks.rule import is_shell_script, shell_start
from cmdresolve.model import Finding, Origin, Resolution, StepKind, values
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity, Span
    from cmdresolve.model.facts import Params

CODE = "CR108"
NAME = "shell-form-command"
SEVERITY: Severity = "info"
SUMMARY = N_("a CMD/ENTRYPOINT in shell form runs the shell as the container's process")

_KEYWORD = {StepKind.DOCKERFILE_CMD: "CMD", StepKind.DOCKERFILE_ENTRYPOINT: "ENTRYPOINT"}


def check(result: Resolution) -> list[Finding]:
    if not any(step.kind is StepKind.DOCKERFILE_SHELL_WRAP for step in result.steps):
        return []  # no shell form anywhere (every manifest without a Dockerfile)
    covered = _covered_elsewhere(result)
    findings = []
    steps = result.steps
    for i, step in enumerate(steps):
        wrap = step.kind is StepKind.DOCKERFILE_SHELL_WRAP
        if not wrap or any(_within(s, step.span) for s in covered):
            continue
        # The build logs the wrap, then the CMD/ENTRYPOINT step of the same instruction.
        after = (s for s in steps[i + 1 :] if s.span == step.span)
        keyword = next((_KEYWORD[s.kind] for s in after if s.kind in _KEYWORD), None)
        if keyword is None:
            continue
        params: Params = {"instruction": keyword, "stored": _stored(result, step.span)}
        findings.append(Finding(CODE, NAME, SEVERITY, params, step.span))
    return findings


def _stored(result: Resolution, span: Span | None) -> tuple[str, ...] | None:
    """The stored argv when this instruction's tokens are in the result, else None."""
    argv = result.argv or ()
    for i, arg in enumerate(argv):
        if _within(arg.span, span) and is_shell_script(arg):
            return values(argv[shell_start(argv, i) : i + 1])
    return None


def _covered_elsewhere(result: Resolution) -> list[Span]:
    """Where the scripts CR101 (broken JSON) or CR102 (running shell ENTRYPOINT) report are."""
    return [
        a.span
        for a in result.argv or ()
        if a.span is not None
        and is_shell_script(a)
        and (a.origin == Origin.IMAGE_ENTRYPOINT or a.value.lstrip().startswith("["))
    ]


def _within(token: Span | None, instruction: Span | None) -> bool:
    """Whether ``token`` lies on the lines of ``instruction`` (same file).

    A script token may carry its own position (the column where the script starts,
    perhaps on a continuation line) rather than the instruction's span, so tokens
    and instructions are matched by file and line range, not by span equality.
    """
    if token is None or instruction is None or token.file != instruction.file:
        return False
    if token.line is None or instruction.line is None:
        return token == instruction
    last = instruction.end_line if instruction.end_line is not None else instruction.line
    return instruction.line <= token.line <= last
