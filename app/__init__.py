"""Finetune Studio core: everything except the Qt user interface.

Nothing in this package may import Qt, qasync or the `ui` package (checked by import-linter).
"""

__version__ = "0.1.0"
