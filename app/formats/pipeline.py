"""Checking a whole file in chunks, so the work can be spread over worker processes.

A chunk is checked by a pure function (``check_jsonl_range`` or ``check_records``) that returns a
``ChunkResult``: one compact row per example (its JSON text, numbers, findings, preview and search
text) plus the findings of lines that are not examples at all. The caller merges chunks in order.

Plain UTF-8 JSONL (the common, large case) is cut into byte ranges at line ends; each worker reads
its own range, so the file's bytes cross no process boundary on the way in. Other formats are read
by their reader in the calling process and the parsed records are checked in batches.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import orjson

from app.formats.jsonl import parse_line
from app.formats.model import Finding, Kind, Record, Severity
from app.formats.summary import ExampleSummary, check_example
from app.formats.text import preview, search_text

CHUNK_BYTES = 1 << 20  # ~900 examples of the benchmark data: small enough for smooth progress
_ERROR = Severity.ERROR
_UTF8_BOM = b"\xef\xbb\xbf"


# A checked example crosses from a worker as a plain tuple (measured: 4× faster to pickle than a
# dataclass or NamedTuple), in this column order. Hashes are already signed for SQLite.
ExampleRow = tuple
LINE, DATA, MESSAGES, TOKENS, ASSISTANT_TOKENS, ESTIMATED, IMAGES, HAS_SYSTEM, HAS_USER = range(9)
EXACT_HASH, NORM_HASH, STATUS, FINDINGS, PREVIEW, SEARCH = range(9, 15)


def _signed(h: int) -> int:
    return h - (1 << 64) if h >= 1 << 63 else h


def unsigned(h: int) -> int:
    """A hash as stored (signed 64-bit) back to the unsigned value the checks compare."""
    return h + (1 << 64) if h < 0 else h


def row_summary(row: ExampleRow) -> ExampleSummary:
    """The numbers of a checked example, for dataset checks and statistics."""
    return ExampleSummary(
        row[LINE],
        row[TOKENS],
        row[ASSISTANT_TOKENS],
        row[MESSAGES],
        row[IMAGES],
        row[HAS_SYSTEM],
        row[HAS_USER],
        row[ESTIMATED],
        unsigned(row[EXACT_HASH]),
        unsigned(row[NORM_HASH]),
    )


def findings_to_json(findings: list[Finding]) -> str:
    """Findings as stored with an example ("" for none)."""
    return orjson.dumps([f.to_dict() for f in findings]).decode() if findings else ""


def findings_from_json(text: str) -> list[Finding]:
    """The inverse of :func:`findings_to_json`."""
    if not text:
        return []
    return [
        Finding(d["code"], Severity(d["severity"]), d["message"], d.get("line"), d.get("path", ""))
        for d in orjson.loads(text)
    ]


@dataclass(slots=True)
class ChunkResult:
    """What one chunk of a file yielded."""

    examples: list[ExampleRow] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # lines that are not examples
    size: int = 0  # bytes of the source this chunk covered (for progress)
    # For a byte range of a file: the examples' DATA is a (start, end) pair within that range, and
    # ``fill_texts`` reads the text in the receiving process — the bytes never cross a pipe twice.
    path: str = ""
    offset: int = 0

    def fill_texts(self) -> None:
        """Replace (start, end) DATA pairs by the examples' text, read from the source file."""
        if not self.path or not self.examples:
            return
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            buf = f.read(self.size)
        self.examples = [(r[0], buf[r[1][0] : r[1][1]].decode("utf-8"), *r[2:]) for r in self.examples]


def status_of(findings: list[Finding]) -> str:
    """``error`` when any finding is an error, "warning" when there are only warnings, else "ok"."""
    if not findings:
        return "ok"
    return "error" if any(f.severity is _ERROR for f in findings) else "warning"


def _row(
    obj: dict,
    kind: Kind,
    model: str | None,
    line: int,
    raw: bytes,
    before: list[Finding],
    store: bool,
    span: tuple[int, int] | None = None,
) -> ExampleRow:
    # Line 0 is an example made in the app (no source line): its messages get no "Line N:" prefix.
    findings, summary = check_example(obj, kind, line=line or None, model=model, raw=raw)
    if before:
        findings[:0] = before
    if store:
        text = span if span is not None else raw.decode("utf-8")
        short, words = preview(obj, kind), search_text(obj, kind)
    else:  # only checking: nothing to carry back but numbers and findings
        text = short = words = ""
    return (
        line,
        text,
        summary.messages,
        summary.tokens,
        summary.assistant_tokens,
        summary.estimated,
        summary.images,
        summary.has_system,
        summary.has_user,
        _signed(summary.exact_hash),
        _signed(summary.norm_hash),
        status_of(findings),
        findings_to_json(findings),
        short,
        words,
    )


def plan_jsonl_chunks(path: str | os.PathLike[str], chunk_bytes: int = CHUNK_BYTES) -> Iterator[tuple[int, int, int]]:
    """Cut a JSONL file into ``(offset, length, first_line)`` ranges that end at line ends.

    Reads the file once, sequentially (cheap: counting newlines runs at memory speed).
    """
    with open(path, "rb") as f:
        offset, line = 0, 1
        head = f.read(3)
        if head == _UTF8_BOM:
            offset = 3
        f.seek(offset)
        carry = b""
        while True:
            block = f.read(chunk_bytes)
            if not block:
                if carry:
                    yield offset, len(carry), line
                return
            data = carry + block
            cut = data.rfind(b"\n")
            if cut < 0:
                carry = data
                continue
            piece = data[: cut + 1]
            yield offset, len(piece), line
            offset += len(piece)
            line += piece.count(b"\n")
            carry = data[cut + 1 :]


def check_jsonl_range(
    path: str, offset: int, length: int, first_line: int, kind: Kind, model: str | None, store: bool = True
) -> ChunkResult:
    """Read and check one byte range of a UTF-8 JSONL file (runs in a worker process).

    ``store`` also returns each example's text, preview and search text (for an import)."""
    with open(path, "rb") as f:
        f.seek(offset)
        data = f.read(length)
    out = ChunkResult(size=length, path=path if store else "", offset=offset)
    examples, problems = out.examples, out.problems
    gc_was = gc.isenabled()
    gc.disable()  # parsing builds no cycles; the collector's scans would only cost time
    try:
        pos = 0
        for number, raw in enumerate(data.split(b"\n"), first_line):
            start = pos
            pos += len(raw) + 1
            if not raw or raw.isspace():
                continue
            if raw[-1:] == b"\r":
                raw = raw[:-1]
            record = parse_line(raw, number)
            if record.data is None:
                problems.extend(record.findings)
                continue
            span = (start, start + len(raw)) if store else None
            examples.append(_row(record.data, kind, model, number, raw, record.findings, store, span))
    finally:
        if gc_was:
            gc.enable()
    return out


def check_records(
    records: list[Record], kind: Kind, model: str | None, size: int = 0, store: bool = True
) -> ChunkResult:
    """Check records already parsed by a reader (CSV, Alpaca, ShareGPT, pairs…)."""
    out = ChunkResult(size=size)
    for record in records:
        if record.data is None:
            out.problems.extend(record.findings)
            continue
        out.examples.append(
            _row(record.data, kind, model, record.line, orjson.dumps(record.data), record.findings, store)
        )
    return out


def batched(records: Iterable[Record], n: int) -> Iterator[list[Record]]:
    """Group records into lists of ``n``."""
    batch: list[Record] = []
    for r in records:
        batch.append(r)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
