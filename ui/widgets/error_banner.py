"""A non-modal banner at the top of the window for errors: the message, and the technical
details behind "Show details" with a copy button. It never blocks the rest of the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class ErrorBanner(QFrame):
    """Shows the latest error; hidden until there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#errorBanner { background: palette(alternate-base); border: 1px solid #c62828; border-radius: 4px; }"
        )
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(22, 22))
        icon.setAccessibleName(self.tr("Error"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(160)
        self.details.hide()

        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.copy_button)
        row.addWidget(self.dismiss_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(row)
        lay.addWidget(self.details)

        self.details_button.toggled.connect(self._toggle_details)
        self.copy_button.clicked.connect(self.copy_details)
        self.dismiss_button.clicked.connect(self.hide)
        self.hide()

    def show_error(self, message: str, details: str = "") -> None:
        """Display ``message`` (already user-facing and redacted) with optional details."""
        self.message.setText(message)
        self.details.setPlainText(details or message)
        has_details = bool(details)
        self.details_button.setVisible(has_details)
        self.details_button.setChecked(False)
        self.copy_button.setVisible(has_details)
        self.show()

    def _toggle_details(self, on: bool) -> None:
        self.details.setVisible(on)
        self.details_button.setText(self.tr("Hide details") if on else self.tr("Show details"))

    def copy_details(self) -> None:
        """Put the message and its details on the clipboard (for a support request)."""
        QGuiApplication.clipboard().setText(f"{self.message.text()}\n\n{self.details.toPlainText()}")
