"""What ``--verify`` asks a Docker engine for: the image and the container's overrides.

Plain slotted classes, not dataclasses: every resolution carries one, and a
dataclass costs start-up time to create.
"""

from __future__ import annotations


class ImageBuild:
    """A Dockerfile build: what ``docker build`` needs to make the image again.

    ``bases`` are the images its FROM lines name (not stages, not scratch).
    """

    __slots__ = ("bases", "build_args", "dockerfile", "target")

    def __init__(
        self,
        dockerfile: str,
        target: str | None = None,
        build_args: tuple[tuple[str, str], ...] = (),
        bases: tuple[str, ...] = (),
    ) -> None:
        self.dockerfile, self.target = dockerfile, target
        self.build_args, self.bases = build_args, bases

    def key(self) -> tuple[object, ...]:
        """Two equal keys build the same image."""
        return (self.dockerfile, self.target, self.build_args)


class EngineRequest:
    """How to reproduce a container on a Docker engine, without running it.

    ``image`` is a local image reference, ``build`` the Dockerfile that makes it.
    ``entrypoint`` and ``cmd`` are the overrides (``None``: the image's; ``("",)``
    resets the Entrypoint); ``env`` holds ``-e`` entries (``K=V``, or ``K`` to take
    the caller's value, as the docker CLI does).
    """

    __slots__ = ("build", "cmd", "entrypoint", "env", "image", "init", "user", "working_dir")

    def __init__(
        self,
        *,
        image: str | None = None,
        build: ImageBuild | None = None,
        entrypoint: tuple[str, ...] | None = None,
        cmd: tuple[str, ...] | None = None,
        env: tuple[str, ...] = (),
        working_dir: str | None = None,
        user: str | None = None,
        init: bool = False,
    ) -> None:
        self.image, self.build = image, build
        self.entrypoint, self.cmd, self.env = entrypoint, cmd, env
        self.working_dir, self.user, self.init = working_dir, user, init

    def on(self, image: str | None, build: ImageBuild | None) -> EngineRequest:
        """The same overrides on another image."""
        return EngineRequest(
            image=image,
            build=build,
            entrypoint=self.entrypoint,
            cmd=self.cmd,
            env=self.env,
            working_dir=self.working_dir,
            user=self.user,
            init=self.init,
        )


class Verification:
    """What a Docker engine said of one container, against the prediction.

    ``status``: ``agree``; ``explained`` (differs only where this engine's version is
    known to differ from current BuildKit, each named in ``notes``); ``disagree``;
    ``not-predicted`` (cmdresolve could not know the argv; the engine's is shown).
    ``tokens`` pairs the predicted argv with the engine's, index by index (``None``
    where one is shorter); ``fields`` holds ``(name, predicted, engine, agree)`` for
    env variables, working directory and user. Each of ``notes`` is a catalog template
    (render says it in the chosen language).
    """

    __slots__ = ("builder", "engine", "engine_error", "fields", "notes", "status", "tokens")

    def __init__(
        self,
        status: str,
        engine: dict[str, str],
        builder: str | None,
        tokens: tuple[tuple[str | None, str | None], ...],
        engine_error: str | None,
        fields: tuple[tuple[str, str | None, str | None, bool], ...],
        notes: tuple[str, ...],
    ) -> None:
        self.status, self.engine, self.builder = status, engine, builder
        self.tokens, self.engine_error = tokens, engine_error
        self.fields, self.notes = fields, notes
