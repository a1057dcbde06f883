"""Check and merge gettext catalogue fragments for the core's and the CLI's messages.

Several people can translate different modules at once, each into a fragment (a ``.po`` file with
only entries, no header); this checks a fragment against the code and then appends it to the
catalogue, skipping messages the catalogue already has.

    python tools/po_parts.py check app/formats/validate_*.py --with part.po   # what is missing
    python tools/po_parts.py merge part.po [part2.po ...]                    # append to the catalogue
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.i18n_msgfmt import parse_po  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "resources" / "locale" / "pt_BR" / "LC_MESSAGES" / "finetune_studio.po"
FUNCS = ("_", "N_", "ngettext")


def marked(path: Path) -> list[str]:
    """The catalogue keys of the texts marked in a module (``singular\\0plural`` for plurals)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in FUNCS:
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if args:
                    out.append("\0".join(args[:2]) if name == "ngettext" else args[0])
    return out


def placeholders(text: str) -> list[str]:
    """The ``{name}`` and ``%s`` fields of a message, which a translation must keep."""
    return sorted(re.findall(r"\{[a-z_0-9]*\}|%\([a-z_]+\)[sdr]|%[sdr]", text))


def check(modules: list[Path], fragments: list[Path]) -> int:
    """Print marked texts without a translation and translations whose fields differ; 1 if any."""
    catalog = parse_po(PO.read_text(encoding="utf-8"))
    for fragment in fragments:
        catalog.update(parse_po(fragment.read_text(encoding="utf-8")))
    bad = 0
    for module in modules:
        for key in marked(module):
            if key not in catalog:
                print(f"{module}: no translation for {key!r}")
                bad += 1
            else:
                for source, translation in zip(key.split("\0"), catalog[key].split("\0") * 2, strict=False):
                    if placeholders(source) != placeholders(translation):
                        print(f"{module}: fields differ in {key!r}: {catalog[key]!r}")
                        bad += 1
    return 1 if bad else 0


def _entries(text: str) -> list[str]:
    """The entries of a fragment as blocks of text (comments stay with the entry they precede)."""
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text)]
    return [b for b in blocks if "msgid" in b]


def merge(fragments: list[Path]) -> int:
    """Append the fragments' entries that the catalogue lacks; print how many were added."""
    import fcntl

    with (PO.parent / ".merge.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several translators may merge at once
        return _merge_locked(fragments)


def _merge_locked(fragments: list[Path]) -> int:
    text = PO.read_text(encoding="utf-8")
    have = set(parse_po(text))
    added = []
    for fragment in fragments:
        for block in _entries(fragment.read_text(encoding="utf-8")):
            keys = set(parse_po(block + "\n")) - {""}
            if keys and not keys & have:
                added.append(block)
                have |= keys
    if added:
        PO.write_text(text.rstrip("\n") + "\n\n" + "\n\n".join(added) + "\n", encoding="utf-8")
    print(f"added {len(added)} entries to {PO.relative_to(ROOT)}")
    return 0


def main(argv: list[str]) -> int:
    """Command line: ``check MODULES... [--with FRAGMENTS...]`` or ``merge FRAGMENTS...``."""
    if len(argv) >= 2 and argv[0] == "check":
        rest = argv[1:]
        cut = rest.index("--with") if "--with" in rest else len(rest)
        return check([Path(p) for p in rest[:cut]], [Path(p) for p in rest[cut + 1 :]])
    if len(argv) >= 2 and argv[0] == "merge":
        return merge([Path(p) for p in argv[1:]])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
