"""Dataset-wide rules, fed one example summary at a time (API_NOTES §8.2, §8.4, §9.1).

:class:`DatasetChecker` keeps only integers per example (two 64-bit hashes and a line number in
dicts, and the lines of examples that are too long or duplicated), so a 100,000-example file costs
a few megabytes. Per-line findings are listed up to ``max_listed`` per rule, then summarised.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from app.formats.model import Finding, Kind, Severity
from app.formats.prices import RFT_LONG_PROMPT, resolve_model, training_context
from app.i18n import _, ngettext, number

if TYPE_CHECKING:
    from app.formats.summary import ExampleSummary

MIN_EXAMPLES = 10
RECOMMENDED_EXAMPLES = 50
MAX_IMAGE_EXAMPLES = 50_000
# RFT file size limits (§8.4); SFT/DPO files are limited by size in bytes, not by count.
MAX_RFT_EXAMPLES = {"training": 50_000, "validation": 1_000}

Purpose = Literal["training", "validation"]


def _lines(lines: Any, limit: int = 10) -> str:
    """'3, 17, 52 and 9 more' for a message."""
    shown = ", ".join(str(n) for n in list(lines[:limit]))
    rest = len(lines) - limit
    return _("{lines} and {n} more").format(lines=shown, n=number(rest)) if rest > 0 else shown


class DatasetChecker:
    """Accumulates example summaries; :meth:`finish` returns the dataset-wide findings.

    ``model`` is the base model (alias, snapshot or ``ft:`` name; None: the 65,536-token limit of
    current models is assumed). ``purpose`` is "training" or "validation": the minimum size only
    applies to training files.
    """

    def __init__(
        self,
        kind: Kind,
        *,
        model: str | None = None,
        purpose: Purpose = "training",
        max_listed: int = 100,
    ) -> None:
        self.kind = kind
        self.model = model
        self.purpose = purpose
        self.max_listed = max_listed
        # RFT (o4-mini) documents no training limit: None, and very long prompts get a warning.
        self.limit = None if kind is Kind.RFT and model is None else training_context(model)
        self.examples = 0
        self.image_examples = 0
        self._exact: dict[int, int] = {}
        self._norm: dict[int, int] = {}
        self._long_lines = array("I")
        self._long_tokens = array("Q")
        self._dupes: dict[str, tuple[array[int], array[int]]] = {
            "duplicate_example": (array("I"), array("I")),
            "near_duplicate": (array("I"), array("I")),
        }

    @property
    def exact_hashes(self) -> Mapping[int, int]:
        """Exact hash -> line of its first occurrence."""
        return self._exact

    @property
    def norm_hashes(self) -> Mapping[int, int]:
        """Normalised (case and spacing) hash -> line of its first occurrence; for check_overlap."""
        return self._norm

    def add(self, summary: ExampleSummary) -> None:
        """Take one example's summary, in file order."""
        self.examples += 1
        if summary.images:
            self.image_examples += 1
        line = summary.line
        limit = self.limit if self.limit is not None else RFT_LONG_PROMPT
        if summary.tokens > limit:
            self._long_lines.append(line)
            self._long_tokens.append(summary.tokens)
        first = self._exact.setdefault(summary.exact_hash, line)
        if first != line:
            self._record("duplicate_example", line, first)
            return
        first = self._norm.setdefault(summary.norm_hash, line)
        if first != line:
            self._record("near_duplicate", line, first)

    def add_example(self, obj: Any, *, line: int) -> ExampleSummary:
        """Summarise ``obj`` (count, hash) and add it; returns the summary for other consumers."""
        from app.formats.summary import summarize_example  # summary imports validate, which imports us

        summary = summarize_example(obj, self.kind, line=line, model=self.model)
        self.add(summary)
        return summary

    def _record(self, code: str, line: int, first: int) -> None:
        lines, firsts = self._dupes[code]
        lines.append(line)
        firsts.append(first)

    def finish(self) -> list[Finding]:
        """The dataset-wide findings, errors first."""
        out: list[Finding] = []
        self._size(out)
        self._length(out)
        self._duplicates(out)
        out.sort(key=lambda f: f.severity is not Severity.ERROR)
        return out

    def _size(self, out: list[Finding]) -> None:
        n = self.examples
        error, warning = Severity.ERROR, Severity.WARNING
        if self.purpose == "training" and n < MIN_EXAMPLES:
            if n == 0:
                text = _("The file has no examples; the platform needs at least {min} to train. "
                         "Add more — about {good} well-made examples is a good start.")
            else:
                text = ngettext(
                    "The file has only {n} example; the platform needs at least {min} to train. "
                    "Add more — about {good} well-made examples is a good start.",
                    "The file has only {n} examples; the platform needs at least {min} to train. "
                    "Add more — about {good} well-made examples is a good start.",
                    n,
                )
            out.append(Finding(
                "too_few_examples", error, text.format(n=number(n), min=MIN_EXAMPLES, good=RECOMMENDED_EXAMPLES)
            ))
        elif self.purpose == "training" and n < RECOMMENDED_EXAMPLES:
            out.append(Finding(
                "few_examples", warning,
                ngettext(
                    "The file has {n} example. Training works, but improvements usually show from "
                    "about {good}–100 well-made examples.",
                    "The file has {n} examples. Training works, but improvements usually show from "
                    "about {good}–100 well-made examples.",
                    n,
                ).format(n=number(n), good=RECOMMENDED_EXAMPLES),
            ))
        cap = MAX_RFT_EXAMPLES[self.purpose] if self.kind is Kind.RFT else None
        if cap is not None and n > cap:
            if self.purpose == "training":
                text = ngettext(
                    "The training file has {n} example; reinforcement fine-tuning accepts at most {max} "
                    "in a training file. Remove some.",
                    "The training file has {n} examples; reinforcement fine-tuning accepts at most {max} "
                    "in a training file. Remove some.",
                    n,
                )
            else:
                text = ngettext(
                    "The validation file has {n} example; reinforcement fine-tuning accepts at most {max} "
                    "in a validation file. Remove some.",
                    "The validation file has {n} examples; reinforcement fine-tuning accepts at most {max} "
                    "in a validation file. Remove some.",
                    n,
                )
            out.append(Finding("too_many_examples", error, text.format(n=number(n), max=number(cap))))
        if self.image_examples > MAX_IMAGE_EXAMPLES:
            out.append(Finding(
                "too_many_image_examples", error,
                ngettext(
                    "{n} example contains images; a training file may have at most {max}. "
                    "Split the images over several jobs or remove some.",
                    "{n} examples contain images; a training file may have at most {max}. "
                    "Split the images over several jobs or remove some.",
                    self.image_examples,
                ).format(n=number(self.image_examples), max=number(MAX_IMAGE_EXAMPLES)),
            ))

    def _length(self, out: list[Finding]) -> None:
        lines = self._long_lines
        if not lines:
            return
        model = resolve_model(self.model) if self.model else None
        code, limit = ("very_long_prompt", RFT_LONG_PROMPT) if self.limit is None else ("too_long", self.limit)
        for line, tokens in zip(lines[: self.max_listed], self._long_tokens, strict=False):
            out.append(Finding(code, Severity.WARNING, _long_text(tokens, self.limit, model).format(
                line=line, n=number(tokens), limit=number(limit), model=model), line))
        if len(lines) > self.max_listed:
            out.append(Finding(
                code, Severity.WARNING,
                ngettext("{n} example is longer than {limit} tokens (lines {lines}).",
                         "{n} examples are longer than {limit} tokens (lines {lines}).", len(lines),
                         ).format(n=number(len(lines)), limit=number(limit), lines=_lines(lines)),
            ))

    def _duplicates(self, out: list[Finding]) -> None:
        for code, (lines, firsts) in self._dupes.items():
            exact = code == "duplicate_example"
            if exact:
                text = _("Line {line}: this example is an exact copy of line {first}. Repeated examples make "
                         "the model over-learn them; remove the copy.")
            else:
                text = _("Line {line}: this example is the same as line {first} apart from upper/lower case or "
                         "spacing. Repeated examples make the model over-learn them; remove the copy.")
            for line, first in zip(lines[: self.max_listed], firsts, strict=False):
                out.append(Finding(code, Severity.WARNING, text.format(line=line, first=first), line))
            if len(lines) > self.max_listed:
                if exact:
                    summary = ngettext("{n} example is an exact copy of an earlier one (lines {lines}).",
                                       "{n} examples are exact copies of earlier ones (lines {lines}).", len(lines))
                else:
                    summary = ngettext(
                        "{n} example is a near copy (case or spacing) of an earlier one (lines {lines}).",
                        "{n} examples are near copies (case or spacing) of earlier ones (lines {lines}).",
                        len(lines),
                    )
                out.append(Finding(
                    code, Severity.WARNING, summary.format(n=number(len(lines)), lines=_lines(lines))
                ))


def _long_text(tokens: int, limit: int | None, model: str | None) -> str:
    """The (translated) message for an example of ``tokens`` tokens over the limit; fields ``line``,
    ``n`` (tokens), ``limit`` and ``model``."""
    if limit is None and model:
        return ngettext(
            "Line {line}: the example has about {n} token, which is very long; {model} documents no "
            "training limit, but such prompts are slow and may be cut off.",
            "Line {line}: the example has about {n} tokens, which is very long; {model} documents no "
            "training limit, but such prompts are slow and may be cut off.",
            tokens,
        )
    if limit is None:
        return ngettext(
            "Line {line}: the example has about {n} token, which is very long; current models document no "
            "training limit, but such prompts are slow and may be cut off.",
            "Line {line}: the example has about {n} tokens, which is very long; current models document no "
            "training limit, but such prompts are slow and may be cut off.",
            tokens,
        )
    if model:
        return ngettext(
            "Line {line}: the example has about {n} token, more than the {limit} tokens {model} trains on "
            "per example; the end of the example would be cut off (truncated). Shorten it or split it.",
            "Line {line}: the example has about {n} tokens, more than the {limit} tokens {model} trains on "
            "per example; the end of the example would be cut off (truncated). Shorten it or split it.",
            tokens,
        )
    return ngettext(
        "Line {line}: the example has about {n} token, more than the {limit} tokens current models train "
        "on per example; the end of the example would be cut off (truncated). Shorten it or split it.",
        "Line {line}: the example has about {n} tokens, more than the {limit} tokens current models train "
        "on per example; the end of the example would be cut off (truncated). Shorten it or split it.",
        tokens,
    )


def check_overlap(
    train_hashes: Mapping[int, int], valid_hashes: Mapping[int, int], *, max_listed: int = 100
) -> list[Finding]:
    """Validation examples that also occur in the training file (training/validation leakage).

    Both arguments map an example hash to its line, as ``DatasetChecker.norm_hashes`` does (pass
    the normalised hashes so that copies differing in case or spacing count too). Findings carry
    the validation file's line numbers.
    """
    overlap = sorted(
        (line, train_hashes[h]) for h, line in valid_hashes.items() if h in train_hashes
    )
    if not overlap:
        return []
    text = _("Line {line} of the validation file also appears in the training file (line {train_line}). "
             "The validation score only means something on examples the model has not trained on; "
             "remove it from one of the files.")
    out = [
        Finding("validation_overlap", Severity.WARNING, text.format(line=line, train_line=train_line), line)
        for line, train_line in overlap[:max_listed]
    ]
    if len(overlap) > max_listed:
        out.append(Finding(
            "validation_overlap", Severity.WARNING,
            ngettext("{n} validation example also appears in the training file (validation lines {lines}).",
                     "{n} validation examples also appear in the training file (validation lines {lines}).",
                     len(overlap),
                     ).format(n=number(len(overlap)), lines=_lines([line for line, _train in overlap])),
        ))
    return out
