"""Importing comparisons for the annotator from a file: what the expert will judge, read from
preference pairs, prompts with several answers, or a table of prompts and answers.

Formats, detected by extension and content (``readers.detect_format``):

* **JSONL** (or one JSON list), one comparison per line, any of:

  - a DPO example ``{"input": {"messages": [...]}, "preferred_output": [...], "non_preferred_output": [...]}``:
    two candidates with no model (the source is a file; which one was preferred is not kept, so
    the judge cannot learn it);
  - a preference pair ``{"prompt", "chosen", "rejected"}`` (TRL style), read the same way;
  - a prompt with several answers: ``{"messages": [...]}`` or ``{"prompt": "...", "system"?: "..."}``
    and ``"answers"`` / ``"responses"`` / ``"completions"``: a list of 2+ answers, each a text or
    ``{"content": text, "model": name}``.

* **CSV / TSV**: a prompt column (``prompt``, ``question``, ``input``…), an optional ``system``
  column, and either several answer columns (``answer_a``, ``answer_b``… or ``response_1``… with
  optional ``model_a``… columns) or one answer column (``answer``, ``response``, ``completion``…)
  with one row per answer: rows with the same prompt make one comparison (optional ``model``
  column).

Every line that cannot become a comparison gets a :class:`Finding` naming the line and the
problem in plain words, and the rest of the file is kept. The file's encoding is handled like the
dataset import (UTF-8 with or without BOM, UTF-16 with BOM; other encodings are reported line by
line with a hint to save the file as UTF-8).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from app.formats import tabular
from app.formats.jsonl import json_layout, json_problem_text, read_json_array, read_jsonl
from app.formats.model import Finding, Kind, Severity
from app.formats.open_formats import pairs_to_dpo
from app.formats.readers import detect_format
from app.i18n import N_, _
from app.runtime.processes import process_pool
from app.store import annotation_repo
from app.store.annotation_repo import CandidateIn
from app.store.tx import transaction

Item = tuple[list[dict[str, Any]], list[CandidateIn]]

BAD_COMPARISON = "bad_comparison"
ANSWER_KEYS = ("answers", "responses", "completions")
_LINE_EXTENSIONS = (".jsonl", ".ndjson")
_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})
_PROMPT_COLUMNS = ("prompt", "question", "input", "user", "instruction", "query")
_SYSTEM_COLUMNS = ("system", "system_prompt", "system prompt")
_ANSWER_COLUMNS = ("answer", "response", "completion", "output", "reply", "assistant")
_MODEL_COLUMNS = ("model", "source", "model_name")
# answer_a, "Answer B", response-1, completion2 … (but not "answers")
_NUMBERED = r"(?:[\s_\-]+([a-z]|\d+)|(\d+))"
_MANY_ANSWERS = re.compile(rf"^(?:answer|response|completion|output|reply){_NUMBERED}$", re.IGNORECASE)
_MANY_MODELS = re.compile(rf"^model{_NUMBERED}$", re.IGNORECASE)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: the queue, how many comparisons it added, how many lines of the file
    could not be used (each explained in ``findings``), and how many comparisons were already in
    the queue from an earlier import of the same data (not added again)."""

    queue_id: int
    added: int
    skipped_lines: int
    findings: list[Finding]
    already_there: int = 0


class NothingToImport(ValueError):
    """No comparison could be read from the file; ``findings`` says why, line by line."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


class _Problem(Exception):
    """One line's problem, in plain words without the "Line N:" prefix."""


# --- messages and answers -----------------------------------------------------------------------


def _short(value: Any, limit: int = 40) -> str:
    """A value from the file for a message, cut short: a role may be a 100 KB text by mistake."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _problem(text: str, **fields: Any) -> _Problem:
    """A problem in the user's language: ``text`` (marked with ``N_``) translated and filled in."""
    return _Problem(_(text).format(**fields))


def _context(messages: Any, key: str = "messages") -> list[dict[str, Any]]:
    """The conversation so far, checked: a list of messages ending where the answers begin."""
    if not isinstance(messages, list):
        raise _problem(N_("“{key}” must be a list of messages."), key=key)
    if not messages:
        raise _problem(N_("“{key}” is empty: there is no question to answer."), key=key)
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise _problem(N_("message {n} of “{key}” is not a message object ({example})."), n=i + 1, key=key,
                           example='{"role": …, "content": …}')
        role = m.get("role")
        if not isinstance(role, str) or role not in _ROLES:  # a list or an object cannot even be looked up
            if role is None:
                raise _problem(N_("message {n} of “{key}” has no role. Use system, user, assistant or tool."),
                               n=i + 1, key=key)
            raise _problem(N_("message {n} of “{key}” has the role “{role}”, which is not known. Use system, user,"
                              " assistant or tool."), n=i + 1, key=key, role=_short(role))
        content = m.get("content")
        if not (isinstance(content, str | list) or (role == "assistant" and m.get("tool_calls"))):
            raise _problem(N_("message {n} of “{key}” has no text (“content”)."), n=i + 1, key=key)
    if not any(m["role"] == "user" for m in messages):
        raise _problem(N_("“{key}” has no user message: there is no question to answer."), key=key)
    if messages[-1]["role"] not in ("user", "tool"):
        raise _problem(N_("the conversation in “{key}” ends with a message from “{role}”; it must end with the user's"
                          " message, where the answers begin."), key=key, role=messages[-1]["role"])
    return messages


def _has_text(content: Any) -> bool:
    if isinstance(content, str):
        return bool(content.strip())
    if isinstance(content, list):
        return any(isinstance(p, dict) and str(p.get("text") or "").strip() for p in content)
    return False


def _candidate(value: Any, key: str | None = None, n: int = 0) -> CandidateIn:
    """One answer (a text, ``{"content", "model"?}`` or an assistant message) as a candidate; a
    problem names it by its ``key`` (“preferred_output”), else as answer number ``n``."""
    def problem(for_key: str, for_answer: str, **fields: Any) -> _Problem:
        return _problem(for_key if key else for_answer, key=key, n=n, **fields)

    model = ""
    if isinstance(value, str):
        message: dict[str, Any] = {"role": "assistant", "content": value}
    elif isinstance(value, dict):
        if value.get("role") not in (None, "assistant"):
            raise problem(N_("“{key}” comes from “{role}”; an answer must be the assistant's."),
                          N_("answer {n} comes from “{role}”; an answer must be the assistant's."),
                          role=_short(value.get("role")))
        content = value.get("content", value.get("text"))
        message = {k: v for k, v in value.items() if k not in ("model", "text")}
        message.update(role="assistant", content=content)
        if value.get("model") is not None:
            model = str(value["model"])
    else:
        raise problem(N_("“{key}” must be a text or an object with “content”."),
                      N_("answer {n} must be a text or an object with “content”."))
    if not _has_text(message.get("content")) and not message.get("tool_calls"):
        raise problem(N_("“{key}” is empty."), N_("answer {n} is empty."))
    return CandidateIn(content=message, model=model)


def _enough(candidates: list[CandidateIn], key: str | None = None) -> list[CandidateIn]:
    """``candidates`` when they make a comparison; a problem names the ``key`` of the list they came
    from (“the answers list”), else the table row."""
    if len(candidates) < 2:
        if key is None:
            text = N_("the row has only one answer; a comparison needs at least two.") if candidates else N_(
                "the row has no answer; a comparison needs at least two.")
        else:
            text = N_("the {key} list has only one answer; a comparison needs at least two.") if candidates else N_(
                "the {key} list has no answer; a comparison needs at least two.")
        raise _problem(text, key=key)
    try:
        texts = {orjson.dumps(c.content, option=orjson.OPT_SORT_KEYS) for c in candidates}
    except orjson.JSONEncodeError as exc:  # the readers never hand such values over; a caller might
        raise _problem(N_("an answer cannot be stored: {problem}"), problem=json_problem_text(str(exc))) from None
    if len(texts) < 2:
        raise _Problem(_("all answers are the same, so there is nothing to compare."))
    return candidates


# --- JSON lines ---------------------------------------------------------------------------------


def _dpo_output(value: Any, key: str) -> CandidateIn:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    elif isinstance(value, list):
        raise _problem(N_("“{key}” must hold exactly one assistant message, not {n}."), key=key, n=len(value))
    return _candidate(value, key)


def _from_dpo(obj: dict[str, Any]) -> Item:
    inp = obj.get("input")
    if not isinstance(inp, dict):
        raise _Problem(_("“input” must be an object holding “messages”."))
    context = _context(inp.get("messages"), "input.messages")
    for key in ("preferred_output", "non_preferred_output"):
        if key not in obj:
            raise _problem(N_("“{key}” is missing; a preference pair needs both answers."), key=key)
    candidates = [_dpo_output(obj[k], k) for k in ("preferred_output", "non_preferred_output")]
    return context, _enough(candidates)  # always two answers: only their sameness is checked


def _from_answers(obj: dict[str, Any]) -> Item:
    key = next((k for k in ANSWER_KEYS if k in obj), None)
    if "messages" in obj:
        context = _context(obj["messages"])
    elif isinstance(obj.get("prompt"), list):
        context = _context(obj["prompt"], "prompt")
    elif "prompt" in obj:
        prompt = obj["prompt"]
        if not isinstance(prompt, str) or not prompt.strip():
            raise _Problem(_("“prompt” is empty or not a text."))
        system = obj.get("system")
        if system is not None and not isinstance(system, str):
            raise _Problem(_("“system” must be a text."))
        context = ([{"role": "system", "content": system}] if system and system.strip() else [])
        context.append({"role": "user", "content": prompt})
    else:
        raise _Problem(_(
            "this line is neither a preference pair (input, preferred_output, non_preferred_output) nor a prompt "
            "with answers (“messages” or “prompt”, and “answers”)."
        ))
    if key is None:
        raise _Problem(_("there are no answers: add an “answers” list with at least two answers."))
    answers = obj[key]
    if not isinstance(answers, list):
        raise _problem(N_("“{key}” must be a list of answers."), key=key)
    candidates = [_candidate(a, n=i + 1) for i, a in enumerate(answers)]
    return context, _enough(candidates, key)


def comparison_of(obj: Any) -> Item:
    """The comparison one JSON object describes (see the module docstring). ``ValueError`` with
    the plain problem (no line prefix) when it describes none."""
    try:
        if not isinstance(obj, dict):
            raise _Problem(_("the line is not an object written as {...}."))
        if "input" in obj and ("preferred_output" in obj or "non_preferred_output" in obj):
            return _from_dpo(obj)
        if "chosen" in obj and "rejected" in obj:
            dpo, problems = pairs_to_dpo(obj)
            if dpo is None:
                raise _Problem(problems[0][1])
            return _from_dpo(dpo)
        return _from_answers(obj)
    except _Problem as exc:
        raise ValueError(str(exc)) from None


def _read_json(path: Path) -> tuple[list[Item], list[Finding]]:
    # A .jsonl file is read line by line even when a line holds a list, so one bad first line
    # cannot turn the whole file into a (broken) JSON array; other files may be one JSON list.
    array = path.suffix.lower() not in _LINE_EXTENSIONS and json_layout(path) == "array"
    label = N_("Item {line}: {text}") if array else N_("Line {line}: {text}")
    items: list[Item] = []
    findings: list[Finding] = []
    for record in read_json_array(path) if array else read_jsonl(path):
        if record.data is None:
            findings.extend(record.findings)
            continue
        try:
            items.append(comparison_of(record.data))
        except ValueError as exc:
            text = _(label).format(line=record.line, text=exc)
            findings.append(Finding(BAD_COMPARISON, Severity.ERROR, text, record.line))
    return items, findings


# --- tables -------------------------------------------------------------------------------------


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


def _read_table(path: Path, delimiter: str | None) -> tuple[list[Item], list[Finding]]:
    head = tabular.preview(path, 1, delimiter=delimiter)
    if not head.header:
        return [], head.findings or [Finding(BAD_COMPARISON, Severity.ERROR, _(
            "The file is empty: the first row must name the columns."), 1)]
    header = head.header
    prompt = _find(header, _PROMPT_COLUMNS)
    system = _find(header, _SYSTEM_COLUMNS)
    many = _numbered(header, _MANY_ANSWERS)
    single = _find(header, _ANSWER_COLUMNS)
    columns = tabular.column_list(header)
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
    mapping = tabular.ColumnMapping(user=prompt, kind=Kind.RFT, extra={c: c for c in dict.fromkeys(wanted)})
    try:
        records = tabular.read_table(path, mapping, delimiter=head.delimiter, kind=Kind.RFT)
        rows = [(r.line, r.data, r.findings) for r in records]
    except tabular.MappingError as exc:
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
                items.append((context, _enough(candidates)))
            except _Problem as exc:
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
            items.append((context, _enough(candidates)))
        except _Problem as exc:
            rows = ", ".join(map(str, lines))
            text = _("{problem} (rows on lines {rows})").format(problem=exc, rows=rows)
            findings.append(_line_problem(lines[0], text))
    return items


# --- the front door -----------------------------------------------------------------------------


def read_comparisons(path: Path) -> tuple[list[Item], list[Finding]]:
    """Read a file of comparisons: ``([(context messages, candidates)], findings)``.

    Never raises on content (only ``OSError`` when the file cannot be opened); see the module
    docstring for the formats. Findings are in line order.
    """
    path = Path(path)
    fmt = detect_format(path)
    if fmt in ("csv", "tsv"):
        items, findings = _read_table(path, "\t" if fmt == "tsv" else None)
    else:
        items, findings = _read_json(path)
    return items, sorted(findings, key=lambda f: f.line or 0)


def skipped_lines(findings: list[Finding]) -> int:
    """How many lines of the file could not be used (lines with an error finding)."""
    return len({f.line for f in findings if f.severity is Severity.ERROR and f.line})


def _key(context: Any, candidates: list[tuple[Any, str]]) -> bytes:
    """What makes two comparisons the same (the context and the set of answers), as a digest.

    Each part is serialised once and hashed: serialising the whole again cost another call that
    holds the GIL ~50 ms for a 50 MB answer (on the writer thread, in the app's process), while
    hashlib lets go of the GIL on big inputs."""
    def digest(value: Any) -> bytes:
        return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).digest()

    return digest(context) + b"".join(sorted(digest(c) for c in candidates))


def _present(db: sqlite_utils.Database, queue_id: int) -> Counter[bytes]:
    """The comparisons already in a queue, as keys of their content (context and answers)."""
    found: dict[int, tuple[Any, list[tuple[Any, str]]]] = {}
    rows = db.conn.execute(
        "SELECT c.id, c.context, k.content, k.model FROM comparisons c JOIN candidates k ON k.comparison_id = c.id"
        " WHERE c.queue_id = ? ORDER BY c.id, k.slot",
        (queue_id,),
    )
    for cid, context, content, model in rows:
        ctx = orjson.loads(context).get("messages") if context else None
        found.setdefault(cid, (ctx, []))[1].append((orjson.loads(content), model or ""))
    return Counter(_key(ctx, cands) for ctx, cands in found.values())


def store_comparisons(
    db: sqlite_utils.Database, queue_name: str, items: list[Item], source: str
) -> tuple[int, int, int]:
    """Add comparisons to the queue ``queue_name`` (created when new) in one transaction; returns
    (queue id, added, already there). A comparison the queue already holds (same conversation and
    answers) is not added again, so importing a file twice adds nothing the second time."""
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    with transaction(db.conn):
        queue_id = annotation_repo.queue_by_name(db, name)
        if queue_id is None:
            queue_id = annotation_repo.create_queue(db, name)
        present = _present(db, queue_id)
        added = already = 0
        for context, candidates in items:
            key = _key(context, [(c.content, c.model) for c in candidates])
            if present[key] > 0:
                present[key] -= 1
                already += 1
                continue
            annotation_repo.add_comparison(db, queue_id, context, candidates, source)
            added += 1
    return queue_id, added, already


# A file this big is parsed in a worker process: this runs on the project's writer thread, inside
# the app's process, and parsing one 50 MB line is a single call that holds the GIL ~0.2 s (measured:
# the window froze 205 ms). Smaller files are quicker to read here than to send to a worker.
READ_IN_WORKER_BYTES = 8 << 20


def import_comparisons(db: sqlite_utils.Database, queue_name: str, path: Path) -> ImportSummary:
    """Read ``path`` and add its comparisons to the queue ``queue_name`` (created when new), all
    in one transaction (for the writer thread). Lines that cannot be used are reported in the
    summary's findings. Raises :class:`NothingToImport` when not a single comparison could be read
    (no queue is created then), ``ValueError`` for a blank queue name, ``OSError`` when the file
    cannot be opened."""
    path = Path(path)
    if not queue_name.strip():
        raise ValueError(_("Give the annotation queue a name."))
    if path.stat().st_size < READ_IN_WORKER_BYTES:
        items, findings = read_comparisons(path)
    else:
        items, findings = process_pool().submit(read_comparisons, path).result()
    if not items:
        first = findings[0].message if findings else _("The file is empty.")
        message = _("No comparison could be read from “{name}”. {problem}").format(name=path.name, problem=first)
        raise NothingToImport(message, findings)
    queue_id, added, already = store_comparisons(db, queue_name, items, f"import:{path.name}")
    return ImportSummary(queue_id, added, skipped_lines(findings), findings, already)


__all__ = [
    "ANSWER_KEYS", "BAD_COMPARISON", "ImportSummary", "Item", "NothingToImport", "comparison_of",
    "import_comparisons", "read_comparisons", "skipped_lines", "store_comparisons",
]
