"""Read CSV and TSV files into OpenAI objects through a :class:`ColumnMapping`.

* The first non-blank row is the header (required); column names are matched after trimming
  spaces. A mapping that names a column the file does not have raises :class:`MappingError`
  (a ``ValueError`` with a message for the user) - the one exception the reader raises.
* How the file is split into rows (quoting, the delimiter, line numbers, ``bad_csv``) is in
  ``csv_rows``; the mapping and its checks are in ``column_mapping``.
* Cells are plain text, never interpreted: ``=SUM(A1)`` or ``+1`` stay exactly as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from app.formats.column_mapping import ColumnMapping, MappingError, guess_mapping, short_name
from app.formats.csv_rows import iter_rows
from app.formats.encoding import Source
from app.formats.jsonl import json_problem_text, storable_problem
from app.formats.model import Finding, Kind, Record, Severity
from app.i18n import N_, _, ngettext, number

EMPTY_CELL = "empty_cell"
WRONG_CELL_COUNT = "wrong_cell_count"

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
    delim, rows = iter_rows(path_or_text, delimiter)
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
    delim, rows = iter_rows(source, delimiter)
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
