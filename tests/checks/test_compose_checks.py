"""The compose checks (CR210, CR211, CR304) and the general ones on compose origins
(CR206, CR209, CR301): catches and catches-not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve

IMAGE = """    build:
      dockerfile_inline: |
        FROM scratch
        ENTRYPOINT ["/ep"]
        CMD ["c1"]
"""


def codes(tmp_path: Path, fields: str, environ: dict[str, str] | None = None) -> list[str]:
    path = tmp_path / "compose.yaml"
    path.write_text(f"services:\n  s:\n{IMAGE}{fields}", encoding="utf-8")
    (result,) = resolve([str(path)], Options(environ=environ or {}))
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ("    command: python manage.py migrate && python manage.py runserver\n", "CR210"),
        ("    command: ls 2>/dev/null\n", "CR210"),
        ("    entrypoint: /bin/run; echo done\n", "CR210"),
        ("    entrypoint: []\n", "CR211"),
        ("    entrypoint: ''\n", "CR211"),
        ("    command: sleep ${DELAY}\n", "CR304"),
        ('    entrypoint: ["sleep 20"]\n', "CR206"),
        ("    entrypoint: [sh, -c, 'echo hi', a]\n", "CR209"),
        ("    entrypoint: [echo, $$HOME]\n", "CR301"),
    ],
)
def test_catches(tmp_path: Path, fields: str, code: str) -> None:
    assert code in codes(tmp_path, fields)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ("    command: [sh, -c, 'a && b']\n", "CR210"),
        ("    command: \"echo 'a && b'\"\n", "CR210"),
        ("    entrypoint: []\n    command: [run]\n", "CR211"),
        ("    entrypoint: [x]\n", "CR211"),
        ("    command: sleep ${DELAY:-1}\n", "CR304"),
        ("    command: sleep ${DELAY}\n", "CR304"),  # set in the environment below
        ("    command: [sleep, '20']\n", "CR206"),
    ],
)
def test_catches_not(tmp_path: Path, fields: str, code: str) -> None:
    assert code not in codes(tmp_path, fields, {"DELAY": "5"})


def test_the_cut_finding_shows_the_sh_c_form(tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(f"services:\n  s:\n{IMAGE}    command: a && b\n", encoding="utf-8")
    (result,) = resolve([str(path)], Options(environ={}))
    (finding,) = [f for f in result.findings if f.code == "CR210"]
    assert finding.params["dropped"] == "&& b"
    assert finding.params["fix"] == '["sh", "-c", "a && b"]'
    assert finding.span is not None and finding.span.line == 8
