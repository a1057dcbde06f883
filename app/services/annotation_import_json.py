"""Reading comparisons for the annotator from JSON: a JSONL file (or one JSON list) with one
comparison per line, in any of these shapes:

- a DPO example ``{"input": {"messages": [...]}, "preferred_output": [...], "non_preferred_output": [...]}``:
  two candidates with no model (the source is a file; which one was preferred is not kept, so
  the judge cannot learn it);
- a preference pair ``{"prompt", "chosen", "rejected"}`` (TRL style), read the same way;
- a prompt with several answers: ``{"messages": [...]}`` or ``{"prompt": "...", "system"?: "..."}``
  and ``"answers"`` / ``"responses"`` / ``"completions"``: a list of 2+ answers, each a text or
  ``{"content": text, "model": name}``.

Tables are read by ``annotation_import_table``; ``annotation_import`` picks the reader and stores
what was read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.formats.jsonl import json_layout, read_json_array, read_jsonl
from app.formats.model import Finding, Severity
from app.formats.open_formats import pairs_to_dpo
from app.i18n import N_, _
from app.services.annotation_import_checks import (
    BAD_COMPARISON,
    Item,
    LineProblem,
    checked_candidate,
    checked_context,
    enough_candidates,
    problem,
)
from app.store.annotation_repo import CandidateIn

ANSWER_KEYS = ("answers", "responses", "completions")
_LINE_EXTENSIONS = (".jsonl", ".ndjson")


def _dpo_output(value: Any, key: str) -> CandidateIn:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    elif isinstance(value, list):
        raise problem(N_("“{key}” must hold exactly one assistant message, not {n}."), key=key, n=len(value))
    return checked_candidate(value, key)


def _from_dpo(obj: dict[str, Any]) -> Item:
    inp = obj.get("input")
    if not isinstance(inp, dict):
        raise LineProblem(_("“input” must be an object holding “messages”."))
    context = checked_context(inp.get("messages"), "input.messages")
    for key in ("preferred_output", "non_preferred_output"):
        if key not in obj:
            raise problem(N_("“{key}” is missing; a preference pair needs both answers."), key=key)
    candidates = [_dpo_output(obj[k], k) for k in ("preferred_output", "non_preferred_output")]
    return context, enough_candidates(candidates)  # always two answers: only their sameness is checked


def _from_answers(obj: dict[str, Any]) -> Item:
    key = next((k for k in ANSWER_KEYS if k in obj), None)
    if "messages" in obj:
        context = checked_context(obj["messages"])
    elif isinstance(obj.get("prompt"), list):
        context = checked_context(obj["prompt"], "prompt")
    elif "prompt" in obj:
        prompt = obj["prompt"]
        if not isinstance(prompt, str) or not prompt.strip():
            raise LineProblem(_("“prompt” is empty or not a text."))
        system = obj.get("system")
        if system is not None and not isinstance(system, str):
            raise LineProblem(_("“system” must be a text."))
        context = ([{"role": "system", "content": system}] if system and system.strip() else [])
        context.append({"role": "user", "content": prompt})
    else:
        raise LineProblem(_(
            "this line is neither a preference pair (input, preferred_output, non_preferred_output) nor a prompt "
            "with answers (“messages” or “prompt”, and “answers”)."
        ))
    if key is None:
        raise LineProblem(_("there are no answers: add an “answers” list with at least two answers."))
    answers = obj[key]
    if not isinstance(answers, list):
        raise problem(N_("“{key}” must be a list of answers."), key=key)
    candidates = [checked_candidate(a, n=i + 1) for i, a in enumerate(answers)]
    return context, enough_candidates(candidates, key)


def comparison_of(obj: Any) -> Item:
    """The comparison one JSON object describes (see the module docstring). ``ValueError`` with
    the plain problem (no line prefix) when it describes none."""
    try:
        if not isinstance(obj, dict):
            raise LineProblem(_("the line is not an object written as {...}."))
        if "input" in obj and ("preferred_output" in obj or "non_preferred_output" in obj):
            return _from_dpo(obj)
        if "chosen" in obj and "rejected" in obj:
            dpo, problems = pairs_to_dpo(obj)
            if dpo is None:
                raise LineProblem(problems[0][1])
            return _from_dpo(dpo)
        return _from_answers(obj)
    except LineProblem as exc:
        raise ValueError(str(exc)) from None


def read_json(path: Path) -> tuple[list[Item], list[Finding]]:
    """The comparisons of a JSONL file or JSON list, and a finding for each line that is none."""
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
