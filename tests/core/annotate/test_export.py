"""Export of a judged queue to a DPO dataset, and saving a rewrite as an SFT example."""

from __future__ import annotations

import orjson
import pytest

from app.formats.model import Kind, Severity
from app.formats.validate import validate_example
from app.services import annotation_export as export
from app.services import annotation_judging as judging
from app.store import datasets_repo

from .conftest import answer, context, make_queue, pick, read, side_of, write


def pair(i: int, preferred: dict | str, rejected: dict) -> dict:
    if isinstance(preferred, str):
        preferred = {"role": "assistant", "content": preferred}
    return {"input": {"messages": context(i)}, "preferred_output": [preferred], "non_preferred_output": [rejected]}


def examples(project, dataset_id: int) -> list[dict]:
    return [orjson.loads(t) for t in read(project, lambda db: list(datasets_repo.iter_example_data(db, dataset_id)))]


@pytest.fixture
def judged(project):
    """A queue of 11 items, each judged to exercise one rule of the export."""
    q, c = make_queue(project, 11)
    pick(project, c[0], 1)  # 0: B wins
    write(project, judging.judge, c[1], "ana", "tie")  # 1: tie
    write(project, judging.judge, c[2], "ana", "both_bad")  # 2: both bad, no rewrite
    write(project, judging.judge, c[3], "ana", "skip")  # 3: skipped
    pick(project, c[4], 0, rewrite="Better 4")  # 4: A wins, rewritten
    write(project, judging.judge, c[5], "ana", "both_bad", side_of(project, c[5], 1), rewrite="Fixed 5")  # 5
    pick(project, c[6], 0)  # 6: ana says A, ben says B: a conflict
    pick(project, c[6], 1, "ben")
    pick(project, c[7], 0)  # 7: both say A
    pick(project, c[7], 0, "ben")
    pick(project, c[8], 1)  # 8: ana says B, ben skipped: no conflict
    write(project, judging.judge, c[8], "ben", "skip")
    # 9: not judged at all
    write(project, judging.judge, c[10], "ben", "tie")  # 10: only ben, a tie
    return q, c


def test_export_line_by_line(project, judged):
    q, c = judged
    result = write(project, export.export_dpo, q, "  Lease   preferences ")
    assert (result.added, result.ties, result.skips) == (5, 2, 1)
    assert result.both_bad == [c[2]] and result.conflicts == [c[6]]
    assert result.findings == []
    got = examples(project, result.dataset_id)
    expected = [
        pair(0, answer(0, 1), answer(0, 0)),
        pair(4, "Better 4", answer(4, 1)),  # the rewrite beats the loser
        pair(5, "Fixed 5", answer(5, 1)),  # both bad: the rewrite beats the answer it rewrote
        pair(7, answer(7, 0), answer(7, 1)),
        pair(8, answer(8, 1), answer(8, 0)),
    ]
    assert len(got) == len(expected)
    for line, (obj, want) in enumerate(zip(got, expected, strict=True), 1):
        assert obj == want, f"example {line}"
        assert validate_example(obj, Kind.DPO) == [], f"example {line}"
    (info,) = [d for d in read(project, datasets_repo.list_datasets) if d.id == result.dataset_id]
    assert (info.name, info.kind, info.examples, info.errors, info.warnings) == ("Lease preferences", Kind.DPO, 5, 0, 0)
    assert "Lease" in info.source
    # The examples are searchable and counted like imported ones.
    assert read(project, datasets_repo.search, result.dataset_id, "Fixed") == [
        read(project, datasets_repo.example_ids, result.dataset_id)[2]
    ]
    assert info.tokens > 0


def test_export_one_annotator(project, judged):
    q, c = judged
    result = write(project, export.export_dpo, q, "Ben only", annotator="ben")
    assert (result.added, result.ties, result.skips, result.both_bad, result.conflicts) == (2, 1, 1, [], [])
    assert examples(project, result.dataset_id) == [
        pair(6, answer(6, 1), answer(6, 0)),
        pair(7, answer(7, 0), answer(7, 1)),
    ]
    # A second export with the same name gets a name of its own.
    again = write(project, export.export_dpo, q, "Ben only", annotator="ben")
    names = {d.id: d.name for d in read(project, datasets_repo.list_datasets)}
    assert names[again.dataset_id] == "Ben only (2)"


def test_plan_matches_export_and_agreeing_annotators_use_the_newest_rewrite(project):
    q, c = make_queue(project, 2)
    pick(project, c[0], 1, rewrite="Old rewrite")
    pick(project, c[0], 1, "ben", rewrite="New rewrite")
    write(project, judging.judge, c[1], "ana", "both_bad")
    write(project, judging.judge, c[1], "ben", "both_bad", side_of(project, c[1], 0, "ben"), rewrite="Saved")
    plan = read(project, export.plan_export, q)
    assert [cid for cid, _ in plan.pairs] == c
    assert plan.pairs[0][1] == pair(0, "New rewrite", answer(0, 0))
    assert plan.pairs[1][1] == pair(1, "Saved", answer(1, 0))
    assert (plan.ties, plan.skips, plan.both_bad, plan.conflicts) == (0, 0, [], [])


def test_findings_are_returned_and_nothing_is_written_without_pairs(project):
    q, c = make_queue(project, 3)
    pick(project, c[1], 0, rewrite=answer(1, 1)["content"])  # the rewrite equals the loser: a warning
    result = write(project, export.export_dpo, q, "Odd")
    assert result.added == 1
    assert [(f.code, f.severity, f.line) for f in result.findings] == [("same_outputs", Severity.WARNING, 1)]

    empty, ids = make_queue(project, 2, name="Empty")
    write(project, judging.judge, ids[0], "ana", "tie")
    before = len(read(project, datasets_repo.list_datasets))
    with pytest.raises(ValueError, match="nothing to export"):
        write(project, export.export_dpo, empty, "Nothing")
    with pytest.raises(ValueError, match="name"):
        write(project, export.export_dpo, q, "   ")
    with pytest.raises(LookupError):
        write(project, export.export_dpo, 999, "Gone")
    assert len(read(project, datasets_repo.list_datasets)) == before


def test_save_rewrite_as_sft(project, judged):
    q, c = judged
    sft = write(project, lambda db: datasets_repo.create_dataset(db, "Answers", Kind.SFT))
    example_id = write(project, export.save_rewrite_as_sft, c[4], "ana", sft)
    assert examples(project, sft) == [{"messages": [*context(4), {"role": "assistant", "content": "Better 4"}]}]
    assert read(project, datasets_repo.example_ids, sft) == [example_id]
    with pytest.raises(ValueError, match="no rewritten answer"):
        write(project, export.save_rewrite_as_sft, c[0], "ana", sft)
    with pytest.raises(ValueError, match="no rewritten answer"):
        write(project, export.save_rewrite_as_sft, c[4], "ben", sft)
    dpo = write(project, lambda db: datasets_repo.create_dataset(db, "Pairs", Kind.DPO))
    with pytest.raises(ValueError, match="SFT"):
        write(project, export.save_rewrite_as_sft, c[5], "ana", dpo)
    with pytest.raises(LookupError):
        write(project, export.save_rewrite_as_sft, 999, "ana", sft)
