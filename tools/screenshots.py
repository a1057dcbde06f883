#!/usr/bin/env python3
"""Screenshots of every view and the main dialogs, in one language, with the sample project open.

For translators and reviewers: look at the pictures for clipped or cramped text. Runs the real app
window on an X screen (Xvfb when there is no display); nothing is sent anywhere.

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb LANG=pt_BR.UTF-8 \\
        .venv/bin/python tools/screenshots.py OUT_DIR pt_BR [--standin]

Writes ``OUT_DIR/NN-name.png`` (the whole screen) and prints one line per picture. Uses a
throw-away app folder and a keyring in memory, so the user's projects, settings and keys are never
touched. ``--standin`` (a checkout with ``tests/``) also connects to the test suite's stand-in OpenAI
server on 127.0.0.1, trains a model on the sample data and lets the Playground answer, so the Jobs
view and the Playground are shown with content.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def _settle(seconds: float = 1.5) -> None:
    await asyncio.sleep(seconds)


def _grab(out: Path, name: str, index: int) -> None:
    from PySide6.QtWidgets import QApplication

    path = out / f"{index:02d}-{name}.png"
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print(path)


def _close_dialogs(window) -> None:  # noqa: ANN001 - MainWindow
    from PySide6.QtWidgets import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()


async def _with_standin(window, ctx, scenes: list) -> None:  # noqa: ANN001
    """Connect to a stand-in server, train once, and add the pictures that need a provider."""
    from app.formats.model import Kind
    from app.secrets import keystore
    from app.services import jobs
    from app.services.jobs import LaunchRequest
    from app.store import datasets_repo
    from tests.standin.server import StandinServer
    from tests.ui.jobs_support import MODEL, connect
    from tests.ui.playground_support import set_models, type_and_send

    server = StandinServer().start()
    server.ft_script = ["validating_files", "queued", "running:12", "succeeded"]  # a tick per status check
    server.stream_delay = 0.02
    server.reply_text = lambda request: (
        "Olá! Sinto muito pela cobrança duplicada. Já abri um pedido de estorno para a equipe financeira; "
        "o valor volta para o seu cartão em até 10 dias úteis.")
    profile = await connect(ctx, server)
    await ctx.save_settings()
    await ctx.refresh_connection_state()
    infos = await ctx.project.db.read(datasets_repo.list_datasets)
    sft = next(d for d in infos if d.kind is Kind.SFT)
    client = ctx.clients.get(profile, keystore.get_key(profile.id))
    job = await jobs.launch(ctx.project, client, profile, LaunchRequest(dataset_id=sft.id, model=MODEL))
    jobs_view = window.pages.widget(window.view_keys.index("jobs"))
    playground = window.pages.widget(window.view_keys.index("playground"))

    async def show_job() -> None:
        window.show_view("jobs")
        jobs_view.poll_interval = jobs_view.backoff = 0.1  # follow the job quickly
        await jobs_view.reload()
        for _i in range(100):  # the job runs in about 3 s
            await asyncio.sleep(0.1)
            row = jobs_view.model.row_of(job.id)
            if row >= 0 and jobs_view.model.rows[row].status == "succeeded":
                break
        jobs_view.table.selectRow(jobs_view.model.row_of(job.id))
        await _settle(2)

    async def answers() -> None:
        window.show_view("playground")
        fine_tuned = jobs_view.model.rows[jobs_view.model.row_of(job.id)].fine_tuned_model or MODEL
        set_models(playground, [MODEL, fine_tuned], profile)
        type_and_send(playground, "Oi, apareceram duas cobranças de R$ 149 no meu cartão em março. Podem verificar?")
        await _settle(3)

    scenes.insert(0, ("jobs-detail", show_job))
    scenes.insert(1, ("playground-answers", answers))


async def _scenes(window, ctx) -> list[tuple[str, Callable[[], Awaitable[None] | None]]]:  # noqa: ANN001
    """What to show, in order: (name, what to do before the picture)."""
    from ui.settings.preferences_dialog import PreferencesDialog

    datasets = window.pages.widget(window.view_keys.index("datasets"))

    def select_dataset(row: int) -> Callable[[], None]:
        def go() -> None:
            window.show_view("datasets")
            table = datasets.datasets_table
            if table.model() is not None and table.model().rowCount() > row:
                table.selectRow(row)
        return go

    def select_example() -> None:
        view = datasets.examples.table
        if view is not None and view.model() is not None and view.model().rowCount() > 0:
            view.selectRow(0)

    async def findings() -> None:
        """A file with mistakes imported, its Validation tab open: the findings in the language."""
        import json

        from app.services.importing import ImportRequest, import_dataset

        path = ctx.dirs.data / "com problemas.jsonl"
        good = {"messages": [{"role": "user", "content": "Oi"}, {"role": "assistant", "content": "Olá!"}]}
        lines = [json.dumps(good, ensure_ascii=False)] * 3 + [
            '{"messages": [{"role": "user", "content": "Oi"}]}',
            '{"messages": [{"role": "sistema", "content": "x"}, {"role": "user", "content": "Oi"}, '
            '{"role": "assistant", "content": ""}]}',
            "{'messages': []}",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = await import_dataset(ctx.project, ImportRequest(path, name="Com problemas"))
        window.show_view("datasets")
        await datasets.reload_datasets(select=result.dataset_id)
        await _settle(1)
        datasets.side.setCurrentIndex(1)

    def show(key: str) -> Callable[[], None]:
        return lambda: window.show_view(key)

    wizards = []

    def wizard() -> None:
        window.show_view("jobs")
        wizards.append(window.pages.widget(window.view_keys.index("jobs")).open_wizard())

    def wizard_next() -> None:
        wizards[-1].next_button.click()

    def preferences() -> None:
        PreferencesDialog(ctx, window).open()

    def annotate_stats() -> None:
        window.show_view("annotate")
        window.pages.widget(window.view_keys.index("annotate")).tabs.setCurrentIndex(1)

    def batch() -> None:
        window.show_view("playground")
        window.pages.widget(window.view_keys.index("playground")).dialogs.open_batch()

    def grader() -> None:
        from ui.graders.dialog import GraderEditorDialog

        GraderEditorDialog(ctx, 1, parent=window).open()  # the sample project's grader

    def annotate_dialog(name: str) -> Callable[[], None]:
        def go() -> None:
            window.show_view("annotate")
            getattr(window.pages.widget(window.view_keys.index("annotate")), name)()
        return go

    return [
        ("datasets-first", select_dataset(0)),
        ("datasets-example", select_example),
        ("datasets-second", select_dataset(1)),
        ("datasets-third", select_dataset(2)),
        ("datasets-findings", findings),
        ("annotate", show("annotate")),
        ("annotate-statistics", annotate_stats),
        ("annotate-import", annotate_dialog("open_import")),
        ("annotate-generate", annotate_dialog("open_generate")),
        ("annotate-export", annotate_dialog("open_export")),
        ("jobs", show("jobs")),
        ("jobs-wizard", wizard),
        ("jobs-wizard-data", wizard_next),
        ("jobs-wizard-settings", wizard_next),
        ("jobs-grader", grader),
        ("playground", show("playground")),
        ("playground-batch", batch),
        ("connections", window.show_connections),
        ("preferences", preferences),
        ("shortcuts", window.show_shortcuts),
        ("about", window.show_about),
    ]


async def _run(out: Path, language: str, standin: bool) -> int:
    from app.paths import app_dirs
    from ui import i18n
    from ui.app_context import AppContext
    from ui.application import install_asyncgen_hooks
    from ui.main_window import MainWindow
    from ui.sample_offer import open_sample_project

    install_asyncgen_hooks(asyncio.get_running_loop())
    ctx = AppContext(app_dirs().ensure())
    await ctx.load_settings()
    ctx.settings.language = language
    ctx.settings.sample_offered = True
    i18n.install(language)
    window = MainWindow(ctx)
    window.setGeometry(0, 0, 1280, 800)
    window.show()
    await open_sample_project(ctx)
    await _settle(2.5)
    scenes = await _scenes(window, ctx)
    if standin:
        await _with_standin(window, ctx, scenes)
    for index, (name, action) in enumerate(scenes, start=1):
        result = action()
        if asyncio.iscoroutine(result):
            await result
        await _settle()
        _grab(out, name, index)
        if name in ("jobs-wizard", "jobs-wizard-data"):
            continue  # the next picture is the wizard's next page
        if "-" in name and name.split("-")[0] in ("annotate", "jobs", "playground") or name in (
                "connections", "preferences", "shortcuts", "about"):
            _close_dialogs(window)
            await _settle(0.3)
    window.close()
    await ctx.shutdown()
    return 0


def main(argv: list[str]) -> int:
    """``screenshots.py OUT_DIR [LANGUAGE]``."""
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    standin = "--standin" in argv
    argv = [a for a in argv if a != "--standin"]
    language = argv[1] if len(argv) > 1 else "pt_BR"
    os.environ["FINETUNE_STUDIO_HOME"] = tempfile.mkdtemp(prefix="fts-screenshots-")
    os.environ.setdefault("LANGUAGE", language)
    import keyring

    from tests.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the user's keyring

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Finetune Studio")
    app.setQuitOnLastWindowClosed(False)
    return qasync.run(_run(out, language, standin))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
