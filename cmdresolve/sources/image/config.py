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

from cmdresolve.model import Arg, ImageConfig, InputError, Span
from cmdresolve.model.facts import N_, Words
from cmdresolve.model.image import ImageSource, SourceKind
from cmdresolve.model.origins import Note, NoteKind, Origin
from cmdresolve.model.process import Healthcheck
from cmdresolve.sources.text import LongInteger, json_int, json_nesting_line, read_text

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.facts import Param

__all__ = ["image_config", "load_image_config"]

_JSON_TYPES = {
    bool: N_("boolean"),
    int: N_("integer"),
    float: N_("number"),
    dict: N_("object"),
    list: N_("array"),
    LongInteger: N_("integer"),
}
_DESCRIBED = {  # a JSON value shown in a message, by its type
    "boolean": N_("boolean {value}"),
    "integer": N_("integer {value}"),
    "number": N_("number {value}"),
    "string": N_("string {value}"),
}


def load_image_config(path: str) -> ImageConfig:
    """Read ``path`` and return the image config it describes.

    Raises :class:`InputError` with the file (and the line, for JSON syntax
    errors) when the file cannot be read or is not one of the accepted shapes.
    """
    return image_config(read_text(path, utf16=True), path)


def image_config(text: str, path: str) -> ImageConfig:
    """The image config that ``text`` (read from ``path``) describes."""
    document = _parse_json(path, text)
    image = _single_image(document, path)
    if "State" in image and "Path" in image:
        raise InputError(
            N_("this is docker container inspect output; use docker image inspect"), Span(path)
        )
    if "Config" in image:
        return _from_config(image, "Config", "Os", path)
    if "config" in image:
        _reject_manifest(image, path)
        return _from_config(image, "config", "os", path)
    skopeo = "RepoTags" in image and "Layers" in image
    raise InputError(_SKOPEO_OUTPUT if skopeo else _UNKNOWN_SHAPE, Span(path))


def _parse_json(path: str, text: str) -> object:
    try:
        return json.loads(text, parse_int=json_int)
    except json.JSONDecodeError as err:
        span = Span(path, err.lineno, err.colno)
        raise InputError(N_("not valid JSON: {problem}"), span, problem=err.msg) from None
    except RecursionError:
        span = Span(path, json_nesting_line(text))
        raise InputError(N_("not valid JSON: nested too deeply"), span) from None


def _single_image(document: object, path: str) -> dict[str, object]:
    """``docker image inspect`` prints an array: exactly one image is expected."""
    if isinstance(document, list):
        if len(document) != 1:
            raise InputError(
                N_(
                    "expected an array of one image (docker image inspect of one image), "
                    "found {count} elements"
                ),
                Span(path),
                count=len(document),
            )
        document = document[0]
    if not isinstance(document, dict):
        raise InputError(
            N_("expected a JSON object, got {type}"), Span(path), type=Words(_json_type(document))
        )
    return document


def _reject_manifest(image: dict[str, object], path: str) -> None:
    config = image["config"]
    if isinstance(config, dict) and "digest" in config and "mediaType" in config:
        raise InputError(
            N_("this is an image manifest, not an image config (use skopeo inspect --config)"),
            Span(path),
        )


_SKOPEO_OUTPUT = N_(
    "skopeo inspect output has no Entrypoint or Cmd; use skopeo inspect --config"
)
_UNKNOWN_SHAPE = N_(
    "no Config or config object: expected docker image inspect output or an OCI image config"
)


def _from_config(image: dict[str, object], key: str, os_key: str, path: str) -> ImageConfig:
    config = image[key]
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise InputError(
            N_("{key} must be an object, got {type}"),
            Span(path),
            key=key,
            type=Words(_json_type(config)),
        )
    fields = _Fields(config, key, path, docker=key == "Config")
    span = Span(path)
    return ImageConfig(
        source=ImageSource(SourceKind.FILE, path),
        entrypoint=_args(fields.strings("Entrypoint"), Origin.IMAGE_ENTRYPOINT, span),
        cmd=_args(fields.strings("Cmd"), Origin.IMAGE_CMD, span),
        shell=fields.strings("Shell"),
        env=fields.strings("Env", single_string=False),
        working_dir=fields.text("WorkingDir"),
        user=fields.text("User"),
        os=_os(image, os_key, path),
        onbuild=fields.strings("OnBuild", single_string=False) or (),
        source_span=span,
        healthcheck=_healthcheck(config, key, path, span),
    )


def _healthcheck(config: dict[str, object], key: str, path: str, span: Span) -> Healthcheck | None:
    """``Healthcheck.Test``: its first element, then the argv or the script.

    Authority: moby ``api/types/container/config.go :: HealthConfig`` (``Test
    []string``, ``omitempty``), which image configs of both shapes carry as
    ``Healthcheck`` (BuildKit ``dockerspec`` extends the OCI config with it).
    """
    value = config.get("Healthcheck")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(
            N_("{prefix}.{name} must be an object, got {got}"),
            span,
            prefix=key,
            name="Healthcheck",
            got=_describe(value),
        )
    test = _Fields(value, f"{key}.Healthcheck", path, docker=False).strings("Test")
    if not test:
        return Healthcheck(None, (), span)
    notes = (Note(NoteKind.SHELL_SCRIPT),) if test[0] == "CMD-SHELL" else ()
    args = tuple(Arg(v, Origin.IMAGE_HEALTHCHECK, span, notes=notes) for v in test[1:])
    return Healthcheck(test[0], args, span)


def _os(image: dict[str, object], key: str, path: str) -> str:
    value = image.get(key)
    if value is None or value == "":
        return "linux"
    if not isinstance(value, str):
        raise InputError(
            N_("{key} must be a string, got {got}"), Span(path), key=key, got=_describe(value)
        )
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
                N_("{prefix}.{name} must be an array of strings, got {got}"),
                name=name,
                got=_describe(value),
            )
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self._error(
                    N_("{prefix}.{name}[{index}] must be a string, got {got}"),
                    name=name,
                    index=index,
                    got=_describe(item),
                )
        return tuple(value)

    def text(self, name: str) -> str | None:
        value = self._config.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self._error(
                N_("{prefix}.{name} must be a string, got {got}"), name=name, got=_describe(value)
            )
        return value

    def _error(self, template: str, **params: Param) -> InputError:
        return InputError(template, Span(self._path), None, prefix=self._prefix, **params)


def _args(values: tuple[str, ...] | None, origin: Origin, span: Span) -> tuple[Arg, ...] | None:
    if values is None:
        return None
    return tuple(Arg(value, origin, span) for value in values)


def _json_type(value: object) -> str:
    if value is None:
        return N_("null")
    if isinstance(value, str):
        return N_("string")
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _describe(value: object) -> Words:
    """``integer 5``, ``boolean true``, ``string "x"``, ``object``, ``null``."""
    kind = _json_type(value)
    if isinstance(value, LongInteger):
        return Words(_DESCRIBED["integer"], value=value.digits)
    if isinstance(value, (bool, int, float, str)):
        template = _DESCRIBED.get(kind, "{kind} {value}")  # a subclass: its type's name
        return Words(template, kind=kind, value=json.dumps(value))
    return Words(kind)
