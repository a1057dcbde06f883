"""Organising a dataset's examples without changing their content: tags, notes, the training/validation
split, and duplicates. Each edit has its exact inverse.

Like ``dataset_edits``, every write is a plain ``fn(db, …)`` for the project's writer thread that
commits all of its statements at once or none, marks the dataset changed, and returns what undoing
needs. Inverses: ``set_tags`` ↔ ``restore_tags``, ``set_split``/``split_dataset`` ↔ ``restore_splits``,
``set_note`` ↔ ``set_note`` (previous), ``remove_duplicates`` ↔ ``dataset_edits.restore_examples``.
"""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

import sqlite_utils

from app.i18n import _
from app.services.dataset_edits import delete_examples, touch_datasets
from app.store import examples_repo as repo
from app.store.backups import Reason, backup_before
from app.store.examples_repo import StoredExample
from app.store.tx import transaction

Split = Literal["train", "validation"]
SPLITS = ("train", "validation")


# --- tags, notes, splits ------------------------------------------------------------------------


def normalise_tags(tags: str | Iterable[str]) -> list[str]:
    """Tags as stored: commas split tags, spaces trimmed and collapsed, empties and repeats dropped."""
    out: list[str] = []
    for tag in [tags] if isinstance(tags, str) else tags:
        for part in tag.split(","):
            word = " ".join(part.split())
            if word and word not in out:
                out.append(word)
    return out


def tags_text(tags: str | Iterable[str]) -> str:
    """The stored form of tags: normalised, joined by commas without spaces."""
    return ",".join(normalise_tags(tags))


def _set_column(db: sqlite_utils.Database, column: str, values: dict[int, str]) -> None:
    """Write one text column of several examples, one transaction (``column`` is trusted)."""
    if not values:
        return
    conn = db.conn
    with transaction(conn):
        touched = repo.datasets_of(conn, values)
        conn.executemany(f"UPDATE examples SET {column} = ? WHERE id = ?", [(v, i) for i, v in values.items()])
        touch_datasets(db, touched)


def set_tags(
    db: sqlite_utils.Database, ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()
) -> dict[int, str]:
    """Add and remove tags on examples (removals first; new tags go last, alphabetically); returns
    the previous tags text of each example that changed (for ``restore_tags``)."""
    added, removed = sorted(normalise_tags(add), key=str.casefold), set(normalise_tags(remove))
    previous: dict[int, str] = {}
    new: dict[int, str] = {}
    for example_id, old in repo.column_values(db.conn, "tags", ids).items():
        tags = [t for t in normalise_tags(str(old)) if t not in removed]
        tags += [t for t in added if t not in tags]
        text = ",".join(tags)
        if text != old:
            previous[example_id], new[example_id] = str(old), text
    _set_column(db, "tags", new)
    return previous


def restore_tags(db: sqlite_utils.Database, previous: dict[int, str]) -> None:
    """Put back tags texts exactly as they were."""
    _set_column(db, "tags", previous)


def set_note(db: sqlite_utils.Database, example_id: int, note: str) -> str:
    """Set an example's note; returns the previous one (undo: ``set_note(db, id, previous)``)."""
    old = repo.column_values(db.conn, "note", [example_id])
    if not old:
        raise LookupError(_("there is no example {id}").format(id=example_id))
    if old[example_id] != note:
        _set_column(db, "note", {example_id: note})
    return str(old[example_id])


def set_split(db: sqlite_utils.Database, ids: Iterable[int], split: Split) -> dict[int, str]:
    """Put examples in the training or validation split; returns the previous split of each
    example that changed (for ``restore_splits``)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    previous = {i: str(s) for i, s in repo.column_values(db.conn, "split", ids).items() if s != split}
    _set_column(db, "split", dict.fromkeys(previous, split))
    return previous


def restore_splits(db: sqlite_utils.Database, previous: dict[int, str]) -> None:
    """Put back splits exactly as they were."""
    _set_column(db, "split", previous)


@dataclasses.dataclass(frozen=True)
class SplitResult:
    """Sizes of a new split, and the previous split of each example that moved (for undo)."""

    train: int
    validation: int
    previous: dict[int, str]


def split_sizes(total: int, validation_fraction: float) -> tuple[int, int]:
    """(train, validation) sizes ``split_dataset`` will produce, to show before applying it."""
    if not 0.0 <= validation_fraction <= 1.0:
        raise ValueError(_("the validation share must be between 0 and 1"))
    validation = min(total, int(total * validation_fraction + 0.5))
    return total - validation, validation


def split_dataset(db: sqlite_utils.Database, dataset_id: int, validation_fraction: float, seed: int) -> SplitResult:
    """Split a whole dataset at random: the same seed on the same examples gives the same split."""
    rows = db.conn.execute(
        "SELECT id, split FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,)
    ).fetchall()
    train, validation = split_sizes(len(rows), validation_fraction)
    chosen = set(random.Random(seed).sample([i for i, _split in rows], validation))
    new = {i: "validation" if i in chosen else "train" for i, _split in rows}
    previous = {i: s for i, s in rows if new[i] != s}
    _set_column(db, "split", {i: new[i] for i in previous})
    return SplitResult(train, validation, previous)


# --- duplicates ---------------------------------------------------------------------------------


def find_duplicates(db: sqlite_utils.Database, dataset_id: int, *, normalised: bool = False) -> list[list[int]]:
    """Groups of examples with the same content, from the stored hashes (no JSON parsed).

    ``normalised`` also groups copies that differ only in letter case and spacing. Each group is in
    dataset order, its first id being the one to keep; groups come in the order of their first.
    """
    column = "norm_hash" if normalised else "exact_hash"
    groups: dict[int, list[int]] = defaultdict(list)
    for example_id, digest in db.conn.execute(
        f"SELECT id, {column} FROM examples WHERE dataset_id = ? ORDER BY position", (dataset_id,)
    ):
        groups[digest].append(example_id)
    return [g for g in groups.values() if len(g) > 1]


def remove_duplicates(db: sqlite_utils.Database, dataset_id: int, *, normalised: bool = False) -> list[StoredExample]:
    """Delete all but the first of each group of ``find_duplicates``; undo with ``restore_examples``.

    The project is backed up first when there is anything to remove; no backup, no removal.
    """
    extra = [i for group in find_duplicates(db, dataset_id, normalised=normalised) for i in group[1:]]
    if extra:
        backup_before(db, Reason.REMOVE_DUPLICATES)
    return delete_examples(db, extra, backup=False)
