"""Tests for reading docker/podman run lines (cmdresolve.sources.cmdline.docker).

The flag examples below were written from docker/cli @ 28f75608
(cli/command/container/opts.go :: addFlags, run.go, create.go,
cli/flags/options.go :: InstallFlags) and containers/podman @ c6580b4a
(cmd/podman/common/create.go, common/netflags.go, containers/run.go,
containers/create.go, root.go, utils/alias.go), not from the module's tables.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from cmdresolve.model import Arg, InputError, Origin, Span
from cmdresolve.sources.cmdline import docker_flags as run_flags
from cmdresolve.sources.cmdline.docker import parse_run_line

# ------------------------------------------------------------ upstream facts

# Every value-taking option of `docker run`, with a realistic value.
DOCKER_RUN_VALUE_EXAMPLES = {
    "add-host": "db:10.0.0.2", "annotation": "com.example.k=v", "attach": "STDOUT",
    "blkio-weight": "300", "blkio-weight-device": "/dev/sda:200", "cap-add": "NET_ADMIN",
    "cap-drop": "ALL", "cgroup-parent": "/docker-ci", "cgroupns": "private",
    "cidfile": "/tmp/cid", "cpu-count": "2", "cpu-percent": "50", "cpu-period": "100000",
    "cpu-quota": "50000", "cpu-rt-period": "1000000", "cpu-rt-runtime": "950000",
    "cpu-shares": "512", "cpus": "1.5", "cpuset-cpus": "0-3", "cpuset-mems": "0",
    "device": "/dev/fuse", "device-cgroup-rule": "c 42:* rmw",
    "device-read-bps": "/dev/sda:1mb", "device-read-iops": "/dev/sda:1000",
    "device-write-bps": "/dev/sda:1mb", "device-write-iops": "/dev/sda:1000",
    "dns": "8.8.8.8", "dns-opt": "ndots:2", "dns-option": "ndots:2",
    "dns-search": "example.com", "domainname": "example.com", "entrypoint": "/bin/sh",
    "env": "A=1", "env-file": "./app.env", "expose": "8080", "gpus": "all",
    "group-add": "audio", "health-cmd": "curl -f http://localhost/",
    "health-interval": "30s", "health-retries": "3", "health-start-interval": "5s",
    "health-start-period": "10s", "health-timeout": "3s", "hostname": "web1",
    "io-maxbandwidth": "10m", "io-maxiops": "1000", "ip": "172.30.100.104",
    "ip6": "2001:db8::33", "ipc": "host", "isolation": "hyperv", "kernel-memory": "50m",
    "label": "tier=web", "label-file": "./labels", "link": "db:db",
    "link-local-ip": "169.254.1.1", "log-driver": "json-file", "log-opt": "max-size=10m",
    "mac-address": "92:d0:c6:0a:29:33", "memory": "512m", "memory-reservation": "256m",
    "memory-swap": "-1", "memory-swappiness": "0", "mount": "type=bind,src=/a,dst=/b",
    "net": "host", "net-alias": "web", "network": "my-net", "network-alias": "web",
    "oom-score-adj": "-500", "pid": "host", "pids-limit": "100", "publish": "8080:80",
    "restart": "unless-stopped", "runtime": "runc", "security-opt": "no-new-privileges",
    "shm-size": "64m", "stop-signal": "SIGTERM", "stop-timeout": "10",
    "storage-opt": "size=120G", "sysctl": "net.ipv4.ip_forward=1", "tmpfs": "/run",
    "ulimit": "nofile=1024:2048", "user": "1000:1000", "userns": "host", "uts": "host",
    "volume": "/data:/data", "volume-driver": "local", "volumes-from": "other",
    "workdir": "/app",
    # run.go / create.go
    "name": "web", "pull": "always", "platform": "linux/amd64",
    # run.go only
    "detach-keys": "ctrl-p,ctrl-q",
}
DOCKER_RUN_ONLY = {"detach-keys", "detach", "sig-proxy"}
# Boolean options of `docker run` (`--help` is tested with the errors).
DOCKER_RUN_BOOLS = {
    "init", "interactive", "no-healthcheck", "oom-kill-disable", "privileged",
    "publish-all", "read-only", "rm", "tty",
    "detach", "sig-proxy", "quiet", "use-api-socket", "disable-content-trust",
}
DOCKER_RUN_SHORTHANDS = {
    "a": "attach", "c": "cpu-shares", "e": "env", "h": "hostname", "l": "label",
    "m": "memory", "p": "publish", "u": "user", "v": "volume", "w": "workdir",
}
DOCKER_RUN_BOOL_SHORTHANDS = {"P": "publish-all", "i": "interactive", "t": "tty",
                              "d": "detach", "q": "quiet"}
# docker options podman does not have (net, dns-opt: podman aliases; runtime,
# storage-opt: podman root persistent options).
DOCKER_ONLY = {
    "cpu-count", "cpu-percent", "domainname", "health-start-interval", "io-maxbandwidth",
    "io-maxiops", "isolation", "link", "link-local-ip", "net-alias", "volume-driver",
}
PODMAN_ONLY_VALUE_EXAMPLES = {
    "arch": "arm64", "authfile": "/run/auth.json", "cert-dir": "/certs",
    "cgroup-conf": "memory.high=1G", "cgroups": "split", "chrootdirs": "/chroot",
    "conmon-pidfile": "/run/c.pid", "creds": "u:p", "decryption-key": "/k.pem",
    "env-merge": "PATH=$PATH:/x", "gidmap": "0:100000:5000", "group-entry": "x:x:1:",
    "health-log-destination": "local", "health-max-log-count": "5",
    "health-max-log-size": "500", "health-on-failure": "restart",
    "health-startup-cmd": "ls", "health-startup-interval": "1s",
    "health-startup-retries": "3", "health-startup-success": "1",
    "health-startup-timeout": "2s", "hosts-file": "none", "hostuser": "app",
    "image-volume": "tmpfs", "init-path": "/usr/libexec/podman/catatonit", "os": "linux",
    "passwd-entry": "x:x:1:1::/:/bin/sh", "personality": "LINUX32",
    "pidfile": "/run/p.pid", "pod": "mypod", "pod-id-file": "/run/pod.id",
    "rdt-class": "cos1", "requires": "db", "retry": "3", "retry-delay": "2s",
    "sdnotify": "conmon", "seccomp-policy": "image", "secret": "mysecret",
    "shm-size-systemd": "64m", "signature-policy": "/p.json", "subgidname": "app",
    "subuidname": "app", "systemd": "always", "timeout": "60", "tz": "UTC",
    "uidmap": "0:100000:5000", "umask": "0022", "unsetenv": "PATH", "variant": "v8",
    # podman run only
    "preserve-fd": "3", "preserve-fds": "2",
    # root.go persistent options, accepted after `run` too
    "cdi-spec-dir": "/etc/cdi", "cgroup-manager": "cgroupfs", "conmon": "/usr/bin/conmon",
    "cpu-profile": "/tmp/cpu", "default-mounts-file": "/m", "events-backend": "file",
    "hooks-dir": "/h", "imagestore": "/is", "log-level": "debug", "max-workers": "4",
    "memory-profile": "/tmp/mem", "namespace": "ns1", "network-backend": "netavark",
    "network-config-dir": "/n", "pull-option": "enable_partial_images=true",
    "registries-conf": "/r.conf", "root": "/r", "runroot": "/rr",
    "runtime-flag": "debug", "storage-driver": "overlay", "tmpdir": "/tmp",
    "volumepath": "/v",
}
PODMAN_ONLY_BOOLS = {
    "env-host", "http-proxy", "no-hostname", "no-hosts", "read-only-tmpfs", "replace",
    "rootfs", "tls-verify", "unsetenv-all", "passwd", "rmi", "syslog", "trace",
    "transient-store",
}


def podman_run_value_examples() -> dict[str, str]:
    shared = {k: v for k, v in DOCKER_RUN_VALUE_EXAMPLES.items() if k not in DOCKER_ONLY}
    return {**shared, **PODMAN_ONLY_VALUE_EXAMPLES}


# ------------------------------------------------------------------ helpers


class Expect(NamedTuple):
    image: str
    entrypoint: str | None = None
    args: tuple[str, ...] | None = None
    env: tuple[str, ...] = ()
    working_dir: str | None = None
    user: str | None = None
    init: bool = False
    env_files: tuple[str, ...] = ()
    program: str = "docker run"


def observed(line: str) -> Expect:
    run = parse_run_line(line)
    return Expect(
        image=run.image,
        entrypoint=None if run.entrypoint is None else run.entrypoint.value,
        args=None if run.args is None else tuple(a.value for a in run.args),
        env=run.env,
        working_dir=run.working_dir,
        user=run.user,
        init=run.init,
        env_files=run.env_files,
        program=run.program,
    )


def image_and_args(line: str) -> tuple[str, tuple[str, ...] | None]:
    run = parse_run_line(line)
    return run.image, None if run.args is None else tuple(a.value for a in run.args)


def raised(line: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_run_line(line)
    return info.value


# ------------------------------------------------------------- the big table

TABLE = [
    ("docker run nginx", Expect("nginx")),
    ("docker run nginx:1.27 nginx -g 'daemon off;'",
     Expect("nginx:1.27", args=("nginx", "-g", "daemon off;"))),
    ("docker run --rm -it alpine sh", Expect("alpine", args=("sh",))),
    ("docker run -itd alpine", Expect("alpine")),
    ("docker run -dit alpine top", Expect("alpine", args=("top",))),
    ("docker run -itp80:80 nginx", Expect("nginx")),
    ("docker run -dp 80:80 nginx", Expect("nginx")),
    ("docker run -eFOO=bar alpine env", Expect("alpine", args=("env",), env=("FOO=bar",))),
    ("docker run -e FOO=bar alpine", Expect("alpine", env=("FOO=bar",))),
    ("docker run -e=FOO=bar alpine", Expect("alpine", env=("FOO=bar",))),
    ("docker run -ie FOO=bar alpine", Expect("alpine", env=("FOO=bar",))),
    ("docker run -iw/app alpine", Expect("alpine", working_dir="/app")),
    ("docker run -wi alpine", Expect("alpine", working_dir="i")),
    ("docker run -iu 1000:1000 alpine id", Expect("alpine", args=("id",), user="1000:1000")),
    ("docker run -t=false -i alpine", Expect("alpine")),
    ("docker run --workdir=/srv --user=app --env=A=1 alpine",
     Expect("alpine", env=("A=1",), working_dir="/srv", user="app")),
    ("docker run -w /a -w /b -u 1 --user 2 alpine",
     Expect("alpine", working_dir="/b", user="2")),
    ("docker run -w relative/dir alpine", Expect("alpine", working_dir="relative/dir")),
    ("docker run -w '' alpine", Expect("alpine", working_dir="")),
    ("docker run -e A=1 --env-file a.env -e B --env=C=3 --env-file=b.env alpine",
     Expect("alpine", env=("A=1", "B", "C=3"), env_files=("a.env", "b.env"))),
    ("docker run -e A= alpine", Expect("alpine", env=("A=",))),
    # --entrypoint: one element, never split; empty resets; last wins.
    ("docker run --entrypoint /bin/sh alpine", Expect("alpine", entrypoint="/bin/sh")),
    ("docker run --entrypoint=/bin/sh alpine -c 'echo hi'",
     Expect("alpine", entrypoint="/bin/sh", args=("-c", "echo hi"))),
    ("docker run --entrypoint 'sh -c' alpine", Expect("alpine", entrypoint="sh -c")),
    ('docker run --entrypoint "" alpine', Expect("alpine", entrypoint="")),
    ("docker run --entrypoint= alpine ls", Expect("alpine", entrypoint="", args=("ls",))),
    ("docker run --entrypoint /a --entrypoint /b alpine", Expect("alpine", entrypoint="/b")),
    ("docker run --entrypoint /a --entrypoint '' alpine", Expect("alpine", entrypoint="")),
    ("docker run --entrypoint '[\"a\",\"b\"]' alpine",
     Expect("alpine", entrypoint='["a","b"]')),
    # --init and booleans
    ("docker run --init alpine", Expect("alpine", init=True)),
    ("docker run --init=false alpine", Expect("alpine")),
    ("docker run --init --init=false alpine", Expect("alpine")),
    ("docker run --init=0 --init=T alpine", Expect("alpine", init=True)),
    ("docker run --rm=false --privileged=1 alpine", Expect("alpine")),
    # interspersed off: everything after the image is the command
    ("docker run alpine -it --rm ls", Expect("alpine", args=("-it", "--rm", "ls"))),
    ("docker run alpine --entrypoint /x", Expect("alpine", args=("--entrypoint", "/x"))),
    ("docker run alpine ''", Expect("alpine", args=("",))),
    # `--` ends the options; after the image it is passed through (docs/semantics.md §9)
    ("docker run -- alpine ls", Expect("alpine", args=("ls",))),
    ("docker run --rm -- alpine -- q", Expect("alpine", args=("--", "q"))),
    ("docker run --entrypoint=/argv img -- q",
     Expect("img", entrypoint="/argv", args=("--", "q"))),
    # values that look like options are still values
    ("docker run --memory-swap -1 --oom-score-adj -500 alpine",
     Expect("alpine")),
    ("docker run --name --rm alpine", Expect("alpine")),
    ("docker run -e -w alpine", Expect("alpine", env=("-w",))),
    # create and the container management spelling
    ("docker create --name web nginx", Expect("nginx", program="docker create")),
    ("docker container run -q nginx", Expect("nginx")),
    ("docker container create --init nginx", Expect("nginx", init=True,
                                                    program="docker create")),
    # global options before the subcommand
    ("docker -H unix:///x --context foo run alpine", Expect("alpine")),
    ("docker --config /c --log-level debug --tls --tlsverify --tlscacert ca.pem "
     "--tlscert cert.pem --tlskey key.pem -D run alpine", Expect("alpine")),
    ("docker -c ctx -l warn -H tcp://h:2376 -D container run alpine", Expect("alpine")),
    ("docker --host=tcp://h:2375 --debug=false run alpine", Expect("alpine")),
    ("docker -Dl debug run alpine", Expect("alpine")),
    # sudo, environment prefixes, program paths
    ("sudo docker run alpine", Expect("alpine")),
    ("sudo -E docker run alpine", Expect("alpine")),
    ("sudo -u root -g docker docker run alpine", Expect("alpine")),
    ("sudo -uroot docker run alpine", Expect("alpine")),
    ("sudo --user root --preserve-env=HOME docker run alpine", Expect("alpine")),
    ("sudo --user=root -- docker run alpine", Expect("alpine")),
    ("sudo DOCKER_HOST=unix:///x docker run alpine", Expect("alpine")),
    ("DOCKER_HOST=tcp://h:2375 DOCKER_TLS=1 docker run alpine", Expect("alpine")),
    ("/usr/local/bin/docker run alpine", Expect("alpine")),
    ("docker.exe run alpine", Expect("alpine")),
    ("/usr/bin/sudo /usr/bin/podman run alpine", Expect("alpine", program="podman run")),
    # shell splitting
    ("docker run alpine echo \"a  b\" 'c d' e\\ f",
     Expect("alpine", args=("echo", "a  b", "c d", "e f"))),
    ('docker run alpine echo "\\$HOME \\"q\\" \\\\ \\x"',
     Expect("alpine", args=("echo", '$HOME "q" \\ \\x'))),
    ("docker run alpine echo $HOME ~ '*'", Expect("alpine", args=("echo", "$HOME", "~", "*"))),
    ("docker run alpine echo a#b # a comment", Expect("alpine", args=("echo", "a#b"))),
    ("docker run \\\n  --rm \\\n  alpine \\\n  ls", Expect("alpine", args=("ls",))),
    ("docker run alpine echo ab\\\ncd", Expect("alpine", args=("echo", "abcd"))),
    ('docker run alpine echo "a\\\nb"', Expect("alpine", args=("echo", "ab"))),
    ("docker run alpine echo 'a\\nb'", Expect("alpine", args=("echo", "a\\nb"))),
    ("docker run alpine echo a\"b\"'c'", Expect("alpine", args=("echo", "abc"))),
    ("  docker\trun   alpine  \n", Expect("alpine")),
    ("docker run alpine sleep 1 &", Expect("alpine", args=("sleep", "1"))),
    ("docker run alpine true;", Expect("alpine", args=("true",))),
    ("# start it\ndocker run alpine", Expect("alpine")),
    ("'docker' \"run\" alpine", Expect("alpine")),
    # podman
    ("podman run --pod mypod --userns=keep-id --arch arm64 --os linux --variant v8 "
     "--replace --tz UTC --umask 0022 fedora bash",
     Expect("fedora", args=("bash",), program="podman run")),
    ("podman run --rootfs /srv/rootfs /bin/sh",
     Expect("/srv/rootfs", args=("/bin/sh",), program="podman run")),
    ("podman run --net host --override-arch arm64 --healthcheck-command true alpine",
     Expect("alpine", program="podman run")),
    ("podman run --log-level debug --root /r --runtime crun --storage-opt x=1 alpine",
     Expect("alpine", program="podman run")),
    ("podman run --tls-verify alpine x", Expect("alpine", args=("x",), program="podman run")),
    ("podman run --tls-verify=false -q alpine", Expect("alpine", program="podman run")),
    ("podman create --init-ctr always alpine", Expect("alpine", program="podman create")),
    ("podman container create -e A=1 -w /w -u 5 --init alpine",
     Expect("alpine", env=("A=1",), working_dir="/w", user="5", init=True,
            program="podman create")),
    ("podman container run --entrypoint '' alpine ls",
     Expect("alpine", entrypoint="", args=("ls",), program="podman run")),
    ("podman run --entrypoint '/bin/sh -c' alpine",
     Expect("alpine", entrypoint="/bin/sh -c", program="podman run")),
    ("podman --remote --connection prod --url ssh://h --identity id --ssh native "
     "--out /dev/null --noout -D run alpine", Expect("alpine", program="podman run")),
    ("podman -r -c prod --log-level=info --cni-config-dir /n --root /r run alpine",
     Expect("alpine", program="podman run")),
    ("podman run -e =x alpine", Expect("alpine", env=("=x",), program="podman run")),
]


@pytest.mark.parametrize(("line", "expected"), TABLE)
def test_table(line: str, expected: Expect) -> None:
    assert observed(line) == expected


# ---------------------------------------------- every option of docker run


def test_examples_cover_upstream_docker_run_flags() -> None:
    # 88 value options in addFlags + name, pull, platform (run+create) + detach-keys (run).
    assert len(DOCKER_RUN_VALUE_EXAMPLES) == 92
    # 9 boolean options in addFlags + detach, sig-proxy, quiet, use-api-socket,
    # disable-content-trust (and help, tested as an error).
    assert len(DOCKER_RUN_BOOLS) == 14
    tables = run_flags.DOCKER_CONTAINER_VALUE_FLAGS | run_flags.DOCKER_CREATE_VALUE_FLAGS
    assert tables | run_flags.DOCKER_RUN_ONLY_VALUE_FLAGS == set(DOCKER_RUN_VALUE_EXAMPLES)
    bools = run_flags.DOCKER_CONTAINER_BOOL_FLAGS | run_flags.DOCKER_CREATE_BOOL_FLAGS
    assert bools | run_flags.DOCKER_RUN_ONLY_BOOL_FLAGS == DOCKER_RUN_BOOLS | {"help"}


@pytest.mark.parametrize(("flag", "value"), sorted(DOCKER_RUN_VALUE_EXAMPLES.items()))
def test_docker_value_flag_takes_the_next_word(flag: str, value: str) -> None:
    quoted = value.replace("'", "'\\''")
    assert image_and_args(f"docker run --{flag} '{quoted}' img cmd -x") == ("img", ("cmd", "-x"))
    assert image_and_args(f"docker run --{flag}='{quoted}' img") == ("img", None)


@pytest.mark.parametrize(("flag", "value"), sorted(DOCKER_RUN_VALUE_EXAMPLES.items()))
def test_docker_create_value_flags(flag: str, value: str) -> None:
    line = f"docker create --{flag} '{value}' img cmd"
    if flag in DOCKER_RUN_ONLY:
        assert raised(line).message == (
            f"`docker create` would refuse this line: unknown flag: --{flag}")
    else:
        assert image_and_args(line) == ("img", ("cmd",))


def test_every_docker_value_flag_in_one_line() -> None:
    options = " ".join(f"--{k} '{v}'" for k, v in DOCKER_RUN_VALUE_EXAMPLES.items())
    run = parse_run_line(f"docker run {options} img a b")
    assert (run.image, tuple(a.value for a in run.args or ())) == ("img", ("a", "b"))
    assert (run.entrypoint and run.entrypoint.value, run.env, run.env_files) == (
        "/bin/sh", ("A=1",), ("./app.env",))
    assert (run.working_dir, run.user) == ("/app", "1000:1000")


@pytest.mark.parametrize("flag", sorted(DOCKER_RUN_BOOLS))
def test_docker_bool_flag_never_takes_the_next_word(flag: str) -> None:
    assert image_and_args(f"docker run --{flag} img cmd") == ("img", ("cmd",))
    assert image_and_args(f"docker run --{flag}=false img") == ("img", None)


@pytest.mark.parametrize(("letter", "flag"), sorted(DOCKER_RUN_SHORTHANDS.items()))
def test_docker_value_shorthands(letter: str, flag: str) -> None:
    value = DOCKER_RUN_VALUE_EXAMPLES[flag]
    assert image_and_args(f"docker run -{letter} '{value}' img x") == ("img", ("x",))
    assert image_and_args(f"docker run -i{letter}'{value}' img") == ("img", None)
    assert image_and_args(f"docker run -{letter}={value} img") == ("img", None)


@pytest.mark.parametrize(("letter", "flag"), sorted(DOCKER_RUN_BOOL_SHORTHANDS.items()))
def test_docker_bool_shorthands(letter: str, flag: str) -> None:
    assert image_and_args(f"docker run -{letter} img x") == ("img", ("x",))
    assert image_and_args(f"docker run -{letter}i img") == ("img", None)
    assert image_and_args(f"docker run -{letter}=false img") == ("img", None)


# ---------------------------------------------------------------- podman


@pytest.mark.parametrize(("flag", "value"), sorted(podman_run_value_examples().items()))
def test_podman_value_flag_takes_the_next_word(flag: str, value: str) -> None:
    quoted = value.replace("'", "'\\''")
    assert image_and_args(f"podman run --{flag} '{quoted}' img cmd") == ("img", ("cmd",))
    assert image_and_args(f"podman run --{flag}='{quoted}' img") == ("img", None)


PODMAN_RUN_BOOLS = PODMAN_ONLY_BOOLS | (DOCKER_RUN_BOOLS - {"use-api-socket"})


@pytest.mark.parametrize("flag", sorted(PODMAN_RUN_BOOLS))
def test_podman_bool_flag_never_takes_the_next_word(flag: str) -> None:
    assert image_and_args(f"podman run --{flag} img cmd") == ("img", ("cmd",))


@pytest.mark.parametrize("flag", sorted(DOCKER_ONLY | {"use-api-socket"}))
def test_podman_refuses_docker_only_flags(flag: str) -> None:
    assert raised(f"podman run --{flag} x img").message == (
        f"`podman run` would refuse this line: unknown flag: --{flag}")


@pytest.mark.parametrize("flag", sorted(PODMAN_ONLY_VALUE_EXAMPLES))
def test_docker_refuses_podman_only_flags(flag: str) -> None:
    assert raised(f"docker run --{flag} x img").message == (
        f"`docker run` would refuse this line: unknown flag: --{flag}")


def test_podman_create_has_init_ctr_but_not_run_only_flags() -> None:
    assert image_and_args("podman create --init-ctr once img") == ("img", None)
    assert raised("podman run --init-ctr once img").message == (
        "`podman run` would refuse this line: unknown flag: --init-ctr")
    assert raised("podman create --rmi img").message == (
        "`podman create` would refuse this line: unknown flag: --rmi")
    assert raised("podman create -d img").message == (
        "`podman create` would refuse this line: unknown shorthand flag: 'd' in -d")


def test_docker_global_flags_are_not_run_flags() -> None:
    assert raised("docker run --context foo img").message == (
        "`docker run` would refuse this line: unknown flag: --context")


# ------------------------------------------------------------------ spans


def test_spans_point_at_the_words() -> None:
    line = "docker run --entrypoint /bin/sh img -c 'echo hi'"
    run = parse_run_line(line)
    assert run.entrypoint == Arg("/bin/sh", "run.entrypoint", Span("--run", None, 25))
    assert run.args == (
        Arg("-c", "run.args", Span("--run", None, 37)),
        Arg("echo hi", "run.args", Span("--run", None, 40)),
    )
    assert run.span == Span("--run", None, 1)
    assert run.program == "docker run"


def test_span_of_an_embedded_value_is_its_first_character() -> None:
    run = parse_run_line("docker run --entrypoint=/x img")
    assert run.entrypoint == Arg("/x", "run.entrypoint", Span("--run", None, 25))
    run = parse_run_line("docker run --entrypoint= img")
    assert run.entrypoint == Arg("", "run.entrypoint", Span("--run", None, 12))


def test_spans_count_from_the_start_of_the_whole_line() -> None:
    run = parse_run_line("sudo docker run \\\n  img 'a b'")
    assert run.span == Span("--run", None, 6)
    assert run.args == (Arg("a b", "run.args", Span("--run", None, 25)),)


# ------------------------------------------------------------------ errors


def error_of(line: str) -> tuple[str, Span | None]:
    err = raised(line)
    return str(err), err.span


def test_error_message_is_not_prefixed_twice() -> None:
    err = raised("docker run")
    assert err.message == "no image given: `docker run` needs IMAGE after its options"
    assert str(err) == "--run: no image given: `docker run` needs IMAGE after its options"


def test_error_no_image() -> None:
    assert error_of("docker run --rm -it") == (
        "--run: no image given: `docker run` needs IMAGE after its options",
        Span("--run", None, 17))


def test_error_no_image_after_double_dash() -> None:
    assert error_of("podman create --") == (
        "--run: no image given: `podman create` needs IMAGE after its options",
        Span("--run", None, 15))


def test_error_empty_image() -> None:
    assert error_of("docker run --rm ''") == (
        "--run: the image name at column 17 is empty", Span("--run", None, 17))


def test_error_unbalanced_single_quote() -> None:
    assert error_of("docker run alpine echo 'hi") == (
        "--run: unbalanced quote: the ' at column 24 is never closed", Span("--run", None, 24))


def test_error_unbalanced_double_quote() -> None:
    assert error_of('docker run -e "A=1 alpine') == (
        '--run: unbalanced quote: the " at column 15 is never closed', Span("--run", None, 15))


def test_error_trailing_backslash() -> None:
    assert error_of("docker run alpine \\") == (
        "--run: the backslash at column 19 ends the line and escapes nothing",
        Span("--run", None, 19))


def test_error_pipe() -> None:
    assert error_of("docker run alpine ls | grep x") == (
        "--run: `|` at column 22 is a shell operator: give one command, "
        "without pipes, lists or redirections", Span("--run", None, 22))


def test_error_and_list() -> None:
    assert error_of("docker pull a && docker run a") == (
        "--run: `&&` at column 15 is a shell operator: give one command, "
        "without pipes, lists or redirections", Span("--run", None, 15))


def test_error_redirection() -> None:
    assert error_of("docker run alpine ls 2>/dev/null") == (
        "--run: `>` at column 23 is a shell operator: give one command, "
        "without pipes, lists or redirections", Span("--run", None, 23))


def test_error_second_command() -> None:
    assert error_of("docker run a; docker run b") == (
        "--run: a second command starts at column 15: give one command", Span("--run", None, 15))


def test_error_second_line() -> None:
    assert error_of("docker run a\ndocker run b") == (
        "--run: a second command starts at column 14: give one command", Span("--run", None, 14))


def test_error_empty_line() -> None:
    assert error_of("  # nothing here\n") == ("--run: the command line is empty", Span("--run"))


def test_error_no_program() -> None:
    assert error_of("sudo -u root") == (
        "--run: the command line names no program: give `docker run`, `docker create`, "
        "`docker container run`, `docker container create`, or the same with `podman`",
        Span("--run", None, 1))


def test_error_quoted_assignment_is_a_program() -> None:
    assert error_of('"FOO=1"docker run alpine') == (
        "--run: `FOO=1docker` is not a supported program: give `docker run`, "
        "`docker create`, `docker container run`, `docker container create`, "
        "or the same with `podman`", Span("--run", None, 1))


def test_error_unsupported_program() -> None:
    assert error_of("nerdctl run alpine") == (
        "--run: `nerdctl` is not a supported program: give `docker run`, `docker create`, "
        "`docker container run`, `docker container create`, or the same with `podman`",
        Span("--run", None, 1))


def test_error_kubectl_run() -> None:
    assert error_of("kubectl run web --image=nginx") == (
        "--run: kubectl run lines are not supported yet: give a docker or podman run line",
        Span("--run", None, 1))


def test_error_docker_exec() -> None:
    assert error_of("docker exec -it web sh") == (
        "--run: `docker exec` is not supported: give `docker run`, `docker create`, "
        "`docker container run`, `docker container create`, or the same with `podman`",
        Span("--run", None, 8))


def test_error_docker_compose_run() -> None:
    assert error_of("docker compose run web") == (
        "--run: `docker compose` is not supported: give `docker run`, `docker create`, "
        "`docker container run`, `docker container create`, or the same with `podman`",
        Span("--run", None, 8))


def test_error_docker_container_exec() -> None:
    assert error_of("docker container exec web sh") == (
        "--run: `docker container exec` is not supported: give `docker run`, "
        "`docker create`, `docker container run`, `docker container create`, "
        "or the same with `podman`", Span("--run", None, 8))


def test_error_no_subcommand() -> None:
    assert error_of("docker -D") == (
        "--run: `docker` has no subcommand: give `docker run`, `docker create`, "
        "`docker container run`, `docker container create`, or the same with `podman`",
        Span("--run", None, 8))


def test_error_unknown_long_flag() -> None:
    assert error_of("docker run --x alpine") == (
        "--run: `docker run` would refuse this line: unknown flag: --x", Span("--run", None, 12))


def test_error_unknown_long_flag_with_value() -> None:
    assert error_of("docker run --rm --bogus=1 alpine") == (
        "--run: `docker run` would refuse this line: unknown flag: --bogus",
        Span("--run", None, 17))


def test_error_unknown_shorthand_in_cluster() -> None:
    assert error_of("docker run -itx alpine") == (
        "--run: `docker run` would refuse this line: unknown shorthand flag: 'x' in -x",
        Span("--run", None, 12))


def test_error_unknown_global_flag() -> None:
    assert error_of("docker --rm run alpine") == (
        "--run: `docker` would refuse this line: unknown flag: --rm", Span("--run", None, 8))


def test_error_long_flag_needs_a_value() -> None:
    assert error_of("docker run --name") == (
        "--run: `docker run` would refuse this line: flag needs an argument: --name",
        Span("--run", None, 12))


def test_error_short_flag_needs_a_value() -> None:
    assert error_of("docker run -ite") == (
        "--run: `docker run` would refuse this line: flag needs an argument: 'e' in -e",
        Span("--run", None, 12))


def test_error_global_flag_needs_a_value() -> None:
    assert error_of("docker -H") == (
        "--run: `docker` would refuse this line: flag needs an argument: 'H' in -H",
        Span("--run", None, 8))


def test_error_bad_flag_syntax() -> None:
    assert error_of("docker run ---rm alpine") == (
        "--run: `docker run` would refuse this line: bad flag syntax: ---rm",
        Span("--run", None, 12))
    assert error_of("docker run --=x alpine")[0] == (
        "--run: `docker run` would refuse this line: bad flag syntax: --=x")


def test_error_invalid_bool() -> None:
    assert error_of("docker run --rm=yes alpine") == (
        '--run: `docker run` would refuse this line: invalid argument "yes" for "--rm" flag: '
        'strconv.ParseBool: parsing "yes": invalid syntax', Span("--run", None, 17))


def test_error_invalid_bool_shorthand() -> None:
    assert error_of("docker run -d=maybe alpine") == (
        '--run: `docker run` would refuse this line: invalid argument "maybe" for '
        '"-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
        Span("--run", None, 15))


def test_error_invalid_env() -> None:
    assert error_of("docker run -e =x alpine") == (
        '--run: `docker run` would refuse this line: invalid argument "=x" for '
        '"-e, --env" flag: invalid environment variable: =x', Span("--run", None, 15))


def test_error_run_only_shorthand_on_create() -> None:
    assert error_of("docker create -d alpine") == (
        "--run: `docker create` would refuse this line: unknown shorthand flag: 'd' in -d",
        Span("--run", None, 15))


def test_error_help() -> None:
    assert error_of("docker run --help alpine") == (
        "--run: `docker run --help` prints usage and runs no container",
        Span("--run", None, 12))


def test_error_help_before_double_dash() -> None:
    assert error_of("podman run --help=1 -- alpine") == (
        "--run: `podman run --help` prints usage and runs no container",
        Span("--run", None, 19))


def test_help_false_is_not_help() -> None:
    assert image_and_args("docker run --help=false alpine") == ("alpine", None)


def test_error_global_help_shorthand() -> None:
    assert error_of("podman -h run alpine") == (
        "--run: `podman --help` prints usage and runs no container", Span("--run", None, 8))


def test_error_version() -> None:
    assert error_of("docker -v run alpine") == (
        "--run: `docker --version` prints its version and runs no container",
        Span("--run", None, 8))


def test_error_podman_json_entrypoint() -> None:
    assert error_of("podman run --entrypoint '[\"sh\",\"-c\"]' alpine") == (
        '--run: podman reads `--entrypoint ["sh","-c"]` as a JSON argv list, which is not '
        "supported yet: give the program with --entrypoint and its arguments after the image",
        Span("--run", None, 25))


def test_garbage_collector_state_is_restored() -> None:
    import gc

    from cmdresolve.sources.cmdline import parse_command_line

    assert gc.isenabled()
    parse_command_line("docker run img a")
    assert gc.isenabled()
    with pytest.raises(InputError):
        parse_command_line("docker run img a | b")
    assert gc.isenabled()


def test_long_run_line_holds_one_record_a_word_at_a_time() -> None:
    # An argument (Arg and its Span) is about 150 bytes; the split words are let go as
    # they become arguments, and repeated words share their text (330 bytes a word before).
    import tracemalloc

    from cmdresolve.sources.cmdline import parse_command_line

    line = "docker run img " + "--opt value 'two words' " * 40_000
    parse_command_line("docker run img")  # the first records of each kind make their code
    tracemalloc.start()
    try:
        run = parse_command_line(line)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert run.args is not None and len(run.args) == 120_000
    assert run.args[-1] == Arg("two words", Origin.RUN_ARGS, Span("--run", None, len(line) - 11))
    assert peak < 200 * 120_000
