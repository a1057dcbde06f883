"""Importing a file from the UI as a user does it: pick, map columns, import, read the report."""

from __future__ import annotations

import codecs
import json
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from app.formats.model import Kind
from app.formats.tabular import TablePreview
from app.store import datasets_repo
from tests.ui.conftest import until
from ui.datasets.column_mapping import ColumnMappingWidget
from ui.datasets.import_dialog import ImportDialog
from ui.datasets.import_formats import accepts_drop
from ui.datasets.import_report import FindingsTableModel


def sft(i: int) -> dict:
    return {"messages": [{"role": "system", "content": "You are a careful clinic assistant."},
                         {"role": "user", "content": f"Question {i}: when should I take the tablet?"},
                         {"role": "assistant", "content": f"Answer {i}: after breakfast, with water."}]}


def shot(dialog, name: str, tmp_path: Path) -> Path:
    """Save a screenshot (to $IMPORT_DIALOG_SHOTS when set, to look at it)."""
    folder = Path(os.environ.get("IMPORT_DIALOG_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert dialog.grab().save(str(path))
    return path


def datasets(project) -> list[datasets_repo.DatasetInfo]:
    return project.db.submit_read(datasets_repo.list_datasets).result()


@pytest.fixture
def project(ctx, arun):
    return arun(ctx.open_startup_project())


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """20,000 examples in ~22 MB (about 22 chunks of progress). Written here rather than with the
    bench's make_dataset.py, which takes seconds: only the size matters for cancelling."""
    out = tmp_path_factory.mktemp("big") / "big.jsonl"
    filler = " Take it after breakfast with a full glass of water, and not with milk." * 14
    with out.open("w", encoding="utf-8") as f:
        for i in range(20000):
            example = sft(i)
            example["messages"][2]["content"] += filler
            f.write(json.dumps(example) + "\n")
    return out


async def opened(ctx, qtbot, path: Path | str) -> ImportDialog:
    dialog = ImportDialog(ctx, str(path))
    qtbot.addWidget(dialog)
    dialog.resize(720, 560)
    dialog.open()
    await until(lambda: dialog._inspection is not None, what="file inspected")
    return dialog


def test_jsonl_with_bad_lines_imports_the_good_ones_and_reports_each_bad_line(
        ctx, project, arun, qtbot, tmp_path, qtmodeltester):
    path = tmp_path / "clinic.jsonl"
    lines = [json.dumps(sft(i)) for i in range(12)]
    lines.insert(3, "not json")  # line 4
    lines.insert(7, "[1]")  # line 8
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = len(datasets(project))

    async def scenario():
        dialog = await opened(ctx, qtbot, path)
        assert dialog.isVisible() and not dialog.isModal()
        assert dialog.format_combo.currentData() == "openai" and dialog.kind_combo.currentData() == "sft"
        assert dialog.kind_combo.currentText() == "Conversations (supervised)"
        assert dialog.name_edit.text() == "clinic" and dialog.import_button.isEnabled()
        assert not dialog.mapping_box.isVisible() and dialog.format_hint.isVisible()
        shot(dialog, "import_jsonl_setup", tmp_path)
        values, imported, activated = [], [], []
        dialog.progress_bar.valueChanged.connect(values.append)
        dialog.imported.connect(imported.append)
        dialog.finding_activated.connect(lambda d, line: activated.append((d, line)))
        dialog.import_button.click()
        await until(lambda: dialog.pages.currentWidget() is dialog.report, timeout=10, what="the report")
        assert imported and max(values) == 100 and dialog.open_button.isVisible()

        report = dialog.report
        summary = report.summary.text()
        assert "Imported 12 examples into “clinic”." in summary and "2 lines could not be read" in summary
        model = report.model
        checked = FindingsTableModel()  # the report's own model is deleted with the dialog, before the tester ends
        checked.set_findings(model.findings())
        qtmodeltester.check(checked, force_py=True)
        by_line = {model.finding(r).line: r for r in range(model.rowCount())}
        assert {4, 8} <= set(by_line)
        assert model.index(by_line[4], 0).data() == "4"
        assert model.index(by_line[4], 1).data() == "Error"
        assert model.index(by_line[4], 2).data().startswith("Line 4 is not valid JSON")
        assert "not an object" in model.index(by_line[8], 2).data()

        report.copy_button.click()
        copied = QGuiApplication.clipboard().text().splitlines()
        assert any(row.startswith("4\tError\tLine 4 is not valid JSON") for row in copied)
        assert any(row.startswith("8\tError\tLine 8 is a list") for row in copied)

        report.table.setCurrentIndex(model.index(by_line[8], 2))
        QTest.keyClick(report.table, Qt.Key.Key_Return)
        report.table.doubleClicked.emit(model.index(by_line[4], 0))
        assert activated == [(imported[0], 8), (imported[0], 4)]
        shot(dialog, "import_report", tmp_path)

        info = next(d for d in datasets(project) if d.id == imported[0])
        assert info.name == "clinic" and info.examples == 12 and info.kind is Kind.SFT
        assert len(datasets(project)) == before + 1
        dialog.open_button.click()
        assert not dialog.isVisible()

    arun(scenario(), timeout=15)


def test_csv_with_portuguese_headers_is_mapped_in_the_combos(ctx, project, arun, qtbot, tmp_path):
    path = tmp_path / "prazos.csv"
    path.write_text("pergunta,resposta\n"
                    "Qual é o prazo para contestar?,Quinze dias úteis a partir da citação.\n"
                    "\"Posso recorrer, mesmo assim?\",\"Sim, com apelação.\"\n"
                    "O que é tutela de urgência?,Uma decisão rápida para evitar dano.\n", encoding="utf-8")

    async def scenario():
        dialog = await opened(ctx, qtbot, path)
        mapping = dialog.mapping
        assert dialog.format_combo.currentData() == "csv" and dialog.mapping_box.isVisible()
        assert mapping.header() == ["pergunta", "resposta"]
        assert mapping.mapping() is None and not dialog.import_button.isEnabled()
        assert mapping.problem_label.isVisible() and "Question (user)" in mapping.problem_label.text()
        shot(dialog, "import_csv_unmapped", tmp_path)

        user, assistant = mapping.combos["user"], mapping.combos["assistant"]
        user.setCurrentIndex(user.findData("pergunta"))
        assert not dialog.import_button.isEnabled() and "Answer (assistant)" in mapping.problem_label.text()
        assert user.itemData(user.findData("resposta"), Qt.ItemDataRole.ToolTipRole).startswith("For example: Quinze")
        assistant.setCurrentIndex(assistant.findData("pergunta"))
        assert not dialog.import_button.isEnabled()  # one column for both parts is a mistake
        assistant.setCurrentIndex(assistant.findData("resposta"))
        assert dialog.import_button.isEnabled() and not mapping.problem_label.isVisible()

        table = mapping.preview
        headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headings == ["User", "Assistant"] and table.rowCount() == 3
        assert table.item(1, 0).text() == "Posso recorrer, mesmo assim?"
        assert table.verticalHeaderItem(1).text() == "3"  # the line in the file
        mapping.set_system_prompt("Você é um assistente jurídico cuidadoso.")
        headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headings == ["System", "User", "Assistant"]
        assert table.item(2, 0).text() == "Você é um assistente jurídico cuidadoso."
        shot(dialog, "import_csv_mapping", tmp_path)

        imported = []
        dialog.imported.connect(imported.append)
        dialog.import_button.click()
        await until(lambda: dialog.pages.currentWidget() is dialog.report, timeout=10, what="the report")
        assert dialog.report.summary.text().startswith("Imported 3 examples into “prazos”.")
        rows = project.db.submit_read(lambda db: list(datasets_repo.iter_example_data(db, imported[0]))).result()
        first = json.loads(rows[0])
        assert first["messages"] == [
            {"role": "system", "content": "Você é um assistente jurídico cuidadoso."},
            {"role": "user", "content": "Qual é o prazo para contestar?"},
            {"role": "assistant", "content": "Quinze dias úteis a partir da citação."}]
        assert len(rows) == 3

    arun(scenario(), timeout=15)


def test_cancel_mid_import_adds_nothing(ctx, project, arun, qtbot, big_file, tmp_path):
    before = len(datasets(project))

    async def scenario():
        dialog = await opened(ctx, qtbot, big_file)
        # Hold the project's writer so the import cannot finish before the test cancels it.
        gate = threading.Event()
        project.db.submit_write(lambda _db: gate.wait(10))
        try:
            dialog.import_button.click()
            assert dialog.pages.currentIndex() == 1 and dialog.cancel_button.isVisible()
            await until(lambda: dialog.progress_bar.value() > 0, timeout=10, what="some progress")
            assert dialog.progress_bar.value() < 100 and "MB" in dialog.progress_text.text()
            shot(dialog, "import_progress", tmp_path)
            dialog.cancel_button.click()
        finally:
            gate.set()
        await until(lambda: dialog.pages.currentIndex() == 0, timeout=10, what="back to the set-up")
        assert dialog.message.text() == "Import cancelled — nothing was added."
        assert dialog.import_button.isEnabled() and dialog.dataset_id is None
        shot(dialog, "import_cancelled", tmp_path)

    arun(scenario(), timeout=18)
    assert len(datasets(project)) == before


def test_unreadable_files_say_why_in_plain_words(ctx, project, arun, qtbot, tmp_path):
    utf32 = tmp_path / "export.jsonl"
    utf32.write_bytes(codecs.BOM_UTF32_LE + json.dumps(sft(1)).encode("utf-32-le"))
    before = len(datasets(project))

    async def scenario():
        dialog = await opened(ctx, qtbot, utf32)
        assert "UTF-32" in dialog.message.text() and "UTF-8" in dialog.message.text()
        assert dialog.message.isVisible() and not dialog.import_button.isEnabled()
        shot(dialog, "import_unreadable", tmp_path)
        dialog.set_path(str(tmp_path / "missing.jsonl"))
        await until(lambda: dialog._inspection is not None, what="second file inspected")
        assert dialog.message.text().startswith("Could not read the file: ")
        assert "Traceback" not in dialog.message.text() and not dialog.import_button.isEnabled()

    arun(scenario())
    assert len(datasets(project)) == before


def test_rft_mapping_offers_the_other_columns_as_grader_fields(qtbot):
    widget = ColumnMappingWidget()
    qtbot.addWidget(widget)
    table = TablePreview(["question", "reference_answer", "messages"], [["2+2?", "4", "x"]], [2], ",")
    widget.set_table(table, Kind.RFT)
    assert set(widget.extra_checks) == {"reference_answer", "messages"}
    assert not widget.extra_checks["messages"].isEnabled()  # a name OpenAI reserves
    mapping = widget.mapping()
    assert mapping is not None and mapping.user == "question" and dict(mapping.extra) == {
        "reference_answer": "reference_answer"}
    headings = [widget.preview.horizontalHeaderItem(c).text() for c in range(widget.preview.columnCount())]
    assert headings == ["User", "reference_answer"]
    widget.set_kind(Kind.DPO)
    assert widget.combos["prompt"].currentData() == "question" and widget.mapping() is None


def test_accepts_drop_takes_one_local_supported_file(qapp):
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/a.jsonl"), QUrl.fromLocalFile("/tmp/notes.txt"),
                  QUrl.fromLocalFile("/tmp/Data.CSV")])
    assert accepts_drop(mime) == "/tmp/Data.CSV"
    only_text = QMimeData()
    only_text.setUrls([QUrl.fromLocalFile("/tmp/notes.txt")])
    assert accepts_drop(only_text) is None
    assert accepts_drop(QMimeData()) is None
