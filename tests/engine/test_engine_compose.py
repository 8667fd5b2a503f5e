"""cmdresolve's Compose predictions against the real Docker Compose v2.40.3 and dockerd (issue 14).

Every case is a small Compose project written into a directory of its own (the
directory name is the project name, as Compose derives it). The real binary
(compose_harness.py) runs with a process environment of exactly ``DOCKER_HOST`` and
``DOCKER_CONFIG`` plus what the case sets on purpose (/work/shared/ENGINE.md):

* a service case: ``docker-compose -f F… [--env-file …] [--profile …] create SERVICE``,
  then ``docker inspect`` gives ``.Path`` + ``.Args``, ``Config.Env``, ``WorkingDir``,
  ``User``, and ``docker start -a`` what PID 1 printed (``/argv`` prints its argv);
* a run case: ``docker-compose … run --no-deps -T --name X OPTS SERVICE ARGS``, then
  the same inspect of X;
* a refused case: compose's exit status and message;
* always ``config --format json`` (the normalized model) and ``config --services``.

Three kinds of test per case:

* ``test_engine_ground_truth`` pins the engine to the table below, written from
  /work/shared/SEMANTICS.md §5 and measured here. Where the measurement contradicts a
  §5 claim, the case says so in ``claim`` and the table holds what the engine does.
* ``test_config_matches_create`` checks the oracle against itself: the
  ``entrypoint``/``command`` of ``config --format json`` are what ``create`` handed the
  daemon (after un-escaping ``$$``), and ``config`` refuses what ``create`` refuses.
* ``test_cmdresolve_*`` ask ``python -m cmdresolve FILES… -o json`` (``--run 'docker
  compose run …'`` for run cases) in the same directory and environment and compare
  with what the engine just did: the argv exactly, one result per service with
  ``runtime: "compose"``, ``container`` = the service, ``workload`` = the project; the
  env, working directory and user; and for refused input exit 2 with a
  ``file:line: message`` line.

With ``init: true`` cmdresolve's argv starts with ``/sbin/docker-init --`` (what PID 1
runs, as for ``docker run --init``), which the inspect hides (``HostConfig.Init``).

Where cmdresolve and the real Compose are known to disagree, ``KNOWN_DIVERGENCES``
names the case and the difference: a strict xfail, so a fix shows up as XPASS and
the entry is removed. The table is never adjusted to match cmdresolve.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.engine

ROOT = Path(__file__).resolve().parents[2]
BUILDER = "classic"  # the images the `image:` cases use; compose's own builds use BuildKit
EC = "cr-ec:1"  # ENTRYPOINT and CMD (both runnable: /argv)
EC_DOCKERFILE = (
    "FROM argvbase:1\n"
    "ENV IMG_ONLY=img SHARED=from-image\n"
    "WORKDIR /img-wd\n"
    'ENTRYPOINT ["/argv","img-ep"]\n'
    'CMD ["/argv","img-cmd"]\n'
)
BASE = "argvbase:1"  # conftest.py: CMD ["/argv","from-cmd"], no ENTRYPOINT
IMG = ("/argv", "img-ep", "/argv", "img-cmd")  # EC's default argv
IMG_CMD = ("/argv", "img-cmd")  # EC's CMD alone
FROM_CMD = ("/argv", "from-cmd")  # BASE's default argv
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
ERROR_LINE = re.compile(r"^(?:cmdresolve: )?(?P<file>[^\s:][^:]*):(?P<line>\d+)(?::\d+)?: \S")
COMPOSE_TIMEOUT = 180.0
ABSENT = "<absent>"  # in Case.env: the key is not in Config.Env at all
NO_COMMAND = "no command specified"  # dockerd: "No command specified"; cmdresolve exit 1


@dataclass(frozen=True)
class Case:
    """One Compose project and what the engine runs for one of its services.

    ``files`` are written byte for byte (the compose files listed in ``compose``,
    ``.env``, Dockerfiles…). ``expect`` is the argv (``None`` for a refused input,
    then ``error`` is a piece of compose's message). ``run`` holds the words after
    ``docker compose run`` (options, service, args) for a one-off container.
    ``options`` are compose's global options, passed to cmdresolve the same way
    (``--env-file``, ``--profile``). ``process_env`` is added to the environment of
    both. ``env`` / ``working_dir`` / ``user`` pin parts of the created config.
    ``services`` pins ``config --services`` (the services that are results).
    ``claim`` names the SEMANTICS §5 statement the measurement contradicts, if any.
    """

    id: str
    files: Mapping[str, str]
    expect: tuple[str, ...] | None
    service: str = "web"
    compose: tuple[str, ...] = ("compose.yaml",)
    options: tuple[str, ...] = ()
    run: tuple[str, ...] | None = None
    process_env: Mapping[str, str] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    working_dir: str | None = None
    user: str | None = None
    services: tuple[str, ...] | None = None
    error: str | None = None
    printed: tuple[str, ...] | None = None  # what /argv printed, when not ``expect``
    claim: str = ""
    config_ok: bool = False  # refused by `create`, but `config` accepts it
    # The global options of the compose line itself (`docker compose GLOBALS run …`), in
    # place of `-f` for each of ``compose``: cmdresolve gets them inside `--run` and no
    # file argument. Only with ``run``.
    globals: tuple[str, ...] | None = None
    project: str | None = None  # the project name, when the case sets it (-p, env)


def svc(*lines: str, image: str = EC, name: str = "web", top: str = "", more: str = "") -> str:
    """A compose.yaml with one service ``name`` on ``image``; ``lines`` are its YAML lines."""
    body = "".join(f"    {line}\n" for line in lines)
    return (
        f"{top}services:\n  {name}:\n    image: {image}\n    network_mode: none\n{body}{more}"
    )


def one(text: str, **files: str) -> dict[str, str]:
    return {"compose.yaml": text, **files}


def case(id: str, text: str, expect: tuple[str, ...] | None, **kw: Any) -> Case:
    files = {"compose.yaml": text, **kw.pop("extra", {})}
    return Case(id, files, expect, **kw)


def refused(id: str, text: str, error: str, **kw: Any) -> Case:
    files = {"compose.yaml": text, **kw.pop("extra", {})}
    return Case(id, files, None, error=error, **kw)


OPS_IMAGE = BASE
SRV = "  "  # two spaces: a service key inside `services:`

CASES: tuple[Case, ...] = (
    # --- §5.1: string vs list ----------------------------------------------------------
    case("str-command", svc("command: /argv a b", image=BASE), ("/argv", "a", "b")),
    case("list-command", svc("command: [/argv, a, b]", image=BASE), ("/argv", "a", "b")),
    case("str-command-on-entrypoint", svc("command: c1 c2"), ("/argv", "img-ep", "c1", "c2")),
    case("str-entrypoint-drops-cmd", svc("entrypoint: /argv x y"), ("/argv", "x", "y")),
    case("list-entrypoint-drops-cmd", svc("entrypoint: [/argv, x]"), ("/argv", "x")),
    case(
        "entrypoint-and-command",
        svc("entrypoint: [/argv, e]", "command: c 'd e'"),
        ("/argv", "e", "c", "d e"),
    ),
    case(
        "str-quoting",
        svc("command: /argv 'a b' \"c d\" e\\ f --x=\"y z\"", image=BASE),
        ("/argv", "a b", "c d", "e f", "--x=y z"),
    ),
    case(
        "str-empty-words",
        svc("command: /argv \"\" '' x", image=BASE),
        ("/argv", "", "", "x"),
    ),
    case(
        "list-keeps-spaces",
        svc('command: ["/argv", "a b", "  c  "]', image=BASE),
        ("/argv", "a b", "  c  "),
    ),
    case(
        "list-one-item-whole-line",
        svc('command: ["/argv a b"]', image=BASE),
        ("/argv a b",),
        printed=(),  # not a program: the start fails
    ),
    case(
        "block-scalar-newlines-split",
        svc("command: |", "  /argv a", "  b c", image=BASE),
        ("/argv", "a", "b", "c"),
    ),
    case(
        "folded-scalar",
        svc("command: >-", "  /argv a", "  b", image=BASE),
        ("/argv", "a", "b"),
    ),
    # --- §5.1 rule 3: the shell-words operator cut ---------------------------------------
    case(
        "cut-and-and",
        svc("command: /argv a && /argv b", image=BASE),
        ("/argv", "a"),
    ),
    case("cut-semicolon", svc("command: /argv a; /argv b", image=BASE), ("/argv", "a")),
    case("cut-semicolon-mid-word", svc("command: /argv a;b c", image=BASE), ("/argv", "a")),
    case("cut-or-or", svc("command: /argv a || /argv b", image=BASE), ("/argv", "a")),
    case("cut-pipe", svc("command: /argv a | /argv b", image=BASE), ("/argv", "a")),
    case("cut-redirect-out", svc("command: /argv a > /tmp/out", image=BASE), ("/argv", "a")),
    case("cut-redirect-in", svc("command: /argv a < /dev/null", image=BASE), ("/argv", "a")),
    case("cut-background", svc("command: /argv a & /argv b", image=BASE), ("/argv", "a")),
    case("cut-fd-redirect", svc("command: /argv a 2>err", image=BASE), ("/argv", "a")),
    case(
        "quoted-operators-kept",
        svc("command: /argv \"a && b\" 'c;d' e\\|f \\&\\&", image=BASE),
        ("/argv", "a && b", "c;d", "e|f", "&&"),
    ),
    case(
        "django-trap",
        svc("command: python manage.py migrate && python manage.py runserver", image=BASE),
        ("python", "manage.py", "migrate"),
        printed=(),
    ),
    case(
        "sh-c-keeps-the-line",
        svc("command: sh -c \"/argv a && /argv b\"", image=BASE),
        ("sh", "-c", "/argv a && /argv b"),
        printed=("/argv", "a"),  # the shell runs both; /argv prints each line
    ),
    case(
        "list-keeps-operators",
        svc('command: [/argv, a, "&&", b]', image=BASE),
        ("/argv", "a", "&&", "b"),
    ),
    case("cut-in-entrypoint", svc("entrypoint: /argv e; /argv f"), ("/argv", "e")),
    case(
        "escapes-unquoted",
        svc('command: /argv \\"q\\" a\\\\b', image=BASE),
        ("/argv", '"q"', "a\\b"),
    ),
    case(
        "escaped-tab-is-t",  # go-shellwords v1.0.12: `\t` in "..." gives `t` (§5.5)
        svc('command: "/argv \\"a\\\\tb\\""', image=BASE),
        ("/argv", "atb"),
    ),
    case(
        "yaml-tab-separates",  # a real TAB (YAML "\t") is a word separator
        svc('command: "/argv\\ta\\tb"', image=BASE),
        ("/argv", "a", "b"),
    ),
    case(
        "dollar-paren-kept",  # $$( is interpolated to $( and shell-words keeps it
        svc("command: /argv $$(date) `x`", image=BASE),
        ("/argv", "$(date)", "`x`"),
    ),
    refused("open-paren-error", svc("command: /argv (a)", image=BASE), "invalid command line"),
    refused("unbalanced-quote-error", svc('command: /argv "a', image=BASE), "invalid command line"),
    # --- §5.2: null / [] / "" against an image with ENTRYPOINT and CMD -------------------
    case("image-default", svc(), IMG),
    case("entrypoint-empty-list", svc("entrypoint: []"), IMG_CMD),
    case("entrypoint-empty-string", svc('entrypoint: ""'), IMG_CMD),
    case("entrypoint-null", svc("entrypoint: null"), IMG),
    refused(
        "entrypoint-list-empty-string",  # the daemon: [""] is set (no CMD refill), then reset
        svc('entrypoint: [""]'),
        NO_COMMAND,
        claim='§5.5 "entrypoint: [\"\"] acts as unset": the engine refuses, no command specified',
    ),
    case("command-empty-list", svc("command: []"), IMG),
    case("command-empty-string", svc('command: ""'), IMG),
    case("command-null", svc("command: ~"), IMG),
    case("both-empty-lists", svc("entrypoint: []", "command: []"), IMG_CMD),
    case("entrypoint-with-empty-command", svc("entrypoint: [/argv, e]", "command: []"), ("/argv", "e")),
    case("cmd-only-image-entrypoint-empty", svc("entrypoint: []", image=BASE), FROM_CMD),
    case("cmd-only-image-command-empty", svc('command: ""', image=BASE), FROM_CMD),
    # --- §5.1 rule 6: merging -f a -f b --------------------------------------------------
    Case(
        "merge-command-replaces",
        {"compose.yaml": svc("command: /argv a1 a2"), "b.yaml": "services:\n  web:\n    command: [/argv, b]\n"},
        ("/argv", "img-ep", "/argv", "b"),
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-entrypoint-replaces",
        {"compose.yaml": svc("entrypoint: [/argv, a1, a2]"), "b.yaml": "services:\n  web:\n    entrypoint: /argv b\n"},
        ("/argv", "b"),
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-command-null-resets",
        {"compose.yaml": svc("command: /argv a"), "b.yaml": "services:\n  web:\n    command: null\n"},
        IMG,
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-reset-command",
        {"compose.yaml": svc("command: /argv a"), "b.yaml": "services:\n  web:\n    command: !reset null\n"},
        IMG,
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-reset-entrypoint",
        {"compose.yaml": svc("entrypoint: [/argv, a]"), "b.yaml": "services:\n  web:\n    entrypoint: !reset []\n"},
        IMG,
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-entrypoint-empty-keeps-cmd",
        {"compose.yaml": svc("entrypoint: [/argv, a]"), "b.yaml": "services:\n  web:\n    entrypoint: []\n"},
        IMG_CMD,
        compose=("compose.yaml", "b.yaml"),
    ),
    Case(
        "merge-environment-merges",
        {
            "compose.yaml": svc("command: [/argv]", "environment: {A: a1, B: b1}"),
            "b.yaml": "services:\n  web:\n    environment:\n      - B=b2\n      - C=c2\n",
        },
        ("/argv", "img-ep", "/argv"),
        compose=("compose.yaml", "b.yaml"),
        env={"A": "a1", "B": "b2", "C": "c2"},
    ),
    Case(
        "merge-override-tag",
        {
            "compose.yaml": svc("command: [/argv, a]", "environment: {A: a1, B: b1}"),
            "b.yaml": "services:\n  web:\n    environment: !override\n      C: c2\n"
            "    command: !override [/argv, c]\n",
        },
        ("/argv", "img-ep", "/argv", "c"),
        compose=("compose.yaml", "b.yaml"),
        env={"C": "c2", "A": ABSENT, "B": ABSENT},
    ),
    # --- extends ---------------------------------------------------------------------------
    case(
        "extends-same-file",
        "services:\n"
        "  base:\n    image: cr-ec:1\n    network_mode: none\n    command: [/argv, from-base]\n"
        "  web:\n    extends: base\n    environment: {W: w}\n",
        ("/argv", "img-ep", "/argv", "from-base"),
        env={"W": "w"},
    ),
    Case(
        "extends-other-file",
        {
            "common.yaml": "services:\n  base:\n    image: cr-ec:1\n    network_mode: none\n"
            "    entrypoint: /argv common-ep\n    command: c\n",
            "compose.yaml": "services:\n  web:\n    extends:\n      file: common.yaml\n"
            "      service: base\n",
        },
        ("/argv", "common-ep", "c"),
    ),
    case(
        "extends-chain",
        "services:\n"
        "  base:\n    image: cr-ec:1\n    network_mode: none\n    command: [from-base]\n"
        "  mid:\n    extends: base\n    entrypoint: [/argv, from-mid]\n"
        "  web:\n    extends: mid\n    working_dir: /from-web\n",
        ("/argv", "from-mid", "from-base"),
        working_dir="/from-web",
    ),
    case(
        "extends-command-replaced",
        "services:\n"
        "  base:\n    image: cr-ec:1\n    network_mode: none\n    command: [/argv, a, b]\n"
        "  web:\n    extends: base\n    command: /argv c\n",
        ("/argv", "img-ep", "/argv", "c"),
    ),
    refused(
        "extends-missing-service",
        "services:\n  web:\n    extends: nope\n    image: cr-ec:1\n",
        "nope",
    ),
    # --- relative paths per file, multi-document files (§5.7) -----------------------------------
    Case(
        "extends-other-dir-paths",  # build and env_file relative to ext/, not the project
        {
            "compose.yaml": "services:\n  web:\n    extends:\n      file: ext/common.yaml\n"
            "      service: base\n    network_mode: none\n    command: [/argv, c]\n",
            "ext/common.yaml": "services:\n  base:\n    build: ./ctx\n    env_file: base.env\n",
            "ext/base.env": "FROM_EXT=1\n",
            "ext/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","ext-ep"]\n',
            "ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","wrong-dir"]\n',
        },
        ("/argv", "ext-ep", "/argv", "c"),
        env={"FROM_EXT": "1"},
    ),
    Case(
        "override-file-paths-from-project-dir",  # an -f override's paths: the project's
        {
            "compose.yaml": "services:\n  web:\n    image: cr-unused:1\n    network_mode: none\n",
            "sub/over.yaml": "services:\n  web:\n    build: ./ctx\n    env_file: o.env\n",
            "ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","project-ctx"]\n',
            "sub/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","sub-ctx"]\n',
            "o.env": "FROM_O=project\n",
            "sub/o.env": "FROM_O=sub\n",
        },
        ("/argv", "project-ctx"),
        compose=("compose.yaml", "sub/over.yaml"),
        env={"FROM_O": "project"},
    ),
    Case(
        "include-own-dir-and-env",  # sub/.env fills only what the main project leaves unset
        {
            "compose.yaml": "include:\n  - sub/compose.yaml\nservices:\n  web:\n"
            "    image: argvbase:1\n    network_mode: none\n",
            ".env": "A=main-a\n",
            "sub/.env": "A=sub-a\nB=sub-b\n",
            "sub/compose.yaml": "services:\n  inc:\n    build: ./ctx\n    network_mode: none\n"
            "    env_file: inc.env\n    command: [/argv, \"$A\", \"$B\"]\n",
            "sub/inc.env": "FROM_INC=1\n",
            "sub/ctx/Dockerfile": "FROM argvbase:1\nLABEL sub=1\n",
        },
        ("/argv", "main-a", "sub-b"),
        service="inc",
        env={"FROM_INC": "1"},
    ),
    Case(
        "extends-chain-across-dirs",  # each file's paths are its own, along the chain
        {
            "compose.yaml": "services:\n  web:\n    extends: {file: a/one.yaml, service: one}\n"
            "    network_mode: none\n",
            "a/one.yaml": "services:\n  one:\n    extends: {file: b/two.yaml, service: two}\n"
            "    env_file: one.env\n",
            "a/one.env": "FROM_ONE=1\n",
            "a/b/two.yaml": "services:\n  two:\n    build: ./ctx\n    command: [/argv, two]\n",
            "a/b/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","deep"]\n',
        },
        ("/argv", "deep", "/argv", "two"),
        env={"FROM_ONE": "1"},
    ),
    Case(
        "include-env-file-and-project-directory",
        {
            "compose.yaml": "include:\n  - path: sub/compose.yaml\n    env_file: inc.env\n"
            "    project_directory: other\nservices:\n  web:\n    image: argvbase:1\n"
            "    network_mode: none\n",
            "inc.env": "A=from-inc-env\n",
            "sub/.env": "A=not-this\n",
            "sub/compose.yaml": "services:\n  inc:\n    build: ./ctx\n    network_mode: none\n"
            '    command: [/argv, "$A"]\n',
            "other/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","other-ctx"]\n',
            "sub/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","sub-ctx"]\n',
        },
        ("/argv", "other-ctx", "/argv", "from-inc-env"),
        service="inc",
    ),
    case(
        "multi-document-merge",  # later documents merge over earlier ones, as -f files do
        svc("command: [/argv, first]", "environment: {A: a}", image=BASE)
        + "---\nservices:\n  web:\n    command: [/argv, second]\n    environment: {B: b}\n",
        ("/argv", "second"),
        env={"A": "a", "B": "b"},
    ),
    case(
        "multi-document-reset",
        svc("command: [/argv, first]", image=BASE) + "---\nservices:\n  web:\n"
        "    command: !reset null\n",
        FROM_CMD,
    ),
    refused(
        "multi-document-trailing-empty",
        svc(image=BASE) + "---\n",
        "top-level object must be a mapping",
    ),
    refused(
        "multi-document-schema-per-document",
        svc(image=BASE) + "---\nservices:\n  web:\n    comand: [/argv]\n",
        "comand",
    ),
    refused(
        "include-missing-file",
        "include:\n  - missing.yaml\nservices:\n  web:\n    image: argvbase:1\n"
        "    network_mode: none\n",
        "missing.yaml",
    ),
    refused(
        "build-dockerfile-missing",  # `config` accepts it; the build fails
        "services:\n  web:\n    build:\n      context: .\n      dockerfile: nope.Dockerfile\n"
        "    network_mode: none\n",
        "nope.Dockerfile",
        config_ok=True,
    ),
    refused(
        "extends-missing-file",
        "services:\n  web:\n    extends:\n      file: missing.yaml\n      service: base\n",
        "missing.yaml",
    ),
    # --- profiles ----------------------------------------------------------------------------
    case(
        "profile-disabled-not-a-result",
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"),
        ("/argv", "img-ep", "/argv", "web"),
        services=("web",),
    ),
    case(
        "profile-enabled-flag",
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"),
        ("/argv", "img-ep", "/argv", "dbg"),
        service="dbg",
        options=("--profile", "debug"),
        services=("dbg", "web"),
    ),
    case(
        "profile-enabled-env",
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"),
        ("/argv", "img-ep", "/argv", "dbg"),
        service="dbg",
        process_env={"COMPOSE_PROFILES": "debug"},
        services=("dbg", "web"),
    ),
    case(
        "profile-enabled-dotenv",  # COMPOSE_PROFILES read from .env as well (§5.8)
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"),
        ("/argv", "img-ep", "/argv", "dbg"),
        service="dbg",
        extra={".env": "COMPOSE_PROFILES=debug\n"},
        services=("dbg", "web"),
    ),
    case(
        "profile-star-and-list",
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"
            "  ops:\n    image: cr-ec:1\n    network_mode: none\n    profiles: [ops]\n"),
        ("/argv", "img-ep", "/argv", "dbg"),
        service="dbg",
        process_env={"COMPOSE_PROFILES": "nothing,debug"},
        services=("dbg", "web"),
    ),
    case(
        "profile-run-without-enabling",
        svc("command: [/argv, web]", more="  dbg:\n    image: cr-ec:1\n    network_mode: none\n"
            "    profiles: [debug]\n    command: [/argv, dbg]\n"),
        ("/argv", "img-ep", "/argv", "dbg"),
        service="dbg",
        run=("dbg",),
    ),
    # --- YAML 1.2, anchors, merge keys, x- ---------------------------------------------------
    case(
        "yaml12-yes-no-strings",
        svc("command: [/argv, yes, no, on, off, y, n, Yes, NO]", image=BASE),
        ("/argv", "yes", "no", "on", "off", "y", "n", "Yes", "NO"),
    ),
    refused("list-integer-item", svc("command: [sleep, 10]", image=BASE), "command"),
    refused("list-boolean-item", svc("command: [/argv, true]", image=BASE), "command"),
    refused("command-mapping", svc("command: {a: b}", image=BASE), "command"),
    case(
        "anchor-alias",
        svc("command: *cmd", image=BASE, top="x-cmd: &cmd [/argv, from-anchor]\n"),
        ("/argv", "from-anchor"),
    ),
    case(
        "merge-key",
        "x-base: &base\n  image: cr-ec:1\n  network_mode: none\n  entrypoint: [/argv, m]\n"
        "services:\n  web:\n    <<: *base\n    command: [c]\n",
        ("/argv", "m", "c"),
    ),
    case(
        "merge-key-list-first-wins",
        "x-a: &a\n  entrypoint: [/argv, from-a]\nx-b: &b\n  entrypoint: [/argv, from-b]\n"
        "  command: [from-b-cmd]\n"
        "services:\n  web:\n    <<: [*a, *b]\n    image: cr-ec:1\n    network_mode: none\n",
        ("/argv", "from-a", "from-b-cmd"),
    ),
    case(
        "merge-key-local-wins",
        "x-base: &base\n  image: cr-ec:1\n  network_mode: none\n  entrypoint: [/argv, m]\n"
        "services:\n  web:\n    <<: *base\n    entrypoint: [/argv, local]\n",
        ("/argv", "local"),
    ),
    case(
        "x-fields-ignored",
        svc("x-note: [/argv, not-me]", "command: [/argv, me]", image=BASE,
            top="x-top:\n  anything: 1\n"),
        ("/argv", "me"),
    ),
    refused("duplicate-key", svc("command: [/argv, a]", "command: [/argv, b]", image=BASE),
            "command"),
    refused("invalid-yaml", "services:\n  web:\n    image: [unclosed\n", "yaml"),
    refused("unknown-field", svc("comand: /argv x", image=BASE), "comand"),
    # --- the schema (§5.6): checked per file, after interpolation and extends -------------------
    refused("schema-depends-on-string", svc("depends_on: db", image=BASE), "depends_on"),
    refused("schema-init-integer", svc("init: 1", image=BASE), "init"),
    refused("schema-ports-not-list", svc("ports: 8080", image=BASE), "ports"),
    refused("schema-working-dir-number", svc("working_dir: 5", image=BASE), "working_dir"),
    refused("schema-build-unknown-key",
            "services:\n  web:\n    build:\n      contxt: .\n    network_mode: none\n",
            "contxt"),
    refused("schema-environment-list-value", svc("environment: {A: [1]}", image=BASE),
            "environment.a"),
    refused("schema-healthcheck-unknown-key", svc("healthcheck:", "  tst: [CMD, x]", image=BASE),
            "tst"),
    case(
        "extends-mapping-unknown-key-accepted",  # extends is applied before the schema check
        "services:\n  base:\n    image: cr-ec:1\n    network_mode: none\n"
        "    command: [/argv, base]\n  web:\n    extends: {service: base, fle: x.yaml}\n",
        ("/argv", "img-ep", "/argv", "base"),
    ),
    refused("schema-enum-cgroup", svc("cgroup: bogus", image=BASE), "cgroup"),
    refused(
        "schema-depends-on-condition-required",
        svc("depends_on: {db: {required: true}}", image=BASE,
            more="  db:\n    image: argvbase:1\n    network_mode: none\n"),
        "condition",
    ),
    refused(
        "schema-depends-on-condition-enum",
        svc("depends_on: {db: {condition: bogus}}", image=BASE,
            more="  db:\n    image: argvbase:1\n    network_mode: none\n"),
        "condition",
    ),
    refused("schema-service-name", "services:\n  we b:\n    image: argvbase:1\n", "we b"),
    case(
        "schema-interpolated-boolean",  # cast by Compose before the schema sees it
        svc("init: ${INIT}", "command: [/argv, i]"),
        ("/argv", "img-ep", "/argv", "i"),
        process_env={"INIT": "true"},
    ),
    case(
        "schema-x-fields-and-valid-types",
        "services:\n  web:\n    image: cr-ec:1\n    network_mode: none\n    x-svc: 1\n"
        "    depends_on: {db: {condition: service_started, x-d: 1}}\n"
        "    ports: [80, \"81:81\", {target: 82}]\n    environment: [A=1]\n"
        "    command: [/argv, ok]\n"
        "  db:\n    image: cr-ec:1\n    network_mode: none\n",
        ("/argv", "img-ep", "/argv", "ok"),
    ),
    # --- interpolation (§5.1 rule 5) ---------------------------------------------------------
    case(
        "interp-process-env",
        svc("command: /argv $V ${V} x${V}y", image=BASE),
        ("/argv", "val", "val", "xvaly"),
        process_env={"V": "val"},
    ),
    case(
        "interp-defaults",
        svc('command: ["/argv", "${U:-d1}", "${U-d2}", "${E:-d3}", "${E-d4}"]', image=BASE),
        ("/argv", "d1", "d2", "d3", ""),
        process_env={"E": ""},
    ),
    case(
        "interp-alternatives",
        svc('command: ["/argv", "${V:+a}", "${V+b}", "${U:+c}", "${U+d}", "${E:+e}", "${E+f}"]',
            image=BASE),
        ("/argv", "a", "b", "", "", "", "f"),
        process_env={"V": "val", "E": ""},
    ),
    case(
        "interp-empty-word-dropped",  # a string command: an empty expansion is no word
        svc("command: /argv ${E-d} x", image=BASE),
        ("/argv", "x"),
        process_env={"E": ""},
    ),
    case(
        "interp-nested",
        svc('command: ["/argv", "${U:-${V}}", "${U:-${W:-deep}}", "${V:+[${V}]}"]', image=BASE),
        ("/argv", "val", "deep", "[val]"),
        process_env={"V": "val"},
    ),
    case(
        "interp-dollar-dollar",
        svc('command: ["/argv", "$$V", "$${V}", "a$$$$b"]', image=BASE),
        ("/argv", "$V", "${V}", "a$$b"),
        process_env={"V": "val"},
    ),
    case(
        "interp-value-resplit",  # the value is split again, quotes included, not re-interpolated
        svc("command: /argv $V", image=BASE),
        ("/argv", "a", "b c", "$W"),
        process_env={"V": 'a "b c" $W', "W": "w"},
    ),
    case(
        "interp-list-not-split",
        svc('command: [/argv, "$V"]', image=BASE),
        ("/argv", 'a "b c"'),
        process_env={"V": 'a "b c"'},
    ),
    case(
        "interp-undefined-is-empty",
        svc("command: /argv x$NOPE y", image=BASE),
        ("/argv", "x", "y"),
    ),
    case(
        "dotenv-parsing",
        svc('command: ["/argv", "$A", "$B", "$C", "$D", "$E", "$F", "$G"]', image=BASE),
        ("/argv", "plain", "dq # not a comment", "sq $A", "unquoted", "l1\nl2", "plain-ref",
         "sp"),
        extra={
            ".env": "# a comment\nA=plain\nB=\"dq # not a comment\"\nC='sq $A'\n"
            "D=unquoted # a comment\nE=\"l1\\nl2\"\nF=${A}-ref\nexport G=sp\n",
        },
    ),
    case(
        "dotenv-process-env-wins",
        svc('command: ["/argv", "$A", "$B"]', image=BASE),
        ("/argv", "from-process", "from-dotenv"),
        extra={".env": "A=from-dotenv\nB=from-dotenv\n"},
        process_env={"A": "from-process"},
    ),
    case(
        "env-file-option",
        svc('command: ["/argv", "$A", "${B:-unset}"]', image=BASE),
        ("/argv", "from-other", "unset"),
        extra={".env": "A=from-dotenv\nB=from-dotenv\n", "other.env": "A=from-other\n"},
        options=("--env-file", "other.env"),
    ),
    refused("interp-required-error", svc("command: /argv ${NOPE:?must be set}", image=BASE),
            "must be set"),
    refused("interp-bad-substitution", svc("command: /argv ${V/a/b}", image=BASE),
            "invalid interpolation", process_env={"V": "a"}),
    # --- environment / env_file (never feed interpolation) ------------------------------------
    case(
        "environment-not-interpolation-source",
        svc('command: ["/argv", "x$FROM_ENV", "x$FROM_FILE"]', "environment: {FROM_ENV: e}",
            "env_file: app.env", image=BASE),
        ("/argv", "x", "x"),
        extra={"app.env": "FROM_FILE=f\n"},
        env={"FROM_ENV": "e", "FROM_FILE": "f"},
    ),
    case(
        "kube-syntax-literal",
        svc('command: ["/argv", "$(NAME)"]', "environment: {NAME: n}", image=BASE),
        ("/argv", "$(NAME)"),
        env={"NAME": "n"},
    ),
    case(
        "environment-precedence",
        svc("command: [/argv]", "env_file: [app.env]",
            "environment:", "  - SHARED=from-service", "  - NUM=1", "  - EMPTY=", "  - FROM_PROC",
            "  - UNSET_PROC"),
        ("/argv", "img-ep", "/argv"),
        extra={"app.env": "SHARED=from-file\nFILE_ONLY=file\nREF=$(SHARED)\n"},
        process_env={"FROM_PROC": "p"},
        env={
            "SHARED": "from-service",
            "NUM": "1",
            "EMPTY": "",
            "FROM_PROC": "p",
            "FILE_ONLY": "file",
            "REF": "$(SHARED)",
            "IMG_ONLY": "img",
            "PATH": DEFAULT_PATH,
            # a bare name not in the process env is sent as is, with no `=`: not dropped
            "UNSET_PROC": None,  # type: ignore[dict-item]
        },
    ),
    refused("env-file-missing", svc("env_file: missing.env", image=BASE), "missing.env"),
    # --- env_file long syntax (§5.9) ---------------------------------------------------------
    case(
        "env-file-required-false",
        svc("command: [/argv]", "env_file:", "  - path: missing.env", "    required: false",
            "  - path: app.env", "    required: true"),
        ("/argv", "img-ep", "/argv"),
        extra={"app.env": "FROM_APP=1\n"},
        env={"FROM_APP": "1"},
    ),
    refused(
        "env-file-required-default-true",
        svc("command: [/argv]", "env_file:", "  - path: missing.env", image=BASE),
        "missing.env",
    ),
    case(
        "env-file-format-raw",
        svc("command: [/argv]", "env_file:", "  - path: raw.env", "    format: raw"),
        ("/argv", "img-ep", "/argv"),
        extra={"raw.env": "A=\"quoted\"\nB=$X\nC=a # c\n# comment\nE= spaced \n\nG==x\n"
               "  H=ind\nFROM_PROC\nNOT_SET\n"},
        process_env={"X": "x", "FROM_PROC": "p"},
        env={"A": '"quoted"', "B": "$X", "C": "a # c", "E": " spaced ", "G": "=x", "H": "ind",
             "FROM_PROC": "p", "NOT_SET": ABSENT},
    ),
    refused(
        "env-file-format-raw-bad-name",
        svc("command: [/argv]", "env_file:", "  - path: raw.env", "    format: raw", image=BASE),
        "contains whitespaces",
        extra={"raw.env": "export D=1\n"},
    ),
    refused(
        "env-file-format-unknown",
        svc("command: [/argv]", "env_file:", "  - path: app.env", "    format: weird", image=BASE),
        "unsupported env_file format",
        extra={"app.env": "A=1\n"},
    ),
    # --- working_dir, user, init ------------------------------------------------------------------
    case("working-dir", svc("working_dir: /srv/app", "command: [/argv]"),
         ("/argv", "img-ep", "/argv"), working_dir="/srv/app"),
    case("image-working-dir", svc("command: [/argv]"), ("/argv", "img-ep", "/argv"),
         working_dir="/img-wd"),
    case("user", svc('user: "1234:5678"', "command: [/argv]"), ("/argv", "img-ep", "/argv"),
         user="1234:5678"),
    case("init-true", svc("init: true", "command: [/argv, i]"), ("/argv", "img-ep", "/argv", "i")),
    # --- build: (offline: FROM argvbase:1 only) -----------------------------------------------------
    case(
        "build-context-string",
        "services:\n  web:\n    build: ./app\n    network_mode: none\n",
        ("/argv", "built", "built-cmd"),
        extra={"app/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","built"]\nCMD ["built-cmd"]\n'},
    ),
    case(
        "build-dockerfile",
        "services:\n  web:\n    build:\n      context: .\n      dockerfile: other.Dockerfile\n"
        "    network_mode: none\n    command: c\n",
        ("/argv", "other", "c"),
        extra={"other.Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","other"]\nCMD ["x"]\n',
               "Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","wrong-file"]\n'},
    ),
    case(
        "build-target",
        "services:\n  web:\n    build:\n      context: .\n      target: first\n"
        "    network_mode: none\n",
        ("/argv", "first"),
        extra={"Dockerfile": 'FROM argvbase:1 AS first\nCMD ["/argv","first"]\n'
               'FROM argvbase:1 AS second\nCMD ["/argv","second"]\n'},
    ),
    case(
        "build-args",
        "services:\n  web:\n    build:\n      context: .\n      args:\n        MSG: from-args\n"
        "    network_mode: none\n",
        ("/bin/sh", "-c", "/argv $MSG"),
        printed=("/argv", "from-args"),
        env={"MSG": "from-args"},
        extra={"Dockerfile": "FROM argvbase:1\nARG MSG=default\nENV MSG=$MSG\nCMD /argv $MSG\n"},
    ),
    case(
        "build-with-image-name-and-empty-entrypoint",
        "services:\n  web:\n    build: .\n    image: cr-built-named:1\n    network_mode: none\n"
        "    entrypoint: []\n",
        ("/argv", "cmd-of-built"),
        extra={"Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","ep-of-built"]\n'
               'CMD ["/argv","cmd-of-built"]\n'},
    ),
    case(
        "build-dockerfile-inline",
        "services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n"
        "        FROM argvbase:1\n        ENTRYPOINT [\"/argv\",\"inline\"]\n"
        "    network_mode: none\n    command: /argv x && y\n",
        ("/argv", "inline", "/argv", "x"),
    ),
    # --- docker compose run (§5.3) ---------------------------------------------------------------
    case("run-args-replace-command", svc("command: [/argv, svc]"),
         ("/argv", "img-ep", "/argv", "r1", "r 2"), run=("web", "/argv", "r1", "r 2")),
    case("run-service-command", svc("command: [/argv, svc]"), ("/argv", "img-ep", "/argv", "svc"),
         run=("web",)),
    case("run-entrypoint-split", svc("command: [/argv, svc]"), ("/argv", "e1", "e 2"),
         run=("--entrypoint", "/argv e1 'e 2'", "web")),
    case("run-entrypoint-empty", svc("command: [/argv, svc]"), IMG_CMD,
         run=("--entrypoint", "", "web")),
    case("run-entrypoint-and-args", svc("command: [/argv, svc]"), ("/argv", "a", "b"),
         run=("--entrypoint", "/argv", "web", "a", "b")),
    case("run-entrypoint-cut", svc(), ("/argv", "a"),
         run=("--entrypoint", "/argv a && /argv b", "web")),
    case("run-dashdash-passed", svc("command: [/argv, svc]"),
         ("/argv", "img-ep", "--", "/argv", "x"), run=("web", "--", "/argv", "x")),
    case(
        "run-args-not-interpolated",
        svc("command: [/argv, svc]"),
        ("/argv", "img-ep", "/argv", "$V", "${V}", "$$V"),
        run=("web", "/argv", "$V", "${V}", "$$V"),
        process_env={"V": "val"},
    ),
    case(
        "run-env-workdir-user",
        svc("command: [/argv, svc]", "environment: {A: svc, KEEP: k}"),
        ("/argv", "img-ep", "/argv", "svc"),
        run=("-e", "A=run", "-e", "B=b", "-w", "/run-wd", "-u", "4321", "web"),
        env={"A": "run", "B": "b", "KEEP": "k"},
        working_dir="/run-wd",
        user="4321",
    ),
    refused("run-unknown-service", svc(), "nope", run=("nope",)),
    # --- the compose line's own globals and COMPOSE_* variables (§5.8) ---------------------------
    Case(
        "run-line-files",
        {
            "base.yaml": svc("command: [/argv, base]"),
            "over.yaml": "services:\n  web:\n    command: [/argv, over]\n",
            "compose.yaml": svc("command: [/argv, wrong-file]"),
        },
        ("/argv", "img-ep", "/argv", "over"),
        globals=("-f", "base.yaml", "--file=over.yaml"),
        run=("web",),
    ),
    Case(
        "run-line-default-file",
        {"compose.yaml": svc("command: [/argv, default]")},
        ("/argv", "img-ep", "/argv", "default"),
        globals=(),
        run=("web",),
    ),
    Case(
        "run-line-project-name",
        {"compose.yaml": svc("command: [/argv, p]")},
        ("/argv", "img-ep", "/argv", "p"),
        globals=("-p", "crp-named-by-flag"),
        project="crp-named-by-flag",
        run=("web",),
        process_env={"COMPOSE_PROJECT_NAME": "crp-not-this"},
    ),
    Case(
        "run-line-env-file",
        {"compose.yaml": svc('command: [/argv, "$A"]'), ".env": "A=dotenv\n", "o.env": "A=other\n"},
        ("/argv", "img-ep", "/argv", "other"),
        globals=("--env-file", "o.env"),
        run=("web",),
    ),
    Case(
        "run-line-project-directory",
        {
            "sub/compose.yaml": "services:\n  web:\n    build: ./ctx\n    network_mode: none\n"
            '    command: [/argv, "$A"]\n',
            "sub/.env": "A=sub-dotenv\n",
            ".env": "A=cwd-dotenv\n",
            "sub/ctx/Dockerfile": 'FROM argvbase:1\nENTRYPOINT ["/argv","sub-ctx"]\n',
        },
        ("/argv", "sub-ctx", "/argv", "sub-dotenv"),
        globals=("--project-directory", "sub", "-f", "sub/compose.yaml"),
        project="sub",  # the project directory's name (`config` says so)
        run=("web",),
    ),
    Case(
        "compose-file-variable",
        {
            "a.yaml": svc("command: [/argv, a]"),
            "b.yaml": "services:\n  web:\n    entrypoint: [/argv, b]\n",
        },
        ("/argv", "b", "/argv", "a"),
        globals=(),
        run=("web",),
        process_env={"COMPOSE_FILE": "a.yaml:b.yaml"},
    ),
    Case(
        "compose-file-separator",
        {
            "a.yaml": svc("command: [/argv, a]"),
            "b.yaml": "services:\n  web:\n    entrypoint: [/argv, b]\n",
        },
        ("/argv", "b", "/argv", "a"),
        globals=(),
        run=("web",),
        process_env={"COMPOSE_FILE": "a.yaml;b.yaml", "COMPOSE_PATH_SEPARATOR": ";"},
    ),
    Case(
        "compose-file-in-dotenv",
        {"a.yaml": svc("command: [/argv, from-a]"), ".env": "COMPOSE_FILE=a.yaml\n"},
        ("/argv", "img-ep", "/argv", "from-a"),
        globals=(),
        run=("web",),
    ),
    Case(
        "compose-file-with-project-directory",  # .env from sub/, its paths from the cwd
        {
            "a.yaml": svc("command: [/argv, from-cwd]"),
            "sub/a.yaml": svc("command: [/argv, from-sub]"),
            "sub/.env": "COMPOSE_FILE=a.yaml\n",
            ".env": "COMPOSE_FILE=sub/a.yaml\n",
        },
        ("/argv", "img-ep", "/argv", "from-cwd"),
        globals=("--project-directory", "sub"),
        project="sub",
        run=("web",),
    ),
    Case(
        "compose-project-name-in-dotenv",
        {"compose.yaml": svc("command: [/argv, n]"), ".env": "COMPOSE_PROJECT_NAME=crp-dotenv\n"},
        ("/argv", "img-ep", "/argv", "n"),
        project="crp-dotenv",
        run=("web",),
    ),
    case(
        "run-env-name-from-process",
        svc("command: [/argv, svc]"),
        ("/argv", "img-ep", "/argv", "svc"),
        run=("-e", "FROM_PROC", "-e", "FROM_DOTENV", "-e", "NOT_SET", "web"),
        process_env={"FROM_PROC": "p"},
        extra={".env": "FROM_DOTENV=d\n"},
        env={"FROM_PROC": "p", "FROM_DOTENV": "d", "NOT_SET": ABSENT},
    ),
    case(
        "run-env-from-file",
        svc("command: [/argv, svc]", "environment: {A: svc, B: svc}"),
        ("/argv", "img-ep", "/argv", "svc"),
        run=("--env-from-file", "run.env", "-e", "B=flag", "web"),
        extra={"run.env": "A=file\nB=file\nC=file\n"},
        env={"A": "file", "B": "flag", "C": "file"},
    ),
)

PARAMS = [pytest.param(c, id=c.id) for c in CASES]
CREATED = [pytest.param(c, id=c.id) for c in CASES if c.expect is not None]
REFUSED = [pytest.param(c, id=c.id) for c in CASES if c.expect is None and c.error != NO_COMMAND]
NOT_CREATED = [pytest.param(c, id=c.id) for c in CASES if c.error == NO_COMMAND]


# --- the engine half -------------------------------------------------------------------------


@dataclass
class Observation:
    project: str
    directory: Path
    returncode: int
    stderr: str
    path: str | None = None
    args: tuple[str, ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict)  # the container's Config
    printed: str = ""
    start_rc: int | None = None
    model: Mapping[str, Any] | None = None  # config --format json
    model_error: str | None = None
    services: tuple[str, ...] | None = None  # config --services
    init: bool = False  # HostConfig.Init: docker-init is PID 1

    @property
    def argv(self) -> tuple[str, ...] | None:
        return None if self.path is None else (self.path, *self.args)

    def env(self) -> dict[str, str | None]:
        return env_dict(self.config.get("Env") or ())


def env_dict(entries: Sequence[str]) -> dict[str, str | None]:
    """KEY=VALUE entries as a dict; an entry without `=` (Compose sends those) maps to None."""
    pairs = [entry.partition("=") for entry in entries]
    return {key: (value if eq else None) for key, eq, value in pairs}


class Compose:
    """The real binary against the private dockerd, one project directory per case."""

    def __init__(self, engine: Any, binary: Path, root: Path) -> None:
        self.engine = engine
        self.binary = binary
        self.root = root
        self.images: set[str] = set()

    def env(self, case: Case) -> dict[str, str]:
        return {
            "DOCKER_HOST": self.engine.env["DOCKER_HOST"],
            "DOCKER_CONFIG": self.engine.env["DOCKER_CONFIG"],
            **case.process_env,
        }

    def __call__(self, case: Case, directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
        files = [w for f in case.compose for w in ("-f", f)]
        if case.globals is not None:
            files = list(case.globals)
        return subprocess.run(
            [str(self.binary), *files, *case.options, *args],
            cwd=directory,
            env=self.env(case),
            capture_output=True,
            text=True,
            timeout=COMPOSE_TIMEOUT,
            check=False,
        )

    def containers(self, project: str) -> list[str]:
        out = self.engine.docker(
            "ps", "-aq", "--filter", f"label=com.docker.compose.project={project}"
        ).stdout
        return out.split()

    def observe(self, case: Case) -> Observation:
        project = case.project or f"cr-{case.id}-{uuid.uuid4().hex[:6]}".lower()
        directory = self.root / f"cr-{case.id}-{uuid.uuid4().hex[:6]}".lower()
        if case.project is None:
            directory = self.root / project
        write_project(case, directory)
        try:
            return self._observe(case, project, directory)
        finally:
            ids = self.containers(project)
            if ids:
                for info in json.loads(self.engine.docker("inspect", *ids).stdout):
                    self.images.add(info["Image"])
                self.engine.docker("rm", "-f", *ids, check=False)

    def _observe(self, case: Case, project: str, directory: Path) -> Observation:
        model = self(case, directory, "config", "--format", "json")
        listed = self(case, directory, "config", "--services")
        if case.run is not None:
            name = f"{project}-run"
            proc = self(case, directory, "run", "--no-deps", "-T", "--name", name, *case.run)
            target = name if proc.returncode == 0 or self.containers(project) else None
        else:
            proc = self(case, directory, "create", case.service)
            target = None
            if proc.returncode == 0:
                found = self.engine.docker(
                    "ps", "-aq",
                    "--filter", f"label=com.docker.compose.project={project}",
                    "--filter", f"label=com.docker.compose.service={case.service}",
                ).stdout.split()
                assert len(found) == 1, (found, proc.stderr)
                target = found[0]
        obs = Observation(project, directory, proc.returncode, proc.stderr)
        if model.returncode == 0:
            obs.model = json.loads(model.stdout)
            obs.services = tuple(sorted(listed.stdout.split()))
        else:
            obs.model_error = model.stderr
        if target is None or (case.run is None and proc.returncode != 0):
            return obs
        info = json.loads(self.engine.docker("container", "inspect", target).stdout)[0]
        obs.path = info["Path"]
        obs.args = tuple(info["Args"] or ())
        obs.config = info["Config"]
        obs.init = bool(info["HostConfig"].get("Init"))
        if case.run is not None:
            obs.printed = proc.stdout
            obs.start_rc = proc.returncode
        else:
            started = self.engine.docker("start", "-a", target, check=False, timeout=60)
            obs.printed = started.stdout
            obs.start_rc = started.returncode
        return obs


def write_project(case: Case, directory: Path) -> None:
    for name, text in case.files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())


Observations = dict[str, Observation | BaseException]


@pytest.fixture(scope="module")
def images(engine: Any) -> dict[str, str]:
    """The images the `image:` cases name, built once; REF -> its `docker image inspect` file."""
    engine.build(EC_DOCKERFILE, BUILDER, tag=EC)
    return {
        BASE: str(engine.base_inspect),
        EC: str(engine.save_inspect(EC, engine.workdir / "cr-ec.json")),
    }


@pytest.fixture(scope="module")
def compose(
    engine: Any, compose_bin: Path, images: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Any:
    runner = Compose(engine, compose_bin, tmp_path_factory.mktemp("compose"))
    yield runner
    if runner.images:
        engine.docker("rmi", "-f", *sorted(runner.images - {BASE}), check=False)


@pytest.fixture(scope="module")
def observations(compose: Compose, request: pytest.FixtureRequest) -> Observations:
    """Every selected case, observed up front a few at a time."""
    wanted: dict[str, Case] = {}
    for item in request.session.items:
        params = getattr(item, "callspec", None)
        c = params.params.get("case") if params is not None else None
        if isinstance(c, Case):
            wanted[c.id] = c
    cache: Observations = {}

    def observe_one(c: Case) -> None:
        try:
            cache[c.id] = compose.observe(c)
        except Exception as exc:  # raised in the test that needs it
            cache[c.id] = exc

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(observe_one, wanted.values()))
    return cache


def observe(compose: Compose, cache: Observations, c: Case) -> Observation:
    if c.id not in cache:
        cache[c.id] = compose.observe(c)
    found = cache[c.id]
    if isinstance(found, BaseException):
        raise found
    return found


def test_case_ids_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 60


@pytest.mark.parametrize("case", PARAMS)
def test_engine_ground_truth(compose: Compose, observations: Observations, case: Case) -> None:
    """The real Compose + dockerd do what the table (SEMANTICS §5, measured) says."""
    obs = observe(compose, observations, case)
    if case.error == NO_COMMAND:  # compose accepts it; the daemon refuses the create
        assert obs.model is not None, obs.model_error
        assert obs.returncode != 0 and NO_COMMAND in obs.stderr.lower(), obs.stderr
        return
    if case.expect is None:
        assert obs.returncode != 0, f"compose accepted it: {obs.argv}"
        assert case.error is not None
        assert case.error.lower() in obs.stderr.lower(), obs.stderr
        assert obs.path is None
        return
    assert obs.returncode == 0, obs.stderr
    assert obs.argv == case.expect, obs.stderr
    printed = case.expect if case.printed is None else case.printed
    if printed:
        assert obs.start_rc == 0, obs.printed
        # `run` may print the build's progress first: the argv is the JSON line
        lines = [ln for ln in obs.printed.strip().splitlines() if ln.startswith("[")]
        assert lines, obs.printed
        assert tuple(json.loads(lines[0])) == printed, obs.printed
    else:
        assert obs.start_rc != 0, obs.printed  # not a program: the exec fails
    env = obs.env()
    for key, value in case.env.items():
        if value == ABSENT:
            assert key not in env, env
        else:
            assert env.get(key) == value, env
    if case.working_dir is not None:
        assert obs.config.get("WorkingDir") == case.working_dir
    if case.user is not None:
        assert obs.config.get("User") == case.user
    if case.services is not None:
        assert obs.services == case.services


def _unescape(words: Sequence[str] | None) -> list[str] | None:
    return None if words is None else [w.replace("$$", "$") for w in words]


@pytest.mark.parametrize("case", [p for p in CREATED if p.values[0].run is None])
def test_config_matches_create(compose: Compose, observations: Observations, case: Case) -> None:
    """``config --format json`` holds what ``create`` sent: a non-empty field is the Config's."""
    obs = observe(compose, observations, case)
    assert obs.model is not None, obs.model_error
    service = obs.model["services"][case.service]
    for key, config_key in (("entrypoint", "Entrypoint"), ("command", "Cmd")):
        words = _unescape(service.get(key))
        if words:
            assert obs.config.get(config_key) == words, (key, service.get(key), obs.config)
    assert obs.model["name"] == obs.project


@pytest.mark.parametrize(
    "case", [p for p in REFUSED if p.values[0].run is None and not p.values[0].config_ok]
)
def test_config_refuses_too(compose: Compose, observations: Observations, case: Case) -> None:
    obs = observe(compose, observations, case)
    assert obs.model is None
    assert obs.model_error


def test_init_is_pid1(compose: Compose, observations: Observations) -> None:
    """``init: true``: inspect shows the program, but PID 1 is docker-init (HostConfig.Init)."""
    c = next(c for c in CASES if c.id == "init-true")
    obs = observe(compose, observations, c)
    info = json.loads(compose.engine.docker("image", "inspect", EC).stdout)[0]
    assert info["Config"]["Entrypoint"] == ["/argv", "img-ep"]
    assert obs.argv == c.expect
    assert obs.init


# --- the cmdresolve half -----------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    returncode: int
    stdout: str
    stderr: str

    def results(self) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = json.loads(self.stdout)["results"]
        return results


def cmdresolve(case: Case, directory: Path, images: Mapping[str, str]) -> Predicted:
    args: list[str] = [*case.compose, *case.options]
    if case.globals is not None:
        args = [*case.options]
    for ref, path in images.items():
        args += ["--image", f"{ref}={path}"]
    if case.run is not None:
        line = ["docker", "compose", *(case.globals or ()), "run", *case.run]
        args += ["--run", shlex.join(line)]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "200",
        **case.process_env,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "cmdresolve", *args, "-o", "json"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Predicted(proc.returncode, proc.stdout, proc.stderr)


INIT = "/sbin/docker-init"
RUN_ERROR_LINE = re.compile(r"^(?:cmdresolve: )?--run: \S")
# Where cmdresolve (main, after the Compose merge) and the real Compose disagree, found
# by this suite: (case id, test) -> what differs. Strict xfails: each one turns into a
# failure the day it is fixed, and is then removed from here.
KNOWN_DIVERGENCES: dict[tuple[str, str], str] = {}


def known_divergence(request: pytest.FixtureRequest, case_id: str, test: str) -> None:
    reason = KNOWN_DIVERGENCES.get((case_id, test))
    if reason is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"known divergence: {reason}"))


def result_for(got: Predicted, case: Case, obs: Observation) -> dict[str, Any]:
    assert got.returncode in (0, 1), got.stderr
    results = got.results()
    for r in results:
        assert r["runtime"] == "compose", r
        assert r["container_type"] == "service", r
        assert r["workload"] == obs.project, r
    if case.run is not None:
        assert len(results) == 1, results
    else:
        names = [r["container"] for r in results]
        assert len(names) == len(set(names)), names
        if obs.services is not None:
            assert sorted(names) == list(obs.services), names
    mine = [r for r in results if r["container"] == case.service]
    assert len(mine) == 1, results
    return mine[0]


@pytest.mark.parametrize("case", CREATED)
def test_cmdresolve_argv(
    compose: Compose,
    observations: Observations,
    images: dict[str, str],
    case: Case,
    request: pytest.FixtureRequest,
) -> None:
    """cmdresolve says the argv the real Compose made the container with, token for token."""
    obs = observe(compose, observations, case)
    assert obs.argv is not None, obs.stderr
    known_divergence(request, case.id, "argv")
    expected = list(obs.argv)
    if obs.init:
        # As for `docker run --init` (test_engine_argv.py): the inspect hides docker-init,
        # cmdresolve's argv is what PID 1 runs (SEMANTICS §5.5).
        expected = [INIT, "--", *expected]
    got = cmdresolve(case, obs.directory, images)
    detail = f"engine {expected!r}; cmdresolve exit {got.returncode}: {got.stderr.strip()[:300]}"
    result = result_for(got, case, obs)
    assert result["error"] is None, detail
    assert result["argv"] == expected, detail


@pytest.mark.parametrize("case", CREATED)
def test_cmdresolve_env_workdir_user(
    compose: Compose,
    observations: Observations,
    images: dict[str, str],
    case: Case,
    request: pytest.FixtureRequest,
) -> None:
    """The predicted env, working directory and user are the Config dockerd made."""
    obs = observe(compose, observations, case)
    known_divergence(request, case.id, "env")
    got = cmdresolve(case, obs.directory, images)
    detail = f"engine env {obs.env()!r}; cmdresolve exit {got.returncode}: {got.stderr.strip()[:300]}"
    result = result_for(got, case, obs)
    assert result["env"] == obs.env(), detail
    assert result["working_dir"] == (obs.config.get("WorkingDir") or "/"), detail
    assert (result["user"] or "") == (obs.config.get("User") or ""), detail


@pytest.mark.parametrize("case", REFUSED)
def test_cmdresolve_refuses(
    compose: Compose,
    observations: Observations,
    images: dict[str, str],
    case: Case,
    request: pytest.FixtureRequest,
) -> None:
    """What Compose refuses, cmdresolve refuses: exit 2 and a ``file:line: message`` line."""
    obs = observe(compose, observations, case)
    assert obs.returncode != 0
    known_divergence(request, case.id, "refuses")
    got = cmdresolve(case, obs.directory, images)
    detail = f"compose said {obs.stderr.strip()!r}; cmdresolve exit {got.returncode}: {got.stderr!r}"
    assert got.returncode == 2, detail
    lines = [m for m in map(ERROR_LINE.match, got.stderr.splitlines()) if m]
    assert lines or case.run is not None, detail
    known = {Path(f).name for f in case.files}
    if case.run is not None:  # an error in the run line itself: `--run: message` will do
        lines = lines or [m for m in map(RUN_ERROR_LINE.match, got.stderr.splitlines()) if m]
        assert lines, detail
    else:
        assert any(Path(m["file"]).name in known for m in lines), detail
    assert "Traceback" not in got.stderr


@pytest.mark.parametrize("case", NOT_CREATED)
def test_cmdresolve_no_command(
    compose: Compose,
    observations: Observations,
    images: dict[str, str],
    case: Case,
    request: pytest.FixtureRequest,
) -> None:
    """Compose accepts it but dockerd refuses the create: argv null and exit 1."""
    obs = observe(compose, observations, case)
    known_divergence(request, case.id, "no-command")
    got = cmdresolve(case, obs.directory, images)
    detail = f"engine {obs.stderr.strip()!r}; cmdresolve exit {got.returncode}: {got.stderr!r}"
    assert got.returncode == 1, detail
    result = result_for(got, case, obs)
    assert result["argv"] is None, detail
    assert result["error"] is not None, detail


# --- the lab: examples/webapp-color/compose.yaml ----------------------------------------------

LAB = ROOT / "examples" / "webapp-color"
# What the real Compose runs for each lab service (the comments in the file say the same).
LAB_ARGV = {
    "webapp-color": ("python", "app.py", "--color", "green"),
    "ubuntu-sleeper": ("sleep", "10"),
    "ubuntu-sleeper-entrypoint": ("sleep2.0", "10"),
    "django": ("python", "manage.py", "migrate"),  # the && trap: runserver is cut off
}
# Offline stand-ins for the lab's base images: busybox plus a pip that does nothing.
STUB_PYTHON = "FROM argvbase:1\nRUN printf '#!/bin/sh\\nexit 0\\n' > /bin/pip && chmod +x /bin/pip\n"


@pytest.fixture(scope="module")
def lab_observed(compose: Compose, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    engine = compose.engine
    engine.build(STUB_PYTHON, BUILDER, tag="python:3.6-alpine")
    # No ENTRYPOINT, like the real python:3.6-alpine: cmdresolve is told so.
    stub_inspect = engine.save_inspect("python:3.6-alpine", engine.workdir / "stub-python.json")
    engine.build("FROM argvbase:1\nLABEL stub=ubuntu\n", BUILDER, tag="ubuntu:latest")
    directory = tmp_path_factory.mktemp("lab") / "webapp-color"
    shutil.copytree(LAB, directory)
    services = yaml.safe_load((LAB / "compose.yaml").read_text())["services"]
    offline = {
        name: {"network_mode": "none", **({"build": {"network": "none"}} if "build" in body else {})}
        for name, body in services.items()
    }
    (directory / "offline.yaml").write_text(yaml.safe_dump({"services": offline}))
    lab = Case("lab", {}, None, compose=("compose.yaml", "offline.yaml"))
    seen: dict[str, Any] = {"stub": str(stub_inspect)}
    try:
        for name in services:
            proc = compose(lab, directory, "create", name)
            assert proc.returncode == 0, proc.stderr
        for name in services:
            info = json.loads(engine.docker("inspect", f"webapp-color-{name}-1").stdout)[0]
            seen[name] = (info["Path"], *info["Args"])
    finally:
        ids = compose.containers("webapp-color")
        if ids:
            for info in json.loads(engine.docker("inspect", *ids).stdout):
                compose.images.add(info["Image"])
            engine.docker("rm", "-f", *ids, check=False)
        engine.docker("rmi", "python:3.6-alpine", "ubuntu:latest", check=False)
    return seen


def test_lab_compose_engine(lab_observed: dict[str, Any]) -> None:
    """The lab file's services run what LAB_ARGV says, on the real Compose."""
    assert {k: v for k, v in lab_observed.items() if k in LAB_ARGV} == LAB_ARGV


def test_lab_compose_cmdresolve(lab_observed: dict[str, Any]) -> None:
    """cmdresolve on the lab file, as a user runs it there, says the same argv per service."""
    got = subprocess.run(
        [sys.executable, "-m", "cmdresolve", "compose.yaml", "-o", "json",
         "--image", f"python:3.6-alpine={lab_observed['stub']}"],
        cwd=LAB,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    results = json.loads(got.stdout)["results"]
    assert {r["container"]: tuple(r["argv"] or ()) for r in results} == LAB_ARGV, got.stderr
    assert [r["container"] for r in results] == list(LAB_ARGV)  # file order
