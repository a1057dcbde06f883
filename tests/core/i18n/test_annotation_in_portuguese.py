"""The annotator's core in Brazilian Portuguese, as a Portuguese user reads it in the window: why lines
of a file of comparisons could not be used, and the refusals of the queue, the judging, the export and
the Playground's "save as example"."""

from __future__ import annotations

import json

import pytest

from app import i18n
from app.formats.model import Kind
from app.services import annotation_export, annotation_judging, playground_data
from app.services.annotation_import import NothingToImport, import_comparisons, read_comparisons
from app.store import annotation_repo, datasets_repo
from tests.core.annotate.conftest import make_queue, write


def test_unusable_lines_of_a_jsonl_file_in_portuguese(project, tmp_path):
    path = tmp_path / "ruim.jsonl"
    lines = [
        {"prompt": "Pode o locador entrar?", "answers": ["Não."]},
        {"prompt": "E o depósito?", "answers": ["Fica com ele.", "  "]},
        {"input": {"messages": [{"role": "user", "content": "Q"}]}, "preferred_output": [{"role": "assistant",
                                                                                         "content": "Sim."}]},
        {"messages": [{"role": "juiz", "content": "Q"}], "answers": ["a", "b"]},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    try:
        i18n.setup("pt_BR")
        _items, findings = read_comparisons(path)
        with pytest.raises(NothingToImport) as nothing:
            write(project, import_comparisons, "Contratos", path)
    finally:
        i18n.setup("en")
    first = "Linha 1: a lista “answers” tem só uma resposta; uma comparação precisa de pelo menos duas."
    assert [f.message for f in findings] == [
        first,
        "Linha 2: a resposta 2 está vazia.",
        "Linha 3: falta “non_preferred_output”; um par de preferência precisa das duas respostas.",
        "Linha 4: a mensagem 1 de “messages” tem o papel “juiz”, que não é conhecido. Use system, user, assistant "
        "ou tool.",
    ]
    assert str(nothing.value) == f"Não foi possível ler nenhuma comparação de “ruim.jsonl”. {first}"


def test_unusable_rows_of_a_table_in_portuguese(tmp_path):
    path = tmp_path / "respostas.csv"
    path.write_text("prompt,answer\nQ1,a\nQ2,b\nQ1,c\nQ3,igual\nQ3,igual\n", encoding="utf-8")
    try:
        i18n.setup("pt_BR")
        items, findings = read_comparisons(path)
    finally:
        i18n.setup("en")
    assert len(items) == 1
    assert [f.message for f in findings] == [
        "Linha 3: nenhuma outra linha tem este prompt, então ele tem só uma resposta; uma comparação precisa de "
        "pelo menos duas (adicione linhas com o mesmo prompt).",
        "Linha 5: todas as respostas são iguais, então não há o que comparar. (linhas 5, 6)",
    ]


def test_refusals_of_the_queue_the_judging_and_the_export_in_portuguese(project):
    queue_id, ids = make_queue(project, 4, name="Contratos")
    write(project, annotation_judging.judge, ids[0], "ana", "tie")
    write(project, annotation_judging.judge, ids[1], "ana", "skip")
    write(project, annotation_judging.judge, ids[2], "ana", "skip")
    pairs = write(project, lambda db: datasets_repo.create_dataset(db, "Preferências", Kind.DPO))
    try:
        i18n.setup("pt_BR")
        with pytest.raises(ValueError) as taken:
            write(project, annotation_repo.create_queue, " Contratos ")
        with pytest.raises(ValueError) as no_side:
            write(project, annotation_judging.judge, ids[3], "ana", "win")
        with pytest.raises(ValueError) as nothing:
            write(project, annotation_export.export_dpo, queue_id, "Pares")
        with pytest.raises(ValueError) as wrong_kind:
            write(project, playground_data.save_sft_example, pairs, [{"role": "user", "content": "Q"}], "R")
    finally:
        i18n.setup("en")
    assert str(taken.value) == "Já existe uma fila chamada “Contratos”."
    assert str(no_side.value) == "Diga qual resposta é melhor: a da esquerda ou a da direita."
    assert str(nothing.value) == (
        "Nenhum item julgado tem uma resposta melhor ainda, então não há nada para exportar (empates: 1; "
        "puladas: 2; ambas ruins sem reescrita: 0; anotadores discordam: 0)."
    )
    assert str(wrong_kind.value) == (
        "“Preferências” é um conjunto de dados DPO, então não aceita uma conversa com uma só resposta (isso exige "
        "um conjunto de dados SFT). Escolha um conjunto de dados SFT ou crie um novo."
    )
