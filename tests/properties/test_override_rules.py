"""Properties of the docker run merge and of shell wrapping (docs/semantics.md §1.4, §2.2)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import argv_words as words
from strategies import argvs, maybe_argvs
from strategies import as_args as _args
from strategies import image_configs as images

from cmdresolve.model import Arg, ImageConfig, Origin, ShellForm
from cmdresolve.model.overrides import DockerRun
from cmdresolve.render.phrases import failure_text
from cmdresolve.resolve.docker.run import merge_docker_run
from cmdresolve.resolve.dockerfile.stages import build_image
from cmdresolve.sources.dockerfile import parse_dockerfile, parse_trigger


def _values(args: tuple[Arg, ...] | None) -> tuple[str, ...]:
    return tuple(a.value for a in args or ())


@given(images(), argvs.filter(bool))
def test_run_args_keep_the_image_entrypoint(image: ImageConfig, run_args: tuple[str, ...]) -> None:
    run = DockerRun(image="img", program="docker run", args=_args(run_args, "run.args"))
    result = merge_docker_run(image, run)
    entrypoint = _values(image.entrypoint)
    if entrypoint == ("",):
        entrypoint = ()  # mergeAndVerifyConfig resets [""] to nil
    assert result.values == entrypoint + run_args


@given(images(), words.filter(bool), maybe_argvs)
def test_entrypoint_flag_drops_image_cmd(
    image: ImageConfig, flag: str, run_args: tuple[str, ...] | None
) -> None:
    run = DockerRun(
        image="img",
        program="docker run",
        entrypoint=Arg(flag, Origin.RUN_ENTRYPOINT),
        args=_args(run_args, "run.args"),
    )
    result = merge_docker_run(image, run)
    assert result.values == (flag, *(run_args or ()))


@given(images())
def test_empty_entrypoint_flag_without_args_cannot_start(image: ImageConfig) -> None:
    run = DockerRun(image="img", program="docker run", entrypoint=Arg("", Origin.RUN_ENTRYPOINT))
    result = merge_docker_run(image, run)
    assert (result.values, _error(result)) == (None, "no command specified")


@given(images())
def test_every_token_keeps_its_origin(image: ImageConfig) -> None:
    result = merge_docker_run(image, None)
    assert all(a.origin in ("image.entrypoint", "image.cmd") for a in result.argv or ())


script_text = (
    st.text(
        st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\\`\u2028\u2029\x85"
        ),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(lambda s: s and not s.startswith(("[", "-", "#")))
)


@given(
    script_text,
    st.sampled_from(["CMD", "ENTRYPOINT"]),
    st.none() | st.lists(words.filter(bool), min_size=1, max_size=3),
)
def test_shell_form_is_shell_plus_one_script(
    script: str, keyword: str, shell: list[str] | None
) -> None:
    import json

    shell_line = f"SHELL {json.dumps(shell)}\n" if shell else ""
    df = parse_dockerfile(f"FROM scratch\n{shell_line}{keyword} {script}\n")
    ins = df.stages[0].instructions[-1]
    assert ins.command == ShellForm(script)
    config = build_image(df, lookup=lambda ref: None, parse_trigger=parse_trigger).config
    stored = config.cmd if keyword == "CMD" else config.entrypoint
    assert _values(stored) == (*(shell or ("/bin/sh", "-c")), script)


def test_none_and_empty_are_kept_apart() -> None:
    def stored(body: str) -> ImageConfig:
        df = parse_dockerfile("FROM scratch\n" + body)
        return build_image(df, lookup=lambda ref: None, parse_trigger=parse_trigger).config

    assert stored("").cmd is None
    assert stored("CMD []\n").cmd == ()
    assert stored("ENTRYPOINT []\n").entrypoint is None  # parseEntrypoint: emptyAsNil
    assert _values(stored('ENTRYPOINT [""]\n').entrypoint) == ("",)


def _error(result: object) -> str | None:
    error = result.error  # type: ignore[attr-defined]
    return None if error is None else failure_text(error)
