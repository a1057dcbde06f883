"""Why a project file could not be opened, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class ProjectError(Exception):
    """A project could not be created or opened. ``str(exc)`` is the user-facing message."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class NotAProjectError(ProjectError):
    """The file is not a Finetune Studio project (another SQLite file, or not SQLite at all)."""


class DamagedProjectError(ProjectError):
    """The file is a project, but SQLite finds it damaged (cut short, or overwritten in places).

    ``details``: what SQLite reported, for the "Show details" of an error message."""

    def __init__(self, path: Path | str, message: str, details: str = "") -> None:
        super().__init__(path, message)
        self.details = details


class NewerVersionError(ProjectError):
    """The project was written by a newer version of the app."""


class ProjectLockedError(ProjectError):
    """Another window or program holds the project open for writing."""
