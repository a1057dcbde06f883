"""Fixtures for backups: a real project with examples, and helpers to look at files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.services.importing import ImportRequest, run_import
from app.services.projects import Project, open_project_sync
from app.store import migrations, project_file
from tests.core.datasets.conftest import sft, write_jsonl


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    """Names in the file's folder that start with its name (the file and any -wal/-shm/partial)."""
    return sorted(p.name for p in Path(path).parent.iterdir() if p.name.startswith(Path(path).name))


def fill(project: Project, tmp_path: Path, n: int, name: str = "Leases", dupes: int = 0) -> int:
    """Import ``n`` SFT examples (the last ``dupes`` copies of the first ones); returns the dataset id."""
    objs = [sft(i) for i in range(n - dupes)] + [sft(i % (n - dupes)) for i in range(dupes)]
    src = tmp_path / f"{name}.jsonl"
    write_jsonl(src, objs)
    result = run_import(project, ImportRequest(src, name=name))
    return result.dataset_id


def count(path: Path, sql: str = "SELECT COUNT(*) FROM examples"):
    """A value read from a closed project or backup file, read-only."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def old_project(path: Path, version: int = 3) -> None:
    """A project file as an older app version wrote it (schema ``version``)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA page_size = {project_file.PAGE_SIZE}")
    conn.execute(f"PRAGMA application_id = {project_file.APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    for step in migrations.MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO meta (key, value) VALUES ('name', 'Old one')")
    conn.close()


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "Leases.ftproj"
    project_file.create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()
