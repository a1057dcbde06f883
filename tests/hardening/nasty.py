"""Generators of the nastiest input files, shared by the core hardening tests and the UI smoke test.

Each generator writes one file into a folder and returns a :class:`Nasty`: where it is, how it is
read, and what must come out — which lines become examples (and with which finding, if any) and
which lines are refused with a finding naming them. Big files are written in pieces, so making a
50 MB file costs about as much as writing it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.formats import csv_rows

MB = 1 << 20


@dataclass(frozen=True)
class Nasty:
    """One nasty file and what reading it must give.

    ``kept``: {line: finding code or None} — lines that must each become exactly one example (with
    that finding among its findings, or with no error). ``refused``: {line: finding code} — lines
    that must not become examples and must get that finding, naming the line. Line 0 is the whole
    file. ``lines_are_items``: numbers count JSON-array items rather than physical lines.
    """

    name: str
    path: Path
    fmt: str
    kept: dict[int, str | None] = field(default_factory=dict)
    refused: dict[int, str] = field(default_factory=dict)
    lines_are_items: bool = False

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size


def sft(i: int, text: str = "") -> dict:
    """A small valid SFT example."""
    return {"messages": [{"role": "user", "content": f"Question {i}: is the lease renewed? {text}"},
                         {"role": "assistant", "content": f"Answer {i}: yes, for one more year."}]}


def line(obj: object) -> bytes:
    """One compact JSON line, UTF-8, with its line end."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _write(path: Path, pieces: Iterable[bytes]) -> Path:
    with path.open("wb") as f:
        for piece in pieces:
            f.write(piece)
    return path


def _repeat(unit: bytes, size: int) -> Iterable[bytes]:
    """``size`` bytes of ``unit`` repeated, in 1 MB pieces."""
    block = unit * (MB // len(unit))
    while size > 0:
        yield block[:size]
        size -= len(block)


# --- JSONL -----------------------------------------------------------------------------------------


def data_url_image(folder: Path, size: int = 50 * MB) -> Nasty:
    """Line 2 embeds a ``size``-byte PNG data URL: parsed, kept, and flagged as too large (10 MB)."""
    head = (b'{"messages":[{"role":"user","content":[{"type":"text","text":"What is on this scan?"},'
            b'{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo')
    tail = b'"}}]},{"role":"assistant","content":"A fractured wrist."}]}\n'
    body = max(0, size - len(head) - len(tail))
    path = _write(folder / "scan_with_data_url.jsonl",
                  [line(sft(1)), head, *_repeat(b"QUFB", body - body % 4), tail, line(sft(3))])
    return Nasty("50 MB data-URL image", path, "openai", kept={1: None, 2: "image_too_large", 3: None})


def giant_line(folder: Path, size: int) -> Nasty:
    """Line 2 is ``size`` bytes of one JSON text (pass more than ``encoding.MAX_LINE_BYTES``)."""
    head = b'{"messages":[{"role":"user","content":"'
    tail = b'"},{"role":"assistant","content":"ok"}]}\n'
    path = _write(folder / "giant_line.jsonl",
                  [line(sft(1)), head, *_repeat(b"la ", size - len(head) - len(tail)), tail, line(sft(3))])
    return Nasty("giant line", path, "openai", kept={1: None, 3: None}, refused={2: "line_too_long"})


def nested(depth: int, leaf: bytes = b'"x"') -> bytes:
    """A JSON list ``depth`` levels deep."""
    return b"[" * depth + leaf + b"]" * depth


def deep_nesting(folder: Path) -> Nasty:
    """Extra fields nested 10 ... 100,000 levels deep (counting the example object as level 1).
    orjson writes at most 254 levels, so deeper lines are refused; no RecursionError escapes."""
    base = b'{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"x":'
    depths = {1: 10, 2: 253, 3: 254, 4: 255, 5: 1000, 6: 1024, 7: 1025, 8: 100_000}
    lines = [base + nested(d - 1) + b"}\n" for d in depths.values()]
    lines.append(b"{" * 50_000 + b"\n")  # line 9: objects opened 50,000 deep, never closed
    lines.append(line(sft(10)))
    path = _write(folder / "deep.jsonl", lines)
    return Nasty("deep nesting", path, "openai",
                 kept={n: None for n, d in depths.items() if d <= 254} | {10: None},
                 refused={n: "not_json" for n, d in depths.items() if d > 254} | {9: "not_json"})


def nul_bytes(folder: Path) -> Nasty:
    """NUL bytes inside a text, as a whole line and between lines (after 4 KB of good lines, so
    the file is not taken for UTF-16)."""
    good = [line(sft(i, "x" * 100)) for i in range(1, 41)]  # lines 1-40, ~6 KB
    bad = [b'{"messages":[{"role":"user","content":"a\x00b"},{"role":"assistant","content":"c"}]}\n',  # 41
           b"\x00" * 5000 + b"\n",  # 42
           line(sft(43))[:-2] + b"\x00\n"]  # 43: a NUL after the closing brace
    path = _write(folder / "nul.jsonl", [*good, *bad, line(sft(44))])
    return Nasty("NUL bytes", path, "openai", kept={n: None for n in [*range(1, 41), 44]},
                 refused={41: "bad_encoding", 42: "bad_encoding", 43: "bad_encoding"})


def mixed_encodings(folder: Path) -> Nasty:
    """A UTF-8 part, a Windows-1252 part, invalid and overlong bytes, an encoded lone surrogate,
    a lone-surrogate escape, and a last line cut inside a character."""
    text = "Cláusula de renovação: o inquilino paga até dia 5 — ça va, naïve café."
    lines = [
        line(sft(1, text)),  # 1 UTF-8
        line(sft(2, "😀 emoji and 中文")),  # 2 UTF-8, 4-byte characters
        json.dumps(sft(3, text), ensure_ascii=False).encode("cp1252", "replace") + b"\n",  # 3 cp1252
        b'{"messages":[{"role":"user","content":"M\xfcller"},{"role":"assistant","content":"ok"}]}\n',  # 4 latin-1
        line(sft(5))[:30] + b"\xc0\xaf" + line(sft(5))[30:],  # 5 overlong encoding of "/"
        line(sft(6))[:30] + b"\xed\xa0\x80" + line(sft(6))[30:],  # 6 an encoded lone surrogate
        line(sft(7, "\\ud800")).replace(b"\\\\ud800", b"\\ud800"),  # 7 a lone surrogate escape
        line(sft(8, text)),  # 8 UTF-8 again
        line(sft(9, "é"))[:-5] + b"\xc3",  # 9 cut inside a character, no line end
    ]
    path = _write(folder / "mixed.jsonl", lines)
    return Nasty("mixed encodings", path, "openai", kept={1: None, 2: None, 8: None},
                 refused={3: "bad_encoding", 4: "bad_encoding", 5: "bad_encoding", 6: "bad_encoding",
                          7: "not_json", 9: "bad_encoding"})


def utf16(folder: Path, *, bom: bool, big_endian: bool = False) -> Nasty:
    """Ten examples in UTF-16, with or without a byte-order mark; with one, a broken surrogate on
    line 5 (only that line is refused)."""
    codec = "utf-16-be" if big_endian else "utf-16-le"
    mark = (codecs.BOM_UTF16_BE if big_endian else codecs.BOM_UTF16_LE) if bom else b""
    lines = [json.dumps(sft(i, "ação ✓"), ensure_ascii=False) + "\n" for i in range(1, 11)]
    data = b"".join(t.encode(codec) for t in lines)
    name = f"utf16_{'be' if big_endian else 'le'}_{'bom' if bom else 'nobom'}.jsonl"
    if not bom:
        return Nasty(f"UTF-16 without BOM ({name})", _write(folder / name, [data]), "openai",
                     refused={0: "bad_encoding"})
    lone = "\ud800".encode(codec, "surrogatepass")
    fifth = lines[4].encode(codec)
    at = len(fifth) // 2 & ~1
    pieces = [t.encode(codec) for t in lines[:4]] + [fifth[:at] + lone + fifth[at:]] + [
        t.encode(codec) for t in lines[5:]]
    return Nasty(f"UTF-16 with BOM ({name})", _write(folder / name, [mark, *pieces]), "openai",
                 kept={n: None for n in range(1, 11) if n != 5}, refused={5: "bad_encoding"})


def invalid_bytes(folder: Path) -> Nasty:
    """Lines of bytes that are no text at all, between good lines."""
    junk = bytes(range(0x80, 0x100)) * 4
    path = _write(folder / "junk.jsonl", [line(sft(1)), junk + b"\n", line(sft(3)), b"\xff\xfe\xfd\n", line(sft(5))])
    return Nasty("invalid bytes", path, "openai", kept={1: None, 3: None, 5: None},
                 refused={2: "bad_encoding", 4: "bad_encoding"})


def many_bad_lines(folder: Path, n: int = 100_000) -> Nasty:
    """``n`` lines that are not JSON, then one good line: each gets its own finding."""
    path = _write(folder / "many_bad.jsonl", [b"not json\n" * n, line(sft(n + 1))])
    return Nasty(f"{n:,} bad lines", path, "openai", kept={n + 1: None},
                 refused={n: "not_json" for n in range(1, n + 1)})


def blank_lines(folder: Path, n: int = 2_000_000) -> Nasty:
    """``n`` lines ended by a bare CR, then one good line."""
    path = _write(folder / "blank.jsonl", [b"\r" * n, line(sft(n + 1))])
    return Nasty(f"{n:,} empty CR lines", path, "openai", kept={n + 1: None})


def bracket_bomb(folder: Path, size: int = 20 * MB) -> Nasty:
    """One line of ``size`` opening brackets: a JSON list nested ``size`` levels deep."""
    path = _write(folder / "bomb.json", [*_repeat(b"[", size), b"\n"])
    return Nasty("bracket bomb", path, "openai", refused={1: "not_json"}, lines_are_items=True)


# --- JSON arrays and the open formats --------------------------------------------------------------


def alpaca_array(folder: Path) -> Nasty:
    """An Alpaca JSON list: good items, a 301-deep field, an integer beyond 64 bits, a lone
    surrogate escape; then a NUL byte inside a text, after which the list cannot be followed."""
    def item(i: int, extra: str = "") -> bytes:
        return (b'{"instruction":"Summarise clause ' + str(i).encode() + b'","input":"","output":"It says ok."'
                + extra.encode() + b"}")
    items = [
        item(1),
        item(2, ',"meta":' + "[" * 300 + "1" + "]" * 300),  # 301 levels: refused
        item(3, ',"id":123456789012345678901234567890'),  # read as a float, as in JSONL
        b'{"instruction":"a \\ud800 b","output":"x"}',  # 4: lone surrogate escape
        item(5),
        b'{"instruction":"a\x00b","output":"x"}',  # 6: a NUL byte: reading stops here
        item(7),
    ]
    path = _write(folder / "alpaca.json", [b"[\n", b",\n".join(items), b"\n]\n"])
    return Nasty("Alpaca JSON list", path, "alpaca", kept={1: None, 3: None, 5: None},
                 refused={2: "not_json", 4: "not_json", 6: "bad_encoding"}, lines_are_items=True)


def sharegpt_jsonl(folder: Path) -> Nasty:
    """ShareGPT lines with a function call nested 100,000 deep (as text), a 100 KB speaker name,
    a tools text nested 1000 deep, and good conversations."""
    def conv(*turns: tuple[str, object], **extra: object) -> bytes:
        return line({"conversations": [{"from": f, "value": v} for f, v in turns], **extra})
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        conv(("human", "Is the contract valid?"), ("gpt", "Yes.")),  # 1
        conv(("human", "q"), ("function_call", '{"name":"f","arguments":' + deep + "}"), ("observation", "r"),
             ("gpt", "a")),  # 2
        conv(("W" * 100_000, "q"), ("gpt", "a")),  # 3
        conv(("human", "q"), ("gpt", "a"), tools="[" * 1000 + "]" * 1000),  # 4
        conv(("human", "q"), ("function_call", {"name": "f", "arguments": json.loads("[" * 250 + "]" * 250)}),
             ("observation", "r"), ("gpt", "a")),  # 5: arguments 250 deep, written as a JSON text
        conv(("human", "Next?"), ("gpt", "Done.")),  # 6
    ]
    path = _write(folder / "sharegpt.jsonl", lines)
    return Nasty("ShareGPT", path, "sharegpt", kept={1: None, 5: None, 6: None},
                 refused={2: "bad_tool_call", 3: "unknown_role", 4: "wrong_type"})


def pairs_jsonl(folder: Path, big: int = 5 * MB) -> Nasty:
    """Preference pairs: a ``big``-character chosen answer, a prompt nested 300 deep, good pairs."""
    lines = [
        line({"prompt": "Which clause applies?", "chosen": "Clause 4.", "rejected": "None."}),  # 1
        line({"prompt": "Summarise", "chosen": "ok " * (big // 3), "rejected": "no"}),  # 2
        b'{"prompt":"p","chosen":"a","rejected":"b","tools":' + nested(300) + b"}\n",  # 3
        line({"prompt": "Is it signed?", "chosen": "Yes, on page 3.", "rejected": "Maybe."}),  # 4
    ]
    path = _write(folder / "pairs.jsonl", lines)
    return Nasty("preference pairs", path, "pairs", kept={1: None, 2: None, 4: None}, refused={3: "not_json"})


# --- tables ----------------------------------------------------------------------------------------


def nasty_csv(folder: Path, big: int = 50 * MB) -> Nasty:
    """A CSV spreadsheet: good rows, a ``big``-byte quoted cell spanning lines, NUL and
    Windows-1252 bytes, a row with too many cells, a row of 10,000 cells, and an unclosed quote
    on the last row."""
    unit = b"spanning lines and lines\r\n"
    rows = [
        b"Has a \x00 byte,answer\r\n",  # n
        "Caf\xe9 receipt,ok\r\n".encode("latin-1"),  # n + 1
        b"one,two,three\r\n",  # n + 2
        b"wide," + b",".join(b"c%d" % i for i in range(10_000)) + b"\r\n",  # n + 3
        b"Good again?,Yes.\r\n",  # n + 4
        b'"unclosed,answer\r\n',  # n + 5
    ]
    path = _write(folder / "nasty.csv", [
        b"question,answer\r\n",  # 1
        "Qual é o prazo?,Quinze dias.\r\n".encode(),  # 2
        b'"A long question\r\n', *_repeat(unit, big), b'",Short answer.\r\n',  # 3 ... n - 1
        *rows])
    n = 3 + 1 + big // len(unit) + 1  # the cell's first line, its lines, its last line
    refused = {n: "bad_encoding", n + 1: "bad_encoding", n + 2: "wrong_cell_count", n + 3: "wrong_cell_count",
               n + 5: "bad_csv"}
    if big > csv_rows.FIELD_LIMIT:  # the big cell is refused as a whole; the rows after it are read
        return Nasty("nasty CSV", path, "csv", kept={2: None, n + 4: None}, refused={3: "bad_csv", **refused})
    return Nasty("nasty CSV", path, "csv", kept={2: None, 3: None, n + 4: None}, refused=refused)


# --- grader files ----------------------------------------------------------------------------------

GRADER = {"type": "string_check", "name": "exact code", "input": "{{sample.output_text}}",
          "reference": "{{item.code}}", "operation": "eq"}


def grader_files(folder: Path) -> dict[str, tuple[Path, str | None]]:
    """Grader JSON files: {name: (path, a word the error message must contain, or None when the
    grader must be read)}."""
    text = json.dumps(GRADER, ensure_ascii=False)
    files: dict[str, tuple[bytes | Callable[[Path], None], str | None]] = {
        "good": (text.encode(), None),
        "good_utf16_bom": (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), None),
        "good_utf8_bom": (codecs.BOM_UTF8 + text.encode(), None),
        "in_a_job": (json.dumps({"method": {"type": "reinforcement", "reinforcement": {"grader": GRADER}}}).encode(),
                     None),
        "deep_100k": (b'{"type":"string_check","x":' + nested(100_000) + b"}", "nested too deeply"),
        "deep_300": (b'{"type":"string_check","x":' + nested(300) + b"}", "nested too deeply"),
        "nul": (text.encode()[:10] + b"\x00" + text.encode()[10:], "zero byte"),
        "cp1252": (text.replace("exact", "café").encode("cp1252"), "UTF-8"),
        "utf16_no_bom": (text.encode("utf-16-le"), "UTF-16"),
        "nan": (text.encode()[:-1] + b',"x":NaN}', "not valid JSON"),
        "lone_surrogate": (text.encode()[:-1] + b',"x":"\\udc00"}', "not valid JSON"),
        "empty": (b"", "empty"),
        "zip": (b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
        "huge": (b'{"type":"string_check","x":"' + b"A" * (17 * MB) + b'"}', "larger than"),
        "list": (b"[1, 2]", "holds no grader"),
    }
    out: dict[str, tuple[Path, str | None]] = {}
    for name, (data, expect) in files.items():
        path = folder / f"grader_{name}.json"
        path.write_bytes(data)  # type: ignore[arg-type]
        out[name] = (path, expect)
    return out


# --- comparisons for the annotator ---------------------------------------------------------------


def comparisons_jsonl(folder: Path, big: int = 5 * MB) -> Nasty:
    """Comparison lines: good ones, a list as the role, a 100 KB role, deep nesting, NUL and
    Windows-1252 bytes, a ``big``-character answer."""
    def comp(prompt: str, *answers: object, **extra: object) -> bytes:
        return line({"prompt": prompt, "answers": list(answers), **extra})
    lines = [
        comp("Is the clause void?", "Yes.", "No."),  # 1
        line({"messages": [{"role": ["user"], "content": "q"}], "answers": ["a", "b"]}),  # 2
        line({"messages": [{"role": "W" * 100_000, "content": "q"}], "answers": ["a", "b"]}),  # 3
        b'{"prompt":"p","answers":["a","b"],"x":' + nested(400) + b"}\n",  # 4
        b'{"prompt":"p\x00","answers":["a","b"]}\n',  # 5
        '{"prompt":"Caf\xe9","answers":["a","b"]}\n'.encode("latin-1"),  # 6
        comp("Summarise", "ok " * (big // 3), "short"),  # 7
        line({"prompt": "p", "answers": ["a", {"role": {"x": 1}, "content": "b"}]}),  # 8
        comp("Which one?", "This.", "That."),  # 9
    ]
    path = _write(folder / "comparisons.jsonl", lines)
    return Nasty("comparisons", path, "openai", kept={1: None, 7: None, 9: None},
                 refused={2: "bad_comparison", 3: "bad_comparison", 4: "not_json", 5: "bad_encoding",
                          6: "bad_encoding", 8: "bad_comparison"})


def comparisons_csv(folder: Path) -> Nasty:
    """A comparisons table with NUL and Windows-1252 bytes, an empty answer and an unclosed quote."""
    rows = [
        b"prompt,answer_a,answer_b\n",  # 1
        b"Is it void?,Yes.,No.\n",  # 2
        b"Bad \x00 byte,a,b\n",  # 3
        "Caf\xe9,a,b\n".encode("latin-1"),  # 4
        b"Only one,a,\n",  # 5
        b"Fine?,Fine.,Not fine.\n",  # 6
        b'"unclosed,a,b\n',  # 7
    ]
    path = _write(folder / "comparisons.csv", rows)
    return Nasty("comparisons CSV", path, "csv", kept={2: None, 6: None},
                 refused={3: "bad_encoding", 4: "bad_encoding", 5: "bad_comparison", 7: "bad_csv"})
