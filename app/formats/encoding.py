"""Turn the bytes of a file into text lines, never into mojibake.

Accepted: UTF-8 with or without a byte-order mark (BOM), UTF-16 LE/BE *with* a BOM, and any
mix of LF, CRLF and CR line ends. Everything else becomes a :class:`Finding` phrased for a
non-programmer ("save the file as UTF-8"):

* problems of the whole file (UTF-32 or another unsupported BOM, UTF-16 without a BOM, a ZIP,
  Excel, PDF or gzip file) raise :class:`UnreadableFile` from the low-level iterators and come
  out of :func:`iter_lines` as one line-0 entry;
* problems of one line (invalid UTF-8, a NUL byte, a line longer than :data:`MAX_LINE_BYTES`)
  are reported for that line only, so the good lines around it are kept.

A *source* (:data:`Source`) is one of:

* an ``os.PathLike`` - a file, read in chunks (a 100 MB file is never held whole);
* ``bytes`` / ``bytearray`` / ``memoryview`` - the content of a file;
* ``str`` - a file path, **unless** it contains a line break (``\\n`` or ``\\r``): then it is
  the text itself (pass one-line text as bytes).

A :class:`TrackedPath` is a path that also tells how far into the file its readers have read.

Internally every source becomes a stream of UTF-8 chunks: UTF-16 is transcoded on the fly
with broken characters kept as invalid UTF-8 bytes, so one per-line check covers both.
"""

from __future__ import annotations

import codecs
import itertools
import os
from collections.abc import Iterator

from app.formats.model import Finding, Severity
from app.i18n import N_, _, number

Source = str | os.PathLike[str] | bytes | bytearray | memoryview

CHUNK_SIZE = 1 << 20  # 1 MiB: big enough to amortise Python overhead, small enough to stream

# The longest line read. The largest example the platform accepts holds 10 images of at most 10 MB
# (API_NOTES §8.2): 133 MiB in base64, plus its text. A longer line cannot be a valid example, and
# reading it costs about 4x its size in memory (measured: a 50 MB line peaks at +200 MB while
# checked), so it is reported and skipped, never held whole.
MAX_LINE_BYTES = 150 << 20
LINE_TOO_LONG = "line_too_long"

BAD_ENCODING = "bad_encoding"
NOT_TEXT = "not_text"

_SAVE_AS_UTF8 = N_("Save the file as UTF-8 (in Excel: “CSV UTF-8”) and import it again.")

# (prefix, codec or None when unsupported, name for messages). Order matters: the UTF-32 LE BOM
# begins with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str | None, str], ...] = (
    (codecs.BOM_UTF32_LE, None, "UTF-32"),
    (codecs.BOM_UTF32_BE, None, "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    (b"\x84\x31\x95\x33", None, "GB-18030"),
    (b"+/v8", None, "UTF-7"),
    (b"+/v9", None, "UTF-7"),
    (b"+/v+", None, "UTF-7"),
    (b"+/v/", None, "UTF-7"),
)

# Binary files people pick by mistake, with what to do instead (translated where it is said).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", N_("This file is a ZIP archive or an Excel/Word document, not text. In Excel use File → "
                       "Save As → “CSV UTF-8”; unpack ZIP archives first.")),
    (b"\xd0\xcf\x11\xe0", N_("This file is an old Excel or Word document, not text. In Excel use File → Save As → "
                             "“CSV UTF-8”.")),
    (b"\x1f\x8b", N_("This file is compressed (gzip), not text. Unpack it first, then import the .jsonl or .csv "
                     "file.")),
    (b"%PDF-", N_("This file is a PDF document, not text. Training data must be JSONL or CSV.")),
    (b"PAR1", N_("This file is a Parquet file, not text. Convert it to JSONL first (for example with pandas: "
                 "df.to_json(path, orient='records', lines=True, force_ascii=False)).")),
)


class TrackedPath(os.PathLike):
    """A file path (a source like any other) whose readers note how far into the file they have read.

    ``reached`` is the furthest byte offset read so far: after a streaming reader produced a record,
    it tells where in the file that record came from, give or take the reader's read-ahead. The same
    reader on the same file always reads the same way, so every process that reads the file this way
    finds each record at the same ``reached`` (``app.formats.reader_parts`` splits work by it).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.reached = 0

    def __fspath__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"TrackedPath({self.path!r}, reached={self.reached})"


class OversizedLine(bytes):
    """Stands in for a line longer than :data:`MAX_LINE_BYTES`: only its first bytes are kept,
    ``size`` is its full length in bytes (line end excluded)."""

    size: int = 0


def oversized(head: bytes, size: int) -> OversizedLine:
    """An :class:`OversizedLine` of ``size`` bytes starting with ``head`` (at most 64 bytes kept)."""
    line = OversizedLine(head[:min(64, size)])  # never the line end
    line.size = size
    return line


def line_place(line: int) -> str:
    """A line as the place in a message ("Line 3"); make it only when a message is made."""
    return _("Line {line}").format(line=line)


def item_place(item: int, line: int) -> str:
    """An item of a JSON array as the place in a message ("Item 17 (line 230)")."""
    return _("Item {item} (line {line})").format(item=item, line=line)


def too_long_finding(size: int, where: str, line: int, *, rest_lost: bool = False) -> Finding:
    """The ``line_too_long`` finding for a line (or JSON array item) of ``size`` bytes; with
    ``rest_lost`` reading stopped inside it, so the rest of the file is lost too."""
    limit = number(MAX_LINE_BYTES / 1048576)
    if rest_lost:
        text = _("{where} is longer than {limit} MB; an example can take at most {limit} MB (10 images of 10 MB "
                 "each, and their text), so it and the rest of the file were not read. It may hold several "
                 "examples without line breaks between them, or images that should be made smaller.")
    else:
        text = _("{where} is {size} MB long; an example can take at most {limit} MB (10 images of 10 MB each, and "
                 "their text), so it was not read. It may hold several examples without line breaks between them, "
                 "or images that should be made smaller.")
    return Finding(LINE_TOO_LONG, Severity.ERROR,
                   text.format(where=where, limit=limit, size=number(size / 1048576)), line)


class UnreadableFile(Exception):
    """The whole file cannot be read as text; ``finding`` says why and what to do."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding

    def __reduce__(self) -> tuple:
        # Raised in a worker process and re-raised in the app: rebuild it from its finding.
        return (type(self), (self.finding,))


def _whole_file(code: str, message: str) -> UnreadableFile:
    return UnreadableFile(Finding(code, Severity.ERROR, message, None))


def sniff(head: bytes) -> tuple[str, int]:
    """Return ``(codec, bom_length)`` for the first bytes of a file.

    ``codec`` is ``"utf-8"``, ``"utf-16-le"`` or ``"utf-16-be"``. Raises :class:`UnreadableFile`
    for an unsupported BOM, a known binary format, or UTF-16 without a BOM.
    """
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            if codec is None:
                raise _whole_file(BAD_ENCODING, _("This file is saved as {encoding}, which cannot be read.").format(
                    encoding=name) + " " + _(_SAVE_AS_UTF8))
            return codec, len(bom)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _whole_file(NOT_TEXT, _(what))
    # UTF-16 without a BOM: mostly-ASCII text then has a zero byte in every other position.
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        half = len(sample) // 2
        if sample[1::2].count(0) > half * 0.4 or sample[0::2].count(0) > half * 0.4:
            raise _whole_file(BAD_ENCODING, _("This file looks like UTF-16 text without a byte-order mark, which "
                                              "cannot be read reliably.") + " " + _(_SAVE_AS_UTF8))
    return "utf-8", 0


def _raw_chunks(source: Source, chunk_size: int) -> Iterator[bytes]:
    """The source's bytes in chunks (text is encoded as UTF-8, keeping lone surrogates visible)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = memoryview(source).cast("B")
        for start in range(0, len(data), chunk_size):
            yield bytes(data[start:start + chunk_size])
    elif isinstance(source, str) and ("\n" in source or "\r" in source):
        for start in range(0, len(source), chunk_size):
            # surrogatepass: a lone surrogate becomes invalid UTF-8 and is reported for its line.
            yield source[start:start + chunk_size].encode("utf-8", "surrogatepass")
    else:
        tracked = source if isinstance(source, TrackedPath) else None
        with open(source, "rb") as f:
            at = 0
            while chunk := f.read(chunk_size):
                if tracked is not None:
                    at += len(chunk)
                    tracked.reached = max(tracked.reached, at)  # a second pass (a sniff) never goes back
                yield chunk


def iter_utf8_chunks(source: Source, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the source as UTF-8 byte chunks, BOM removed, UTF-16 transcoded.

    Invalid bytes are passed on untouched (UTF-16 errors become invalid UTF-8) so the line that
    holds them can be reported. Raises :class:`UnreadableFile` (before the first chunk) for
    whole-file problems and ``OSError`` when a file cannot be opened.
    """
    chunks = _raw_chunks(source, chunk_size)
    head = b""
    for chunk in chunks:  # gather enough bytes to sniff the encoding
        head += chunk
        if len(head) >= 4096:
            break
    if not head:
        return
    codec, bom = sniff(head)
    if codec == "utf-8":
        if head[bom:]:
            yield head[bom:]
        yield from chunks
        return
    decoder = codecs.getincrementaldecoder(codec)(errors="surrogatepass")
    for chunk in itertools.chain((head[bom:],), chunks):
        if text := decoder.decode(chunk):
            yield text.encode("utf-8", "surrogatepass")
    try:
        tail = decoder.decode(b"", final=True).encode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        tail = b"\xff"  # the file ends inside a character: mark the last line as broken
    if tail:
        yield tail


def iter_raw_lines(source: Source, *, keepends: bool = False, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield each physical line as UTF-8 bytes (not yet checked), splitting on LF, CRLF and CR.

    Blank lines are yielded too, so ``enumerate(..., 1)`` gives file line numbers. A line longer
    than :data:`MAX_LINE_BYTES` comes as an :class:`OversizedLine` (without its line end), read
    past without being held. Raises :class:`UnreadableFile` for whole-file problems.
    """
    pending: list[bytes] = []  # pieces of a line that spans chunks
    pending_size = 0
    skipped: OversizedLine | None = None  # an over-long line being read past
    drop_lf = False  # an over-long line ended with a CR at a chunk's end: a LF next is its CRLF
    for chunk in iter_utf8_chunks(source, chunk_size):
        if drop_lf:
            drop_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if pending and not pending[-1].endswith(b"\r"):
            end = _line_end(chunk)
            if end < 0 and pending_size + len(chunk) <= MAX_LINE_BYTES:
                pending.append(chunk)  # a long line: gather its pieces, join them once
                pending_size += len(chunk)
                continue
            if pending_size + (len(chunk) if end < 0 else end) > MAX_LINE_BYTES:
                skipped = oversized(pending[0], pending_size)  # too long: stop holding it
                pending, pending_size = [], 0
        if skipped is not None:
            end = _line_end(chunk)
            if end < 0:
                skipped.size += len(chunk)
                continue
            skipped.size += end
            if chunk.startswith(b"\r\n", end):
                end += 1
            elif end + 1 == len(chunk) and chunk[end] == 13:  # a CR last: its LF may start the next chunk
                drop_lf = True
            chunk = chunk[end + 1:]
            yield skipped
            skipped = None
        if pending:
            end = _line_end(chunk)
            after = end + (2 if chunk.startswith(b"\r\n", end) else 1)
            if end >= 0 and not pending[-1].endswith(b"\r") and not (after == len(chunk) and chunk[end] == 13):
                # Join only the long line's own pieces: one copy of it, not three (join, split, strip).
                pending.append(chunk[:after] if keepends else chunk[:end])
                yield b"".join(pending)
                chunk = chunk[after:]
            else:
                pending.append(chunk)
                chunk = b"".join(pending)
            pending, pending_size = [], 0
        parts = chunk.splitlines(keepends=True)  # bytes split only on \n, \r\n and \r
        # The last part may be incomplete, or a CR whose LF starts the next chunk.
        if parts and not parts[-1].endswith(b"\n"):
            pending.append(parts.pop())
            pending_size = len(pending[0])
        for part in parts:
            if len(part) > MAX_LINE_BYTES and (size := _content_length(part)) > MAX_LINE_BYTES:
                yield oversized(part, size)
            else:
                yield part if keepends else part.rstrip(b"\r\n")
    if skipped is not None:
        yield skipped
    if pending:
        last = b"".join(pending)
        if (size := _content_length(last)) > MAX_LINE_BYTES:
            yield oversized(last, size)
        else:
            yield last if keepends else last.rstrip(b"\r\n")


def _content_length(line: bytes) -> int:
    """The length of a line without its line end."""
    return len(line) - (2 if line.endswith(b"\r\n") else 1 if line[-1:] in (b"\r", b"\n") else 0)


def _line_end(chunk: bytes) -> int:
    """The index of the first CR or LF in ``chunk``, or -1."""
    cr, lf = chunk.find(b"\r"), chunk.find(b"\n")
    return lf if cr < 0 else cr if lf < 0 else min(cr, lf)


def bad_bytes_finding(raw: bytes, where: str, line: int) -> Finding | None:
    """A ``bad_encoding`` finding when ``raw`` holds a NUL byte or invalid UTF-8, else None.

    ``where`` names the place for the message, such as ``"Line 3"`` or ``"Item 3 (line 12)"``.
    """
    if b"\x00" in raw:
        return Finding(BAD_ENCODING, Severity.ERROR,
                       _("{where} contains a zero byte (NUL), which does not belong in text; the file may be "
                         "UTF-16 or binary.").format(where=where) + " " + _(_SAVE_AS_UTF8), line)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Finding(BAD_ENCODING, Severity.ERROR, _invalid_utf8_message(raw, exc, where), line)
    return None


def _invalid_utf8_message(raw: bytes, exc: UnicodeDecodeError, where: str) -> str:
    column = len(raw[:exc.start].decode("utf-8", "replace")) + 1
    byte = raw[exc.start]
    if byte == 0xED and raw[exc.start + 1:exc.start + 2] >= b"\xa0":  # an encoded lone surrogate
        return _("{where} contains a broken character at character {column} (half of a surrogate pair, often "
                 "from a badly converted emoji).").format(where=where, column=column) + " " + _(_SAVE_AS_UTF8)
    guess = bytes([byte]).decode("cp1252", "replace")
    if guess.isprintable() and guess != "\ufffd":
        text = _("{where} is not valid UTF-8 text: the byte {byte} at character {column} cannot be read (in "
                 "Windows-1252 it would be “{guess}”). The file was probably saved in another encoding.")
    else:
        text = _("{where} is not valid UTF-8 text: the byte {byte} at character {column} cannot be read. The file "
                 "was probably saved in another encoding.")
    return text.format(where=where, byte=f"0x{byte:02X}", column=column, guess=guess) + " " + _(_SAVE_AS_UTF8)


def decode_line(raw: bytes, line: int, where: str | None = None) -> tuple[str, Finding | None]:
    """Decode one line: ``(text, None)``, or ``(text with U+FFFD for bad bytes, finding)``.

    The replacement text keeps the line's structure (quotes, commas) intact for parsers that
    need it; callers must not keep it as data when a finding is returned. An
    :class:`OversizedLine` becomes one U+FFFD and a ``line_too_long`` finding.
    """
    if isinstance(raw, OversizedLine):
        return "\ufffd", too_long_finding(raw.size, where or line_place(line), line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
    else:
        if "\x00" not in text:
            return text, None
    return text.replace("\x00", "\ufffd"), bad_bytes_finding(raw, where or line_place(line), line)


def iter_lines(source: Source, *, keepends: bool = False) -> Iterator[tuple[int, str | None, Finding | None]]:
    """Yield ``(line_number, text, finding)`` for every physical line (1-based, blank lines too).

    A line that cannot be decoded gives ``(n, None, finding)``; a whole-file problem gives one
    ``(0, None, finding)`` and nothing else. Only ``OSError`` (file cannot be opened) is raised.
    """
    try:
        for number, raw in enumerate(iter_raw_lines(source, keepends=keepends), 1):
            text, finding = decode_line(raw, number)
            yield (number, None, finding) if finding else (number, text, None)
    except UnreadableFile as exc:
        yield 0, None, exc.finding


def head_bytes(source: Source, limit: int = 1 << 16) -> bytes:
    """Up to ``limit`` UTF-8 bytes from the start of the source (b"" when it is unreadable)."""
    out: list[bytes] = []
    size = 0
    chunks = iter_utf8_chunks(source, chunk_size=min(limit, CHUNK_SIZE))
    try:
        for chunk in chunks:
            out.append(chunk)
            size += len(chunk)
            if size >= limit:
                break
    except UnreadableFile:
        return b""
    finally:
        chunks.close()  # closes the file now rather than at garbage collection
    return b"".join(out)[:limit]
