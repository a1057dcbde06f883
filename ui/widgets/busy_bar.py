"""A slim "working…" strip for work that may take a while: it appears only if the work is still
running after 300 ms (quick edits never flash it) and names what is happening."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyBar(QWidget):
    """Counts running jobs; shows an indeterminate bar with the latest job's name while any runs."""

    DELAY_MS = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # the database cannot say how far a single transaction has got
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(self.bar)
        lay.addWidget(self.label, 1)
        self._running = 0
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self._timer.timeout.connect(self._reveal)
        self.hide()

    @property
    def running(self) -> int:
        """How many jobs are under way."""
        return self._running

    def started(self, text: str) -> None:
        """A job began; ``text`` says what it does ("Deleting “Leases”…")."""
        self._running += 1
        self.label.setText(text)
        if not self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def finished(self) -> None:
        """A job ended (successfully or not)."""
        self._running = max(0, self._running - 1)
        if self._running == 0:
            self._timer.stop()
            self.hide()

    def _reveal(self) -> None:
        if self._running:
            self.show()
