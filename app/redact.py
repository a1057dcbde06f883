"""Keep secrets out of logs, error details and anything else a user might copy or send.

Two nets: every key the app has read or written this session is registered and replaced
verbatim, and anything shaped like a provider key is masked even if it was never registered.
"""

from __future__ import annotations

import re
import threading

_lock = threading.Lock()
_known: set[str] = set()

# OpenAI-style keys (sk-..., sk-proj-..., sess-...) and bearer tokens in headers.
_PATTERNS = [
    re.compile(r"\b(sk|sess|rk)-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(authorization:\s*bearer\s+)[^\s'\"]+"),
    re.compile(r"(?i)(api-key['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"),
]
MASK = "[redacted]"


def register_secret(secret: str | None) -> None:
    """Remember a secret so later text containing it is redacted. Short strings are ignored
    because masking them would garble ordinary text."""
    if secret and len(secret) >= 8:
        with _lock:
            _known.add(secret)


def redact(text: str) -> str:
    """Return ``text`` with every known secret and every key-shaped token masked."""
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _PATTERNS[0].sub(MASK, text)
    text = _PATTERNS[1].sub(lambda m: m.group(1) + MASK, text)
    text = _PATTERNS[2].sub(lambda m: m.group(1) + MASK, text)
    return text


def mask_key(key: str) -> str:
    """A form of a key that is safe to show: its last four characters only."""
    if not key:
        return ""
    return "•" * 8 + key[-4:] if len(key) > 8 else "•" * len(key)
