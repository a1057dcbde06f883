"""Small label helpers shared by views and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def selectable_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label whose text can be selected with the mouse (to copy a model id or a message), wrapped
    at word boundaries unless ``wrap`` is False."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
