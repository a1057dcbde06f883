"""Sending a generation's answers to the annotation queue: every example of the batch run with two
or more answers becomes one comparison holding ALL of them (the judge sees two at a time), each
candidate's ``model`` being its setting's label.

Kept apart from running the generation (``annotation_generate``) because sending is a step of its
own with its own rules: it may be repeated (after a resumed run, or to another queue) and must
then add nothing twice, add to a stored comparison only the answers that arrived since, and never
mix answers made from different versions of a prompt.
"""

from __future__ import annotations

from typing import Any

import orjson
import sqlite_utils

from app.i18n import _
from app.services.batch_runs import BatchTarget
from app.store import annotation_repo, batch_repo, batch_results_repo
from app.store.tx import transaction


def source_of(run_id: int) -> str:
    """The ``source`` of the comparisons a generation adds to its queue."""
    return f"generate:{run_id}"


def _ordered(db: sqlite_utils.Database, dataset_id: int | None, ids: set[int]) -> list[int]:
    if dataset_id is None:
        return sorted(ids)
    rows = db.conn.execute("SELECT id, position FROM examples WHERE dataset_id = ?", (dataset_id,))
    positions = {r[0]: r[1] for r in rows}
    return sorted(ids, key=lambda i: (positions.get(i, float("inf")), i))


def _key(messages: Any) -> bytes:
    return orjson.dumps(messages, option=orjson.OPT_SORT_KEYS)


def _sent(db: sqlite_utils.Database, queue_id: int, run_id: int) -> dict[bytes, list[tuple[int, set[str]]]]:
    """The run's comparisons already in the queue: context -> [(comparison id, candidate labels)]."""
    out: dict[bytes, list[tuple[int, set[str]]]] = {}
    rows = db.conn.execute(
        "SELECT c.id, c.context, k.model FROM comparisons c JOIN candidates k ON k.comparison_id = c.id"
        " WHERE c.queue_id = ? AND c.source = ? ORDER BY c.id, k.slot",
        (queue_id, source_of(run_id)),
    )
    by_id: dict[int, tuple[bytes, set[str]]] = {}
    for cid, context, model in rows:
        by_id.setdefault(cid, (_key(orjson.loads(context).get("messages")), set()))[1].add(model)
    for cid, (key, labels) in by_id.items():
        out.setdefault(key, []).append((cid, labels))
    return out


def _candidate(target: BatchTarget, text: str) -> annotation_repo.CandidateIn:
    return annotation_repo.CandidateIn(
        content={"role": "assistant", "content": text}, model=target.label, profile_id=target.profile_id,
        params=target.params.to_dict() or None,
    )


def _append(db: sqlite_utils.Database, comparison_id: int, candidates: list[annotation_repo.CandidateIn]) -> None:
    """Add candidates to a stored comparison after its last slot (answers that arrived on a resume).

    Stored exactly as ``annotation_repo.add_comparison`` stores them; judgements made so far name
    their slots, so they keep their meaning.
    """
    conn = db.conn
    slot = conn.execute("SELECT COALESCE(MAX(slot), -1) + 1 FROM candidates WHERE comparison_id = ?",
                        (comparison_id,)).fetchone()[0]
    conn.executemany(
        "INSERT INTO candidates (comparison_id, slot, content, model, profile_id, params) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (comparison_id, slot + i, orjson.dumps(c.content).decode(), c.model, c.profile_id,
             orjson.dumps(c.params).decode() if c.params else "")
            for i, c in enumerate(candidates)
        ],
    )


def send_run_to_queue_all(db: sqlite_utils.Database, run_id: int, queue_name: str) -> tuple[int, int]:
    """Make a comparison of every example of the run with two or more answers, holding ALL its
    answers, in the queue ``queue_name`` (created when new); returns (queue id, comparisons added).

    Sending again adds nothing twice: an example already in the queue is skipped, and answers that
    arrived since (a resumed run) are added to its comparison. Answers made from different prompts
    (the example was edited between runs) are not mixed: the largest group made from the same
    prompt is used. One transaction (for the writer thread).
    """
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    info = batch_repo.run_info(db, run_id)
    answers = [batch_results_repo.outputs(db, run_id, t) for t in range(len(info.targets))]
    example_ids: set[int] = set().union(*answers) if answers else set()
    with transaction(db.conn):
        queue_id = annotation_repo.queue_by_name(db, name)
        if queue_id is None:
            queue_id = annotation_repo.create_queue(db, name)
        sent = _sent(db, queue_id, run_id)
        added = 0
        for example_id in _ordered(db, info.dataset_id, example_ids):
            groups: dict[bytes, list[tuple[int, list[dict], str]]] = {}
            for t, outputs in enumerate(answers):
                if example_id in outputs:
                    prompt, text = outputs[example_id]
                    groups.setdefault(_key(prompt), []).append((t, prompt, text))
            key, group = max(groups.items(), key=lambda kv: len(kv[1]))
            if len(group) < 2:
                continue
            labels = {info.targets[t].label for t, _prompt, _text in group}
            earlier = sent.get(key, [])
            match = next((e for e in earlier if e[1] <= labels), None)
            if match is not None:
                earlier.remove(match)
                targets = [info.targets[t] for t, _prompt, _text in group]
                new = [_candidate(t, text) for t, (_i, _prompt, text) in zip(targets, group, strict=True)
                       if t.label not in match[1]]
                if new:
                    _append(db, match[0], new)
                continue
            candidates = [_candidate(info.targets[t], text) for t, _prompt, text in group]
            annotation_repo.add_comparison(db, queue_id, group[0][1], candidates, source_of(run_id))
            added += 1
        batch_repo.set_queue(db, run_id, queue_id)
    return queue_id, added
