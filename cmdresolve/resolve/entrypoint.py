"""The final process behind a catalogued image's entrypoint script.

``cmdresolve/data/entrypoints.json`` records, per official image and tag range, what its
``docker-entrypoint.sh`` does with its arguments: which tests on the first argument put
which program in front, what it appends, what it does first, and where it was read. This
module is the small engine that applies such a record to a container's argv; it reads no
script itself and runs nothing.

Authority: each record's ``source`` (a docker-library script at a commit); the shell
meaning of the tests (``${1#-} != $1``, ``${1%.conf} != $1``, ``command -v``) is POSIX
XCU 2.6.2 and ``command``; docs/semantics.md §10.
"""

from __future__ import annotations

from functools import cache

from cmdresolve.model.final import ArgTest, FinalProcess, FinalRule, Setup, SetupKind
from cmdresolve.model.frozen import record, replace
from cmdresolve.model.origins import Arg, Origin
from cmdresolve.sources.image.tags import tag_matches

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cmdresolve.model import Resolution

__all__ = ["Script", "apply", "final_process", "script_for", "with_final_process"]


_CATALOG = "catalog:"  # the span file of an element read from the catalog (catalog.py)


@record
class _SetupRule:
    setup: Setup
    programs: tuple[str, ...]  # fnmatch patterns of the final program it applies to


@record
class Script:
    """One record of ``entrypoints.json``, type-checked."""

    repository: str
    tags: tuple[str, ...]
    script: str
    path: str
    shell: str
    source: str
    prepend: tuple[str, ...] = ()
    when: tuple[ArgTest, ...] = ()
    on_path: tuple[str, ...] = ()
    append: tuple[str, ...] = ()
    append_if: str | None = None
    append_unless: tuple[str, ...] = ()
    append_depends: str | None = None
    setup: tuple[_SetupRule, ...] = ()
    tail_unknown: bool = False

    def runs(self, program: str) -> bool:
        """Whether argv[0] ``program`` is this script (as the image names it, or its path)."""
        return program in (self.script, self.path)


def with_final_process(result: Resolution) -> Resolution:
    """``result`` with its ``final_process`` set when its program is a known script."""
    if result.final_process is not None:
        return result
    found = final_process(result)
    return result if found is None else replace(result, final_process=found)


def final_process(result: Resolution) -> FinalProcess | None:
    """The final process of ``result``'s entrypoint script, or None when argv[0] is not
    the script of a catalogued image (or the argv is not wholly known)."""
    argv, image = result.argv, result.image_config
    if not argv or "argv" in result.incomplete or image is None:
        return None
    ref = result.image
    if not image.catalogued:
        from cmdresolve.resolve.copied_script import copied_script

        copied = copied_script(result)
        if copied is not None:
            return copied
        # An ENTRYPOINT inherited from a catalogued base image (FROM redis:7): its
        # script, unless the Dockerfile COPYs another one there (above).
        first = argv[0]
        if first.origin is not Origin.IMAGE_ENTRYPOINT or first.span is None:
            return None
        if not first.span.file.startswith(_CATALOG):
            return None
        ref = first.span.file[len(_CATALOG) :]
    if ref is None:
        return None
    script = script_for(ref, argv[0].value)
    if script is None:
        return None
    from cmdresolve.sources.image.programs import programs

    # A Dockerfile's RUN, COPY and ADD may add programs: its base's list cannot say "absent".
    listed = programs(ref) if image.catalogued else None
    path = next((e[5:] for e in result.env or () if e.startswith("PATH=")), "")

    def on_path(name: str) -> bool | None:
        if name in script.on_path:
            return True
        if listed is None or "/" in name or not path:
            return None
        return listed.find(name, path)

    return apply(script, tuple(argv[1:]), on_path)


def script_for(ref: str, program: str) -> Script | None:
    """The record for image ``ref`` whose script is ``program``, or None."""
    from cmdresolve.sources.image.catalog import tagged

    named = tagged(ref)
    if named is None:
        return None
    repository, tag = named
    for script in _scripts().get(repository, ()):
        if any(tag_matches(tag, p) for p in script.tags):
            return script if script.runs(program) else None
    return None


def apply(
    script: Script,
    args: tuple[Arg, ...],
    on_path: Callable[[str], bool | None] = lambda _name: None,
) -> FinalProcess:
    """What ``script`` execs when run with ``args``: ``on_path(name)`` says whether a
    command of that name is on the image's PATH (None: not known)."""
    first = args[0].value if args else None
    fired: ArgTest | None = None
    undecided = False
    if first is not None and script.prepend:
        for test in script.when:
            held = _holds(test, first, on_path)
            if held:
                fired = test
                break
            if held is None:
                undecided = True
    front = tuple(Arg(word, Origin.ENTRYPOINT_SCRIPT) for word in script.prepend)
    if fired is None and undecided:
        given, prefixed = _finish(script, args), _finish(script, front + args)
        return FinalProcess(
            argv=None,
            pid1=True,
            rule=FinalRule.DEPENDS,
            test=ArgTest.NOT_ON_PATH,
            alternatives=(given[0], prefixed[0]),
            complete=not script.tail_unknown,
            script=script.script,
            source=script.source,
        )
    chosen = front + args if fired is not None else args
    final, depends = _finish(script, chosen)
    program = final[0].value if final else None
    return FinalProcess(
        argv=final,
        pid1=True if final else None,
        rule=FinalRule.PREPENDED if fired is not None else FinalRule.AS_GIVEN,
        test=fired,
        setup=tuple(s.setup for s in script.setup if program and _matches(program, s.programs)),
        complete=not (script.tail_unknown and program in script.prepend[:1]),
        depends_on=depends,
        script=script.script,
        source=script.source,
    )


def _finish(script: Script, argv: tuple[Arg, ...]) -> tuple[tuple[Arg, ...], str | None]:
    """``argv`` with the script's appended words (mongo's ``--bind_ip_all``), and the
    option whose file decides it when that is given (then nothing is appended here)."""
    if not script.append or not argv or argv[0].value != script.append_if:
        return argv, None
    values = [a.value for a in argv[1:]]
    if any(v == u or v.startswith(u + "=") for v in values for u in script.append_unless):
        return argv, None
    depends = script.append_depends
    if depends and any(v == depends or v.startswith(depends + "=") for v in values):
        return argv, depends
    return argv + tuple(Arg(word, Origin.ENTRYPOINT_SCRIPT) for word in script.append), None


def _holds(test: ArgTest, first: str, on_path: Callable[[str], bool | None]) -> bool | None:
    if test is ArgTest.FLAG:
        return first.startswith("-")
    if test is ArgTest.CONF:
        return first.endswith(".conf")
    found = on_path(first)
    return None if found is None else not found


def _matches(program: str, patterns: Sequence[str]) -> bool:
    return any(tag_matches(program, p) for p in patterns)


@cache
def _scripts() -> dict[str, tuple[Script, ...]]:
    """Load and check ``data/entrypoints.json`` once, grouped by repository in file order."""
    from cmdresolve.sources.image.catalog import read_data

    raw = read_data("entrypoints.json")
    if not isinstance(raw, dict) or not isinstance(raw.get("scripts"), list):
        raise ValueError("entrypoints.json: scripts must be an array")
    grouped: dict[str, list[Script]] = {}
    for item in raw["scripts"]:
        script = _parse(item)
        grouped.setdefault(script.repository, []).append(script)
    return {repository: tuple(scripts) for repository, scripts in grouped.items()}


def _parse(item: object) -> Script:
    if not isinstance(item, dict):
        raise ValueError("entrypoints.json: a script must be an object")
    setups = []
    for raw in item.get("setup", []):
        if not isinstance(raw, dict):
            raise ValueError("entrypoints.json: a setup must be an object")
        setup = Setup(
            SetupKind(_str(raw, "kind")),
            user=_opt(raw, "user"),
            via=_opt(raw, "via"),
            dir=_opt(raw, "dir"),
        )
        setups.append(_SetupRule(setup, _strs(raw, "for")))
    tail = item.get("tail_unknown", False)
    if not isinstance(tail, bool):
        raise ValueError("entrypoints.json: tail_unknown must be a boolean")
    return Script(
        repository=_str(item, "repository"),
        tags=_strs(item, "tags"),
        script=_str(item, "script"),
        path=_str(item, "path"),
        shell=_str(item, "shell"),
        source=_str(item, "source"),
        prepend=_strs(item, "prepend"),
        when=tuple(ArgTest(t) for t in _strs(item, "when")),
        on_path=_strs(item, "on_path"),
        append=_strs(item, "append"),
        append_if=_opt(item, "append_if"),
        append_unless=_strs(item, "append_unless"),
        append_depends=_opt(item, "append_depends"),
        setup=tuple(setups),
        tail_unknown=tail,
    )


def _str(item: dict[str, object], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise ValueError(f"entrypoints.json: {key} must be a string")
    return value


def _opt(item: dict[str, object], key: str) -> str | None:
    return None if item.get(key) is None else _str(item, key)


def _strs(item: dict[str, object], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"entrypoints.json: {key} must be an array of strings")
    return tuple(value)
