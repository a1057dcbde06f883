"""One answer pane of the Playground: which model it calls, its answers to the shared conversation
(streamed as they arrive), how each answer went, and its own Stop and "Save as example…" buttons.

The pane shows; the view decides. It never calls the provider or the database itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.models.chat import ChatParams, ChatStats
from app.services.playground_session import Answer, PaneConfig
from ui.app_context import AppContext
from ui.locale_format import call_cost, decimal, number
from ui.playground.model_picker import ModelCatalog, ModelPickerWidget
from ui.playground.params_editor import ParamsEditorWidget, params_summary
from ui.tasks import TaskScope


def _para(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class ElidedLabel(QLabel):
    """A one-line label that elides its text in the middle when narrow (the whole text in the tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str, tip: str = "") -> None:
        """Show ``text`` (elided to fit); ``tip`` (default: the text) as the tooltip."""
        self._full = text
        self.setToolTip(tip or text)
        self._elide()

    def full_text(self) -> str:
        """The text before eliding."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 40)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))


class TranscriptView(QTextBrowser):
    """The pane's side of the conversation: each user message (short) and this pane's answer.

    The answer in progress is the document's last block; pieces are appended there, and the view
    follows the end only while the user has not scrolled up to read.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(6)

    def render(self, turns: list[tuple[str, Answer | None]], empty_text: str, live: bool = False,
               mask: Callable[[str], str] = str) -> None:
        """Show every turn; with ``live`` the last answer is left open for :meth:`append`; ``mask``
        rewrites error messages (blind mode hides the model's name)."""
        you, no_answer = self.tr("You"), self.tr("(not asked: this pane was added later)")
        parts: list[str] = []
        for i, (user, answer) in enumerate(turns):
            parts.append(
                f"<a name='turn-{i}'></a><p style='margin-top:10px; color:gray'><b>{you}:</b> {_para(user)}</p>"
            )
            if live and i == len(turns) - 1:
                continue
            if answer is None:
                parts.append(f"<p><i>{html.escape(no_answer)}</i></p>")
                continue
            if answer.text:
                parts.append(f"<p>{_para(answer.text)}</p>")
            if answer.error:
                parts.append(f"<p><b>✖ {html.escape(self.tr('No answer:'))}</b> {_para(mask(answer.error))}</p>")
            elif answer.stopped:
                parts.append(f"<p><i>{html.escape(self.tr('— stopped here'))}</i></p>")
        if not turns:
            parts.append(f"<p style='color:gray'>{html.escape(empty_text)}</p>")
        self.setHtml("".join(parts))
        if live:
            cursor = self.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            live_text = turns[-1][1].text if turns and turns[-1][1] is not None else ""
            if live_text:
                cursor.insertText(live_text, QTextCharFormat())
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def append(self, piece: str) -> None:
        """Add a piece of the answer in progress at the end."""
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece, QTextCharFormat())
        if at_end:
            bar.setValue(bar.maximum())


class AnswerPaneWidget(QFrame):
    """A pane: header (title, remove), target picker, parameters, the transcript and its status."""

    remove_requested = Signal()
    stop_requested = Signal()
    save_requested = Signal()
    config_edited = Signal()

    def __init__(self, ctx: AppContext, catalog: ModelCatalog, tasks: TaskScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._hidden = False
        self._turns: list[tuple[str, Answer | None]] = []
        self._shared = True
        self._current = False
        self.running = False
        self.answer: Answer | None = None  # the latest answer shown (for "Save as example…")
        self._left_out: dict[str, str] = {}

        self.title = ElidedLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this pane"))
        self.remove_button.setAccessibleName(self.tr("Remove this pane"))
        self.remove_button.clicked.connect(self.remove_requested)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.remove_button)

        self.picker = ModelPickerWidget(ctx, catalog, tasks)
        self.picker.target_edited.connect(self._on_target_edited)
        self.params_button = QToolButton()
        self.params_button.setCheckable(True)
        self.params_button.setAutoRaise(True)
        self.params_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.params_button.setArrowType(Qt.ArrowType.RightArrow)
        self.params_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.params_button.setAccessibleName(self.tr("Show this pane's parameters"))
        self.params_button.toggled.connect(self._toggle_params)
        self.params = ParamsEditorWidget()
        self.params.hide()
        self.params.params_edited.connect(self._on_params_edited)
        self.params_note = QLabel()
        self.params_note.setWordWrap(True)
        self.params_note.setObjectName("hint")
        self.params_note.hide()

        self.transcript = TranscriptView()
        self.transcript.setAccessibleName(self.tr("Answers"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Two lines always, so the panes' transcripts stay aligned when one status wraps.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 2 + 2)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setAccessibleName(self.tr("How the answer went"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop this answer (Esc stops all)"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_requested)
        self.save_button = QPushButton(self.tr("Save as example…"))
        self.save_button.setToolTip(self.tr("Save the conversation with this answer as a training example (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        foot = QHBoxLayout()
        foot.setContentsMargins(0, 0, 0, 0)
        foot.addWidget(self.stop_button)
        foot.addStretch(1)
        foot.addWidget(self.save_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        lay.addLayout(head)
        lay.addWidget(self.picker)
        lay.addWidget(self.params_button)
        lay.addWidget(self.params)
        lay.addWidget(self.params_note)
        lay.addWidget(self.transcript, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.status)
        lay.addLayout(foot)
        self._update_style()
        self._update_params_button()

    # --- configuration --------------------------------------------------------------------
    def set_config(self, config: PaneConfig) -> None:
        """Show a pane's target and own parameters (without emitting ``config_edited``)."""
        self.picker.set_target(config.profile_id, config.model, config.base_model)
        self.params.set_rules_model(config.base_model or config.model or None)
        self.set_params(config.params)

    def set_params(self, params: ChatParams) -> None:
        """Show the pane's own parameters (without emitting ``config_edited``)."""
        self.params.set_params(params)
        self._update_params_button()

    def config(self) -> PaneConfig:
        """The target and own parameters as shown."""
        return PaneConfig(self.picker.profile_id(), self.picker.model(), self.picker.base_model(),
                          self.params.params())

    def set_shared_params(self, shared: bool) -> None:
        """Hide the pane's own parameters while every pane uses the shared ones."""
        self._shared = shared
        self._update_visibility()

    def set_title(self, text: str, tip: str = "") -> None:
        """The pane's heading ("Model 2" in blind mode); ``tip`` e.g. the full model id."""
        self.title.set_full_text(text, tip)
        self.setAccessibleName(text)

    def title_text(self) -> str:
        """The heading as set (not elided)."""
        return self.title.full_text()

    def set_hidden_mode(self, hidden: bool) -> None:
        """Blind mode: hide everything that tells which model this is."""
        changed, self._hidden = hidden != self._hidden, hidden
        self._update_visibility()
        if changed and not self.running:
            self.show_turns(self._turns)

    def mask(self, text: str) -> str:
        """``text`` without this pane's model name while the models are hidden."""
        if self._hidden:
            for name in {self.picker.model(), self.picker.base_model() or ""} - {""}:
                text = text.replace(name, self.tr("this model"))
        return text

    def set_removable(self, removable: bool) -> None:
        """There are never fewer than two panes."""
        self.remove_button.setEnabled(removable)

    def set_current(self, current: bool) -> None:
        """Mark the pane Ctrl+S and the view's actions apply to."""
        if current != self._current:
            self._current = current
            self._update_style()

    def set_left_out(self, left_out: dict[str, str]) -> None:
        """The parameters the model will not be sent, with the reason (a small note)."""
        self._left_out = dict(left_out)
        # The reasons say which parameter and why (plain sentences from the model rules).
        reasons = list(dict.fromkeys(left_out.values()))
        self.params_note.setText(" ".join(reasons))
        self.params_note.setToolTip(self.tr("These parameters are set but this model does not take them."))
        self._update_visibility()

    def _update_visibility(self) -> None:
        self.picker.setVisible(not self._hidden)
        self.params_button.setVisible(not self._hidden and not self._shared)
        self.params.setVisible(not self._hidden and not self._shared and self.params_button.isChecked())
        self.params_note.setVisible(not self._hidden and bool(self._left_out))

    def _update_style(self) -> None:
        border = "2px solid palette(highlight)" if self._current else "1px solid palette(mid)"
        self.setStyleSheet(f"#answerPane {{ border: {border}; border-radius: 4px; }}"
                           "#hint { color: palette(placeholder-text); }")

    def _toggle_params(self, on: bool) -> None:
        self.params_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self._update_visibility()

    def _update_params_button(self) -> None:
        summary = params_summary(self.params.params())
        self.params_button.setText(self.tr("Parameters: %1").replace("%1", summary))
        self.params_button.setToolTip(self.tr("This pane's own parameters: %1").replace("%1", summary))

    def _on_target_edited(self) -> None:
        cfg = self.config()
        self.params.set_rules_model(cfg.base_model or cfg.model or None)
        self.config_edited.emit()

    def _on_params_edited(self, _params: ChatParams) -> None:
        self._update_params_button()
        self.config_edited.emit()

    # --- answers --------------------------------------------------------------------------
    def show_turns(self, turns: list[tuple[str, Answer | None]], live: bool = False) -> None:
        """Show the conversation with this pane's answers (``live``: the last one is streaming)."""
        self._turns = list(turns)
        self.transcript.render(turns, self.tr("Answers appear here. Type a message below and press Send."), live,
                               self.mask)
        last = turns[-1][1] if turns else None
        self.answer = last
        if live:
            return
        self.running = False
        self.stop_button.setEnabled(False)
        self._show_result(last)

    def begin(self) -> None:
        """An answer is on its way: waiting for the first token."""
        self.running = True
        self.stop_button.setEnabled(True)
        self.save_button.setEnabled(False)
        self.error.hide()
        self.status.setText("⏳ " + self.tr("Waiting for the first token…"))

    def append_text(self, piece: str, first_token_s: float | None) -> None:
        """A piece of the answer arrived."""
        self.transcript.append(piece)
        if first_token_s is not None:
            self.status.setText("▶ " + self.tr("Answering… first token in %1 s").replace("%1", decimal(first_token_s,
                                                                                                       2)))

    def set_waiting(self, note: str) -> None:
        """A note while the pane waits (e.g. "The model is not ready yet; trying again…")."""
        self.status.setText("⏳ " + note)

    def _show_result(self, answer: Answer | None) -> None:
        if answer is None:
            self.status.setText("")
            self.error.hide()
            self.save_button.setEnabled(False)
            return
        self.error.setText("✖ " + self.tr("Error: %1").replace("%1", self.mask(answer.error)) if answer.error else "")
        self.error.setVisible(bool(answer.error))
        self.status.setText(self.stats_text(answer))
        self.status.setToolTip(self.status.text())
        self.save_button.setEnabled(bool(answer.text) and not answer.error)

    def stats_text(self, answer: Answer) -> str:
        """How the answer went, in one line with units."""
        s: ChatStats = answer.stats
        total = decimal(s.total_s, 1) if s.total_s is not None else "?"
        if answer.error:
            head = "✖ " + self.tr("Failed after %1 s").replace("%1", total)
        elif answer.stopped:
            head = "■ " + self.tr("Stopped after %1 s").replace("%1", total)
        else:
            head = "✔ " + self.tr("Done in %1 s").replace("%1", total)
        parts = [head]
        if s.first_token_s is not None:
            parts.append(self.tr("first token %1 s").replace("%1", decimal(s.first_token_s, 2)))
        if s.prompt_tokens is not None or s.completion_tokens is not None:
            approx = "≈" if s.tokens_estimated else ""
            parts.append(self.tr("%1 in / %2 out tokens")
                         .replace("%1", approx + number(s.prompt_tokens or 0))
                         .replace("%2", approx + number(s.completion_tokens or 0)))
        if self._hidden:
            parts.append(self.tr("cost shown after Reveal"))
        elif s.cost_usd is not None:
            parts.append(call_cost(s.cost_usd))
        elif s.prompt_tokens is not None:
            parts.append(self.tr("no price known"))
        if s.finish_reason == "length":
            parts.append(self.tr("cut at the length limit"))
        return " · ".join(parts)

    def refresh_status(self) -> None:
        """Redraw the status line (blind mode changed what it may show)."""
        if not self.running and self.answer is not None:
            self.status.setText(self.stats_text(self.answer))
