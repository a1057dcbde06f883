"""From judgements to training data: an annotation queue exported as a new DPO dataset, and an
annotator's rewritten answer saved as an SFT example.

How a judged comparison becomes a DPO pair (``input`` = the conversation so far):

* a win: preferred = the winner (or the annotator's rewrite of it), non-preferred = the answer it
  was shown against;
* both bad with a rewrite: preferred = the rewrite, non-preferred = the weak answer that was
  rewritten (the judgement's ``winner_slot``; the left one if that was not recorded);
* ties and skips give no pair; both bad without a rewrite is listed for rewriting;
* several annotators who disagree on an item (their labels — winning candidate, tie, both bad —
  differ; skips do not count) make it a conflict: listed, and left out. When they agree, the
  newest judgement's shown pair is used and the newest rewrite, if any.

Examples are checked exactly like imported ones (the DPO rules, token counts, search index).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Any

import orjson
import sqlite_utils

from app.formats.model import Finding, Kind, Record
from app.formats.pipeline import FINDINGS, check_records, findings_from_json
from app.i18n import _
from app.services.annotation_judging import atomic, context_messages
from app.services.annotation_stats import label
from app.services.dataset_admin import unique_name
from app.services.playground_data import save_sft_example
from app.store import annotation_repo, datasets_repo


@dataclass(frozen=True)
class ExportPlan:
    """What exporting a queue would give, before anything is written: the DPO pairs (comparison
    id, example) in queue order, how many items are ties and skips, and the comparison ids of
    both-bad items without a rewrite and of conflicting ones."""

    pairs: list[tuple[int, dict[str, Any]]]
    ties: int
    skips: int
    both_bad: list[int]
    conflicts: list[int]


@dataclass(frozen=True)
class ExportResult:
    """The new dataset and what went into it: ``added`` examples; ``ties`` and ``skips`` items
    left out; ``both_bad`` and ``conflicts`` comparison ids left out (to rewrite or to settle);
    ``findings`` of the new examples (each finding's ``line`` is the example's number in the new
    dataset)."""

    dataset_id: int
    added: int
    ties: int
    skips: int
    both_bad: list[int]
    conflicts: list[int]
    findings: list[Finding]


@dataclass(frozen=True)
class _Row:
    annotator: str
    verdict: str
    left: int
    right: int
    winner: int | None
    rewrite: str | None


def _assistant(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


def _pair(context: list[dict[str, Any]], preferred: dict[str, Any], rejected: dict[str, Any]) -> dict[str, Any]:
    return {
        "input": {"messages": copy.deepcopy(context)},
        "preferred_output": [copy.deepcopy(preferred)],
        "non_preferred_output": [copy.deepcopy(rejected)],
    }


def _rows(db: sqlite_utils.Database, queue_id: int, annotator: str | None) -> dict[int, list[_Row]]:
    """Each comparison's judgements in scope, oldest first."""
    sql = (
        "SELECT j.comparison_id, j.annotator, j.verdict, j.left_slot, j.right_slot, j.winner_slot, j.rewrite"
        " FROM judgements j JOIN comparisons c ON c.id = j.comparison_id WHERE c.queue_id = ?"
    )
    args: list[Any] = [queue_id]
    if annotator is not None:
        sql += " AND j.annotator = ?"
        args.append(annotator.strip())
    out: dict[int, list[_Row]] = {}
    for cid, *rest in db.conn.execute(sql + " ORDER BY j.created_at, j.id", args):
        out.setdefault(cid, []).append(_Row(*rest))
    return out


def _candidates(db: sqlite_utils.Database, queue_id: int) -> dict[tuple[int, int], dict[str, Any]]:
    rows = db.conn.execute(
        "SELECT k.comparison_id, k.slot, k.content FROM candidates k JOIN comparisons c ON c.id = k.comparison_id"
        " WHERE c.queue_id = ?",
        (queue_id,),
    )
    return {(cid, slot): orjson.loads(content) for cid, slot, content in rows}


def plan_export(db: sqlite_utils.Database, queue_id: int, *, annotator: str | None = None) -> ExportPlan:
    """What :func:`export_dpo` would write (see the module docstring), without writing it.
    ``annotator=None`` uses everyone's judgements, a name only theirs."""
    annotation_repo.queue_seed(db, queue_id)  # LookupError for an unknown queue
    judged = _rows(db, queue_id, annotator)
    answers = _candidates(db, queue_id)
    pairs: list[tuple[int, dict[str, Any]]] = []
    ties = skips = 0
    both_bad: list[int] = []
    conflicts: list[int] = []
    comparisons = db.conn.execute(
        "SELECT id, context FROM comparisons WHERE queue_id = ? ORDER BY position, id", (queue_id,)
    )
    for cid, context_text in comparisons:
        rows = judged.get(cid, [])
        decided = [r for r in rows if r.verdict != "skip"]
        if not decided:
            skips += bool(rows)
            continue
        if len({label(r.verdict, r.winner) for r in decided}) > 1:
            conflicts.append(cid)
            continue
        newest = decided[-1]
        rewrites = [r for r in decided if r.rewrite]
        if newest.verdict == "tie":
            ties += 1
            continue
        context = context_messages(context_text)
        if newest.verdict == "win":
            loser = newest.right if newest.winner == newest.left else newest.left
            preferred = _assistant(rewrites[-1].rewrite) if rewrites else answers[(cid, newest.winner)]
            pairs.append((cid, _pair(context, preferred, answers[(cid, loser)])))
        elif rewrites:  # both bad, rewritten
            source = rewrites[-1]
            weak = source.winner if source.winner is not None else source.left
            pairs.append((cid, _pair(context, _assistant(source.rewrite), answers[(cid, weak)])))
        else:
            both_bad.append(cid)
    return ExportPlan(pairs, ties, skips, both_bad, conflicts)


def export_dpo(
    db: sqlite_utils.Database, queue_id: int, dataset_name: str, *, annotator: str | None = None
) -> ExportResult:
    """Export the queue's judged pairs as a new DPO dataset, in queue order (one transaction).

    The dataset is called ``dataset_name`` (made unique: "Prefs (2)" when "Prefs" exists).
    ``ValueError`` — and nothing written — when the name is blank or no item gives a pair.
    """
    name = " ".join(dataset_name.split())
    if not name:
        raise ValueError(_("The new dataset needs a name."))
    plan = plan_export(db, queue_id, annotator=annotator)
    if not plan.pairs:
        raise ValueError(_(
            "No judged item has a better answer yet, so there is nothing to export (ties: {ties}; skipped: {skips}; "
            "both bad without a rewrite: {both_bad}; annotators disagree: {conflicts})."
        ).format(ties=plan.ties, skips=plan.skips, both_bad=len(plan.both_bad), conflicts=len(plan.conflicts)))
    # Line 0: examples made in the app carry no "Line N:" in their stored findings.
    checked = check_records([Record(0, obj) for _cid, obj in plan.pairs], Kind.DPO, None).examples
    queue_name = db.conn.execute("SELECT name FROM annotation_queues WHERE id = ?", (queue_id,)).fetchone()[0]
    source = _("annotation queue “{name}”").format(name=queue_name)
    with atomic(db.conn):
        dataset_id = datasets_repo.create_dataset(db, unique_name(db, name), Kind.DPO, source=source)
        datasets_repo.insert_examples(db, dataset_id, 0, checked)
    findings = [
        dataclasses.replace(f, line=number)
        for number, row in enumerate(checked, 1)
        for f in findings_from_json(row[FINDINGS])
    ]
    return ExportResult(dataset_id, len(checked), plan.ties, plan.skips, plan.both_bad, plan.conflicts, findings)


def save_rewrite_as_sft(db: sqlite_utils.Database, comparison_id: int, annotator: str, dataset_id: int) -> int:
    """Append the comparison's conversation followed by ``annotator``'s rewritten answer to an SFT
    dataset; returns the new example's id (undo: ``dataset_edits.delete_examples``).

    ``ValueError`` when they wrote no rewrite for it or the dataset is not an SFT dataset;
    ``LookupError`` when the comparison or the dataset is gone.
    """
    comp = annotation_repo.comparison(db, comparison_id)
    if comp is None:
        raise LookupError(f"there is no comparison {comparison_id}")
    mine = next((j for j in comp.judgements if j.annotator == annotator.strip()), None)
    if mine is None or not mine.rewrite:
        raise ValueError(_("There is no rewritten answer for this item to save."))
    example_id, _findings = save_sft_example(db, dataset_id, comp.context, mine.rewrite)
    return example_id
