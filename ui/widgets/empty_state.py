"""The page a view shows before it has anything to show: a title, a short explanation and the one or
two actions that get the user started, centred (shared by the Datasets and Annotate views)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

TEXT_WIDTH = 540


def empty_state(title: str, text: str, actions: list[QWidget]) -> QWidget:
    """A centred title, a wrapped explanation and the ``actions`` in a row (texts already translated)."""
    page = QWidget()
    heading = QLabel(title)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    heading.setFont(font)
    body = QLabel(text)
    body.setWordWrap(True)
    # A wrapped label reports a too-small height inside centred layouts: fix its size.
    body.setFixedWidth(TEXT_WIDTH)
    body.setMinimumHeight(body.heightForWidth(TEXT_WIDTH))
    row = QHBoxLayout()
    row.addStretch(1)
    for action in actions:
        row.addWidget(action)
    row.addStretch(1)
    # A fixed-width column: a wrapped label measures its height right only at a known width.
    column = QWidget()
    column.setFixedWidth(TEXT_WIDTH + 20)
    col = QVBoxLayout(column)
    col.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
    col.addWidget(body)
    col.addSpacing(8)
    col.addLayout(row)
    lay = QVBoxLayout(page)
    lay.addStretch(1)
    lay.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
    lay.addStretch(2)
    return page
