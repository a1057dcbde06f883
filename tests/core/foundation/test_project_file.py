"""A project is one SQLite file: created, checked, opened, migrated — and foreign files left alone."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.services.projects import open_project_sync
from app.store import project_file
from app.store.errors import NewerVersionError, NotAProjectError, ProjectError, ProjectLockedError
from app.store.migrations import SCHEMA_VERSION


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_is_a_wal_sqlite_file_with_our_id_and_schema(tmp_path):
    path = tmp_path / "Contracts.ftproj"
    project_file.create_project(path, "Contracts")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == project_file.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA page_size").fetchone()[0] == project_file.PAGE_SIZE
    assert conn.execute("SELECT value FROM meta WHERE key='name'").fetchone()[0] == "Contracts"
    conn.close()


def test_project_opens_and_a_write_survives_reopening(tmp_path):
    path = tmp_path / "p.ftproj"
    project_file.create_project(path)
    project = open_project_sync(path)
    project.db.submit_write(lambda db: db["meta"].insert({"key": "k", "value": "v"})).result()
    project._close_sync()
    again = open_project_sync(path)
    got = again.db.submit_read(lambda db: db.conn.execute("SELECT value FROM meta WHERE key='k'").fetchone()).result()
    again._close_sync()
    assert got == ("v",)


def test_creating_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "p.ftproj"
    path.write_text("precious")
    with pytest.raises(ProjectError, match="already exists"):
        project_file.create_project(path)
    assert path.read_text() == "precious"


@pytest.mark.parametrize(
    "content",
    [b"question,answer\nhello,world\n", b"", b"\x00\x01\x02" * 50, b'{"messages": []}\n'],
    ids=["csv", "empty", "binary", "jsonl"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_unchanged(tmp_path, content):
    path = tmp_path / "data.ftproj"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotAProjectError, match="not a Finetune Studio project"):
        open_project_sync(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.ftproj"]


def test_another_programs_sqlite_database_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAProjectError, match="another program"):
        open_project_sync(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_project_from_a_newer_version_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "future.ftproj"
    project_file.create_project(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(NewerVersionError, match="newer version"):
        open_project_sync(path)
    assert digest(path) == before


def test_a_project_locked_by_another_program_is_reported(tmp_path):
    path = tmp_path / "p.ftproj"
    project_file.create_project(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ProjectLockedError, match="locked by another program"):
            open_project_sync(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The lock was released after the failure, so the project opens now.
    open_project_sync(path)._close_sync()


@pytest.mark.skipif(sys.platform == "win32", reason="the instance lock is POSIX flock")
def test_a_project_open_in_another_app_instance_is_reported(tmp_path):
    path = tmp_path / "p.ftproj"
    project_file.create_project(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from app.services.projects import open_project_sync
            p = open_project_sync({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError, match="another Finetune Studio window"):
            open_project_sync(path)
    finally:
        holder.communicate("", timeout=10)
    open_project_sync(path)._close_sync()


def test_opening_the_same_project_twice_in_one_process_is_refused(tmp_path):
    path = tmp_path / "p.ftproj"
    project_file.create_project(path)
    first = open_project_sync(path)
    try:
        with pytest.raises(ProjectLockedError):
            open_project_sync(path)
    finally:
        first._close_sync()


def test_migration_failure_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    from app.store import migrations

    path = tmp_path / "p.ftproj"
    project_file.create_project(path)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(project_file, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        open_project_sync(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone() is None
    conn.close()
    project_file.acquire_instance_lock(path)  # the failed open released its lock
    project_file.release_instance_lock(path)
