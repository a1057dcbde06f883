"""One job in detail: header (with the actual cost), the status history, error, metric charts (loss,
token accuracy, RFT reward), events log, checkpoints and the job actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formats.prices import PriceTable, estimate_cost
from app.store.job_progress_repo import JobCheckpoint, JobEvent
from app.store.jobs_repo import TERMINAL_STATUSES, JobRow
from ui.cost_text import cost_explanation
from ui.jobs.chart import LineChartWidget, Series
from ui.jobs.jobs_model import format_time, method_word, status_icon, status_word
from ui.locale_format import date, money_usd, number, significant, time_of_day

SP = QStyle.StandardPixmap
_LEVEL_ICONS = {"info": SP.SP_MessageBoxInformation, "warn": SP.SP_MessageBoxWarning,
                "warning": SP.SP_MessageBoxWarning, "error": SP.SP_MessageBoxCritical}
_CHECKPOINT_METRICS = ("train_loss", "valid_loss", "full_valid_loss", "full_valid_mean_token_accuracy")
_REWARD_KEYS = ("train_mean_reward", "full_valid_mean_reward", "train_reward_mean", "valid_reward_mean")


@dataclass
class JobDetail:
    """Everything the detail pane shows about one job (read from the cache in one go)."""

    job: JobRow
    events: list[JobEvent] = field(default_factory=list)
    series: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    checkpoints: list[JobCheckpoint] = field(default_factory=list)


def _value(v: Any) -> str:
    return significant(v) if isinstance(v, float) else str(v)


def timeline_entries(job: JobRow) -> list[tuple[str, int | None]]:
    """The job's history as (status, Unix time) pairs, oldest first: "created" at ``created_at``, then
    each status the app saw it enter (a finished job's last status at ``finished_at``)."""
    seen = job.timeline() or ([(job.status, None)] if job.status else [])
    out: list[tuple[str, int | None]] = [("created", job.created_at)] if job.created_at else []
    for i, (status, at) in enumerate(seen):
        if i == len(seen) - 1 and status in TERMINAL_STATUSES and job.finished_at:
            at = job.finished_at
        out.append((status, at))
    return out


class JobDetailWidget(QWidget):
    """The selected job. Emits ``action_requested("cancel"|"pause"|"resume")``; the view confirms it.
    ``playground_requested(model)`` asks to try the fine-tuned model or a checkpoint in the Playground."""

    action_requested = Signal(str)
    playground_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: JobRow | None = None
        # The training prices: a table, or a function giving the current one (the view may set it);
        # otherwise the AppContext of an ancestor view, else the dated defaults.
        self.prices: PriceTable | Callable[[], PriceTable] | None = None
        self.cost_usd: float | None = None
        self.timeline_entries: list[tuple[str, str]] = []  # (status, time text) as shown
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_icon = QLabel()
        f = self.status_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.status_label.setFont(f)
        self.cost_label = QLabel()
        self.cost_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cost_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cost_label.hide()
        self.timeline = QWidget()
        self.timeline.setAccessibleName(self.tr("Status history"))
        self.timeline_layout = QHBoxLayout(self.timeline)
        self.timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.timeline_area = QScrollArea()
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.timeline_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timeline_area.setFixedHeight(2 * self.fontMetrics().height() + 24)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = (
            ("id", self.tr("Job")), ("base", self.tr("Base model")), ("tuned", self.tr("Fine-tuned model")),
            ("method", self.tr("Method")), ("created", self.tr("Created")), ("finished", self.tr("Finished")),
            ("estimate", self.tr("Estimated finish")), ("tokens", self.tr("Trained tokens")),
        )
        for key, label in names:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.fields[key] = value
            form.addRow(label + ":", value)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setObjectName("jobError")
        self.error_label.setStyleSheet("#jobError { border: 1px solid #c62828; border-radius: 4px; padding: 6px; }")
        self.error_label.hide()

        self.cancel_button = QPushButton(self.tr("&Cancel job…"))
        self.pause_button = QPushButton(self.tr("&Pause…"))
        self.resume_button = QPushButton(self.tr("&Resume…"))
        for button, action in ((self.pause_button, "pause"), (self.resume_button, "resume"),
                               (self.cancel_button, "cancel")):
            button.clicked.connect(lambda _=False, a=action: self.action_requested.emit(a))
        self.try_button = QPushButton(self.tr("&Try in Playground"))
        self.try_button.setToolTip(self.tr("Ask the fine-tuned model questions next to its base model"))
        self.try_button.clicked.connect(self._try_final_model)
        buttons = QHBoxLayout()
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)

        self.loss_chart = LineChartWidget(self.tr("Loss"), self.tr("Loss"))
        self.accuracy_chart = LineChartWidget(self.tr("Token accuracy"), self.tr("Accuracy"))
        self.reward_chart = LineChartWidget(self.tr("Reward"), self.tr("Reward"))
        self.reward_chart.hide()
        charts = QWidget()
        charts_lay = QHBoxLayout(charts)
        charts_lay.setContentsMargins(0, 0, 0, 0)
        charts_lay.addWidget(self.loss_chart)
        charts_lay.addWidget(self.accuracy_chart)
        charts_lay.addWidget(self.reward_chart)

        self.events_list = QTreeWidget()
        self.events_list.setHeaderLabels([self.tr("Level"), self.tr("Time"), self.tr("Message")])
        self.events_list.setRootIsDecorated(False)
        self.events_list.setAccessibleName(self.tr("Job events, newest first"))
        self.events_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.events_list.header().setStretchLastSection(True)
        self.checkpoints_list = QTreeWidget()
        self.checkpoints_list.setHeaderLabels([self.tr("Step"), self.tr("Model"), self.tr("Metrics")])
        self.checkpoints_list.setRootIsDecorated(False)
        self.checkpoints_list.setAccessibleName(self.tr("Checkpoints"))
        self.checkpoints_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checkpoints_list.header().setStretchLastSection(True)
        self.checkpoints_list.itemActivated.connect(lambda *_: self._try_checkpoint())
        self.checkpoints_list.currentItemChanged.connect(lambda *_: self._enable_checkpoint_button())
        self.try_checkpoint_button = QPushButton(self.tr("Open checkpoint in Playground"))
        self.try_checkpoint_button.setToolTip(self.tr(
            "An earlier state of the training; compare it with the final model to see whether more training helped"
        ))
        self.try_checkpoint_button.clicked.connect(self._try_checkpoint)
        checkpoints_tab = QWidget()
        checkpoints_lay = QVBoxLayout(checkpoints_tab)
        checkpoints_lay.setContentsMargins(0, 0, 0, 0)
        checkpoints_lay.addWidget(self.checkpoints_list, 1)
        checkpoint_buttons = QHBoxLayout()
        checkpoint_buttons.addWidget(self.try_checkpoint_button)
        checkpoint_buttons.addStretch(1)
        checkpoints_lay.addLayout(checkpoint_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.events_list, self.tr("Events"))
        self.tabs.addTab(checkpoints_tab, self.tr("Checkpoints"))

        head = QHBoxLayout()
        head.addWidget(self.status_icon)
        head.addWidget(self.status_label, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.cost_label)
        lay.addWidget(self.timeline_area)
        lay.addLayout(form)
        lay.addWidget(self.error_label)
        lay.addLayout(buttons)
        lay.addWidget(charts, 3)
        lay.addWidget(self.tabs, 2)
        self.show_detail(None)

    def show_detail(self, detail: JobDetail | None) -> None:
        """Show a job (None: nothing selected)."""
        job = detail.job if detail else None
        self.job = job
        status = job.status if job else None
        self.status_label.setText(status_word(status) if job else self.tr("No job selected"))
        self.status_icon.setPixmap(status_icon(status).pixmap(22, 22) if job else QApplication.style()
                                   .standardIcon(SP.SP_FileIcon).pixmap(22, 22))
        values = {
            "id": job.id if job else "",
            "base": (job.base_model or "") if job else "",
            "tuned": (job.fine_tuned_model or self.tr("not yet")) if job else "",
            "method": method_word(job.method) if job else "",
            "created": format_time(job.created_at) if job else "",
            "finished": format_time(job.finished_at) if job else "",
            "estimate": format_time(job.estimated_finish) if job and job.active else "",
            "tokens": number(job.trained_tokens) if job and job.trained_tokens is not None else "",
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
        if job is not None and (job.error_code or job.error_message):
            parts = [self.tr("The job failed.")]
            if job.error_message:
                parts.append(job.error_message)
            if job.error_code:
                parts.append(self.tr("Code: %1").replace("%1", job.error_code))
            if job.error_param:
                parts.append(self.tr("Parameter: %1").replace("%1", job.error_param))
            self.error_label.setText("\n".join(parts))
            self.error_label.show()
        else:
            self.error_label.clear()
            self.error_label.hide()
        self.try_button.setEnabled(bool(job and job.fine_tuned_model))
        self.cancel_button.setEnabled(bool(job and job.active))
        self.pause_button.setEnabled(status in ("running", "queued"))
        self.resume_button.setEnabled(status == "paused")
        series = detail.series if detail else {}
        self.loss_chart.set_series([
            Series(self.tr("training loss"), series.get("train_loss", [])),
            Series(self.tr("validation loss"), series.get("valid_loss", [])),
            Series(self.tr("full validation loss"), series.get("full_valid_loss", [])),
        ])
        self.accuracy_chart.set_series([
            Series(self.tr("training accuracy"), series.get("train_mean_token_accuracy", [])),
            Series(self.tr("validation accuracy"), series.get("valid_mean_token_accuracy", [])),
            Series(self.tr("full validation accuracy"), series.get("full_valid_mean_token_accuracy", [])),
        ])
        self._show_rewards(series)
        self._show_cost(job)
        self._fill_timeline(job)
        self._fill_events(detail.events if detail else [])
        self._fill_checkpoints(detail.checkpoints if detail else [])

    def _fill_events(self, events: list[JobEvent]) -> None:
        self.events_list.clear()
        style = QApplication.style()
        for e in events:
            level = (e.level or "info").lower()
            word = {"info": self.tr("info"), "warn": self.tr("warning"), "warning": self.tr("warning"),
                    "error": self.tr("error")}.get(level, level)
            item = QTreeWidgetItem([word, format_time(e.created_at), e.message or ""])
            item.setIcon(0, style.standardIcon(_LEVEL_ICONS.get(level, SP.SP_MessageBoxInformation)))
            item.setToolTip(2, e.message or "")
            self.events_list.addTopLevelItem(item)

    def _fill_checkpoints(self, points: list[JobCheckpoint]) -> None:
        self.checkpoints_list.clear()
        for c in points:
            metrics = ", ".join(f"{k.replace('_', ' ')} {_value(c.metrics[k])}"
                                for k in _CHECKPOINT_METRICS if k in c.metrics)
            item = QTreeWidgetItem(["" if c.step is None else str(c.step), c.model or "", metrics])
            item.setToolTip(1, c.model or "")
            item.setData(1, Qt.ItemDataRole.UserRole, c.model or "")
            self.checkpoints_list.addTopLevelItem(item)
        self._enable_checkpoint_button()

    def _enable_checkpoint_button(self) -> None:
        item = self.checkpoints_list.currentItem()
        self.try_checkpoint_button.setEnabled(bool(item and item.data(1, Qt.ItemDataRole.UserRole)))

    def _try_final_model(self) -> None:
        if self.job is not None and self.job.fine_tuned_model:
            self.playground_requested.emit(self.job.fine_tuned_model)

    def _try_checkpoint(self) -> None:
        item = self.checkpoints_list.currentItem()
        model = item.data(1, Qt.ItemDataRole.UserRole) if item is not None else ""
        if model:
            self.playground_requested.emit(model)

    def _show_rewards(self, series: dict[str, list[tuple[int, float]]]) -> None:
        # RFT reports rewards instead of token accuracy: the reward chart then takes the accuracy
        # chart's place (both show when a job somehow has both).
        labels = {
            "train_mean_reward": self.tr("training reward"),
            "full_valid_mean_reward": self.tr("full validation reward"),
            "train_reward_mean": self.tr("training score"),
            "valid_reward_mean": self.tr("validation score"),
        }
        self.reward_chart.set_series([Series(labels[k], series.get(k, [])) for k in _REWARD_KEYS])
        has_reward = self.reward_chart.point_count > 0
        self.reward_chart.setVisible(has_reward)
        self.accuracy_chart.setVisible(not has_reward or self.accuracy_chart.point_count > 0)

    def price_table(self) -> PriceTable:
        """The training prices to price a job with (see ``prices``)."""
        if isinstance(self.prices, PriceTable):
            return self.prices
        if callable(self.prices):
            return self.prices()
        parent = self.parentWidget()
        while parent is not None:
            ctx = getattr(parent, "ctx", None)
            if ctx is not None and hasattr(ctx, "price_table"):
                return ctx.price_table()
            parent = parent.parentWidget()
        return PriceTable.default()

    def _show_cost(self, job: JobRow | None) -> None:
        self.cost_usd = None
        if job is None or job.trained_tokens is None:
            self.cost_label.clear()
            self.cost_label.hide()
            return
        estimate = estimate_cost(job.base_model, job.trained_tokens, self.price_table())
        row = estimate.row
        if job.method == "reinforcement" or (row is not None and row.unit == "hour"):
            text = self.tr("Cost: billed by the hour of training, not by tokens")
            if row is not None and row.unit == "hour":
                text += self.tr(" (%1 per hour, price of %2)").replace("%1", money_usd(row.training)).replace(
                    "%2", row.date)
        elif estimate.usd is not None and row is not None:
            self.cost_usd = estimate.usd
            template = (self.tr("Cost: about %1 (price of %2)") if estimate.usd >= 0.01 or estimate.usd == 0
                        else self.tr("Cost: less than %1 (price of %2)"))
            text = template.replace("%1", money_usd(max(estimate.usd, 0.01) if estimate.usd else 0.0)).replace(
                "%2", row.date)
        else:
            text = self.tr("Cost: not known (no training price for this base model)")
        self.cost_label.setText(text)
        self.cost_label.setToolTip(cost_explanation(estimate, job.base_model))
        self.cost_label.show()

    def _fill_timeline(self, job: JobRow | None) -> None:
        while (item := self.timeline_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        entries = timeline_entries(job) if job else []
        # The day once, then times only while it stays the same: five full dates did not fit in Portuguese.
        self.timeline_entries = []
        last_day = ""
        for status, at in entries:
            day = date(at) if at else ""
            self.timeline_entries.append((status, time_of_day(at) if day and day == last_day else format_time(at)))
            last_day = day or last_day
        style = QApplication.style()
        words: list[str] = []
        for i, (status, when) in enumerate(self.timeline_entries):
            if i:
                arrow = QLabel("→")
                arrow.setAccessibleName(self.tr("then"))
                self.timeline_layout.addWidget(arrow)
            icon = QLabel()
            icon.setPixmap((style.standardIcon(SP.SP_FileIcon) if status == "created" else status_icon(status))
                           .pixmap(16, 16))
            word = self.tr("created") if status == "created" else status_word(status)
            label = QLabel(f"{word}\n{when}" if when else word)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.timeline_layout.addWidget(icon)
            self.timeline_layout.addWidget(label)
            words.append(f"{word} {when}".strip())
        self.timeline_layout.addStretch(1)
        self.timeline_area.setVisible(bool(entries))
        self.timeline.setAccessibleDescription(", ".join(words))
