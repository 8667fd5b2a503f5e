"""Keep the message catalogs in step with the code.

Every template the tool prints is written in the code inside ``N_("…")``, and each
rule's documentation is its module docstring (``cmdresolve/checks/crNNN_*.py``). This
collects them, in file order, into ``cmdresolve/locale/en/LC_MESSAGES/cmdresolve.po``
(the English catalog, the source translators work from: each ``msgstr`` is the English
text), merges them into every other language's ``.po``, and compiles each of those into
the ``.mo`` that :mod:`gettext` reads. The ``.mo`` files are committed (the package ships
them as package data; a test checks they are current).

Usage, from the repository's root:

- ``python tools/messages.py``: write the English catalog and compile every other
  language's ``.po`` to its ``.mo``.
- ``python tools/messages.py --update [LANG ...]``: the same, after merging the current
  templates into each language's ``.po`` (or into the named ones, creating a missing
  one): a new template gets an empty ``msgstr``; one that replaces a similar old
  template gets the old translation marked ``#, fuzzy`` (with the old ``msgid`` as a
  ``#|`` comment) to review; templates no longer in the code are dropped. Translations
  and translator comments (``# …``) are kept.
- ``python tools/messages.py --check``: exit 1, naming each problem, when the English
  catalog is stale, or a language's catalog lacks a translation, holds an entry to
  review (``fuzzy``) or one no longer in the code, changes a template's placeholders,
  or its ``.mo`` is not the compiled ``.po`` (the tests run this).

After ``--update``, fill every empty (or ``fuzzy``) ``msgstr``, delete the ``#, fuzzy``
flag and the ``#|`` line, and run ``python tools/messages.py`` to compile.
"""

from __future__ import annotations

import ast
import difflib
import re
import string
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cmdresolve"
LOCALE = PACKAGE / "locale"
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "cmdresolve.po"
HEADER = (
    "# cmdresolve's messages in English: the source of every translation.\n"
    "# Made by tools/messages.py from the N_(...) templates and the rule docs; do not edit.\n"
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
)
NEW_HEADER = (
    "# cmdresolve's messages in {language}. Translate each msgstr; keep every {{field}}.\n"
    "# python tools/messages.py --update merges new templates in, --check finds gaps.\n"
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: {language}\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
)
DOC = "doc"  # a rule's documentation: Markdown, never formatted
BRACE = "python-brace-format"  # a str.format template (the N_ templates)
PERCENT = "python-format"  # a %-template (argparse's own words, cmdresolve/render/usage.py)
# A %-conversion as argparse writes them: %s, %r, %(name)s; "%%" is a literal percent.
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([a-zA-Z%])")
_SIMILAR = 0.75  # how alike an old template must be for its translation to be offered


class Template:
    """One message of the code: its text, the files that write it, and its kind."""

    __slots__ = ("kind", "places", "text")

    def __init__(self, text: str, kind: str) -> None:
        self.text, self.kind, self.places = text, kind, []

    def flags(self) -> list[str]:
        return [self.kind] if self.kind in (BRACE, PERCENT) else []

    def comment(self) -> str:
        if self.kind != DOC:
            return ""
        code = Path(self.places[0]).name.split("_")[0].upper()
        return (
            f"#. The documentation of rule {code} (`cmdresolve rule {code}`, SARIF help), in\n"
            "#. Markdown: code blocks stay as they are, headings are their own templates.\n"
        )


def _kind(text: str) -> str:
    if "{" not in text and _PERCENT.search(text.replace("%%", "")):
        return PERCENT
    return BRACE if "{" in text else ""


def templates() -> dict[str, Template]:
    """Each ``N_`` template in the package, and each rule's documentation, with the
    files that write it, in file order."""
    found: dict[str, Template] = {}

    def add(text: str, kind: str, path: Path) -> None:
        entry = found.setdefault(text, Template(text, kind))
        # Files, not lines, as references: the catalog stays current while code
        # around a template moves.
        where = str(path.relative_to(ROOT))
        if where not in entry.places:
            entry.places.append(where)

    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        if path.parent.name == "checks" and re.fullmatch(r"cr\d+_\w+\.py", path.name):
            doc = ast.get_docstring(tree, clean=False)
            if doc and doc.strip():
                add(doc.strip(), DOC, path)  # as Rule.of reads it: __doc__, stripped
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):
            if isinstance(node.func, ast.Name) and node.func.id == "N_" and node.args:
                arg = node.args[0]
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise SystemExit(f"{path}:{node.lineno}: N_ takes one string literal")
                add(arg.value, _kind(arg.value), path)
    return found


# --- the .po format ---


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _field(keyword: str, text: str) -> str:
    """``msgid "…"``; a text of several lines as gettext writes it, a line per line."""
    if "\n" not in text.rstrip("\n"):
        return f"{keyword} {_quote(text)}\n"
    lines = text.splitlines(keepends=True)
    return f'{keyword} ""\n' + "".join(f"{_quote(line)}\n" for line in lines)


class Entry:
    """One entry of a ``.po`` file, with the comments a translator keeps."""

    __slots__ = ("comments", "flags", "msgid", "msgstr", "previous")

    def __init__(self, msgid: str, msgstr: str = "") -> None:
        self.msgid, self.msgstr = msgid, msgstr
        self.comments: list[str] = []  # "# …" lines, as written
        self.flags: list[str] = []
        self.previous: str | None = None  # "#| msgid": the template a fuzzy one was for

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def parse_po(text: str) -> list[Entry]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first."""
    entries: list[Entry] = []
    comments: list[str] = []
    flags: list[str] = []
    previous: list[str] = []
    current: dict[str, str] = {}
    key: str | None = None

    def finish() -> None:
        nonlocal comments, flags, previous, key
        if "msgid" in current:
            entry = Entry(current["msgid"], current.get("msgstr", ""))
            entry.comments, entry.flags = comments, flags
            entry.previous = ast.literal_eval(" ".join(previous)) if previous else None
            entries.append(entry)
        current.clear()
        comments, flags, previous, key = [], [], [], None

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line.startswith("msgid ") and "msgid" in current:
            finish()
        if not line:
            finish()
        elif line.startswith("#,"):
            flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#|"):
            previous.append(line[2:].strip().removeprefix("msgid ").strip())
        elif line.startswith(("#:", "#.", "#~")):
            continue  # made from the code again on every write
        elif line.startswith("#"):
            comments.append(raw)
        elif line.startswith(("msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            current[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key is not None:
            current[key] += ast.literal_eval(line)
    return entries


def read_po(path: Path) -> dict[str, str]:
    """``msgid`` to ``msgstr`` of a ``.po`` file, fuzzy entries included."""
    return {e.msgid: e.msgstr for e in parse_po(path.read_text(encoding="utf-8"))}


def _entry_text(template: Template, entry: Entry) -> str:
    refs = "".join(f"#: {place}\n" for place in template.places)
    flags = [f for f in entry.flags if f == "fuzzy"] + template.flags()
    flag = f"#, {', '.join(flags)}\n" if flags else ""
    before = ""
    if entry.previous is not None:
        before = "".join(f"#| {line}\n" for line in _field("msgid", entry.previous).splitlines())
    comments = "".join(f"{c}\n" for c in entry.comments)
    body = _field("msgid", template.text) + _field("msgstr", entry.msgstr)
    return f"\n{comments}{template.comment()}{refs}{flag}{before}{body}"


def english_catalog() -> str:
    found = templates()
    return HEADER + "".join(_entry_text(t, Entry(t.text, t.text)) for t in found.values())


def _header_text(text: str) -> str:
    """The leading comments and the header entry of a ``.po`` file, as written."""
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if i > 0 and not line.strip()), len(lines))
    return "".join(lines[:end])


def merged(path: Path, language: str) -> tuple[str, list[str]]:
    """The language's ``.po`` with the current templates, and what changed, in words."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    header = _header_text(old) if old else NEW_HEADER.format(language=language)
    entries = {e.msgid: e for e in parse_po(old) if e.msgid}
    found = templates()
    obsolete = {k: e for k, e in entries.items() if k not in found and e.msgstr}
    said: list[str] = []
    parts = [header]
    for text, template in found.items():
        entry = entries.get(text)
        if entry is None:
            entry = Entry(text)
            close = difflib.get_close_matches(text, list(obsolete), n=1, cutoff=_SIMILAR)
            if close:
                entry.msgstr, entry.previous = obsolete[close[0]].msgstr, close[0]
                entry.comments = obsolete[close[0]].comments
                entry.flags = ["fuzzy"]
                said.append(f"fuzzy (was a similar template): {text[:70]!r}")
            else:
                said.append(f"new: {text[:70]!r}")
        parts.append(_entry_text(template, entry))
    said += [f"dropped (no longer in the code): {k[:70]!r}" for k in entries if k not in found]
    return "".join(parts), said


# --- checks ---


def fields(text: str, kind: str) -> list[str]:
    """The placeholders of a template, as a sorted list: ``{name!r:>4}`` as
    ``name!r:>4``, ``%(name)s`` as ``%(name)s``; none for a rule's documentation."""
    if kind == DOC:
        return []
    if kind == PERCENT:
        return sorted(m.group(0) for m in _PERCENT.finditer(text) if m.group(2) != "%")
    return sorted(
        {
            f"{name}!{conversion or ''}:{spec or ''}"
            for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        }
    )


def code_blocks(text: str) -> list[str]:
    """The fenced code blocks of a Markdown text, fences included."""
    return re.findall(r"^```.*?^```", text, flags=re.M | re.S)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def problems(path: Path) -> list[str]:
    """Why a language's catalog (``.po`` and ``.mo``) is not in step with the code."""
    where = _shown(path)
    if not path.exists():
        return [f"{where}: missing"]
    found = templates()
    entries = parse_po(path.read_text(encoding="utf-8"))
    out: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        if not entry.msgid:
            continue
        seen.add(entry.msgid)
        short = f"{entry.msgid[:70]!r}"
        template = found.get(entry.msgid)
        if template is None:
            out.append(f"{where}: no longer in the code (run --update): {short}")
        elif not entry.msgstr:
            out.append(f"{where}: not translated: {short}")
        elif entry.fuzzy:
            out.append(f"{where}: fuzzy (review it, then drop the flag): {short}")
        else:
            out += [f"{where}: {why}: {short}" for why in _mismatches(template, entry)]
    out += [
        f"{where}: missing (run --update): {text[:70]!r}" for text in found if text not in seen
    ]
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != mo_bytes(_compiled(entries)):
        out.append(f"{_shown(mo)}: not the compiled .po (run python tools/messages.py)")
    return out


def has_words(text: str) -> bool:
    """Whether ``text`` has English words to translate outside its placeholders."""
    return bool(re.search(r"[a-z]{2,}", re.sub(r"\{[^{}]*\}|%\(\w+\)\w", "", text)))


def _mismatches(template: Template, entry: Entry) -> list[str]:
    translation = entry.msgstr
    if (
        translation == template.text
        and has_words(translation)
        and not any(c.startswith("# verbatim:") for c in entry.comments)
    ):
        return ["the English text (mark it '# verbatim: why' if meant)"]
    try:
        theirs = fields(translation, template.kind)
    except ValueError as exc:
        return [f"not a str.format template ({exc})"]
    out = []
    if theirs != fields(template.text, template.kind):
        out.append(f"placeholders {theirs} differ from {fields(template.text, template.kind)}")
    if template.kind == DOC and code_blocks(translation) != code_blocks(template.text):
        out.append("code blocks differ from the English")
    return out


# --- the .mo format ---


def _compiled(entries: list[Entry]) -> dict[str, str]:
    """What gettext is to read: the header and every translated entry not to review."""
    return {e.msgid: e.msgstr for e in entries if e.msgstr and not e.fuzzy}


def mo_bytes(entries: dict[str, str]) -> bytes:
    """The GNU ``.mo`` format :class:`gettext.GNUTranslations` reads (untranslated dropped)."""
    pairs = sorted((k.encode(), v.encode()) for k, v in entries.items() if v or not k)
    ids = b"".join(k + b"\0" for k, _ in pairs)
    strs = b"".join(v + b"\0" for _, v in pairs)
    start = 7 * 4 + 16 * len(pairs)
    offsets, id_at, str_at = [], 0, 0
    for k, v in pairs:
        offsets.append((len(k), start + id_at, len(v), start + len(ids) + str_at))
        id_at, str_at = id_at + len(k) + 1, str_at + len(v) + 1
    table = b"".join(struct.pack("<2I", n, at) for n, at, _, _ in offsets)
    table += b"".join(struct.pack("<2I", n, at) for _, _, n, at in offsets)
    head = struct.pack("<7I", 0x950412DE, 0, len(pairs), 28, 28 + 8 * len(pairs), 0, 0)
    return head + table + ids + strs


def write_mo(entries: dict[str, str], path: Path) -> None:
    path.write_bytes(mo_bytes(entries))


def translations() -> list[Path]:
    """Every language's ``.po`` but the English one."""
    return [p for p in sorted(LOCALE.glob("*/LC_MESSAGES/cmdresolve.po")) if p != ENGLISH]


def main(argv: list[str]) -> int:
    text = english_catalog()
    if "--check" in argv:
        found = []
        if not ENGLISH.exists() or ENGLISH.read_text(encoding="utf-8") != text:
            found.append(f"{ENGLISH.relative_to(ROOT)} is stale: run python tools/messages.py")
        for po in translations():
            found += problems(po)
        if found:
            print("\n".join(found))
        return 1 if found else 0
    ENGLISH.parent.mkdir(parents=True, exist_ok=True)
    ENGLISH.write_text(text, encoding="utf-8")
    if "--update" in argv:
        named = [a for a in argv if not a.startswith("-")]
        paths = [LOCALE / lang / "LC_MESSAGES" / "cmdresolve.po" for lang in named]
        for po in paths or translations():
            po.parent.mkdir(parents=True, exist_ok=True)
            new, said = merged(po, po.parent.parent.name)
            po.write_text(new, encoding="utf-8")
            for line in said:
                print(f"{po.relative_to(ROOT)}: {line}")
    for po in translations():
        write_mo(_compiled(parse_po(po.read_text(encoding="utf-8"))), po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
