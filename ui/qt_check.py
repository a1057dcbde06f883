"""The self-test's Qt check: a window can be created (offscreen when there is no display)."""

from __future__ import annotations

import os
import sys

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
    return CheckResult("Qt window", ok, f"created a window (platform {platform})" if ok else "window did not show")


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
        return CheckResult("Qt resources", False, f"Qt cannot read {', '.join(missing)} images (plugin missing)")
    if icon("app").pixmap(32, 32).isNull():
        return CheckResult("Qt resources", False, f"the app icon does not load from {resources_dir()}")
    return CheckResult("Qt resources", True, f"icons load; image formats {', '.join(NEEDED_IMAGE_FORMATS)}")
