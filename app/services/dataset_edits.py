"""Editing datasets: adding, deleting, copying, moving examples and changing their content, each
with its exact inverse. Tags, notes, splits and duplicates are in ``dataset_organise``.

Every write is a plain ``fn(db, …)`` for the project's writer thread (``await project.db.write(fn,
…)``). It commits all of its statements at once or none (``store.tx.transaction``), keeps the
search index in step, marks the dataset changed, and returns what the caller needs to refresh and
to undo. Inverses: ``add_example``/``duplicate_examples`` ↔ ``delete_examples`` (whose result
``restore_examples`` puts back with the same ids and positions), ``set_example_data``/
``set_system_prompt``/``restore_data`` ↔ ``restore_data``, ``move_example`` ↔ ``move_example``
(previous position); ``dataset_admin.rename_dataset`` is its own inverse too.

Changed content is re-checked alone, so its turns, tokens, status, findings, preview and hashes
stay right. ``model=None`` means "the model the dataset was imported for" (token counts depend on
it). Positions in a dataset are always ``0 … n-1`` (see ``store.examples_repo``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Literal

import orjson
import sqlite_utils

from app.formats import pipeline
from app.formats.jsonl import parse_line
from app.formats.model import Kind, Record
from app.formats.pipeline import DATA, SEARCH, ExampleRow, check_records
from app.i18n import _
from app.runtime.processes import process_pool
from app.store import datasets_repo
from app.store import examples_repo as repo
from app.store.backups import BULK_DELETE_MIN, Reason, backup_before
from app.store.examples_repo import StoredExample
from app.store.tx import transaction

# Below this many examples, checking here is quicker than shipping them to worker processes.
POOL_MIN = 3000
POOL_CHUNK = 1000


class EditConflict(Exception):
    """An undo or redo no longer fits the project (its examples were changed some other way)."""


# --- checking -----------------------------------------------------------------------------------


def _kind_model(db: sqlite_utils.Database, dataset_id: int, model: str | None) -> tuple[Kind, str | None]:
    kind = repo.dataset_kind(db.conn, dataset_id)
    return kind, model if model is not None else repo.dataset_model(db.conn, dataset_id)


def _check(obj: dict[str, Any], kind: Kind, line: int | None, model: str | None) -> ExampleRow:
    """Check new content (stored as compact JSON)."""
    return _check_objects([(line, obj)], kind, model)[0]


def _check_objects(items: list[tuple[int | None, Any]], kind: Kind, model: str | None) -> list[ExampleRow]:
    """Check new contents ``(line, object)``, in order (top-level: also runs in worker processes)."""
    if not all(isinstance(obj, dict) for _line, obj in items):
        raise ValueError(_("an example must be a JSON object"))
    return check_records([Record(line or 0, obj) for line, obj in items], kind, model).examples


def _check_texts(items: list[tuple[int | None, str]], kind: Kind, model: str | None) -> list[ExampleRow]:
    """Check stored JSON texts ``(line, text)`` exactly as an import did (same text → same hashes and
    findings), so putting old content back restores every derived column as it was."""
    out = []
    for line, text in items:
        raw = text.encode("utf-8")
        record = parse_line(raw, line or 0)
        if record.data is None:
            raise ValueError(_("the stored example is not a JSON object"))
        # pipeline._row is the import's own per-example step; reusing it keeps undo byte-exact.
        out.append(pipeline._row(record.data, kind, model, record.line, raw, record.findings, True))
    return out


def _check_many(
    check: Callable[[list, Kind, str | None], list[ExampleRow]], items: list, kind: Kind, model: str | None
) -> list[ExampleRow]:
    """``check(items, kind, model)``, spread over the worker processes when there are many.

    Measured: checking 100k examples in this thread takes ~20 s (token counting mostly).
    """
    if len(items) < POOL_MIN:
        return check(items, kind, model)
    pool = process_pool()
    futures = [pool.submit(check, items[i : i + POOL_CHUNK], kind, model) for i in range(0, len(items), POOL_CHUNK)]
    try:
        return [row for f in futures for row in f.result()]
    finally:
        for f in futures:
            f.cancel()


def touch_datasets(db: sqlite_utils.Database, dataset_ids: Iterable[int]) -> None:
    """Mark datasets changed (their ``updated_at``), each once."""
    for dataset_id in sorted(set(dataset_ids)):
        datasets_repo.touch_dataset(db, dataset_id)


def _replace_rows(db: sqlite_utils.Database, changes: list[tuple[int, int, ExampleRow, str]]) -> None:
    """Store re-checked rows ``(id, dataset_id, row, old search text)`` in one transaction."""
    with transaction(db.conn):
        repo.replace_contents(db.conn, [(i, row, old) for i, _ds, row, old in changes])
        touch_datasets(db, (c[1] for c in changes))


def _content(db: sqlite_utils.Database, ids: Iterable[int]) -> list[tuple[int, int, int | None, str]]:
    """``(id, dataset_id, source_line, data)`` of examples (unknown ids are skipped)."""
    out = []
    for part in repo.chunks(list(dict.fromkeys(ids))):
        out.extend(
            db.conn.execute(
                f"SELECT id, dataset_id, source_line, data FROM examples WHERE id IN ({repo.marks(len(part))}) "
                "ORDER BY dataset_id, position",
                part,
            )
        )
    return out


# --- adding, deleting, copying, moving ----------------------------------------------------------


def new_example_template(kind: Kind | str) -> dict[str, Any]:
    """An empty example of ``kind`` to start editing from (its empty texts are flagged until filled)."""
    kind = Kind(kind)
    if kind is Kind.DPO:
        return {
            "input": {"messages": [{"role": "system", "content": ""}, {"role": "user", "content": ""}]},
            "preferred_output": [{"role": "assistant", "content": ""}],
            "non_preferred_output": [{"role": "assistant", "content": ""}],
        }
    if kind is Kind.RFT:  # the prompt ends where the model answers; graders read extra fields
        return {"messages": [{"role": "developer", "content": ""}, {"role": "user", "content": ""}]}
    return {
        "messages": [
            {"role": "system", "content": ""},
            {"role": "user", "content": ""},
            {"role": "assistant", "content": ""},
        ]
    }


def add_example(
    db: sqlite_utils.Database,
    dataset_id: int,
    data: dict[str, Any],
    *,
    position: int | None = None,
    model: str | None = None,
) -> int:
    """Insert a new example at ``position`` (later ones move down) or at the end; returns its id.

    New examples have no source line. Undo: ``delete_examples(db, [id])``.
    """
    kind, model = _kind_model(db, dataset_id, model)
    row = _check(data, kind, None, model)
    conn = db.conn
    with transaction(conn):
        n = repo.count(conn, dataset_id)
        at = n if position is None else max(0, min(position, n))
        repo.open_gaps(conn, dataset_id, [at])
        new_id = repo.claim_ids(conn, 1)
        conn.execute(
            f"INSERT INTO examples (id, {datasets_repo.EXAMPLE_COLUMNS}) VALUES (?, {repo.marks(16)})",
            (new_id, dataset_id, at, None, *row[DATA:SEARCH]),
        )
        repo.index(conn, [(new_id, row[SEARCH])])
        datasets_repo.touch_dataset(db, dataset_id)
    return new_id


def delete_examples(db: sqlite_utils.Database, ids: Iterable[int], *, backup: bool = True) -> list[StoredExample]:
    """Delete examples (later ones move up); returns them whole for ``restore_examples``.

    Deleting ``backups.BULK_DELETE_MIN`` or more at once backs the project up first (unless the
    caller already did: ``backup=False``); no backup, no delete.
    """
    conn = db.conn
    stored = repo.fetch(conn, ids)
    if not stored:
        return []
    if backup and len(stored) >= BULK_DELETE_MIN:
        backup_before(db, Reason.DELETE_EXAMPLES)
    kinds = {d: repo.dataset_kind(conn, d) for d in {s.dataset_id for s in stored}}
    texts = [(s.id, repo.text_of(s.data, kinds[s.dataset_id])) for s in stored]
    with transaction(conn):
        repo.unindex(conn, texts)
        repo.delete_rows(conn, [s.id for s in stored])
        for dataset_id in kinds:
            repo.close_gaps(conn, dataset_id, [s.position for s in stored if s.dataset_id == dataset_id])
        touch_datasets(db, kinds)
    return stored


def restore_examples(db: sqlite_utils.Database, stored: list[StoredExample]) -> None:
    """Put deleted examples back exactly: same ids, same positions, the others moving down again.

    Raises ``EditConflict`` (changing nothing) when an id has been reused meanwhile.
    """
    if not stored:
        return
    conn = db.conn
    stored = sorted(stored, key=lambda s: (s.dataset_id, s.position))
    kinds = {d: repo.dataset_kind(conn, d) for d in {s.dataset_id for s in stored}}
    texts = [(s.id, repo.text_of(s.data, kinds[s.dataset_id])) for s in stored]
    with transaction(conn):
        if repo.taken_ids(conn, [s.id for s in stored]):
            raise EditConflict(_("these examples cannot be put back: their place was taken meanwhile"))
        for dataset_id in kinds:
            repo.open_gaps(conn, dataset_id, [s.position for s in stored if s.dataset_id == dataset_id])
        repo.insert_rows(conn, stored)
        repo.index(conn, texts)
        for dataset_id in kinds:
            repo.compact(conn, dataset_id)
        touch_datasets(db, kinds)


def duplicate_examples(db: sqlite_utils.Database, ids: Iterable[int]) -> list[int]:
    """Copy examples, each copy right after its original (tags, note and split too).

    Returns the copies' ids in dataset order. Undo: ``delete_examples(db, copies)``.
    """
    conn = db.conn
    originals = repo.fetch(conn, ids)
    if not originals:
        return []
    kinds = {d: repo.dataset_kind(conn, d) for d in {s.dataset_id for s in originals}}
    with transaction(conn):
        first = repo.claim_ids(conn, len(originals))
        copies: list[StoredExample] = []
        for dataset_id in kinds:
            mine = [s for s in originals if s.dataset_id == dataset_id]
            # Copy i lands after its original, which itself moved down by the i copies before it.
            finals = [s.position + i + 1 for i, s in enumerate(mine)]
            repo.open_gaps(conn, dataset_id, finals)
            copies += [
                dataclasses.replace(s, id=first + len(copies) + i, position=p)
                for i, (s, p) in enumerate(zip(mine, finals, strict=True))
            ]
        repo.insert_rows(conn, copies)
        repo.index(conn, [(c.id, repo.text_of(c.data, kinds[c.dataset_id])) for c in copies])
        touch_datasets(db, kinds)
    return [c.id for c in copies]


def move_example(db: sqlite_utils.Database, example_id: int, new_position: int) -> int:
    """Move an example to ``new_position`` (clamped), shifting those in between; returns where it
    was (undo: ``move_example(db, id, previous)``)."""
    conn = db.conn
    found = conn.execute("SELECT dataset_id, position FROM examples WHERE id = ?", (example_id,)).fetchone()
    if found is None:
        raise LookupError(_("there is no example {id}").format(id=example_id))
    dataset_id, old = found
    with transaction(conn):
        new = max(0, min(new_position, repo.count(conn, dataset_id) - 1))
        if new != old:
            repo.move(conn, example_id, dataset_id, old, new)
            datasets_repo.touch_dataset(db, dataset_id)
    return old


# --- content ------------------------------------------------------------------------------------


def set_example_data(
    db: sqlite_utils.Database, example_id: int, data: dict[str, Any], *, model: str | None = None
) -> str:
    """Replace one example's content (re-checked); returns its previous JSON text for ``restore_data``."""
    found = _content(db, [example_id])
    if not found:
        raise LookupError(_("there is no example {id}").format(id=example_id))
    _id, dataset_id, line, old = found[0]
    kind, model = _kind_model(db, dataset_id, model)
    row = _check(data, kind, line, model)
    _replace_rows(db, [(example_id, dataset_id, row, repo.text_of(old, kind))])
    return old


def restore_data(db: sqlite_utils.Database, previous: dict[int, str], *, model: str | None = None) -> None:
    """Put back examples' previous JSON texts exactly (re-checked as an import checks them)."""
    found = _content(db, previous)
    if len(found) != len(previous):
        raise EditConflict(_("some of these examples no longer exist"))
    if not found:
        return
    changes = []
    for dataset_id, rows in _by_dataset(found).items():
        kind, ds_model = _kind_model(db, dataset_id, model)
        checked = _check_many(_check_texts, [(line, previous[i]) for i, _ds, line, _old in rows], kind, ds_model)
        changes += [
            (i, dataset_id, row, repo.text_of(old, kind)) for (i, _d, _l, old), row in zip(rows, checked, strict=True)
        ]
    _replace_rows(db, changes)


def _by_dataset(found: list[tuple[int, int, int | None, str]]) -> dict[int, list[tuple[int, int, int | None, str]]]:
    groups: dict[int, list] = defaultdict(list)
    for item in found:
        groups[item[1]].append(item)
    return groups


def _with_system(obj: dict[str, Any], kind: Kind, text: str | None, mode: str) -> bool:
    """Change the leading system (RFT: developer) message of ``obj`` in place; True if changed."""
    holder = obj.get("input") if kind is Kind.DPO else obj
    messages = holder.get("messages") if isinstance(holder, dict) else None
    if not isinstance(messages, list):
        return False  # a broken example: leave it for the user to fix by hand
    head = messages[0] if messages and isinstance(messages[0], dict) else None
    first = head if head is not None and head.get("role") in ("system", "developer") else None
    if mode == "remove":
        if first is None:
            return False
        del messages[0]
        return True
    # RFT has no "system" role (it is an error there); SFT/DPO keep whichever of the two they had.
    role = "developer" if kind is Kind.RFT else (first["role"] if first is not None else "system")
    if first is None:
        if mode == "replace":
            return False
        messages.insert(0, {"role": role, "content": text})
        return True
    if first.get("content") == text and first["role"] == role:
        return False
    first["role"], first["content"] = role, text
    return True


def set_system_prompt(
    db: sqlite_utils.Database,
    ids: Iterable[int],
    text: str | None,
    *,
    mode: Literal["set", "replace", "remove"] = "set",
    model: str | None = None,
) -> dict[int, str]:
    """Set, replace or remove the system message (RFT: ``developer``; DPO: in ``input.messages``).

    ``set``: every example gets ``text`` as its first message (added where there was none);
    ``replace``: only examples that already have one get ``text``; ``remove``: it is deleted.
    Only the first message counts as the system message. Returns the previous JSON text of each
    example that changed (for ``restore_data``).
    """
    if mode not in ("set", "replace", "remove"):
        raise ValueError(f"unknown mode {mode!r}")
    if mode != "remove" and text is None:
        raise ValueError(_("a system message needs a text"))
    previous: dict[int, str] = {}
    changes = []
    for dataset_id, rows in _by_dataset(_content(db, ids)).items():
        kind, ds_model = _kind_model(db, dataset_id, model)
        edited = []
        for example_id, _ds, line, old in rows:
            obj = orjson.loads(old)
            if _with_system(obj, kind, text, mode):
                edited.append((example_id, line, obj, old))
        checked = _check_many(_check_objects, [(line, obj) for _id, line, obj, _old in edited], kind, ds_model)
        for (example_id, _line, _obj, old), row in zip(edited, checked, strict=True):
            previous[example_id] = old
            changes.append((example_id, dataset_id, row, repo.text_of(old, kind)))
    if changes:
        _replace_rows(db, changes)
    return previous
