"""One front door for reading training data in any supported format: :func:`read_file`.

Format auto-detection (:func:`detect_format`), first rule that applies:

1. A path ending in ``.csv`` is ``csv``; ``.tsv`` or ``.tab`` is ``tsv``.
2. Otherwise the first 256 KiB are sniffed as JSON. For a JSON array the first element is
   looked at, for JSONL up to 50 lines; each object votes, the most votes win (ties in the
   order below):

   * ``messages`` whose items have ``role`` (or no items), or ``input`` with
     ``preferred_output``/``non_preferred_output`` → ``openai``;
   * ``conversations``, or ``messages`` whose items have ``from`` → ``sharegpt``;
   * ``chosen`` and ``rejected`` → ``pairs``;
   * ``instruction`` and ``output`` → ``alpaca``.

3. When no line parses as JSON and the path does not end in ``.json``/``.jsonl``/``.ndjson``,
   a first line with a tab is ``tsv`` and one with a comma is ``csv``.
4. Otherwise ``openai`` (its reader then reports what is wrong, line by line).

Every reader streams: records are produced one at a time, so a 100 MB file is never held whole
as objects (a JSON-array file is parsed element by element too).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import orjson

from app.formats.column_mapping import ColumnMapping
from app.formats.encoding import Source, head_bytes
from app.formats.jsonl import read_json_records
from app.formats.model import Kind, Record
from app.formats.open_formats import read_alpaca, read_pairs, read_sharegpt
from app.formats.tabular import read_table
from app.i18n import N_, _


@dataclass(frozen=True)
class FormatInfo:
    """What the UI shows about a format: ``label`` and ``description`` in the user's language."""

    name: str
    label_text: str  # in English, marked with N_ when it has words to translate
    description_text: str
    extensions: tuple[str, ...]
    kinds: tuple[Kind, ...]  # kinds this format can produce
    needs_mapping: bool = False  # the user picks columns (CSV/TSV)

    @property
    def label(self) -> str:
        return _(self.label_text)

    @property
    def description(self) -> str:
        return _(self.description_text)


FORMATS: dict[str, FormatInfo] = {
    "openai": FormatInfo(
        "openai", "OpenAI JSONL",
        N_("One example per line in OpenAI's own format: chat messages (SFT), preference pairs with "
           "input/preferred_output/non_preferred_output (DPO) or messages plus reference fields (RFT)."),
        (".jsonl", ".json", ".ndjson"), (Kind.SFT, Kind.DPO, Kind.RFT)),
    "csv": FormatInfo(
        "csv", N_("CSV spreadsheet"),
        N_("A table saved from Excel or Google Sheets, one example per row. You choose which columns "
           "hold the question, the answer and the system prompt."),
        (".csv",), (Kind.SFT, Kind.DPO, Kind.RFT), needs_mapping=True),
    "tsv": FormatInfo(
        "tsv", N_("Tab-separated table"),
        N_("Like CSV, with tabs between the columns."), (".tsv", ".tab"), (Kind.SFT, Kind.DPO, Kind.RFT),
        needs_mapping=True),
    "alpaca": FormatInfo(
        "alpaca", "Alpaca",
        N_("Instruction-following data with instruction, input and output fields (JSONL or one JSON list)."),
        (".json", ".jsonl"), (Kind.SFT,)),
    "sharegpt": FormatInfo(
        "sharegpt", "ShareGPT",
        N_("Conversations as lists of {from, value} turns (human, gpt, system, function_call, "
           "observation), JSONL or one JSON list."),
        (".json", ".jsonl"), (Kind.SFT,)),
    "pairs": FormatInfo(
        "pairs", N_("Preference pairs"),
        N_("prompt, chosen and rejected answers (texts or message lists), as used by TRL and many "
           "open datasets. Becomes DPO data."),
        (".jsonl", ".json"), (Kind.DPO,)),
}

_SNIFF_BYTES = 256 << 10
_JSON_EXTENSIONS = (".json", ".jsonl", ".ndjson")
_TIE_ORDER = ("openai", "sharegpt", "pairs", "alpaca")


def _is_path(source: Source) -> bool:
    return isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and "\r" not in source)


def _format_of_object(obj: object) -> str | None:
    if not isinstance(obj, dict):
        return None
    messages = obj.get("messages")
    first = messages[0] if isinstance(messages, list) and messages else None
    if "conversations" in obj or (isinstance(first, dict) and "from" in first):
        return "sharegpt"
    if isinstance(messages, list) or ("input" in obj and (
            "preferred_output" in obj or "non_preferred_output" in obj)):
        return "openai"
    if "chosen" in obj and "rejected" in obj:
        return "pairs"
    if "instruction" in obj and "output" in obj:
        return "alpaca"
    return None


def detect_format(source: Source) -> str:
    """The format name of a source (a key of :data:`FORMATS`), by the rules in the module docstring.

    Raises ``OSError`` when a file cannot be opened; never raises on content.
    """
    ext = ""
    if isinstance(source, str | os.PathLike) and _is_path(source):
        ext = os.path.splitext(os.fspath(source))[1].lower()
    if ext == ".csv":
        return "csv"
    if ext in (".tsv", ".tab"):
        return "tsv"
    head = head_bytes(source, _SNIFF_BYTES)
    votes: Counter[str] = Counter()
    stripped = head.lstrip()
    parsed_any = False
    if stripped[:1] == b"[":
        text = stripped[1:].decode("utf-8", "replace").lstrip()
        try:
            first, _end = json.JSONDecoder().raw_decode(text)
            parsed_any = True
            if fmt := _format_of_object(first):
                votes[fmt] += 1
        except (ValueError, RecursionError):
            pass
    else:
        lines = head.splitlines()
        if len(head) >= _SNIFF_BYTES:
            lines = lines[:-1]  # the last line may be cut off
        for line in [ln for ln in lines if ln.strip()][:50]:
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            parsed_any = True
            if fmt := _format_of_object(obj):
                votes[fmt] += 1
    if votes:
        return max(votes, key=lambda f: (votes[f], -_TIE_ORDER.index(f)))
    if not parsed_any and ext not in _JSON_EXTENSIONS:
        first_line = next((ln for ln in head.splitlines() if ln.strip()), b"")
        if b"\t" in first_line:
            return "tsv"
        if b"," in first_line and stripped[:1] not in (b"{", b"["):
            return "csv"
    return "openai"


def read_file(path: Source, *, fmt: str | None = None, kind: Kind | None = None,
              mapping: ColumnMapping | None = None) -> Iterator[Record]:
    """Read a training-data file in any supported format as OpenAI-format :class:`Record` objects.

    ``fmt`` is a key of :data:`FORMATS`, detected by :func:`detect_format` when None. ``kind``
    chooses what a CSV/TSV row becomes (with ``mapping``, see ``tabular.read_table``); for the
    open formats it must match what they produce (else ``ValueError``); for ``openai`` it is
    not needed (use ``jsonl.detect_kind_of_file``). ``path`` may also be bytes or text, see
    ``encoding.Source``.

    Raises ``ValueError`` for an unknown ``fmt``, ``column_mapping.MappingError`` when a table's
    columns do not fit the mapping, ``OSError`` when the file cannot be opened. Problems in the
    content are findings on the records, never exceptions.
    """
    if fmt is None:
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise ValueError(_("Unknown format “{format}”. Known formats: {formats}.").format(
            format=fmt, formats=", ".join(FORMATS)))
    if fmt in ("csv", "tsv"):
        return read_table(path, mapping, delimiter="\t" if fmt == "tsv" else None, kind=kind)
    if fmt == "openai":
        return read_json_records(path)
    allowed = FORMATS[fmt].kinds
    if kind is not None and kind not in allowed:
        raise ValueError(_("{format} files can only become {kind} data.").format(
            format=FORMATS[fmt].label, kind=allowed[0].value.upper()))
    return {"alpaca": read_alpaca, "sharegpt": read_sharegpt, "pairs": read_pairs}[fmt](path)
