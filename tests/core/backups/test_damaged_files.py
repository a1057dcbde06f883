"""Damaged and foreign files are refused with a message that names the problem, and left exactly as
they were: same bytes (sha256), and no -wal/-shm created next to them.

What happened before this hardening (checked with these files): an empty, text or foreign file was
already refused; a truncated file raised a bare "database disk image is malformed" (shown as
"Something went wrong") and left -wal/-shm behind; a file with garbage in the middle OPENED, and
failed later in the views — an older-version one would even have been migrated (written to).
"""

from __future__ import annotations

import random
import shutil
import sqlite3

import pytest

from app.services.projects import open_project_sync
from app.store import backups
from app.store.errors import DamagedProjectError, NotAProjectError, ProjectError
from app.store.project_file import create_project

from .conftest import fill, old_project, sha256, siblings


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory) -> bytes:
    """A closed project of 2,000 examples (about 3 MB), as bytes."""
    tmp = tmp_path_factory.mktemp("good")
    path = tmp / "good.ftproj"
    create_project(path)
    project = open_project_sync(path)
    fill(project, tmp, 2000)
    project._close_sync()
    assert siblings(path) == ["good.ftproj"]
    return path.read_bytes()


def garbage_in_the_middle(data: bytes, size: int = 64 * 1024) -> bytes:
    mid = len(data) // 2
    return data[:mid] + random.Random(7).randbytes(size) + data[mid + size :]


def refused(path, error: type[ProjectError], match: str) -> ProjectError:
    """Opening ``path`` fails with ``error``; the file keeps its bytes and gains no neighbours."""
    before = sha256(path)
    with pytest.raises(error, match=match) as caught:
        open_project_sync(path)
    assert sha256(path) == before
    assert siblings(path) == [path.name]
    return caught.value


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.ftproj"
    path.write_bytes(b"")
    refused(path, NotAProjectError, r"is empty \(0 bytes\)")


def test_a_text_file_renamed(tmp_path):
    path = tmp_path / "notes.ftproj"
    path.write_text("Meeting notes\nnothing to see here\n" * 50)
    refused(path, NotAProjectError, "not a Finetune Studio project")


def test_another_programs_database(tmp_path):
    path = tmp_path / "other.ftproj"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name)")
    conn.commit()
    conn.close()
    refused(path, NotAProjectError, "database of another program")


@pytest.mark.parametrize("cut", ["half", "page boundary", "header only"])
def test_a_truncated_project(tmp_path, good_bytes, cut):
    page = 16384
    half = len(good_bytes) // 2
    keep = {"half": half + 123, "page boundary": half // page * page, "header only": 100}
    path = tmp_path / "cut.ftproj"
    path.write_bytes(good_bytes[: keep[cut]])
    exc = refused(path, DamagedProjectError, "is damaged: it is shorter than it should be")
    assert "cut off" in str(exc) and "not changed" in str(exc)


def test_a_project_with_garbage_in_the_middle(tmp_path, good_bytes):
    path = tmp_path / "corrupt.ftproj"
    path.write_bytes(garbage_in_the_middle(good_bytes))
    exc = refused(path, DamagedProjectError, "is damaged: parts of it cannot be read")
    assert exc.details  # what SQLite found, for "Show details"


def test_a_damaged_older_project_is_neither_migrated_nor_backed_up(tmp_path, good_bytes):
    path = tmp_path / "old.ftproj"
    old_project(path, version=3)
    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [(f"k{i}", "x" * 3000) for i in range(400)])
    conn.commit()
    conn.close()
    path.write_bytes(garbage_in_the_middle(path.read_bytes(), 48 * 1024))
    refused(path, DamagedProjectError, "is damaged")
    assert backups.list_backups(path) == []


def test_a_healthy_project_left_with_its_log_after_a_crash_still_opens(tmp_path):
    src = tmp_path / "live.ftproj"
    create_project(src)
    live = open_project_sync(src)
    try:
        fill(live, tmp_path, 20)
        # Copy the file and its log while it is open, as a crash leaves them: commits only in the log.
        live.db.submit_write(lambda db: db.conn.execute("PRAGMA wal_autocheckpoint = 0")).result()
        live.db.submit_write(lambda db: db.conn.execute("INSERT INTO meta VALUES ('late', 'commit')")).result()
        crashed = tmp_path / "crashed.ftproj"
        shutil.copy(src, crashed)
        shutil.copy(src.with_name(src.name + "-wal"), crashed.with_name(crashed.name + "-wal"))
    finally:
        live._close_sync()
    project = open_project_sync(crashed)
    try:
        late = project.db.submit_read(
            lambda db: db.conn.execute("SELECT value FROM meta WHERE key = 'late'").fetchone()
        ).result()
        assert late == ("commit",)
    finally:
        project._close_sync()


def test_damaged_files_name_their_backups_folder_for_the_offer(tmp_path, good_bytes):
    """The UI offers "Restore from a backup" when ``list_backups(exc.path)`` finds some."""
    path = tmp_path / "good.ftproj"
    path.write_bytes(good_bytes)
    backups.backup_file(path, backups.Reason.MANUAL)
    path.write_bytes(garbage_in_the_middle(good_bytes))
    exc = refused(path, DamagedProjectError, "damaged")
    assert [b.reason for b in backups.list_backups(exc.path)] == ["manual"]
