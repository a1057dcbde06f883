"""Judging: blind left/right arrangement, judging and undo, the next item, progress, the judged list."""

from __future__ import annotations

import random
import uuid
from collections import Counter

import pytest

from app.services import annotation_judging as judging
from app.services.annotation_judging import display_slots
from app.services.projects import open_project_sync
from app.store import annotation_repo as repo

from .conftest import make_queue, new_project, pick, read, side_of, write


def test_display_slots_are_pinned_and_independent_of_the_process():
    # Fixed values: a change here would rearrange every stored queue on the next start.
    assert [display_slots(7, u, [0, 1]) for u in "abcdef"] == [(0, 1), (0, 1), (0, 1), (1, 0), (1, 0), (0, 1)]
    assert [display_slots(99, u, [0, 1, 2]) for u in "abcdef"] == [(2, 0), (0, 1), (1, 0), (0, 1), (0, 1), (2, 1)]
    assert display_slots(7, "a", [1, 0]) == display_slots(7, "a", [0, 1])  # order of the slots given is irrelevant
    with pytest.raises(ValueError):
        display_slots(7, "a", [0])


def test_display_slots_are_balanced_over_many_items():
    rng = random.Random(1)
    uids = [uuid.UUID(int=rng.getrandbits(128)).hex for _ in range(4000)]
    left_first = sum(display_slots(31, u, [0, 1])[0] == 0 for u in uids)
    assert 0.46 < left_first / len(uids) < 0.54
    orders = Counter(display_slots(31, u, [0, 1, 2]) for u in uids)
    assert set(orders) == {(a, b) for a in range(3) for b in range(3) if a != b}
    assert all(abs(count / len(uids) - 1 / 6) < 0.03 for count in orders.values())
    # Another seed arranges the same items differently.
    other = sum(display_slots(31, u, [0, 1]) != display_slots(32, u, [0, 1]) for u in uids)
    assert 0.4 < other / len(uids) < 0.6


def test_arrangement_is_stable_across_calls_and_restarts(tmp_path):
    path = tmp_path / "p.ftproj"
    project = new_project(path)
    _, ids = make_queue(project, 12)
    before = [(i.left.slot, i.right.slot) for i in (read(project, judging.load_item, c, "ana") for c in ids)]
    assert before == [(i.left.slot, i.right.slot) for i in (read(project, judging.load_item, c, "ben") for c in ids)]
    assert {b[0] for b in before} == {0, 1}  # both arrangements occur
    project._close_sync()
    project = open_project_sync(path)
    try:
        after = [(i.left.slot, i.right.slot) for i in (read(project, judging.load_item, c, "ana") for c in ids)]
        assert after == before
        item = read(project, judging.load_item, ids[0], "ana")
        assert item.mine is None and item.left.content["role"] == "assistant"
    finally:
        project._close_sync()


def test_judge_and_undo_round_trip(project):
    _, ids = make_queue(project, 3)
    c = ids[0]
    item = read(project, judging.load_item, c, "ana")
    assert write(project, judging.judge, c, "ana", "win", "left", rationale="clearer") is None
    first = read(project, judging.load_item, c, "ana").mine
    assert (first.verdict, first.winner_slot, first.left_slot, first.right_slot, first.rationale) == (
        "win",
        item.left.slot,
        item.left.slot,
        item.right.slot,
        "clearer",
    )
    # Changing the judgement returns the one it replaced; undo puts it back exactly.
    replaced = write(project, judging.judge, c, "ana", "tie")
    assert replaced == first
    assert read(project, judging.load_item, c, "ana").mine.verdict == "tie"
    write(project, judging.restore, c, "ana", replaced)
    assert read(project, judging.load_item, c, "ana").mine == first  # same id, uid, time
    # Undo of a first judgement removes it.
    assert write(project, judging.judge, ids[1], "ana", "skip") is None
    write(project, judging.restore, ids[1], "ana", None)
    assert read(project, judging.load_item, ids[1], "ana").mine is None
    # Other annotators are untouched.
    write(project, judging.judge, c, "ben", "both_bad")
    write(project, judging.restore, c, "ana", None)
    comp = read(project, repo.comparison, c)
    assert [(j.annotator, j.verdict) for j in comp.judgements] == [("ben", "both_bad")]


def test_judge_rewrites_and_refusals(project):
    _, ids = make_queue(project, 2)
    c = ids[0]
    write(project, judging.judge, c, "ana", "both_bad", side_of(project, c, 1), rewrite="Fixed answer")
    mine = read(project, judging.load_item, c, "ana").mine
    assert (mine.verdict, mine.winner_slot, mine.rewrite) == ("both_bad", 1, "Fixed answer")
    pick(project, c, 0, rewrite="   ")  # a blank rewrite is no rewrite
    mine = read(project, judging.load_item, c, "ana").mine
    assert (mine.verdict, mine.winner_slot, mine.rewrite) == ("win", 0, None)
    with pytest.raises(ValueError, match="better"):
        write(project, judging.judge, c, "ana", "win")
    with pytest.raises(ValueError, match="rewritten"):
        write(project, judging.judge, c, "ana", "both_bad", rewrite="x")
    with pytest.raises(ValueError, match="side"):
        write(project, judging.judge, c, "ana", "win", "middle")
    with pytest.raises(ValueError):
        write(project, judging.judge, c, "ana", "great", "left")
    with pytest.raises(LookupError):
        write(project, judging.judge, 999, "ana", "tie")
    assert read(project, judging.load_item, c, "ana").mine == mine  # refusals changed nothing


def test_next_unjudged_order_and_wrap(project):
    q, ids = make_queue(project, 5)
    assert read(project, judging.next_unjudged, q, "ana") == ids[0]
    assert read(project, judging.next_unjudged, q, "ana", ids[2]) == ids[3]
    write(project, judging.judge, ids[3], "ana", "tie")
    write(project, judging.judge, ids[4], "ana", "skip")
    assert read(project, judging.next_unjudged, q, "ana", ids[2]) == ids[0]  # 3 judged, 4 skipped: wraps
    assert read(project, judging.next_unjudged, q, "ana", ids[2], include_skipped=True) == ids[4]
    assert read(project, judging.next_unjudged, q, "ben", ids[2]) == ids[3]  # someone else's work does not count
    for c in ids[:3]:
        write(project, judging.judge, c, "ana", "tie")
    assert read(project, judging.next_unjudged, q, "ana", ids[0]) is None
    assert read(project, judging.next_unjudged, q, "ana", include_skipped=True) == ids[4]
    write(project, judging.restore, ids[1], "ana", None)
    assert read(project, judging.next_unjudged, q, "ana", ids[1]) == ids[1]  # the only one left comes back
    assert read(project, judging.next_unjudged, q, "ana", 12345) == ids[1]  # an unknown "after": from the start


def test_progress_per_annotator(project):
    q, ids = make_queue(project, 6)
    other, other_ids = make_queue(project, 2, name="Other")
    assert read(project, judging.progress, q, "ana") == judging.Progress(6, 0, {}, 0)
    pick(project, ids[0], 0)
    write(project, judging.judge, ids[1], "ana", "tie")
    write(project, judging.judge, ids[2], "ana", "skip")
    write(project, judging.judge, ids[0], "ben", "both_bad")
    write(project, judging.judge, ids[3], "cleo", "skip")
    write(project, judging.judge, other_ids[0], "ana", "tie")
    p = read(project, judging.progress, q, " ana ")
    assert (p.total, p.judged, p.skipped) == (6, 2, 1)
    assert p.by_annotator == {"ana": 2, "ben": 1, "cleo": 0}
    assert read(project, judging.progress, q, "ben").judged == 1
    assert read(project, judging.progress, other, "ana") == judging.Progress(2, 1, {"ana": 1}, 0)


def test_judged_list_and_filter(project):
    q, ids = make_queue(project, 5)
    pick(project, ids[3], 1, rewrite="Better")
    write(project, judging.judge, ids[0], "ana", "tie")
    write(project, judging.judge, ids[1], "ana", "skip")
    pick(project, ids[2], 0)
    write(project, judging.judge, ids[4], "ben", "tie")
    everything = read(project, judging.judged_list, q, "ana")
    assert everything == [
        (ids[0], 0, "tie", "Question 0: may the landlord enter?"),
        (ids[1], 1, "skip", "Question 1: may the landlord enter?"),
        (ids[2], 2, "win", "Question 2: may the landlord enter?"),
        (ids[3], 3, "win", "Question 3: may the landlord enter?"),
    ]
    assert [r[0] for r in read(project, judging.judged_list, q, "ana", "win")] == [ids[2], ids[3]]
    assert [r[0] for r in read(project, judging.judged_list, q, "ana", "rewrite")] == [ids[3]]
    assert read(project, judging.judged_list, q, "ana", "both_bad") == []
    with pytest.raises(ValueError):
        read(project, judging.judged_list, q, "ana", "nonsense")
    assert judging.short_preview("a\n b " + "x" * 200, 10) == "a b xxxxx…"
    parts = [{"role": "user", "content": [{"type": "text", "text": "Look"}, {"type": "image_url"}]}]
    assert judging.last_user_text(parts) == "Look"
