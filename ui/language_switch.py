"""Settings → Preferences and switching the language at run time, for the main window.

Switching rebuilds the window's views, menus and status bar in the new language without losing work;
see :meth:`LanguageSwitchMixin.switch_language`.
"""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui import i18n


class LanguageSwitchMixin:
    """Part of ``MainWindow`` (which provides ``ctx``, ``tasks``, ``pages``, ``view_keys``, ``banner``, the
    dialogs, ``_build_ui`` and ``_language_timer``)."""

    def show_preferences(self) -> None:
        """Open Settings → Preferences (language, your name); window-modal, applied on OK."""
        from ui.settings.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self)
        dialog.applied.connect(self._on_preferences_applied)
        self.preferences_dialog = dialog
        dialog.open()

    def _on_preferences_applied(self, language_changed: bool) -> None:
        self.tasks.spawn(self.ctx.save_settings())
        if language_changed:
            self.request_language(self.ctx.settings.language)

    # --- language ------------------------------------------------------------------------
    def busy_windows(self) -> list[QWidget]:
        """Other open windows (an import, a generation, the launch wizard…) a rebuild would close with
        their view; the language waits until they are closed."""
        ignore = {self, self.preferences_dialog, self.shortcuts_dialog}
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w not in ignore and w.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window)
                and not isinstance(w, QMessageBox)]

    def request_language(self, setting: str) -> bool:
        """Switch to the language ``setting`` asks for now, or as soon as the other windows are closed
        (said in the status bar). Returns True when the switch started now."""
        if i18n.resolve_language(setting) == i18n.current_language():
            self._pending_language = None
            return False
        busy = self.busy_windows()
        if busy:
            self._pending_language = setting
            self._language_timer.start()
            names = ", ".join(w.windowTitle() or w.objectName() for w in busy)
            self.statusBar().showMessage(self.tr("The language changes when these windows are closed: {names}")
                                         .format(names=names))
            return False
        self._pending_language = None
        self.tasks.spawn(self.switch_language(setting))
        return True

    def _apply_pending_language(self) -> None:
        if self._pending_language is None or self._closing:
            self._language_timer.stop()
        elif not self.busy_windows():
            self._language_timer.stop()
            self.request_language(self._pending_language)

    async def switch_language(self, setting: str) -> str:
        """Speak the language ``setting`` asks for ("" = the system's): install its translators and build
        the views, menus and status bar again in it. Nothing is lost: edits typed a moment ago are saved
        first, answers streaming in the Playground stop and are kept (as when the window closes), the
        project stays open, and each view gets back what it showed (``view_state``/``restore_view_state``:
        the Datasets view its dataset and example). The window keeps its size and place."""
        states = {key: page.view_state() for key, page in self._views() if callable(getattr(page, "view_state", None))}
        project = self.ctx.project
        if project is not None:
            # Writes run in order: once this one is done, every edit flushed above is in the project.
            with contextlib.suppress(RuntimeError):  # the project closed meanwhile
                await project.db.write(lambda _db: None)
            for _ in range(3):  # let the old views hear that their edits were saved
                await asyncio.sleep(0)
        language = i18n.install(setting)
        current = self.current_view()
        error = (self.banner.message.text(), self.banner.details.toPlainText()) if self.banner.isVisible() else None
        self._shut_down_views()
        for dialog in (self.connections_dialog, self.shortcuts_dialog):
            if dialog is not None:
                with contextlib.suppress(RuntimeError):  # already deleted
                    dialog.close()
        self._build_ui()
        self._on_project_changed(self.ctx.project)
        self.show_view(current)
        if error is not None:
            self.banner.show_error(*error)
        for key, page in self._views():
            if key in states and callable(getattr(page, "restore_view_state", None)):
                page.restore_view_state(states[key])
        self.language_switched.emit(language)
        return language

    def _views(self) -> list[tuple[str, QWidget]]:
        return [(key, self.pages.widget(i)) for i, key in enumerate(self.view_keys)]

    def _shut_down_views(self) -> None:
        """Views with work in flight stop it and keep what arrived; then they close (cancelling their tasks)."""
        for _key, page in self._views():
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
            if not self._closing:
                page.close()

