"""The rotating log file, with secrets redacted before anything reaches the disk."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.redact import redact

LOG_FILE_NAME = "finetune-studio.log"


class RedactingFormatter(logging.Formatter):
    """Formats a record (message, arguments and traceback) and then masks secrets in the result."""

    def format(self, record: logging.LogRecord) -> str:  # noqa: D102 - see class docstring
        return redact(super().format(record))


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the app's log to a rotating file in ``log_dir`` (1 MB × 5) and return its path.

    Idempotent: calling it again replaces the handler rather than adding a second one.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_finetune_studio", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._finetune_studio = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # The SDK's HTTP layer logs request lines at DEBUG/INFO; keep it quiet unless asked.
    for noisy in ("httpx2", "httpx", "openai", "httpcore", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
