"""## What it does
Reports an argv[0] that is not a program of the image, and a command word of a `-c`
script (`sh -c 'echo ready && sleeeep 3600'`, a shell-form CMD) that is neither a
program of the image, a builtin of its shell nor a function the script defines (with
its line and column in the script), for images whose program list the bundled catalog
holds (`cmdresolve/data/programs.json`: busybox, alpine, debian, ubuntu and python slim
builds, each read from the image's own root filesystem or package manifest; other tags of
those releases through the stand-ins of `cmdresolve/data/program_ranges.json`, and the
message then names the list used), and suggests the closest program (`sleeep` →
`sleep`). It says nothing about other images, nor about images built from a
Dockerfile, whose RUN, COPY and ADD can add programs.

## Why is this bad?
The runtime looks argv[0] up in the container's PATH (or takes an absolute path as
is) and fails when nothing is there: the container never starts (`exec: "sleeep":
executable file not found in $PATH`, then CrashLoopBackOff in Kubernetes). A typo, a
program of another distribution (`bash` on busybox or alpine) or one the image
leaves out all look fine in the manifest.

## Example
```yaml
containers:
- name: pause
  image: busybox:1.38
  command: ["sleeep", "3600"]
```

## Use instead
```yaml
containers:
- name: pause
  image: busybox:1.38
  command: ["sleep", "3600"]
```

## References
- opencontainers/runc `libcontainer/standard_init_linux.go :: Init` (`exec.LookPath`
  on the process PATH before execve) and POSIX `execvp` (search only for names
  without a slash)
- `tools/programs_catalog.py` and each family's `source` in `programs.json`; for a tag
  whose own list was not read, the stand-in `data/program_ranges.json` names (busybox
  1.2x-1.3x, alpine patch releases and later minors, debian 12, ubuntu 22.04/24.04,
  python 3.13 slim trixie), said in the message
- No hadolint or BuildKit rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity
    from cmdresolve.model.facts import Param, Params
    from cmdresolve.sources.image.programs import Programs

CODE = "CR208"
NAME = "program-not-in-image"
SEVERITY: Severity = "warning"
SUMMARY = N_("argv[0] is not a program of the (catalogued) image, so the exec fails")


def check(result: Resolution) -> list[Finding]:
    argv = result.argv
    image = result.image_config
    if not argv or image is None or result.image is None or "argv" in result.incomplete:
        return []
    # Only the catalog's own image: a Dockerfile build or a bound config may add programs.
    if not image.catalogued:
        return []
    from cmdresolve.sources.image.programs import programs  # loads the list on first use only

    listed = programs(result.image)
    if listed is None:
        return []
    path = next((e[5:] for e in result.env or () if e.startswith("PATH=")), "")
    program = argv[0].value
    if not path:
        return []
    found: list[Finding] = []
    if not listed.find(program, path):
        params = missing_params(program, listed, path)
        found.append(Finding(CODE, NAME, SEVERITY, params, argv[0].span))
    from cmdresolve.checks.script_words import script_word_findings

    return found + script_word_findings(result, listed, path, CODE, NAME, SEVERITY)


def missing_params(program: str, listed: Programs, path: str) -> Params:
    """What a finding on a program the image lacks says: the program, the list it was
    looked up in, the PATH searched and the closest program."""
    return {
        "program": program,
        "image": image_words(listed),
        "list_used": listed.label,
        "stands_in": listed.stands_for is not None,
        "path": None if program.startswith("/") else path,
        "suggestion": listed.closest(program),
    }


def image_words(listed: Programs) -> Param:
    """The image as the finding names it: the list used, and the tag it stands in for
    when that tag's own list was not read."""
    if listed.stands_for is None:
        return listed.label
    from cmdresolve.model.facts import Words

    return Words(
        N_("{label} (its list stands in for {ref}, whose own list was not read)"),
        label=listed.label,
        ref=listed.stands_for,
    )
