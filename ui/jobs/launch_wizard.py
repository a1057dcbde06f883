"""The launch wizard: connection and method, base model, data and settings, confirmation, then the upload
and the job's creation. Plain pages in a stack (no nested event loop); the dialog is non-modal. The
base-model page is ``model_choice``, the training settings on the data page ``training_settings``, and
the confirmation page ``launch_summary``."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.formats.model import Kind
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import jobs as jobs_service
from app.services.provider_errors import ErrorKind, ProviderError
from app.store import datasets_repo
from ui.app_context import AppContext
from ui.jobs.launch_summary import LaunchSummaryWidget
from ui.jobs.model_choice import ModelChoiceWidget
from ui.jobs.training_settings import TrainingSettingsWidget
from ui.locale_format import number
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

METHODS = ("supervised", "dpo", "reinforcement")
CONNECTION, MODEL, DATA, CONFIRM, PROGRESS, RESULT = range(6)


def _align_label_columns(*forms: QFormLayout) -> None:
    """Give forms stacked on one page a common label width, so their fields line up."""
    labels = [item.widget() for form in forms for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget()]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


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
        lay.addWidget(selectable_label(self.tr("<b>Connection and method</b>")))
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Connection"))
        for profile in self.ctx.settings.connections:
            self.profile_combo.addItem(profile.name, profile.id)
        active = self.profile_combo.findData(self.ctx.settings.active_connection)
        self.profile_combo.setCurrentIndex(max(active, 0))
        self.no_connection = selectable_label(self.tr(
            "There is no connection yet. Add one in Settings → Connections to start the job; meanwhile you can "
            "still choose a model and check the data."
        ))
        self.no_connection.setVisible(self.profile_combo.count() == 0)
        form = QFormLayout()
        form.addRow(self.tr("&Connection:"), self.profile_combo)
        lay.addLayout(form)
        lay.addWidget(self.no_connection)
        lay.addSpacing(12)
        lay.addWidget(selectable_label(self.tr("How should the model learn?")))
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
            hint = selectable_label(explanation)
            hint.setContentsMargins(24, 0, 0, 6)
            lay.addWidget(button)
            lay.addWidget(hint)
        self.method_group.button(0).setChecked(True)
        lay.addStretch(1)
        return page

    def _build_model(self) -> QWidget:
        self.model_page = ModelChoiceWidget(self.ctx, self.tasks)
        self.model_page.model_changed.connect(self._update_buttons)
        return self.model_page

    def _build_data(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addWidget(selectable_label(self.tr("<b>Data and settings</b>")))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.dataset_combo = QComboBox()
        self.validation_combo = QComboBox()
        for combo in (self.dataset_combo, self.validation_combo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.dataset_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.dataset_combo.currentIndexChanged.connect(
            lambda _i: self.training_settings.grader.set_dataset(self.dataset_combo.currentData()))
        self.validation_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        form.addRow(self.tr("&Training data:"), self.dataset_combo)
        form.addRow(self.tr("&Validation data:"), self.validation_combo)
        outer.addLayout(form)
        self.training_settings = TrainingSettingsWidget(self.ctx)
        self.training_settings.edited.connect(self._update_buttons)
        outer.addWidget(self.training_settings)
        _align_label_columns(form, self.training_settings.form)
        self.data_problem = selectable_label()
        self.data_problem.setStyleSheet("color: palette(text);")
        outer.addWidget(self.data_problem)
        outer.addStretch(1)
        return page

    def _build_confirm(self) -> QWidget:
        self.summary_page = LaunchSummaryWidget()
        return self.summary_page

    def _build_progress(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addStretch(1)
        self.stage = selectable_label(self.tr("Preparing…"))
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
        self.result_text = selectable_label()
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
        return self.model_page.model_id()

    def data_problems(self) -> list[str]:
        """What stops the data page from going on, in plain words."""
        problems = []
        if self.dataset_combo.currentData() is None:
            problems.append(self.tr("There is no %1 dataset to train on yet; import one first.")
                            .replace("%1", str(self.kind).upper()))
        problems.extend(self.training_settings.problems())
        if self.method == "reinforcement":
            if self.validation_combo.currentData() is None:
                problems.append(self.tr("Reinforcement training needs a validation dataset."))
            problems.extend(p for p in [self.training_settings.grader_value()[1]] if p)
        return problems

    def request(self) -> jobs_service.LaunchRequest:
        """The launch request the pages describe."""
        return jobs_service.LaunchRequest(
            dataset_id=self.dataset_combo.currentData(),
            model=self.model_id() or "",
            method=self.method,
            validation_dataset_id=self.validation_combo.currentData(),
            **self.training_settings.request_fields(self.method),
        )

    # --- navigation -----------------------------------------------------------------------
    def go(self, page: int) -> None:
        """Show ``page`` and start what it needs (models, datasets, the plan)."""
        self.pages.setCurrentIndex(page)
        if page == MODEL:
            self.tasks.spawn(self.model_page.load(self.profile(), self.method))
        elif page == DATA:
            self.training_settings.show_rows_for(self.method)
            self.tasks.spawn(self.load_datasets())
            if self.method == "reinforcement":
                self.tasks.spawn(self.training_settings.grader.load())
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
            text = self.tr("%1 — %Ln example(s)", None, info.examples).replace("%1", info.name)
            if info.errors:
                text += self.tr(" (⚠ %1 with errors)").replace("%1", number(info.errors))
            self.dataset_names[info.id] = info.name
            self.dataset_combo.addItem(text, info.id)
            self.validation_combo.addItem(text, info.id)
        self.dataset_combo.setCurrentIndex(max(self.dataset_combo.findData(keep), 0))
        self.validation_combo.setCurrentIndex(max(self.validation_combo.findData(keep_valid), 0))
        self._update_buttons()

    async def load_plan(self) -> None:
        """Check the launch (no network) and show what it would do."""
        project = self.ctx.project
        self.plan = None
        self.summary_page.show_checking()
        self._update_buttons()
        if project is None:
            return
        req = self.request()
        plan = await jobs_service.plan_launch(project, req, prices=self.ctx.price_table())
        if not self.tasks.alive:
            return
        self.plan = plan
        profile = self.profile()
        what = (self.tr("%1 training of %2 on “%3” through %4.")
                .replace("%1", self.method_group.checkedButton().text().replace("&", ""))
                .replace("%2", req.model).replace("%3", self.dataset_names.get(req.dataset_id, "?"))
                .replace("%4", profile.name if profile else self.tr("no connection")))
        self.summary_page.show_plan(plan, what)
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
