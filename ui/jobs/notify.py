"""Tell the user when a training job ends: a desktop notification where there is a system tray,
else a message in the main window's status bar (offscreen, some Linux desktops)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon, QWidget

from app.store.jobs_repo import JobRow

STATUS_BAR_MS = 20_000


class JobNotifier(QObject):
    """Shows "Training finished/failed/cancelled" for jobs that reached an end state."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.tray: QSystemTrayIcon | None = None
        self.last_text: str | None = None  # what was shown last (tests and diagnostics)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QApplication.windowIcon(), self)
            self.tray.setToolTip(self.tr("Finetune Studio"))
            self.tray.show()

    def text_for(self, job: JobRow) -> str | None:
        """The plain sentence for an ended job, or None while it still runs."""
        if job.status == "succeeded":
            return self.tr("Training finished: %1").replace("%1", job.fine_tuned_model or job.id)
        if job.status == "failed":
            reason = job.error_message or self.tr("the provider gave no reason.")
            return self.tr("Training failed: %1").replace("%1", reason)
        if job.status == "cancelled":
            return self.tr("Training cancelled")
        return None

    def notify_job(self, job: JobRow) -> str | None:
        """Notify about ``job`` if it has ended; returns the text shown."""
        text = self.text_for(job)
        if text is not None:
            self.show_text(text)
        return text

    def show_text(self, text: str) -> None:
        """Show ``text`` in the tray, or in the status bar when there is no tray."""
        self.last_text = text
        if self.tray is not None:
            self.tray.showMessage(self.tr("Training job"), text, QSystemTrayIcon.MessageIcon.Information)
            return
        window = self.widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, STATUS_BAR_MS)
