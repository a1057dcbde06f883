"""Importing comparisons for the annotator from a file: what the expert will judge, read from
preference pairs, prompts with several answers, or a table of prompts and answers, and added to a
queue once (importing the same file again adds nothing).

Formats, detected by extension and content (``readers.detect_format``):

* **JSONL** (or one JSON list), one comparison per line: a DPO example, a preference pair
  ``{"prompt", "chosen", "rejected"}``, or a prompt with a list of 2+ answers; read by
  ``annotation_import_json`` (its docstring has the shapes).
* **CSV / TSV**: a prompt column and either several answer columns (one row per prompt) or one
  answer column (one row per answer, rows with the same prompt make one comparison); read by
  ``annotation_import_table``.

Both build their comparisons with the checks of ``annotation_import_checks``. Every line that
cannot become a comparison gets a :class:`Finding` naming the line and the problem in plain words,
and the rest of the file is kept. The file's encoding is handled like the dataset import (UTF-8
with or without BOM, UTF-16 with BOM; other encodings are reported line by line with a hint to
save the file as UTF-8).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from app.formats.model import Finding, Severity
from app.formats.readers import detect_format
from app.i18n import _
from app.runtime.processes import process_pool
from app.services.annotation_import_checks import Item
from app.services.annotation_import_json import read_json
from app.services.annotation_import_table import read_table
from app.store import annotation_repo
from app.store.tx import transaction


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: the queue, how many comparisons it added, how many lines of the file
    could not be used (each explained in ``findings``), and how many comparisons were already in
    the queue from an earlier import of the same data (not added again)."""

    queue_id: int
    added: int
    skipped_lines: int
    findings: list[Finding]
    already_there: int = 0


class NothingToImport(ValueError):
    """No comparison could be read from the file; ``findings`` says why, line by line."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


# --- reading ------------------------------------------------------------------------------------


def read_comparisons(path: Path) -> tuple[list[Item], list[Finding]]:
    """Read a file of comparisons: ``([(context messages, candidates)], findings)``.

    Never raises on content (only ``OSError`` when the file cannot be opened); see the module
    docstring for the formats. Findings are in line order.
    """
    path = Path(path)
    fmt = detect_format(path)
    if fmt in ("csv", "tsv"):
        items, findings = read_table(path, "\t" if fmt == "tsv" else None)
    else:
        items, findings = read_json(path)
    return items, sorted(findings, key=lambda f: f.line or 0)


def skipped_lines(findings: list[Finding]) -> int:
    """How many lines of the file could not be used (lines with an error finding)."""
    return len({f.line for f in findings if f.severity is Severity.ERROR and f.line})


# --- storing, each comparison once --------------------------------------------------------------


def _key(context: Any, candidates: list[tuple[Any, str]]) -> bytes:
    """What makes two comparisons the same (the context and the set of answers), as a digest.

    Each part is serialised once and hashed: serialising the whole again cost another call that
    holds the GIL ~50 ms for a 50 MB answer (on the writer thread, in the app's process), while
    hashlib lets go of the GIL on big inputs."""
    def digest(value: Any) -> bytes:
        return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).digest()

    return digest(context) + b"".join(sorted(digest(c) for c in candidates))


def _present(db: sqlite_utils.Database, queue_id: int) -> Counter[bytes]:
    """The comparisons already in a queue, as keys of their content (context and answers)."""
    found: dict[int, tuple[Any, list[tuple[Any, str]]]] = {}
    rows = db.conn.execute(
        "SELECT c.id, c.context, k.content, k.model FROM comparisons c JOIN candidates k ON k.comparison_id = c.id"
        " WHERE c.queue_id = ? ORDER BY c.id, k.slot",
        (queue_id,),
    )
    for cid, context, content, model in rows:
        ctx = orjson.loads(context).get("messages") if context else None
        found.setdefault(cid, (ctx, []))[1].append((orjson.loads(content), model or ""))
    return Counter(_key(ctx, cands) for ctx, cands in found.values())


def store_comparisons(
    db: sqlite_utils.Database, queue_name: str, items: list[Item], source: str
) -> tuple[int, int, int]:
    """Add comparisons to the queue ``queue_name`` (created when new) in one transaction; returns
    (queue id, added, already there). A comparison the queue already holds (same conversation and
    answers) is not added again, so importing a file twice adds nothing the second time."""
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    with transaction(db.conn):
        queue_id = annotation_repo.queue_by_name(db, name)
        if queue_id is None:
            queue_id = annotation_repo.create_queue(db, name)
        present = _present(db, queue_id)
        added = already = 0
        for context, candidates in items:
            key = _key(context, [(c.content, c.model) for c in candidates])
            if present[key] > 0:
                present[key] -= 1
                already += 1
                continue
            annotation_repo.add_comparison(db, queue_id, context, candidates, source)
            added += 1
    return queue_id, added, already


# A file this big is parsed in a worker process: this runs on the project's writer thread, inside
# the app's process, and parsing one 50 MB line is a single call that holds the GIL ~0.2 s (measured:
# the window froze 205 ms). Smaller files are quicker to read here than to send to a worker.
READ_IN_WORKER_BYTES = 8 << 20


def import_comparisons(db: sqlite_utils.Database, queue_name: str, path: Path) -> ImportSummary:
    """Read ``path`` and add its comparisons to the queue ``queue_name`` (created when new), all
    in one transaction (for the writer thread). Lines that cannot be used are reported in the
    summary's findings. Raises :class:`NothingToImport` when not a single comparison could be read
    (no queue is created then), ``ValueError`` for a blank queue name, ``OSError`` when the file
    cannot be opened."""
    path = Path(path)
    if not queue_name.strip():
        raise ValueError(_("Give the annotation queue a name."))
    if path.stat().st_size < READ_IN_WORKER_BYTES:
        items, findings = read_comparisons(path)
    else:
        items, findings = process_pool().submit(read_comparisons, path).result()
    if not items:
        first = findings[0].message if findings else _("The file is empty.")
        message = _("No comparison could be read from “{name}”. {problem}").format(name=path.name, problem=first)
        raise NothingToImport(message, findings)
    queue_id, added, already = store_comparisons(db, queue_name, items, f"import:{path.name}")
    return ImportSummary(queue_id, added, skipped_lines(findings), findings, already)


__all__ = [
    "ImportSummary", "NothingToImport", "import_comparisons", "read_comparisons", "skipped_lines", "store_comparisons",
]
