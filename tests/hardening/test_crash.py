"""Nothing lost when the app is killed: SIGKILL (no clean-up, no checkpoint, the project left open)
in the middle of an import, of a burst of edits in the Datasets view, and of an annotation session.

Each case runs real app code in a child process (``crash_scripts/``; offscreen Qt where the UI is
involved) that reports every step once it is committed. The parent kills it at a random moment,
reopens the project and checks: SQLite's integrity check and the search index's own check pass;
every committed step is there (the step in flight at the kill: whole or not at all); an import is
either complete (all N examples, in order, searchable) or absent (no dataset row, no orphan
example, no search entry) — never partial.

The moments are random; the seed is printed and can be replayed with ``FTS_CRASH_SEED=<seed>``.
The annotation session extends ``tests/ui/test_annotate_crash.py`` (killed right after its last
key) with kills in the middle of a session that also takes judgements back.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.formats.model import Kind, Record
from app.formats.pipeline import check_records
from app.formats.writers import write_openai_jsonl
from app.services.projects import open_project_sync
from app.store import datasets_repo
from app.store.project_file import create_project
from app.store.tx import transaction

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
    pytest.mark.slow,
]

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "crash_scripts"
SEED = int(os.environ.get("FTS_CRASH_SEED") or time.time_ns() % 1_000_000)
N_IMPORT = 20_000
PARALLEL = 3  # children at once: the import's worker processes share the machine too


# --- running and killing a child -------------------------------------------------------------------------


class Child:
    """A child process whose stdout lines are collected (with arrival times) by a thread."""

    def __init__(self, script: str, args: list[str], home: Path, log: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FINETUNE_STUDIO_HOME": str(home),
               "PYTHONPATH": str(ROOT)}
        self.log = log
        self._err = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed in kill()
        # Its own process group: the import's worker processes go down with it at the end.
        self.proc = subprocess.Popen(
            [sys.executable, str(SCRIPTS / script), *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=self._err, text=True, start_new_session=True,
        )
        self.lines: list[str] = []
        self.eof = False
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self.eof = True
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 60.0) -> None:
        """Block until ``predicate(lines)`` holds; fail if the child dies or stalls first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.lines):
                if self.eof:
                    raise AssertionError(f"child ended early:\n{self.output()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"child stalled:\n{self.output()}")
                self._changed.wait(min(left, 0.2))

    def kill(self) -> None:
        """SIGKILL the app process (as a crash would), then whatever it left in its group."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group this test created for it
        self._err.close()
        assert self.proc.returncode == -signal.SIGKILL, f"child was not killed:\n{self.output()}"

    def output(self) -> str:
        return "\n".join(self.lines[-30:]) + "\n--- stderr ---\n" + self.log.read_text(encoding="utf-8")[-3000:]

    def events(self) -> list[dict[str, Any]]:
        out = [json.loads(line) for line in self.lines if line.startswith("{")]
        errors = [e["error"] for e in out if "error" in e]
        assert not errors, f"the child reported a problem: {errors}\n{self.output()}"
        return out


def run_parallel(fn: Callable[[Any], Any], cases: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(fn, cases))


def reopen(path: Path, fn: Callable[[Any], Any]) -> Any:
    """Open the killed project as the app would after the crash and run ``fn(db)`` on its writer."""
    project = open_project_sync(path)
    try:
        return project.db.submit_write(fn).result()
    finally:
        project._close_sync()


def integrity(db: Any) -> tuple[str, list[Any]]:
    """SQLite's integrity check, foreign keys, and the search index's own structure check."""
    result = db.conn.execute("PRAGMA integrity_check").fetchone()[0]
    fk = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    db.conn.execute("INSERT INTO examples_fts(examples_fts) VALUES ('integrity-check')")  # raises if damaged
    return result, fk


def store(db: Any, name: str, objects: list[dict]) -> int:
    """A dataset stored as the importer stores one (checked rows, search index)."""
    with transaction(db.conn):
        ds = datasets_repo.create_dataset(db, name, Kind.SFT)
        chunk = check_records([Record(i + 1, o) for i, o in enumerate(objects)], Kind.SFT, None)
        chunk.fill_texts()
        datasets_repo.insert_examples(db, ds, 0, chunk.examples)
    return ds


def make_project(path: Path, fill: Callable[[Any], Any]) -> Any:
    create_project(path)
    project = open_project_sync(path)
    try:
        return project.db.submit_write(fill).result()
    finally:
        project._close_sync()  # the last connection checkpoints: the project is one file to copy


def copy_project(base: Path, path: Path) -> Path:
    assert not Path(f"{base}-wal").exists()
    shutil.copyfile(base, path)
    return path


# --- (a) an import killed at a random moment ------------------------------------------------------------


def giraffe(i: int) -> dict:
    """A baseline example: none of its words occurs in the imported file."""
    return {"messages": [{"role": "user", "content": f"Giraffe question {i}"},
                         {"role": "assistant", "content": f"Giraffe answer {i} about savanna"}]}


def imported(i: int) -> dict:
    """Example ``i`` of the big file (every one has the word "lease")."""
    turns = [{"role": "system", "content": "You are a careful clerk of a property firm."}]
    for t in range(1 + i % 3):
        turns.append({"role": "user", "content": f"Question {i}.{t}: who pays for repair {i % 97} under the lease?"})
        turns.append({"role": "assistant", "content": f"Answer {i}.{t}: under clause {i % 31} the tenant pays "
                                                      "small repairs and the landlord the structure."})
    return {"messages": turns}


@pytest.fixture(scope="module")
def import_setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash-import")
    source = root / "big.jsonl"
    write_openai_jsonl(source, (imported(i) for i in range(N_IMPORT)))
    base = root / "base.ftproj"
    baseline = make_project(base, lambda db: store(db, "Baseline", [giraffe(i) for i in range(50)]))
    return root, source, base, baseline


@dataclass
class ImportCase:
    name: str
    trigger: str  # progress / read / committed / time
    at: float = 0.0  # progress fraction, or seconds after "ready"
    jitter: float = 0.0  # seconds, drawn from the seed
    outcome: str = ""
    seen: list[str] = field(default_factory=list)


def _progress(lines: list[str]) -> float:
    done = [ln.split() for ln in lines if ln.startswith("progress ")]
    return int(done[-1][1]) / int(done[-1][2]) if done else -1.0


def run_import_case(case: ImportCase, setup: tuple) -> ImportCase:
    root, source, base, baseline = setup
    path = copy_project(base, root / f"{case.name}.ftproj")
    child = Child("import_child.py", [str(path), str(source)], root / f"{case.name}-home", root / f"{case.name}.err")
    try:
        child.wait_for(lambda ls: "ready" in ls)
        if case.trigger == "progress":
            child.wait_for(lambda ls: _progress(ls) >= case.at)
        elif case.trigger == "read":  # every chunk handed to the writer: COMMIT is imminent or under way
            child.wait_for(lambda ls: _progress(ls) >= 1.0)
        elif case.trigger == "committed":  # after COMMIT, maybe during the WAL checkpoint queued after it
            child.wait_for(lambda ls: any(ln.startswith("committed") for ln in ls))
        time.sleep(case.at + case.jitter if case.trigger == "time" else case.jitter)
    finally:
        child.kill()
    case.seen = list(child.lines)
    committed = any(ln.startswith("committed") for ln in child.lines)
    first, last = source.read_text(encoding="utf-8").splitlines()[:: N_IMPORT - 1]

    def check(db: Any) -> dict:
        result, fk = integrity(db)
        rows = db.conn.execute("SELECT id, name FROM datasets ORDER BY id").fetchall()
        orphans = db.conn.execute(
            "SELECT COUNT(*) FROM examples WHERE dataset_id NOT IN (SELECT id FROM datasets)").fetchone()[0]
        lease = {r[0] for r in db.conn.execute("SELECT rowid FROM examples_fts WHERE examples_fts MATCH 'lease'")}
        savanna = {r[0] for r in db.conn.execute("SELECT rowid FROM examples_fts WHERE examples_fts MATCH 'savanna'")}
        out = {"integrity": result, "fk": fk, "datasets": rows, "orphans": orphans, "lease": lease,
               "savanna": savanna, "baseline": datasets_repo.example_ids(db, baseline),
               "baseline_data": list(datasets_repo.iter_example_data(db, baseline))}
        big = [r[0] for r in rows if r[1] == "Big import"]
        if big:
            ids = datasets_repo.example_ids(db, big[0])
            positions = [r[0] for r in db.conn.execute(
                "SELECT position FROM examples WHERE dataset_id = ? ORDER BY position", (big[0],))]
            data = list(datasets_repo.iter_example_data(db, big[0]))
            out.update(ids=set(ids), positions=positions == list(range(N_IMPORT)), count=len(ids),
                       ends=(data[0], data[-1]) if data else None, found=datasets_repo.search(db, big[0], "repair"))
        # The reopened project takes new work at once.
        datasets_repo.create_dataset(db, "After the crash", Kind.SFT)
        return out

    got = reopen(path, check)
    where = f"case {case.name} (seed {SEED}), child said: {child.lines[-3:]}"
    assert got["integrity"] == "ok" and got["fk"] == [], where
    assert got["orphans"] == 0, where
    assert len(got["baseline"]) == 50 and got["savanna"] == set(got["baseline"]), where
    assert got["baseline_data"] == [json.dumps(giraffe(i), separators=(",", ":")) for i in range(50)], where
    names = [name for _id, name in got["datasets"]]
    if "Big import" in names:
        case.outcome = "complete"
        assert names.count("Big import") == 1, where
        assert got["count"] == N_IMPORT and got["positions"], where
        assert got["ends"] == (first, last), where
        assert got["lease"] == got["ids"] and len(got["found"]) == 200, where
    else:
        case.outcome = "absent"
        assert not committed, f"committed import lost: {where}"
        assert got["lease"] == set(), where  # no search entry left behind either
    return case


def test_import_killed_at_random_moments_is_complete_or_absent(import_setup):
    rng = random.Random(SEED)
    cases = [
        ImportCase("first-chunk", "progress", 0.0, rng.uniform(0, 0.05)),
        ImportCase("mid-import", "progress", rng.uniform(0.25, 0.85), rng.uniform(0, 0.05)),
        ImportCase("at-commit", "read", 0.0, rng.uniform(0, 0.6)),
        ImportCase("after-commit", "committed", 0.0, rng.uniform(0, 0.03)),
        ImportCase("random-time", "time", rng.uniform(0.5, 6.0), 0.0),
    ]
    done = run_parallel(lambda c: run_import_case(c, import_setup), cases)
    summary = ", ".join(f"{c.name}: {c.outcome}" for c in done)
    print(f"\nimport kills (seed {SEED}): {summary}")
    assert {c.outcome for c in done} <= {"complete", "absent"}
    assert next(c for c in done if c.name == "first-chunk").outcome == "absent"
    assert next(c for c in done if c.name == "after-commit").outcome == "complete"


# --- checking a log of submitted and committed steps ----------------------------------------------------


def allowed_values(events: list[dict], key: str, initial: dict[Any, Any]) -> tuple[dict[Any, set], int, int]:
    """Per key, the values the project may hold after the kill: the value left by the last committed
    step on it (else its initial value), or that of any later step not reported committed (in
    flight at the kill). Also returns how many steps with a not-yet-known key (adds) were in flight,
    and how many steps were committed."""
    submits = {e["submit"]: e for e in events if "submit" in e}
    commits = {e["commit"]: e for e in events if "commit" in e}
    for seq, c in commits.items():
        if c.get("id") is not None:  # an added example's id is known at its commit
            submits[seq] = {**submits[seq], key: c["id"]}
    allowed: dict[Any, set] = {k: {v} for k, v in initial.items()}
    last_commit: dict[Any, int] = {}
    for seq in sorted(submits):
        s = submits[seq]
        if seq in commits and s[key] is not None:
            allowed[s[key]] = {s["value"]}
            last_commit[s[key]] = seq
    unknown_in_flight = 0
    for seq in sorted(submits):
        s = submits[seq]
        if seq in commits:
            continue
        if s[key] is None:
            unknown_in_flight += 1
        elif seq > last_commit.get(s[key], 0):
            allowed.setdefault(s[key], {None}).add(s["value"])
    return allowed, unknown_in_flight, len(commits)


# --- (b) a burst of edits in the Datasets view ----------------------------------------------------------


def lease(i: int) -> dict:
    return {"messages": [{"role": "system", "content": "You are a careful clerk."},
                         {"role": "user", "content": f"Question number {i} about the lease"},
                         {"role": "assistant", "content": f"Answer number {i}: the tenant pays."}]}


@pytest.fixture(scope="module")
def edit_setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash-edit")
    base = root / "base.ftproj"
    ds = make_project(base, lambda db: store(db, "Edits", [lease(i) for i in range(30)]))
    return root, base, ds


EDIT_WORD = re.compile(r"\b[a-z]+q\d+x\b")


def run_edit_case(seed: int, setup: tuple) -> tuple[int, int, int]:
    root, base, ds = setup
    rng = random.Random(seed)
    path = copy_project(base, root / f"edit-{seed}.ftproj")
    initial = reopen(path, lambda db: {i: json.loads(d)["messages"][2]["content"] for i, d in db.conn.execute(
        "SELECT id, data FROM examples WHERE dataset_id = ?", (ds,))})
    commits = rng.randint(5, 35)
    child = Child("edit_child.py", [str(path), str(seed)], root / f"edit-{seed}-home", root / f"edit-{seed}.err")
    try:
        child.wait_for(lambda ls: sum('"commit"' in ln for ln in ls) >= commits, timeout=60)
        time.sleep(rng.uniform(0, 0.03))  # maybe in the middle of the next write
    finally:
        child.kill()
    events = child.events()
    allowed, adds_in_flight, committed = allowed_values(events, "id", initial)
    typed: dict[int, set[str]] = {}
    for e in events:
        if e.get("submit") and e.get("id") is not None and e["value"]:
            typed.setdefault(e["id"], set()).update(EDIT_WORD.findall(e["value"]))

    def check(db: Any) -> dict:
        result, fk = integrity(db)
        stored = {i: json.loads(d)["messages"][2].get("content") for i, d in db.conn.execute(
            "SELECT id, data FROM examples WHERE dataset_id = ?", (ds,))}
        found = {w: set(datasets_repo.search(db, ds, w)) for words in typed.values() for w in words}
        return {"integrity": result, "fk": fk, "stored": stored, "found": found}

    got = reopen(path, check)
    where = f"edit burst seed {seed} (run seed {SEED}), last lines: {child.lines[-4:]}"
    assert got["integrity"] == "ok" and got["fk"] == [], where
    stored = got["stored"]
    for ex, values in allowed.items():
        assert stored.get(ex) in values, f"example {ex}: {stored.get(ex)!r} not in {values!r}; {where}"
    extras = set(stored) - set(allowed)
    assert len(extras) <= adds_in_flight and all(stored[e] == "" for e in extras), where
    for ex, words in typed.items():  # the search index follows the text: no stale or missing entry
        for w in words:
            assert (ex in got["found"][w]) == (stored.get(ex) is not None and w in EDIT_WORD.findall(stored[ex])), (
                f"search for {w!r} and example {ex}; {where}")
    steps = sum(1 for e in events if "submit" in e)
    return steps, committed, len(typed)


def test_edit_burst_killed_at_random_moments_keeps_every_committed_edit(edit_setup):
    rng = random.Random(SEED + 1)
    seeds = [rng.randrange(1_000_000) for _ in range(2)]
    results = run_parallel(lambda s: run_edit_case(s, edit_setup), seeds)
    print(f"\nedit bursts (seed {SEED}): " + ", ".join(
        f"{steps} steps / {committed} committed / {n} examples edited" for steps, committed, n in results))


# --- (c) an annotation session --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def annotate_setup(tmp_path_factory):
    from tests.ui.annotate_support import fill_queue

    root = tmp_path_factory.mktemp("crash-annotate")
    base = root / "base.ftproj"
    make_project(base, lambda db: fill_queue(db, n=150, name="Kill test"))
    return root, base


def run_annotate_case(seed: int, setup: tuple) -> tuple[int, int]:
    root, base = setup
    rng = random.Random(seed)
    path = copy_project(base, root / f"judge-{seed}.ftproj")
    commits = rng.randint(5, 40)
    child = Child("annotate_child.py", [str(path), str(seed)], root / f"judge-{seed}-home",
                  root / f"judge-{seed}.err")
    try:
        child.wait_for(lambda ls: sum('"commit"' in ln for ln in ls) >= commits, timeout=60)
        time.sleep(rng.uniform(0, 0.02))
    finally:
        child.kill()
    events = child.events()
    allowed, _, committed = allowed_values(events, "cid", {})

    def check(db: Any) -> dict:
        result, fk = integrity(db)
        stored = dict(db.conn.execute(
            "SELECT comparison_id, verdict FROM judgements WHERE annotator = 'crash test'").fetchall())
        return {"integrity": result, "fk": fk, "stored": stored}

    got = reopen(path, check)
    where = f"annotation seed {seed} (run seed {SEED}), last lines: {child.lines[-4:]}"
    assert got["integrity"] == "ok" and got["fk"] == [], where
    for cid, values in allowed.items():
        stored = got["stored"].get(cid)
        assert stored in values, f"comparison {cid}: {stored!r} not in {values}; {where}"
    assert set(got["stored"]) <= set(allowed), where
    return sum(1 for e in events if "submit" in e), committed


def test_annotation_session_killed_at_random_moments_keeps_every_committed_judgement(annotate_setup):
    rng = random.Random(SEED + 2)
    seeds = [rng.randrange(1_000_000) for _ in range(2)]
    results = run_parallel(lambda s: run_annotate_case(s, annotate_setup), seeds)
    print(f"\nannotation sessions (seed {SEED}): " + ", ".join(
        f"{steps} keys / {committed} committed" for steps, committed in results))
