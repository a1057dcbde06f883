"""Benchmark of the dataset core (issue 3): validate + count tokens against the cookbook-style
baseline in the same run, full import into a project, small imports, and bad lines.

    .venv/bin/python bench/bench_datasets.py [--n 100000] [--rounds 3]

Data comes from ../shared/bench/make_dataset.py into bench/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"
MAKE = ROOT.parent / "shared" / "bench" / "make_dataset.py"


def dataset(n: int, bad_every: int | None = None, kind: str = "sft") -> Path:
    """Make (once) a synthetic dataset with the shared generator."""
    DATA.mkdir(parents=True, exist_ok=True)
    name = f"{kind}{n}" + (f"-bad{bad_every}" if bad_every else "") + ".jsonl"
    path = DATA / name
    if not path.exists():
        cmd = [sys.executable, str(MAKE), "--kind", kind, "--n", str(n), "--out", str(path)]
        if bad_every:
            cmd += ["--bad-every", str(bad_every)]
        subprocess.run(cmd, check=True, capture_output=True)
    return path


def timed(fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    gc.collect()
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, out


class PeakMemory:
    """Samples this process's resident memory every 20 ms (Linux /proc). ru_maxrss is no good
    here: Linux keeps the parent's high-water mark across fork and exec."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while True:
            with open("/proc/self/statm") as f:
                self.peak = max(self.peak, int(f.read().split()[1]) * page / 1e6)
            time.sleep(0.02)


def same_counts_on_plain_examples(path: Path, limit: int) -> int:
    """Per example, our count equals the cookbook recipe where the recipe applies (text only)."""
    import json

    from app.formats.model import Kind
    from app.formats.tokens import count_example, get_encoding

    enc = get_encoding()
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            ex = json.loads(line)
            if "tools" in ex or any(set(m) - {"role", "content"} for m in ex["messages"]):
                continue
            recipe = sum(3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"])) for m in ex["messages"]) + 3
            assert count_example(ex, Kind.SFT).total == recipe, line
            n += 1
            if n >= limit:
                break
    return n


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--imports", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.imports:
        return imports(args)

    from app.runtime import processes
    from app.services.dataset_check import check_file
    from bench import baseline_cookbook

    big = dataset(args.n)
    size_mb = big.stat().st_size / 1e6
    print(f"data: {big.name}, {size_mb:.0f} MB, {os.cpu_count()} cores")

    # 1. Validate + count tokens: ours (cold: a fresh process pool each round, as the CLI pays)
    #    interleaved with the baseline, so machine noise hits both alike.
    base_t, ours_t = [], []
    for r in range(args.rounds):
        t, base = timed(baseline_cookbook.run, str(big))
        base_t.append(t)
        processes.shutdown_pool()
        t, rep = timed(check_file, big, model="gpt-4.1-mini-2025-04-14")
        ours_t.append(t)
        print(f"  round {r + 1}: baseline {base_t[-1]:.2f} s, ours {ours_t[-1]:.2f} s")
    b, o = statistics.median(base_t), statistics.median(ours_t)
    st = rep.stats
    print(f"validate + count tokens: baseline {b:.2f} s, ours {o:.2f} s (median of {args.rounds}) -> {b / o:.2f}x")
    print(
        f"  examples: baseline {base['examples']:,}, ours {rep.examples:,}; tokens: baseline {base['tokens']:,} "
        f"(text only), ours {st.tokens.total:,} (text, tools and tool calls)"
    )
    assert base["examples"] == rep.examples
    agree = same_counts_on_plain_examples(big, 3000)
    print(f"  token counts agree with the baseline recipe on {agree:,} plain-text examples")

    # 2.-3. Imports, in a process of their own so its peak memory is the importer's alone.
    r = subprocess.run([sys.executable, __file__, "--imports", "--n", str(args.n)], check=False)
    processes.shutdown_pool()
    return r.returncode


def imports(args: argparse.Namespace) -> int:
    """Full import into a project (warm pool, as in the running app), small imports, bad lines."""
    from app.runtime import processes

    memory = PeakMemory()
    big = dataset(args.n)
    from app.services.importing import ImportRequest, run_import
    from app.services.projects import open_project_sync
    from app.store.project_file import create_project

    with tempfile.TemporaryDirectory() as tmp:
        proj_path = Path(tmp) / "bench.ftproj"
        create_project(proj_path)
        project = open_project_sync(proj_path)
        processes.warm_pool()  # the app starts its workers at launch
        try:
            t, res = timed(run_import, project, ImportRequest(big, model="gpt-4.1-mini-2025-04-14"))
            count = project.db.submit_read(
                lambda db: db.conn.execute("SELECT COUNT(*) FROM examples").fetchone()[0]
            ).result()
            print(
                f"full import of {args.n:,} examples: {t:.2f} s ({count:,} rows; project file "
                f"{sum(f.stat().st_size for f in Path(tmp).glob('bench.ftproj*')) / 1e6:.0f} MB with its WAL)"
            )
            small = dataset(5000)
            project.db.submit_write(lambda db: None).result()  # let the big import's checkpoint finish
            times = []
            for _ in range(3):
                t, res = timed(run_import, project, ImportRequest(small, name="small"))
                times.append(t)
            print(f"5,000 examples import + validate: {min(times):.2f} s best, {max(times):.2f} s worst (warm pool)")
            processes.shutdown_pool()
            t, res = timed(run_import, project, ImportRequest(small, name="small-cold"))
            processes.warm_pool()
            print(f"5,000 examples import + validate, cold pool: {t:.2f} s")

            # 3. Bad lines: every one named, every good line kept.
            bad = dataset(args.n, bad_every=1000)
            res = run_import(project, ImportRequest(bad, name="bad"))
            named = sorted({f.line for f in res.report.problems if f.severity == "error"})
            expected = list(range(1000, args.n + 1, 1000))
            kept = project.db.submit_read(
                lambda db: db.conn.execute(
                    "SELECT COUNT(*) FROM examples WHERE dataset_id = ?", (res.dataset_id,)
                ).fetchone()[0]
            ).result()
            unusable = ("not_json", "not_object", "bad_encoding")
            unparsable = len({f.line for f in res.report.problems if f.code in unusable})
            print(
                f"--bad-every 1000: {len(named)} bad lines named (expected {len(expected)}), "
                f"{kept:,} examples kept = {args.n:,} lines - {unparsable} unparsable"
            )
            assert named == expected
            assert kept == args.n - unparsable
        finally:
            project._close_sync()
    processes.shutdown_pool()
    print(f"peak memory of the importing process: {memory.peak:.0f} MB (sampled every 20 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
