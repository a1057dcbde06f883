"""Reading and writing training files in Brazilian Portuguese: what is wrong with a JSONL line, a
CSV row or a ShareGPT turn, and why a file could not be saved, as a Portuguese user reads it."""

from __future__ import annotations

import errno

import pytest

from app import i18n
from app.formats.column_mapping import ColumnMapping, MappingError
from app.formats.jsonl import read_jsonl
from app.formats.model import Kind
from app.formats.open_formats import read_sharegpt
from app.formats.tabular import read_table
from app.formats.writers import as_write_error


def _messages(records) -> list[str]:
    return [f.message for r in records for f in r.findings]


def test_bad_jsonl_lines_in_portuguese():
    data = b'{"messages": [],}\n[1, 2]\n{"messages": "caf\xe9"}\n'
    try:
        i18n.setup("pt_BR")
        messages = _messages(read_jsonl(data))
    finally:
        i18n.setup("en")
    assert messages == [
        "Linha 1: o JSON não é válido — há uma vírgula logo antes de um ] ou } de fechamento, na coluna 16. "
        "Remova essa vírgula.",
        "Linha 2: contém uma lista ([...]), e não um objeto. Cada exemplo deve ser um único objeto, escrito "
        "como {...}.",
        "Linha 3: não é um texto UTF-8 válido — o byte 0xE9 na posição 18 não pode ser lido (em Windows-1252 "
        "seria “é”). O arquivo provavelmente foi salvo em outra codificação. Salve o arquivo como UTF-8 (no "
        "Excel: “CSV UTF-8”) e importe-o de novo.",
    ]


def test_csv_rows_with_too_many_cells_say_one_column_or_several():
    mapping = ColumnMapping(user="pergunta", assistant="resposta")
    try:
        i18n.setup("pt_BR")
        two_columns = _messages(read_table("pergunta,resposta\nOi,Olá,extra\nTchau,\n", mapping))
        one_column = _messages(read_table("pergunta\nOi,extra\n", ColumnMapping(user="pergunta", kind=Kind.RFT)))
        with pytest.raises(MappingError) as missing:
            list(read_table("pergunta,resposta\nOi,Olá\n", ColumnMapping(user="pergunta", assistant="answer")))
    finally:
        i18n.setup("en")
    assert two_columns == [
        "A linha 2 tem 3 células, mas o cabeçalho tem só 2 colunas. Provavelmente uma célula contém um “,” "
        "sem estar entre aspas.",
        "Linha 3: a célula “resposta” está vazia, mas é nela que fica a resposta do assistente.",
    ]
    assert one_column == [
        "A linha 2 tem 2 células, mas o cabeçalho tem só 1 coluna. Provavelmente uma célula contém um “,” "
        "sem estar entre aspas."
    ]
    assert str(missing.value) == "A coluna “answer” não está no arquivo. As colunas dele são: pergunta, resposta."


def test_sharegpt_turns_and_a_full_disk_in_portuguese(tmp_path):
    data = b'{"conversations": [{"from": "alien", "value": "Oi"}, {"value": "Tchau"}]}\n'
    try:
        i18n.setup("pt_BR")
        turns = _messages(read_sharegpt(data))
        full = str(as_write_error(tmp_path / "exemplos.jsonl", OSError(errno.ENOSPC, "No space left"), existed=True))
    finally:
        i18n.setup("en")
    assert turns == [
        "Linha 1: o turno 1 vem de “alien”, que não é um participante conhecido. Use human, gpt, system, "
        "function_call ou observation.",
        "Linha 1: o turno 2 não tem o campo “from”, que diz quem está falando.",
    ]
    assert full == ("Não foi possível salvar “exemplos.jsonl”: o disco está cheio — libere espaço e tente de novo. "
                    "O arquivo que já existia não foi alterado.")
