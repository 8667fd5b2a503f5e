"""The shape a compose file must have: the checks Compose's JSON schema makes on the
fields of a file, service by service, before anything is resolved.

Authority: compose-spec/compose-go ``schema/compose-spec.json`` (the schema Compose
v2.40.3 embeds) checked by ``schema/schema.go :: Validate``, run by ``loader/loader.go
:: loadYamlFile`` on each file once it is interpolated and its ``extends`` applied
(so an ``extends`` key itself is never checked). A name starting ``x-`` is allowed in
every mapping that has fixed keys. Measured on the real binary: ``comand:`` is
"services.web additional properties 'comand' not allowed", ``command: [sleep, 10]``
is "services.web.command.1 must be a string" (docs/semantics.md §5.6).

The table below is this project's own summary of the schema's types for the keys it
knows (every service key is known, so a misspelt one is refused with the nearest
name); nested objects are checked where cmdresolve reads them.
"""

from __future__ import annotations

import re

from cmdresolve.model import InputError
from cmdresolve.model.compose import YList, YMap, YScalar
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.compose import YNode

__all__ = ["check_compose_file"]

# Kinds: "str" a string; "bool" a boolean or a string; "bool!" a boolean only; "num" a
# number or a string; "list" any list; "strs" a list of strings; "str|strs" either;
# "dict|strs" a mapping of scalars or a list of strings (list_or_dict); "cmd" null, a
# string or a list of strings; "map" any mapping; "any" anything; "strs|map" a list of
# strings or a mapping; "ports" a list of numbers, strings or mappings; "mixed" a list
# of strings or mappings; "str?" a string or null; "num|strs" a list of numbers or
# strings; and the named shapes below.
_SERVICE: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "cgroup_parent",
            "container_name",
            "cpuset",
            "domainname",
            "hostname",
            "image",
            "ipc",
            "isolation",
            "mac_address",
            "network_mode",
            "platform",
            "pull_policy",
            "pull_refresh_after",
            "restart",
            "runtime",
            "stop_grace_period",
            "stop_signal",
            "user",
            "userns_mode",
            "uts",
            "working_dir",
        ),
        "str",
    ),
    **dict.fromkeys(
        ("attach", "init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty"),
        "bool",
    ),
    "use_api_socket": "bool!",
    **dict.fromkeys(
        (
            "cpu_count",
            "cpu_percent",
            "cpu_period",
            "cpu_quota",
            "cpu_rt_period",
            "cpu_rt_runtime",
            "cpu_shares",
            "cpus",
            "mem_limit",
            "mem_reservation",
            "mem_swappiness",
            "memswap_limit",
            "oom_score_adj",
            "pids_limit",
            "scale",
            "shm_size",
        ),
        "num",
    ),
    **dict.fromkeys(
        (
            "cap_add",
            "cap_drop",
            "dns_opt",
            "external_links",
            "links",
            "security_opt",
            "volumes_from",
            "device_cgroup_rules",
            "profiles",
        ),
        "strs",
    ),
    **dict.fromkeys(("dns", "dns_search", "tmpfs"), "str|strs"),
    **dict.fromkeys(("annotations", "environment", "labels", "sysctls"), "dict|strs"),
    **dict.fromkeys(("command", "entrypoint"), "cmd"),
    **dict.fromkeys(
        (
            "blkio_config",
            "credential_spec",
            "deploy",
            "develop",
            "logging",
            "provider",
            "storage_opt",
            "ulimits",
        ),
        "map",
    ),
    **dict.fromkeys(("expose", "group_add"), "num|strs"),
    **dict.fromkeys(("configs", "secrets", "devices", "volumes"), "mixed"),
    **dict.fromkeys(("post_start", "pre_stop", "gpus"), "list"),
    **dict.fromkeys(("models", "networks"), "strs|map"),
    "extra_hosts": "any",
    "label_file": "str|strs",
    "pid": "str?",
    "cgroup": "enum:host|private",
    "ports": "ports",
    "build": "build",
    "depends_on": "depends_on",
    "env_file": "env_file",
    "healthcheck": "healthcheck",
    "extends": "any",
}
_BUILD: Mapping[str, str] = {
    **dict.fromkeys(
        ("context", "dockerfile", "dockerfile_inline", "network", "target", "isolation"), "str"
    ),
    **dict.fromkeys(("no_cache", "pull", "privileged", "provenance", "sbom"), "bool"),
    "shm_size": "num",
    **dict.fromkeys(("entitlements", "cache_from", "cache_to", "tags", "platforms"), "strs"),
    **dict.fromkeys(("args", "ssh", "labels", "additional_contexts"), "dict|strs"),
    **dict.fromkeys(("extra_hosts", "secrets", "ulimits"), "any"),
}
_HEALTHCHECK: Mapping[str, str] = {
    "disable": "bool",
    **dict.fromkeys(("interval", "timeout", "start_period", "start_interval"), "str"),
    "retries": "num",
    "test": "str|strs",
}
_DEPENDS_ON: Mapping[str, str] = {
    "restart": "bool",
    "required": "bool!",
    "condition": "enum:service_started|service_healthy|service_completed_successfully",
}
_ENV_FILE: Mapping[str, str] = {"path": "str", "required": "bool", "format": "str"}
_TOP: Mapping[str, str] = {
    "version": "str",
    "name": "str",
    "include": "list",
    "services": "map",
    **dict.fromkeys(("models", "networks", "volumes", "secrets", "configs"), "any"),
}
_NAME = re.compile(r"[a-zA-Z0-9._-]+")


def check_compose_file(tree: YMap) -> None:
    """Refuse (exit 2, at the key or value) what Compose's schema refuses in one file.

    Authority: compose-go ``schema/compose-spec.json`` (``additionalProperties: false``
    with ``patternProperties: {"^x-": {}}`` on the top level, a service, ``build``,
    ``healthcheck``, a ``depends_on`` entry and an ``env_file`` item; service names
    ``^[a-zA-Z0-9._-]+$``; the field types summarized in ``_SERVICE``), checked after
    interpolation: a value that came from a variable is cast by Compose first
    (``interpolation.go`` casts), so it passes a boolean or number type
    (docs/semantics.md §5.6).
    """
    _fields(tree, "", _TOP)
    services = tree.get("services")
    if not isinstance(services, YMap):
        return
    for name, node in services.items.items():
        if not _NAME.fullmatch(name):
            raise InputError(
                N_(
                    "services: {name!r} is not a valid service name (letters, digits, '.', "
                    "'_' and '-' only)"
                ),
                services.keys.get(name, node.span),
                name=name,
            )
        if isinstance(node, YMap):
            _fields(node, f"services.{name}", _SERVICE)


def _fields(node: YMap, path: str, table: Mapping[str, str]) -> None:
    for key, value in node.items.items():
        if key.startswith("x-"):
            continue
        where = f"{path}.{key}" if path else key
        kind = table.get(key)
        if kind is None:
            _unknown(node, key, path, table)
        else:
            _check(value, where, kind)


def _unknown(node: YMap, key: str, path: str, table: Mapping[str, str]) -> None:
    from cmdresolve.suggest import nearest

    span = node.keys.get(key, node.items[key].span)
    suggestion = nearest(key, table)
    where = path or "(top level)"
    if suggestion is None:
        raise InputError(
            N_("{path}: additional property {key!r} is not allowed"), span, path=where, key=key
        )
    raise InputError(
        N_("{path}: additional property {key!r} is not allowed; did you mean {suggestion!r}?"),
        span,
        path=where,
        key=key,
        suggestion=suggestion,
    )


def _is_str(node: YNode) -> bool:
    return isinstance(node, YScalar) and isinstance(node.value, str)


def _is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.value is None


def _cast(node: YNode) -> bool:
    """A value interpolated from a variable: Compose casts it to the field's type."""
    return isinstance(node, YScalar) and node.raw is not None


def _strings(node: YNode, path: str) -> None:
    if not isinstance(node, YList):
        raise InputError(N_("{path} must be a list"), node.span, path=path)
    for index, item in enumerate(node.items):
        if not _is_str(item):
            raise InputError(N_("{path} must be a string"), item.span, path=f"{path}.{index}")


def _check(node: YNode, path: str, kind: str) -> None:
    if kind == "any" or node.tag == "!reset":
        return
    if kind.startswith("enum:"):
        allowed = tuple(kind[5:].split("|"))
        if not (isinstance(node, YScalar) and node.value in allowed):
            raise InputError(
                N_("{path} must be one of {values}"),
                node.span,
                path=path,
                values=", ".join(repr(v) for v in allowed),
            )
    elif kind in ("str", "str?"):
        if not _is_str(node) and not (kind == "str?" and _is_null(node)):
            raise InputError(N_("{path} must be a string"), node.span, path=path)
    elif kind in ("bool", "bool!"):
        ok = isinstance(node, YScalar) and (
            isinstance(node.value, bool) or _cast(node) or (kind == "bool" and _is_str(node))
        )
        if not ok:
            raise InputError(
                N_("{path} must be a boolean")
                if kind == "bool!"
                else N_("{path} must be a boolean or a string"),
                node.span,
                path=path,
            )
    elif kind == "num":
        ok = isinstance(node, YScalar) and (
            isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool)
        )
        if not ok:
            raise InputError(N_("{path} must be a number or a string"), node.span, path=path)
    elif kind == "cmd":
        if isinstance(node, YList):
            _strings(node, path)
        elif not (_is_str(node) or _is_null(node)):
            raise InputError(
                N_("{path} must be a string or a list of strings"), node.span, path=path
            )
    elif kind == "strs":
        _strings(node, path)
    elif kind == "str|strs":
        if isinstance(node, YList):
            _strings(node, path)
        elif not _is_str(node):
            raise InputError(
                N_("{path} must be a string or a list of strings"), node.span, path=path
            )
    elif kind in ("dict|strs", "strs|map"):
        _list_or_dict(node, path, scalars=kind == "dict|strs")
    elif kind == "map":
        if not isinstance(node, YMap):
            raise InputError(N_("{path} must be a mapping"), node.span, path=path)
    else:
        _shaped(node, path, kind)


def _list_or_dict(node: YNode, path: str, scalars: bool) -> None:
    if isinstance(node, YList):
        _strings(node, path)
    elif isinstance(node, YMap):
        if scalars:
            for key, value in node.items.items():
                if not isinstance(value, YScalar):
                    raise InputError(
                        N_("{path} must be a string, number, boolean or null"),
                        value.span,
                        path=f"{path}.{key}",
                    )
    else:
        raise InputError(N_("{path} must be a mapping or a list"), node.span, path=path)


def _list(node: YNode, path: str) -> YList:
    if not isinstance(node, YList):
        raise InputError(N_("{path} must be a list"), node.span, path=path)
    return node


def _shaped(node: YNode, path: str, kind: str) -> None:
    if kind == "list":
        _list(node, path)
    elif kind in ("ports", "num|strs", "mixed"):
        for index, item in enumerate(_list(node, path).items):
            ok = (
                _is_str(item)
                or (kind != "mixed" and isinstance(item, YScalar) and _number(item))
                or (kind != "num|strs" and isinstance(item, YMap))
            )
            if not ok:
                raise InputError(
                    N_("{path} must be a string or a mapping")
                    if kind == "mixed"
                    else N_("{path} must be a number or a string"),
                    item.span,
                    path=f"{path}.{index}",
                )
    elif kind == "build":
        if isinstance(node, YMap):
            _fields(node, path, _BUILD)
        elif not _is_str(node):
            raise InputError(N_("{path} must be a string or a mapping"), node.span, path=path)
    elif kind == "healthcheck":
        if not isinstance(node, YMap):
            raise InputError(N_("{path} must be a mapping"), node.span, path=path)
        _fields(node, path, _HEALTHCHECK)
    elif kind == "depends_on":
        if isinstance(node, YList):
            _strings(node, path)
        elif isinstance(node, YMap):
            for name, entry in node.items.items():
                if not isinstance(entry, YMap):
                    raise InputError(
                        N_("{path} must be a mapping"), entry.span, path=f"{path}.{name}"
                    )
                _fields(entry, f"{path}.{name}", _DEPENDS_ON)
                if "condition" not in entry.items:
                    raise InputError(
                        N_("{path}: the property {key!r} is required"),
                        entry.span,
                        path=f"{path}.{name}",
                        key="condition",
                    )
        else:
            raise InputError(N_("{path} must be a list"), node.span, path=path)
    elif kind == "env_file":
        if _is_str(node):
            return
        for index, item in enumerate(_list(node, path).items):
            if isinstance(item, YMap):
                _fields(item, f"{path}.{index}", _ENV_FILE)
            elif not _is_str(item):
                raise InputError(
                    N_("{path} must be a string or a mapping"), item.span, path=f"{path}.{index}"
                )


def _number(node: YScalar) -> bool:
    return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
