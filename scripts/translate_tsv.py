"""Fill the nb and nn catalogues from a TSV file: ``msgid<TAB>bokmål<TAB>nynorsk``.

Run ``make messages-update`` first, then ``.venv/bin/python scripts/translate_tsv.py FILE``,
then ``make messages-update`` again to restore makemessages' line wrapping. Plural entries
take ``singular|plural`` in each column; ``\\n`` stands for a line break. Entries msgmerge
marked fuzzy (a guessed translation) are replaced and unflagged. Prints what is still
untranslated in each language.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "dugnad" / "locale"


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        msgid, bokmaal, nynorsk = (part.replace("\\n", "\n") for part in line.split("\t"))
        rows[msgid] = {"nb": bokmaal, "nn": nynorsk}
    return rows


def apply(rows: dict[str, dict[str, str]], language: str) -> list[str]:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"), wrapwidth=79)
    for entry in catalogue:
        if entry.obsolete or entry.msgid not in rows:
            continue
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        text = rows[entry.msgid][language]
        if entry.msgid_plural:
            singular, plural = text.split("|")
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        # A "#| msgid_plural" left alone (without its "#| msgid") makes msgfmt fail.
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    catalogue.save()
    return [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def main() -> None:
    rows = read_rows(Path(sys.argv[1]))
    for language in ("nb", "nn"):
        print(language, "still untranslated:", apply(rows, language))


if __name__ == "__main__":
    main()
