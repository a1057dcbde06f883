"""The project schema, versioned with ``PRAGMA user_version``.

Each migration moves the schema one version up and runs inside one transaction, so a failed
migration leaves the file as it was. Later features append migrations; never edit a shipped one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the current transaction (``executescript`` would
    commit first, breaking the all-or-nothing migration)."""
    for stmt in script.split(";"):
        body = "\n".join(line for line in stmt.splitlines() if not line.strip().startswith("--")).strip()
        if body:
            conn.execute(body)


def _v2(conn: sqlite3.Connection) -> None:
    # Datasets and their examples. Each example keeps its OpenAI JSON as text plus derived columns
    # (turns, tokens, status, preview…) so lists paint without parsing JSON. The full-text index
    # is contentless (the text already lives in examples.data) and keeps no positions (searches are
    # "all these words", never phrases): indexing 100k examples took 1.7 s instead of 3.5 s.
    # Deleting from it needs the original text, which formats.text.search_text() recomputes.
    _run_script(
        conn,
        """
        CREATE TABLE datasets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('sft', 'dpo', 'rft')),
            source TEXT NOT NULL DEFAULT '',
            model TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE examples (
            id INTEGER PRIMARY KEY,
            dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source_line INTEGER,
            data TEXT NOT NULL,
            turns INTEGER NOT NULL,
            tokens INTEGER NOT NULL,
            assistant_tokens INTEGER NOT NULL,
            estimated INTEGER NOT NULL DEFAULT 0,
            images INTEGER NOT NULL DEFAULT 0,
            has_system INTEGER NOT NULL DEFAULT 0,
            has_user INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('ok', 'warning', 'error')),
            findings TEXT NOT NULL DEFAULT '',
            preview TEXT NOT NULL DEFAULT '',
            exact_hash INTEGER NOT NULL,
            norm_hash INTEGER NOT NULL,
            split TEXT NOT NULL DEFAULT 'train' CHECK (split IN ('train', 'validation')),
            tags TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX examples_by_position ON examples (dataset_id, position);
        CREATE VIRTUAL TABLE examples_fts USING fts5 (
            text, content='', columnsize=0, detail=none, tokenize='unicode61 remove_diacritics 2'
        );
        """,
    )


def _v3(conn: sqlite3.Connection) -> None:
    # The examples table sorts by tokens, turns and status with keyset paging (store/example_pages):
    # one index per order, ties by position, so every page is an index range (~1 ms at any depth
    # of 100k examples instead of sorting the whole dataset). Status sorts by severity; its rank
    # expression must stay identical to example_pages.STATUS_RANK_SQL for SQLite to use the index.
    # Cost: building them on 100k examples takes ~0.5 s, and shifting positions updates 3 more indexes.
    _run_script(
        conn,
        """
        CREATE INDEX examples_by_tokens ON examples (dataset_id, tokens, position);
        CREATE INDEX examples_by_turns ON examples (dataset_id, turns, position);
        CREATE INDEX examples_by_status ON examples (
            dataset_id, (CASE status WHEN 'error' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END), position
        );
        """,
    )


def _v4(conn: sqlite3.Connection) -> None:
    # The Validation panel lists the few examples that have findings without reading them all.
    _run_script(conn, "CREATE INDEX examples_with_findings ON examples (dataset_id, position) WHERE findings != ''")


def _v5(conn: sqlite3.Connection) -> None:
    # Training jobs. dataset_versions freezes the exact JSONL bytes that were uploaded, so a job
    # always shows which data trained its model even after the dataset is edited or deleted (hence
    # ON DELETE SET NULL, not CASCADE); identical content is stored once (content-addressed by sha256).
    # job_requests is written BEFORE the provider is asked to create a job, so a crash between the
    # request and its answer can be recovered (look the job up by its metadata.app_request_id).
    # jobs caches the provider's job objects: the Jobs view paints from it offline at start-up.
    _run_script(
        conn,
        """
        CREATE TABLE dataset_versions (
            id INTEGER PRIMARY KEY,
            dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
            dataset_name TEXT,
            kind TEXT,
            sha256 TEXT NOT NULL UNIQUE,
            examples INTEGER,
            bytes INTEGER,
            content BLOB NOT NULL,
            created_at TEXT
        );
        CREATE INDEX dataset_versions_by_dataset ON dataset_versions (dataset_id);
        CREATE TABLE job_requests (
            client_request_id TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            training_version_id INTEGER REFERENCES dataset_versions(id),
            validation_version_id INTEGER REFERENCES dataset_versions(id),
            created_at TEXT NOT NULL,
            job_id TEXT NULL
        );
        CREATE INDEX job_requests_pending ON job_requests (created_at) WHERE job_id IS NULL;
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL,
            client_request_id TEXT UNIQUE,
            method TEXT,
            base_model TEXT,
            status TEXT,
            fine_tuned_model TEXT,
            created_at INTEGER,
            finished_at INTEGER,
            trained_tokens INTEGER,
            estimated_finish INTEGER,
            error_code TEXT,
            error_message TEXT,
            error_param TEXT,
            training_version_id INTEGER REFERENCES dataset_versions(id),
            validation_version_id INTEGER REFERENCES dataset_versions(id),
            raw TEXT,
            updated_at TEXT
        );
        CREATE INDEX jobs_by_profile ON jobs (profile_id, created_at);
        CREATE INDEX jobs_by_created ON jobs (created_at);
        CREATE INDEX jobs_by_status ON jobs (status);
        CREATE TABLE job_events (
            job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            created_at INTEGER,
            level TEXT,
            type TEXT,
            message TEXT,
            data TEXT,
            PRIMARY KEY (job_id, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX job_events_by_time ON job_events (job_id, created_at);
        CREATE TABLE job_checkpoints (
            job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            checkpoint_id TEXT NOT NULL,
            step INTEGER,
            model TEXT,
            metrics TEXT,
            created_at INTEGER,
            PRIMARY KEY (job_id, checkpoint_id)
        ) WITHOUT ROWID;
        """,
    )


def _v6(conn: sqlite3.Connection) -> None:
    # Playground sessions, batch runs, the annotation queues both of them feed (issue 7 builds its
    # judging on these tables), and named RFT graders (their JSON as the API takes it). A session
    # keeps its whole state as one JSON document: small, read whole and written whole on each change.
    # Batch results and comparisons keep no foreign key to examples, so editing or deleting data never
    # loses a result or a judgement. ``uid`` columns are random ids that stay the same in every copy of
    # the project file, so judgements from a colleague's copy merge without duplicates. AUTOINCREMENT
    # where a view keeps an id open: a deleted session's id is never handed to a new one.
    _run_script(
        conn,
        """
        CREATE TABLE playground_sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX playground_sessions_by_updated ON playground_sessions (updated_at);
        CREATE TABLE annotation_queues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            seed INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE comparisons (
            id INTEGER PRIMARY KEY,
            queue_id INTEGER NOT NULL REFERENCES annotation_queues(id) ON DELETE CASCADE,
            uid TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL,
            context TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX comparisons_by_queue ON comparisons (queue_id, position);
        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY,
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
            slot INTEGER NOT NULL,
            content TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            profile_id TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '',
            UNIQUE (comparison_id, slot)
        );
        CREATE TABLE judgements (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            comparison_id INTEGER NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('win', 'tie', 'both_bad', 'skip')),
            left_slot INTEGER NOT NULL,
            right_slot INTEGER NOT NULL,
            winner_slot INTEGER,
            rewrite TEXT,
            rationale TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (comparison_id, annotator)
        );
        CREATE INDEX judgements_by_annotator ON judgements (annotator, created_at);
        CREATE TABLE graders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            grader TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE batch_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
            dataset_name TEXT NOT NULL DEFAULT '',
            split TEXT,
            targets TEXT NOT NULL,
            concurrency INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'running', 'stopped', 'done')),
            total INTEGER NOT NULL DEFAULT 0,
            queue_id INTEGER REFERENCES annotation_queues(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE batch_results (
            run_id INTEGER NOT NULL REFERENCES batch_runs(id) ON DELETE CASCADE,
            example_id INTEGER NOT NULL,
            target INTEGER NOT NULL,
            prompt TEXT NOT NULL,
            output TEXT,
            error TEXT,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            first_token_ms INTEGER,
            total_ms INTEGER,
            cost_usd REAL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (run_id, example_id, target)
        ) WITHOUT ROWID;
        """,
    )


def _v7(conn: sqlite3.Connection) -> None:
    # Example ids are never given out twice. The undo history names examples by id: if an id freed
    # by an undone add went to an example made meanwhile elsewhere (an import, the Playground), a
    # redo aimed at the old example would change the new one. The highest id ever given out is kept
    # here; ``examples_repo.claim_ids`` reads and raises it (once per batch: a trigger per row cost
    # 0.5 s per 100,000 imported examples, measured).
    _run_script(
        conn,
        """
        CREATE TABLE example_id_high (high INTEGER NOT NULL);
        INSERT INTO example_id_high (high) SELECT COALESCE(MAX(id), 0) FROM examples;
        """,
    )


MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; returns the version it started from."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(start, SCHEMA_VERSION):
        # Explicit BEGIN so DDL and the version bump commit together (sqlite3's implicit
        # transactions do not cover DDL).
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
    return start
