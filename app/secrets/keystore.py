"""The one place that touches the OS keyring.

Keys are stored one entry per connection profile (service "Finetune Studio", user = profile id)
and nowhere else. Every call may block (D-Bus, Keychain prompts), so the UI runs these functions
on a worker thread. Keys read once are cached for the session so the keyring is not asked again.
"""

from __future__ import annotations

import logging
import sys
import threading

import keyring
import keyring.errors
from keyring.backends import fail

from app.i18n import _
from app.redact import register_secret

log = logging.getLogger(__name__)
SERVICE = "Finetune Studio"

_cache: dict[str, str | None] = {}
_cache_lock = threading.Lock()


class KeyringUnavailableError(Exception):
    """No usable keyring: the key cannot be stored safely. ``str(exc)`` is for the user."""


def _install_hint() -> str:
    if sys.platform.startswith("linux"):
        return _(
            "Install and start a Secret Service keyring, such as GNOME Keyring "
            "(package gnome-keyring) or KDE Wallet, then restart Finetune Studio."
        )
    if sys.platform == "darwin":
        return _("Make sure the macOS Keychain is unlocked, then try again.")
    return _("Make sure Windows Credential Manager is available, then try again.")


def unavailable_message() -> str:
    """What to tell the user when no keyring works."""
    return _(
        "No keyring is available, so the API key cannot be stored safely and was not saved. {hint} "
        "Everything except provider calls keeps working offline."
    ).format(hint=_install_hint())


def backend_name() -> str:
    """A readable name of the keyring backend in use, e.g. "SecretService Keyring"."""
    kr = keyring.get_keyring()
    name = getattr(kr, "name", "") or type(kr).__name__
    return str(name)


def is_available() -> bool:
    """True when a real keyring backend (not the 'fail' stand-in) is active."""
    kr = keyring.get_keyring()
    if isinstance(kr, fail.Keyring):
        return False
    # The chainer wraps several; it is usable only if it wraps at least one backend.
    backends = getattr(kr, "backends", None)
    return backends is None or len(backends) > 0


def _wrap(exc: Exception) -> KeyringUnavailableError:
    log.warning("keyring error: %s", type(exc).__name__)
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringUnavailableError(
            _("The keyring is locked. Unlock it (you may be asked for your password) and try again.")
        )
    return KeyringUnavailableError(unavailable_message())


def set_key(profile_id: str, key: str) -> None:
    """Store the API key of a profile in the keyring (blocking)."""
    if not is_available():
        raise KeyringUnavailableError(unavailable_message())
    register_secret(key)
    try:
        keyring.set_password(SERVICE, profile_id, key)
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _wrap(exc) from None
    with _cache_lock:
        _cache[profile_id] = key


def get_key(profile_id: str) -> str | None:
    """The API key of a profile, or None when none is stored (blocking, cached)."""
    with _cache_lock:
        if profile_id in _cache:
            return _cache[profile_id]
    if not is_available():
        raise KeyringUnavailableError(unavailable_message())
    try:
        key = keyring.get_password(SERVICE, profile_id)
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _wrap(exc) from None
    register_secret(key)
    with _cache_lock:
        _cache[profile_id] = key
    return key


def delete_key(profile_id: str) -> None:
    """Remove a profile's key from the keyring; no error if there was none (blocking)."""
    with _cache_lock:
        _cache.pop(profile_id, None)
    if not is_available():
        return
    try:
        keyring.delete_password(SERVICE, profile_id)
    except keyring.errors.PasswordDeleteError:
        pass
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        raise _wrap(exc) from None


def clear_cache() -> None:
    """Forget cached keys (tests; switching keyring backends)."""
    with _cache_lock:
        _cache.clear()
