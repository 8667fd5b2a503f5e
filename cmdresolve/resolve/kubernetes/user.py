"""The user a Kubernetes container runs as: securityContext over the image USER.

The kubelet never passes the image USER through as written: it asks the runtime for
the image's user (``ImageStatus``), which keeps only the part before ``:``, and sends
that as ``RunAsUser`` (a number) or ``RunAsUsername`` (a name) unless the pod says
otherwise. A group in the image USER is therefore lost; only ``runAsGroup`` sets one.
"""

from __future__ import annotations

import re

from cmdresolve.model import ImageConfig, Step, StepKind
from cmdresolve.model.kubernetes import KubeContainer, PodSpec, RunAs

USER_RULE = (
    "kubernetes/kubernetes pkg/securitycontext/util.go :: DetermineEffectiveSecurityContext, "
    "pkg/kubelet/kuberuntime/security_context.go :: determineEffectiveSecurityContext, "
    "helpers.go :: getImageUser; containerd/containerd internal/cri/server/images/"
    "image_status.go :: getUserFromImage, internal/cri/util/util.go :: GenerateUserString"
)
_GO_INT = re.compile(r"[+-]?[0-9]+")  # strconv.ParseInt(s, 10, 64) accepts a sign


def kubernetes_user(
    pod: PodSpec, container: KubeContainer, image: ImageConfig
) -> tuple[str | None, Step | None]:
    """The user string containerd (Linux) receives, and the step that explains it.

    None when it depends on an image USER we do not know. Each of runAsUser and
    runAsGroup comes from the container's securityContext, else the pod's. Without
    runAsUser the image USER's user part is used, and an image with no USER counts as
    uid 0 ("treat it as root"). containerd joins them as ``user[:group]``.
    """
    if image.os == "windows":
        return image.user or None, None  # Windows uses runAsUserName, not read here
    user, user_from = _pick(container.run_as, pod.run_as, "user")
    group, group_from = _pick(container.run_as, pod.run_as, "group")
    dropped = False
    if user is not None:
        name = str(user)
    elif not image.knows("user"):
        return None, None
    else:
        name, dropped = _image_user(image.user or "")
    user_name = name
    if group is not None:
        name += f":{group}"
    if user is None and group is None and not dropped:
        return name, None
    params = {
        "user": user,
        "user_from": user_from or None,
        "image_user": image.user,
        "group_dropped": dropped,
        "user_name": user_name,
        "group": group,
        "group_from": group_from or None,
        "runs_as": name,
    }
    return name, Step(StepKind.KUBELET_USER, params, USER_RULE)


def _pick(container: RunAs | None, pod: RunAs | None, field: str) -> tuple[int | None, str]:
    """The container's value of ``field``, else the pod's, with its securityContext path."""
    for source in (container, pod):
        value: int | None = None if source is None else getattr(source, field)
        if source is not None and value is not None:
            return value, source.path
    return None, ""


def _image_user(user: str) -> tuple[str, bool]:
    """(what the kubelet sends, whether a group was dropped) for an image USER."""
    head, colon, _ = user.partition(":")
    if _GO_INT.fullmatch(head) and -(2**63) <= int(head) < 2**63:
        return str(int(head)), bool(colon)
    return head or "0", bool(colon)
