"""A whole repository in one command: the walk, the notes, the links, the goldens.

The fixture (tests/discover/repo) is copied to a temporary folder for each test; the
git-ignored folder and the git work tree are made there (a nested .git cannot be
committed).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cmdresolve.api import resolve
from cmdresolve.cli import main

HERE = Path(__file__).parent
REPO = HERE / "repo"
GOLDEN = HERE / "golden"
HAS_GIT = shutil.which("git") is not None


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture repository, copied, with a vendored folder and the working directory
    in it."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root)
    (root / "node_modules" / "pkg").mkdir(parents=True)
    (root / "node_modules" / "pkg" / "Dockerfile").write_text("FROM busybox\n")
    monkeypatch.chdir(root)
    return root


def _git(root: Path) -> None:
    (root / ".gitignore").write_text("ignored/\nnode_modules/\n")
    (root / "ignored").mkdir()
    (root / "ignored" / "Dockerfile").write_text('FROM busybox\nCMD ["ignored"]\n')
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*args, "--color", "never"])
    finally:
        if before is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = before
    return int(status), out.getvalue(), err.getvalue()


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CMDRESOLVE_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs"


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_golden_text(repo: Path) -> None:
    _git(repo)
    status, out, err = _run("-v")
    assert status == 0
    _compare("repo.v.txt", out + "--- stderr\n" + err)
    status, out, err = _run()
    _compare("repo.txt", out + "--- stderr\n" + err)


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_golden_json(repo: Path) -> None:
    _git(repo)
    status, out, err = _run("-o", "json")
    assert status == 0
    assert err == ""
    document = json.loads(out)
    assert {n["kind"] for n in document["notes"]} >= {
        "discover.skipped",
        "discover.helm_template",
        "discover.kustomization",
        "discover.kustomize_patch",
        "discover.image_by_repository",
        "discover.image_candidate",
    }
    _compare("repo.json", out)


def argvs(files: list[str] | None = None) -> dict[str, object]:
    answer = resolve(files or ["."])
    results = list(answer)
    return {f"{r.workload}/{r.container}": r.argv and list(r.values) for r in results}


def test_links_compose_skaffold_and_repository(repo: Path) -> None:
    found = argvs()
    # compose: build + image; the Deployment's tag differs: linked by repository
    assert found["Deployment/web/web"] == ["python", "app.py", "--port", "9000"]
    # compose build with a target
    assert found["repo/worker"] == ["/worker", "run", "--debug"]
    # skaffold artifact, matched by repository (skaffold rewrites the tag)
    assert found["Pod/api/api"] == ["/api", "serve"]
    # the catalog's image stays the catalog's
    assert found["Pod/cache/redis"] == ["docker-entrypoint.sh", "redis-server"]
    # not linked: an explicit unknown, and the unlinked Dockerfile is still resolved alone
    assert found["Pod/api/helper"] is None
    assert found["None/None"] == ["/helper"]


def test_a_git_ignored_folder_is_not_read(repo: Path) -> None:
    if not HAS_GIT:
        pytest.skip("git is not installed")
    _git(repo)
    built_here = {r.image for r in resolve(["."]) if r.workload is None}
    assert built_here == {"services/helper/Dockerfile"}
    shutil.rmtree(repo / ".git")  # the plain walk reads it: only hidden and vendored skipped
    texts = [r for r in resolve(["."]) if r.workload is None]
    assert any("ignored" in (r.image or "") for r in texts)


def test_vendored_folders_are_not_read(repo: Path) -> None:
    results = list(resolve(["."]))
    assert not any("node_modules" in (r.image or "") for r in results)


def test_config_binds_an_image(repo: Path) -> None:
    (repo / ".cmdresolve.toml").write_text(
        '[images]\n"example/helper:1" = { dockerfile = "services/helper/Dockerfile" }\n'
    )
    found = argvs()
    assert found["Pod/api/helper"] == ["/helper"]
    assert "None/None" not in found  # the Dockerfile is resolved through its container
    helper = next(r for r in resolve(["."]) if r.container == "helper")
    assert {a.span.file for a in helper.argv if a.span} == {"services/helper/Dockerfile"}


def test_a_bad_config_entry_is_file_line(repo: Path) -> None:
    (repo / ".cmdresolve.toml").write_text('[images]\n"x" = { file = "a" }\n')
    status, _, err = _run("-o", "argv")
    assert status == 2
    assert ".cmdresolve.toml:2: images.x: unknown key 'file'" in err


def test_image_flag_wins_over_compose(repo: Path) -> None:
    answer = resolve(["."], _options(images={"example/web:2.0": "services/helper/Dockerfile"}))
    found = {f"{r.workload}/{r.container}": list(r.values) for r in answer if r.argv}
    assert found["Deployment/web/web"] == ["/helper", "--port", "9000"]


def _options(**kwargs: object):  # type: ignore[no-untyped-def]
    from cmdresolve.api import Options

    return Options(**kwargs)  # type: ignore[arg-type]


def test_a_broken_file_among_good_ones(repo: Path) -> None:
    (repo / "deploy" / "broken.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: [\n"
    )
    status, out, err = _run("-o", "argv")
    assert status == 2
    assert err.startswith("cmdresolve: deploy/broken.yaml:4:")
    assert "Deployment/web/web\tpython app.py --port 9000" in out
    assert len(out.splitlines()) == len(argvs())


def test_the_one_dockerfile_rule_never_takes_a_catalog_image(tmp_path: Path) -> None:
    """guestbook-go: its Dockerfile and redis-master-controller.yaml (redis:7.2)."""
    (tmp_path / "Dockerfile").write_text('FROM scratch\nCMD ["/app/main"]\n')
    pod = tmp_path / "redis.yaml"
    pod.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n"
        "  containers:\n  - {name: redis, image: 'redis:7.2'}\n"
    )
    found = {r.container: list(r.values) for r in resolve([str(tmp_path / "Dockerfile"), str(pod)])}
    assert found["redis"] == ["docker-entrypoint.sh", "redis-server"]


def test_the_one_dockerfile_rule_is_stated(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text('FROM scratch\nCMD ["/app/main"]\n')
    pod = tmp_path / "pod.yaml"
    pod.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n"
        "  containers:\n  - {name: app, image: 'example/app:1'}\n"
    )
    (result,) = resolve([str(tmp_path / "Dockerfile"), str(pod)])
    assert list(result.values) == ["/app/main"]
    assert result.steps[0].rule == "discover.one_dockerfile"
    assert result.steps[0].params["image"] == "example/app:1"


def test_a_named_foreign_yaml_is_a_note(tmp_path: Path) -> None:
    ci = tmp_path / "ci.yml"
    ci.write_text("on: push\njobs:\n  t:\n    runs-on: x\n")
    status, out, err = _run(str(ci), "-o", "json")
    assert status == 0
    assert json.loads(out)["notes"][0]["kind"] == "discover.skipped"
    assert err == ""


def test_a_symlink_is_never_followed(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: out}\nspec:\n"
        "  containers:\n  - {name: out, image: busybox}\n"
    )
    (repo / "deploy" / "link.yaml").symlink_to(outside)
    answer = resolve(["."])
    assert "out" not in {r.container for r in answer}
    assert "discover.not_regular" in {n.kind.value for n in answer.notes}


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_a_hook_run_on_staged_files_links_through_the_repository(repo: Path) -> None:
    """pre-commit passes only the staged files; the links are the repository's all the
    same (compose builds, skaffold artifacts, .cmdresolve.toml)."""
    _git(repo)
    (repo / ".cmdresolve.toml").write_text(
        '[images]\n"example/helper:1" = "services/helper/Dockerfile"\n'
    )
    status, out, _ = _run("--repository", "-o", "argv", "deploy/app.yaml", "deploy/api.yaml")
    assert status == 0
    assert out.splitlines() == [
        "deploy/app.yaml:Deployment/web/web\tpython app.py --port 9000",
        "deploy/app.yaml:Pod/cache/redis\tdocker-entrypoint.sh redis-server",
        "deploy/api.yaml:Pod/api/api\t/api serve",
        "deploy/api.yaml:Pod/api/helper\t/helper",
    ]
    status, out, _ = _run("-o", "argv", "deploy/app.yaml")  # without it: not linked
    assert "Deployment/web/web\t# argv not known" in out


def test_container_over_a_walk_picks_from_every_project_and_manifest(repo: Path) -> None:
    status, out, _ = _run("--container", "redis", "-o", "argv")
    assert status == 0
    assert out.splitlines() == [
        "compose.yaml:repo/redis\tdocker-entrypoint.sh redis-server",
        "deploy/app.yaml:Pod/cache/redis\tdocker-entrypoint.sh redis-server",
    ]
    status, out, err = _run("--container", "heper", "-o", "argv")
    assert (status, out) == (2, "")
    assert err == (
        "cmdresolve: --container 'heper': no container has this name; did you mean 'helper'?\n"
    )


def test_a_named_foreign_json_is_a_note_and_a_broken_manifest_an_error(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text('{"name": "web", "version": "1.0.0"}')
    broken = tmp_path / "pod.json"
    broken.write_text('{"apiVersion": "v1", "kind": "Pod", ')
    status, out, err = _run(str(package), str(broken), "-o", "json")
    assert status == 2
    assert [n["file"] for n in json.loads(out)["notes"]] == [str(package)]
    assert err.startswith(f"cmdresolve: {broken}:1:")


def test_a_placeholder_template_is_a_note_that_says_so(tmp_path: Path) -> None:
    template = tmp_path / "secret-template.yaml"
    template.write_text("apiVersion: v1\nkind: Secret\ndata:\n  config: {{config_data}}\n")
    status, out, err = _run(str(template), "-o", "json")
    assert (status, err) == (0, "")
    (note,) = json.loads(out)["notes"]
    assert note["message"].startswith("skipped: a template ({{…}} placeholders or {%…%}")


def test_a_named_dockerfile_template_is_a_note(tmp_path: Path) -> None:
    template = tmp_path / "Dockerfile.template"
    template.write_text('FROM {{ env.base }}\nCMD {{ .cmd | @json }}\n')
    status, out, err = _run(str(template), "-o", "json")
    assert err == ""
    assert status == 0
    (note,) = json.loads(out)["notes"]
    assert (note["kind"], note["file"]) == ("discover.skipped", str(template))
    assert "docker-library" in note["message"]


def test_stdin_is_read_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    flow_pod = (
        '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: {name: "p",},\n'
        '  spec: {containers: [{name: "c", image: "debian", command: ["printenv",],}],},\n}\n'
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(flow_pod.encode())))
    status, out, _ = _run("-", "-o", "argv")
    assert (status, out) == (0, "printenv\n")
