"""The Playground view's layout: its actions (with their shortcuts), toolbar, panels and splitters."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from ui.i18n import TranslationContext
from ui.playground.conversation import MessageBarWidget, SystemPromptWidget
from ui.playground.params_editor import ParamsEditorWidget
from ui.playground.session_list import SessionListWidget

if TYPE_CHECKING:
    from ui.playground.view import PlaygroundView


Playground = TranslationContext("Playground")  # texts of module-level code (ui.i18n)


def _action(view: PlaygroundView, text: str, slot: Any, shortcut: str | None = None, tip: str = "",
            checkable: bool = False) -> QAction:
    act = QAction(text, view)
    act.setCheckable(checkable)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{tip or text.replace('&', '')} ({shown})"
    act.setToolTip(tip or text.replace("&", ""))
    (act.toggled if checkable else act.triggered).connect(lambda on=False: slot(on) if checkable else slot())
    view.addAction(act)
    return act


def build_view(view: PlaygroundView) -> None:
    """Make the view's actions, toolbar, panels and splitters (the panes come with the session)."""
    a = functools.partial(_action, view)
    view.history_action = a(Playground.tr("&History"), view.show_history, "Ctrl+H",
                            Playground.tr("Show the saved sessions"), checkable=True)
    view.new_action = a(Playground.tr("&New session"), view.new_session, "Ctrl+N",
                        Playground.tr("Start an empty conversation with the same models"))
    view.add_action = a(Playground.tr("&Add pane"), view.add_pane, None,
                        Playground.tr("Compare one more model (up to four)"))
    view.blind_action = a(Playground.tr("&Blind mode"), view.set_blind, "Ctrl+B",
                          Playground.tr("Hide the model names and shuffle the panes"), checkable=True)
    view.reveal_action = a(Playground.tr("&Reveal"), view.reveal, "Ctrl+Shift+B",
                           Playground.tr("Show which model wrote which answer"))
    view.shared_action = a(Playground.tr("&Shared parameters"), view.set_shared_params, None,
                           Playground.tr("Use the same parameters for every pane"), checkable=True)
    view.pair_action = a(Playground.tr("Send &pair…"), lambda: view.dialogs.send_pair(), "Ctrl+Shift+P",
                         Playground.tr("Send two answers to the annotator, or as a preference pair"))
    view.batch_action = a(Playground.tr("Batch r&un…"), lambda: view.dialogs.open_batch(), None,
                          Playground.tr("Run a whole dataset through these models"))
    view.stop_action = a(Playground.tr("Stop all"), view.stop_all, "Esc", Playground.tr("Stop every answer"))
    view.send_action = a(Playground.tr("Send"), view.send, "Ctrl+Return", Playground.tr("Ask every pane's model"))
    view.send_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    view.save_action = a(Playground.tr("Save as example…"), lambda: view.dialogs.save_example(view.current), "Ctrl+S",
                         Playground.tr("Save the selected pane's answer as a training example"))
    view.toolbar = QToolBar(Playground.tr("Playground"))
    view.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for act in (view.history_action, view.new_action, None, view.add_action, None, view.blind_action,
                view.reveal_action, view.shared_action, None, view.pair_action, view.batch_action, None,
                view.stop_action):
        if act is None:
            view.toolbar.addSeparator()
        else:
            view.toolbar.addAction(act)

    view.no_connection = QLabel(Playground.tr(
        "⚠ There is no connection yet, so no model can answer. Add one in Settings → Connections (Ctrl+,); "
        "the Playground keeps your sessions meanwhile."))
    view.no_connection.setWordWrap(True)
    view.no_connection.setContentsMargins(8, 2, 8, 2)
    view.no_connection.hide()
    view.info = QLabel()
    view.info.setWordWrap(True)
    view.info.setContentsMargins(8, 2, 8, 2)
    view.info.hide()
    view.shared_params = ParamsEditorWidget(horizontal=True)
    view.shared_params.params_edited.connect(view._on_shared_params)
    shared_row = QWidget()
    row = QHBoxLayout(shared_row)
    row.setContentsMargins(4, 0, 4, 0)
    row.addWidget(QLabel(Playground.tr("<b>Every pane:</b>")))
    row.addWidget(view.shared_params, 1)
    view.shared_row = shared_row
    view.system = SystemPromptWidget()
    view.system.system_edited.connect(view._on_system)
    view.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
    view.pane_splitter.setChildrenCollapsible(False)
    view.message_bar = MessageBarWidget()
    view.message_bar.send_requested.connect(lambda _t: view.send())
    view.message_bar.turn_activated.connect(view._scroll_to_turn)
    view.vsplit = QSplitter(Qt.Orientation.Vertical)
    view.vsplit.setChildrenCollapsible(False)
    for w in (view.system, view.pane_splitter, view.message_bar):
        view.vsplit.addWidget(w)
    view.vsplit.setStretchFactor(1, 1)
    view.vsplit.setSizes([60, 520, 120])
    main = QWidget()
    main_lay = QVBoxLayout(main)
    main_lay.setContentsMargins(0, 0, 0, 0)
    main_lay.addWidget(view.shared_row)
    main_lay.addWidget(view.vsplit, 1)
    view.session_list = SessionListWidget()
    view.session_list.open_requested.connect(lambda sid: view.tasks.spawn(view.open_session(sid)))
    view.session_list.rename_requested.connect(lambda sid, t: view.tasks.spawn(view.rename_session(sid, t)))
    view.session_list.delete_requested.connect(lambda sid: view.tasks.spawn(view.delete_session(sid)))
    view.session_list.new_requested.connect(view.new_session)
    view.session_list.hide()
    view.body = QSplitter(Qt.Orientation.Horizontal)
    view.body.addWidget(view.session_list)
    view.body.addWidget(main)
    view.body.setStretchFactor(1, 1)
    view.body.setSizes([250, 900])
    # The split between system prompt, panes and message box is remembered (the pane count varies).
    view.vsplit.setObjectName("playground/vertical")
    state = view._ui_state.value("playground/vertical")
    if state:
        view.vsplit.restoreState(state)
    view.vsplit.splitterMoved.connect(
        lambda *_a: view._ui_state.setValue("playground/vertical", view.vsplit.saveState()))
    lay = QVBoxLayout(view)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    lay.addWidget(view.toolbar)
    lay.addWidget(view.no_connection)
    lay.addWidget(view.info)
    lay.addWidget(view.body, 1)



def set_tab_order(view: PlaygroundView) -> None:
    """Tab follows what the eye sees: system prompt, the panes left to right (their shown order,
    shuffled in blind mode), then the conversation and the message box."""
    chain: list[QWidget] = [view.system.edit]
    for i in view.session.display_order():
        pane = view.panes[i]
        picker = pane.picker
        chain += [pane.remove_button, picker.profile_combo, picker.model_combo, picker.base_edit,
                  pane.params_button, *pane.params.fields.values(), pane.transcript, pane.stop_button,
                  pane.save_button]
    chain += [view.message_bar.history, view.message_bar.message, view.message_bar.send_button]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
