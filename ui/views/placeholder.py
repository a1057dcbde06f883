"""A labelled page for a view whose tools arrive in a later release: it says what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlannedViewPage(QWidget):
    """Title, a one-line purpose, and what the view will let the user do."""

    def __init__(self, icon: QIcon, title: str, purpose: str, points: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        pic = QLabel()
        pic.setPixmap(icon.pixmap(56, 56))
        pic.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        heading = QLabel(title)
        heading.setAccessibleName(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        lead = QLabel(purpose)
        lead.setWordWrap(True)
        lead.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # One label per point: a single rich-text list label mis-measures its wrapped height.
        bullets = []
        for p in points:
            b = QLabel(f"•  {p}")
            b.setWordWrap(True)
            bullets.append(b)

        column = QWidget()
        column.setFixedWidth(560)
        col = QVBoxLayout(column)
        col.addWidget(pic)
        col.addWidget(heading)
        col.addSpacing(6)
        col.addWidget(lead)
        col.addSpacing(10)
        for b in bullets:
            col.addWidget(b)

        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
