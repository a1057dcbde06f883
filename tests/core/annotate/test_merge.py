"""Merging judgements from another copy of the project file."""

from __future__ import annotations

import hashlib
import shutil
import time

import pytest

from app.services import annotation_judging as judging
from app.services import annotation_merge as merge
from app.services import annotation_stats as stats
from app.services.annotation_merge import MergeResult
from app.services.projects import open_project_sync
from app.store import annotation_repo as repo
from app.store.annotation_repo import CandidateIn
from app.store.errors import ProjectError
from tests.core.datasets.conftest import dump

from .conftest import answer, context, make_queue, new_project, pick, read, write

# The hand-computed example of test_agreement: over the 10 items both judged,
#                 ben: slot 0   ben: slot 1
#   ana: slot 0        4             1
#   ana: slot 1        2             3
# p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
ANA = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
BEN = [0, 0, 0, 0, 1, 0, 0, 1, 1, 1]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(project) -> dict[str, int]:
    def run(db):
        tables = ("annotation_queues", "comparisons", "candidates", "judgements")
        return {
            t: db.conn.execute(f"SELECT COUNT(*), COUNT(DISTINCT uid) FROM {t}").fetchone()
            if t != "candidates"
            else db.conn.execute("SELECT COUNT(*), COUNT(*) FROM candidates").fetchone()
            for t in tables
        }

    out = read(project, run)
    assert all(total == distinct for total, distinct in out.values()), "a uid is duplicated"
    return {t: total for t, (total, _) in out.items()}


def add_item(project, queue_id: int, i: int) -> int:
    cands = [CandidateIn(answer(i, 0), "base"), CandidateIn(answer(i, 1), "tuned")]
    return write(project, repo.add_comparison, queue_id, context(i), cands, "test")


def label_of(project, cid: int, annotator: str) -> tuple[str, int | None]:
    mine = read(project, judging.load_item, cid, annotator).mine
    return mine.verdict, mine.winner_slot


@pytest.fixture
def copies(tmp_path):
    """Two copies of one project, judged differently (see the comments), both closed."""
    base = new_project(tmp_path / "base.ftproj")
    q, ids = make_queue(base, 10)
    base._close_sync()
    a_path, b_path = tmp_path / "a.ftproj", tmp_path / "b.ftproj"
    shutil.copy(tmp_path / "base.ftproj", a_path)
    shutil.copy(tmp_path / "base.ftproj", b_path)
    a, b = open_project_sync(a_path), open_project_sync(b_path)
    try:
        # Oldest: in copy B, ana calls item 1 a tie (copy A's later judgement of it must win).
        write(b, judging.judge, ids[1], "ana", "tie")
        time.sleep(0.01)
        # Copy A: ana judges every item; item 0 first as "both bad" (copy B's later one must win).
        write(a, judging.judge, ids[0], "ana", "both_bad")
        for cid, slot in zip(ids[1:], ANA[1:], strict=True):
            pick(a, cid, slot, "ana")
        extra_a = write(a, repo.create_queue, "Extra", 1)
        write(a, judging.judge, add_item(a, extra_a, 100), "ana", "tie")
        time.sleep(0.01)
        # Copy B: ben judges every item, ana re-judges item 0, and an item and a queue are added.
        for cid, slot in zip(ids, BEN, strict=True):
            pick(b, cid, slot, "ben")
        pick(b, ids[0], ANA[0], "ana")
        new_item = add_item(b, q, 10)
        pick(b, new_item, 0, "ben")
        extra_b = write(b, repo.create_queue, "Extra", 2)  # same name, another queue
        write(b, judging.judge, add_item(b, extra_b, 200), "ben", "tie")
    finally:
        a._close_sync()
        b._close_sync()
    return a_path, b_path, q, ids


def test_merge_two_copies(copies, tmp_path):
    a_path, b_path, q, ids = copies
    a_untouched = tmp_path / "a-before.ftproj"
    shutil.copy(a_path, a_untouched)
    b_hash = sha256(b_path)
    a = open_project_sync(a_path)
    try:
        assert counts(a) == {"annotation_queues": 2, "comparisons": 11, "candidates": 22, "judgements": 11}
        result = write(a, merge.merge_project, b_path)
        # Added: ben's 12 judgements; replaced: ana's item 0; unchanged: ana's older tie on item 1.
        assert result == MergeResult(queues=1, comparisons=2, judgements=12, replaced=1, unchanged=1)
        assert counts(a) == {"annotation_queues": 3, "comparisons": 13, "candidates": 26, "judgements": 23}
        assert sorted(qi.name for qi in read(a, repo.list_queues)) == ["Extra", "Extra (2)", "Lease"]
        items = read(a, repo.queue_items, q)
        assert items[:10] == ids and len(items) == 11
        added = read(a, repo.comparison, items[10])
        assert added.position == 10 and added.context == context(10)
        assert [c.content for c in added.candidates] == [answer(10, 0), answer(10, 1)]
        assert label_of(a, ids[0], "ana") == ("win", ANA[0])  # the newer judgement from B
        assert label_of(a, ids[1], "ana") == ("win", ANA[1])  # A's own, newer than B's tie
        extra2 = read(a, repo.queue_by_name, "Extra (2)")
        assert read(a, repo.queue_seed, extra2) == 2  # the seed travels: shown the same way

        (pair,) = read(a, stats.agreement, q)
        assert (pair.a, pair.b, pair.overlap) == ("ana", "ben", 10)
        assert pair.agreement == pytest.approx(0.7) and pair.kappa == pytest.approx(0.4)

        # Merging again changes nothing at all.
        before = dump(a)
        again = write(a, merge.merge_project, b_path)
        assert again == MergeResult(0, 0, 0, 0, 14)
        assert dump(a) == before
        assert read(a, judging.progress, q, "ben").judged == 11
    finally:
        a._close_sync()
    # The other file was only read: same bytes, no log files left beside it.
    assert sha256(b_path) == b_hash
    assert not (tmp_path / "b.ftproj-wal").exists() and not (tmp_path / "b.ftproj-shm").exists()

    # The other way round gives the same agreement.
    b = open_project_sync(b_path)
    try:
        back = write(b, merge.merge_project, a_untouched)
        # Added: ana's 8 judgements of items 2–9 and her tie in A's "Extra"; replaced: her tie on
        # item 1; unchanged: her older "both bad" on item 0.
        assert back == MergeResult(queues=1, comparisons=1, judgements=9, replaced=1, unchanged=1)
        (pair,) = read(b, stats.agreement, q)
        assert (pair.overlap, pair.agreement, pair.kappa) == (10, pytest.approx(0.7), pytest.approx(0.4))
    finally:
        b._close_sync()


def test_merge_is_all_or_nothing(copies, monkeypatch):
    a_path, b_path, _, _ = copies
    a = open_project_sync(a_path)
    try:
        before = dump(a)
        calls = []
        real = merge._insert_judgement

        def failing(conn, cid, row):
            calls.append(row)
            if len(calls) == 3:
                raise RuntimeError("disk trouble")
            real(conn, cid, row)

        monkeypatch.setattr(merge, "_insert_judgement", failing)
        with pytest.raises(RuntimeError):
            write(a, merge.merge_project, b_path)
        assert dump(a) == before
    finally:
        a._close_sync()


def test_merge_reads_a_copy_that_is_open_elsewhere(tmp_path):
    a = new_project(tmp_path / "a.ftproj")
    b = new_project(tmp_path / "b.ftproj")
    try:
        _, ids = make_queue(b, 2)
        write(b, judging.judge, ids[0], "ben", "tie")  # still in b's write-ahead log
        result = write(a, merge.merge_project, tmp_path / "b.ftproj")
        assert result == MergeResult(1, 2, 1, 0, 0)
        assert counts(a)["judgements"] == 1
        with pytest.raises(ValueError, match="open"):
            write(a, merge.merge_project, tmp_path / "a.ftproj")
    finally:
        a._close_sync()
        b._close_sync()


def test_merge_refuses_what_is_not_a_project(project, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(ProjectError):
        write(project, merge.merge_project, other)
    with pytest.raises(ProjectError):
        write(project, merge.merge_project, tmp_path / "missing.ftproj")
