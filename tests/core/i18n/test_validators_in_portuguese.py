"""The validator's findings, the dataset-wide rules and the cost estimate in Brazilian Portuguese,
as a Portuguese user reads them in the import report and the example editor."""

from __future__ import annotations

from app import i18n
from app.formats.model import Kind
from app.formats.prices import estimate_cost
from app.formats.summary import ExampleSummary
from app.formats.validate import validate_example
from app.formats.validate_dataset import DatasetChecker


def _summary(line: int, exact: int, tokens: int = 100) -> ExampleSummary:
    return ExampleSummary(line, tokens, 10, 2, 0, False, True, False, exact, exact)


def test_example_findings_in_portuguese():
    bad = {
        "messages": [
            {"role": "user", "content": "Qual é o prazo de recurso?"},
            {"role": "developer", "content": "Responda em uma frase."},
            {"role": "assistant", "content": "   "},
            {"role": "assistant", "content": "Quinze dias.", "weight": 2},
        ]
    }
    try:
        i18n.setup("pt_BR")
        messages = [f.message for f in validate_example(bad, Kind.SFT, line=7)]
        no_line = [f.message for f in validate_example({"messages": []}, Kind.SFT)]
    finally:
        i18n.setup("en")
    assert messages == [
        'Linha 7: a mensagem 2 (developer) usa o papel "developer", que os dados de ajuste fino supervisionado '
        'não preveem. Use "system" para as instruções.',
        "Linha 7: a mensagem 3 (assistant) está vazia. Escreva o texto ou remova a mensagem.",
        "Linha 7: a mensagem 4 (assistant) tem o peso 2; um peso só pode ser 0 (não aprender com esta resposta) "
        "ou 1 (aprender com ela).",
    ]
    # Without a line number the sentence starts with a capital letter.
    assert no_line == [
        'O exemplo tem uma conversa vazia (a lista "messages" não tem mensagens). Acrescente a conversa ou '
        "remova o exemplo."
    ]


def test_tool_call_and_dpo_findings_in_portuguese():
    call = {
        "messages": [
            {"role": "user", "content": "Status do pedido 42?"},
            {"role": "assistant", "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "status", "arguments": "{oops"}}
            ]},
            {"role": "tool", "tool_call_id": "c1", "content": "enviado"},
            {"role": "assistant", "content": "Foi enviado."},
        ]
    }
    pair = {
        "input": {"messages": [{"role": "user", "content": "Oi"}]},
        "preferred_output": [{"role": "assistant", "content": "Olá!"}],
        "non_preferred_output": [{"role": "assistant", "content": ""}],
    }
    try:
        i18n.setup("pt_BR")
        tool_findings = [f.message for f in validate_example(call, Kind.SFT, line=3)]
        dpo_findings = [f.message for f in validate_example(pair, Kind.DPO, line=4)]
    finally:
        i18n.setup("en")
    assert tool_findings == [
        "Linha 3: a mensagem 2 (assistant), chamada de ferramenta 1, tem argumentos que não são JSON válido: "
        "'{oops'. Corrija as aspas, chaves ou colchetes."
    ]
    assert dpo_findings == ["Linha 4: a resposta não preferida está vazia. Escreva o texto ou remova a mensagem."]


def test_dataset_findings_with_plurals_in_portuguese():
    one = DatasetChecker(Kind.SFT)
    one.add(_summary(1, 11))
    many = DatasetChecker(Kind.SFT, max_listed=1)
    for line in range(1, 13):
        many.add(_summary(line, 99 if line > 9 else line))  # lines 11 and 12 copy line 10
    try:
        i18n.setup("pt_BR")
        single = [f.message for f in one.finish()]
        several = [f.message for f in many.finish()]
    finally:
        i18n.setup("en")
    assert single == [
        "O arquivo tem só 1 exemplo; a plataforma precisa de pelo menos 10 para treinar. Acrescente mais — uns "
        "50 exemplos bem-feitos são um bom começo."
    ]
    assert several == [
        "O arquivo tem 12 exemplos. O treinamento funciona, mas as melhorias costumam aparecer a partir de uns "
        "50–100 exemplos bem-feitos.",
        "Linha 11: este exemplo é uma cópia exata da linha 10. Exemplos repetidos fazem o modelo aprendê-los "
        "demais; remova a cópia.",
        "2 exemplos são cópias exatas de exemplos anteriores (linhas 11, 12).",
    ]


def test_cost_estimate_in_portuguese():
    try:
        i18n.setup("pt_BR")
        estimate = estimate_cost("gpt-4o-mini-2024-07-18", 1_234_567)
    finally:
        i18n.setup("en")
    assert estimate.explanation == (
        "Cerca de US$ 3,70: 1.234.567 tokens de treinamento a US$ 3,00 por milhão (gpt-4o-mini-2024-07-18, "
        "preço de 2025-11). A cobrança final usa os tokens informados pelo treinamento."
    )
