"""The links a repository states: compose builds, skaffold artifacts, [images]."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.config import find_config, image_links
from cmdresolve.discover.images import Link, candidates, compose_links, skaffold_links
from cmdresolve.model import InputError


def test_compose_build_image_target_and_args(tmp_path: Path) -> None:
    compose = str(tmp_path / "shop" / "compose.yaml")
    text = (
        "services:\n"
        "  web:\n    image: example/web:1\n"
        "    build: {context: ./web, dockerfile: Dockerfile.prod, target: run, args: [A=1, B]}\n"
        "  api:\n    build: api\n"
        "  inline:\n    build: {dockerfile_inline: 'FROM scratch'}\n"
        "  pulled:\n    image: redis:7\n"
        "  env:\n    build: ${CONTEXT}\n"
    )
    assert compose_links([(compose, text)]) == [
        Link("example/web:1", str(tmp_path / "shop/web/Dockerfile.prod"), "run", (("A", "1"),),
             compose),
        Link("shop-api", str(tmp_path / "shop/api/Dockerfile"), None, (), compose),
    ]


def test_skaffold_artifacts(tmp_path: Path) -> None:
    skaffold = str(tmp_path / "skaffold.yaml")
    text = (
        "apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n"
        "  - image: gcr.io/p/web\n    context: web\n"
        "    docker: {dockerfile: build/Dockerfile, target: prod, buildArgs: {V: '2'}}\n"
        "  - image: gcr.io/p/api\n"
        "  - {context: nameless}\n"
    )
    assert skaffold_links([(skaffold, text)]) == [
        Link("gcr.io/p/web", str(tmp_path / "web/build/Dockerfile"), "prod", (("V", "2"),),
             skaffold),
        Link("gcr.io/p/api", str(tmp_path / "Dockerfile"), None, (), skaffold),
    ]


def test_a_candidate_is_named_by_its_folder() -> None:
    files = ["services/web/Dockerfile", "guestbook-go/Dockerfile", "other/Dockerfile"]
    assert candidates("example/web:2", files) == ["services/web/Dockerfile"]
    assert candidates("registry.k8s.io/guestbook:v3", files) == ["guestbook-go/Dockerfile"]
    assert candidates("redis:7", files) == []


def test_config_images_entries(tmp_path: Path) -> None:
    (tmp_path / ".cmdresolve.toml").write_text(
        '[images]\n"a:1" = "a/Dockerfile"\n'
        '"b:2" = { dockerfile = "b/Dockerfile", target = "t", args = { K = "v" } }\n'
        '"c:3" = { config = "c.json" }\n'
    )
    found = find_config(str(tmp_path))
    assert found is not None
    assert image_links(*found) == [
        ("a:1", str(tmp_path / "a/Dockerfile"), None, ()),
        ("b:2", str(tmp_path / "b/Dockerfile"), "t", (("K", "v"),)),
        ("c:3", str(tmp_path / "c.json"), None, ()),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("images = 3\n", "1: images: must be a table"),
        ('[images]\n"x" = 3\n', "2: images.x: must be a path or a table with dockerfile or config"),
        ('[images]\n"x" = { target = "t" }\n', "2: images.x: give exactly one of dockerfile and config"),
        (
            '[images]\n"x" = { dockerfile = "D", args = { K = 1 } }\n',
            "2: images.x: dockerfile, config and target must be strings, args a table of strings",
        ),
    ],
)
def test_config_images_errors_name_their_line(tmp_path: Path, body: str, message: str) -> None:
    from cmdresolve.render.phrases import input_error_text

    path = tmp_path / ".cmdresolve.toml"
    path.write_text(body)
    with pytest.raises(InputError) as caught:
        find_config(str(tmp_path))
    error = caught.value
    assert f"{error.span}: {input_error_text(error)}" == f"{path}:{message}"
