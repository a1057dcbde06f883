"""Import a big file into a project with the app's own importer; report each step, then wait to be killed.

    python import_child.py PROJECT SOURCE

Lines printed: ``ready``; ``progress DONE TOTAL`` for each chunk handed to the writer thread;
``committed DATASET_ID EXAMPLES`` once ``run_import`` has returned (the transaction is committed).
The process then idles (the WAL checkpoint the importer queues runs meanwhile) until it is killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def say(line: str) -> None:
    print(line, flush=True)


def main(project_path: str, source: str) -> None:
    from app.services.importing import ImportRequest, run_import
    from app.services.projects import open_project_sync

    project = open_project_sync(Path(project_path))
    say("ready")
    result = run_import(
        project,
        ImportRequest(Path(source), name="Big import"),
        progress=lambda done, total: say(f"progress {done} {total}"),
    )
    say(f"committed {result.dataset_id} {result.report.examples}")
    time.sleep(120)  # never exits on its own within a test: the parent kills it
    say("not killed")


if __name__ == "__main__":  # the import's worker processes are spawned: they re-import this module
    main(sys.argv[1], sys.argv[2])
