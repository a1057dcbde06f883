"""The main window: sidebar navigation, menus, status bar, error banner. Layout and routing only."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QStackedWidget,
    QStatusBar,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.paths import PROJECT_SUFFIX
from app.version import build_info
from ui.app_context import AppContext, ConnectionState
from ui.language_switch import LanguageSwitchMixin
from ui.resources import icon
from ui.sample_offer import SampleOfferBar
from ui.tasks import TaskScope
from ui.views.pages import build_view, view_specs
from ui.widgets.error_banner import ErrorBanner

PROJECT_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Finetune Studio projects (*.ftproj);;All files (*)")


class MainWindow(LanguageSwitchMixin, QMainWindow):
    """The frame around the four views. It owns a task scope that is cancelled on close."""

    closed = Signal()
    language_switched = Signal(str)  # the language now spoken ("en", "pt_BR"), after the rebuild

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = TaskScope("main window", on_error=lambda _n, e: ctx.report_error(self._plain(e), e))
        self._ui_state = QSettings(str(ctx.dirs.config / "window.ini"), QSettings.Format.IniFormat)
        self._closing = False
        self.connections_dialog = None
        self.preferences_dialog = None
        self.shortcuts_dialog = None
        self._pending_language: str | None = None
        self._first_start = not ctx.settings.recent_projects  # the sample project is offered then
        self._language_timer = QTimer(self, interval=500)
        self._language_timer.timeout.connect(self._apply_pending_language)
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(QSize(760, 520))
        self._build_ui()
        ctx.project_changed.connect(self._on_project_changed)
        ctx.connection_state_changed.connect(self._on_connection_state)
        ctx.error_reported.connect(self._show_error)
        ctx.settings_changed.connect(self._rebuild_recent_menu)
        ctx.open_in_playground_requested.connect(lambda *_: self.show_view("playground"))
        ctx.project_open_failed.connect(self._offer_restore)
        self._on_project_changed(ctx.project)
        if not self.restoreGeometry(self._ui_state.value("geometry", b"")):
            self._default_geometry()

    def _default_geometry(self) -> None:
        """First start: most of the screen, centred."""
        screen = self.screen().availableGeometry()
        w, h = min(1400, int(screen.width() * 0.94)), min(900, int(screen.height() * 0.94))
        self.setGeometry(screen.x() + (screen.width() - w) // 2, screen.y() + (screen.height() - h) // 2, w, h)

    @staticmethod
    def _plain(exc: BaseException) -> str:
        from app.store.errors import ProjectError

        if isinstance(exc, ProjectError):
            return str(exc)
        return MainWindow.tr("Something went wrong. The app keeps running; the details below can help support.")

    # --- layout ---------------------------------------------------------------------------
    def _build_ui(self) -> None:
        """Everything with text in it: views, menus, status bar (built again in a new language)."""
        self._build_sidebar_and_pages()
        self._build_menus()
        self._build_status_bar()

    def _build_sidebar_and_pages(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Views"))
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet("#sidebar::item { padding: 9px 6px; }")
        self.pages = QStackedWidget()
        self.view_keys: list[str] = []
        for spec in view_specs():
            item = QListWidgetItem(icon(spec.icon), spec.label)
            item.setToolTip(f"{spec.label} ({QKeySequence(spec.shortcut).toString(QKeySequence.NativeText)})")
            self.sidebar.addItem(item)
            page = build_view(spec.key, self.ctx)
            page.setObjectName(f"view_{spec.key}")
            self.pages.addWidget(page)
            self.view_keys.append(spec.key)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.settings_button = QToolButton()
        self.settings_button.setText(self.tr("Settings"))
        self.settings_button.setIcon(icon("settings"))
        self.settings_button.setIconSize(QSize(22, 22))
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.setAutoRaise(True)
        self.settings_button.setToolTip(self.tr("Connections and preferences (Ctrl+,)"))
        self.settings_button.clicked.connect(self.show_connections)

        side = QWidget()
        side.setObjectName("sidebarPanel")
        side.setFixedWidth(190)
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(6, 10, 6, 8)
        side_lay.addWidget(self.sidebar, 1)
        side_lay.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.banner = ErrorBanner()
        self.sample_offer = SampleOfferBar(self.ctx, self.tasks, offer=self._first_start)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(8, 8, 8, 0)
        right_lay.addWidget(self.banner)
        right_lay.addWidget(self.sample_offer)
        right_lay.addWidget(self.pages, 1)

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(side)
        lay.addWidget(right, 1)
        self.setCentralWidget(central)
        self.sidebar.setCurrentRow(0)

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:  # noqa: ANN001
        act = QAction(text, self.menuBar())  # owned by the menu bar: a rebuild replaces both
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def _build_menus(self) -> None:
        self.setMenuBar(QMenuBar(self))  # a fresh one on a rebuild (Qt deletes the old one)
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        # Ctrl+N belongs to "new example" in the Datasets view.
        self.new_action = self._action(self.tr("&New Project…"), self.choose_new_project, "Ctrl+Shift+N")
        self.open_action = self._action(
            self.tr("&Open Project…"), self.choose_open_project, QKeySequence.StandardKey.Open
        )
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), bar)
        file_menu.addMenu(self.recent_menu)
        self.restore_action = self._action(self.tr("Restore from &Backup…"), self.show_restore_backup)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.quit_action)

        view_menu = bar.addMenu(self.tr("&View"))
        for row, spec in enumerate(view_specs()):
            view_menu.addAction(
                self._action(spec.label, lambda _=False, r=row: self.sidebar.setCurrentRow(r), spec.shortcut)
            )

        settings_menu = bar.addMenu(self.tr("&Settings"))
        self.connections_action = self._action(self.tr("&Connections…"), self.show_connections, "Ctrl+,")
        settings_menu.addAction(self.connections_action)
        self.preferences_action = self._action(self.tr("&Preferences…"), self.show_preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_menu.addAction(self.preferences_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        shortcuts = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, "F1")
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("?")])  # text fields still take "?"
        help_menu.addAction(shortcuts)
        help_menu.addAction(self._action(self.tr("Open the &Sample Project"), self.open_sample_project))
        help_menu.addAction(self._action(self.tr("&About Finetune Studio"), self.show_about))
        self._rebuild_recent_menu()

    def _build_status_bar(self) -> None:
        self.setStatusBar(QStatusBar(self))  # a fresh one on a rebuild (Qt deletes the old one)
        self.project_label = QLabel()
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionStatus")
        self.statusBar().addWidget(self.project_label, 1)
        self.statusBar().addPermanentWidget(self.connection_label)
        self._on_connection_state(str(self.ctx.connection_state), self.ctx.connection_detail)

    # --- reactions ------------------------------------------------------------------------
    def _on_project_changed(self, project) -> None:  # noqa: ANN001
        if project is None:
            self.setWindowTitle("Finetune Studio")  # the product name, never translated
            self.project_label.setText(self.tr("Opening project…"))
            return
        self.setWindowTitle(f"{project.name} — Finetune Studio")
        self.project_label.setText(self.tr("Project: {name}  ·  {path}").format(name=project.name, path=project.path))

    def _on_connection_state(self, state: str, detail: str) -> None:
        profile = self.ctx.active_profile()
        name = profile.name if profile else ""
        texts = {
            ConnectionState.NONE: ("○", self.tr("No connection — add one in Settings")),
            ConnectionState.NO_KEY: ("⚠", self.tr("{name}: no API key").format(name=name)),
            ConnectionState.NO_KEYRING: ("⚠", self.tr("{name}: keyring unavailable").format(name=name)),
            ConnectionState.READY: ("●", self.tr("{name}: key stored").format(name=name)),
            ConnectionState.CONNECTED: ("✔", self.tr("{name}: connected").format(name=name)),
            ConnectionState.OFFLINE: ("✖", self.tr("{name}: offline").format(name=name)),
            ConnectionState.REJECTED: ("✖", self.tr("{name}: key rejected").format(name=name)),
        }
        mark, text = texts[ConnectionState(state)]
        self.connection_label.setText(f"{mark} {text}")
        self.connection_label.setToolTip(detail or text)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.ctx.settings.recent_projects
        for i, path in enumerate(recent):
            label = f"&{i + 1} {Path(path).name}" if i < 9 else Path(path).name
            act = self.recent_menu.addAction(label)
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_project_path(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)

    # --- commands -------------------------------------------------------------------------
    def _project_dialog(self, save: bool) -> QFileDialog:
        start = str(self.ctx.project.path.parent) if self.ctx.project else str(Path.home())
        title = self.tr("New Project") if save else self.tr("Open Project")
        dlg = QFileDialog(self, title, start, QCoreApplication.translate("MainWindow", PROJECT_FILTER))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
        if save:
            dlg.setDefaultSuffix(PROJECT_SUFFIX.lstrip("."))
        else:
            dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dlg

    def choose_new_project(self) -> None:
        """Ask where to create a project (non-blocking dialog), then create and open it."""
        dlg = self._project_dialog(save=True)
        dlg.fileSelected.connect(self.new_project_path)
        dlg.open()

    def choose_open_project(self) -> None:
        """Ask which project to open (non-blocking dialog), then open it."""
        dlg = self._project_dialog(save=False)
        dlg.fileSelected.connect(self.open_project_path)
        dlg.open()

    def new_project_path(self, path: str) -> None:
        """Create a project at ``path`` and switch to it."""
        self.tasks.spawn(self._guarded(self.ctx.new_project(Path(path))))

    def open_project_path(self, path: str) -> None:
        """Open the project at ``path`` and switch to it; on failure the current one stays."""
        self.tasks.spawn(self._guarded(self.ctx.open_project(Path(path))))

    async def _guarded(self, coro) -> None:  # noqa: ANN001
        from app.store.errors import ProjectError

        try:
            await coro
        except ProjectError as exc:
            self.ctx.report_error(str(exc))

    def show_restore_backup(self) -> None:
        """File → Restore from Backup…: the open project's backups (non-modal); restoring opens the copy."""
        from ui.restore_backup_dialog import RestoreBackupDialog

        if self.ctx.project is not None:
            self.restore_dialog = RestoreBackupDialog(self.ctx, self.ctx.project.path, self)
            self.restore_dialog.open()

    def _offer_restore(self, exc: Exception) -> None:
        """A project could not be opened: if it is damaged and has backups, offer to restore one."""
        from ui.restore_backup_dialog import offer_restore

        self.tasks.spawn(offer_restore(self.ctx, exc, self))

    def show_connections(self) -> None:
        """Open Settings → Connections (non-modal)."""
        from ui.settings.connections_dialog import ConnectionsDialog

        if self.connections_dialog is None:
            self.connections_dialog = ConnectionsDialog(self.ctx, self)
            self.connections_dialog.destroyed.connect(lambda: setattr(self, "connections_dialog", None))
        self.connections_dialog.show()
        self.connections_dialog.raise_()
        self.connections_dialog.activateWindow()

    def _show_error(self, message: str, details: str) -> None:
        self.banner.show_error(message, details)

    def show_shortcuts(self) -> None:
        """A sheet of the keyboard shortcuts, one section per view (scrolls when long)."""
        from ui.annotate.view import SHORTCUTS as ANNOTATE
        from ui.datasets.toolbar import SHORTCUTS as DATASETS
        from ui.playground.view import SHORTCUTS as PLAYGROUND

        general = [(s.label, s.shortcut) for s in view_specs()] + [
            (self.tr("New project"), "Ctrl+Shift+N"),
            (self.tr("Open project"), "Ctrl+O"),
            (self.tr("Connections"), "Ctrl+,"),
            (self.tr("Keyboard shortcuts"), self.tr("F1 or ?")),
            (self.tr("Quit"), "Ctrl+Q"),
        ]
        def rows(context: str, shortcuts: list[tuple[str, str]]) -> list[tuple[str, str]]:
            # Marked with QT_TRANSLATE_NOOP in their modules; keys without words are not in the catalogue
            # and come back unchanged.
            translate = QCoreApplication.translate
            return [(translate(context, n), translate(context, k)) for n, k in shortcuts]

        sections = [
            (self.tr("Everywhere"), general),
            (self.tr("Datasets"), rows("DatasetsShortcuts", DATASETS)),
            (self.tr("Annotate"), rows("AnnotateShortcuts", ANNOTATE)),
            (self.tr("Playground"), rows("PlaygroundShortcuts", PLAYGROUND)),
        ]
        html = "".join(
            f"<h3>{html_escape(title)}</h3><table>"
            + "".join(f"<tr><td style='padding-right:24px'>{html_escape(name)}</td>"
                      f"<td><b>{html_escape(keys)}</b></td></tr>" for name, keys in rows)
            + "</table>"
            for title, rows in sections
        )
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard Shortcuts"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        browser = QTextBrowser(dialog)
        browser.setHtml(html)
        browser.setAccessibleName(self.tr("Keyboard shortcuts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        lay = QVBoxLayout(dialog)
        lay.addWidget(browser)
        lay.addWidget(buttons)
        dialog.resize(620, min(640, max(360, self.height() - 80)))
        self.shortcuts_dialog = dialog
        dialog.open()

    def open_sample_project(self) -> None:
        """Help → Open the Sample Project: create it in the app's language if missing, then open it."""
        self.sample_offer.open_sample_project()

    def show_about(self) -> None:
        """Help → About."""
        text = self.tr(
            "<h3>Finetune Studio {version}</h3>"
            "<p>Turn your know-how into a fine-tuned model: build training data, judge answers, "
            "train and compare.</p><p>Your data stays in one project file on your disk; API keys stay "
            "in your system keyring.</p><p><small>{build}</small></p>"
        ).format(version=__version__, build=build_info().summary())
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("About Finetune Studio"), text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_view(self, key: str) -> None:
        """Bring one of the four views to the front (as its sidebar entry would)."""
        self.sidebar.setCurrentRow(self.view_keys.index(key))

    def current_view(self) -> str:
        """The key of the visible view."""
        return self.view_keys[self.pages.currentIndex()]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Save the window geometry, cancel the window's tasks and tell the app to shut down."""
        if not self._closing:
            self._closing = True
            self._ui_state.setValue("geometry", self.saveGeometry())
            self._ui_state.sync()
            self.tasks.cancel_all()
            self._language_timer.stop()
            self._shut_down_views()
            if self.connections_dialog is not None:
                self.connections_dialog.close()
            self.closed.emit()
        event.accept()
