"""Content given as a list of parts: text parts as editors, image parts with a thumbnail.

Data URLs are decoded into thumbnails on a worker thread; web (http/https) images are never fetched
(the platform downloads them during training), they show their address with a link icon.
"""

from __future__ import annotations

import binascii
import os
from base64 import b64decode, b64encode
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from app.formats.validate_images import MAX_IMAGE_BYTES, sniff
from app.runtime.threads import run_blocking
from ui.locale_format import decimal

from .common import (
    Anchor,
    Anchors,
    ComboBox,
    EditHub,
    ExampleEditor,
    FindingsBox,
    GrowingTextEdit,
    PathKey,
    hint,
    std_icon,
)
from .tool_widgets import remove_button

MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMB = 72
_CACHE_LIMIT = 64


class ImageRefused(Exception):
    """A file that cannot become an image part: ``reason`` is "too_large" or "format"."""

    def __init__(self, reason: str, size: int = 0, fmt: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.size, self.fmt = reason, size, fmt


def human_bytes(n: int) -> str:
    """``1536`` → ``1.5 kB``."""
    if n < 1000:
        return ExampleEditor.tr("{n} B").format(n=n)
    if n < 1_000_000:
        return ExampleEditor.tr("{n} kB").format(n=decimal(n / 1000, 1))
    return ExampleEditor.tr("{n} MB").format(n=decimal(n / 1_000_000, 1))


def read_image_file(path: str) -> str:
    """Read an image file into a ``data:`` URL (blocking: call it on a worker thread).

    The media type comes from the file's first bytes, not its name. Raises ``ImageRefused`` for a
    file over 10 MB (checked before reading it) or one that is not JPEG, PNG or WEBP.
    """
    size = os.path.getsize(path)
    if size > MAX_IMAGE_BYTES:
        raise ImageRefused("too_large", size)
    data = Path(path).read_bytes()
    fmt = sniff(data)
    if fmt not in MIME:
        raise ImageRefused("format", size, fmt)
    return f"data:{MIME[fmt]};base64,{b64encode(data).decode('ascii')}"


def refusal_message(name: str, exc: ImageRefused) -> str:
    """What to tell the user about a refused file."""
    if exc.reason == "too_large":
        return ExampleEditor.tr("{name} is {size}; an image can be at most 10 MB. Choose a smaller image, or save it "
                  "smaller (for example as JPEG) first.").format(name=name, size=human_bytes(exc.size))
    found = ExampleEditor.tr("a {fmt} image").format(fmt=exc.fmt) if exc.fmt else ExampleEditor.tr("not an image")
    return ExampleEditor.tr("{name} is {found}; training data can only contain JPEG, PNG or WEBP images. Convert it "
              "first.").format(name=name, found=found)


@dataclass(frozen=True)
class Thumb:
    """A decoded thumbnail and what to say about the image."""

    image: QImage | None
    fmt: str
    width: int
    height: int
    nbytes: int


def decode_thumbnail(url: str, size: int = THUMB) -> Thumb:
    """Decode a ``data:`` URL into a small image (blocking: call it on a worker thread)."""
    payload = url.partition(",")[2]
    try:
        raw = b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return Thumb(None, "", 0, 0, 0)
    fmt = sniff(raw) or ""
    img = QImage.fromData(raw)
    if img.isNull():
        return Thumb(None, fmt, 0, 0, len(raw))
    w, h = img.width(), img.height()
    if w > size or h > size:
        img = img.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return Thumb(img, fmt, w, h, len(raw))


def image_url_of(part: dict[str, Any]) -> str:
    """The address of an image part ("" when it has none)."""
    spec = part.get("image_url")
    url = spec.get("url") if isinstance(spec, dict) else spec
    return url if isinstance(url, str) else ""


def is_text_part(part: Any) -> bool:
    """``{"type": "text", "text": "…"}``."""
    return isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str)


def is_image_part(part: Any) -> bool:
    """``{"type": "image_url", …}``."""
    return isinstance(part, dict) and part.get("type") == "image_url"


def _cache_key(url: str) -> tuple[int, int]:
    # Not the URL itself: a few cached 10 MB data URLs would pin a lot of memory. Python caches
    # a string's hash on the object, and copies of the example share the same string objects.
    return hash(url), len(url)


def _short(url: str, limit: int = 64) -> str:
    return url if len(url) <= limit else url[: limit - 22] + "…" + url[-20:]


class ImagePartRow(QFrame):
    """One image: thumbnail (or link icon), what it is, its detail level and a remove button."""

    DETAILS = (None, "low", "high", "auto")

    def __init__(self, hub: EditHub, part: dict[str, Any], on_remove: Callable[[], None]) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._hub, self._part = hub, part
        self.url = image_url_of(part)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB + 4, THUMB + 4)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setFrameShape(QFrame.Shape.Box)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = ComboBox()
        self.detail.setToolTip(ExampleEditor.tr("How closely the model looks at the image; \"low\" is the cheapest"))
        labels = (ExampleEditor.tr("Detail: default"), ExampleEditor.tr("Detail: low"),
                  ExampleEditor.tr("Detail: high"), ExampleEditor.tr("Detail: auto"))
        for label, value in zip(labels, self.DETAILS, strict=True):
            self.detail.addItem(label, value)
        spec = part.get("image_url")
        current = spec.get("detail") if isinstance(spec, dict) else None
        if current in self.DETAILS:
            self.detail.setCurrentIndex(self.DETAILS.index(current))
        else:
            self.detail.addItem(ExampleEditor.tr("Detail: {d} (unknown)").format(d=str(current)[:20]), current)
            self.detail.setCurrentIndex(self.detail.count() - 1)
        self.detail.currentIndexChanged.connect(self._detail_chosen)
        self.remove = remove_button(self, ExampleEditor.tr("Remove this image"))
        self.remove.clicked.connect(on_remove)
        controls = QHBoxLayout()
        controls.addWidget(self.detail)
        controls.addStretch(1)
        controls.addWidget(self.remove)
        right = QVBoxLayout()
        right.addWidget(self.info, 1)
        right.addLayout(controls)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(right, 1)
        self._show_source()

    def _show_source(self) -> None:
        if self.url.startswith(("http://", "https://")):
            self.thumb.setPixmap(std_icon(self, QStyle.StandardPixmap.SP_FileLinkIcon).pixmap(32, 32))
            self.info.setText(ExampleEditor.tr("Web image (the platform downloads it during training):\n{url}")
                              .format(url=_short(self.url)))
            self.info.setToolTip(self.url)
        elif self.url.startswith("data:"):
            self.info.setText(ExampleEditor.tr("Loading the image…"))
            cached = self._hub.thumbnails.get(_cache_key(self.url))
            if cached is not None:
                self._show_thumb(cached)
            else:
                self._hub.spawn(self._load())
        else:
            self.thumb.setPixmap(std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
            self.info.setText(ExampleEditor.tr("Not an image address: "
                                               "{url}").format(url=_short(self.url) or ExampleEditor.tr("(empty)")))
            self.info.setToolTip(self.url)

    async def _load(self) -> None:
        url = self.url
        thumb = await run_blocking(decode_thumbnail, url)
        cache = self._hub.thumbnails
        if len(cache) >= _CACHE_LIMIT:
            cache.pop(next(iter(cache)))
        cache[_cache_key(url)] = thumb
        if shiboken6.isValid(self):
            self._show_thumb(thumb)

    def _show_thumb(self, thumb: Thumb) -> None:
        if thumb.image is None:
            self.thumb.setPixmap(std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
            self.info.setText(ExampleEditor.tr("This image cannot be shown: its data is damaged or not an image."))
            return
        self.thumb.setPixmap(QPixmap.fromImage(thumb.image))
        self.info.setText(ExampleEditor.tr("{fmt} image · {w}×{h} px · {size}").format(
            fmt=thumb.fmt or ExampleEditor.tr("Unknown"), w=thumb.width, h=thumb.height,
            size=human_bytes(thumb.nbytes)))

    def _detail_chosen(self, index: int) -> None:
        value = self.detail.itemData(index)
        spec = self._part.get("image_url")
        if not isinstance(spec, dict):
            spec = self._part["image_url"] = {"url": self.url}
        if value is None:
            spec.pop("detail", None)
        else:
            spec["detail"] = value
        self._hub.commit()


class PartsWidget(QWidget):
    """A content list: text parts as growing editors, images as :class:`ImagePartRow`."""

    def __init__(self, hub: EditHub, parts: list[Any], on_remove: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.rows: list[tuple[QWidget, FindingsBox]] = []
        self.text_editors: list[GrowingTextEdit] = []
        self.image_rows: list[ImagePartRow] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        for j, part in enumerate(parts):
            widget: QWidget
            if is_text_part(part):
                widget = GrowingTextEdit(part["text"])
                widget.setAccessibleName(ExampleEditor.tr("Text part {n}").format(n=j + 1))
                widget.textChanged.connect(lambda p=part, w=widget: self._text_edited(p, w))
                widget.focus_lost.connect(hub.commit)
                self.text_editors.append(widget)
            elif is_image_part(part):
                widget = ImagePartRow(hub, part, lambda j=j: on_remove(j))
                self.image_rows.append(widget)
            else:
                kind = part.get("type") if isinstance(part, dict) else type(part).__name__
                widget = hint(ExampleEditor.tr("Part {n} is of type “{t}”, which the editor cannot show; it is kept "
                                 "unchanged.").format(n=j + 1, t=str(kind)[:40]))
            box = FindingsBox()
            lay.addWidget(widget)
            lay.addWidget(box)
            self.rows.append((widget, box))

    def _text_edited(self, part: dict[str, Any], editor: GrowingTextEdit) -> None:
        part["text"] = editor.raw_text()
        self._hub.typed()

    def first_focus(self) -> QWidget | None:
        """The widget to focus for the content as a whole."""
        if self.text_editors:
            return self.text_editors[0]
        return self.image_rows[0].detail if self.image_rows else None

    def anchors(self, prefix: PathKey) -> Anchors:
        """Findings about part ``j`` go under part ``j``."""
        out: Anchors = {}
        for j, (widget, box) in enumerate(self.rows):
            focus = widget.detail if isinstance(widget, ImagePartRow) else widget
            out[prefix + (j,)] = Anchor(focus, box)
        return out
