"""Compose projects through the API: SEMANTICS-measured behaviour of Docker Compose
v2.40.3 with the engine (docs/semantics.md §5.5, §12)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import InputError, Origin, StepKind

IMAGE = """    build:
      dockerfile_inline: |
        FROM scratch
        ENTRYPOINT ["/ep", "e1"]
        CMD ["c1", "c2"]
"""


def project(tmp_path: Path, body: str, *more: str, name: str = "compose.yaml") -> list[str]:
    files = [tmp_path / name]
    files[0].write_text(body, encoding="utf-8")
    for index, text in enumerate(more):
        extra = tmp_path / f"override{index}.yaml"
        extra.write_text(text, encoding="utf-8")
        files.append(extra)
    return [str(f) for f in files]


def argvs(files: list[str], **options: object) -> dict[str, tuple[str, ...] | None]:
    answer = resolve(files, Options(environ=options.pop("environ", {}), **options))  # type: ignore[arg-type]
    results = list(answer)
    if answer.errors:
        raise answer.errors[0]
    return {r.container or "": r.values for r in results}


def one(tmp_path: Path, service: str, **options: object) -> tuple[str, ...] | None:
    body = f"services:\n  s:\n{IMAGE}{service}"
    return argvs(project(tmp_path, body), **options)["s"]


@pytest.mark.parametrize(
    ("fields", "argv"),
    [
        ("", ("/ep", "e1", "c1", "c2")),
        ("    command: x y\n", ("/ep", "e1", "x", "y")),
        ("    command: [x, 'y z']\n", ("/ep", "e1", "x", "y z")),
        ("    command: []\n", ("/ep", "e1", "c1", "c2")),
        ("    command: ''\n", ("/ep", "e1", "c1", "c2")),
        ("    command: null\n", ("/ep", "e1", "c1", "c2")),
        ("    entrypoint: []\n", ("c1", "c2")),
        ("    entrypoint: ''\n", ("c1", "c2")),
        ("    entrypoint: ['']\n", None),  # no command specified, as dockerd says
        ("    entrypoint: ['']\n    command: [x]\n", ("x",)),
        ("    entrypoint: [sh, -c]\n", ("sh", "-c")),
        ("    entrypoint: []\n    command: []\n", ("c1", "c2")),
        ("    entrypoint: /bin/x\n    command: a\n", ("/bin/x", "a")),
        ("    command: /argv a;b c\n", ("/ep", "e1", "/argv", "a")),
        ("    command: [yes, no, on, off]\n", ("/ep", "e1", "yes", "no", "on", "off")),
        ("    command: echo $$HOME\n", ("/ep", "e1", "echo", "$HOME")),
        ("    init: true\n", ("/sbin/docker-init", "--", "/ep", "e1", "c1", "c2")),
    ],
)
def test_command_and_entrypoint_with_the_image(
    tmp_path: Path, fields: str, argv: tuple[str, ...] | None
) -> None:
    assert one(tmp_path, fields) == argv


def test_the_cut_is_a_step_with_what_was_dropped(tmp_path: Path) -> None:
    body = f"services:\n  web:\n{IMAGE}    command: python manage.py migrate && python manage.py runserver\n"
    (result,) = resolve(project(tmp_path, body), Options(environ={}))
    assert result.values == ("/ep", "e1", "python", "manage.py", "migrate")
    cut = next(s for s in result.steps if s.kind is StepKind.COMPOSE_OPERATOR_CUT)
    assert cut.params["dropped"] == "&& python manage.py runserver"
    assert result.runtime == "compose"
    assert (result.workload, result.container, result.container_type) == (
        tmp_path.name.lower().replace(".", ""),
        "web",
        "service",
    )


def test_override_files_replace_and_reset(tmp_path: Path) -> None:
    base = f"services:\n  a:\n{IMAGE}    command: [base]\n  b:\n{IMAGE}    command: [base]\n  c:\n{IMAGE}    entrypoint: [x]\n"
    over = "services:\n  a:\n    command: null\n  b:\n    command: [over, two]\n  c:\n    entrypoint: !reset null\n"
    got = argvs(project(tmp_path, base, over))
    assert got == {
        "a": ("/ep", "e1", "c1", "c2"),
        "b": ("/ep", "e1", "over", "two"),
        "c": ("/ep", "e1", "c1", "c2"),
    }


def test_extends_chains_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(
        f"services:\n  root:\n{IMAGE}    command: [from-root]\n    working_dir: /srv\n",
        encoding="utf-8",
    )
    body = (
        "services:\n"
        "  mid:\n    extends: {file: common.yaml, service: root}\n    user: app\n"
        "  leaf:\n    extends: mid\n    command: leaf\n"
    )
    answer = resolve(project(tmp_path, body), Options(environ={}))
    results = {r.container: r for r in answer}
    assert results["mid"].values == ("/ep", "e1", "from-root")
    assert results["leaf"].values == ("/ep", "e1", "leaf")
    assert (results["leaf"].working_dir, results["leaf"].user) == ("/srv", "app")


def test_include_and_profiles(tmp_path: Path) -> None:
    (tmp_path / "inc.yaml").write_text(f"services:\n  included:\n{IMAGE}", encoding="utf-8")
    body = f"include: [inc.yaml]\nservices:\n  main:\n{IMAGE}  debug:\n{IMAGE}    profiles: [dev]\n"
    files = project(tmp_path, body)
    assert set(argvs(files)) == {"main", "included"}
    assert set(argvs(files, profiles=("dev",))) == {"main", "included", "debug"}
    assert set(argvs(files, environ={"COMPOSE_PROFILES": "dev"})) == {"main", "included", "debug"}


def test_anchors_and_merge_keys(tmp_path: Path) -> None:
    body = (
        "x-one: &one {command: [one]}\nx-two: &two {command: [two], user: u2}\n"
        f"services:\n  s:\n{IMAGE}    <<: [*one, *two]\n"
    )
    (result,) = resolve(project(tmp_path, body), Options(environ={}))
    assert result.values == ("/ep", "e1", "one")
    assert result.user == "u2"


def test_interpolation_from_dotenv_and_environment(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('SECS=10\nWORDS="a b"\nCOLOR=red\n', encoding="utf-8")
    body = (
        "name: My_Project\n"
        f"services:\n  s:\n{IMAGE}    command: sleep $SECS $WORDS ${{MISSING}}x\n"
        "    environment:\n      APP_COLOR: ${COLOR}\n      LITERAL: $$(NAME)\n"
    )
    (result,) = resolve(project(tmp_path, body), Options(environ={"COLOR": "blue"}))
    assert result.values == ("/ep", "e1", "sleep", "10", "a", "b", "x")
    assert result.workload == "my_project"
    env = dict(e.split("=", 1) for e in result.env or ())
    assert env["APP_COLOR"] == "blue" and env["LITERAL"] == "$(NAME)"
    secs = next(a for a in result.argv or () if a.value == "10")
    assert secs.origin is Origin.COMPOSE_COMMAND
    assert secs.notes[0].params["where"] == (f"{os.path.relpath(tmp_path / '.env')}:1",)
    last = result.argv[-1] if result.argv else None
    assert last is not None and last.notes[0].params["unset"] == ("MISSING",)


def test_env_file_feeds_the_container_not_interpolation(tmp_path: Path) -> None:
    (tmp_path / "app.env").write_text("FROM_FILE=1\nOVER=file\n", encoding="utf-8")
    body = (
        f"services:\n  s:\n{IMAGE}    env_file: app.env\n    command: echo ${{FROM_FILE}}\n"
        "    environment: [OVER=env, BARE]\n"
    )
    (result,) = resolve(project(tmp_path, body), Options(environ={"BARE": "host"}))
    assert result.values == ("/ep", "e1", "echo")
    assert result.env is not None
    assert result.env[:3] == ("FROM_FILE=1", "OVER=env", "BARE=host")


def test_compose_run(tmp_path: Path) -> None:
    body = f"services:\n  web:\n{IMAGE}    command: [svc]\n    profiles: [off]\n  other:\n{IMAGE}"
    files = project(tmp_path, body)
    run = "docker compose run --rm -e K=V -w /w web -- /argv x"
    (result,) = resolve(files, Options(run=run, environ={}))
    assert result.values == ("/ep", "e1", "--", "/argv", "x")
    assert result.working_dir == "/w" and result.env and "K=V" in result.env
    assert argvs(files, run="docker-compose run --entrypoint 'sh -c' web") == {"web": ("sh", "-c")}
    assert argvs(files, run="docker compose run --entrypoint '' web") == {"web": ("c1", "c2")}
    assert argvs(files, run="docker compose run web $HOME") == {"web": ("/ep", "e1", "$HOME")}


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        (
            "services:\n  s:\n    image: x\n    command: [sleep, 10]\n",
            "services.s.command.1 must be a string",
            4,
        ),
        ("services:\n  s:\n    image: x\n    command: a (b\n", "invalid command line string", 4),
        (
            "services:\n  s:\n    image: x\n    command: ${V/a/b}\n",
            "invalid interpolation format",
            4,
        ),
        (
            "services:\n  s:\n    image: x\n    command: ${V:?set V}\n",
            "required variable V is missing a value: set V",
            4,
        ),
        ("services:\n  s:\n    image: x\n    extends: nope\n", "service 'nope' not found", 4),
        ("services:\n  s:\n    image: x\n    env_file: missing.env\n", "env file", 4),
        ("services:\n  s:\n    image: x\n    image: y\n", "already defined at line 3", 4),
        ("services:\n  s: [\n", "invalid YAML", None),
        (
            "services:\n  s:\n    image: x\n    comand: [a]\n",
            "additional property 'comand' is not allowed; did you mean 'command'?",
            4,
        ),
        (
            "services:\n  s:\n    image: x\n    extends:\n      file: gone.yaml\n"
            "      service: b\n",
            "services.s.extends.file: gone.yaml: no such file or directory",
            5,
        ),
        (
            "include:\n  - gone.yaml\nservices:\n  s:\n    image: x\n",
            "include: gone.yaml: no such file or directory",
            2,
        ),
        (
            "services:\n  s:\n    build:\n      context: .\n      dockerfile: gone.Dockerfile\n",
            "gone.Dockerfile: no such file or directory",
            4,
        ),
    ],
)
def test_input_errors(tmp_path: Path, body: str, message: str, line: int | None) -> None:
    answer = resolve(project(tmp_path, body), Options(environ={}))
    assert list(answer) == []
    (error,) = answer.errors
    assert isinstance(error, InputError)
    assert message in error.message
    assert error.span is not None
    if line is not None:
        assert error.span.line == line


def test_unknown_service_in_run(tmp_path: Path) -> None:
    answer = resolve(
        project(tmp_path, f"services:\n  web:\n{IMAGE}"),
        Options(run="docker compose run wbe", environ={}),
    )
    assert list(answer) == []
    assert "no such service: wbe" in answer.errors[0].message


def test_a_directory_reads_the_default_file_and_its_override(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  s:\n{IMAGE}    command: [base]\n", encoding="utf-8"
    )
    (tmp_path / "compose.override.yaml").write_text(
        "services:\n  s:\n    command: [over]\n", encoding="utf-8"
    )
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  ignored: {image: x}\n", encoding="utf-8"
    )
    assert argvs([str(tmp_path)]) == {"s": ("/ep", "e1", "over")}


def test_an_interpolated_value_is_split_quotes_included(tmp_path: Path) -> None:
    body = f"services:\n  s:\n{IMAGE}    command: echo $V\n"
    assert argvs(project(tmp_path, body), environ={"V": '"a b" c'}) == {
        "s": ("/ep", "e1", "echo", "a b", "c")
    }


def test_an_escaped_t_names_the_version_split(tmp_path: Path) -> None:
    body = f"services:\n  s:\n{IMAGE}    command: 'echo \"a\\tb\"'\n"
    (result,) = resolve(project(tmp_path, body), Options(environ={}))
    assert result.values == ("/ep", "e1", "echo", "atb")
    split = next(s for s in result.steps if s.kind is StepKind.COMPOSE_STRING_SPLIT)
    assert split.params["escape"] == "tn"


def test_container_selects_a_service_and_names_the_nearest(tmp_path: Path) -> None:
    files = project(tmp_path, f"services:\n  web:\n{IMAGE}  db:\n{IMAGE}")
    assert set(argvs(files, container="db")) == {"db"}
    answer = resolve(files, Options(container="wbe", environ={}))
    assert list(answer) == []
    assert "did you mean 'web'" in answer.errors[0].message


def test_run_env_without_a_value_comes_from_the_environment(tmp_path: Path) -> None:
    files = project(tmp_path, f"services:\n  web:\n{IMAGE}")
    (result,) = resolve(
        files, Options(run="docker compose run -e K -e GONE web", environ={"K": "v"})
    )
    assert result.env is not None and "K=v" in result.env
    assert not any(e.startswith("GONE") for e in result.env)


def test_reset_in_a_single_file_removes_the_value(tmp_path: Path) -> None:
    body = f"services:\n  s:\n{IMAGE}    entrypoint: !reset []\n    command: !override [x]\n"
    assert argvs(project(tmp_path, body)) == {"s": ("/ep", "e1", "x")}


def test_a_remote_build_context_is_an_unknown(tmp_path: Path) -> None:
    body = "services:\n  s:\n    build: https://github.com/example/app.git\n    command: [x]\n"
    (result,) = resolve(project(tmp_path, body), Options(environ={}))
    assert result.values is None
    assert "compose.build_context" in [u.kind.value for u in result.unknowns]


def test_a_bare_name_set_nowhere_is_sent_bare(tmp_path: Path) -> None:
    """Compose sends `NAME` without `=` (Config.Env), which JSON shows as null."""
    import json as _json

    from cmdresolve.render.json import render_json_text

    body = f"services:\n  s:\n{IMAGE}    environment: [UNSET_HERE, SET=1]\n"
    results = list(resolve(project(tmp_path, body), Options(environ={})))
    assert "UNSET_HERE" in results[0].env and "SET=1" in results[0].env
    env = _json.loads("".join(render_json_text(results)))["results"][0]["env"]
    assert env["UNSET_HERE"] is None and env["SET"] == "1"


def test_multi_document_file_merges_like_override_files(tmp_path: Path) -> None:
    body = (
        f"services:\n  web:\n{IMAGE}    command: [a]\n"
        "---\nservices:\n  web:\n    command: [b]\n  db:\n" + IMAGE
    )
    assert argvs(project(tmp_path, body)) == {
        "web": ("/ep", "e1", "b"),
        "db": ("/ep", "e1", "c1", "c2"),
    }


def test_trailing_empty_document_is_refused(tmp_path: Path) -> None:
    answer = resolve(project(tmp_path, f"services:\n  web:\n{IMAGE}---\n"), Options(environ={}))
    assert list(answer) == []
    assert "top-level object must be a mapping" in answer.errors[0].message


def test_included_project_has_its_own_directory_and_env(tmp_path: Path) -> None:
    (tmp_path / "sub" / "ctx").mkdir(parents=True)
    (tmp_path / "sub" / "ctx" / "Dockerfile").write_text('FROM scratch\nENTRYPOINT ["/sub"]\n')
    (tmp_path / "sub" / ".env").write_text("A=sub-a\nB=sub-b\n")
    (tmp_path / ".env").write_text("A=main-a\n")
    (tmp_path / "sub" / "compose.yaml").write_text(
        'services:\n  inc:\n    build: ./ctx\n    command: ["$A", "$B"]\n'
    )
    files = project(tmp_path, f"include:\n  - sub/compose.yaml\nservices:\n  web:\n{IMAGE}")
    assert argvs(files)["inc"] == ("/sub", "main-a", "sub-b")


def test_extends_file_paths_are_relative_to_that_file(tmp_path: Path) -> None:
    (tmp_path / "ext" / "ctx").mkdir(parents=True)
    (tmp_path / "ext" / "ctx" / "Dockerfile").write_text('FROM scratch\nENTRYPOINT ["/ext"]\n')
    (tmp_path / "ext" / "base.env").write_text("E=1\n")
    (tmp_path / "ext" / "common.yaml").write_text(
        "services:\n  base:\n    build: ./ctx\n    env_file: base.env\n"
    )
    files = project(
        tmp_path,
        "services:\n  web:\n    extends: {file: ext/common.yaml, service: base}\n    command: [c]\n",
    )
    answer = resolve(files, Options(environ={}))
    (result,) = list(answer)
    assert not answer.errors
    assert result.values == ("/ext", "c")
    assert result.env is not None and "E=1" in result.env


def test_run_line_globals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "base.yaml").write_text(f"services:\n  web:\n{IMAGE}    command: [base]\n")
    (tmp_path / "over.yaml").write_text("services:\n  web:\n    command: [over, $A]\n")
    (tmp_path / "o.env").write_text("A=from-o\n")
    monkeypatch.chdir(tmp_path)
    line = "docker compose -f base.yaml --file=over.yaml -p Named --env-file o.env run web"
    (result,) = resolve([], Options(run=line, environ={}))
    assert result.values == ("/ep", "e1", "over", "from-o")
    assert result.workload == "named"


def test_compose_file_variable_and_separator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(f"services:\n  web:\n{IMAGE}    command: [a]\n")
    (tmp_path / "b.yaml").write_text("services:\n  web:\n    entrypoint: [b]\n")
    monkeypatch.chdir(tmp_path)
    env = {"COMPOSE_FILE": "a.yaml;b.yaml", "COMPOSE_PATH_SEPARATOR": ";"}
    (result,) = resolve([], Options(run="docker compose run web", environ=env))
    assert result.values == ("b", "a")
    (tmp_path / ".env").write_text("COMPOSE_FILE=a.yaml\n")
    (result,) = resolve([], Options(run="docker-compose run web", environ={}))
    assert result.values == ("/ep", "e1", "a")


def test_run_line_default_file_found_in_a_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "compose.yaml").write_text(f"services:\n  web:\n{IMAGE}    command: [d]\n")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "deep" / "er")
    (result,) = resolve([], Options(run="docker compose run web", environ={}))
    assert result.values == ("/ep", "e1", "d")


def test_run_env_from_file_and_dotenv_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = project(tmp_path, f"services:\n  web:\n{IMAGE}    environment: {{A: svc}}\n")
    (tmp_path / "run.env").write_text("A=file\nB=file\n")
    (tmp_path / ".env").write_text("D=dotenv\n")
    monkeypatch.chdir(tmp_path)
    line = "docker compose run --env-from-file run.env -e B=flag -e D -e NOPE web"
    (result,) = resolve(files, Options(run=line, environ={}))
    assert result.env is not None
    assert {"A=file", "B=flag", "D=dotenv"} <= set(result.env)
    assert not any(e.startswith(("NOPE", "B=file")) for e in result.env)


def test_env_file_long_syntax(tmp_path: Path) -> None:
    (tmp_path / "raw.env").write_text('A="q"\nB=$X\n  C=c # not a comment\nD\nGONE\n')
    body = (
        f"services:\n  web:\n{IMAGE}    env_file:\n      - path: missing.env\n"
        "        required: false\n      - path: raw.env\n        format: raw\n"
    )
    (result,) = resolve(project(tmp_path, body), Options(environ={"D": "d", "X": "x"}))
    assert result.env is not None
    assert {'A="q"', "B=$X", "C=c # not a comment", "D=d"} <= set(result.env)
    assert not any(e.startswith("GONE") for e in result.env)


def test_env_file_unknown_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.env").write_text("A=1\n")
    body = f"services:\n  web:\n{IMAGE}    env_file:\n      - path: a.env\n        format: x\n"
    answer = resolve(project(tmp_path, body), Options(environ={}))
    assert list(answer) == []
    assert 'unsupported env_file format "x"' in answer.errors[0].message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("docker compose --bogus run web", "unknown flag: --bogus"),
        ("docker compose -f", "flag needs an argument: -f"),
        ("docker compose run --env-from-file gone.env web", "--env-from-file gone.env"),
    ],
)
def test_run_line_global_errors(tmp_path: Path, line: str, message: str) -> None:
    files = project(tmp_path, f"services:\n  web:\n{IMAGE}")
    answer = resolve(files, Options(run=line, environ={}))
    list(answer)  # a bad run line is an error; the services are still resolved
    assert any(message in e.message for e in answer.errors), [e.message for e in answer.errors]


def test_run_line_short_file_flag_glued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x.yaml").write_text(f"services:\n  web:\n{IMAGE}    command: [x]\n")
    monkeypatch.chdir(tmp_path)
    (result,) = resolve([], Options(run="docker compose -fx.yaml run web", environ={}))
    assert result.values == ("/ep", "e1", "x")


def _error(files: list[str]) -> InputError:
    answer = resolve(files, Options(environ={}))
    assert list(answer) == []
    [error] = answer.errors
    return error


def test_a_required_variable_unmet_in_dotenv_is_an_error_at_its_line(tmp_path: Path) -> None:
    # compose v2.40.3: "failed to read …/.env: required variable D is missing a value: no"
    (tmp_path / ".env").write_text("E=1\nA=${B:-${C:-${D:?no}}}\n", encoding="utf-8")
    error = _error(project(tmp_path, f"services:\n  s:\n{IMAGE}    command: echo $E\n"))
    assert (error.span.file, error.span.line) == (str(tmp_path / ".env"), 2)  # type: ignore[union-attr]
    assert error.message == "required variable D is missing a value: no"


def test_dotenv_lines_that_double_run_out_of_the_projects_budget(tmp_path: Path) -> None:
    lines = ["V0=" + "x" * 100] + [f"V{i}=${{V{i - 1}}}${{V{i - 1}}}" for i in range(1, 40)]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = _error(project(tmp_path, f"services:\n  s:\n{IMAGE}    command: echo $V39\n"))
    assert error.span is not None and error.span.file == str(tmp_path / ".env")
    assert error.message.startswith(f"interpolating ${{V{error.span.line - 2}}} makes more than")
    assert 10 < error.span.line < 20  # 100 × 2**15 characters is past 4 MiB


def test_a_big_dotenv_is_read_whole(tmp_path: Path) -> None:
    # Read by offsets: each line used to cut a new copy of the rest (the square of the size).
    count = 50_000
    lines = [f'K{i}="v{i}\\n#"' if i % 2 else f"K{i}=v{i} # comment" for i in range(count)]
    (tmp_path / ".env").write_text("\n".join(lines) + "\nLAST=$K1\n", encoding="utf-8")
    body = f"services:\n  s:\n{IMAGE}    command: [echo, $LAST, $K0, $K{count - 2}]\n"
    assert argvs(project(tmp_path, body))["s"] == (
        "/ep", "e1", "echo", "v1\n#", "v0", f"v{count - 2}")  # fmt: skip
