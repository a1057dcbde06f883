"""The Datasets view: where training data is made good.

Top: the project's datasets. Below: the examples of the selected dataset (search, filters, table)
beside a side panel with the example editor, the validation findings and the statistics. Every edit
is committed as it happens and can be undone (Ctrl+Z / Ctrl+Shift+Z).

This module lays the view out and keeps the datasets list, the selection and the findings and
statistics up to date. Its other parts: ``edit_flow`` (the current example in the editor, and
committing its edits), ``toolbar`` (actions and keys), ``dataset_actions`` and ``example_actions``
(the commands behind them), ``selection`` (jumping to an example).
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Kind
from app.formats.prices import TRAINING_CONTEXT
from app.runtime.processes import process_pool
from app.services.dataset_overview import example_at_line, overview_of_file
from app.store import datasets_repo
from app.store.example_pages import ExampleFilter
from ui.app_context import AppContext
from ui.datasets import selection
from ui.datasets.datasets_list import DatasetsTableModel
from ui.datasets.edit_flow import ExampleEditFlow
from ui.datasets.examples_model import ExamplesTableModel
from ui.datasets.examples_pane import ExamplesPane
from ui.datasets.stats_panel import StatsPanel
from ui.datasets.validation_panel import ValidationPanel
from ui.tasks import TaskScope
from ui.widgets.busy_bar import BusyBar
from ui.widgets.empty_state import empty_state

DEFAULT_MODEL = "gpt-4.1-mini-2025-04-14"


class DatasetsView(ExampleEditFlow, QWidget):
    """The dataset editor. Owns a task scope and an undo stack (cleared when the project changes)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("Datasets")
        self.tasks = TaskScope("datasets", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.undo_stack = QUndoStack(self)
        self.dataset_id: int | None = None
        self.dataset_kind: Kind | None = None
        self.example_id: int | None = None
        self._typed = 0  # edits reported by the editor so far (see load_example)
        self._overview_running = self._overview_again = False
        self._ui_state = QSettings(str(ctx.dirs.config / "window.ini"), QSettings.Format.IniFormat)
        self.setAcceptDrops(True)
        self._build()
        self._overview_timer = QTimer(self, singleShot=True, interval=300)
        self._overview_timer.timeout.connect(lambda: self.tasks.spawn(self.refresh_overview()))
        self._list_timer = QTimer(self, singleShot=True, interval=300)
        self._list_timer.timeout.connect(lambda: self.tasks.spawn(self.reload_datasets()))
        ctx.project_changed.connect(self._on_project_changed)
        if ctx.project is not None:
            self._on_project_changed(ctx.project)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        from ui.datasets.toolbar import build_toolbar

        self.toolbar: QToolBar = build_toolbar(self)
        self.datasets_model = DatasetsTableModel(self)
        self.datasets_table = QTableView()
        self.datasets_table.setModel(self.datasets_model)
        self.datasets_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.datasets_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.datasets_table.verticalHeader().hide()
        self.datasets_table.setAccessibleName(self.tr("Datasets of the project"))
        h = self.datasets_table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.datasets_table.selectionModel().currentRowChanged.connect(self._on_dataset_row)

        self.examples_model = ExamplesTableModel(lambda: self.ctx.project, self)
        self.examples = ExamplesPane(self.examples_model)
        self.examples.filter_changed.connect(self._on_filter)
        self.examples.table.selectionModel().currentRowChanged.connect(self._on_example_row)
        self.examples_model.total_changed.connect(lambda _n: self._update_count())
        self.examples_model.load_failed.connect(lambda msg: self.ctx.report_error(msg))

        from ui.datasets.editor import ExampleEditorWidget

        self.editor = ExampleEditorWidget()
        self.editor.example_edited.connect(self._on_example_edited)
        self.editor.tags_edited.connect(self._on_tags_edited)
        self.editor.note_edited.connect(self._on_note_edited)
        self.validation = ValidationPanel()
        self.validation.finding_activated.connect(lambda ex, path: self.tasks.spawn(self.jump_to(ex, path)))
        self.stats = StatsPanel()
        self.stats.edit_prices_requested.connect(self.edit_prices)
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.addItems(sorted(TRAINING_CONTEXT))
        self.model_combo.setToolTip(
            self.tr("The base model you plan to train: it sets the length limit and the price.")
        )
        self.model_combo.currentTextChanged.connect(self._on_model_changed)
        model_row = QHBoxLayout()
        model_row.addWidget(QLabel(self.tr("Base &model:")))
        model_row.itemAt(0).widget().setBuddy(self.model_combo)
        model_row.addWidget(self.model_combo, 1)
        self.side = QTabWidget()
        self.side.addTab(self.editor, self.tr("Example"))
        self.side.addTab(self.validation, self.tr("Validation"))
        self.side.addTab(self.stats, self.tr("Statistics"))
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addLayout(model_row)
        side_lay.addWidget(self.side, 1)

        self.lower = QSplitter(Qt.Orientation.Horizontal)
        self.lower.addWidget(self.examples)
        self.lower.addWidget(side)
        # Half each: the editor's rows (two image buttons, role and arrows) need about 480 px in Portuguese.
        self.lower.setStretchFactor(0, 1)
        self.lower.setStretchFactor(1, 1)
        self.upper = QSplitter(Qt.Orientation.Vertical)
        self.upper.addWidget(self.datasets_table)
        self.upper.addWidget(self.lower)
        self.upper.setStretchFactor(0, 1)
        self.upper.setStretchFactor(1, 4)
        # First start: a short datasets list, and the side panel wide enough for the editor.
        self.upper.setSizes([140, 600])
        self.lower.setSizes([500, 500])
        for name, splitter in (("datasets/upper", self.upper), ("datasets/lower", self.lower)):
            splitter.setObjectName(name)
            state = self._ui_state.value(name)
            if state:
                splitter.restoreState(state)
            splitter.splitterMoved.connect(
                lambda *_a, s=splitter: self._ui_state.setValue(s.objectName(), s.saveState())
            )

        self.empty = self._empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.upper)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toolbar)
        self.busy = BusyBar()
        lay.addWidget(self.busy)
        lay.addWidget(self.stack, 1)

    def _empty_state(self) -> QWidget:
        imp = QPushButton(self.tr("Import a file…"))
        imp.setDefault(True)
        imp.clicked.connect(self.import_file)
        new = QToolButton()
        new.setText(self.tr("Create a dataset"))
        new.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        new.setMenu(self.new_menu)
        return empty_state(self.tr("No datasets yet"), self.tr(
            "A dataset holds the examples the model learns from. Import a file you already have (JSONL, CSV, "
            "Alpaca, ShareGPT or preference pairs) — or drop it here — or start an empty dataset and write "
            "examples yourself."
        ), [imp, new])

    # --- project and datasets -------------------------------------------------------------
    def _on_project_changed(self, project: Any) -> None:
        self.undo_stack.clear()
        self.dataset_id = self.example_id = None
        self.examples_model.set_dataset(None)
        self.editor.set_example(None, Kind.SFT, None)
        if project is not None:
            self.tasks.spawn(self.reload_datasets())

    async def reload_datasets(self, select: int | None = None) -> None:
        """Re-read the datasets list (counts change with edits) and keep or set the selection."""
        project = self.ctx.project
        if project is None:
            return
        infos = await project.db.read(datasets_repo.list_datasets)
        if not self.tasks.alive:
            return
        keep = select if select is not None else self.dataset_id
        self.datasets_model.set_rows(infos)
        self._update_count()  # "5 examples", not "5 of 9" with the count from before an edit
        self.stack.setCurrentWidget(self.upper if infos else self.empty)
        row = self.datasets_model.row_of(keep) if keep is not None else None
        if row is None and infos:
            row = 0
        if row is not None:
            self.datasets_table.selectionModel().setCurrentIndex(
                self.datasets_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif not infos:
            self._select_dataset(None)

    def _on_dataset_row(self, current: QModelIndex, _prev: QModelIndex) -> None:
        ds = current.data(DatasetsTableModel.ID_ROLE) if current.isValid() else None
        if ds != self.dataset_id:
            self._select_dataset(ds)

    def _select_dataset(self, dataset_id: int | None) -> None:
        self.dataset_id = dataset_id
        info = next((r for r in self.datasets_model.rows if r.id == dataset_id), None)
        self.dataset_kind = info.kind if info else None
        self.example_id = None
        self.examples_model.set_dataset(dataset_id)
        self.editor.set_example(None, self.dataset_kind or Kind.SFT, None)
        if info is not None:
            self.model_combo.blockSignals(True)
            self.model_combo.setCurrentText(info.model or DEFAULT_MODEL)
            self.model_combo.blockSignals(False)
        self._update_count()
        self._overview_timer.start(0)

    def current_model(self) -> str:
        """The base model chosen for checks and cost."""
        return self.model_combo.currentText().strip() or DEFAULT_MODEL

    def _on_model_changed(self, model: str) -> None:
        if self.dataset_id is None or self.ctx.project is None:
            return
        ds = self.dataset_id

        def save(db: Any) -> None:
            db.conn.execute("UPDATE datasets SET model = ? WHERE id = ?", (model.strip(), ds))

        self.tasks.spawn(self.ctx.project.db.write(save))
        self._overview_timer.start()

    async def refresh_overview(self) -> None:
        """Re-read findings and statistics of the current dataset (requests arriving while one
        runs are merged into one more run, so edits in quick succession never pile up reads)."""
        if self._overview_running:
            self._overview_again = True
            return
        self._overview_running = True
        try:
            while True:
                self._overview_again = False
                await self._refresh_overview_once()
                if not self._overview_again or not self.tasks.alive:
                    break
        finally:
            self._overview_running = False

    async def _refresh_overview_once(self) -> None:
        project, ds = self.ctx.project, self.dataset_id
        if project is None or ds is None:
            self.validation.show_overview(None)
            self.stats.show_overview(None)
            return
        model = self.current_model()
        prices = self.ctx.price_table().to_dict()
        loop = asyncio.get_running_loop()
        try:
            ov = await loop.run_in_executor(process_pool(), overview_of_file, str(project.path), ds, model, prices)
        except LookupError:  # the dataset is gone: deleted, or another project was opened meanwhile
            return
        if self.tasks.alive and ds == self.dataset_id and project is self.ctx.project:
            self.validation.show_overview(ov)
            self.stats.show_overview(ov, model)

    def _update_count(self) -> None:
        info = next((r for r in self.datasets_model.rows if r.id == self.dataset_id), None)
        self.examples.set_count(self.examples_model.total, info.examples if info else 0)

    def _on_filter(self, flt: ExampleFilter) -> None:
        self.examples_model.set_filter(flt)

    # --- jumping to an example (the editing itself: edit_flow.py) ---------------------------
    async def jump_to(self, example_id: int, path: str = "") -> None:
        """Select an example in the table (loading pages as needed) and focus ``path`` in the editor."""
        await selection.jump_to(self, example_id, path)

    async def jump_to_line(self, dataset_id: int, line: int) -> None:
        """From an import report: show the example that came from ``line``."""
        project = self.ctx.project
        if project is None:
            return
        ex = await project.db.read(example_at_line, dataset_id, line)
        if dataset_id != self.dataset_id:
            await self.reload_datasets(select=dataset_id)
        if ex is not None:
            await self.jump_to(ex)

    # --- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        from ui.datasets.import_formats import accepts_drop

        if accepts_drop(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        from ui.datasets.import_formats import accepts_drop

        path = accepts_drop(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.import_file(path)

    # --- commands live in dataset_actions.py and example_actions.py --------------------------
    def import_file(self, path: str | None = None) -> None:
        """Open the import dialog (non-modal)."""
        from ui.datasets.dataset_actions import open_import

        open_import(self, path)

    def edit_prices(self) -> None:
        """Edit the price table behind the cost estimate."""
        from ui.datasets.dataset_actions import open_prices

        open_prices(self)

    # --- rebuilt in another language (MainWindow.switch_language) --------------------------
    def view_state(self) -> dict[str, Any]:
        """What to show again after a rebuild; reports any edit still being typed first (saved as usual)."""
        self.editor.flush()
        return {"dataset_id": self.dataset_id, "example_id": self.example_id, "tab": self.side.currentIndex()}

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Select the dataset and example ``view_state`` returned (in a view built afterwards)."""
        self.side.setCurrentIndex(state.get("tab", 0))
        if state.get("dataset_id") is not None:
            self.tasks.spawn(self._restore(state["dataset_id"], state.get("example_id")))

    async def _restore(self, dataset_id: int, example_id: int | None) -> None:
        await self.reload_datasets(select=dataset_id)
        if example_id is not None and self.tasks.alive and self.dataset_id == dataset_id:
            await self.jump_to(example_id)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        """Cancel the view's tasks."""
        self.tasks.cancel_all()
        self.examples_model.close()
        super().closeEvent(event)
