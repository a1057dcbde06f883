"""The forms of the model graders: score_model (a model rates the answer with a number) and
label_model (a model picks a label; only inside a combination)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.graders.schema import GRADING_MODELS
from ui.graders.fields import FieldCatalog, LabelsEditor, MessagesEditor
from ui.graders.forms import GraderForm, select
from ui.graders.words import Graders


def _optional_double(low: float, high: float, step: float, tip: str) -> QDoubleSpinBox:
    """A number that may be left unset: its lowest value (one step under ``low``) reads "default"."""
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setRange(low - step, high)
    spin.setSingleStep(step)
    spin.setSpecialValueText(Graders.tr("default"))
    spin.setToolTip(tip)
    spin.setValue(spin.minimum())
    return spin


class _ModelForm(GraderForm):
    """What score_model and label_model share: the grading model and the messages it is sent."""

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(list(GRADING_MODELS))
        self.model.setToolTip(Graders.tr("The model that does the grading; only the listed models are allowed for "
                                         "grading"))
        self.model.currentTextChanged.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Grading model:"), self.model)
        self.messages = MessagesEditor(catalog)
        self.messages.edited.connect(self.emit_edited)
        self.messages.setToolTip(Graders.tr("What the grading model is told; use placeholders for the answer and the "
                                    "example's fields"))
        self.form.addRow(Graders.tr("Messages:"), self.messages)

    def load(self, grader: dict[str, Any]) -> None:
        self.model.setCurrentText(str(grader.get("model", "")))
        self.messages.set_messages(grader.get("input", []))

    def store(self, out: dict[str, Any]) -> None:
        out.update(model=self.model.currentText().strip(), input=self.messages.messages())


class ScoreModelForm(_ModelForm):
    """score_model: a model rates the answer with a number inside a range."""

    kind = "score_model"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.low, self.high = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, name in ((self.low, Graders.tr("Lowest score")), (self.high, Graders.tr("Highest score"))):
            spin.setRange(-1000, 1000)
            spin.setDecimals(2)
            spin.setAccessibleName(name)
            spin.valueChanged.connect(self.emit_edited)
        self.high.setValue(1)
        row = QHBoxLayout()
        row.addWidget(self.low)
        row.addWidget(QLabel(Graders.tr("to")))
        row.addWidget(self.high)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        holder.setToolTip(Graders.tr("The scores the model may give; anything outside is clipped to this range"))
        self.form.addRow(Graders.tr("Score &range:"), holder)
        self.temperature = _optional_double(0, 2, 0.1, Graders.tr("Higher is more varied; o-series models take none"))
        self.top_p = _optional_double(0, 1, 0.05, Graders.tr("Another way to limit variety; usually left at default"))
        self.seed = QSpinBox()
        self.seed.setRange(-1, 2_147_483_647)
        self.seed.setSpecialValueText(Graders.tr("random"))
        self.seed.setValue(-1)
        self.seed.setToolTip(Graders.tr("The same seed usually repeats the same grading"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(0, 1_000_000)
        self.max_tokens.setSpecialValueText(Graders.tr("default"))
        self.max_tokens.setToolTip(Graders.tr("The longest reply the grading model may write, in tokens"))
        self.effort = QComboBox()
        for text, value in ((Graders.tr("default"), None), ("low", "low"), ("medium", "medium"), ("high", "high")):
            self.effort.addItem(text, value)
        self.effort.setToolTip(Graders.tr("How long an o-series model thinks before grading; other models take none"))
        for label, w in ((Graders.tr("&Temperature:"), self.temperature), (Graders.tr("To&p P:"), self.top_p),
                         (Graders.tr("Seed:"), self.seed), (Graders.tr("&Longest reply:"), self.max_tokens),
                         (Graders.tr("Reasoning &effort:"), self.effort)):
            w.setMinimumWidth(120)
            self.form.addRow(label, w)
        for spin in (self.temperature, self.top_p, self.seed, self.max_tokens):
            spin.valueChanged.connect(self.emit_edited)
        self.effort.currentIndexChanged.connect(self.emit_edited)

    def load(self, grader: dict[str, Any]) -> None:
        super().load(grader)
        rng = grader.get("range")
        lo, hi = (rng if isinstance(rng, list) and len(rng) == 2 else [0, 1])
        self.low.setValue(float(lo) if isinstance(lo, int | float) else 0.0)
        self.high.setValue(float(hi) if isinstance(hi, int | float) else 1.0)
        params = grader.get("sampling_params") if isinstance(grader.get("sampling_params"), dict) else {}
        for spin, key in ((self.temperature, "temperature"), (self.top_p, "top_p")):
            value = params.get(key)
            spin.setValue(float(value) if isinstance(value, int | float) else spin.minimum())
        seed = params.get("seed")
        self.seed.setValue(int(seed) if isinstance(seed, int) else -1)
        tokens = params.get("max_completions_tokens")
        self.max_tokens.setValue(int(tokens) if isinstance(tokens, int) else 0)
        effort = params.get("reasoning_effort")
        if effort is None:
            self.effort.setCurrentIndex(0)
        else:
            select(self.effort, effort)

    def store(self, out: dict[str, Any]) -> None:
        super().store(out)
        rng = [self.low.value(), self.high.value()]
        if "range" in self.base or rng != [0.0, 1.0]:
            out["range"] = [_plain(v) for v in rng]
        params = dict(out.get("sampling_params") or {}) if isinstance(out.get("sampling_params"), dict) else {}
        values = {
            "temperature": None if self.temperature.value() == self.temperature.minimum() else self.temperature.value(),
            "top_p": None if self.top_p.value() == self.top_p.minimum() else self.top_p.value(),
            "seed": None if self.seed.value() < 0 else self.seed.value(),
            "max_completions_tokens": self.max_tokens.value() or None,
            "reasoning_effort": self.effort.currentData(),
        }
        for key, value in values.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        if params:
            out["sampling_params"] = params
        else:
            out.pop("sampling_params", None)


def _plain(value: float) -> float | int:
    """1.0 -> 1, so a range reads as [0, 1] in the JSON."""
    return int(value) if value == int(value) else value


class LabelModelForm(_ModelForm):
    """label_model: a model picks one of the labels; the passing ones score 1."""

    kind = "label_model"

    def __init__(self, catalog: FieldCatalog | None, *, hide_name: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(catalog, hide_name=hide_name, parent=parent)
        self.labels = LabelsEditor()
        self.labels.edited.connect(self.emit_edited)
        self.form.addRow(Graders.tr("&Labels:"), self.labels)

    def load(self, grader: dict[str, Any]) -> None:
        super().load(grader)
        self.labels.set_labels(grader.get("labels", []), grader.get("passing_labels", []))

    def store(self, out: dict[str, Any]) -> None:
        super().store(out)
        out.update(labels=self.labels.label_list(), passing_labels=self.labels.passing_labels())
