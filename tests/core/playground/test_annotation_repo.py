"""Annotation queues, comparisons and judgements on a real project file."""

from __future__ import annotations

import pytest

from app.store import annotation_repo as repo
from app.store.annotation_repo import CandidateIn
from tests.core.datasets.conftest import read

CONTEXT = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Can the landlord enter?"}]


def write(proj, fn, *args, **kwargs):
    return proj.db.submit_write(lambda db: fn(db, *args, **kwargs)).result()


def cand(text: str, model: str, **kwargs) -> CandidateIn:
    return CandidateIn({"role": "assistant", "content": text}, model, **kwargs)


def pair(proj, queue_id: int, a: str = "base", b: str = "tuned", source: str = "playground") -> int:
    return write(proj, repo.add_comparison, queue_id, CONTEXT, [cand(f"from {a}", a), cand(f"from {b}", b)], source)


def test_queues(project):
    q1 = write(project, repo.create_queue, "Lease answers", 42)
    q2 = write(project, repo.create_queue, "  Second  ")
    assert read(project, repo.queue_seed, q1) == 42
    assert isinstance(read(project, repo.queue_seed, q2), int)
    assert read(project, repo.queue_by_name, "Second") == q2
    assert read(project, repo.queue_by_name, "nope") is None
    with pytest.raises(ValueError, match="already a queue named"):
        write(project, repo.create_queue, "Lease answers")
    with pytest.raises(ValueError):
        write(project, repo.create_queue, "   ")
    uids = read(project, lambda db: [r[0] for r in db.conn.execute("SELECT uid FROM annotation_queues")])
    assert len(set(uids)) == 2 and all(len(u) == 32 for u in uids)
    # Seeds differ when chosen at random (2 in 2**31 chance of a clash per run is fine to ignore).
    q3 = write(project, repo.create_queue, "Third")
    assert read(project, repo.queue_seed, q3) != read(project, repo.queue_seed, q2)

    c = pair(project, q1)
    assert [(q.name, q.items, q.judged) for q in read(project, repo.list_queues)] == [
        ("Lease answers", 1, 0),  # changed last: the comparison touched it
        ("Third", 0, 0),
        ("Second", 0, 0),
    ]
    write(project, repo.add_judgement, c, "ana", "skip", 0, 1)
    assert read(project, repo.list_queues)[0].judged == 0  # a skip is not a judgement
    write(project, repo.add_judgement, c, "ben", "tie", 1, 0)
    assert read(project, repo.list_queues)[0].judged == 1


def test_comparisons_keep_order_context_and_hidden_models(project):
    q = write(project, repo.create_queue, "Q")
    other = write(project, repo.create_queue, "Other")
    ids = [pair(project, q), pair(project, other), pair(project, q, source="batch:3")]
    three = write(
        project,
        repo.add_comparison,
        q,
        CONTEXT,
        [cand("a", "m1", profile_id="p1", params={"temperature": 0.2}), cand("b", "m2"), cand("c", "m3")],
        "playground",
    )
    assert read(project, repo.queue_items, q) == [ids[0], ids[2], three]
    assert read(project, repo.queue_items, other) == [ids[1]]

    got = read(project, repo.comparison, three)
    assert got.queue_id == q and got.position == 2  # the next position after the two before it
    assert got.context == CONTEXT and got.source == "playground" and len(got.uid) == 32
    slots = [(c.slot, c.content["content"], c.model) for c in got.candidates]
    assert slots == [(0, "a", "m1"), (1, "b", "m2"), (2, "c", "m3")]
    assert got.candidates[0].profile_id == "p1" and got.candidates[0].params == {"temperature": 0.2}
    assert got.candidates[1].params is None and got.judgements == []
    assert read(project, repo.comparison, ids[2]).source == "batch:3"
    assert read(project, repo.comparison, 999) is None

    with pytest.raises(ValueError, match="at least two"):
        write(project, repo.add_comparison, q, CONTEXT, [cand("only", "m1")], "x")
    with pytest.raises(LookupError):
        write(project, repo.add_comparison, 999, CONTEXT, [cand("a", "m1"), cand("b", "m2")], "x")
    assert read(project, repo.queue_items, q) == [ids[0], ids[2], three]  # nothing half-written


def test_judgements_replace_validate_and_undo(project):
    q = write(project, repo.create_queue, "Q")
    c = pair(project, q)
    first = write(project, repo.add_judgement, c, "ana", "win", 1, 0, winner_slot=0, rationale="shorter")
    write(project, repo.add_judgement, c, "ben", "both_bad", 0, 1, rewrite="The landlord must give notice.")
    again = write(project, repo.add_judgement, c, "ana", "win", 1, 0, winner_slot=1)
    assert again != first
    judged = read(project, repo.comparison, c).judgements
    assert [(j.annotator, j.verdict, j.winner_slot) for j in judged] == [("ben", "both_bad", None), ("ana", "win", 1)]
    ben = judged[0]
    assert (ben.left_slot, ben.right_slot, ben.rewrite, ben.rationale) == (0, 1, "The landlord must give notice.", "")
    assert judged[1].rationale == "" and len({j.uid for j in judged}) == 2

    bad = [
        dict(verdict="great", left_slot=0, right_slot=1),
        dict(verdict="win", left_slot=0, right_slot=1),  # no winner
        dict(verdict="win", left_slot=0, right_slot=1, winner_slot=2),
        dict(verdict="tie", left_slot=0, right_slot=1, winner_slot=0),
        dict(verdict="tie", left_slot=0, right_slot=0),
        dict(verdict="tie", left_slot=0, right_slot=5),  # no such candidate
    ]
    for kwargs in bad:
        with pytest.raises(ValueError):
            write(project, repo.add_judgement, c, "cara", **kwargs)
    with pytest.raises(ValueError):
        write(project, repo.add_judgement, c, " ", "tie", 0, 1)
    with pytest.raises(LookupError):
        write(project, repo.add_judgement, 999, "cara", "tie", 0, 1)
    assert len(read(project, repo.comparison, c).judgements) == 2

    removed = write(project, repo.delete_judgement, c, "ana")
    assert removed.verdict == "win" and removed.winner_slot == 1
    assert write(project, repo.delete_judgement, c, "ana") is None
    assert [j.annotator for j in read(project, repo.comparison, c).judgements] == ["ben"]


def test_model_results(project):
    q = write(project, repo.create_queue, "Q")
    other = write(project, repo.create_queue, "Other")
    c1, c2, c3, c4 = (pair(project, q) for _ in range(4))
    swapped = pair(project, q, "tuned", "base")  # tuned in slot 0 this time
    elsewhere = pair(project, other)
    unrelated = pair(project, q, "base", "ckpt")

    def judge(c, who, verdict, left=0, right=1, winner=None):
        write(project, repo.add_judgement, c, who, verdict, left, right, winner)

    judge(c1, "ana", "win", 0, 1, 1)  # tuned
    judge(c1, "ben", "win", 1, 0, 1)  # tuned again, another annotator: counts too
    judge(c2, "ana", "win", 0, 1, 0)  # base
    judge(c3, "ana", "tie")
    judge(c4, "ana", "both_bad")  # not counted
    judge(c4, "ben", "skip")  # not counted
    judge(swapped, "ana", "win", 0, 1, 0)  # slot 0 is tuned here
    judge(elsewhere, "ana", "win", 0, 1, 1)  # tuned, in the other queue
    judge(unrelated, "ana", "win", 0, 1, 1)  # ckpt beat base: nothing to do with tuned

    assert read(project, repo.model_results, "tuned", "base") == (4, 1, 1)
    assert read(project, repo.model_results, "base", "tuned") == (1, 4, 1)
    assert read(project, repo.model_results, "tuned", "base", q) == (3, 1, 1)
    assert read(project, repo.model_results, "tuned", "base", other) == (1, 0, 0)
    assert read(project, repo.model_results, "ckpt", "base") == (1, 0, 0)
    assert read(project, repo.model_results, "x", "y") == (0, 0, 0)
    with pytest.raises(ValueError):
        read(project, repo.model_results, "base", "base")


def test_model_results_with_three_candidates_use_the_shown_pair(project):
    q = write(project, repo.create_queue, "Q")
    c = write(project, repo.add_comparison, q, CONTEXT, [cand("a", "base"), cand("b", "tuned"), cand("c", "ckpt")], "")
    write(project, repo.add_judgement, c, "ana", "win", 0, 2, 2)  # base vs ckpt shown: says nothing of tuned
    write(project, repo.add_judgement, c, "ben", "win", 1, 0, 1)  # tuned vs base shown
    assert read(project, repo.model_results, "tuned", "base") == (1, 0, 0)
    assert read(project, repo.model_results, "ckpt", "base") == (1, 0, 0)


def test_deleting_a_queue_removes_its_comparisons(project):
    q = write(project, repo.create_queue, "Q")
    c = pair(project, q)
    write(project, repo.add_judgement, c, "ana", "tie", 0, 1)
    write(project, lambda db: db.conn.execute("DELETE FROM annotation_queues WHERE id = ?", (q,)))
    tables = ("comparisons", "candidates", "judgements")
    counts = read(project, lambda db: [db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables])
    assert counts == [0, 0, 0]
