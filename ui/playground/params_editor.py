"""The sampling parameters of a Playground pane (or of all panes, when they share them).

Every field has a "Default" state meaning "send nothing, the model decides". A parameter the model
rejects is disabled with the plain reason in its tooltip, so the user sees why it has no effect.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.formats.chat_models import rejected_params
from app.models.chat import REASONING_EFFORTS, ChatParams
from ui.locale_format import number, significant

SEED_MAX = 2**31 - 1
MAX_TOKENS_LIMIT = 200_000


class ParamsEditorWidget(QWidget):
    """Temperature, Top P, answer length limit, seed and reasoning effort.

    ``horizontal`` lays the fields out in one row (the shared editor above the panes); otherwise
    they form a compact two-column form (inside a pane). ``params_edited`` fires on user changes only.
    """

    params_edited = Signal(object)  # ChatParams

    def __init__(self, parent: QWidget | None = None, *, horizontal: bool = False) -> None:
        super().__init__(parent)
        self._loading = False
        self._tips: dict[str, str] = {}
        default = self.tr("Default")

        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(-0.1, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(2)
        self.temperature.setSpecialValueText(default)
        self._tips["temperature"] = self.tr(
            "How varied the answers are: 0 is focused and repeatable, 2 is very loose. Default: the model's own."
        )
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(-0.05, 1.0)
        self.top_p.setSingleStep(0.05)
        self.top_p.setDecimals(2)
        self.top_p.setSpecialValueText(default)
        self._tips["top_p"] = self.tr(
            "Only the most likely words adding up to this share are considered (1 = all). Change either "
            "this or the temperature, not both."
        )
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, MAX_TOKENS_LIMIT)
        self.max_tokens.setSingleStep(100)
        self.max_tokens.setSpecialValueText(default)
        self._tips["max_completion_tokens"] = self.tr(
            "The longest answer allowed, in tokens (a token is about ¾ of a word). The answer is cut there."
        )
        self.seed = QSpinBox()
        self.seed.setRange(-1, SEED_MAX)
        self.seed.setSpecialValueText(self.tr("None"))
        self._tips["seed"] = self.tr(
            "The same seed with the same settings makes answers more repeatable (not guaranteed)."
        )
        self.effort = QComboBox()
        self.effort.addItem(default, None)
        labels = {"low": self.tr("Low"), "medium": self.tr("Medium"), "high": self.tr("High")}
        for value in REASONING_EFFORTS:
            self.effort.addItem(labels.get(value, value), value)
        self._tips["reasoning_effort"] = self.tr(
            "How long a reasoning model thinks before answering: more effort is slower and costs more."
        )

        self.fields: dict[str, QWidget] = {
            "temperature": self.temperature,
            "top_p": self.top_p,
            "max_completion_tokens": self.max_tokens,
            "seed": self.seed,
            "reasoning_effort": self.effort,
        }
        names = {
            "temperature": self.tr("&Temperature:"),
            "top_p": self.tr("Top &P:"),
            "max_completion_tokens": self.tr("Max &length:"),
            "seed": self.tr("S&eed:"),
            "reasoning_effort": self.tr("&Reasoning:"),
        }
        self.labels: dict[str, QLabel] = {}
        for key, widget in self.fields.items():
            label = QLabel(names[key])
            label.setBuddy(widget)
            self.labels[key] = label
            widget.setAccessibleName(names[key].replace("&", "").rstrip(":"))
            widget.setToolTip(self._tips[key])
            label.setToolTip(self._tips[key])
            widget.setMinimumWidth(72)

        if horizontal:
            row = QHBoxLayout(self)
            row.setContentsMargins(0, 0, 0, 0)
            for key, widget in self.fields.items():
                row.addWidget(self.labels[key])
                row.addWidget(widget)
                row.addSpacing(8)
            row.addStretch(1)
        else:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for key, widget in self.fields.items():
                form.addRow(self.labels[key], widget)

        for spin in (self.temperature, self.top_p, self.max_tokens, self.seed):
            spin.valueChanged.connect(self._changed)
        self.effort.currentIndexChanged.connect(self._changed)

    # --- values ---------------------------------------------------------------------------
    def params(self) -> ChatParams:
        """The parameters as shown (fields at "Default" are None)."""
        t, p = self.temperature.value(), self.top_p.value()
        return ChatParams(
            temperature=round(t, 2) if t >= 0 else None,
            top_p=round(p, 2) if p >= 0 else None,
            max_completion_tokens=self.max_tokens.value() or None,
            seed=self.seed.value() if self.seed.value() >= 0 else None,
            reasoning_effort=self.effort.currentData(),
        )

    def set_params(self, params: ChatParams) -> None:
        """Show ``params`` without emitting ``params_edited``."""
        self._loading = True
        try:
            self.temperature.setValue(params.temperature if params.temperature is not None else -0.1)
            self.top_p.setValue(params.top_p if params.top_p is not None else -0.05)
            self.max_tokens.setValue(min(params.max_completion_tokens or 0, MAX_TOKENS_LIMIT))
            self.seed.setValue(params.seed if params.seed is not None and 0 <= params.seed <= SEED_MAX else -1)
            index = self.effort.findData(params.reasoning_effort) if params.reasoning_effort else 0
            self.effort.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    def set_rules_model(self, model: str | None) -> None:
        """Disable the parameters ``model`` rejects, the reason in the tooltip; None enables all."""
        rejected = rejected_params(model) if model else {}
        for key, widget in self.fields.items():
            reason = rejected.get(key)
            widget.setEnabled(reason is None)
            self.labels[key].setEnabled(reason is None)
            tip = self._tips[key] if reason is None else f"{self._tips[key]}\n\n{reason}"
            widget.setToolTip(tip)
            self.labels[key].setToolTip(tip)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.params_edited.emit(self.params())


def params_summary(params: ChatParams) -> str:
    """A one-line summary such as "temperature 0.7 · max 500 tokens" ("model defaults" when empty)."""
    parts = []
    if params.temperature is not None:
        parts.append(ParamsEditorWidget.tr("temperature %1").replace("%1", significant(params.temperature)))
    if params.top_p is not None:
        parts.append(ParamsEditorWidget.tr("Top P %1").replace("%1", significant(params.top_p)))
    if params.max_completion_tokens is not None:
        parts.append(ParamsEditorWidget.tr("max %1 tokens").replace("%1", number(params.max_completion_tokens)))
    if params.seed is not None:
        parts.append(ParamsEditorWidget.tr("seed %1").replace("%1", str(params.seed)))
    if params.reasoning_effort:
        efforts = {"low": ParamsEditorWidget.tr("low reasoning"), "medium": ParamsEditorWidget.tr("medium reasoning"),
                   "high": ParamsEditorWidget.tr("high reasoning")}
        parts.append(efforts.get(params.reasoning_effort, params.reasoning_effort))
    return " · ".join(parts) if parts else ParamsEditorWidget.tr("model defaults")
