"""The Playground view: the same conversation sent to two to four models side by side.

Toolbar: history, new session, add pane, blind mode and reveal, shared parameters, send pair,
batch run, stop all. Above the panes the shared parameters and the system prompt; below them the
messages so far and the next one. Every change is saved to the project (a finished answer at once,
the rest shortly after), and the last session reopens with the project.
"""

from __future__ import annotations

import contextlib
import random

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.models.chat import ChatParams
from app.models.connection import ProviderKind
from app.services.chat import ChatTarget, request_kwargs
from app.services.playground_session import Answer, PaneConfig, PlaygroundSession
from app.services.projects import Project
from ui.app_context import AppContext
from ui.playground import dialogs
from ui.playground.history import SessionHistoryMixin, store_session
from ui.playground.layout import build_view, set_tab_order
from ui.playground.model_picker import ModelCatalog, friendly_name
from ui.playground.pane import AnswerPaneWidget
from ui.playground.streams import PaneStreams
from ui.tasks import TaskScope

MIN_PANES, MAX_PANES = 2, 4
SAVE_DELAY_MS = 700
SHORTCUTS = [  # (what, keys), translated in the PlaygroundShortcuts context; keys only where they hold words
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Send to every pane"), "Ctrl+Enter"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Stop all answers"), "Esc"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Blind mode on / off"), "Ctrl+B"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Reveal the models"), "Ctrl+Shift+B"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Save the selected answer as an example"), "Ctrl+S"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Send two answers as a pair"), "Ctrl+Shift+P"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "New session"), "Ctrl+N"),
    (QT_TRANSLATE_NOOP("PlaygroundShortcuts", "Show the history"), "Ctrl+H"),
]


class PlaygroundView(SessionHistoryMixin, QWidget):
    """Compare models side by side; the public entry is :meth:`open_model`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, rng: random.Random | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("Playground")
        self.tasks = TaskScope("playground", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.rng = rng or random.Random()
        self.not_ready_wait = 30.0  # how long a new fine-tune may answer "not found" before it is an error
        self.not_ready_backoff = 1.0
        self.session = PlaygroundSession()
        self.project: Project | None = None  # the project the session belongs to
        self.panes: list[AnswerPaneWidget] = []  # by pane index (display order is session.display_order())
        self.left_out: dict[int, dict[str, str]] = {}
        self.current = 0  # pane index Ctrl+S applies to
        self.catalog = ModelCatalog(ctx, self)
        self.streams = PaneStreams(self)
        self.loading = False
        self._pending_open: list[tuple[str, str]] = []
        self._closed = False
        self._watched: QWidget | None = None
        self._connections = self._connection_signature()
        self.dialogs = dialogs.DialogHost(self)
        self._ui_state = QSettings(str(ctx.dirs.config / "window.ini"), QSettings.Format.IniFormat)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._info_timer = QTimer(self, singleShot=True, interval=10_000)
        build_view(self)
        self._info_timer.timeout.connect(self.info.hide)
        ctx.project_changed.connect(self._on_project_changed)
        ctx.settings_changed.connect(self._on_settings_changed)
        ctx.open_in_playground_requested.connect(self.open_model)
        QApplication.instance().focusChanged.connect(self._on_focus)
        self.set_session(PlaygroundSession(panes=[self._blank_pane(), self._blank_pane()]), None)
        if ctx.project is not None:
            self._on_project_changed(ctx.project)

    # --- the session ----------------------------------------------------------------------
    def _blank_pane(self, model: str = "") -> PaneConfig:
        return PaneConfig(self.ctx.settings.active_connection or "", model)

    def turns_of(self, pane: int) -> list[tuple[str, Answer | None]]:
        """The conversation as pane ``pane`` shows it: each user message and its answer."""
        return [(t.user, t.answers[pane] if pane < len(t.answers) else None) for t in self.session.turns]

    def set_session(self, session: PlaygroundSession, project: Project | None) -> None:
        """Show ``session`` (of ``project``): panes, conversation, toggles."""
        self.streams.stop_all()
        self.session, self.project = session, project
        while len(session.panes) < MIN_PANES:
            session.add_pane(self._blank_pane())
        while len(self.panes) < len(session.panes):
            self.panes.append(self._make_pane())
        while len(self.panes) > len(session.panes):
            self.panes.pop().deleteLater()
        self.left_out.clear()
        for i, pane in enumerate(self.panes):
            self.show_config(i)
            pane.show_turns(self.turns_of(i))
        self.system.set_text(session.system)
        self.shared_params.set_params(session.params)
        for act, on in ((self.blind_action, session.blind), (self.shared_action, session.shared_params)):
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
        self.current = session.display_order()[0]
        self._refresh()

    def show_config(self, pane: int) -> None:
        """Show pane ``pane``'s target; a pane without a known connection takes the one shown."""
        cfg = self.session.panes[pane]
        self.panes[pane].set_config(cfg)
        chosen = self.panes[pane].picker.profile_id()
        if self.ctx.settings.connection(cfg.profile_id) is None and chosen:
            cfg.profile_id = chosen

    def _make_pane(self) -> AnswerPaneWidget:
        pane = AnswerPaneWidget(self.ctx, self.catalog, self.tasks)
        pane.remove_requested.connect(lambda p=pane: self.remove_pane(self.panes.index(p)))
        pane.stop_requested.connect(lambda p=pane: self.streams.stop(self.panes.index(p)))
        pane.save_requested.connect(lambda p=pane: self.dialogs.save_example(self.panes.index(p)))
        pane.config_edited.connect(lambda p=pane: self._on_pane_edited(self.panes.index(p)))
        return pane

    def _refresh(self) -> None:
        """Lay the panes out in display order and update titles, notes and actions."""
        s = self.session
        order = s.display_order()
        for pos, i in enumerate(order):
            self.pane_splitter.insertWidget(pos, self.panes[i])
        self.pane_splitter.setSizes([1000] * len(order))
        self.shared_row.setVisible(s.shared_params)
        for i, pane in enumerate(self.panes):
            pane.set_hidden_mode(s.hidden)
            pane.set_shared_params(s.shared_params)
            pane.set_title(self.label_of(i), self._title_tip(i))
            pane.set_current(i == self.current)
            pane.set_left_out(self._left_out_of(i))
            pane.refresh_status()
        self.message_bar.set_history([t.user for t in s.turns])
        self.no_connection.setVisible(not self.ctx.settings.connections)
        self._update_actions()
        set_tab_order(self)

    def _update_actions(self) -> None:
        s, running = self.session, self.streams.running
        self.reveal_action.setEnabled(s.hidden)
        self.add_action.setEnabled(len(self.panes) < MAX_PANES)
        self.stop_action.setEnabled(running)
        self.send_action.setEnabled(not running)
        self.message_bar.send_button.setEnabled(not running)
        self.pair_action.setEnabled(not running and len(self.last_answers()) >= 2)
        for pane in self.panes:
            pane.set_removable(len(self.panes) > MIN_PANES and not running)

    def label_of(self, pane: int) -> str:
        """The pane's name as shown: "Model 2" in blind mode, with the model once revealed."""
        s = self.session
        pos = s.display_order().index(pane) + 1
        model = friendly_name(s.panes[pane].model or s.panes[pane].base_model or "") or self.tr("no model yet")
        if s.hidden:
            return self.tr("Model %1").replace("%1", str(pos))
        if s.blind:
            return self.tr("Model %1: %2").replace("%1", str(pos)).replace("%2", model)
        return self.tr("%1. %2").replace("%1", str(pos)).replace("%2", model)

    def _title_tip(self, pane: int) -> str:
        cfg = self.session.panes[pane]
        if self.session.hidden:
            return self.tr("Blind mode: the model stays hidden until you press Reveal (Ctrl+Shift+B).")
        if cfg.base_model:
            return self.tr("Deployment %1 running %2").replace("%1", cfg.model).replace("%2", cfg.base_model)
        return cfg.model

    def _left_out_of(self, pane: int) -> dict[str, str]:
        if pane in self.left_out:
            return self.left_out[pane]
        cfg = self.session.panes[pane]
        profile = self.ctx.settings.connection(cfg.profile_id)
        if profile is None or not (cfg.model or cfg.base_model):
            return {}
        return request_kwargs(ChatTarget(profile, cfg.model, cfg.base_model), self.session.params_for(pane))[1]

    # --- edits ----------------------------------------------------------------------------
    def _on_pane_edited(self, pane: int) -> None:
        self.session.panes[pane] = self.panes[pane].config()
        self.left_out.pop(pane, None)
        self.panes[pane].set_title(self.label_of(pane), self._title_tip(pane))
        self.panes[pane].set_left_out(self._left_out_of(pane))
        self.dialogs.targets_changed()
        self.save_soon()

    def _on_shared_params(self, params: ChatParams) -> None:
        self.session.params = params
        self.left_out.clear()
        for i, pane in enumerate(self.panes):
            pane.set_left_out(self._left_out_of(i))
        self.save_soon()

    def _on_system(self, text: str) -> None:
        self.session.system = text
        self.save_soon()

    def set_shared_params(self, on: bool) -> None:
        """Use one set of parameters for every pane, or each pane its own."""
        s = self.session
        s.shared_params = on
        if not on:
            for i, cfg in enumerate(s.panes):  # start each pane from the shared values
                if cfg.params == ChatParams():
                    cfg.params = s.params
                    self.panes[i].set_params(s.params)
        self.left_out.clear()
        self._refresh()
        self.save_soon()

    def set_blind(self, on: bool) -> None:
        """Blind mode: hide the model names and shuffle the panes until Reveal."""
        s = self.session
        s.blind = on
        if on:
            s.shuffle(self.rng)
        else:
            s.order, s.revealed = [], False
        self.current = s.display_order()[0]
        self._refresh()
        self.dialogs.targets_changed()
        self.save_soon()

    def reveal(self) -> None:
        """Show which model is in which pane (the order stays)."""
        if self.session.hidden:
            self.session.revealed = True
            self._refresh()
            self.dialogs.targets_changed()
            self.save_soon()

    def add_pane(self, config: PaneConfig | None = None) -> int | None:
        """One more pane (up to four); returns its index."""
        if len(self.panes) >= MAX_PANES:
            return None
        cfg = config or PaneConfig(self.session.panes[-1].profile_id if self.session.panes else "", "")
        index = self.session.add_pane(cfg)
        pane = self._make_pane()
        self.panes.append(pane)
        self.show_config(index)
        pane.show_turns(self.turns_of(index))
        self._refresh()
        self.dialogs.targets_changed()
        self.save_soon()
        return index

    def remove_pane(self, pane: int) -> None:
        """Remove a pane and its answers (never below two, not while answering)."""
        if len(self.panes) <= MIN_PANES or self.streams.running:
            return
        self.session.remove_pane(pane)
        self.panes.pop(pane).deleteLater()
        self.left_out.clear()
        self.current = self.session.display_order()[0]
        self._refresh()
        self.dialogs.targets_changed()
        self.save_soon()

    def open_model(self, profile_id: str, model: str) -> None:
        """Put a model in the Playground: the pane that has it, else an empty pane, else a new one
        (up to four; with four the last shown pane takes it)."""
        if self.loading or self.project is None:  # the project's last session is still being read
            self._pending_open.append((profile_id, model))
            return
        s = self.session
        profile = self.ctx.settings.connection(profile_id)
        azure = profile is not None and profile.kind is ProviderKind.AZURE
        # Azure calls a deployment, not a model id: keep the model as the one behind it.
        cfg = PaneConfig(profile_id, "" if azure else model, model if azure else None)
        found = next((i for i, c in enumerate(s.panes) if c.profile_id == profile_id
                      and model in (c.model, c.base_model)), None)
        if found is None:
            found = next((i for i, c in enumerate(s.panes) if not c.model and not c.base_model), None)
            if found is None and len(self.panes) < MAX_PANES:
                found = self.add_pane(cfg)
            else:
                if found is None:
                    found = s.display_order()[-1]
                cfg.params = s.panes[found].params
                s.panes[found] = cfg
                self.show_config(found)
                self.left_out.pop(found, None)
        self.select_pane(found)
        self._refresh()
        self.save_soon()

    def select_pane(self, pane: int) -> None:
        """Make ``pane`` the one Ctrl+S applies to."""
        self.current = pane
        for i, p in enumerate(self.panes):
            p.set_current(i == pane)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or self._closed:
            return
        for i, pane in enumerate(self.panes):
            if pane.isAncestorOf(new):
                if i != self.current:
                    self.select_pane(i)
                return

    def _scroll_to_turn(self, turn: int) -> None:
        for pane in self.panes:
            pane.transcript.scrollToAnchor(f"turn-{turn}")

    # --- sending --------------------------------------------------------------------------
    def send(self) -> bool:
        """Send the typed message to every pane (Ctrl+Enter); False with a hint when it cannot."""
        text = self.message_bar.text().strip()
        problem = self.streams.problem(text)
        self.message_bar.set_hint(problem)
        if problem:
            return False
        self.message_bar.set_text("")
        turn = self.session.add_turn(text)
        if not self.session.title:
            self.session.title = self.session.auto_title()
        self.streams.start(turn)
        self._refresh()
        self.save_now()
        return True

    def stop_all(self) -> None:
        """Stop every answer in flight (Esc); what arrived is kept."""
        self.streams.stop_all()

    def answer_finished(self, session: PlaygroundSession, pane: int, details: str = "") -> None:
        """A pane's answer ended: show it and save the session at once."""
        if session is self.session:
            self.panes[pane].show_turns(self.turns_of(pane))
            self.panes[pane].error.setToolTip(self.panes[pane].mask(details))
            self.panes[pane].set_left_out(self._left_out_of(pane))
        self._update_actions()
        self.save_now(session)

    def last_answers(self) -> list[int]:
        """Pane indices (display order) with a usable answer to the last turn."""
        if not self.session.turns:
            return []
        answers = self.session.turns[-1].answers
        return [i for i in self.session.display_order()
                if i < len(answers) and answers[i] is not None and answers[i].usable]

    # --- notes --------------------------------------------------------------------------
    def show_info(self, text: str) -> None:
        """A short confirmation under the toolbar (hides itself)."""
        self.info.setText(text)
        self.info.show()
        self._info_timer.start()

    # --- closing --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        top = self.window()
        if top is not self and top is not self._watched:
            top.installEventFilter(self)  # the main window's close never reaches its pages
            self._watched = top

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self._watched and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Cancel the answers in flight and keep what arrived (the window is closing)."""
        if self._closed:
            return
        self._closed = True
        running = self.streams.running
        self.streams.mark_all_stopped()
        self.tasks.cancel_all()
        self.catalog.close()
        self.dialogs.close_all()
        self._save_timer.stop()
        if self.project is not None and (running or self._save_pending):
            # Queued on the writer thread, which finishes it before the project closes.
            with contextlib.suppress(RuntimeError):  # the project is already closed
                self.project.db.submit_write(store_session, self.session, self._title(), self.session.to_state())
