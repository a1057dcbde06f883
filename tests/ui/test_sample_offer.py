"""The sample project as a new user meets it: offered on the first start (once), and in the Help menu."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.services.sample_project import NAMES
from app.store import annotation_repo, datasets_repo, graders_repo
from tests.ui.conftest import until


def help_action(window, text: str):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    return next(a for a in menus["Help"].actions() if a.text().replace("&", "") == text)


def saved_settings(app_home) -> dict:
    return json.loads((app_home / "config" / "settings.json").read_text(encoding="utf-8"))


def test_first_start_offers_the_sample_and_open_creates_and_opens_it(window, ctx, arun, app_home, qtbot):
    offer = window.sample_offer
    assert offer.isVisible() and "New here?" in offer.message.text()
    assert offer.open_button.isVisible() and offer.dismiss_button.isVisible()
    expected = (app_home / "data" / NAMES["en"].file_name).resolve()

    async def scenario():
        qtbot.mouseClick(offer.open_button, Qt.MouseButton.LeftButton)
        await until(lambda: ctx.project is not None and ctx.project.path == expected, timeout=20, what="sample")
        await until(lambda: saved_settings(app_home).get("sample_offered") is True, what="settings saved")
        datasets = await ctx.project.db.read(datasets_repo.list_datasets)
        queues = await ctx.project.db.read(annotation_repo.list_queues)
        graders = await ctx.project.db.read(graders_repo.list_graders)
        return datasets, queues, graders

    datasets, queues, graders = arun(scenario(), timeout=30)
    assert not offer.isVisible()
    assert window.windowTitle().startswith(NAMES["en"].project)
    assert sorted(d.name for d in datasets) == sorted([NAMES["en"].sft, NAMES["en"].dpo, NAMES["en"].rft])
    assert [q.name for q in queues] == [NAMES["en"].queue] and [g.name for g in graders] == [NAMES["en"].grader]
    assert str(expected) == ctx.settings.recent_projects[0]


def test_no_thanks_is_remembered_and_the_offer_does_not_come_back(window, ctx, arun, app_home, qtbot):
    from ui.main_window import MainWindow

    first = ctx.project.path

    async def scenario():
        qtbot.mouseClick(window.sample_offer.dismiss_button, Qt.MouseButton.LeftButton)
        await until(lambda: saved_settings(app_home).get("sample_offered") is True, what="settings saved")

    arun(scenario())
    assert not window.sample_offer.isVisible()
    assert ctx.project.path == first  # nothing opened
    assert not (app_home / "data" / NAMES["en"].file_name).exists()
    again = MainWindow(ctx)  # the next start (the settings say it was answered)
    qtbot.addWidget(again)
    again.show()
    assert not again.sample_offer.isVisible()
    again.close()


def test_not_offered_to_someone_who_already_has_projects(ctx, arun, qtbot, tmp_path):
    from ui.main_window import MainWindow

    ctx.settings.recent_projects = [str(tmp_path / "Clinic.ftproj")]
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    assert not w.sample_offer.isVisible()
    assert help_action(w, "Open the Sample Project") is not None
    w.close()


def test_help_opens_the_sample_in_the_apps_language_and_reopens_it_later(window, ctx, arun, app_home):
    ctx.settings.language = "pt_BR"
    action = help_action(window, "Open the Sample Project")
    expected = (app_home / "data" / NAMES["pt_BR"].file_name).resolve()
    default = ctx.project.path

    async def scenario():
        action.trigger()
        action.trigger()  # a second click while it is being made starts nothing more
        await until(lambda: ctx.project is not None and ctx.project.path == expected, timeout=20, what="sample")
        datasets = await ctx.project.db.read(datasets_repo.list_datasets)
        await ctx.open_project(default)
        await until(lambda: ctx.project.path == default, what="back to the default project")
        stamp = expected.stat().st_mtime_ns
        action.trigger()  # exists now: opened as it is, not made again
        await until(lambda: ctx.project.path == expected, timeout=10, what="sample again")
        return datasets, stamp

    datasets, stamp = arun(scenario(), timeout=30)
    assert sorted(d.name for d in datasets) == sorted([NAMES["pt_BR"].sft, NAMES["pt_BR"].dpo, NAMES["pt_BR"].rft])
    assert ctx.project.name == NAMES["pt_BR"].project
    assert not window.banner.isVisible()
    assert not list(expected.parent.glob(".*partial*"))
    assert expected.stat().st_mtime_ns >= stamp
