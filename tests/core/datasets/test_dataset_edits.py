"""Dataset edits: each one and its inverse leave the project exactly as it was, the search index
always holds exactly the current texts, and exports give back the imported bytes."""

from __future__ import annotations

import dataclasses
import json
import os

import orjson
import pytest

from app.formats.model import Kind
from app.formats.text import search_text
from app.services import dataset_admin as admin
from app.services import dataset_edits as edits
from app.services import dataset_organise as organise
from app.services.importing import ImportRequest, run_import
from app.store import datasets_repo, examples_repo
from tests.core.datasets.conftest import dump, read, sft, write_jsonl

FTS_TABLES = ("examples_fts_data", "examples_fts_idx", "examples_fts_config")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    # updated_at is part of "exactly as it was"; a fixed clock lets undo compare whole tables.
    monkeypatch.setattr(datasets_repo, "now", lambda: "2025-01-01T00:00:00+00:00")


def write(project, fn, *args, **kwargs):
    return project.db.submit_write(lambda db: fn(db, *args, **kwargs)).result()


def index_entries(project, expected: bool = False) -> list[tuple[str, int]]:
    """(word, example id) pairs the search index holds — or, with ``expected``, the pairs a fresh
    index of the current examples would hold. The index's own tables are laid out by history
    (segments, tombstones), so equal content is compared, not equal bytes."""

    def run(db):
        conn = db.conn
        source = "main, examples_fts"
        if expected:
            conn.execute(
                "CREATE VIRTUAL TABLE temp.fresh USING fts5 (text, content='', columnsize=0, detail=none, "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            rows = conn.execute("SELECT e.id, e.data, d.kind FROM examples e JOIN datasets d ON d.id = e.dataset_id")
            conn.executemany(
                "INSERT INTO temp.fresh (rowid, text) VALUES (?, ?)",
                [(i, search_text(orjson.loads(data), Kind(kind))) for i, data, kind in rows.fetchall()],
            )
            source = "temp, fresh"
        conn.execute(f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab({source}, instance)")
        try:
            return conn.execute("SELECT term, doc FROM temp.vocab ORDER BY term, doc").fetchall()
        finally:
            conn.execute("DROP TABLE temp.vocab")
            if expected:
                conn.execute("DROP TABLE temp.fresh")

    return project.db.submit_write(run).result()


def state(project) -> dict:
    """Every table exactly, the search index by content; also checks the index is consistent."""
    tables = {k: v for k, v in dump(project).items() if k not in FTS_TABLES}
    entries = index_entries(project)
    assert entries == index_entries(project, expected=True), "the search index drifted from the examples"
    positions = read(
        project, lambda db: db.conn.execute("SELECT dataset_id, position FROM examples ORDER BY 1, 2").fetchall()
    )
    by_ds: dict[int, list[int]] = {}
    for ds, pos in positions:
        by_ds.setdefault(ds, []).append(pos)
    assert all(p == list(range(len(p))) for p in by_ds.values()), "positions must be 0..n-1"
    return {**tables, "fts": entries}


def rows(project, ds, cols="id"):
    return read(
        project,
        lambda db: db.conn.execute(
            f"SELECT {cols} FROM examples WHERE dataset_id = ? ORDER BY position", (ds,)
        ).fetchall(),
    )


def search(project, ds, words):
    return read(project, datasets_repo.search, ds, words)


@pytest.fixture
def imported(project, tmp_path):
    """A 12-example SFT dataset written with json.dumps' spaced separators (not compact)."""
    path = tmp_path / "contracts.jsonl"
    write_jsonl(path, [sft(i) for i in range(12)])
    ds = run_import(project, ImportRequest(path, name="Contracts")).dataset_id
    return ds, path


def test_add_at_a_position_and_undo_redo_exactly(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    new = write(project, edits.add_example, ds, sft(99, answer="A brand new zebra clause."), position=3)
    after = [r[0] for r in rows(project, ds)]
    assert after == ids[:3] + [new] + ids[3:]
    assert rows(project, ds, "source_line, status, turns")[3] == (None, "ok", 3)
    assert search(project, ds, "zebra") == [new]
    added = state(project)

    stored = write(project, edits.delete_examples, [new])
    assert state(project) == before and search(project, ds, "zebra") == []
    write(project, edits.restore_examples, stored)
    assert state(project) == added

    last = write(project, edits.add_example, ds, edits.new_example_template(Kind.SFT))
    assert rows(project, ds)[-1] == (last,)
    assert rows(project, ds, "status")[-1] != ("ok",)  # empty texts are flagged until filled


def test_delete_scattered_examples_and_restore_them_exactly(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    gone = [ids[0], ids[5], ids[6], ids[11]]
    stored = write(project, edits.delete_examples, [gone[2], gone[0], gone[3], gone[1]])
    assert [s.id for s in stored] == gone
    assert [r[0] for r in rows(project, ds)] == [i for i in ids if i not in gone]
    assert search(project, ds, "number 5") == []
    state(project)  # consistent index, positions 0..n-1
    write(project, edits.restore_examples, stored)
    assert state(project) == before


def test_restore_refuses_a_taken_id_and_changes_nothing(project, imported):
    ds, _ = imported
    last = rows(project, ds)[-1][0]
    stored = write(project, edits.delete_examples, [last])
    assert write(project, edits.add_example, ds, sft(50)) != last  # a freed id is never given out again
    # ... but a row can still come back under it (a restore of another copy of the project's rows)
    end = len(rows(project, ds))

    def put_a_row_there(db):
        examples_repo.insert_rows(db.conn, [dataclasses.replace(stored[0], position=end)])
        examples_repo.index(db.conn, [(last, examples_repo.text_of(stored[0].data, Kind.SFT))])

    write(project, put_a_row_there)
    before = state(project)
    with pytest.raises(edits.EditConflict):
        write(project, edits.restore_examples, stored)
    assert state(project) == before


def test_duplicate_examples_places_copies_after_originals(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    copies = write(project, edits.duplicate_examples, [ids[4], ids[1]])
    order = [r[0] for r in rows(project, ds)]
    assert order == ids[:2] + [copies[0]] + ids[2:5] + [copies[1]] + ids[5:]
    assert search(project, ds, "number 4") == [ids[4], copies[1]]
    write(project, edits.delete_examples, copies)
    assert state(project) == before


def test_move_and_move_back(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    old = write(project, edits.move_example, ids[2], 8)
    assert old == 2 and [r[0] for r in rows(project, ds)] == ids[:2] + ids[3:9] + [ids[2]] + ids[9:]
    write(project, edits.move_example, ids[2], old)
    assert state(project) == before
    write(project, edits.move_example, ids[9], -5)  # clamped to the top
    assert rows(project, ds)[0] == (ids[9],)


def test_tags_are_normalised_and_restored(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)][:3]
    prev = write(project, organise.set_tags, ids, add={" lease ", "needs review, lease", "  "})
    assert prev == dict.fromkeys(ids, "")
    assert [t for (t,) in rows(project, ds, "tags")[:4]] == ["lease,needs review"] * 3 + [""]
    prev2 = write(project, organise.set_tags, ids[:2], add={"done"}, remove={"needs  review"})
    assert [t for (t,) in rows(project, ds, "tags")[:2]] == ["lease,done"] * 2
    write(project, organise.restore_tags, prev2)
    write(project, organise.restore_tags, prev)
    assert state(project) == before
    assert organise.normalise_tags("a, b,,a ,  c  d") == ["a", "b", "c d"]


def test_note_and_split_with_undo(project, imported):
    ds, _ = imported
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    assert write(project, organise.set_note, ids[0], "Check clause 4.") == ""
    prev = write(project, organise.set_split, ids[:4], "validation")
    assert prev == dict.fromkeys(ids[:4], "train")
    assert write(project, organise.set_split, ids[:4], "validation") == {}
    write(project, organise.restore_splits, prev)
    assert write(project, organise.set_note, ids[0], "") == "Check clause 4."
    assert state(project) == before
    with pytest.raises(ValueError):
        write(project, organise.set_split, ids, "test")


def test_split_is_seeded_and_sized_and_undoable(project, tmp_path):
    path = tmp_path / "many.jsonl"
    write_jsonl(path, [sft(i) for i in range(200)])
    ds = run_import(project, ImportRequest(path)).dataset_id
    before = state(project)
    result = write(project, organise.split_dataset, ds, 0.2, 7)
    assert (result.train, result.validation) == (160, 40) == organise.split_sizes(200, 0.2)
    first = rows(project, ds, "id, split")
    assert sum(s == "validation" for _, s in first) == 40
    write(project, organise.restore_splits, result.previous)
    assert state(project) == before
    write(project, organise.split_dataset, ds, 0.2, 7)
    assert rows(project, ds, "id, split") == first  # same seed, same split
    write(project, organise.split_dataset, ds, 0.2, 8)
    assert rows(project, ds, "id, split") != first
    assert organise.split_sizes(7, 0.5) == (3, 4) and organise.split_sizes(0, 0.3) == (0, 0)


@pytest.mark.parametrize("in_workers", [False, True])
def test_system_prompt_set_replace_remove_and_restore_exactly(project, imported, monkeypatch, in_workers):
    ds, _ = imported
    if in_workers:  # many examples are checked in the worker processes: same results
        monkeypatch.setattr(edits, "POOL_MIN", 2)
        monkeypatch.setattr(edits, "POOL_CHUNK", 2)
    before = state(project)
    ids = [r[0] for r in rows(project, ds)]
    prev = write(project, edits.set_system_prompt, ids[:3], "You answer as a notary.", mode="set")
    assert set(prev) == set(ids[:3])
    data = [json.loads(d) for (d,) in rows(project, ds, "data")[:3]]
    assert all(d["messages"][0] == {"role": "system", "content": "You answer as a notary."} for d in data)
    assert search(project, ds, "notary") == ids[:3] and search(project, ds, "clerk") == ids[3:]
    write(project, edits.restore_data, prev)
    assert state(project) == before  # imported (spaced) JSON text and its hashes come back exactly

    removed = write(project, edits.set_system_prompt, ids[:2], None, mode="remove")
    assert rows(project, ds, "has_system, turns")[:3] == [(0, 2), (0, 2), (1, 3)]
    assert write(project, edits.set_system_prompt, ids[:3], "Only where present.", mode="replace").keys() == {ids[2]}
    assert json.loads(rows(project, ds, "data")[0][0])["messages"][0]["role"] == "user"
    write(project, edits.set_system_prompt, ids[:1], "Added back.", mode="set")
    assert json.loads(rows(project, ds, "data")[0][0])["messages"][0]["content"] == "Added back."
    assert removed.keys() == set(ids[:2])


def test_system_prompt_for_dpo_and_rft(project, tmp_path):
    dpo = {
        "input": {"messages": [{"role": "user", "content": "Is the deposit refundable?"}]},
        "preferred_output": [{"role": "assistant", "content": "Yes, within 30 days."}],
        "non_preferred_output": [{"role": "assistant", "content": "No."}],
    }
    rft = {"messages": [{"role": "system", "content": "old"}, {"role": "user", "content": "Sum 2+2"}], "answer": "4"}
    write_jsonl(tmp_path / "p.jsonl", [dpo] * 3)
    write_jsonl(tmp_path / "r.jsonl", [rft] * 3)
    d = run_import(project, ImportRequest(tmp_path / "p.jsonl", kind=Kind.DPO)).dataset_id
    r = run_import(project, ImportRequest(tmp_path / "r.jsonl", kind=Kind.RFT)).dataset_id
    before = state(project)
    did, rid = rows(project, d)[0][0], rows(project, r)[0][0]
    prev = write(project, edits.set_system_prompt, [did, rid], "Be brief.", mode="set")
    dpo_now = json.loads(rows(project, d, "data")[0][0])
    rft_now = json.loads(rows(project, r, "data")[0][0])
    assert dpo_now["input"]["messages"][0] == {"role": "system", "content": "Be brief."}
    assert rft_now["messages"][0] == {"role": "developer", "content": "Be brief."}  # "system" is an error in RFT
    assert rows(project, r, "status")[0] == ("ok",) and rows(project, r, "status")[1] == ("error",)
    write(project, edits.restore_data, prev)
    assert state(project) == before
    assert "input" in edits.new_example_template("dpo") and edits.new_example_template("rft")["messages"][0][
        "role"
    ] == ("developer")


def test_duplicates_exact_and_normalised(project, tmp_path):
    objs = [sft(i) for i in range(6)]
    objs.append(sft(2))  # exact copy of line 3
    objs.append(sft(7, answer="Hello  World"))
    objs.append(sft(7, answer="hello world"))  # the same apart from case and spacing
    objs.append(sft(2))
    write_jsonl(tmp_path / "d.jsonl", objs)
    ds = run_import(project, ImportRequest(tmp_path / "d.jsonl")).dataset_id
    ids = [r[0] for r in rows(project, ds)]
    assert read(project, organise.find_duplicates, ds) == [[ids[2], ids[6], ids[9]]]
    assert read(project, lambda db: organise.find_duplicates(db, ds, normalised=True)) == [
        [ids[2], ids[6], ids[9]],
        [ids[7], ids[8]],
    ]
    before = state(project)
    removed = write(project, organise.remove_duplicates, ds, normalised=True)
    assert [s.id for s in removed] == [ids[6], ids[8], ids[9]]
    assert read(project, organise.find_duplicates, ds) == []
    write(project, edits.restore_examples, removed)
    assert state(project) == before


def test_dataset_create_rename_duplicate_delete(project, imported):
    ds, _ = imported
    before = state(project)
    empty = write(project, admin.create_empty_dataset, "  Intake  notes ", "dpo")
    assert read(project, admin.dataset_names) == ["Contracts", "Intake notes"]
    assert write(project, admin.rename_dataset, empty, "Contracts (2)") == "Intake notes"
    assert read(project, admin.unique_name, "Contracts") == "Contracts (3)"
    assert read(project, admin.unique_name, "Contracts (2)") == "Contracts (3)"
    assert read(project, admin.unique_name, "Leases") == "Leases"
    write(project, admin.delete_dataset, empty)
    assert state(project) == before

    copy = write(project, admin.duplicate_dataset, ds)
    infos = {i.id: i for i in read(project, datasets_repo.list_datasets)}
    assert infos[copy].name == "Contracts (2)" and infos[copy].examples == 12
    assert rows(project, copy, "data, tags, status") == rows(project, ds, "data, tags, status")
    assert len(search(project, copy, "lease")) == 12 and len(search(project, ds, "lease")) == 12
    state(project)  # the copy's index entries are right
    write(project, admin.delete_dataset, copy)
    assert state(project) == before

    backup = write(project, admin.duplicate_dataset, ds, "Backup")
    write(project, edits.delete_examples, [r[0] for r in rows(project, backup)[:5]])
    write(project, admin.delete_dataset, ds)  # the bigger one goes: index emptied, the other re-indexed
    left = read(project, datasets_repo.list_datasets)
    assert [(i.id, i.name, i.examples) for i in left] == [(backup, "Backup", 7)]
    orphans = "SELECT COUNT(*) FROM examples WHERE dataset_id NOT IN (SELECT id FROM datasets)"
    assert read(project, lambda db: db.conn.execute(orphans).fetchone()[0]) == 0
    assert search(project, ds, "lease") == [] and len(search(project, backup, "lease")) == 7
    state(project)
    write(project, admin.delete_dataset, left[0].id)
    assert read(project, lambda db: db.conn.execute("SELECT COUNT(*) FROM examples").fetchone()[0]) == 0
    assert index_entries(project) == []


def test_export_round_trips_byte_for_byte_and_is_atomic(project, imported, tmp_path, monkeypatch):
    ds, source = imported
    out = tmp_path / "out.jsonl"
    assert read(project, admin.export_dataset, ds, out, "openai") == 12
    assert out.read_bytes() == source.read_bytes()

    ids = [r[0] for r in rows(project, ds)]
    write(project, organise.set_split, ids[:2], "validation")
    assert read(project, lambda db: admin.export_dataset(db, ds, out, "messages", split="validation")) == 2
    assert [json.loads(x) for x in out.read_text().splitlines()] == [sft(0), sft(1)]
    with pytest.raises(ValueError):
        read(project, admin.export_dataset, ds, out, "pairs")

    out.write_text("old contents\n")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        read(project, admin.export_dataset, ds, out, "openai")
    assert out.read_text() == "old contents\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]  # no temporary file left


def test_example_detail(project, imported):
    ds, _ = imported
    ex = rows(project, ds)[3][0]
    write(project, organise.set_tags, [ex], add={"b", "a"})
    detail = read(project, admin.get_example_detail, ex)
    assert (detail.dataset_id, detail.kind, detail.position, detail.source_line, detail.split) == (
        ds,
        Kind.SFT,
        3,
        4,
        "train",
    )
    assert detail.data == sft(3) and detail.findings == [] and sorted(detail.tags) == ["a", "b"]
    assert detail.tokens > 0 and detail.status == "ok"
    prev = write(project, edits.set_example_data, ex, {"messages": [{"role": "user", "content": "hi"}]})
    detail = read(project, admin.get_example_detail, ex)
    assert [f.code for f in detail.findings] == ["no_assistant_message"] and detail.findings[0].line == 4
    write(project, edits.restore_data, {ex: prev})
    assert read(project, admin.get_example_detail, ex).text == prev


def test_a_new_example_is_not_called_line_0_in_its_messages(project):
    ds = write(project, datasets_repo.create_dataset, "Notes", Kind.SFT)
    example_id = write(project, edits.add_example, ds, {"messages": [{"role": "user", "content": "Hi"},
                                                               {"role": "assistant", "content": ""}]})
    findings = read(project, lambda db: db.conn.execute("SELECT findings FROM examples WHERE id = ?",
                                                         (example_id,)).fetchone()[0])
    assert "empty" in findings and "Line 0" not in findings
