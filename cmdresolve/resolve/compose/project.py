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
from cmdresolve.resolve.compose.interpolate import (
    InterpolationError,
    interpolate_compose,
    interpolation_error,
)
from cmdresolve.resolve.compose.merge import merge_compose, normalize_environment, strip_resets
from cmdresolve.resolve.compose.schema import check_compose_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cmdresolve.model.compose import YNode

    Reader = Callable[[str], list[YMap]]
    EnvReader = Callable[[list[str], Mapping[str, str]], Mapping[str, str]]

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
    read_env: EnvReader | None = None,
    directory: str | None = None,
    project_name: str | None = None,
) -> ComposeProject:
    """The project ``docker compose -f files[0] -f files[1] …`` loads.

    ``environ`` is the interpolation environment (the process environment over the
    project's ``.env``). Authority: compose-go ``loadYamlModel``: each file is read,
    interpolated and its ``include`` and ``extends`` applied, then merged over the
    files before it (``override.Merge``).
    """
    loader = _Loader(read, environ, read_env)
    merged: YMap | None = None
    for path in files:
        tree = loader.file(path)
        # A !reset in the first file removes its value too (nothing is under it).
        merged = _as_map(strip_resets(tree) if merged is None else merge_compose(merged, tree))
    assert merged is not None
    directory = directory or os.path.dirname(os.path.abspath(files[0]))
    # -p, then COMPOSE_PROJECT_NAME, then `name:`, then the directory (compose-go
    # ``cli/options.go :: WithName``, ``loader/loader.go :: projectName``).
    name = (
        project_name
        or environ.get("COMPOSE_PROJECT_NAME")
        or _name(merged)
        or os.path.basename(directory)
    )
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
    def __init__(
        self, read: Reader, environ: Mapping[str, str], read_env: EnvReader | None = None
    ) -> None:
        self.read = read
        self.environ = environ
        self.read_env = read_env
        self.files: dict[str, YMap] = {}
        self.loading: list[str] = []

    def file(
        self, path: str, environ: Mapping[str, str] | None = None, own_dir: str | None = None
    ) -> YMap:
        """One file, each of its documents interpolated, included, extended and
        checked, then merged over the documents before it.

        ``own_dir``: the directory the file's relative paths are resolved against
        when it is not one of the project's ``-f`` files (an included or extended
        file); the paths are then made absolute here, as compose-go does
        (``loader/extends.go``: ``paths.ResolveRelativePaths`` with the other file's
        directory; ``loader/include.go``: the included project's own directory),
        docs/semantics.md §5.7. A multi-document file is merged document by document
        as override files are (``loader/loader.go :: loadYamlFile``, measured).
        """
        key = os.path.abspath(path)
        if key in self.files:
            return self.files[key]
        if key in self.loading:
            raise InputError(N_("include cycle: {path} includes itself"), Span(path), path=path)
        self.loading.append(key)
        env = self.environ if environ is None else environ
        merged: YMap | None = None
        try:
            for document in self.read(path):
                tree = _as_map(self.interpolate(document, "", env))
                if own_dir is not None:
                    tree = _absolute_paths(tree, own_dir)
                tree = self.include(tree, path, env)
                tree = self.extends(tree, path)
                check_compose_file(tree)
                merged = tree if merged is None else _as_map(merge_compose(merged, tree))
        finally:
            self.loading.pop()
        assert merged is not None
        self.files[key] = merged
        return merged

    def interpolate(self, node: YNode, path: str, env: Mapping[str, str]) -> YNode:
        """Authority: compose-go ``interpolation/interpolation.go :: Interpolate``:
        every string value (not the keys) is substituted."""
        if isinstance(node, YMap):
            items = {
                k: self.interpolate(v, f"{path}.{k}" if path else k, env)
                for k, v in node.items.items()
            }
            return replace(node, items=items)
        if isinstance(node, YList):
            listed = tuple(
                self.interpolate(v, f"{path}[{i}]", env) for i, v in enumerate(node.items)
            )
            return replace(node, items=listed)
        if not isinstance(node.value, str) or "$" not in node.value:
            return node
        try:
            done = interpolate_compose(node.value, env.get)
        except InterpolationError as exc:
            raise interpolation_error(exc, node.span, path) from None
        return replace(node, value=done.value, uses=done.uses, raw=node.value)

    def include(self, tree: YMap, path: str, env: Mapping[str, str]) -> YMap:
        """Authority: compose-go ``loader/include.go :: ApplyInclude``: each included
        file's services join the project; a service defined twice is an error. The
        included files are a project of their own: relative paths are resolved against
        its ``project_directory`` (by default the first included file's directory), and
        they are interpolated with its ``env_file`` (by default that directory's
        ``.env``) under the including project's environment, which wins
        (``Mapping.Merge`` keeps a name already set; measured, docs/semantics.md §5.7).
        """
        node = tree.get("include")
        if node is None:
            return tree
        items: tuple[YNode, ...] = node.items if isinstance(node, YList) else (node,)
        services = dict(_as_map(tree.get("services")).items)
        base = os.path.dirname(os.path.abspath(path))
        for item in items:
            targets = _include_paths(item)
            directory = _include_option(item, "project_directory")
            root = os.path.join(base, directory[0] if directory else os.path.dirname(targets[0]))
            sub_env = self.include_env(item, base, root, env)
            for target in targets:
                named = _named(base, target, "include", item.span)
                other = self.file(named, sub_env, os.path.normpath(root))
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
        mine = tree.get("services")
        items_out["services"] = YMap(services, None if mine is None else mine.span)
        return replace(tree, items=items_out)

    def include_env(
        self, item: YNode, base: str, own: str, env: Mapping[str, str]
    ) -> Mapping[str, str]:
        files = [os.path.join(base, f) for f in _include_option(item, "env_file")]
        if not files and os.path.isfile(os.path.join(own, ".env")):
            files = [os.path.join(own, ".env")]
        if not files or self.read_env is None:
            return env
        return {**self.read_env(files, env), **env}

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
            other = _named(os.path.dirname(path), file, f"services.{name}.extends.file", where)
            own = os.path.dirname(os.path.abspath(other))
            pool = _as_map(self.file(other, None, own).get("services"))
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


def _absolute_paths(tree: YMap, directory: str) -> YMap:
    """The services' ``build`` contexts and ``env_file`` paths made absolute against
    ``directory`` (compose-go ``loader/paths.go :: ResolveRelativePaths``;
    docs/semantics.md §5.7)."""
    services = tree.get("services")
    if not isinstance(services, YMap):
        return tree
    done: dict[str, YNode] = {}
    for name, node in services.items.items():
        if isinstance(node, YMap):
            items = dict(node.items)
            if "build" in items:
                items["build"] = _absolute_build(items["build"], directory)
            if "env_file" in items:
                items["env_file"] = _absolute_env_files(items["env_file"], directory)
            node = replace(node, items=items)
        done[name] = node
    return replace(tree, items={**tree.items, "services": replace(services, items=done)})


def _absolute(node: YNode, directory: str) -> YNode:
    if isinstance(node, YScalar) and isinstance(node.value, str):
        text = node.value
        if "://" in text or text.startswith("git@"):
            return node
        return replace(node, value=os.path.normpath(os.path.join(directory, text)))
    return node


def _absolute_build(node: YNode, directory: str) -> YNode:
    if isinstance(node, YScalar):
        return _absolute(node, directory)
    if isinstance(node, YMap):
        context = node.get("context") or YScalar(".", node.span)
        return replace(node, items={**node.items, "context": _absolute(context, directory)})
    return node


def _absolute_env_files(node: YNode, directory: str) -> YNode:
    if isinstance(node, YList):
        return replace(node, items=tuple(_absolute_env_files(i, directory) for i in node.items))
    if isinstance(node, YMap) and "path" in node.items:
        return replace(node, items={**node.items, "path": _absolute(node.items["path"], directory)})
    return _absolute(node, directory)


def _include_option(item: YNode, key: str) -> list[str]:
    if not isinstance(item, YMap):
        return []
    node = item.get(key)
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, YList):
        return [str(i.value) for i in node.items if isinstance(i, YScalar)]
    return []


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


