"""Settings → Preferences: the language of the app and the name your judgements are signed with.

A small window-modal dialog. OK writes the choices into ``ctx.settings`` and emits ``applied``; the
main window saves the settings and, when the language changed, rebuilds itself in the new language
without closing the project (``MainWindow.switch_language``).
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.app_context import AppContext


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return ""


class PreferencesDialog(QDialog):
    """Language (the system's, English, Português (Brasil)) and your name as an annotator."""

    applied = Signal(bool)  # True when the language setting changed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Preferences"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.language_combo = QComboBox()
        system = i18n.LANGUAGES[i18n.system_language()]
        # Each language is named in its own language, so a user who cannot read the current one finds theirs.
        self.language_combo.addItem(self.tr("System language ({language})").format(language=system), "")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        index = self.language_combo.findData(ctx.settings.language if i18n.supported(ctx.settings.language) else "")
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.setAccessibleName(self.tr("Language"))
        language_note = QLabel(self.tr(
            "The window is rebuilt in the new language when you press OK; your project and your work stay open."
        ))
        language_note.setWordWrap(True)

        self.annotator_edit = QLineEdit(ctx.settings.annotator)
        login = _login_name()
        if login:
            self.annotator_edit.setPlaceholderText(login)
        self.annotator_edit.setAccessibleName(self.tr("Your name"))
        annotator_note = QLabel(self.tr(
            "Your judgements in Annotate are signed with this name, so a colleague merging your copy sees "
            "who judged what. Empty: your login name."
        ))
        annotator_note.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Language:"), self.language_combo)
        form.addRow("", language_note)
        form.addRow(self.tr("Your &name:"), self.annotator_edit)
        form.addRow("", annotator_note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def chosen_language(self) -> str:
        """The language setting picked: "" (the system's), "en" or "pt_BR"."""
        return self.language_combo.currentData() or ""

    def accept(self) -> None:
        """Write the choices into the settings and report whether the language changed."""
        settings = self.ctx.settings
        language = self.chosen_language()
        changed = language != settings.language
        settings.language = language
        settings.annotator = self.annotator_edit.text().strip()
        super().accept()
        self.applied.emit(changed)
