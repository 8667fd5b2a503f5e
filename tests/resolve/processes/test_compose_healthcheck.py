"""A compose service's ``healthcheck`` on the image's (docs/semantics.md §13.2 rule 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import InputError, Origin, Resolution
from cmdresolve.model.process import Handler

IMAGE = json.dumps({"Config": {"Cmd": ["serve"], "Healthcheck": {"Test": ["CMD", "/probe"]}}})


def service(tmp_path: Path, healthcheck: str) -> Resolution:
    (tmp_path / "img.json").write_text(IMAGE)
    text = "services:\n  app:\n    image: img\n" + healthcheck
    (tmp_path / "compose.yaml").write_text(text)
    answer = resolve([str(tmp_path / "compose.yaml")],
                     Options(images={"img": str(tmp_path / "img.json")}, environ={}))  # fmt: skip
    results = list(answer)
    if answer.errors:
        raise answer.errors[0]
    return results[0]


@pytest.mark.parametrize(
    ("block", "handler", "argv"),
    [
        ("", Handler.CMD, ("/probe",)),
        ("    healthcheck:\n      test: curl -f x\n", Handler.CMD_SHELL,
         ("/bin/sh", "-c", "curl -f x")),
        ('    healthcheck:\n      test: ["CMD", "curl", "-f x"]\n', Handler.CMD,
         ("curl", "-f x")),
        ('    healthcheck:\n      test: ["CMD-SHELL", "a && b"]\n', Handler.CMD_SHELL,
         ("/bin/sh", "-c", "a && b")),
        ("    healthcheck:\n      interval: 5s\n", Handler.CMD, ("/probe",)),
        ("    healthcheck:\n      disable: true\n      test: [CMD, x]\n", Handler.NONE, None),
        ('    healthcheck:\n      test: ["NONE"]\n', Handler.NONE, None),
        ("    healthcheck:\n      test: ${NOT_SET:-probe $$HOME}\n", Handler.CMD_SHELL,
         ("/bin/sh", "-c", "probe $HOME")),
    ],
)  # fmt: skip
def test_service_healthcheck(
    tmp_path: Path, block: str, handler: Handler, argv: tuple[str, ...] | None
) -> None:
    (check,) = service(tmp_path, block).processes
    assert check.handler is handler
    assert (None if check.argv is None else tuple(a.value for a in check.argv)) == argv


def test_list_items_keep_their_place(tmp_path: Path) -> None:
    (check,) = service(tmp_path, '    healthcheck:\n      test: ["CMD", "a", "b"]\n').processes
    assert check.argv is not None
    assert [(a.origin, a.path) for a in check.argv] == [
        (Origin.COMPOSE_HEALTHCHECK, "services.app.healthcheck.test[1]"),
        (Origin.COMPOSE_HEALTHCHECK, "services.app.healthcheck.test[2]"),
    ]
    assert check.argv[0].span is not None and check.argv[0].span.line == 5


def test_error_a_test_list_must_start_with_its_type(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        service(tmp_path, '    healthcheck:\n      test: ["curl", "-f", "x"]\n')
    assert caught.value.message == (
        'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"')
    assert caught.value.span is not None and caught.value.span.line == 5


def test_error_healthcheck_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        service(tmp_path, "    healthcheck: curl\n")
    assert caught.value.message == "services.app.healthcheck must be a mapping"
