"""Reading comparisons for the annotator from a CSV or TSV table.

The table has a prompt column (``prompt``, ``question``, ``input``…), an optional ``system``
column, and either several answer columns (``answer_a``, ``answer_b``… or ``response_1``… with
optional ``model_a``… columns; one row per prompt) or one answer column (``answer``,
``response``, ``completion``…) with one row per answer: rows with the same prompt make one
comparison (optional ``model`` column).

JSON files are read by ``annotation_import_json``; ``annotation_import`` picks the reader and
stores what was read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from app.formats import column_mapping, tabular
from app.formats.model import Finding, Kind, Severity
from app.i18n import _
from app.services.annotation_import_checks import BAD_COMPARISON, Item, LineProblem, enough_candidates
from app.store.annotation_repo import CandidateIn

_PROMPT_COLUMNS = ("prompt", "question", "input", "user", "instruction", "query")
_SYSTEM_COLUMNS = ("system", "system_prompt", "system prompt")
_ANSWER_COLUMNS = ("answer", "response", "completion", "output", "reply", "assistant")
_MODEL_COLUMNS = ("model", "source", "model_name")
# answer_a, "Answer B", response-1, completion2 … (but not "answers")
_NUMBERED = r"(?:[\s_\-]+([a-z]|\d+)|(\d+))"
_MANY_ANSWERS = re.compile(rf"^(?:answer|response|completion|output|reply){_NUMBERED}$", re.IGNORECASE)
_MANY_MODELS = re.compile(rf"^model{_NUMBERED}$", re.IGNORECASE)


def _find(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.lower(): h for h in reversed(header) if h}
    return next((lowered[n] for n in names if n in lowered), None)


def _numbered(header: list[str], pattern: re.Pattern[str]) -> dict[str, str]:
    """{suffix: column} of numbered columns (answer_a → "a"), in header order."""
    out: dict[str, str] = {}
    for h in header:
        if m := pattern.match(h):
            out.setdefault((m.group(1) or m.group(2)).lower(), h)
    return out


def _line_problem(line: int, text: str) -> Finding:
    return Finding(BAD_COMPARISON, Severity.ERROR, _("Line {line}: {text}").format(line=line, text=text), line)


def read_table(path: Path, delimiter: str | None) -> tuple[list[Item], list[Finding]]:
    """The comparisons of a CSV (``delimiter`` None: detected) or TSV (``"\\t"``) table, and a
    finding for each row that cannot be used, or for the whole table when its columns do not fit."""
    head = tabular.preview(path, 1, delimiter=delimiter)
    if not head.header:
        return [], head.findings or [Finding(BAD_COMPARISON, Severity.ERROR, _(
            "The file is empty: the first row must name the columns."), 1)]
    header = head.header
    prompt = _find(header, _PROMPT_COLUMNS)
    system = _find(header, _SYSTEM_COLUMNS)
    many = _numbered(header, _MANY_ANSWERS)
    single = _find(header, _ANSWER_COLUMNS)
    columns = column_mapping.column_list(header)
    if prompt is None:
        return [], [Finding(BAD_COMPARISON, Severity.ERROR, _(
            "The table has no prompt column: name one “prompt”, “question” or “input”. Its columns are: {columns}."
        ).format(columns=columns), 1)]
    if len(many) < 2 and single is None:
        return [], [Finding(BAD_COMPARISON, Severity.ERROR, _(
            "The table has no answer columns: name them “answer_a”, “answer_b”… (one row per prompt) or use one "
            "“answer” column with one row per answer. Its columns are: {columns}."
        ).format(columns=columns), 1)]
    models = _numbered(header, _MANY_MODELS)
    model = _find(header, _MODEL_COLUMNS)
    wanted = [c for c in (system, model, single, *many.values(), *models.values()) if c and c != prompt]
    mapping = column_mapping.ColumnMapping(user=prompt, kind=Kind.RFT, extra={c: c for c in dict.fromkeys(wanted)})
    try:
        records = tabular.read_table(path, mapping, delimiter=head.delimiter, kind=Kind.RFT)
        rows = [(r.line, r.data, r.findings) for r in records]
    except column_mapping.MappingError as exc:
        return [], [Finding(BAD_COMPARISON, Severity.ERROR, str(exc), 1)]
    findings: list[Finding] = []
    good: list[tuple[int, list[dict[str, Any]], dict[str, Any]]] = []
    for line, data, row_findings in rows:
        findings.extend(row_findings)
        if data is None:
            continue
        context = [m for m in data["messages"] if m["role"] == "user"]
        if system and str(data.get(system) or "").strip():
            context.insert(0, {"role": "system", "content": data[system]})
        good.append((line, context, data))
    if len(many) >= 2:
        items = []
        for line, context, data in good:
            candidates = [
                CandidateIn({"role": "assistant", "content": data[col]}, str(data.get(models.get(k, ""), "") or ""))
                for k, col in many.items()
                if str(data.get(col) or "").strip()
            ]
            try:
                items.append((context, enough_candidates(candidates)))
            except LineProblem as exc:
                findings.append(_line_problem(line, str(exc)))
        return items, findings
    return _grouped(good, single, model, findings), findings


def _grouped(good: list, answer: str, model: str | None, findings: list[Finding]) -> list[Item]:
    """One comparison per distinct prompt (and system text), from rows of one answer each."""
    groups: dict[bytes, tuple[list[int], list[dict[str, Any]], list[CandidateIn]]] = {}
    for line, context, data in good:
        text = str(data.get(answer) or "")
        if not text.strip():
            findings.append(_line_problem(line, _("the “{column}” cell is empty, so the row has no answer.").format(
                column=answer)))
            continue
        key = orjson.dumps(context)
        lines, _context_again, candidates = groups.setdefault(key, ([], context, []))
        lines.append(line)
        candidates.append(CandidateIn({"role": "assistant", "content": text}, str(data.get(model) or "") if model
                                      else ""))
    items: list[Item] = []
    for lines, context, candidates in groups.values():
        if len(candidates) < 2:
            findings.append(_line_problem(lines[0], _("no other row has this prompt, so it has only one answer; a "
                                                      "comparison needs at least two (add rows with the same prompt)."
                                                      )))
            continue
        try:
            items.append((context, enough_candidates(candidates)))
        except LineProblem as exc:
            rows = ", ".join(map(str, lines))
            text = _("{problem} (rows on lines {rows})").format(problem=exc, rows=rows)
            findings.append(_line_problem(lines[0], text))
    return items
