"""Opening, creating and closing the current project (the use cases behind the File menu)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.runtime.db_executor import DbExecutor
from app.runtime.threads import run_blocking
from app.store import batch_repo, project_file

log = logging.getLogger(__name__)


@dataclass
class Project:
    """An open project: its file, display name and database executors."""

    path: Path
    name: str
    db: DbExecutor

    async def close(self) -> None:
        """Close every connection and release the lock (off the event loop)."""
        await run_blocking(self._close_sync)

    def _close_sync(self) -> None:
        self.db.close()
        project_file.release_instance_lock(self.path)


def open_project_sync(path: Path) -> Project:
    """Check, lock, migrate and open the project at ``path`` (blocking)."""
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
    return Project(path=path, name=name, db=DbExecutor(path, writer))


async def open_project(path: Path) -> Project:
    """Open the project at ``path`` without blocking the event loop."""
    return await run_blocking(open_project_sync, path)


async def create_project(path: Path, name: str | None = None) -> Project:
    """Create a new project file and open it."""
    await run_blocking(project_file.create_project, Path(path), name)
    return await open_project(path)


async def open_or_create_default(path: Path) -> Project:
    """Open the default project, creating it on first start."""
    if not Path(path).exists():
        return await create_project(path, "My first project")
    return await open_project(path)
