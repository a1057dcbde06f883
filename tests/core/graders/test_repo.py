"""Saved graders in a real project file, and the template check over an imported dataset."""

from __future__ import annotations

import json

import pytest

from app.graders.starters import new_grader
from app.graders.templates import check_against_examples
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store.graders_repo import (
    GraderNameTaken,
    delete_grader,
    example_items,
    find_grader,
    get_grader,
    list_graders,
    save_grader,
)
from app.store.project_file import create_project


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "graders.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


def write(project, fn, *args):
    return project.db.submit_write(fn, *args).result()


def read(project, fn, *args):
    return project.db.submit_read(fn, *args).result()


def test_save_list_get_update_delete(project):
    grader = new_grader("multi", "Accuracy and style")
    gid = write(project, save_grader, "  Accuracy ", grader)
    other = write(project, save_grader, "Bravo", new_grader("python"))
    write(project, save_grader, "alpha", new_grader("string_check"))
    stored = read(project, get_grader, gid)
    assert stored.name == "Accuracy" and stored.grader == grader and stored.updated_at
    assert [g.name for g in read(project, list_graders)] == ["Accuracy", "alpha", "Bravo"]  # ignoring case

    changed = grader | {"calculate_output": "exact"}
    assert write(project, save_grader, "Accuracy v2", changed, gid) == gid
    stored2 = read(project, get_grader, gid)
    assert stored2.name == "Accuracy v2" and stored2.grader == changed and stored2.updated_at >= stored.updated_at
    assert read(project, find_grader, "Accuracy v2").id == gid and read(project, find_grader, "Accuracy") is None

    write(project, delete_grader, gid)
    write(project, delete_grader, gid)  # already gone: nothing happens
    assert read(project, get_grader, gid) is None
    assert [g.name for g in read(project, list_graders)] == ["alpha", "Bravo"]
    assert read(project, get_grader, other).name == "Bravo"


def test_names_are_unique_and_required(project):
    first = write(project, save_grader, "Exact", new_grader("string_check"))
    with pytest.raises(GraderNameTaken, match="already a grader named “Exact”"):
        write(project, save_grader, "Exact", new_grader("python"))
    second = write(project, save_grader, "Other", new_grader("python"))
    with pytest.raises(GraderNameTaken):
        write(project, save_grader, "Exact", new_grader("python"), second)  # renaming onto a taken name
    with pytest.raises(ValueError, match="needs a name"):
        write(project, save_grader, "  ", new_grader("python"))
    assert read(project, get_grader, first).grader["type"] == "string_check"


def test_saving_a_deleted_grader_stores_it_again(project):
    gid = write(project, save_grader, "G", new_grader("string_check"))
    write(project, delete_grader, gid)
    new_id = write(project, save_grader, "G", new_grader("string_check"), gid)
    assert new_id != gid  # AUTOINCREMENT: a deleted id is never reused
    assert read(project, get_grader, new_id).name == "G"


def test_an_unreadable_row_loads_empty(project):
    gid = write(project, save_grader, "G", new_grader("string_check"))
    project.db.submit_write(
        lambda db: db.conn.execute("UPDATE graders SET grader = 'nope' WHERE id = ?", (gid,))
    ).result()
    assert read(project, get_grader, gid).grader == {}


def test_public_sample_set_missing_field_through_the_project(project, tmp_path):
    # 120 RFT lines whose answer field is called "answer"; the grader reads item.reference_answer.
    path = tmp_path / "rft.jsonl"
    lines = [{"messages": [{"role": "user", "content": f"Question {i}"}], "answer": f"A{i}"} for i in range(120)]
    path.write_text("\n".join(json.dumps(o) for o in lines) + "\n", encoding="utf-8")
    dataset_id = run_import(project, ImportRequest(path, name="Public sample")).dataset_id
    grader = new_grader("string_check")

    def run(db):
        return check_against_examples(grader, example_items(db, dataset_id))

    missing, findings = read(project, run)
    assert findings == []
    assert [m.message for m in missing] == [
        "item.reference_answer is missing in 120 of 120 examples (lines 1, 2, 3, …)"
    ]

    fixed = grader | {"reference": "{{item.answer}}"}
    assert read(project, lambda db: check_against_examples(fixed, example_items(db, dataset_id))) == ([], [])
