"""The collapsible list of tool definitions (``tools`` of an example or of a DPO input), each
edited as JSON with the live check."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.formats.model import Severity

from .common import Anchor, Anchors, EditHub, ExampleEditor, FindingsBox, JsonEdit, PathKey, heading, hint
from .tool_widgets import clear_layout, remove_button


class _ToolRow(QFrame):
    """One tool definition edited as JSON (the ``function`` object: name, description, parameters)."""

    def __init__(self, hub: EditHub, tools: list[Any], j: int, on_remove: Callable[[], None]):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._hub, self._tools, self._j = hub, tools, j
        tool = tools[j]
        # Edit the function object when the tool has the usual shape, else the whole tool.
        self._whole = not (isinstance(tool, dict) and isinstance(tool.get("function"), dict))
        value = tool if self._whole else tool["function"]
        self.title = heading("")
        self.remove = remove_button(self, ExampleEditor.tr("Remove this tool"))
        self.remove.clicked.connect(on_remove)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.remove)
        self.json = JsonEdit(json.dumps(value, indent=2, ensure_ascii=False),
                             suffix=ExampleEditor.tr(" — the last valid version is kept until this is fixed."))
        self.json.setAccessibleName(ExampleEditor.tr("Tool definition (JSON)"))
        self.json.edited.connect(self._edited)
        self.json.focus_lost.connect(hub.commit)
        self.box = FindingsBox()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 6)
        lay.addLayout(top)
        lay.addWidget(self.json)
        lay.addWidget(self.box)
        self._retitle()

    def _retitle(self) -> None:
        tool = self._tools[self._j]
        fn = tool.get("function") if isinstance(tool, dict) else None
        name = fn.get("name") if isinstance(fn, dict) else None
        self.title.setText(ExampleEditor.tr("Tool {n}: {name}").format(n=self._j + 1,
                                                                       name=name or ExampleEditor.tr("(no name)")))

    def _edited(self, text: str) -> None:
        if not self.json.is_valid():
            return
        value = json.loads(text)
        if not isinstance(value, dict):
            self.json.error.show_message(ExampleEditor.tr("A tool must be a JSON object: {\"name\": …, "
                                                          "\"description\": …, \"parameters\": {…}}."), Severity.ERROR)
            return
        if self._whole:
            self._tools[self._j] = value
        else:
            self._tools[self._j]["function"] = value
        self._retitle()
        self._hub.typed()


class ToolDefinitionsSection(QWidget):
    """The collapsible list of tools the model may call (``tools`` of the example or its input)."""

    def __init__(self, hub: EditHub, data: dict[str, Any], prefix: PathKey, parent: QWidget | None = None):
        super().__init__(parent)
        self._hub, self._data, self._prefix = hub, data, prefix
        self.rows: list[_ToolRow] = []
        self.expanded = False
        self.toggle = QToolButton()
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setToolTip(ExampleEditor.tr("Show or hide the tools the model may call"))
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.clicked.connect(lambda: self._toggled(not self.expanded))
        self.body = QWidget()
        self.box = FindingsBox()
        self._rows_lay = QVBoxLayout()
        self.add_button = QPushButton(ExampleEditor.tr("Add tool"))
        self.add_button.setToolTip(ExampleEditor.tr("Describe a function the model may call"))
        self.add_button.clicked.connect(self.add_tool)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(12, 0, 0, 0)
        body.addWidget(hint(ExampleEditor.tr("The functions the model may call in this example, each as JSON: its "
                                             "name, a description and its parameters (a JSON Schema).")))
        body.addWidget(self.box)
        body.addLayout(self._rows_lay)
        body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.body)
        self.build()
        self._toggled(False)

    def _holder(self, create: bool = False) -> dict[str, Any] | None:
        node: Any = self._data
        for key in self._prefix:
            if not isinstance(node, dict):
                return None
            if key not in node and create:
                node[key] = {}
            node = node.get(key)
        return node if isinstance(node, dict) else None

    def tools(self) -> list[Any] | None:
        """The ``tools`` list (None when absent or not a list)."""
        holder = self._holder()
        tools = holder.get("tools") if holder is not None else None
        return tools if isinstance(tools, list) else None

    def names(self) -> list[str]:
        """The declared function names."""
        out = []
        for t in self.tools() or []:
            fn = t.get("function") if isinstance(t, dict) else None
            if isinstance(fn, dict) and isinstance(fn.get("name"), str):
                out.append(fn["name"])
        return out

    def build(self) -> None:
        """(Re)create the rows from the data."""
        clear_layout(self._rows_lay)
        self.rows = []
        tools = self.tools()
        for j in range(len(tools or [])):
            row = _ToolRow(self._hub, tools, j, lambda j=j: self.remove_tool(j))
            self._rows_lay.addWidget(row)
            self.rows.append(row)
        holder = self._holder()
        self.add_button.setEnabled(holder is None or "tools" not in holder or tools is not None)
        self._retitle()

    def _retitle(self) -> None:
        n = len(self.tools() or [])
        text = (ExampleEditor.tr("Tools the model can call ({n})").format(n=n) if n
                else ExampleEditor.tr("Tools the model can call (none)"))
        self.toggle.setText(text)

    def _toggled(self, on: bool) -> None:
        # Not a checkable button: a "pressed" look would read as a state of its own.
        self.expanded = on
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleDescription(ExampleEditor.tr("expanded") if on else ExampleEditor.tr("collapsed"))
        self.body.setVisible(on)

    def expand(self) -> None:
        """Open the section."""
        if not self.expanded:
            self._toggled(True)

    def add_tool(self) -> None:
        """Append a new, empty function definition."""
        holder = self._holder(create=True)
        if holder is None:
            return
        names = set(self.names())
        name, n = "new_tool", 1
        while name in names:
            n += 1
            name = f"new_tool_{n}"
        holder.setdefault("tools", []).append({
            "type": "function",
            "function": {"name": name, "description": "", "parameters": {"type": "object", "properties": {}}},
        })
        self._structural()
        self.rows[-1].json.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_tool(self, j: int) -> None:
        """Remove tool ``j`` (and the ``tools`` key with the last one)."""
        tools = self.tools()
        if tools is None or not 0 <= j < len(tools):
            return
        del tools[j]
        if not tools:
            del self._holder()["tools"]
        self._structural()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _structural(self) -> None:
        self.build()
        self._hub.findings_stale.emit()
        self._hub.layout_changed.emit()
        self._hub.commit()

    def anchors(self) -> Anchors:
        """Where findings about the tools go (opening the section when needed)."""
        base = self._prefix + ("tools",)
        out: Anchors = {base: Anchor(self.add_button, self.box, self.expand)}
        for j, row in enumerate(self.rows):
            out[base + (j,)] = Anchor(row.json.editor, row.box, self.expand)
        return out
