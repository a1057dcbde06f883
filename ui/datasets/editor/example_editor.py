"""The example editor beside the examples table: edits one OpenAI-format example (a dict) in place
and reports finished edits. It never touches the database: the view persists and undoes."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Finding, Kind
from ui.tasks import TaskScope

from .common import (
    Anchor,
    Anchors,
    EditHub,
    FindingsBox,
    GrowingTextEdit,
    PathKey,
    apply_visual_tab_order,
    hint,
    parse_path,
)
from .conversation import ConversationWidget
from .dpo_editor import DpoAnswersWidget
from .rft_fields import RftFieldsWidget
from .tool_definitions import ToolDefinitionsSection


def _lookup(anchors: Anchors, key: PathKey | None, want: str) -> Anchor | None:
    """The anchor of the longest known prefix of ``key`` that has a ``want`` ("box"/"widget")."""
    if key is None:
        return None
    while True:
        a = anchors.get(key)
        if a is not None and getattr(a, want) is not None:
            return a
        if not key:
            return None
        key = key[:-1]


def _parse_tags(text: str) -> list[str]:
    out: list[str] = []
    for t in text.split(","):
        t = t.strip()
        if t and t not in out:
            out.append(t)
    return out


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class ExampleEditorWidget(QWidget):
    """Edits one example of a dataset: its conversation, tools, images, DPO answers or RFT fields,
    plus its tags and note.

    Typing is reported ``debounce_ms`` after the last keystroke or when the field loses focus;
    structural edits (add, remove, move, role, weight) are reported at once. Each report is the
    complete new example; keys the editor does not know are kept untouched.
    """

    # The dict travels as a Python object: a ``dict`` signature would pass through QVariantMap,
    # which sorts the keys and may change value types.
    example_edited = Signal(int, object)  # (example id, the complete new example dict)
    tags_edited = Signal(int, list)
    note_edited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = 600) -> None:
        super().__init__(parent)
        self._scope = TaskScope("example editor")
        self.destroyed.connect(self._scope.cancel_all)
        self._id: int | None = None
        self._kind = Kind.SFT
        self._data: dict[str, Any] | None = None
        self._baseline: dict[str, Any] | None = None
        self._tags: list[str] = []
        self._note = ""
        self._findings: list[Finding] = []
        self.conversation: ConversationWidget | None = None
        self.tools: ToolDefinitionsSection | None = None
        self.dpo: DpoAnswersWidget | None = None
        self.rft: RftFieldsWidget | None = None
        self.top_box = FindingsBox()
        self._body: QWidget | None = None

        self.hub = EditHub(self._kind, debounce_ms, self._scope.spawn, self)
        self.hub.committed.connect(self.flush)
        self.hub.layout_changed.connect(self._relayout)
        self.hub.focus_requested.connect(self.focus_path)
        self.hub.findings_stale.connect(self._drop_findings)

        empty = QWidget()
        title = QLabel(self.tr("Select an example to edit it"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub = hint(self.tr("Pick a row in the examples table. Your changes are saved as you type."))
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        el = QVBoxLayout(empty)
        el.addStretch(1)
        el.addWidget(title)
        el.addWidget(sub)
        el.addStretch(2)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. billing, hard case"))
        self.tags.setToolTip(self.tr("Tags help you find and filter examples; they are not training data"))
        self.tags.editingFinished.connect(self._tags_finished)
        self.note = GrowingTextEdit("", min_lines=1, max_lines=4)
        self.note.setPlaceholderText(self.tr("A note for you or your team (not training data)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.textChanged.connect(self.hub.typed)
        self.note.focus_lost.connect(self.flush)
        footer = QFormLayout()
        footer.setContentsMargins(8, 4, 8, 6)
        footer.addRow(self.tr("Tags:"), self.tags)
        footer.addRow(self.tr("Note:"), self.note)
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(0)
        pl.addWidget(self.scroll, 1)
        pl.addWidget(_separator())
        pl.addLayout(footer)
        self._page = page

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.add_message)

    # -- public API --------------------------------------------------------------------------
    def example_id(self) -> int | None:
        """The id of the example shown (None in the empty state)."""
        return self._id

    def current_data(self) -> dict[str, Any] | None:
        """A copy of the example as currently edited (including edits not yet reported)."""
        return copy.deepcopy(self._data)

    def set_example(self, example_id: int | None, kind: Kind, data: dict[str, Any] | None,
                    findings: Iterable[Finding] = (), tags: Iterable[str] = (), note: str = "") -> None:
        """Show an example (``data`` None: the empty state).

        A pending edit of the example shown before is reported first, so nothing typed is lost.
        Setting the same example with the same data again (the view echoing a save) only updates
        the findings, tags and note, so the user's cursor stays where it is.
        """
        kind = Kind(kind)
        tags, note = list(tags), note or ""
        if example_id is not None and example_id == self._id and kind is self._kind and data == self._data:
            self._set_footer(tags, note)
            self.show_findings(findings)
            return
        self.flush()
        keep_scroll = self.scroll.verticalScrollBar().value() if example_id == self._id else 0
        self._id, self._kind = example_id, kind
        self._data = copy.deepcopy(data) if isinstance(data, dict) else None
        self._baseline = copy.deepcopy(self._data)
        self.hub.kind = kind
        self._tags, self._note = [], ""
        self._set_footer(tags, note, force=True)
        self._build()
        self.show_findings(findings)
        if keep_scroll:
            QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(keep_scroll))

    def flush(self) -> None:
        """Report any edit not yet reported (the view calls it before undo or switching away)."""
        self.hub.timer.stop()
        if self._id is None or self._data is None:
            return
        if self._data != self._baseline:
            self._baseline = copy.deepcopy(self._data)
            self.example_edited.emit(self._id, copy.deepcopy(self._data))
        note = self.note.raw_text()
        if note != self._note:
            self._note = note
            self.note_edited.emit(self._id, note)
        self._tags_finished()

    def show_findings(self, findings: Iterable[Finding]) -> None:
        """Show validation findings beside the field their JSON path points to (unknown: at the top)."""
        self._findings = list(findings)
        self._place_findings()

    def focus_path(self, path: str) -> bool:
        """Scroll to and focus the field at JSON ``path`` (or its closest known parent)."""
        if self.conversation is not None:
            self.conversation.ensure_built()
        anchor = _lookup(self._anchors(), parse_path(path), "widget")
        if anchor is None:
            return False
        if anchor.reveal is not None:
            anchor.reveal()
        w = anchor.widget
        w.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(w, 20, 40)
        # A widget created a moment ago has no position yet: scroll again once it is laid out.
        QTimer.singleShot(0, lambda: w.isVisible() and self.scroll.ensureWidgetVisible(w, 20, 40))
        return True

    def add_message(self) -> None:
        """Add the sensible next message to the conversation (Ctrl+Return)."""
        if self.conversation is not None:
            self.conversation.add_message()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        had_focus = self._body is not None and self._body.isAncestorOf(self.focusWidget() or self)
        if self._body is not None:
            self.scroll.takeWidget()
            self._body.deleteLater()
            self._body = None
        self.conversation = self.tools = self.dpo = self.rft = None
        if self._data is None:
            self.stack.setCurrentIndex(0)
            return
        data, kind = self._data, self._kind
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(10)
        self.top_box = FindingsBox()
        lay.addWidget(self.top_box)
        if kind is Kind.DPO:
            self.conversation = ConversationWidget(self.hub, kind, data, ("input", "messages"),
                                                   self.tr("Input conversation"), allow_images=False)
            self.dpo = DpoAnswersWidget(self.hub, data)
            self.tools = ToolDefinitionsSection(self.hub, data, ("input",))
            sections: list[QWidget] = [self.conversation, self.dpo, self.tools]
        else:
            title = self.tr("Prompt") if kind is Kind.RFT else self.tr("Conversation")
            self.conversation = ConversationWidget(self.hub, kind, data, ("messages",), title, allow_images=True)
            self.tools = ToolDefinitionsSection(self.hub, data, ())
            sections = [self.conversation]
            if kind is Kind.RFT:
                self.rft = RftFieldsWidget(self.hub, data)
                sections.append(self.rft)
            sections.append(self.tools)
        for i, section in enumerate(sections):
            if i:
                lay.addWidget(_separator())
            lay.addWidget(section)
        lay.addStretch(1)
        self._body = body
        self.scroll.setWidget(body)
        self.stack.setCurrentIndex(1)
        apply_visual_tab_order(self._page)
        if had_focus:
            # The focused field is gone with the old example: start at the top of the new one
            # rather than letting Qt push the focus into the tags field.
            first = self.conversation.cards[0].content_focus() if self.conversation.cards else None
            (first or self.conversation.add_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_footer(self, tags: list[str], note: str, force: bool = False) -> None:
        if force or not self.tags.hasFocus():
            self._tags = tags
            self.tags.setText(", ".join(tags))
        if force or not self.note.hasFocus():
            self._note = note
            self.note.blockSignals(True)
            self.note.setPlainText(note)
            self.note.blockSignals(False)

    def _tags_finished(self) -> None:
        tags = _parse_tags(self.tags.text())
        if self._id is not None and self._data is not None and tags != self._tags:
            self._tags = tags
            self.tags_edited.emit(self._id, tags)

    def _relayout(self) -> None:
        apply_visual_tab_order(self._page)
        self._place_findings()

    # -- findings ----------------------------------------------------------------------------
    def _anchors(self) -> Anchors:
        out: Anchors = {(): Anchor(None, self.top_box)}
        for section in (self.conversation, self.tools, self.dpo, self.rft):
            if section is not None:
                out.update(section.anchors())
        return out

    def _drop_findings(self) -> None:
        # Paths shifted (a message moved or was removed): old findings would point at the wrong
        # place. The view re-validates after saving and calls show_findings again.
        self._findings = []

    def _place_findings(self) -> None:
        anchors = self._anchors()
        groups: dict[int, tuple[FindingsBox, list[Finding]]] = {}
        for f in self._findings:
            anchor = _lookup(anchors, parse_path(f.path), "box")
            box = anchor.box if anchor is not None else self.top_box
            groups.setdefault(id(box), (box, []))[1].append(f)
        body = self._body
        for box in body.findChildren(FindingsBox) if body is not None else []:
            if id(box) not in groups:
                box.set_findings([])
        for box, found in groups.values():
            box.set_findings(found)
        if self.tools is not None and any(b.findings for b in self.tools.findChildren(FindingsBox)):
            self.tools.expand()
