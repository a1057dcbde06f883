"""The self-test's Qt check: a window can be created (offscreen when there is no display)."""

from __future__ import annotations

import os
import sys

from app.i18n import _
from app.selftest import CheckResult


def check_qt_window() -> CheckResult:
    """Create, show and close a widget; reports the platform plugin used."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["finetune-studio-self-test"])
    w = QLabel("self-test")
    w.show()
    app.processEvents()
    ok = w.isVisible()
    w.close()
    platform = QApplication.platformName()
    detail = _("created a window (platform {platform})").format(platform=platform) if ok else _(
        "window did not show")
    return CheckResult(_("Qt window"), ok, detail)


# Image formats the example editor shows (the API accepts JPEG, PNG, WEBP; PNG is built into Qt) and
# SVG for every icon: each comes from a plugin, which a trimmed bundle could drop.
NEEDED_IMAGE_FORMATS = ("jpeg", "png", "webp", "svg")


def check_qt_resources() -> CheckResult:
    """The bundled icons load and Qt can read the image formats the app shows."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from ui.resources import icon, resources_dir

    QApplication.instance() or QApplication(["finetune-studio-self-test"])  # icons need one
    have = {bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in NEEDED_IMAGE_FORMATS if f not in have]
    if missing:
        return CheckResult(_("Qt resources"), False, _("Qt cannot read {formats} images (plugin missing)").format(
            formats=", ".join(missing)))
    if icon("app").pixmap(32, 32).isNull():
        return CheckResult(_("Qt resources"), False, _("the app icon does not load from {folder}").format(
            folder=resources_dir()))
    return CheckResult(_("Qt resources"), True, _("icons load; image formats {formats}").format(
        formats=", ".join(NEEDED_IMAGE_FORMATS)))
