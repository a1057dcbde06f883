"""An import in progress (bar, sizes, Cancel) and what it found: a one-line summary and every problem,
by line, ready to jump to or copy."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Severity
from app.services.dataset_check import CheckReport
from ui.i18n import TranslationContext
from ui.locale_format import decimal, number

_Index = QModelIndex | QPersistentModelIndex
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the finding's line (int) or None

ImportReport = TranslationContext("ImportReport")


def format_count(n: int) -> str:
    """A count with thousands separators ("99,940" / "99.940"), in the user's language."""
    return number(n)


def _plural(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already translated; ``{0}`` is the count) filled in."""
    return (one if n == 1 else many).format(format_count(n))


def size_text(n: int, unit_of: int | None = None) -> str:
    """A file size for people: "820 KB", "12.4 MB"; ``unit_of`` picks the unit (so "3.0 of 21.8 MB" match)."""
    if (unit_of if unit_of is not None else n) < 1 << 20:
        return ImportReport.tr("{0} KB").format(format_count(max(1, round(n / 1024))) if n else "0")
    return ImportReport.tr("{0} MB").format(decimal(n / (1 << 20), 1))


def severity_word(severity: Severity) -> str:
    """The word shown next to a severity icon (status is never shown by colour alone)."""
    return ImportReport.tr("Error") if severity is Severity.ERROR else ImportReport.tr("Warning")


def severity_icon(severity: Severity) -> QIcon:
    """The standard error or warning icon."""
    pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity is Severity.ERROR
              else QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QApplication.style().standardIcon(pixmap)


def summary_text(report: CheckReport, name: str, examples_with_errors: int) -> str:
    """The summary line, such as: Imported 99,940 examples into “X”. 60 lines could not be read,
    40 examples have errors, 3 warnings."""
    n = report.examples
    template = (ImportReport.tr("Imported {0} example into “{1}”.") if n == 1
                else ImportReport.tr("Imported {0} examples into “{1}”."))
    head = template.format(format_count(n), name)
    unreadable = max(0, report.lines_with_errors - examples_with_errors)
    whole = sum(1 for f in report.dataset_findings if f.severity is Severity.ERROR)
    parts = []
    if unreadable:
        parts.append(_plural(unreadable, ImportReport.tr("{0} line could not be read"),
                             ImportReport.tr("{0} lines could not be read")))
    if examples_with_errors:
        parts.append(_plural(examples_with_errors, ImportReport.tr("{0} example has errors"),
                             ImportReport.tr("{0} examples have errors")))
    if report.warnings:
        parts.append(_plural(report.warnings, ImportReport.tr("{0} warning"), ImportReport.tr("{0} warnings")))
    if whole:
        parts.append(_plural(whole, ImportReport.tr("{0} problem concerns the whole dataset"),
                             ImportReport.tr("{0} problems concern the whole dataset")))
    if not parts:
        return head + " " + ImportReport.tr("No problems found.")
    return head + " " + ", ".join(parts) + "."


class FindingsTableModel(QAbstractTableModel):
    """Findings as rows: line, severity (icon + word), message. Whole-dataset ones show "—"."""

    LINE, SEVERITY, MESSAGE = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        """The finding shown in ``row``."""
        return self._findings[row]

    def findings(self) -> list[Finding]:
        """All findings, in display order."""
        return list(self._findings)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (ImportReport.tr("Line"), ImportReport.tr("Severity"),
                    ImportReport.tr("Problem"))[section] if 0 <= section < 3 else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        f = self._findings[index.row()]
        col = index.column()
        if role == LINE_ROLE:
            return f.line
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.LINE:
                return format_count(f.line) if f.line else "—"
            if col == self.SEVERITY:
                return severity_word(f.severity)
            return f.message
        if role == Qt.ItemDataRole.DecorationRole and col == self.SEVERITY:
            return severity_icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.LINE and not f.line:
                return ImportReport.tr("This concerns the whole dataset, not one line.")
            return f.message if col == self.MESSAGE else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportReportWidget(QWidget):
    """The summary of an import and its problems; Enter or double-click on a row jumps to the line."""

    finding_activated = Signal(int)  # line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        self.summary_icon = QLabel()

        self.model = FindingsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Problems found in the file"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(56)
        header.setSectionResizeMode(FindingsTableModel.LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsTableModel.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsTableModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._activate)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)

        self.detail = QLabel()  # the selected problem in full: table cells elide long messages
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("Selected problem"))
        self.hint = QLabel(self.tr("Double-click a problem or press Enter to open its example."))
        self.hint.setWordWrap(True)
        self.no_problems = QLabel(self.tr("Every line became an example without problems."))
        self.no_problems.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.copy_button.setToolTip(self.tr("Copy every problem as text (line, severity, message), "
                                            "for a spreadsheet or a colleague"))
        self.copy_button.clicked.connect(self.copy_report)

        top = QHBoxLayout()
        top.addWidget(self.summary_icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.copy_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addWidget(self.no_problems)
        lay.addLayout(bottom)
        self.no_problems.hide()

    def set_report(self, report: CheckReport, dataset_name: str, examples_with_errors: int) -> None:
        """Show ``report``; ``examples_with_errors`` tells stored examples apart from unreadable lines."""
        self.summary.setText(summary_text(report, dataset_name, examples_with_errors))
        # The import worked: problems get the warning sign, not the error cross, which would say it failed.
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning if report.findings
                                         else QStyle.StandardPixmap.SP_DialogApplyButton)
        self.summary_icon.setPixmap(icon.pixmap(24, 24))
        self.model.set_findings(report.findings)
        has = bool(report.findings)
        for w in (self.table, self.detail, self.hint, self.copy_button):
            w.setVisible(has)
        self.no_problems.setVisible(not has)
        if has:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def report_text(self) -> str:
        """Every problem as "line TAB severity TAB message", one per line."""
        return "\n".join(f"{f.line or ''}\t{severity_word(f.severity)}\t{f.message}" for f in self.model.findings())

    def copy_report(self) -> None:
        """Put :meth:`report_text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.report_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._activate(self.table.currentIndex())
            return True  # Enter opens the line; it must not also press the dialog's default button
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            line = self.model.data(index, LINE_ROLE)
            if line:
                self.finding_activated.emit(int(line))

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        f = self.model.finding(current.row())
        where = (self.tr("Line {0}").format(format_count(f.line)) if f.line else self.tr("Whole dataset"))
        self.detail.setText(f"{where} · {severity_word(f.severity)}: {f.message}")


class ImportProgressWidget(QWidget):
    """What a running import is doing: its name, a bar in percent of bytes, the sizes, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the import; nothing is added (Esc)"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.title)
        lay.addWidget(self.bar)
        lay.addWidget(self.text)
        lay.addLayout(row)
        lay.addStretch(2)

    def start(self, name: str) -> None:
        """Reset for a new import of the dataset ``name``."""
        self.title.setText(self.tr("Importing “{0}”…").format(name))
        self.bar.setValue(0)
        self.text.setText(self.tr("Reading and checking every example. You can keep working meanwhile."))
        self.cancel_button.setEnabled(True)

    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` bytes are read and checked."""
        self.bar.setValue(100 * done // total if total else 100)
        self.text.setText(self.tr("{0} of {1} read and checked. You can keep working meanwhile.")
                          .format(size_text(done, total), size_text(total)))

    def cancelling(self) -> None:
        """Cancel was pressed; the import is winding down."""
        self.cancel_button.setEnabled(False)
        self.text.setText(self.tr("Cancelling…"))
