"""What ends as PID 1 after an entrypoint script: the script's rule, applied.

An image whose ENTRYPOINT is a script (``docker-entrypoint.sh``) has the runtime exec
that script; the script rewrites its arguments and ``exec``s something else. A
:class:`FinalProcess` is that something else, as typed facts: its argv (each element
with its origin: put in by the script, or one of the container's own), whether it is
PID 1, the shell that stays PID 1 when it is not, and which rule said so.
Authority: the scripts read at the commits ``cmdresolve/data/entrypoints.json`` cites
(docs/semantics.md §10).
"""

from __future__ import annotations

from cmdresolve.model.facts import Kind
from cmdresolve.model.frozen import record

TYPE_CHECKING = False  # typing itself costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from cmdresolve.model.origins import Arg
    from cmdresolve.model.span import Span

__all__ = ["ArgTest", "FinalProcess", "FinalRule", "Setup", "SetupKind"]


class ArgTest(Kind):
    """A test an entrypoint script makes on its first argument."""

    FLAG = "flag"  # starts with "-"
    CONF = "conf"  # ends in ".conf"
    NOT_ON_PATH = "not_on_path"  # no command of that name on PATH (command -v)


class FinalRule(Kind):
    """How the final argv was found."""

    PREPENDED = "prepended"  # the script put its program in front (a test held)
    AS_GIVEN = "as_given"  # the script execs its arguments as they are
    DEPENDS = "depends"  # a test the catalog cannot decide (a name on PATH)
    SCRIPT_EXECS_ARGS = "script_execs_args"  # a copied script ending in exec "$@"
    SCRIPT_MAY_EXEC_ARGS = "script_may_exec_args"  # exec … "$@" only on some path
    SCRIPT_RUNS_ARGS = "script_runs_args"  # a copied script running "$@" without exec
    SCRIPT_NO_ARGS = "script_no_args"  # a copied script that reads no argument at all
    SCRIPT_TAKES_PARAMS = "script_takes_params"  # reads $1…: the script is the program
    SCRIPT_UNREAD = "script_unread"  # a copied script that could not be read


class SetupKind(Kind):
    """What an entrypoint script does before it execs the final program."""

    CHOWN = "chown"  # fixes the ownership of the data directory
    DROP_USER = "drop_user"  # re-executes itself as another user (gosu, setpriv, su-exec)
    INIT_DATA = "init_data"  # initialises an empty data directory
    INIT_SCRIPTS = "init_scripts"  # runs the files of a directory first
    NUMA = "numa"  # runs the program through numactl where that works


@record
class Setup:
    """One thing the script does first: ``user`` and ``via`` for ``drop_user``,
    ``dir`` for ``init_scripts``."""

    kind: SetupKind
    user: str | None = None
    via: str | None = None
    dir: str | None = None


@record
class FinalProcess:
    """The program the entrypoint script ends in.

    ``argv`` is its argv (``None`` when not known: ``alternatives`` then holds the
    possible ones); ``pid1`` is True when it replaces the script as PID 1, False when
    the script's shell stays PID 1 (``shell``), None when that is not known.
    ``script`` is the script's path as argv[0] names it, ``rule`` and ``test`` what was
    applied, ``source`` the citation (a docker-library file at a commit, or the file
    of the build context read), ``setup`` what the script does before, ``complete``
    False when the script may add words the catalog cannot know (redis 8's modules),
    ``appended`` the words it adds unless ``append_unless`` is given, when that
    depends on a file (mongo's ``--config``). ``span`` is where a copied script is.
    """

    argv: tuple[Arg, ...] | None
    pid1: bool | None
    script: str
    rule: FinalRule
    source: str
    shell: str | None = None
    test: ArgTest | None = None
    setup: tuple[Setup, ...] = ()
    complete: bool = True
    depends_on: str | None = None
    alternatives: tuple[tuple[Arg, ...], ...] = ()
    span: Span | None = None
