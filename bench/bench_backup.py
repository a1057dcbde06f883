"""Benchmark of automatic backups (issue 10) on the 100k-example project: how long an online backup
takes, and the longest pause it causes to the project's writer.

    .venv/bin/python bench/bench_backup.py [--n 100000] [--rounds 3]

The project is imported once from ../shared/bench/make_dataset.py data (as bench_datasets.py does)
and kept in bench/data/ (git-ignored). Measured, each while a writer commits a small edit every 5 ms
through the project's DbExecutor (the latency of each edit, queueing included, is the "pause"):
  * scheduled backup: a separate read-only connection, one step (what the app does),
  * the same in steps of 64 and 1024 pages (the alternative the design rejected),
  * pre-operation backup (``backup_before`` inside a writer job, as before a dataset delete),
and, without a writer: the open-time damage check (quick_check) and a restore.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_datasets import DATA, dataset  # noqa: E402


def project_file(n: int) -> Path:
    """The n-example project, imported once."""
    from app.services.importing import ImportRequest, run_import
    from app.services.projects import open_project_sync
    from app.store.project_file import create_project

    path = DATA / f"backup{n}.ftproj"
    if not path.exists():
        tmp = path.with_name(path.name + ".tmp")
        for p in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            p.unlink(missing_ok=True)
        create_project(tmp)
        project = open_project_sync(tmp)
        t = time.perf_counter()
        run_import(project, ImportRequest(dataset(n), model="gpt-4.1-mini-2025-04-14"))
        project._close_sync()
        os.replace(tmp, path)
        print(f"built the project: {n:,} examples in {time.perf_counter() - t:.1f} s")
    return path


class Writer:
    """Commits a small edit every 5 ms through the project's writer thread; records each latency."""

    def __init__(self, project) -> None:  # noqa: ANN001
        self.project = project
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _edit(db, i: int) -> None:  # noqa: ANN001
        db.conn.execute("UPDATE examples SET note = ? WHERE id = ?", (f"bench {i}", 1 + (i * 7919) % 1000))

    def _run(self) -> None:
        i = 0
        while not self._stop.is_set():
            t = time.perf_counter()
            self.project.db.submit_write(self._edit, i).result()
            self.latencies.append(time.perf_counter() - t)
            i += 1
            time.sleep(0.005)

    def __enter__(self) -> Writer:
        self._thread.start()
        time.sleep(0.3)  # warm: the first edits page in the indexes
        self.latencies.clear()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return "no edits"
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        return f"{len(lat)} edits, longest pause {lat[-1] * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"


MAX_STEPS = 2000


def stepped(path: Path, pages: int, dest: Path) -> tuple[float, int, int, bool]:
    """A backup in steps of ``pages`` from a read-only connection: (seconds, steps, steps that made
    no progress because a commit restarted the copy, finished?). Gives up after MAX_STEPS steps."""
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    remaining: list[int] = []

    def progress(_status: int, left: int, _total: int) -> None:
        remaining.append(left)
        if len(remaining) >= MAX_STEPS:
            raise TimeoutError

    t = time.perf_counter()
    try:
        src.backup(dst, pages=pages, progress=progress, sleep=0)
        finished = True
    except TimeoutError:
        finished = False
    took = time.perf_counter() - t
    src.close()
    dst.close()
    dest.unlink()
    restarted = sum(1 for a, b in zip(remaining, remaining[1:], strict=False) if b >= a)
    return took, len(remaining), restarted, finished


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()

    from app.services.projects import open_project_sync
    from app.store import backups
    from app.store.backups import Reason
    from app.store.project_file import check_damage

    source = project_file(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FINETUNE_STUDIO_HOME"] = str(Path(tmp) / "home")
        work = Path(tmp) / "project.ftproj"
        conn = sqlite3.connect(source)  # a copy to write to, so the kept project stays as built
        out = sqlite3.connect(work)
        conn.backup(out)
        conn.close()
        out.close()
        size = work.stat().st_size
        print(f"project: {args.n:,} examples, {size / 1e6:.1f} MB")

        project = open_project_sync(work)
        try:
            times, pauses = [], []
            for _ in range(args.rounds):
                with Writer(project) as w:
                    t = time.perf_counter()
                    info = backups.backup_file(project.path, Reason.SCHEDULED)  # read-only, own connection
                    times.append(time.perf_counter() - t)
                pauses.append(w.summary())
            print(f"scheduled backup (one step, own connection, integrity_check included): "
                  f"median {statistics.median(times):.2f} s, backup {info.size / 1e6:.1f} MB")
            for s in pauses:
                print(f"    writer meanwhile: {s}")

            raw = sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            t = time.perf_counter()
            raw.execute("PRAGMA integrity_check").fetchall()
            print(f"    of which integrity_check of the copy: {time.perf_counter() - t:.2f} s")
            raw.close()

            for pages in (64, 1024):
                runs = []
                for _ in range(args.rounds):
                    with Writer(project) as w:
                        runs.append((*stepped(project.path, pages, Path(tmp) / "stepped.ftproj"), w.summary()))
                gave_up = sum(1 for r in runs if not r[3])
                print(f"stepped backup, {pages} pages a step: {args.rounds - gave_up} of {args.rounds} finished, "
                      f"{gave_up} gave up after {MAX_STEPS} steps (every commit between two steps restarts it)")
                for took, steps, restarted, finished, summary in runs:
                    print(f"    {'finished' if finished else 'GAVE UP'} after {took:.2f} s, {steps} steps, "
                          f"{restarted} without progress; writer meanwhile: {summary}")

            times = []
            with Writer(project) as w:
                for _ in range(args.rounds):
                    t = time.perf_counter()
                    project.db.submit_write(backups.backup_before, Reason.DELETE_DATASET).result()
                    times.append(time.perf_counter() - t)
            print(f"pre-operation backup on the writer thread: median {statistics.median(times):.2f} s "
                  f"(the writer is busy that long; it precedes a delete the user waits for anyway); {w.summary()}")
        finally:
            project._close_sync()

        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            check_damage(work)
            times.append(time.perf_counter() - t)
        print(f"open-time damage check (quick_check, read-only): median {statistics.median(times):.2f} s")

        latest = backups.list_backups(work)[0]
        t = time.perf_counter()
        backups.restore_backup(latest, Path(tmp) / "restored.ftproj")
        print(f"restore as a copy (with integrity_check): {time.perf_counter() - t:.2f} s")
        print(f"backups kept: {len(backups.list_backups(work))} "
              f"({sum(b.size for b in backups.list_backups(work)) / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
