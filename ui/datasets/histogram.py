"""A small bar chart drawn with QPainter (QtCharts would add ~150 MB to the install)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.services.dataset_overview import Bin
from ui.locale_format import number


class HistogramWidget(QWidget):
    """Bars for ``Bin`` values with the range under the axis and counts in tooltips."""

    def __init__(self, title: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.unit = unit
        self.bins: list[Bin] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 140)

    def set_bins(self, bins: list[Bin]) -> None:
        """Show new data."""
        self.bins = bins
        total = sum(b.count for b in bins)
        self.setAccessibleDescription(f"{self.title}: {total} examples in {len(bins)} groups")
        self.update()

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        return QRectF(6, fm.height() + 6, self.width() - 12, self.height() - 2 * fm.height() - 14)

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt override
        p = QPainter(self)
        pal = self.palette()
        fm = self.fontMetrics()
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(6, fm.ascent() + 2, self.title)
        rect = self._plot_rect()
        if not self.bins:
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("No examples yet"))
            return
        peak = max(b.count for b in self.bins) or 1
        w = rect.width() / len(self.bins)
        bar = pal.color(QPalette.ColorRole.Highlight)
        for i, b in enumerate(self.bins):
            h = rect.height() * b.count / peak
            p.fillRect(QRectF(rect.left() + i * w + 1, rect.bottom() - h, max(1.0, w - 2), h), bar)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        y = int(rect.bottom()) + fm.ascent() + 3
        p.drawText(int(rect.left()), y, number(self.bins[0].low))
        last = f"{number(self.bins[-1].high - 1)} {self.unit}"
        p.drawText(int(rect.right()) - fm.horizontalAdvance(last), y, last)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        rect = self._plot_rect()
        if not self.bins or not rect.contains(event.position()):
            QToolTip.hideText()
            return
        i = min(len(self.bins) - 1, int((event.position().x() - rect.left()) / (rect.width() / len(self.bins))))
        b = self.bins[i]
        text = self.tr("%Ln example(s) with {low}–{high} {unit}", None, b.count).format(
            low=number(b.low), high=number(b.high - 1), unit=self.unit
        )
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
