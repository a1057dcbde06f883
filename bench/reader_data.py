"""Files for the reader-path benchmark cases (formats other than plain UTF-8 JSONL), made once into
bench/data/ (git-ignored) from the shared generator's JSONL.

* ``table(n)``: a CSV of ``n`` rows (system, question, answer) — the Import dialog guesses its mapping;
* ``utf16_jsonl(n)``: the ``n``-example JSONL transcoded to UTF-16 LE with a byte-order mark;
* ``big_item_list(mb)``: one line holding a JSON list of three examples, the middle one with an
  ``mb``-MB data-URL image (one ``json`` parse of that size).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bench.bench_datasets import DATA, dataset

MB = 1 << 20


def _first_text(messages: list[dict], role: str, *, last: bool = False) -> str:
    texts = [m["content"] for m in messages if m.get("role") == role and isinstance(m.get("content"), str)]
    return (texts[-1] if last else texts[0]) if texts else ""


def table(n: int) -> Path:
    """A CSV of ``n`` rows made from the shared generator's SFT examples."""
    path = DATA / f"sft{n}.csv"
    if path.exists():
        return path
    source = dataset(n)
    tmp = path.with_suffix(".tmp")
    with source.open(encoding="utf-8") as f, tmp.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["system", "question", "answer"])
        for line in f:
            messages = json.loads(line)["messages"]
            writer.writerow([_first_text(messages, "system"), _first_text(messages, "user") or "?",
                             _first_text(messages, "assistant", last=True) or "ok"])
    tmp.replace(path)
    return path


def utf16_jsonl(n: int) -> Path:
    """The ``n``-example JSONL in UTF-16 LE with a BOM (each chunk transcoded, so memory stays small)."""
    path = DATA / f"sft{n}-utf16.jsonl"
    if path.exists():
        return path
    source = dataset(n)
    tmp = path.with_suffix(".tmp")
    with source.open(encoding="utf-8") as f, tmp.open("wb") as out:
        out.write(b"\xff\xfe")
        while text := f.read(1 << 20):
            out.write(text.encode("utf-16-le"))
    tmp.replace(path)
    return path


def big_item_list(mb: int = 50) -> Path:
    """A single-line JSON list: a small example, one with an ``mb``-MB data-URL image, a small one."""
    path = DATA / f"list-{mb}mb-item.json"
    if path.exists():
        return path

    def small(i: int) -> bytes:
        return json.dumps({"messages": [{"role": "user", "content": f"Question {i}?"},
                                        {"role": "assistant", "content": f"Answer {i}."}]}).encode()

    head = (b'{"messages":[{"role":"user","content":[{"type":"text","text":"What is on this scan?"},'
            b'{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo')
    tail = b'"}}]},{"role":"assistant","content":"A fractured wrist."}]}'
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        out.write(b"[" + small(1) + b"," + head)
        for _ in range(mb):
            out.write(b"QUFB" * (MB // 4))
        out.write(tail + b"," + small(3) + b"]")
    tmp.replace(path)
    return path
