"""From the Playground into the data: a conversation with a chosen answer as an SFT example, two
answers as a DPO pair, or two or more answers sent to an annotation queue for a blind judgement.

Sync functions for the project's writer thread (``await project.db.write(fn, …)``). Examples go
in through the normal editing path (``dataset_edits.add_example``), so a saved example is checked
like any edited one: it gets its findings, status, token counts and search entry, and it can be
undone with ``dataset_edits.delete_examples``.
"""

from __future__ import annotations

import copy
from typing import Any

import sqlite_utils

from app.formats.model import Finding, Kind
from app.formats.pipeline import findings_from_json
from app.i18n import N_, _
from app.services.dataset_edits import add_example
from app.store import annotation_repo
from app.store.annotation_repo import CandidateIn
from app.store.examples_repo import dataset_kind
from app.store.tx import transaction


def _assistant(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


def sft_example(messages: list[dict[str, Any]], answer: str) -> dict[str, Any]:
    """An SFT example: the conversation (copied) followed by ``answer`` as the assistant message."""
    return {"messages": [*copy.deepcopy(messages), _assistant(answer)]}


def dpo_example(messages: list[dict[str, Any]], preferred: str, non_preferred: str) -> dict[str, Any]:
    """A DPO example: the conversation (copied) as input, the better and the worse answer."""
    return {
        "input": {"messages": copy.deepcopy(messages)},
        "preferred_output": [_assistant(preferred)],
        "non_preferred_output": [_assistant(non_preferred)],
    }


# (the kind needed, the dataset's kind) -> the message; one whole sentence each (the articles differ)
_WRONG_KIND = {
    (Kind.SFT, Kind.DPO): N_("“{name}” is a DPO dataset, so it cannot take a conversation with one answer (that needs "
                             "an SFT dataset). Choose an SFT dataset or create a new one."),
    (Kind.SFT, Kind.RFT): N_("“{name}” is an RFT dataset, so it cannot take a conversation with one answer (that "
                             "needs an SFT dataset). Choose an SFT dataset or create a new one."),
    (Kind.DPO, Kind.SFT): N_("“{name}” is an SFT dataset, so it cannot take a pair of a better and a worse answer "
                             "(that needs a DPO dataset). Choose a DPO dataset or create a new one."),
    (Kind.DPO, Kind.RFT): N_("“{name}” is an RFT dataset, so it cannot take a pair of a better and a worse answer "
                             "(that needs a DPO dataset). Choose a DPO dataset or create a new one."),
}


def _require_kind(db: sqlite_utils.Database, dataset_id: int, kind: Kind) -> None:
    """``ValueError`` in plain words when the dataset holds another kind of example."""
    actual = dataset_kind(db.conn, dataset_id)  # LookupError when there is no such dataset
    if actual is not kind:
        row = db.conn.execute("SELECT name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
        raise ValueError(_(_WRONG_KIND[kind, actual]).format(name=row[0]))


def _saved(db: sqlite_utils.Database, dataset_id: int, obj: dict[str, Any]) -> tuple[int, list[Finding]]:
    example_id = add_example(db, dataset_id, obj)
    text = db.conn.execute("SELECT findings FROM examples WHERE id = ?", (example_id,)).fetchone()[0]
    return example_id, findings_from_json(text)


def save_sft_example(
    db: sqlite_utils.Database, dataset_id: int, messages: list[dict[str, Any]], answer: str
) -> tuple[int, list[Finding]]:
    """Append the conversation with ``answer`` to an SFT dataset; returns the new example's id and
    findings. ``ValueError`` when the dataset is not an SFT dataset, ``LookupError`` when it is gone."""
    _require_kind(db, dataset_id, Kind.SFT)
    return _saved(db, dataset_id, sft_example(messages, answer))


def save_dpo_example(
    db: sqlite_utils.Database, dataset_id: int, messages: list[dict[str, Any]], preferred: str, non_preferred: str
) -> tuple[int, list[Finding]]:
    """Append the conversation with a better and a worse answer to a DPO dataset; returns the new
    example's id and findings. ``ValueError`` when the dataset is not a DPO dataset."""
    _require_kind(db, dataset_id, Kind.DPO)
    return _saved(db, dataset_id, dpo_example(messages, preferred, non_preferred))


def send_to_queue(
    db: sqlite_utils.Database,
    queue_name: str,
    messages: list[dict[str, Any]],
    candidates: list[CandidateIn],
    source: str = "playground",
) -> tuple[int, int]:
    """Add a comparison of ``candidates`` (models stored, hidden from the judge) after ``messages``
    to the queue called ``queue_name``, creating the queue when it is new. Returns ``(queue id,
    comparison id)``; nothing is stored when it fails (``ValueError`` for a blank name or fewer
    than two candidates)."""
    with transaction(db.conn):
        queue_id = annotation_repo.queue_by_name(db, queue_name)
        if queue_id is None:
            queue_id = annotation_repo.create_queue(db, queue_name)
        comparison_id = annotation_repo.add_comparison(db, queue_id, copy.deepcopy(messages), candidates, source)
    return queue_id, comparison_id
