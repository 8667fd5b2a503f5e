"""Tests for reading kubectl run / create lines (cmdresolve.sources.cmdline.kubectl).

Expected values were written from kubernetes/kubectl @ dee3483a
(pkg/cmd/run/run.go :: addRunFlags, Complete, Validate, createPod, parseEnvs,
parseLabels; pkg/cmd/run/run_test.go :: TestRunArgsFollowDashRules;
pkg/cmd/create/create.go :: NameFromCommandArgs; create_deployment.go,
create_job.go, create_cronjob.go; pkg/cmd/util/helpers.go), spf13/cobra
v1.10.2 (stripFlags, ValidateRequiredFlags) and spf13/pflag v1.0.10, and
from docs/semantics.md §4, §7.11 and §7.15 item 15 — not from the module's tables.
"""

from __future__ import annotations

import pytest

from cmdresolve.model import Arg, InputError, Span
from cmdresolve.model.kubernetes import EnvVar, PodSpec
from cmdresolve.sources.cmdline.kubectl import parse_kubectl_line

RUN = "--run"


def at(line: str, fragment: str) -> int:
    """1-based column of ``fragment``'s first occurrence in ``line``."""
    return line.index(fragment) + 1


def arg(value: str, origin: str, col: int, path: str) -> Arg:
    return Arg(value, origin, Span(RUN, None, col), path=path)


def values(args: tuple[Arg, ...] | None) -> list[str] | None:
    return None if args is None else [a.value for a in args]


def container_argv(pod: PodSpec) -> tuple[list[str] | None, list[str] | None]:
    """``(command, args)`` of the only container."""
    (container,) = pod.containers
    return values(container.command), values(container.args)


def raised(line: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_kubectl_line(line)
    return info.value


def error_of(line: str) -> tuple[str, Span | None]:
    err = raised(line)
    return str(err), err.span


def refused(command: str, detail: str) -> str:
    return f"--run: `{command}` would refuse this line: {detail}"


# ------------------------------------------------------------- kubectl run


def test_run_args_after_dash() -> None:
    """docs/semantics.md §7.11: ``-- sleep 10`` gives args, and command is not set."""
    line = "kubectl run n --image=busybox -- sleep 10"
    (container,) = parse_kubectl_line(line).containers
    assert container.command is None
    assert container.args == (
        arg("sleep", "kubectl.args", at(line, "sleep"), "spec.containers[0].args[0]"),
        arg("10", "kubectl.args", at(line, "10"), "spec.containers[0].args[1]"),
    )


def test_run_command_flag_moves_words_to_command() -> None:
    """docs/semantics.md §7.11: with ``--command`` the words are the container's command."""
    line = "kubectl run n --image=busybox --command -- sleep 10"
    (container,) = parse_kubectl_line(line).containers
    assert container.args is None
    assert container.command == (
        arg("sleep", "kubectl.command", at(line, "sleep"), "spec.containers[0].command[0]"),
        arg("10", "kubectl.command", at(line, "10"), "spec.containers[0].command[1]"),
    )


def test_run_webapp_green_color_args() -> None:
    pod = parse_kubectl_line(
        "kubectl run webapp-green --image=kodekloud/webapp-color -- --color green"
    )
    assert container_argv(pod) == (None, ["--color", "green"])


def test_run_without_extra_args_sets_neither_field() -> None:
    assert container_argv(parse_kubectl_line("kubectl run nginx --image=nginx")) == (None, None)


def test_run_command_without_extra_args_sets_neither_field() -> None:
    assert container_argv(parse_kubectl_line("kubectl run n --image=i --command")) == (None, None)


def test_run_dash_with_nothing_after_sets_neither_field() -> None:
    assert container_argv(parse_kubectl_line("kubectl run n --image=i --")) == (None, None)


def test_run_command_false_keeps_args() -> None:
    pod = parse_kubectl_line("kubectl run n --image=i --command=false -- sleep 1")
    assert container_argv(pod) == (None, ["sleep", "1"])


@pytest.mark.parametrize(
    ("line", "args"),
    [
        # TestRunArgsFollowDashRules: [foo] with no dash
        ("kubectl run foo --image=i", None),
        # [foo, sleep] with no dash
        ("kubectl run foo --image=i sleep", ["sleep"]),
        # [foo, sleep] with ArgsLenAtDash=1
        ("kubectl run foo --image=i -- sleep", ["sleep"]),
    ],
)
def test_run_dash_rules_accepted(line: str, args: list[str] | None) -> None:
    assert container_argv(parse_kubectl_line(line)) == (None, args)


def test_run_flags_are_interspersed_among_args() -> None:
    pod = parse_kubectl_line("kubectl run x sleep --image=busybox 10 --env=A=1")
    assert container_argv(pod) == (None, ["sleep", "10"])
    assert pod.containers[0].image == "busybox"


def test_run_words_after_dash_are_never_flags() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i -- sleep -x --command --image=j")
    assert container_argv(pod) == (None, ["sleep", "-x", "--command", "--image=j"])
    assert pod.containers[0].image == "i"


def test_run_bare_dry_run_does_not_take_the_next_word() -> None:
    """``--dry-run`` has a NoOptDefVal, so ``sleep`` stays a word of the line."""
    pod = parse_kubectl_line("kubectl run x --image=i --dry-run sleep")
    assert container_argv(pod) == (None, ["sleep"])


def test_run_value_flag_takes_the_next_word() -> None:
    pod = parse_kubectl_line("kubectl run x --image i --port 8080 -l app=web sleep")
    assert container_argv(pod) == (None, ["sleep"])


def test_run_global_verbosity_shorthand_takes_a_value() -> None:
    assert container_argv(parse_kubectl_line("kubectl run x -v 5 --image=i")) == (None, None)


def test_run_pod_fields() -> None:
    line = "kubectl run web --image=nginx:1.27"
    pod = parse_kubectl_line(line)
    assert pod.workload == "Pod/web"
    assert pod.pod_name == "web"
    assert pod.namespace is None
    assert pod.labels == (("run", "web"),)
    assert pod.annotations == ()
    assert pod.node_name is None
    assert pod.service_account_name is None
    assert pod.span == Span(RUN, None, 1)
    assert pod.path == "spec"
    (container,) = pod.containers
    assert container.name == "web"
    assert container.image == "nginx:1.27"
    assert container.env == ()
    assert container.env_from == ()
    assert container.working_dir is None
    assert container.container_type == "container"
    assert container.restart_policy is None
    assert container.span == Span(RUN, None, at(line, "web"))
    assert container.path == "spec.containers[0]"


@pytest.mark.parametrize(
    "line",
    [
        "kubectl run x --image=i -n prod",
        "kubectl run x --image=i --namespace prod",
        "kubectl run x --image=i --namespace=prod",
        "kubectl run x --image=i -nprod",
        "kubectl -n prod run x --image=i",
        "kubectl --namespace=other run x --image=i -n prod",
    ],
)
def test_run_namespace(line: str) -> None:
    assert parse_kubectl_line(line).namespace == "prod"


def test_run_empty_namespace_is_the_kubeconfig_default() -> None:
    assert parse_kubectl_line("kubectl run x --image=i --namespace=").namespace is None


def test_run_global_options_before_run() -> None:
    pod = parse_kubectl_line("kubectl --context prod --kubeconfig /k run x --image=i -- a b")
    assert container_argv(pod) == (None, ["a", "b"])


def test_run_labels_replace_the_default_run_label() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i --labels=app=web,tier=front")
    assert pod.labels == (("app", "web"), ("tier", "front"))


def test_run_last_labels_flag_wins() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i -l a=1 -l b=2")
    assert pod.labels == (("b", "2"),)


def test_run_empty_labels_keep_the_default() -> None:
    assert parse_kubectl_line("kubectl run x --image=i --labels=").labels == (("run", "x"),)


def test_run_annotations() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i --annotations=a=1 --annotations b=x=y")
    assert pod.annotations == (("a", "1"), ("b", "x=y"))


def test_run_env() -> None:
    line = "kubectl run x --image=i --env=A=1 --env B=x=y --env=C="
    (container,) = parse_kubectl_line(line).containers
    assert container.env == (
        EnvVar("A", "1", None, Span(RUN, None, at(line, "A=1")), "spec.containers[0].env[0]"),
        EnvVar("B", "x=y", None, Span(RUN, None, at(line, "B=")), "spec.containers[0].env[1]"),
        EnvVar("C", "", None, Span(RUN, None, at(line, "C=")), "spec.containers[0].env[2]"),
    )


@pytest.mark.parametrize("name", ["my.env-name", "MY_ENV.NAME", "MyEnvName1", "_x", "-x", ".x"])
def test_run_env_names_kubectl_accepts(name: str) -> None:
    (container,) = parse_kubectl_line(f"kubectl run x --image=i --env={name}=v").containers
    assert [(e.name, e.value) for e in container.env] == [(name, "v")]


def test_run_flag_names_with_underscores() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i --image_pull_policy=Never --dry_run=client")
    assert container_argv(pod) == (None, None)


def test_run_quoted_words_keep_their_text() -> None:
    line = "kubectl run x --image=i -- sh -c 'echo hello world'"
    (container,) = parse_kubectl_line(line).containers
    assert container.args is not None
    assert container.args[2] == arg(
        "echo hello world", "kubectl.args", at(line, "'echo"), "spec.containers[0].args[2]"
    )


def test_run_interactive_rm_is_accepted() -> None:
    pod = parse_kubectl_line("kubectl run -it --rm tmp --image=busybox --restart=Never -- sh")
    assert container_argv(pod) == (None, ["sh"])


def test_run_attach_false_with_stdin_allows_dry_run() -> None:
    pod = parse_kubectl_line("kubectl run x --image=i -i --attach=false --dry-run=client")
    assert pod.pod_name == "x"


def test_run_empty_overrides_are_no_override() -> None:
    assert parse_kubectl_line("kubectl run x --image=i --overrides=").pod_name == "x"


def test_run_after_sudo_and_a_path() -> None:
    pod = parse_kubectl_line("KUBECONFIG=/k sudo -E /usr/local/bin/kubectl run x --image=i -- a")
    assert container_argv(pod) == (None, ["a"])
    assert pod.span == Span(RUN, None, at("KUBECONFIG=/k sudo -E /usr/local/bin/kubectl", "/usr"))


@pytest.mark.parametrize(
    "image",
    [
        "nginx",
        "library/nginx:1.27-alpine",
        "registry.example.com:5000/team/app:v1.2",
        "localhost/app",
        "[::1]:5000/app",
        "app@sha256:" + "a" * 64,
        "a__b/c-d.e",
    ],
)
def test_run_image_references_kubectl_accepts(image: str) -> None:
    assert parse_kubectl_line(f"kubectl run x --image={image}").containers[0].image == image


# ------------------------------------------------------------- kubectl create


def test_create_deployment_sets_command() -> None:
    """docs/semantics.md §4 rule 4: words after ``--`` are the container's command."""
    line = "kubectl create deployment my-dep --image=busybox -- date"
    pod = parse_kubectl_line(line)
    assert pod.workload == "Deployment/my-dep"
    assert pod.pod_name is None
    assert pod.namespace is None
    assert pod.labels == (("app", "my-dep"),)
    assert pod.path == "spec.template.spec"
    (container,) = pod.containers
    assert container.name == "busybox"
    assert container.image == "busybox"
    assert container.args is None
    assert container.command == (
        arg(
            "date",
            "kubectl.command",
            at(line, "date"),
            "spec.template.spec.containers[0].command[0]",
        ),
    )
    assert container.path == "spec.template.spec.containers[0]"


def test_create_deployment_without_command() -> None:
    pod = parse_kubectl_line("kubectl create deploy web --image=nginx")
    assert container_argv(pod) == (None, None)
    assert pod.workload == "Deployment/web"


@pytest.mark.parametrize(
    ("image", "name"),
    [
        ("nginx", "nginx"),
        ("nginx:1.27", "nginx"),
        ("registry.example.com:5000/team/web-app:1.2", "web-app"),
        ("nginx@sha256:" + "a" * 64, "nginx"),
        # sanitizeAndUniquify: `_`/`.` become `-` plus a random 5-character suffix
        ("team/my_app:1", "my-app-?????"),
        ("k8s.gcr.io/pause.v2", "pause-v2-?????"),
    ],
)
def test_create_deployment_names_the_container_after_the_image(image: str, name: str) -> None:
    (container,) = parse_kubectl_line(f"kubectl create deployment d --image={image}").containers
    assert (container.name, container.image) == (name, image)


def test_create_deployment_with_several_images() -> None:
    line = "kubectl create deployment d --image=busybox:latest,ubuntu --image=nginx -n web"
    pod = parse_kubectl_line(line)
    assert [(c.name, c.image, c.path) for c in pod.containers] == [
        ("busybox", "busybox:latest", "spec.template.spec.containers[0]"),
        ("ubuntu", "ubuntu", "spec.template.spec.containers[1]"),
        ("nginx", "nginx", "spec.template.spec.containers[2]"),
    ]
    assert pod.namespace == "web"


def test_create_job_sets_command() -> None:
    """docs/semantics.md §7.15 item 15: ``create job`` gives ``command``, ``run`` gives ``args``."""
    line = "kubectl create job j --image=img -- date"
    job = parse_kubectl_line(line)
    assert job.workload == "Job/j"
    assert job.labels == ()
    assert job.path == "spec.template.spec"
    (container,) = job.containers
    assert (container.name, container.image, container.args) == ("j", "img", None)
    assert container.command == (
        arg(
            "date",
            "kubectl.command",
            at(line, "date"),
            "spec.template.spec.containers[0].command[0]",
        ),
    )
    assert container_argv(parse_kubectl_line("kubectl run j --image=img -- date")) == (
        None,
        ["date"],
    )


def test_create_job_without_command() -> None:
    assert container_argv(parse_kubectl_line("kubectl create job j --image=img")) == (None, None)


def test_create_cronjob_sets_command() -> None:
    line = "kubectl create cronjob c --image=busybox --schedule='*/1 * * * *' -- date -u"
    pod = parse_kubectl_line(line)
    assert pod.workload == "CronJob/c"
    assert pod.path == "spec.jobTemplate.spec.template.spec"
    (container,) = pod.containers
    assert container.name == "c"
    assert container.path == "spec.jobTemplate.spec.template.spec.containers[0]"
    assert container.command == (
        arg("date", "kubectl.command", at(line, "date"),
            "spec.jobTemplate.spec.template.spec.containers[0].command[0]"),
        arg("-u", "kubectl.command", at(line, "-u"),
            "spec.jobTemplate.spec.template.spec.containers[0].command[1]"),
    )  # fmt: skip


def test_create_cronjob_alias_and_namespace() -> None:
    pod = parse_kubectl_line("kubectl -n batch create cj c --image=i --schedule @daily -- run")
    assert (pod.workload, pod.namespace) == ("CronJob/c", "batch")
    assert container_argv(pod) == (["run"], None)


@pytest.mark.parametrize(
    "line",
    [
        "kubectl create --dry-run=client deployment d --image=i",
        "kubectl create --save-config deployment d --image=i",
        "kubectl create deployment --image=i d",
        "kubectl create deployment d --image=i --dry-run -o yaml",
        "kubectl create deployment d --image=i --validate=false",
    ],
)
def test_create_options_anywhere(line: str) -> None:
    assert parse_kubectl_line(line).workload == "Deployment/d"


# ------------------------------------------------------------- errors: the line


def test_error_empty_line() -> None:
    assert error_of("  # nothing\n") == ("--run: the command line is empty", Span(RUN))


def test_error_no_program() -> None:
    assert error_of("sudo -E") == (
        "--run: the command line names no program: give `kubectl run`, "
        "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 1),
    )


def test_error_not_kubectl() -> None:
    assert error_of("docker run nginx") == (
        "--run: `docker` is not kubectl: give `kubectl run`, `kubectl create deployment`, "
        "`kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 1),
    )


def test_error_no_subcommand() -> None:
    assert error_of("kubectl -n prod") == (
        "--run: `kubectl` has no subcommand: give `kubectl run`, `kubectl create deployment`, "
        "`kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 1),
    )


def test_error_unsupported_subcommand() -> None:
    assert error_of("kubectl get pods") == (
        "--run: `kubectl get` is not supported: give `kubectl run`, "
        "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 9),
    )


def test_error_create_without_kind() -> None:
    assert error_of("kubectl create -f pod.yaml") == (
        "--run: `kubectl create` names no kind: give `kubectl run`, "
        "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 9),
    )


def test_error_create_unsupported_kind() -> None:
    assert error_of("kubectl create secret generic s") == (
        "--run: `kubectl create secret` is not supported: give `kubectl run`, "
        "`kubectl create deployment`, `kubectl create job` or `kubectl create cronjob`",
        Span(RUN, None, 16),
    )


def test_error_shell_operator() -> None:
    assert error_of("kubectl run x --image=i | tee log") == (
        "--run: `|` at column 25 is a shell operator: give one command, "
        "without pipes, lists or redirections",
        Span(RUN, None, 25),
    )


# ------------------------------------------------------------- errors: flags


def test_error_flag_after_args_is_a_kubectl_flag() -> None:
    """docs/semantics.md §4 rule 2: without ``--``, ``-x`` after the command is kubectl's."""
    line = "kubectl run x --image=i sleep -x"
    assert error_of(line) == (
        refused("kubectl run", "unknown shorthand flag: 'x' in -x"),
        Span(RUN, None, at(line, "-x")),
    )


def test_error_removed_serviceaccount_flag() -> None:
    line = "kubectl run x --image=i --serviceaccount=sa"
    assert error_of(line) == (
        refused("kubectl run", "unknown flag: --serviceaccount"),
        Span(RUN, None, at(line, "--service")),
    )


def test_error_run_flag_on_create() -> None:
    line = "kubectl create deployment d --image=i --env=A=1"
    assert error_of(line) == (
        refused("kubectl create deployment", "unknown flag: --env"),
        Span(RUN, None, at(line, "--env")),
    )


def test_error_flag_needs_an_argument() -> None:
    line = "kubectl run x --image"
    assert error_of(line) == (
        refused("kubectl run", "flag needs an argument: --image"),
        Span(RUN, None, at(line, "--image")),
    )


def test_error_bad_boolean() -> None:
    line = "kubectl run x --image=i --command=yes"
    assert error_of(line) == (
        refused(
            "kubectl run",
            'invalid argument "yes" for "--command" flag: '
            'strconv.ParseBool: parsing "yes": invalid syntax',
        ),
        Span(RUN, None, at(line, "yes")),
    )


def test_error_help() -> None:
    assert error_of("kubectl run x --image=i -h") == (
        "--run: `kubectl run --help` prints usage and runs no container",
        Span(RUN, None, 25),
    )


# ------------------------------------------------------------- errors: kubectl run


def test_error_run_missing_image() -> None:
    assert error_of("kubectl run x -- sleep 1") == (
        refused("kubectl run", 'required flag(s) "image" not set'),
        Span(RUN, None, 9),
    )


def test_error_run_name_after_dash() -> None:
    """TestRunArgsFollowDashRules: [foo, sleep] with ArgsLenAtDash=0."""
    line = "kubectl run --image=i -- foo sleep"
    assert error_of(line) == (
        refused("kubectl run", "NAME is required for run"),
        Span(RUN, None, at(line, "-- ")),
    )


def test_error_run_no_name() -> None:
    """TestRunArgsFollowDashRules: args [] is an error."""
    assert error_of("kubectl run --image=i") == (
        refused("kubectl run", "NAME is required for run"),
        Span(RUN, None, 9),
    )


def test_error_run_empty_image() -> None:
    line = "kubectl run x --image= -- a"
    assert error_of(line) == (
        refused("kubectl run", "--image is required"),
        Span(RUN, None, at(line, "--image=")),  # an empty value points at its option
    )


def test_error_run_invalid_image_name() -> None:
    line = "kubectl run x --image=Nginx:latest"
    assert error_of(line) == (
        refused("kubectl run", 'invalid image name "Nginx:latest": invalid reference format'),
        Span(RUN, None, at(line, "Nginx")),
    )


@pytest.mark.parametrize("env", ["NOVALUE", "=v", "1A=v", "A B=v", "..A=v", ".=v"])
def test_error_run_invalid_env(env: str) -> None:
    line = f"kubectl run x --image=i '--env={env}'"
    assert error_of(line) == (
        refused("kubectl run", f"invalid env: {env}"),
        Span(RUN, None, at(line, "--env") + 6),
    )


def test_error_run_invalid_annotations() -> None:
    line = "kubectl run x --image=i --annotations=ok=1 --annotations=bad --annotations==v"
    assert error_of(line) == (
        refused("kubectl run", "invalid annotations format: bad, =v"),
        Span(RUN, None, at(line, "bad")),
    )


def test_error_run_label_spec() -> None:
    line = "kubectl run x --image=i --labels=app=web,tier"
    assert error_of(line) == (
        refused("kubectl run", "unexpected label spec: tier"),
        Span(RUN, None, at(line, "app=")),
    )


def test_error_run_empty_label_key() -> None:
    line = "kubectl run x --image=i -l =web"
    assert error_of(line) == (
        refused("kubectl run", "unexpected empty label key"),
        Span(RUN, None, at(line, "=web")),
    )


def test_error_run_restart_policy() -> None:
    line = "kubectl run x --image=i --restart=always"
    assert error_of(line) == (
        refused(
            "kubectl run",
            "invalid restart policy: always, valid values are: Always, OnFailure, Never",
        ),
        Span(RUN, None, at(line, "always")),
    )


def test_error_run_image_pull_policy() -> None:
    line = "kubectl run x --image=i --image-pull-policy=IfMissing"
    assert error_of(line) == (
        refused(
            "kubectl run",
            "invalid image pull policy: IfMissing, valid values are: Always, IfNotPresent, Never",
        ),
        Span(RUN, None, at(line, "IfMissing")),
    )


def test_error_run_dry_run_value() -> None:
    line = "kubectl run x --image=i --dry-run=local"
    assert error_of(line) == (
        refused(
            "kubectl run", 'Invalid dry-run value (local). Must be "none", "server", or "client".'
        ),
        Span(RUN, None, at(line, "local")),
    )


def test_error_run_tty_without_stdin() -> None:
    assert error_of("kubectl run x --image=i -t -- sh") == (
        refused("kubectl run", "-i/--stdin is required for containers with -t/--tty=true"),
        Span(RUN, None, 9),
    )


def test_error_run_expose_without_port() -> None:
    assert error_of("kubectl run x --image=i --expose") == (
        refused("kubectl run", "--port must be set when exposing a service"),
        Span(RUN, None, 9),
    )


def test_error_run_port_not_a_number() -> None:
    line = "kubectl run x --image=i --port=http"
    assert error_of(line) == (
        refused("kubectl run", "--port must be a number"),
        Span(RUN, None, at(line, "http")),
    )


def test_error_run_rm_without_attach() -> None:
    assert error_of("kubectl run x --image=i --rm -- sh") == (
        refused("kubectl run", "--rm should only be used for attached containers"),
        Span(RUN, None, 9),
    )


def test_error_run_attach_with_dry_run() -> None:
    assert error_of("kubectl run x --image=i -i --dry-run=client") == (
        refused(
            "kubectl run",
            "--dry-run=[server|client] can't be used with attached containers options "
            "(--attach, --stdin, or --tty)",
        ),
        Span(RUN, None, 9),
    )


def test_error_run_overrides() -> None:
    line = """kubectl run x --image=i --overrides='{"spec":{}}' -- a"""
    assert error_of(line) == (
        "--run: --overrides is not supported yet: kubectl patches its JSON over the generated "
        "Pod, which can replace any field; give the Pod as a manifest instead",
        Span(RUN, None, at(line, "{")),
    )


def test_error_run_empty_name() -> None:
    assert error_of("kubectl run '' --image=i") == (
        "--run: the NAME at column 13 is empty",
        Span(RUN, None, 13),
    )


# ------------------------------------------------------------- errors: kubectl create


def test_error_create_deployment_missing_image() -> None:
    assert error_of("kubectl create deployment d -- date") == (
        refused("kubectl create deployment", 'required flag(s) "image" not set'),
        Span(RUN, None, 16),
    )


def test_error_create_cronjob_missing_flags() -> None:
    assert error_of("kubectl create cronjob c -- date") == (
        refused("kubectl create cronjob", 'required flag(s) "image", "schedule" not set'),
        Span(RUN, None, 16),
    )


def test_error_create_command_without_dash() -> None:
    line = "kubectl create deployment d --image=busybox sleep 10"
    assert error_of(line) == (
        refused("kubectl create deployment", "exactly one NAME is required, got 3"),
        Span(RUN, None, at(line, "sleep")),
    )


def test_error_create_name_after_dash() -> None:
    line = "kubectl create job --image=i -- j date"
    assert error_of(line) == (
        refused("kubectl create job", "exactly one NAME is required, got 0"),
        Span(RUN, None, at(line, "-- ")),
    )


def test_error_create_empty_name() -> None:
    assert error_of("kubectl create job '' --image=i") == (
        "--run: the NAME at column 20 is empty",
        Span(RUN, None, 20),
    )


def test_error_create_deployment_images_and_command() -> None:
    line = "kubectl create deployment d --image=a,b -- date"
    assert error_of(line) == (
        refused("kubectl create deployment", "cannot specify multiple --image options and command"),
        Span(RUN, None, at(line, "date")),
    )


def test_error_create_deployment_empty_image() -> None:
    line = "kubectl create deployment d --image="
    assert error_of(line) == (
        "--run: the Deployment would have no container: --image is empty",
        Span(RUN, None, at(line, "--image=")),
    )


def test_error_create_deployment_quoted_csv() -> None:
    line = """kubectl create deployment d '--image="a,b"'"""
    assert error_of(line) == (
        "--run: quoted CSV in a --image value is not supported: give one image per --image",
        Span(RUN, None, at(line, '"a')),
    )


def test_error_create_validate_option() -> None:
    line = "kubectl create deployment d --image=i --validate=maybe"
    assert error_of(line) == (
        refused(
            "kubectl create deployment",
            'invalid - validate option "maybe"; must be one of: '
            "strict (or true), warn, ignore (or false)",
        ),
        Span(RUN, None, at(line, "maybe")),
    )


@pytest.mark.parametrize(
    "line", ["kubectl create job j", "kubectl create job j --image=i --from=cronjob/c"]
)
def test_error_create_job_image_or_from(line: str) -> None:
    assert error_of(line) == (
        refused("kubectl create job", "either --image or --from must be specified"),
        Span(RUN, None, 16),
    )


def test_error_create_job_from_and_command() -> None:
    line = "kubectl create job j --from=cronjob/c -- date"
    assert error_of(line) == (
        refused("kubectl create job", "cannot specify --from and command"),
        Span(RUN, None, at(line, "date")),
    )


def test_error_create_job_from_cronjob() -> None:
    line = "kubectl create job j --from=cronjob/c"
    assert error_of(line) == (
        "--run: `kubectl create job --from` is not supported: the Job copies the template of "
        "a CronJob in the cluster; give the Job as a manifest instead",
        Span(RUN, None, at(line, "cronjob/")),
    )
