"""A small line chart painted with QPainter (no QtCharts): metric curves by training step.

Each series has its own pen style as well as its colour, and the legend names it, so the curves
can be told apart without colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.locale_format import significant

_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


@dataclass(frozen=True)
class Series:
    """One curve: its legend label and its (step, value) points, by step."""

    label: str
    points: list[tuple[int, float]]


def nice_ticks(low: float, high: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """About ``count`` round tick values covering [low, high]; ``whole``: whole numbers only (steps)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    fits = [m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw]
    step = next((s for s in fits if not whole or s % 1 == 0), fits[-1])
    if whole:
        step = max(step, 1)
    start = math.floor(low / step) * step
    ticks = []
    t = start
    while t <= high + step * 1e-9 and len(ticks) < 50:
        ticks.append(round(t, 10))
        t += step
    if ticks and ticks[-1] < high:
        ticks.append(round(t, 10))
    return ticks


class LineChartWidget(QWidget):
    """Curves of a few metrics against the training step, with axis labels and a legend."""

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.y_label = y_label
        self.x_label = self.tr("Step")
        self.series: list[Series] = []
        self.empty_text = self.tr("No metrics yet: they appear once training runs.")
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(460, 240)

    def set_series(self, series: list[Series]) -> None:
        """Show these curves (series without points are left out)."""
        self.series = [s for s in series if s.points]
        self.setAccessibleDescription(
            "; ".join(self.tr("{label}: %Ln point(s), last {value}", None, len(s.points)).format(
                label=s.label, value=significant(s.points[-1][1])) for s in self.series)
        )
        self.update()

    @property
    def point_count(self) -> int:
        """How many points are plotted in all."""
        return sum(len(s.points) for s in self.series)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        p.fillRect(self.rect(), pal.base())
        fm = p.fontMetrics()
        lh = fm.height()
        title_font = p.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(text)
        p.drawText(QRectF(8, 4, self.width() - 16, lh), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        if not self.series:
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        # Legend under the title, one row, wrapping when the widget is narrow.
        x, y = 8.0, 4.0 + lh + 2
        for i, s in enumerate(self.series):
            w = 28 + fm.horizontalAdvance(s.label) + 14
            if x + w > self.width() - 8 and x > 8:
                x, y = 8.0, y + lh
            p.setPen(self._pen(i))
            p.drawLine(QPointF(x, y + lh / 2), QPointF(x + 22, y + lh / 2))
            p.setPen(text)
            p.drawText(QRectF(x + 26, y, w, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, s.label)
            x += w
        top = y + lh + 6
        xs = [pt[0] for s in self.series for pt in s.points]
        ys = [pt[1] for s in self.series for pt in s.points]
        yticks = nice_ticks(min(ys), max(ys))
        xticks = nice_ticks(min(xs), max(xs), whole=all(float(x).is_integer() for x in xs))
        if not yticks or not xticks:
            return
        y0, y1 = yticks[0], yticks[-1]
        x0, x1 = xticks[0], xticks[-1]
        labels = [significant(t) for t in yticks]
        left = 8 + lh + 4 + max(fm.horizontalAdvance(t) for t in labels) + 6
        bottom = self.height() - (2 * lh + 8)
        right = self.width() - 12
        if bottom - top < 30 or right - left < 40:
            return
        plot = QRectF(left, top, right - left, bottom - top)

        def px(v: float) -> float:
            return plot.left() + (v - x0) / ((x1 - x0) or 1) * plot.width()

        def py(v: float) -> float:
            return plot.bottom() - (v - y0) / ((y1 - y0) or 1) * plot.height()

        grid = QColor(text)
        grid.setAlpha(40)
        for t, label in zip(yticks, labels, strict=True):
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
            p.setPen(text)
            p.drawText(QRectF(0, py(t) - lh / 2, plot.left() - 6, lh),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        for t in xticks:
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(px(t), plot.top()), QPointF(px(t), plot.bottom()))
            p.setPen(text)
            p.drawText(QRectF(px(t) - 40, plot.bottom() + 2, 80, lh), Qt.AlignmentFlag.AlignHCenter, significant(t))
        p.setPen(QPen(text, 1))
        p.drawRect(plot)
        p.drawText(QRectF(plot.left(), plot.bottom() + lh + 4, plot.width(), lh),
                   Qt.AlignmentFlag.AlignHCenter, self.x_label)
        p.save()
        p.translate(8, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), lh), Qt.AlignmentFlag.AlignHCenter, self.y_label)
        p.restore()
        for i, s in enumerate(self.series):
            pen = self._pen(i)
            p.setPen(pen)
            pts = [QPointF(px(a), py(b)) for a, b in s.points]
            if len(pts) == 1:
                p.setBrush(pen.color())
                p.drawEllipse(pts[0], 3, 3)
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.drawPolyline(pts)

    @staticmethod
    def _pen(i: int) -> QPen:
        pen = QPen(QColor(_COLOURS[i % len(_COLOURS)]), 2)
        pen.setStyle(_STYLES[i % len(_STYLES)])
        return pen
