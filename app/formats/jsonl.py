"""Read OpenAI JSONL (and JSON array files) into :class:`Record` objects, and detect the kind.

The reader only turns lines into objects: it reports lines that are not JSON (``not_json``),
not an object (``not_object``) or not text (``bad_encoding``), and leaves the content checks
(roles, weights, tool calls...) to ``app.formats.validate``.

Numbering: a JSONL record's ``line`` is its 1-based physical line (blank lines are skipped
silently but counted). In a JSON array file ``line`` is the 1-based index of the element and
messages say "Item 17 (line 230)". A whole-file problem comes as one record with ``line`` 0.

Limits inherited from orjson: integers beyond 64 bits are read as floats, lone ``\\ud800``
escapes are rejected, and so is nesting deeper than :data:`MAX_DEPTH` levels (orjson reads up to
1024 but writes only 254, and the app stores, hashes and exports examples with orjson). Every
record's ``data`` can therefore be written back by orjson; whatever could not is a finding. A line
(or array item) longer than ``encoding.MAX_LINE_BYTES`` is a ``line_too_long`` finding, unread.
"""

from __future__ import annotations

import codecs
import gc
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

import orjson

from app.formats import encoding
from app.formats.encoding import (
    CHUNK_SIZE,
    OversizedLine,
    Source,
    UnreadableFile,
    bad_bytes_finding,
    head_bytes,
    iter_raw_lines,
    iter_utf8_chunks,
    too_long_finding,
)
from app.formats.json_text import (  # re-exported: readers and callers import them from here
    MAX_DEPTH,
    NOT_JSON,
    NOT_OBJECT,
    json_error_message,
    json_problem_text,
    not_object_finding,
    storable_problem,
)
from app.formats.model import Finding, Kind, Record, Severity
from app.i18n import N_, _

__all__ = [
    "MAX_DEPTH", "NOT_JSON", "NOT_OBJECT", "SAMPLE_LINE_BYTES", "SFT_KEYS", "detect_kind", "detect_kind_of_file",
    "json_error_message", "json_layout", "json_problem_text", "not_object_finding", "parse_line", "read_json_array",
    "read_json_records", "read_jsonl", "storable_problem",
]

SFT_KEYS = frozenset({"messages", "tools", "parallel_tool_calls", "functions"})

_KIND_PRIORITY = {Kind.SFT: 3, Kind.DPO: 2, Kind.RFT: 1}


def _not_json(raw: bytes, exc: orjson.JSONDecodeError, line: int) -> Finding:
    finding = bad_bytes_finding(raw, encoding.line_place(line), line)
    if finding is not None:  # invalid UTF-8 or NUL bytes: the encoding is the real problem
        return finding
    message = json_error_message(encoding.line_place(line), exc.msg, exc.pos + 1)  # orjson counts characters
    if raw.strip() in (b"{", b"["):
        message += " " + _("This looks like JSON spread over several lines; JSONL needs each example on one line.")
    return Finding(NOT_JSON, Severity.ERROR, message, line)


_REST_LOST = N_("The rest of the file could not be read.")
_BATCH = 1000  # records produced per pause of the garbage collector


def _gc_paused_batches(records: Iterator[Record]) -> Iterator[Record]:
    """Produce records in batches with the cyclic garbage collector paused during each batch.

    Parsing creates no reference cycles, but every new dict and list counts towards the
    collector's thresholds, and its repeated scans of the growing set of live objects cost
    about as much as the parsing itself. The collector's previous state is restored after each
    batch (also on errors), never held across a ``yield``; reading ahead one batch keeps memory
    bounded.
    """
    while True:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            batch = list(itertools.islice(records, _BATCH))
        finally:
            if was_enabled:
                gc.enable()
        if not batch:
            return
        yield from batch


def read_jsonl(source: Source) -> Iterator[Record]:
    """Yield one :class:`Record` per non-blank line of a JSONL source (see the module docstring)."""
    return _gc_paused_batches(_read_jsonl(source))


def _read_jsonl(source: Source) -> Iterator[Record]:
    try:
        for number, raw in enumerate(iter_raw_lines(source), 1):
            if not raw or raw.isspace():
                continue
            yield parse_line(raw, number)
    except UnreadableFile as exc:
        yield Record(0, None, [exc.finding])


def parse_line(raw: bytes, number: int) -> Record:
    """One non-blank JSONL line (UTF-8 bytes) as a :class:`Record` numbered ``number``.

    Public so a worker that reads its own byte range of a file numbers lines the same way.
    """
    if isinstance(raw, OversizedLine):
        return Record(number, None, [too_long_finding(raw.size, encoding.line_place(number), number)])
    try:
        obj = orjson.loads(raw)  # orjson also rejects invalid UTF-8: no separate decode step
    except orjson.JSONDecodeError as exc:
        return _line_error(raw, number, exc)
    if type(obj) is dict:
        return _storable(Record(number, obj), raw)
    return Record(number, None, [not_object_finding(obj, encoding.line_place(number), number)])


def _storable(record: Record, raw: bytes) -> Record:
    """``record`` unchanged, or without its data and with a finding when orjson cannot write the
    data back (nested deeper than :data:`MAX_DEPTH`). Each level needs a bracket, so a line with
    fewer brackets than that is not even tried (two ``count`` calls run at memchr speed)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return record
    problem = storable_problem(record.data)
    if problem is None:
        return record
    message = json_error_message(encoding.line_place(record.line), problem, None)
    return Record(record.line, None, [Finding(NOT_JSON, Severity.ERROR, message, record.line)])


def _line_error(raw: bytes, number: int, exc: orjson.JSONDecodeError) -> Record:
    if raw.startswith(b"\xef\xbb\xbf"):  # a stray BOM where two files were joined: forgive it
        raw = raw[3:]
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as again:
            exc = again
        else:
            if isinstance(obj, dict):
                return _storable(Record(number, obj), raw)
            return Record(number, None, [not_object_finding(obj, encoding.line_place(number), number)])
    return Record(number, None, [_not_json(raw, exc, number)])


def json_layout(source: Source) -> Literal["array", "lines"]:
    """``"array"`` when the first non-blank character is ``[`` (one JSON array), else ``"lines"``."""
    return "array" if head_bytes(source, 1 << 12).lstrip()[:1] == b"[" else "lines"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


_SURROGATE = re.compile("[\ud800-\udfff]")
_WS = re.compile(r"[ \t\r\n]*")


def read_json_array(source: Source) -> Iterator[Record]:
    """Yield one :class:`Record` per element of a file holding a single JSON array.

    Streams: elements are parsed one by one from a sliding text buffer, so memory stays near
    one chunk plus the largest element. After a syntax error the rest of the array cannot be
    found reliably, so reading stops with one ``not_json`` finding.
    """
    return _gc_paused_batches(_read_json_array(source))


def _read_json_array(source: Source) -> Iterator[Record]:
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    text = _Utf8Text(iter_utf8_chunks(source, CHUNK_SIZE))
    try:
        buf, eof = text.read(CHUNK_SIZE)
    except UnreadableFile as exc:
        yield Record(0, None, [exc.finding])
        return
    pos = _WS.match(buf).end()
    if buf[pos:pos + 1] != "[":
        yield Record(1, None, [Finding(NOT_JSON, Severity.ERROR,
                                       _("The file does not start with a JSON list ([...])."), 1)])
        return
    pos += 1
    mark, mark_line = 0, 1  # buf[mark] is on physical line mark_line (counted incrementally)
    item = 0
    expect_value = True
    while True:
        if len(buf) - pos < 64 and not eof:  # keep look-ahead for separators and short values
            mark, mark_line = 0, mark_line + buf.count("\n", mark, pos)
            more, eof = text.read(CHUNK_SIZE)
            buf, pos = buf[pos:] + more, 0
            continue
        pos = _WS.match(buf, pos).end()
        if pos >= len(buf):
            if eof:
                return  # a missing "]" at the very end is forgiven
            continue
        char = buf[pos]
        if char == "]":
            return  # also forgives a trailing comma before "]"
        if not expect_value:
            if char == ",":
                pos += 1
                expect_value = True
                continue
            where = encoding.item_place(item + 1, mark_line + buf.count("\n", mark, pos))
            message = _("{where} is not valid JSON: a comma is missing between two items.").format(where=where)
            yield Record(item + 1, None, [Finding(NOT_JSON, Severity.ERROR, f"{message} {_(_REST_LOST)}", item + 1)])
            return
        item += 1
        obj, end, buf, eof, problem = _decode_growing(decoder, text, buf, pos, eof)
        mark, mark_line = pos, mark_line + buf.count("\n", mark, pos)
        if problem is not None:
            yield Record(item, None, [_array_error(problem, buf, pos, encoding.item_place(item, mark_line), item)])
            return
        if text.saw_bad_bytes and _SURROGATE.search(buf, pos, end):
            raw = buf[pos:end].encode("utf-8", "surrogateescape")
            where = encoding.item_place(item, mark_line)
            finding = bad_bytes_finding(raw, where, item) or Finding("bad_encoding", Severity.ERROR, _(
                "{where} contains bytes that are not valid text.").format(where=where), item)
            yield Record(item, None, [finding])
        elif isinstance(obj, dict):
            yield _array_storable(item, obj, buf, pos, end, mark_line)
        else:
            yield Record(item, None, [not_object_finding(obj, encoding.item_place(item, mark_line), item)])
        pos = end
        expect_value = False
        if pos > CHUNK_SIZE:  # drop what has been consumed
            mark, mark_line = 0, mark_line + buf.count("\n", mark, pos)
            buf, pos = buf[pos:], 0


def _array_storable(item: int, obj: dict[str, Any], buf: str, pos: int, end: int, line: int) -> Record:
    """The record of an array item, read with the same rules as a JSONL line.

    The json module (which finds where an item ends) keeps integers beyond 64 bits, lone
    surrogate escapes and nesting up to ~1000 levels, none of which orjson can write back. When
    orjson cannot write the item, it is read again by orjson, as a JSONL line would be.
    """
    if storable_problem(obj) is None:
        return Record(item, obj)
    try:
        again = orjson.loads(buf[pos:end])
    except orjson.JSONDecodeError as exc:
        problem: str | None = exc.msg
    else:
        problem = storable_problem(again)
        if problem is None:
            return Record(item, again)
    message = json_error_message(encoding.item_place(item, line), problem, None)
    return Record(item, None, [Finding(NOT_JSON, Severity.ERROR, message, item)])


class _TooLong(Exception):
    """An array item longer than ``encoding.MAX_LINE_BYTES``; ``size`` is how much was read of it."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _decode_growing(decoder: json.JSONDecoder, text: _Utf8Text, buf: str, pos: int,
                    eof: bool) -> tuple[Any, int, str, bool, Exception | None]:
    """Decode the value at ``pos``, reading more text while it may be cut off by the buffer end.

    Returns ``(value, end, buf, eof, error)``; an item that grows past ``encoding.MAX_LINE_BYTES``
    characters is a :class:`_TooLong` error, so memory stays bounded.
    """
    want = CHUNK_SIZE
    while True:
        if len(buf) - pos > encoding.MAX_LINE_BYTES:
            return None, pos, buf, eof, _TooLong(len(buf) - pos)
        try:
            obj, end = decoder.raw_decode(buf, pos)
        except (ValueError, RecursionError) as exc:
            truncated = isinstance(exc, json.JSONDecodeError) and (
                exc.pos >= len(buf) - 12 or exc.msg.startswith("Unterminated"))
            if eof or not truncated:
                return None, pos, buf, eof, exc
        else:
            if end < len(buf) or eof:  # a value touching the buffer end may go on (a number)
                return obj, end, buf, eof, None
        # Doubling keeps a giant element linear, not quadratic; never reading far past the limit
        # keeps memory bounded.
        more, eof = text.read(min(want, encoding.MAX_LINE_BYTES + 1 - (len(buf) - pos)) or 1)
        want *= 2
        buf += more


def _array_error(exc: Exception, buf: str, pos: int, where: str, item: int) -> Finding:
    if isinstance(exc, _TooLong):
        return too_long_finding(exc.size, where, item, rest_lost=True)
    stop = exc.pos if isinstance(exc, json.JSONDecodeError) else len(buf)
    if "\x00" in buf[pos:stop + 1]:
        raw = buf[pos:stop + 1].encode("utf-8", "surrogateescape")
        finding = bad_bytes_finding(raw, where, item)
        if finding is not None:
            return Finding(finding.code, finding.severity, f"{finding.message} {_(_REST_LOST)}", item)
    if isinstance(exc, RecursionError):
        reason = "depth limit"
    elif isinstance(exc, json.JSONDecodeError):
        reason = "end of data" if exc.pos >= len(buf.rstrip()) else exc.msg
    else:
        reason = str(exc)
    return Finding(NOT_JSON, Severity.ERROR, f"{json_error_message(where, reason, None)} {_(_REST_LOST)}", item)


class _Utf8Text:
    """Decode UTF-8 chunks incrementally; invalid bytes become lone surrogates (surrogateescape)
    so the element holding them can be reported instead of silently altered."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self.saw_bad_bytes = False

    def read(self, size: int) -> tuple[str, bool]:
        """At least ``size`` characters (fewer at the end) and whether the end was reached."""
        parts: list[str] = []
        got = 0
        for chunk in self._chunks:
            text = self._decoder.decode(chunk)
            parts.append(text)
            got += len(text)
            if got >= size:
                break
        else:
            parts.append(self._decoder.decode(b"", final=True))
            return self._finish(parts), True
        return self._finish(parts), False

    def _finish(self, parts: list[str]) -> str:
        text = "".join(parts)
        if not self.saw_bad_bytes and _SURROGATE.search(text):
            self.saw_bad_bytes = True
        return text


def read_json_records(source: Source) -> Iterator[Record]:
    """Read JSONL or, when the file is one JSON array, its elements (see :func:`json_layout`)."""
    if json_layout(source) == "array":
        return read_json_array(source)
    return read_jsonl(source)


def detect_kind(obj: object) -> Kind | None:
    """The kind of one OpenAI example, or None when it is none of them.

    DPO: ``input`` plus ``preferred_output`` or ``non_preferred_output``. SFT: ``messages`` and
    only SFT keys (messages, tools, parallel_tool_calls, functions). RFT: ``messages`` plus any
    other top-level key (the reference fields graders read).
    """
    if not isinstance(obj, dict):
        return None
    if "input" in obj and ("preferred_output" in obj or "non_preferred_output" in obj):
        return Kind.DPO
    if "messages" in obj:
        return Kind.SFT if obj.keys() <= SFT_KEYS else Kind.RFT
    return None


# Lines longer than this are passed over when guessing the kind (unless no other line says it):
# parsing a 50 MB line takes ~0.2 s in one call that holds the GIL, and the guess runs in a thread of
# the app's own process, so the window would freeze that long.
SAMPLE_LINE_BYTES = 1 << 20


def detect_kind_of_file(path: Source, sample: int = 50, *, long_lines: bool = False) -> Kind | None:
    """The most common kind among the first ``sample`` objects of a JSONL/JSON-array file.

    Ties go to SFT, then DPO, then RFT. None when no object of a known kind was found. The
    caller may always override the guess. JSONL lines over :data:`SAMPLE_LINE_BYTES` only count
    when no shorter line shows a kind (or with ``long_lines``).
    """
    votes: Counter[Kind] = Counter()
    seen = 0
    skipped = False
    if json_layout(path) == "array" or long_lines:
        objects: Iterator[Any] = (r.data for r in read_json_records(path))
    else:
        objects = _short_lines(path)
    for obj in objects:
        if obj is _LONG:
            skipped = True
        elif obj is not None:
            if (kind := detect_kind(obj)) is not None:
                votes[kind] += 1
            seen += 1
            if seen >= sample:
                break
    if not votes:
        return detect_kind_of_file(path, sample, long_lines=True) if skipped else None
    return max(votes, key=lambda k: (votes[k], _KIND_PRIORITY[k]))


_LONG = object()  # stands for a line too long to sample


def _short_lines(source: Source) -> Iterator[Any]:
    """The object of each non-blank JSONL line (None when it is none), ``_LONG`` for long lines."""
    try:
        for number, raw in enumerate(iter_raw_lines(source), 1):
            if len(raw) > SAMPLE_LINE_BYTES:
                yield _LONG
            elif raw and not raw.isspace():
                yield parse_line(raw, number).data
    except UnreadableFile:
        return
