"""The examples table model: pages load as the table scrolls, stale pages are dropped, header
clicks sort, edits repaint just their row, status is an icon and a word."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView

from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store import example_pages
from app.store.example_pages import ExampleFilter
from app.store.project_file import create_project
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.conftest import until
from ui.datasets.examples_model import ExamplesTableModel

SMALL, BIG = 25, 1000


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """One project with a 25-example dataset (statuses set by hand) and a 1,000-example one."""
    tmp = tmp_path_factory.mktemp("examples_model")
    create_project(tmp / "p.ftproj")
    project = open_project_sync(tmp / "p.ftproj")
    ids = {}
    for name, n in (("small", SMALL), ("big", BIG)):
        path = tmp / f"{name}.jsonl"
        write_jsonl(path, [sft(i, answer="The tenant pays. " * (1 + i % 5)) for i in range(n)])
        ids[name] = run_import(project, ImportRequest(path, name=name)).dataset_id

    def mark(db):
        db.conn.execute("UPDATE examples SET status = 'error' WHERE dataset_id = ? AND position = 2", (ids["small"],))
        db.conn.execute("UPDATE examples SET status = 'warning' WHERE dataset_id = ? AND position = 3", (ids["small"],))

    project.db.submit_write(mark).result()
    yield SimpleNamespace(project=project, small=ids["small"], big=ids["big"])
    project._close_sync()


@pytest.fixture
def page_reads(monkeypatch):
    """Counts the page queries the model runs."""
    calls = []
    real = example_pages.page_examples

    def counting(db, dataset_id, flt, **kw):
        calls.append((dataset_id, flt, kw))
        return real(db, dataset_id, flt, **kw)

    monkeypatch.setattr(example_pages, "page_examples", counting)
    return calls


def test_an_empty_model_passes_the_model_tester(qtmodeltester, data):
    model = ExamplesTableModel(lambda: data.project)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex()) and model.total == 0


def test_a_loaded_model_passes_the_model_tester_while_it_loads(qtmodeltester, data, arun):
    async def scenario():
        small = ExamplesTableModel(lambda: data.project)
        small.set_dataset(data.small)
        await small.wait_idle()
        assert small.rowCount() == SMALL and small.fully_loaded and small.total == SMALL
        qtmodeltester.check(small, force_py=True)

        # The tester stays connected: every page inserted below is checked as it lands (and the
        # tester itself calls fetchMore while the model already loads).
        big = ExamplesTableModel(lambda: data.project, page_size=300)
        big.set_dataset(data.big)
        qtmodeltester.check(big, force_py=True)
        assert await big.ensure_loaded(BIG - 1)
        await big.wait_idle()
        assert big.rowCount() == BIG and not big.canFetchMore(QModelIndex())

    arun(scenario())


def test_scrolling_the_table_loads_one_page_at_a_time(data, arun, qtbot, page_reads):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        loaded, totals = [], []
        model.rows_loaded.connect(loaded.append)
        model.total_changed.connect(totals.append)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.resize(600, 300)
        view.show()
        model.set_dataset(data.big)
        await model.wait_idle()
        assert model.rowCount() == 200 and model.total == BIG and totals == [BIG]
        while model.canFetchMore(QModelIndex()):
            view.scrollToBottom()  # the view asks for more at the end of its scroll range
            await until(lambda: not model._fetching or model._fetching.done(), what="the page")
            await asyncio.sleep(0.01)
        assert model.rowCount() == BIG and len(page_reads) == 5
        assert [n for n in loaded if n] == [200, 400, 600, 800, 1000]
        assert [model.index(r, 0).data() for r in (0, 199, 200, 999)] == ["1", "200", "201", QLocale().toString(1000)]
        assert model.row_of(model.example_id(777)) == 777
        afters = [kw["after"] for _ds, _f, kw in page_reads]
        assert afters == [None, (199,), (399,), (599,), (799,)]  # keyset, never an offset

    arun(scenario())


def test_a_page_of_the_previous_filter_is_dropped(data, arun, monkeypatch):
    gate = threading.Event()
    real = example_pages.page_examples

    def slow_first(db, dataset_id, flt, **kw):
        if flt == ExampleFilter():
            gate.wait(5)  # the unfiltered first page arrives only after the filter changed
        return real(db, dataset_id, flt, **kw)

    monkeypatch.setattr(example_pages, "page_examples", slow_first)

    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        model.set_dataset(data.big)
        stale = model._fetching
        model.set_filter(ExampleFilter(text="question 7"))  # mid-load
        await until(lambda: model.fully_loaded, what="the filtered list")
        filtered = [model.example_id(r) for r in range(model.rowCount())]
        gate.set()
        await asyncio.wait({stale})  # the old page has now arrived…
        await model.wait_idle()
        assert [model.example_id(r) for r in range(model.rowCount())] == filtered  # …and was dropped
        assert model.rowCount() == 1 and model.total == 1
        assert model.index(0, 1).data() == "Question number 7 about the lease"

    arun(scenario())


def test_changing_the_dataset_or_sort_starts_again(data, arun):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        model.set_dataset(data.big)
        model.set_dataset(data.small)
        await model.wait_idle()
        assert model.rowCount() == SMALL and model.total == SMALL
        model.set_sort("tokens", descending=True)
        await model.wait_idle()
        tokens = [r.tokens for r in model.rows]
        assert tokens == sorted(tokens, reverse=True) and model.rowCount() == SMALL
        model.set_dataset(None)
        assert model.rowCount() == 0 and model.total == 0 and not model.canFetchMore(QModelIndex())

    arun(scenario())


def test_a_header_click_sorts_and_unsortable_columns_do_nothing(data, arun, qtbot):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.resize(700, 400)
        view.show()
        model.set_dataset(data.small)
        await model.wait_idle()
        assert (model.sort_key, model.descending) == ("position", False)

        header = view.horizontalHeader()

        def click(column):
            x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

        click(3)  # Tokens
        await model.wait_idle()
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert (model.sort_key, model.descending) == ("tokens", descending) and model.sort_column() == 3
        tokens = [r.tokens for r in model.rows]
        assert tokens == sorted(tokens, reverse=descending)
        click(3)
        await model.wait_idle()
        assert model.descending is not descending
        click(1)  # Preview: not a sort order
        await model.wait_idle()
        assert model.sort_key == "tokens"
        model.sort(4, Qt.SortOrder.DescendingOrder)
        await model.wait_idle()
        assert model.index(0, 4).data() == "error" and model.index(1, 4).data() == "warning"

    arun(scenario())


def test_refresh_rows_repaints_just_the_edited_row(data, arun):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        model.set_dataset(data.small)
        await model.wait_idle()
        target = model.example_id(5)
        changed = []
        model.dataChanged.connect(
            lambda tl, br, _roles=(): changed.append((tl.row(), tl.column(), br.row(), br.column()))
        )

        def edit(db):
            db.conn.execute("UPDATE examples SET tags = 'checked,late', tokens = 999 WHERE id = ?", (target,))

        await data.project.db.write(edit)
        try:
            model.refresh_rows([target, 10**9])  # an id that is not loaded is ignored
            await model.wait_idle()
            assert changed == [(5, 0, 5, 5)]
            assert model.index(5, 5).data() == "checked, late" and model.index(5, 3).data() == "999"
            model.refresh_rows([model.example_id(6)])  # unchanged: nothing to repaint
            await model.wait_idle()
            assert len(changed) == 1
        finally:
            await data.project.db.write(
                lambda db: db.conn.execute("UPDATE examples SET tags = '', tokens = 50 WHERE id = ?", (target,))
            )

    arun(scenario())


def test_cells_status_icon_and_word_alignment_tooltip_and_id(data, arun):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        model.set_dataset(data.small)
        await model.wait_idle()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers == ["#", "Preview", "Turns", "Tokens", "Status", "Tags"]
        for row, word in ((0, "ok"), (2, "error"), (3, "warning")):
            cell = model.index(row, 4)
            assert cell.data() == word and cell.data(Qt.ItemDataRole.ToolTipRole) == word
            icon = cell.data(Qt.ItemDataRole.DecorationRole)
            assert isinstance(icon, QIcon) and not icon.isNull()
        assert model.index(2, 4).data(Qt.ItemDataRole.DecorationRole).cacheKey() != (
            model.index(0, 4).data(Qt.ItemDataRole.DecorationRole).cacheKey()
        )
        assert model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is None
        assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Question number 0 about the lease"
        right = model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole)
        left = model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
        assert right & Qt.AlignmentFlag.AlignRight and left & Qt.AlignmentFlag.AlignLeft
        assert model.index(4, 0).data(ExamplesTableModel.IdRole) == model.example_id(4)
        assert (model.index(4, 0).data(), model.index(4, 2).data()) == ("5", "3")

    arun(scenario())


def test_ensure_loaded_fetches_up_to_a_row_for_jumping(data, arun):
    async def scenario():
        model = ExamplesTableModel(lambda: data.project)
        model.set_dataset(data.big)
        assert await model.ensure_loaded(850)
        assert 850 < model.rowCount() <= 1000 and model.index(850, 0).data() == "851"
        ex = model.example_id(850)
        assert model.row_of(ex) == 850
        got = await data.project.db.read(example_pages.position_of, data.big, model.filter, ex, "position", False)
        assert got == 850
        assert not await model.ensure_loaded(BIG + 5)
        assert model.rowCount() == BIG

    arun(scenario())


def test_a_failed_read_is_reported_once_and_not_retried(arun):
    async def failing(*_args):
        raise OSError("disk I/O error")

    project = SimpleNamespace(db=SimpleNamespace(read=failing))

    async def scenario():
        model = ExamplesTableModel(lambda: project)
        errors = []
        model.load_failed.connect(errors.append)
        model.set_dataset(1)
        await model.wait_idle()
        assert errors and "disk I/O error" in errors[0]
        assert not model.canFetchMore(QModelIndex())
        assert not await model.ensure_loaded(0)

    arun(scenario())


def test_without_a_project_nothing_loads(arun):
    async def scenario():
        model = ExamplesTableModel(lambda: None)
        model.set_dataset(3)
        await model.wait_idle()
        assert model.rowCount() == 0 and not await model.ensure_loaded(0)

    arun(scenario())


def test_a_page_arriving_after_the_view_closed_is_ignored(data, arun):
    async def scenario():
        owner = QObject()
        model = ExamplesTableModel(lambda: data.project, owner)
        model.set_dataset(data.big)
        loading = model._fetching
        shiboken6.delete(owner)  # the view and its model are gone while the page is being read
        await asyncio.wait({loading})
        assert loading.exception() is None

    arun(scenario())
