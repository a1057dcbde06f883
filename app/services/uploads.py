"""Upload training files to the provider (purpose ``fine-tune``): the Files API in one request up to
512 MB, the Uploads API in parts beyond, with progress and cancelling.

Qt-free and SDK-free like ``jobs_api``: the ``AsyncOpenAI`` client comes from ``providers`` and every
failure that reaches a caller is a ``ProviderError`` (through ``jobs_api._guard``).

Never twice the same file: a request whose answer was lost (a timeout, a dropped connection, a 5xx)
may still have made the file, so before sending it again the provider's newest files are searched
for it (same name and size, made since the first try). The file ids uploaded in this session are
remembered by content, so launching the same data again (after a failed job creation, say) reuses
the file, which also lets ``jobs_api.create_job`` recognise the same job and never make it twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from app.i18n import _
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services import providers
from app.services.jobs_api import _guard
from app.services.provider_errors import ErrorKind, ProviderError

log = logging.getLogger(__name__)

MiB = 1024 * 1024
DEFAULT_PART_SIZE = 64 * MiB
DIRECT_UPLOAD_LIMIT = 512 * 1000 * 1000  # the Files API's 512 MB cap
ATTEMPTS = 3  # as many tries as the SDK's own (1 + 2 retries), but looking before each new try
BACKOFF = 1.0  # first pause (s) before looking for a file whose upload got no answer; doubles
MAX_RETRY_AFTER = 60.0  # a server asking to wait longer is reported, not waited for
LOOKUP_SKEW = 300.0  # files made this long before the first try still count (clocks differ)
LOOKUP_LIMIT = 100  # newest files searched
# After these the request may have reached the server: look before sending again.
_MAYBE_SENT = frozenset({ErrorKind.TIMEOUT, ErrorKind.UNREACHABLE, ErrorKind.SERVER})
_RETRY = _MAYBE_SENT | {ErrorKind.RATE_LIMIT}

Progress = Callable[[int, int], None]


class _Content(NamedTuple):
    """What identifies a training file for reuse: connection, file name, size and MD5 of the bytes."""

    profile_id: str
    name: str
    size: int
    md5: str


_lock = threading.Lock()
_uploaded: dict[_Content, str] = {}  # uploaded this session -> file id
_unsure: dict[_Content, float] = {}  # the answer was lost -> wall time of the first try


def _read_all(path: Path) -> bytes:
    return path.read_bytes()


def _read_chunk(path: Path, offset: int, size: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(offset)
        return fh.read(size)


def _md5_of(path: Path) -> str:
    digest = hashlib.md5()  # noqa: S324 - identifies content, not security
    with path.open("rb") as fh:
        while block := fh.read(4 * MiB):
            digest.update(block)
    return digest.hexdigest()


def _file_id(obj: Any, profile: ConnectionProfile) -> str:
    file_id = getattr(obj, "id", None)
    if not isinstance(file_id, str) or not file_id:
        raise providers.not_an_api(profile, f"upload answer without a file id: {str(obj)[:200]!r}")
    return file_id


async def _pause(last: ProviderError, attempt: int) -> None:
    """Wait before the next try as the server asked (``retry-after``), else with a growing backoff."""
    wait = providers.retry_after_seconds(last.__cause__)
    if wait is not None and wait > MAX_RETRY_AFTER:
        raise last
    await asyncio.sleep(wait if wait is not None else min(BACKOFF * 2 ** (attempt - 1), 8.0) * random.uniform(0.8, 1))


async def find_uploaded(client: Any, profile: ConnectionProfile, name: str, size: int, since: float) -> str | None:
    """The id of a fine-tune file named ``name`` of ``size`` bytes made since ``since`` (wall time), if any."""
    page = await _guard(
        profile, "list_files", client.files.list(purpose="fine-tune", order="desc", limit=LOOKUP_LIMIT)
    )
    for obj in getattr(page, "data", None) or ():
        if (
            getattr(obj, "filename", None) == name
            and getattr(obj, "bytes", None) == size
            and (getattr(obj, "created_at", 0) or 0) >= since - LOOKUP_SKEW
            and getattr(obj, "status", "processed") not in ("error", "deleted")
        ):
            return str(obj.id)
    return None


async def _reusable(client: Any, profile: ConnectionProfile, content: _Content) -> str | None:
    """A file already on the provider with exactly this content: uploaded earlier this session, or
    made by an upload whose answer was lost."""
    with _lock:
        known, since = _uploaded.get(content), _unsure.get(content)
    if known is not None:
        try:
            obj = await _guard(profile, "retrieve_file", client.files.retrieve(known))
        except ProviderError as err:
            if err.kind is not ErrorKind.NOT_FOUND:
                raise
            obj = None
        if obj is not None and getattr(obj, "bytes", None) == content.size and getattr(obj, "status", "") not in (
            "error", "deleted"
        ):
            return known
        with _lock:
            _uploaded.pop(content, None)
    if since is not None:
        found = await find_uploaded(client, profile, content.name, content.size, since)
        with _lock:
            _unsure.pop(content, None)
        return found
    return None


async def upload_training_file(
    client: Any,
    profile: ConnectionProfile,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: asyncio.Event | None = None,
    part_size: int = DEFAULT_PART_SIZE,
    direct_limit: int = DIRECT_UPLOAD_LIMIT,
) -> str:
    """Upload a JSONL file with purpose ``fine-tune`` and return its file id.

    Files up to ``direct_limit`` bytes go through the Files API in one request; larger ones through the
    Uploads API in ``part_size`` parts with ``progress(bytes_done, total)`` after each. Setting ``cancel``
    cancels the pending upload on the server and raises ``asyncio.CancelledError``. The same content
    uploaded before in this session (and still there) is not sent again.
    """
    file_path = Path(path)
    total = (await run_blocking(file_path.stat)).st_size
    if progress:
        progress(0, total)
    content = _Content(profile.id, file_path.name, total, await run_blocking(_md5_of, file_path))
    found = await _reusable(client, profile, content)
    if found is not None:
        log.info("training file %s is on the provider already as %s", file_path.name, found)
        if progress:
            progress(total, total)
        return found
    started = time.time()
    try:
        if total <= direct_limit:
            file_id = await _upload_direct(client, profile, file_path, total, cancel, started)
        else:
            file_id = await _upload_in_parts(client, profile, file_path, total, progress, cancel, part_size, started)
    except ProviderError as err:
        if err.kind in _MAYBE_SENT:
            with _lock:
                _unsure[content] = started
        raise
    with _lock:
        _uploaded[content] = file_id
        _unsure.pop(content, None)
    if progress and total <= direct_limit:
        progress(total, total)  # the parts path reported each part already
    return file_id


async def _upload_direct(
    client: Any, profile: ConnectionProfile, file_path: Path, total: int, cancel: asyncio.Event | None, started: float
) -> str:
    once = client.with_options(max_retries=0)
    last: ProviderError | None = None
    sent = False
    for attempt in range(ATTEMPTS):
        if cancel is not None and cancel.is_set():
            raise asyncio.CancelledError("upload cancelled")
        if last is not None:
            await _pause(last, attempt)
            if sent:
                try:
                    found = await find_uploaded(client, profile, file_path.name, total, started)
                except ProviderError as err:
                    # Without knowing whether the file exists, sending it again could duplicate it.
                    last = err
                    continue
                if found is not None:
                    return found
        data = await run_blocking(_read_all, file_path)
        try:
            created = await _guard(
                profile,
                "upload_file",
                once.files.create(file=(file_path.name, data, "application/jsonl"), purpose="fine-tune"),
            )
        except ProviderError as err:
            if err.kind not in _RETRY:
                raise
            log.info("upload of %s, try %d failed: %s", file_path.name, attempt + 1, err.kind)
            sent = sent or err.kind in _MAYBE_SENT
            last = err
            continue
        return _file_id(created, profile)
    assert last is not None
    raise last


async def _complete(
    client: Any, profile: ConnectionProfile, upload_id: str, part_ids: list[str], md5: str, name: str, total: int,
    started: float,
) -> str:
    """Complete the upload once: after a lost answer, look for the file before completing again."""
    once = client.with_options(max_retries=0)
    last: ProviderError | None = None
    for attempt in range(ATTEMPTS):
        if last is not None:
            await _pause(last, attempt)
            try:
                found = await find_uploaded(client, profile, name, total, started)
            except ProviderError as err:
                last = err
                continue
            if found is not None:
                return found
        try:
            completed = await _guard(
                profile, "upload_file", once.uploads.complete(upload_id, part_ids=part_ids, md5=md5)
            )
        except ProviderError as err:
            if err.kind not in _RETRY:
                if last is not None and err.kind is ErrorKind.BAD_REQUEST:
                    # "already completed": the lost answer did complete it; the file must be there.
                    found = await find_uploaded(client, profile, name, total, started)
                    if found is not None:
                        return found
                raise
            last = err
            continue
        file_obj = getattr(completed, "file", None)
        if file_obj is None:
            raise ProviderError(ErrorKind.BAD_RESPONSE, _("The provider finished the upload but returned no file."))
        return _file_id(file_obj, profile)
    assert last is not None
    raise last


async def _upload_in_parts(
    client: Any,
    profile: ConnectionProfile,
    file_path: Path,
    total: int,
    progress: Progress | None,
    cancel: asyncio.Event | None,
    part_size: int,
    started: float,
) -> str:
    # A lost answer here or for a part leaves only a pending upload or an unused part, which the
    # provider drops after an hour; the SDK's own retries are fine for them.
    upload = await _guard(
        profile,
        "upload_file",
        client.uploads.create(bytes=total, filename=file_path.name, mime_type="text/jsonl", purpose="fine-tune"),
    )
    upload_id = _file_id(upload, profile)
    md5 = hashlib.md5()  # noqa: S324 - the API's integrity checksum, not security
    part_ids: list[str] = []
    done = 0
    try:
        while done < total:
            if cancel is not None and cancel.is_set():
                raise asyncio.CancelledError("upload cancelled")
            chunk = await run_blocking(_read_chunk, file_path, done, part_size)
            if not chunk:
                raise ProviderError(ErrorKind.OTHER, _("The file {name} changed while it was being uploaded.").format(
                    name=file_path.name))
            md5.update(chunk)
            part = await _guard(profile, "upload_file", client.uploads.parts.create(upload_id, data=chunk))
            part_ids.append(_file_id(part, profile))
            done += len(chunk)
            if progress:
                progress(done, total)
        if cancel is not None and cancel.is_set():
            raise asyncio.CancelledError("upload cancelled")
        return await _complete(client, profile, upload_id, part_ids, md5.hexdigest(), file_path.name, total, started)
    except BaseException:
        # Leave nothing pending on the server; shielded so a cancelled task still sends it.
        try:
            await asyncio.shield(client.uploads.cancel(upload_id))
        except BaseException:  # noqa: BLE001 - best effort; the upload expires after an hour anyway
            log.debug("cancelling upload %s failed", upload_id, exc_info=True)
        raise
