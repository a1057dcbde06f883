"""Disk full and read-only folders while saving: the settings, the project, exports of every format
(OpenAI JSONL, messages JSONL, DPO preference pairs) and an export through the Datasets view.

For each: a plain message (no traceback, no errno, no hidden temporary file name), the previous
file byte for byte as it was, and no temporary file left behind.

Simulated honestly where the machine allows it: a small tmpfs mounted for the test (really full:
ENOSPC; remounted read-only: EROFS). Where mounting is not allowed (no root / no CAP_SYS_ADMIN),
"disk full" falls back to a file-size limit (RLIMIT_FSIZE: the kernel refuses the write with
EFBIG) and "read-only" to an injected EROFS at ``os.open``/``os.replace``; the tests that need a
real file system (SQLite's own writes into a read-only folder) are skipped then.
``FTS_DISK_SIMULATE=1`` forces the fallback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import signal
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.formats.model import Kind, Record
from app.formats.pipeline import check_records
from app.formats.writers import WriteError, atomic_write
from app.services import annotation_export, dataset_admin, dataset_edits
from app.services.annotation_judging import judge
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.settings import Settings, load_settings, save_settings
from app.store import datasets_repo
from app.store.project_file import create_project
from app.store.tx import transaction
from tests.core.datasets.conftest import dump, sft, write_jsonl
from tests.ui.conftest import arun, ctx, qloop, window  # noqa: F401 - the UI test bed, for the view test


def _mount_allowed() -> bool:
    if os.environ.get("FTS_DISK_SIMULATE") or os.name != "posix" or os.geteuid() != 0:
        return False
    probe = Path(f"/tmp/fts-mount-probe-{uuid.uuid4().hex[:8]}")
    probe.mkdir()
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", str(probe)], check=True)
        return ok
    except OSError:
        return False
    finally:
        probe.rmdir()


REAL = _mount_allowed()
needs_real_fs = pytest.mark.skipif(not REAL, reason="needs a real small file system (mount not allowed here)")


class Volume:
    """A folder on its own small file system: ``full()`` and ``read_only()`` make it so, for real
    (tmpfs) or, where mounting is not allowed, by a file-size limit and an injected EROFS."""

    def __init__(self, path: Path, size: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path, self.real, self._mp = path, REAL, monkeypatch
        path.mkdir()
        if self.real:
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)

    def close(self) -> None:
        if self.real:
            subprocess.run(["umount", "-l", str(self.path)], check=True)

    @contextlib.contextmanager
    def full(self, room: int = 0) -> Iterator[None]:
        """Only ``room`` more bytes can be written (ENOSPC; EFBIG in the fallback, where ``room``
        is the largest file size allowed)."""
        if not self.real:
            old = resource.getrlimit(resource.RLIMIT_FSIZE)
            handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
            resource.setrlimit(resource.RLIMIT_FSIZE, (room, old[1]))
            try:
                yield
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, old)
                signal.signal(signal.SIGXFSZ, handler)
            return
        filler = self.path / ".filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            block = b"\0" * 65536
            while True:
                try:
                    os.write(fd, block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    if len(block) == 1:
                        break
                    block = block[: len(block) // 2]
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - room))
        finally:
            os.close(fd)
        try:
            yield
        finally:
            filler.unlink()

    @contextlib.contextmanager
    def read_only(self) -> Iterator[None]:
        """The folder cannot be written to (EROFS)."""
        if not self.real:
            inside = str(self.path)
            real_open, real_replace = os.open, os.replace

            def refuse(path: Any) -> None:
                if os.path.abspath(os.fspath(path)).startswith(inside):
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))

            def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
                if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                    refuse(path)
                return real_open(path, flags, *args, **kwargs)

            def fake_replace(src: Any, dst: Any, **kwargs: Any) -> None:
                refuse(dst)
                real_replace(src, dst, **kwargs)

            with self._mp.context() as mp:
                mp.setattr(os, "open", fake_open)
                mp.setattr(os, "replace", fake_replace)
                yield
            return
        subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(self.path)], check=True)

    def temp_files(self) -> list[str]:
        return sorted(n for n in os.listdir(self.path) if n.endswith(".tmp"))


@pytest.fixture
def volume(tmp_path, monkeypatch):
    v = Volume(tmp_path / "vol", "4m", monkeypatch)
    yield v
    v.close()


def assert_plain(message: str, *names: str) -> None:
    """A sentence for a person: no traceback, no errno, no hidden temporary file; names the file."""
    for bad in ("Traceback", "Errno", ".tmp", "OSError", "WriteError"):
        assert bad not in message, message
    for name in names:
        assert name in message, message


LONG = "The tenant pays the small repairs and the landlord the structure. " * 60  # ~4 KB
PREVIOUS = b'{"messages":[{"role":"user","content":"kept"}]}\n' * 40
BIG = [b"x" * 65536] * 80  # 5 MiB: more than the whole volume holds


# --- atomic_write: the base of every file the app saves ------------------------------------------------


@pytest.mark.parametrize("previous", [True, False], ids=["replacing", "new-file"])
@pytest.mark.parametrize("condition", ["full", "fills-up", "read-only"])
def test_atomic_write_keeps_the_previous_file_and_leaves_no_temp(volume, condition, previous):
    target = volume.path / "train.jsonl"
    if previous:
        target.write_bytes(PREVIOUS)
    # "fills-up": there is room for the start of the data (1 MiB), not for all of it (5 MiB).
    state = volume.read_only() if condition == "read-only" else volume.full(room=(condition == "fills-up") << 20)
    with state, pytest.raises(WriteError) as info:
        atomic_write(target, BIG if condition == "fills-up" or not volume.real else [b"small\n"])
    exc = info.value
    expected = {"read-only": {errno.EROFS}}.get(condition, {errno.ENOSPC} if volume.real else {errno.EFBIG})
    assert exc.errno in expected and isinstance(exc, OSError)
    assert exc.filename == str(target)
    assert_plain(str(exc), "“train.jsonl”")
    assert ("read-only" if condition == "read-only" else "disk" if volume.real else "larger") in str(exc)
    assert ("left unchanged" in str(exc)) == previous
    assert (target.read_bytes() == PREVIOUS) if previous else not target.exists()
    assert volume.temp_files() == []


def test_an_error_of_the_data_itself_is_not_dressed_as_a_write_error(tmp_path):
    def chunks():
        yield b"a\n"
        raise FileNotFoundError(errno.ENOENT, "source gone", "input.jsonl")

    with pytest.raises(FileNotFoundError, match="source gone"):
        atomic_write(tmp_path / "out.jsonl", chunks())
    assert os.listdir(tmp_path) == []


# --- settings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("condition", ["full", "read-only"])
def test_settings_save_fails_plainly_and_keeps_the_saved_settings(volume, condition):
    path = volume.path / "config" / "settings.json"
    before = Settings(language="de", annotator="Dr. Weber")
    before.note_opened(Path("/projects/leases.ftproj"))
    save_settings(path, before)
    saved = path.read_bytes()
    after = Settings(language="fr", annotator="Someone else", prices={"x": 1})
    with (volume.full() if condition == "full" else volume.read_only()), pytest.raises(OSError) as info:
        save_settings(path, after)
    assert isinstance(info.value, WriteError)
    assert_plain(str(info.value))
    assert str(info.value).startswith("Your settings could not be saved: ")
    assert "The settings saved before are kept." in str(info.value)
    assert path.read_bytes() == saved
    assert load_settings(path).annotator == "Dr. Weber"
    assert sorted(os.listdir(path.parent)) == ["settings.json"]


def test_settings_in_a_missing_folder_on_a_read_only_disk(volume):
    with volume.read_only(), pytest.raises(WriteError) as info:
        save_settings(volume.path / "new-config" / "settings.json", Settings())
    assert_plain(str(info.value))
    assert "read-only" in str(info.value)


def test_settings_that_cannot_be_saved_do_not_stop_a_project_from_opening(arun, volume, tmp_path):  # noqa: F811
    """A read-only (or full) settings folder: the project still opens at start-up; the banner says the
    settings could not be saved."""
    from app.paths import AppDirs
    from ui.app_context import AppContext

    path = tmp_path / "leases.ftproj"
    create_project(path)
    context = AppContext(AppDirs(data=tmp_path / "data", config=volume.path / "config", logs=tmp_path / "logs"))
    arun(context.load_settings())
    errors: list[str] = []
    context.error_reported.connect(lambda message, _details: errors.append(message))
    try:
        with volume.read_only():
            arun(context.open_startup_project(str(path)))
        assert context.project is not None and context.project.path == path.resolve()
        assert errors and all(e.startswith("Your settings could not be saved: ") for e in errors), errors
    finally:
        arun(context.shutdown())


# --- exports of a dataset -----------------------------------------------------------------------------


def _dpo(i: int) -> dict:
    return {"input": {"messages": [{"role": "user", "content": f"Which clause covers repair {i}?"}]},
            "preferred_output": [{"role": "assistant", "content": f"Clause {i} does."}],
            "non_preferred_output": [{"role": "assistant", "content": "No idea."}]}


def _store(db: Any, name: str, kind: Kind, objects: list[dict]) -> int:
    with transaction(db.conn):
        ds = datasets_repo.create_dataset(db, name, kind)
        chunk = check_records([Record(i + 1, o) for i, o in enumerate(objects)], kind, None)
        datasets_repo.insert_examples(db, ds, 0, chunk.examples)
    return ds


@pytest.fixture(scope="module")
def export_project(tmp_path_factory):
    """A project on the ordinary disk with an SFT and a DPO dataset (exports go to the small volume)."""
    path = tmp_path_factory.mktemp("export") / "data.ftproj"
    create_project(path)
    p = open_project_sync(path)
    datasets = {
        "sft": p.db.submit_write(_store, "Leases", Kind.SFT, [sft(i) for i in range(60)]).result(),
        "dpo": p.db.submit_write(_store, "Preferences", Kind.DPO, [_dpo(i) for i in range(60)]).result(),
    }
    yield p, datasets
    p._close_sync()


@pytest.mark.parametrize("condition", ["full", "read-only"])
@pytest.mark.parametrize(("kind", "fmt"), [("sft", "openai"), ("sft", "messages"), ("dpo", "pairs"),
                                           ("dpo", "openai")])
def test_dataset_export_fails_plainly_and_keeps_the_previous_file(export_project, volume, condition, kind, fmt):
    project, datasets = export_project
    target = volume.path / f"{kind}-{fmt}.jsonl"
    target.write_bytes(PREVIOUS)
    with (volume.full() if condition == "full" else volume.read_only()), pytest.raises(WriteError) as info:
        project.db.submit_read(dataset_admin.export_dataset, datasets[kind], target, fmt).result()
    assert_plain(str(info.value), target.name)
    assert target.read_bytes() == PREVIOUS
    assert volume.temp_files() == []
    # Room again: the same export works, complete.
    assert project.db.submit_read(dataset_admin.export_dataset, datasets[kind], target, fmt).result() == 60
    assert len(target.read_bytes().splitlines()) == 60


# --- writes into a project on a full disk ---------------------------------------------------------------


def _integrity(project: Any) -> str:
    return project.db.submit_read(lambda db: db.conn.execute("PRAGMA integrity_check").fetchone()[0]).result()


def test_project_writes_on_a_full_disk_fail_whole_and_work_again_after(volume, tmp_path):
    """Edits, adds, deletes, a DPO export (annotation queue → new dataset) and an import: each
    fails as a whole; the project is exactly as before and intact; once there is room again the
    same writes succeed, without reopening the project."""
    from tests.ui.annotate_support import fill_queue

    path = volume.path / "full.ftproj"
    create_project(path)
    project = open_project_sync(path)
    source = tmp_path / "more.jsonl"
    write_jsonl(source, [sft(i) for i in range(300)])
    try:
        # Worker processes started now, not under the fallback's file-size limit (they would keep it).
        run_import(project, ImportRequest(source, name="Before"))

        def setup(db: Any) -> tuple[int, int, list[int]]:
            ds = _store(db, "Leases", Kind.SFT, [sft(i) for i in range(100)])
            queue = fill_queue(db, n=6)
            for cid in range(1, 7):
                judge(db, cid, "me", "win", "left")
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every next write needs new space
            return ds, queue, datasets_repo.example_ids(db, ds)

        ds, queue, ids = project.db.submit_write(setup).result()
        before = dump(project)
        writes = {
            "edit": lambda db: dataset_edits.set_example_data(db, ids[0], sft(1000, answer="changed " * 2000)),
            "add": lambda db: dataset_edits.add_example(db, ds, sft(2000, answer="new " * 2000)),
            "delete": lambda db: dataset_edits.delete_examples(db, ids[:50]),
            "dpo export": lambda db: annotation_export.export_dpo(db, queue, "Preferences"),
        }
        errors = {}
        # The fallback's file-size limit also stops the safety backup made before a bulk delete.
        refused = sqlite3.OperationalError if volume.real else Exception
        with volume.full():
            for name, job in writes.items():
                with pytest.raises(refused) as info:
                    project.db.submit_write(job).result()
                errors[name] = str(info.value)
            with pytest.raises(refused):  # its wording: see the next test
                run_import(project, ImportRequest(source, name="More"))
            assert dump(project) == before
        if volume.real:
            assert set(errors.values()) == {"database or disk is full"}, errors
        assert dump(project) == before and _integrity(project) == "ok"
        for job in writes.values():  # room again: the same connection writes fine
            project.db.submit_write(job).result()
        assert run_import(project, ImportRequest(source, name="More")).report.examples == 300
    finally:
        project._close_sync()
    reopened = open_project_sync(path)
    try:
        names = [d.name for d in reopened.db.submit_read(datasets_repo.list_datasets).result()]
        assert sorted(names) == ["Before", "Leases", "More", "Preferences"]
        assert _integrity(reopened) == "ok"
    finally:
        reopened._close_sync()


@needs_real_fs
def test_big_transactions_on_a_full_disk_say_the_disk_is_full(tmp_path, monkeypatch):
    """An import, deleting or copying a big dataset: the error names the full disk. The project
    stays intact either way (checked here too)."""
    vol = Volume(tmp_path / "big", "24m", monkeypatch)
    try:
        path = vol.path / "big.ftproj"
        create_project(path)
        project = open_project_sync(path)
        source = tmp_path / "more.jsonl"
        write_jsonl(source, [sft(i) for i in range(300)])
        try:
            run_import(project, ImportRequest(source, name="Before"))
            big = project.db.submit_write(_store, "Big", Kind.SFT, [sft(i, answer=LONG) for i in range(800)])
            big = big.result()
            project.db.submit_write(lambda db: db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")).result()
            before = dump(project)
            errors = {}
            with vol.full():
                with pytest.raises(sqlite3.OperationalError) as info:
                    run_import(project, ImportRequest(source, name="More"))
                errors["import"] = str(info.value)
                for name, job in (("delete dataset", lambda db: dataset_admin.delete_dataset(db, big)),
                                  ("copy dataset", lambda db: dataset_admin.duplicate_dataset(db, big))):
                    with pytest.raises(sqlite3.OperationalError) as info:
                        project.db.submit_write(job).result()
                    errors[name] = str(info.value)
            assert dump(project) == before and _integrity(project) == "ok"
            assert set(errors.values()) == {"database or disk is full"}, errors
        finally:
            project._close_sync()
    finally:
        vol.close()


@needs_real_fs
def test_a_project_in_a_read_only_folder_is_never_modified(volume):
    """Opening fails (or, later, opens read-only) — either way, not a byte of the file changes and
    no journal file appears next to it."""
    path = volume.path / "shared.ftproj"
    create_project(path)
    project = open_project_sync(path)
    project.db.submit_write(_store, "Leases", Kind.SFT, [sft(i) for i in range(20)]).result()
    project._close_sync()
    content = path.read_bytes()
    with volume.read_only():
        try:
            opened = open_project_sync(path)
        except Exception as exc:  # noqa: BLE001 - any refusal is fine here; its wording is checked below
            message = str(exc)
        else:
            opened._close_sync()
            message = ""
        assert sorted(os.listdir(volume.path)) == ["shared.ftproj"]
    assert path.read_bytes() == content
    assert "read-only" in message and "Copy the project" in message and "sqlite" not in message.lower()


# --- the same through the Datasets view -------------------------------------------------------------------


def test_export_through_the_view_shows_a_plain_banner(window, ctx, arun, volume):  # noqa: F811 - fixtures
    """Export… → file chosen → disk full: the banner says what happened in plain words; the previous
    file is unchanged; nothing is left behind. Then a read-only folder, same."""
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.conftest import until

    view = window.pages.widget(0)
    window.sidebar.setCurrentRow(0)
    target = volume.path / "contracts.jsonl"
    target.write_bytes(PREVIOUS)

    async def scenario() -> None:
        ds = await ctx.project.db.write(_store, "Contracts", Kind.SFT, [sft(i) for i in range(40)])
        await view.reload_datasets(select=ds)
        await until(lambda: view.dataset_id == ds, what="dataset selected")
        for state, words in ((volume.full, "disk is full" if volume.real else "larger than"),
                             (volume.read_only, "read-only")):
            window.banner.hide()
            with state():
                view.export_action.trigger()
                dlg = next(d for d in view.findChildren(QFileDialog) if d.isVisible())
                dlg.fileSelected.emit(str(target))  # what the dialog emits once a file is chosen
                await until(lambda: window.banner.isVisible(), timeout=20, what="error banner")
                dlg.close()
            text = window.banner.message.text()
            assert_plain(text, str(target))
            assert words in text and "The previous file, if any, is unchanged." in text
            assert view.busy.running == 0  # the busy indicator is gone
            assert target.read_bytes() == PREVIOUS
            assert volume.temp_files() == []

    arun(scenario(), timeout=60)
