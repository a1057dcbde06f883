"""Settings → Connections: add, edit, delete and test connection profiles.

The API key field writes only to the OS keyring and is never shown back; profiles (without keys)
go to the settings file. Everything that may block runs on worker threads or the event loop.

This module lays the dialog out and keeps the list and the form in step with the profiles; what
its buttons do (add, delete, save, test) is in ``connection_commands``.
"""

from __future__ import annotations

from urllib.parse import urlparse

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.models.connection import DEFAULT_AZURE_API_VERSION, ConnectionProfile, ProviderKind, is_loopback_host
from app.runtime.threads import run_blocking
from app.secrets import keystore
from ui.app_context import AppContext
from ui.settings.connection_commands import ConnectionCommands
from ui.tasks import TaskScope


class ConnectionsDialog(ConnectionCommands, QDialog):
    """A non-modal dialog with the list of profiles on the left and the selected one's form."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskScope("connections", on_error=lambda _n, e: ctx.report_error(str(e), e))
        self.setWindowTitle(self.tr("Connections"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(820, 480)
        self._current: ConnectionProfile | None = None
        self._build()
        self._reload_list()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Connections"))
        self.list.setMinimumWidth(200)
        self.add_button = QPushButton(self.tr("Add"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Connections")))
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)

        self.name_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in ProviderKind:
            self.kind_combo.addItem(self._kind_label(kind), str(kind))
        self.base_url_edit = QLineEdit()
        self.azure_endpoint_edit = QLineEdit()
        self.azure_endpoint_edit.setPlaceholderText("https://my-resource.openai.azure.com")
        self.api_version_edit = QLineEdit()
        self.api_version_edit.setPlaceholderText(DEFAULT_AZURE_API_VERSION)
        # Consent to plain http:// for this one server; shown only for an http:// address off this computer.
        self.insecure_check = QCheckBox(
            self.tr("Allow an unencrypted (http://) connection to this server — only on a network you trust")
        )
        self.insecure_check.setToolTip(self.tr(
            "Without encryption, the API key and your data can be read by anyone on the network between this "
            "computer and the server. Addresses on this computer (localhost) never need this."
        ))
        self.organization_edit = QLineEdit()
        self.organization_edit.setPlaceholderText(self.tr("optional"))
        self.project_edit = QLineEdit()
        self.project_edit.setPlaceholderText(self.tr("optional"))
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow(self.tr("&Name:"), self.name_edit)
        self.form.addRow(self.tr("&Provider:"), self.kind_combo)
        self.form.addRow(self.tr("&Base URL:"), self.base_url_edit)
        self.form.addRow(self.tr("Azure &endpoint:"), self.azure_endpoint_edit)
        self.form.addRow(self.tr("API &version:"), self.api_version_edit)
        self.form.addRow("", self.insecure_check)
        self.form.addRow(self.tr("&Organization:"), self.organization_edit)
        self.form.addRow(self.tr("Pro&ject:"), self.project_edit)
        self.form.addRow(self.tr("API &key:"), self.key_edit)
        self.form.addRow("", self.key_status)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: we cannot know how long a server takes
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Testing connection"))
        self.busy.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.busy)
        actions.addStretch(1)
        actions.addWidget(self.save_button)

        self.result_icon = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result = QHBoxLayout()
        result.addWidget(self.result_icon, 0, Qt.AlignmentFlag.AlignTop)
        result.addWidget(self.result_label, 1)

        self.editor = QWidget()
        right = QVBoxLayout(self.editor)
        right.addLayout(self.form)
        right.addWidget(self.problems_label)
        right.addLayout(actions)
        right.addLayout(result)
        right.addStretch(1)

        self.empty_label = QLabel(
            self.tr("No connections yet. Add one to train models and try them. Everything else works without.")
        )
        self.empty_label.setWordWrap(True)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.editor, 1)
        body.addWidget(self.empty_label, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(close)

        self.add_button.clicked.connect(self.add_profile)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.list.currentRowChanged.connect(self._on_select)
        self.kind_combo.currentIndexChanged.connect(self._update_kind_rows)
        for edit in (self.base_url_edit, self.azure_endpoint_edit):
            # A new address needs consent again: typing clears it (loading a profile does not).
            edit.textEdited.connect(lambda _t: self.insecure_check.setChecked(False))
            edit.textChanged.connect(lambda _t: self._update_insecure_row())
        self.insecure_check.toggled.connect(lambda _on: self._update_insecure_row())
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test)

    def _kind_label(self, kind: ProviderKind) -> str:
        return {
            ProviderKind.OPENAI: self.tr("OpenAI"),
            ProviderKind.AZURE: self.tr("Azure OpenAI / Microsoft Foundry"),
            ProviderKind.COMPATIBLE: self.tr("OpenAI-compatible server (Ollama, vLLM, gateway…)"),
        }[kind]

    def _update_kind_rows(self) -> None:
        kind = ProviderKind(self.kind_combo.currentData())
        azure = kind is ProviderKind.AZURE
        self.form.setRowVisible(self.base_url_edit, not azure)
        self.form.setRowVisible(self.azure_endpoint_edit, azure)
        self.form.setRowVisible(self.api_version_edit, azure)
        self.base_url_edit.setPlaceholderText(
            self.tr("http://localhost:11434/v1")
            if kind is ProviderKind.COMPATIBLE
            else self.tr("optional — leave empty for api.openai.com")
        )
        self._update_insecure_row()

    def _update_insecure_row(self) -> None:
        """Offer the http:// consent only where it matters: an http:// address that is not this computer."""
        azure = ProviderKind(self.kind_combo.currentData()) is ProviderKind.AZURE
        address = (self.azure_endpoint_edit if azure else self.base_url_edit).text().strip()
        parsed = urlparse(address)
        needed = parsed.scheme == "http" and bool(parsed.netloc) and not is_loopback_host(parsed.hostname or "")
        self.form.setRowVisible(self.insecure_check, needed or self.insecure_check.isChecked())

    # --- list -----------------------------------------------------------------------------
    def _reload_list(self, select_id: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        active = self.ctx.settings.active_connection
        row_to_select = 0
        for i, p in enumerate(self.ctx.settings.connections):
            text = p.name + (self.tr("  (default)") if p.id == active else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
            if p.id == (select_id or (self._current.id if self._current else None)):
                row_to_select = i
        self.list.blockSignals(False)
        has = self.list.count() > 0
        self.editor.setVisible(has)
        self.empty_label.setVisible(not has)
        self.delete_button.setEnabled(has)
        if has:
            self.list.setCurrentRow(row_to_select)
            self._on_select(row_to_select)
        else:
            self._current = None

    def _on_select(self, row: int) -> None:
        if row < 0 or row >= len(self.ctx.settings.connections):
            return
        pid = self.list.item(row).data(Qt.ItemDataRole.UserRole)
        profile = self.ctx.settings.connection(pid)
        if profile is None:
            return
        self._current = profile
        self._load_form(profile)

    def _load_form(self, p: ConnectionProfile) -> None:
        self.name_edit.setText(p.name)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(str(p.kind)))
        self.base_url_edit.setText(p.base_url)
        self.azure_endpoint_edit.setText(p.azure_endpoint)
        self.api_version_edit.setText(p.api_version)
        self.organization_edit.setText(p.organization)
        self.project_edit.setText(p.project)
        self.insecure_check.setChecked(p.allow_insecure_http)
        self.key_edit.clear()
        self.problems_label.hide()
        self._set_result(None, "")
        self._update_kind_rows()
        self.key_status.setText(self.tr("Checking the keyring…"))
        self.tasks.spawn(self._show_key_status(p.id))

    async def _show_key_status(self, profile_id: str) -> None:
        try:
            key = await run_blocking(keystore.get_key, profile_id)
        except keystore.KeyringUnavailableError as exc:
            text, placeholder = str(exc), self.tr("keyring unavailable")
        else:
            if key:
                from app.redact import mask_key

                text = self.tr(
                    "A key is stored in the system keyring ({masked}). Type a new one to replace it."
                ).format(masked=mask_key(key))
                placeholder = self.tr("stored in the keyring — type to replace")
            else:
                text = self.tr("No key stored. It will be kept in the system keyring, never in a file.")
                placeholder = self.tr("paste the API key")
        if self.tasks.alive and self._current is not None and self._current.id == profile_id:
            self.key_status.setText(text)
            self.key_edit.setPlaceholderText(placeholder)

    def _form_profile(self) -> ConnectionProfile:
        base = self._current or ConnectionProfile(name="")
        return ConnectionProfile(
            id=base.id,
            name=self.name_edit.text().strip(),
            kind=ProviderKind(self.kind_combo.currentData()),
            base_url=self.base_url_edit.text().strip(),
            azure_endpoint=self.azure_endpoint_edit.text().strip(),
            api_version=self.api_version_edit.text().strip() or DEFAULT_AZURE_API_VERSION,
            organization=self.organization_edit.text().strip(),
            project=self.project_edit.text().strip(),
            allow_insecure_http=self.insecure_check.isChecked(),
        )

    # --- the result line under the buttons ------------------------------------------------
    def _set_result(self, ok: bool | None, text: str, details: str = "") -> None:
        pix = {
            True: QStyle.StandardPixmap.SP_DialogApplyButton,
            False: QStyle.StandardPixmap.SP_MessageBoxWarning,
            None: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[ok]
        self.result_icon.setPixmap(
            self.style().standardIcon(pix).pixmap(18, 18) if text else self.style().standardIcon(pix).pixmap(0, 0)
        )
        self.result_label.setText(text)
        self.result_label.setToolTip(details)
        self.result_label.setAccessibleDescription({True: "ok", False: "error", None: ""}[ok])

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        """Cancel the dialog's tasks (a running test is abandoned locally)."""
        self.tasks.cancel_all()
        super().closeEvent(event)
