"""Making, listing, rotating and restoring backups; backups on a schedule and while writes go on."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

import pytest

from app.paths import app_dirs
from app.services.backup_schedule import BackupScheduler
from app.services.projects import open_project_sync
from app.store import backups
from app.store.backups import BackupError, Reason

from .conftest import count, fill, siblings


def test_a_backup_is_a_checked_self_contained_copy_in_the_app_data_folder(project, tmp_path):
    fill(project, tmp_path, 30)
    info = project.db.submit_write(backups.backup_before, Reason.MANUAL).result()
    folder = app_dirs().data / "backups"
    assert info.path.parent.parent == folder
    assert info.path.parent.name.startswith("Leases-") and len(info.path.parent.name) == len("Leases-") + 8
    assert info.path.name.endswith("-manual.ftproj") and info.reason == "manual"
    assert info.size == info.path.stat().st_size > 0
    assert abs((dt.datetime.now(dt.UTC) - info.created).total_seconds()) < 60
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]  # no partial, no -wal
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file: nothing else to copy
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert count(info.path) == 30
    assert backups.list_backups(project.path) == [info]


def test_two_projects_of_the_same_name_keep_separate_backups(tmp_path):
    from app.store.project_file import create_project

    a, b = tmp_path / "a" / "Same.ftproj", tmp_path / "b" / "Same.ftproj"
    for p in (a, b):
        create_project(p)
        backups.backup_file(p, Reason.MANUAL)
    assert backups.backup_folder(a) != backups.backup_folder(b)
    assert len(backups.list_backups(a)) == len(backups.list_backups(b)) == 1


def test_list_is_newest_first_and_skips_unfinished_and_foreign_files(project):
    made = [backups.backup_file(project.path, r) for r in (Reason.SCHEDULED, Reason.MERGE, Reason.MANUAL)]
    folder = backups.backup_folder(project.path)
    (folder / "20990101T000000.000Z-scheduled.ftproj.partial").write_bytes(b"half")
    (folder / "notes.txt").write_text("mine")
    listed = backups.list_backups(project.path)
    assert [b.path for b in listed] == [b.path for b in reversed(made)]
    assert [b.reason for b in listed] == ["manual", "merge", "scheduled"]
    assert backups.list_backups(project.path.with_name("never.ftproj")) == []


def test_rotation_keeps_the_last_n_and_the_newest_pre_migration_backup(project):
    first_migration = backups.backup_file(project.path, Reason.MIGRATION, keep=4)
    newest_migration = backups.backup_file(project.path, Reason.MIGRATION, keep=4)
    later = [backups.backup_file(project.path, Reason.SCHEDULED, keep=4) for _ in range(6)]
    kept = {b.path for b in backups.list_backups(project.path)}
    assert kept == {newest_migration.path, *(b.path for b in later[-4:])}
    assert not first_migration.path.exists()


def test_rotation_deletes_copies_left_unfinished_by_a_crash_but_not_fresh_ones(project):
    import os

    folder = backups.backup_folder(project.path)
    backups.backup_file(project.path, Reason.MANUAL)
    stale, fresh = folder / "old.ftproj.partial", folder / "new.ftproj.partial"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    backups.prune(project.path)
    assert not stale.exists() and fresh.exists()


def test_backup_while_writes_go_on_is_a_consistent_snapshot_and_the_writer_never_waits(project, tmp_path):
    fill(project, tmp_path, 3000)  # a few MB, so the copy takes a while
    stop = threading.Event()
    pauses: list[float] = []

    def bump(db, i):
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (f"k{i}", str(i)))
        db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('counter', ?)", (str(i + 1),))
        db.conn.execute("COMMIT")

    def writer():
        i = 0
        while not stop.is_set():
            t = time.perf_counter()
            project.db.submit_write(bump, i).result()
            pauses.append(time.perf_counter() - t)
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = []
        while len(made) < 5:  # a separate connection, as the scheduler makes them
            made.append(backups.backup_file(project.path, Reason.SCHEDULED))
    finally:
        stop.set()
        thread.join()
    assert len(pauses) > 10
    assert max(pauses) < 1.0  # a commit never waited for a backup (it would wait the whole copy)
    for info in made:
        counter = int(count(info.path, "SELECT COALESCE(MAX(value), 0) FROM meta WHERE key = 'counter'") or 0)
        keys = count(info.path, "SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'")
        assert keys == counter  # every commit wholly in, or wholly out
        assert count(info.path) == 3000


def test_backup_before_inside_an_open_transaction_copies_the_committed_state(project, tmp_path):
    fill(project, tmp_path, 5)

    def run(db):
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("DELETE FROM examples")
        try:
            return backups.backup_before(db, Reason.MANUAL)  # must not wait for its own transaction
        finally:
            db.conn.execute("ROLLBACK")

    info = project.db.submit_write(run).result(timeout=10)
    assert count(info.path) == 5


def test_a_failed_backup_says_why_and_leaves_nothing(project, monkeypatch):
    root = app_dirs().data / "backups"
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_text("a file where the folder should be")
    with pytest.raises(BackupError, match="backup folder cannot be written"):
        backups.backup_file(project.path, Reason.MANUAL)
    root.unlink()

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy", broken)
    with pytest.raises(BackupError, match="disk is full.*nothing was changed"):
        backups.backup_file(project.path, Reason.MANUAL)
    assert list(backups.backup_folder(project.path).iterdir()) == []


def examples_in(db) -> int:
    return db.conn.execute("SELECT COUNT(*) FROM examples").fetchone()[0]


# --- restoring ------------------------------------------------------------------------------------


def test_restore_writes_a_new_project_that_opens_with_the_backed_up_data(project, tmp_path):
    fill(project, tmp_path, 12)
    info = project.db.submit_write(backups.backup_before, Reason.MANUAL).result()
    project.db.submit_write(lambda db: db.conn.execute("DELETE FROM examples")).result()
    target = backups.restored_copy_path(project.path, info)
    assert target.parent == project.path.parent and target.name.startswith("Leases (restored ")
    assert backups.restore_backup(info, target, name=target.stem) == target
    assert siblings(target) == [target.name]
    restored = open_project_sync(target)
    try:
        assert restored.name == target.stem
        assert restored.db.submit_read(examples_in).result() == 12
        mode = restored.db.submit_write(lambda db: db.conn.execute("PRAGMA journal_mode").fetchone()[0]).result()
        assert mode == "wal"
    finally:
        restored._close_sync()
    # The backup itself is unchanged by restoring, and a second copy gets a free name.
    assert count(info.path) == 12
    assert backups.restored_copy_path(project.path, info) != target


def test_restore_never_overwrites_an_existing_file(project, tmp_path):
    info = backups.backup_file(project.path, Reason.MANUAL)
    target = tmp_path / "precious.ftproj"
    target.write_bytes(b"precious")
    with pytest.raises(BackupError, match="already exists"):
        backups.restore_backup(info, target)
    assert target.read_bytes() == b"precious"
    with pytest.raises(BackupError, match="already exists"):
        backups.restore_backup(info, project.path)


def test_replacing_a_damaged_file_keeps_it_byte_for_byte(project, tmp_path):
    fill(project, tmp_path, 8)
    info = project.db.submit_write(backups.backup_before, Reason.MANUAL).result()
    path = project.path
    project._close_sync()
    data = path.read_bytes()
    damaged = data[: len(data) // 2] + b"\x00garbage" * 512 + data[len(data) // 2 + 4096 :]
    path.write_bytes(damaged)
    stale_log = path.with_name(path.name + "-wal")
    stale_log.write_bytes(b"old log")
    kept = backups.replace_damaged(path, info)
    assert kept.name == "Leases.ftproj.damaged"
    assert kept.read_bytes() == damaged
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"old log"  # never replayed onto the new file
    assert not stale_log.exists()
    again = open_project_sync(path)
    try:
        assert again.db.submit_read(examples_in).result() == 8
    finally:
        again._close_sync()
    path.write_bytes(damaged)
    assert backups.replace_damaged(path, info).name == "Leases.ftproj.damaged-2"
    project.backups = None  # closed above; the fixture closes it again harmlessly


# --- on a schedule --------------------------------------------------------------------------------


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_scheduled_backups_only_when_the_project_changed(project, tmp_path):
    scheduler = BackupScheduler(project.path, interval=3600).start()
    try:
        scheduler.check_now()
        wait_for(lambda: scheduler.checks == 1)
        assert scheduler.made == 0 and backups.list_backups(project.path) == []
        fill(project, tmp_path, 3)
        scheduler.check_now()
        wait_for(lambda: scheduler.checks == 2)
        assert scheduler.made == 1 and scheduler.last.reason == "scheduled"
        assert count(scheduler.last.path) == 3
        scheduler.check_now()
        wait_for(lambda: scheduler.checks == 3)
        assert scheduler.made == 1  # nothing changed since
    finally:
        scheduler.stop()


def test_the_interval_runs_on_its_own_and_closing_the_project_stops_it(tmp_path):
    from app.store.project_file import create_project

    path = tmp_path / "Timed.ftproj"
    create_project(path)
    project = open_project_sync(path, backup_every=0.05)
    project.db.submit_write(lambda db: db.conn.execute("INSERT INTO meta VALUES ('x', 'y')")).result()
    wait_for(lambda: project.backups.made >= 1)
    thread = project.backups._thread
    project._close_sync()
    assert not thread.is_alive()
    assert siblings(path) == [path.name]  # every connection closed: the log is gone
    assert backups.list_backups(path)[0].reason == "scheduled"


def test_closing_mid_backup_abandons_it_cleanly(project, tmp_path, monkeypatch):
    fill(project, tmp_path, 20)
    scheduler = BackupScheduler(project.path, interval=3600).start()
    real_copy = backups._copy
    entered, release = threading.Event(), threading.Event()

    def slow(source, dest, **kwargs):
        entered.set()
        release.wait(10)
        return real_copy(source, dest, **kwargs)

    monkeypatch.setattr(backups, "_copy", slow)
    project.db.submit_write(lambda db: db.conn.execute("INSERT INTO meta VALUES ('x', 'y')")).result()
    scheduler.check_now()
    assert entered.wait(10)
    closing = threading.Thread(target=scheduler.stop)  # the project closes while the copy is being made
    closing.start()
    wait_for(scheduler._stop.is_set)
    release.set()
    closing.join(10)
    assert not closing.is_alive()
    assert scheduler.made == 0 and scheduler.failures == 0
    assert list(backups.backup_folder(project.path).iterdir()) == []  # the unfinished copy is gone
