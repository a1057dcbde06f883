"""A small bar chart of rewards: ten bins from 0 to 1, drawn with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.graders.words import Graders
from ui.locale_format import decimal


class RewardHistogram(QWidget):
    """How many answers got each score (bins of 0.1 from 0 to 1); counts in tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[int] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(Graders.tr("Spread of the rewards"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(280, 88)

    def set_counts(self, counts: list[int]) -> None:
        """Show the answers per bin (bin i holds scores from i/n to (i+1)/n; the last includes 1)."""
        self.counts = list(counts)
        total = sum(self.counts)
        self.setAccessibleDescription(Graders.tr("%Ln answer(s) in {b} score bands from 0 to 1", None, total).format(
            b=len(self.counts)))
        self.update()

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        return QRectF(6, 4, self.width() - 12, self.height() - fm.height() - 12)

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt override
        p = QPainter(self)
        pal = self.palette()
        fm = self.fontMetrics()
        rect = self._plot()
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        if not any(self.counts):
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, Graders.tr("No rewards yet"))
            return
        peak = max(self.counts)
        w = rect.width() / len(self.counts)
        bar = pal.color(QPalette.ColorRole.Highlight)
        for i, count in enumerate(self.counts):
            h = rect.height() * count / peak
            p.fillRect(QRectF(rect.left() + i * w + 1, rect.bottom() - h, max(1.0, w - 2), h), bar)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        y = int(rect.bottom()) + fm.ascent() + 4
        p.drawText(int(rect.left()), y, "0")
        middle = "0.5"
        p.drawText(int(rect.center().x() - fm.horizontalAdvance(middle) / 2), y, middle)
        p.drawText(int(rect.right()) - fm.horizontalAdvance("1"), y, "1")

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        rect = self._plot()
        if not self.counts or not rect.contains(event.position()):
            QToolTip.hideText()
            return
        n = len(self.counts)
        i = min(n - 1, int((event.position().x() - rect.left()) / (rect.width() / n)))
        text = Graders.tr("%Ln answer(s) scored {low}–{high}", None, self.counts[i]).format(
            low=decimal(i / n, 1), high=decimal((i + 1) / n, 1))
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
