"""The form of a ``multi`` grader: named sub-graders (a list with Add and Remove, the chosen one's form
beside it) and the formula that turns their scores into one."""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.graders.schema import GRADER_TYPES
from app.graders.starters import new_grader
from ui.graders.chooser import GraderForms, starting_grader
from ui.graders.fields import FieldCatalog
from ui.graders.forms import GraderForm
from ui.graders.words import Graders, type_sentence, type_title

SUB_TYPES = tuple(k for k in GRADER_TYPES if k != "multi")  # a combination cannot hold another one
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FIRST_NAMES = {"string_check": "exact", "text_similarity": "similarity", "score_model": "judge",
               "label_model": "label", "python": "code"}
FUNCTIONS = "min max abs floor ceil exp sqrt log"


class MultiForm(GraderForm):
    """multi: several graders, each under a name the formula uses, and the formula."""

    kind = "multi"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.subs: list[tuple[str, dict[str, Any]]] = []
        self.list = QListWidget()
        self.list.setAccessibleName(Graders.tr("Graders in this combination"))
        self.list.setMinimumWidth(150)
        self.list.setMaximumWidth(220)
        self.add_button = QPushButton(Graders.tr("&Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(Graders.tr("Add a grader to the combination"))
        menu = QMenu(self.add_button)
        for kind in SUB_TYPES:
            action = menu.addAction(type_title(kind))
            action.setToolTip(type_sentence(kind))
            action.triggered.connect(lambda _on=False, k=kind: self.add_sub(k))
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton(Graders.tr("Remo&ve"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(Graders.tr("Remove the chosen grader from the combination"))
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(QLabel(Graders.tr("Graders:")))
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        self.key = QLineEdit()
        self.key.setToolTip(Graders.tr("The name the formula uses for this grader's score: letters, digits and _"))
        self.key.setAccessibleName(Graders.tr("Name in the formula"))
        self.key.textEdited.connect(self._key_edited)
        self.key_problem = QLabel()
        self.key_problem.setWordWrap(True)
        self.key_problem.hide()
        self.sub_forms = GraderForms(SUB_TYPES, catalog, hide_name=True)
        self.sub_forms.edited.connect(self._sub_edited)
        self.sub_box = QGroupBox()
        box = QVBoxLayout(self.sub_box)
        key_row = QHBoxLayout()
        key_label = QLabel(Graders.tr("Name in the form&ula:"))
        key_label.setBuddy(self.key)
        key_row.addWidget(key_label)
        key_row.addWidget(self.key, 1)
        box.addLayout(key_row)
        box.addWidget(self.key_problem)
        box.addWidget(self.sub_forms, 1)
        self.empty = QLabel(Graders.tr("No graders yet: use Add to put the first one in."))
        self.empty.setWordWrap(True)
        area = QHBoxLayout()
        area.addLayout(left)
        area.addWidget(self.sub_box, 1)
        area.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        holder = QWidget()
        holder.setLayout(area)
        area.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(holder)
        self.formula = QLineEdit()
        self.formula.setPlaceholderText(Graders.tr("for example: 0.7 * exact + 0.3 * similarity"))
        self.formula.setToolTip(Graders.tr("How the scores combine: the graders' names with + - * / ^ (power), "
                                   "parentheses, numbers and {f}").format(f=FUNCTIONS))
        self.formula.textEdited.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Score formula:"), self.formula)
        self.formula_hint = QLabel()
        self.formula_hint.setWordWrap(True)
        self.form.addRow("", self.formula_hint)
        self.list.currentRowChanged.connect(self._show_sub)
        self._refresh_list()

    # --- filling and reading --------------------------------------------------------------
    def load(self, grader: dict[str, Any]) -> None:
        subs = grader.get("graders")
        self.subs = [(str(k), copy.deepcopy(v) if isinstance(v, dict) else {})
                     for k, v in (subs.items() if isinstance(subs, dict) else [])]
        self.formula.setText(str(grader.get("calculate_output", "")))
        self._refresh_list(0 if self.subs else -1)

    def store(self, out: dict[str, Any]) -> None:
        out["graders"] = {key: copy.deepcopy(sub) for key, sub in self.subs}
        out["calculate_output"] = self.formula.text()

    # --- the list -------------------------------------------------------------------------
    def _refresh_list(self, select: int | None = None) -> None:
        row = self.list.currentRow() if select is None else select
        self.list.blockSignals(True)
        self.list.clear()
        for key, sub in self.subs:
            self.list.addItem(f"{key} — {type_title(str(sub.get('type', '')))}")
        self.list.blockSignals(False)
        row = min(row, len(self.subs) - 1)
        self.list.setCurrentRow(row)
        self._show_sub(row)
        self._update_hint()
        self.remove_button.setEnabled(bool(self.subs))

    def _update_hint(self) -> None:
        names = ", ".join(key for key, _sub in self.subs)
        self.formula_hint.setText(
            Graders.tr("Use the names {names} with + - * / ^, parentheses, numbers and {f}.").format(names=names,
                                                                                                     f=FUNCTIONS)
            if names else Graders.tr("Add graders first; the formula combines their scores by name."))

    def _show_sub(self, row: int) -> None:
        has = 0 <= row < len(self.subs)
        self.sub_box.setVisible(has)
        self.empty.setVisible(not self.subs)
        if not has:
            return
        key, sub = self.subs[row]
        self.sub_box.setTitle(key)
        self.key.setText(key)
        self.key_problem.hide()
        self.sub_forms.set_grader(sub)

    def _current(self) -> int:
        row = self.list.currentRow()
        return row if 0 <= row < len(self.subs) else -1

    def add_sub(self, kind: str) -> None:
        """Add a new grader of ``kind`` under a free name and show it."""
        taken = {key for key, _sub in self.subs}
        base = FIRST_NAMES.get(kind, kind)
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        self.subs.append((name, starting_grader(kind, new_grader(kind, name))))
        if self.formula.text().strip() == "" and len(self.subs) == 1:
            self.formula.setText(name)
        self._refresh_list(len(self.subs) - 1)
        self.emit_edited()

    def remove_current(self) -> None:
        """Remove the chosen grader."""
        row = self._current()
        if row < 0:
            return
        del self.subs[row]
        self._refresh_list(max(0, row - 1) if self.subs else -1)
        self.emit_edited()

    def _sub_edited(self) -> None:
        row = self._current()
        if row < 0:
            return
        key, old = self.subs[row]
        sub = self.sub_forms.grader()
        sub["name"] = old.get("name", key)  # not editable here: it follows the name in the formula
        self.subs[row] = (key, sub)
        self.list.item(row).setText(f"{key} — {type_title(str(self.subs[row][1].get('type', '')))}")
        self.emit_edited()

    def _key_edited(self, text: str) -> None:
        row = self._current()
        if row < 0:
            return
        new = text.strip()
        old, sub = self.subs[row]
        taken = {key for i, (key, _s) in enumerate(self.subs) if i != row}
        problem = ""
        if not NAME_RE.match(new):
            problem = Graders.tr("✖ A name may hold letters, digits and _ and must not start with a digit.")
        elif new in taken:
            problem = Graders.tr("✖ Another grader of this combination already has that name.")
        self.key_problem.setText(problem)
        self.key_problem.setVisible(bool(problem))
        if problem or new == old:
            return
        if sub.get("name", old) == old:
            sub["name"] = new  # the grader's own name follows the one the user sees
        self.subs[row] = (new, sub)
        # The formula follows the rename, whole words only ("acc" must not touch "accuracy").
        self.formula.setText(re.sub(rf"\b{re.escape(old)}\b", new, self.formula.text()))
        self.sub_box.setTitle(new)
        self.list.item(row).setText(f"{new} — {type_title(str(sub.get('type', '')))}")
        self._update_hint()
        self.emit_edited()
