"""The app in Brazilian Portuguese: the catalogue is complete and in step with the code, every visible
text of every view and main dialog is translatable (a pseudo-translation walk), numbers and money follow
the language, and switching the language keeps the open project and the work in progress. Counted texts
read "1 example" / "3 examples" in English and "1 exemplo excluído" / "3 exemplos excluídos" in Portuguese
(Qt's plural forms: ``finetune_studio_en.ts`` holds the English ones).

``test_every_message_has_a_finished_pt_br_translation`` fails until the translators are done
(``tools/ts_status.py`` shows what is left per context); the others must always pass.
"""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import until
from tests.ui.translation_support import (
    EN_TS,
    TS,
    PseudoTranslator,
    Walk,
    declared_contexts,
    extract,
    is_plural,
    load_tool,
    plural_forms,
    qt_translator,
    residue,
    ts_messages,
    unextractable_calls,
)
from ui import i18n, locale_format

GREEK = "Ερώτηση για το μίσθωμα"  # data texts hold no Latin letters, so the walk never takes them for UI
# "example(s)", "exemplo(s) excluído(s)", "comparação(ões)", "estava(m)": a count that dodges its plural.
HEDGED_PLURAL = re.compile(r"\w\((?:s|es|ões|ns|is|m)\)")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue as pyside6-lupdate extracts it from the code now."""
    return extract(tmp_path_factory.mktemp("lupdate"))


@pytest.fixture
def language_restored(qapp):
    """Put English and the previous default locale back after a test that changes the language."""
    saved = QLocale()
    yield
    i18n.install("en")
    QLocale.setDefault(saved)


# --- the catalogue -------------------------------------------------------------------------------

def test_every_message_has_a_finished_pt_br_translation():
    status = load_tool("ts_status").status(TS)
    left = {c.name: len(c.unfinished) for c in status if c.unfinished}
    total = sum(c.total for c in status)
    assert not left, (
        f"{sum(left.values())} of {total} messages of {TS.name} lack a finished pt-BR translation "
        f"(see tools/ts_status.py): {left}")


def test_every_counted_text_has_its_english_plural_forms(extracted):
    """English shows the code's texts as written, except those counted with %n: their "1 example" /
    "2 examples" come from finetune_studio_en.ts, which must hold every one of them, finished."""
    plurals = {key for key, message in extracted.items() if is_plural(message)}
    have = ts_messages(EN_TS)
    assert plurals, "no text is counted with %n any more: is lupdate still given the count (tr(text, None, n))?"
    missing, stale = sorted(plurals - set(have)), sorted(set(have) - plurals)
    assert not missing and not stale, (
        f"{EN_TS.name} differs from the code's counted texts: run .venv/bin/python tools/build_translations.py "
        f"--extract\nmissing: {missing[:15]}\nno longer counted: {stale[:15]}")
    status = load_tool("ts_status").status(EN_TS)
    left = {c.name: c.unfinished for c in status if c.unfinished}
    assert not left, f"counted texts without their English plural forms (see tools/ts_status.py): {left}"
    wrong = {key[:2]: plural_forms(m) for key, m in have.items()
             if len(plural_forms(m)) != 2 or not all(f.strip() for f in plural_forms(m))
             or any(HEDGED_PLURAL.search(f) for f in plural_forms(m))}
    assert not wrong, f"English plural forms must be one (\"1 example\") and other (\"2 examples\"): {wrong}"


def test_no_translation_hedges_a_plural_with_brackets():
    """A count reads "1 exemplo excluído" / "3 exemplos excluídos", never "3 exemplo(s) excluído(s)": the
    text is counted with %n instead (pt-BR has two forms: 0 and 1, then 2 and more)."""
    hedged, short = [], []
    for (context, source, _dis), message in ts_messages(TS).items():
        texts = plural_forms(message) if is_plural(message) else [message.findtext("translation") or ""]
        if is_plural(message) and len(texts) != 2:
            short.append((context, source, texts))
        hedged += [(context, source, text) for text in texts if HEDGED_PLURAL.search(text)]
        if HEDGED_PLURAL.search(source):
            assert is_plural(message), f"[{context}] {source!r}: a text with '(s)' must be counted with %n"
    assert not short, f"pt-BR plural messages need both forms: {short}"
    assert not hedged, "translations that dodge the plural with brackets:\n" + "\n".join(map(str, hedged))


def test_the_catalogue_is_in_step_with_the_code(extracted):
    have = set(ts_messages(TS))
    new, gone = set(extracted) - have, have - set(extracted)
    assert not new and not gone, (
        "resources/translations/*.ts differ from the code: run .venv/bin/python tools/build_translations.py "
        f"--extract\nnew in the code: {sorted(new)[:15]}\nno longer in the code: {sorted(gone)[:15]}")


def test_every_context_is_the_one_used_at_run_time(extracted):
    classes, explicit, mismatched = declared_contexts()
    wrong = sorted({ctx for ctx, _src, _dis in extracted} - classes - explicit)
    assert not wrong, f"texts filed under a context nothing looks up at run time: {wrong}"
    assert not mismatched, f"TranslationContext bound to a name other than its context: {mismatched}"
    problems = unextractable_calls()
    assert not problems, "translations lupdate cannot extract as looked up:\n" + "\n".join(problems)


def test_the_build_makes_the_qm_files():
    tool = load_tool("build_translations")
    tool.build(quiet=True)
    folder = i18n.translations_dir()
    assert (folder / "finetune_studio_pt_BR.qm").exists()
    assert (folder / "finetune_studio_en.qm").exists()  # the English plural forms
    assert (folder / "qtbase_pt_BR.qm").exists()  # Qt's own texts, copied for the bundle


# --- language and locale -------------------------------------------------------------------------

def test_the_system_language_decides_unless_the_settings_say_otherwise():
    assert i18n.resolve_language("", QLocale("pt_BR")) == "pt_BR"
    assert i18n.resolve_language("", QLocale("pt_PT")) == "pt_BR"  # the only Portuguese we ship
    assert i18n.resolve_language("", QLocale("de_DE")) == "en"
    assert i18n.resolve_language("", QLocale("C")) == "en"
    assert i18n.resolve_language("en", QLocale("pt_BR")) == "en"
    assert i18n.resolve_language("pt_BR", QLocale("en_US")) == "pt_BR"
    assert i18n.resolve_language("klingon", QLocale("en_GB")) == "en"
    assert i18n.locale_for("en", QLocale("en_GB")).name() == "en_GB"  # a British user keeps day/month
    assert i18n.locale_for("pt_BR", QLocale("en_GB")).name() == "pt_BR"


def test_numbers_dates_and_money_follow_the_language(language_restored):
    i18n.install("pt_BR", system=QLocale("en_US"))
    assert QLocale().name() == "pt_BR"
    assert locale_format.number(1234567) == "1.234.567"
    assert locale_format.decimal(1234.56, 1) == "1.234,6"
    assert locale_format.percent(0.253) == "25%"
    assert locale_format.money_usd(1234.5).replace("\xa0", " ") == "US$ 1.234,50"
    assert locale_format.date("2025-03-04T12:00:00+00:00") == "04/03/2025"
    i18n.install("en", system=QLocale("en_US"))
    assert locale_format.number(1234567) == "1,234,567"
    assert locale_format.decimal(1234.56, 1) == "1,234.6"
    assert locale_format.money_usd(1234.5) == "$1,234.50 USD"
    assert locale_format.money_usd(0.0042, 4) == "$0.0042 USD"
    assert locale_format.date("2025-03-04T12:00:00+00:00") == "3/4/25"
    assert locale_format.date_time("not a time") == "not a time"


def test_residue_keeps_only_untranslated_words():
    assert residue("⟦Import a file⟧ (Ctrl+I)") == ""
    assert residue("⟦{n} examples⟧".replace("{n}", "3")) == ""
    assert residue("Έργο — Finetune Studio") == ""
    assert residue("gpt-4.1-mini-2025-04-14") == ""
    assert residue("⟦Model⟧: none") != ""
    assert residue("<b>Save</b>") != ""


# --- the pseudo-translation walk -----------------------------------------------------------------

def _data_files(tmp_path, n: int = 10):
    sft = [{"messages": [{"role": "system", "content": "Είσαι προσεκτικός."},
                         {"role": "user", "content": f"{GREEK} {i};"},
                         {"role": "assistant", "content": f"Απάντηση {i}: πληρώνει ο ενοικιαστής."}]} for i in range(n)]
    dpo = [{"input": {"messages": [{"role": "user", "content": f"{GREEK} {i};"}]},
            "preferred_output": [{"role": "assistant", "content": "Ο ενοικιαστής."}],
            "non_preferred_output": [{"role": "assistant", "content": "Κανείς."}]} for i in range(n)]
    # "reference_answer": the field the default grader reads (a valid dataset shows no core findings, whose
    # texts come from the core's own catalogue).
    rft = [{"messages": [{"role": "user", "content": f"{GREEK} {i};"}], "reference_answer": "Αθήνα"} for i in range(n)]
    files = {}
    for name, rows in (("sft", sft), ("dpo", dpo), ("rft", rft)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        files[name] = path
    csv = tmp_path / "πίνακας.csv"
    csv.write_text("ερώτηση,απάντηση\nένα,δύο\nτρία,τέσσερα\n", encoding="utf-8")
    files["csv"] = csv
    return files


async def _fill(ctx, files) -> dict[str, int]:
    from app.formats.model import Kind
    from app.services.importing import ImportRequest, import_dataset
    from app.store import annotation_repo
    from app.store.annotation_repo import CandidateIn

    ids = {}
    for name, kind, label in (("sft", Kind.SFT, "Συνομιλίες"), ("dpo", Kind.DPO, "Προτιμήσεις"),
                              ("rft", Kind.RFT, "Βαθμοί")):
        result = await import_dataset(ctx.project, ImportRequest(files[name], name=label, kind=kind))
        ids[name] = result.dataset_id

    def queue(db):
        q = annotation_repo.create_queue(db, "Ουρά", seed=7)
        for i in range(3):
            annotation_repo.add_comparison(db, q, [{"role": "user", "content": f"{GREEK} {i};"}], [
                CandidateIn({"role": "assistant", "content": "Α"}, "μοντέλο-α"),
                CandidateIn({"role": "assistant", "content": "Β"}, "μοντέλο-β")], "δοκιμή")
        return q

    ids["queue"] = await ctx.project.db.write(queue)
    return ids


def _connect(ctx, standin):
    from app.models.connection import ConnectionProfile
    from app.secrets import keystore

    profile = ConnectionProfile(name="Σύνδεση", base_url=standin.base_url)
    ctx.settings.upsert_connection(profile)
    ctx.settings.active_connection = profile.id
    keystore.set_key(profile.id, standin.api_key)
    return profile


def test_pseudo_translation_walk_finds_every_visible_text_translatable(
        ctx, arun, qtbot, tmp_path, extracted, standin, language_restored, monkeypatch):
    """Every text of the catalogue shows as ⟦text⟧ (Qt's own as well, when Qt's pt_BR catalogue has it);
    what shows without the marks in any view or main dialog was never translatable."""
    monkeypatch.setattr("getpass.getuser", lambda: "χρήστης")  # the login name is data too
    app = QApplication.instance()
    pseudo = PseudoTranslator(set(extracted), qt_translator(), app)
    app.installTranslator(pseudo)
    QLocale.setDefault(QLocale("pt_BR"))
    walk = Walk()
    files = _data_files(tmp_path)

    async def settle(seconds: float = 0.15) -> None:
        await asyncio.sleep(seconds)

    async def scenario():
        from ui.main_window import MainWindow
        from ui.playground.view import PlaygroundView

        profile = _connect(ctx, standin)
        await ctx.new_project(tmp_path / "Έργο.ftproj")
        ids = await _fill(ctx, files)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        await ctx.refresh_connection_state()

        # Datasets: the list, an example in the editor, its tabs; the import (with column mapping).
        datasets = window.pages.widget(0)
        await until(lambda: datasets.datasets_model.rowCount() == 3, what="datasets listed")
        await datasets.reload_datasets(select=ids["sft"])
        await until(lambda: datasets.examples_model.rowCount() > 0, what="examples listed")
        first = datasets.examples_model.example_id(0)
        datasets.example_id = first
        await datasets.load_example(first)
        await settle()
        await walk.visit(window, "Datasets")
        for dataset in ("dpo", "rft"):
            await datasets.reload_datasets(select=ids[dataset])
            await until(lambda: datasets.examples_model.rowCount() > 0, what="examples listed")
            ex = datasets.examples_model.example_id(0)
            datasets.example_id = ex
            await datasets.load_example(ex)
            await settle(0.1)
            await walk.visit(datasets.side, f"Datasets ({dataset})")
        datasets.import_file(str(files["csv"]))
        await settle(0.3)
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and w is not window:
                await walk.visit(w, "Import a file")
                w.close()

        # Annotate: the queue, judging panel and tabs; its four dialogs.
        window.show_view("annotate")
        annotate = window.pages.widget(1)
        await until(lambda: annotate.session.queue_id is not None, what="queue selected")
        await settle()
        await walk.visit(window, "Annotate")
        for opener in (annotate.open_import, annotate.open_generate, annotate.open_export, annotate.open_merge):
            dialog = opener()
            await settle(0.2)
            await walk.visit(dialog, f"Annotate › {type(dialog).__name__}")
            dialog.close()

        # Jobs: the list and each page of the launch wizard; the grader editor.
        window.show_view("jobs")
        jobs = window.pages.widget(2)
        await settle()
        await walk.visit(window, "Jobs")
        wizard = jobs.open_wizard()
        for page in range(4):
            wizard.go(page)
            await settle(0.2)
            await walk.visit(wizard, f"Launch wizard page {page + 1}")
        wizard.close()
        from ui.graders.dialog import GraderEditorDialog

        grader = GraderEditorDialog(ctx, dataset_id=ids["rft"], parent=window)
        grader.show()
        await settle(0.25)
        await walk.visit(grader, "Grader editor")
        grader.dirty = False
        grader.close()

        # Playground: two answered panes, then Save as example, Send pair and the batch runs window.
        from app.models.chat import ChatStats
        from app.services.playground_session import Answer, PaneConfig, PlaygroundSession, Turn

        window.show_view("playground")
        playground: PlaygroundView = window.pages.widget(3)
        await until(lambda: playground.project is not None and not playground.loading, what="session loaded")
        stats = ChatStats(first_token_s=0.4, total_s=1.2, prompt_tokens=1200, completion_tokens=30, cost_usd=0.0021)
        session = PlaygroundSession(
            panes=[PaneConfig(profile.id, "gpt-4.1-mini-2025-04-14"), PaneConfig(profile.id, "gpt-4.1-2025-04-14")],
            turns=[Turn(f"{GREEK};", [Answer("Ο ενοικιαστής.", stats), Answer("Κανείς.", stats)])])
        playground.set_session(session, ctx.project)
        await settle()
        await walk.visit(window, "Playground")
        playground.history_action.setChecked(True)
        await settle()
        await walk.visit(window, "Playground history")
        for dialog in (playground.dialogs.save_example(0), playground.dialogs.send_pair(),
                       playground.dialogs.open_batch().window()):
            await settle(0.2)
            await walk.visit(dialog, f"Playground › {type(dialog).__name__}")
            dialog.close()

        # Settings and help.
        window.show_connections()
        await settle()
        await walk.visit(window.connections_dialog, "Connections")
        window.connections_dialog.close()
        window.show_preferences()
        await walk.visit(window.preferences_dialog, "Preferences")
        window.preferences_dialog.reject()
        window.show_shortcuts()
        await walk.visit(window.shortcuts_dialog, "Keyboard shortcuts")
        window.shortcuts_dialog.close()
        playground.shutdown()  # the window itself closes after the loop stopped (qtbot), as the app's would

    try:
        arun(scenario(), timeout=40)
    finally:
        app.removeTranslator(pseudo)
    assert walk.texts_seen > 1000
    assert {"Datasets", "Import a file", "Annotate", "Jobs", "Launch wizard page 4", "Grader editor", "Playground",
            "Connections", "Preferences", "Keyboard shortcuts"} <= walk.places
    assert not walk.findings, (
        f"{len(walk.findings)} visible texts are not translatable (wrap them in self.tr / a TranslationContext, "
        "or mark module-level lists with QT_TRANSLATE_NOOP):\n" + walk.report())


# --- switching at run time -----------------------------------------------------------------------

def test_switching_language_keeps_the_project_the_dataset_and_the_text_being_typed(
        window, ctx, arun, tmp_path, language_restored):
    load_tool("build_translations").build(quiet=True)
    files = _data_files(tmp_path, n=3)

    async def scenario():
        from app.services.importing import ImportRequest, import_dataset
        from app.store import datasets_repo

        project = ctx.project
        await import_dataset(project, ImportRequest(files["sft"], name="Πρώτο"))
        second = (await import_dataset(project, ImportRequest(files["sft"], name="Δεύτερο"))).dataset_id
        view = window.pages.widget(0)
        await view.reload_datasets(select=second)
        await until(lambda: view.examples_model.rowCount() == 3, what="examples listed")
        example = view.examples_model.example_id(1)
        await view.jump_to(example)
        await until(lambda: view.editor.example_id() == example, what="example in the editor")
        # Typed a moment ago: the editor's save delay has not passed yet.
        view.editor.conversation.cards[1].content_editor.setPlainText("Digitado agora, ainda não salvo")
        assert view.editor.hub.timer.isActive()
        geometry = window.geometry()
        window.show_view("datasets")

        language = await window.switch_language("pt_BR")

        assert language == "pt_BR" and i18n.current_language() == "pt_BR"
        assert QLocale().language() == QLocale.Language.Portuguese
        assert len(i18n.installed_translators()) == 2  # Qt's own catalogue and ours
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's standard buttons
        assert ctx.project is project  # the same open project
        stored = await project.db.read(datasets_repo.get_example, example)
        assert "Digitado agora, ainda não salvo" in json.dumps(stored, ensure_ascii=False)
        new_view = window.pages.widget(0)
        assert new_view is not view and window.current_view() == "datasets"
        await until(lambda: new_view.dataset_id == second, what="the same dataset selected")
        await until(lambda: new_view.editor.example_id() == example, what="the same example in the editor")
        assert new_view.editor.current_data()["messages"][1]["content"] == "Digitado agora, ainda não salvo"
        assert window.geometry() == geometry
        # Texts come from the catalogue: Portuguese once translated, English (the source) until then.
        translated = QCoreApplication.translate("Views", "Datasets")
        assert window.sidebar.item(0).text() == translated
        if translated != "Datasets":
            assert window.menuBar().actions()[0].text() != "&File"
        # And back.
        assert await window.switch_language("en") == "en"
        assert window.sidebar.item(0).text() == "Datasets"

    arun(scenario(), timeout=20)


def test_preferences_save_the_name_and_switch_the_language(window, ctx, arun, language_restored):
    async def scenario():
        window.show_preferences()
        dialog = window.preferences_dialog
        assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] == ["", "en", "pt_BR"]
        dialog.annotator_edit.setText("Ana")
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("pt_BR"))
        switched = []
        window.language_switched.connect(switched.append)
        dialog.buttons.accepted.emit()
        await until(lambda: switched, what="the switch")
        assert switched == ["pt_BR"]
        assert (ctx.settings.language, ctx.settings.annotator) == ("pt_BR", "Ana")
        from app.settings import load_settings

        await until(lambda: load_settings(ctx.dirs.settings_file).language == "pt_BR", what="settings saved")

    arun(scenario())


# --- counted texts -------------------------------------------------------------------------------

def test_deleting_one_or_three_examples_reads_in_the_singular_or_the_plural(
        window, ctx, arun, tmp_path, language_restored):
    """What a user reads in the Datasets view after deleting one example, then three: "Deleted 1 example",
    "Deleted 3 examples" (and the Edit menu's undo, the count under the table), then the same in Portuguese."""
    load_tool("build_translations").build(quiet=True)
    i18n.install("en")  # with the English plural forms just built
    files = _data_files(tmp_path, n=9)

    async def scenario():
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        from app.services.importing import ImportRequest, import_dataset
        from ui.datasets import example_actions

        dataset = (await import_dataset(ctx.project, ImportRequest(files["sft"], name="Συνομιλίες"))).dataset_id
        view = window.pages.widget(0)
        window.show_view("datasets")
        await view.reload_datasets(select=dataset)
        await until(lambda: view.examples_model.rowCount() == 9, what="examples listed")
        await until(lambda: view.examples.count.text() == "9 examples", what="the count under the table")

        async def delete(rows: int, left: int) -> str:
            model, table = view.examples_model, view.examples.table
            table.selectionModel().select(
                QItemSelection(model.index(0, 0), model.index(rows - 1, 0)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            assert len(view.examples.selected_ids()) == rows
            example_actions.delete_examples(view)
            await until(lambda: model.total == left, what=f"{rows} deleted")
            return window.statusBar().currentMessage()

        assert await delete(1, 8) == "Deleted 1 example. Undo with Ctrl+Z."
        assert view.undo_stack.undoText() == "Delete 1 example"
        assert await delete(3, 5) == "Deleted 3 examples. Undo with Ctrl+Z."
        assert view.undo_stack.undoText() == "Delete 3 examples"
        await until(lambda: view.examples.count.text() == "5 examples", what="the count after deleting")

        i18n.install("pt_BR")
        assert await delete(1, 4) == "1 exemplo excluído. Desfaça com Ctrl+Z."
        assert view.undo_stack.undoText() == "exclusão de 1 exemplo"
        assert await delete(3, 1) == "3 exemplos excluídos. Desfaça com Ctrl+Z."
        assert view.undo_stack.undoText() == "exclusão de 3 exemplos"
        await until(lambda: view.examples.count.text() == "1 exemplo", what="the count of the one left")

    arun(scenario(), timeout=20)
