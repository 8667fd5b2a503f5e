"""Hostile inputs of every kind the CLI reads, as :class:`~fuzz.contract.Case` values.

``cases(scale)`` draws one Case of any kind: a Dockerfile, a Kubernetes manifest in
YAML or JSON, a ``--run`` line, an image-config JSON bound with ``--image``, or an odd
file (empty, binary, a directory, a name with control characters, stdin closed).
Each kind mixes valid structure (from ``tests/strategies.py`` where it has it) with
the hostile shapes of issue 12: long lines, long runs of one character, deep
nesting, huge integers, aliases and repeated substitution, every quoting and escape
form, and odd bytes (control characters, ESC sequences, BOMs, CRLF, NUL, invalid
UTF-8, UTF-16).

``scale`` bounds the repeat counts: ``QUICK`` keeps every input under about 20 KB for
the normal test run; ``LONG`` (the ``fuzz`` profile and ``benchmarks/fuzz.py``) goes
to about a megabyte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from strategies import exec_or_shell_args, keyword_spellings, shell_texts

from fuzz.contract import Case

Draw = Callable[[st.SearchStrategy[Any]], Any]


@dataclass(frozen=True)
class Scale:
    repeat: int  # the most times one piece is repeated (spaces, brackets, digits...)
    pieces: int  # the most lines, items or words drawn


QUICK = Scale(repeat=4000, pieces=12)
LONG = Scale(repeat=400_000, pieces=60)

# Bytes that must never reach a terminal raw, and others that are merely odd.
ODD_TEXT = ("\x1b[2J", "\x1b]0;title\x07", "\x1b[31m", "\x07", "\x08", "\r", "\x0b", "\x0c",
            "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff", "\u202e", "\x00", "\t", "é",
            "😀", "\\", "$", "`", '"', "'", "\\x1b", "\\e", "\\u001b", "%s", "[red]", "[/]",
            ":x:", "{0}", "{}", "\n")
ODD_BYTES = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\x80", b"\xc0\xaf",
             b"\xf4\x90\x80\x80", b"\r\n", b"\r", b"\x1b[2J")
LONG_RUNS = (" ", "\t", "\\", "[", "]", "$", "a", "x ", "\\\n", "'", '"', "$A", "${A}", "é",
             "\u3000", "\x85", "{", "- ", "#", "=", "\\\\", "$(A)", "\x1b")


def repeat_count(draw: Draw, scale: Scale) -> int:
    """Mostly small, sometimes near the scale's limit (where super-linear code shows)."""
    return draw(st.one_of(st.integers(0, 40), st.integers(0, scale.repeat)))


def long_run(draw: Draw, scale: Scale) -> str:
    return draw(st.sampled_from(LONG_RUNS)) * repeat_count(draw, scale)


def odd_text(draw: Draw, scale: Scale, alphabet: str = "ab c=-_./") -> str:
    """A short word salad of ordinary and odd characters, sometimes with a long run."""
    parts = draw(st.lists(st.sampled_from(ODD_TEXT) | st.text(alphabet, max_size=6), max_size=6))
    if draw(st.integers(0, 4)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), long_run(draw, scale))
    return "".join(parts)


def mutate_bytes(draw: Draw, data: bytes) -> bytes:
    """Insert odd bytes, cut, or re-encode: what a broken editor or a pipe hands over."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from(ODD_BYTES)) + data[at:]
    if choice == 1:
        return b"\xef\xbb\xbf" + data
    if choice == 2:
        return data.replace(b"\n", b"\r\n")
    if choice == 3:
        return data[: draw(st.integers(0, len(data)))]
    if choice == 4:
        bom = draw(st.sampled_from(("\ufeff", "")))
        encoding = draw(st.sampled_from(("utf-16", "utf-16-le", "utf-16-be", "latin-1")))
        return (bom + data.decode("utf-8", "replace")).encode(encoding, "replace")
    return data


# ---------------------------------------------------------------------------
# Dockerfiles
# ---------------------------------------------------------------------------

_SHELLS = ("[]", '[""]', '["/bin/sh"]', "sh", "[1]", '["\\u001b"]')
_DIRECTIVE_KEYS = ("escape", "syntax", "check", "foo", "ESCAPE", "escape ", " escape")


def _nested(draw: Draw, scale: Scale) -> str:
    depth = repeat_count(draw, scale) // 4
    inner = draw(st.sampled_from(('"a"', "", '"a", ', "1", "{", '"\\u001b[2J"')))
    close = draw(st.sampled_from(("]", "", "]]", "", "} ]")))
    return "[" * depth + inner + close * (depth if draw(st.booleans()) else 1)


@st.composite
def dockerfile_lines(draw: Draw, scale: Scale) -> list[str]:
    """Logical lines, each hostile in its own way (a first-line directive included)."""
    kind = draw(st.integers(0, 13))
    n = repeat_count(draw, scale)
    if kind == 0:
        key = draw(st.sampled_from(_DIRECTIVE_KEYS))
        value = draw(st.sampled_from(("x", "`", "\\", "", "docker/dockerfile:1", "\x1b[2J")))
        return [f"# {key}={value}" + long_run(draw, scale) + draw(st.sampled_from(("", "a")))]
    if kind == 1:
        keyword = draw(st.sampled_from(("CMD", "ENTRYPOINT", "ONBUILD CMD", "ONBUILD ENTRYPOINT",
                                        "RUN", "SHELL", "HEALTHCHECK CMD", "ONBUILD ONBUILD CMD")))
        return [f"{keyword} {_nested(draw, scale)}"]
    if kind == 2:
        return ["RUN " + "a \\\n" * (n // 4) + "b"]
    if kind == 3:
        body = "\n".join([*draw(st.lists(st.builds(lambda: "x"), max_size=3)), long_run(draw, scale)])
        word = draw(st.sampled_from(("EOF", "'EOF'", '"EOF"', "-EOF", "E\x1bF")))
        end = draw(st.sampled_from(("\nEOF", "", "\n EOF", "\nEOF\n")))
        return [f"{draw(st.sampled_from(('RUN', 'CMD', 'COPY', 'ENTRYPOINT')))} <<{word}\n{body}{end}"]
    if kind == 4:
        times = draw(st.integers(0, min(16, 4 + scale.pieces // 4)))
        form = draw(st.sampled_from(("ENV A=$A$A", "ARG A=$A$A", "ENV A=${A}${A}",
                                     "ENV A=${A:-$A$A}", "ENV A $A$A")))
        return ["ENV A=xy", *([form] * times), "CMD echo $A"]
    if kind == 5:
        return [f"{draw(keyword_spellings('cmd'))} {odd_text(draw, scale)}"]
    if kind == 6:
        return [f"ENV {odd_text(draw, scale, 'AB=')}={odd_text(draw, scale)}"]
    if kind == 7:
        return [f"{draw(st.sampled_from(('CMD', 'RUN', 'LABEL', 'FROM', 'USER', 'WORKDIR')))} "
                + long_run(draw, scale)]
    if kind == 8:
        return ["FROM " + draw(st.sampled_from(("scratch", "busybox", "$X", "${X:-a}", "a AS b",
                                                "--platform=$P x", "\x1b[2J", "")))]
    if kind == 9:
        return [f"{draw(st.sampled_from(('CMD', 'ENTRYPOINT', 'RUN')))} {draw(exec_or_shell_args())}"]
    if kind == 10:
        return ["\\" * n]
    if kind == 11:
        return ["SHELL " + draw(st.sampled_from(_SHELLS))]
    if kind == 12:
        return ["#" + odd_text(draw, scale), "", " " * (n % 100)]
    return [f"RUN {draw(shell_texts())}"]


@st.composite
def dockerfile_bytes(draw: Draw, scale: Scale) -> bytes:
    lines: list[str] = []
    if draw(st.integers(0, 5)) > 0:
        lines.append("FROM " + draw(st.sampled_from(("scratch", "busybox", "python:3"))))
    for block in draw(st.lists(dockerfile_lines(scale), min_size=1, max_size=scale.pieces // 3)):
        lines.extend(block)
    if draw(st.booleans()):
        lines.insert(0, lines.pop())  # the last hostile line as the first (directive position)
    ending = draw(st.sampled_from(("\n", "\n", "\r\n", "\r")))
    data = ending.join(lines).encode("utf-8", "surrogatepass") + ending.encode()
    return mutate_bytes(draw, data)


@st.composite
def dockerfile_cases(draw: Draw, scale: Scale) -> Case:
    argv = ["Dockerfile"]
    if draw(st.booleans()):
        argv.append(f"--run=docker run img {odd_text(draw, scale)}")
        argv.append("--image=img=Dockerfile")
    if draw(st.integers(0, 3)) == 0:
        argv.append(f"--build-arg=A={odd_text(draw, scale)}")
    if draw(st.integers(0, 5)) == 0:
        argv.append("--target=" + draw(st.sampled_from(("b", "x", "", "\x1b[2J"))))
    return Case("dockerfile", tuple(argv), {"Dockerfile": draw(dockerfile_bytes(scale))})


# ---------------------------------------------------------------------------
# Kubernetes manifests (YAML and JSON text, written by hand: huge integers and
# aliases cannot come out of a serializer)
# ---------------------------------------------------------------------------


def _huge_int(draw: Draw, scale: Scale) -> str:
    digits = draw(st.one_of(st.integers(1, 30), st.integers(4290, 4310),
                            st.integers(1, max(5000, scale.repeat // 10))))
    return draw(st.sampled_from(("", "-", "+"))) + "9" * digits


def _json_string(draw: Draw, scale: Scale) -> str:
    text = odd_text(draw, scale)
    written = json.dumps(text, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 5)) == 0:  # JSON escapes Python and Go read differently
        written = written[:-1] + draw(st.sampled_from(("\\ud800", "\\udc00x", "\\u0000", "\\/"))) + '"'
    return written


def _yaml_scalar(draw: Draw, scale: Scale) -> str:
    choice = draw(st.integers(0, 11))
    text = odd_text(draw, scale)
    if choice == 0:
        return _json_string(draw, scale)
    if choice == 1:
        return "'" + text.replace("'", "''") + "'"
    if choice == 2:
        return draw(st.sampled_from(('"\\e[2J"', '"\\x1b]0;t\\x07"', '"\\u001b"', '"\\0"',
                                     '"\\U0001F600"', '"\\N\\_\\L\\P"', '"\\ud800"')))
    if choice == 3:
        return _huge_int(draw, scale)
    if choice == 4:
        return draw(st.sampled_from(("~", "null", "true", "yes", "on", ".inf", ".nan", "0x1F",
                                     "0o17", "1_000", "1e999", "2001-12-14", "1:20", "=", "<<")))
    if choice == 5:
        return draw(st.sampled_from(("!!binary aGk=", "!!binary !!!", "!!str 5", "!custom x",
                                     "!!int 9", "!!float x", "!!python/object:os.system x",
                                     "!!timestamp 2001-12-14", "!!set {a}", "!!omap [a: 1]")))
    if choice == 6:
        depth = repeat_count(draw, scale) // 4
        return "[" * depth + "a" + "]" * depth
    if choice == 7:
        depth = repeat_count(draw, scale) // 8
        return "{a: " * depth + "b" + "}" * depth
    if choice == 8:
        return "$(A)" * draw(st.integers(0, 30)) + draw(st.sampled_from(("$(", "$$(A)", "$()", "")))
    if choice == 9:
        return "{" + text.replace(",", "") + ": 1}"
    if choice == 10:
        return "*lol"
    return "x" + text.replace("\n", " ").replace(",", " ").replace("]", " ").replace("#", " ")


def _json_value(draw: Draw, scale: Scale) -> str:
    choice = draw(st.integers(0, 7))
    if choice <= 2:
        return _json_string(draw, scale)
    if choice == 3:
        return _huge_int(draw, scale)
    if choice == 4:
        return draw(st.sampled_from(("null", "true", "1e999", "-0", "1.5", "NaN", "Infinity",
                                     "{}", "[]", '{"a": "b"}', "01", "\"a\" \"b\"")))
    if choice == 5:
        depth = repeat_count(draw, scale) // 4
        return "[" * depth + '"a"' + "]" * depth
    if choice == 6:
        depth = repeat_count(draw, scale) // 8
        return '{"a": ' * depth + "1" + "}" * depth
    return json.dumps("$(A)" * draw(st.integers(0, 30)))


def _laughs(depth: int) -> str:
    """YAML aliases that expand to 9**depth items if anything walks them as a tree."""
    lines = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, depth + 1):
        lines.append(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    lines.append(f"  lol: &lol *l{depth}")
    return "\n".join(lines)


_SECRET_VALUES = ("aGk=", "!!!not base64", "w6k=", "G1sySg==", "aGk", "é", "\\u001b", "AAEC",
                  "////", "aGk=aGk=", "", "=", "YQ")


@st.composite
def manifest_text(draw: Draw, scale: Scale, syntax: str) -> str:
    value = _json_value if syntax == "json" else _yaml_scalar
    items = draw(st.lists(st.builds(object), max_size=scale.pieces))
    command = "[" + ", ".join(value(draw, scale) for _ in items) + "]"
    args = "[" + ", ".join(value(draw, scale) for _ in range(draw(st.integers(0, 4)))) + "]"
    chain = draw(st.integers(0, scale.pieces))
    env = [{"name": "A", "value": odd_text(draw, scale)}]
    env += [{"name": f"V{i}", "value": f"$(V{i - 1})$(V{i - 1})" if i else "$(A)"} for i in range(chain)]
    env.append({"name": "S", "valueFrom": {"secretKeyRef": {"name": "s", "key": "K"}}})
    env.append({"name": "C", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "K"}}})
    secret = draw(st.sampled_from(_SECRET_VALUES))
    kind = draw(st.sampled_from(("Pod", "Deployment", "Job", "CronJob", "List", "Pod", "Weird")))
    container = (f'{{"name": {value(draw, scale) if draw(st.integers(0, 5)) == 0 else json.dumps("c")}, '
                 f'"image": {json.dumps(draw(st.sampled_from(("busybox", "python:3", "", "img"))))}, '
                 f'"command": {command}, "args": {args}, "env": {json.dumps(env)}, '
                 '"envFrom": [{"secretRef": {"name": "s"}}, {"configMapRef": {"name": "c"}}]}')
    pod_spec = f'{{"containers": [{container}]}}'
    spec = {
        "Pod": pod_spec,
        "Deployment": f'{{"template": {{"spec": {pod_spec}}}}}',
        "Job": f'{{"template": {{"spec": {pod_spec}}}}}',
        "CronJob": f'{{"jobTemplate": {{"spec": {{"template": {{"spec": {pod_spec}}}}}}}}}',
    }.get(kind, pod_spec)
    api = {"Deployment": "apps/v1", "Job": "batch/v1", "CronJob": "batch/v1"}.get(kind, "v1")
    workload = f'{{"apiVersion": "{api}", "kind": "{kind if kind != "List" else "Pod"}", ' \
               f'"metadata": {{"name": "w"}}, "spec": {spec}}}'
    secret_doc = (f'{{"apiVersion": "v1", "kind": "Secret", "metadata": {{"name": "s"}}, '
                  f'"data": {{"K": {json.dumps(secret)}, {json.dumps(odd_text(draw, scale))}: "aGk="}}}}')
    config_doc = (f'{{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {{"name": "c"}}, '
                  f'"data": {{"K": {value(draw, scale)}}}, "binaryData": {{"B": {json.dumps(secret)}}}}}')
    docs = [workload, secret_doc, config_doc]
    if kind == "List" or syntax == "json":
        text = f'{{"apiVersion": "v1", "kind": "List", "items": [{", ".join(docs)}]}}'
        if syntax == "json" and draw(st.booleans()):
            text = workload
        return text
    laughs = draw(st.integers(0, 3 if scale is QUICK else 9))
    head = f"x-laughs:\n{_laughs(laughs)}\n" if draw(st.booleans()) else ""
    separator = draw(st.sampled_from(("\n---\n", "\n--- \n", "\n---\n...\n---\n", "\n---\n---\n")))
    first = workload if not head else "apiVersion: v1\n" + head + f"kind: {kind}\nmetadata: {{name: w}}\nspec: {spec}"
    return separator.join([first, *docs[1:]]) + "\n"


@st.composite
def manifest_cases(draw: Draw, scale: Scale) -> Case:
    syntax = draw(st.sampled_from(("yaml", "json")))
    name = "pod.json" if syntax == "json" else draw(st.sampled_from(("pod.yaml", "pod.yml", "pod")))
    data = draw(manifest_text(scale, syntax)).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data = mutate_bytes(draw, data)
    argv = [name]
    if draw(st.integers(0, 3)) == 0:
        argv.append("--container=" + draw(st.sampled_from(("c", "x", "\x1b[2J"))))
    return Case(f"kubernetes-{syntax}", tuple(argv), {name: data})


# ---------------------------------------------------------------------------
# --run lines
# ---------------------------------------------------------------------------

_RUN_HEADS = ("docker run", "docker create", "podman run", "docker container run",
              "kubectl run p --image=img", "kubectl run p --image=img --command",
              "kubectl create job j --image=img", "kubectl create deployment d --image=img",
              "kubectl create cronjob c --image=img --schedule=x", "sudo docker run", "docker",
              "docker run --rm -it", "nerdctl run", "kubectl")
_RUN_FLAGS = ("--entrypoint=", "--entrypoint ", "-e ", "--env=", "-w ", "-u ", "--user=",
              "--env-file ", "--rm ", "-it ", "--name ", "-v ", "--workdir=", "--", "-- ",
              "--restart=", "--env ", "--privileged ", "-", "--=")


def _shell_word(draw: Draw, scale: Scale) -> str:
    text = odd_text(draw, scale).replace("\x00", "")
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return "'" + text.replace("'", "'\\''") + "'"
    if choice == 1:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if choice == 2:
        return "$'" + draw(st.sampled_from(("\\e[2J", "\\x1b", "\\u00e9", "\\n", "\\'", "\\0",
                                              "\\c[", "\\U0001F600", "\\777", "\\x"))) + text + "'"
    if choice == 3:
        return draw(st.sampled_from(("'unterminated", '"unterminated', "$'x", "\\", "$(", "`x",
                                     "${", "'", '"', "a\\", "$((1+", "<(x)")))
    if choice == 4:
        return draw(st.sampled_from(("$(echo x)", "`echo x`", "$HOME", "${A:-b}", "~", "*", "a|b",
                                     "a;b", "a&&b", ">f", "2>&1", "{a,b}", "#c", "a#b", "!x")))
    if choice == 5:
        return long_run(draw, scale)
    return text


@st.composite
def run_lines(draw: Draw, scale: Scale) -> str:
    words = [draw(st.sampled_from(_RUN_HEADS))]
    words += [draw(st.sampled_from(_RUN_FLAGS)) + _shell_word(draw, scale)
              for _ in range(draw(st.integers(0, 3)))]
    if not words[0].startswith("kubectl"):
        words.append(draw(st.sampled_from(("img", "img", "busybox", "python:3", "", "-x"))))
    elif draw(st.booleans()):
        words.append("--")
    words += [_shell_word(draw, scale) for _ in range(draw(st.integers(0, scale.pieces)))]
    gap = draw(st.sampled_from((" ", " ", "  ", "\t", " \\\n ", "\n")))
    return gap.join(words).replace("\x00", "")


@st.composite
def run_cases(draw: Draw, scale: Scale) -> Case:
    argv = [f"--run={draw(run_lines(scale))}"]
    files: dict[str, bytes | None] = {}
    if draw(st.booleans()):
        files["Dockerfile"] = b'FROM scratch\nENTRYPOINT ["/e"]\nCMD ["c"]\n'
        argv += ["Dockerfile", "--image=img=Dockerfile"]
    if draw(st.booleans()):  # --env-file f names it
        files["f"] = odd_text(draw, scale).encode("utf-8", "surrogatepass")
    return Case("run", tuple(argv), files)


# ---------------------------------------------------------------------------
# Image-config JSON
# ---------------------------------------------------------------------------


@st.composite
def image_config_bytes(draw: Draw, scale: Scale) -> bytes:
    def field(values: Callable[[], str]) -> str:
        return draw(st.sampled_from(("", "", "null", "[]", '"sh -c x"', "1", "{}", "true"))) or values()

    def array() -> str:
        return "[" + ", ".join(_json_value(draw, scale) for _ in range(draw(st.integers(0, 4)))) + "]"

    config = (f'{{"Entrypoint": {field(array)}, "Cmd": {field(array)}, "Env": {field(array)}, '
              f'"WorkingDir": {field(lambda: _json_string(draw, scale))}, '
              f'"User": {field(lambda: _json_string(draw, scale))}, "Shell": {field(array)}}}')
    text = draw(st.sampled_from(("{{\"config\": {c}}}", "{c}", "{{\"Config\": {c}}}",
                                 "[{{\"Config\": {c}}}]", "{{\"config\": {c}, \"config\": 1}}",
                                 "{{\"config\": {c}}} trailing", "null", "\"x\"",
                                 "{{\"config\": null}}"))).format(c=config)
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                     "utf-16-be", "utf-32")))
    bom = draw(st.booleans())
    data = text.encode(encoding, "surrogatepass")
    if bom and encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    return mutate_bytes(draw, data) if draw(st.integers(0, 4)) == 0 else data


@st.composite
def image_cases(draw: Draw, scale: Scale) -> Case:
    name = draw(st.sampled_from(("config.json", "image.json", "config")))
    words = " ".join(_shell_word(draw, scale) for _ in range(draw(st.integers(0, 3))))
    argv = (f"--image=img={name}", f"--run=docker run img {words}")
    return Case("image-json", argv, {name: draw(image_config_bytes(scale))})


# ---------------------------------------------------------------------------
# Odd files and streams
# ---------------------------------------------------------------------------

_ODD_NAMES = ("a\nb", "a\x1b[2Jb", "\x1b]0;t\x07", "a\rb", "é", "a\udcffb", "a b", "a:1:2", "a\tb",
              "x\u202ey", "[red]x", "%s", "Dockerfile", "-")


@st.composite
def odd_file_cases(draw: Draw, scale: Scale) -> Case:
    name = draw(st.sampled_from(_ODD_NAMES))
    choice = draw(st.integers(0, 6))
    content: bytes | None
    if choice == 0:
        content = b""
    elif choice == 1:
        content = draw(st.binary(max_size=200))
    elif choice == 2:
        content = None  # a directory named as a file
    elif choice == 3:
        content = b"FROM scratch\nCMD [\"a\"]\nRUN \x1b[2J\n"
    elif choice == 4:
        content = b"kind: Pod\nspec: {containers: [{name: c, image: i, command: [\x1b]}]}\n"
    elif choice == 5:
        content = b"FROM scratch\nCMD " + draw(st.sampled_from(ODD_BYTES)) + b"\n"
    else:
        content = b"kind: Pod\nspec: [\n"
    if name == "-":
        stdin = draw(st.sampled_from((None, b"", content or b"")))
        return Case("odd-file", ("-",), {}, stdin)
    argv = ["./" + name] if draw(st.booleans()) else [name]
    if draw(st.integers(0, 3)) == 0:
        argv.append(draw(st.sampled_from(("missing", "missing\x1b[2J", "-"))))
    files: dict[str, bytes | None] = {name: content}
    return Case("odd-file", tuple(argv), files, draw(st.sampled_from((b"", None))))


KINDS = {
    "dockerfile": dockerfile_cases,
    "kubernetes": manifest_cases,
    "run": run_cases,
    "image-json": image_cases,
    "odd-file": odd_file_cases,
}


def cases(scale: Scale = QUICK, kinds: tuple[str, ...] = tuple(KINDS)) -> st.SearchStrategy[Case]:
    return st.one_of(*(KINDS[kind](scale) for kind in kinds))


outputs = st.sampled_from(("text", "json", "argv", "sarif", "github"))
