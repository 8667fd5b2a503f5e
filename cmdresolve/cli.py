"""The ``cmdresolve`` command: argument parsing, I/O, and the exit status."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from types import SimpleNamespace

from cmdresolve import __version__
from cmdresolve.model import InputError, Notice, Resolution, Span
from cmdresolve.model.facts import N_
from cmdresolve.model.outcome import ExitStatus

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import NoReturn

    from cmdresolve.checks.rule import Rule

OUTPUTS = ("text", "json", "argv", "sarif", "github", "markdown")
SEVERITY_CHOICES = ("error", "warning", "info", "never")


class Option:
    """One command-line option: its names, and how argparse (and the fast reader) take it.

    ``help`` is a catalog template, said in the chosen language when ``--help`` is built;
    ``group`` is the key of its heading in :data:`GROUPS`.
    """

    __slots__ = ("appends", "choices", "default", "flag", "group", "help", "metavar", "names")

    def __init__(
        self,
        *names: str,
        help: str,
        group: str,
        metavar: str | None = None,
        appends: bool = False,
        flag: bool = False,
        choices: tuple[str, ...] | None = None,
        default: str | None = None,
    ) -> None:
        self.names, self.help, self.metavar, self.group = names, help, metavar, group
        self.appends, self.flag, self.choices, self.default = appends, flag, choices, default

    @property
    def dest(self) -> str:
        """argparse's: the first long name, without its dashes, ``-`` as ``_``."""
        long = next(n for n in self.names if n.startswith("--"))
        return long[2:].replace("-", "_")

    def initial(self) -> object:
        return [] if self.appends else (False if self.flag else self.default)


# The headings of ``--help``, in order: each option names its own.
GROUPS = (
    ("inputs", N_("inputs")),
    ("images", N_("images")),
    ("selection", N_("selection")),
    ("output", N_("output")),
    ("verification", N_("verification")),
    ("other", N_("other")),
)

# The one definition of the options: argparse is built from it, and so is the fast reader.
OPTIONS = (
    Option(
        "--run",
        group="inputs",
        metavar="CMDLINE",
        help=N_(
            "a `docker run …`, `docker create …`, `podman run …`, `kubectl run …` or "
            "`kubectl create deployment|job|cronjob …` line"
        ),
    ),
    Option(
        "--target",
        group="inputs",
        metavar="STAGE",
        help=N_("the Dockerfile stage to build, as `docker build --target` takes it"),
    ),
    Option(
        "--build-arg",
        group="inputs",
        metavar="KEY=VALUE",
        appends=True,
        help=N_("a build argument, as `docker build --build-arg` takes it (repeatable)"),
    ),
    Option(
        "--profile",
        group="inputs",
        metavar="NAME",
        appends=True,
        help=N_("a compose profile to enable, as `docker compose --profile` takes it (repeatable)"),
    ),
    Option(
        "--env-file",
        group="inputs",
        metavar="PATH",
        appends=True,
        help=N_(
            "the compose project's env file, instead of its .env, as `docker compose "
            "--env-file` takes it (repeatable)"
        ),
    ),
    Option(
        "-n",
        "--namespace",
        group="inputs",
        metavar="NS",
        help=N_(
            "the namespace of objects without metadata.namespace, as `kubectl apply -n` gives "
            "it (default: default)"
        ),
    ),
    Option(
        "--image",
        group="images",
        metavar="REF=PATH",
        appends=True,
        help=N_(
            "bind an image reference to a Dockerfile or image-config JSON (`docker image "
            "inspect`), for the ENTRYPOINT and CMD it gives (repeatable)"
        ),
    ),
    Option(
        "--repository",
        group="images",
        flag=True,
        help=N_(
            "link the images of the named files as the repository they are in does (its "
            ".cmdresolve.toml [images], compose builds, skaffold artifacts), as a directory "
            "argument does: for a pre-commit hook, which gets only the staged files"
        ),
    ),
    Option(
        "--container",
        group="selection",
        metavar="NAME",
        help=N_("only the containers named NAME"),
    ),
    Option(
        "--select",
        group="selection",
        metavar="CODES",
        appends=True,
        help=N_("only these checks: codes or prefixes, comma-separated (CR1,CR205)"),
    ),
    Option(
        "--ignore",
        group="selection",
        metavar="CODES",
        appends=True,
        help=N_("skip these checks: codes or prefixes, comma-separated"),
    ),
    Option(
        "--fail-on",
        group="selection",
        metavar="SEVERITY",
        choices=SEVERITY_CHOICES,
        help=N_(
            "exit 1 when a finding of this severity or above exists: error (the default), "
            "warning, info, or never"
        ),
    ),
    Option(
        "--verify",
        group="verification",
        flag=True,
        help=N_(
            "build and create (never start) each container on the Docker engine the docker "
            "CLI reaches, and compare its argv, env, working dir and user with the prediction"
        ),
    ),
    Option(
        "-o",
        "--output",
        group="output",
        metavar="FORMAT",
        choices=OUTPUTS,
        default="text",
        help=N_(
            "text (the default), json, argv (a shell line per result), sarif (SARIF 2.1.0), github "
            "(workflow-command annotations of the findings), markdown (a table of every "
            "container's argv and the findings, for a CI job summary)"
        ),
    ),
    Option(
        "-v",
        "--verbose",
        group="output",
        flag=True,
        help=N_("also the steps, every env variable and info findings"),
    ),
    Option(
        "-q",
        "--quiet",
        group="output",
        flag=True,
        help=N_("only the findings and the summary line"),
    ),
    Option(
        "--color",
        group="output",
        metavar="WHEN",
        choices=("auto", "always", "never"),
        default="auto",
        help=N_("colour the text output: auto (a terminal without NO_COLOR), always, never"),
    ),
    Option(
        "--lang",
        group="output",
        metavar="LANG",
        help=N_("language of the messages: en, ko (default: the locale)"),
    ),
)


def parse_args(argv: Sequence[str]) -> SimpleNamespace:
    """The command line's options; argparse reads any line the fast reading declines."""
    fast = _read_plain(argv)
    if fast is not None:
        return fast
    _use_language_of(argv)  # --help and argparse's own errors speak it too
    return SimpleNamespace(**vars(parser().parse_args(argv)))


def _use_language_of(argv: Sequence[str]) -> None:
    """Set the language a line's ``--lang`` asks for (the last one, as argparse reads it)
    before argparse is built: its help and its errors are said as it is built and run."""
    asked = None
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--lang="):
            asked = word.removeprefix("--lang=")
        elif word == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
    if asked:
        from cmdresolve.render.catalog import set_language

        set_language(asked)


def _read_plain(argv: Sequence[str]) -> SimpleNamespace | None:
    """Exactly what argparse reads from a plain line (whole option names, each value
    not option-like, the files in one run), else None: importing and building argparse
    costs a short run a sixth of its time. ``--help``, ``--version``, abbreviations,
    ``--`` and every mistake go to argparse, which has the words for them.
    """
    named = {name: option for option in OPTIONS for name in option.names}
    values: dict[str, object] = {"files": []} | {o.dest: o.initial() for o in OPTIONS}
    runs_of_files, i, previous_was_file = 0, 0, False
    while i < len(argv):
        word = argv[i]
        if word == "-" or not word.startswith("-"):
            runs_of_files += not previous_was_file
            values["files"].append(word)  # type: ignore[attr-defined]
            previous_was_file = True
            i += 1
            continue
        name, equals, value = word.partition("=")
        option = named.get(name)
        if option is None or (equals and (option.flag or not name.startswith("--"))):
            return None
        if option.flag:
            value = True  # type: ignore[assignment]
        elif not equals:
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                return None
            value, i = argv[i + 1], i + 1
        if option.choices is not None and value not in option.choices:
            return None
        if option.appends:
            values[option.dest].append(value)  # type: ignore[attr-defined]
        else:
            values[option.dest] = value
        previous_was_file = False
        i += 1
    return SimpleNamespace(**values) if runs_of_files <= 1 else None


def parser() -> argparse.ArgumentParser:
    """argparse, built from :data:`OPTIONS` in the chosen language, laid out for the
    terminal's width up to 80 columns (built only for ``--help`` and mistakes)."""
    import argparse

    from cmdresolve.render import usage
    from cmdresolve.render.catalog import say

    usage.use_catalog()  # argparse's own words ("usage:", its errors) through the catalog

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """Three lines at most: the mistake, the short usage, where to read more
            (argparse's own usage of every option runs to six lines)."""
            complain(message)
            print(say(N_("usage: cmdresolve [PATH ...] [options]")), file=sys.stderr)
            print(say(N_("try 'cmdresolve --help'")), file=sys.stderr)
            sys.exit(ExitStatus.INPUT_ERROR)

    parser = Parser(
        prog="cmdresolve",
        usage=usage.usage(),
        formatter_class=usage.formatter(),
        description=say(
            N_(
                "Show the exact process a container runs: argv, env, working directory "
                "and user, with where each part came from."
            )
        ),
        epilog=usage.epilog(),
        add_help=False,
    )
    groups = {key: parser.add_argument_group(say(title)) for key, title in GROUPS}
    groups["inputs"].add_argument(
        "files",
        nargs="*",
        metavar="PATH",
        help=_help(
            N_(
                "a Dockerfile, a compose file or a Kubernetes manifest (YAML or JSON), told "
                "apart by its content, or a directory to walk (none: the current one); '-' "
                "reads standard input"
            )
        ),
    )
    for option in OPTIONS:
        group = groups[option.group]
        if option.flag:
            group.add_argument(*option.names, action="store_true", help=_help(option.help))
            continue
        group.add_argument(
            *option.names,
            action="append" if option.appends else "store",
            default=option.initial(),
            choices=option.choices,
            metavar=option.metavar,
            help=_help(option.help),
        )
    other = groups["other"]
    other.add_argument("-h", "--help", action="help", help=_help(usage.HELP))
    version = f"cmdresolve {__version__}"
    other.add_argument("--version", action="version", version=version, help=_help(usage.VERSION))
    return parser


def _help(template: str) -> str:
    """An option's help in the chosen language, as argparse takes it (``%`` doubled)."""
    from cmdresolve.render.catalog import say

    return say(template).replace("%", "%%")


def _pairs(values: list[str], option: str, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or (option == "--image" and not rest):
            raise InputError(
                N_("{option}: expected {what}, got {value!r}"),
                option=option,
                what=what,
                value=value,
            )
        out[key] = rest
    return out


class Outcome:
    """What happened in a run; :func:`exit_status` decides the exit status from it.

    ``results`` watches results on their way to the output; ``input_error`` is a usage
    or input error; ``stopped`` is why ``--verify`` stopped early (engine not reachable,
    interrupted); ``reader_left`` is standard output closed by its reader.
    """

    def __init__(self, fail_on: str = "error") -> None:
        self.fail_on = fail_on
        self.failed = False
        self.disagreed = False
        self.input_error = False
        self.stopped: ExitStatus | None = None
        self.reader_left = False

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


def exit_status(outcome: Outcome) -> ExitStatus:
    """The one place the exit status is decided (docs/design.md, "Exit status").

    An input error wins; then why ``--verify`` stopped (3, 130); then a disagreeing
    engine (4); then a container that cannot start or a finding at ``--fail-on`` (1).
    A reader that left early (``| head``) is treated like a failure to finish (1).
    """
    if outcome.input_error:
        return ExitStatus.INPUT_ERROR
    if outcome.stopped is not None:
        return outcome.stopped
    if outcome.disagreed:
        return ExitStatus.ENGINE_DISAGREES
    if outcome.failed or outcome.reader_left:
        return ExitStatus.CANNOT_START
    return ExitStatus.OK


def _apply_config(args: SimpleNamespace) -> dict[str, str]:
    """Fill the check options the command line left out from the nearest config file;
    the path of that file for each of ``select`` and ``ignore`` it filled."""
    import os

    from cmdresolve.config import find_config

    found = find_config(os.getcwd())
    settings = found[1] if found else {}
    filled: dict[str, str] = {}
    for key in ("select", "ignore"):
        if not getattr(args, key):
            setattr(args, key, list(settings.get(key, [])))  # type: ignore[call-overload]
            if found and getattr(args, key):
                filled[key] = found[0]
    if args.fail_on is None:
        args.fail_on = settings.get("fail-on", "error")
    from cmdresolve.config import image_shells

    args.shells = image_shells(settings)
    return filled


def _check_codes(args: SimpleNamespace, from_config: dict[str, str]) -> None:
    """A ``--select``/``--ignore`` code or prefix (or one from the config file) that
    picks no rule is a usage error, said before anything is read, as ruff does."""
    from cmdresolve.checks import RULES, unmatched

    for key in ("select", "ignore"):
        wrong = unmatched(_codes(getattr(args, key)))
        if not wrong:
            continue
        from cmdresolve.config import value_line
        from cmdresolve.suggest import nearest_rule

        code, path = wrong[0], from_config.get(key)
        span = None if path is None else Span(path, value_line(path, key, code))
        option = f"--{key}" if path is None else key
        suggestion = nearest_rule(code, RULES)
        template = (
            N_("{option} {written!r}: no rule has this code or prefix (see `cmdresolve rules`)")
            if suggestion is None
            else N_(
                "{option} {written!r}: no rule has this code or prefix; "
                "did you mean {suggestion!r}?"
            )
        )
        raise InputError(template, span, option=option, written=code, suggestion=suggestion or "")


def _codes(values: list[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _without_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang LANG`` (or ``--lang=LANG``) taken out of the line, and the other words."""
    lang, words, i = None, [], 0
    while i < len(argv):
        word = argv[i]
        if word == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if word.startswith("--lang="):
            lang = word.partition("=")[2]
        else:
            words.append(word)
        i += 1
    return lang, words


def main(argv: Sequence[str] | None = None, outcome: Outcome | None = None) -> int:
    outcome = Outcome() if outcome is None else outcome
    argv = sys.argv[1:] if argv is None else list(argv)
    lang, words = _without_lang(argv)
    if words[:1] in (["rules"], ["rule"]):  # `--lang ko rule CR101`, `rule CR101 --lang ko`
        if lang:
            from cmdresolve.render.catalog import set_language

            set_language(lang)
        outcome.input_error = not rules_command(words)
        return exit_status(outcome)
    args = parse_args(argv)
    if args.lang:
        from cmdresolve.render.catalog import set_language

        set_language(args.lang)
    try:
        from cmdresolve.api import Options, resolve
        from cmdresolve.checks import select

        _check_codes(args, _apply_config(args))
        outcome.fail_on = args.fail_on
        if not args.files and not args.run:  # no PATH: the current directory, walked
            args.files = ["."]
        rules = select(_codes(args.select), _codes(args.ignore))
        options = Options(
            run=args.run,
            images=_pairs(args.image, "--image", "REF=PATH"),
            target=args.target,
            build_args=_pairs(args.build_arg, "--build-arg", "KEY=VALUE"),
            container=args.container,
            rules=rules,
            profiles=tuple(args.profile),
            env_files=tuple(args.env_file),
            namespace=args.namespace,
            repository=args.repository,
            shells=getattr(args, "shells", None) or None,
        )
        answer = resolve(args.files, options)
    except InputError as exc:
        _say_input_error(exc)
        outcome.input_error = True
        return exit_status(outcome)
    args.scan = answer.scan
    _say_notes(answer.notes, args)
    said_notes = len(answer.notes)
    if answer.unmatched:  # --container or --image matches nothing: a usage error, no output
        for error in answer.unmatched:
            _say_input_error(error)
        outcome.input_error = True
        return exit_status(outcome)
    args.notes = answer.notes
    args.scan = answer.scan
    args.input_errors = answer.errors  # filled as the results are made (-o markdown lists them)
    if args.verify:
        from cmdresolve.verify import verify_and_show

        outcome.stopped = verify_and_show(
            answer.stream(), lambda rs: _print(outcome.watch(rs), args, rules)
        )
    else:
        _print(outcome.watch(answer.stream()), args, rules)
    _say_notes(answer.notes[said_notes:], args)  # the links made as results came
    said: set[str] = set()  # a file named twice (FILE and --image) fails once
    for error in answer.errors:  # the other inputs were resolved and printed above
        if str(error) not in said:
            said.add(str(error))
            _say_input_error(error)
    outcome.input_error = bool(answer.errors)
    if getattr(args, "view", None) is not None:  # the text view ends with its summary
        from cmdresolve.render.text import render_summary

        sys.stdout.writelines(render_summary(args.view, len(said), args.scan))
    return exit_status(outcome)


def _say_notes(notes: Sequence[Notice], args: SimpleNamespace) -> None:
    from cmdresolve.render.catalog import say
    from cmdresolve.render.phrases import notice_text

    walked = getattr(args, "scan", None) is not None
    for notice in notes:
        if (walked or _walk_note(notice)) and (args.output == "json" or not args.verbose):
            continue  # what a walk passed over: in JSON `notes`, on stderr with -v
        where = f"{notice.span}: " if notice.span else ""
        complain(say(N_("note: {text}"), {"text": where + notice_text(notice)}))


def _walk_note(notice: object) -> bool:
    kind = getattr(notice, "kind", None)
    return str(getattr(kind, "value", "")).startswith("discover.")


def _say_input_error(exc: InputError) -> None:
    from cmdresolve.render.phrases import input_error_text

    where = f"{exc.span}: " if exc.span else ""
    complain(f"{where}{input_error_text(exc)}")


def complain(text: str) -> None:
    """One line on stderr; control characters from the input are shown escaped, so a
    file name or value can neither forge a line nor steer the terminal."""
    from cmdresolve.render.escape import escape_line

    print(f"cmdresolve: {escape_line(text)}", file=sys.stderr)


class SourceLines:
    """The lines of an input file, read again when a finding quotes it (the run line for
    ``--run``); None for standard input or a file that cannot be read now."""

    def __init__(self, run: str | None) -> None:
        self.files: dict[str, list[str] | None] = {}
        if run is not None:
            from cmdresolve.sources.cmdline.program import RUN_FILE

            self.files[RUN_FILE] = [run]

    def __call__(self, path: str) -> list[str] | None:
        if path not in self.files:
            from cmdresolve.sources.text import read_again

            self.files[path] = read_again(path)
        return self.files[path]


def _print(results: Iterator[Resolution], args: SimpleNamespace, rules: Sequence[Rule]) -> None:
    output = args.output
    if output == "json":
        from cmdresolve.render.json import render_json_text

        # Written result by result: a 10,000-Deployment file never sits in memory twice.
        for piece in render_json_text(results, getattr(args, "notes", ())):
            sys.stdout.write(piece)
        return
    if output == "text":
        from cmdresolve.render.screen import Screen
        from cmdresolve.render.text import View, render_results

        screen = Screen.of(sys.stdout, args.color)
        args.view = View(screen, args.verbose, args.quiet, SourceLines(args.run))
        for piece in render_results(results, args.view):  # each piece as its results come
            sys.stdout.write(piece)
        return
    if output == "argv":
        from cmdresolve.render.argv import argv_lines

        for line, failure in argv_lines(results):
            print(line)
            if failure is not None:  # said on stderr too: a comment line runs nothing
                complain(failure)
        return
    if output == "markdown":
        from cmdresolve.render.markdown import render_markdown

        summary = render_markdown(
            results, rules, *_workspace(), args.verbose, getattr(args, "input_errors", ())
        )
        sys.stdout.writelines(summary)
        return
    listed = list(results)
    if output == "sarif":
        import json

        from cmdresolve.render.escape import escape_json
        from cmdresolve.render.sarif import render_sarif

        print(escape_json(json.dumps(render_sarif(listed, rules), indent=2, ensure_ascii=False)))
        return
    from cmdresolve.render.github import render_github

    text = render_github(listed, _workspace()[0])
    if text:
        print(text)


def _workspace() -> tuple[str, str | None]:
    """The directory GitHub Actions resolves annotation paths against (the workspace,
    else the current one), and in a workflow run the URL prefix of its files' lines."""
    import os

    env = os.environ
    server, repo, sha = (env.get(f"GITHUB_{k}") for k in ("SERVER_URL", "REPOSITORY", "SHA"))
    blob = f"{server}/{repo}/blob/{sha}/" if server and repo and sha else None
    return env.get("GITHUB_WORKSPACE") or os.getcwd(), blob


def rules_command(argv: list[str]) -> bool:
    """``cmdresolve rules``: every rule with its severity; ``cmdresolve rule CODE``: its doc.

    False on a usage error (already reported).
    """
    import shutil

    from cmdresolve.checks import RULES, rule
    from cmdresolve.render.catalog import say, translate
    from cmdresolve.render.ruledoc import render_rule, render_rules

    # COLUMNS, else the terminal's width, else (not a terminal) 80.
    width = shutil.get_terminal_size().columns
    if argv[0] == "rules":
        if len(argv) > 1:
            print(f"cmdresolve: {translate(N_('rules takes no arguments'))}", file=sys.stderr)
            return False
        print(render_rules(RULES, width))
        return True
    found = rule(argv[1]) if len(argv) == 2 else None
    if found is None:
        if len(argv) != 2:
            text = say(N_("rule: expected a rule code (see `cmdresolve rules`)"))
        else:
            from cmdresolve.suggest import nearest_rule

            near = rule(nearest_rule(argv[1], RULES) or "")  # a family is no answer here
            template = (
                N_("rule: expected a known rule code, got {code!r} (see `cmdresolve rules`)")
                if near is None
                else N_("rule: expected a known rule code, got {code!r}; did you mean {near!r}?")
            )
            text = say(template, {"code": argv[1], "near": near.code if near else ""})
        complain(text)
        return False
    print(render_rule(found, width, bold=_on_terminal()))
    return True


def _on_terminal() -> bool:
    """Whether standard output is a terminal that takes colour (no ``NO_COLOR``)."""
    import os

    return sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run() -> None:
    """The console script; ``__main__`` runs it too. The only place the process ends.

    Once both streams are flushed the process ends with ``os._exit``: the
    interpreter's teardown (freeing every module and object) costs a short run
    about a sixth of its time and does nothing a finished run needs; nothing here
    registers ``atexit`` work, and ``--verify`` removes what it made before
    ``main`` returns.
    """
    import os

    outcome = Outcome()
    try:
        status = main(outcome=outcome)
        if sys.stdout is not None:  # None when started with stdout closed (>&-)
            sys.stdout.flush()
    except BrokenPipeError:  # the reader left early (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        outcome.reader_left = True
        status = exit_status(outcome)
    except KeyboardInterrupt:
        status = int(ExitStatus.INTERRUPTED)
    except Exception as exc:  # the last line of defence: a bug, never a traceback
        status = _internal_error(exc)
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)


def _internal_error(exc: Exception) -> int:
    """One line naming the input being read and the exception, and exit 2.

    ``CMDRESOLVE_TRACEBACK=1`` prints the traceback as well, for the bug report.
    """
    import contextlib
    import os

    from cmdresolve.api import PROGRESS

    if os.environ.get("CMDRESOLVE_TRACEBACK"):
        import traceback

        traceback.print_exc()
    where = f"{PROGRESS.input}: " if PROGRESS.input else ""
    try:
        from cmdresolve.render.catalog import say

        template = N_("internal error, please report: {error} (CMDRESOLVE_TRACEBACK=1 shows where)")
        text = say(template, {"error": type(exc).__name__})
    except Exception:  # the catalog itself may be what failed
        text = f"internal error, please report: {type(exc).__name__}"
    with contextlib.suppress(Exception):  # stderr may be gone as well
        complain(where + text)
    return int(ExitStatus.INPUT_ERROR)
