"""Write training data: atomically, one compact JSON object per line.

Serialisation is orjson's: compact (``,`` and ``:`` without spaces), UTF-8 with non-ASCII kept
as is, keys in their original order, ``\\n`` after every line. That is byte-identical to
``json.dumps(obj, separators=(",", ":"), ensure_ascii=False)`` except for floats in exponent
form (orjson writes ``1e-7`` where ``json`` writes ``1e-07``; both mean the same number), so
a file written by orjson or by that ``json.dumps`` call without such floats round-trips byte
for byte, and any parsed JSON round-trips to equal objects. Integers beyond 64 bits fall back
to the ``json`` module. Objects that cannot be JSON (lone surrogates, non-text keys, other
types) raise ``ValueError`` naming the item, and the target file is left untouched. NaN and
infinities become ``null`` (orjson's rule); parsed JSON never holds them.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

Chunk = bytes | bytearray | memoryview | str


def _fsync_dir(directory: str) -> None:
    # Makes the rename itself durable on POSIX; directories cannot be opened on Windows.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # best effort: the data itself is already safe
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: Chunk | Iterable[Chunk]) -> int:
    """Write ``data`` (bytes, text, or an iterable of them) to ``path`` all-or-nothing.

    The data goes to a hidden temporary file in the same directory, which is flushed,
    fsync'ed and then renamed over ``path`` with ``os.replace``. On any failure, including an
    exception raised by the iterable, the temporary file is removed and an existing ``path`` is
    left untouched. An existing file's permissions are kept. Text is written as UTF-8.
    Returns the number of bytes written.
    """
    target = os.path.abspath(os.fspath(path))
    directory, name = os.path.split(target)
    chunks: Iterable[Chunk] = (data,) if isinstance(data, bytes | bytearray | memoryview | str) else data
    while True:
        temp = os.path.join(directory, f".{name}.{os.urandom(4).hex()}.tmp")
        try:  # O_EXCL: never reuse someone else's file; 0o666 lets the umask decide as for open()
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    written = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as f:
            for chunk in chunks:
                written += f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileNotFoundError):  # keep an existing file's permissions
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_dir(directory)
    return written


def dumps_line(obj: Any) -> bytes:
    """One compact JSON line (with its ``\\n``), as described in the module docstring."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError as exc:
        if "64-bit" not in str(exc):
            raise
        # orjson refuses integers beyond 64 bits; the json module writes them exactly.
        text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        return text.encode("utf-8") + b"\n"


def _lines(objects: Iterable[Any], convert: Callable[[Any, int], Any] | None = None) -> Iterator[bytes]:
    for n, obj in enumerate(objects, 1):
        if convert is not None:
            obj = convert(obj, n)
        try:
            line = dumps_line(obj)
        except (TypeError, ValueError) as exc:  # UnicodeEncodeError is a ValueError
            raise ValueError(f"Item {n} cannot be written as JSON: {exc}") from exc
        yield line


class _Counter:
    """Counts objects as they stream through, so writers can report how many they wrote."""

    def __init__(self, objects: Iterable[Any]) -> None:
        self.objects, self.count = objects, 0

    def __iter__(self) -> Iterator[Any]:
        for obj in self.objects:
            self.count += 1
            yield obj


def write_openai_jsonl(path: str | os.PathLike[str], objects: Iterable[Mapping[str, Any]]) -> int:
    """Write OpenAI examples as JSONL, unchanged (nothing dropped or added). Returns the count."""
    counter = _Counter(objects)
    atomic_write(path, _lines(counter))
    return counter.count


def _need_list(obj: Mapping[str, Any], key: str, n: int) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise ValueError(f"Item {n} has no “{key}” list, so it cannot be written in this format.")
    return value


def to_messages_object(obj: Mapping[str, Any], n: int = 1) -> dict[str, Any]:
    """SFT (or RFT) example → ``{"messages": [...], "tools"?: [...]}`` for local trainers.

    Messages are kept verbatim (including ``weight``, ``tool_calls``, ``name``). ``tools`` is
    kept; the legacy ``functions`` list becomes ``tools`` when there are none. Everything else
    (``parallel_tool_calls``, RFT reference fields) is dropped.
    """
    out: dict[str, Any] = {"messages": _need_list(obj, "messages", n)}
    tools = obj.get("tools")
    if not tools and obj.get("functions"):
        tools = [{"type": "function", "function": f} for f in obj["functions"]]
    if tools:
        out["tools"] = tools
    return out


def to_pair_object(obj: Mapping[str, Any], n: int = 1) -> dict[str, Any]:
    """DPO example → TRL's conversational preference shape::

        {"prompt": [...input.messages], "chosen": [...preferred_output],
         "rejected": [...non_preferred_output], "tools"?: [...], "parallel_tool_calls"?: bool}

    ``tools`` and ``parallel_tool_calls`` come from ``input`` and are written only when set.
    ``open_formats.read_pairs`` reads this shape back to the same DPO object.
    """
    inp = obj.get("input")
    if not isinstance(inp, Mapping):
        raise ValueError(f"Item {n} has no “input” object, so it cannot be written as a preference pair.")
    out: dict[str, Any] = {
        "prompt": _need_list(inp, "messages", n),
        "chosen": _need_list(obj, "preferred_output", n),
        "rejected": _need_list(obj, "non_preferred_output", n),
    }
    for key in ("tools", "parallel_tool_calls"):
        if key in inp:
            out[key] = inp[key]
    return out


def write_messages_jsonl(path: str | os.PathLike[str], objects: Iterable[Mapping[str, Any]]) -> int:
    """Write SFT examples as ``{"messages", "tools"?}`` JSONL (see :func:`to_messages_object`)."""
    counter = _Counter(objects)
    atomic_write(path, _lines(counter, to_messages_object))
    return counter.count


def write_pairs_jsonl(path: str | os.PathLike[str], objects: Iterable[Mapping[str, Any]]) -> int:
    """Write DPO examples as TRL prompt/chosen/rejected JSONL (see :func:`to_pair_object`)."""
    counter = _Counter(objects)
    atomic_write(path, _lines(counter, to_pair_object))
    return counter.count
