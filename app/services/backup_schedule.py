"""Backups on a schedule while a project is open: every ``interval`` seconds, if the project changed
since the last one.

The scheduler is a thread with its own read-only connection, so neither the GUI nor the project's
writer waits for it: in WAL mode the backup reads a snapshot while writes go on. "Changed" is
``PRAGMA data_version`` on that connection, which moves whenever another connection commits.
Closing the project stops the thread; a backup under way is abandoned (its unfinished copy removed).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from app.store import backups
from app.store.backups import BackupCancelled, BackupInfo, Reason

log = logging.getLogger(__name__)

INTERVAL_S = 600.0  # every 10 minutes


class BackupScheduler:
    """Backs the project at ``path`` up every ``interval`` seconds while it changes."""

    def __init__(self, path: Path, interval: float = INTERVAL_S, *, keep: int = backups.KEEP) -> None:
        self.path = Path(path)
        self.interval = interval
        self.keep = keep
        self.last: BackupInfo | None = None  # the latest backup this scheduler made
        self.made = 0
        self.checks = 0  # checks done (a check without changes makes no backup)
        self.failures = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> BackupScheduler:
        """Start the thread (returns self); the first check comes after one interval."""
        self._thread = threading.Thread(target=self._run, name="backup-scheduler", daemon=True)
        self._thread.start()
        self._ready.wait(5)
        return self

    def check_now(self) -> None:
        """Run the next check now instead of at the end of the interval (tests, "back up now")."""
        self._wake.set()

    def stop(self) -> None:
        """Stop the thread and close its connection (blocking: call off the GUI thread)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _connect(self) -> sqlite3.Connection:
        # The project is open (the writer holds its log), so read through the log — never immutable.
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn

    def _run(self) -> None:
        try:
            conn = self._connect()
            seen = conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            log.warning("scheduled backups are off for %s: %s", self.path.name, exc)
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                self._wake.wait(self.interval)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    version = conn.execute("PRAGMA data_version").fetchone()[0]
                    if version == seen:
                        continue
                    self.last = backups.backup_connection(
                        conn, self.path, Reason.SCHEDULED, keep=self.keep, cancel=self._stop
                    )
                    self.made += 1
                    seen = version
                except BackupCancelled:
                    break
                except Exception as exc:  # noqa: BLE001 - logged; the next interval tries again
                    self.failures += 1
                    log.warning("scheduled backup of %s failed: %s", self.path.name, exc)
                finally:
                    self.checks += 1
        finally:
            conn.close()
