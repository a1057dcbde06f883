"""File → Restore from Backup…: a project's automatic backups, newest first, and restoring one.

Restoring writes a NEW project file next to the project and opens it; the project itself is left as
it is. When a project could not be opened because it is damaged (or is no longer a project), the
same dialog opens by itself with the problem at the top and one more choice: replace the damaged
file with the backup, the damaged one kept beside it as "<name>.damaged". Files are listed and
written on worker threads; the dialog is non-modal and cannot be closed halfway through a restore.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.runtime.threads import run_blocking
from app.store import backups
from app.store.backups import BackupInfo
from app.store.errors import DamagedProjectError, NotAProjectError, ProjectError
from ui import locale_format
from ui.app_context import AppContext
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

REASONS = {
    "scheduled": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Automatic, while you worked"),
    "pre-migration": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Before upgrading to this version of the app"),
    "merge": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Before merging a colleague's copy"),
    "delete-dataset": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Before deleting a dataset"),
    "delete-examples": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Before deleting examples"),
    "remove-duplicates": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Before removing duplicates"),
    "manual": QT_TRANSLATE_NOOP("RestoreBackupDialog", "Made by hand"),
}


def reason_label(reason: str) -> str:
    """Why a backup was made, in the user's language (an unknown reason as it is written)."""
    return QCoreApplication.translate("RestoreBackupDialog", REASONS[reason]) if reason in REASONS else reason


def size_label(size: int) -> str:
    """A file size: "812 KB", "158.1 MB" (the locale's decimal sign)."""
    if size < 1_000_000:
        kb = locale_format.number(max(1, round(size / 1000)))
        return QCoreApplication.translate("RestoreBackupDialog", "{0} KB").format(kb)
    mb = locale_format.decimal(size / 1_000_000, 1)
    return QCoreApplication.translate("RestoreBackupDialog", "{0} MB").format(mb)


def _restore_copy(project_path: Path, backup: BackupInfo) -> Path:
    target = backups.restored_copy_path(project_path, backup)
    return backups.restore_backup(backup, target, name=target.stem)


class RestoreBackupDialog(QDialog):
    """The backups of the project at ``project_path``; ``problem`` (why it could not be opened) turns
    on the damaged-file mode. Emits ``restored(path)`` once the restored project is open."""

    restored = Signal(object)  # Path

    def __init__(
        self, ctx: AppContext, project_path: Path, parent: QWidget | None = None, *, problem: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_path = Path(project_path)
        self.problem = problem
        self.backups: list[BackupInfo] = []
        self.busy = False
        self.tasks = TaskScope("restore-backup", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.destroyed.connect(self.tasks.cancel_all)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.resize(640, 380)

        name = self.project_path.name
        if problem:
            intro = self.tr(
                "{problem}\n\nYou can restore it from one of its automatic backups, newest first. Restoring as "
                "a copy writes a new project file next to it; replacing keeps the damaged file as “{kept}”."
            ).format(problem="⚠ " + problem, kept=f"{name}.damaged")
        else:
            intro = self.tr(
                "Automatic backups of “{name}”, newest first. Restoring one writes it as a new project file next "
                "to this one and opens it; this project stays as it is."
            ).format(name=name)
        self.intro = selectable_label(intro)

        self.table = QTreeWidget()
        self.table.setColumnCount(3)
        self.table.setHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Size")])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.itemActivated.connect(lambda *_: self.restore_copy())  # Enter or double-click
        self.table.currentItemChanged.connect(lambda *_: self._update_state())
        self.empty = QLabel(self.tr(
            "There are no backups of this project yet. One is made every 10 minutes while it changes, and "
            "before upgrades, merges and bulk deletes."))
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.progress = QWidget()
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(160)
        bar.setTextVisible(False)
        self.progress_label = QLabel(self.tr("Restoring… the rest of the app stays usable."))
        row = QHBoxLayout(self.progress)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(bar)
        row.addWidget(self.progress_label, 1)
        self.progress.hide()
        self.message = selectable_label()
        self.message.setObjectName("restoreMessage")
        self.message.hide()

        self.buttons = QDialogButtonBox()
        self.copy_button = self.buttons.addButton(self.tr("Restore as a &Copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setToolTip(self.tr("Write the chosen backup as a new project file and open it (Enter)"))
        self.replace_button = None
        if problem:
            self.replace_button = self.buttons.addButton(
                self.tr("&Replace the Damaged File"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.replace_button.setToolTip(
                self.tr("Put the chosen backup in place of “{name}”; the damaged file is kept as “{kept}”.").format(
                    name=name, kept=f"{name}.damaged")
            )
            self.replace_button.clicked.connect(self.replace_damaged)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.restore_copy)
        self.close_button.clicked.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.copy_button.setDefault(True)
        self._update_state()

    # --- showing --------------------------------------------------------------------------------
    def open(self) -> None:  # noqa: A003 - QDialog's name; Qt's open() would make the dialog window-modal
        """Show the dialog without blocking the app and list the backups (on a worker thread)."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.tasks.spawn(self.load())

    async def load(self) -> None:
        """List the project's backups, newest first, and select the newest."""
        found = await run_blocking(backups.list_backups, self.project_path)
        if not self.tasks.alive:
            return
        self.show_backups(found)

    def show_backups(self, found: list[BackupInfo]) -> None:
        """Fill the list (local dates, reasons, sizes)."""
        self.backups = found
        self.table.clear()
        for b in found:
            local = b.created.astimezone()
            item = QTreeWidgetItem([locale_format.date_time(b.created), reason_label(b.reason), size_label(b.size)])
            item.setToolTip(0, local.strftime("%Y-%m-%d %H:%M:%S %Z"))
            item.setToolTip(2, str(b.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
        for col in range(3):
            self.table.resizeColumnToContents(col)
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        if found:
            self.table.setCurrentItem(self.table.topLevelItem(0))
            self.table.setFocus()
        self._update_state()

    def selected(self) -> BackupInfo | None:
        """The chosen backup, if any."""
        row = self.table.indexOfTopLevelItem(self.table.currentItem()) if self.table.currentItem() else -1
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _update_state(self) -> None:
        ok = self.selected() is not None and not self.busy
        self.copy_button.setEnabled(ok)
        if self.replace_button is not None:
            self.replace_button.setEnabled(ok)
        self.close_button.setEnabled(not self.busy)
        self.table.setEnabled(not self.busy)

    # --- restoring ------------------------------------------------------------------------------
    def restore_copy(self) -> None:
        """Restore the chosen backup as a new project file next to the project, and open it."""
        if self.selected() is not None and not self.busy:
            self.tasks.spawn(self.run_restore(replace=False))

    def replace_damaged(self) -> None:
        """Put the chosen backup in place of the damaged file (kept as "<name>.damaged"), and open it."""
        if self.problem and self.selected() is not None and not self.busy:
            self.tasks.spawn(self.run_restore(replace=True))

    async def run_restore(self, *, replace: bool) -> None:
        """Write the restored file on a worker thread, then open it; a failure is said in the dialog."""
        backup = self.selected()
        if backup is None:
            return
        self._set_busy(True)
        self.message.hide()
        failure: str | None = None
        target: Path | None = None
        try:
            if replace:
                await run_blocking(backups.replace_damaged, self.project_path, backup)
                target = self.project_path
            else:
                target = await run_blocking(_restore_copy, self.project_path, backup)
            await self.ctx.open_project(target)
        except ProjectError as exc:  # BackupError included: already a message for the user
            failure = str(exc)
        except OSError as exc:
            failure = self.tr("The backup could not be restored: {0}").format(exc.strerror or exc)
        finally:
            self._set_busy(False)
        if not self.tasks.alive:
            return
        if failure is not None:
            self.message.setText("⚠ " + failure)
            self.message.show()
            return
        self.restored.emit(target)
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.tasks.alive:
            self.progress.setVisible(busy)
            self._update_state()

    def done(self, result: int) -> None:
        """Close, unless a restore is under way (it finishes and opens the project first)."""
        if not self.busy:
            super().done(result)


async def offer_restore(
    ctx: AppContext, exc: BaseException, parent: QWidget | None = None
) -> RestoreBackupDialog | None:
    """After a project failed to open: when it is damaged or no longer a project AND it has backups,
    open the dialog in its damaged-file mode. Returns the dialog, or None when there is nothing to offer."""
    if not isinstance(exc, DamagedProjectError | NotAProjectError):
        return None
    found = await run_blocking(backups.list_backups, exc.path)
    if not found:
        return None
    dialog = RestoreBackupDialog(ctx, exc.path, parent, problem=str(exc))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.show_backups(found)
    return dialog
