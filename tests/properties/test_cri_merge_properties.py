"""Properties of the CRI runtime merge of pod command/args with the image (docs/semantics.md §3.5-3.6)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import argvs, image_configs
from strategies import as_args as _args

from cmdresolve.model import Arg, ImageConfig
from cmdresolve.render.phrases import failure_text
from cmdresolve.resolve.kubernetes.cri_merge import merge_cri_process_args, runtimes_differ

# [""] often enough to matter: it is the one image value the runtimes treat differently.
image_argvs = st.none() | st.just(("",)) | argvs
runtimes = st.sampled_from(["containerd", "cri-o"])


def images() -> st.SearchStrategy[ImageConfig]:
    return image_configs(image_argvs, st.sampled_from(["linux", "windows"]))


def _values(argv: tuple[Arg, ...] | None) -> tuple[str, ...] | None:
    return None if argv is None else tuple(a.value for a in argv)


@given(images(), argvs.filter(bool), runtimes)
def test_args_alone_never_change_the_entrypoint(
    image: ImageConfig, args: tuple[str, ...], runtime: str
) -> None:
    argv, error, _, _ = merge_cri_process_args(image, None, _args(args, "pod.args"), runtime)
    entrypoint = _values(image.entrypoint) or ()
    if runtime == "containerd" and image.os == "linux" and entrypoint == ("",):
        entrypoint = ()  # containerd on Linux ignores an image ENTRYPOINT [""]
    assert (_values(argv), error) == ((*entrypoint, *args), None)


@given(images(), argvs.filter(bool), st.none() | argvs, runtimes)
def test_command_drops_the_image_cmd_and_equals_command_plus_args(
    image: ImageConfig, command: tuple[str, ...], args: tuple[str, ...] | None, runtime: str
) -> None:
    argv, error, _, unknowns = merge_cri_process_args(
        image, _args(command, "pod.command"), _args(args, "pod.args"), runtime
    )
    assert argv is not None
    assert error is None and unknowns == []
    assert not any(a.origin.startswith("image.") for a in argv)
    assert _values(argv) == (*command, *(args or ()))


@given(images(), st.none() | argvs, st.none() | argvs)
def test_runtimes_agree_unless_the_image_entrypoint_is_empty_string(
    image: ImageConfig, command: tuple[str, ...] | None, args: tuple[str, ...] | None
) -> None:
    pod_command, pod_args = _args(command, "pod.command"), _args(args, "pod.args")
    a = merge_cri_process_args(image, pod_command, pod_args, "containerd")
    b = merge_cri_process_args(image, pod_command, pod_args, "cri-o")
    differ = (_values(a[0]), a[1]) != (_values(b[0]), b[1])
    assert runtimes_differ(image, pod_command, pod_args) is differ
    if _values(image.entrypoint) != ("",) or image.os == "windows":
        assert not differ


@given(images(), st.none() | argvs, st.none() | argvs, runtimes)
def test_error_only_when_nothing_is_left(
    image: ImageConfig,
    command: tuple[str, ...] | None,
    args: tuple[str, ...] | None,
    runtime: str,
) -> None:
    argv, error, steps, _ = merge_cri_process_args(
        image, _args(command, "pod.command"), _args(args, "pod.args"), runtime
    )
    assert (argv is None) is (error is not None)
    assert error is None or failure_text(error) == "no command specified"
    if error is not None:
        assert steps[-1].rule == "cri.no_command"
    else:
        assert argv  # never an empty argv
        assert steps[-1].rule == ("cri.argv" if argv[0].value else "cri.empty_program")
