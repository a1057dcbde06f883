"""The data commands as an engineer scripts them: exit codes, JSON output, conversions, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.datasets.conftest import sft, write_jsonl

EXE = Path(sys.executable).with_name("finetune-studio")


def run(*args, cwd=None):
    return subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_validate_clean_file_exits_0(tmp_path):
    path = tmp_path / "ok.jsonl"
    write_jsonl(path, [sft(i) for i in range(60)])
    r = run("validate", path, "--model", "gpt-4.1-mini-2025-04-14")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "60 examples" in r.stdout and "ready to train" in r.stdout


def test_validate_with_errors_exits_1_and_names_each_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    objs = [sft(i) for i in range(60)]
    objs[9]["messages"][0]["role"] = "developer"
    objs[19]["messages"].pop()
    write_jsonl(path, objs)
    r = run("validate", path, "--json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert out["method"] == "sft" and out["examples"] == 60 and out["errors"] == 1
    by_line = {f["line"]: f for f in out["findings"]}
    assert by_line[20]["code"] == "no_assistant_message" and by_line[20]["severity"] == "error"
    assert by_line[10]["code"] == "role_not_allowed" and by_line[10]["path"] == "$.messages[0].role"
    human = run("validate", path)
    assert "Line 20: the conversation has no assistant answer" in human.stdout


def test_validate_unusable_input_exits_2(tmp_path):
    assert run("validate", tmp_path / "missing.jsonl").returncode == 2
    utf32 = tmp_path / "u32.jsonl"
    utf32.write_bytes("\ufeff{}".encode("utf-32"))
    r = run("validate", utf32)
    assert r.returncode == 2 and "UTF-8" in r.stderr
    assert run("validate").returncode == 2  # usage


def test_stats_json(tmp_path):
    path = tmp_path / "s.jsonl"
    write_jsonl(path, [sft(i) for i in range(10)])
    r = run("stats", path, "--json", "--model", "gpt-4.1-2025-04-14")
    assert r.returncode == 0, r.stderr
    st = json.loads(r.stdout)
    assert st["examples"] == 10 and st["epochs"] == 10 and st["cost"]["usd"] > 0
    assert st["tokens"]["min"] <= st["tokens"]["median"] <= st["tokens"]["max"]


def test_convert_alpaca_to_openai_and_report_bad_items(tmp_path):
    src = tmp_path / "alpaca.json"
    src.write_text(
        json.dumps(
            [
                {"instruction": "Translate to Portuguese", "input": "rent", "output": "aluguel"},
                {"instruction": "Say hi", "output": "Hi"},
                {"nothing": True},
            ]
        )
    )
    out = tmp_path / "out.jsonl"
    r = run("convert", src, out, "--from", "alpaca", "--to", "openai")
    assert r.returncode == 1
    assert "wrote 2 examples" in r.stdout and "Item 3" in r.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert lines[0]["messages"][-1] == {"role": "assistant", "content": "aluguel"}


def test_export_writes_the_imported_bytes_back(tmp_path):
    from app.services.importing import ImportRequest, run_import
    from app.services.projects import open_project_sync
    from app.store.project_file import create_project

    src = tmp_path / "in.jsonl"
    objs = [sft(i) for i in range(12)]
    objs[3]["messages"][1]["content"] = "Acentuação, “aspas” e emoji 🙂"
    # Formatting that a re-serialiser would change: spaces after separators, key order.
    src.write_text("\n".join(json.dumps(o, ensure_ascii=False, indent=None) for o in objs) + "\n", encoding="utf-8")
    proj = tmp_path / "p.ftproj"
    create_project(proj)
    p = open_project_sync(proj)
    run_import(p, ImportRequest(src, name="Leases"))
    p._close_sync()
    out = tmp_path / "out.jsonl"
    r = run("export", proj, "Leases", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == src.read_bytes()
    r = run("export", proj, "Nope", out)
    assert r.returncode == 2 and "“Leases”" in r.stderr
