"""Upload training files to the provider (purpose ``fine-tune``): the Files API in one request up to
512 MB, the Uploads API in parts beyond, with progress and cancelling.

Qt-free and SDK-free like ``jobs_api``: the ``AsyncOpenAI`` client comes from ``providers`` and every
failure that reaches a caller is a ``ProviderError`` (through ``jobs_api._guard``).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services.jobs_api import _guard
from app.services.provider_errors import ErrorKind, ProviderError

log = logging.getLogger(__name__)

MiB = 1024 * 1024
DEFAULT_PART_SIZE = 64 * MiB
DIRECT_UPLOAD_LIMIT = 512 * 1000 * 1000  # the Files API's 512 MB cap

Progress = Callable[[int, int], None]


def _read_all(path: Path) -> bytes:
    return path.read_bytes()


def _read_chunk(path: Path, offset: int, size: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(offset)
        return fh.read(size)


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
    cancels the pending upload on the server and raises ``asyncio.CancelledError``.
    """
    file_path = Path(path)
    total = (await run_blocking(file_path.stat)).st_size
    if progress:
        progress(0, total)
    if total <= direct_limit:
        if cancel is not None and cancel.is_set():
            raise asyncio.CancelledError("upload cancelled")
        content = await run_blocking(_read_all, file_path)
        created = await _guard(
            profile,
            "upload_file",
            client.files.create(file=(file_path.name, content, "application/jsonl"), purpose="fine-tune"),
        )
        if progress:
            progress(total, total)
        return str(created.id)
    return await _upload_in_parts(client, profile, file_path, total, progress, cancel, part_size)


async def _upload_in_parts(
    client: Any,
    profile: ConnectionProfile,
    file_path: Path,
    total: int,
    progress: Progress | None,
    cancel: asyncio.Event | None,
    part_size: int,
) -> str:
    upload = await _guard(
        profile,
        "upload_file",
        client.uploads.create(bytes=total, filename=file_path.name, mime_type="text/jsonl", purpose="fine-tune"),
    )
    upload_id = str(upload.id)
    md5 = hashlib.md5()  # noqa: S324 - the API's integrity checksum, not security
    part_ids: list[str] = []
    done = 0
    try:
        while done < total:
            if cancel is not None and cancel.is_set():
                raise asyncio.CancelledError("upload cancelled")
            chunk = await run_blocking(_read_chunk, file_path, done, part_size)
            if not chunk:
                raise ProviderError(ErrorKind.OTHER, f"The file {file_path.name} changed while it was being uploaded.")
            md5.update(chunk)
            part = await _guard(profile, "upload_file", client.uploads.parts.create(upload_id, data=chunk))
            part_ids.append(str(part.id))
            done += len(chunk)
            if progress:
                progress(done, total)
        if cancel is not None and cancel.is_set():
            raise asyncio.CancelledError("upload cancelled")
        completed = await _guard(
            profile, "upload_file", client.uploads.complete(upload_id, part_ids=part_ids, md5=md5.hexdigest())
        )
    except BaseException:
        # Leave nothing pending on the server; shielded so a cancelled task still sends it.
        try:
            await asyncio.shield(client.uploads.cancel(upload_id))
        except BaseException:  # noqa: BLE001 - best effort; the upload expires after an hour anyway
            log.debug("cancelling upload %s failed", upload_id, exc_info=True)
        raise
    file_obj = getattr(completed, "file", None)
    if file_obj is None:
        raise ProviderError(ErrorKind.BAD_RESPONSE, "The provider finished the upload but returned no file.")
    return str(file_obj.id)
