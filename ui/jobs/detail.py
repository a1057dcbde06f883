"""One job in detail: header, error, metric charts, events log, checkpoints and the job actions."""

from __future__ import annotations

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
    QStyle,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store.jobs_repo import JobCheckpoint, JobEvent, JobRow
from ui.jobs.chart import LineChartWidget, Series
from ui.jobs.jobs_model import format_time, method_word, status_icon, status_word

SP = QStyle.StandardPixmap
_LEVEL_ICONS = {"info": SP.SP_MessageBoxInformation, "warn": SP.SP_MessageBoxWarning,
                "warning": SP.SP_MessageBoxWarning, "error": SP.SP_MessageBoxCritical}
_CHECKPOINT_METRICS = ("train_loss", "valid_loss", "full_valid_loss", "full_valid_mean_token_accuracy")


@dataclass
class JobDetail:
    """Everything the detail pane shows about one job (read from the cache in one go)."""

    job: JobRow
    events: list[JobEvent] = field(default_factory=list)
    series: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    checkpoints: list[JobCheckpoint] = field(default_factory=list)


def _value(v: Any) -> str:
    return f"{v:.4g}" if isinstance(v, float) else str(v)


class JobDetailWidget(QWidget):
    """The selected job. Emits ``action_requested("cancel"|"pause"|"resume")``; the view confirms it."""

    action_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: JobRow | None = None
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_icon = QLabel()
        f = self.status_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.status_label.setFont(f)
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)

        self.loss_chart = LineChartWidget(self.tr("Loss"), self.tr("Loss"))
        self.accuracy_chart = LineChartWidget(self.tr("Token accuracy"), self.tr("Accuracy"))
        charts = QWidget()
        charts_lay = QHBoxLayout(charts)
        charts_lay.setContentsMargins(0, 0, 0, 0)
        charts_lay.addWidget(self.loss_chart)
        charts_lay.addWidget(self.accuracy_chart)

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
        self.tabs = QTabWidget()
        self.tabs.addTab(self.events_list, self.tr("Events"))
        self.tabs.addTab(self.checkpoints_list, self.tr("Checkpoints"))

        head = QHBoxLayout()
        head.addWidget(self.status_icon)
        head.addWidget(self.status_label, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
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
            "tokens": f"{job.trained_tokens:,}" if job and job.trained_tokens is not None else "",
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
            self.checkpoints_list.addTopLevelItem(item)
