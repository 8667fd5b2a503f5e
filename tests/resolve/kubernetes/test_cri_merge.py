"""The CRI runtime merge of pod ``command``/``args`` with the image, one row per case.

Sources: the Kubernetes documentation table (docs/semantics.md §6.2, with the real leading
``/``), containerd ``internal/cri/server/container_create_test.go ::
TestContainerSpecCommand`` (§7.9), CRI-O ``internal/factory/container/container_test.go``
"SpecSetProcessArgs" (§7.10), and the end-to-end vectors of §7.15 items 7 and 9.
``None`` is what the kubelet sends for an absent or empty list (§3.4 rule 11).
"""

from __future__ import annotations

import pytest

from cmdresolve.model import Arg, ImageConfig, Note, NoteKind
from cmdresolve.render.phrases import failure_text, note_text, step_summary, unknown_reason
from cmdresolve.resolve.kubernetes.cri_merge import merge_cri_process_args, runtimes_differ

RUNTIMES = ["containerd", "cri-o"]
NO_COMMAND = "no command specified"


def _pod(values: tuple[str, ...] | None, origin: str) -> tuple[Arg, ...] | None:
    return None if values is None else tuple(Arg(v, origin) for v in values)


def _image(
    entrypoint: tuple[str, ...] | None = None,
    cmd: tuple[str, ...] | None = None,
    os: str = "linux",
    unknown: frozenset[str] = frozenset(),
) -> ImageConfig:
    return ImageConfig(
        source="img",
        entrypoint=_pod(entrypoint, "image.entrypoint"),
        cmd=_pod(cmd, "image.cmd"),
        os=os,
        unknown=unknown,
    )


def _merge(image, command, args, runtime="containerd"):
    argv, error, steps, unknowns = merge_cri_process_args(
        image, _pod(command, "pod.command"), _pod(args, "pod.args"), runtime
    )
    return argv, None if error is None else failure_text(error), steps, unknowns


def _answer(image, command, args, runtime="containerd"):
    argv, error, _, _ = _merge(image, command, args, runtime)
    return (None if argv is None else tuple(a.value for a in argv)), error


# --- Kubernetes documentation table (docs/semantics.md §6.2) -------------------------------------

DOCS_IMAGE = _image(("/ep-1",), ("foo", "bar"))
DOCS_ROWS = [
    (None, None, ("/ep-1", "foo", "bar")),
    (("/ep-2",), None, ("/ep-2",)),
    (None, ("zoo", "boo"), ("/ep-1", "zoo", "boo")),
    (("/ep-2",), ("zoo", "boo"), ("/ep-2", "zoo", "boo")),
]


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize(("command", "args", "expected"), DOCS_ROWS)
def test_kubernetes_docs_table(runtime: str, command, args, expected) -> None:
    assert _answer(DOCS_IMAGE, command, args, runtime) == (expected, None)


# --- containerd TestContainerSpecCommand (docs/semantics.md §7.9) --------------------------------

CONTAINERD_ROWS = [
    # should use cri entrypoint if it's specified
    (("a", "b"), None, ("c", "d"), ("e", "f"), ("a", "b"), None),
    # should use cri entrypoint and args if they are specified
    (("a", "b"), ("c", "d"), ("e", "f"), ("g", "h"), ("a", "b", "c", "d"), None),
    # should use image entrypoint if cri entrypoint is not specified
    (None, ("a", "b"), ("c", "d"), ("e", "f"), ("c", "d", "a", "b"), None),
    # should use image args if both cri entrypoint and args are not specified
    (None, None, ("c", "d"), ("e", "f"), ("c", "d", "e", "f"), None),
    # should return error if both entrypoint and args are empty
    (None, None, None, None, None, NO_COMMAND),
]


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize(("command", "args", "ep", "cmd", "argv", "error"), CONTAINERD_ROWS)
def test_containerd_spec_command(runtime: str, command, args, ep, cmd, argv, error) -> None:
    assert _answer(_image(ep, cmd), command, args, runtime) == (argv, error)


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_non_nil_empty_command_takes_no_image_entrypoint(runtime: str) -> None:
    # "should use cri entrypoint if it's specified even if it's empty": unreachable from the
    # kubelet, which sends [] as nil; only a direct CRI client can send a non-nil [].
    image = _image(("c", "d"), ("e", "f"))
    argv, error, steps, _ = merge_cri_process_args(image, (), _pod(("a", "b"), "pod.args"), runtime)
    assert (tuple(a.value for a in argv), error) == (("a", "b"), None)
    assert steps[0].rule == "cri.empty_command"
    assert step_summary(steps[0]) == (
        "command (= Docker ENTRYPOINT) is set to [] (non-nil; the kubelet never sends this, "
        "it turns [] into nil): the image ENTRYPOINT ['c', 'd'] is not used"
    )


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_non_nil_empty_command_without_args_takes_image_cmd_only(runtime: str) -> None:
    assert merge_cri_process_args(_image(("c",), ("e",)), (), None, runtime)[0] == (
        Arg("e", "image.cmd"),
    )


# --- CRI-O "SpecSetProcessArgs" (docs/semantics.md §7.10) -----------------------------------------

# fmt: off
CRIO_ROWS = [
    ("should fail if empty", None, None, None, None, None, NO_COMMAND),
    ("should set to command", ("hello", "world"), None, None, None, ("hello", "world"), None),
    ("should set to Args", None, ("hello", "world"), None, None, ("hello", "world"), None),
    ("should append args and command", ("hi", "earth"), ("hello", "world"), None, None, ("hi", "earth", "hello", "world"), None),
    ("should inherit entrypoint from image", None, ("world",), ("goodbye",), None, ("goodbye", "world"), None),
    ("should always use Command if specified", ("hello",), None, None, ("mars",), ("hello",), None),
    ("should inherit cmd from image", None, None, None, ("mars",), ("mars",), None),
    ("should inherit both from image", None, None, ("hello",), ("mars",), ("hello", "mars"), None),
]
# fmt: on


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize(
    ("desc", "command", "args", "ep", "cmd", "argv", "error"),
    CRIO_ROWS,
    ids=[row[0] for row in CRIO_ROWS],
)
def test_crio_spec_set_process_args(
    runtime: str, desc, command, args, ep, cmd, argv, error
) -> None:
    assert _answer(_image(ep, cmd), command, args, runtime) == (argv, error)


# --- ENTRYPOINT [""] (docs/semantics.md §7.15 item 7) ---------------------------------------------

EMPTY_EP_ROWS = [
    # (args, image cmd, os, containerd, cri-o)
    (None, ("echo", "hi"), "linux", (("echo", "hi"), None), (("", "echo", "hi"), None)),
    (None, ("echo", "hi"), "windows", (("", "echo", "hi"), None), (("", "echo", "hi"), None)),
    (None, None, "linux", (None, NO_COMMAND), (("",), None)),
    (("x",), ("echo", "hi"), "linux", (("x",), None), (("", "x"), None)),
]


@pytest.mark.parametrize(("args", "cmd", "os", "containerd", "crio"), EMPTY_EP_ROWS)
def test_empty_string_image_entrypoint(args, cmd, os: str, containerd, crio) -> None:
    image = _image(("",), cmd, os=os)
    assert _answer(image, None, args, "containerd") == containerd
    assert _answer(image, None, args, "cri-o") == crio
    assert runtimes_differ(image, None, _pod(args, "pod.args")) is (containerd != crio)


def test_empty_string_entrypoint_on_containerd_is_explained() -> None:
    _, _, steps, _ = _merge(_image(("",), ("echo", "hi")), None, None, "containerd")
    assert [s.rule for s in steps] == ["cri.empty_entrypoint", "cri.inherit_cmd", "cri.argv"]
    assert step_summary(steps[0]) == (
        "command (= Docker ENTRYPOINT) is not set, and the image ENTRYPOINT [''] counts as "
        "none on containerd (Linux): nothing is taken from it"
    )
    assert steps[0].authority == (
        "containerd/containerd internal/cri/opts/spec_opts.go :: WithProcessArgs"
    )


def test_empty_string_entrypoint_on_crio_fails_at_exec() -> None:
    argv, error, steps, unknowns = _merge(_image(("",), ("echo", "hi")), None, None, "cri-o")
    assert argv == (
        Arg("", "image.entrypoint", notes=(Note(NoteKind.EMPTY_PROGRAM),)),
        Arg("echo", "image.cmd"),
        Arg("hi", "image.cmd"),
    )
    assert note_text(argv[0]) == (
        "an empty program name: the container is created but the exec fails"
    )
    assert (error, unknowns) == (None, [])
    assert [s.rule for s in steps] == [
        "cri.inherit_entrypoint",
        "cri.inherit_cmd",
        "cri.argv",
        "cri.empty_program",
    ]
    assert step_summary(steps[0]) == (
        "command (= Docker ENTRYPOINT) is not set: the image ENTRYPOINT [''] is used; CRI-O "
        "has no special case for [''] (containerd on Linux ignores it), so the program name "
        "is empty"
    )
    assert steps[0].authority == (
        "cri-o/cri-o internal/factory/container/container.go :: SpecSetProcessArgs"
    )
    assert step_summary(steps[3]) == (
        "argv[0] is the empty string (from image.entrypoint): cri-o accepts it, and the exec "
        "fails when the container starts"
    )


def test_pod_command_empty_string_is_not_special() -> None:
    # Only the image ENTRYPOINT [""] is special-cased; a pod command [""] is kept (§3.5 rule 13).
    for runtime in RUNTIMES:
        assert _answer(DOCS_IMAGE, ("",), ("x",), runtime) == (("", "x"), None)


@pytest.mark.parametrize(("command", "args"), [(("x",), None), (None, ("x",)), (None, None)])
def test_runtimes_agree_without_empty_string_entrypoint(command, args) -> None:
    assert not runtimes_differ(DOCS_IMAGE, _pod(command, "pod.command"), _pod(args, "pod.args"))


def test_runtimes_agree_when_command_replaces_empty_string_entrypoint() -> None:
    assert not runtimes_differ(_image(("",), ("c",)), _pod(("x",), "pod.command"), None)


# --- command: [] ≡ unset; args alone; command alone (docs/semantics.md §7.15 item 9) ---------------


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_empty_lists_behave_like_unset(runtime: str) -> None:
    # The kubelet sends command: [] and args: [] as nil; an empty args tuple is the same.
    expected = (("/ep-1", "foo", "bar"), None)
    assert _answer(DOCS_IMAGE, None, None, runtime) == expected
    assert _answer(DOCS_IMAGE, None, (), runtime) == expected


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_args_alone_keep_image_entrypoint_and_drop_image_cmd(runtime: str) -> None:
    argv, error, steps, _ = _merge(DOCS_IMAGE, None, ("x",), runtime)
    assert (argv, error) == ((Arg("/ep-1", "image.entrypoint"), Arg("x", "pod.args")), None)
    assert [step_summary(s) for s in steps[:2]] == [
        "command (= Docker ENTRYPOINT) is not set: the image ENTRYPOINT ['/ep-1'] is used",
        "args (= Docker CMD) ['x'] replace the image CMD ['foo', 'bar']",
    ]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_command_alone_drops_image_cmd(runtime: str) -> None:
    argv, error, steps, _ = _merge(DOCS_IMAGE, ("/ep-2",), None, runtime)
    assert (argv, error) == ((Arg("/ep-2", "pod.command"),), None)
    assert [s.rule for s in steps] == ["cri.command", "cri.argv"]
    assert step_summary(steps[0]) == (
        "command (= Docker ENTRYPOINT) ['/ep-2'] replaces the image ENTRYPOINT ['/ep-1'] and "
        "drops the image CMD ['foo', 'bar']: args (= Docker CMD) is not set, and the image "
        "CMD is only used when command is empty too"
    )
    assert step_summary(steps[1]) == (
        "argv = command + args (Docker: Entrypoint + Cmd); no shell is added at run time"
    )


def test_command_and_args_steps() -> None:
    _, _, steps, _ = _merge(DOCS_IMAGE, ("/ep-2",), ("zoo", "boo"), "containerd")
    assert [(s.rule, step_summary(s)) for s in steps] == [
        (
            "cri.command",
            "command (= Docker ENTRYPOINT) ['/ep-2'] replaces the image ENTRYPOINT ['/ep-1']",
        ),
        ("cri.args", "args (= Docker CMD) ['zoo', 'boo'] replace the image CMD ['foo', 'bar']"),
        (
            "cri.argv",
            "argv = command + args (Docker: Entrypoint + Cmd); no shell is added at run time",
        ),
    ]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_every_token_keeps_its_origin(runtime: str) -> None:
    both = _merge(DOCS_IMAGE, ("/ep-2",), ("zoo",), runtime)[0]
    inherited = _merge(DOCS_IMAGE, None, None, runtime)[0]
    assert [a.origin for a in both] == ["pod.command", "pod.args"]
    assert [a.origin for a in inherited] == ["image.entrypoint", "image.cmd", "image.cmd"]


# --- No command specified -----------------------------------------------------------------


def test_no_command_on_containerd_says_how_it_surfaces() -> None:
    argv, error, steps, unknowns = _merge(_image(), None, None, "containerd")
    assert (argv, error, unknowns) == (None, "no command specified", [])
    assert steps[-1].rule == "cri.no_command"
    assert step_summary(steps[-1]) == (
        "neither command nor args is left (Docker: no Entrypoint and no Cmd): CreateContainer "
        'fails with `failed to generate container "<id>" spec: failed to generate spec: no '
        "command specified` (`failed to apply OCI options:` in the middle when a base runtime "
        "spec is configured) and the kubelet reports CreateContainerError"
    )
    assert steps[-1].authority == (
        "containerd/containerd internal/cri/opts/spec_opts.go :: WithProcessArgs; "
        "containerd/containerd internal/cri/server/container_create.go :: createContainer, "
        "runtimeSpec; kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go "
        ":: startContainer (ErrCreateContainer)"
    )


def test_no_command_on_crio_says_how_it_surfaces() -> None:
    argv, error, steps, _ = _merge(_image((), ()), None, None, "cri-o")
    assert (argv, error) == (None, "no command specified")
    assert step_summary(steps[-1]) == (
        "neither command nor args is left (Docker: no Entrypoint and no Cmd): CreateContainer "
        'fails with "no command specified" (returned unwrapped) and the kubelet reports '
        "CreateContainerError"
    )


def test_unknown_runtime_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown CRI runtime 'docker'"):
        merge_cri_process_args(DOCS_IMAGE, None, None, "docker")  # type: ignore[arg-type]


# --- Unknown image fields ---------------------------------------------------------------

UNKNOWN_EP = (
    "the image ENTRYPOINT is not known (image img), and the pod sets no command to replace "
    "it; bind the image with --image REF=PATH"
)
UNKNOWN_CMD = (
    "the image CMD is not known (image img), and the pod sets no args to replace it; bind "
    "the image with --image REF=PATH"
)
UNKNOWN_ROWS = [
    # (unknown fields, command, args, argv, unknown reasons)
    ({"entrypoint", "cmd"}, ("/x",), None, ("/x",), []),
    ({"entrypoint", "cmd"}, ("/x",), ("y",), ("/x", "y"), []),
    ({"entrypoint", "cmd"}, None, ("y",), None, [UNKNOWN_EP]),
    ({"entrypoint", "cmd"}, None, None, None, [UNKNOWN_EP, UNKNOWN_CMD]),
    ({"cmd"}, None, ("y",), ("/ep-1", "y"), []),
    ({"cmd"}, None, None, None, [UNKNOWN_CMD]),
    ({"entrypoint"}, None, None, None, [UNKNOWN_EP]),
    ({"entrypoint"}, ("/x",), None, ("/x",), []),
]


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize(("unknown", "command", "args", "expected", "reasons"), UNKNOWN_ROWS)
def test_unknown_image_fields(runtime: str, unknown, command, args, expected, reasons) -> None:
    image = _image(("/ep-1",), ("foo", "bar"), unknown=frozenset(unknown))
    argv, error, _, unknowns = _merge(image, command, args, runtime)
    assert (None if argv is None else tuple(a.value for a in argv)) == expected
    assert error is None
    assert [unknown_reason(u) for u in unknowns] == reasons


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_non_nil_empty_command_needs_no_image_entrypoint(runtime: str) -> None:
    image = _image(None, None, unknown=frozenset({"entrypoint"}))
    argv, error, _, unknowns = merge_cri_process_args(image, (), _pod(("y",), "pod.args"), runtime)
    assert (argv, error, unknowns) == ((Arg("y", "pod.args"),), None, [])


def test_unknown_image_steps_do_not_show_placeholders() -> None:
    image = ImageConfig.unknown_image("base")
    _, _, steps, _ = merge_cri_process_args(image, _pod(("/x",), "pod.command"), None)
    assert step_summary(steps[0]) == (
        "command (= Docker ENTRYPOINT) ['/x'] replaces the image ENTRYPOINT (not known) and "
        "drops the image CMD (not known): args (= Docker CMD) is not set, and the image CMD is "
        "only used when command is empty too"
    )


def test_runtimes_differ_is_false_when_not_known() -> None:
    image = _image(("",), None, unknown=frozenset({"cmd"}))
    assert not runtimes_differ(image, None, None)
    assert runtimes_differ(image, None, _pod(("x",), "pod.args"))
