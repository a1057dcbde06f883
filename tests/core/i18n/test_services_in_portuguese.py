"""The dataset services, the version line and the self-test in Brazilian Portuguese, as a Portuguese
user reads them: an error when editing a dataset, Help → About's build line, ``--self-test``'s report."""

from __future__ import annotations

import pytest

from app import i18n, selftest
from app.services import dataset_admin, dataset_organise, dataset_versions
from app.version import BuildInfo


def test_dataset_errors_in_portuguese(project):
    def work(db):
        empty = dataset_admin.create_empty_dataset(db, dataset_admin.unique_name(db, "  "), "sft")
        with pytest.raises(ValueError, match=r"^não há exemplos para o treinamento$"):
            dataset_versions.freeze_dataset(db, empty)
        with pytest.raises(ValueError, match=r"^um conjunto de dados precisa de um nome$"):
            dataset_admin.rename_dataset(db, empty, "   ")
        with pytest.raises(LookupError, match=r"^o conjunto de dados 999 não existe$"):
            dataset_admin.rename_dataset(db, 999, "Contratos")
        return dataset_admin.dataset_names(db)

    try:
        i18n.setup("pt_BR")
        assert project.db.submit_write(work).result() == ["Conjunto de dados"]
        with pytest.raises(ValueError, match=r"^a fração de validação precisa estar entre 0 e 1$"):
            dataset_organise.split_sizes(10, 1.5)
    finally:
        i18n.setup("en")


def test_build_line_in_portuguese():
    try:
        i18n.setup("pt_BR")
        built = BuildInfo("1.0.0", "4101bda", "2026-11-26 08:40 UTC").summary()
        source = BuildInfo("1.0.0", "unknown", "").summary()
    finally:
        i18n.setup("en")
    assert built == "commit 4101bda, compilado em 2026-11-26 08:40 UTC"
    assert source == "commit desconhecido, executado a partir do código-fonte"


def test_self_test_lines_in_portuguese_with_singular_and_plural(monkeypatch):
    try:
        i18n.setup("pt_BR")
        monkeypatch.setattr(selftest, "iter_core_modules", lambda: iter(["app"]))
        one = selftest.check_core_imports().line()
        monkeypatch.setattr(selftest, "iter_core_modules", lambda: iter(["app", "app.i18n"]))
        two = selftest.check_core_imports().line()
        tokenizer = selftest.check_tokenizer().line()
        warned = selftest.CheckResult("chaveiro do sistema", True, "em uso: fail.Keyring", warning=True).line()
    finally:
        i18n.setup("en")
    assert one == "[ok   ] módulos do núcleo: 1 módulo carregado"
    assert two == "[ok   ] módulos do núcleo: 2 módulos carregados"
    assert tokenizer == "[ok   ] tokenizador: o200k_base carregado sem internet"
    assert warned == "[aviso] chaveiro do sistema: em uso: fail.Keyring"
