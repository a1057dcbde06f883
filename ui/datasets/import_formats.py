"""The file formats the import dialog offers, as the user sees them: each format's name and
description and each kind of data's name in the user's language (the core's are English), the file
dialog's filters, and which dropped files the Datasets view takes for an import.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData

from app.formats.model import Kind
from app.formats.readers import FORMATS
from ui.i18n import TranslationContext

SUPPORTED_EXTENSIONS = frozenset(ext for info in FORMATS.values() for ext in info.extensions)

ImportTexts = TranslationContext("ImportTexts")


def kind_label(kind: Kind) -> str:
    """The plain-language name of a kind of training data."""
    return {Kind.SFT: ImportTexts.tr("Conversations (supervised)"), Kind.DPO: ImportTexts.tr("Preference pairs (DPO)"),
            Kind.RFT: ImportTexts.tr("Prompts with reference answers (RFT)")}[kind]


def format_texts(fmt: str) -> tuple[str, str]:
    """A file format's name and one-line description in the user's language (the core's are English)."""
    texts = {
        "openai": (ImportTexts.tr("OpenAI JSONL"), ImportTexts.tr(
            "One example per line in OpenAI's own format: chat messages (SFT), preference pairs with "
            "input/preferred_output/non_preferred_output (DPO) or messages plus reference fields (RFT).")),
        "csv": (ImportTexts.tr("CSV spreadsheet"), ImportTexts.tr(
            "A table saved from Excel or Google Sheets, one example per row. You choose which columns hold the "
            "question, the answer and the system prompt.")),
        "tsv": (ImportTexts.tr("Tab-separated table"), ImportTexts.tr("Like CSV, with tabs between the columns.")),
        "alpaca": (ImportTexts.tr("Alpaca"), ImportTexts.tr(
            "Instruction-following data with instruction, input and output fields (JSONL or one JSON list).")),
        "sharegpt": (ImportTexts.tr("ShareGPT"), ImportTexts.tr(
            "Conversations as lists of {from, value} turns (human, gpt, system, function_call, observation), "
            "JSONL or one JSON list.")),
        "pairs": (ImportTexts.tr("Preference pairs"), ImportTexts.tr(
            "prompt, chosen and rejected answers (texts or message lists), as used by TRL and many open datasets. "
            "Becomes DPO data.")),
    }
    info = FORMATS[fmt]
    return texts.get(fmt, (info.label, info.description))


def file_filters() -> list[str]:
    """Name filters for the file dialog: all training data first, then each family of formats."""
    return [ImportTexts.tr("Training data (*.jsonl *.ndjson *.json *.csv *.tsv *.tab)"),
            ImportTexts.tr("JSON Lines (*.jsonl *.ndjson)"),
            ImportTexts.tr("JSON (*.json)"), ImportTexts.tr("CSV spreadsheets (*.csv)"),
            ImportTexts.tr("Tab-separated tables (*.tsv *.tab)"),
            ImportTexts.tr("All files (*)")]


def accepts_drop(mime: QMimeData) -> str | None:
    """The path of a dropped local file with a supported extension, else None (for dropEvent)."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = url.toLocalFile()
            if os.path.splitext(path)[1].lower() in SUPPORTED_EXTENSIONS:
                return path
    return None
