"""The frozen app's entry script (PyInstaller runs this as ``__main__``).

A separate file rather than ``ui/main.py`` itself: PyInstaller puts the entry script's folder on
the module path, and ``ui/`` holds modules (``resources``, ``tasks``…) that must never be importable
as top-level names. ``ui.main.main`` calls ``multiprocessing.freeze_support()`` before anything else,
so spawned worker processes (the same executable) run their task instead of opening the app.
"""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
