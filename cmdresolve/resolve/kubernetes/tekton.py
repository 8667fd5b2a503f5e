"""What Tekton's entrypoint binary starts in a step, and how a script is run.

Every step's command becomes ``/tekton/bin/entrypoint`` with flags (the files it waits
for and writes), ``-entrypoint`` and the step's first command word, ``--`` and the rest
of the command followed by args; it waits for the step before, then starts that
program. When ``command`` is empty the controller looks the image up instead: its
ENTRYPOINT, followed by its CMD only when the step has no args, or its CMD when the
ENTRYPOINT is empty, *with the args still after it* (so on an image without
ENTRYPOINT, args are appended to CMD, where Kubernetes would replace CMD).

A ``script`` is written to ``/tekton/scripts/script-INDEX-XXXXX`` (five random
characters; ``sidecar-script-INDEX-XXXXX`` for a sidecar), made executable, and becomes
the only command word, args kept. Without a ``#!`` line (after trimming white space)
Tekton puts ``#!/bin/sh`` and ``set -e`` in front, so the kernel runs ``/bin/sh FILE
ARGS``; with one, the kernel runs its interpreter, its one optional argument, then
the file and args. A ``#!`` that only follows white space is not at the start of
the file, and the exec fails.

Authority: tektoncd/pipeline ``pkg/pod/entrypoint.go :: orderContainers``,
``pkg/pod/entrypoint_lookup.go :: resolveEntrypoints`` with
``pkg/pod/entrypoint_lookup_impl.go :: imageInfo`` (``ep = Entrypoint; if len(ep) == 0
{ ep = Cmd } else if !hasArgs { ep = append(ep, Cmd...) }``), ``cmd/entrypoint/main.go``
(``Command: append(cmd, commandArgs...)``), ``pkg/pod/script.go :: convertScripts,
placeScriptInContainer, getScriptFile`` (``defaultScriptPreamble = "#!/bin/sh\\nset
-e\\n"``) and ``pkg/names :: RestrictLengthWithRandomSuffix``, at pipeline@3ee1745a;
the ``#!`` line as Linux ``fs/binfmt_script.c :: load_script`` reads it (docs/semantics.md
§3.9).
"""

from __future__ import annotations

from cmdresolve.model import (
    Arg,
    Failure,
    FailureKind,
    ImageConfig,
    Origin,
    Step,
    StepKind,
    Unknown,
    UnknownKind,
    values_or_none,
)
from cmdresolve.model.frozen import replace
from cmdresolve.resolve.kubernetes.argo import image_field_unknown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from cmdresolve.model.kubernetes import KubeContainer, Launcher

__all__ = ["TEKTON_ROOTS", "merge_tekton_step", "shebang", "tekton_variables"]

TEKTON = "tektoncd/pipeline "
ORDER = TEKTON + "pkg/pod/entrypoint.go :: orderContainers"
LOOKUP = TEKTON + "pkg/pod/entrypoint_lookup_impl.go :: imageInfo"
SCRIPT = TEKTON + "pkg/pod/script.go :: placeScriptInContainer"
SUBSTITUTION = TEKTON + "pkg/reconciler/taskrun/resources/apply.go :: ApplyParameters"
SCRIPTS_DIR = "/tekton/scripts"
SUFFIX = "<random>"  # five characters chosen when the pod is made
# The roots of the variables Tekton replaces before the pod exists ($(params.x), …).
TEKTON_ROOTS = (
    "params.", "params[", "context.", "workspaces.", "results.", "steps.", "step.",
    "tasks.", "credentials.", "inputs.", "outputs.", "resources.", "artifacts.",
)  # fmt: skip

Argv = tuple[Arg, ...]


def merge_tekton_step(
    image: ImageConfig, container: KubeContainer, command: Argv | None, args: Argv | None
) -> tuple[Argv | None, Failure | None, list[Step], list[Unknown]]:
    """(argv or None, error or None, steps, unknowns): the program a step (or a
    sidecar with a script) starts. ``command``/``args`` are after ``$(VAR)`` expansion."""
    launcher = container.launcher
    assert launcher is not None
    steps: list[Step] = []
    if launcher.script is not None:
        argv, failure, unknowns = _script_argv(launcher, args, steps)
        if argv is None:
            return None, failure, steps, unknowns
        if launcher.kind == "tekton.entrypoint":
            steps.append(_entrypoint_step(launcher, argv))
        return argv, None, steps, unknowns
    if not command:
        has_args = bool(args)
        wanted = ["entrypoint", "cmd"]
        missing = [name for name in wanted if not image.knows(name)]
        if image.knows("entrypoint") and image.entrypoint and has_args:
            missing = []  # the CMD is not read
        if missing:
            return None, None, steps, [image_field_unknown(image, name) for name in missing]
        command = _looked_up(image, has_args)
        params = {
            "entrypoint": values_or_none(image.entrypoint),
            "cmd": values_or_none(image.cmd),
            "has_args": has_args,
        }
        steps.append(Step(StepKind.TEKTON_IMAGE_LOOKUP, params, LOOKUP))
    argv = (*(command or ()), *(args or ()))
    if not argv:
        return None, Failure(FailureKind.NO_COMMAND), steps, []
    steps.append(_entrypoint_step(launcher, argv))
    return argv, None, steps, []


def _looked_up(image: ImageConfig, has_args: bool) -> Argv:
    entrypoint, cmd = image.entrypoint or (), image.cmd or ()
    if not entrypoint:
        return cmd
    return entrypoint if has_args else (*entrypoint, *cmd)


def _entrypoint_step(launcher: Launcher, argv: Argv) -> Step:
    return Step(
        StepKind.TEKTON_ENTRYPOINT, {"index": launcher.index, "program": argv[0].value}, ORDER
    )


def _script_argv(
    launcher: Launcher, args: Argv | None, steps: list[Step]
) -> tuple[Argv | None, Failure | None, list[Unknown]]:
    script = launcher.script or ""
    stripped = script.strip()
    field = launcher.script_path or "script"
    if stripped.startswith("#!win"):
        unknown = Unknown(UnknownKind.TEKTON_WINDOWS_SCRIPT, launcher.script_span, {"field": field})
        return None, None, [unknown]
    name = "sidecar-script" if launcher.sidecar else "script"
    path = f"{SCRIPTS_DIR}/{name}-{launcher.index}-{SUFFIX}"
    file = Arg(path, Origin.TEKTON_SCRIPT, launcher.script_span, launcher.script_path)
    unknown = Unknown(
        UnknownKind.TEKTON_SCRIPT_PATH, launcher.script_span, {"path": path, "field": field}
    )
    line = script.split("\n", 1)[0] if script.startswith("#!") else None
    interpreter = shebang(line if line is not None else "#!/bin/sh")
    if (stripped.startswith("#!") and line is None) or not interpreter:
        steps.append(Step(StepKind.TEKTON_SCRIPT, {"shebang": stripped.split("\n", 1)[0]}, SCRIPT))
        return None, Failure(FailureKind.SCRIPT_NOT_EXECUTABLE, {"field": field}), [unknown]
    steps.append(Step(StepKind.TEKTON_SCRIPT, {"shebang": line}, SCRIPT, launcher.script_span))
    words = tuple(
        Arg(word, Origin.SCRIPT_INTERPRETER, launcher.script_span, launcher.script_path)
        for word in interpreter
    )
    return (*words, file, *(args or ())), None, [unknown]


def shebang(line: str) -> tuple[str, ...]:
    """The interpreter and its one optional argument of a ``#!`` line.

    Authority: Linux ``fs/binfmt_script.c :: load_script``: after ``#!``, blanks
    (space, tab) are skipped; the interpreter runs to the next blank; the rest, with
    blanks trimmed at both ends, is one argument, however many words it holds.
    """
    rest = line[2:].rstrip("\r").strip(" \t")
    end = next((i for i, ch in enumerate(rest) if ch in " \t"), len(rest))
    interpreter, argument = rest[:end], rest[end:].strip(" \t")
    return (interpreter, argument) if argument else (interpreter,) if interpreter else ()


def tekton_variables(unknowns: Sequence[Unknown]) -> list[Unknown]:
    """``$(params.x)`` and the other Tekton variables are Tekton's to replace before
    the pod exists, not undefined kubelet variables: each becomes its own unknown.

    Authority: tektoncd/pipeline ``pkg/reconciler/taskrun/resources/apply.go ::
    ApplyParameters, ApplyContexts, ApplyWorkspaces, ApplyResults`` (the ``$(…)``
    replacements in steps and sidecars).
    """
    out = []
    for unknown in unknowns:
        name = str(unknown.params.get("name", ""))
        if unknown.kind is UnknownKind.KUBELET_VAR_UNDEFINED and name.startswith(TEKTON_ROOTS):
            unknown = replace(unknown, kind=UnknownKind.TEKTON_VARIABLE)
        out.append(unknown)
    return out
