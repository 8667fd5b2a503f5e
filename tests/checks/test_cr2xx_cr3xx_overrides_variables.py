"""CR2xx (overrides) and CR3xx (variables and quoting): catches and catches-not.

Every case runs the real pipeline (``cmdresolve.api.resolve``) on a Dockerfile, a pod
manifest and/or a ``docker run`` line written for the test, then one rule's check.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.checks import (
    cr201_entrypoint_flag_drops_cmd as cr201,
)
from cmdresolve.checks import (
    cr202_entrypoint_with_spaces as cr202,
)
from cmdresolve.checks import (
    cr203_command_replaces_entrypoint as cr203,
)
from cmdresolve.checks import (
    cr204_command_drops_image_cmd as cr204,
)
from cmdresolve.checks import (
    cr205_program_is_a_flag as cr205,
)
from cmdresolve.checks import (
    cr206_command_line_in_one_element as cr206,
)
from cmdresolve.checks import (
    cr207_shell_operator_as_argument as cr207,
)
from cmdresolve.checks import (
    cr301_shell_variable_not_expanded as cr301,
)
from cmdresolve.checks import (
    cr302_kubernetes_variable_left_literal as cr302,
)
from cmdresolve.checks.rule import SECTIONS, Rule
from cmdresolve.model import Span
from cmdresolve.render.phrases import finding_message

MODULES = (cr201, cr202, cr203, cr204, cr205, cr206, cr207, cr301, cr302)

# The container's own lines start at line 9 of the manifest: `    command: [` puts the
# first item at column 15, `    args: [` at column 12.
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: app
"""


def findings(
    module: ModuleType,
    tmp_path: Path,
    dockerfile: str | None = None,
    pod: str | None = None,
    run: str | None = None,
) -> list[Shown]:
    files = []
    if dockerfile is not None:
        (tmp_path / "Dockerfile").write_text(dockerfile)
        files.append(str(tmp_path / "Dockerfile"))
    if pod is not None:
        (tmp_path / "pod.yaml").write_text(POD + pod)
        files.append(str(tmp_path / "pod.yaml"))
    [result] = resolve(files, Options(run=run))
    return [
        Shown(f.code, f.name, f.severity, finding_message(f), f.span)
        for f in Rule.of(module).check(result)
    ]


def at(tmp_path: Path, name: str, line: int | None, col: int | None) -> Span:
    file = name if name == "--run" else str(tmp_path / name)
    return Span(file, line, col, line if name == "Dockerfile" else None)


class Shown(NamedTuple):
    """A finding as the user reads it."""

    code: str
    name: str
    severity: str
    message: str
    span: Span | None


def one(module: ModuleType, message: str, span: Span) -> list[Shown]:
    return [Shown(module.CODE, module.NAME, module.SEVERITY, message, span)]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.CODE)
def test_rule_metadata_and_doc_sections(module: ModuleType) -> None:
    rule = Rule.of(module)
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.severity in ("error", "warning", "info")
    assert [line[3:] for line in rule.doc.splitlines() if line.startswith("## ")] == list(SECTIONS)


# CR201 entrypoint-flag-drops-cmd

WRAPPED = 'FROM scratch\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n'


def test_cr201_catches_the_image_cmd_dropped(tmp_path: Path) -> None:
    got = findings(cr201, tmp_path, WRAPPED, run="docker run --entrypoint nginx-debug img")
    assert got == one(
        cr201,
        "--entrypoint 'nginx-debug' with no arguments after the image: the image CMD "
        "['nginx', '-g', 'daemon off;'] is not passed, so the argv is just ['nginx-debug']; "
        "put the arguments after the image name",
        at(tmp_path, "--run", None, 25),
    )


@pytest.mark.parametrize(
    ("dockerfile", "run"),
    [
        (WRAPPED, "docker run --entrypoint nginx-debug img -g 'daemon off;'"),  # arguments given
        (WRAPPED, "docker run img"),  # no --entrypoint
        (WRAPPED, "docker run --entrypoint '' img"),  # a reset: nothing runs (CR901)
        ('FROM scratch\nENTRYPOINT ["/app"]\n', "docker run --entrypoint /bin/sh img"),  # no CMD
        ('FROM scratch\nCMD []\n', "docker run --entrypoint /bin/sh img"),  # CMD set empty
    ],
)
def test_cr201_catches_not(tmp_path: Path, dockerfile: str, run: str) -> None:
    assert findings(cr201, tmp_path, dockerfile, run=run) == []


# CR202 entrypoint-with-spaces


def test_cr202_catches_entrypoint_with_a_space(tmp_path: Path) -> None:
    got = findings(
        cr202, tmp_path, 'FROM scratch\nCMD ["x"]\n', run='docker run --entrypoint "sleep 10" img'
    )
    assert got == one(
        cr202,
        "--entrypoint 'sleep 10' becomes one argv element: Docker looks for a program literally "
        "named 'sleep 10', not 'sleep' with the arguments ['10'], and the exec fails",
        at(tmp_path, "--run", None, 25),
    )


@pytest.mark.parametrize(
    "run",
    [
        "docker run --entrypoint sleep img 10",
        "docker run img 'sleep 10'",  # a program with spaces, but not from --entrypoint (CR206)
        "docker run --entrypoint /bin/echo img 'a b'",
    ],
)
def test_cr202_catches_not(tmp_path: Path, run: str) -> None:
    assert findings(cr202, tmp_path, 'FROM scratch\nCMD ["x"]\n', run=run) == []


# CR203 command-replaces-entrypoint

POSTGRES = 'FROM scratch\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n'


def test_cr203_catches_an_entrypoint_nothing_is_known_about_as_info(tmp_path: Path) -> None:
    got = findings(cr203, tmp_path, POSTGRES, '    command: ["postgres", "-c", "x=1"]\n')
    assert got == [
        Shown(
            "CR203",
            "command-replaces-entrypoint",
            "info",
            "command replaces the image ENTRYPOINT ['docker-entrypoint.sh']: argv starts with "
            "'postgres' and 'docker-entrypoint.sh' never runs (command is Docker's ENTRYPOINT; "
            "args is its CMD)",
            at(tmp_path, "pod.yaml", 9, 15),
        )
    ]


def test_cr203_warns_when_the_catalog_says_the_entrypoint_prepares_the_container(
    tmp_path: Path,
) -> None:
    pod = POD.replace("image: app", "image: postgres:16") + '    command: ["postgres"]\n'
    (tmp_path / "pod.yaml").write_text(pod)
    [result] = resolve([str(tmp_path / "pod.yaml")])
    [finding] = Rule.of(cr203).check(result)
    assert (finding.severity, finding_message(finding)) == (
        "warning",
        "command replaces the image ENTRYPOINT ['docker-entrypoint.sh'], a script that "
        "prepares the container before it execs its arguments (the catalog records it): argv "
        "starts with 'postgres', so that preparation never happens; put the program in args "
        "to keep it (command is Docker's ENTRYPOINT; args is its CMD)",
    )


@pytest.mark.parametrize(
    ("image", "command", "severity"),
    [
        ("node:20", '["node", "server.js"]', "info"),  # its script only picks the program
        ("postgres:16-alpine", '["postgres"]', "warning"),
        ("mysql:8.4", '["mysqld"]', "warning"),
        ("mariadb:11.8", '["mariadbd"]', "warning"),
        ("mongo:8", '["mongod"]', "warning"),
        ("redis:7", '["redis-server"]', "warning"),  # it drops root
        ("nginx:1.27", '["nginx", "-g", "daemon off;"]', "warning"),  # /docker-entrypoint.d
        ("php:8.3-apache", '["apache2-foreground"]', "info"),
        ("traefik:3", '["traefik"]', "info"),
        ("wordpress:cli", '["wp", "shell"]', "info"),
        ("wordpress:6", '["apache2-foreground"]', "warning"),
    ],
)
def test_cr203_severity_follows_what_the_catalogued_entrypoint_does(
    tmp_path: Path, image: str, command: str, severity: str
) -> None:
    pod = POD.replace("image: app", f"image: {image}") + f"    command: {command}\n"
    (tmp_path / "pod.yaml").write_text(pod)
    [result] = resolve([str(tmp_path / "pod.yaml")])
    assert [f.severity for f in Rule.of(cr203).check(result)] == [severity]


@pytest.mark.parametrize(
    ("dockerfile", "severity"),
    [
        ("FROM postgres:16\nCOPY x /x\n", "warning"),  # the ENTRYPOINT is inherited
        ('FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\n', "warning"),  # the same one
        ('FROM postgres:16\nENTRYPOINT ["/my-entrypoint.sh"]\n', "info"),  # another script
        ('FROM scratch\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["/app"]\n', "warning"),  # an init
        ('FROM scratch\nENTRYPOINT ["dumb-init"]\nCMD ["/app"]\n', "warning"),
    ],
)
def test_cr203_severity_of_a_built_image(tmp_path: Path, dockerfile: str, severity: str) -> None:
    got = findings(cr203, tmp_path, dockerfile, '    command: ["/app"]\n')
    assert [f.severity for f in got] == [severity]


def test_cr203_says_the_init_is_lost(tmp_path: Path) -> None:
    dockerfile = 'FROM scratch\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["/app"]\n'
    [finding] = findings(cr203, tmp_path, dockerfile, '    command: ["/app", "-v"]\n')
    assert finding.message == (
        "command replaces the image ENTRYPOINT ['/sbin/tini', '--']: argv starts with '/app', "
        "so the init '/sbin/tini' never runs and '/app' is PID 1 itself, with nothing to reap "
        "zombies or pass on signals; put the program in args to keep the init (command is "
        "Docker's ENTRYPOINT; args is its CMD)"
    )


def test_cr203_catches_command_with_args_too(tmp_path: Path) -> None:
    pod = '    command: ["/bin/sh"]\n    args: ["-c", "echo hi"]\n'
    [finding] = findings(cr203, tmp_path, POSTGRES, pod)
    assert finding.span == at(tmp_path, "pod.yaml", 9, 15)


@pytest.mark.parametrize(
    ("dockerfile", "pod"),
    [
        (POSTGRES, '    args: ["postgres", "-c", "x=1"]\n'),  # args keep the ENTRYPOINT
        (POSTGRES, '    command: ["docker-entrypoint.sh", "postgres"]\n'),  # repeats it
        ('FROM scratch\nCMD ["/app"]\n', '    command: ["/bin/sh"]\n'),  # no ENTRYPOINT
        ('FROM scratch\nENTRYPOINT []\nCMD ["/app"]\n', '    command: ["/bin/sh"]\n'),
        (None, '    command: ["/bin/sh"]\n'),  # image not known
    ],
)
def test_cr203_catches_not(tmp_path: Path, dockerfile: str | None, pod: str) -> None:
    assert findings(cr203, tmp_path, dockerfile, pod) == []


def test_cr203_catches_not_docker(tmp_path: Path) -> None:
    assert findings(cr203, tmp_path, POSTGRES, run="docker run --entrypoint sh img") == []


# CR204 command-drops-image-cmd

NGINX = 'FROM scratch\nENTRYPOINT ["nginx"]\nCMD ["-g", "daemon off;"]\n'


def test_cr204_catches_command_that_repeats_the_entrypoint_without_args(tmp_path: Path) -> None:
    got = findings(cr204, tmp_path, NGINX, '    command: ["nginx"]\n')
    assert got == one(
        cr204,
        "command repeats the image ENTRYPOINT and has no args, so the image CMD ['-g', "
        "'daemon off;'], what the entrypoint was to run, is dropped: the argv is ['nginx']; put "
        "the arguments in args (the image CMD is used only when command is not set either)",
        at(tmp_path, "pod.yaml", 9, 15),
    )


WRAPPED_NGINX = 'FROM scratch\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n'


def test_cr204_catches_command_that_is_the_start_of_the_cmd(tmp_path: Path) -> None:
    got = findings(cr204, tmp_path, WRAPPED_NGINX, '    command: ["nginx"]\n')
    assert got == one(
        cr204,
        "command is set without args, so the image CMD ['nginx', '-g', 'daemon off;'] is "
        "dropped: the argv is ['nginx'], which keeps the start of the CMD but not ['-g', "
        "'daemon off;']; put them in args (the image CMD is used only when command is not set "
        "either)",
        at(tmp_path, "pod.yaml", 9, 15),
    )


def test_cr204_catches_a_dropped_init(tmp_path: Path) -> None:
    dockerfile = 'FROM scratch\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["tini", "--", "/app"]\n'
    [finding] = findings(cr204, tmp_path, dockerfile, '    command: ["/app"]\n')
    assert (finding.severity, finding.message) == (
        "warning",
        "command is set without args, so the image CMD ['tini', '--', '/app'] is dropped, and "
        "with it the init it starts: the argv is ['/app'] (the image CMD is used only when "
        "command is not set either)",
    )


@pytest.mark.parametrize(
    ("dockerfile", "pod"),
    [
        # command names its own arguments: nothing it wanted is lost
        (WRAPPED_NGINX, '    command: ["nginx", "-c", "/etc/my.conf", "-g", "daemon off;"]\n'),
        (POSTGRES, '    command: ["postgres", "-c", "x=1"]\n'),
        (POSTGRES, '    command: ["docker-entrypoint.sh", "postgres", "-c", "x=1"]\n'),
        (POSTGRES, '    command: ["/bin/sh", "-c", "echo hi"]\n'),
    ],
)
def test_cr204_is_info_when_command_names_its_own_arguments(
    tmp_path: Path, dockerfile: str, pod: str
) -> None:
    assert [f.severity for f in findings(cr204, tmp_path, dockerfile, pod)] == ["info"]


def test_cr204_node_server_gives_no_warning(tmp_path: Path) -> None:
    pod = POD.replace("image: app", "image: node:20") + '    command: ["node", "server.js"]\n'
    (tmp_path / "pod.yaml").write_text(pod)
    [result] = resolve([str(tmp_path / "pod.yaml")])
    assert [(f.code, f.severity) for f in result.findings] == [("CR203", "info"), ("CR204", "info")]


@pytest.mark.parametrize(
    ("dockerfile", "pod"),
    [
        (NGINX, '    command: ["nginx"]\n    args: ["-g", "daemon off;"]\n'),
        (NGINX, '    args: ["-T"]\n'),
        ('FROM scratch\nENTRYPOINT ["/app"]\n', '    command: ["/bin/app"]\n'),  # no CMD
        ('FROM scratch\nENTRYPOINT ["/app"]\nCMD []\n', '    command: ["/bin/app"]\n'),
        (None, '    command: ["/bin/app"]\n'),  # image not known
        (NGINX, "    command: []\n"),  # [] is the same as not set
        ('FROM scratch\nCMD ["sh"]\n', '    command: ["sh", "-c", "x"]\n'),  # no ENTRYPOINT
        ('FROM scratch\nENTRYPOINT [""]\nCMD ["sh"]\n', '    command: ["sh", "-c", "x"]\n'),
    ],
)
def test_cr204_catches_not(tmp_path: Path, dockerfile: str | None, pod: str) -> None:
    assert findings(cr204, tmp_path, dockerfile, pod) == []


# CR205 program-is-a-flag

APP = 'FROM scratch\nCMD ["/app"]\n'


def test_cr205_catches_args_on_an_image_without_entrypoint(tmp_path: Path) -> None:
    got = findings(cr205, tmp_path, APP, '    args: ["--color", "green"]\n')
    assert got == one(
        cr205,
        "argv[0] '--color' (from pod.args) is the program to execute, but it is an option: "
        "the exec fails (args on an image without ENTRYPOINT replace the image CMD, program "
        "included)",
        at(tmp_path, "pod.yaml", 9, 12),
    )


def test_cr205_catches_options_as_command(tmp_path: Path) -> None:
    got = findings(cr205, tmp_path, APP, '    command: ["--color", "green"]\n')
    assert got == one(
        cr205,
        "argv[0] '--color' (from pod.command) is the program to execute, but it is an option: "
        "the exec fails (command is Docker's ENTRYPOINT: put options in args)",
        at(tmp_path, "pod.yaml", 9, 15),
    )


def test_cr205_catches_run_args_behind_docker_init(tmp_path: Path) -> None:
    got = findings(cr205, tmp_path, APP, run="docker run --init img -v")
    assert got == one(
        cr205,
        "argv[2] '-v' (from run.args) is the program to execute, but it is an option: the exec "
        "fails (arguments after the image replace the image CMD, program included)",
        at(tmp_path, "--run", None, 23),
    )


@pytest.mark.parametrize(
    ("dockerfile", "pod", "run"),
    [
        ('FROM scratch\nENTRYPOINT ["/app"]\n', '    args: ["--color", "green"]\n', None),
        (APP, '    args: ["/app", "--color"]\n', None),
        (APP, None, "docker run img /app -v"),
        (APP, None, "docker run --init img"),
    ],
)
def test_cr205_catches_not(
    tmp_path: Path, dockerfile: str, pod: str | None, run: str | None
) -> None:
    assert findings(cr205, tmp_path, dockerfile, pod, run) == []


# CR206 command-line-in-one-element


def test_cr206_catches_exec_form_cmd(tmp_path: Path) -> None:
    got = findings(cr206, tmp_path, 'FROM scratch\nCMD ["sleep 20"]\n')
    assert got == one(
        cr206,
        "argv[0] 'sleep 20' is one element holding a whole command line: the runtime looks for "
        "a program literally named 'sleep 20', not 'sleep' with the arguments ['20'], and the "
        "exec fails",
        at(tmp_path, "Dockerfile", 2, 6),
    )


def test_cr206_catches_pod_command(tmp_path: Path) -> None:
    got = findings(cr206, tmp_path, APP, '    command: ["/bin/bash /run.sh"]\n')
    assert got == one(
        cr206,
        "argv[0] '/bin/bash /run.sh' is one element holding a whole command line: the runtime "
        "looks for a program literally named '/bin/bash /run.sh', not '/bin/bash' with the "
        "arguments ['/run.sh'], and the exec fails",
        at(tmp_path, "pod.yaml", 9, 15),
    )


@pytest.mark.parametrize(
    ("dockerfile", "run"),
    [
        ("FROM scratch\nCMD sleep 20\n", None),  # shell form: the script is one element
        ('FROM scratch\nCMD ["sleep", "20"]\n', None),
        ('FROM scratch\nCMD ["echo", "a b"]\n', None),  # only argv[0] is a program
        (APP, 'docker run --entrypoint "sleep 10" img'),  # CR202 reports it
    ],
)
def test_cr206_catches_not(tmp_path: Path, dockerfile: str, run: str | None) -> None:
    assert findings(cr206, tmp_path, dockerfile, run=run) == []


# CR207 shell-operator-as-argument


def test_cr207_catches_and_and_in_exec_form(tmp_path: Path) -> None:
    got = findings(cr207, tmp_path, 'FROM scratch\nCMD ["npm", "install", "&&", "npm", "start"]\n')
    assert got == one(
        cr207,
        "argv[2] is the literal string '&&': no shell runs this argv, so 'npm' receives it as "
        "an argument and nothing is chained, piped or redirected",
        at(tmp_path, "Dockerfile", 2, 24),
    )


def test_cr207_catches_each_operator_in_pod_args(tmp_path: Path) -> None:
    pod = '    command: ["cat"]\n    args: ["a", "|", "grep", "x", ">", "out"]\n'
    got = findings(cr207, tmp_path, APP, pod)
    tail = ": no shell runs this argv, so 'cat' receives it as an argument and nothing is "
    tail += "chained, piped or redirected"
    assert got == [
        *one(cr207, "argv[2] is the literal string '|'" + tail, at(tmp_path, "pod.yaml", 10, 17)),
        *one(cr207, "argv[5] is the literal string '>'" + tail, at(tmp_path, "pod.yaml", 10, 35)),
    ]


def test_cr207_says_an_operator_after_a_sh_c_script_is_a_positional(tmp_path: Path) -> None:
    pod = '    command: ["sh", "-c", "npm install", "&&", "npm start"]\n'
    got = findings(cr207, tmp_path, APP, pod)
    assert got == one(
        cr207,
        "argv[3] '&&' comes after the sh -c script (argv[2]), so the shell does not read it "
        "as an operator: it is the script's $0, which the script never reads, and nothing is "
        "chained, piped or redirected; put the operator inside the script",
        at(tmp_path, "pod.yaml", 9, 42),
    )


def test_cr207_says_a_script_that_reads_its_words_gets_a_plain_word(tmp_path: Path) -> None:
    pod = '    command: ["bash", "-ec", "exec \\"$@\\"", "--", "app", "|", "tee"]\n'
    [finding] = findings(cr207, tmp_path, APP, pod)
    assert finding.message == (
        "argv[5] '|' comes after the bash -c script (argv[2]), so the shell does not read it "
        "as an operator: it is the script's $2, a plain word to the script, and nothing is "
        "chained, piped or redirected"
    )


@pytest.mark.parametrize(
    ("dockerfile", "run"),
    [
        ("FROM scratch\nCMD npm install && npm start\n", None),  # inside the sh -c script
        ("FROM scratch\nENTRYPOINT echo\n", "docker run img '&&' ls"),  # the shell's $0
        ('FROM scratch\nCMD ["find", ".", "-exec", "rm", "{}", ";"]\n', None),
        ('FROM scratch\nCMD ["echo", "a&&b"]\n', None),
    ],
)
def test_cr207_catches_not(tmp_path: Path, dockerfile: str, run: str | None) -> None:
    assert findings(cr207, tmp_path, dockerfile, run=run) == []


# CR301 shell-variable-not-expanded


def test_cr301_catches_dollar_var_in_exec_form(tmp_path: Path) -> None:
    got = findings(cr301, tmp_path, 'FROM scratch\nCMD ["echo", "$HOME", "${USER:-me}"]\n')
    assert got == [
        *one(
            cr301,
            "argv[1] '$HOME' keeps $HOME literally: no shell runs an exec-form argv, so the "
            "program receives the characters",
            at(tmp_path, "Dockerfile", 2, 14),
        ),
        *one(
            cr301,
            "argv[2] '${USER:-me}' keeps ${USER:-me} literally: no shell runs an exec-form "
            "argv, so the program receives the characters",
            at(tmp_path, "Dockerfile", 2, 23),
        ),
    ]


def test_cr301_catches_quoted_dollar_in_a_run_line(tmp_path: Path) -> None:
    got = findings(cr301, tmp_path, APP, run="docker run img echo '$HOME'")
    assert got == one(
        cr301,
        "argv[1] '$HOME' keeps $HOME literally: no shell runs an exec-form argv, so the "
        "program receives the characters",
        at(tmp_path, "--run", None, 21),
    )


def test_cr301_catches_braces_in_pod_args(tmp_path: Path) -> None:
    pod = '    args: ["/app", "--dir=${DATA_DIR}/x"]\n'
    got = findings(cr301, tmp_path, APP, pod)
    assert got == one(
        cr301,
        "argv[1] '--dir=${DATA_DIR}/x' keeps ${DATA_DIR} literally: Kubernetes expands only "
        "$(NAME) in command and args, and no shell runs them",
        at(tmp_path, "pod.yaml", 9, 20),
    )


@pytest.mark.parametrize(
    ("dockerfile", "pod"),
    [
        ("FROM scratch\nCMD echo $HOME\n", None),  # shell form
        ('FROM scratch\nCMD ["sh", "-c", "echo $HOME"]\n', None),  # the -c script
        ('FROM scratch\nCMD ["bash", "-lc", "echo ${HOME}"]\n', None),
        (APP, '    command: ["sh", "-c"]\n    args: ["echo $HOME"]\n'),
        (APP, '    env:\n    - {name: A, value: "1"}\n    args: ["/app", "$(A)"]\n'),
        (APP, '    args: ["/app", "$1", "cost: 5$"]\n'),
        # -c inside an option cluster, and after options that take a value
        ('FROM scratch\nCMD ["sh", "-ce", "echo $HOME"]\n', None),
        ('FROM scratch\nCMD ["bash", "-ecx", "echo $HOME"]\n', None),
        ('FROM scratch\nCMD ["bash", "-o", "pipefail", "-c", "echo $HOME | cat"]\n', None),
        (APP, '    command: ["sh", "-o", "errexit", "-c", "echo ${HOME}"]\n'),
        (APP, '    command: ["bash", "-eo", "pipefail", "-c"]\n    args: ["echo $HOME"]\n'),
        # a shell started by another program
        (APP, '    command: ["tini", "--", "sh", "-cx", "echo $HOME"]\n'),
        (APP, '    command: ["gosu", "app", "sh", "-ec", "echo $HOME"]\n'),
        # a shell-form SHELL with options
        ('FROM scratch\nSHELL ["/bin/bash", "-ec"]\nCMD echo $HOME\n', None),
    ],
)
def test_cr301_catches_not(tmp_path: Path, dockerfile: str, pod: str | None) -> None:
    assert findings(cr301, tmp_path, dockerfile, pod) == []


@pytest.mark.parametrize(
    ("pod", "index"),
    [
        ('    command: ["python3", "-c", "print(\'$HOME\')"]\n', 2),  # python is no shell
        ('    command: ["sh", "-c", "echo $1", "_", "$HOME"]\n', 4),  # the script's $1
        ('    command: ["sh", "-x", "$HOME/run.sh"]\n', 2),  # a script file, not -c
    ],
)
def test_cr301_catches_what_no_shell_reads_as_its_script(
    tmp_path: Path, pod: str, index: int
) -> None:
    [finding] = findings(cr301, tmp_path, APP, pod)
    assert finding.message.startswith(f"argv[{index}] ")


# CR302 kubernetes-variable-left-literal


def test_cr302_catches_an_undefined_variable(tmp_path: Path) -> None:
    got = findings(cr302, tmp_path, APP, '    args: ["/app", "--dir=$(DATA_DIR)"]\n')
    assert got == one(
        cr302,
        "$(DATA_DIR) in argv[1] stays literal, so the program receives '--dir=$(DATA_DIR)': "
        "the container env does not define it (the image ENV is not visible to $(VAR))",
        at(tmp_path, "pod.yaml", 9, 20),
    )


def test_cr302_catches_a_variable_set_only_in_the_image_env(tmp_path: Path) -> None:
    dockerfile = 'FROM scratch\nENV DATA_DIR=/data\nCMD ["/app"]\n'
    got = findings(cr302, tmp_path, dockerfile, '    args: ["/app", "$(DATA_DIR)"]\n')
    assert got == one(
        cr302,
        "$(DATA_DIR) in argv[1] stays literal, so the program receives '$(DATA_DIR)': "
        "DATA_DIR is set only in the image ENV, which $(VAR) never sees",
        at(tmp_path, "pod.yaml", 9, 20),
    )


RUNTIME_ENV = """\
    env:
    - name: IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: DATA_DIR
      value: /data
"""


@pytest.mark.parametrize(
    "pod",
    [
        RUNTIME_ENV + '    args: ["/app", "$(DATA_DIR)"]\n',  # defined: expanded
        RUNTIME_ENV + '    args: ["/app", "--ip=$(IP)"]\n',  # expanded at run time
        '    args: ["/app", "$$(DATA_DIR)"]\n',  # escaped on purpose
        '    args: ["/app", "$DATA_DIR"]\n',  # not $(…) syntax (CR301)
    ],
)
def test_cr302_catches_not(tmp_path: Path, pod: str) -> None:
    assert findings(cr302, tmp_path, APP, pod) == []


@pytest.mark.parametrize(
    "script",
    [
        "echo started at $(date)",
        "exec app --host $(hostname -f)",
        "sleep $(($RANDOM % 10))",
        "echo $(cat /etc/hostname) $(nproc)",
        "x=$(id -u); echo $x",
    ],
)
def test_cr302_catches_not_a_shells_command_substitution(tmp_path: Path, script: str) -> None:
    for pod in (
        f'    command: ["sh", "-c", "{script}"]\n',
        f'    command: ["/bin/bash", "-ec"]\n    args: ["{script}"]\n',
        f'    command: ["tini", "--", "sh", "-c", "{script}"]\n',
    ):
        assert findings(cr302, tmp_path, APP, pod) == [], pod


def test_cr302_catches_an_upper_case_name_in_a_shell_script(tmp_path: Path) -> None:
    pod = '    command: ["sh", "-c", "exec app --dir $(DATA_DIR) --at $(date)"]\n'
    got = findings(cr302, tmp_path, APP, pod)
    assert got == one(
        cr302,
        "$(DATA_DIR) in argv[2] stays literal, and the sh -c script then reads it as command "
        "substitution: it runs a command named DATA_DIR, not the variable; the container env "
        "does not define DATA_DIR (the image ENV is not visible to $(VAR)): define it in env, "
        "or write $DATA_DIR for the shell's own variable",
        at(tmp_path, "pod.yaml", 9, 27),
    )


def test_cr302_says_the_shell_sees_the_image_env(tmp_path: Path) -> None:
    dockerfile = 'FROM scratch\nENV DATA_DIR=/data\nCMD ["/app"]\n'
    pod = '    command: ["bash", "-c", "ls $(DATA_DIR)"]\n'
    [finding] = findings(cr302, tmp_path, dockerfile, pod)
    assert finding.message == (
        "$(DATA_DIR) in argv[2] stays literal, and the bash -c script then reads it as command "
        "substitution: it runs a command named DATA_DIR, not the variable; DATA_DIR is set "
        "only in the image ENV, which $(VAR) never sees but the shell does: write $DATA_DIR "
        "in the script"
    )


def test_cr302_catches_a_command_substitution_outside_a_shell(tmp_path: Path) -> None:
    got = findings(cr302, tmp_path, APP, '    args: ["/app", "--stamp=$(date)"]\n')
    assert [f.message for f in got] == [
        "$(date) in argv[1] stays literal, so the program receives '--stamp=$(date)': the "
        "container env does not define it (the image ENV is not visible to $(VAR))"
    ]


def test_cr302_catches_not_docker(tmp_path: Path) -> None:
    assert findings(cr302, tmp_path, APP, run="docker run img /app '$(DATA_DIR)'") == []
