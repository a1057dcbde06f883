"""The training settings of a new job, as the launch wizard's data page shows them: the
hyperparameters (only when the user wants to choose them), the model name's suffix, the seed, the
user's labels (metadata) and the reinforcement grader, with their values and plain-word problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui.app_context import AppContext
from ui.jobs.grader_choice import GraderChoiceWidget

SUFFIX_MAX = 64


class TrainingSettingsWidget(QWidget):
    """A form of the settings a launch request carries besides the data and the model; rows that do not
    apply to the method are hidden. Emits ``edited`` when a text that can be wrong (suffix, labels,
    grader) changed."""

    edited = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = "supervised"  # the method the rows are shown for (``show_rows_for``)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)  # it continues the page's own form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.own_settings = QCheckBox(self.tr("Choose the training settings myself (otherwise the provider decides)"))
        self.own_settings.toggled.connect(lambda _on: self.show_rows_for(self.method))
        form.addRow(self.own_settings)
        self.epochs = self._spin(0, 50, self.tr("Passes over the data (1–50)"))
        self.batch = self._spin(0, 256, self.tr("Examples per training step (1–256)"))
        self.lr = QDoubleSpinBox()
        self.lr.setRange(0.0, 100.0)
        self.lr.setDecimals(3)
        self.lr.setSingleStep(0.1)
        self.lr.setSpecialValueText(self.tr("auto"))
        self.lr.setToolTip(self.tr("Learning rate multiplier (above 0)"))
        self.beta = QDoubleSpinBox()
        self.beta.setRange(0.0, 2.0)
        self.beta.setDecimals(2)
        self.beta.setSingleStep(0.05)
        self.beta.setSpecialValueText(self.tr("auto"))
        self.beta.setToolTip(self.tr("Above 0 and at most 2; higher keeps the model closer to how it was"))
        self.effort = QComboBox()
        for value in ("default", "low", "medium", "high"):
            self.effort.addItem(value, value)
        self.settings_rows: list[tuple[str, QWidget]] = [
            ("epochs", self.epochs), ("batch", self.batch), ("lr", self.lr), ("beta", self.beta),
            ("effort", self.effort)]
        labels = {"epochs": self.tr("&Epochs:"), "batch": self.tr("&Batch size:"),
                  "lr": self.tr("&Learning rate ×:"), "beta": self.tr("Be&ta:"),
                  "effort": self.tr("Reasoning &effort:")}
        for key, widget in self.settings_rows:
            widget.setMinimumWidth(140)
            form.addRow(labels[key], widget)
        self.suffix = QLineEdit()
        self.suffix.setPlaceholderText(self.tr("optional, added to the model's name"))
        self.suffix.textChanged.connect(lambda _t: self.edited.emit())
        form.addRow(self.tr("S&uffix:"), self.suffix)
        self.seed = self._spin(-1, 2_147_483_647, self.tr("The same seed usually repeats a run"))
        self.seed.setSpecialValueText(self.tr("random"))
        self.seed.setValue(-1)
        self.seed.setMinimumWidth(140)
        form.addRow(self.tr("See&d:"), self.seed)
        self.metadata = QLineEdit()
        self.metadata.setPlaceholderText(self.tr("optional: key=value, key=value (up to 15, for your own records)"))
        self.metadata.textChanged.connect(lambda _t: self.edited.emit())
        form.addRow(self.tr("&Labels:"), self.metadata)
        self.grader = GraderChoiceWidget(ctx)
        self.grader.edited.connect(self.edited.emit)
        form.addRow(self.tr("&Grader:"), self.grader)

    def _spin(self, low: int, high: int, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSpecialValueText(self.tr("auto"))
        spin.setToolTip(tip)
        return spin

    def show_rows_for(self, method: str) -> None:
        """Show the rows that apply to ``method`` (the hyperparameters only when chosen by hand)."""
        self.method = method
        own = self.own_settings.isChecked()
        visible = {"epochs": own, "batch": own, "lr": own, "beta": own and method == "dpo",
                   "effort": own and method == "reinforcement"}
        for key, widget in self.settings_rows:
            self.form.setRowVisible(widget, visible[key])
        self.form.setRowVisible(self.grader, method == "reinforcement")

    def grader_value(self) -> tuple[dict[str, Any] | None, str]:
        """The chosen grader and a plain problem (empty when fine)."""
        return self.grader.grader_value()

    def metadata_value(self) -> tuple[dict[str, str] | None, str]:
        """The labels typed as ``key=value, …`` and what is wrong with them ("" when fine).

        The platform allows 16 metadata pairs (keys ≤ 64, values ≤ 512 characters); one pair is
        the app's own request id, which is what makes creating a job safe to retry.
        """
        text = self.metadata.text().strip()
        if not text:
            return None, ""
        pairs: dict[str, str] = {}
        for part in text.split(","):
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or not key:
                return None, self.tr("Write labels as key=value, separated by commas.")
            if len(key) > 64 or len(value) > 512:
                return None, self.tr("A label's name may have 64 characters and its value 512.")
            pairs[key] = value
        if len(pairs) > 15 or "app_request_id" in pairs:
            return None, self.tr("Up to 15 labels are possible, and “app_request_id” is the app's own.")
        return pairs, ""

    def problems(self) -> list[str]:
        """What is wrong with the suffix and the labels, in plain words (the grader: ``grader_value``)."""
        problems = []
        suffix = self.suffix.text()
        if len(suffix) > SUFFIX_MAX:
            problems.append(self.tr("The suffix is %1 characters long; at most 64 are allowed.")
                            .replace("%1", str(len(suffix))))
        problems.extend(p for p in [self.metadata_value()[1]] if p)
        return problems

    def request_fields(self, method: str) -> dict[str, Any]:
        """The ``LaunchRequest`` fields these settings give for ``method``: hyperparameters, suffix,
        seed, metadata and grader."""
        hp: dict[str, Any] = {}
        if self.own_settings.isChecked():
            for key, name in (("epochs", "n_epochs"), ("batch", "batch_size")):
                value = dict(self.settings_rows)[key].value()
                if value > 0:
                    hp[name] = value
            if self.lr.value() > 0:
                hp["learning_rate_multiplier"] = self.lr.value()
            if method == "dpo" and self.beta.value() > 0:
                hp["beta"] = self.beta.value()
            if method == "reinforcement":
                hp["reasoning_effort"] = self.effort.currentData()
        return {
            "hyperparameters": hp or None,
            "suffix": self.suffix.text().strip() or None,
            "seed": self.seed.value() if self.seed.value() >= 0 else None,
            "metadata": self.metadata_value()[0],
            "grader": self.grader_value()[0] if method == "reinforcement" else None,
        }
