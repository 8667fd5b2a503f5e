"""The sentences of the kubernetes facts (resolve/kubernetes): steps, unknowns, notes,
failures, and the findings of the checks on them."""

from __future__ import annotations

from cmdresolve.model.facts import N_
from cmdresolve.model.origins import NoteKind
from cmdresolve.model.steps import StepKind
from cmdresolve.model.unknowns import FailureKind, NoticeKind, UnknownKind
from cmdresolve.render.catalog import by, say, state
from cmdresolve.render.phrases.docker import NO_COMMAND

TYPE_CHECKING = False  # keep typing off the start-up path
if TYPE_CHECKING:
    from collections.abc import Mapping

    from cmdresolve.model.facts import Param, Params
    from cmdresolve.render.phrases import Phrase

__all__ = ["FAILURES", "FINDINGS", "NOTES", "NOTICES", "N_", "STEPS", "UNKNOWNS"]


# --- the CRI runtime's merge ---


def _show(params: Params, name: str) -> str:
    """An image field as the merge steps show it: its list, or what it is instead."""
    if not params[f"image_{name}_known"]:
        return say(N_("(not known)"))
    value = params[f"image_{name}"]
    if value is None:
        return say(N_("(not set)"))
    return str(list(value)) if value else say(N_("[] (empty)"))  # type: ignore[arg-type]


def _runtime_name(params: Params) -> str:
    if params["runtime"] == "cri-o":
        return "CRI-O"
    return "containerd (Windows)" if params["os"] == "windows" else "containerd (Linux)"


def _cri_command(params: Params) -> tuple[str, Params]:
    fields = {**params, "entrypoint": _show(params, "entrypoint")}
    if params["args_set"]:
        return (
            N_(
                "command (= Docker ENTRYPOINT) {command} replaces the image ENTRYPOINT {entrypoint}"
            ),
            fields,
        )
    fields["cmd"] = _show(params, "cmd")
    return (
        N_(
            "command (= Docker ENTRYPOINT) {command} replaces the image ENTRYPOINT {entrypoint} "
            "and drops the image CMD {cmd}: args (= Docker CMD) is not set, and the image CMD is "
            "only used when command is empty too"
        ),
        fields,
    )


def _cri_empty_command(params: Params) -> tuple[str, Params]:
    return (
        N_(
            "command (= Docker ENTRYPOINT) is set to [] (non-nil; the kubelet never sends this, "
            "it turns [] into nil): the image ENTRYPOINT {entrypoint} is not used"
        ),
        {"entrypoint": _show(params, "entrypoint")},
    )


def _cri_inherit_entrypoint(params: Params) -> tuple[str, Params]:
    fields = {"entrypoint": _show(params, "entrypoint"), "runtime": _runtime_name(params)}
    if params["image_entrypoint_known"] and params["image_entrypoint"] == ("",):
        return (
            N_(
                "command (= Docker ENTRYPOINT) is not set: the image ENTRYPOINT {entrypoint} is "
                "used; {runtime} has no special case for [''] (containerd on Linux ignores it), "
                "so the program name is empty"
            ),
            fields,
        )
    return (
        N_("command (= Docker ENTRYPOINT) is not set: the image ENTRYPOINT {entrypoint} is used"),
        fields,
    )


def _cri_args(params: Params) -> tuple[str, Params]:
    return (
        N_("args (= Docker CMD) {args} replace the image CMD {cmd}"),
        {"args": params["args"], "cmd": _show(params, "cmd")},
    )


def _cri_inherit_cmd(params: Params) -> tuple[str, Params]:
    return (
        N_("args (= Docker CMD) is not set: the image CMD {cmd} is used"),
        {"cmd": _show(params, "cmd")},
    )


def _cri_no_command(params: Params) -> tuple[str, Params]:
    fields = {"error": say(NO_COMMAND)}
    if params["runtime"] == "cri-o":
        return (
            N_(
                "neither command nor args is left (Docker: no Entrypoint and no Cmd): "
                'CreateContainer fails with "{error}" (returned unwrapped) and the kubelet '
                "reports CreateContainerError"
            ),
            fields,
        )
    return (
        N_(
            "neither command nor args is left (Docker: no Entrypoint and no Cmd): "
            'CreateContainer fails with `failed to generate container "<id>" spec: failed to '
            "generate spec: {error}` (`failed to apply OCI options:` in the middle when a base "
            "runtime spec is configured) and the kubelet reports CreateContainerError"
        ),
        fields,
    )


def _cri_runtime_differs(params: Params) -> tuple[str, Params]:
    if params["error"] is not None:
        return N_("under CRI-O the answer differs: {error}"), {
            "error": say(FAILURES[FailureKind(params["error"])])  # type: ignore[arg-type]
        }
    return N_("under CRI-O the answer differs: {argv}"), params


# --- the kubelet ---


def _env_from(params: Params) -> tuple[str, Params]:
    fields = {
        "source": params["source"],
        "names": ", ".join(params["names"]),  # type: ignore[arg-type]
        "replaced": ", ".join(params["replaced"]),  # type: ignore[arg-type]
    }
    if not params["names"]:
        return N_("{source} sets nothing"), fields
    if params["replaced"]:
        return N_("{source} sets {names} (replacing the earlier {replaced})"), fields
    return N_("{source} sets {names}"), fields


_env_optional = by(
    "key",
    {
        "unset": N_("{what} is optional and skipped: {object_kind} {object} does not exist"),
        "set": N_("{what} is optional and skipped: {object_kind} {object} has no key {key}"),
    },
    key=state,
)
_env_literal = by(
    "later",
    {
        True: N_(
            "$({name}) in env[{index}] {var} stays as written: {name} is declared later "
            "(env values see only earlier variables)"
        ),
        False: N_(
            "$({name}) in env[{index}] {var} stays as written: nothing sets {name} before it "
            "(the image ENV is not visible to $(VAR))"
        ),
    },
)


def _env_refused(params: Params) -> tuple[str, Params]:
    """The kubelet's (or the API server's) own words for why the env cannot be built."""
    match params["cause"]:
        case "not_found":
            return N_('{resource} "{name}" not found'), params
        case "missing_key":
            return N_("couldn't find key {key} in {object_kind} {namespace}/{name}"), params
        case "unsupported_field":
            supported = ", ".join(f'"{p}"' for p in params["supported"])  # type: ignore[union-attr]
            return N_('Unsupported value: "{path}": supported values: {supported}'), {
                "path": params["path"],
                "supported": supported,
            }
        case "field_label":
            return N_("error converting fieldPath: field label not supported: {path}"), params
        case _:
            return (
                N_("error converting fieldPath: field label does not support subscript: {path}"),
                params,
            )


def _env_error(params: Params) -> tuple[str, Params]:
    template, fields = _env_refused(params)
    return N_("the container is not started: {error}"), {"error": say(template, fields)}


def _user(params: Params) -> tuple[str, Params]:
    user, group, dropped = params["user"], params["group"], params["group_dropped"]
    if user is not None and group is not None:
        template = N_(
            "{user_from}.runAsUser {user} replaces the image USER; {group_from}.runAsGroup "
            "{group} sets the group: the process runs as {runs_as!r}"
        )
    elif user is not None:
        template = N_(
            "{user_from}.runAsUser {user} replaces the image USER: the process runs as {runs_as!r}"
        )
    elif dropped and group is not None:
        template = N_(
            "the kubelet takes only the user part of the image USER {image_user!r}: "
            "{user_name!r}, so its group does not apply; {group_from}.runAsGroup {group} sets "
            "the group: the process runs as {runs_as!r}"
        )
    elif dropped:
        template = N_(
            "the kubelet takes only the user part of the image USER {image_user!r}: "
            "{user_name!r}, so its group does not apply: the process runs as {runs_as!r}"
        )
    else:
        template = N_(
            "{group_from}.runAsGroup {group} sets the group: the process runs as {runs_as!r}"
        )
    return template, params


STEPS: Mapping[object, Phrase] = {
    StepKind.CRI_COMMAND: _cri_command,
    StepKind.CRI_ARGS: _cri_args,
    StepKind.CRI_EMPTY_COMMAND: _cri_empty_command,
    StepKind.CRI_EMPTY_ENTRYPOINT: N_(
        "command (= Docker ENTRYPOINT) is not set, and the image ENTRYPOINT [''] counts as none "
        "on containerd (Linux): nothing is taken from it"
    ),
    StepKind.CRI_EMPTY_PROGRAM: N_(
        "argv[0] is the empty string (from {origin}): {runtime} accepts it, and the exec fails "
        "when the container starts"
    ),
    StepKind.CRI_INHERIT_ENTRYPOINT: _cri_inherit_entrypoint,
    StepKind.CRI_INHERIT_CMD: _cri_inherit_cmd,
    StepKind.CRI_NO_COMMAND: _cri_no_command,
    StepKind.CRI_ARGV: N_(
        "argv = command + args (Docker: Entrypoint + Cmd); no shell is added at run time"
    ),
    StepKind.CRI_RUNTIME_DIFFERS: _cri_runtime_differs,
    StepKind.KUBELET_SIDECAR: N_(
        "an init container with restartPolicy {restart_policy} is a sidecar: it starts in order "
        "with the init containers, the next one starting as soon as it runs (and its "
        "startupProbe, if any, has passed) instead of when it finishes, and it keeps running "
        "beside the app containers, restarted whenever it exits"
    ),
    StepKind.KUBELET_EMPTY_LIST: N_("an empty list is the same as not set"),
    StepKind.KUBELET_EXPAND: N_("{before!r} becomes {after!r}"),
    StepKind.KUBELET_ENV_FROM: _env_from,
    StepKind.KUBELET_ENV_LITERAL: _env_literal,
    StepKind.KUBELET_ENV_EXPAND: N_("env[{index}] {name}: {before!r} becomes {after!r}"),
    StepKind.KUBELET_ENV_OVERRIDE: N_("env[{index}] {name} replaces the value from {previous}"),
    StepKind.KUBELET_ENV_OPTIONAL: _env_optional,
    StepKind.KUBELET_ENV_ORDER: N_(
        "the kubelet builds the env as a Go map, so its order at run time is not defined; it is "
        "shown in declaration order (envFrom keys, then env entries, a redefined name at its "
        "last place)"
    ),
    StepKind.KUBELET_ENV_ERROR: _env_error,
    StepKind.KUBELET_FIELD_MISSING: N_('the pod does not set {field}: its value is ""'),
    StepKind.KUBELET_SERVICE_LINKS: N_(
        "the kubelet also adds service-link variables (KUBERNETES_SERVICE_HOST, … and, with "
        "enableServiceLinks, a set per Service of the namespace) for names not set here; they "
        "depend on the cluster and are not shown"
    ),
    StepKind.KUBELET_SERVICE_ACCOUNT_DEFAULT: N_(
        'spec.serviceAccountName is not set: the ServiceAccount admission plugin sets "default"'
    ),
    StepKind.KUBELET_USER: _user,
}


_image_field = by(
    "field",
    {
        "cmd": N_(
            "the image CMD is not known (image {image}), and the pod sets no args to replace "
            "it; bind the image with --image REF=PATH"
        ),
        "entrypoint": N_(
            "the image ENTRYPOINT is not known (image {image}), and the pod sets no command to "
            "replace it; bind the image with --image REF=PATH"
        ),
    },
)
_var_at_run_time = by(
    "symbol",
    {
        "unset": N_("$({name}) in {field} becomes a value at run time, which is not known here"),
        "set": N_("$({name}) in {field} becomes {symbol} at run time, which is not known here"),
    },
    key=state,
)


def _unseen(params: Params) -> str:
    """Why a ConfigMap or Secret is not known: not given, or given in another namespace
    (maybe only because one of the two sets none and lands where -n puts it)."""
    if not params["namespace_differs"]:
        return say(
            N_("{object_kind} {object} is not among the inputs (it may exist in the cluster)"),
            params,
        )
    if params["given_defaulted"]:
        template = N_(
            "{object_kind} {object} sets no namespace, so it lands in {given_namespace} (-n), "
            "and the pod is in {pod_namespace}: the kubelet reads {pod_namespace}/{object}; "
            "give -n {pod_namespace} if both are applied together"
        )
    elif params["pod_defaulted"]:
        template = N_(
            "{object_kind} {object} is in namespace {given_namespace}, and the pod sets no "
            "namespace, so it lands in {pod_namespace} (-n): the kubelet reads "
            "{pod_namespace}/{object}; give -n {given_namespace} if both are applied together"
        )
    else:
        template = N_(
            "{object_kind} {object} is given in namespace {given_namespace} and the pod in "
            "namespace {pod_namespace}: the kubelet reads only {pod_namespace}/{object}"
        )
    return say(template, params)


def _env_from_unseen(params: Params) -> tuple[str, Params]:
    fields = {"source": params["source"], "why": _unseen(params)}
    if params["optional"]:
        return (
            N_(
                "{source}: {why}; the variables it adds are not shown (if it does not exist, "
                "nothing is added)"
            ),
            fields,
        )
    return (
        N_(
            "{source}: {why}; the variables it adds are not shown (if it does not exist, the "
            "kubelet refuses to start it)"
        ),
        fields,
    )


_FIELD_REASONS: Mapping[object, str] = {
    "generated_name": N_("{workload} generates the pod's name"),
    "no_name": N_("the manifest gives the pod no fixed name"),
    "no_namespace": N_(
        "the manifest sets no namespace: it is the one it is applied to (kubectl -n)"
    ),
    "node": N_("the scheduler picks the node"),
    "metadata.uid": N_("the API server assigns it when the pod is created"),
    "status.podIP": N_("the pod's IP is assigned when it starts"),
    "status.podIPs": N_("the pod's IPs are assigned when it starts"),
    "status.hostIP": N_("it is the IP of the node the pod runs on"),
    "status.hostIPs": N_("they are the IPs of the node the pod runs on"),
    "template_may_add": N_("the template does not set it, but {workload} may add it to the pod"),
}


def _value_why(params: Params) -> str:
    """Why only the cluster knows a ``valueFrom``, by its cause."""
    match params["cause"]:
        case "object_unseen":
            why = _unseen(params)
            if params["optional"]:
                return say(
                    N_("{why}; optional: the variable is omitted if it does not exist"),
                    {"why": why},
                )
            return why
        case "field":
            reason = say(_FIELD_REASONS[params["reason"]], params)
            return say(N_("{field}: {reason}"), {"field": params["field"], "reason": reason})
        case "resource":
            if params["container"] is None:
                template = N_(
                    "it is {resource} of the container, and resources are not read here (an "
                    "unset limit becomes the node's allocatable)"
                )
            else:
                template = N_(
                    "it is {resource} of container {container}, and resources are not read here "
                    "(an unset limit becomes the node's allocatable)"
                )
            return say(template, params)
        case _:
            return say(
                N_(
                    "fileKeyRef reads a file in a volume when the container starts (EnvFiles "
                    'feature gate; with the gate off the kubelet sets "")'
                )
            )


def _env_value(params: Params) -> tuple[str, Params]:
    fields: dict[str, Param] = {
        "index": params["index"],
        "name": params["name"],
        "why": _value_why(params),
    }
    return N_("env[{index}] {name} is not known here: {why}"), fields


def _env_ref_unseen(params: Params) -> tuple[str, Params]:
    sources = ", ".join(params["sources"])  # type: ignore[arg-type]
    return (
        N_("$({name}) in env[{index}] {var} is left as written unless {sources} sets it"),
        {**params, "sources": sources},
    )


UNKNOWNS: Mapping[object, Phrase] = {
    UnknownKind.CRI_IMAGE_FIELD: _image_field,
    UnknownKind.KUBELET_VAR_UNDEFINED: N_(
        "$({name}) in {field} stays literal: the container env does not define it (the image "
        "ENV is not visible to $(VAR))"
    ),
    UnknownKind.KUBELET_VAR_AT_RUN_TIME: _var_at_run_time,
    UnknownKind.KUBELET_ENV_REF_AT_RUN_TIME: N_(
        "$({name}) in env[{index}] {var} is {symbol}, only known at run time"
    ),
    UnknownKind.KUBELET_ENV_REF_SERVICE: N_(
        "$({name}) in env[{index}] {var} is left as written here, but the kubelet replaces it "
        "if a Service defines it: service-link variables depend on the cluster"
    ),
    UnknownKind.KUBELET_ENV_REF_UNSEEN: _env_ref_unseen,
    UnknownKind.KUBELET_ENV_FROM_UNSEEN: _env_from_unseen,
    UnknownKind.KUBELET_ENV_VALUE: _env_value,
}


def _expanded(params: Params) -> tuple[str, Params]:
    refs = ", ".join(
        say(N_("$({name}) = {source}"), {"name": name, "source": source})
        for name, source in zip(params["names"], params["sources"], strict=True)  # type: ignore[arg-type]
    )
    return N_("from {refs}"), {"refs": refs}


NOTES: Mapping[object, Phrase] = {
    NoteKind.EXPANDED: _expanded,
    NoteKind.EMPTY_PROGRAM: N_(
        "an empty program name: the container is created but the exec fails"
    ),
}
NOTICES: Mapping[object, Phrase] = {
    NoticeKind.NOT_A_WORKLOAD: N_("skipped {kind}/{name}: not a workload"),
}

FAILURES: Mapping[object, Phrase] = {
    FailureKind.ENV_REFUSED: _env_refused,
}


def _variable_left_literal(params: Params) -> tuple[str, Params]:
    if params.get("shell") is None:
        if params["in_image_env"]:
            return N_(
                "$({name}) in argv[{index}] stays literal, so the program receives {value!r}: "
                "{name} is set only in the image ENV, which $(VAR) never sees"
            ), params
        return N_(
            "$({name}) in argv[{index}] stays literal, so the program receives {value!r}: the "
            "container env does not define it (the image ENV is not visible to $(VAR))"
        ), params
    if params["in_image_env"]:
        return N_(
            "$({name}) in argv[{index}] stays literal, and the {shell} -c script then reads it "
            "as command substitution: it runs a command named {name}, not the variable; {name} "
            "is set only in the image ENV, which $(VAR) never sees but the shell does: write "
            "${name} in the script"
        ), params
    return N_(
        "$({name}) in argv[{index}] stays literal, and the {shell} -c script then reads it as "
        "command substitution: it runs a command named {name}, not the variable; the "
        "container env does not define {name} (the image ENV is not visible to $(VAR)): "
        "define it in env, or write ${name} for the shell's own variable"
    ), params


def _command_replaces_entrypoint(params: Params) -> tuple[str, Params]:
    if params.get("init") and params.get("setup"):
        return N_(
            "command replaces the image ENTRYPOINT {entrypoint}: argv starts with {program!r}, "
            "so neither the init {replaced!r} (PID 1, which reaps zombies and passes on "
            "signals) nor the entrypoint script that prepares the container before it execs "
            "its arguments runs; put the program in args to keep them (command is Docker's "
            "ENTRYPOINT; args is its CMD)"
        ), params
    if params.get("init"):
        return N_(
            "command replaces the image ENTRYPOINT {entrypoint}: argv starts with {program!r}, "
            "so the init {replaced!r} never runs and {program!r} is PID 1 itself, with nothing "
            "to reap zombies or pass on signals; put the program in args to keep the init "
            "(command is Docker's ENTRYPOINT; args is its CMD)"
        ), params
    if params.get("setup"):
        return N_(
            "command replaces the image ENTRYPOINT {entrypoint}, a script that prepares the "
            "container before it execs its arguments (the catalog records it): argv starts "
            "with {program!r}, so that preparation never happens; put the program in args to "
            "keep it (command is Docker's ENTRYPOINT; args is its CMD)"
        ), params
    return N_(
        "command replaces the image ENTRYPOINT {entrypoint}: argv starts with {program!r} and "
        "{replaced!r} never runs (command is Docker's ENTRYPOINT; args is its CMD)"
    ), params


def _command_drops_image_cmd(params: Params) -> tuple[str, Params]:
    if params.get("dropped") and not params["given"]:
        return N_(
            "command repeats the image ENTRYPOINT and has no args, so the image CMD {cmd}, what "
            "the entrypoint was to run, is dropped: the argv is {argv}; put the arguments in "
            "args (the image CMD is used only when command is not set either)"
        ), params
    if params.get("dropped"):
        return N_(
            "command is set without args, so the image CMD {cmd} is dropped: the argv is "
            "{argv}, which keeps the start of the CMD but not {dropped}; put them in args "
            "(the image CMD is used only when command is not set either)"
        ), params
    if params.get("init"):
        return N_(
            "command is set without args, so the image CMD {cmd} is dropped, and with it the "
            "init it starts: the argv is {argv} (the image CMD is used only when command is "
            "not set either)"
        ), params
    return N_(
        "command is set without args, so the image CMD {cmd} is dropped: the argv is {argv} "
        "(the image CMD is used only when command is not set either)"
    ), params


FINDINGS: Mapping[object, Phrase] = {  # by rule code, for the checks on these facts
    "CR305": N_(
        "$({name}) in argv[{index}] reads as empty: the kubelet expands a probe's command "
        "against the env entries' literal values only, and {name} is set by valueFrom; "
        "read it in a shell instead (sh -c '… \"${name}\" …')"
    ),
    "CR203": _command_replaces_entrypoint,
    "CR204": _command_drops_image_cmd,
    "CR302": _variable_left_literal,
}
