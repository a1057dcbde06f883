"""Automatic backups of a project file, made with SQLite's online backup (never a file copy).

Where: ``<app data>/backups/<project stem>-<8 hex digits of its resolved path>/<UTC time>-<reason>.ftproj``.
The hash keeps two projects of the same name in different folders apart; a moved project starts a
new folder.

How: ``sqlite3.Connection.backup`` from a connection to the project, in ONE step. In WAL mode a step
holds only a read snapshot of the source, so the writer carries on meanwhile (measured with
``bench/bench_backup.py``: no writer pause beyond disk noise); smaller steps buy nothing and restart
from scratch whenever another connection commits between them, so a busy project might never finish.
The copy is written as ``….partial``, switched to a rollback journal (one self-contained file), checked
with ``PRAGMA integrity_check`` and only then renamed into place: a crash, a full disk or a failed
check never leaves half a backup in the list.

Rotation: the newest ``KEEP`` backups of each project are kept, plus the newest pre-migration one (the
only copy of the file as the previous app version wrote it).

Restoring always writes a NEW file; replacing a damaged project keeps the damaged file as
``<name>.damaged`` (its bytes untouched), so no choice here can lose data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.i18n import _
from app.paths import PROJECT_SUFFIX, app_dirs
from app.store.errors import ProjectError

log = logging.getLogger(__name__)

KEEP = 10  # backups kept per project (plus the newest pre-migration one)
BULK_DELETE_MIN = 50  # deleting at least this many examples at once makes a backup first
STALE_PARTIAL_S = 24 * 3600  # an unfinished copy this old was left by a crash: delete it
SIDECARS = ("-wal", "-shm", "-journal")


class Reason(StrEnum):
    """Why a backup was made (part of its file name; the UI shows a translated label)."""

    SCHEDULED = "scheduled"
    MIGRATION = "pre-migration"
    MERGE = "merge"
    DELETE_DATASET = "delete-dataset"
    DELETE_EXAMPLES = "delete-examples"
    REMOVE_DUPLICATES = "remove-duplicates"
    MANUAL = "manual"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was made (UTC), why, and its size in bytes."""

    path: Path
    created: dt.datetime
    reason: str
    size: int


class BackupError(ProjectError):
    """A backup could not be made or restored. ``str(exc)`` is the user-facing message."""


class BackupCancelled(Exception):
    """The backup was stopped (the project is closing); nothing was left behind."""


_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{3}Z)-([a-z0-9-]+?)(?:~\d+)?" + re.escape(PROJECT_SUFFIX) + r"$")
_names_lock = threading.Lock()  # scheduled and pre-operation backups may name files at the same moment


# --- where ----------------------------------------------------------------------------------------


def backups_root() -> Path:
    """The folder holding every project's backups."""
    return app_dirs().data / "backups"


def backup_folder(project_path: Path | str) -> Path:
    """The folder of one project's backups (not created here)."""
    resolved = Path(project_path).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    return backups_root() / f"{resolved.stem}-{digest}"


def _info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:  # deleted meanwhile (rotation by another thread)
        return None
    return BackupInfo(path, dt.datetime.strptime(m.group(1), _STAMP).replace(tzinfo=dt.UTC), m.group(2), size)


def list_backups(project_path: Path | str) -> list[BackupInfo]:
    """The project's backups, newest first (unfinished copies are not listed)."""
    folder = backup_folder(project_path)
    out = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if _NAME.match(entry.name) and entry.is_file():
            info = _info(Path(entry.path))
            if info is not None:
                out.append(info)
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def prune(project_path: Path | str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups (never the newest pre-migration one) and copies
    left unfinished by a crash; returns the deleted files."""
    backups = list_backups(project_path)
    keep_paths = {b.path for b in backups[:keep]}
    migration = next((b for b in backups if b.reason == Reason.MIGRATION), None)
    if migration is not None:
        keep_paths.add(migration.path)
    doomed = [b.path for b in backups if b.path not in keep_paths]
    folder = backup_folder(project_path)
    if folder.is_dir():
        now = time.time()
        for p in folder.glob("*.partial"):
            try:
                if now - p.stat().st_mtime > STALE_PARTIAL_S:
                    doomed.append(p)
            except OSError:
                pass
    for p in doomed:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:  # another process may hold it (Windows): next time
            log.warning("could not delete old backup %s: %s", p, exc)
    return doomed


# --- making ---------------------------------------------------------------------------------------


def read_only(path: Path | str) -> sqlite3.Connection:
    """A connection that can only read ``path`` and leaves no file behind.

    A closed project has no write-ahead log; a read-only connection would still create empty
    ``-wal``/``-shm`` files next to it (and could not delete them), so such a file is opened as
    immutable. A project open elsewhere (its log exists) is read through the log.
    """
    p = Path(path)
    uri = p.resolve().as_uri()
    mode = "?mode=ro" if p.with_name(p.name + "-wal").exists() else "?mode=ro&immutable=1"
    conn = sqlite3.connect(uri + mode, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 2000")
    return conn


def _remove_with_sidecars(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):
            p.unlink(missing_ok=True)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _copy(
    source: sqlite3.Connection,
    dest_path: Path,
    *,
    journal: str,
    name: str | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Back ``source`` up into the new file ``dest_path`` and check the copy; on any failure the
    file is removed and the error raised."""
    dest = sqlite3.connect(str(dest_path), isolation_level=None)
    try:
        source.backup(dest, pages=-1)  # one step: a consistent snapshot, no restarts (see module doc)
        if cancel is not None and cancel.is_set():
            raise BackupCancelled
        if name is not None:
            dest.execute("UPDATE meta SET value = ? WHERE key = 'name'", (name,))
        dest.execute(f"PRAGMA journal_mode = {journal}")
        if cancel is not None:  # lets a closing project interrupt the (slower) check
            dest.set_progress_handler(lambda: int(cancel.is_set()), 20000)
        try:
            rows = [r[0] for r in dest.execute("PRAGMA integrity_check(20)")]
        except sqlite3.OperationalError:
            if cancel is not None and cancel.is_set():
                raise BackupCancelled from None
            raise
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(_("the copy failed its integrity check: {problems}").format(
                problems="; ".join(rows[:3])))
    except BaseException:
        dest.close()
        _remove_with_sidecars(dest_path)
        raise
    dest.close()


def _reserve(folder: Path, reason: str) -> tuple[Path, Path]:
    """A fresh ``(final, partial)`` pair of names; the partial file is created to hold the name."""
    with _names_lock:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)[:-4] + "Z"  # milliseconds
        n = 1
        while True:
            final = folder / f"{stamp}-{reason}{'' if n == 1 else f'~{n}'}{PROJECT_SUFFIX}"
            partial = final.with_name(final.name + ".partial")
            if not final.exists() and not partial.exists():
                partial.touch()
                return final, partial
            n += 1


def backup_connection(
    conn: sqlite3.Connection,
    project_path: Path | str,
    reason: Reason | str,
    *,
    keep: int = KEEP,
    cancel: threading.Event | None = None,
) -> BackupInfo:
    """Back up the database ``conn`` reads (the project at ``project_path``), check the copy, rotate.

    Raises ``BackupError`` with a plain message when the copy cannot be made (full disk, unreadable
    project…), ``BackupCancelled`` when ``cancel`` was set meanwhile.
    """
    reason = str(reason)
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"a backup reason is a slug of a-z, 0-9 and '-', not {reason!r}")
    if conn.in_transaction:  # SQLite would answer "locked" until it ends: the copy would never start
        raise ValueError("a connection in a transaction cannot be backed up; use backup_file")
    project_path = Path(project_path)
    started = time.perf_counter()
    try:
        final, partial = _reserve(backup_folder(project_path), reason)
    except OSError as exc:
        raise BackupError(project_path, _("The backup folder cannot be written: {problem}. Nothing was changed.")
                          .format(problem=_problem(exc))) from exc
    try:
        _copy(conn, partial, journal="DELETE", cancel=cancel)
        os.replace(partial, final)
    except BackupCancelled:
        _remove_with_sidecars(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove_with_sidecars(partial)
        if isinstance(exc, OSError) or "full" in str(exc):
            message = _("A safety backup of “{name}” could not be made ({problem}), so nothing was changed. "
                        "Free some disk space and try again.")
        else:
            message = _("A safety backup of “{name}” could not be made ({problem}), so nothing was changed. "
                        "The project itself may be damaged.")
        raise BackupError(project_path, message.format(name=project_path.name, problem=_problem(exc))) from exc
    info = _info(final)
    assert info is not None  # just written under a name _NAME matches
    log.info("backed up %s (%s) in %.2f s: %s", project_path.name, reason, time.perf_counter() - started, final)
    prune(project_path, keep)
    return info


def main_file(conn: sqlite3.Connection) -> str:
    """The file of a connection's main database ('' for an in-memory one)."""
    return next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "") or ""


def backup_before(db: Any, reason: Reason | str, *, keep: int = KEEP) -> BackupInfo | None:
    """Back up the project ``db`` belongs to before a risky change; call it inside the writer job
    (``db``: a ``sqlite_utils.Database`` or ``sqlite3.Connection``), before the change's transaction.

    Runs on the caller's thread with the caller's connection, so the backup is exactly the state the
    change starts from. Returns None for an in-memory database. Raises ``BackupError`` when no backup
    could be made: the caller lets it propagate, so the risky change does not happen without one.
    """
    conn = getattr(db, "conn", db)
    path = main_file(conn)
    if not path:
        return None
    if conn.in_transaction:
        # A connection writing cannot be a backup source (SQLite answers "locked" for as long as the
        # transaction lasts): copy the committed state through a read-only connection instead.
        return backup_file(path, reason, keep=keep)
    return backup_connection(conn, Path(path), reason, keep=keep)


def backup_file(project_path: Path | str, reason: Reason | str, *, keep: int = KEEP) -> BackupInfo:
    """Back up a project file that is not open (before a migration), reading it read-only."""
    try:
        conn = read_only(project_path)
    except sqlite3.Error as exc:
        raise BackupError(project_path, _("“{name}” cannot be read: {problem}.").format(
            name=Path(project_path).name, problem=exc)) from exc
    try:
        return backup_connection(conn, project_path, reason, keep=keep)
    finally:
        conn.close()


# --- restoring ------------------------------------------------------------------------------------


def _source(backup: BackupInfo | Path | str) -> Path:
    return backup.path if isinstance(backup, BackupInfo) else Path(backup)


def _exists(path: Path) -> bool:
    return any(p.exists() for p in (path, *(path.with_name(path.name + s) for s in SIDECARS)))


def _restore_into(backup: BackupInfo | Path | str, dest: Path, name: str | None) -> None:
    """Write the backup into the new file ``dest`` as a working project (WAL), checked."""
    src_path = _source(backup)
    try:
        src = read_only(src_path)
    except sqlite3.Error as exc:
        raise BackupError(src_path, _("The backup “{name}” cannot be read: {problem}.").format(
            name=src_path.name, problem=exc)) from exc
    try:
        dest.touch(exist_ok=False)
        _copy(src, dest, journal="WAL", name=name)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(dest, _("The backup could not be restored to “{name}” ({problem}). Nothing was changed.")
                          .format(name=dest.name, problem=_problem(exc))) from exc
    finally:
        src.close()


def restore_backup(backup: BackupInfo | Path | str, target_path: Path | str, *, name: str | None = None) -> Path:
    """Write the backup to the NEW project file ``target_path`` (refused if it exists) and return it.

    ``name``: the restored project's display name (default: the backup's own). The copy is checked
    and only then appears under its name.
    """
    target = Path(target_path)
    taken = _("“{name}” already exists. Choose another name; nothing was changed.").format(name=target.name)
    if _exists(target):
        raise BackupError(target, taken)
    partial = target.with_name(target.name + ".partial")
    _remove_with_sidecars(partial)
    _restore_into(backup, partial, name)
    if _exists(target):  # appeared meanwhile: never overwrite
        _remove_with_sidecars(partial)
        raise BackupError(target, taken)
    os.replace(partial, target)
    return target


def _free(folder: Path, name: str, numbered: str) -> Path:
    """``folder/name`` if nothing has that name, else ``numbered.format(n)`` for the first free n ≥ 2."""
    candidate, n = folder / name, 2
    while _exists(candidate):
        candidate, n = folder / numbered.format(n), n + 1
    return candidate


def restored_copy_path(project_path: Path | str, backup: BackupInfo) -> Path:
    """A free name next to the project for a restored copy: "Contracts (restored 2025-05-01 14.03).ftproj"."""
    project = Path(project_path)
    when = backup.created.astimezone().strftime("%Y-%m-%d %H.%M")
    base = _("{name} (restored {when})").format(name=project.stem, when=when)
    return _free(project.parent, base + PROJECT_SUFFIX, base + " {}" + PROJECT_SUFFIX)


def replace_damaged(project_path: Path | str, backup: BackupInfo | Path | str) -> Path:
    """Put the backup in place of a damaged project file that is NOT open; returns where the damaged
    file went ("Contracts.ftproj.damaged", its bytes and any log files kept as they were).

    The restored file is written and checked first, so a failure leaves the damaged file in place.
    """
    project = Path(project_path)
    kept = _free(project.parent, project.name + ".damaged", project.name + ".damaged-{}")
    partial = project.with_name(project.name + ".restoring")
    _remove_with_sidecars(partial)
    _restore_into(backup, partial, None)
    try:
        if project.exists():
            os.replace(project, kept)
        for s in ("-wal", "-shm"):  # a stale log must never be replayed onto the restored file
            side = project.with_name(project.name + s)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + s))
        os.replace(partial, project)
    except OSError as exc:
        _remove_with_sidecars(partial)
        raise BackupError(project, _("“{name}” could not be replaced: {problem}.").format(
            name=project.name, problem=_problem(exc))) from exc
    return kept
