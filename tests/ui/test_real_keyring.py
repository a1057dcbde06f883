"""The key typed in Settings reaches the real OS keyring (a Secret Service started by the test
command) and no file the app wrote contains it."""

from __future__ import annotations

import logging
import os

import keyring
import pytest

from app.logs import setup_logging
from app.secrets import keystore
from tests.ui.conftest import until

KEY = "sk-proj-RealKeyringTest-7Q2w9E4r6T8y0U1i3O5p"

pytestmark = pytest.mark.real_keyring


@pytest.fixture
def secret_service():
    if not os.environ.get("FTS_REAL_KEYRING"):
        pytest.fail(
            "This test needs a running Secret Service. Run the suite with ./dev.sh test, which starts "
            "gnome-keyring in a private D-Bus session (or deselect it with -m 'not real_keyring').",
            pytrace=False,
        )
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    keystore.clear_cache()
    return backend


def test_key_saved_in_settings_lands_in_the_secret_service_and_in_no_file(
    secret_service, window, ctx, arun, app_home, standin
):
    log_file = setup_logging(app_home / "logs")
    assert keystore.backend_name().startswith("SecretService")

    async def scenario():
        window.show_connections()
        dlg = window.connections_dialog
        dlg.add_button.click()
        dlg.name_edit.setText("Real keyring")
        dlg.base_url_edit.setText(standin.base_url)
        dlg.key_edit.setText(KEY)
        dlg.save_button.click()
        await until(lambda: dlg.result_label.text() == "Saved.", what="saved", timeout=15)
        # Use it once, wrongly, so the log and error paths have seen the key too.
        standin.api_key = "sk-something-else-entirely"
        dlg.test_button.click()
        await until(lambda: not dlg.busy.isVisible(), what="test", timeout=15)
        assert "was not accepted" in dlg.result_label.text()
        logging.getLogger("test").error("while testing with %s", KEY)
        dlg.close()

    arun(scenario(), timeout=30)
    profile = ctx.settings.connections[0]
    # Read back through keyring, with a fresh backend object (no app cache involved).
    from keyring.backends import SecretService

    assert SecretService.Keyring().get_password(keystore.SERVICE, profile.id) == KEY
    arun(ctx.shutdown())
    for h in logging.getLogger().handlers:
        h.flush()

    written = [p for p in app_home.rglob("*") if p.is_file()]
    names = {p.name for p in written}
    assert "settings.json" in names and log_file.name in names and any(n.endswith(".ftproj") for n in names)
    assert log_file.stat().st_size > 0
    leaks = [str(p) for p in written if KEY.encode() in p.read_bytes()]
    assert leaks == [], f"the API key was found in {leaks}"
    keystore.delete_key(profile.id)
    assert SecretService.Keyring().get_password(keystore.SERVICE, profile.id) is None
