"""The application context handed to every view: settings, the open project, connections.

No global "main window": views receive this object and listen to its signals. Blocking work
(settings file, keyring, SQLite) runs on worker threads; the methods here are coroutines.
"""

from __future__ import annotations

import logging
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.models.connection import ConnectionProfile
from app.paths import AppDirs
from app.redact import redact
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import projects
from app.services.projects import Project
from app.services.providers import ClientPool
from app.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)


class ConnectionState(StrEnum):
    """What the status bar says about the active connection."""

    NONE = "none"  # no profile yet
    NO_KEY = "no_key"
    NO_KEYRING = "no_keyring"
    READY = "ready"  # key stored, not checked this session (we call nobody unasked)
    CONNECTED = "connected"
    OFFLINE = "offline"
    REJECTED = "rejected"  # key refused


class NotConnected(Exception):
    """No usable connection (none, no key, no keyring); the message says what to do."""


class AppContext(QObject):
    """Shared state and the use cases views call. Signals tell views what changed."""

    project_changed = Signal(object)  # Project | None
    settings_changed = Signal()
    connection_state_changed = Signal(str, str)  # state, detail
    error_reported = Signal(str, str)  # message, details (already redacted)
    # A model to try in the Playground (from the Jobs view): connection profile id, model id.
    open_in_playground_requested = Signal(str, str)
    # A project file could not be opened (the ProjectError): the window offers its backups, if any.
    project_open_failed = Signal(object)

    def __init__(self, dirs: AppDirs) -> None:
        super().__init__()
        self.dirs = dirs
        self.settings = Settings()
        self.project: Project | None = None
        self.clients = ClientPool()
        self.connection_state = ConnectionState.NONE
        self.connection_detail = ""

    # --- settings -------------------------------------------------------------------------
    async def load_settings(self) -> None:
        """Read the settings file (on a worker thread)."""
        self.settings = await run_blocking(load_settings, self.dirs.settings_file)
        self.settings_changed.emit()

    async def save_settings(self) -> None:
        """Write the settings file atomically (on a worker thread)."""
        await run_blocking(save_settings, self.dirs.settings_file, self.settings)
        self.settings_changed.emit()

    # --- projects -------------------------------------------------------------------------
    async def _switch_to(self, project: Project) -> None:
        old, self.project = self.project, project
        if old is not None:
            await old.close()
        self.settings.note_opened(project.path)
        self.project_changed.emit(project)
        try:
            await self.save_settings()
        except OSError as exc:  # a full or read-only disk: the project is open all the same
            self.report_error(str(exc), exc)

    async def open_project(self, path: Path) -> Project:
        """Open a project; the current one stays open if this fails (the error propagates)."""
        from app.store.errors import ProjectError

        if self.project is not None and Path(path).resolve() == self.project.path:
            return self.project
        try:
            return await self._open(projects.open_project(path))
        except ProjectError as exc:
            self.project_open_failed.emit(exc)
            raise

    async def new_project(self, path: Path) -> Project:
        """Create and open a new project file."""
        return await self._open(projects.create_project(path, Path(path).stem))

    async def _open(self, opening) -> Project:  # noqa: ANN001 - a coroutine returning Project
        project = await opening
        await self._switch_to(project)
        return project

    async def open_startup_project(self, requested: str | None = None) -> Project:
        """The project to show at start: the one asked for, else the last one, else the default.

        A last project that cannot be opened is dropped from the recent list (reported), and the
        default project opens instead, so the user always lands in a working app.
        """
        candidates = [requested] if requested else []
        if self.settings.last_project:
            candidates.append(self.settings.last_project)
        for c in candidates:
            try:
                return await self.open_project(Path(c))
            except Exception as exc:  # noqa: BLE001 - reported; we fall back to the default
                log.warning("could not reopen %s: %s", c, exc)
                if c != requested:
                    self.settings.forget_project(c)
                self.report_error(str(exc), exc)
        # The default's name depends on which file exists (and the language): a look at the disk.
        default = await run_blocking(lambda: self.dirs.default_project)
        return await self._open(projects.open_or_create_default(default))

    def price_table(self):  # noqa: ANN201 - PriceTable
        """The training prices: the user's edited table, else the dated defaults."""
        from app.formats.prices import PriceTable

        if self.settings.prices:
            try:
                return PriceTable.from_dict(self.settings.prices)
            except ValueError:
                log.warning("edited price table unreadable; using the defaults")
        return PriceTable.default()

    # --- connections ----------------------------------------------------------------------
    def active_profile(self) -> ConnectionProfile | None:
        """The connection used by default for provider calls."""
        return self.settings.connection(self.settings.active_connection)

    async def client_for(self, profile: ConnectionProfile | None = None) -> tuple[Any, ConnectionProfile]:
        """The SDK client for ``profile`` (default: the active connection), its key read from the
        keyring on a worker thread. Raises ``NotConnected`` with a plain message when it cannot."""
        from app.models.connection import ProviderKind
        from app.services.providers import no_key_message

        profile = profile or self.active_profile()
        if profile is None:
            raise NotConnected(self.tr("There is no connection yet. Add one in Settings → Connections."))
        try:
            key = await run_blocking(keystore.get_key, profile.id)
        except keystore.KeyringUnavailableError as exc:
            raise NotConnected(str(exc)) from exc
        if not key and profile.kind is not ProviderKind.COMPATIBLE:
            raise NotConnected(no_key_message(profile))
        return self.clients.get(profile, key), profile

    def set_connection_state(self, state: ConnectionState, detail: str = "") -> None:
        """Update the status shown for the active connection."""
        self.connection_state, self.connection_detail = state, detail
        self.connection_state_changed.emit(str(state), detail)

    async def refresh_connection_state(self) -> None:
        """Check (without any network call) whether the active connection has a key."""
        profile = self.active_profile()
        if profile is None:
            self.set_connection_state(ConnectionState.NONE)
            return
        try:
            key = await run_blocking(keystore.get_key, profile.id)
        except keystore.KeyringUnavailableError as exc:
            self.set_connection_state(ConnectionState.NO_KEYRING, str(exc))
            return
        from app.models.connection import ProviderKind

        if not key and profile.kind is not ProviderKind.COMPATIBLE:
            self.set_connection_state(ConnectionState.NO_KEY)
        else:
            self.set_connection_state(ConnectionState.READY)

    # --- errors ---------------------------------------------------------------------------
    def report_error(self, message: str, exc: BaseException | None = None) -> None:
        """Show an error in the banner: a plain message, technical details behind a button."""
        details = ""
        if exc is not None:
            details = getattr(exc, "details", "") or "".join(
                traceback.format_exception(type(exc), exc, exc.__traceback__)
            )
        self.error_reported.emit(redact(message), redact(details))

    async def shutdown(self) -> None:
        """Close clients and the project (the window is closing)."""
        await self.clients.close()
        if self.project is not None:
            await self.project.close()
            self.project = None
