"""Project files in Brazilian Portuguese: why a file could not be opened, and the refusals of the
grader and batch-run stores, as a Portuguese user reads them in the window."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from app import i18n
from app.store import backups, batch_repo, graders_repo, project_file
from app.store.errors import DamagedProjectError, NewerVersionError, NotAProjectError
from app.store.migrations import SCHEMA_VERSION


def test_refused_project_files_in_portuguese(tmp_path):
    empty = tmp_path / "Contratos.ftproj"
    empty.write_bytes(b"")
    newer = tmp_path / "Futuro.ftproj"
    project_file.create_project(newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    try:
        i18n.setup("pt_BR")
        with pytest.raises(NotAProjectError) as not_project:
            project_file.inspect_project(empty)
        with pytest.raises(NewerVersionError) as too_new:
            project_file.inspect_project(newer)
    finally:
        i18n.setup("en")
    assert str(not_project.value) == (
        "“Contratos.ftproj” está vazio (0 bytes), então não é um projeto do Finetune Studio (ele pode ter sido "
        "cortado ao ser copiado ou salvo). O arquivo não foi alterado."
    )
    assert str(too_new.value) == (
        "“Futuro.ftproj” foi salvo por uma versão mais nova do Finetune Studio. Atualize o app para abri-lo; "
        "o arquivo não foi alterado."
    )


def test_a_cut_off_project_is_damaged_in_portuguese_with_its_numbers(tmp_path):
    path = tmp_path / "Clínica.ftproj"
    project_file.create_project(path)
    data = path.read_bytes()
    pages = int.from_bytes(data[28:32], "big")
    path.write_bytes(data[:16384])
    try:
        i18n.setup("pt_BR")
        with pytest.raises(DamagedProjectError) as damaged:
            project_file.check_damage(path)
    finally:
        i18n.setup("en")
    assert str(damaged.value) == (
        "“Clínica.ftproj” está danificado: ele é menor do que deveria (pode ter sido cortado ao ser copiado, "
        "baixado ou salvo), por isso não foi aberto. O arquivo não foi alterado."
    )
    assert damaged.value.details == f"16.384 bytes; o cabeçalho indica {pages} páginas de 16.384 bytes"


def test_store_refusals_and_names_in_portuguese(tmp_path):
    path = tmp_path / "Petições.ftproj"
    project_file.create_project(path)
    db = project_file.connect(path)
    graders_repo.save_grader(db, "Tom formal", {"type": "string_check"})
    db.conn.execute("DELETE FROM meta WHERE key = 'name'")
    backup = backups.BackupInfo(path, dt.datetime(2025, 5, 1, 14, 3, tzinfo=dt.UTC), "manual", 0)
    try:
        i18n.setup("pt_BR")
        with pytest.raises(graders_repo.GraderNameTaken) as taken:
            graders_repo.save_grader(db, "Tom formal", {"type": "string_check"})
        with pytest.raises(ValueError) as no_model:
            batch_repo.create_run(db, "Comparação", 1, None, [], 4)
        with pytest.raises(backups.BackupError) as exists:
            backups.restore_backup(backup, path)
        untitled = project_file.project_name(db)
        restored = backups.restored_copy_path(path, backup)
    finally:
        i18n.setup("en")
        db.close()
    assert str(taken.value) == "Já existe um avaliador chamado “Tom formal”. Escolha outro nome."
    assert str(no_model.value) == "Escolha pelo menos um modelo para a execução."
    assert str(exists.value) == "“Petições.ftproj” já existe. Escolha outro nome; nada foi alterado."
    assert untitled == "Sem título"
    assert restored.name.startswith("Petições (restaurado em 2025-05-01 ") and restored.suffix == ".ftproj"
