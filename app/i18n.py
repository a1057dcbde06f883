"""Messages of the core and the command line in the user's language (gettext), and argparse's.

The catalogue is ``resources/locale/<lang>/LC_MESSAGES/finetune_studio.po`` (the source, committed),
compiled into a ``.mo`` beside it by ``python -m app.i18n_msgfmt``; when the ``.mo`` is missing or
older than the ``.po`` (a fresh checkout), the ``.po`` is compiled in memory instead.

Which language (:func:`detect_language`), first match wins:

1. ``LANGUAGE`` (GNU's list for messages, e.g. ``pt_BR:en``): its first language we ship;
2. the language chosen in the app (``settings.language``; "" means "follow the system");
3. the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (``C``/``POSIX`` mean English);
4. the system's language (Windows has no such variables), else English.

argparse translates its own words ("usage:", "options", its errors) through the module-level
``gettext`` functions it imported; :func:`setup` points those at our catalogue, so one catalogue
serves both. Call :func:`setup` before building any parser: argparse translates some texts (the
``-h`` help, group titles) while the parser is made.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN = "finetune_studio"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "pt_BR")  # what we ship; English is the source language (no catalogue)
_ENV_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def _(message: str) -> str:
    """``message`` in the CLI's language (English when untranslated)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the CLI's language."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a module-level text for translation without translating it yet (translate it with ``_``
    where it is used, after :func:`setup`)."""
    return message


def current_language() -> str:
    """The language :func:`setup` chose (``"en"`` or ``"pt_BR"``)."""
    return _language


def normalize_language(tag: str | None) -> str | None:
    """One of :data:`LANGUAGES` for a locale or language tag (``pt_BR.UTF-8``, ``pt-BR``, ``pt``,
    ``en_US``), None for a language we do not ship or for the ``C``/``POSIX`` locale. Portuguese of
    any country gets Brazilian Portuguese (the only Portuguese we write)."""
    if not tag:
        return None
    t = tag.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if t in ("", "c", "posix"):
        return None
    base = t.split("_")[0]
    if base == "pt":
        return "pt_BR"
    if base == "en":
        return "en"
    return None


def _settings_language() -> str:
    """``language`` from the app's settings file, read without side effects ("" when unknown)."""
    try:
        from app.paths import app_dirs

        raw = json.loads(app_dirs().settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, ImportError):
        return ""
    value = raw.get("language", "") if isinstance(raw, dict) else ""
    return value if isinstance(value, str) else ""


def _system_language() -> str | None:
    """The desktop's UI language where no environment variable says it (Windows)."""
    if sys.platform == "win32":
        with contextlib.suppress(Exception):
            import ctypes
            import locale

            lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return normalize_language(locale.windows_locale.get(lcid))
    return None  # Linux and macOS terminals set LANG


def detect_language(environ: Mapping[str, str] | None = None, settings_language: str | None = None) -> str:
    """The CLI's language (see the module docstring for the order). ``settings_language`` None reads
    the app's settings file; pass "" to ignore it."""
    env = os.environ if environ is None else environ
    for item in env.get("LANGUAGE", "").split(":"):
        found = normalize_language(item)
        if found:
            return found
    chosen = _settings_language() if settings_language is None else settings_language
    found = normalize_language(chosen)
    if found:
        return found
    for name in _ENV_LOCALE:
        value = env.get(name, "")
        if value:
            return normalize_language(value) or DEFAULT_LANGUAGE
    return _system_language() or DEFAULT_LANGUAGE


def locale_dir() -> Path:
    """``resources/locale`` beside the packages in a checkout, in the bundle when frozen."""
    from app.i18n_msgfmt import locale_root

    return locale_root()


@functools.cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` (English and unknown languages: the messages as written). A
    missing or unreadable catalogue falls back to English and is logged, never raised."""
    if normalize_language(language) in (None, DEFAULT_LANGUAGE):
        return gettext.NullTranslations()
    folder = locale_dir() / normalize_language(language) / "LC_MESSAGES"  # type: ignore[operator]
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    try:
        # A bundle's file times say nothing (copies); in a checkout, a .po edited after the build wins.
        frozen = getattr(sys, "frozen", False)
        if mo.exists() and (frozen or not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as f:
                return gettext.GNUTranslations(f)
        if po.exists():
            from app.i18n_msgfmt import make_mo, parse_po

            return gettext.GNUTranslations(io.BytesIO(make_mo(parse_po(po.read_text(encoding="utf-8")))))
    except (OSError, ValueError) as exc:
        log.warning("CLI catalogue for %s unreadable (%s); using English", language, exc)
        return gettext.NullTranslations()
    log.warning("no CLI catalogue for %s in %s; using English", language, folder)
    return gettext.NullTranslations()


def _bind_argparse(t: gettext.NullTranslations) -> None:
    """Make argparse translate its own texts with ``t`` (it looks up the module globals ``_`` and
    ``ngettext`` at each call)."""
    import argparse

    argparse._ = t.gettext  # type: ignore[attr-defined]
    argparse.ngettext = t.ngettext  # type: ignore[attr-defined]


def setup(language: str | None = None) -> str:
    """Choose the CLI's language (``language``, else :func:`detect_language`), load its catalogue for
    our messages and argparse's; returns the language. Safe to call again (e.g. in tests)."""
    global _translation, _language
    lang = normalize_language(language) if language else detect_language()
    _language = lang or DEFAULT_LANGUAGE
    _translation = translation(_language)
    _bind_argparse(_translation)
    return _language


def number(value: float, decimals: int = 0) -> str:
    """``value`` with the language's separators: ``12,345.6`` in English, ``12.345,6`` in Portuguese."""
    text = f"{value:,.{decimals}f}"
    if _language == "pt_BR":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
