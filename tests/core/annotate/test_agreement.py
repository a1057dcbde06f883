"""Agreement between annotators, position bias and per-model statistics."""

from __future__ import annotations

import pytest

from app.formats.agreement import PairAgreement, cohen_kappa, percent_agreement
from app.formats.winrate import wilson_interval, win_rate
from app.services import annotation_judging as judging
from app.services import annotation_stats as stats
from app.store import annotation_repo as repo

from .conftest import make_queue, pick, read, side_of, write

# Hand computation (two annotators, 10 items, labels A and B):
#
#                 ben: A   ben: B
#     ana: A        4        1      | 5
#     ana: B        2        3      | 5
#                   6        4      | 10
#
# observed agreement p_o = (4 + 3) / 10 = 0.7
# chance agreement   p_e = (5/10)(6/10) + (5/10)(4/10) = 0.30 + 0.20 = 0.5
# kappa = (p_o - p_e) / (1 - p_e) = (0.7 - 0.5) / 0.5 = 0.4
TABLE = [("A", "A")] * 4 + [("A", "B")] * 1 + [("B", "A")] * 2 + [("B", "B")] * 3

# Three labels, 8 items:
#                 ben: x   ben: y   ben: z
#     ana: x        2        1        0    | 3
#     ana: y        0        2        1    | 3
#     ana: z        1        0        1    | 2
#                   3        3        2    | 8
# p_o = 5/8 = 0.625;  p_e = (3·3 + 3·3 + 2·2) / 64 = 22/64 = 0.34375
# kappa = (0.625 - 0.34375) / (1 - 0.34375) = 0.28125 / 0.65625 = 3/7 ≈ 0.428571
THREE = [("x", "x")] * 2 + [("x", "y")] + [("y", "y")] * 2 + [("y", "z")] + [("z", "x")] + [("z", "z")]


def test_percent_agreement_and_kappa_by_hand():
    assert percent_agreement(TABLE) == pytest.approx(0.7)
    assert cohen_kappa(TABLE) == pytest.approx(0.4)
    assert percent_agreement(THREE) == pytest.approx(0.625)
    assert cohen_kappa(THREE) == pytest.approx(3 / 7)
    # Kappa is symmetric in the two annotators.
    assert cohen_kappa([(b, a) for a, b in THREE]) == pytest.approx(3 / 7)


def test_kappa_edge_cases():
    assert percent_agreement([]) is None and cohen_kappa([]) is None
    same = [("tie", "tie")] * 5
    assert percent_agreement(same) == 1.0 and cohen_kappa(same) == 1.0  # 0/0 by the formula: perfect agreement
    # One always says "tie", the other half the time: p_o = 0.5, p_e = 1·0.5 = 0.5 → kappa 0.
    assert cohen_kappa([("tie", "tie"), ("tie", "slot:0")] * 3) == pytest.approx(0.0)
    # Always disagreeing with balanced labels: p_o = 0, p_e = 0.5 → kappa -1.
    assert cohen_kappa([("a", "b"), ("b", "a")] * 2) == pytest.approx(-1.0)
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)


def _judge_label(project, cid: int, annotator: str, label: str) -> None:
    if label in ("tie", "both_bad", "skip"):
        write(project, judging.judge, cid, annotator, label)
    else:
        pick(project, cid, int(label[-1]), annotator)


def test_agreement_in_a_queue(project):
    q, ids = make_queue(project, 12)
    labels = {"A": "slot:0", "B": "slot:1"}
    for cid, (a, b) in zip(ids, TABLE, strict=False):
        _judge_label(project, cid, "ana", labels[a])
        _judge_label(project, cid, "ben", labels[b])
    # Skips are left out: an item one of them skipped is not in their overlap.
    _judge_label(project, ids[10], "ana", "skip")
    _judge_label(project, ids[10], "ben", "slot:0")
    # The third annotator judged items nobody else did: no overlap, no figures.
    _judge_label(project, ids[11], "cleo", "tie")
    result = read(project, stats.agreement, q)
    assert [(p.a, p.b, p.overlap) for p in result] == [("ana", "ben", 10), ("ana", "cleo", 0), ("ben", "cleo", 0)]
    assert result[0].agreement == pytest.approx(0.7) and result[0].kappa == pytest.approx(0.4)
    assert result[1] == PairAgreement("ana", "cleo", 0, None, None)


def test_agreement_labels_do_not_depend_on_the_side(project):
    q, ids = make_queue(project, 2)
    # Both chose candidate 0, seen on different sides: they agree.
    write(project, repo.add_judgement, ids[0], "ana", "win", 0, 1, 0)
    write(project, repo.add_judgement, ids[0], "ben", "win", 1, 0, 0)
    # Both chose the left answer, which was a different candidate for each: they disagree.
    write(project, repo.add_judgement, ids[1], "ana", "win", 0, 1, 0)
    write(project, repo.add_judgement, ids[1], "ben", "win", 1, 0, 1)
    (pair,) = read(project, stats.agreement, q)
    assert (pair.overlap, pair.agreement) == (2, 0.5)


def test_all_the_same_label_and_disjoint_items(project):
    q, ids = make_queue(project, 6)
    for cid in ids[:3]:
        _judge_label(project, cid, "ana", "tie")
        _judge_label(project, cid, "ben", "tie")
    for cid in ids[3:]:
        _judge_label(project, cid, "cleo", "both_bad")
    result = {(p.a, p.b): p for p in read(project, stats.agreement, q)}
    assert result[("ana", "ben")] == PairAgreement("ana", "ben", 3, 1.0, 1.0)
    assert result[("ben", "cleo")] == PairAgreement("ben", "cleo", 0, None, None)


def test_position_bias(project):
    q, ids = make_queue(project, 8)
    for cid in ids[:3]:  # ana: three left wins, one right
        write(project, judging.judge, cid, "ana", "win", "left")
    write(project, judging.judge, ids[3], "ana", "win", "right")
    write(project, judging.judge, ids[4], "ana", "tie")  # not a win: not counted
    write(project, judging.judge, ids[5], "ana", "skip")
    write(project, judging.judge, ids[0], "ben", "win", "right")
    mine = read(project, stats.position_bias, q, "ana")
    low, high = wilson_interval(3, 4)
    assert (mine.left_wins, mine.right_wins, mine.rate) == (3, 1, 0.75)
    assert (mine.low, mine.high) == (pytest.approx(low), pytest.approx(high))
    everyone = read(project, stats.position_bias, q)
    assert (everyone.left_wins, everyone.right_wins, everyone.rate) == (3, 2, 0.6)
    assert read(project, stats.position_bias, q, "nobody") == stats.PositionBias(0, 0, None, None, None)


def test_model_stats_with_wilson_figures(project):
    q, ids = make_queue(project, 8)
    for cid in ids[:3]:
        pick(project, cid, 1)  # tuned wins three times
    pick(project, ids[3], 0)  # base wins once
    write(project, judging.judge, ids[4], "ana", "tie")
    write(project, judging.judge, ids[5], "ana", "both_bad", side_of(project, ids[5], 0), rewrite="Better")
    write(project, judging.judge, ids[6], "ana", "skip")
    pick(project, ids[0], 1, "ben")  # a second annotator's judgement counts too
    # Two answers of the same model: no win or loss for it.
    _, same = make_queue(project, 1, name="Same", models=("solo", "solo"))
    pick(project, same[0], 0)

    result = {s.model: s for s in read(project, stats.model_stats, q)}
    assert set(result) == {"base", "tuned"}
    tuned, base = result["tuned"], result["base"]
    assert (tuned.wins, tuned.ties, tuned.losses, tuned.both_bad) == (4, 1, 1, 1)
    assert (base.wins, base.ties, base.losses, base.both_bad) == (1, 1, 4, 1)
    # Ties count as halves: tuned (4 + 0.5) / 6 = 0.75, Wilson interval of 4.5 out of 6.
    assert tuned.rate == win_rate(4, 1, 1)
    assert tuned.rate.rate == pytest.approx(0.75)
    low, high = wilson_interval(4.5, 6)
    assert (tuned.rate.low, tuned.rate.high) == (pytest.approx(low), pytest.approx(high))
    assert base.rate.rate == pytest.approx(0.25)
    assert [s.model for s in read(project, stats.model_stats, q)] == ["tuned", "base"]  # best first

    other = read(project, stats.model_stats, read(project, repo.queue_by_name, "Same"))
    assert [(s.model, s.wins, s.losses, s.rate.rate) for s in other] == [("solo", 0, 0, None)]
