"""The ``cmdresolve`` command: argument parsing, I/O, and the exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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


def exit_status(results: list[Resolution]) -> int:
    """0 when every container starts; 1 when one cannot (DESIGN.md exit status)."""
    return EXIT_CANNOT_START if any(r.error is not None for r in results) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        from cmdresolve.api import resolve_with_notes

        if not args.files and not args.run:
            raise InputError("nothing to resolve: give a Dockerfile, a manifest, --run, or both")
        results, notes = resolve_with_notes(
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
    _print(results, args.output)
    return exit_status(results)


def _print(results: list[Resolution], output: str) -> None:
    if output == "json":
        import json

        from cmdresolve.render.json import render_json

        print(json.dumps(render_json(results), indent=2, ensure_ascii=False))
        return
    if output == "argv":
        from cmdresolve.render.argv import render_argv

        text = render_argv(results)
        if text:
            print(text)
        for r in results:
            if r.error is not None:
                print(f"cmdresolve: {r.image or ''}: {r.error}", file=sys.stderr)
        return
    from rich.console import Console

    from cmdresolve.render.text import render_text

    Console().print(render_text(results))


def run() -> None:
    sys.exit(main())
