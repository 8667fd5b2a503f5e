"""Keep the message catalog in step with the code.

Every template the tool prints is written in the code inside ``N_("…")``. This
collects them, in file order, into ``cmdresolve/locale/en/LC_MESSAGES/cmdresolve.po``
(the English catalog, the source translators work from: each ``msgstr`` is the
English text), and compiles each other language's ``.po`` into the ``.mo`` that
:mod:`gettext` reads.

Usage: ``python tools/messages.py`` (write), ``python tools/messages.py --check``
(exit 1 when the English catalog is stale; the tests run this).
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cmdresolve"
LOCALE = PACKAGE / "locale"
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "cmdresolve.po"
HEADER = (
    "# cmdresolve's messages in English: the source of every translation.\n"
    "# Made by tools/messages.py from the N_(...) templates in the code; do not edit.\n"
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
)


def templates() -> dict[str, list[str]]:
    """Each ``N_`` template in the package, with the files that write it, in file order."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):
            if (
                isinstance(node.func, ast.Name)
                and node.func.id == "N_"
                and node.args
            ):
                arg = node.args[0]
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise SystemExit(f"{path}:{node.lineno}: N_ takes one string literal")
                # Files, not lines, as references: the catalog stays current while
                # code around a template moves.
                places = found.setdefault(arg.value, [])
                where = str(path.relative_to(ROOT))
                if where not in places:
                    places.append(where)
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def english_catalog() -> str:
    parts = [HEADER]
    for template, places in templates().items():
        refs = "".join(f"#: {place}\n" for place in places)
        flag = "#, python-brace-format\n" if "{" in template else ""
        parts.append(f"\n{refs}{flag}msgid {_quote(template)}\nmsgstr {_quote(template)}\n")
    return "".join(parts)


def read_po(path: Path) -> dict[str, str]:
    """``msgid`` to ``msgstr`` of a ``.po`` file (single-line and continued strings)."""
    entries: dict[str, str] = {}
    key: str | None = None
    current: dict[str, str] = {}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith(("msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            if key == "msgid" and "msgstr" in current:
                entries[current["msgid"]] = current["msgstr"]
                current = {}
            current[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key is not None:
            current[key] += ast.literal_eval(line)
    if "msgstr" in current:
        entries[current["msgid"]] = current["msgstr"]
    return entries


def write_mo(entries: dict[str, str], path: Path) -> None:
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
    path.write_bytes(head + table + ids + strs)


def main(argv: list[str]) -> int:
    text = english_catalog()
    if "--check" in argv:
        if not ENGLISH.exists() or ENGLISH.read_text(encoding="utf-8") != text:
            print(f"{ENGLISH.relative_to(ROOT)} is stale: run python tools/messages.py")
            return 1
        return 0
    ENGLISH.parent.mkdir(parents=True, exist_ok=True)
    ENGLISH.write_text(text, encoding="utf-8")
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/cmdresolve.po")):
        if po != ENGLISH:
            write_mo(read_po(po), po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
