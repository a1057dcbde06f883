"""The judging panel: the conversation on top, answer A | answer B below (equal width), the note,
the key legend, and the rewrite editor that replaces the answers while a rewrite is written.

The panel only shows things and turns keys into signals; the view decides what they do. Judging
keys act only while the panel itself has the keyboard focus, so typing in the note or the rewrite
never judges anything (Esc in the note gives the focus back).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.annotate.conversation_view import AnswerView, ConversationView, is_dark
from ui.annotate.rewrite import RewriteEditor
from ui.i18n import TranslationContext

VERDICT_KEYS = {
    Qt.Key.Key_1: ("win", "left"),
    Qt.Key.Key_Left: ("win", "left"),
    Qt.Key.Key_2: ("win", "right"),
    Qt.Key.Key_Right: ("win", "right"),
    Qt.Key.Key_3: ("tie", ""),
    Qt.Key.Key_4: ("both_bad", ""),
    Qt.Key.Key_Space: ("skip", ""),
}


Annotate = TranslationContext("Annotate")


def _key_cap(key: str, colour: str = "#e4e4e4") -> str:
    """A key drawn like a key cap in rich text."""
    return f'<span style="background-color:{colour};">&nbsp;<b>{key}</b>&nbsp;</span>'


def verdict_words(verdict: str, side: str | None) -> str:
    """ "A is better", "Tie", … for the status line."""
    if verdict == "win":
        return Annotate.tr("A is better") if side == "left" else Annotate.tr("B is better")
    return {"tie": Annotate.tr("Tie"), "both_bad": Annotate.tr("Both bad"),
            "skip": Annotate.tr("Skipped")}.get(verdict, "")


class JudgePanel(QWidget):
    """Context, the two answers, the note and the legend; keys become signals (see module doc)."""

    verdict_chosen = Signal(str, str)  # verdict, side ("left"/"right" for a win, else "")
    undo_requested = Signal()
    rewrite_requested = Signal()
    diff_toggled = Signal(bool)
    reveal_toggled = Signal(bool)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Judging panel"))
        self.context = ConversationView()
        self.left = AnswerView("A", self.tr("key 1 or ←"))
        self.right = AnswerView("B", self.tr("key 2 or →"))
        answers = QWidget()
        row = QHBoxLayout(answers)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.left, 1)
        row.addWidget(self.right, 1)
        self.rewrite = RewriteEditor()
        self.lower = QStackedWidget()
        self.lower.addWidget(answers)
        self.lower.addWidget(self.rewrite)
        self.answers_page = answers
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("annotate/judge")
        self.splitter.addWidget(self._titled(self.tr("Conversation so far"), self.context))
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([170, 430])

        self.progress = QLabel()
        self.key_state = QLabel()
        self.key_state.setAccessibleName(self.tr("Whether the judging keys are on"))
        self._show_key_state()
        self.last = QLabel()
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last.setWordWrap(True)  # model names can be long: wrap rather than widen the panel
        self.last.setAccessibleName(self.tr("Last judgement"))
        self.diff_box = QCheckBox(self.tr("Highlight differences (D)"))
        self.diff_box.setToolTip(self.tr("Mark the words in which the two answers differ"))
        self.reveal_box = QCheckBox(self.tr("Reveal sources (R)"))
        self.reveal_box.setToolTip(self.tr(
            "Show which model wrote each answer — only once you have judged it, never before"))
        for box, signal in ((self.diff_box, self.diff_toggled), (self.reveal_box, self.reveal_toggled)):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # D and R toggle them; focus stays on the panel
            box.toggled.connect(signal)
        head = QHBoxLayout()
        head.addWidget(self.progress, 1)
        head.addWidget(self.key_state)
        head.addSpacing(12)
        head.addWidget(self.diff_box)
        head.addWidget(self.reveal_box)

        self.note = QLineEdit()
        self.note.setPlaceholderText(
            self.tr("Why? An optional note saved with your judgement (N to type, Esc to leave)"))
        self.note.setAccessibleName(self.tr("Note on this judgement"))
        self.note.installEventFilter(self)
        self.note.returnPressed.connect(self.setFocus)
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)

        self.legend = QLabel(self._legend())
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(self.tr("Keys"))

        judging = QWidget()
        jl = QVBoxLayout(judging)
        jl.setContentsMargins(0, 0, 0, 0)
        jl.addLayout(head)
        jl.addWidget(self.splitter, 1)
        jl.addWidget(self.last)
        jl.addLayout(note_row)
        jl.addWidget(self.legend)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.export_button = QPushButton(self.tr("Export to DPO…"))
        self.export_button.clicked.connect(self.export_requested)
        msg_page = QWidget()
        ml = QVBoxLayout(msg_page)
        ml.addStretch(1)
        ml.addWidget(self.message)
        ml.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignHCenter)
        ml.addStretch(2)
        self.pages = QStackedWidget()
        self.pages.addWidget(judging)
        self.pages.addWidget(msg_page)
        self.judging_page, self.message_page = judging, msg_page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pages)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(QLabel(f"<b>{title}</b>"))
        lay.addWidget(widget, 1)
        return w

    def _legend(self, rewriting: bool = False) -> str:
        shade = self.palette().color(QPalette.ColorRole.Midlight if not is_dark(self.palette()) else
                                     QPalette.ColorRole.Mid).name()

        def _cap(key: str) -> str:
            return _key_cap(key, shade)

        items = [
            (_cap("Ctrl+Enter"), self.tr("Save the rewrite")),
            (_cap("Esc"), self.tr("Cancel")),
            (_cap("Tab"), self.tr("Next field")),
            (_cap("Alt+A"), self.tr("Also save as SFT")),
        ] if rewriting else [
            (f"{_cap('1')}&nbsp;{_cap('←')}", self.tr("A is better")),
            (f"{_cap('2')}&nbsp;{_cap('→')}", self.tr("B is better")),
            (_cap("3"), self.tr("Tie")),
            (_cap("4"), self.tr("Both bad")),
            (_cap(self.tr("Space")), self.tr("Skip")),
            (_cap("Ctrl+Z"), self.tr("Undo")),
            (_cap("E"), self.tr("Rewrite")),
            (_cap("N"), self.tr("Note")),
            (_cap("D"), self.tr("Differences")),
            (_cap("R"), self.tr("Sources")),
            (f"{_cap('↑')}&nbsp;{_cap('↓')}", self.tr("Scroll")),
        ]
        # Non-breaking spaces inside an entry: a line may only break between entries.
        return " &nbsp; ".join(f"{keys}&nbsp;{label.replace(' ', '&nbsp;')}" for keys, label in items)

    # --- showing --------------------------------------------------------------------------
    def show_judging(self) -> None:
        """The comparison page (not the message page)."""
        self.pages.setCurrentWidget(self.judging_page)

    def show_message(self, text: str, *, export: bool = False) -> None:
        """A message instead of a comparison ("all judged", "loading…"); ``export`` offers the export."""
        self.message.setText(text)
        self.export_button.setVisible(export)
        self.pages.setCurrentWidget(self.message_page)

    def show_done(self, queue: str, total: int, skipped: int) -> None:
        """The "all judged" page (or the empty-queue one), offering the export."""
        if not total:
            self.show_message(self.tr(
                "“{queue}” has no comparisons yet. Import answers from a file or generate them (toolbar)."
            ).format(queue=queue))
            return
        left = self.tr(" (%Ln skipped — filter the list by “Skipped” to judge them)", None,
                       skipped) if skipped else ""
        self.show_message(self.tr(
            "All %Ln comparison(s) in “{queue}” are judged{skipped}.\n"
            "Export them as DPO training data, or pick one from the list to judge it again.", None, total
        ).format(queue=queue, skipped=left), export=True)

    def show_verdict(self, verdict: str | None, side: str | None, rewritten: bool, reveal: bool,
                     left_model: str, right_model: str) -> None:
        """Mark the answers with this annotator's verdict (a word and a symbol each) and, once judged
        and only with ``reveal``, the models they came from."""
        marks = {"left": "", "right": ""}
        if verdict == "win" and side:
            marks[side] = self.tr("✓ Better")
        elif verdict in ("tie", "both_bad"):
            word = self.tr("= Tie") if verdict == "tie" else self.tr("✗ Bad")
            marks = {"left": word, "right": word}
        elif verdict == "skip":
            marks["left"] = self.tr("↷ Skipped")
        if rewritten and verdict in ("win", "both_bad", "tie"):
            marks[side or "left"] += self.tr(" · ✎ rewritten")
        self.left.set_badge(marks["left"])
        self.right.set_badge(marks["right"])
        shown = reveal and verdict not in (None, "skip")
        self.left.set_source(left_model if shown else None)
        self.right.set_source(right_model if shown else None)

    @property
    def rewriting(self) -> bool:
        """True while the rewrite editor is open."""
        return self.lower.currentWidget() is self.rewrite

    def open_rewrite(self, left: str, right: str, side: str, choose: bool, targets: list[tuple[Any, str]],
                     heading: str) -> None:
        """Show the rewrite editor in place of the answers (see ``RewriteEditor.open_for``)."""
        self.show_judging()
        self.lower.setCurrentWidget(self.rewrite)
        self.legend.setText(self._legend(rewriting=True))
        self.rewrite.open_for(left, right, side, choose, targets, heading)

    def close_rewrite(self) -> None:
        """Back to the answers, the focus on the panel."""
        self.lower.setCurrentWidget(self.answers_page)
        self.legend.setText(self._legend())
        self.setFocus()

    # --- keys -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Esc in the note gives the keyboard back to the panel (the note is kept)."""
        if watched is self.note and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.setFocus()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """The judging keys (only while the panel itself has the focus)."""
        if self.hasFocus() and not self.rewriting and self._key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Show that the keys are live."""
        super().focusInEvent(event)
        self._show_key_state()

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Show that the keys are paused (typing elsewhere must never judge)."""
        super().focusOutEvent(event)
        self._show_key_state()

    def _show_key_state(self) -> None:
        if self.hasFocus():
            self.key_state.setText(self.tr("<b>Keys: on</b>"))
        else:
            self.key_state.setText(self.tr("Keys: paused (Esc)"))
        self.key_state.setToolTip(self.tr(
            "The judging keys work while the comparison has the focus; typing in the note or a rewrite never "
            "judges. Esc or a click on the comparison turns them back on."))

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return True
        if mods == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_E and not event.isAutoRepeat():
            self.rewrite_requested.emit()  # also on the "all judged" page: rewrite the last one
            return True
        if self.pages.currentWidget() is not self.judging_page:
            return False
        shift = mods == Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and mods in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            steps = -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else 1
            page = key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
            views = [self.context] if shift else [self.left.body, self.right.body]
            for v in views:
                v.scroll_by(steps, page)
            return True
        if mods != Qt.KeyboardModifier.NoModifier or event.isAutoRepeat():
            return False  # a held key must not judge a run of items
        if key in VERDICT_KEYS:
            self.verdict_chosen.emit(*VERDICT_KEYS[key])
        elif key == Qt.Key.Key_N:
            self.note.setFocus()
        elif key == Qt.Key.Key_D:
            self.diff_box.toggle()
        elif key == Qt.Key.Key_R:
            self.reveal_box.toggle()
        else:
            return False
        return True
