"""Tool-related editors: the tool calls of an assistant message, the "Answers call" link of a tool
message, and the collapsible list of tool definitions (``tools``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .common import (
    Anchor,
    Anchors,
    ComboBox,
    EditHub,
    ExampleEditor,
    FindingsBox,
    JsonEdit,
    PathKey,
    heading,
    hint,
    std_icon,
)


def remove_button(parent: QWidget, tooltip: str) -> QToolButton:
    """A small "remove" button with a tooltip (the icon alone would not say what it removes)."""
    b = QToolButton(parent)
    b.setIcon(std_icon(parent, QStyle.StandardPixmap.SP_TrashIcon))
    b.setToolTip(tooltip)
    b.setAccessibleName(tooltip)
    b.setAutoRaise(True)
    return b


def clear_layout(lay: QVBoxLayout) -> None:
    while lay.count():
        item = lay.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()


class _CallRow(QFrame):
    """One tool call: its id, the function name and the JSON arguments."""

    def __init__(self, hub: EditHub, call: dict[str, Any], on_name: Callable[[], None], on_remove: Callable[[], None]):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._hub, self._call, self._on_name = hub, call, on_name
        fn = call.get("function") if isinstance(call.get("function"), dict) else {}
        title = heading(ExampleEditor.tr("Tool call"))
        self.id_label = QLabel(ExampleEditor.tr("id: {id}").format(id=str(call.get("id",
                                                                                   "")) or ExampleEditor.tr("(none)")))
        self.id_label.setToolTip(ExampleEditor.tr("The id the tool's answer refers to"))
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove = remove_button(self, ExampleEditor.tr("Remove this tool call"))
        self.remove.clicked.connect(on_remove)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.id_label)
        top.addStretch(1)
        top.addWidget(self.remove)

        self.name = QLineEdit(str(fn.get("name", "")) if fn.get("name") is not None else "")
        self.name.setPlaceholderText(ExampleEditor.tr("Function name, e.g. get_weather"))
        self.name.textEdited.connect(self._name_edited)
        self.name.editingFinished.connect(hub.commit)
        args = fn.get("arguments")
        text = args if isinstance(args, str) else ("" if args is None else json.dumps(args, ensure_ascii=False))
        self.arguments = JsonEdit(text)
        self.arguments.setAccessibleName(ExampleEditor.tr("Arguments (JSON)"))
        self.arguments.edited.connect(self._args_edited)
        self.arguments.focus_lost.connect(hub.commit)
        self.box = FindingsBox()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(ExampleEditor.tr("Function:"), self.name)
        form.addRow(ExampleEditor.tr("Arguments:"), self.arguments)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 6)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addLayout(form)
        lay.addWidget(self.box)

    def _fn(self) -> dict[str, Any]:
        fn = self._call.get("function")
        if not isinstance(fn, dict):
            fn = self._call["function"] = {}
        return fn

    def _name_edited(self, text: str) -> None:
        self._fn()["name"] = text
        self._hub.typed()
        self._on_name()

    def _args_edited(self, text: str) -> None:
        # Kept even when invalid: the platform stores a string, and the validator flags bad JSON.
        self._fn()["arguments"] = text
        self._hub.typed()


class ToolCallsWidget(QWidget):
    """The tool calls of one assistant message, with "Add tool call"."""

    calls_changed = Signal()  # a call was added, removed or renamed: tool answers relink

    def __init__(self, hub: EditHub, msg: dict[str, Any], new_id: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._hub, self._msg, self._new_id = hub, msg, new_id
        self.rows: list[_CallRow | None] = []
        self.box = FindingsBox()
        self._rows_lay = QVBoxLayout()
        self._rows_lay.setSpacing(6)
        self.add_button = QPushButton(ExampleEditor.tr("Add tool call"))
        self.add_button.setToolTip(ExampleEditor.tr("Let this answer call a tool: a function name and its "
                                                    "arguments as JSON"))
        self.add_button.clicked.connect(self.add_call)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.box)
        lay.addLayout(self._rows_lay)
        lay.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.build()

    def calls(self) -> list[Any] | None:
        """The message's ``tool_calls`` list (None when absent or not a list)."""
        calls = self._msg.get("tool_calls")
        return calls if isinstance(calls, list) else None

    def build(self) -> None:
        """(Re)create the rows from the message."""
        clear_layout(self._rows_lay)
        self.rows = []
        for k, call in enumerate(self.calls() or []):
            if isinstance(call, dict):
                row = _CallRow(self._hub, call, self.calls_changed.emit, lambda k=k: self.remove_call(k))
                self._rows_lay.addWidget(row)
                self.rows.append(row)
            else:
                self._rows_lay.addWidget(hint(ExampleEditor.tr("Tool call {n} is not in a form the editor can "
                                                               "show; it is kept unchanged.").format(n=k + 1)))
                self.rows.append(None)
        self.add_button.setEnabled("tool_calls" not in self._msg or self.calls() is not None)

    def add_call(self) -> None:
        """Append an empty call with a fresh id and focus its function name."""
        calls = self._msg.setdefault("tool_calls", [])
        calls.append({"id": self._new_id(), "type": "function", "function": {"name": "", "arguments": "{}"}})
        self._structural()
        last = self.rows[-1]
        if last is not None:
            last.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_call(self, k: int) -> None:
        """Remove call ``k`` (and the ``tool_calls`` key with the last one)."""
        calls = self.calls()
        if calls is None or not 0 <= k < len(calls):
            return
        del calls[k]
        if not calls:
            del self._msg["tool_calls"]
        self._structural()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _structural(self) -> None:
        self.build()
        self._hub.findings_stale.emit()
        self._hub.layout_changed.emit()
        self.calls_changed.emit()
        self._hub.commit()

    def anchors(self, prefix: PathKey) -> Anchors:
        """Where findings about these calls go."""
        out: Anchors = {prefix + ("tool_calls",): Anchor(self.add_button, self.box)}
        for k, row in enumerate(self.rows):
            if row is None:
                continue
            base = prefix + ("tool_calls", k)
            out[base] = Anchor(row.name, row.box)
            out[base + ("function", "arguments")] = Anchor(row.arguments.editor, row.box)
        return out


class ToolLinkWidget(QWidget):
    """"Answers call:" — which earlier tool call a tool message answers."""

    def __init__(self, hub: EditHub, msg: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub, self._msg = hub, msg
        self._paths: dict[Any, str] = {}
        self._loading = False
        label = QLabel(ExampleEditor.tr("Answers call:"))
        self.combo = ComboBox()
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        label.setBuddy(self.combo)
        self.go = QToolButton()
        self.go.setText(ExampleEditor.tr("Go to call"))
        self.go.setToolTip(ExampleEditor.tr("Show the tool call this message answers"))
        self.go.clicked.connect(self._go)
        self.combo.currentIndexChanged.connect(self._chosen)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label)
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.go)

    def refresh(self, calls: list[tuple[str, str, str]]) -> None:
        """List the earlier calls as ``(id, function name, JSON path of the call)``."""
        self._loading = True
        try:
            self.combo.clear()
            current = self._msg.get("tool_call_id")
            self._paths = {cid: path for cid, _, path in calls}
            if current is None:
                self.combo.addItem(ExampleEditor.tr("Choose the call this answers…"), None)
            for cid, name, _ in calls:
                self.combo.addItem(f"{cid} · {name or ExampleEditor.tr('(no function name)')}", cid)
            if current is not None and current not in self._paths:
                self.combo.addItem(
                    std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning),
                    ExampleEditor.tr("{id} (no earlier call has this id)").format(id=str(current)[:60]),
                    current,
                )
            index = self.combo.findData(current) if current is not None else 0
            self.combo.setCurrentIndex(max(0, index))
            self.go.setEnabled(current in self._paths)
        finally:
            self._loading = False

    def _chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        cid = self.combo.itemData(index)
        if cid is None or cid == self._msg.get("tool_call_id"):
            return
        self._msg["tool_call_id"] = cid
        self.go.setEnabled(cid in self._paths)
        self._hub.commit()

    def _go(self) -> None:
        path = self._paths.get(self._msg.get("tool_call_id"))
        if path:
            self._hub.focus_requested.emit(path)
