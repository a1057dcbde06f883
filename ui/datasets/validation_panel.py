"""The Validation panel: the dataset's findings grouped by kind; activating one jumps to it."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.formats.finding_titles import finding_title
from app.formats.model import Finding, Severity
from app.services.dataset_overview import DatasetOverview
from ui.locale_format import number

EXAMPLE_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class ValidationPanel(QWidget):
    """A tree: one group per finding code (with its count), one row per finding."""

    finding_activated = Signal(int, str)  # example id, JSON path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Findings"))
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        self.show_overview(None)

    def _icon(self, severity: Severity):  # noqa: ANN202
        pix = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if severity is Severity.ERROR
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        return self.style().standardIcon(pix)

    def show_overview(self, ov: DatasetOverview | None) -> None:
        """Display the findings (None: nothing selected)."""
        self.tree.clear()
        if ov is None:
            self.summary.setText(self.tr("Select a dataset to check it."))
            return
        groups: dict[str, list[tuple[int | None, Finding]]] = defaultdict(list)
        for f in ov.dataset_findings:
            groups[f.code].append((None, f))
        for ef in ov.example_findings:
            groups[ef.finding.code].append((ef.example_id, ef.finding))
        errors = sum(1 for g in groups.values() for _, f in g if f.severity is Severity.ERROR)
        warnings = sum(len(g) for g in groups.values()) - errors
        if not groups:
            self.summary.setText(self.tr("✔ No problems found: this dataset follows the platform's rules."))
            return
        text = self.tr("Errors to fix before training: {e} · warnings worth a look: {w}.").format(
            e=number(errors), w=number(warnings)
        )
        shown = len({ef.example_id for ef in ov.example_findings})
        if ov.examples_with_findings > shown:
            # Thousands of tree rows would stall the window; the status filter finds the rest.
            text += " " + self.tr(
                "Listed: the first {shown} of {total} examples with findings — filter the table by status for all."
            ).format(shown=number(shown), total=number(ov.examples_with_findings))
        self.summary.setText(text)
        # Errors first, then the biggest groups.
        order = sorted(groups.items(), key=lambda kv: (kv[1][0][1].severity is not Severity.ERROR, -len(kv[1])))
        for code, items in order:
            severity = items[0][1].severity
            word = self.tr("Error") if severity is Severity.ERROR else self.tr("Warning")
            head = QTreeWidgetItem([self.tr("{severity}: {title} ({n})").format(
                severity=word, title=finding_title(code), n=number(len(items)))])
            head.setIcon(0, self._icon(severity))
            head.setToolTip(0, code)
            for ex_id, f in items:
                child = QTreeWidgetItem([f.message])
                child.setToolTip(0, f.message)
                child.setData(0, EXAMPLE_ROLE, ex_id if ex_id is not None else -1)
                child.setData(0, PATH_ROLE, f.path)
                head.addChild(child)
            self.tree.addTopLevelItem(head)
        if self.tree.topLevelItemCount() <= 3:
            self.tree.expandAll()

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        ex_id = item.data(0, EXAMPLE_ROLE)
        if ex_id is not None and ex_id >= 0:
            self.finding_activated.emit(int(ex_id), item.data(0, PATH_ROLE) or "")

