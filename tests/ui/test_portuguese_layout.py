"""The window in Brazilian Portuguese at 1280×800 with the sample project open: no toolbar spills into
a "»" menu, no button or one-line label is narrower than its text, no column title is cut.

Portuguese words run about a third longer than English ones; this is the check that a translated
screen still shows every word (tools/screenshots.py makes the pictures to look at)."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QHeaderView,
    QLabel,
    QToolBar,
    QToolButton,
    QWidget,
)

from tests.ui.translation_support import load_tool
from ui import i18n

SIZE = (1280, 800)


@pytest.fixture
def portuguese_window(ctx, arun, qtbot):
    """The main window built in Portuguese, 1280×800, with the Portuguese sample project open."""
    from ui.main_window import MainWindow
    from ui.sample_offer import open_sample_project

    load_tool("build_translations").build(quiet=True)
    ctx.settings.language = "pt_BR"
    i18n.install("pt_BR")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(*SIZE)
    w.show()
    arun(open_sample_project(ctx))
    yield w
    i18n.install("en")


def _inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def clipped(root: QWidget) -> list[str]:
    """Visible texts in ``root`` that do not fit the space they were given."""
    found = []
    for bar in root.findChildren(QToolBar):
        ext = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        if bar.isVisible() and ext is not None and ext.isVisible():
            hidden = [a.text() for a in bar.actions() if a.isVisible() and not bar.widgetForAction(a).isVisible()]
            found.append(f"toolbar “{bar.windowTitle()}” overflows: {hidden}")
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or _inside_item_view(widget) or widget.width() == 0:
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QToolBar):
            text, need = widget.text(), widget.sizeHint().width()
        elif isinstance(widget, QAbstractSpinBox):
            text, need = widget.specialValueText(), widget.minimumSizeHint().width()
        elif isinstance(widget, QLabel) and not widget.wordWrap() and widget.pixmap().isNull():
            text, need = widget.text(), widget.minimumSizeHint().width()
        else:
            continue
        if text and widget.width() + 1 < need:
            found.append(f"{type(widget).__name__} “{text[:60]}”: {widget.width()} px for {need}")
    for header in root.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation().name != "Horizontal" or header.model() is None:
            continue
        for col in range(header.count()):
            if header.isSectionHidden(col) or header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch:
                continue
            title = str(header.model().headerData(col, header.orientation()) or "")
            if title and header.sectionSize(col) < header.fontMetrics().horizontalAdvance(title) + 8:
                found.append(f"column “{title}”: {header.sectionSize(col)} px")
    return found


def test_every_view_fits_its_portuguese_texts_at_1280_by_800(portuguese_window, arun):
    window = portuguese_window
    assert i18n.current_language() == "pt_BR"

    async def scenario():
        problems: dict[str, list[str]] = {}
        datasets = window.pages.widget(window.view_keys.index("datasets"))
        for key in window.view_keys:
            window.show_view(key)
            await asyncio.sleep(0.6)
            if key == "datasets":
                datasets.datasets_table.selectRow(0)
                await asyncio.sleep(0.5)
                datasets.examples.table.selectRow(0)  # the example editor open beside the list
                await asyncio.sleep(0.8)
            problems[key] = clipped(window)
        assert window.width() == SIZE[0]
        assert datasets.examples.table.model().rowCount() > 0  # the sample data is there

        # The dialogs a user meets first, each as it opens.
        from ui.graders.dialog import GraderEditorDialog

        annotate = window.pages.widget(window.view_keys.index("annotate"))
        jobs = window.pages.widget(window.view_keys.index("jobs"))
        playground = window.pages.widget(window.view_keys.index("playground"))
        wizard = jobs.open_wizard()
        dialogs = [("annotate import", annotate.open_import), ("annotate generate", annotate.open_generate),
                   ("annotate export", annotate.open_export), ("batch runs", lambda: playground.dialogs.open_batch()),
                   ("grader editor", lambda: GraderEditorDialog(window.ctx, 1, parent=window))]
        for name, make in dialogs:
            dialog = make().window()
            dialog.show()
            await asyncio.sleep(0.6)
            problems[name] = clipped(dialog)
            dialog.close()
        for page in range(3):
            await asyncio.sleep(0.6)
            problems[f"launch wizard page {page + 1}"] = clipped(wizard.window())
            wizard.next_button.click()
        wizard.window().close()
        for name, show, attr in (("connections", window.show_connections, "connections_dialog"),
                                 ("preferences", window.show_preferences, "preferences_dialog")):
            show()
            await asyncio.sleep(0.4)
            problems[name] = clipped(getattr(window, attr))
            getattr(window, attr).close()
        playground.shutdown()
        return problems

    problems = arun(scenario(), timeout=30)
    assert not any(problems.values()), "\n".join(f"{k}: {p}" for k, v in problems.items() for p in v)
