"""The launch wizard's "Check and start" page: what starting the job would do (its data, size and
estimated cost) and what the check of the data found; errors are listed first and block the start."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from app.services.jobs import LaunchPlan
from ui.cost_text import cost_amount, cost_explanation
from ui.locale_format import number
from ui.widgets.labels import selectable_label

MAX_WARNINGS_SHOWN = 50


class LaunchSummaryWidget(QWidget):
    """Shows a ``LaunchPlan`` in plain words: a sentence on what will be trained, the numbers, the cost
    note, and the findings (each marked by an icon and the word "Error" or "Warning")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addWidget(selectable_label(self.tr("<b>Check and start</b>")))
        self.confirm_what = selectable_label()
        self.summary = selectable_label()
        self.cost_note = selectable_label()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(self.tr("Problems found"))
        self.findings_title = selectable_label(self.tr("What the check found:"))
        for w in (self.confirm_what, self.summary, self.cost_note):
            lay.addWidget(w)
            lay.addSpacing(6)
        lay.addWidget(self.findings_title)
        lay.addWidget(self.findings, 1)

    def show_checking(self) -> None:
        """Forget the previous plan while the data is being checked."""
        self.findings.clear()
        self.summary.setText(self.tr("Checking the data…"))
        self.cost_note.clear()

    def show_plan(self, plan: LaunchPlan, what: str) -> None:
        """Show ``plan``; ``what`` says in one sentence what would be trained, on what, through what."""
        self.confirm_what.setText(what)
        parts = [self.tr("%Ln example(s)", None, plan.examples),
                 self.tr("%1 billable tokens").replace("%1", number(plan.billable_tokens))]
        if plan.epochs:
            parts.append(self.tr("%Ln epoch(s)", None, plan.epochs))
        cost = plan.cost
        if cost is not None and cost.usd is not None and cost.row is not None:
            parts.append(self.tr("about %1 (%2, price of %3)").replace("%1", cost_amount(cost.usd))
                         .replace("%2", cost.row.model).replace("%3", cost.row.date))
        self.summary.setText("<b>" + " · ".join(parts) + "</b>")
        if cost is not None and cost.usd is not None:
            self.cost_note.setText(self.tr("An estimate: the final bill uses the tokens the job reports."))
        else:
            self.cost_note.setText(cost_explanation(cost) if cost is not None else "")
        style = self.style()
        err = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warn = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for finding in plan.errors:
            self.findings.addItem(QListWidgetItem(err, self.tr("Error: %1").replace("%1", finding.message)))
        shown = plan.warnings[:MAX_WARNINGS_SHOWN]
        for finding in shown:
            self.findings.addItem(QListWidgetItem(warn, self.tr("Warning: %1").replace("%1", finding.message)))
        if len(plan.warnings) > len(shown):
            self.findings.addItem(self.tr("… and %Ln more warning(s)", None, len(plan.warnings) - len(shown)))
        if plan.blocked:
            self.findings.insertItem(0, self.tr("Fix the errors below before training; nothing was sent."))
        self.findings.setVisible(self.findings.count() > 0)
        self.findings_title.setVisible(self.findings.count() > 0)
