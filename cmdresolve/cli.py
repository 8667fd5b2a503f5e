"""The ``cmdresolve`` command: argument parsing, I/O, and the exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence

from cmdresolve import __version__
from cmdresolve.model import InputError, Resolution

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.checks.rule import Rule

EXIT_OK, EXIT_CANNOT_START, EXIT_INPUT = 0, 1, 2
EXIT_DISAGREE = 4  # --verify: the engine disagrees (3: the engine could not be asked)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cmdresolve",
        # A fixed width: argparse would otherwise import shutil to ask the terminal.
        formatter_class=lambda prog: argparse.HelpFormatter(prog, width=100),
        description="Show the exact process a container runs: argv, env, working "
        "directory and user, with where each part came from.",
        epilog="Checks: `cmdresolve rules` lists them, `cmdresolve rule CODE` explains one.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="Dockerfile(s) and Kubernetes manifests (YAML or JSON); '-' reads stdin",
    )
    parser.add_argument(
        "--run",
        metavar="CMDLINE",
        help="a `docker run …`, `docker create …`, `podman run …`, `kubectl run …` or "
        "`kubectl create deployment|job|cronjob …` line",
    )
    parser.add_argument(
        "--image",
        action="append",
        default=[],
        metavar="REF=PATH",
        help="bind an image reference to a Dockerfile or image-config JSON (repeatable)",
    )
    parser.add_argument("--target", metavar="STAGE", help="build target stage")
    parser.add_argument(
        "--build-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="build argument (repeatable)",
    )
    parser.add_argument("--container", metavar="NAME", help="only the containers named NAME")
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="only these checks: codes or prefixes, comma-separated (CR1,CR205)",
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="CODES", help="skip these checks"
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="build and create (never start) each container on the Docker engine the docker "
        "CLI reaches, and compare its argv, env, working dir and user with the prediction",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        help="exit 1 when a finding of this severity or above exists (default: error)",
    )
    parser.add_argument(
        "-o",
        "--output",
        choices=("text", "json", "argv", "sarif", "github"),
        default="text",
        help="text (default), json, argv (one shell line), sarif (SARIF 2.1.0), github "
        "(workflow-command annotations of the findings)",
    )
    parser.add_argument("--version", action="version", version=f"cmdresolve {__version__}")
    return parser.parse_args(argv)


def _pairs(values: list[str], option: str, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or (option == "--image" and not rest):
            raise InputError(f"{option}: expected {what}, got {value!r}")
        out[key] = rest
    return out


class Outcome:
    """Watches results on their way to the output; the exit status is decided from it."""

    def __init__(self, fail_on: str = "error") -> None:
        self.fail_on = fail_on
        self.failed = False
        self.disagreed = False

    def watch(self, results: Iterable[Resolution]) -> Iterator[Resolution]:
        for result in results:
            self.failed = self.failed or result.error is not None or self._fails(result)
            verdict = result.verification
            if verdict is not None and verdict.status == "disagree":
                self.disagreed = True
            yield result

    def _fails(self, result: Resolution) -> bool:
        if self.fail_on == "never" or not result.findings:
            return False
        from cmdresolve.checks import at_least

        return any(at_least(f.severity, self.fail_on) for f in result.findings)

    def exit_status(self) -> int:
        """4 when ``--verify``'s engine disagrees with a prediction; else 0 when every
        container starts and no finding reaches ``--fail-on``; else 1 (DESIGN.md)."""
        if self.disagreed:
            return EXIT_DISAGREE
        return EXIT_CANNOT_START if self.failed else EXIT_OK


def _apply_config(args: argparse.Namespace) -> None:
    """Fill the check options the command line left out from the nearest config file."""
    import os

    from cmdresolve.config import find_config

    found = find_config(os.getcwd())
    settings = found[1] if found else {}
    for key in ("select", "ignore"):
        if not getattr(args, key):
            setattr(args, key, list(settings.get(key, [])))  # type: ignore[call-overload]
    if args.fail_on is None:
        args.fail_on = settings.get("fail-on", "error")


def _codes(values: list[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] in (["rules"], ["rule"]):
        return rules_command(argv)
    args = parse_args(argv)
    try:
        from cmdresolve.api import iter_resolutions
        from cmdresolve.checks import select

        _apply_config(args)
        if not args.files and not args.run:
            raise InputError("nothing to resolve: give a Dockerfile, a manifest, --run, or both")
        results, notes = iter_resolutions(
            args.files,
            run=args.run,
            images=_pairs(args.image, "--image", "REF=PATH"),
            target=args.target,
            build_args=_pairs(args.build_arg, "--build-arg", "KEY=VALUE"),
            container=args.container,
            rules=(rules := select(_codes(args.select), _codes(args.ignore))),
        )
    except InputError as exc:
        print(f"cmdresolve: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for message, span in notes:
        print(
            f"cmdresolve: note: {span}: {message}" if span else f"cmdresolve: note: {message}",
            file=sys.stderr,
        )
    outcome = Outcome(args.fail_on)
    if args.verify:
        from cmdresolve.verify import verify_and_show

        stopped = verify_and_show(results, lambda rs: _print(outcome.watch(rs), args.output, rules))
        return outcome.exit_status() if stopped is None else stopped
    _print(outcome.watch(results), args.output, rules)
    return outcome.exit_status()


def _print(results: Iterator[Resolution], output: str, rules: Sequence[Rule]) -> None:
    if output == "json":
        from cmdresolve.render.json import render_json_text

        # Written result by result: a 10,000-Deployment file never sits in memory twice.
        for piece in render_json_text(results):
            sys.stdout.write(piece)
        return
    listed = list(results)
    if output == "sarif":
        import json

        from cmdresolve.render.sarif import render_sarif

        print(json.dumps(render_sarif(listed, rules), indent=2, ensure_ascii=False))
        return
    if output == "github":
        from cmdresolve.render.github import render_github

        text = render_github(listed)
        if text:
            print(text)
        return
    if output == "argv":
        from cmdresolve.render.argv import render_argv
        from cmdresolve.render.phrases import failure_text

        text = render_argv(listed)
        if text:
            print(text)
        for r in listed:
            if r.error is not None:
                print(f"cmdresolve: {r.image or ''}: {failure_text(r.error)}", file=sys.stderr)
        return
    from rich.console import Console

    from cmdresolve.render.text import render_text

    Console().print(render_text(listed))


def rules_command(argv: list[str]) -> int:
    """``cmdresolve rules``: every rule with its severity; ``cmdresolve rule CODE``: its doc."""
    from cmdresolve.checks import RULES, rule

    if argv[0] == "rules":
        if len(argv) > 1:
            print("cmdresolve: rules takes no arguments", file=sys.stderr)
            return EXIT_INPUT
        width = max(len(r.name) for r in RULES)
        for r in RULES:
            print(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")
        return EXIT_OK
    found = rule(argv[1]) if len(argv) == 2 else None
    if found is None:
        wanted = "a rule code" if len(argv) != 2 else f"a known rule code, got {argv[1]!r}"
        print(f"cmdresolve: rule: expected {wanted} (see `cmdresolve rules`)", file=sys.stderr)
        return EXIT_INPUT
    print(f"# {found.code} {found.name} ({found.severity})\n\n{found.doc}")
    return EXIT_OK


def run() -> None:
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left early (`| head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_CANNOT_START
    sys.exit(status)
