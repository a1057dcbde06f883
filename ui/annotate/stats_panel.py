"""The Statistics tab of the annotator: how much annotators agree (percent and Cohen's kappa per
pair), whether the left answer wins too often (position bias), and each source model's wins, ties
and losses with a win-rate and its 95 % confidence interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import TranslationContext
from ui.locale_format import decimal

Annotate = TranslationContext("Annotate")


@dataclass(frozen=True)
class QueueStats:
    """Everything the tab shows, read in one go on a reader thread."""

    queue: str
    agreements: list[Any]  # PairAgreement
    bias_all: Any  # PositionBias
    bias_mine: Any  # PositionBias
    models: list[Any]  # ModelStats
    annotator: str


def percent(value: float | None) -> str:
    """0.625 -> "63 %"; None -> "—"."""
    return "—" if value is None else f"{value * 100:.0f} %"  # whole numbers: the same in every language


def kappa_words(kappa: float | None) -> str:
    """Cohen's kappa in words (the usual Landis & Koch bands)."""
    if kappa is None:
        return Annotate.tr("not defined")
    bands = ((0.0, Annotate.tr("no better than chance")), (0.2, Annotate.tr("slight")), (0.4, Annotate.tr("fair")),
             (0.6, Annotate.tr("moderate")), (0.8, Annotate.tr("substantial")))
    return next((words for limit, words in bands if kappa <= limit), Annotate.tr("almost perfect"))


def bias_text(bias: Any, who: str) -> str:
    """One sentence about how often the left answer won, with the interval and what it means."""
    n = bias.left_wins + bias.right_wins
    if not n or bias.rate is None:
        return Annotate.tr("{who}: no answer chosen yet.").format(who=who)
    text = Annotate.tr("{who}: the left answer won {left} of %Ln choice(s) ({rate}, 95 % interval {low} – "
                       "{high}).", None, n).format(
        who=who, left=bias.left_wins, rate=percent(bias.rate), low=percent(bias.low), high=percent(bias.high))
    if bias.low is not None and bias.low > 0.5:
        return text + " " + Annotate.tr("⚠ The left side is favoured more than chance explains.")
    if bias.high is not None and bias.high < 0.5:
        return text + " " + Annotate.tr("⚠ The right side is favoured more than chance explains.")
    return text + " " + Annotate.tr("✓ No sign of a position bias.")


def _table(headers: Sequence[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(False)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    # Show every row without an inner scrollbar: the tab itself scrolls.
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(len(rows)))
    table.setFixedHeight(height + 2)
    table.setVisible(bool(rows))


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AnnotationStatsPanel(QScrollArea):
    """Agreement, position bias and per-model results of one queue (``show_stats``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.title = _heading("")
        self.agreement = _table([self.tr("Annotators"), self.tr("Judged by both"), self.tr("Agreement"),
                                 self.tr("Cohen's κ"), self.tr("In words")])
        self.agreement_note = _note()
        self.bias = _note()
        self.models = _table([self.tr("Model"), self.tr("Wins"), self.tr("Ties"), self.tr("Losses"),
                              self.tr("Both bad"), self.tr("Win-rate"), self.tr("95 % interval")])
        self.models_note = _note()
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.addWidget(self.title)
        lay.addSpacing(6)
        lay.addWidget(_heading(self.tr("Agreement between annotators")))
        lay.addWidget(_note(self.tr(
            "On the comparisons both judged (skips left out): how often they made the same choice, and "
            "Cohen's κ, which discounts the agreement expected by chance (1 = always agree, 0 = chance).")))
        lay.addWidget(self.agreement)
        lay.addWidget(self.agreement_note)
        lay.addSpacing(10)
        lay.addWidget(_heading(self.tr("Position bias")))
        lay.addWidget(self.bias)
        lay.addSpacing(10)
        lay.addWidget(_heading(self.tr("Results per source model")))
        lay.addWidget(_note(self.tr(
            "Over every judged comparison the model took part in; a tie counts as half a win in the "
            "win-rate. The interval is where the true win-rate lies with 95 % confidence.")))
        lay.addWidget(self.models)
        lay.addWidget(self.models_note)
        lay.addStretch(1)
        self.setWidget(body)
        self.stats: QueueStats | None = None

    def show_stats(self, stats: QueueStats | None) -> None:
        """Show the figures of a queue (None: no queue)."""
        self.stats = stats
        if stats is None:
            self.title.setText(self.tr("<b>No queue selected</b>"))
            _fill(self.agreement, [])
            _fill(self.models, [])
            self.bias.setText("")
            return
        self.title.setText(self.tr("<b>Statistics of “{queue}”</b>").format(queue=stats.queue))
        rows = [[f"{p.a} · {p.b}", str(p.overlap), percent(p.agreement),
                 "—" if p.kappa is None else decimal(p.kappa, 2), kappa_words(p.kappa)] for p in stats.agreements]
        _fill(self.agreement, rows)
        self.agreement_note.setText("" if rows else self.tr(
            "Agreement needs two annotators who judged the same comparisons. Merge a colleague's copy of "
            "the project (toolbar: “Merge a colleague's copy…”) to see it."))
        self.agreement_note.setVisible(not rows)
        self.bias.setText(bias_text(stats.bias_all, self.tr("Everyone")) + "\n" + bias_text(
            stats.bias_mine, self.tr("You ({name})").format(name=stats.annotator)))
        model_rows = []
        for m in stats.models:
            r = m.rate
            model_rows.append([
                m.model or self.tr("(source not recorded)"), str(m.wins), str(m.ties), str(m.losses), str(m.both_bad),
                percent(r.rate), "—" if r.low is None else f"{percent(r.low)} – {percent(r.high)}",
            ])
        _fill(self.models, model_rows)
        self.models_note.setText("" if model_rows else self.tr(
            "No judged comparison names its models yet (imported files do not say which model wrote an answer)."))
        self.models_note.setVisible(not model_rows)
