"""The launch wizard: connection and method, base model, data and settings, confirmation, then the upload
and the job's creation. Plain pages in a stack (no nested event loop); the dialog is non-modal."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Kind
from app.formats.prices import TRAINING_CONTEXT, resolve_model
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import jobs as jobs_service
from app.services.provider_errors import ErrorKind, ProviderError
from app.services.providers import ModelInfo, list_models
from app.store import datasets_repo
from ui.app_context import AppContext
from ui.tasks import TaskScope

# API_NOTES §13: the base snapshots each method is documented for (the provider has the final say).
SUITED: dict[str, frozenset[str]] = {
    "supervised": frozenset({
        "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-4o-2024-08-06",
        "gpt-4o-mini-2024-07-18", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0613",
    }),
    "dpo": frozenset({
        "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-4o-2024-08-06",
        "gpt-4o-mini-2024-07-18",
    }),
    "reinforcement": frozenset({"o4-mini-2025-04-16"}),
}
METHODS = ("supervised", "dpo", "reinforcement")
RETIREMENT_WARNING_DAYS = 90
SUFFIX_MAX = 64
CONNECTION, MODEL, DATA, CONFIRM, PROGRESS, RESULT = range(6)


def base_of(model_id: str) -> str:
    """The base snapshot of a model id (``ft:BASE:org::id`` → BASE)."""
    if model_id.startswith("ft:"):
        parts = model_id.split(":")
        model_id = parts[1] if len(parts) > 1 else model_id
    return resolve_model(model_id)


def suits(model_id: str, method: str) -> bool:
    """True when the model (or the base of a fine-tune) is documented for ``method``."""
    return base_of(model_id) in SUITED.get(method, frozenset())


def retirement_days(shutdown_date: str | None, today: dt.date | None = None) -> int | None:
    """Days until the model is retired (negative when past), None when unknown."""
    if not shutdown_date:
        return None
    try:
        day = dt.date.fromisoformat(str(shutdown_date)[:10])
    except ValueError:
        return None
    return (day - (today or dt.date.today())).days


def _label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LaunchWizard(QDialog):
    """Start a training job step by step; emits ``launched(job_id)`` when the provider made it."""

    launched = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New training job"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.tasks = TaskScope("launch-wizard", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.cancel_event: asyncio.Event | None = None
        self.plan: jobs_service.LaunchPlan | None = None
        self.job_id: str | None = None
        self.progress_seen: list[tuple[str, int, int]] = []  # upload progress reports (tests)
        self._models_for: str | None = None  # the profile id whose models are listed
        self.models: list[ModelInfo] = []
        self.dataset_names: dict[int, str] = {}
        self.pages = QStackedWidget()
        for build in (self._build_connection, self._build_model, self._build_data, self._build_confirm,
                      self._build_progress, self._build_result):
            self.pages.addWidget(build())
        self.back_button = QPushButton(self.tr("&Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        self.start_button = QPushButton(self.tr("&Start training"))
        self.close_button = QPushButton(self.tr("Close"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.start_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages, 1)
        lay.addLayout(buttons)
        self.resize(720, 560)
        self.go(CONNECTION)

    # --- pages ----------------------------------------------------------------------------
    def _build_connection(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_label(self.tr("<b>Connection and method</b>")))
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Connection"))
        for profile in self.ctx.settings.connections:
            self.profile_combo.addItem(profile.name, profile.id)
        active = self.profile_combo.findData(self.ctx.settings.active_connection)
        self.profile_combo.setCurrentIndex(max(active, 0))
        self.no_connection = _label(self.tr(
            "There is no connection yet. Add one in Settings → Connections to start the job; meanwhile you can "
            "still choose a model and check the data."
        ))
        self.no_connection.setVisible(self.profile_combo.count() == 0)
        form = QFormLayout()
        form.addRow(self.tr("&Connection:"), self.profile_combo)
        lay.addLayout(form)
        lay.addWidget(self.no_connection)
        lay.addSpacing(12)
        lay.addWidget(_label(self.tr("How should the model learn?")))
        self.method_group = QButtonGroup(self)
        texts = {
            "supervised": (self.tr("&Supervised"),
                           self.tr("The model learns to answer like your example conversations.")),
            "dpo": (self.tr("&Preference (DPO)"),
                    self.tr("The model learns which of two answers you prefer.")),
            "reinforcement": (self.tr("&Reinforcement (RFT)"),
                              self.tr("A reasoning model is rewarded by a grader that scores its answers.")),
        }
        for i, method in enumerate(METHODS):
            title, explanation = texts[method]
            button = QRadioButton(title)
            self.method_group.addButton(button, i)
            hint = _label(explanation)
            hint.setContentsMargins(24, 0, 0, 6)
            lay.addWidget(button)
            lay.addWidget(hint)
        self.method_group.button(0).setChecked(True)
        lay.addStretch(1)
        return page

    def _build_model(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_label(self.tr("<b>Base model</b> — the models that suit the method come first; "
                                     "your own fine-tunes (ft:…) continue training from where they are.")))
        self.models_busy = QProgressBar()
        self.models_busy.setRange(0, 0)
        self.models_busy.setTextVisible(False)
        self.models_busy.setMaximumHeight(8)
        self.models_message = _label()
        self.models_message.hide()
        self.model_list = QListWidget()
        self.model_list.setAccessibleName(self.tr("Base models"))
        self.model_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.model_note = _label()
        lay.addWidget(self.models_busy)
        lay.addWidget(self.models_message)
        lay.addWidget(self.model_list, 1)
        lay.addWidget(self.model_note)
        self.model_list.currentItemChanged.connect(self._show_model_note)
        return page

    def _build_data(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addWidget(_label(self.tr("<b>Data and settings</b>")))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.dataset_combo = QComboBox()
        self.validation_combo = QComboBox()
        for combo in (self.dataset_combo, self.validation_combo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.dataset_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.validation_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        form.addRow(self.tr("&Training data:"), self.dataset_combo)
        form.addRow(self.tr("&Validation data:"), self.validation_combo)
        self.own_settings = QCheckBox(self.tr("Choose the training settings myself (otherwise the provider decides)"))
        self.own_settings.toggled.connect(self._show_settings)
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
        self.form = form
        self.suffix = QLineEdit()
        self.suffix.setPlaceholderText(self.tr("optional, added to the model's name"))
        self.suffix.textChanged.connect(lambda _t: self._update_buttons())
        form.addRow(self.tr("S&uffix:"), self.suffix)
        self.seed = self._spin(-1, 2_147_483_647, self.tr("The same seed usually repeats a run"))
        self.seed.setSpecialValueText(self.tr("random"))
        self.seed.setValue(-1)
        self.seed.setMinimumWidth(140)
        form.addRow(self.tr("See&d:"), self.seed)
        self.metadata = QLineEdit()
        self.metadata.setPlaceholderText(self.tr("optional: key=value, key=value (up to 15, for your own records)"))
        self.metadata.textChanged.connect(lambda _t: self._update_buttons())
        form.addRow(self.tr("&Labels:"), self.metadata)
        self.grader = QPlainTextEdit()
        self.grader.setPlaceholderText('{"type": "string_check", "name": "exact", "input": "{{sample.output_text}}", '
                                       '"reference": "{{item.answer}}", "operation": "eq"}')
        self.grader.setTabChangesFocus(True)
        self.grader.setMaximumHeight(90)
        self.grader.textChanged.connect(self._update_buttons)
        form.addRow(self.tr("&Grader (JSON):"), self.grader)
        outer.addLayout(form)
        self.data_problem = _label()
        self.data_problem.setStyleSheet("color: palette(text);")
        outer.addWidget(self.data_problem)
        outer.addStretch(1)
        return page

    def _spin(self, low: int, high: int, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSpecialValueText(self.tr("auto"))
        spin.setToolTip(tip)
        return spin

    def _build_confirm(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_label(self.tr("<b>Check and start</b>")))
        self.confirm_what = _label()
        self.summary = _label()
        self.cost_note = _label()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(self.tr("Problems found"))
        self.findings_title = _label(self.tr("What the check found:"))
        for w in (self.confirm_what, self.summary, self.cost_note):
            lay.addWidget(w)
            lay.addSpacing(6)
        lay.addWidget(self.findings_title)
        lay.addWidget(self.findings, 1)
        return page

    def _build_progress(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        self.stage = _label(self.tr("Preparing…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        lay.addWidget(self.stage)
        lay.addWidget(self.progress)
        lay.addStretch(2)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.result_icon = QLabel()
        self.result_text = _label()
        row = QHBoxLayout()
        row.addWidget(self.result_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.result_text, 1)
        lay.addLayout(row)
        lay.addStretch(1)
        return page

    # --- state ----------------------------------------------------------------------------
    @property
    def method(self) -> str:
        """The chosen training method ("supervised" | "dpo" | "reinforcement")."""
        return METHODS[max(self.method_group.checkedId(), 0)]

    @property
    def kind(self) -> Kind:
        """The kind of examples the method trains on."""
        return jobs_service.METHOD_KIND[self.method]

    def profile(self) -> Any:
        """The chosen connection profile, or None."""
        return self.ctx.settings.connection(self.profile_combo.currentData() or "")

    def model_id(self) -> str | None:
        """The chosen base model."""
        item = self.model_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def grader_value(self) -> tuple[dict[str, Any] | None, str]:
        """The grader as parsed from the text, and a plain problem (empty when fine)."""
        text = self.grader.toPlainText().strip()
        if not text:
            return None, self.tr("Reinforcement training needs a grader: paste it as JSON.")
        try:
            value = json.loads(text)
        except ValueError as exc:
            return None, self.tr("The grader is not valid JSON: %1").replace("%1", str(exc))
        if not isinstance(value, dict):
            return None, self.tr("The grader must be a JSON object ({…}).")
        return value, ""

    def data_problems(self) -> list[str]:
        """What stops the data page from going on, in plain words."""
        problems = []
        if self.dataset_combo.currentData() is None:
            problems.append(self.tr("There is no %1 dataset to train on yet; import one first.")
                            .replace("%1", str(self.kind).upper()))
        suffix = self.suffix.text()
        if len(suffix) > SUFFIX_MAX:
            problems.append(self.tr("The suffix is %1 characters long; at most 64 are allowed.")
                            .replace("%1", str(len(suffix))))
        problems.extend(p for p in [self.metadata_value()[1]] if p)
        if self.method == "reinforcement":
            if self.validation_combo.currentData() is None:
                problems.append(self.tr("Reinforcement training needs a validation dataset."))
            problems.extend(p for p in [self.grader_value()[1]] if p)
        return problems

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

    def request(self) -> jobs_service.LaunchRequest:
        """The launch request the pages describe."""
        hp: dict[str, Any] = {}
        if self.own_settings.isChecked():
            for key, name in (("epochs", "n_epochs"), ("batch", "batch_size")):
                value = dict(self.settings_rows)[key].value()
                if value > 0:
                    hp[name] = value
            if self.lr.value() > 0:
                hp["learning_rate_multiplier"] = self.lr.value()
            if self.method == "dpo" and self.beta.value() > 0:
                hp["beta"] = self.beta.value()
            if self.method == "reinforcement":
                hp["reasoning_effort"] = self.effort.currentData()
        return jobs_service.LaunchRequest(
            dataset_id=self.dataset_combo.currentData(),
            model=self.model_id() or "",
            method=self.method,
            validation_dataset_id=self.validation_combo.currentData(),
            hyperparameters=hp or None,
            suffix=self.suffix.text().strip() or None,
            seed=self.seed.value() if self.seed.value() >= 0 else None,
            metadata=self.metadata_value()[0],
            grader=self.grader_value()[0] if self.method == "reinforcement" else None,
        )

    # --- navigation -----------------------------------------------------------------------
    def go(self, page: int) -> None:
        """Show ``page`` and start what it needs (models, datasets, the plan)."""
        self.pages.setCurrentIndex(page)
        if page == MODEL:
            self.tasks.spawn(self.load_models())
        elif page == DATA:
            self._show_settings()
            self.tasks.spawn(self.load_datasets())
        elif page == CONFIRM:
            self.tasks.spawn(self.load_plan())
        self._update_buttons()

    def back(self) -> None:
        """The previous page (from a failed result: the confirmation)."""
        page = self.pages.currentIndex()
        self.go(CONFIRM if page == RESULT else max(page - 1, 0))

    def next(self) -> None:
        """The next page, if the current one is complete."""
        if self.next_button.isEnabled() and self.pages.currentIndex() < CONFIRM:
            self.go(self.pages.currentIndex() + 1)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.back_button.setVisible(page in (MODEL, DATA, CONFIRM) or (page == RESULT and self.job_id is None))
        self.next_button.setVisible(page < CONFIRM)
        self.start_button.setVisible(page == CONFIRM)
        self.close_button.setText(self.tr("Cancel") if page == PROGRESS else self.tr("Close"))
        ok = True
        if page == MODEL:
            ok = self.model_id() is not None
        elif page == DATA:
            problems = self.data_problems()
            self.data_problem.setText("\n".join("⚠ " + p for p in problems))
            ok = not problems
        self.next_button.setEnabled(ok)
        self.start_button.setEnabled(page == CONFIRM and self.plan is not None and not self.plan.blocked)
        if page < CONFIRM:
            self.next_button.setDefault(True)
        elif page == CONFIRM:
            self.start_button.setDefault(True)

    def _close_or_cancel(self) -> None:
        if self.pages.currentIndex() == PROGRESS and self.cancel_event is not None:
            self.cancel_event.set()
            self.stage.setText(self.tr("Cancelling after the current step…"))
            return
        self.close()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.tasks.cancel_all()
        super().closeEvent(event)

    # --- loading --------------------------------------------------------------------------
    async def load_models(self) -> None:
        """List the provider's models (busy meanwhile); fall back to the known ones on failure."""
        profile = self.profile()
        wanted = profile.id if profile else ""
        if self._models_for != wanted:
            self.models_busy.show()
            self.models_message.hide()
            self.model_list.clear()
            message = ""
            try:
                if profile is None:
                    raise ProviderError(ErrorKind.NO_KEY, self.tr("There is no connection yet."))
                key = await run_blocking(keystore.get_key, profile.id)
                models = await list_models(self.ctx.clients.get(profile, key), profile)
            except (ProviderError, keystore.KeyringUnavailableError) as exc:
                models = [ModelInfo(m) for m in TRAINING_CONTEXT]
                message = self.tr("The models could not be listed: %1 These are the models known to the app; "
                                  "you can prepare the job and start it once the connection works.").replace(
                    "%1", str(exc))
            if not self.tasks.alive:
                return
            self.models, self._models_for = models, wanted
            self.models_busy.hide()
            self.models_message.setText("⚠ " + message)
            self.models_message.setVisible(bool(message))
        self._fill_models()

    def _fill_models(self) -> None:
        keep = self.model_id()
        method = self.method
        self.model_list.clear()
        ordered = sorted(self.models, key=lambda m: (not suits(m.id, method), m.is_fine_tuned, m.id))
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for m in ordered:
            parts = [m.id]
            if m.is_fine_tuned:
                parts.append(self.tr("your fine-tune: continue training"))
            if not suits(m.id, method):
                parts.append(self.tr("not listed for this method"))
            days = retirement_days(m.shutdown_date)
            item = QListWidgetItem(" — ".join(parts))
            if days is not None:
                if days < 0:
                    note = self.tr("retired on %1").replace("%1", str(m.shutdown_date))
                else:
                    note = self.tr("retires on %1").replace("%1", str(m.shutdown_date))
                if days <= RETIREMENT_WARNING_DAYS:
                    item.setIcon(warn)
                    note = "⚠ " + note + (self.tr(" (in %1 days)").replace("%1", str(days)) if days >= 0 else "")
                item.setText(item.text() + " — " + note)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.model_list.addItem(item)
            if m.id == keep:
                self.model_list.setCurrentItem(item)
        if self.model_list.currentItem() is None and ordered and suits(ordered[0].id, method):
            self.model_list.setCurrentRow(0)
        self._update_buttons()

    def _show_model_note(self, *_args: Any) -> None:
        item = self.model_list.currentItem()
        self.model_note.setText(item.text() if item is not None else self.tr("Choose a base model."))

    async def load_datasets(self) -> None:
        """Fill the dataset choices with the datasets of the method's kind."""
        project = self.ctx.project
        if project is None:
            return
        infos = await project.db.read(datasets_repo.list_datasets)
        if not self.tasks.alive:
            return
        keep, keep_valid = self.dataset_combo.currentData(), self.validation_combo.currentData()
        self.dataset_combo.clear()
        self.validation_combo.clear()
        self.validation_combo.addItem(self.tr("None (optional)") if self.method != "reinforcement"
                                      else self.tr("None — required for reinforcement"), None)
        for info in infos:
            if info.kind is not self.kind:
                continue
            text = self.tr("%1 — %2 examples").replace("%1", info.name).replace("%2", f"{info.examples:,}")
            if info.errors:
                text += self.tr(" (⚠ %1 with errors)").replace("%1", f"{info.errors:,}")
            self.dataset_names[info.id] = info.name
            self.dataset_combo.addItem(text, info.id)
            self.validation_combo.addItem(text, info.id)
        self.dataset_combo.setCurrentIndex(max(self.dataset_combo.findData(keep), 0))
        self.validation_combo.setCurrentIndex(max(self.validation_combo.findData(keep_valid), 0))
        self._update_buttons()

    def _show_settings(self, *_args: Any) -> None:
        own, method = self.own_settings.isChecked(), self.method
        visible = {"epochs": own, "batch": own, "lr": own, "beta": own and method == "dpo",
                   "effort": own and method == "reinforcement"}
        for key, widget in self.settings_rows:
            self.form.setRowVisible(widget, visible[key])
        self.form.setRowVisible(self.grader, method == "reinforcement")

    async def load_plan(self) -> None:
        """Check the launch (no network) and show what it would do."""
        project = self.ctx.project
        self.plan = None
        self.findings.clear()
        self.summary.setText(self.tr("Checking the data…"))
        self.cost_note.clear()
        self._update_buttons()
        if project is None:
            return
        req = self.request()
        plan = await jobs_service.plan_launch(project, req, prices=self.ctx.price_table())
        if not self.tasks.alive:
            return
        self.plan = plan
        profile = self.profile()
        self.confirm_what.setText(self.tr("%1 training of %2 on “%3” through %4.")
                                  .replace("%1", self.method_group.checkedButton().text().replace("&", ""))
                                  .replace("%2", req.model).replace("%3", self.dataset_names.get(req.dataset_id, "?"))
                                  .replace("%4", profile.name if profile else self.tr("no connection")))
        parts = [self.tr("%1 examples").replace("%1", f"{plan.examples:,}"),
                 self.tr("%1 billable tokens").replace("%1", f"{plan.billable_tokens:,}")]
        if plan.epochs:
            parts.append(self.tr("%1 epochs").replace("%1", str(plan.epochs)))
        cost = plan.cost
        if cost is not None and cost.usd is not None and cost.row is not None:
            parts.append(self.tr("about $%1 (%2, price of %3)").replace("%1", f"{cost.usd:,.2f}")
                         .replace("%2", cost.row.model).replace("%3", cost.row.date))
        self.summary.setText("<b>" + " · ".join(parts) + "</b>")
        if cost is not None and cost.usd is not None:
            self.cost_note.setText(self.tr("An estimate: the final bill uses the tokens the job reports."))
        else:
            self.cost_note.setText(cost.explanation if cost is not None else "")
        style = self.style()
        err = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warn = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for finding in plan.errors:
            self.findings.addItem(QListWidgetItem(err, self.tr("Error: %1").replace("%1", finding.message)))
        shown = plan.warnings[:50]
        for finding in shown:
            self.findings.addItem(QListWidgetItem(warn, self.tr("Warning: %1").replace("%1", finding.message)))
        if len(plan.warnings) > len(shown):
            self.findings.addItem(self.tr("… and %1 more warnings").replace("%1", str(len(plan.warnings) - 50)))
        if plan.blocked:
            self.findings.insertItem(0, self.tr("Fix the errors below before training; nothing was sent."))
        self.findings.setVisible(self.findings.count() > 0)
        self.findings_title.setVisible(self.findings.count() > 0)
        self._update_buttons()

    # --- launching ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the launch (upload, then create the job)."""
        if self.start_button.isEnabled():
            self.go(PROGRESS)
            self.tasks.spawn(self.run_launch())

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress_seen.append((stage, done, total))
        names = {"upload training file": self.tr("Uploading the training file…"),
                 "upload validation file": self.tr("Uploading the validation file…")}
        self.stage.setText(names.get(stage, stage))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    async def run_launch(self) -> None:
        """Upload and create the job; show the result in plain words."""
        project, profile = self.ctx.project, self.profile()
        self.cancel_event = asyncio.Event()
        self.job_id = None
        self.stage.setText(self.tr("Preparing the data…"))
        self.progress.setRange(0, 0)
        error: str | None = None
        try:
            if project is None or profile is None:
                raise ProviderError(ErrorKind.NO_KEY, self.tr(
                    "There is no connection to start the job with. Add one in Settings → Connections."))
            key = await run_blocking(keystore.get_key, profile.id)
            client = self.ctx.clients.get(profile, key)
            job = await jobs_service.launch(project, client, profile, self.request(), prices=self.ctx.price_table(),
                                            progress=self._on_progress, cancel=self.cancel_event)
            self.job_id = job.id
        except asyncio.CancelledError:
            if not self.tasks.alive:
                raise
            error = self.tr("Cancelled. No training job was started.")
        except jobs_service.LaunchBlocked as exc:
            error = str(exc)
        except (ProviderError, keystore.KeyringUnavailableError) as exc:
            error = str(exc)
            if isinstance(exc, ProviderError) and exc.kind in (ErrorKind.TIMEOUT, ErrorKind.UNREACHABLE,
                                                                ErrorKind.SERVER):
                error += " " + self.tr("If the provider made the job anyway, Refresh in the Jobs view finds it.")
        finally:
            self.cancel_event = None
        if not self.tasks.alive:
            return
        icon = QStyle.StandardPixmap.SP_MessageBoxCritical if error else QStyle.StandardPixmap.SP_DialogApplyButton
        self.result_icon.setPixmap(self.style().standardIcon(icon).pixmap(32, 32))
        if error is None and self.job_id:
            self.result_text.setText(self.tr("The training job %1 was started. It will appear in the Jobs list.")
                                     .replace("%1", self.job_id))
            self.go(RESULT)
            self.launched.emit(self.job_id)
        else:
            self.result_text.setText(self.tr("The job was not started: %1").replace("%1", error or ""))
            self.go(RESULT)
