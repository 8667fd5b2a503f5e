"""The sentences of the controllers that start a container's program themselves (Argo
Workflows' emissary, Tekton's entrypoint; resolve/kubernetes/argo.py, tekton.py), and of
the namespace kubectl gives an object that sets none."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import FailureKind, NoticeKind, UnknownKind
from cmdresolve.render.catalog import by

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FAILURES", "NOTICES", "STEPS", "UNKNOWNS"]


def _namespace_default(params: Params) -> tuple[str, Params]:
    if params["option"]:
        return N_("the manifest sets no namespace: -n puts it in namespace {namespace}"), params
    return (
        N_(
            "the manifest sets no namespace: it lands in the namespace kubectl applies it to, "
            "taken here to be {namespace} (the kubeconfig context's, default unless it names "
            "one); -n NS says which"
        ),
        params,
    )


def _argo_image_lookup(params: Params) -> tuple[str, Params]:
    if params["cmd"] is None:
        return (
            N_(
                "command is empty: the Argo controller looks the image up and makes its "
                "ENTRYPOINT {entrypoint} the command; args is set (even [] counts), so the image "
                "CMD is not used"
            ),
            params,
        )
    return (
        N_(
            "command is empty: the Argo controller looks the image up and makes its ENTRYPOINT "
            "{entrypoint} the command and its CMD {cmd} the args (args is not set at all)"
        ),
        params,
    )


def _argo_emissary(params: Params) -> tuple[str, Params]:
    if params["looked_up"]:
        return (
            N_(
                "the container's command is Argo's emissary (argoexec emissary … --), which "
                "starts this argv; it looks {program} up in PATH and passes the path it finds as "
                "argv[0]"
            ),
            params,
        )
    return (
        N_(
            "the container's command is Argo's emissary (argoexec emissary … --), which starts "
            "this argv"
        ),
        params,
    )


def _tekton_image_lookup(params: Params) -> tuple[str, Params]:
    if not params["entrypoint"] and params["has_args"]:
        return (
            N_(
                "command is empty and the image has no ENTRYPOINT: the Tekton controller runs "
                "the image CMD {cmd} with args after it (Kubernetes would replace the CMD with "
                "args)"
            ),
            params,
        )
    if not params["entrypoint"]:
        return N_("command is empty: the Tekton controller runs the image CMD {cmd}"), params
    if params["has_args"]:
        return (
            N_(
                "command is empty: the Tekton controller runs the image ENTRYPOINT {entrypoint} "
                "with args after it (the image CMD is not used)"
            ),
            params,
        )
    return (
        N_(
            "command is empty: the Tekton controller runs the image ENTRYPOINT {entrypoint} "
            "followed by its CMD {cmd}"
        ),
        params,
    )


_tekton_script = by(
    "shebang",
    {
        None: N_(
            "script has no #! line: Tekton writes it to a file after #!/bin/sh and set -e, so "
            "/bin/sh runs it and stops at the first command that fails"
        ),
    },
    default=N_("script starts with {shebang}: the kernel runs that interpreter with the file"),
)


def _tekton_entrypoint(params: Params) -> tuple[str, Params]:
    if params["index"] == 0:
        return (
            N_(
                "the container's command is Tekton's /tekton/bin/entrypoint, which starts this "
                "argv as the first step"
            ),
            params,
        )
    return (
        N_(
            "the container's command is Tekton's /tekton/bin/entrypoint, which waits for the "
            "step before to finish, then starts this argv"
        ),
        params,
    )


STEPS: Mapping[object, Phrase] = {
    StepKind.NAMESPACE_DEFAULT: _namespace_default,
    StepKind.ARGO_IMAGE_LOOKUP: _argo_image_lookup,
    StepKind.ARGO_SCRIPT: N_(
        "script.source is written to {path}, and that path is added to args: the command runs "
        "the file"
    ),
    StepKind.ARGO_EMISSARY: _argo_emissary,
    StepKind.TEKTON_IMAGE_LOOKUP: _tekton_image_lookup,
    StepKind.TEKTON_SCRIPT: _tekton_script,
    StepKind.TEKTON_ENTRYPOINT: _tekton_entrypoint,
}

UNKNOWNS: Mapping[object, Phrase] = {
    UnknownKind.ARGO_TEMPLATE_TAG: N_(
        "Argo fills in {{{{{tag}}}}} in {field} when it runs the template (from the caller's "
        "arguments), so its value is not known here"
    ),
    UnknownKind.TEKTON_VARIABLE: N_(
        "Tekton fills in $({name}) in {field} before the pod starts (a parameter, context, "
        "workspace or result), so its value is not known here"
    ),
    UnknownKind.TEKTON_SCRIPT_PATH: N_(
        "{field} is run from the file {path}, where <random> is five characters picked when "
        "the pod is made"
    ),
    UnknownKind.TEKTON_WINDOWS_SCRIPT: N_(
        "{field} is a Windows script (#!win), which is not resolved here"
    ),
}

FAILURES: Mapping[object, Phrase] = {
    FailureKind.SCRIPT_NOT_EXECUTABLE: N_(
        "{field}: the file Tekton writes does not start with a #! line naming an interpreter "
        "(white space before #!, or #! alone), so the exec fails (exec format error)"
    ),
}


def _no_embedded_spec(params: Params) -> tuple[str, Params]:
    if str(params["field"]).endswith(".ref"):
        return (
            N_("skipped a step of {workload}: {field} names a StepAction, which is not read here"),
            params,
        )
    return (
        N_(
            "skipped {workload}: it names what it runs with {field}, which is resolved where it "
            "is defined (give that file too)"
        ),
        params,
    )


NOTICES: Mapping[object, Phrase] = {NoticeKind.NO_EMBEDDED_SPEC: _no_embedded_spec}
