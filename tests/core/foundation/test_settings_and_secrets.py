"""Settings persist without secrets; keys go to the keyring only; logs never carry a key."""

from __future__ import annotations

import json
import logging

import keyring
import pytest
from keyring.backends import fail

from app.logs import setup_logging
from app.models.connection import ConnectionProfile, ProviderKind
from app.redact import mask_key, redact, register_secret
from app.secrets import keystore
from app.settings import Settings, load_settings, save_settings

KEY = "sk-proj-Abc123DEF456ghi789JKL012mno345"


def test_settings_round_trip_and_recent_list_order(tmp_path):
    s = Settings()
    s.upsert_connection(ConnectionProfile(name="Work Azure", kind=ProviderKind.AZURE, azure_endpoint="https://x"))
    for name in ["a", "b", "a"]:
        s.note_opened(tmp_path / f"{name}.ftproj")
    path = tmp_path / "settings.json"
    save_settings(path, s)
    again = load_settings(path)
    assert [p.rsplit("/", 1)[-1] for p in again.recent_projects] == ["a.ftproj", "b.ftproj"]
    assert again.connections[0].name == "Work Azure" and again.connections[0].kind is ProviderKind.AZURE
    assert again.active_connection == again.connections[0].id


def test_damaged_settings_give_defaults_and_are_kept_aside(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_settings(path).recent_projects == []
    assert (tmp_path / "settings.damaged.json").read_text() == "{not json"


def test_profile_problems_are_plain_sentences():
    assert ConnectionProfile(name="").problems() == ["Give the connection a name."]
    azure = ConnectionProfile(name="Az", kind=ProviderKind.AZURE, azure_endpoint="", api_version="")
    assert any("Azure endpoint" in p for p in azure.problems())
    assert any("API version" in p for p in azure.problems())
    assert ConnectionProfile(name="Local", kind=ProviderKind.COMPATIBLE, base_url="localhost").problems() == [
        "The base URL must start with http:// or https://."
    ]
    assert ConnectionProfile(name="ok").problems() == []


def test_key_goes_to_the_keyring_and_never_into_settings(tmp_path, memory_keyring):
    s = Settings()
    profile = ConnectionProfile(name="OpenAI")
    s.upsert_connection(profile)
    keystore.set_key(profile.id, KEY)
    save_settings(tmp_path / "settings.json", s)
    assert memory_keyring.store[(keystore.SERVICE, profile.id)] == KEY
    assert KEY not in (tmp_path / "settings.json").read_text()
    keystore.clear_cache()
    assert keystore.get_key(profile.id) == KEY
    keystore.delete_key(profile.id)
    assert keystore.get_key(profile.id) is None
    keystore.delete_key(profile.id)  # deleting twice is fine


def test_no_keyring_gives_a_message_that_says_what_to_install():
    keyring.set_keyring(fail.Keyring())
    keystore.clear_cache()
    assert not keystore.is_available()
    with pytest.raises(keystore.KeyringUnavailableError) as info:
        keystore.set_key("p1", KEY)
    msg = str(info.value)
    assert "gnome-keyring" in msg and "offline" in msg
    with pytest.raises(keystore.KeyringUnavailableError):
        keystore.get_key("p1")


def test_redaction_masks_known_and_key_shaped_secrets():
    register_secret("az-7f3c9d2e1b4a5c6d7e8f9a0b1c2d3e4f")
    text = redact(f"key={KEY} azure az-7f3c9d2e1b4a5c6d7e8f9a0b1c2d3e4f Authorization: Bearer tok_abcdef")
    assert KEY not in text and "az-7f3c9d2e" not in text and "tok_abcdef" not in text
    assert mask_key(KEY).endswith("o345") and KEY[:-4] not in mask_key(KEY)


def test_log_file_never_contains_a_key(tmp_path):
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("test.secrets")
    log.error("request failed with key %s", KEY)
    try:
        raise ValueError(f"bad key {KEY}")
    except ValueError:
        log.exception("with traceback")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text()
    assert "request failed with key [redacted]" in text
    assert KEY not in text


def test_settings_json_has_no_field_that_could_hold_a_key(tmp_path):
    s = Settings()
    s.upsert_connection(ConnectionProfile(name="x"))
    save_settings(tmp_path / "s.json", s)
    data = json.loads((tmp_path / "s.json").read_text())
    assert not any("key" in k.lower() for c in data["connections"] for k in c)


def test_the_annotator_name_is_remembered_and_defaults_to_the_login_name(tmp_path):
    import getpass

    from app.settings import Settings, load_settings, save_settings

    path = tmp_path / "settings.json"
    s = Settings()
    assert s.annotator_name == getpass.getuser()
    s.annotator = "  Dr. Ana Souza "
    save_settings(path, s)
    assert load_settings(path).annotator_name == "Dr. Ana Souza"
