"""Read an image config from ``docker image inspect``, OCI or ``skopeo`` JSON.

Three shapes are accepted:

* ``docker image inspect`` output: a JSON array holding one object (or that
  object alone) whose ``Config`` has ``Entrypoint``, ``Cmd``, ``Env``,
  ``WorkingDir``, ``User``, ``Shell``, ``OnBuild``, with ``Os`` at top level.
  Authority: moby ``api/types/image.InspectResponse`` and
  ``api/types/container.Config`` (``Entrypoint``/``Cmd``/``Shell`` are
  ``strslice.StrSlice``, whose ``UnmarshalJSON`` also takes a single string).
* An OCI image config (``config`` in lower case, ``os`` at top level), which is
  also what ``skopeo inspect --config`` prints.  Authority: opencontainers
  image-spec ``specs-go/v1/config.go :: ImageConfig`` and ``config.md``.

``null`` or an absent list becomes ``None``; ``[]`` stays an empty tuple, as the
file says (stored images drop empty lists, ``omitempty``, so both usually mean
"not set").  ``WorkingDir`` and ``User`` are Go strings whose zero value ``""``
is their only "not set", so ``""`` becomes ``None``.
"""

from __future__ import annotations

import json
import os

from cmdresolve.model import Arg, ImageConfig, InputError, Span

__all__ = ["MAX_BYTES", "load_image_config"]

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: an image config is a few kilobytes."""

_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", dict: "object", list: "array"}


def load_image_config(path: str) -> ImageConfig:
    """Read ``path`` and return the image config it describes.

    Raises :class:`InputError` with the file (and the line, for JSON syntax
    errors) when the file cannot be read or is not one of the accepted shapes.
    """
    document = _parse_json(path, _read_text(path))
    image = _single_image(document, path)
    if "State" in image and "Path" in image:
        raise InputError(
            "this is docker container inspect output; use docker image inspect", Span(path)
        )
    if "Config" in image:
        return _from_config(image, "Config", "Os", path)
    if "config" in image:
        _reject_manifest(image, path)
        return _from_config(image, "config", "os", path)
    raise InputError(_unknown_shape_message(image), Span(path))


def _read_text(path: str) -> str:
    data = _read_bytes(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file is UTF-16 encoded; save it as UTF-8", Span(path))
    if b"\x00" in data:
        raise InputError("binary file, not JSON text", Span(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not UTF-8 text (invalid byte at offset {err.start})", Span(path)
        ) from None


def _read_bytes(path: str) -> bytes:
    try:
        if os.path.isdir(path):
            raise InputError("is a directory, not a file", Span(path))
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(f"file is too large ({size} bytes; the limit is 50 MB)", Span(path))
        with open(path, "rb") as handle:
            return handle.read()  # at most MAX_BYTES, checked above
    except FileNotFoundError:
        raise InputError("no such file", Span(path)) from None
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", Span(path)) from None


def _parse_json(path: str, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err.msg}", Span(path, err.lineno, err.colno)) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", Span(path)) from None


def _single_image(document: object, path: str) -> dict[str, object]:
    """``docker image inspect`` prints an array: exactly one image is expected."""
    if isinstance(document, list):
        if len(document) != 1:
            raise InputError(
                f"expected an array of one image (docker image inspect of one image), "
                f"found {len(document)} elements",
                Span(path),
            )
        document = document[0]
    if not isinstance(document, dict):
        raise InputError(f"expected a JSON object, got {_json_type(document)}", Span(path))
    return document


def _reject_manifest(image: dict[str, object], path: str) -> None:
    config = image["config"]
    if isinstance(config, dict) and "digest" in config and "mediaType" in config:
        raise InputError(
            "this is an image manifest, not an image config (use skopeo inspect --config)",
            Span(path),
        )


def _unknown_shape_message(image: dict[str, object]) -> str:
    if "RepoTags" in image and "Layers" in image:
        return "skopeo inspect output has no Entrypoint or Cmd; use skopeo inspect --config"
    return "no Config or config object: expected docker image inspect output or an OCI image config"


def _from_config(image: dict[str, object], key: str, os_key: str, path: str) -> ImageConfig:
    config = image[key]
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise InputError(f"{key} must be an object, got {_json_type(config)}", Span(path))
    fields = _Fields(config, key, path, docker=key == "Config")
    span = Span(path)
    return ImageConfig(
        source=path,
        entrypoint=_args(fields.strings("Entrypoint"), "image.entrypoint", span),
        cmd=_args(fields.strings("Cmd"), "image.cmd", span),
        shell=fields.strings("Shell"),
        env=fields.strings("Env", single_string=False),
        working_dir=fields.text("WorkingDir"),
        user=fields.text("User"),
        os=_os(image, os_key, path),
        onbuild=fields.strings("OnBuild", single_string=False) or (),
        source_span=span,
    )


def _os(image: dict[str, object], key: str, path: str) -> str:
    value = image.get(key)
    if value is None or value == "":
        return "linux"
    if not isinstance(value, str):
        raise InputError(f"{key} must be a string, got {_describe(value)}", Span(path))
    return value


class _Fields:
    """Typed access to one config object, naming the field in every error."""

    def __init__(self, config: dict[str, object], prefix: str, path: str, docker: bool) -> None:
        self._config = config
        self._prefix = prefix
        self._path = path
        self._docker = docker

    def strings(self, name: str, single_string: bool = True) -> tuple[str, ...] | None:
        """A list of strings; ``null``/absent is ``None``.

        A lone string is one element only where Docker's ``strslice.StrSlice``
        decodes it that way (``Entrypoint``, ``Cmd``, ``Shell`` of ``Config``).
        """
        value = self._config.get(name)
        if value is None:
            return None
        if isinstance(value, str) and single_string and self._docker:
            return (value,)
        if not isinstance(value, list):
            raise self._error(
                f"{self._prefix}.{name} must be an array of strings, got {_describe(value)}"
            )
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self._error(
                    f"{self._prefix}.{name}[{index}] must be a string, got {_describe(item)}"
                )
        return tuple(value)

    def text(self, name: str) -> str | None:
        value = self._config.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self._error(f"{self._prefix}.{name} must be a string, got {_describe(value)}")
        return value

    def _error(self, message: str) -> InputError:
        return InputError(message, Span(self._path))


def _args(values: tuple[str, ...] | None, origin: str, span: Span) -> tuple[Arg, ...] | None:
    if values is None:
        return None
    return tuple(Arg(value, origin, span) for value in values)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _describe(value: object) -> str:
    """``integer 5``, ``boolean true``, ``string "x"``, ``object``, ``null``."""
    kind = _json_type(value)
    if isinstance(value, (bool, int, float, str)):
        return f"{kind} {json.dumps(value)}"
    return kind
