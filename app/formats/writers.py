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
import errno
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import orjson

from app.i18n import _

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


class WriteError(OSError):
    """A file could not be written (disk full, read-only folder, no permission…).

    ``errno`` and ``strerror`` are the system's and ``filename`` is the file that was being saved
    (never the hidden temporary one); ``str()`` is a plain sentence for the user, and ``reason``
    its middle part ("the disk is full") for callers that phrase their own sentence.
    """

    def __init__(self, errno_: int | None, strerror: str | None, filename: str, message: str, reason: str) -> None:
        super().__init__(errno_, strerror, filename)
        self.message, self.reason = message, reason

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across processes despite the own signature
        return (type(self), (self.errno, self.strerror, self.filename, self.message, self.reason))


def write_error_reason(exc: OSError, folder: str, *, advice: bool = True) -> str:
    """Why a write failed, in plain words ("the disk is full"); with ``advice``, what to do about
    it when the user chose the file ("— free some space and try again")."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        reason, tip = _("the disk is full"), _("free some space and try again")
    elif code == errno.EFBIG:
        reason, tip = _("the file is larger than this disk or folder accepts"), _("choose another disk")
    elif code == errno.EROFS:
        reason = _("the folder {folder} is read-only (a locked or write-protected drive?)").format(folder=folder)
        tip = _("choose another folder")
    elif code in (errno.EACCES, errno.EPERM):
        reason = _("you do not have permission to write in {folder}").format(folder=folder)
        tip = _("choose another folder")
    elif code == errno.ENOENT:
        reason = _("the folder {folder} does not exist (any more)").format(folder=folder)
        tip = _("choose another folder")
    elif code == errno.EISDIR:
        reason, tip = _("a folder of that name is in the way"), _("choose another name")
    else:
        reason, tip = (exc.strerror or str(exc) or type(exc).__name__).rstrip("."), ""
    return f"{reason} — {tip}" if advice and tip else reason


def as_write_error(path: str | os.PathLike[str], exc: OSError, *, existed: bool | None = None) -> WriteError:
    """``exc`` (raised while saving ``path``) as a ``WriteError`` whose message names ``path``.

    ``existed``: whether an earlier version of the file is still there untouched (it is said so).
    """
    if isinstance(exc, WriteError):
        return exc
    target = os.path.abspath(os.fspath(path))
    folder, name = os.path.split(target)
    reason = write_error_reason(exc, folder)
    message = _("“{name}” could not be saved: {reason}.").format(name=name, reason=reason)
    if existed:
        message += " " + _("The existing file was left unchanged.")
    return WriteError(exc.errno, exc.strerror, target, message, reason)


_END = object()


def atomic_write(path: str | os.PathLike[str], data: Chunk | Iterable[Chunk]) -> int:
    """Write ``data`` (bytes, text, or an iterable of them) to ``path`` all-or-nothing.

    The data goes to a hidden temporary file in the same directory, which is flushed,
    fsync'ed and then renamed over ``path`` with ``os.replace``. On any failure, including an
    exception raised by the iterable, the temporary file is removed and an existing ``path`` is
    left untouched. An existing file's permissions are kept. Text is written as UTF-8.
    Returns the number of bytes written.

    A failure of the writing itself (disk full, read-only folder, no permission) raises a
    ``WriteError`` (an ``OSError`` with a plain message naming ``path``); an exception raised by
    the iterable propagates unchanged.
    """
    target = os.path.abspath(os.fspath(path))
    directory, name = os.path.split(target)
    existed = os.path.isfile(target)
    chunks: Iterable[Chunk] = (data,) if isinstance(data, bytes | bytearray | memoryview | str) else data
    while True:
        temp = os.path.join(directory, f".{name}.{os.urandom(4).hex()}.tmp")
        try:  # O_EXCL: never reuse someone else's file; 0o666 lets the umask decide as for open()
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:  # read-only folder, no permission, no such folder, no inode left
            raise as_write_error(target, exc, existed=existed) from exc
    written = 0
    in_data = False  # an OSError raised by the data's own iterator is not a write error
    f = os.fdopen(fd, "wb", buffering=1 << 20)
    try:
        it = iter(chunks)
        while True:
            in_data = True
            chunk = next(it, _END)
            in_data = False
            if chunk is _END:
                break
            written += f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)  # type: ignore[union-attr]
        f.flush()
        os.fsync(f.fileno())
        f.close()
        with contextlib.suppress(FileNotFoundError):  # keep an existing file's permissions
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException as exc:
        # close() flushes what is still buffered, which fails again on a full disk: that second
        # error must neither hide the first nor keep the temporary file.
        with contextlib.suppress(OSError):
            f.close()
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError) and not in_data:
            raise as_write_error(target, exc, existed=existed) from exc
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
            raise ValueError(_("Item {n} cannot be written as JSON: {error}").format(n=n, error=exc)) from exc
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
        raise ValueError(_("Item {n} has no “{key}” list, so it cannot be written in this format.").format(
            n=n, key=key))
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
        raise ValueError(_("Item {n} has no “input” object, so it cannot be written as a preference pair.").format(n=n))
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
