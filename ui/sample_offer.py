"""The sample project in the window: the first-run offer ("New here? …") and Help → Open the Sample
Project. Both create the sample in the app's data folder if it is not there yet, in the language the
app speaks, and open it; the work runs off the GUI thread (see app.services.sample_project)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QStyle, QWidget

from app.runtime.threads import run_blocking
from app.services.projects import Project
from app.services.sample_project import create_sample_project, sample_language, sample_project_path
from ui import i18n
from ui.app_context import AppContext
from ui.tasks import TaskScope

_opening: set[Path] = set()  # samples being created/opened now: a second click waits for nothing


def ui_language(ctx: AppContext) -> str:
    """The language the sample is written in: the one the app speaks (Settings, else the system's)."""
    return sample_language(i18n.resolve_language(ctx.settings.language))


async def open_sample_project(ctx: AppContext) -> Project | None:
    """Open the sample project in the app's language, creating it first when it does not exist.
    Returns None when that sample is already being opened (a second click meanwhile)."""
    lang = ui_language(ctx)
    path = sample_project_path(ctx.dirs.data, lang).resolve()
    if path in _opening:
        return None
    _opening.add(path)
    try:
        if not path.exists():
            await run_blocking(create_sample_project, path, lang)
        return await ctx.open_project(path)
    finally:
        _opening.discard(path)


class SampleOfferBar(QFrame):
    """A non-modal bar above the views that offers the sample project on the very first start
    (``offer``) until it is answered; either answer is remembered (``settings.sample_offered``).

    It also runs Help → Open the Sample Project (:meth:`open_sample_project`)."""

    def __init__(self, ctx: AppContext, tasks: TaskScope, offer: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.setObjectName("sampleOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#sampleOffer { background: palette(alternate-base); border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.setAccessibleName(self.tr("Sample project"))
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(22, 22))
        icon.setAccessibleName(self.tr("Tip"))
        self.message = QLabel(
            self.tr(
                "<b>New here?</b> Explore a sample project: a support assistant's training data, answers to "
                "judge side by side and a grader, so every view has something in it before you bring your own data."
            )
        )
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.open_button = QPushButton(self.tr("Open the Sample Project"))
        self.dismiss_button = QPushButton(self.tr("No Thanks"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.dismiss_button)
        self.open_button.clicked.connect(lambda: self.answer(True))
        self.dismiss_button.clicked.connect(lambda: self.answer(False))
        self.setVisible(offer and not ctx.settings.sample_offered)

    def answer(self, accepted: bool) -> None:
        """The user answered the offer: remember it, and open the sample when ``accepted``."""
        self.hide()
        self.ctx.settings.sample_offered = True
        self.tasks.spawn(self.ctx.save_settings())
        if accepted:
            self.open_sample_project()

    def open_sample_project(self) -> None:
        """Create (if needed) and open the sample project in the background."""
        self.tasks.spawn(self._open())

    async def _open(self) -> None:
        from app.store.errors import ProjectError

        failed = self.tr("The sample project could not be opened.")  # before the await: the bar may be rebuilt
        window = self.window()
        status = window.statusBar() if isinstance(window, QMainWindow) else None
        if status is not None:
            status.showMessage(self.tr("Preparing the sample project…"))
        try:
            await open_sample_project(self.ctx)
        except ProjectError as exc:
            self.ctx.report_error(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported in the banner; the current project stays open
            self.ctx.report_error(failed, exc)
        finally:
            if status is not None:
                with contextlib.suppress(RuntimeError):  # the status bar was rebuilt (language switch)
                    status.clearMessage()
