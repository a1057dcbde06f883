"""Fixtures for the dataset core: a real project file and small real data files."""

from __future__ import annotations

import json


def sft(i: int, *, system: str = "You are a careful clerk.", answer: str | None = None) -> dict:
    return {
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": f"Question number {i} about the lease"},
            {"role": "assistant", "content": answer or f"Answer number {i}: the tenant pays."},
        ]
    }


def write_jsonl(path, objs, extra_lines: dict[int, str] | None = None) -> None:
    """Write objects one per line; ``extra_lines`` puts raw text at given 1-based line numbers."""
    lines = [json.dumps(o, ensure_ascii=False) for o in objs]
    for number, text in sorted((extra_lines or {}).items()):
        lines.insert(number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(project, fn, *args):
    return project.db.submit_read(fn, *args).result()


def dump(project) -> dict:
    """Every row of every table, the search index's own tables included ("exactly as it was")."""

    def run(db):
        tables = [
            r[0]
            for r in db.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        # example_id_high is the highest id ever given out: it must not go back down on an undo.
        return {t: db.conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables if t != "example_id_high"}

    return project.db.submit_write(run).result()
