"""Statistics of an annotation queue: agreement between annotators, position bias, and how each
source model fared. Plain read functions ``fn(db, queue_id, …)`` for the reader threads.

Skips say nothing about the answers and are left out everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import sqlite_utils

from app.formats.agreement import PairAgreement, cohen_kappa, percent_agreement
from app.formats.winrate import WinRate, wilson_interval, win_rate


def _decisions(db: sqlite_utils.Database, queue_id: int) -> list[tuple[int, str, str, int, int, int | None]]:
    """``(comparison id, annotator, verdict, left slot, right slot, winner slot)`` of every
    judgement of the queue that is not a skip."""
    return db.conn.execute(
        "SELECT j.comparison_id, j.annotator, j.verdict, j.left_slot, j.right_slot, j.winner_slot"
        " FROM judgements j JOIN comparisons c ON c.id = j.comparison_id"
        " WHERE c.queue_id = ? AND j.verdict != 'skip' ORDER BY c.position, c.id, j.annotator",
        (queue_id,),
    ).fetchall()


def label(verdict: str, winner_slot: int | None) -> str:
    """A judgement as a label that does not depend on which side an answer was shown:
    ``"slot:N"`` for a win by candidate N, else the verdict ("tie", "both_bad")."""
    return f"slot:{winner_slot}" if verdict == "win" else verdict


def agreement(db: sqlite_utils.Database, queue_id: int) -> list[PairAgreement]:
    """Percent agreement and Cohen's kappa for every pair of annotators of the queue (names in
    alphabetical order), over the items both judged (skips excluded). A pair with no item in
    common is listed with ``overlap`` 0 and no figures."""
    labels: dict[str, dict[int, str]] = defaultdict(dict)
    for cid, annotator, verdict, _, _, winner in _decisions(db, queue_id):
        labels[annotator][cid] = label(verdict, winner)
    out = []
    for a, b in combinations(sorted(labels), 2):
        common = sorted(labels[a].keys() & labels[b].keys())
        pairs = [(labels[a][cid], labels[b][cid]) for cid in common]
        out.append(PairAgreement(a, b, len(pairs), percent_agreement(pairs), cohen_kappa(pairs)))
    return out


@dataclass(frozen=True)
class PositionBias:
    """How often the answer shown on the left won, among the wins (ties, both-bad and skips
    excluded): the counts, the rate (0–1) and its 95 % Wilson interval; None without wins. An
    unbiased annotator's rate stays near 0.5, since the sides are drawn at random."""

    left_wins: int
    right_wins: int
    rate: float | None
    low: float | None
    high: float | None


def position_bias(db: sqlite_utils.Database, queue_id: int, annotator: str | None = None) -> PositionBias:
    """Position bias over everyone's wins, or only ``annotator``'s."""
    left = right = 0
    for _, name, verdict, left_slot, _, winner in _decisions(db, queue_id):
        if verdict != "win" or (annotator is not None and name != annotator.strip()):
            continue
        if winner == left_slot:
            left += 1
        else:
            right += 1
    n = left + right
    if n == 0:
        return PositionBias(0, 0, None, None, None)
    low, high = wilson_interval(left, n)
    return PositionBias(left, right, left / n, low, high)


@dataclass(frozen=True)
class ModelStats:
    """How one source model's answers fared against the answers they were shown next to: wins,
    ties, losses, how often both were judged bad, and the win-rate (ties as halves) with its 95 %
    interval. ``model`` is the candidate's stored model ("" for answers from a file)."""

    model: str
    wins: int
    ties: int
    losses: int
    both_bad: int
    rate: WinRate


def model_stats(db: sqlite_utils.Database, queue_id: int) -> list[ModelStats]:
    """Per source model, over every judgement of the queue (each annotator's counts), best
    win-rate first (models without a decided comparison last, then by name).

    A comparison of two answers from the same model says nothing about that model against
    others: it adds no win, tie or loss (only a "both bad", once).
    """
    rows = db.conn.execute(
        "SELECT j.verdict, j.winner_slot, j.left_slot, l.model, r.model"
        " FROM judgements j JOIN comparisons c ON c.id = j.comparison_id"
        " JOIN candidates l ON l.comparison_id = j.comparison_id AND l.slot = j.left_slot"
        " JOIN candidates r ON r.comparison_id = j.comparison_id AND r.slot = j.right_slot"
        " WHERE c.queue_id = ? AND j.verdict != 'skip'",
        (queue_id,),
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # wins, ties, losses, both bad
    for verdict, winner, left_slot, left_model, right_model in rows:
        if verdict == "both_bad":
            for model in {left_model, right_model}:
                counts[model][3] += 1
            continue
        if left_model == right_model:
            counts[left_model]  # listed, with nothing to count
            continue
        if verdict == "tie":
            counts[left_model][1] += 1
            counts[right_model][1] += 1
        else:
            won, lost = (left_model, right_model) if winner == left_slot else (right_model, left_model)
            counts[won][0] += 1
            counts[lost][2] += 1
    out = [ModelStats(m, w, t, lo, bb, win_rate(w, lo, t)) for m, (w, t, lo, bb) in counts.items()]
    out.sort(key=lambda s: (s.rate.rate is None, -(s.rate.rate or 0.0), s.model))
    return out
