"""The grader editor: a form per grader type and a JSON tab kept in sync both ways, with the checks
under them — the rules of the grader itself, and, when a dataset is chosen, whether every
{{item.…}} the grader reads exists in that dataset's examples."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Severity
from app.graders.schema import TOP_LEVEL_TYPES
from app.graders.starters import new_grader
from app.graders.structure import structure_problems
from app.graders.templates import MissingField, check_against_examples, template_refs
from app.store import graders_repo
from ui.graders.chooser import GraderForms
from ui.graders.fields import FieldCatalog
from ui.graders.forms import GraderForm
from ui.graders.json_view import GraderJsonView
from ui.graders.multi_form import MultiForm
from ui.graders.words import Graders, finding_line
from ui.tasks import TaskScope

DATA_CHECK_DELAY_MS = 400
FIELD_SAMPLE = 200
CHECKS_MAX_HEIGHT = 160  # examples looked at to offer field names in the "insert" menus


@dataclass(frozen=True)
class DataCheck:
    """What the data check found in one dataset."""

    name: str
    total: int
    missing: list[MissingField]
    findings: list[Finding]


def check_dataset(db: sqlite_utils.Database, dataset_id: int, grader: dict[str, Any],
                  has_response_format: bool) -> DataCheck:
    """Run the grader's template check over a dataset's examples (reader thread)."""
    conn = db.conn
    row = conn.execute("SELECT name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    total = conn.execute("SELECT COUNT(*) FROM examples WHERE dataset_id = ?", (dataset_id,)).fetchone()[0]
    missing, findings = check_against_examples(grader, graders_repo.example_items(db, dataset_id),
                                               has_response_format=has_response_format)
    return DataCheck(row[0] if row else "", total, list(missing), list(findings))


def dataset_fields(db: sqlite_utils.Database, dataset_id: int, limit: int = FIELD_SAMPLE) -> list[str]:
    """The top-level fields (other than the conversation) of a dataset's first examples, in order."""
    fields: list[str] = []
    for (data,) in db.conn.execute(
        "SELECT data FROM examples WHERE dataset_id = ? ORDER BY position LIMIT ?", (dataset_id, limit)
    ):
        obj = json.loads(data)
        for key in obj if isinstance(obj, dict) else []:
            if key not in ("messages", "tools", "parallel_tool_calls") and key not in fields:
                fields.append(key)
    return fields


class GraderEditor(QWidget):
    """Edit one grader through forms or JSON; ``problems()`` says what is wrong with it."""

    changed = Signal()
    data_checked = Signal()  # a data check finished (its results are in ``problems()``)

    def __init__(self, ctx: Any = None, parent: QWidget | None = None, *, show_name: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = TaskScope("grader editor", ctx.report_error if ctx is not None else None)
        self.catalog = FieldCatalog(self)
        # The dialog names the grader itself (one name field, not two): it hides the form's.
        self.forms = GraderForms(TOP_LEVEL_TYPES, self.catalog, hide_name=not show_name,
                                 extra={"multi": lambda c, m: MultiForm(c, hide_name=m)})
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        page_lay = QVBoxLayout(page)
        page_lay.addWidget(self.forms)
        page_lay.addStretch(1)
        scroll.setWidget(page)
        self.json_view = GraderJsonView()
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, Graders.tr("&Form"))
        self.tabs.addTab(self.json_view, Graders.tr("&JSON"))
        self.tabs.setTabToolTip(1,
                                Graders.tr("The grader exactly as the provider takes it; edits here show in the form"))
        self.checks_title = QLabel(Graders.tr("Checks"))
        font = self.checks_title.font()
        font.setBold(True)
        self.checks_title.setFont(font)
        self.checks = QListWidget()
        self.checks.setAccessibleName(Graders.tr("Checks of the grader"))
        self.checks.setWordWrap(True)
        self.checks.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.checks.itemActivated.connect(self._check_activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.checks_title)
        lay.addWidget(self.checks)
        self._grader: dict[str, Any] = {}
        self.dataset_id: int | None = None
        self.has_response_format = False
        self.data_state = ""  # "", "checking", "done", "failed"
        self._data: DataCheck | None = None
        self._data_key: tuple | None = None
        self._check_timer = QTimer(self, singleShot=True, interval=DATA_CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._start_data_check)
        self.forms.edited.connect(self._form_edited)
        self.json_view.grader_edited.connect(self._json_edited)
        self.json_view.error_changed.connect(lambda _p: self._refresh_checks())
        self.set_grader(new_grader("string_check"))

    # --- the grader -------------------------------------------------------------------------
    def grader(self) -> dict[str, Any]:
        """The grader being edited (the last valid one while the JSON tab holds broken text)."""
        return copy.deepcopy(self._grader)

    def set_grader(self, grader: dict[str, Any]) -> None:
        """Show ``grader`` in the form and the JSON tab (no ``changed`` signal)."""
        self._grader = copy.deepcopy(grader)
        self.forms.set_grader(self._grader)
        self.json_view.set_grader(self._grader)
        self._after_change(announce=False)

    def set_grader_name(self, name: str) -> None:
        """Rename the grader (its ``name`` field) as if typed in the form."""
        form = self.forms.stack.currentWidget()
        if isinstance(form, GraderForm):
            form.name.setText(name)
            self._form_edited()
        elif self._grader.get("name") != name:
            self._grader["name"] = name
            self.json_view.set_grader(self._grader)
            self._after_change()

    def _form_edited(self) -> None:
        self._grader = self.forms.grader()
        self.json_view.set_grader(self._grader)
        self._after_change()

    def _json_edited(self, grader: dict[str, Any]) -> None:
        if grader == self._grader:
            return
        self._grader = copy.deepcopy(grader)
        self.forms.set_grader(self._grader)
        self._after_change()

    def _after_change(self, announce: bool = True) -> None:
        self._refresh_checks()
        if self.dataset_id is not None:
            self._check_timer.start()
        if announce:
            self.changed.emit()

    # --- problems -----------------------------------------------------------------------------
    def problems(self) -> list[Finding]:
        """What is wrong: the grader's own rules, the data check (when a dataset is set and checked),
        and JSON text that does not parse."""
        out = list(structure_problems(self._grader, top_level=True))
        if self._data is not None:
            out.extend(m.finding() for m in self._data.missing if m.missing)
            out.extend(self._data.findings)
        if self.json_view.error:
            out.append(Finding("grader_json_invalid", Severity.WARNING,
                               Graders.tr("The JSON tab holds text that is not valid JSON; the last valid grader "
                                          "is used.")))
        return out

    def _refresh_checks(self) -> None:
        self.checks.clear()
        if self.json_view.error:
            item = QListWidgetItem(self.json_view.error + " " + Graders.tr("(Press Enter here to go to the line.)"))
            item.setData(Qt.ItemDataRole.UserRole, "json")
            self.checks.addItem(item)
        problems = [p for p in self.problems() if p.code != "grader_json_invalid"]
        for p in problems:
            item = QListWidgetItem(finding_line(p))
            item.setToolTip(p.path or "")
            self.checks.addItem(item)
        if not problems and not self.json_view.error:
            self.checks.addItem(Graders.tr("✔ No problems found in the grader itself."))
        self.checks.addItem(self._data_line())
        self._fit_checks()

    def _fit_checks(self) -> None:
        # As tall as its lines (up to a limit), so two lines do not leave a box of white under them.
        rows = sum(max(self.checks.sizeHintForRow(i), 0) for i in range(self.checks.count()))
        self.checks.setFixedHeight(max(44, min(CHECKS_MAX_HEIGHT, rows + 2 * self.checks.frameWidth() + 6)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_checks()  # wrapped lines take more rows when narrower

    def _data_line(self) -> str:
        if self.dataset_id is None:
            return Graders.tr("ℹ Choose a dataset to check that every field the grader reads is in its examples.")
        if self.data_state == "checking" or self._data is None:
            return Graders.tr("… Checking the grader against the dataset's examples…")
        if self.data_state == "failed":
            return Graders.tr("✖ The dataset could not be read for the check.")
        if any(m.missing for m in self._data.missing) or self._data.findings:
            return Graders.tr("Checked against “{name}” (%Ln example(s)): see the lines above.", None,
                              self._data.total).format(name=self._data.name)
        if not self._data.total:
            return Graders.tr("ℹ “{name}” has no examples yet: nothing to check the grader against.").format(
                name=self._data.name)
        return Graders.tr("✔ Every field the grader reads is in all %Ln examples of “{name}”.", None,
                          self._data.total).format(name=self._data.name)

    def _check_activated(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) == "json":
            self.tabs.setCurrentWidget(self.json_view)
            self.json_view.go_to_error()

    # --- the data check -----------------------------------------------------------------------
    def set_response_format(self, on: bool) -> None:
        """Whether the job asks for structured output (which is what fills ``sample.output_json``)."""
        self.has_response_format = on
        self._data_key = None
        self._after_change(announce=False)

    def set_dataset(self, dataset_id: int | None) -> None:
        """Check the grader against this dataset's examples (None: no data check)."""
        if self.ctx is None or self.ctx.project is None:
            dataset_id = None  # no project, no data to check
        self.dataset_id = dataset_id
        self._data, self._data_key = None, None
        self.data_state = "" if dataset_id is None else "checking"
        self._refresh_checks()
        if dataset_id is None:
            self.catalog.set_fields([])
            return
        self._check_timer.stop()
        self.scope.spawn(self._load_fields(dataset_id))
        self.scope.spawn(self._run_data_check())

    async def _load_fields(self, dataset_id: int) -> None:
        fields = await self.ctx.project.db.read(dataset_fields, dataset_id)
        if self.scope.alive and dataset_id == self.dataset_id:
            self.catalog.set_fields(fields)

    def _start_data_check(self) -> None:
        if self.scope.alive and self.dataset_id is not None and self.ctx is not None and self.ctx.project:
            self.scope.spawn(self._run_data_check())

    async def _run_data_check(self) -> None:
        dataset_id, grader = self.dataset_id, self.grader()
        key = (dataset_id, frozenset(template_refs(grader)), self.has_response_format)
        if key == self._data_key and self._data is not None:
            return  # the grader reads the same fields: the last answer still holds
        self.data_state = "checking"
        try:
            result = await self.ctx.project.db.read(check_dataset, dataset_id, grader, self.has_response_format)
        except Exception as exc:  # noqa: BLE001 - shown in the checks, details in the banner
            if self.scope.alive and dataset_id == self.dataset_id:
                self.data_state = "failed"
                self._refresh_checks()
                self.ctx.report_error(Graders.tr("The dataset could not be read to check the grader."), exc)
            return
        if not self.scope.alive or dataset_id != self.dataset_id:
            return
        if key != (self.dataset_id, frozenset(template_refs(self._grader)), self.has_response_format):
            return  # the grader changed meanwhile; the timer runs the check again
        self._data, self._data_key, self.data_state = result, key, "done"
        self._refresh_checks()
        self.data_checked.emit()

    def shutdown(self) -> None:
        """Stop the editor's work (its dialog is closing)."""
        self._check_timer.stop()
        self.scope.cancel_all()
