"""Tekton's ``$(params.NAME)`` replacement, where the values are in the inputs.

A ``TaskRun`` gives its embedded task the run's ``spec.params`` over the task's
defaults; a pipeline task gives its ``taskSpec`` its own ``params`` over the defaults,
after the pipeline's values replaced in them (a ``PipelineRun``'s ``spec.params`` over
the pipeline's defaults; a ``Pipeline`` alone has none). A value that still refers to
a parameter is not known, and neither is a standalone ``Task``'s (its run decides):
those stay written, and the resolver says so. String and array values are replaced;
object values are left alone.

The replacement is one pass over the text (Go's ``strings.Replacer``): ``$(params.n)``,
``$(params["n"])`` and ``$(params['n'])`` become the string value; a command or args
item that is exactly an array parameter (``$(params.n)`` or ``$(params.n[*])``) becomes
its items; ``$(params.n[i])`` is one item.

Authority: tektoncd/pipeline ``pkg/reconciler/taskrun/resources/apply.go ::
ApplyParameters, getTaskParameters, replacementsFromDefaultParams,
replacementsFromParams`` (``paramPatterns``), ``pkg/substitution/replacements.go ::
ApplyReplacements, ApplyArrayReplacements`` and ``pkg/container :: ApplyStepReplacements``
(command and args with arrays; image, workingDir, env values, script with strings), and
``pkg/reconciler/pipelinerun/resources/apply.go :: ApplyParameters`` (pipeline task
params), at pipeline@3ee1745a (docs/semantics.md §3.9).
"""

from __future__ import annotations

from cmdresolve.model import InputError, Note, NoteKind
from cmdresolve.model.frozen import replace
from cmdresolve.model.kubernetes import EnvVar, KubeContainer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from cmdresolve.model import Arg
    from cmdresolve.sources.kubernetes.json_reader import JsonReader
    from cmdresolve.sources.kubernetes.yaml_reader import YamlReader

    _Reader = YamlReader | JsonReader

__all__ = ["ParamValues", "apply_params", "read_params"]

PATTERNS = ("params.{}", 'params["{}"]', "params['{}']")


class ParamValues:
    """The replacements of one task: ``$(KEY)`` text, and whole-item arrays."""

    __slots__ = ("arrays", "sources", "strings")

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.arrays: dict[str, tuple[str, ...]] = {}
        self.sources: dict[str, str] = {}  # key -> where the value was written

    def put(self, name: str, value: str | tuple[str, ...], source: str) -> None:
        for pattern in PATTERNS:
            key = pattern.format(name)
            self.sources[key] = source
            if isinstance(value, str):
                self.strings[key] = value
                self.arrays.pop(key, None)
                continue
            self.arrays[key] = value
            self.strings.pop(key, None)
            for index, item in enumerate(value):
                self.strings[f"{key}[{index}]"] = item
                self.sources[f"{key}[{index}]"] = source

    def drop(self, name: str) -> None:
        """A value that is not known: the default must not stand in for it."""
        for pattern in PATTERNS:
            key = pattern.format(name)
            self.strings.pop(key, None)
            self.arrays.pop(key, None)

    def replace_text(self, text: str) -> tuple[str, tuple[str, ...]]:
        """(text with the known ``$(KEY)`` replaced in one pass, the keys replaced)."""
        if "$(" not in text or not self.strings:
            return text, ()
        out: list[str] = []
        used: list[str] = []
        position = 0
        start = text.find("$(")
        while start != -1:
            end = text.find(")", start + 2)
            if end == -1:
                break
            key = text[start + 2 : end]
            if key in self.strings:
                out += (text[position:start], self.strings[key])
                used.append(key)
                position = end + 1
                start = text.find("$(", position)
            else:
                start = text.find("$(", start + 1)
        out.append(text[position:])
        return "".join(out), tuple(used)


def read_params(
    r: _Reader, node: Any, path: str, field: str, values: ParamValues, outer: ParamValues | None
) -> None:
    """Each entry of a ``params`` list into ``values`` (``field``: ``value`` or
    ``default``); ``outer`` replaces in the values first (a pipeline's)."""
    for index, item in enumerate(r.sequence(node, path) or ()):
        where = f"{path}[{index}]"
        entry = r.mapping(item, where, item=True) or {}
        name = r.string(entry.get("name"), where + ".name")
        if not name:
            continue
        value = _value(r, entry.get(field), f"{where}.{field}")
        if isinstance(value, str) and outer is not None:
            value = outer.replace_text(value)[0]
        if value is None or _refers(value):
            values.drop(name)
            continue
        values.put(name, value, f"{where}.{field}")


def _value(r: _Reader, node: Any, path: str) -> str | tuple[str, ...] | None:
    """A string or a list of strings; None for an object, an absent value or one the
    API would not take as either (left to Tekton's own validation)."""
    try:
        items = r.sequence(node, path)
        if items is not None:
            return tuple(
                r.string(item, f"{path}[{i}]", item=True) or "" for i, item in enumerate(items)
            )
    except InputError:
        pass
    try:
        return r.string(node, path)
    except InputError:
        return None


def _refers(value: str | tuple[str, ...]) -> bool:
    texts = (value,) if isinstance(value, str) else value
    return any("$(params." in text or "$(params[" in text for text in texts)


def apply_params(container: KubeContainer, values: ParamValues) -> KubeContainer:
    """The step or sidecar with the known parameters replaced, as Tekton does before
    the pod exists; each replaced item notes where its value came from."""
    if not values.strings and not values.arrays:
        return container
    launcher = container.launcher
    if launcher is not None and launcher.script is not None:
        launcher = replace(launcher, script=values.replace_text(launcher.script)[0])
    return replace(
        container,
        image=None if container.image is None else values.replace_text(container.image)[0],
        command=_items(container.command, values),
        args=_items(container.args, values),
        env=tuple(_env(var, values) for var in container.env),
        working_dir=None
        if container.working_dir is None
        else values.replace_text(container.working_dir)[0],
        launcher=launcher,
    )


def _items(items: tuple[Arg, ...] | None, values: ParamValues) -> tuple[Arg, ...] | None:
    if items is None:
        return None
    out: list[Arg] = []
    for item in items:
        whole = item.value[2:-1] if item.value.startswith("$(") and item.value.endswith(")") else ""
        array = values.arrays.get(whole.removesuffix("[*]"))
        if array is not None:
            note = _note((whole.removesuffix("[*]"),), values)
            out.extend(replace(item, value=v, notes=(*item.notes, note)) for v in array)
            continue
        text, used = values.replace_text(item.value)
        if used:
            item = replace(item, value=text, notes=(*item.notes, _note(used, values)))
        out.append(item)
    return tuple(out)


def _note(keys: tuple[str, ...], values: ParamValues) -> Note:
    sources = tuple(values.sources.get(key, "") for key in keys)
    return Note(NoteKind.EXPANDED, {"names": keys, "sources": sources})


def _env(var: EnvVar, values: ParamValues) -> EnvVar:
    if not var.value:
        return var
    return replace(var, value=values.replace_text(var.value)[0])
