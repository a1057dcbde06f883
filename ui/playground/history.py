"""The Playground's sessions in the project: saving (a finished answer at once, other changes shortly
after), reopening the last one with the project, and the history list's open/rename/delete/new.

A mixin of :class:`ui.playground.view.PlaygroundView`, kept apart so each module stays readable.
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from app.services.playground_session import PaneConfig, PlaygroundSession
from app.services.projects import Project
from app.store import playground_repo

if TYPE_CHECKING:
    from ui.playground.view import PlaygroundView


def store_session(db: Any, session: PlaygroundSession, title: str, state: dict[str, Any]) -> int:
    """Save ``session`` on the writer thread. Its id is read and set there, so saves queued one after
    another never insert the same new session twice."""
    session.id = playground_repo.save_session(db, session.id, title, state)
    return session.id


class SessionHistoryMixin:
    """Saving and reopening sessions (see the module docstring)."""

    _save_pending = False

    # --- saving ---------------------------------------------------------------------------
    def _title(self: PlaygroundView) -> str:
        return self.session.title or self.session.auto_title()

    def save_soon(self: PlaygroundView) -> None:
        """Save the session shortly (edits come in bursts)."""
        if self.project is not None and not self._closed:
            self._save_pending = True
            self._save_timer.start()

    def save_now(self: PlaygroundView, session: PlaygroundSession | None = None) -> Future[int] | None:
        """Queue a save of ``session`` (default: the open one) on the project's writer thread."""
        session = session or self.session
        project = self.project
        if session is self.session:
            self._save_timer.stop()
            self._save_pending = False
        if project is None or self._closed or getattr(session, "discarded", False):
            return None
        title = session.title or session.auto_title()
        try:
            future = project.db.submit_write(store_session, session, title, session.to_state())
        except RuntimeError:  # the project closed meanwhile
            return None
        self.tasks.spawn(self._saved(project, future))
        return future

    async def _saved(self: PlaygroundView, project: Project, future: Future[int]) -> None:
        try:
            await asyncio.wrap_future(future)
        except Exception as exc:  # noqa: BLE001 - told to the user, the session stays open
            if self.tasks.alive:
                self.ctx.report_error(self.tr("The Playground session could not be saved: %1").replace(
                    "%1", str(exc)), exc)
            return
        if self.tasks.alive and self.session_list.isVisible() and project is self.project:
            await self.reload_sessions()

    # --- the project ----------------------------------------------------------------------
    def _on_project_changed(self: PlaygroundView, project: Project | None) -> None:
        self.streams.stop_all()
        self.project = None  # the old one is closed already: nothing more is written there
        self._save_timer.stop()
        if project is not None and self.tasks.alive:
            self.loading = True
            self.tasks.spawn(self.load_last_session(project))

    async def load_last_session(self: PlaygroundView, project: Project) -> None:
        """Reopen the project's most recent session (or start one), then apply pending open_model calls."""
        try:
            sessions = await project.db.read(playground_repo.list_sessions)
            loaded = await project.db.read(playground_repo.load_session, sessions[0].id) if sessions else None
        finally:
            if self.tasks.alive and self.ctx.project is project:
                self.loading = False
        if not self.tasks.alive or self.ctx.project is not project:
            return
        if loaded is not None:
            session = PlaygroundSession.from_state(sessions[0].id, *loaded)
        else:
            session = PlaygroundSession(panes=[self._blank_pane(), self._blank_pane()])
        self.set_session(session, project)
        self.session_list.set_sessions(sessions, session.id)
        pending, self._pending_open = self._pending_open, []
        for profile_id, model in pending:
            self.open_model(profile_id, model)

    async def reload_sessions(self: PlaygroundView) -> None:
        """Refresh the history list."""
        project = self.project
        if project is None:
            return
        sessions = await project.db.read(playground_repo.list_sessions)
        if self.tasks.alive and project is self.project:
            self.session_list.set_sessions(sessions, self.session.id)

    # --- the history list -----------------------------------------------------------------
    def show_history(self: PlaygroundView, on: bool) -> None:
        """Show or hide the saved sessions."""
        self.session_list.setVisible(on)
        if on:
            self.tasks.spawn(self.reload_sessions())

    def new_session(self: PlaygroundView) -> None:
        """An empty conversation with the same panes (models and parameters); the old one stays saved."""
        old = self.session
        if self._save_pending:
            self.save_now(old)
        # Answers in flight are stopped by set_session; each is saved into ``old`` as it ends.
        session = PlaygroundSession(
            panes=[PaneConfig(p.profile_id, p.model, p.base_model, p.params) for p in old.panes],
            shared_params=old.shared_params, params=old.params,
        )
        self.set_session(session, self.project)
        self.message_bar.message.setFocus()
        if self.session_list.isVisible():
            self.tasks.spawn(self.reload_sessions())

    async def open_session(self: PlaygroundView, session_id: int) -> None:
        """Reopen a saved session (answers in flight are stopped and kept first)."""
        project = self.project
        if project is None or session_id == self.session.id:
            return
        if self._save_pending:
            self.save_now()
        loaded = await project.db.read(playground_repo.load_session, session_id)
        if not self.tasks.alive or project is not self.project:
            return
        if loaded is None:
            self.show_info("⚠ " + self.tr("That session no longer exists."))
        else:
            self.set_session(PlaygroundSession.from_state(session_id, *loaded), project)
        await self.reload_sessions()

    async def rename_session(self: PlaygroundView, session_id: int, title: str) -> None:
        """Give a saved session a new title."""
        project = self.project
        if project is None:
            return
        if session_id == self.session.id:
            self.session.title = title
        with contextlib.suppress(LookupError):  # deleted meanwhile
            await project.db.write(playground_repo.rename_session, session_id, title)
        if self.tasks.alive:
            await self.reload_sessions()

    async def delete_session(self: PlaygroundView, session_id: int) -> None:
        """Delete a saved session; deleting the open one starts a new one."""
        project = self.project
        if project is None:
            return
        if session_id == self.session.id:
            self.streams.stop_all()
            self._save_timer.stop()
            self._save_pending = False
            old = self.session
            old.discarded = True  # answers still ending must not save it again
            self.set_session(PlaygroundSession(
                panes=[PaneConfig(p.profile_id, p.model, p.base_model, p.params) for p in old.panes],
                shared_params=old.shared_params, params=old.params), project)
        await project.db.write(playground_repo.delete_session, session_id)
        if self.tasks.alive:
            await self.reload_sessions()

    # --- connections ----------------------------------------------------------------------
    def _connection_signature(self: PlaygroundView) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.ctx.settings.connections]

    def _on_settings_changed(self: PlaygroundView) -> None:
        signature = self._connection_signature()
        if signature == self._connections:
            return
        self._connections = signature
        self.catalog.clear()
        for i, pane in enumerate(self.panes):
            pane.picker.refresh_profiles()
            self.show_config(i)
        self.left_out.clear()
        self._refresh()
