"""The plain words of the grader editor: one sentence per grader type, metric and comparison, and how
a problem or a missing field reads. Kept in one place so the forms, the checks and the trial panel
say the same thing the same way."""

from __future__ import annotations

from app.formats.model import Finding, Severity
from ui.i18n import TranslationContext

# Module-level texts of this package: ``Graders.tr("…")`` (see ui.i18n.TranslationContext).
Graders = TranslationContext("Graders")


def type_title(kind: str) -> str:
    """A short name for a grader type, as the type chooser lists it."""
    return {
        "string_check": Graders.tr("Text comparison"),
        "text_similarity": Graders.tr("Text similarity"),
        "score_model": Graders.tr("Model gives a score"),
        "label_model": Graders.tr("Model picks a label"),
        "python": Graders.tr("Python code"),
        "multi": Graders.tr("Combination of graders"),
    }.get(kind, kind)


def type_sentence(kind: str) -> str:
    """One plain sentence saying what a grader of this type does."""
    return {
        "string_check": Graders.tr("Compares the model's answer with a reference text: 1 when they match the way you "
                           "choose, 0 when they do not."),
        "text_similarity": Graders.tr("Scores from 0 to 1 how close the model's answer is to a reference text."),
        "score_model": Graders.tr("Asks another model to rate the answer with a number, for answers that need "
                          "judgement; it can only be tried on a connection."),
        "label_model": Graders.tr("Asks another model to put the answer under one of your labels; some labels count "
                          "as a pass. Only usable inside a combination."),
        "python": Graders.tr("Runs a small Python function that returns a score from 0 to 1 (for when a colleague "
                     "writes the scoring rule as code); it can only be tried on a connection."),
        "multi": Graders.tr("Combines several graders into one score with a formula, such as "
                    "0.7 * accuracy + 0.3 * style."),
    }.get(kind, Graders.tr("The app does not know this grader type; edit it in the JSON tab."))


def operation_text(op: str) -> str:
    """How a string_check operation reads in the comparison combo."""
    return {
        "eq": Graders.tr("is exactly the same as the reference"),
        "ne": Graders.tr("is different from the reference"),
        "like": Graders.tr("contains the reference (capitals matter)"),
        "ilike": Graders.tr("contains the reference (capitals do not matter)"),
    }.get(op, op)


def metric_text(metric: str) -> str:
    """How a text_similarity metric reads in the metric combo."""
    if metric.startswith("rouge_") and metric[-1].isdigit():
        return Graders.tr("ROUGE-%n: shared runs of %n words (common for summaries)", None, int(metric[-1]))
    return {
        "fuzzy_match": Graders.tr("Fuzzy match: how many characters agree (tolerates typos)"),
        "bleu": Graders.tr("BLEU: shared word sequences (common for translation)"),
        "gleu": Graders.tr("GLEU: like BLEU, fairer to single sentences"),
        "meteor": Graders.tr("METEOR: shared words, counting word forms and synonyms (tried on a connection only)"),
        "rouge_l": Graders.tr("ROUGE-L: the longest run of words in the same order"),
        "cosine": Graders.tr("Cosine: closeness in meaning (evaluations only, not usable for fine-tuning)"),
    }.get(metric, metric)


def template_tip() -> str:
    """The tooltip of every field that may hold {{…}} placeholders."""
    return Graders.tr("Write {{sample.output_text}} for the model's answer and {{item.FIELD}} for a field of the "
                      "training example (for instance {{item.reference_answer}}). The {…} button inserts them.")


def severity_word(severity: Severity) -> str:
    """An icon and a word for a severity (never colour alone)."""
    return Graders.tr("✖ Error") if severity is Severity.ERROR else Graders.tr("⚠ Warning")


def finding_line(finding: Finding) -> str:
    """A problem as one line of the checks list."""
    return f"{severity_word(finding.severity)}: {finding.message}"
