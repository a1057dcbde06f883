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
