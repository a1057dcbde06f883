"""The main window as a new user meets it: four views, settings, menus, the project in the title."""

from __future__ import annotations

import hashlib
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser

from tests.ui.conftest import until


def labels_in(widget) -> str:
    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel))


def test_first_start_lands_in_a_working_default_project(window, ctx, app_home):
    assert ctx.project is not None
    assert ctx.project.path == (app_home / "data" / "My first project.ftproj").resolve()
    assert window.windowTitle() == "My first project — Finetune Studio"
    assert "My first project" in window.project_label.text()


def test_sidebar_has_the_four_views_and_settings(window, qtbot):
    names = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert names == ["Datasets", "Annotate", "Jobs", "Playground"]
    assert window.settings_button.text() == "Settings" and window.settings_button.isVisible()
    for row, key in enumerate(["datasets", "annotate", "jobs", "playground"]):
        window.sidebar.setCurrentRow(row)
        assert window.current_view() == key
        page = window.pages.currentWidget()
        assert page.title == names[row]
        assert len(labels_in(page)) > 100  # each page says what it will hold


def test_keyboard_switches_views(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "jobs"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "datasets"


def test_menus_offer_the_project_and_help_commands(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "View", "Settings", "Help"]
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_items == ["New Project…", "Open Project…", "Open Recent", "Restore from Backup…", "Quit"]
    assert [a.text().replace("&", "") for a in menus["Help"].actions()] == [
        "Keyboard Shortcuts",
        "Open the Sample Project",
        "About Finetune Studio",
    ]
    assert [a.text().replace("&", "") for a in menus["Settings"].actions()] == ["Connections…", "Preferences…"]


def test_new_project_opens_and_goes_to_the_top_of_recent(window, ctx, arun, tmp_path):
    first = ctx.project.path
    window.new_project_path(str(tmp_path / "Clinic notes.ftproj"))
    arun(until(lambda: window.windowTitle().startswith("Clinic notes"), what="new project"))
    arun(until(lambda: window.recent_menu.actions()[0].text() == "&1 Clinic notes.ftproj", what="recent menu"))
    assert window.windowTitle() == "Clinic notes — Finetune Studio"
    assert ctx.settings.recent_projects[:2] == [str((tmp_path / "Clinic notes.ftproj").resolve()), str(first)]
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[0] == "&1 Clinic notes.ftproj"
    # Open Recent brings the first one back.
    window.recent_menu.actions()[1].trigger()
    arun(until(lambda: ctx.project.path == first, what="reopen"))


def test_opening_a_foreign_file_shows_a_message_and_changes_nothing(window, ctx, arun, tmp_path):
    bad = tmp_path / "notes.ftproj"
    bad.write_text("question,answer\n")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bad, other)}
    current = ctx.project.path
    window.open_project_path(str(bad))
    arun(until(lambda: window.banner.isVisible(), what="banner"))
    assert "not a Finetune Studio project" in window.banner.message.text()
    window.banner.dismiss_button.click()
    window.open_project_path(str(other))
    arun(until(lambda: window.banner.isVisible(), what="banner"))
    assert "another program" in window.banner.message.text()
    assert ctx.project.path == current  # the open project stays open
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bad, other)} == before


def test_last_project_reopens_on_start(ctx, arun, tmp_path, qtbot):
    from app.paths import app_dirs
    from ui.app_context import AppContext

    arun(ctx.new_project(tmp_path / "Legal.ftproj"))
    arun(ctx.shutdown())
    again = AppContext(app_dirs())
    arun(again.load_settings())
    arun(again.open_startup_project())
    assert again.project.name == "Legal"
    arun(again.shutdown())


def test_a_vanished_last_project_falls_back_to_the_default_with_a_message(ctx, arun, tmp_path, app_home):
    from app.paths import app_dirs
    from ui.app_context import AppContext

    arun(ctx.new_project(tmp_path / "Gone.ftproj"))
    arun(ctx.shutdown())
    (tmp_path / "Gone.ftproj").unlink()
    again = AppContext(app_dirs())
    arun(again.load_settings())
    errors = []
    again.error_reported.connect(lambda m, d: errors.append(m))
    arun(again.open_startup_project())
    assert again.project.name == "My first project"
    assert errors and "does not exist" in errors[0]
    assert str((tmp_path / "Gone.ftproj").resolve()) not in again.settings.recent_projects
    arun(again.shutdown())


def test_an_unhandled_error_shows_a_banner_with_redacted_copyable_details(window, arun, qapp):
    secret = "sk-proj-SECRETSECRET1234567890"

    async def broken():
        raise RuntimeError(f"exploded while using {secret}")

    task = window.tasks.spawn(broken())
    arun(until(lambda: task.done() and window.banner.isVisible(), what="banner"))
    assert "keeps running" in window.banner.message.text()
    assert "RuntimeError" in window.banner.details.toPlainText()
    window.banner.copy_details()
    copied = qapp.clipboard().text()
    assert "exploded while using" in copied and secret not in copied
    assert window.isVisible()  # the app was not killed


def test_window_geometry_is_remembered(ctx, arun, qtbot):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(790, 610)
    w.show()
    w.close()
    w2 = MainWindow(ctx)
    qtbot.addWidget(w2)
    assert (w2.width(), w2.height()) == (790, 610)


def test_shortcuts_sheet_lists_the_keys_of_every_view(window, qtbot):
    window.show_shortcuts()
    sheet = window.shortcuts_dialog
    assert sheet.isVisible()
    text = sheet.findChild(QTextBrowser).toPlainText()
    for words in ("Next error", "F8", "New example", "Ctrl+N", "Ctrl+Shift+Z", "Search", "Ctrl+F", "F1 or ?",
                  "Answer A is better", "1 or ←", "Both answers are bad", "Blind mode on / off", "Ctrl+Enter"):
        assert words in text
    for section in ("Everywhere", "Datasets", "Annotate", "Playground"):
        assert section in text
    sheet.close()


def test_dropping_a_file_on_the_datasets_view_opens_the_import(window, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    from ui.datasets.import_formats import accepts_drop

    path = tmp_path / "faq.csv"
    path.write_text("q,a\n1,2\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert accepts_drop(mime) == str(path)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    assert accepts_drop(other) is None
