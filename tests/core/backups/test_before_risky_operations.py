"""A backup is made before migrations, merges and bulk deletes — and without one they do not happen."""

from __future__ import annotations

import sqlite3

import pytest

from app.services import annotation_merge as merge
from app.services import dataset_admin as admin
from app.services import dataset_edits as edits
from app.services import dataset_organise as organise
from app.services.projects import open_project_sync
from app.store import backups
from app.store.backups import BULK_DELETE_MIN, BackupError
from app.store.migrations import SCHEMA_VERSION
from tests.core.annotate.conftest import make_queue, new_project, pick

from .conftest import count, fill, old_project, sha256, siblings


def reasons(project_path) -> list[str]:
    return [b.reason for b in backups.list_backups(project_path)]


def ids_of(project, dataset_id: int) -> list[int]:
    return project.db.submit_read(
        lambda db: [r[0] for r in db.conn.execute("SELECT id FROM examples WHERE dataset_id = ? ORDER BY position",
                                                  (dataset_id,))]
    ).result()


def no_backup_possible(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy", broken)


# --- migrations -----------------------------------------------------------------------------------


def test_an_older_file_is_backed_up_read_only_before_it_is_migrated(tmp_path):
    path = tmp_path / "Old.ftproj"
    old_project(path, version=3)
    before = sha256(path)
    project = open_project_sync(path)
    project._close_sync()
    (info,) = backups.list_backups(path)
    assert info.reason == "pre-migration"
    assert count(info.path, "PRAGMA user_version") == 3  # the file as the old version wrote it
    assert count(info.path, "SELECT value FROM meta WHERE key = 'name'") == "Old one"
    assert count(path, "PRAGMA user_version") == SCHEMA_VERSION
    # Restoring it gives back the very file the old version wrote (same schema, same rows).
    restored = backups.restore_backup(info, tmp_path / "again.ftproj")
    assert count(restored, "PRAGMA user_version") == 3
    assert sha256(path) != before


def test_a_current_file_makes_no_backup_when_opened(project):
    assert reasons(project.path) == []


def test_no_migration_without_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "Old.ftproj"
    old_project(path, version=3)
    before = sha256(path)
    no_backup_possible(monkeypatch)
    with pytest.raises(BackupError, match="could not be made"):
        open_project_sync(path)
    assert sha256(path) == before
    assert siblings(path) == ["Old.ftproj"]
    assert count(path, "PRAGMA user_version") == 3


def test_the_pre_migration_backup_outlives_rotation(tmp_path):
    path = tmp_path / "Old.ftproj"
    old_project(path, version=3)
    open_project_sync(path)._close_sync()
    for _ in range(backups.KEEP + 2):
        backups.backup_file(path, backups.Reason.SCHEDULED)
    listed = reasons(path)
    assert len(listed) == backups.KEEP + 1 and listed[-1] == "pre-migration"


# --- merges ---------------------------------------------------------------------------------------


def test_a_merge_is_backed_up_first_and_the_backup_holds_the_state_before_it(tmp_path):
    mine = new_project(tmp_path / "mine.ftproj")
    try:
        queue_id, ids = make_queue(mine, 3)
        mine._close_sync()
        import shutil

        shutil.copy(tmp_path / "mine.ftproj", tmp_path / "theirs.ftproj")
        theirs = open_project_sync(tmp_path / "theirs.ftproj")
        for cid in ids:
            pick(theirs, cid, 0, annotator="ben")
        theirs._close_sync()
        mine = open_project_sync(tmp_path / "mine.ftproj")
        result = mine.db.submit_write(merge.merge_project, tmp_path / "theirs.ftproj").result()
        assert result.judgements == 3
        (info,) = backups.list_backups(mine.path)
        assert info.reason == "merge"
        assert count(info.path, "SELECT COUNT(*) FROM judgements") == 0
        assert count(info.path, "SELECT COUNT(*) FROM comparisons") == 3
    finally:
        mine._close_sync()


def test_no_merge_without_a_backup(tmp_path, monkeypatch):
    mine = new_project(tmp_path / "mine.ftproj")
    theirs = new_project(tmp_path / "theirs.ftproj")
    make_queue(theirs, 2)
    theirs._close_sync()
    no_backup_possible(monkeypatch)
    try:
        with pytest.raises(BackupError):
            mine.db.submit_write(merge.merge_project, tmp_path / "theirs.ftproj").result()
        n = mine.db.submit_read(lambda db: db.conn.execute("SELECT COUNT(*) FROM comparisons").fetchone()[0]).result()
        assert n == 0
    finally:
        mine._close_sync()


# --- bulk deletes ---------------------------------------------------------------------------------


def test_deleting_fewer_than_the_threshold_makes_no_backup_and_more_does(project, tmp_path):
    ds = fill(project, tmp_path, 120)
    ids = ids_of(project, ds)
    project.db.submit_write(edits.delete_examples, ids[: BULK_DELETE_MIN - 1]).result()
    assert reasons(project.path) == []
    project.db.submit_write(edits.delete_examples, ids[BULK_DELETE_MIN - 1 : 2 * BULK_DELETE_MIN - 1]).result()
    (info,) = backups.list_backups(project.path)
    assert info.reason == "delete-examples"
    assert count(info.path) == 120 - (BULK_DELETE_MIN - 1)  # the examples this delete removed are in it


def test_deleting_a_dataset_is_backed_up_first(project, tmp_path):
    ds = fill(project, tmp_path, 10)
    empty = project.db.submit_write(admin.create_empty_dataset, "Empty", "sft").result()
    project.db.submit_write(admin.delete_dataset, empty).result()
    assert reasons(project.path) == []  # nothing to lose
    project.db.submit_write(admin.delete_dataset, ds).result()
    (info,) = backups.list_backups(project.path)
    assert info.reason == "delete-dataset" and count(info.path) == 10


def test_removing_duplicates_is_backed_up_once(project, tmp_path):
    ds = fill(project, tmp_path, 80, dupes=60)
    removed = project.db.submit_write(organise.remove_duplicates, ds).result()
    assert len(removed) == 60
    (info,) = backups.list_backups(project.path)  # one backup, not one more for the delete inside
    assert info.reason == "remove-duplicates" and count(info.path) == 80
    project.db.submit_write(organise.remove_duplicates, ds).result()
    assert len(backups.list_backups(project.path)) == 1  # nothing to remove: no backup


@pytest.mark.parametrize("operation", ["delete_examples", "delete_dataset", "remove_duplicates"])
def test_no_bulk_delete_without_a_backup(project, tmp_path, monkeypatch, operation):
    ds = fill(project, tmp_path, 100, dupes=60)
    no_backup_possible(monkeypatch)
    job = {
        "delete_examples": lambda db: edits.delete_examples(db, ids_of(project, ds)),
        "delete_dataset": lambda db: admin.delete_dataset(db, ds),
        "remove_duplicates": lambda db: organise.remove_duplicates(db, ds),
    }[operation]
    with pytest.raises(BackupError, match="nothing was changed"):
        project.db.submit_write(job).result()
    assert len(ids_of(project, ds)) == 100
