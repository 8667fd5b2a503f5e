"""## What it does
Reports a shell given `-c` whose script is followed by more argv elements that the
script never reads, wherever the argv comes from: a Dockerfile exec-form ENTRYPOINT and
CMD, a `docker run` or `kubectl run` line, a Pod's `command` and `args`. The shell is the
program of the argv (also behind an init such as `tini --` or `docker run --init`):
sh, bash, dash, ash, zsh, ksh or mksh, with `-c` alone or in an option cluster (`-ec`,
`-ce`, `-xc`) and after options that take a value (`-o pipefail`).

Not reported: a script that reads its positional parameters (`$0`, `$1`, `$@`, `$*`,
`$#`, `${1}`, …, a `for NAME; do` loop or `getopts`), as in the common
`["sh", "-c", "exec \\"$@\\"", "--", "app", "-v"]`; a shell-form instruction followed by
arguments (CR102, CR103); and `ENTRYPOINT ["sh", "-c"]` with a CMD of several elements
(CR104, which says it in Dockerfile terms).

## Why is this bad?
`sh -c` takes exactly one operand as its script. The next element becomes the script's
`$0` (the name it runs under, used in its error messages), the ones after it `$1`, `$2`,
…, and a script that does not read them ignores them. Usually one command line was cut
into elements: `["sh", "-c", "npm install", "&&", "npm start"]` runs only
`npm install`, with `$0` set to `&&` and `$1` to `npm start`, and
`command: ["sh", "-c"]` with `args: ["echo", "hello"]` runs the script `echo` and prints
an empty line.

## Example
```yaml
containers:
- name: web
  image: node:20
  command: ["sh", "-c", "npm install", "&&", "npm start"]
```

## Use instead
```yaml
containers:
- name: web
  image: node:20
  command: ["sh", "-c", "npm install && npm start"]
```

## References
- POSIX `sh -c command_string [command_name [argument...]]` (the first operand after
  the script is `$0`)
- bash `shell.c :: parse_shell_options` and dash `src/options.c :: options, procargs`
  (which word is the script)
- docs/semantics.md §11
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.checks.rule import is_shell_script
from cmdresolve.model import Finding, Origin, Resolution, values
from cmdresolve.model.facts import N_
from cmdresolve.resolve.launchers import (
    program_index,
    shell_name,
    shell_script,
    uses_positionals,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Params

CODE = "CR209"
NAME = "argument-after-sh-c-script"
SEVERITY: Severity = "warning"
SUMMARY = N_("elements after a sh -c script become its $0, $1, … and the script ignores them")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv or ()
    words = values(argv)
    start = program_index(words)
    script = shell_script(words, start)
    if script is None or script + 1 >= len(argv):
        return []
    text = argv[script]
    if is_shell_script(text) or uses_positionals(text.value):
        return []  # a shell-form script (CR102, CR103), or the operands are meant for it
    if text.origin is Origin.IMAGE_CMD and argv[script - 1].origin is Origin.IMAGE_ENTRYPOINT:
        return []  # ENTRYPOINT ["sh", "-c"] with a split CMD: CR104
    params: Params = {
        "shell": shell_name(words, start),
        "index": script,
        "script": text.value,
        "operands": words[script + 1 :],  # $0, $1, …
    }
    return [Finding(CODE, NAME, SEVERITY, params, argv[script + 1].span)]
