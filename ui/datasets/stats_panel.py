"""The Statistics panel: counts, token and turn histograms, predicted epochs and the cost estimate."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.services.dataset_overview import DatasetOverview
from ui.cost_text import cost_amount, cost_explanation
from ui.datasets.histogram import HistogramWidget
from ui.locale_format import number


class StatsPanel(QScrollArea):
    """Shows a ``DatasetOverview``'s numbers in plain words, with the price table's date."""

    edit_prices_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.examples = QLabel()
        self.tokens = QLabel()
        self.assistant = QLabel()
        self.missing = QLabel()
        self.epochs = QLabel()
        for w in (self.tokens, self.assistant, self.missing, self.epochs):
            w.setWordWrap(True)
        form.addRow(self.tr("Examples:"), self.examples)
        form.addRow(self.tr("Tokens per example:"), self.tokens)
        form.addRow(self.tr("Answer tokens:"), self.assistant)
        form.addRow(self.tr("Missing parts:"), self.missing)
        form.addRow(self.tr("Training:"), self.epochs)
        self.cost = QLabel()
        self.cost.setWordWrap(True)
        self.cost.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.cost.font()
        font.setBold(True)
        self.cost.setFont(font)
        self.cost_detail = QLabel()
        self.cost_detail.setWordWrap(True)
        self.edit_prices = QPushButton(self.tr("Edit prices…"))
        self.edit_prices.setToolTip(self.tr("Prices change: correct them to match your provider's current prices."))
        self.edit_prices.clicked.connect(self.edit_prices_requested)
        self.tokens_hist = HistogramWidget(self.tr("Tokens per example"), self.tr("tokens"))
        self.turns_hist = HistogramWidget(self.tr("Messages per example"), self.tr("messages"))
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(self.cost)
        lay.addWidget(self.cost_detail)
        lay.addWidget(self.edit_prices, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addSpacing(8)
        lay.addWidget(self.tokens_hist)
        lay.addWidget(self.turns_hist)
        lay.addStretch(1)
        self.setWidget(body)
        self.show_overview(None)

    def show_overview(self, ov: DatasetOverview | None, model: str = "") -> None:
        """Display the numbers (None: nothing selected)."""
        if ov is None:
            self.summary.setText(self.tr("Select a dataset to see its statistics."))
            for w in (self.examples, self.tokens, self.assistant, self.missing, self.epochs):
                w.clear()
            self.cost.clear()
            self.cost_detail.clear()
            self.tokens_hist.set_bins([])
            self.turns_hist.set_bins([])
            return
        st = ov.stats
        est = self.tr(" (estimate)") if st.estimated else ""
        self.summary.setText(self.tr("For base model {model}.").format(model=model or self.tr("(none chosen)")))
        self.examples.setText(number(st.examples))
        if st.tokens is not None:
            t = st.tokens
            self.tokens.setText(
                self.tr("median {median} · 10% under {p10} · 10% over {p90} · longest {max}{est}").format(
                    median=number(t.median), p10=number(t.p10), p90=number(t.p90), max=number(t.max), est=est
                )
            )
            a = st.assistant_tokens
            self.assistant.setText(
                self.tr("median {median}, {total} in all").format(median=number(a.median), total=number(a.total))
            )
        else:
            self.tokens.setText("—")
            self.assistant.setText("—")
        self.missing.setText(
            self.tr("{s} without a system message, {u} without a user message").format(
                s=number(st.missing_system), u=number(st.missing_user)
            )
        )
        if st.epochs:
            # One text per case: in Portuguese "predicted"/"chosen" agree with the number of epochs.
            text = (self.tr("%Ln epoch(s) (predicted) · {tokens} billable tokens", None, st.epochs)
                    if st.epochs_predicted
                    else self.tr("%Ln epoch(s) (chosen) · {tokens} billable tokens", None, st.epochs)
                    ).format(tokens=number(st.billable_tokens))
            if st.over_limit:
                text += self.tr(" · %Ln too long, would be cut", None, st.over_limit)
            self.epochs.setText(text)
        else:
            self.epochs.setText("—")
        cost = st.cost
        if cost.usd is not None:
            self.cost.setText(self.tr("About {cost} to train").format(cost=cost_amount(cost.usd)))
        else:
            self.cost.setText(self.tr("No cost estimate"))
        self.cost_detail.setText(cost_explanation(cost, model))
        self.tokens_hist.set_bins(ov.tokens_histogram)
        self.turns_hist.set_bins(ov.turns_histogram)
