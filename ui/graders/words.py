"""The plain words of the grader editor: one sentence per grader type, metric and comparison, and how
a problem or a missing field reads. Kept in one place so the forms, the checks and the trial panel
say the same thing the same way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.formats.model import Finding, Severity


def tr(text: str) -> str:
    """Translate ``text`` in the grader editor's context."""
    return QCoreApplication.translate("Graders", text)


def type_title(kind: str) -> str:
    """A short name for a grader type, as the type chooser lists it."""
    return {
        "string_check": tr("Text comparison"),
        "text_similarity": tr("Text similarity"),
        "score_model": tr("Model gives a score"),
        "label_model": tr("Model picks a label"),
        "python": tr("Python code"),
        "multi": tr("Combination of graders"),
    }.get(kind, kind)


def type_sentence(kind: str) -> str:
    """One plain sentence saying what a grader of this type does."""
    return {
        "string_check": tr("Compares the model's answer with a reference text: 1 when they match the way you "
                           "choose, 0 when they do not."),
        "text_similarity": tr("Scores from 0 to 1 how close the model's answer is to a reference text."),
        "score_model": tr("Asks another model to rate the answer with a number, for answers that need "
                          "judgement; it can only be tried on a connection."),
        "label_model": tr("Asks another model to put the answer under one of your labels; some labels count "
                          "as a pass. Only usable inside a combination."),
        "python": tr("Runs a small Python function that returns a score from 0 to 1 (for when a colleague "
                     "writes the scoring rule as code); it can only be tried on a connection."),
        "multi": tr("Combines several graders into one score with a formula, such as "
                    "0.7 * accuracy + 0.3 * style."),
    }.get(kind, tr("The app does not know this grader type; edit it in the JSON tab."))


def operation_text(op: str) -> str:
    """How a string_check operation reads in the comparison combo."""
    return {
        "eq": tr("is exactly the same as the reference"),
        "ne": tr("is different from the reference"),
        "like": tr("contains the reference (capitals matter)"),
        "ilike": tr("contains the reference (capitals do not matter)"),
    }.get(op, op)


def metric_text(metric: str) -> str:
    """How a text_similarity metric reads in the metric combo."""
    if metric.startswith("rouge_") and metric[-1].isdigit():
        return tr("ROUGE-{n}: shared runs of {n} words (common for summaries)").format(n=metric[-1])
    return {
        "fuzzy_match": tr("Fuzzy match: how many characters agree (tolerates typos)"),
        "bleu": tr("BLEU: shared word sequences (common for translation)"),
        "gleu": tr("GLEU: like BLEU, fairer to single sentences"),
        "meteor": tr("METEOR: shared words, counting word forms and synonyms (tried on a connection only)"),
        "rouge_l": tr("ROUGE-L: the longest run of words in the same order"),
        "cosine": tr("Cosine: closeness in meaning (evaluations only, not usable for fine-tuning)"),
    }.get(metric, metric)


def template_tip() -> str:
    """The tooltip of every field that may hold {{…}} placeholders."""
    return tr("Write {{sample.output_text}} for the model's answer and {{item.FIELD}} for a field of the training "
              "example (for instance {{item.reference_answer}}). The {…} button inserts them.")


def severity_word(severity: Severity) -> str:
    """An icon and a word for a severity (never colour alone)."""
    return tr("✖ Error") if severity is Severity.ERROR else tr("⚠ Warning")


def finding_line(finding: Finding) -> str:
    """A problem as one line of the checks list."""
    return f"{severity_word(finding.severity)}: {finding.message}"
