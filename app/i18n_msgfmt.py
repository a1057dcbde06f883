"""A small ``msgfmt``: compiles gettext catalogues (``.po``, the committed source) into the ``.mo``
files Python's :mod:`gettext` reads. The same logic as CPython's ``Tools/i18n/msgfmt.py``, which is
not installed with Python, so it lives here (and is tested against GNU msgfmt when that is present).

Build step (``./dev.sh`` and the packaging run it)::

    python -m app.i18n_msgfmt          # every resources/locale/*/LC_MESSAGES/*.po -> .mo beside it

Supports what our catalogues use: ``msgctxt``, plurals (``msgid_plural``/``msgstr[n]``), C escapes,
and skips fuzzy and untranslated entries (as GNU msgfmt does).
"""

from __future__ import annotations

import array
import ast
import struct
import sys
from pathlib import Path

MAGIC = 0x950412DE


class PoSyntaxError(ValueError):
    """The ``.po`` text cannot be read; the message names the line."""


def _string(text: str, lineno: int) -> str:
    """The value of one quoted PO string (C escapes, which Python's literal syntax covers)."""
    text = text.strip()
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise PoSyntaxError(f"line {lineno}: expected a quoted string, found {text[:40]!r}")
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        raise PoSyntaxError(f"line {lineno}: {exc}") from None
    if not isinstance(value, str):
        raise PoSyntaxError(f"line {lineno}: not a string")
    return value


def parse_po(text: str) -> dict[str, str]:
    """The translated messages of a catalogue as ``{msgid: msgstr}`` in the ``.mo`` layout: a plural
    entry's key is ``singular\\0plural`` and its value the forms joined by ``\\0``; a context is
    ``context\\x04msgid``. The header (msgid ``""``) is included. Raises :class:`PoSyntaxError`."""
    messages: dict[str, str] = {}
    entry: dict[str, object] = {}
    fuzzy = False
    field: tuple[str, int | None] | None = None

    def flush() -> None:
        """Store the entry read so far (if complete) and start the next one."""
        nonlocal entry, fuzzy
        if "msgid" not in entry:
            return
        msgid = str(entry["msgid"])
        forms: dict[int, str] = entry.get("forms", {})  # type: ignore[assignment]
        if "plural" in entry:
            key = msgid + "\0" + str(entry["plural"])
            value = "\0".join(forms[i] for i in sorted(forms))
        else:
            key, value = msgid, forms.get(0, "")
        if "ctxt" in entry:
            key = f"{entry['ctxt']}\x04{key}"
        translated = any(forms.values())
        if translated and (not fuzzy or msgid == ""):
            messages[key] = value
        entry, fuzzy = {}, False

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            flush()  # a comment starts the next entry
            field = None
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if field is None:
                raise PoSyntaxError(f"line {lineno}: a continuation with nothing to continue")
            name, index = field
            value = _string(line, lineno)
            if name == "msgstr":
                forms = entry.setdefault("forms", {})
                forms[index or 0] += value  # type: ignore[index]
            else:
                entry[name] = str(entry[name]) + value
            continue
        if keyword == "msgctxt":
            flush()
            entry["ctxt"] = _string(rest, lineno)
            field = ("ctxt", None)
        elif keyword == "msgid":
            if "msgid" in entry:
                flush()
            entry["msgid"] = _string(rest, lineno)
            field = ("msgid", None)
        elif keyword == "msgid_plural":
            entry["plural"] = _string(rest, lineno)
            field = ("plural", None)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            index = 0
            if keyword != "msgstr":
                try:
                    index = int(keyword[len("msgstr[") : -1])
                except ValueError:
                    raise PoSyntaxError(f"line {lineno}: bad plural index in {keyword!r}") from None
            entry.setdefault("forms", {})[index] = _string(rest, lineno)  # type: ignore[index]
            field = ("msgstr", index)
        else:
            raise PoSyntaxError(f"line {lineno}: unexpected {keyword!r}")
    flush()
    return messages


def make_mo(messages: dict[str, str]) -> bytes:
    """The GNU ``.mo`` bytes of ``messages`` (as :func:`parse_po` returns them), UTF-8."""
    encoded = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in messages.items())
    ids = strs = b""
    offsets = []
    for key, value in encoded:
        offsets.append((len(ids), len(key), len(strs), len(value)))
        ids += key + b"\0"
        strs += value + b"\0"
    n = len(encoded)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + len(ids)
    table: list[int] = []
    for _ko, klen, _vo, _vlen in offsets:
        table += [klen, _ko + keystart]
    for _ko, _klen, vo, vlen in offsets:
        table += [vlen, vo + valuestart]
    header = struct.pack("Iiiiiii", MAGIC, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    return header + array.array("i", table).tobytes() + ids + strs


def compile_po(po: Path, mo: Path | None = None) -> Path:
    """Compile ``po`` into ``mo`` (default: beside it, same name); returns the ``.mo`` path."""
    po = Path(po)
    mo = Path(mo) if mo is not None else po.with_suffix(".mo")
    data = make_mo(parse_po(po.read_text(encoding="utf-8")))
    tmp = mo.with_name(mo.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(mo)  # a reader never sees half a file
    return mo


def locale_root() -> Path:
    """``resources/locale`` of the checkout (or of the bundle when frozen)."""
    frozen = getattr(sys, "_MEIPASS", None)
    root = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return root / "resources" / "locale"


def build_all(root: Path | None = None) -> list[Path]:
    """Compile every ``*/LC_MESSAGES/*.po`` under ``root`` (default :func:`locale_root`)."""
    root = Path(root) if root is not None else locale_root()
    return [compile_po(po) for po in sorted(root.glob("*/LC_MESSAGES/*.po"))]


def main(argv: list[str] | None = None) -> int:
    """``python -m app.i18n_msgfmt [LOCALE_DIR]``: compile the catalogues, print what was written."""
    args = sys.argv[1:] if argv is None else argv
    try:
        built = build_all(Path(args[0]) if args else None)
    except (OSError, PoSyntaxError) as exc:
        print(f"msgfmt: {exc}", file=sys.stderr)
        return 1
    for mo in built:
        print(f"compiled {mo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
