"""Read CSV and TSV files into OpenAI objects through a :class:`ColumnMapping`.

* The first non-blank row is the header (required); column names are matched after trimming
  spaces. A mapping that names a column the file does not have raises :class:`MappingError`
  (a ``ValueError`` with a message for the user) - the one exception the reader raises.
* Quoting follows RFC 4180: cells in double quotes may hold the delimiter, line breaks and
  doubled quotes (``""``). Line breaks inside cells are normalised to ``\\n``.
* The delimiter is given, or sniffed from the header line: the most frequent of ``,`` tab ``;``
  ``|`` (ties in that order; ``,`` when none occurs).
* A record's ``line`` is the physical line where its row starts. Blank rows (also rows of
  empty cells only) are skipped silently. An unclosed quote, text after a closing quote or a
  cell over 16 Mi characters gives a ``bad_csv`` finding for that row.
* Cells are plain text, never interpreted: ``=SUM(A1)`` or ``+1`` stay exactly as written.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from app.formats.encoding import OversizedLine, Source, UnreadableFile, decode_line, iter_raw_lines
from app.formats.jsonl import json_problem_text, storable_problem
from app.formats.model import Finding, Kind, Record, Severity
from app.i18n import N_, _, ngettext, number

# Characters in one cell. A base64 image of 10 MB is ~14 M; the default 128 K is too small. Reading
# costs ~13x the largest cell (measured: a 50 MB cell peaks at +650 MB; the csv module alone keeps
# 4 bytes a character), so the limit bounds memory too. Nothing useful is longer: a training example
# holds at most ~128 K tokens, about 0.5 M characters.
FIELD_LIMIT = 16 << 20
# Process-wide by necessity (the csv module has no per-reader limit); only ever raised.
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))

DELIMITERS = (",", "\t", ";", "|")
BAD_CSV = "bad_csv"
EMPTY_CELL = "empty_cell"
WRONG_CELL_COUNT = "wrong_cell_count"

_RESERVED = frozenset({"messages", "tools"})


class MappingError(ValueError):
    """The column mapping does not fit the file; the message is meant for the user."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds which part of an example (values are header names).

    SFT: ``user`` and ``assistant`` (required), ``system`` optional. DPO: ``prompt`` (or
    ``user``), ``chosen`` and ``rejected``. RFT: ``user`` plus ``extra`` = {item field: column};
    the ``system`` text is sent as a ``developer`` message there, since RFT has no system role.
    ``system_prompt`` is a fixed system text, used when there is no ``system`` column or its
    cell is empty. ``json_fields`` lists extra fields whose cells are parsed as JSON instead of
    kept as text. ``kind`` defaults to DPO when chosen/rejected are set, RFT when ``extra`` is,
    else SFT.
    """

    user: str | None = None
    assistant: str | None = None
    system: str | None = None
    system_prompt: str | None = None
    prompt: str | None = None
    chosen: str | None = None
    rejected: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    json_fields: frozenset[str] = frozenset()
    kind: Kind | None = None

    def resolve_kind(self, kind: Kind | None = None) -> Kind:
        """The kind to build: ``kind`` if given, then ``self.kind``, then inferred."""
        if kind or self.kind:
            return Kind(kind or self.kind)
        if self.chosen or self.rejected:
            return Kind.DPO
        return Kind.RFT if self.extra else Kind.SFT

    def roles(self, kind: Kind) -> dict[str, str]:
        """{part: column} for the parts ``kind`` uses, e.g. {"user": "question", ...}."""
        if kind is Kind.DPO:
            parts = {"prompt": self.prompt or self.user, "chosen": self.chosen, "rejected": self.rejected}
        elif kind is Kind.RFT:
            parts = {"user": self.user}
        else:
            parts = {"user": self.user, "assistant": self.assistant}
        return {part: col for part, col in parts.items() if col}

    def check(self, header: Sequence[str], kind: Kind | None = None) -> tuple[Kind, dict[str, int]]:
        """Validate against a header: ``(kind, {column: index})``, or raise :class:`MappingError`."""
        kind = self.resolve_kind(kind)
        required = {Kind.SFT: ("user", "assistant"), Kind.DPO: ("prompt", "chosen", "rejected"),
                    Kind.RFT: ("user",)}[kind]
        roles = self.roles(kind)
        missing = [part for part in required if part not in roles]
        if len(missing) == 1:
            raise MappingError(_("Choose the column that holds the {part} for {kind} data.").format(
                part=missing[0], kind=kind.value.upper()))
        if missing:
            raise MappingError(_("Choose the columns that hold these parts of {kind} data: {parts}.").format(
                kind=kind.value.upper(), parts=", ".join(missing)))
        if kind is Kind.RFT and self.assistant:
            raise MappingError(_("RFT items have no assistant answer: map the expected answer to an extra field (for "
                                 "example “reference_answer”) for the grader instead."))
        if self.extra and kind is not Kind.RFT:
            raise MappingError(_("Extra fields are only used for RFT data."))
        if clash := _RESERVED & set(self.extra):
            raise MappingError(_("“{name}” cannot be an extra field: OpenAI reserves that name.").format(
                name=sorted(clash)[0]))
        names = [h.strip() for h in header]
        index: dict[str, int] = {}
        wanted = [*roles.values(), *([self.system] if self.system else []), *self.extra.values()]
        for column in wanted:
            if column not in names:
                raise MappingError(_("The column “{column}” is not in the file. Its columns are: {columns}.").format(
                    column=short_name(column), columns=column_list(names)))
            if names.count(column) > 1:
                raise MappingError(_("The file has more than one column named “{column}”; rename one so it is clear "
                                     "which to use.").format(column=short_name(column)))
            index[column] = names.index(column)
        return kind, index


_SYNONYMS = {
    "system": ("system", "system_prompt", "system prompt", "instructions"),
    "user": ("user", "prompt", "question", "input", "instruction", "query", "human", "request"),
    "assistant": ("assistant", "answer", "response", "output", "completion", "reply", "gpt"),
    "chosen": ("chosen", "preferred", "preferred_output", "accepted", "good"),
    "rejected": ("rejected", "non_preferred", "non_preferred_output", "dispreferred", "bad"),
}


def guess_mapping(header: Sequence[str], kind: Kind | None = None) -> ColumnMapping | None:
    """A likely mapping from common column names (question/answer, prompt/chosen/rejected...),
    or None. For RFT every column not used for the prompt becomes an extra field."""
    names = [h.strip() for h in header]
    lowered = {n.lower(): n for n in reversed(names) if n}  # first occurrence wins
    found = {part: next((lowered[s] for s in options if s in lowered), None)
             for part, options in _SYNONYMS.items()}
    if kind is Kind.DPO or (kind is None and found["chosen"] and found["rejected"]):
        if not (found["user"] and found["chosen"] and found["rejected"]):
            return None
        return ColumnMapping(prompt=found["user"], chosen=found["chosen"], rejected=found["rejected"],
                             system=found["system"], kind=Kind.DPO)
    if kind is Kind.RFT:
        if not found["user"]:
            return None
        used = {found["user"], found["system"]}
        return ColumnMapping(user=found["user"], system=found["system"], kind=Kind.RFT,
                             extra={n: n for n in names if n and n not in used and n not in _RESERVED})
    if found["user"] and found["assistant"]:
        return ColumnMapping(user=found["user"], assistant=found["assistant"], system=found["system"],
                             kind=Kind.SFT)
    return None


def short_name(name: str, limit: int = 40) -> str:
    """A column name for a message, cut short (a header cell may hold a whole text by mistake)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def column_list(names: Sequence[str], limit: int = 20) -> str:
    """The non-empty column names for a message: each cut short, at most ``limit`` of them."""
    shown = [short_name(n) for n in names if n]
    if len(shown) > limit:
        shown = [*shown[:limit], _("and {n} more").format(n=number(len(shown) - limit))]
    return ", ".join(shown) or _("(none)")


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


def _rows(source: Source, delimiter: str | None) -> tuple[str, Iterator[tuple[int, list[str] | None,
                                                                                list[Finding]]]]:
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


PREVIEW_CELL_CHARS = 4096


@dataclass
class TablePreview:
    """The start of a table for a column-mapping dialog."""

    header: list[str]
    rows: list[list[str]]  # cells as read, cut at PREVIEW_CELL_CHARS; undecodable bytes show as U+FFFD
    lines: list[int]  # the physical line where each row starts
    delimiter: str
    findings: list[Finding] = field(default_factory=list)


def preview(path_or_text: Source, n: int = 20, *, delimiter: str | None = None) -> TablePreview:
    """Header and first ``n`` rows (see ``encoding.Source`` for how a ``str`` is taken). Never
    raises on content; an empty file gives an empty header and a finding."""
    delim, rows = _rows(path_or_text, delimiter)
    out = TablePreview([], [], [], delim)
    for start, row, findings in rows:
        out.findings += findings
        if row is None:
            if start == 0:
                return out
            continue
        if not out.header:
            out.header = [h.strip() for h in row]
            continue
        # Cut long cells: a preview shows their start, and a 10 MB cell made the mapping dialog
        # freeze 165 ms each time it laid its text out on the GUI thread.
        out.rows.append([c if len(c) <= PREVIEW_CELL_CHARS else c[:PREVIEW_CELL_CHARS - 1] + "…" for c in row])
        out.lines.append(start)
        if len(out.rows) >= n:
            break
    if not out.header and not out.findings:
        out.findings.append(_no_header())
    return out


def _no_header() -> Finding:
    return Finding("no_header", Severity.ERROR, _("The file is empty: the first row must name the columns."), 1)


def read_table(source: Source, mapping: ColumnMapping | None = None, *, delimiter: str | None = None,
               kind: Kind | None = None) -> Iterator[Record]:
    """Yield one :class:`Record` per data row, built as ``kind`` (or the mapping's kind).

    Without a mapping, :func:`guess_mapping` is tried. Raises :class:`MappingError` when no
    mapping fits the header. Required cells that are empty give ``empty_cell`` errors; rows
    with more non-empty cells than the header give ``wrong_cell_count`` (usually a delimiter
    inside an unquoted cell).
    """
    delim, rows = _rows(source, delimiter)
    header: list[str] | None = None
    builder: _RowBuilder | None = None
    for start, row, findings in rows:
        if row is None or (header is not None and findings):
            yield Record(start, None, findings)
            if start == 0:
                return  # the whole file is unreadable
            continue
        if header is None:
            header = [h.strip() for h in row]
            if mapping is None:
                mapping = guess_mapping(header, kind)
                if mapping is None:
                    raise MappingError(_("Choose which columns hold the parts of each example: no column is named "
                                         "like user/assistant or prompt/chosen/rejected."))
            builder = _RowBuilder(mapping, header, kind, delim)
            if findings:
                yield Record(start, None, findings)
            continue
        assert builder is not None
        yield builder.build(start, row)
    if header is None:
        yield Record(1, None, [_no_header()])


# The empty-cell finding for each part of an example (translated where it is made).
_EMPTY_CELL = {
    "user": N_("Line {line}: the “{column}” cell is empty, but it holds the user."),
    "assistant": N_("Line {line}: the “{column}” cell is empty, but it holds the assistant."),
    "prompt": N_("Line {line}: the “{column}” cell is empty, but it holds the prompt."),
    "chosen": N_("Line {line}: the “{column}” cell is empty, but it holds the chosen."),
    "rejected": N_("Line {line}: the “{column}” cell is empty, but it holds the rejected."),
}


class _RowBuilder:
    """Turns one row into an OpenAI object for a checked mapping."""

    def __init__(self, mapping: ColumnMapping, header: list[str], kind: Kind | None, delimiter: str) -> None:
        self.mapping = mapping
        self.kind, self.index = mapping.check(header, kind)
        self.roles = mapping.roles(self.kind)
        self.width = len(header)
        self.delimiter = delimiter

    def build(self, line: int, row: list[str]) -> Record:
        findings: list[Finding] = []
        if len(row) > self.width and any(c.strip() for c in row[self.width:]):
            count = ngettext("Line {line} has {cells} cells but the header has {width}.",
                             "Line {line} has {cells} cells but the header has {width}.", self.width).format(
                line=line, cells=number(len(row)), width=number(self.width))
            why = (_("A cell probably contains a tab without being in quotes.") if self.delimiter == "\t" else _(
                "A cell probably contains a “{delimiter}” without being in quotes.").format(delimiter=self.delimiter))
            findings.append(Finding(WRONG_CELL_COUNT, Severity.ERROR, f"{count} {why}", line))

        def cell(column: str) -> str:
            i = self.index[column]
            return row[i] if i < len(row) else ""

        parts: dict[str, str] = {}
        for part, column in self.roles.items():
            parts[part] = text = cell(column)
            if not text.strip():
                findings.append(Finding(EMPTY_CELL, Severity.ERROR, _(_EMPTY_CELL[part]).format(
                    line=line, column=short_name(column)), line))
        m = self.mapping
        system = (cell(m.system) if m.system else "") or m.system_prompt or ""
        head: list[dict[str, Any]] = []
        if system.strip():
            head.append({"role": "developer" if self.kind is Kind.RFT else "system", "content": system})
        data: dict[str, Any]
        if self.kind is Kind.DPO:
            data = {"input": {"messages": [*head, {"role": "user", "content": parts["prompt"]}]},
                    "preferred_output": [{"role": "assistant", "content": parts["chosen"]}],
                    "non_preferred_output": [{"role": "assistant", "content": parts["rejected"]}]}
        elif self.kind is Kind.RFT:
            data = {"messages": [*head, {"role": "user", "content": parts["user"]}]}
            for name, column in m.extra.items():
                data[name] = self._extra(name, column, cell(column), line, findings)
        else:
            data = {"messages": [*head, {"role": "user", "content": parts["user"]},
                                 {"role": "assistant", "content": parts["assistant"]}]}
        return Record(line, None if findings else data, findings)

    def _extra(self, name: str, column: str, text: str, line: int, findings: list[Finding]) -> Any:
        if name not in self.mapping.json_fields:
            return text
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            findings.append(Finding("not_json", Severity.ERROR, _(
                "Line {line}: the “{column}” cell is not valid JSON, but the field “{name}” is set to be read as "
                "JSON.").format(line=line, column=short_name(column), name=name), line, f"$.{name}"))
            return None
        # orjson reads 1024 levels but writes 254; in the example the value sits one level down.
        if (why := storable_problem([value])) is not None:
            findings.append(Finding("not_json", Severity.ERROR, _("Line {line}: the “{column}” cell cannot be kept: "
                                                                  "{problem}").format(
                line=line, column=short_name(column), problem=json_problem_text(why)), line, f"$.{name}"))
            return None
        return value
