"""The two answers of a preference (DPO) example, side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from .common import Anchor, Anchors, EditHub, ExampleEditor, FindingsBox, GrowingTextEdit, heading, hint, std_icon

_MISSING = object()


class _AnswerColumn(QWidget):
    """One answer (``preferred_output`` or ``non_preferred_output``): a label and a text editor."""

    def __init__(self, hub: EditHub, data: dict[str, Any], key: str, title: str, pix: QStyle.StandardPixmap,
                 placeholder: str) -> None:
        super().__init__()
        self._hub, self._data, self.key = hub, data, key
        label = heading(title)
        icon = std_icon(self, pix)
        msg = self._message()
        content = msg.get("content", _MISSING) if msg is not None else _MISSING
        if isinstance(content, list):  # text parts: shown joined, saved back as plain text when edited
            text = "\n".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
        else:
            text = content if isinstance(content, str) else ""
        self._state = content if content is _MISSING or content is None else ""
        self.editor = GrowingTextEdit(text, min_lines=4, max_lines=20)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setAccessibleName(title)
        self.editor.textChanged.connect(self._edited)
        self.editor.focus_lost.connect(hub.commit)
        self.box = FindingsBox()
        top = QHBoxLayout()
        pic = QLabel()
        pic.setPixmap(icon.pixmap(16, 16))
        top.addWidget(pic)
        top.addWidget(label, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addWidget(self.editor)
        lay.addWidget(self.box)
        lay.addStretch(1)

    def _message(self, create: bool = False) -> dict[str, Any] | None:
        out = self._data.get(self.key)
        if isinstance(out, list) and out and isinstance(out[0], dict):
            return out[0]
        if not create:
            return None
        msg: dict[str, Any] = {"role": "assistant"}
        if isinstance(out, list):
            out.insert(0, msg)
        else:
            self._data[self.key] = [msg]
        return msg

    def _edited(self) -> None:
        text = self.editor.raw_text()
        msg = self._message(create=True)
        if text == "" and self._state is _MISSING:
            msg.pop("content", None)
        elif text == "" and self._state is None:
            msg["content"] = None
        else:
            msg["content"] = text
        self._hub.typed()


class DpoAnswersWidget(QWidget):
    """"Preferred answer" and "Non-preferred answer" in two equal columns."""

    def __init__(self, hub: EditHub, data: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferred = _AnswerColumn(
            hub, data, "preferred_output", ExampleEditor.tr("Preferred "
                                                            "answer"), QStyle.StandardPixmap.SP_DialogApplyButton,
            ExampleEditor.tr("The better answer to the last message…"))
        self.non_preferred = _AnswerColumn(
            hub, data, "non_preferred_output", ExampleEditor.tr("Non-preferred answer"),
            QStyle.StandardPixmap.SP_DialogCancelButton, ExampleEditor.tr("A worse answer to the same message…"))
        cols = QHBoxLayout()
        cols.setSpacing(12)
        for column in (self.preferred, self.non_preferred):
            # Equal halves whatever their text: the answers are compared, so neither may look bigger.
            column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            cols.addWidget(column, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(heading(ExampleEditor.tr("Answers to compare")))
        lay.addWidget(hint(ExampleEditor.tr("Two answers to the last message of the conversation above; the model "
                                            "learns to prefer the first.")))
        lay.addLayout(cols)

    def anchors(self) -> Anchors:
        """Findings about either answer go under its column."""
        out: Anchors = {}
        for col in (self.preferred, self.non_preferred):
            a = Anchor(col.editor, col.box)
            out[(col.key,)] = a
            out[(col.key, 0)] = a
            out[(col.key, 0, "content")] = a
        return out
