"""Shell scripts a container runs: where the script is in an argv, which shell runs it,
its simple commands and what ends as PID 1 (docs/semantics.md §10).

:func:`read_script` is the entry point: it finds ``sh -c SCRIPT`` (``bash -c``, ``ash``,
``dash``, ``busybox sh``, with option clusters such as ``-ec``) at the start of an argv,
a shell-form CMD or ENTRYPOINT included (the build wraps it in ``SHELL``), and reads
the script with :func:`cmdresolve.resolve.shell.parser.parse`.
"""

from __future__ import annotations

import posixpath

from cmdresolve.model.script import Pid1, Script, ShellKind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from cmdresolve.model import Resolution

__all__ = ["find_script", "image_shell", "read_script", "shell_of_name", "with_script"]

# The argv[0] basenames that are shells, and which shell each is (``sh``: what /bin/sh is).
_NAMED = {"bash": ShellKind.BASH, "dash": ShellKind.DASH, "ash": ShellKind.BUSYBOX}
_SHELLS = frozenset(("sh", "bash", "dash", "ash"))
# What /bin/sh may be when the image does not say: the two families of official images.
UNKNOWN_SH = (ShellKind.BUSYBOX, ShellKind.DASH)


def shell_of_name(name: str) -> ShellKind | None:
    """The shell an argv[0] names by itself (None for ``sh``: it depends on the image)."""
    return _NAMED.get(posixpath.basename(name))


def find_script(argv: Sequence[str]) -> tuple[int, str] | None:
    """``(index of the script, the shell's name)`` when ``argv`` is a shell given a ``-c``
    script (docs/semantics.md §11, :func:`cmdresolve.resolve.launchers.shell_script`);
    None otherwise. ``busybox sh`` gives ``busybox``. A shell behind an init wrapper
    (``tini -- sh -c``) is not PID 1 and is not read here; nor are zsh, ksh and mksh,
    whose PID 1 handling was not measured.
    """
    from cmdresolve.resolve.launchers import program_name, shell_script

    index = shell_script(argv) if argv else None
    if index is None:
        return None
    name = program_name(argv[0])
    if name == "busybox":
        return index, "busybox"
    return (index, name) if name in _SHELLS else None


def read_script(
    argv: Sequence[str], sh: ShellKind | None, sh_source: str | None = None
) -> Script | None:
    """The script ``argv`` runs, read; None when ``argv`` runs no ``-c`` script.

    ``sh`` is what ``/bin/sh`` is in the image (None when not known); ``sh_source`` says
    where that was read (``catalog``, ``config``).
    """
    found = find_script(argv)
    if found is None:
        return None
    index, name = found
    if name == "busybox":
        shell: ShellKind | None = ShellKind.BUSYBOX
        source: str | None = "argv"
    elif name == "sh":
        shell, source = sh, sh_source if sh is not None else None
    else:
        shell, source = _NAMED[name], "argv"
    from cmdresolve.resolve.shell.parser import parse
    from cmdresolve.resolve.shell.pid1 import pid1

    dialect = shell if shell is not None else ShellKind.DASH
    parsed = parse(argv[index], dialect)
    shells = (shell,) if shell is not None else UNKNOWN_SH
    outcomes: tuple[Pid1, ...] = tuple(pid1(parsed, s) for s in shells)
    return Script(
        index=index,
        shell=shell,
        dialect=dialect,
        commands=parsed.commands,
        pid1=outcomes,
        error=parsed.error,
        functions=parsed.functions,
        shell_source=source,
    )


def image_shell(
    image: str | None, configured: Mapping[str, str] | None = None
) -> tuple[ShellKind | None, str | None]:
    """What ``/bin/sh`` is in ``image`` and where that was read: the config's
    ``[images."REF"] sh`` first, then the catalog (``data/shells.json``)."""
    if image is None:
        return None, None
    if configured and image in configured:
        return ShellKind(configured[image]), "config"
    from cmdresolve.sources.image.shells import image_sh

    sh = image_sh(image)
    return sh, None if sh is None else "catalog"


def _image_ref(result: Resolution) -> str | None:
    """The reference whose ``/bin/sh`` counts: the image itself, or, for an image built
    from a Dockerfile, the catalogued image its final stage is ``FROM`` (None when that
    stage is built on another stage or on an image not catalogued)."""
    from cmdresolve.model import SourceKind, StepKind

    config = result.image_config
    if config is None or config.source.kind is not SourceKind.STAGE:
        return result.image
    base = None
    for step in result.steps:
        if step.kind is StepKind.DOCKERFILE_FROM:
            base = step.params
    if base is None:
        return None
    source = base.get("source")
    image = base.get("image")
    kind = getattr(source, "kind", None)
    return image if kind is SourceKind.CATALOG and isinstance(image, str) else None


def with_script(result: Resolution, configured: Mapping[str, str] | None = None) -> Resolution:
    """``result`` with the ``-c`` scripts of its argv and of its processes read (itself
    when none runs a script)."""
    from cmdresolve.model.frozen import replace

    sh: ShellKind | None = None
    source: str | None = None
    looked = False
    script = None
    values = result.values
    if values and "argv" not in result.incomplete and find_script(values) is not None:
        sh, source = image_shell(_image_ref(result), configured)
        looked = True
        script = read_script(values, sh, source)
    processes = result.processes
    any_process = False
    if processes:
        changed = []
        for process in processes:
            argv = process.argv
            found = None
            if argv and process.runs:
                words = tuple(a.value for a in argv)
                if find_script(words) is not None:
                    if not looked:
                        sh, source = image_shell(_image_ref(result), configured)
                        looked = True
                    found = read_script(words, sh, source)
            any_process = any_process or found is not None
            changed.append(process if found is None else replace(process, script=found))
        processes = tuple(changed)
    if script is None and not any_process:
        return result
    return replace(result, script=script, processes=processes)
