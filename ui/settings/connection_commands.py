"""What the Connections dialog's buttons do: add a profile, delete one (after asking) with its
key, save one (the profile to the settings file, a typed key to the OS keyring), and test one by
listing the provider's models with the form's settings. A test of the active profile also updates
the app's connection state.

Everything that may block runs on worker threads or the event loop. ``ConnectionCommands`` is
mixed into ``ConnectionsDialog`` (``connections_dialog.py``), whose form and list it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models.connection import ConnectionProfile
from app.redact import register_secret
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import providers
from app.services.provider_errors import ErrorKind
from ui.app_context import ConnectionState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton

    from ui.app_context import AppContext
    from ui.tasks import TaskScope


class ConnectionCommands:
    """Add, delete, save and test connection profiles (mixed into ``ConnectionsDialog``)."""

    ctx: AppContext
    tasks: TaskScope
    _current: ConnectionProfile | None
    name_edit: QLineEdit
    key_edit: QLineEdit
    problems_label: QLabel
    save_button: QPushButton
    test_button: QPushButton
    busy: QProgressBar

    def add_profile(self) -> None:
        """Add a new profile with a unique default name and select it."""
        names = {c.name for c in self.ctx.settings.connections}
        n, name = 1, self.tr("OpenAI")
        while name in names:
            n += 1
            name = self.tr("OpenAI {n}").format(n=n)
        profile = ConnectionProfile(name=name)
        self.ctx.settings.upsert_connection(profile)
        self._current = profile
        self._reload_list(profile.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self.tasks.spawn(self.ctx.save_settings())

    def confirm_delete(self) -> None:
        """Ask before deleting the selected profile and its key (non-blocking message box)."""
        if self._current is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete connection"),
            self.tr("Delete the connection “{name}” and its stored API key?").format(name=self._current.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        pid = self._current.id
        box.finished.connect(lambda r: self.delete_profile(pid) if r == QMessageBox.StandardButton.Yes else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def delete_profile(self, profile_id: str) -> None:
        """Remove the profile and its key."""
        self.ctx.settings.remove_connection(profile_id)
        self._current = None
        self._reload_list()
        self.tasks.spawn(self._delete(profile_id))

    async def _delete(self, profile_id: str) -> None:
        await self.ctx.save_settings()
        try:
            await run_blocking(keystore.delete_key, profile_id)
        except keystore.KeyringUnavailableError as exc:
            self._set_result(False, str(exc))
        await self.ctx.refresh_connection_state()

    def save(self) -> None:
        """Validate the form, save the profile and (if typed) the key."""
        profile = self._form_profile()
        problems = profile.problems()
        if problems:
            self.problems_label.setText("⚠ " + " ".join(problems))
            self.problems_label.show()
            return
        self.problems_label.hide()
        key = self.key_edit.text().strip()
        register_secret(key)
        self.key_edit.clear()
        self.ctx.settings.upsert_connection(profile)
        self._current = profile
        self._reload_list(profile.id)
        self.tasks.spawn(self._save(profile, key))

    async def _save(self, profile: ConnectionProfile, key: str) -> None:
        self.save_button.setEnabled(False)
        try:
            await self.ctx.save_settings()
            if key:
                try:
                    await run_blocking(keystore.set_key, profile.id, key)
                except keystore.KeyringUnavailableError as exc:
                    if self.tasks.alive:
                        self._set_result(False, str(exc))
                    await self.ctx.refresh_connection_state()
                    return
            if self.tasks.alive:
                self._set_result(True, self.tr("Saved."))
                await self._show_key_status(profile.id)
            await self.ctx.refresh_connection_state()
        finally:
            if self.tasks.alive:
                self.save_button.setEnabled(True)

    def test(self) -> None:
        """List the provider's models with the form's settings and say how it went."""
        profile = self._form_profile()
        problems = profile.problems()
        if problems:
            self._set_result(False, " ".join(problems))
            return
        # Feedback at once, before the first await.
        self.test_button.setEnabled(False)
        self.busy.show()
        self._set_result(None, self.tr("Testing the connection…"))
        self.tasks.spawn(self._test(profile, self.key_edit.text().strip()))

    async def _test(self, profile: ConnectionProfile, typed_key: str) -> None:
        try:
            key = typed_key
            if not key:
                try:
                    key = await run_blocking(keystore.get_key, profile.id) or ""
                except keystore.KeyringUnavailableError as exc:
                    self._set_result(False, str(exc))
                    return
            register_secret(key)
            result = await providers.test_connection(profile, key or None)
        finally:
            if self.tasks.alive:
                self.busy.hide()
                self.test_button.setEnabled(True)
        if not self.tasks.alive:
            return
        self._set_result(result.ok, result.message, result.error.details if result.error else "")
        if profile.id == self.ctx.settings.active_connection:
            if result.ok:
                self.ctx.set_connection_state(ConnectionState.CONNECTED, result.message)
            elif result.error and result.error.kind is ErrorKind.AUTH:
                self.ctx.set_connection_state(ConnectionState.REJECTED, result.message)
            elif result.error and result.error.kind in (ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT):
                self.ctx.set_connection_state(ConnectionState.OFFLINE, result.message)
