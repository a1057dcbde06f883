"""Fine-tuning surface of the stand-in OpenAI server: Files, Uploads, fine-tuning jobs, events, checkpoints.

``install_finetuning(server)`` registers the routes below on a ``StandinServer`` and gives it a fresh
in-memory store (``server.ft``) plus the knobs; ``StandinServer._set_defaults`` calls it, so every new
server has them and ``server.reset()`` empties the store. All objects follow the official spec
(``OpenAIFile``, ``Upload``, ``UploadPart``, ``ListFilesResponse``, ``DeleteFileResponse``,
``FineTuningJob``, ``ListPaginatedFineTuningJobsResponse``, ``FineTuningJobEvent``,
``ListFineTuningJobEventsResponse``, ``FineTuningJobCheckpoint``, ``ListFineTuningJobCheckpointsResponse``).

Routes (relative to ``/v1`` or Azure ``/openai``):

* Files: ``POST /files`` (multipart ``file`` + ``purpose``, optional ``expires_after``; answered with
  ``status: "processed"``), ``GET /files`` (``after``, ``limit``, ``order``, ``purpose``),
  ``GET /files/{id}``, ``GET /files/{id}/content`` (the exact bytes), ``DELETE /files/{id}``.
* Uploads: ``POST /uploads``, ``POST /uploads/{id}/parts`` (multipart ``data``),
  ``POST /uploads/{id}/complete`` (``part_ids`` order, optional ``md5``; checks the declared ``bytes``;
  creates the File, nested in the Upload's ``file``), ``POST /uploads/{id}/cancel``.
* Jobs: ``POST /fine_tuning/jobs``, ``GET /fine_tuning/jobs`` (newest first; ``after``, ``limit`` default
  20, ``metadata[k]=v`` filters as the SDK sends them, literal ``metadata=null`` for jobs without
  metadata), ``GET /fine_tuning/jobs/{id}``, ``POST .../{id}/cancel|pause|resume``,
  ``GET .../{id}/events`` (newest first, ``after``, ``limit`` default 20),
  ``GET .../{id}/checkpoints`` (newest step first, ``after``, ``limit`` default 10).

Job creation checks, in order: the refusal knob, a JSON body, ``model`` (must be in ``server.models`` or a
model produced by a stand-in job), ``training_file``/``validation_file`` (must exist, purpose
``fine-tune``), ``method.type`` (``supervised``, ``dpo`` or ``reinforcement``; ``supervised`` is what
the API calls SFT), ``suffix`` (<= 64 chars) and ``metadata`` (<= 16 string pairs, keys <= 64, values
<= 512 chars). Failures answer 400 with an OpenAI-shaped error naming the ``param``.

Scripting API (plain attributes on the server, read when a job is **created**; later changes only
affect later jobs):

* ``server.ft_script: list[str]``, default ``["validating_files", "queued", "running:3", "succeeded"]``.
  Each entry is a status the job passes through: ``validating_files``, ``queued``, ``running``
  (one tick, no metrics), ``running:N`` (N ticks, one metrics step each; steps are numbered across all
  ``running:N`` entries, ``total_steps`` is their sum), ``paused`` (stops until resumed), and the
  terminal ``succeeded``, ``failed`` or ``cancelled`` (the script ends there). A job is created in the
  first entry's state.
* ``server.ft_step_seconds: float | None``, default ``None``: with ``None`` the job advances exactly one
  tick per **retrieve** (``GET /fine_tuning/jobs/{id}``; the tick happens before the answer, so
  create -> ``validating_files``, 1st retrieve -> ``queued``, 2nd -> running step 1, ...). Listing jobs,
  events or checkpoints never advances it. With a number the job advances one tick per that many seconds
  of wall time instead (caught up lazily on any request touching the job); retrieves do not tick then.
* ``server.ft_error: dict``: the ``{code, message, param}`` a ``failed`` job carries (default: an
  ``invalid_training_file`` error on ``training_file``); an ``error``-level event repeats the message.
* ``server.ft_refuse: dict | None``: when set, every ``POST /fine_tuning/jobs`` is refused with
  ``status`` (default 403), ``message``, and optional ``type``/``code``/``param``; simulates the
  platform's wind-down ("org not entitled").
* ``server.ft_result_base64: bool``: serve result CSVs base64-encoded (the API_NOTES section 7 gotcha).
* ``server.ft.advance(job_id, ticks=1)`` / ``server.ft.run_to_end(job_id)``: advance a job directly.

What a tick emits (events listed newest first by the API, described here oldest first):
creation -> "Created fine-tuning job: <id>"; ``validating_files`` -> "Validating training file: ...";
``queued`` -> "Files validated, moving job to queued state"; first running tick -> "Fine-tuning job
started"; each ``running:N`` step -> a ``metrics`` event whose ``data`` is ``metrics_for(step, total,
validation)`` (``step``, ``total_steps``, ``train_loss``, ``train_mean_token_accuracy``, plus
``valid_loss``/``valid_mean_token_accuracy`` with a validation file, and ``full_valid_*`` on epoch ends)
and message ``"Step k/N: training loss=..."``; a checkpoint at each of the last 3 epoch ends (epochs =
``n_epochs`` if numeric, else 3) with a "Checkpoint created at step k" event; ``succeeded`` -> sets
``fine_tuned_model`` ``ft:<base>:standin:<suffix>:<short id>``, ``finished_at``, ``trained_tokens``
(training file bytes // 4 x epochs) and ``result_files`` (one ``fine-tune-results`` CSV with
``step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy``, valid cells empty without a
validation file), with events "New fine-tuned model created" and "The job has successfully completed";
``failed`` -> ``error`` and ``finished_at``. ``running`` jobs have an ``estimated_finish``.

Cancel works on any non-terminal job; pause only on a ``running`` (or ``queued``) job; resume only on a
``paused`` one (back to the state it was paused in). Otherwise 400. Ids are deterministic per store
(seeded), timestamps are wall-clock seconds.

Known compromise: ``ListFilesResponse`` requires string ``first_id``/``last_id``; an empty file list
answers them as ``""`` to stay spec-valid.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
import string
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.standin.server import Reply, RouteContext

if TYPE_CHECKING:
    from tests.standin.server import StandinServer

DEFAULT_SCRIPT: tuple[str, ...] = ("validating_files", "queued", "running:3", "succeeded")
DEFAULT_FT_ERROR: dict[str, Any] = {
    "code": "invalid_training_file",
    "message": "The job failed due to an invalid training file. Expected file to have JSONL format, where "
    "every line is a valid JSON dictionary. Line 1 is not a dictionary.",
    "param": "training_file",
}
ORGANIZATION_ID = "org-standin"
FILE_PURPOSES_IN = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision")
METHOD_TYPES = ("supervised", "dpo", "reinforcement")
TERMINAL = ("succeeded", "failed", "cancelled")
SCRIPT_STATES = ("validating_files", "queued", "running", "paused", *TERMINAL)
RESULT_COLUMNS = ("step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy")
_ALNUM = string.ascii_letters + string.digits


def metrics_for(step: int, total: int, validation: bool, *, epoch_end: bool = False) -> dict[str, Any]:
    """The deterministic metrics of ``step`` out of ``total`` (what metrics events and checkpoints carry)."""
    train_loss = round(1.2 / (1 + 0.3 * step), 4)
    accuracy = round(min(0.99, 0.55 + 0.4 * step / max(total, 1)), 4)
    data: dict[str, Any] = {
        "step": step,
        "total_steps": total,
        "train_loss": train_loss,
        "train_mean_token_accuracy": accuracy,
    }
    if validation:
        data["valid_loss"] = round(train_loss * 1.1 + 0.05, 4)
        data["valid_mean_token_accuracy"] = round(accuracy - 0.03, 4)
        if epoch_end:
            data["full_valid_loss"] = round(data["valid_loss"] + 0.02, 4)
            data["full_valid_mean_token_accuracy"] = round(data["valid_mean_token_accuracy"] - 0.01, 4)
    return data


def _step_message(data: dict[str, Any]) -> str:
    text = f"Step {data['step']}/{data['total_steps']}: training loss={data['train_loss']:.2f}"
    if "valid_loss" in data:
        text += f", validation loss={data['valid_loss']:.2f}"
    if "full_valid_loss" in data:
        text += f", full validation loss={data['full_valid_loss']:.2f}"
    return text


def parse_script(script: list[str] | tuple[str, ...]) -> list[tuple[str, int | None]]:
    """Expand a script into ticks ``(status, step)``; ``step`` numbers the metrics steps of ``running:N``."""
    ticks: list[tuple[str, int | None]] = []
    step = 0
    for entry in script:
        name, _, count = entry.partition(":")
        if name not in SCRIPT_STATES or (count and name != "running"):
            raise ValueError(f"bad fine-tuning script entry {entry!r}")
        if name == "running" and count:
            if not count.isdigit() or int(count) < 1:
                raise ValueError(f"bad fine-tuning script entry {entry!r}")
            for _ in range(int(count)):
                step += 1
                ticks.append(("running", step))
        else:
            ticks.append((name, None))
        if name in TERMINAL:
            break
    if not ticks:
        raise ValueError("empty fine-tuning script")
    return ticks


@dataclass
class _Job:
    obj: dict[str, Any]
    ticks: list[tuple[str, int | None]]
    total_steps: int
    ckpt_steps: list[int]
    epochs: int
    validation: bool
    tuned_name: str
    error: dict[str, Any]
    step_seconds: float | None
    pos: int = 0
    paused_from: str | None = None
    next_due: float = 0.0
    events: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    checkpoints: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    rows: list[dict[str, Any]] = field(default_factory=list)


class FineTuningStore:
    """The in-memory state behind the fine-tuning routes (one per server; replaced by ``reset()``)."""

    def __init__(self, server: StandinServer) -> None:
        self.server = server
        self.lock = threading.RLock()
        self.files: dict[str, dict[str, Any]] = {}
        self.contents: dict[str, bytes] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.parts: dict[str, tuple[str, bytes]] = {}
        self.jobs: dict[str, _Job] = {}
        self._random = random.Random(20260507)

    # --- helpers -------------------------------------------------------------------------------

    def new_id(self, prefix: str, length: int = 24) -> str:
        return prefix + "".join(self._random.choice(_ALNUM) for _ in range(length))

    def add_file(self, filename: str, purpose: str, content: bytes, expires_at: int | None = None) -> dict[str, Any]:
        file_id = self.new_id("file-", 22)
        obj: dict[str, Any] = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        if expires_at is not None:
            obj["expires_at"] = expires_at
        self.files[file_id] = obj
        self.contents[file_id] = content
        return obj

    def job(self, job_id: str) -> _Job | None:
        return self.jobs.get(job_id)

    def known_tuned_models(self) -> set[str]:
        return {j.obj["fine_tuned_model"] for j in self.jobs.values() if j.obj["fine_tuned_model"]}

    # --- job progress --------------------------------------------------------------------------

    def _event(self, job: _Job, message: str, *, level: str = "info", type_: str = "message", data: Any = None) -> None:
        job.events.append(
            {
                "object": "fine_tuning.job.event",
                "id": self.new_id("ftevent-"),
                "created_at": int(time.time()),
                "level": level,
                "message": message,
                "data": data if data is not None else {},
                "type": type_,
            }
        )

    def _enter(self, job: _Job, status: str, step: int | None, previous: str | None) -> None:
        """Apply the effects of arriving at tick ``(status, step)``."""
        obj = job.obj
        now = int(time.time())
        obj["status"] = status
        obj["estimated_finish"] = None
        if status == "validating_files":
            files = obj["training_file"] + (f", {obj['validation_file']}" if obj["validation_file"] else "")
            self._event(job, f"Validating training file: {files}")
        elif status == "queued":
            self._event(job, "Files validated, moving job to queued state")
        elif status == "running":
            if previous != "running":
                self._event(job, "Fine-tuning job started")
            remaining = (job.total_steps - (step or 0)) if job.total_steps else 1
            obj["estimated_finish"] = now + 60 * max(remaining, 1)
            if step is not None:
                epoch_end = step in job.ckpt_steps or step == job.total_steps
                data = metrics_for(step, job.total_steps, job.validation, epoch_end=epoch_end)
                self._event(job, _step_message(data), type_="metrics", data=data)
                job.rows.append(data)
                if step in job.ckpt_steps:
                    self._checkpoint(job, step, data)
        elif status == "paused":
            job.paused_from = previous or "running"
            self._event(job, "Fine-tuning job paused")
        elif status == "succeeded":
            self._succeed(job, now)
        elif status == "failed":
            obj["error"] = dict(job.error)
            obj["finished_at"] = now
            self._event(job, job.error.get("message") or "Fine-tuning job failed", level="error")
        elif status == "cancelled":
            obj["finished_at"] = now
            self._event(job, "Fine-tuning job cancelled")

    def _checkpoint(self, job: _Job, step: int, data: dict[str, Any]) -> None:
        metrics = {k: v for k, v in data.items() if k != "total_steps"}
        job.checkpoints.append(
            {
                "object": "fine_tuning.job.checkpoint",
                "id": self.new_id("ftckpt_"),
                "created_at": int(time.time()),
                "fine_tuned_model_checkpoint": f"{job.tuned_name}:ckpt-step-{step}",
                "fine_tuning_job_id": job.obj["id"],
                "metrics": metrics,
                "step_number": step,
            }
        )
        self._event(job, f"Checkpoint created at step {step}")

    def _succeed(self, job: _Job, now: int) -> None:
        obj = job.obj
        lines = [",".join(RESULT_COLUMNS)]
        for row in job.rows:
            cells = [
                row["step"],
                row["train_loss"],
                row["train_mean_token_accuracy"],
                row.get("valid_loss", ""),
                row.get("valid_mean_token_accuracy", ""),
            ]
            lines.append(",".join(str(c) for c in cells))
        csv_bytes = ("\n".join(lines) + "\n").encode()
        if self.server.ft_result_base64:
            csv_bytes = base64.b64encode(csv_bytes)
        result = self.add_file("step_metrics.csv", "fine-tune-results", csv_bytes)
        training = self.contents.get(obj["training_file"], b"")
        obj.update(
            fine_tuned_model=job.tuned_name,
            finished_at=now,
            trained_tokens=max(1, len(training) // 4) * job.epochs,
            result_files=[result["id"]],
        )
        self._event(job, f"New fine-tuned model created: {job.tuned_name}")
        self._event(job, "The job has successfully completed")

    def advance(self, job_id: str, ticks: int = 1) -> dict[str, Any]:
        """Move a job ``ticks`` steps along its script (stops at the end, at a terminal or paused state)."""
        with self.lock:
            job = self.jobs[job_id]
            for _ in range(ticks):
                if not self._tick(job):
                    break
            return job.obj

    def run_to_end(self, job_id: str) -> dict[str, Any]:
        """Advance a job until its script ends (or it is paused)."""
        return self.advance(job_id, 10**6)

    def _tick(self, job: _Job) -> bool:
        status = job.obj["status"]
        if status in TERMINAL or status == "paused" or job.pos + 1 >= len(job.ticks):
            return False
        job.pos += 1
        self._enter(job, *job.ticks[job.pos], previous=status)
        return True

    def catch_up(self, job: _Job) -> None:
        """In timed mode, apply the ticks that are due by now."""
        if job.step_seconds is None:
            return
        now = time.monotonic()
        while now >= job.next_due and job.obj["status"] not in ("paused", *TERMINAL):
            if not self._tick(job):
                break
            job.next_due += job.step_seconds


# --- request helpers ---------------------------------------------------------------------------


def _store(ctx: RouteContext) -> FineTuningStore:
    return ctx.server.ft  # type: ignore[attr-defined,no-any-return]


def _bad(message: str, param: str | None = None, code: str | None = None) -> Reply:
    return Reply.error(400, message, "invalid_request_error", param, code)


def _limit(ctx: RouteContext, default: int) -> int | Reply:
    raw = ctx.request.query.get("limit")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 10000:
        return _bad(f"Invalid 'limit': {raw!r}. Expected an integer between 1 and 10000.", "limit")
    return int(raw)


def _list_reply(items: list[dict[str, Any]], ctx: RouteContext, default_limit: int) -> Reply:
    """One page of ``items`` as an OpenAI list body (or the error reply for a bad cursor/limit)."""
    page = _page(items, ctx, default_limit)
    if isinstance(page, Reply):
        return page
    data, has_more = page
    return Reply(body={"object": "list", "data": data, "has_more": has_more})


def _page(
    items: list[dict[str, Any]], ctx: RouteContext, default_limit: int
) -> tuple[list[dict[str, Any]], bool] | Reply:
    """Cursor pagination over ``items`` (already in answer order) by ``after`` and ``limit``."""
    limit = _limit(ctx, default_limit)
    if isinstance(limit, Reply):
        return limit
    after = ctx.request.query.get("after")
    if after:
        ids = [item["id"] for item in items]
        if after not in ids:
            return _bad(f"No such object for 'after': {after}", "after")
        items = items[ids.index(after) + 1 :]
    return items[:limit], len(items) > limit


def parse_multipart(body: bytes, content_type: str) -> dict[str, tuple[str | None, bytes]]:
    """The fields of a ``multipart/form-data`` body: name -> (filename or None, exact bytes)."""
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise ValueError("no multipart boundary")
    delimiter = b"\r\n--" + match.group(1).encode()
    fields: dict[str, tuple[str | None, bytes]] = {}
    for section in (b"\r\n" + body).split(delimiter)[1:]:
        if section.startswith(b"--"):
            break
        head, _, data = section.partition(b"\r\n\r\n")
        disposition = ""
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if line.lower().startswith("content-disposition:"):
                disposition = line
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        if name:
            fields[name.group(1)] = (filename.group(1) if filename else None, data)
    return fields


def _multipart(ctx: RouteContext) -> dict[str, tuple[str | None, bytes]] | Reply:
    content_type = ctx.request.headers.get("content-type", "")
    if "multipart/form-data" not in content_type:
        return _bad("Expected a multipart/form-data body.")
    try:
        return parse_multipart(ctx.request.body, content_type)
    except ValueError as exc:
        return _bad(f"Could not parse the multipart body: {exc}")


def _json_body(ctx: RouteContext) -> dict[str, Any] | Reply:
    body = ctx.request.json
    if not isinstance(body, dict):
        return _bad("We could not parse the JSON body of your request.")
    return body


def _file_not_found(file_id: str) -> Reply:
    return Reply.error(404, f"No such File object: {file_id}", "invalid_request_error", "id")


def _job_not_found(job_id: str) -> Reply:
    return Reply.error(
        404, f"Could not find fine-tuning job {job_id}.", "invalid_request_error", "fine_tuning_job_id", "not_found"
    )


# --- Files ---------------------------------------------------------------------------------------


def _create_file(ctx: RouteContext) -> Reply:
    fields = _multipart(ctx)
    if isinstance(fields, Reply):
        return fields
    if "file" not in fields:
        return _bad("Missing required parameter: 'file'.", "file", "missing_required_parameter")
    purpose = fields.get("purpose", (None, b""))[1].decode()
    if purpose not in FILE_PURPOSES_IN:
        return _bad(f"'{purpose}' is not one of {list(FILE_PURPOSES_IN)} - 'purpose'", "purpose")
    filename, content = fields["file"]
    expires_at = None
    if "expires_after[seconds]" in fields:
        seconds = fields["expires_after[seconds]"][1].decode()
        if not seconds.isdigit() or not 3600 <= int(seconds) <= 2592000:
            return _bad("expires_after.seconds must be between 3600 and 2592000.", "expires_after.seconds")
        expires_at = int(time.time()) + int(seconds)
    store = _store(ctx)
    with store.lock:
        obj = store.add_file(filename or "upload", purpose, content, expires_at)
    return Reply(body=dict(obj))


def _list_files(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    query = ctx.request.query
    with store.lock:
        items = [dict(f) for f in store.files.values()]
    if query.get("purpose"):
        items = [f for f in items if f["purpose"] == query["purpose"]]
    if query.get("order", "desc") == "desc":
        items.reverse()
    page = _page(items, ctx, 10000)
    if isinstance(page, Reply):
        return page
    data, has_more = page
    first = data[0]["id"] if data else ""
    last = data[-1]["id"] if data else ""
    return Reply(body={"object": "list", "data": data, "first_id": first, "last_id": last, "has_more": has_more})


def _retrieve_file(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        obj = store.files.get(ctx.params["file_id"])
    return Reply(body=dict(obj)) if obj else _file_not_found(ctx.params["file_id"])


def _file_content(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        content = store.contents.get(ctx.params["file_id"])
    if content is None:
        return _file_not_found(ctx.params["file_id"])
    return Reply(body=content, content_type="application/octet-stream")


def _delete_file(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    file_id = ctx.params["file_id"]
    with store.lock:
        if store.files.pop(file_id, None) is None:
            return _file_not_found(file_id)
        store.contents.pop(file_id, None)
    return Reply(body={"id": file_id, "object": "file", "deleted": True})


# --- Uploads -------------------------------------------------------------------------------------


def _create_upload(ctx: RouteContext) -> Reply:
    body = _json_body(ctx)
    if isinstance(body, Reply):
        return body
    for name in ("bytes", "filename", "mime_type", "purpose"):
        if name not in body:
            return _bad(f"Missing required parameter: '{name}'.", name, "missing_required_parameter")
    if not isinstance(body["bytes"], int) or not 0 < body["bytes"] <= 8 * 1024**3:
        return _bad("'bytes' must be a positive integer up to 8 GB.", "bytes")
    if body["purpose"] not in UPLOAD_PURPOSES:
        return _bad(f"'{body['purpose']}' is not one of {list(UPLOAD_PURPOSES)} - 'purpose'", "purpose")
    store = _store(ctx)
    now = int(time.time())
    with store.lock:
        upload = {
            "id": store.new_id("upload_"),
            "object": "upload",
            "bytes": body["bytes"],
            "created_at": now,
            "expires_at": now + 3600,
            "filename": str(body["filename"]),
            "purpose": body["purpose"],
            "status": "pending",
            "file": None,
        }
        store.uploads[upload["id"]] = upload
    return Reply(body=dict(upload))


def _pending_upload(store: FineTuningStore, upload_id: str) -> dict[str, Any] | Reply:
    upload = store.uploads.get(upload_id)
    if upload is None:
        return Reply.error(404, f"No such Upload object: {upload_id}", "invalid_request_error", "upload_id")
    if upload["status"] != "pending":
        return _bad(f"Upload {upload_id} is already {upload['status']}.", "upload_id")
    return upload


def _add_part(ctx: RouteContext) -> Reply:
    fields = _multipart(ctx)
    if isinstance(fields, Reply):
        return fields
    if "data" not in fields:
        return _bad("Missing required parameter: 'data'.", "data", "missing_required_parameter")
    data = fields["data"][1]
    if len(data) > 64 * 1024 * 1024:
        return _bad("A part may be at most 64 MB.", "data")
    store = _store(ctx)
    with store.lock:
        upload = _pending_upload(store, ctx.params["upload_id"])
        if isinstance(upload, Reply):
            return upload
        part_id = store.new_id("part_")
        store.parts[part_id] = (upload["id"], data)
    return Reply(
        body={"id": part_id, "object": "upload.part", "created_at": int(time.time()), "upload_id": upload["id"]}
    )


def _complete_upload(ctx: RouteContext) -> Reply:
    body = _json_body(ctx)
    if isinstance(body, Reply):
        return body
    part_ids = body.get("part_ids")
    if not isinstance(part_ids, list) or not part_ids:
        return _bad("Missing required parameter: 'part_ids'.", "part_ids", "missing_required_parameter")
    store = _store(ctx)
    with store.lock:
        upload = _pending_upload(store, ctx.params["upload_id"])
        if isinstance(upload, Reply):
            return upload
        chunks = []
        for part_id in part_ids:
            part = store.parts.get(part_id)
            if part is None or part[0] != upload["id"]:
                return _bad(f"Part {part_id} does not belong to upload {upload['id']}.", "part_ids")
            chunks.append(part[1])
        content = b"".join(chunks)
        if len(content) != upload["bytes"]:
            return _bad(
                f"The parts add up to {len(content)} bytes, but the upload was created with {upload['bytes']} bytes.",
                "bytes",
            )
        md5 = body.get("md5")
        if md5 and md5 != hashlib.md5(content).hexdigest():
            return _bad("The md5 checksum does not match the uploaded content.", "md5")
        upload["file"] = store.add_file(upload["filename"], upload["purpose"], content)
        upload["status"] = "completed"
        answer = dict(upload, file=dict(upload["file"]))
    return Reply(body=answer)


def _cancel_upload(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        upload = _pending_upload(store, ctx.params["upload_id"])
        if isinstance(upload, Reply):
            return upload
        upload["status"] = "cancelled"
        answer = dict(upload)
    return Reply(body=answer)


# --- Jobs ----------------------------------------------------------------------------------------


def _check_metadata(metadata: Any) -> Reply | None:
    if metadata is None:
        return None
    if not isinstance(metadata, dict) or len(metadata) > 16:
        return _bad("metadata must be an object with at most 16 pairs.", "metadata")
    for key, value in metadata.items():
        if len(key) > 64 or not isinstance(value, str) or len(value) > 512:
            return _bad(f"Invalid metadata pair {key!r}: keys <= 64 chars, string values <= 512 chars.", "metadata")
    return None


def _check_file(store: FineTuningStore, file_id: Any, param: str) -> Reply | None:
    obj = store.files.get(file_id) if isinstance(file_id, str) else None
    if obj is None:
        return _bad(f"invalid {param}: {file_id}", param, f"invalid_{param}")
    if obj["purpose"] != "fine-tune":
        return _bad(f"File {file_id} has purpose {obj['purpose']!r}, not 'fine-tune'.", param, f"invalid_{param}")
    return None


def _create_job(ctx: RouteContext) -> Reply:
    server = ctx.server
    refuse = server.ft_refuse  # type: ignore[attr-defined]
    if refuse:
        return Reply.error(
            int(refuse.get("status", 403)),
            str(refuse.get("message", "Fine-tuning is not available for this organization.")),
            str(refuse.get("type", "invalid_request_error")),
            refuse.get("param"),
            refuse.get("code"),
        )
    body = _json_body(ctx)
    if isinstance(body, Reply):
        return body
    store = _store(ctx)
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return _bad("Missing required parameter: 'model'.", "model", "missing_required_parameter")
    if "training_file" not in body:
        return _bad("Missing required parameter: 'training_file'.", "training_file", "missing_required_parameter")
    method = body.get("method")
    if method is None:
        hyper = body.get("hyperparameters") or {}
        method = {"type": "supervised", "supervised": {"hyperparameters": hyper}}
    if not isinstance(method, dict) or method.get("type") not in METHOD_TYPES:
        kind = method.get("type") if isinstance(method, dict) else method
        return _bad(f"Invalid method type {kind!r}; expected one of {list(METHOD_TYPES)}.", "method.type")
    suffix = body.get("suffix")
    if suffix is not None and (not isinstance(suffix, str) or not 1 <= len(suffix) <= 64):
        return _bad("suffix must be 1 to 64 characters.", "suffix")
    problem = _check_metadata(body.get("metadata"))
    if problem:
        return problem
    try:
        ticks = parse_script(list(server.ft_script))  # type: ignore[attr-defined]
    except ValueError as exc:
        return Reply.error(500, f"Stand-in misconfigured: {exc}", "server_error")

    with store.lock:
        if server.find_model(model) is None and model not in store.known_tuned_models():
            return _bad(
                f"Model {model} is not available for fine-tuning or does not exist.", "model", "model_not_available"
            )
        problem = _check_file(store, body["training_file"], "training_file")
        if problem is None and body.get("validation_file") is not None:
            problem = _check_file(store, body["validation_file"], "validation_file")
        if problem:
            return problem

        type_ = method["type"]
        settings = method.get(type_) if isinstance(method.get(type_), dict) else {}
        hyper = dict(settings.get("hyperparameters") or {})
        if type_ in ("supervised", "dpo"):
            for name in ("batch_size", "learning_rate_multiplier", "n_epochs"):
                hyper.setdefault(name, "auto")
        method_out = dict(method, **{type_: dict(settings, hyperparameters=hyper)})
        epochs = hyper.get("n_epochs") if isinstance(hyper.get("n_epochs"), int) else 3
        total = sum(1 for _, step in ticks if step is not None)
        ckpt_steps = sorted({max(1, round(total * e / epochs)) for e in range(1, epochs + 1)})[-3:] if total else []

        job_id = store.new_id("ftjob-")
        base = model.split(":")[1] if model.startswith("ft:") else model
        tuned_name = f"ft:{base}:standin:{suffix or ''}:{job_id[6:14]}"
        obj: dict[str, Any] = {
            "object": "fine_tuning.job",
            "id": job_id,
            "model": model,
            "created_at": int(time.time()),
            "error": None,
            "fine_tuned_model": None,
            "finished_at": None,
            "hyperparameters": dict(hyper) if type_ == "supervised" else {},
            "organization_id": ORGANIZATION_ID,
            "result_files": [],
            "status": ticks[0][0],
            "trained_tokens": None,
            "training_file": body["training_file"],
            "validation_file": body.get("validation_file"),
            "integrations": body.get("integrations"),
            "seed": body["seed"] if isinstance(body.get("seed"), int) else 42,
            "estimated_finish": None,
            "method": method_out,
            "metadata": body.get("metadata"),
        }
        step_seconds = server.ft_step_seconds  # type: ignore[attr-defined]
        job = _Job(
            obj=obj,
            ticks=ticks,
            total_steps=total,
            ckpt_steps=ckpt_steps,
            epochs=epochs,
            validation=obj["validation_file"] is not None,
            tuned_name=tuned_name,
            error=dict(server.ft_error),  # type: ignore[attr-defined]
            step_seconds=step_seconds,
            next_due=time.monotonic() + (step_seconds or 0.0),
        )
        store.jobs[job_id] = job
        store._event(job, f"Created fine-tuning job: {job_id}")
        store._enter(job, *ticks[0], previous=None)
        answer = _job_body(job)
    return Reply(body=answer)


def _job_body(job: _Job) -> dict[str, Any]:
    obj = dict(job.obj)
    obj["result_files"] = list(obj["result_files"])
    return obj


def _locate(ctx: RouteContext) -> tuple[FineTuningStore, _Job] | Reply:
    """The store and the job of the request (caught up in timed mode); call with the store's lock held."""
    store = _store(ctx)
    job = store.job(ctx.params["job_id"])
    if job is None:
        return _job_not_found(ctx.params["job_id"])
    store.catch_up(job)
    return store, job


def _list_jobs(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    query = ctx.request.query
    wanted = {k[len("metadata[") : -1]: v for k, v in query.items() if k.startswith("metadata[") and k.endswith("]")}
    only_null = query.get("metadata") == "null"
    with store.lock:
        jobs = list(store.jobs.values())
        for job in jobs:
            store.catch_up(job)
        items = [_job_body(job) for job in reversed(jobs)]
    if only_null:
        items = [j for j in items if not j["metadata"]]
    if wanted:
        items = [j for j in items if all((j["metadata"] or {}).get(k) == v for k, v in wanted.items())]
    return _list_reply(items, ctx, 20)


def _retrieve_job(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        if job.step_seconds is None:
            store._tick(job)
        return Reply(body=_job_body(job))


def _cancel_job(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        status = job.obj["status"]
        if status in TERMINAL:
            return _bad(f"Job has already {'completed' if status == 'succeeded' else status}: {job.obj['id']}")
        store._enter(job, "cancelled", None, previous=status)
        return Reply(body=_job_body(job))


def _pause_job(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        status = job.obj["status"]
        if status not in ("running", "queued"):
            return _bad(f"Cannot pause a job with status {status!r}.")
        store._enter(job, "paused", None, previous=status)
        return Reply(body=_job_body(job))


def _resume_job(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        if job.obj["status"] != "paused":
            return _bad(f"Cannot resume a job with status {job.obj['status']!r}.")
        job.obj["status"] = job.paused_from or "running"
        job.paused_from = None
        if job.step_seconds is not None:
            job.next_due = time.monotonic() + job.step_seconds
        store._event(job, "Fine-tuning job resumed")
        return Reply(body=_job_body(job))


def _list_events(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        items = [dict(e) for e in reversed(job.events)]
    return _list_reply(items, ctx, 20)


def _list_checkpoints(ctx: RouteContext) -> Reply:
    store = _store(ctx)
    with store.lock:
        found = _locate(ctx)
        if isinstance(found, Reply):
            return found
        _, job = found
        items = [dict(c) for c in reversed(job.checkpoints)]
    page = _page(items, ctx, 10)
    if isinstance(page, Reply):
        return page
    data, has_more = page
    return Reply(
        body={
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": has_more,
        }
    )


def install_finetuning(server: StandinServer) -> None:
    """Register the fine-tuning routes on ``server`` and give it a fresh store and default knobs."""
    server.ft = FineTuningStore(server)  # type: ignore[attr-defined]
    server.ft_script = list(DEFAULT_SCRIPT)  # type: ignore[attr-defined]
    server.ft_step_seconds = None  # type: ignore[attr-defined]
    server.ft_error = dict(DEFAULT_FT_ERROR)  # type: ignore[attr-defined]
    server.ft_refuse = None  # type: ignore[attr-defined]
    server.ft_result_base64 = False  # type: ignore[attr-defined]
    server.routes.update(
        {
            ("POST", "/files"): _create_file,
            ("GET", "/files"): _list_files,
            ("GET", "/files/{file_id}"): _retrieve_file,
            ("GET", "/files/{file_id}/content"): _file_content,
            ("DELETE", "/files/{file_id}"): _delete_file,
            ("POST", "/uploads"): _create_upload,
            ("POST", "/uploads/{upload_id}/parts"): _add_part,
            ("POST", "/uploads/{upload_id}/complete"): _complete_upload,
            ("POST", "/uploads/{upload_id}/cancel"): _cancel_upload,
            ("POST", "/fine_tuning/jobs"): _create_job,
            ("GET", "/fine_tuning/jobs"): _list_jobs,
            ("GET", "/fine_tuning/jobs/{job_id}"): _retrieve_job,
            ("POST", "/fine_tuning/jobs/{job_id}/cancel"): _cancel_job,
            ("POST", "/fine_tuning/jobs/{job_id}/pause"): _pause_job,
            ("POST", "/fine_tuning/jobs/{job_id}/resume"): _resume_job,
            ("GET", "/fine_tuning/jobs/{job_id}/events"): _list_events,
            ("GET", "/fine_tuning/jobs/{job_id}/checkpoints"): _list_checkpoints,
        }
    )
