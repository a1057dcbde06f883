"""Fill a Qt Linguist .ts file from translation tables written as JSON.

Each JSON file maps ``{context: {source: translation}}``; a plural message (``numerus="yes"``) takes a
list of forms. A message whose context has no entry takes the translation of the same source text
from another context (lupdate may move a string to a new context when code is reorganised), but
only when every context that has it agrees. Prints what is still missing.

    python tools/apply_translations.py resources/translations/finetune_studio_pt_BR.ts parts/*.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def load_tables(paths: list[Path]) -> tuple[dict[tuple[str, str], object], dict[str, object]]:
    """Translations by (context, source), and by source alone where all contexts agree."""
    exact: dict[tuple[str, str], object] = {}
    by_source: dict[str, object] = {}
    conflicting: set[str] = set()
    for path in paths:
        for context, messages in json.loads(path.read_text(encoding="utf-8")).items():
            for source, translation in messages.items():
                exact[(context, source)] = translation
                if source in by_source and by_source[source] != translation:
                    conflicting.add(source)
                by_source.setdefault(source, translation)
    for source in conflicting:
        by_source.pop(source, None)
    return exact, by_source


def apply(ts_path: Path, tables: list[Path]) -> list[tuple[str, str]]:
    """Write the translations into ``ts_path``; returns the (context, source) pairs still missing."""
    exact, by_source = load_tables(tables)
    tree = ET.parse(ts_path)
    missing: list[tuple[str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            value = exact.get((name, source), by_source.get(source))
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if value is None:
                if not (translation.text or len(translation)):
                    missing.append((name, source))
                continue
            plural = message.get("numerus") == "yes"
            for child in list(translation):
                translation.remove(child)
            if plural:
                forms = value if isinstance(value, list) else [value, value]
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value[-1] if isinstance(value, list) else value
            translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_path.write_text(HEADER + body + "\n", encoding="utf-8")
    return missing


def main(argv: list[str]) -> int:
    """Command line: the .ts file, then the JSON tables."""
    if len(argv) < 2:
        print(__doc__)
        return 2
    missing = apply(Path(argv[0]), [Path(p) for p in argv[1:]])
    for context, source in missing:
        print(f"missing [{context}] {source!r}")
    print(f"{len(missing)} message(s) still without a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
