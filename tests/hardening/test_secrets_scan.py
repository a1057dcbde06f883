"""After a scripted full session, the API key is in no file the app wrote.

The session, through the real window and services: a connection whose key goes to the keyring,
a dataset imported, a few comparisons judged, a training job launched on the stand-in and
followed, a Playground send (and one with a key the server refuses), the dataset and the
judgements exported, a backup, then trouble: an error reported with the key in its text, an
uncaught exception and an event-loop error carrying the key, and a log line with the key.

Every file under FINETUNE_STUDIO_HOME (project, its WAL and SHM while it is open, backups,
settings, window state, logs), the export folder and whatever the session left in the temp folder
is then searched for the key in every form a leak could take: raw, base64 (at any alignment,
standard and URL-safe), URL-encoded, JSON-escaped, UTF-16 and hex. Once while the project is open,
once after the app shut down: zero hits both times.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, quote_plus

from app.logs import setup_logging
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import annotation_judging, dataset_admin, jobs
from app.services.annotation_export import export_dpo
from app.services.importing import ImportRequest, run_import
from app.services.jobs import LaunchRequest
from app.store import annotation_repo, backups
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui import conftest as ui_test_bed
from tests.ui.annotate_support import fill_queue
from tests.ui.conftest import until
from tests.ui.playground_support import FOUR_O, MINI, all_done, playground_fixture, set_models, type_and_send

# The UI test bed's fixtures (tests/ui/conftest.py does not reach this folder), registered by name.
globals().update({name: getattr(ui_test_bed, name) for name in ("qloop", "arun", "ctx", "window")})

_ = playground_fixture  # the "pg" fixture

# Not shaped like an OpenAI key (so only the app's list of known secrets can mask it), and with
# characters that URL-encoding and JSON escaping change.
KEY = "fts-Q7+x/Secret=9f3a2c7e4b1d8e6f0a5cZ"


def base64_cores(secret: bytes) -> dict[str, bytes]:
    """The part of base64(secret) that does not depend on its neighbours, for each of the three
    alignments it can have inside a longer string, in both alphabets."""
    out: dict[str, bytes] = {}
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + secret + b"\0\0")
        # Character i encodes bits 6i..6i+5: keep those that come only from the secret's bytes.
        first = next(i for i in range(len(encoded)) if (6 * i) // 8 >= offset)
        last = max(i for i in range(len(encoded)) if (6 * i + 5) // 8 <= offset + len(secret) - 1)
        core = encoded[first : last + 1]
        out[f"base64+{offset}"] = core
        out[f"base64url+{offset}"] = core.replace(b"+", b"-").replace(b"/", b"_")
    return out


def key_forms(key: str) -> dict[str, bytes]:
    """Every form the key could be written in."""
    raw = key.encode()
    forms = {
        "raw": raw,
        "url-encoded": quote(key, safe="").encode(),
        "url-encoded (form)": quote_plus(key).encode(),
        "json-escaped": json.dumps(key).strip('"').replace("/", "\\/").encode(),
        "utf-16-le": key.encode("utf-16-le"),
        "utf-16-be": key.encode("utf-16-be"),
        "hex": raw.hex().encode(),
        "HEX": raw.hex().upper().encode(),
        **base64_cores(raw),
    }
    unique: dict[bytes, str] = {}
    for name, form in forms.items():
        unique.setdefault(form, name)  # forms that coincide for this key are searched once
    return {name: form for form, name in unique.items()}


def files_under(*roots: Path) -> list[Path]:
    """Every file below ``roots`` (a root may be a file; what vanishes meanwhile is skipped)."""
    found: set[Path] = set()
    for root in roots:
        try:
            found.update([root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()))
        except OSError:
            continue
    return sorted(found)


def leaks(paths: list[Path]) -> list[str]:
    """``path: form`` for every file holding the key in some form."""
    forms = key_forms(KEY)
    found = []
    for path in paths:
        try:
            if path.stat().st_size > 64 * 1024 * 1024:
                continue  # not ours: the session writes nothing that big
            data = path.read_bytes()
        except OSError:  # a temporary file that went away meanwhile
            continue
        found += [f"{path}: {name}" for name, form in forms.items() if form in data]
    return found


def test_the_key_forms_are_found_where_they_are(tmp_path):
    """The search itself works: each form planted in a file is found (the scan cannot pass by being blind)."""
    forms = key_forms(KEY)
    for name, form in forms.items():
        (tmp_path / f"{name}.bin").write_bytes(b"prefix-" + form + b"-suffix")
    for offset in range(3):  # the key inside a longer base64 text, as in a Basic auth header
        (tmp_path / f"inside{offset}.txt").write_bytes(base64.b64encode(b"u" * offset + b"user:" + KEY.encode()))
    found = leaks(files_under(tmp_path))
    assert len(found) >= len(forms) + 3
    assert leaks([tmp_path / "raw.bin"]) == [f"{tmp_path / 'raw.bin'}: raw"]


def test_a_full_session_leaves_the_key_in_no_file(window, pg, ctx, arun, standin, app_home, tmp_path, monkeypatch):
    standin.api_key = KEY
    standin.reply_text = "Hello there, this is the stand-in answering."
    log_file = setup_logging(app_home / "logs")
    exports = tmp_path / "exports"
    exports.mkdir()
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app's hooks are installed below
    state: dict = {}

    async def session():
        project = ctx.project
        state["project_dir"] = project.path.parent
        # A connection; its key typed once, kept in the keyring.
        profile = ConnectionProfile(name="Stand-in", base_url=standin.base_url)
        ctx.settings.upsert_connection(profile)
        ctx.settings.active_connection = profile.id
        await run_blocking(keystore.set_key, profile.id, KEY)
        await ctx.save_settings()
        ctx.settings_changed.emit()

        # Data, judgements.
        data = tmp_path / "lease.jsonl"
        write_jsonl(data, [sft(i) for i in range(12)])
        dataset_id = (await run_blocking(run_import, project, ImportRequest(data, name="lease"))).dataset_id
        queue = await project.db.write(lambda db: fill_queue(db, 6, name="Leases"))
        items = await project.db.read(annotation_repo.queue_items, queue)
        me = ctx.settings.annotator_name
        for item in items[:3]:
            await project.db.write(lambda db, item=item: annotation_judging.judge(
                db, item, me, "win", "left", rationale="The left answer cites the clause."))

        # A training job, followed to its end.
        client, _ = await ctx.client_for(profile)
        row = await jobs.launch(project, client, profile, LaunchRequest(dataset_id=dataset_id, model=MINI))
        for _ in range(8):
            row = await jobs.poll_job(project, client, profile, row.id)
        assert row.status == "succeeded"
        await jobs.refresh_jobs(project, client, profile)

        # The Playground: an answer, then a key the server no longer accepts.
        set_models(pg, [MINI, FOUR_O], profile)
        type_and_send(pg, "Who pays for repairs?")
        await all_done(pg)
        standin.api_key = "a-different-key-now-0123456789"
        type_and_send(pg, "And the roof?")
        await all_done(pg)
        assert "was not accepted" in pg.session.turns[-1].answers[0].error
        standin.api_key = KEY
        await until(lambda: pg.session.id is not None, what="the session saved")
        await asyncio.sleep(0.3)  # the session's last save

        # Exports and a backup.
        await project.db.read(dataset_admin.export_dataset, dataset_id, exports / "lease.jsonl")
        await project.db.read(dataset_admin.export_dataset, dataset_id, exports / "lease-messages.jsonl", "messages")
        await project.db.write(lambda db: export_dpo(db, queue, "Lease preferences"))
        await project.db.write(backups.backup_before, backups.Reason.MANUAL)

        # Trouble, with the key in the middle of it.
        from ui.application import _install_error_hooks

        loop = asyncio.get_running_loop()
        _install_error_hooks(ctx, loop)
        try:
            ctx.report_error(f"The provider refused {KEY}", RuntimeError(f"request with key {KEY} failed"))
            try:
                raise ValueError(f"crashed while holding {KEY}")
            except ValueError:
                sys.excepthook(*sys.exc_info())
            loop.call_exception_handler({"message": f"task died ({KEY})", "exception": RuntimeError(KEY)})
            logging.getLogger("app.secrets_test").error("the key is %s, in full", KEY)
            logging.getLogger("app.secrets_test").info("key=%s api-key: %s Authorization: Bearer %s", KEY, KEY, KEY)
        finally:
            loop.set_exception_handler(None)
        await asyncio.sleep(0.1)

        for handler in logging.getLogger().handlers:
            handler.flush()
        state["open_files"] = files_under(app_home, state["project_dir"], exports)
        state["open_leaks"] = leaks(state["open_files"])

    try:
        arun(session(), timeout=40)
        arun(ctx.shutdown())
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "_finetune_studio", False)]:
            handler.flush()
            logging.getLogger().removeHandler(handler)
            handler.close()

    opened = state["open_files"]
    names = [p.name for p in opened]
    # The scan saw what it must: the project with its WAL, a backup, settings, the log, the exports.
    assert any(n.endswith(".ftproj-wal") for n in names), names
    assert any(n.endswith(".ftproj-shm") for n in names), names
    assert any("backups" in p.parts for p in opened), names
    assert "settings.json" in names and log_file.name in names
    assert {"lease.jsonl", "lease-messages.jsonl"} <= set(names)
    assert log_file.stat().st_size > 0 and "[redacted]" in log_file.read_text(encoding="utf-8")
    assert state["open_leaks"] == [], state["open_leaks"]

    new_temp = [p for p in Path(tempfile.gettempdir()).iterdir() if p not in temp_before and p != tmp_path]
    after = files_under(app_home, state["project_dir"], exports, *new_temp)
    assert leaks(after) == [], leaks(after)
    assert keystore.get_key(ctx.settings.active_connection) == KEY  # the key itself is still in the keyring
