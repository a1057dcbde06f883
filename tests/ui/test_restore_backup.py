"""File → Restore from Backup…, and the offer to restore a project that is damaged."""

from __future__ import annotations

import hashlib
import random
import sqlite3

from PySide6.QtCore import Qt

from app.services.projects import open_project_sync
from app.store import backups
from app.store.backups import BackupError, Reason
from app.store.project_file import create_project
from tests.ui.conftest import until
from ui.restore_backup_dialog import RestoreBackupDialog


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meta(path, key: str):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def put(project, key: str, value: str) -> None:
    project.db.submit_write(
        lambda db: db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
    ).result()


def dialogs(window) -> list[RestoreBackupDialog]:
    return [d for d in window.findChildren(RestoreBackupDialog) if d.isVisible()]


def damaged_project_with_a_backup(tmp_path):
    """A closed project "Clinic.ftproj" holding meta state=backed-up in its one backup, then damaged."""
    path = tmp_path / "Clinic.ftproj"
    create_project(path, "Clinic")
    project = open_project_sync(path)
    # Enough data that garbage in the middle hits the structure of the file.
    project.db.submit_write(lambda db: db.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)", [(f"k{i}", "x" * 2000) for i in range(600)])).result()
    put(project, "state", "backed-up")
    project.db.submit_write(backups.backup_before, Reason.DELETE_DATASET).result()
    put(project, "state", "later")
    project._close_sync()
    data = path.read_bytes()
    mid = len(data) // 2
    path.write_bytes(data[:mid] + random.Random(3).randbytes(64 * 1024) + data[mid + 64 * 1024 :])
    return path


def test_the_file_menu_lists_the_backups_and_restoring_opens_a_copy(window, ctx, arun):
    project = ctx.project
    put(project, "state", "first")
    first = project.db.submit_write(backups.backup_before, Reason.SCHEDULED).result()
    put(project, "state", "second")
    second = project.db.submit_write(backups.backup_before, Reason.DELETE_DATASET).result()
    put(project, "state", "now")
    file_menu = window.menuBar().actions()[0].menu()
    assert "Restore from Backup…" in [a.text().replace("&", "") for a in file_menu.actions()]

    async def scenario():
        window.restore_action.trigger()
        await until(lambda: dialogs(window) and dialogs(window)[0].table.topLevelItemCount() == 2, what="the list")
        dialog = dialogs(window)[0]
        rows = [[dialog.table.topLevelItem(r).text(c) for c in range(3)] for r in range(2)]
        assert [r[1] for r in rows] == ["Before deleting a dataset", "Automatic, while you worked"]  # newest first
        assert all(r[0] and r[2].endswith(("KB", "MB")) for r in rows)
        assert dialog.replace_button is None  # the open project is not damaged: copies only
        assert dialog.table.hasFocus() or not window.isActiveWindow()
        assert dialog.selected() == second
        dialog.table.setCurrentItem(dialog.table.topLevelItem(1))  # the older one
        assert dialog.selected() == first
        restored_paths = []
        dialog.restored.connect(restored_paths.append)
        dialog.table.itemActivated.emit(dialog.table.currentItem(), 0)  # Enter on the row
        await until(lambda: restored_paths, timeout=10, what="the restore")
        await until(lambda: ctx.project is not None and ctx.project.path == restored_paths[0].resolve())
        return restored_paths[0]

    original = project.path
    restored = arun(scenario())
    assert restored.parent == original.parent and restored.name.startswith(original.stem + " (restored ")
    assert window.windowTitle().startswith(restored.stem)
    state = ctx.project.db.submit_read(
        lambda db: db.conn.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()[0]).result()
    assert state == "first"
    assert meta(original, "state") == "now"  # the project itself is as it was


def test_no_backups_yet_says_so_and_offers_nothing(window, ctx, arun):
    async def scenario():
        window.show_restore_backup()
        dialog = window.restore_dialog
        await until(lambda: dialog.empty.isVisible(), what="the empty state")
        assert not dialog.copy_button.isEnabled()
        assert "no backups of this project yet" in dialog.empty.text()
        dialog.close()

    arun(scenario())


def test_a_failed_restore_is_said_in_the_dialog_which_stays_usable(window, ctx, arun, monkeypatch):
    ctx.project.db.submit_write(backups.backup_before, Reason.MERGE).result()

    def refuse(*args, **kwargs):
        raise BackupError(ctx.project.path, "The backup could not be restored (No space left on device).")

    monkeypatch.setattr(backups, "restore_backup", refuse)

    async def scenario():
        window.show_restore_backup()
        dialog = window.restore_dialog
        await until(lambda: dialog.selected() is not None, what="the list")
        before = ctx.project
        dialog.copy_button.click()
        await until(lambda: dialog.message.isVisible(), what="the message")
        assert "No space left on device" in dialog.message.text() and dialog.message.text().startswith("⚠")
        assert dialog.copy_button.isEnabled() and dialog.isVisible()
        assert ctx.project is before
        dialog.close()

    arun(scenario())


def test_a_damaged_project_offers_its_backups_and_can_be_replaced(window, ctx, arun, tmp_path):
    path = damaged_project_with_a_backup(tmp_path)
    damaged = sha256(path)

    async def scenario():
        window.open_project_path(str(path))
        await until(lambda: dialogs(window), timeout=10, what="the offer")
        dialog = dialogs(window)[0]
        assert window.banner.isVisible() and "is damaged" in window.banner.message.text()
        assert "is damaged" in dialog.intro.text() and "Clinic.ftproj.damaged" in dialog.intro.text()
        assert dialog.table.topLevelItemCount() == 1
        assert dialog.table.topLevelItem(0).text(1) == "Before deleting a dataset"
        assert dialog.replace_button is not None and dialog.replace_button.isEnabled()
        assert dialog.replace_button.text().replace("&", "") == "Replace the Damaged File"
        dialog.replace_button.click()
        await until(lambda: ctx.project is not None and ctx.project.path == path.resolve(), timeout=10,
                    what="the replaced project to open")
        await until(lambda: not dialogs(window), what="the dialog to close")

    arun(scenario())
    kept = path.with_name("Clinic.ftproj.damaged")
    assert sha256(kept) == damaged  # the damaged file, byte for byte
    state = ctx.project.db.submit_read(
        lambda db: db.conn.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()[0]).result()
    assert state == "backed-up"


def test_a_damaged_project_restored_as_a_copy_leaves_the_damaged_file_alone(window, ctx, arun, tmp_path):
    path = damaged_project_with_a_backup(tmp_path)
    damaged = sha256(path)

    async def scenario():
        window.open_project_path(str(path))
        await until(lambda: dialogs(window), timeout=10, what="the offer")
        dialog = dialogs(window)[0]
        dialog.copy_button.setFocus()
        dialog.copy_button.click()
        await until(lambda: ctx.project is not None and ctx.project.path.name.startswith("Clinic (restored "),
                    timeout=10, what="the copy to open")

    arun(scenario())
    assert sha256(path) == damaged
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("Clinic.ftproj")) == ["Clinic.ftproj"]


def test_a_damaged_project_without_backups_gets_the_message_only(window, ctx, arun, tmp_path):
    path = tmp_path / "Lost.ftproj"
    path.write_bytes(b"")
    first = ctx.project

    async def scenario():
        window.open_project_path(str(path))
        await until(lambda: window.banner.isVisible(), what="the message")
        for _ in range(20):  # give a (wrong) offer every chance to appear
            await until(lambda: True)
        assert "is empty (0 bytes)" in window.banner.message.text()
        assert dialogs(window) == []
        assert ctx.project is first

    arun(scenario())


def test_the_dialog_is_keyboard_reachable_and_stays_open_while_restoring(window, ctx, arun, qtbot):
    ctx.project.db.submit_write(backups.backup_before, Reason.MANUAL).result()

    async def scenario():
        window.show_restore_backup()
        dialog = window.restore_dialog
        await until(lambda: dialog.selected() is not None, what="the list")
        assert dialog.copy_button.isDefault()
        order, w = [], dialog.table
        for _ in range(4):
            order.append(w)
            w = w.nextInFocusChain()
        assert dialog.table in order
        dialog.busy = True
        dialog.reject()
        assert dialog.isVisible()  # a restore under way is never cut off
        dialog.busy = False
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        await until(lambda: not dialog.isVisible(), what="Escape to close")

    arun(scenario())
