"""The examples table's model: pages of display rows loaded as the user scrolls.

Rows come from ``app.store.example_pages`` on the project's reader threads, one page at a time
(``canFetchMore``/``fetchMore``), so a 100k-example dataset opens as fast as a small one and the
model only ever holds the rows scrolled past — as ``DisplayRow``s, never parsed examples.
``data()`` never touches the database.

Every reset (another dataset, filter or sort order, ``refresh``) bumps a generation number; a
page or count that arrives for an older generation is dropped, so a slow query can never paint
rows of the previous filter into the new list.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.services.projects import Project
from app.store import example_pages
from app.store.example_pages import DisplayRow, ExampleFilter
from ui.locale_format import number
from ui.tasks import TaskScope

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: the table's root
_NUMBERS = {0, 2, 3}
# Columns a header click can sort by, and the order each one means.
_SORT_OF_COLUMN = {0: "position", 2: "turns", 3: "tokens", 4: "status"}
_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
}


class ExamplesTableModel(QAbstractTableModel):
    """The rows of one dataset's examples under a filter and a sort order, loaded page by page.

    ``project_provider`` returns the open project (or None); it is asked on every load, so the
    model never keeps a closed project alive.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1

    rows_loaded = Signal(int)  # rows now in the model
    total_changed = Signal(int)  # examples that pass the filter
    load_failed = Signal(str)  # a message for the user

    PAGE_SIZE = 200

    def __init__(
        self,
        project_provider: Callable[[], Project | None],
        parent: QObject | None = None,
        *,
        page_size: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._project = project_provider
        self.page_size = page_size or self.PAGE_SIZE
        self._dataset_id: int | None = None
        self._filter = ExampleFilter()
        self._sort = "position"
        self._descending = False
        self._rows: list[DisplayRow] = []
        self._row_of: dict[int, int] = {}
        self._after: tuple | None = None  # keyset of the last page as loaded (rows may change later)
        self._exhausted = False
        self._failed = False
        self._total = 0
        self._generation = 0
        self._fetching: asyncio.Task[None] | None = None
        self._counting: asyncio.Task[None] | None = None
        self._refreshing: set[asyncio.Task[None]] = set()
        self._tasks = TaskScope("examples table", self._task_failed)
        self._icons: dict[str, QIcon] = {}

    # --- state ----------------------------------------------------------------------------
    @property
    def dataset_id(self) -> int | None:
        """The dataset shown (None: an empty table)."""
        return self._dataset_id

    @property
    def filter(self) -> ExampleFilter:
        """The filter in force."""
        return self._filter

    @property
    def sort_key(self) -> str:
        """The sort order in force (one of ``example_pages.SORT_KEYS``)."""
        return self._sort

    @property
    def descending(self) -> bool:
        """Whether the sort order runs downwards."""
        return self._descending

    @property
    def rows(self) -> list[DisplayRow]:
        """The rows loaded so far (read-only: do not modify)."""
        return self._rows

    @property
    def total(self) -> int:
        """How many examples pass the filter (0 until the count has arrived)."""
        return self._total

    @property
    def fully_loaded(self) -> bool:
        """True when every row of the list is in the model."""
        return self._exhausted

    def set_dataset(self, dataset_id: int | None) -> None:
        """Show another dataset (or none) from its first row."""
        if dataset_id != self._dataset_id:
            self._dataset_id = dataset_id
            self._reload()

    def set_filter(self, flt: ExampleFilter) -> None:
        """Show only the examples that pass ``flt``."""
        if flt != self._filter:
            self._filter = flt
            self._reload()

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Sort by ``key`` (``position``, ``tokens``, ``turns`` or ``status``); ties by position."""
        if key not in example_pages.SORT_KEYS:
            raise ValueError(f"unknown sort key {key!r}")
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self._reload()

    def refresh(self) -> None:
        """Read everything again from the first row (after examples were added, removed or moved)."""
        self._reload()

    def refresh_rows(self, ids: Iterable[int]) -> None:
        """Re-read these examples where they are loaded and repaint just their rows (after an edit).

        Rows stay where they are even if the edit moved them in the sort order or out of the
        filter, so nothing jumps under the user's cursor; ``refresh`` re-sorts.
        """
        wanted = [i for i in ids if i in self._row_of]
        if wanted:
            task = self._tasks.spawn(self._refresh_rows(self._generation, wanted))
            self._refreshing.add(task)
            task.add_done_callback(self._refreshing.discard)

    def example_id(self, row: int) -> int:
        """The id of the example in ``row``."""
        return self._rows[row].id

    def row_of(self, example_id: int) -> int | None:
        """The row of an example, if it is loaded."""
        return self._row_of.get(example_id)

    async def ensure_loaded(self, row: int) -> bool:
        """Load pages until ``row`` is in the model (to jump to an example); False if the list is shorter."""
        while row >= len(self._rows) and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
            task = self._fetching
            if task is None or task.done():
                break  # nothing could start (no project open)
            # wait() neither raises if a reset cancels this page nor cancels it if we are.
            await asyncio.wait({task})
        return row < len(self._rows)

    async def wait_idle(self) -> None:
        """Return once no page, count or row refresh is loading."""
        while True:
            busy = {t for t in (self._fetching, self._counting, *self._refreshing) if t is not None and not t.done()}
            if not busy:
                return
            await asyncio.wait(busy)

    def close(self) -> None:
        """Stop every load (the view is closing)."""
        self._tasks.cancel_all()

    def _alive(self) -> bool:
        # A load finishing after Qt deleted the model (its view closed) must not touch it. Checked
        # rather than cancelling from ``destroyed``: a Python slot on ``destroyed`` corrupts
        # reference counts in PySide6 6.12 (the interpreter aborts at exit).
        return self._tasks.alive and shiboken6.isValid(self)

    # --- loading --------------------------------------------------------------------------
    def _reload(self) -> None:
        # Loads already running finish on their reader threads and see an older generation; they
        # are let go (not cancelled) so a new page can start at once.
        self._generation += 1
        self._fetching = self._counting = None
        self._refreshing = set()
        self.beginResetModel()
        self._rows, self._row_of, self._after = [], {}, None
        self._exhausted = self._dataset_id is None
        self._failed = False
        self.endResetModel()
        self.rows_loaded.emit(0)
        self._set_total(0)
        if self._dataset_id is not None and self._project() is not None and self._tasks.alive:
            self._counting = self._tasks.spawn(self._count(self._generation))
            self.fetchMore(QModelIndex())

    def _set_total(self, n: int) -> None:
        if n != self._total:
            self._total = n
            self.total_changed.emit(n)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:
        """More rows exist beyond those loaded (and can be read now)."""
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._failed
            and self._dataset_id is not None
            and self._tasks.alive
        )

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:
        """Start loading the next page (once: while a page is loading this does nothing)."""
        if not self.canFetchMore(parent):
            return
        if self._fetching is not None and not self._fetching.done():
            return
        if self._project() is None:
            return
        self._fetching = self._tasks.spawn(self._fetch(self._generation))

    async def _load(self, generation: int, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Run ``fn`` on a reader thread; ``(True, result)`` only if the result is still wanted
        (same generation, model still alive). A failure is reported once."""
        project = self._project()
        if project is None:
            return False, None
        try:
            result = await project.db.read(fn, *args)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if generation == self._generation and self._alive():
                self._fail(exc)
            return False, None
        return generation == self._generation and self._alive(), result

    async def _fetch(self, generation: int) -> None:
        read = functools.partial(
            example_pages.page_examples,
            sort=self._sort,
            descending=self._descending,
            after=self._after,
            limit=self.page_size + 1,  # one more tells whether another page exists
        )
        wanted, page = await self._load(generation, read, self._dataset_id, self._filter)
        if wanted:  # a page of an older list is dropped
            self._append(page)

    def _append(self, page: list[DisplayRow]) -> None:
        if len(page) > self.page_size:
            del page[self.page_size :]
        else:
            self._exhausted = True
        if page:
            self._after = example_pages.sort_key(page[-1], self._sort)
        # A row edited since it loaded may come again under its new key: keep the first copy.
        fresh = [r for r in page if r.id not in self._row_of]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for i, r in enumerate(fresh, first):
                self._row_of[r.id] = i
            self._rows.extend(fresh)
            self.endInsertRows()
        if self._exhausted:
            self._set_total(len(self._rows))
        self.rows_loaded.emit(len(self._rows))

    async def _count(self, generation: int) -> None:
        wanted, n = await self._load(generation, example_pages.count_examples, self._dataset_id, self._filter)
        if wanted and not self._exhausted:  # once all rows are in, their number is the total
            self._set_total(n)

    async def _refresh_rows(self, generation: int, ids: list[int]) -> None:
        wanted, fresh = await self._load(generation, example_pages.rows_by_id, ids)
        if not wanted:
            return
        last = self.columnCount() - 1
        for example_id, row in fresh.items():
            i = self._row_of.get(example_id)
            if i is not None and self._rows[i] != row:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def _fail(self, exc: BaseException) -> None:
        log.error("could not read the examples", exc_info=exc)
        self._failed = True  # no retry loop: the next reset or refresh tries again
        self.load_failed.emit(self.tr("The examples could not be read: {error}").format(error=exc))

    def _task_failed(self, _name: str, exc: BaseException) -> None:
        if self._alive():
            self.load_failed.emit(self.tr("The examples could not be read: {error}").format(error=exc))

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        """Rows loaded so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        """#, Preview, Turns, Tokens, Status, Tags."""
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles; the sortable columns say so in their tooltip."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("#"),
                self.tr("Preview"),
                self.tr("Turns"),
                self.tr("Tokens"),
                self.tr("Status"),
                self.tr("Tags"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Position in the dataset (click to sort)"),
                self.tr("The first question of the example"),
                self.tr("Messages in the example (click to sort)"),
                self.tr("Tokens of the example (click to sort)"),
                self.tr("Errors first or last (click to sort)"),
                self.tr("Tags of the example"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a cell shows, from the loaded rows only."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == ExamplesTableModel.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(col)
        if role == Qt.ItemDataRole.DecorationRole and col == 4:
            return self._icon(row.status)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(row, col) or self._display(row, col)
        return None

    def _display(self, row: DisplayRow, col: int) -> str:
        # Numbers as text in the user's locale (12,345 / 12.345); the raw values are in ``rows``.
        if col == 0:
            return number(row.position + 1)
        if col == 1:
            return row.preview
        if col == 2:
            return number(row.turns)
        if col == 3:
            return number(row.tokens)
        if col == 4:
            return self._status_word(row.status)
        return ", ".join(row.tags.split(",")) if row.tags else ""

    def _tooltip(self, row: DisplayRow, col: int) -> str | None:
        if col == 1:
            return row.preview or None
        if col == 3 and row.estimated:
            return self.tr("About {n} tokens: estimated, the model's own count is not known").format(
                n=number(row.tokens)
            )
        if col == 4:
            return self._status_word(row.status)
        if col == 5 and row.tags:
            return self._display(row, col)
        return None

    def _status_word(self, status: str) -> str:
        if status == "error":
            return self.tr("error")
        if status == "warning":
            return self.tr("warning")
        return self.tr("ok")

    def _icon(self, status: str) -> QIcon | None:
        icon = self._icons.get(status)
        if icon is None:
            app = QApplication.instance()
            if not isinstance(app, QApplication):
                return None
            icon = self._icons[status] = app.style().standardIcon(_ICONS.get(status, _ICONS["ok"]))
        return icon

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: sort by #, Turns, Tokens or Status (the other columns do not sort)."""
        key = _SORT_OF_COLUMN.get(column)
        if key is not None:
            self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def sort_column(self) -> int:
        """The column of the sort order in force (for the header's indicator)."""
        return next(c for c, k in _SORT_OF_COLUMN.items() if k == self._sort)


def _alignment(col: int) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if col in _NUMBERS else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
