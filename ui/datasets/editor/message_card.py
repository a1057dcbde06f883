"""One message of a conversation as a card: role, content (text or parts with images), tool calls
or the call it answers, the "learn from this answer" toggle, and move / remove buttons."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Kind
from app.runtime.threads import run_blocking

from .common import (
    Anchor,
    Anchors,
    ComboBox,
    EditHub,
    ExampleEditor,
    FindingsBox,
    GrowingTextEdit,
    NoticeRow,
    PathKey,
    heading,
    hint,
)
from .common import std_icon as _icon
from .image_parts import ImageRefused, PartsWidget, read_image_file, refusal_message
from .roles import placeholder, role_choices, role_label
from .tool_widgets import ToolCallsWidget, ToolLinkWidget, remove_button

__all__ = ["MessageCard", "role_choices"]

_MISSING = object()


class MessageCard(QFrame):
    """A card editing one message dict in place."""

    move_requested = Signal(int, int)  # index, -1 / +1
    remove_requested = Signal(int)
    links_changed = Signal()  # tool calls or roles changed: tool answers must relink

    def __init__(self, hub: EditHub, kind: Kind, msg: Any, index: int, count: int,
                 new_call_id: Callable[[], str], allow_images: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._hub, self._kind, self.msg, self.index = hub, kind, msg, index
        self._allow_images = allow_images
        self.parts: PartsWidget | None = None
        self.content_editor: GrowingTextEdit | None = None
        self.content_widget: QWidget | None = None
        self.role = ComboBox()
        self.role.setAccessibleName(ExampleEditor.tr("Role of message {n}").format(n=index + 1))
        self.role.setToolTip(ExampleEditor.tr("Who says this message"))
        title = heading(ExampleEditor.tr("Message {n}").format(n=index + 1))
        self.up = self._tool_button(QStyle.StandardPixmap.SP_ArrowUp, ExampleEditor.tr("Move this message up (Alt+Up)"))
        self.down = self._tool_button(QStyle.StandardPixmap.SP_ArrowDown,
                                      ExampleEditor.tr("Move this message down (Alt+Down)"))
        self.remove = remove_button(self, ExampleEditor.tr("Remove this message"))
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)
        self.up.clicked.connect(lambda: self.move_requested.emit(self.index, -1))
        self.down.clicked.connect(lambda: self.move_requested.emit(self.index, 1))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.index))
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda d=delta: self.move_requested.emit(self.index, d))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.role)
        top.addStretch(1)
        for b in (self.up, self.down, self.remove):
            top.addWidget(b)
        self.header_box = FindingsBox()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 8)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addWidget(self.header_box)
        if not isinstance(msg, dict):
            self.role.setEnabled(False)
            lay.addWidget(hint(ExampleEditor.tr("This message is not in a form the editor can show; it is kept "
                                                "unchanged.")))
            return
        self._fill_roles()
        self.role.currentIndexChanged.connect(self._role_chosen)

        # Sections a role does not use are only created when needed: a long conversation has
        # many cards, and most messages never show tool calls, images or a weight.
        self.link: ToolLinkWidget | None = None
        self.calls: ToolCallsWidget | None = None
        self.weight: QPushButton | None = None
        self.add_file: QPushButton | None = None
        self.add_url: QPushButton | None = None
        self.image_notice: NoticeRow | None = None
        self._new_call_id = new_call_id
        self._earlier_calls: list[tuple[str, str, str]] = []
        self._link_slot = self._slot(lay)
        self._content_lay = self._slot(lay)
        self.content_box = FindingsBox()
        lay.addWidget(self.content_box)
        self._images_slot = self._slot(lay)
        self._calls_slot = self._slot(lay)
        self._weight_slot = self._slot(lay)
        self.weight_box = FindingsBox()
        lay.addWidget(self.weight_box)
        self._build_content()
        self._update_sections()

    @staticmethod
    def _slot(lay: QVBoxLayout) -> QVBoxLayout:
        slot = QVBoxLayout()
        slot.setContentsMargins(0, 0, 0, 0)
        slot.setSpacing(4)
        lay.addLayout(slot)
        return slot

    def _ensure_link(self) -> ToolLinkWidget:
        if self.link is None:
            self.link = ToolLinkWidget(self._hub, self.msg)
            self.link.refresh(self._earlier_calls)
            self._link_slot.addWidget(self.link)
        return self.link

    def _ensure_calls(self) -> ToolCallsWidget:
        if self.calls is None:
            self.calls = ToolCallsWidget(self._hub, self.msg, self._new_call_id)
            self.calls.calls_changed.connect(self.links_changed)
            self.calls.calls_changed.connect(self._refresh_placeholder)
            self._calls_slot.addWidget(self.calls)
        return self.calls

    def _ensure_images(self) -> None:
        if self.add_file is not None:
            return
        self.add_file = QPushButton(ExampleEditor.tr("Add image from file…"))
        self.add_file.setToolTip(ExampleEditor.tr("Attach a JPEG, PNG or WEBP image (at most 10 MB) to this message"))
        self.add_file.clicked.connect(self._choose_file)
        self.add_url = QPushButton(ExampleEditor.tr("Add image by URL…"))
        self.add_url.setToolTip(ExampleEditor.tr("Attach an image by its web address (https://…)"))
        self.add_url.clicked.connect(self._ask_url)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_file)
        row.addWidget(self.add_url)
        row.addStretch(1)
        self._images_slot.addLayout(row)
        self.image_notice = NoticeRow()
        self._images_slot.addWidget(self.image_notice)

    def _ensure_weight(self) -> QPushButton:
        if self.weight is None:
            self.weight = QPushButton()
            self.weight.setCheckable(True)
            self.weight.setChecked(self.msg.get("weight", 1) != 0)
            self.weight.setToolTip(ExampleEditor.tr("When off, this answer stays in the conversation as context, "
                                                    "but the model does not learn from it (weight 0)"))
            self._retext_weight()
            self.weight.toggled.connect(self._weight_toggled)
            self._weight_slot.addWidget(self.weight, 0, Qt.AlignmentFlag.AlignLeft)
        return self.weight

    def _tool_button(self, pix: QStyle.StandardPixmap, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(_icon(self, pix))
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        return b

    # -- role --------------------------------------------------------------------------------
    def _fill_roles(self) -> None:
        current = self.msg.get("role")
        for role in role_choices(self._kind):
            self.role.addItem(role_label(role), role)
            if role == "developer" and self._kind is not Kind.RFT:
                self.role.setItemData(self.role.count() - 1,
                                      ExampleEditor.tr("The supervised format does not list a developer "
                                                                "role; training may refuse it"),
                                      Qt.ItemDataRole.ToolTipRole)
        if current not in role_choices(self._kind):
            text = ExampleEditor.tr("(no role)") if current is None else ExampleEditor.tr("{role} (not allowed "
                                                                                          "here)").format(role=str(current))
            self.role.addItem(_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning), text, current)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))

    def _role_chosen(self, index: int) -> None:
        role = self.role.itemData(index)
        if role is None or role == self.msg.get("role"):
            return
        self.msg["role"] = role
        self._update_sections()
        self._refresh_placeholder()
        self.links_changed.emit()
        self._hub.layout_changed.emit()
        self._hub.commit()

    def _update_sections(self) -> None:
        role = self.msg.get("role")
        # Answers get a slightly different background so turns are easy to scan (the role is
        # written in the card too, so nothing depends on the shade).
        self.setAutoFillBackground(role == "assistant")
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase if role == "assistant" else QPalette.ColorRole.Window)
        wants = {
            "link": role == "tool" or "tool_call_id" in self.msg,
            "calls": role == "assistant" or "tool_calls" in self.msg,
            "weight": (role == "assistant" and self._kind is Kind.SFT) or "weight" in self.msg,
            "images": self._allow_images and role == "user",
        }
        if wants["link"]:
            self._ensure_link()
        if wants["calls"]:
            self._ensure_calls()
        if wants["weight"]:
            self._ensure_weight()
        if wants["images"]:
            self._ensure_images()
        for widget, shown in ((self.link, wants["link"]), (self.calls, wants["calls"]),
                              (self.weight, wants["weight"]), (self.add_file, wants["images"]),
                              (self.add_url, wants["images"])):
            if widget is not None:
                widget.setVisible(shown)

    # -- content -----------------------------------------------------------------------------
    def _build_content(self) -> None:
        if self.content_widget is not None:
            had_focus = self.content_widget.hasFocus()
            self._content_lay.removeWidget(self.content_widget)
            self.content_widget.deleteLater()
        else:
            had_focus = False
        self.parts = self.content_editor = None
        content = self.msg.get("content", _MISSING)
        self._content_state = content if content is _MISSING or content is None else ""
        if content is _MISSING or content is None or isinstance(content, str):
            editor = GrowingTextEdit(content if isinstance(content, str) else "")
            editor.setPlaceholderText(self._placeholder())
            editor.setAccessibleName(ExampleEditor.tr("Content of message {n}").format(n=self.index + 1))
            editor.textChanged.connect(self._content_edited)
            editor.focus_lost.connect(self._hub.commit)
            self.content_editor = editor
            widget: QWidget = editor
        elif isinstance(content, list):
            self.parts = PartsWidget(self._hub, content, self._remove_part)
            widget = self.parts
        else:
            widget = hint(ExampleEditor.tr("The content is neither text nor a list of parts; it is kept unchanged."))
        self.content_widget = widget
        self._content_lay.addWidget(widget)
        if had_focus and self.content_editor is not None:
            self.content_editor.setFocus()

    def _refresh_placeholder(self) -> None:
        if self.content_editor is not None:
            self.content_editor.setPlaceholderText(self._placeholder())

    def _placeholder(self) -> str:
        return placeholder(self.msg.get("role"), bool(self.msg.get("tool_calls")))

    def _content_edited(self) -> None:
        text = self.content_editor.raw_text()
        if text == "" and self._content_state is _MISSING:
            self.msg.pop("content", None)
        elif text == "" and self._content_state is None:
            self.msg["content"] = None
        else:
            self.msg["content"] = text
        self._hub.typed()

    def content_focus(self) -> QWidget:
        """The widget to focus for "the content of this message"."""
        if self.parts is not None:
            return self.parts.first_focus() or self.role
        return self.content_editor or self.role

    # -- images ------------------------------------------------------------------------------
    def _choose_file(self) -> None:
        dlg = QFileDialog(self, ExampleEditor.tr("Add image from file"), "",
                          ExampleEditor.tr("Images (*.png *.jpg *.jpeg *.webp);;All files (*)"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fileSelected.connect(self.add_image_file)
        dlg.open()

    def add_image_file(self, path: str) -> asyncio.Task[None]:
        """Read ``path`` off the GUI thread and append it as a data-URL image part."""
        return self._hub.spawn(self._add_file(str(path)))

    async def _add_file(self, path: str) -> None:
        self._ensure_images()
        self.image_notice.clear()
        name = Path(path).name
        try:
            url = await run_blocking(read_image_file, path)
        except ImageRefused as exc:
            if shiboken6.isValid(self):
                self.image_notice.show_message(refusal_message(name, exc))
            return
        except OSError as exc:
            if shiboken6.isValid(self):
                self.image_notice.show_message(ExampleEditor.tr(
                    "{name} could not be read ({why}). Check that the file still exists.").format(
                        name=name, why=exc.strerror or exc))
            return
        if shiboken6.isValid(self):
            self._append_part({"type": "image_url", "image_url": {"url": url}})

    def _ask_url(self) -> None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle(ExampleEditor.tr("Add image by URL"))
        dlg.setLabelText(ExampleEditor.tr("Web address of the image (https://…):"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.textValueSelected.connect(self.add_image_url)
        dlg.open()

    def add_image_url(self, url: str) -> bool:
        """Append an image part by address; False (with a notice) when it is not one."""
        url = url.strip()
        self._ensure_images()
        if not url.startswith(("https://", "http://", "data:image/")):
            self.image_notice.show_message(ExampleEditor.tr("“{url}” is not a web address. Give the image's "
                                                            "address starting with https://.").format(url=url[:80]))
            return False
        self.image_notice.clear()
        self._append_part({"type": "image_url", "image_url": {"url": url}})
        return True

    def _append_part(self, part: dict[str, Any]) -> None:
        content = self.msg.get("content")
        if isinstance(content, list):
            content.append(part)
        elif isinstance(content, str) and content:
            self.msg["content"] = [{"type": "text", "text": content}, part]
        else:
            self.msg["content"] = [part]
        self._content_changed_shape()

    def _remove_part(self, j: int) -> None:
        content = self.msg.get("content")
        if isinstance(content, list) and 0 <= j < len(content):
            del content[j]
            self._content_changed_shape()
            if self.add_file is not None:
                self.add_file.setFocus()

    def _content_changed_shape(self) -> None:
        self._build_content()
        self._hub.findings_stale.emit()
        self._hub.layout_changed.emit()
        self._hub.commit()

    # -- weight ------------------------------------------------------------------------------
    def _retext_weight(self) -> None:
        on = self.weight.isChecked()
        self.weight.setText(ExampleEditor.tr("Learn from this answer: on") if on
                            else ExampleEditor.tr("Learn from this answer: off"))
        pix = QStyle.StandardPixmap.SP_DialogApplyButton if on else QStyle.StandardPixmap.SP_DialogCancelButton
        self.weight.setIcon(_icon(self, pix))

    def _weight_toggled(self, on: bool) -> None:
        self.msg["weight"] = 1 if on else 0
        self._retext_weight()
        self._hub.commit()

    # -- links and findings ------------------------------------------------------------------
    def refresh_links(self, earlier_calls: list[tuple[str, str, str]]) -> None:
        """Offer the tool calls made before this message in "Answers call"."""
        self._earlier_calls = earlier_calls
        if self.link is not None:
            self.link.refresh(earlier_calls)

    def anchors(self, prefix: PathKey) -> Anchors:
        """Where findings about this message (at JSON path ``prefix``) go."""
        head = Anchor(self.role, self.header_box)
        out: Anchors = {prefix: head, prefix + ("role",): head}
        if not isinstance(self.msg, dict):
            return out
        out[prefix + ("weight",)] = Anchor(self.weight, self.weight_box)
        out[prefix + ("tool_call_id",)] = Anchor(self.link.combo if self.link else None, self.header_box)
        out[prefix + ("content",)] = Anchor(self.content_focus(), self.content_box)
        if self.parts is not None:
            out.update(self.parts.anchors(prefix + ("content",)))
        if self.calls is not None:
            out.update(self.calls.anchors(prefix))
        return out
