"""The launch wizard's base-model page: which models suit a training method, when a model retires,
and the list that offers the provider's models (suited ones first; retiring ones marked by icon and
words)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QProgressBar, QStyle, QVBoxLayout, QWidget

from app.formats.prices import TRAINING_CONTEXT, resolve_model
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services.provider_errors import ErrorKind, ProviderError
from app.services.providers import ModelInfo, list_models
from ui.app_context import AppContext
from ui.tasks import TaskScope
from ui.widgets.labels import selectable_label

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
RETIREMENT_WARNING_DAYS = 90


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


class ModelChoiceWidget(QWidget):
    """Lists the connection's models for a training method (busy meanwhile; the models known to the app
    when listing fails) and emits ``model_changed`` whenever the chosen model may have changed."""

    model_changed = Signal()

    def __init__(self, ctx: AppContext, tasks: TaskScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks  # the wizard's: nothing is touched once it is closed
        self.models: list[ModelInfo] = []
        self._models_for: str | None = None  # the profile id whose models are listed
        lay = QVBoxLayout(self)
        lay.addWidget(selectable_label(self.tr("<b>Base model</b> — the models that suit the method come first; "
                                     "your own fine-tunes (ft:…) continue training from where they are.")))
        self.models_busy = QProgressBar()
        self.models_busy.setRange(0, 0)
        self.models_busy.setTextVisible(False)
        self.models_busy.setMaximumHeight(8)
        self.models_message = selectable_label()
        self.models_message.hide()
        self.model_list = QListWidget()
        self.model_list.setAccessibleName(self.tr("Base models"))
        self.model_list.currentItemChanged.connect(lambda *_: self.model_changed.emit())
        self.model_note = selectable_label()
        lay.addWidget(self.models_busy)
        lay.addWidget(self.models_message)
        lay.addWidget(self.model_list, 1)
        lay.addWidget(self.model_note)
        self.model_list.currentItemChanged.connect(self._show_model_note)

    def model_id(self) -> str | None:
        """The chosen base model."""
        item = self.model_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    async def load(self, profile: Any, method: str) -> None:
        """List the provider's models for ``method`` (once per connection); fall back to the known ones."""
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
        self.fill(method)

    def fill(self, method: str) -> None:
        """Show the listed models for ``method``, keeping the choice; a suited first one is preselected."""
        keep = self.model_id()
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
                    soon = self.tr(" (today)") if days == 0 else self.tr(" (in %Ln day(s))", None, days)
                    note = "⚠ " + note + (soon if days >= 0 else "")
                item.setText(item.text() + " — " + note)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.model_list.addItem(item)
            if m.id == keep:
                self.model_list.setCurrentItem(item)
        if self.model_list.currentItem() is None and ordered and suits(ordered[0].id, method):
            self.model_list.setCurrentRow(0)
        self.model_changed.emit()

    def _show_model_note(self, *_args: Any) -> None:
        item = self.model_list.currentItem()
        self.model_note.setText(item.text() if item is not None else self.tr("Choose a base model."))
