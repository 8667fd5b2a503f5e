"""Which options ``docker`` / ``podman`` (and ``sudo``) know, by long name.

The tables below are read by ``run_line``: for each command, which long
options take a value, which are boolean, the one-letter shorthands and the
alias spellings.  Each table cites the upstream file and function it was
copied from: docker/cli @ 28f75608 and containers/podman @ c6580b4a.
"""

from __future__ import annotations

from types import MappingProxyType


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# docker/cli opts.go :: addFlags -- shared by `docker run` and `docker create`.
DOCKER_CONTAINER_VALUE_FLAGS = _names("""
    add-host annotation attach blkio-weight blkio-weight-device cap-add cap-drop
    cgroup-parent cgroupns cidfile cpu-count cpu-percent cpu-period cpu-quota
    cpu-rt-period cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems device
    device-cgroup-rule device-read-bps device-read-iops device-write-bps
    device-write-iops dns dns-opt dns-option dns-search domainname entrypoint
    env env-file expose gpus group-add health-cmd health-interval health-retries
    health-start-interval health-start-period health-timeout hostname
    io-maxbandwidth io-maxiops ip ip6 ipc isolation kernel-memory label
    label-file link link-local-ip log-driver log-opt mac-address memory
    memory-reservation memory-swap memory-swappiness mount net net-alias network
    network-alias oom-score-adj pid pids-limit publish restart runtime
    security-opt shm-size stop-signal stop-timeout storage-opt sysctl tmpfs
    ulimit user userns uts volume volume-driver volumes-from workdir
""")
DOCKER_CONTAINER_BOOL_FLAGS = _names("""
    init interactive no-healthcheck oom-kill-disable privileged publish-all
    read-only rm tty
""")
DOCKER_CONTAINER_SHORTHANDS = MappingProxyType(
    {
        "P": "publish-all",
        "a": "attach",
        "c": "cpu-shares",
        "e": "env",
        "h": "hostname",
        "i": "interactive",
        "l": "label",
        "m": "memory",
        "p": "publish",
        "t": "tty",
        "u": "user",
        "v": "volume",
        "w": "workdir",
    }
)
# docker/cli create.go :: newCreateCommand (run.go adds the DOCKER_RUN_ONLY ones).
DOCKER_CREATE_VALUE_FLAGS = _names("name platform pull")
DOCKER_CREATE_BOOL_FLAGS = _names("disable-content-trust help quiet use-api-socket")
DOCKER_RUN_ONLY_VALUE_FLAGS = _names("detach-keys")
DOCKER_RUN_ONLY_BOOL_FLAGS = _names("detach sig-proxy")
# docker/cli cli/flags/options.go :: InstallFlags, cmd/docker/docker.go (--version).
DOCKER_GLOBAL_VALUE_FLAGS = _names("config context host log-level tlscacert tlscert tlskey")
DOCKER_GLOBAL_BOOL_FLAGS = _names("debug help tls tlsverify version")
DOCKER_GLOBAL_SHORTHANDS = MappingProxyType(
    {
        "D": "debug",
        "H": "host",
        "c": "context",
        "h": "help",
        "l": "log-level",
        "v": "version",
    }
)

# podman common/create.go :: DefineCreateFlags(CreateMode) + netflags.go :: DefineNetFlags.
PODMAN_CONTAINER_VALUE_FLAGS = _names("""
    add-host annotation arch attach authfile blkio-weight blkio-weight-device
    cap-add cap-drop cert-dir cgroup-conf cgroup-parent cgroupns cgroups
    chrootdirs cidfile conmon-pidfile cpu-period cpu-quota cpu-rt-period
    cpu-rt-runtime cpu-shares cpus cpuset-cpus cpuset-mems creds decryption-key
    device device-cgroup-rule device-read-bps device-read-iops device-write-bps
    device-write-iops dns dns-option dns-search entrypoint env env-file
    env-merge expose gidmap gpus group-add group-entry health-cmd
    health-interval health-log-destination health-max-log-count
    health-max-log-size health-on-failure health-retries health-start-period
    health-startup-cmd health-startup-interval health-startup-retries
    health-startup-success health-startup-timeout health-timeout hostname
    hosts-file hostuser image-volume init-path ip ip6 ipc kernel-memory label
    label-file log-driver log-opt mac-address memory memory-reservation
    memory-swap memory-swappiness mount name network network-alias oom-score-adj
    os passwd-entry personality pid pidfile pids-limit platform pod pod-id-file
    publish pull rdt-class requires restart retry retry-delay sdnotify
    seccomp-policy secret security-opt shm-size shm-size-systemd
    signature-policy stop-signal stop-timeout subgidname subuidname sysctl
    systemd timeout tmpfs tz uidmap ulimit umask unsetenv user userns uts
    variant volume volumes-from workdir
""")
# tls-verify is an OptionalBool (NoOptDefVal "true"): parsed like a boolean.
PODMAN_CONTAINER_BOOL_FLAGS = _names("""
    disable-content-trust env-host help http-proxy init interactive
    no-healthcheck no-hostname no-hosts oom-kill-disable privileged publish-all
    quiet read-only read-only-tmpfs replace rm rootfs tls-verify tty
    unsetenv-all
""")
PODMAN_CONTAINER_SHORTHANDS = MappingProxyType({**DOCKER_CONTAINER_SHORTHANDS, "q": "quiet"})
PODMAN_RUN_ONLY_VALUE_FLAGS = _names("detach-keys preserve-fd preserve-fds")
PODMAN_RUN_ONLY_BOOL_FLAGS = _names("detach passwd rmi sig-proxy")
PODMAN_CREATE_ONLY_VALUE_FLAGS = _names("init-ctr")
# podman root.go :: rootFlags, cmd.PersistentFlags(): valid before and after `run`.
PODMAN_PERSISTENT_VALUE_FLAGS = _names("""
    cdi-spec-dir cgroup-manager conmon cpu-profile default-mounts-file
    events-backend hooks-dir imagestore log-level max-workers memory-profile
    namespace network-backend network-config-dir pull-option registries-conf
    root runroot runtime runtime-flag storage-driver storage-opt tmpdir
    volumepath
""")
PODMAN_PERSISTENT_BOOL_FLAGS = _names("help syslog trace transient-store")
# podman root.go :: rootFlags, cmd.Flags() (plus cobra's --version): before the subcommand.
PODMAN_GLOBAL_VALUE_FLAGS = _names("""
    config connection context host identity module out ssh tls-ca tls-cert
    tls-details tls-key url
""")
PODMAN_GLOBAL_BOOL_FLAGS = _names("debug noout remote version")
PODMAN_GLOBAL_SHORTHANDS = MappingProxyType(
    {"D": "debug", "H": "host", "c": "connection", "r": "remote", "v": "version"}
)
# podman utils/alias.go :: AliasFlags (the names a run/create option set knows).
PODMAN_ALIASES = MappingProxyType(
    {
        "dns-opt": "dns-option",
        "healthcheck-command": "health-cmd",
        "healthcheck-interval": "health-interval",
        "healthcheck-retries": "health-retries",
        "healthcheck-start-period": "health-start-period",
        "healthcheck-timeout": "health-timeout",
        "net": "network",
        "override-arch": "arch",
        "override-os": "os",
        "override-variant": "variant",
    }
)

# sudo(8) options that take the next word as their value.
SUDO_VALUE_SHORT = frozenset("CDRTUacgprtu")
SUDO_VALUE_LONG = _names("""
    auth-type chdir chroot close-from command-timeout group login-class
    other-user prompt role type user
""")
