"""The ``cmdresolve`` command: argument parsing, I/O, and the exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence

from cmdresolve import __version__
from cmdresolve.model import InputError, Resolution

EXIT_OK, EXIT_CANNOT_START, EXIT_INPUT = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cmdresolve",
        # A fixed width: argparse would otherwise import shutil to ask the terminal.
        formatter_class=lambda prog: argparse.HelpFormatter(prog, width=100),
        description="Show the exact process a container runs: argv, env, working "
        "directory and user, with where each part came from.",
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
    parser.add_argument("-o", "--output", choices=("text", "json", "argv"), default="text")
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

    def __init__(self) -> None:
        self.cannot_start = False

    def watch(self, results: Iterable[Resolution]) -> Iterator[Resolution]:
        for result in results:
            self.cannot_start = self.cannot_start or result.error is not None
            yield result

    def exit_status(self) -> int:
        """0 when every container starts; 1 when one cannot (DESIGN.md exit status)."""
        return EXIT_CANNOT_START if self.cannot_start else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        from cmdresolve.api import iter_resolutions

        if not args.files and not args.run:
            raise InputError("nothing to resolve: give a Dockerfile, a manifest, --run, or both")
        results, notes = iter_resolutions(
            args.files,
            run=args.run,
            images=_pairs(args.image, "--image", "REF=PATH"),
            target=args.target,
            build_args=_pairs(args.build_arg, "--build-arg", "KEY=VALUE"),
            container=args.container,
        )
    except InputError as exc:
        print(f"cmdresolve: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for message, span in notes:
        print(
            f"cmdresolve: note: {span}: {message}" if span else f"cmdresolve: note: {message}",
            file=sys.stderr,
        )
    outcome = Outcome()
    _print(outcome.watch(results), args.output)
    return outcome.exit_status()


def _print(results: Iterator[Resolution], output: str) -> None:
    if output == "json":
        from cmdresolve.render.json import render_json_text

        # Written result by result: a 10,000-Deployment file never sits in memory twice.
        for piece in render_json_text(results):
            sys.stdout.write(piece)
        return
    listed = list(results)
    if output == "argv":
        from cmdresolve.render.argv import render_argv

        text = render_argv(listed)
        if text:
            print(text)
        for r in listed:
            if r.error is not None:
                print(f"cmdresolve: {r.image or ''}: {r.error}", file=sys.stderr)
        return
    from rich.console import Console

    from cmdresolve.render.text import render_text

    Console().print(render_text(listed))


def run() -> None:
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left early (`| head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_CANNOT_START
    sys.exit(status)
