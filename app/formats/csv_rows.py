"""Split a CSV or TSV source into rows of cells, each with the physical line it starts on.

* Quoting follows RFC 4180: cells in double quotes may hold the delimiter, line breaks and
  doubled quotes (``""``). Line breaks inside cells are normalised to ``\\n``.
* The delimiter is given, or sniffed from the header line: the most frequent of ``,`` tab ``;``
  ``|`` (ties in that order; ``,`` when none occurs).
* A row's line is the physical line where it starts. Blank rows (also rows of empty cells only)
  are skipped silently. An unclosed quote, text after a closing quote or a cell over 16 Mi
  characters gives a ``bad_csv`` finding for that row.

Only the splitting lives here; what a row becomes is ``tabular``'s business.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator

from app.formats.encoding import OversizedLine, Source, UnreadableFile, decode_line, iter_raw_lines
from app.formats.model import Finding, Severity
from app.i18n import _

# Characters in one cell. A base64 image of 10 MB is ~14 M; the default 128 K is too small. Reading
# costs ~13x the largest cell (measured: a 50 MB cell peaks at +650 MB; the csv module alone keeps
# 4 bytes a character), so the limit bounds memory too. Nothing useful is longer: a training example
# holds at most ~128 K tokens, about 0.5 M characters.
FIELD_LIMIT = 16 << 20
# Process-wide by necessity (the csv module has no per-reader limit); only ever raised.
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))

DELIMITERS = (",", "\t", ";", "|")
BAD_CSV = "bad_csv"


def sniff_delimiter(header_line: str) -> str:
    """The delimiter for a header line (see the module docstring)."""
    counts = [header_line.count(d) for d in DELIMITERS]
    best = max(counts)
    return DELIMITERS[counts.index(best)] if best else ","


def _csv_message(exc: csv.Error, line: int) -> str:
    text = str(exc)
    if "end of data" in text:
        message = _("Line {line}: a quoted cell starts here but its closing quote (\") is missing, so the rest of "
                    "the file was read into it. Add the missing quote.")
    elif "expected after" in text:
        message = _("Line {line}: a cell has text after its closing quote. Put the whole cell in quotes and write "
                    "each quote inside it twice (\"\").")
    elif "field limit" in text:
        message = _("Line {line}: a cell is longer than {limit} million characters (often because a closing quote "
                    "is missing). Check the quotes.")
    else:
        message = _("Line {line}: the row cannot be read ({error}). Check its quotes.")
    return message.format(line=line, limit=FIELD_LIMIT >> 20, error=text)


def iter_rows(
    source: Source, delimiter: str | None
) -> tuple[str, Iterator[tuple[int, list[str] | None, list[Finding]]]]:
    """``(delimiter, rows)`` where rows yields ``(start_line, cells or None, findings)``.

    A whole-file problem is one ``(0, None, [finding])``. Cells of rows with undecodable
    bytes hold U+FFFD and come with a ``bad_encoding`` finding.
    """
    bad: dict[int, Finding] = {}

    def decoded() -> Iterator[str]:
        for line, raw in enumerate(iter_raw_lines(source, keepends=True), 1):
            text, finding = decode_line(raw, line)
            if finding is not None:
                bad[line] = finding
            # An over-long line comes without its line end: give it one, so the rows stay apart.
            yield text + "\n" if isinstance(raw, OversizedLine) else text

    lines = decoded()
    head: list[str] = []
    try:
        for text in lines:  # the first non-blank line decides the delimiter
            head.append(text)
            if text.strip():
                break
    except UnreadableFile as exc:
        return delimiter or ",", iter([(0, None, [exc.finding])])
    delim = delimiter or sniff_delimiter(head[-1] if head else "")

    feed = _Feed(itertools.chain(head, lines))

    def parse() -> Iterator[tuple[int, list[str] | None, list[Finding]]]:
        reader = csv.reader(feed, delimiter=delim, quotechar='"', strict=True)
        while True:
            start = feed.count + 1
            feed.quotes = 0
            try:
                row: list[str] | None = next(reader)
                findings: list[Finding] = []
            except StopIteration:
                return
            except csv.Error as exc:
                if "field limit" in str(exc):
                    feed.skip_open_cell()
                row, findings = None, [Finding(BAD_CSV, Severity.ERROR, _csv_message(exc, start), start)]
            if bad:
                findings += [bad.pop(n) for n in range(start, feed.count + 1) if n in bad]
            if row is not None and not any(cell.strip() for cell in row):
                continue  # a blank row
            if row is not None and feed.count > start:  # multi-line cells: one kind of line end
                row = [c.replace("\r\n", "\n").replace("\r", "\n") if "\r" in c else c for c in row]
            yield start, row, findings

    return delim, parse()


class _Feed:
    """The lines given to the csv reader, counted, with the quotes of the current row counted too.

    After a cell over :data:`FIELD_LIMIT` the csv module gives up inside that quoted cell and
    would read each of its remaining lines as a row of its own (a 50 MB cell: two million bogus
    rows); :meth:`skip_open_cell` reads past them instead, so the whole cell is one finding.
    """

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.count = 0  # lines read, skipped ones included: the physical line number
        self.quotes = 0  # quote characters in the current row; odd: inside a quoted cell

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        text = next(self.lines)
        self.count += 1
        self.quotes += text.count('"')
        return text

    def skip_open_cell(self) -> None:
        """Read past the rest of a quoted cell the csv reader gave up on (to its closing quote)."""
        while self.quotes % 2:
            text = next(self.lines, None)
            if text is None:
                return
            self.count += 1
            self.quotes += text.count('"')
