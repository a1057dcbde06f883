"""The command line in English and Brazilian Portuguese: ``--help``, a subcommand's help and errors
(argparse's own and ours) as a user's terminal shows them, and the catalogue kept complete."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import i18n as i18n_cli
from app.i18n import detect_language, normalize_language
from app.i18n_msgfmt import PoSyntaxError, compile_po, make_mo, parse_po

EXE = Path(sys.executable).with_name("finetune-studio")
ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "resources" / "locale" / "pt_BR" / "LC_MESSAGES" / "finetune_studio.po"
CLI_MODULES = [ROOT / "app" / name for name in ("cli.py", "cli_data.py", "cli_jobs.py")]
# One catalogue for the core, the CLI and the self-test.
APP_MODULES = [*sorted((ROOT / "app").rglob("*.py")), ROOT / "ui" / "qt_check.py"]
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=60, env={**clean, **env})


# --- as a user runs it -----------------------------------------------------------------------------


def test_help_in_english_and_in_portuguese():
    en = run("--help", LANG="C.UTF-8")
    assert en.returncode == 0
    assert en.stdout.startswith("usage: finetune-studio")
    assert "show this help message and exit" in en.stdout and "options:" in en.stdout
    assert "build training data, judge answers" in en.stdout and "check a training file" in en.stdout

    pt = run("--help", LANG="pt_BR.UTF-8")
    assert pt.returncode == 0
    assert pt.stdout.startswith("uso: finetune-studio")
    assert "mostra esta ajuda e sai" in pt.stdout and "opções:" in pt.stdout and "comandos:" in pt.stdout
    assert "monte dados de treinamento" in pt.stdout and "confere um arquivo de treinamento" in pt.stdout
    assert "usage" not in pt.stdout and "options" not in pt.stdout


def test_a_subcommands_help_and_errors_in_both_languages():
    pt = run("validate", "--help", LANGUAGE="pt_BR", LANG="C")
    assert pt.returncode == 0
    assert "argumentos posicionais:" in pt.stdout and "ARQUIVO" in pt.stdout
    assert "método de treinamento (detectado quando não informado)" in pt.stdout
    assert "colunas de um arquivo CSV/TSV" in pt.stdout

    missing = run("validate", LANG="pt_BR.UTF-8")  # argparse's error
    assert missing.returncode == 2
    assert "finetune-studio validate: erro: os seguintes argumentos são obrigatórios: ARQUIVO" in missing.stderr
    assert missing.stderr.startswith("uso: ")
    en = run("validate", LANG="en_US.UTF-8")
    assert "finetune-studio validate: error: the following arguments are required: FILE" in en.stderr



def test_our_own_messages_in_portuguese(tmp_path, capsys, monkeypatch):
    from app.cli import build_parser
    from app.cli import run as run_cli

    monkeypatch.setenv("LANGUAGE", "pt_BR")
    try:
        args = build_parser().parse_args(["validate", str(tmp_path / "nada.jsonl")])
        assert run_cli(args) == 2
        assert capsys.readouterr().err.strip() == f"finetune-studio: {tmp_path / 'nada.jsonl'}: arquivo não encontrado"
    finally:
        i18n_cli.setup("en")


def test_the_language_chosen_in_the_app_applies_and_language_overrides_it(app_home):
    (app_home / "config").mkdir(parents=True)
    (app_home / "config" / "settings.json").write_text(json.dumps({"language": "pt-BR"}))
    assert detect_language({"LANG": "en_US.UTF-8"}) == "pt_BR"  # settings read from the app's folder
    assert detect_language({"LANGUAGE": "en", "LANG": "pt_BR.UTF-8"}) == "en"
    (app_home / "config" / "settings.json").write_text("{damaged")
    assert detect_language({"LANG": "en_US.UTF-8"}) == "en"
    assert (app_home / "config" / "settings.json").exists()  # only read, never moved aside


# --- choosing the language -------------------------------------------------------------------------


def test_language_detection_order():
    assert normalize_language("pt_BR.UTF-8") == normalize_language("pt-PT") == "pt_BR"
    assert normalize_language("en_GB") == "en"
    assert normalize_language("C") is normalize_language("POSIX") is normalize_language("de_DE") is None
    assert detect_language({}, "") in ("en", "pt_BR")  # the system's (English on Linux without variables)
    assert detect_language({"LANG": "pt_BR.UTF-8"}, "") == "pt_BR"
    assert detect_language({"LANG": "pt_BR.UTF-8", "LC_ALL": "C"}, "") == "en"  # LC_ALL wins, C is English
    assert detect_language({"LANG": "de_DE.UTF-8"}, "") == "en"  # a language we do not ship
    assert detect_language({"LANGUAGE": "de:pt_BR", "LANG": "en_US"}, "") == "pt_BR"  # first one we ship
    assert detect_language({"LANG": "en_US.UTF-8"}, "pt_BR") == "pt_BR"  # the app's choice beats LANG
    assert detect_language({"LANGUAGE": "en", "LANG": "pt_BR"}, "pt_BR") == "en"  # LANGUAGE beats it


def test_setup_translates_our_texts_argparse_and_numbers():
    try:
        assert i18n_cli.setup("pt-BR") == "pt_BR"
        assert i18n_cli._("ready to train") == "pronto para treinar"
        assert i18n_cli.ngettext("wrote {n} example to {file}", "wrote {n} examples to {file}", 2).startswith(
            "{n} exemplos gravados")
        assert i18n_cli.number(1234567) == "1.234.567" and i18n_cli.number(1234.5, 1) == "1.234,5"
        import argparse

        assert argparse._("usage: ") == "uso: "
        assert "Inicia e acompanha" in i18n_cli._(__import__("app.cli_jobs").cli_jobs.DESCRIPTION)
    finally:
        i18n_cli.setup("en")
    assert i18n_cli._("ready to train") == "ready to train" and i18n_cli.number(1234567) == "1,234,567"


def test_every_help_page_renders_in_portuguese():
    """argparse %-formats help texts: a stray "%" in a translation would crash that --help."""
    import argparse

    from app.cli import build_parser

    def parsers(p):
        yield p
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    yield from parsers(child)

    try:
        pages = {p.prog: p.format_help() for p in parsers(build_parser("pt_BR"))}
    finally:
        i18n_cli.setup("en")
    assert len(pages) == 12  # the app, 4 data commands, jobs and its 6 actions
    for prog, text in pages.items():
        assert text.startswith("uso: ") and "mostra esta ajuda e sai" in text, prog


# --- the catalogue ---------------------------------------------------------------------------------


def _po_parts():
    """tools/po_parts.py: how the catalogue's keys are read from the code (one reader for the tool
    and this test)."""
    spec = importlib.util.spec_from_file_location("po_parts", ROOT / "tools" / "po_parts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_core_and_cli_message_and_every_argparse_text_has_a_translation():
    import argparse

    tool = _po_parts()
    catalog = parse_po(PO.read_text(encoding="utf-8"))
    wanted = [key for m in APP_MODULES for key in tool.marked(m)]
    assert len(wanted) > 100
    wanted += tool.marked(Path(argparse.__file__))
    missing = [key.replace("\0", " | ") for key in wanted if key not in catalog]
    assert not missing, f"add these to {PO.name}: {missing}"
    for key, value in catalog.items():
        if key:
            assert tool.placeholders(key.split("\0")[0]) == tool.placeholders(value.split("\0")[0]), key


def test_no_message_dodges_its_plural_with_a_bracketed_ending():
    """"1 error(s)" / "3 erro(s)": a count takes ngettext, or the sentence is rephrased."""
    hedge = re.compile(r"\w\((s|es|ões|m|a|ns)\)")
    catalog = parse_po(PO.read_text(encoding="utf-8"))
    dodging = [k for k, v in catalog.items() if k and (hedge.search(k) or hedge.search(v))]
    assert not dodging, dodging


def test_cli_modules_print_no_untranslated_literal_text():
    """A print/help/error text in the CLI modules goes through _(): an f-string with words in it is a
    message that was forgotten. (Structural f-strings — "{file}: {reason}" — have no words.)"""
    words = re.compile(r"[A-Za-z]{3,}")
    for module in CLI_MODULES:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("print", "say", "_err", "_fail"):
                for arg in node.args:
                    if isinstance(arg, ast.JoinedStr):
                        literal = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                        assert not words.search(literal.replace("finetune-studio", "")), (module.name, literal)


def test_our_msgfmt_builds_what_gettext_reads_and_matches_gnu_msgfmt(tmp_path):
    mo = compile_po(PO, tmp_path / "finetune_studio.mo")
    with mo.open("rb") as f:
        t = gettext.GNUTranslations(f)
    assert t.gettext("usage: ") == "uso: "
    assert t.ngettext("expected %s argument", "expected %s arguments", 1) == "requer %s valor"
    assert t.ngettext("expected %s argument", "expected %s arguments", 3) == "requer %s valores"
    assert t.info()["language"] == "pt_BR"
    gnu = shutil.which("msgfmt")
    if gnu is None:
        pytest.skip("GNU msgfmt not installed: compared with gettext only")
    subprocess.run([gnu, "--check", "-o", str(tmp_path / "gnu.mo"), str(PO)], check=True, capture_output=True)
    with (tmp_path / "gnu.mo").open("rb") as f:
        assert gettext.GNUTranslations(f)._catalog == t._catalog  # type: ignore[attr-defined]


def test_po_reader_handles_plurals_context_escapes_and_skips_fuzzy_and_empty():
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "guess"\nmsgstr "chute"\n\n'
        'msgid "todo"\nmsgstr ""\n\n'
        'msgctxt "menu"\nmsgid "File"\nmsgstr "Arquivo"\n\n'
        'msgid "a \\"quoted\\"\\tword"\nmsgstr ""\n"uma palavra "\n"\\"citada\\""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "um"\nmsgstr[1] "muitos"\n'
    )
    cat = parse_po(text)
    assert cat == {
        "": "Content-Type: text/plain; charset=UTF-8\n",
        "menu\x04File": "Arquivo",
        'a "quoted"\tword': 'uma palavra "citada"',
        "one\0many": "um\0muitos",
    }
    t = gettext.GNUTranslations(__import__("io").BytesIO(make_mo(cat)))
    assert t.pgettext("menu", "File") == "Arquivo" and t.gettext("guess") == "guess"
    with pytest.raises(PoSyntaxError, match="line 2"):
        parse_po('msgid "x"\nmsgstr oops\n')


def test_a_missing_mo_falls_back_to_the_po(tmp_path, monkeypatch):
    folder = tmp_path / "pt_BR" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / PO.name)
    monkeypatch.setattr("app.i18n_msgfmt.locale_root", lambda: tmp_path)
    i18n_cli.translation.cache_clear()
    try:
        assert i18n_cli.translation("pt_BR").gettext("options") == "opções"  # from the .po, in memory
        compile_po(folder / PO.name)
        assert i18n_cli.translation("pt_BR").gettext("options") == "opções"  # cached
        (folder / PO.name).unlink()
        (folder / "finetune_studio.mo").unlink()
        i18n_cli.translation.cache_clear()
        assert i18n_cli.translation("pt_BR").gettext("options") == "options"  # nothing: English, no crash
    finally:
        i18n_cli.translation.cache_clear()
