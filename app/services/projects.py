"""Opening, creating and closing the current project (the use cases behind the File menu)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.runtime.db_executor import DbExecutor
from app.runtime.threads import run_blocking
from app.services.backup_schedule import INTERVAL_S, BackupScheduler
from app.store import batch_repo, project_file

log = logging.getLogger(__name__)


@dataclass
class Project:
    """An open project: its file, display name, database executors and (in the app) the thread that
    backs it up on a schedule."""

    path: Path
    name: str
    db: DbExecutor
    backups: BackupScheduler | None = None

    async def close(self) -> None:
        """Close every connection and release the lock (off the event loop)."""
        await run_blocking(self._close_sync)

    def _close_sync(self) -> None:
        if self.backups is not None:  # first: its connection must not outlive the writer's
            self.backups.stop()
        self.db.close()
        project_file.release_instance_lock(self.path)


def open_project_sync(path: Path, *, backup_every: float | None = None) -> Project:
    """Check, lock, migrate and open the project at ``path`` (blocking).

    An older file is backed up before it is migrated (``project_file.open_project``);
    ``backup_every`` seconds (None: never) it is backed up again if it changed.
    """
    path = Path(path).resolve()
    writer = project_file.open_project(path)
    try:
        name = project_file.project_name(writer)
        # This instance holds the file's lock, so a batch run still marked running was cut short
        # by a crash or a closed app: show it as stopped (resumable), not as running forever.
        batch_repo.stop_interrupted(writer)
    except Exception:
        writer.close()
        project_file.release_instance_lock(path)
        raise
    log.info("opened project %s", path)
    project = Project(path=path, name=name, db=DbExecutor(path, writer))
    if backup_every is not None:
        project.backups = BackupScheduler(path, backup_every).start()
    return project


async def open_project(path: Path, *, backup_every: float | None = INTERVAL_S) -> Project:
    """Open the project at ``path`` without blocking the event loop; while it is open it is backed up
    every ``backup_every`` seconds if it changed (the app's projects; headless commands use
    ``open_project_sync``, which does not schedule backups)."""
    return await run_blocking(open_project_sync, path, backup_every=backup_every)


async def create_project(path: Path, name: str | None = None) -> Project:
    """Create a new project file and open it."""
    await run_blocking(project_file.create_project, Path(path), name)
    return await open_project(path)


async def open_or_create_default(path: Path) -> Project:
    """Open the default project, creating it on first start."""
    if not Path(path).exists():
        return await create_project(path, Path(path).stem)  # the name the file has, in the user's language
    return await open_project(path)
