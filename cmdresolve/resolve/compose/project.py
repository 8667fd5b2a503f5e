"""A compose project from its files: each file interpolated, its ``include`` and
``extends`` applied, the files merged in order, and the services it runs.

Authority: compose-spec/compose-go ``loader/loader.go :: loadYamlModel,
loadYamlFile`` (each file interpolated, then merged over the ones before),
``loader/include.go :: ApplyInclude``, ``loader/extends.go :: applyServiceExtends``,
``cli/options.go :: WithDotEnv, WithDefaultProfiles`` and ``loader/loader.go ::
projectName, NormalizeProjectName`` @ e70e961c (docs/semantics.md §12.1, §12.2).
"""

from __future__ import annotations

import os
import re

from cmdresolve.model import InputError, Span
from cmdresolve.model.compose import YList, YMap, YScalar
from cmdresolve.model.facts import N_
from cmdresolve.model.frozen import record, replace
from cmdresolve.resolve.compose.interpolate import InterpolationError, interpolate_compose
from cmdresolve.resolve.compose.merge import merge_compose, normalize_environment, strip_resets
from cmdresolve.resolve.compose.schema import check_compose_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.model.compose import YNode

    Reader = Callable[[str], YMap]

__all__ = ["ComposeProject", "load_compose_project", "normalize_project_name"]


@record
class ComposeProject:
    """The merged model: its name, the services in file order, the active profiles,
    and the environment interpolation read (``where`` says where each name came from:
    a ``.env`` line, or the process environment)."""

    name: str
    directory: str
    services: YMap
    environ: Mapping[str, str]
    where: Mapping[str, str]
    profiles: frozenset[str]


def normalize_project_name(name: str) -> str:
    """Authority: compose-go ``NormalizeProjectName``: lower case, only ``a-z0-9_-``
    kept, leading ``_`` and ``-`` removed."""
    return "".join(re.findall(r"[a-z0-9_-]", name.lower())).lstrip("_-")


def load_compose_project(
    files: list[str],
    read: Reader,
    environ: Mapping[str, str],
    where: Mapping[str, str],
    profiles: tuple[str, ...] = (),
) -> ComposeProject:
    """The project ``docker compose -f files[0] -f files[1] …`` loads.

    ``environ`` is the interpolation environment (the process environment over the
    project's ``.env``). Authority: compose-go ``loadYamlModel``: each file is read,
    interpolated and its ``include`` and ``extends`` applied, then merged over the
    files before it (``override.Merge``).
    """
    loader = _Loader(read, environ)
    merged: YMap | None = None
    for path in files:
        tree = loader.file(path)
        # A !reset in the first file removes its value too (nothing is under it).
        merged = _as_map(strip_resets(tree) if merged is None else merge_compose(merged, tree))
    assert merged is not None
    directory = os.path.dirname(os.path.abspath(files[0]))
    name = environ.get("COMPOSE_PROJECT_NAME") or _name(merged) or os.path.basename(directory)
    active = profiles or tuple(p for p in environ.get("COMPOSE_PROFILES", "").split(",") if p)
    services = merged.get("services")
    return ComposeProject(
        normalize_project_name(name),
        directory,
        services if isinstance(services, YMap) else YMap(),
        environ,
        where,
        frozenset(active),
    )


def _name(tree: YMap) -> str:
    node = tree.get("name")
    return str(node.value) if isinstance(node, YScalar) and node.value is not None else ""


def _as_map(node: YNode | None) -> YMap:
    return node if isinstance(node, YMap) else YMap()


class _Loader:
    def __init__(self, read: Reader, environ: Mapping[str, str]) -> None:
        self.read = read
        self.environ = environ
        self.files: dict[str, YMap] = {}
        self.loading: list[str] = []

    def file(self, path: str) -> YMap:
        key = os.path.abspath(path)
        if key in self.files:
            return self.files[key]
        if key in self.loading:
            raise InputError(N_("include cycle: {path} includes itself"), Span(path), path=path)
        self.loading.append(key)
        try:
            tree = _as_map(self.interpolate(self.read(path), ""))
            tree = self.include(tree, path)
            tree = self.extends(tree, path)
            check_compose_file(tree)
        finally:
            self.loading.pop()
        self.files[key] = tree
        return tree

    def interpolate(self, node: YNode, path: str) -> YNode:
        """Authority: compose-go ``interpolation/interpolation.go :: Interpolate``:
        every string value (not the keys) is substituted."""
        if isinstance(node, YMap):
            items = {
                k: self.interpolate(v, f"{path}.{k}" if path else k) for k, v in node.items.items()
            }
            return replace(node, items=items)
        if isinstance(node, YList):
            listed = tuple(self.interpolate(v, f"{path}[{i}]") for i, v in enumerate(node.items))
            return replace(node, items=listed)
        if not isinstance(node.value, str) or "$" not in node.value:
            return node
        try:
            done = interpolate_compose(node.value, self.environ.get)
        except InterpolationError as exc:
            raise _interpolation_error(exc, path, node) from None
        return replace(node, value=done.value, uses=done.uses, raw=node.value)

    def include(self, tree: YMap, path: str) -> YMap:
        """Authority: compose-go ``loader/include.go :: ApplyInclude``: each included
        file's services join the project; a service defined twice is an error."""
        node = tree.get("include")
        if node is None:
            return tree
        items: tuple[YNode, ...] = node.items if isinstance(node, YList) else (node,)
        services = dict(_as_map(tree.get("services")).items)
        base = os.path.dirname(path)
        for item in items:
            for target in _include_paths(item):
                other = self.file(_named(base, target, "include", item.span))
                for name, value in _as_map(other.get("services")).items.items():
                    if name in services:
                        raise InputError(
                            N_("services.{name} conflicts with the service included from {file}"),
                            value.span,
                            name=name,
                            file=target,
                        )
                    services[name] = value
        items_out = {k: v for k, v in tree.items.items() if k != "include"}
        own = tree.get("services")
        items_out["services"] = YMap(services, None if own is None else own.span)
        return replace(tree, items=items_out)

    def extends(self, tree: YMap, path: str) -> YMap:
        services = _as_map(tree.get("services"))
        done = {name: self.service(services, name, path, ()) for name in services.items}
        return replace(tree, items={**tree.items, "services": replace(services, items=done)})

    def service(self, services: YMap, name: str, path: str, chain: tuple[str, ...]) -> YNode:
        """Authority: compose-go ``loader/extends.go :: applyServiceExtends``: the base
        service (itself extended first) with this service merged over it."""
        node = services.get(name)
        if not isinstance(node, YMap):
            return node if node is not None else YMap()
        node = _normalized(node)
        ref = node.get("extends")
        if ref is None:
            return node
        target, file = _extends_target(ref, name)
        key = f"{os.path.abspath(file or path)}:{target}"
        if key in chain:
            raise InputError(N_("services.{name}.extends: circular reference"), ref.span, name=name)
        pool, pool_path = services, path
        if file is not None:
            pool_path = os.path.join(os.path.dirname(path), file)
            named = ref.get("file") if isinstance(ref, YMap) else None
            where = named.span if named is not None else ref.span
            pool = _as_map(
                self.file(
                    _named(os.path.dirname(path), file, f"services.{name}.extends.file", where)
                ).get("services")
            )
        if target not in pool.items:
            raise InputError(
                N_("services.{name}.extends: service {target!r} not found in {file}"),
                ref.span,
                name=name,
                target=target,
                file=file or path,
            )
        base = self.service(pool, target, pool_path, (*chain, key))
        child = replace(node, items={k: v for k, v in node.items.items() if k != "extends"})
        return _as_map(merge_compose(base, child))


def _named(base: str, name: str, path: str, span: Span | None) -> str:
    """The file ``name`` (relative to ``base``) when it exists; else the error is the
    compose file's, at the line that names it (Compose: "open …: no such file or
    directory"; docs/semantics.md §5.6)."""
    target = os.path.join(base, name)
    if not os.path.exists(target):
        raise InputError(
            N_("{path}: {file}: no such file or directory"), span, path=path, file=name
        )
    return target


def _normalized(node: YMap) -> YMap:
    items = dict(node.items)
    if "environment" in items:
        items["environment"] = normalize_environment(items["environment"])
    build = items.get("build")
    if isinstance(build, YScalar) and isinstance(build.value, str):
        items["build"] = YMap({"context": build}, build.span, build.tag)
    elif isinstance(build, YMap) and "args" in build.items:
        args = normalize_environment(build.items["args"])
        items["build"] = replace(build, items={**build.items, "args": args})
    return replace(node, items=items)


def _include_paths(item: YNode) -> list[str]:
    if isinstance(item, YScalar) and isinstance(item.value, str):
        return [item.value]
    if isinstance(item, YMap):
        paths = item.get("path")
        if isinstance(paths, YScalar) and isinstance(paths.value, str):
            return [paths.value]
        if isinstance(paths, YList):
            return [str(p.value) for p in paths.items if isinstance(p, YScalar)]
    raise InputError(N_("include: each item must be a path or a mapping with path"), item.span)


def _extends_target(ref: YNode, name: str) -> tuple[str, str | None]:
    if isinstance(ref, YScalar) and isinstance(ref.value, str):
        return ref.value, None
    if isinstance(ref, YMap):
        service, file = ref.get("service"), ref.get("file")
        if isinstance(service, YScalar) and isinstance(service.value, str):
            other = file.value if isinstance(file, YScalar) and file.value else None
            return service.value, None if other is None else str(other)
    raise InputError(N_("services.{name}.extends: service is required"), ref.span, name=name)


def _interpolation_error(exc: InterpolationError, path: str, node: YScalar) -> InputError:
    if exc.kind == "required":
        if exc.reason:
            template = N_("{path}: required variable {name} is missing a value: {reason}")
        else:
            template = N_("{path}: required variable {name} is missing a value")
        return InputError(template, node.span, path=path, name=exc.name, reason=exc.reason)
    return InputError(
        N_("{path}: invalid interpolation format: {text!r}"), node.span, path=path, text=exc.text
    )
