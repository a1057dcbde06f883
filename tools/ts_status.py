#!/usr/bin/env python3
"""How far the translations are: per context of each ``resources/translations/*.ts``, how many
messages there are and how many still lack a finished translation.

    .venv/bin/python tools/ts_status.py              # every .ts; contexts with work left
    .venv/bin/python tools/ts_status.py --all        # every context, finished ones too
    .venv/bin/python tools/ts_status.py --list Graders   # the unfinished texts of one context

A message is unfinished when its translation is marked ``type="unfinished"`` or is empty (for texts
with plural forms: any empty form). Exits 1 while anything is unfinished (usable in CI as a report).
"""

from __future__ import annotations

import argparse
import signal
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


@dataclass
class ContextStatus:
    """Counts of one context."""

    name: str
    total: int = 0
    unfinished: list[str] = field(default_factory=list)  # their source texts


def is_unfinished(message: ET.Element) -> bool:
    """True when the message still needs a (finished) translation."""
    translation = message.find("translation")
    if translation is None:
        return True
    if translation.get("type") == "unfinished":
        return True
    forms = translation.findall("numerusform")
    if forms:
        return any(not (f.text or "").strip() for f in forms)
    return not (translation.text or "").strip()


def status(ts: Path) -> list[ContextStatus]:
    """Per context, in file order; vanished and obsolete messages are not counted."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        st = ContextStatus(context.findtext("name") or "")
        for message in context.iter("message"):
            if message.find("translation") is not None and message.find("translation").get("type") in (
                    "vanished", "obsolete"):
                continue
            st.total += 1
            if is_unfinished(message):
                st.unfinished.append(message.findtext("source") or "")
        out.append(st)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the table; 1 when something is unfinished."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ts", nargs="*", type=Path, help="the .ts files (default: resources/translations/*.ts)")
    parser.add_argument("--all", action="store_true", help="list finished contexts too")
    parser.add_argument("--list", metavar="CONTEXT", help="print the unfinished source texts of CONTEXT")
    args = parser.parse_args(argv)
    files = args.ts or sorted(TRANSLATIONS.glob("*.ts"))
    if not files:
        sys.exit("error: no .ts files")
    left = 0
    for ts in files:
        contexts = status(ts)
        total = sum(c.total for c in contexts)
        todo = sum(len(c.unfinished) for c in contexts)
        left += todo
        print(f"{ts.name}: {total - todo} of {total} messages finished, {todo} unfinished, {len(contexts)} contexts")
        width = max((len(c.name) for c in contexts), default=10)
        for c in contexts:
            if c.unfinished or args.all:
                print(f"  {c.name:<{width}}  {len(c.unfinished):5} unfinished of {c.total:5}")
            if args.list == c.name:
                for text in c.unfinished:
                    print(f"      {text!r}")
    return 1 if left else 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `ts_status.py | head` ends quietly
    sys.exit(main())
