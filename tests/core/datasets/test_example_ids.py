"""An example id is never given out twice: the undo history names examples by id, so an id freed by
an undone add must not go to an example made meanwhile (an import, the Playground's "save as example")."""

from __future__ import annotations

from app.formats.model import Kind
from app.services import dataset_admin as admin
from app.services import dataset_edits as edits
from app.services.importing import ImportRequest, run_import
from app.store import examples_repo, migrations
from tests.core.datasets.conftest import sft, write_jsonl


def write(project, fn, *args, **kwargs):
    return project.db.submit_write(lambda db: fn(db, *args, **kwargs)).result()


def test_a_deleted_examples_id_goes_to_no_later_example_and_comes_back_with_it(project, tmp_path):
    ds = write(project, admin.create_empty_dataset, "Lease", Kind.SFT)
    first = write(project, edits.add_example, ds, sft(1))
    added = write(project, edits.add_example, ds, sft(2))
    stored = write(project, edits.delete_examples, [added])  # the add undone
    other = write(project, edits.add_example, ds, sft(3))  # e.g. the Playground saves an answer
    assert other > added > first

    path = tmp_path / "more.jsonl"
    write_jsonl(path, [sft(i) for i in range(4, 7)])
    result = run_import(project, ImportRequest(path, name="More"))
    imported = project.db.submit_read(lambda db: [r[0] for r in db.conn.execute(
        "SELECT id FROM examples WHERE dataset_id = ?", (result.dataset_id,))]).result()
    assert min(imported) > other and added not in imported

    copies = write(project, edits.duplicate_examples, [first])
    assert copies[0] > max(imported)
    write(project, edits.restore_examples, stored)  # the redo puts the very example back, id and all
    back = project.db.submit_read(lambda db: examples_repo.fetch(db.conn, [added])).result()
    assert back == stored


def test_the_migration_remembers_the_highest_id_of_an_older_project(project):
    ds = write(project, admin.create_empty_dataset, "Lease", Kind.SFT)
    ids = [write(project, edits.add_example, ds, sft(i)) for i in range(3)]

    def as_older_version_then_migrate(db):
        conn = db.conn  # version 6 had no such table
        conn.execute("DROP TABLE example_id_high")
        conn.execute("PRAGMA user_version = 6")
        return migrations.migrate(conn), conn.execute("SELECT high FROM example_id_high").fetchone()[0]

    assert write(project, as_older_version_then_migrate) == (6, max(ids))
    stored = write(project, edits.delete_examples, [max(ids)])
    again = write(project, edits.add_example, ds, sft(9))
    assert again == max(ids) + 1  # not the deleted one's id
    write(project, edits.delete_examples, [again])
    write(project, edits.restore_examples, stored)
    assert write(project, edits.add_example, ds, sft(10)) == again + 1
