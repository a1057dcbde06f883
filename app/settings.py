"""User settings: recent projects, the last project, connection profiles (never their keys).

Stored as JSON in the config folder and written atomically. Plain synchronous functions: the UI
calls them on a worker thread.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.formats.writers import WriteError, atomic_write, write_error_reason
from app.i18n import _
from app.models.connection import ConnectionProfile

log = logging.getLogger(__name__)
MAX_RECENT = 10


@dataclass
class Settings:
    """Everything the app remembers between runs except window geometry (Qt keeps that)."""

    recent_projects: list[str] = field(default_factory=list)
    connections: list[ConnectionProfile] = field(default_factory=list)
    active_connection: str = ""  # profile id
    language: str = ""  # "" = follow the system
    prices: dict[str, Any] = field(default_factory=dict)  # the user's price table (PriceTable.to_dict), if edited
    annotator: str = ""  # the name judgements are signed with ("" = the system user name)
    sample_offered: bool = False  # the first-run offer of the sample project was answered (either way)

    @property
    def annotator_name(self) -> str:
        """The name this user's judgements carry: the one set in the app, else the login name."""
        if self.annotator.strip():
            return self.annotator.strip()
        try:
            return getpass.getuser() or "me"
        except (KeyError, OSError):  # no user database entry (containers)
            return "me"

    @property
    def last_project(self) -> str | None:
        """The project that was open last, if any."""
        return self.recent_projects[0] if self.recent_projects else None

    def note_opened(self, path: Path) -> None:
        """Move ``path`` to the top of the recent list."""
        p = str(Path(path).resolve())
        self.recent_projects = [p] + [r for r in self.recent_projects if r != p][: MAX_RECENT - 1]

    def forget_project(self, path: str) -> None:
        """Drop a project from the recent list (it was moved or deleted)."""
        self.recent_projects = [r for r in self.recent_projects if r != path]

    def connection(self, profile_id: str) -> ConnectionProfile | None:
        """The profile with that id, if it exists."""
        return next((c for c in self.connections if c.id == profile_id), None)

    def upsert_connection(self, profile: ConnectionProfile) -> None:
        """Add the profile, or replace the one with the same id."""
        for i, c in enumerate(self.connections):
            if c.id == profile.id:
                self.connections[i] = profile
                return
        self.connections.append(profile)
        if not self.active_connection:
            self.active_connection = profile.id

    def remove_connection(self, profile_id: str) -> None:
        """Delete a profile; the next one becomes active if it was active."""
        self.connections = [c for c in self.connections if c.id != profile_id]
        if self.active_connection == profile_id:
            self.active_connection = self.connections[0].id if self.connections else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "version": 1,
            "recent_projects": self.recent_projects,
            "connections": [c.to_dict() for c in self.connections],
            "active_connection": self.active_connection,
            "language": self.language,
            "prices": self.prices,
            "annotator": self.annotator,
            "sample_offered": self.sample_offered,
        }


def load_settings(path: Path) -> Settings:
    """Read settings; a missing or damaged file gives defaults (the damaged one is kept aside)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings file is not a JSON object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); starting with defaults", path, exc)
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".damaged.json"))
        return Settings()
    s = Settings()
    s.recent_projects = [r for r in raw.get("recent_projects", []) if isinstance(r, str)][:MAX_RECENT]
    s.connections = [ConnectionProfile.from_dict(c) for c in raw.get("connections", []) if isinstance(c, dict)]
    s.active_connection = raw.get("active_connection", "") if isinstance(raw.get("active_connection"), str) else ""
    s.language = raw.get("language", "") if isinstance(raw.get("language"), str) else ""
    s.prices = raw.get("prices") if isinstance(raw.get("prices"), dict) else {}
    s.annotator = raw.get("annotator", "") if isinstance(raw.get("annotator"), str) else ""
    s.sample_offered = raw.get("sample_offered") is True
    return s


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically (a crash never leaves a half-written file).

    Raises ``WriteError`` (an ``OSError``) with a plain message when the file cannot be written
    (disk full, read-only or missing folder); the settings saved before are then kept as they were.
    """
    data = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError as exc:
        # The user does not choose this folder: no "choose another folder" advice, just what happened.
        reason = write_error_reason(exc, str(path.parent), advice=False)
        if exc.errno == errno.ENOSPC:
            reason = _("{reason} — free some space").format(reason=reason)
        raise WriteError(
            exc.errno,
            exc.strerror,
            str(path),
            _("Your settings could not be saved: {reason}. The settings saved before are kept.").format(reason=reason),
            reason,
        ) from exc
