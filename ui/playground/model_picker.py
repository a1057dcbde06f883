"""Which connection and model a Playground pane talks to.

The model field is editable and filled from the connection's model list, the user's fine-tuned
models and checkpoints first. Azure OpenAI calls go to a *deployment* (a name the user gave when
deploying a model), so for Azure connections the field is labelled "Deployment name", explained in
one line, and an optional "Model behind it" tells the app the price and which parameters apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.connection import ProviderKind
from app.services.provider_errors import ProviderError
from app.services.providers import ModelInfo, list_models
from ui.app_context import AppContext, NotConnected
from ui.i18n import TranslationContext
from ui.tasks import TaskScope


def is_checkpoint(model_id: str) -> bool:
    """True for a fine-tuning checkpoint id (``ft:…:ckpt-step-N``)."""
    return model_id.startswith("ft:") and ":ckpt-step-" in model_id


def friendly_name(model_id: str) -> str:
    """A readable name for a model id: fine-tunes by their suffix and base, checkpoints with their step."""
    if not model_id.startswith("ft:"):
        return model_id
    parts = model_id.split(":")
    base = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", parts[1]) if len(parts) > 1 else ""
    step = parts[-1].removeprefix("ckpt-step-") if is_checkpoint(model_id) else ""
    name = (parts[3] if len(parts) > 3 and parts[3] else parts[4] if len(parts) > 4 else "") or base
    if step:
        return Playground.tr("%1 · checkpoint at step %2").replace("%1", name).replace("%2", step)
    return Playground.tr("%1 · fine-tune of %2").replace("%1", name).replace("%2", base)


Playground = TranslationContext("Playground")


def model_order(models: list[ModelInfo]) -> list[ModelInfo]:
    """Fine-tuned models first (newest first), then their checkpoints, then the base models by id."""

    def key(m: ModelInfo) -> tuple[int, int, str]:
        group = 1 if is_checkpoint(m.id) else 0 if m.is_fine_tuned else 2
        newest = -(m.created or 0) if group < 2 else 0
        return group, newest, m.id

    return sorted(models, key=key)


class ModelCatalog(QObject):
    """The model lists of the connections, fetched once per connection and shared by all panes."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._models: dict[str, list[ModelInfo]] = {}
        self._errors: dict[str, str] = {}
        self._loading: dict[str, asyncio.Task[None]] = {}

    def cached(self, profile_id: str) -> tuple[list[ModelInfo], str] | None:
        """The models and the listing error ("" when fine) already known for a connection."""
        if profile_id in self._models:
            return self._models[profile_id], self._errors.get(profile_id, "")
        return None

    async def models(self, profile_id: str) -> tuple[list[ModelInfo], str]:
        """The connection's models (fetched at most once at a time) and a plain error, if any."""
        known = self.cached(profile_id)
        if known is not None:
            return known
        task = self._loading.get(profile_id)
        if task is None:
            task = asyncio.ensure_future(self._fetch(profile_id))
            self._loading[profile_id] = task
            task.add_done_callback(lambda _t, p=profile_id: self._loading.pop(p, None))
        await asyncio.shield(task)
        return self.cached(profile_id) or ([], "")

    async def _fetch(self, profile_id: str) -> None:
        profile = self.ctx.settings.connection(profile_id)
        try:
            if profile is None:
                raise NotConnected(self.tr("This connection no longer exists; choose another one."))
            client, profile = await self.ctx.client_for(profile)
            models, error = model_order(await list_models(client, profile)), ""
        except (NotConnected, ProviderError) as exc:
            models, error = [], str(exc)
        self._models[profile_id], self._errors[profile_id] = models, error

    def clear(self) -> None:
        """Forget every list (the connections changed)."""
        self._models.clear()
        self._errors.clear()

    def close(self) -> None:
        """Stop the fetches in flight (the view is closing)."""
        for task in list(self._loading.values()):
            task.cancel()
        self._loading.clear()


class ModelPickerWidget(QWidget):
    """A connection combo and an editable model (or Azure deployment) field.

    ``target_edited`` fires when the user changes any of them (not when the view sets them).
    """

    target_edited = Signal()

    def __init__(self, ctx: AppContext, catalog: ModelCatalog, tasks: TaskScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.catalog, self.tasks = ctx, catalog, tasks
        self._loading = False
        self._filled_for: str | None = None
        self._asked = False  # the user reached for the model list (see eventFilter)
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Connection"))
        self.profile_combo.setToolTip(self.tr("The connection (provider account) this pane calls."))
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setMinimumContentsLength(12)
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.lineEdit().setPlaceholderText(self.tr("Type or pick a model"))
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_label = QLabel(self.tr("&Model:"))
        self.model_label.setBuddy(self.model_combo)
        self.azure_hint = QLabel(self.tr(
            "Azure OpenAI answers through a deployment you created for a model: type that deployment's name."
        ))
        self.azure_hint.setWordWrap(True)
        self.azure_hint.setObjectName("hint")
        self.base_edit = QLineEdit()
        self.base_edit.setPlaceholderText(self.tr("optional, e.g. gpt-4.1-mini"))
        self.base_edit.setAccessibleName(self.tr("Model behind the deployment"))
        self.base_edit.setToolTip(self.tr(
            "The model this deployment runs. The app uses it for the price and for which parameters apply."
        ))
        self.base_label = QLabel(self.tr("Model &behind it:"))
        self.base_label.setBuddy(self.base_edit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        connection_label = QLabel(self.tr("&Connection:"))
        connection_label.setBuddy(self.profile_combo)
        form.addRow(connection_label, self.profile_combo)
        form.addRow(self.model_label, self.model_combo)
        form.addRow(self.base_label, self.base_edit)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(form)
        lay.addWidget(self.azure_hint)
        lay.addWidget(self.note)

        self.refresh_profiles()
        self.profile_combo.currentIndexChanged.connect(self._on_profile)
        self.model_combo.currentTextChanged.connect(self._on_text)
        self.model_combo.installEventFilter(self)
        self.model_combo.lineEdit().installEventFilter(self)
        self.base_edit.textEdited.connect(lambda _t: self.target_edited.emit())

    # --- values ---------------------------------------------------------------------------
    def profile_id(self) -> str:
        """The chosen connection's id ("" when there is none)."""
        return self.profile_combo.currentData() or ""

    def model(self) -> str:
        """The model id or Azure deployment name as typed."""
        return self.model_combo.currentText().strip()

    def base_model(self) -> str | None:
        """The model behind an Azure deployment, when given."""
        if not self.is_azure():
            return None
        return self.base_edit.text().strip() or None

    def is_azure(self) -> bool:
        """True when the chosen connection is Azure OpenAI."""
        profile = self.ctx.settings.connection(self.profile_id())
        return profile is not None and profile.kind is ProviderKind.AZURE

    def set_target(self, profile_id: str, model: str, base_model: str | None) -> None:
        """Show a pane's target without emitting ``target_edited``; lists that connection's models."""
        self._loading = True
        try:
            index = self.profile_combo.findData(profile_id)
            if index < 0 and profile_id:
                self.profile_combo.addItem(self.tr("⚠ Missing connection"), profile_id)
                index = self.profile_combo.count() - 1
            if index >= 0:
                self.profile_combo.setCurrentIndex(index)
            self.model_combo.setEditText(model)
            self.base_edit.setText(base_model or "")
        finally:
            self._loading = False
        self._update_azure()
        self.request_models()

    def refresh_profiles(self) -> None:
        """Fill the connection combo from the settings (keeps the choice when it still exists)."""
        keep = self.profile_id() or self.ctx.settings.active_connection
        self._loading = True
        try:
            self.profile_combo.clear()
            for profile in self.ctx.settings.connections:
                self.profile_combo.addItem(profile.name, profile.id)
            index = self.profile_combo.findData(keep)
            self.profile_combo.setCurrentIndex(max(index, 0) if self.profile_combo.count() else -1)
        finally:
            self._loading = False
        self._filled_for = None
        self._update_azure()

    # --- reactions ------------------------------------------------------------------------
    def _on_profile(self, _index: int) -> None:
        self._update_azure()
        if not self._loading:  # the user chose another connection: list its models
            self._asked = True
            self.request_models()
            self.target_edited.emit()

    def _on_text(self, _text: str) -> None:
        if not self._loading:
            self.target_edited.emit()

    def _update_azure(self) -> None:
        azure = self.is_azure()
        self.model_label.setText(self.tr("&Deployment name:") if azure else self.tr("&Model:"))
        self.model_combo.setAccessibleName(self.tr("Deployment name") if azure else self.tr("Model"))
        self.model_combo.lineEdit().setPlaceholderText(
            self.tr("Type the deployment name") if azure else self.tr("Type or pick a model")
        )
        for w in (self.azure_hint, self.base_label, self.base_edit):
            w.setVisible(azure)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """The user reaches for the model field (focus or click): now list the connection's models."""
        if watched in (self.model_combo, self.model_combo.lineEdit()) and event.type() in (
                QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self._asked = True
            self.request_models()
        return super().eventFilter(watched, event)

    def request_models(self) -> None:
        """List the chosen connection's models in the background (once per connection)."""
        profile_id = self.profile_id()
        if not profile_id or profile_id == self._filled_for or not self.tasks.alive:
            return
        if not self._asked:  # no provider call until the user reaches for the list (privacy)
            return
        known = self.catalog.cached(profile_id)
        if known is not None:
            self._fill(profile_id, *known)
            return
        self.note.setText(self.tr("Listing the models…"))
        self.note.show()
        with contextlib.suppress(RuntimeError):  # no running loop yet; the next request lists them
            self.tasks.spawn(self._load(profile_id))

    async def _load(self, profile_id: str) -> None:
        models, error = await self.catalog.models(profile_id)
        if self.tasks.alive and profile_id == self.profile_id():
            self._fill(profile_id, models, error)

    def _fill(self, profile_id: str, models: list[ModelInfo], error: str) -> None:
        self._filled_for = profile_id
        text = self.model_combo.currentText()
        self._loading = True
        try:
            self.model_combo.clear()
            group = None
            today = dt.date.today().isoformat()
            for m in models:
                g = 1 if is_checkpoint(m.id) else 0 if m.is_fine_tuned else 2
                if group is not None and g != group:
                    self.model_combo.insertSeparator(self.model_combo.count())
                group = g
                self.model_combo.addItem(m.id, m.id)
                tip = [self.tr("Your fine-tuned model"), self.tr("A checkpoint saved during training"), ""][g]
                if m.shutdown_date and str(m.shutdown_date)[:10] >= today:
                    tip = (tip + "\n" if tip else "") + self.tr("Retires on %1").replace("%1", str(m.shutdown_date))
                if tip:
                    self.model_combo.setItemData(self.model_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self.model_combo.setEditText(text)
        finally:
            self._loading = False
        if error:
            self.note.setText("⚠ " + self.tr("The models could not be listed: %1 You can still type a model name.")
                              .replace("%1", error))
            self.note.setToolTip(error)
        self.note.setVisible(bool(error))

    def model_ids(self) -> list[str]:
        """The model ids offered in the list (tests)."""
        return [self.model_combo.itemText(i) for i in range(self.model_combo.count()) if self.model_combo.itemText(i)]
