"""The language the app speaks: choosing it and installing Qt's translators for it.

English is the source language (the texts in the code). For another language two catalogues are
installed: Qt's own (``qtbase_pt_BR.qm``: standard buttons, file dialogs, context menus) and ours
(``resources/translations/finetune_studio_pt_BR.qm``, built from the ``.ts`` by
``tools/build_translations.py``). Ours is installed last, so it wins where both know a text.

The setting ``settings.language`` is ``""`` (follow the system), ``"en"`` or ``"pt_BR"``. The chosen
locale also becomes ``QLocale``'s default, so numbers and dates (``ui.locale_format``) and widgets
created afterwards follow it.

Texts outside QObject methods go through a :class:`TranslationContext` bound to a module-level name
equal to its context (``Graders = TranslationContext("Graders")`` … ``Graders.tr("…")``), and lists
built at import time mark their texts with ``QT_TRANSLATE_NOOP("Context", "…")``: those are the forms
``pyside6-lupdate`` reads with the right context (it files a bare ``tr("…")`` under no context, and
skips ``_tr("…")`` wrappers entirely).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# The languages offered in Preferences, each named in its own language (a user who cannot read the
# current one still finds theirs).
LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
CATALOGUE = "finetune_studio"  # resources/translations/finetune_studio_<lang>.qm
QT_CATALOGUES = ("qtbase",)  # Qt's own texts the widgets the app uses show

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


class TranslationContext:
    """Translates texts of module-level code (functions, tables) in one named context.

    Bind it to a module-level name *equal to* the context and call ``.tr`` on that name:
    ``Graders = TranslationContext("Graders")`` then ``Graders.tr("Text comparison")``.
    ``pyside6-lupdate`` takes the identifier before ``.tr`` as the context, so the catalogue and
    the lookup at run time agree (``tests/ui/test_translations.py`` checks that they do).
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """``text`` in the current language (``n``: the count for texts with ``%n`` plural forms)."""
        return QCoreApplication.translate(self.name, text, disambiguation, n)


def translations_dir() -> Path:
    """``resources/translations``: the ``.ts`` sources and the ``.qm`` files built from them."""
    return resources_dir() / "translations"


def supported(language: str) -> bool:
    """True for a language the app ships (``LANGUAGES``)."""
    return language in LANGUAGES


def system_language(system: QLocale | None = None) -> str:
    """The shipped language closest to the system's UI languages (in order of preference): any
    Portuguese gives Brazilian Portuguese, the only Portuguese we ship; nothing shipped gives English."""
    locale = system if system is not None else QLocale.system()
    for tag in [*locale.uiLanguages(), locale.name()]:
        code = tag.replace("-", "_")
        if code.startswith("pt"):
            return "pt_BR"
        if code.startswith("en"):
            return "en"
    return SOURCE_LANGUAGE


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to speak: the setting when it names a shipped language, else the system's."""
    return setting if supported(setting) else system_language(system)


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale for number and date formats: the system's own when it speaks ``language`` (an
    English user in Britain keeps day/month dates), else the language's usual one (pt_BR: Brazil)."""
    sys_locale = system if system is not None else QLocale.system()
    wanted = QLocale(language)
    if system is None and _c_numbers():
        return wanted  # LANGUAGE=pt_BR over LANG=C: Qt names the system locale pt_BR but gives it C's numbers
    if sys_locale.language() == wanted.language() and (
        "_" not in language or sys_locale.territory() == wanted.territory()
    ):
        return sys_locale
    return wanted


def _c_numbers() -> bool:
    """True when the environment asks for the C/POSIX locale's number formats (Unix), which nobody
    chooses on purpose: the language's usual formats are better then."""
    if sys.platform == "win32":
        return False
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.split(".")[0] in ("C", "POSIX")
    return False


def _qt_translations_dirs() -> list[Path]:
    # Ours first: the build copies qtbase_<lang>.qm there, so a bundle needs nothing else.
    return [translations_dir(), Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]


def _load(app: QCoreApplication, name: str, dirs: list[Path]) -> QTranslator | None:
    for folder in dirs:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            return translator
        translator.deleteLater()
    return None


def install(setting: str = "", app: QCoreApplication | None = None, system: QLocale | None = None) -> str:
    """Switch the app to the language ``setting`` asks for (``""``: the system's); returns it.

    Removes the translators installed before, installs Qt's and ours for the new language and makes
    its locale the default. Widgets already built keep their texts: rebuild them (the main window
    does, see ``MainWindow.switch_language``). A missing catalogue is logged, never fatal: the app
    then shows English texts.
    """
    global _language
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install translations after the QApplication exists")
    language = resolve_language(setting, system)
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    if language == SOURCE_LANGUAGE:
        # English texts are shown as written, except the plural forms of "%n" texts.
        plurals = _load(app, f"{CATALOGUE}_{language}", [translations_dir()])
        if plurals is None:
            log.warning("no %s_en.qm in %s: counts read \"1 example(s)\"", CATALOGUE, translations_dir())
        else:
            app.installTranslator(plurals)
            _installed.append(plurals)
    else:
        for catalogue in QT_CATALOGUES:
            qt = _load(app, f"{catalogue}_{language}", _qt_translations_dirs())
            if qt is None:
                log.warning("Qt's %s_%s.qm not found; standard buttons stay in English", catalogue, language)
            else:
                app.installTranslator(qt)
                _installed.append(qt)
        ours = _load(app, f"{CATALOGUE}_{language}", [translations_dir()])
        if ours is None:
            log.warning("no %s_%s.qm in %s (run tools/build_translations.py); the app stays in English",
                        CATALOGUE, language, translations_dir())
        else:
            app.installTranslator(ours)
            _installed.append(ours)
    QLocale.setDefault(locale_for(language, system))
    _language = language
    _follow_in_core(language)
    log.info("language: %s (setting %r)", language, setting)
    return language


def _follow_in_core(language: str) -> None:
    """The Qt-free core translates its own texts (CLI messages, and core messages the UI shows) with
    gettext (``app.i18n``): make it speak the same language as the window."""
    try:
        from app import i18n as core_i18n
    except ImportError:  # a core without its catalogue: its texts stay English
        return
    try:
        core_i18n.setup(language)
        from app.runtime import processes

        processes.set_language(core_i18n.current_language())
    except Exception:  # noqa: BLE001 - a broken core catalogue must not keep the window from opening
        log.warning("the core's catalogue for %s could not be loaded", language, exc_info=True)


def current_language() -> str:
    """The language installed last (``"en"`` before any ``install``)."""
    return _language


def installed_translators() -> list[QTranslator]:
    """The translators :func:`install` put in place (for tests and diagnostics)."""
    return list(_installed)
