"""How a file will be read: its format and kind (:func:`inspect_file`) and, for spreadsheets,
which column holds which part of an example (:class:`ColumnMappingWidget`, with a live preview).

The widget is fed a :class:`~app.formats.tabular.TablePreview` (read off the GUI thread by
:func:`inspect_file`) and the data kind; it prefills the combos with ``guess_mapping`` and shows the
first rows as they would be imported. Everything it does is cheap: only the preview's rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formats.column_mapping import ColumnMapping, MappingError, guess_mapping
from app.formats.encoding import UnreadableFile, sniff
from app.formats.jsonl import detect_kind_of_file
from app.formats.model import Kind
from app.formats.readers import FORMATS, detect_format
from app.formats.tabular import TablePreview, preview
from app.runtime.processes import process_pool
from ui.i18n import TranslationContext

PREVIEW_ROWS = 10
COMBO_CHARS = 24  # combos line up and "Same text for every example" fits
NO_SYSTEM = "__none__"  # combo data of "no system prompt"
FIXED_SYSTEM = "__fixed__"  # combo data of "the same text for every example"
_RESERVED = frozenset({"messages", "tools"})  # OpenAI's own fields: never extra fields
_CELL_CHARS = 300  # a preview cell shows this much; the tooltip a little more

MappingTexts = TranslationContext("MappingTexts")


def _parts(kind: Kind) -> list[tuple[str, str, str]]:
    """(part, label in the form, heading in the preview) of the required parts of ``kind``."""
    if kind is Kind.DPO:
        return [("prompt", MappingTexts.tr("&Prompt (user):"), MappingTexts.tr("Prompt")),
                ("chosen", MappingTexts.tr("P&referred answer:"), MappingTexts.tr("Preferred answer")),
                ("rejected", MappingTexts.tr("Re&jected answer:"), MappingTexts.tr("Rejected answer"))]
    if kind is Kind.RFT:
        return [("user", MappingTexts.tr("&Prompt (user):"), MappingTexts.tr("User"))]
    return [("user", MappingTexts.tr("&Question (user):"), MappingTexts.tr("User")),
            ("assistant", MappingTexts.tr("&Answer (assistant):"), MappingTexts.tr("Assistant"))]


def _short(text: str, limit: int = _CELL_CHARS) -> str:
    text = " ⏎ ".join(text.splitlines())  # one line per cell: rows keep an even height
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class FileInspection:
    """What the set-up page needs to know about a file; ``problem`` says why it cannot be imported."""

    path: str
    fmt: str = "openai"
    kind: Kind = Kind.SFT
    table: TablePreview | None = None
    problem: str = ""


def inspect_file(path: str, fmt: str | None = None) -> FileInspection:
    """Detect format and kind and read a table's first rows (blocking: call via ``run_blocking``)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        if not head:
            return FileInspection(path, problem=MappingTexts.tr("The file is empty: there is nothing to import."))
        sniff(head)  # a whole-file problem (UTF-32, an Excel or ZIP file…) is best said before importing
        fmt = fmt or detect_format(path)
        info = FORMATS[fmt]
        # Parsing the first rows or examples can mean one 50 MB cell or item: in a worker process, so
        # this thread does not hold the GIL through it (measured: 126–369 ms GUI stalls before).
        pool = process_pool()
        if info.needs_mapping:
            table = pool.submit(preview, path, PREVIEW_ROWS, delimiter="\t" if fmt == "tsv" else None).result()
            guess = guess_mapping(table.header) if table.header else None
            return FileInspection(path, fmt, guess.resolve_kind() if guess else Kind.SFT, table)
        kind = (pool.submit(detect_kind_of_file, path).result() or Kind.SFT) if fmt == "openai" else info.kinds[0]
        return FileInspection(path, fmt, kind)
    except UnreadableFile as exc:
        return FileInspection(path, problem=exc.finding.message)
    except OSError as exc:
        return FileInspection(path, problem=MappingTexts.tr("Could not read the file: {0}").format(exc.strerror or exc))


class ColumnMappingWidget(QWidget):
    """One combo per part of an example, a fixed system prompt, grader fields (RFT), a preview.

    ``mapping_changed`` fires whenever the choice changes; :meth:`mapping` is then the mapping to
    import with (None while incomplete) and :meth:`problem` says in plain words what is missing.
    """

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = TablePreview([], [], [], ",")
        self._kind = Kind.SFT
        self._extra_checked: dict[str, bool] = {}
        self._building = False  # programmatic combo changes do not count as the user's
        self._build()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.combos: dict[str, QComboBox] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        for part in ("user", "assistant", "prompt", "chosen", "rejected", "system"):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARS)
            combo.currentIndexChanged.connect(self._column_changed)
            self.combos[part] = combo
            if part != "system":
                self.form.addRow(part, combo)  # the label text is set per kind in _apply_kind
        self.system_combo = self.combos["system"]
        self.system_text = QLineEdit()
        self.system_text.setPlaceholderText(self.tr("The system prompt every example starts with"))
        self.system_text.setAccessibleName(self.tr("Fixed system prompt"))
        self.system_text.textChanged.connect(self._changed)
        self.system_text.hide()  # shown when "Same text for every example" is chosen
        system_row = QHBoxLayout()
        system_row.addWidget(self.system_combo)
        system_row.addWidget(self.system_text, 1)
        system_row.addStretch(0)  # keeps the combo as wide as the others while the text field is hidden
        system_label = QLabel(self.tr("&System prompt:"))
        system_label.setBuddy(self.system_combo)
        self.form.addRow(system_label, system_row)

        self.extras_box = QWidget()
        self.extras_grid = QGridLayout(self.extras_box)
        self.extras_grid.setContentsMargins(0, 0, 0, 0)
        self.extras_label = QLabel(self.tr("Fields for the grader:"))
        self.extras_label.setToolTip(self.tr("Ticked columns are kept with each prompt, for example the reference "
                                             "answer your grader compares with."))
        self.form.addRow(self.extras_label, self.extras_box)
        self.extra_checks: dict[str, QCheckBox] = {}

        self.problem_icon = QLabel()
        self.problem_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(16, 16))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(self.tr("What the column choice still needs"))
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        problem_row.addWidget(self.problem_label, 1)

        self.preview_label = QLabel(self.tr("Preview of the first rows as they will be imported:"))
        self.preview = QTableWidget()
        self.preview.setAccessibleName(self.tr("Preview of the imported rows"))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: keep Tab for the choices
        self.preview.setWordWrap(False)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview.verticalHeader().setToolTip(self.tr("Line in the file"))
        self.preview.setMinimumHeight(120)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.form)
        lay.addLayout(problem_row)
        lay.addWidget(self.preview_label)
        lay.addWidget(self.preview, 1)
        self._apply_kind()

    # --- public API -----------------------------------------------------------------------
    def set_table(self, table: TablePreview, kind: Kind) -> None:
        """Show a new file's columns, prefilled with the likely mapping for ``kind``."""
        self._table = table
        self._extra_checked = {}
        self.extra_checks = {}  # the old file's boxes: removed from the grid by _rebuild_extras
        self._kind = Kind(kind)
        self._fill_combos()
        self._apply_guess(keep_current=False)
        self._apply_kind()
        self._changed(rebuild_extras=True)

    def set_kind(self, kind: Kind) -> None:
        """Switch the kind of data built from the rows; choices that still apply are kept."""
        kind = Kind(kind)
        if kind is self._kind:
            return
        before = {p: self._choice(p) for p in ("user", "prompt")}
        self._kind = kind
        self._building = True
        try:  # the question column is the prompt column, whatever the kind is called
            if kind is Kind.DPO and before["user"] and not before["prompt"]:
                self._select(self.combos["prompt"], before["user"])
            elif kind is not Kind.DPO and before["prompt"] and not before["user"]:
                self._select(self.combos["user"], before["prompt"])
        finally:
            self._building = False
        self._apply_guess(keep_current=True)
        self._apply_kind()
        self._changed(rebuild_extras=True)

    def header(self) -> list[str]:
        """The file's column names."""
        return list(self._table.header)

    def select(self, part: str, column: str | None) -> None:
        """Choose ``column`` for ``part`` (``user``, ``assistant``, ``system``…), None for none."""
        self._select(self.combos[part], column)

    def set_system_prompt(self, text: str) -> None:
        """Use the same system prompt for every example."""
        self.system_combo.setCurrentIndex(self.system_combo.findData(FIXED_SYSTEM))
        self.system_text.setText(text)

    def mapping(self) -> ColumnMapping | None:
        """The mapping to import with, or None while it is incomplete or wrong."""
        mapping = self._build_mapping()
        return mapping if not self._problem_of(mapping) else None

    def problem(self) -> str:
        """Why the current choice cannot be imported yet ("" when it can)."""
        return self._problem_of(self._build_mapping())

    # --- combos ---------------------------------------------------------------------------
    def _columns(self) -> list[str]:
        return [h for h in self._table.header if h]

    def _fill_combos(self) -> None:
        self._building = True
        try:
            for part, combo in self.combos.items():
                combo.clear()
                if part == "system":
                    combo.addItem(self.tr("None"), NO_SYSTEM)
                    combo.addItem(self.tr("Same text for every example"), FIXED_SYSTEM)
                else:
                    combo.addItem(self.tr("Choose a column…"), None)
                for column in self._columns():
                    combo.addItem(self.tr("Column “{0}”").format(column), column)
                    if sample := self._sample(column):  # what the column holds helps pick it
                        combo.setItemData(combo.count() - 1, self.tr("For example: {0}").format(sample),
                                          Qt.ItemDataRole.ToolTipRole)
        finally:
            self._building = False

    def _sample(self, column: str) -> str:
        """The first non-empty cell of ``column`` in the preview, shortened."""
        i = self._table.header.index(column)
        return next((_short(row[i], 120) for row in self._table.rows if i < len(row) and row[i].strip()), "")

    @staticmethod
    def _select(combo: QComboBox, column: str | None) -> None:
        if column is None:
            combo.setCurrentIndex(0)
            return
        i = combo.findData(column)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _choice(self, part: str) -> str | None:
        data = self.combos[part].currentData()
        return data if isinstance(data, str) and data not in (NO_SYSTEM, FIXED_SYSTEM) else None

    def _apply_guess(self, *, keep_current: bool) -> None:
        guess = guess_mapping(self._table.header, self._kind) if self._table.header else None
        if guess is None:
            return
        wanted = {"user": guess.user, "assistant": guess.assistant, "prompt": guess.prompt,
                  "chosen": guess.chosen, "rejected": guess.rejected, "system": guess.system}
        self._building = True
        try:
            for part, column in wanted.items():
                if column and not (keep_current and self._choice(part)):
                    self._select(self.combos[part], column)
        finally:
            self._building = False
        for column in guess.extra.values():
            self._extra_checked.setdefault(column, True)

    def _apply_kind(self) -> None:
        shown = {part: label for part, label, _ in _parts(self._kind)}
        for part, combo in self.combos.items():
            if part == "system":
                continue
            visible = part in shown
            self.form.setRowVisible(combo, visible)
            if visible:
                label = self.form.labelForField(combo)
                if isinstance(label, QLabel):
                    label.setText(shown[part])
        rft = self._kind is Kind.RFT
        self.form.setRowVisible(self.extras_box, rft)
        self.system_combo.setToolTip(self.tr("RFT data has no system role: this text is sent as a developer "
                                             "message.") if rft else "")

    def _rebuild_extras(self) -> None:
        """One checkbox per column not used for the prompt (RFT only)."""
        for column, check in self.extra_checks.items():
            if check.isEnabled():
                self._extra_checked[column] = check.isChecked()
        self.extra_checks = {}
        while (item := self.extras_grid.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        used = {self._choice("user"), self._choice("system")}
        free = [c for c in self._columns() if c not in used]
        for i, column in enumerate(free):
            check = QCheckBox(column)
            if column in _RESERVED:
                check.setEnabled(False)
                check.setToolTip(self.tr("OpenAI reserves the name “{0}”; rename the column to keep it.")
                                 .format(column))
            else:
                check.setChecked(self._extra_checked.get(column, False))
            check.toggled.connect(self._changed)
            self.extras_grid.addWidget(check, i // 4, i % 4)
            self.extra_checks[column] = check
        if not free:
            self.extras_grid.addWidget(QLabel(self.tr("No other columns.")), 0, 0)

    # --- state ----------------------------------------------------------------------------
    def _build_mapping(self) -> ColumnMapping:
        fixed = self.system_combo.currentData() == FIXED_SYSTEM
        text = self.system_text.text().strip() if fixed else ""
        c = self._choice
        if self._kind is Kind.DPO:
            return ColumnMapping(prompt=c("prompt"), chosen=c("chosen"), rejected=c("rejected"), system=c("system"),
                                 system_prompt=text or None, kind=Kind.DPO)
        if self._kind is Kind.RFT:
            extra = {col: col for col, check in self.extra_checks.items() if check.isEnabled() and check.isChecked()}
            return ColumnMapping(user=c("user"), system=c("system"), system_prompt=text or None, extra=extra,
                                 kind=Kind.RFT)
        return ColumnMapping(user=c("user"), assistant=c("assistant"), system=c("system"),
                             system_prompt=text or None, kind=Kind.SFT)

    def _problem_of(self, mapping: ColumnMapping) -> str:
        if not self._table.header:
            first = self._table.findings[0].message if self._table.findings else ""
            return first or self.tr("The file has no header row naming its columns.")
        chosen = {part: self._choice(part) for part, _label, _h in _parts(self._kind)}
        missing = [label.replace("&", "").rstrip(":") for part, label, _h in _parts(self._kind) if not chosen[part]]
        if missing:
            return self.tr("Choose a column for: {0}.").format(", ".join(missing))
        used = [col for col in chosen.values() if col]
        if len(set(used)) < len(used):
            return self.tr("Each part needs its own column: the same column is chosen twice.")
        if self.system_combo.currentData() == FIXED_SYSTEM and not self.system_text.text().strip():
            return self.tr("Type the system prompt, or choose “None”.")
        try:
            mapping.check(self._table.header, self._kind)
        except MappingError as exc:
            return str(exc)
        return ""

    def _column_changed(self, *_args: object) -> None:
        self._changed(rebuild_extras=True)

    def _changed(self, *_args: object, rebuild_extras: bool = False) -> None:
        if self._building:
            return
        self.system_text.setVisible(self.system_combo.currentData() == FIXED_SYSTEM)
        if self._kind is Kind.RFT and (rebuild_extras or not self.extra_checks):
            self._rebuild_extras()  # the free columns depend on the prompt and system choices
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.problem_icon.setVisible(bool(problem))
        self._fill_preview()
        self.mapping_changed.emit()

    def _fill_preview(self) -> None:
        """The first rows as they would be imported: one column per part of the example."""
        mapping = self._build_mapping()
        header = self._table.header
        index = {name: i for i, name in reversed(list(enumerate(header)))}  # first column of a name wins
        columns: list[tuple[str, str | None, str]] = []  # (heading, column, fixed text)
        system_heading = self.tr("Developer") if self._kind is Kind.RFT else self.tr("System")
        if mapping.system or mapping.system_prompt:
            columns.append((system_heading, mapping.system, mapping.system_prompt or ""))
        for part, _label, heading in _parts(self._kind):
            column = self._choice(part)
            columns.append((heading if column else self.tr("{0} (not chosen)").format(heading), column, ""))
        for name in mapping.extra:
            columns.append((name, name, ""))
        rows = self._table.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(columns))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels([c[0] for c in columns])
        self.preview.setVerticalHeaderLabels([str(n) for n in self._table.lines[:PREVIEW_ROWS]])
        for r, row in enumerate(rows):
            for k, (_heading, column, fixed) in enumerate(columns):
                i = index.get(column) if column else None
                text = row[i] if i is not None and i < len(row) else ""
                text = text or fixed
                item = QTableWidgetItem(_short(text))
                if text:
                    item.setToolTip(_short(text, 1000))
                self.preview.setItem(r, k, item)
