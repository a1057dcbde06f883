"""Settings → Connections as a user works it: add a profile, type a key, test it, save it."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models.connection import ProviderKind
from app.secrets import keystore
from tests.ui.conftest import until

KEY = "sk-test-standin"


@pytest.fixture
def dialog(window, qtbot):
    window.show_connections()
    dlg = window.connections_dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


def fill(dlg, qtbot, *, name="Work", base_url="", key=""):
    dlg.name_edit.setText(name)
    dlg.base_url_edit.setText(base_url)
    if key:
        dlg.key_edit.setText(key)


def test_empty_state_teaches_and_add_creates_a_profile(dialog, ctx, arun):
    async def scenario():
        assert dialog.empty_label.isVisible() and "No connections yet" in dialog.empty_label.text()
        dialog.add_button.click()
        assert dialog.editor.isVisible() and not dialog.empty_label.isVisible()
        assert dialog.name_edit.text() == "OpenAI" and dialog.name_edit.hasFocus()
        assert len(ctx.settings.connections) == 1

    arun(scenario())


def test_azure_shows_endpoint_and_version_fields_only_for_azure(dialog, arun):
    async def scenario():
        dialog.add_button.click()
        form = dialog.form
        assert form.isRowVisible(dialog.base_url_edit) and not form.isRowVisible(dialog.azure_endpoint_edit)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(str(ProviderKind.AZURE)))
        assert form.isRowVisible(dialog.azure_endpoint_edit) and form.isRowVisible(dialog.api_version_edit)
        assert not form.isRowVisible(dialog.base_url_edit)

    arun(scenario())


def test_save_stores_the_key_in_the_keyring_only(dialog, ctx, arun, standin, memory_keyring, app_home):
    async def scenario():
        dialog.add_button.click()
        fill(dialog, None, name="Work", base_url=standin.base_url, key=KEY)
        dialog.save_button.click()
        await until(lambda: dialog.result_label.text() == "Saved.", what="saved")
        profile = ctx.settings.connections[0]
        assert memory_keyring.store[(keystore.SERVICE, profile.id)] == KEY
        assert dialog.key_edit.text() == ""  # the key is never shown back
        await until(lambda: "A key is stored" in dialog.key_status.text(), what="key status")
        assert KEY not in dialog.key_status.text() and dialog.key_status.text().count("•") >= 4
        settings_text = (app_home / "config" / "settings.json").read_text()
        assert "Work" in settings_text and KEY not in settings_text
        await until(lambda: ctx.connection_state == "ready", what="status")

    arun(scenario())


def test_invalid_profile_is_not_saved_and_says_why(dialog, ctx, arun):
    async def scenario():
        dialog.add_button.click()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(str(ProviderKind.COMPATIBLE)))
        dialog.base_url_edit.setText("")
        dialog.save_button.click()
        assert dialog.problems_label.isVisible()
        assert "base URL" in dialog.problems_label.text()
        assert ctx.settings.connections[0].kind is ProviderKind.OPENAI  # unchanged

    arun(scenario())


@pytest.mark.parametrize(
    ("fault", "key", "expect", "state"),
    [
        ({}, KEY, "Connected. 5 models available, 1 of them fine-tuned by you.", "connected"),
        ({}, "sk-wrong-key-1234567890", "was not accepted", "rejected"),
        ({"status": 403}, KEY, "not allowed", None),
        ({"delay": 3.0}, KEY, "did not answer in time", "offline"),
    ],
    ids=["success", "wrong-key-401", "no-permission-403", "timeout"],
)
def test_test_connection_answers_in_plain_language(dialog, ctx, arun, standin, monkeypatch, fault, key, expect, state):
    async def scenario():
        from app.services import providers

        monkeypatch.setattr(providers, "TEST_TIMEOUT", 0.6)
        dialog.add_button.click()
        fill(dialog, None, base_url=standin.base_url, key=key)
        if fault:
            standin.inject(path="/models", **fault)
        dialog.test_button.click()
        # While the call runs: a busy indicator and a disabled button.
        assert dialog.busy.isVisible() and not dialog.test_button.isEnabled()
        await until(lambda: not dialog.busy.isVisible(), what="test finished")
        assert expect in dialog.result_label.text()
        assert key not in dialog.result_label.text() and key not in dialog.result_label.toolTip()
        assert dialog.result_label.accessibleDescription() == ("ok" if expect.startswith("Connected") else "error")
        if state:
            assert ctx.connection_state == state
            assert window_status(dialog).startswith(("✔", "✖"))

    arun(scenario())


def window_status(dialog) -> str:
    return dialog.parent().connection_label.text()


def test_gui_stays_responsive_while_a_slow_server_is_tested(dialog, arun, standin, monkeypatch):
    """The event loop keeps turning (timers fire) while Test connection waits on the network."""

    async def scenario():
        import asyncio
        import time

        dialog.add_button.click()
        fill(dialog, None, base_url=standin.base_url, key=KEY)
        standin.inject(path="/models", delay=1.0)
        gaps: list[float] = []

        async def heartbeat():
            last = time.monotonic()
            while dialog.busy.isVisible() or not gaps:
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        dialog.test_button.click()
        await heartbeat()
        assert "Connected" in dialog.result_label.text()
        assert len(gaps) > 30 and max(gaps) < 0.25

    arun(scenario())


def test_no_keyring_explains_what_to_install_and_the_app_keeps_working(dialog, ctx, arun, standin):
    async def scenario():
        keyring.set_keyring(fail.Keyring())
        keystore.clear_cache()
        dialog.add_button.click()
        await until(lambda: "No keyring is available" in dialog.key_status.text(), what="key status")
        fill(dialog, None, base_url=standin.base_url, key=KEY)
        dialog.save_button.click()
        await until(lambda: "No keyring is available" in dialog.result_label.text(), what="message")
        assert "gnome-keyring" in dialog.result_label.text()
        assert ctx.settings.connections[0].name == "Work"  # the profile itself was saved
        await until(lambda: ctx.connection_state == "no_keyring", what="status")
        assert "keyring unavailable" in window_status(dialog)
        # A typed key still lets the user test the connection in this session.
        dialog.key_edit.setText(KEY)
        dialog.test_button.click()
        await until(lambda: "Connected" in dialog.result_label.text(), what="test")

    arun(scenario())


def test_delete_asks_first_and_removes_the_key(dialog, ctx, arun, memory_keyring, qtbot):
    async def scenario():
        dialog.add_button.click()
        dialog.key_edit.setText(KEY)
        dialog.save_button.click()
        await until(lambda: memory_keyring.store, what="key stored")
        dialog.confirm_delete()
        box = next(w for w in dialog.findChildren(QMessageBox) if w.isVisible())
        assert "Delete the connection “OpenAI”" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: not memory_keyring.store, what="key deleted")
        assert ctx.settings.connections == []
        assert dialog.empty_label.isVisible()

    arun(scenario())


def test_keyboard_only_mnemonics_reach_every_field(dialog, qtbot, arun):
    async def scenario():
        dialog.add_button.click()
        labels = [dialog.form.labelForField(w).text() for w in (dialog.name_edit, dialog.kind_combo, dialog.key_edit)]
        assert all("&" in t for t in labels)
        qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        assert dialog.key_edit.hasFocus()

    arun(scenario())
