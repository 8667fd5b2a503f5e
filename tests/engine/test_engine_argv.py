"""cmdresolve's predicted argv against what a real dockerd execs.

Every case is built with both builders of the Docker 20.10 engine (the classic
builder through the current CLI, BuildKit through the 20.10 CLI), then
``docker create`` shows the Path/Args dockerd will exec and ``docker run``
shows what PID 1 really received (``/argv`` prints its argv as JSON).

Three tests per case and builder:

* ``test_engine`` pins the engine to the table.  Where this engine is known to
  differ from current BuildKit (docs/semantics.md §9: text after a JSON array, ``CMD []``,
  bare ``CMD``, bare ``ENTRYPOINT``) the case says exactly what each builder
  does instead, found by running it.
* ``test_cmdresolve`` asks ``cmdresolve.api.resolve`` for the same Dockerfile and
  run line and compares with the table's current-BuildKit answer, which for every
  case without a builder override is also what the engine just did.
* ``test_cmdresolve_env_workdir_user`` compares the predicted env, working
  directory and user with the container config dockerd made.

The table is written from docs/semantics.md and the engine; it is never adjusted to
match cmdresolve.
"""

from __future__ import annotations

import importlib
import shlex
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.engine

AUTO = "auto"  # run it when /argv is the program: it must print exactly the argv
FAILS = "fails"  # the exec (or the shell) fails: non-zero exit
EMPTY = "empty"  # exits 0 and prints nothing (`/bin/sh -c ""`)
NO_COMMAND = "No command specified"  # dockerd's error text (docs/semantics.md §2.2 rule 6)
IMAGE = "cmdresolve-engine-test"  # the name the run line uses for the built image
BASE_IMAGE = "argvbase:1"  # made by conftest.py
BUILDERS = ("classic", "buildkit")
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    """What happens to one image + run line.

    ``argv`` is what PID 1 gets (``None``: dockerd refuses with "No command
    specified").  ``create`` is Path+Args from ``docker inspect`` when it is not
    ``argv`` (only ``--init`` adds a program the inspect does not show).
    ``printed`` is what the run shows: AUTO, FAILS, EMPTY or the printed argv.
    ``stored`` is the image's (Entrypoint, Cmd) when the case pins it.
    """

    argv: tuple[str, ...] | None
    create: tuple[str, ...] | None = None
    printed: tuple[str, ...] | str = AUTO
    stored: tuple[list[str] | None, list[str] | None] | None = None


def ok(*argv: str, printed: tuple[str, ...] | str = AUTO, **kw: Any) -> Outcome:
    return Outcome(argv=argv, printed=printed, **kw)


def refused(**kw: Any) -> Outcome:
    return Outcome(argv=None, **kw)


@dataclass(frozen=True)
class Case:
    id: str
    dockerfile: str
    expect: Outcome  # current rules (docs/semantics.md); what cmdresolve must predict
    run: tuple[str, ...] = ()  # docker run options, before the image
    args: tuple[str, ...] = ()  # after the image
    target: str | None = None
    build_args: tuple[tuple[str, str], ...] = ()
    parent: str | None = None  # key of PARENTS; "{PARENT}" in dockerfile names it
    engine: Mapping[str, Outcome] = field(default_factory=dict)  # builder -> what 20.10 does
    output: str = "json"  # "cmdline": the run prints /proc/1/cmdline (NUL-separated)
    config: Mapping[str, str] = field(default_factory=dict)  # working_dir / user / env entry


B = "FROM argvbase:1\n"


def base_as(name: str) -> str:
    return f"FROM argvbase:1 AS {name}\n"


EC = B + 'ENTRYPOINT ["/argv","e"]\nCMD ["c"]\n'  # the image the run-override cases use

# Parent images, built first with the same builder and bound for cmdresolve by
# their `docker image inspect` output.
PARENTS = {
    "pe-pc": B + 'ENTRYPOINT ["/argv","pe"]\nCMD ["pc"]\n',
    "shell": B + 'SHELL ["/argv","P","-x"]\n',
    "onbuild-both": B + 'ONBUILD CMD ["hello world"]\nONBUILD ENTRYPOINT ["/argv","oe"]\n',
    "onbuild-ep-cmd": B + 'CMD ["/argv","pc"]\nONBUILD ENTRYPOINT ["/argv","oe"]\n',
    "onbuild-ep": B + 'ONBUILD ENTRYPOINT ["/argv","oe"]\n',
}

SHELL_E = ("/bin/sh", "-c", "/argv e")

CASES: tuple[Case, ...] = (
    # --- docs/semantics.md §6.1: the CMD x ENTRYPOINT table (exec_entry p1_entry = /argv e) ---
    # argvbase has a CMD; in the "No CMD" row the ENTRYPOINT resets it (§1.4 rule 23),
    # and the cell with neither starts from scratch.
    Case("matrix-nocmd-noep", "FROM scratch\nLABEL k=v\n", refused(stored=(None, None))),
    Case("matrix-nocmd-ep-shell", B + "ENTRYPOINT /argv e\n", ok(*SHELL_E, printed=("/argv", "e"))),
    Case("matrix-nocmd-ep-exec", B + 'ENTRYPOINT ["/argv","e"]\n', ok("/argv", "e")),
    Case("matrix-cmd-exec-noep", B + 'CMD ["/argv","c1","c2"]\n', ok("/argv", "c1", "c2")),
    Case(
        "matrix-cmd-exec-ep-shell",
        B + 'ENTRYPOINT /argv e\nCMD ["c1","c2"]\n',
        ok(*SHELL_E, "c1", "c2", printed=("/argv", "e")),
    ),
    Case(
        "matrix-cmd-exec-ep-exec",
        B + 'ENTRYPOINT ["/argv","e"]\nCMD ["c1","c2"]\n',
        ok("/argv", "e", "c1", "c2"),
    ),
    Case(
        "matrix-cmd-shell-noep",
        B + "CMD /argv c1 c2\n",
        ok("/bin/sh", "-c", "/argv c1 c2", printed=("/argv", "c1", "c2")),
    ),
    Case(
        "matrix-cmd-shell-ep-shell",
        B + "ENTRYPOINT /argv e\nCMD /argv c1 c2\n",
        ok(*SHELL_E, "/bin/sh", "-c", "/argv c1 c2", printed=("/argv", "e")),
    ),
    Case(
        "matrix-cmd-shell-ep-exec",
        B + 'ENTRYPOINT ["/argv","e"]\nCMD c1 c2\n',
        ok("/argv", "e", "/bin/sh", "-c", "c1 c2"),
    ),
    # The CMD elements are the shell's $0, $1...: visible when the script uses them.
    Case(
        "shell-ep-cmd-is-dollar0",
        B + 'ENTRYPOINT /argv e "$0" "$@"\nCMD ["c1","c2"]\n',
        ok("/bin/sh", "-c", '/argv e "$0" "$@"', "c1", "c2", printed=("/argv", "e", "c1", "c2")),
    ),
    # --- parse quirks (docs/semantics.md §1.1, §1.2, §1.5) ---
    Case(
        "single-quoted-json",
        B + "CMD ['/argv','q']\n",
        ok("/bin/sh", "-c", "['/argv','q']", printed=FAILS),
    ),
    Case(
        "trailing-comma-inside",
        B + 'CMD ["/argv","a",]\n',
        ok("/bin/sh", "-c", '["/argv","a",]', printed=FAILS),
    ),
    Case(
        "unterminated-bracket",
        B + 'CMD ["/argv", "a"\n',
        ok("/bin/sh", "-c", '["/argv", "a"', printed=FAILS),
    ),
    # Text after the array: current BuildKit falls back to shell form (§1.2 rule 12);
    # both builders of this 20.10 engine ignore the tail and keep exec form (§9).
    Case(
        "text-after-json-comment",
        B + 'CMD ["/argv","a"] # c\n',
        ok("/bin/sh", "-c", '["/argv","a"] # c', printed=FAILS),
        engine={b: ok("/argv", "a", stored=(None, ["/argv", "a"])) for b in BUILDERS},
    ),
    Case(
        "text-after-json-comma",
        B + 'CMD ["/argv","a"],\n',
        ok("/bin/sh", "-c", '["/argv","a"],', printed=FAILS),
        engine={b: ok("/argv", "a", stored=(None, ["/argv", "a"])) for b in BUILDERS},
    ),
    # BuildKit's testInvalidJSONCommands; 20.10 reads it as `ENTRYPOINT []` (which
    # also resets the inherited CMD, so nothing is left to run).
    Case(
        "text-after-empty-array",
        B + "ENTRYPOINT []random string\n",
        ok("/bin/sh", "-c", "[]random string", printed=FAILS),
        engine={b: refused(stored=(None, None)) for b in BUILDERS},
    ),
    # `CMD []`: both refuse to run; the stored Cmd differs (classic `[]`, BuildKit null).
    Case(
        "cmd-empty-array",
        B + "CMD []\n",
        refused(),
        engine={
            "classic": refused(stored=(None, [])),
            "buildkit": refused(stored=(None, None)),
        },
    ),
    Case(
        "cmd-empty-array-keeps-ep",
        B + 'ENTRYPOINT ["/argv","e"]\nCMD []\n',
        ok("/argv", "e"),
        engine={
            "classic": ok("/argv", "e", stored=(["/argv", "e"], [])),
            "buildkit": ok("/argv", "e", stored=(["/argv", "e"], None)),
        },
    ),
    # Bare `CMD`: BuildKit wraps the empty string, the classic builder wraps nothing.
    Case(
        "bare-cmd",
        B + "CMD\n",
        ok("/bin/sh", "-c", "", printed=EMPTY),
        engine={
            "classic": ok("/bin/sh", "-c", printed=FAILS, stored=(None, ["/bin/sh", "-c"])),
            "buildkit": ok(
                "/bin/sh", "-c", "", printed=EMPTY, stored=(None, ["/bin/sh", "-c", ""])
            ),
        },
    ),
    # Bare `ENTRYPOINT`: BuildKit as for CMD; the classic builder stores no entrypoint
    # (and still resets the inherited CMD).
    Case(
        "bare-entrypoint",
        B + "ENTRYPOINT\n",
        ok("/bin/sh", "-c", "", printed=EMPTY),
        engine={"classic": refused(stored=(None, None))},
    ),
    Case("entrypoint-empty-array", B + "ENTRYPOINT []\n", refused(stored=(None, None))),
    # The image's `[""]` entrypoint is reset to nil by dockerd: the CMD runs alone.
    Case(
        "entrypoint-empty-string-with-cmd",
        B + 'ENTRYPOINT [""]\nCMD ["/argv","c"]\n',
        ok("/argv", "c", stored=([""], ["/argv", "c"])),
    ),
    Case(
        "entrypoint-empty-string-alone",
        B + 'ENTRYPOINT [""]\n',
        refused(stored=([""], None)),
    ),
    Case("cmd-empty-string", B + 'CMD [""]\n', ok("", printed=FAILS, stored=(None, [""]))),
    Case(
        "json-escapes",
        B + r'CMD ["/argv", "\" \\ \/ \t \u00e9 \u2603", "a b", "\n"]' + "\n",
        ok("/argv", '" \\ / \t é ☃', "a b", "\n"),
    ),
    # A CMD before the ENTRYPOINT in the same stage is kept; trailing blanks go.
    Case(
        "tab-separators",
        B + 'CMD\t["/argv",\t"a b"]\nENTRYPOINT\t/argv\tx  \n',
        ok("/bin/sh", "-c", "/argv\tx", "/argv", "a b", printed=("/argv", "x")),
    ),
    Case(
        "tab-separators-exec",
        B + 'ENTRYPOINT\t["/argv",\t"e"]\t\nCMD\t["a b"]\n',
        ok("/argv", "e", "a b"),
    ),
    Case(
        "lower-case-instructions",
        'from argvbase:1 as Base\nentrypoint ["/argv","e"]\ncmd c d\n',
        ok("/argv", "e", "/bin/sh", "-c", "c d"),
    ),
    Case(
        "continuation-shell",
        B + "CMD /argv hello\\\n  world \\\n   again\n",
        ok(
            "/bin/sh",
            "-c",
            "/argv hello  world    again",
            printed=("/argv", "hello", "world", "again"),
        ),
    ),
    Case(
        "continuation-inside-json-string",
        B + 'CMD ["/argv","a\\\nb"]\n',
        ok("/argv", "ab"),
    ),
    Case(
        "continuation-comment-and-empty-line",
        B + 'CMD ["/argv", \\\n# the first argument\n     "one", \\\n\n     "two"]\n',
        ok("/argv", "one", "two"),
    ),
    Case(
        "escape-directive-backtick",
        "# escape=`\n" + B + 'CMD ["/argv", `\n  "a\\\\b"]\n',
        ok("/argv", "a\\b"),
    ),
    Case(
        "escape-directive-backslash-not-continuation",
        "# escape=`\n" + B + 'ENTRYPOINT /argv C:\\dir\\\nCMD ["c"]\n',
        ok("/bin/sh", "-c", "/argv C:\\dir\\", "c"),
    ),
    Case(
        "escape-directive-backtick-shell",
        "# escape=`\n" + B + "ENTRYPOINT /argv C:\\dir `\n  x\n",
        ok("/bin/sh", "-c", "/argv C:\\dir   x", printed=("/argv", "C:dir", "x")),
    ),
    Case(
        "crlf-line-endings",
        'FROM argvbase:1\r\nENTRYPOINT ["/argv","crlf"]\r\nCMD /argv a \\\r\n  b\r\n',
        ok("/argv", "crlf", "/bin/sh", "-c", "/argv a   b"),
    ),
    Case(
        "no-build-substitution-in-cmd",
        B + 'ENV X=img\nCMD ["/argv","$X","${X}"]\n',
        ok("/argv", "$X", "${X}"),
    ),
    Case(
        "last-cmd-wins",
        B + 'CMD ["/argv","1"]\nCMD ["/argv","2"]\n',
        ok("/argv", "2"),
    ),
    # --- SHELL (docs/semantics.md §1.4 rules 21, 26) ---
    Case(
        "shell-wraps-cmd",
        B + 'SHELL ["/argv","SH"]\nCMD hello   world\n',
        ok("/argv", "SH", "hello   world"),
    ),
    Case(
        "shell-applies-to-later-only",
        B + 'CMD /argv c\nSHELL ["/argv","SH"]\nENTRYPOINT e p\n',
        ok("/argv", "SH", "e p", "/bin/sh", "-c", "/argv c"),
    ),
    Case(
        "shell-inherited-from-stage",
        base_as("base") + 'SHELL ["/argv","SH"]\nFROM base\nENTRYPOINT run me\n',
        ok("/argv", "SH", "run me"),
    ),
    Case(
        "shell-inherited-from-image",
        "FROM {PARENT}\nCMD a   b\n",
        ok("/argv", "P", "-x", "a   b"),
        parent="shell",
    ),
    Case(
        "shell-entrypoint-with-run-args",
        B + 'SHELL ["/argv","S"]\nENTRYPOINT x\n',
        ok("/argv", "S", "x", "y"),
        args=("y",),
    ),
    # --- inheritance (docs/semantics.md §1.4 rules 23-24, §1.7) ---
    Case("inherits-base-cmd", B + "ENV X=1\n", ok("/argv", "from-cmd")),
    Case(
        "entrypoint-resets-inherited-cmd",
        'FROM {PARENT}\nENTRYPOINT ["/argv","ce"]\n',
        ok("/argv", "ce", stored=(["/argv", "ce"], None)),
        parent="pe-pc",
    ),
    Case(
        "child-cmd-keeps-parent-entrypoint",
        'FROM {PARENT}\nCMD ["cc"]\n',
        ok("/argv", "pe", "cc"),
        parent="pe-pc",
    ),
    Case("child-keeps-both", "FROM {PARENT}\nENV X=1\n", ok("/argv", "pe", "pc"), parent="pe-pc"),
    Case(
        "child-entrypoint-empty-array",
        "FROM {PARENT}\nENTRYPOINT []\n",
        refused(),
        parent="pe-pc",
    ),
    Case(
        "cmd-earlier-in-stage-kept",
        B + 'CMD ["c"]\nENTRYPOINT ["/argv","e"]\n',
        ok("/argv", "e", "c"),
    ),
    Case(
        "cmd-from-earlier-stage-reset",
        base_as("a") + 'CMD ["c"]\nFROM a\nENTRYPOINT ["/argv","e"]\n',
        ok("/argv", "e"),
    ),
    Case(
        "from-earlier-stage-keeps-both",
        base_as("a") + 'ENTRYPOINT ["/argv","a"]\nCMD ["ac"]\nFROM a AS b\nENV X=1\n',
        ok("/argv", "a", "ac"),
    ),
    Case(
        "target-earlier-stage",
        base_as("a")
        + 'ENTRYPOINT ["/argv","a"]\nCMD ["ac"]\nFROM a AS b\nENTRYPOINT ["/argv","b"]\n',
        ok("/argv", "a", "ac"),
        target="a",
    ),
    Case(
        "no-target-last-stage",
        base_as("a")
        + 'ENTRYPOINT ["/argv","a"]\nCMD ["ac"]\nFROM a AS b\nENTRYPOINT ["/argv","b"]\n',
        ok("/argv", "b"),
    ),
    # --- ONBUILD (docs/semantics.md §1.7 rule 36) ---
    Case(
        "onbuild-cmd-and-entrypoint",
        "FROM {PARENT}\n",
        ok("/argv", "oe", "hello world"),
        parent="onbuild-both",
    ),
    Case(
        "onbuild-entrypoint-resets-parent-cmd",
        "FROM {PARENT}\nENV X=1\n",
        ok("/argv", "oe"),
        parent="onbuild-ep-cmd",
    ),
    Case(
        "onbuild-entrypoint-child-cmd",
        'FROM {PARENT}\nCMD ["c"]\n',
        ok("/argv", "oe", "c"),
        parent="onbuild-ep",
    ),
    Case(
        "onbuild-not-inherited-by-grandchild",
        'FROM {PARENT} AS mid\nCMD ["c"]\nFROM mid\nENV X=1\n',
        ok("/argv", "oe", "c"),
        parent="onbuild-ep",
    ),
    Case(
        "onbuild-trigger-from-stage",
        base_as("a") + 'ONBUILD CMD ["/argv","trig"]\nCMD ["/argv","a"]\nFROM a\n',
        ok("/argv", "trig"),
    ),
    Case(
        "onbuild-not-run-in-own-stage",
        base_as("a") + 'ONBUILD CMD ["/argv","trig"]\nCMD ["/argv","a"]\nFROM a\n',
        ok("/argv", "a"),
        target="a",
    ),
    # --- ARG before FROM (docs/semantics.md §1.7 rules 32, 35) ---
    Case(
        "arg-selects-stage-default",
        "ARG BASE=one\n"
        + base_as("one")
        + 'CMD ["/argv","one"]\n'
        + base_as("two")
        + 'CMD ["/argv","two"]\nFROM ${BASE}\nENV X=1\n',
        ok("/argv", "one"),
    ),
    Case(
        "arg-selects-stage-build-arg",
        "ARG BASE=one\n"
        + base_as("one")
        + 'CMD ["/argv","one"]\n'
        + base_as("two")
        + 'CMD ["/argv","two"]\nFROM ${BASE}\nENV X=1\n',
        ok("/argv", "two"),
        build_args=(("BASE", "two"),),
    ),
    Case("arg-names-image", "ARG IMG=argvbase:1\nFROM $IMG\nENV X=1\n", ok("/argv", "from-cmd")),
    # --- docker run overrides (docs/semantics.md §2.1, §2.2) on ENTRYPOINT ["/argv","e"] + CMD ["c"] ---
    Case("run-plain", EC, ok("/argv", "e", "c")),
    Case("run-args-replace-cmd", EC, ok("/argv", "e", "x", "y"), args=("x", "y")),
    Case("run-args-on-cmd-only-image", B, ok("/argv", "x"), args=("/argv", "x")),
    Case("run-entrypoint-drops-cmd", EC, ok("/argv"), run=("--entrypoint", "/argv")),
    Case(
        "run-entrypoint-with-args", EC, ok("/argv", "z"), run=("--entrypoint", "/argv"), args=("z",)
    ),
    Case("run-entrypoint-empty", EC, refused(), run=("--entrypoint", "")),
    Case("run-entrypoint-equals-empty", EC, refused(), run=("--entrypoint=",)),
    Case(
        "run-entrypoint-empty-with-args",
        EC,
        ok("/argv", "z"),
        run=("--entrypoint", ""),
        args=("/argv", "z"),
    ),
    Case(
        "run-entrypoint-not-split",
        EC,
        ok("/argv k", printed=FAILS),
        run=("--entrypoint", "/argv k"),
    ),
    Case("run-empty-arg", EC, ok("/argv", "e", ""), args=("",)),
    Case("run-double-dash-passed", EC, ok("/argv", "e", "--", "q"), args=("--", "q")),
    Case(
        "run-entrypoint-double-dash",
        EC,
        ok("/argv", "--", "q"),
        run=("--entrypoint=/argv",),
        args=("--", "q"),
    ),
    Case(
        "run-workdir", EC, ok("/argv", "e", "c"), run=("-w", "/tmp"), config={"working_dir": "/tmp"}
    ),
    Case("run-env", EC, ok("/argv", "e", "c"), run=("-e", "A=1"), config={"env": "A=1"}),
    Case(
        "run-env-seen-by-shell-form",
        B + 'CMD /argv "[$A]"\n',
        ok("/bin/sh", "-c", '/argv "[$A]"', printed=("/argv", "[1]")),
        run=("-e", "A=1"),
        config={"env": "A=1"},
    ),
    Case("run-user", EC, ok("/argv", "e", "c"), run=("-u", "1000"), config={"user": "1000"}),
    # --init: dockerd puts its init in front; `docker inspect` does not show it.
    Case(
        "run-init",
        EC,
        ok(
            "/sbin/docker-init",
            "--",
            "/argv",
            "e",
            "c",
            create=("/argv", "e", "c"),
            printed=("/argv", "e", "c"),
        ),
        run=("--init",),
    ),
    Case(
        "run-init-pid1-cmdline",
        EC,
        ok(
            "/sbin/docker-init",
            "--",
            "/bin/cat",
            "/proc/1/cmdline",
            create=("/bin/cat", "/proc/1/cmdline"),
            printed=("/sbin/docker-init", "--", "/bin/cat", "/proc/1/cmdline"),
        ),
        run=("--init", "--entrypoint", "/bin/cat"),
        args=("/proc/1/cmdline",),
        output="cmdline",
    ),
)


# --- observing the engine ------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    dockerfile: str  # with {PARENT} filled in
    image: str
    images: dict[str, Path]  # for cmdresolve: reference -> inspect JSON
    created: Any  # conftest.Created
    ran: Any  # conftest.Ran, or None when the case is not run


def parent_tag(name: str, builder: str) -> str:
    return f"cmdresolve-parent-{name}:{builder}"


Observations = dict[tuple[str, str], Observation | BaseException]


@pytest.fixture(scope="session")
def observations(engine: Any, request: pytest.FixtureRequest) -> Observations:
    """Observe every selected (case, builder) up front, several at a time.

    dockerd serves concurrent clients, and one build + create + run is mostly
    waiting, so a small thread pool keeps the suite well under its time budget.
    Parent images are built first, one by one (cases share their tags).
    """
    wanted: dict[tuple[str, str], tuple[Case, str]] = {}
    for item in request.session.items:
        params = getattr(item, "callspec", None)
        if params is not None and isinstance(params.params.get("case"), Case):
            case, builder = params.params["case"], params.params["builder"]
            wanted[(case.id, builder)] = (case, builder)
    parents: dict[tuple[str, str], tuple[str, Path] | BaseException] = {}
    for case, builder in wanted.values():
        if case.parent is not None and (case.parent, builder) not in parents:
            try:
                parents[(case.parent, builder)] = build_parent(engine, case.parent, builder)
            except (Exception, pytest.skip.Exception) as exc:  # fails only its children
                parents[(case.parent, builder)] = exc
    cache: Observations = {}

    def one(key: tuple[str, str]) -> None:
        case, builder = wanted[key]
        try:
            cache[key] = observe_now(engine, case, builder, parents)
        except (Exception, pytest.skip.Exception) as exc:  # raised in the test that needs it
            cache[key] = exc

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(one, wanted))
    return cache


def build_parent(engine: Any, name: str, builder: str) -> tuple[str, Path]:
    tag = parent_tag(name, builder)
    engine.build(PARENTS[name], builder, tag=tag)
    return tag, engine.save_inspect(tag, engine.workdir / f"{tag.replace(':', '-')}.json")


def observe(engine: Any, cache: Observations, case: Case, builder: str) -> Observation:
    """The observation made for this case (made now if it was not selected up front)."""
    key = (case.id, builder)
    if key not in cache:
        parents: dict[tuple[str, str], tuple[str, Path] | BaseException] = {}
        if case.parent is not None:
            parents[(case.parent, builder)] = build_parent(engine, case.parent, builder)
        cache[key] = observe_now(engine, case, builder, parents)
    found = cache[key]
    if isinstance(found, BaseException):
        raise found
    return found


def observe_now(
    engine: Any,
    case: Case,
    builder: str,
    parents: Mapping[tuple[str, str], tuple[str, Path] | BaseException],
) -> Observation:
    """Build, create and (when useful) run one case."""
    assert engine.base_inspect is not None
    images = {BASE_IMAGE: engine.base_inspect}
    dockerfile = case.dockerfile
    if case.parent is not None:
        parent = parents[(case.parent, builder)]
        if isinstance(parent, BaseException):
            raise parent
        tag, inspect = parent
        images[tag] = inspect
        dockerfile = dockerfile.replace("{PARENT}", tag)
    image = engine.build(dockerfile, builder, target=case.target, build_args=dict(case.build_args))
    want = case.engine.get(builder, case.expect)
    created = engine.create_argv(image, case.run, case.args)
    ran = None
    if want.argv is None or want.printed != AUTO or want.argv[0] == "/argv":
        ran = engine.run_argv(image, case.run, case.args)
    return Observation(dockerfile, image, images, created, ran)


def printed_argv(case: Case, ran: Any) -> tuple[str, ...]:
    words: tuple[str, ...] = ran.nul_argv() if case.output == "cmdline" else ran.json_argv()
    return words


PARAMS = [
    pytest.param(case, builder, id=f"{case.id}-{builder}") for case in CASES for builder in BUILDERS
]


@pytest.mark.parametrize(("case", "builder"), PARAMS)
def test_engine(engine: Any, observations: Observations, case: Case, builder: str) -> None:
    """The engine does what the table says (per builder where they differ)."""
    obs = observe(engine, observations, case, builder)
    want = case.engine.get(builder, case.expect)
    if want.stored is not None:
        config = engine.image_config(obs.image)
        assert (config["Entrypoint"], config["Cmd"]) == want.stored
    if want.argv is None:
        assert obs.created.error is not None and NO_COMMAND in obs.created.error, obs.created
    else:
        assert obs.created.error is None, obs.created.error
        assert obs.created.argv == (want.create or want.argv)
    check_run(case, want, obs.ran)
    check_config(case, obs.created.working_dir, obs.created.user, obs.created.env)


def check_run(case: Case, want: Outcome, ran: Any) -> None:
    if want.argv is None:
        assert ran is not None and ran.returncode != 0 and NO_COMMAND in ran.stderr, ran
    elif want.printed == FAILS:
        assert ran is not None and ran.returncode != 0, ran
    elif want.printed == EMPTY:
        assert ran is not None and (ran.returncode, ran.stdout) == (0, ""), ran
    elif want.printed == AUTO and want.argv[0] != "/argv":
        assert ran is None
    else:
        assert ran is not None and ran.returncode == 0, ran
        expected = want.argv if want.printed == AUTO else want.printed
        assert printed_argv(case, ran) == expected


def check_config(
    case: Case, working_dir: str | None, user: str | None, env: tuple[str, ...] | None
) -> None:
    if "working_dir" in case.config:
        assert working_dir == case.config["working_dir"]
    if "user" in case.config:
        assert user == case.config["user"]
    if "env" in case.config:
        assert env is not None and case.config["env"] in env


# --- asking cmdresolve ----------------------------------------------------------


def load_resolve() -> Any:
    try:
        api = importlib.import_module("cmdresolve.api")
    except ModuleNotFoundError as exc:
        if exc.name != "cmdresolve":
            raise
        sys.path.insert(0, str(ROOT))  # the project is not installed into the venv
        api = importlib.import_module("cmdresolve.api")
    return api


def predict(case: Case, obs: Observation, tmp_path: Path) -> Any:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_bytes(obs.dockerfile.encode())
    run = "docker run " + shlex.join([*case.run, IMAGE, *case.args])
    api = load_resolve()
    results = api.resolve(
        [str(dockerfile)],
        api.Options(
            run=run,
            images={ref: str(path) for ref, path in obs.images.items()},
            target=case.target,
            build_args=dict(case.build_args),
        ),
    )
    return results[0]


@pytest.mark.parametrize(("case", "builder"), PARAMS)
def test_cmdresolve(
    engine: Any,
    observations: Observations,
    case: Case,
    builder: str,
    tmp_path: Path,
) -> None:
    """cmdresolve predicts the current-rule argv, which the engine confirmed unless overridden."""
    obs = observe(engine, observations, case, builder)
    result = predict(case, obs, tmp_path)
    want = case.expect.argv
    seen = obs.created.error or obs.created.argv
    if obs.ran is not None and case.output == "cmdline" and obs.ran.returncode == 0:
        seen = printed_argv(case, obs.ran)
    detail = (
        f"engine ({builder}) argv {seen!r}; "
        f"cmdresolve predicted {result.values!r} (error {result.error!r})"
    )
    if want is None:
        assert result.values is None, detail
        assert NO_COMMAND.lower() in _error_text(result).lower(), detail
    else:
        assert result.values == want, detail
    check_config(case, result.working_dir, result.user, result.env)


# --- an engine quirk cmdresolve cannot see ----------------------------------------


def test_classic_cache_reuses_stale_cmd(engine: Any) -> None:
    """The classic builder's cache ignores the Cmd an ENTRYPOINT step starts from.

    Its cache key for a metadata step is (parent image, instruction), so after
    building ``CMD; ENTRYPOINT`` in one stage (Cmd kept), the same ENTRYPOINT on
    top of a *previous* stage's ``CMD`` comes back from the cache with that Cmd,
    although a fresh build resets it (docs/semantics.md §1.4 rule 23).  BuildKit computes
    the config every time.  This is why every other build here uses --no-cache.
    """
    one_stage = B + 'CMD ["stale"]\nENTRYPOINT ["/argv","cache"]\n'
    two_stages = base_as("a") + 'CMD ["stale"]\nFROM a\nENTRYPOINT ["/argv","cache"]\n'
    for builder, cached_cmd in (("classic", ["stale"]), ("buildkit", None)):
        engine.build(one_stage, builder, cache=True)
        cached = engine.build(two_stages, builder, cache=True)
        fresh = engine.build(two_stages, builder)
        assert engine.image_config(cached)["Cmd"] == cached_cmd, builder
        assert engine.image_config(fresh)["Cmd"] is None, builder


# Only where dockerd makes a container (it refuses the "no command" cases).
CONTAINER_PARAMS = [
    pytest.param(case, builder, id=f"{case.id}-{builder}")
    for case in CASES
    for builder in BUILDERS
    if case.engine.get(builder, case.expect).argv is not None
]


@pytest.mark.parametrize(("case", "builder"), CONTAINER_PARAMS)
def test_cmdresolve_env_workdir_user(
    engine: Any,
    observations: Observations,
    case: Case,
    builder: str,
    tmp_path: Path,
) -> None:
    """The container config dockerd made (Env, WorkingDir, User) is the predicted one."""
    obs = observe(engine, observations, case, builder)
    assert obs.created.error is None, obs.created.error
    result = predict(case, obs, tmp_path)
    assert tuple(result.env or ()) == obs.created.env
    # An unset WorkingDir runs in "/" (docs/semantics.md §2.2 rule 11).
    assert result.working_dir in (obs.created.working_dir or "/", obs.created.working_dir or None)
    assert (result.user or "") == obs.created.user


def _error_text(result: Any) -> str:
    """The prediction's reason the container cannot be created, as the CLI says it."""
    from cmdresolve.render.phrases import failure_text

    return "" if result.error is None else failure_text(result.error)
