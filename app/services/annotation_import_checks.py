"""Checking what an imported comparison is made of: the conversation the answers reply to, each
answer, and whether the answers make a comparison at all (two or more, not all the same).

Both readers of ``annotation_import`` (JSON lines in ``annotation_import_json``, tables in
``annotation_import_table``) build their comparisons with these checks, so a problem reads the
same whatever the file's format. A check raises :class:`LineProblem` with the problem in plain
words; the reader adds the line ("Line 3: …") and keeps going with the rest of the file.
"""

from __future__ import annotations

from typing import Any

import orjson

from app.formats.jsonl import json_problem_text
from app.i18n import N_, _
from app.store.annotation_repo import CandidateIn

Item = tuple[list[dict[str, Any]], list[CandidateIn]]
"""One comparison read from a file: (the conversation so far, the candidate answers)."""

BAD_COMPARISON = "bad_comparison"
_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})


class LineProblem(Exception):
    """One line's problem, in plain words without the "Line N:" prefix."""


def _short(value: Any, limit: int = 40) -> str:
    """A value from the file for a message, cut short: a role may be a 100 KB text by mistake."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problem(text: str, **fields: Any) -> LineProblem:
    """A problem in the user's language: ``text`` (marked with ``N_``) translated and filled in."""
    return LineProblem(_(text).format(**fields))


def checked_context(messages: Any, key: str = "messages") -> list[dict[str, Any]]:
    """The conversation so far, checked: a list of messages ending where the answers begin."""
    if not isinstance(messages, list):
        raise problem(N_("“{key}” must be a list of messages."), key=key)
    if not messages:
        raise problem(N_("“{key}” is empty: there is no question to answer."), key=key)
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise problem(N_("message {n} of “{key}” is not a message object ({example})."), n=i + 1, key=key,
                          example='{"role": …, "content": …}')
        role = m.get("role")
        if not isinstance(role, str) or role not in _ROLES:  # a list or an object cannot even be looked up
            if role is None:
                raise problem(N_("message {n} of “{key}” has no role. Use system, user, assistant or tool."),
                              n=i + 1, key=key)
            raise problem(N_("message {n} of “{key}” has the role “{role}”, which is not known. Use system, user,"
                             " assistant or tool."), n=i + 1, key=key, role=_short(role))
        content = m.get("content")
        if not (isinstance(content, str | list) or (role == "assistant" and m.get("tool_calls"))):
            raise problem(N_("message {n} of “{key}” has no text (“content”)."), n=i + 1, key=key)
    if not any(m["role"] == "user" for m in messages):
        raise problem(N_("“{key}” has no user message: there is no question to answer."), key=key)
    if messages[-1]["role"] not in ("user", "tool"):
        raise problem(N_("the conversation in “{key}” ends with a message from “{role}”; it must end with the user's"
                         " message, where the answers begin."), key=key, role=messages[-1]["role"])
    return messages


def _has_text(content: Any) -> bool:
    if isinstance(content, str):
        return bool(content.strip())
    if isinstance(content, list):
        return any(isinstance(p, dict) and str(p.get("text") or "").strip() for p in content)
    return False


def checked_candidate(value: Any, key: str | None = None, n: int = 0) -> CandidateIn:
    """One answer (a text, ``{"content", "model"?}`` or an assistant message) as a candidate; a
    problem names it by its ``key`` (“preferred_output”), else as answer number ``n``."""
    def answer_problem(for_key: str, for_answer: str, **fields: Any) -> LineProblem:
        return problem(for_key if key else for_answer, key=key, n=n, **fields)

    model = ""
    if isinstance(value, str):
        message: dict[str, Any] = {"role": "assistant", "content": value}
    elif isinstance(value, dict):
        if value.get("role") not in (None, "assistant"):
            raise answer_problem(N_("“{key}” comes from “{role}”; an answer must be the assistant's."),
                                 N_("answer {n} comes from “{role}”; an answer must be the assistant's."),
                                 role=_short(value.get("role")))
        content = value.get("content", value.get("text"))
        message = {k: v for k, v in value.items() if k not in ("model", "text")}
        message.update(role="assistant", content=content)
        if value.get("model") is not None:
            model = str(value["model"])
    else:
        raise answer_problem(N_("“{key}” must be a text or an object with “content”."),
                             N_("answer {n} must be a text or an object with “content”."))
    if not _has_text(message.get("content")) and not message.get("tool_calls"):
        raise answer_problem(N_("“{key}” is empty."), N_("answer {n} is empty."))
    return CandidateIn(content=message, model=model)


def enough_candidates(candidates: list[CandidateIn], key: str | None = None) -> list[CandidateIn]:
    """``candidates`` when they make a comparison; a problem names the ``key`` of the list they came
    from (“the answers list”), else the table row."""
    if len(candidates) < 2:
        if key is None:
            text = N_("the row has only one answer; a comparison needs at least two.") if candidates else N_(
                "the row has no answer; a comparison needs at least two.")
        else:
            text = N_("the {key} list has only one answer; a comparison needs at least two.") if candidates else N_(
                "the {key} list has no answer; a comparison needs at least two.")
        raise problem(text, key=key)
    try:
        texts = {orjson.dumps(c.content, option=orjson.OPT_SORT_KEYS) for c in candidates}
    except orjson.JSONEncodeError as exc:  # the readers never hand such values over; a caller might
        raise problem(N_("an answer cannot be stored: {problem}"), problem=json_problem_text(str(exc))) from None
    if len(texts) < 2:
        raise LineProblem(_("all answers are the same, so there is nothing to compare."))
    return candidates
