"""Every ``InputError`` under ``cmdresolve/sources`` takes its template from ``N_("...")``.

The catalog's ``.pot`` is extracted from ``N_`` literals, so a message built with an
f-string, ``+`` or ``%`` would never be translated. Accepted as a template:

* ``N_("literal")`` at the call, or a module-level name bound to one;
* a subscript of a module-level dict or tuple whose values are all ``N_`` literals;
* ``a if cond else b`` where both branches are accepted;
* ``exc.template`` passed on together with ``**exc.params`` (a re-raise with a new span);
* a local name bound only to such literals, or unpacked (``template, params = f(...)``)
  from a helper whose every ``return`` is ``(N_("literal"), params)``.

A function that hands one of its own parameters to ``InputError`` as the template (a
*forwarder*, such as ``run_error``) is checked at its call sites instead, by the same
rules. The fields of a literal template must be given as keyword arguments.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import cmdresolve

SOURCES = Path(cmdresolve.__file__).parent / "sources"
_ERRORS = {"InputError"}


def _is_n(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


class _Module:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.constants: dict[str, list[str]] = {}  # name -> the literals it can hold
        for stmt in self.tree.body:
            targets, value = _assignment(stmt)
            if value is None:
                continue
            literals = _literals(value)
            if literals is not None:
                for target in targets:
                    self.constants[target] = literals

    def templates(
        self, node: ast.AST, call: ast.Call, function: ast.AST | None = None
    ) -> list[str] | None:
        """The literal templates ``node`` can be, or None when it is not a catalog entry."""
        if _is_n(node):
            return [node.args[0].value]  # type: ignore[attr-defined]
        if isinstance(node, ast.Name):
            local = _local_literals(function, node.id) if function is not None else None
            return local if local is not None else self.constants.get(node.id)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            return self.constants.get(node.value.id)
        if isinstance(node, ast.IfExp):
            body = self.templates(node.body, call, function)
            orelse = self.templates(node.orelse, call, function)
            return None if body is None or orelse is None else body + orelse
        if isinstance(node, ast.Attribute) and node.attr == "template":
            owner = ast.unparse(node.value)
            passed = [k for k in call.keywords if k.arg is None]
            if any(ast.unparse(k.value) == f"{owner}.params" for k in passed):
                return []
        return None


_HELPERS: dict[str, list[str]] = {}  # function -> literals of its (template, params) returns


def _helper_literals(function: ast.FunctionDef) -> list[str] | None:
    found = []
    for node in ast.walk(function):
        if isinstance(node, ast.Return):
            value = node.value
            if not (isinstance(value, ast.Tuple) and len(value.elts) == 2 and _is_n(value.elts[0])):
                return None
            found.append(value.elts[0].args[0].value)  # type: ignore[attr-defined]
    return found or None


def _local_literals(function: ast.AST, name: str) -> list[str] | None:
    """The literals of a local name when every assignment to it is an accepted literal."""
    found: list[str] = []
    for node in ast.walk(function):
        if not isinstance(node, (ast.Assign, ast.AnnAssign)):
            continue
        targets, value = _assignment(node)
        unpacked = [
            t for t in getattr(node, "targets", []) if isinstance(t, ast.Tuple) and t.elts
        ]
        if name in targets:
            if value is None or not _is_n(value):
                return None
            found.append(value.args[0].value)  # type: ignore[attr-defined]
        for target in unpacked:
            if any(isinstance(e, ast.Name) and e.id == name for e in target.elts):
                first = target.elts[0]
                helper = _called(value) if isinstance(value, ast.Call) else None
                if not (isinstance(first, ast.Name) and first.id == name) or helper is None:
                    return None
                if helper not in _HELPERS:
                    return None
                found.extend(_HELPERS[helper])
    return found or None


def _assignment(stmt: ast.stmt) -> tuple[list[str], ast.expr | None]:
    if isinstance(stmt, ast.Assign):
        return [t.id for t in stmt.targets if isinstance(t, ast.Name)], stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return [stmt.target.id], stmt.value
    return [], None


def _literals(value: ast.expr) -> list[str] | None:
    if _is_n(value):
        return [value.args[0].value]  # type: ignore[attr-defined]
    if isinstance(value, ast.Dict):
        items: list[ast.expr] = list(value.values)
    elif isinstance(value, (ast.Tuple, ast.List)):
        items = list(value.elts)
    else:
        return None
    if items and all(_is_n(item) for item in items):
        return [item.args[0].value for item in items]  # type: ignore[attr-defined]
    return None


def _fields(template: str) -> set[str]:
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def _modules() -> list[_Module]:
    modules = [_Module(path) for path in sorted(SOURCES.rglob("*.py"))]
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef):
                literals = _helper_literals(node)
                if literals is not None:
                    _HELPERS[node.name] = literals
    by_name = {
        ".".join(m.path.relative_to(SOURCES.parent.parent).with_suffix("").parts): m
        for m in modules
    }
    for module in modules:  # constants imported from another module of ours
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.module in by_name:
                other = by_name[node.module].constants
                for alias in node.names:
                    if alias.name in other:
                        module.constants[alias.asname or alias.name] = other[alias.name]
    return modules


def _error_classes(modules: list[_Module]) -> set[str]:
    names = set(_ERRORS)
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else None for b in node.bases}
                if bases & _ERRORS:
                    names.add(node.name)
    return names


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def _template_arg(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[position]
    for k in call.keywords:
        if k.arg == keyword:
            return k.value
    return None


def problems(modules: list[_Module] | None = None) -> list[str]:
    """Every construction whose template the catalog cannot see, as ``file:line: why``."""
    modules = _modules() if modules is None else modules
    # callee name -> (position of the template argument, its keyword, the fields it fills,
    # whether leaving the template out takes an accepted default)
    callees: dict[str, tuple[int, str, set[str], bool]] = {
        name: (0, "template", set(), False) for name in _error_classes(modules)
    }
    found: list[str] = []
    changed = True
    while changed:  # forwarders of forwarders
        changed = False
        found = []
        for module in modules:
            parents = _parents(module.tree)
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call) or _called(node) not in callees:
                    continue
                position, keyword, known, defaulted = callees[_called(node)]  # type: ignore[index]
                where = f"{module.path.relative_to(SOURCES.parent.parent)}:{node.lineno}"
                arg = _template_arg(node, position, keyword)
                if arg is None:
                    if not defaulted:
                        found.append(f"{where}: no template argument")
                    continue
                function = _enclosing_function(node, parents)
                templates = module.templates(arg, node, function)
                if templates is not None:
                    found.extend(_field_problems(where, templates, node, known))
                    continue
                if isinstance(arg, ast.Name) and isinstance(function, ast.FunctionDef):
                    params = [a.arg for a in function.args.args + function.args.kwonlyargs]
                    if arg.id in params:
                        name = function.name
                        skip = 1 if params and params[0] == "self" else 0
                        index = params.index(arg.id) - skip
                        given = {k.arg for k in node.keywords if k.arg} | set(params) | known
                        positional = [a.arg for a in function.args.args]
                        defaults = dict(zip(positional[::-1], function.args.defaults[::-1]))
                        default = defaults.get(arg.id)
                        ok = default is not None and module.templates(default, node) is not None
                        old = callees.get(name)
                        if old is None or not given <= old[2]:  # same-named ones add up
                            known_all = given | (old[2] if old else set())
                            callees[name] = (index, arg.id, known_all, ok)
                            changed = True
                        continue
                found.append(f"{where}: template is not N_(...): {ast.unparse(arg)[:70]}")
    return found


def _field_problems(where: str, templates: list[str], call: ast.Call, known: set[str]) -> list[str]:
    if any(k.arg is None for k in call.keywords):
        return []  # **params: checked where they were made
    given = {k.arg for k in call.keywords} | known
    out = []
    for template in templates:
        fields = _fields(template)
        if not fields and ("{" in template or "}" in template):
            out.append(f"{where}: braces in a template with no fields: {template!r}")
        missing = fields - given
        if missing:
            out.append(f"{where}: no value for {sorted(missing)} in {template!r}")
    return out


def test_every_input_error_template_is_a_catalog_literal() -> None:
    assert problems() == []


def _check(source: str) -> list[str]:
    path = SOURCES / "probe.py"
    module = _Module.__new__(_Module)
    module.path = path
    module.tree = ast.parse(source)
    module.constants = {}
    for stmt in module.tree.body:
        targets, value = _assignment(stmt)
        literals = None if value is None else _literals(value)
        if literals is not None:
            module.constants.update(dict.fromkeys(targets, literals))
    return problems([module])


def test_the_check_refuses_built_text() -> None:
    assert len(_check('raise InputError(f"unknown flag: {name}", span)')) == 1
    assert len(_check('raise InputError("unknown " + name, span)')) == 1
    assert len(_check('raise InputError("unknown %s" % name, span)')) == 1
    assert len(_check("raise InputError(message, span)")) == 1
    assert len(_check('raise InputError("no such file", span)')) == 1  # not marked


def test_the_check_follows_forwarders_and_constants() -> None:
    source = """
GONE = N_("gone: {what}")
KINDS = {"a": N_("kind a"), "b": N_("kind {b}")}
def run_error(template, col=None, **params):
    return InputError(template, Span("x", None, col), **params)
def caller(name):
    raise run_error(f"bad {name}", 1)
def fine(name, kind):
    raise run_error(N_("bad {name}"), 1, name=name)
    raise InputError(GONE, what=name)
    raise InputError(KINDS[kind], b=name)
    raise InputError(exc.template, span, **exc.params)
"""
    found = _check(source)
    assert len(found) == 1 and "probe.py:7:" in found[0], found
    assert len(_check('raise InputError(N_("bad {name}"), span)')) == 1  # no value
    assert len(_check('raise InputError(N_("a {{b}}"), span)')) == 1  # printed doubled
