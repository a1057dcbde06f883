"""Graders in Brazilian Portuguese: the formula's errors, the checks of a grader against the data and
the reward preview's verdict, as a Portuguese user reads them in the grader editor."""

from __future__ import annotations

import pytest

from app import i18n
from app.graders.formula_check import check
from app.graders.formula_eval import evaluate
from app.graders.formula_syntax import FormulaError
from app.graders.preview import reward_spread
from app.graders.starters import new_grader
from app.graders.structure import structure_problems
from app.graders.templates import check_against_examples


def test_formula_errors_in_portuguese():
    try:
        i18n.setup("pt_BR")
        assert check("0.5 * acuracy + 0.5 * style", ["accuracy", "style"]) == [
            "'acuracy' (posição 7) não é o nome de um avaliador da combinação (os nomes são: accuracy, style)."
        ]
        assert check("min()", ["a"]) == ["min (posição 1) precisa de pelo menos 1 valor, por exemplo min(a, b)."]
        with pytest.raises(FormulaError, match=r"^Divisão por zero \(posição 3\)\.$"):
            evaluate("a / (b - b)", {"a": 1, "b": 2})
    finally:
        i18n.setup("en")


def test_grader_rules_in_portuguese():
    grader = new_grader("string_check")
    grader["operation"] = "neq"
    try:
        i18n.setup("pt_BR")
        messages = [f.message for f in structure_problems(grader)]
    finally:
        i18n.setup("en")
    assert messages == [
        "'neq' não é uma operação (a API escreve \"ne\"); use eq (igual), ne (diferente), like (contém) ou ilike "
        "(contém, sem diferenciar maiúsculas)."
    ]


def test_missing_field_singular_and_plural():
    grader = new_grader("string_check")
    try:
        i18n.setup("pt_BR")
        (one,), _findings = check_against_examples(grader, [(4, {})])
        (many,), _findings = check_against_examples(grader, [(n, {}) for n in range(1, 1201)])
        (some,), _findings = check_against_examples(grader, [(1, {"reference_answer": "x"}), (2, {})])
        assert one.finding().message == (
            "item.reference_answer falta em 1 de 1 exemplo (linha 4): o avaliador nunca vai encontrá-lo. Confira o "
            "nome do campo no conjunto de dados."
        )
        assert many.message == "item.reference_answer falta em 1.200 de 1.200 exemplos (linhas 1, 2, 3, …)"
        assert some.message == "item.reference_answer falta em 1 de 2 exemplos (linha 2)"
    finally:
        i18n.setup("en")


def test_reward_spread_in_portuguese_with_a_decimal_comma():
    try:
        i18n.setup("pt_BR")
        flat = reward_spread([0.5, 0.5, 0.5])
        spread = reward_spread([0, 0.25, 1])
    finally:
        i18n.setup("en")
    assert flat.message == (
        "Todas as respostas receberam nota 0,5: este avaliador não dá ao modelo nada com que aprender. Faça-o "
        "distinguir as respostas melhores das piores."
    )
    assert spread.message == "As notas vão de 0 a 1 (média 0,417): o modelo consegue aprender com isso."
