"""Reading docker image inspect / OCI / skopeo --config JSON into an ImageConfig."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdresolve.model import Arg, ImageConfig, ImageSource, InputError, SourceKind, Span
from cmdresolve.render.phrases import source_text
from cmdresolve.sources.image.config import load_image_config
from cmdresolve.sources.text import MAX_BYTES

DATA = Path(__file__).resolve().parents[2] / "data" / "image_configs"


def _values(args: tuple[Arg, ...] | None) -> tuple[str, ...] | None:
    return None if args is None else tuple(a.value for a in args)


def _load(name: str) -> ImageConfig:
    return load_image_config(str(DATA / name))


def _error(tmp_path: Path, content: str | bytes, name: str = "image.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_image_config(str(path))
    assert info.value.span is not None
    assert info.value.span.file == str(path)
    return str(info.value).replace(str(path), "FILE")


# --- the accepted shapes -----------------------------------------------------------


def test_docker_inspect_array_reads_config_not_container_config() -> None:
    config = _load("docker_inspect_python.json")
    path = str(DATA / "docker_inspect_python.json")
    assert config == ImageConfig(
        source=ImageSource(SourceKind.FILE, path),
        entrypoint=None,
        cmd=(Arg("python3", "image.cmd", Span(path)),),
        shell=None,
        env=(
            "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8",
            "PYTHON_VERSION=3.12.14",
        ),
        working_dir=None,
        user=None,
        os="linux",
        onbuild=(),
        source_span=Span(path),
    )


def test_docker_inspect_single_object() -> None:
    config = _load("docker_inspect_object.json")
    assert _values(config.entrypoint) == ("docker-entrypoint.sh",)
    assert _values(config.cmd) == ("redis-server",)
    assert config.working_dir == "/data"
    assert config.user is None
    assert config.shell == ("/bin/bash", "-o", "pipefail", "-c")
    assert config.onbuild == ("RUN echo one", "COPY . /app")
    assert config.env == (
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "REDIS_VERSION=8.8.0",
    )


def test_args_carry_origin_and_file_span() -> None:
    config = _load("docker_inspect_object.json")
    path = str(DATA / "docker_inspect_object.json")
    assert config.entrypoint == (Arg("docker-entrypoint.sh", "image.entrypoint", Span(path)),)
    assert config.cmd == (Arg("redis-server", "image.cmd", Span(path)),)
    assert source_text(config.source) == path


def test_oci_config() -> None:
    config = _load("oci_config.json")
    assert _values(config.entrypoint) == ("python", "app.py")
    assert _values(config.cmd) == ("--color", "green")
    assert config.working_dir == "/opt"
    assert config.user == "app:app"
    assert config.env == (
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "APP_COLOR=green",
    )
    assert config.os == "linux"
    assert config.shell is None
    assert config.onbuild == ()


def test_skopeo_config_keeps_empty_lists_as_empty_tuples() -> None:
    config = _load("skopeo_config_empty_lists.json")
    assert config.entrypoint == ()
    assert config.cmd == ()
    assert config.env == ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",)


def test_windows_os_and_shell() -> None:
    config = _load("oci_config_windows.json")
    assert config.os == "windows"
    assert config.shell == ("powershell", "-Command", "$ErrorActionPreference = 'Stop';")
    assert _values(config.cmd) == ("python",)
    assert config.entrypoint is None


def test_docker_string_entrypoint_and_cmd_are_one_element() -> None:
    # moby strslice.StrSlice.UnmarshalJSON accepts a lone string as a one-element list.
    config = _load("docker_inspect_string_cmd.json")
    assert _values(config.entrypoint) == ("/bin/entry",)
    assert _values(config.cmd) == ("run --fast",)
    assert config.env is None


@pytest.mark.parametrize(
    ("config_json", "entrypoint", "cmd"),
    [
        ('{"Entrypoint": null, "Cmd": null}', None, None),
        ("{}", None, None),
        ('{"Entrypoint": [], "Cmd": []}', (), ()),
        ('{"Entrypoint": [""], "Cmd": ["a", ""]}', ("",), ("a", "")),
    ],
)
def test_null_absent_and_empty(
    tmp_path: Path,
    config_json: str,
    entrypoint: tuple[str, ...] | None,
    cmd: tuple[str, ...] | None,
) -> None:
    for key, os_key in (("Config", "Os"), ("config", "os")):
        path = tmp_path / f"{key}.json"
        path.write_text(f'{{"{key}": {config_json}, "{os_key}": "linux"}}', encoding="utf-8")
        config = load_image_config(str(path))
        assert _values(config.entrypoint) == entrypoint
        assert _values(config.cmd) == cmd


def test_null_config_object_means_nothing_set(tmp_path: Path) -> None:
    path = tmp_path / "null.json"
    path.write_text('[{"Config": null, "Os": "linux"}]', encoding="utf-8")
    config = load_image_config(str(path))
    assert (config.entrypoint, config.cmd, config.env, config.working_dir) == (None,) * 4


def test_missing_os_defaults_to_linux(tmp_path: Path) -> None:
    path = tmp_path / "noos.json"
    path.write_text('{"config": {"Cmd": ["sh"]}}', encoding="utf-8")
    assert load_image_config(str(path)).os == "linux"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"config": {"Cmd": ["sh"]}}')
    assert _values(load_image_config(str(path)).cmd) == ("sh",)


# --- errors: the whole message is pinned -------------------------------------------


def test_error_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    # json points at the token where it noticed the missing comma: the next key.
    text = '{\n  "config": {\n    "Cmd": ["a"]\n    "Entrypoint": []\n  }\n}\n'
    assert _error(tmp_path, text) == "FILE:4:5: not valid JSON: Expecting ',' delimiter"


def test_error_empty_file(tmp_path: Path) -> None:
    assert _error(tmp_path, "") == "FILE:1:1: not valid JSON: Expecting value"


def test_error_non_string_cmd_element(tmp_path: Path) -> None:
    text = '[{"Config": {"Cmd": ["python", 5]}, "Os": "linux"}]'
    assert _error(tmp_path, text) == "FILE: Config.Cmd[1] must be a string, got integer 5"


def test_error_non_string_entrypoint_element_oci(tmp_path: Path) -> None:
    text = '{"config": {"Entrypoint": [null]}, "os": "linux"}'
    assert _error(tmp_path, text) == "FILE: config.Entrypoint[0] must be a string, got null"


def test_error_oci_string_cmd(tmp_path: Path) -> None:
    text = '{"config": {"Cmd": "python app.py"}}'
    assert _error(tmp_path, text) == (
        'FILE: config.Cmd must be an array of strings, got string "python app.py"'
    )


def test_error_env_not_a_list(tmp_path: Path) -> None:
    text = '{"Config": {"Env": {"A": "1"}}}'
    assert _error(tmp_path, text) == "FILE: Config.Env must be an array of strings, got object"


def test_error_env_string_is_not_split(tmp_path: Path) -> None:
    text = '{"Config": {"Env": "A=1"}}'
    assert (
        _error(tmp_path, text) == 'FILE: Config.Env must be an array of strings, got string "A=1"'
    )


def test_error_working_dir_not_a_string(tmp_path: Path) -> None:
    text = '{"Config": {"WorkingDir": true}}'
    assert _error(tmp_path, text) == "FILE: Config.WorkingDir must be a string, got boolean true"


def test_error_os_not_a_string(tmp_path: Path) -> None:
    assert (
        _error(tmp_path, '{"config": {}, "os": 1.5}') == "FILE: os must be a string, got number 1.5"
    )


def test_error_config_not_an_object(tmp_path: Path) -> None:
    assert _error(tmp_path, '{"Config": ["python"]}') == "FILE: Config must be an object, got array"


def test_error_empty_array(tmp_path: Path) -> None:
    assert _error(tmp_path, "[]") == (
        "FILE: expected an array of one image (docker image inspect of one image), found 0 elements"
    )


def test_error_array_of_two(tmp_path: Path) -> None:
    text = '[{"Config": {}}, {"Config": {}}]'
    assert _error(tmp_path, text) == (
        "FILE: expected an array of one image (docker image inspect of one image), found 2 elements"
    )


def test_error_not_an_object(tmp_path: Path) -> None:
    assert _error(tmp_path, '"python:3.12"') == "FILE: expected a JSON object, got string"


def test_error_unknown_shape(tmp_path: Path) -> None:
    assert _error(tmp_path, '{"Cmd": ["sh"]}') == (
        "FILE: no Config or config object: expected docker image inspect output "
        "or an OCI image config"
    )


def test_error_container_inspect(tmp_path: Path) -> None:
    text = '[{"Path": "python3", "Args": [], "State": {}, "Config": {"Cmd": ["python3"]}}]'
    assert _error(tmp_path, text) == (
        "FILE: this is docker container inspect output; use docker image inspect"
    )


def test_error_manifest(tmp_path: Path) -> None:
    text = (
        '{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",'
        ' "config": {"mediaType": "application/vnd.oci.image.config.v1+json",'
        ' "digest": "sha256:ab", "size": 1}}'
    )
    assert _error(tmp_path, text) == (
        "FILE: this is an image manifest, not an image config (use skopeo inspect --config)"
    )


def test_error_skopeo_inspect_without_config(tmp_path: Path) -> None:
    text = '{"Name": "docker.io/library/python", "RepoTags": ["3.12"], "Layers": [], "Env": []}'
    assert _error(tmp_path, text) == (
        "FILE: skopeo inspect output has no Entrypoint or Cmd; use skopeo inspect --config"
    )


def test_error_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(InputError) as info:
        load_image_config(str(path))
    assert str(info.value) == f"{path}: no such file"


def test_error_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_image_config(str(tmp_path))
    assert str(info.value) == f"{tmp_path}: is a directory, not a file"


def test_error_binary(tmp_path: Path) -> None:
    assert _error(tmp_path, b"\x7fELF\x02\x01\x01\x00\x00") == (
        "FILE:1: binary content (a NUL byte), not a text file"
    )


def test_error_not_utf8(tmp_path: Path) -> None:
    text = '{"config": {"Cmd": ["caf\xe9"]}}'.encode("latin-1")
    assert _error(tmp_path, text) == "FILE:1:25: not valid UTF-8 (byte 0xe9)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks_are_read(tmp_path: Path, encoding: str) -> None:
    """PowerShell's ``>`` writes UTF-16 with a BOM; Notepad may add a UTF-8 one."""
    path = tmp_path / "image.json"
    text = '{"config": {"Cmd": ["caf\u00e9"]}}'
    data = text.encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    config = load_image_config(str(path))
    assert _values(config.cmd) == ("caf\u00e9",)


def test_integer_past_python_digit_limit_is_a_type_error_not_a_crash(tmp_path: Path) -> None:
    message = _error(tmp_path, '{"config": {"Cmd": [' + "9" * 5000 + "]}}")
    assert message.startswith("FILE: ") and "string" in message


def test_error_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError) as info:
        load_image_config(str(path))
    assert str(info.value) == f"{path}: larger than 64 MiB"
