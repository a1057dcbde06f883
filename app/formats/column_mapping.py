"""The column mapping of a CSV/TSV import: which header names hold which part of an example.

A :class:`ColumnMapping` is chosen by the user (or guessed by :func:`guess_mapping` from common
column names) and checked against the file's header before any row is read; a mapping that does
not fit raises :class:`MappingError`, a ``ValueError`` whose message is meant for the user. Kept
apart from the reader (``tabular``) because the import dialog and the command line build and
check mappings without reading a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.formats.model import Kind
from app.i18n import _, number

_RESERVED = frozenset({"messages", "tools"})


class MappingError(ValueError):
    """The column mapping does not fit the file; the message is meant for the user."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds which part of an example (values are header names).

    SFT: ``user`` and ``assistant`` (required), ``system`` optional. DPO: ``prompt`` (or
    ``user``), ``chosen`` and ``rejected``. RFT: ``user`` plus ``extra`` = {item field: column};
    the ``system`` text is sent as a ``developer`` message there, since RFT has no system role.
    ``system_prompt`` is a fixed system text, used when there is no ``system`` column or its
    cell is empty. ``json_fields`` lists extra fields whose cells are parsed as JSON instead of
    kept as text. ``kind`` defaults to DPO when chosen/rejected are set, RFT when ``extra`` is,
    else SFT.
    """

    user: str | None = None
    assistant: str | None = None
    system: str | None = None
    system_prompt: str | None = None
    prompt: str | None = None
    chosen: str | None = None
    rejected: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    json_fields: frozenset[str] = frozenset()
    kind: Kind | None = None

    def resolve_kind(self, kind: Kind | None = None) -> Kind:
        """The kind to build: ``kind`` if given, then ``self.kind``, then inferred."""
        if kind or self.kind:
            return Kind(kind or self.kind)
        if self.chosen or self.rejected:
            return Kind.DPO
        return Kind.RFT if self.extra else Kind.SFT

    def roles(self, kind: Kind) -> dict[str, str]:
        """{part: column} for the parts ``kind`` uses, e.g. {"user": "question", ...}."""
        if kind is Kind.DPO:
            parts = {"prompt": self.prompt or self.user, "chosen": self.chosen, "rejected": self.rejected}
        elif kind is Kind.RFT:
            parts = {"user": self.user}
        else:
            parts = {"user": self.user, "assistant": self.assistant}
        return {part: col for part, col in parts.items() if col}

    def check(self, header: Sequence[str], kind: Kind | None = None) -> tuple[Kind, dict[str, int]]:
        """Validate against a header: ``(kind, {column: index})``, or raise :class:`MappingError`."""
        kind = self.resolve_kind(kind)
        required = {Kind.SFT: ("user", "assistant"), Kind.DPO: ("prompt", "chosen", "rejected"),
                    Kind.RFT: ("user",)}[kind]
        roles = self.roles(kind)
        missing = [part for part in required if part not in roles]
        if len(missing) == 1:
            raise MappingError(_("Choose the column that holds the {part} for {kind} data.").format(
                part=missing[0], kind=kind.value.upper()))
        if missing:
            raise MappingError(_("Choose the columns that hold these parts of {kind} data: {parts}.").format(
                kind=kind.value.upper(), parts=", ".join(missing)))
        if kind is Kind.RFT and self.assistant:
            raise MappingError(_("RFT items have no assistant answer: map the expected answer to an extra field (for "
                                 "example “reference_answer”) for the grader instead."))
        if self.extra and kind is not Kind.RFT:
            raise MappingError(_("Extra fields are only used for RFT data."))
        if clash := _RESERVED & set(self.extra):
            raise MappingError(_("“{name}” cannot be an extra field: OpenAI reserves that name.").format(
                name=sorted(clash)[0]))
        names = [h.strip() for h in header]
        index: dict[str, int] = {}
        wanted = [*roles.values(), *([self.system] if self.system else []), *self.extra.values()]
        for column in wanted:
            if column not in names:
                raise MappingError(_("The column “{column}” is not in the file. Its columns are: {columns}.").format(
                    column=short_name(column), columns=column_list(names)))
            if names.count(column) > 1:
                raise MappingError(_("The file has more than one column named “{column}”; rename one so it is clear "
                                     "which to use.").format(column=short_name(column)))
            index[column] = names.index(column)
        return kind, index


_SYNONYMS = {
    "system": ("system", "system_prompt", "system prompt", "instructions"),
    "user": ("user", "prompt", "question", "input", "instruction", "query", "human", "request"),
    "assistant": ("assistant", "answer", "response", "output", "completion", "reply", "gpt"),
    "chosen": ("chosen", "preferred", "preferred_output", "accepted", "good"),
    "rejected": ("rejected", "non_preferred", "non_preferred_output", "dispreferred", "bad"),
}


def guess_mapping(header: Sequence[str], kind: Kind | None = None) -> ColumnMapping | None:
    """A likely mapping from common column names (question/answer, prompt/chosen/rejected...),
    or None. For RFT every column not used for the prompt becomes an extra field."""
    names = [h.strip() for h in header]
    lowered = {n.lower(): n for n in reversed(names) if n}  # first occurrence wins
    found = {part: next((lowered[s] for s in options if s in lowered), None)
             for part, options in _SYNONYMS.items()}
    if kind is Kind.DPO or (kind is None and found["chosen"] and found["rejected"]):
        if not (found["user"] and found["chosen"] and found["rejected"]):
            return None
        return ColumnMapping(prompt=found["user"], chosen=found["chosen"], rejected=found["rejected"],
                             system=found["system"], kind=Kind.DPO)
    if kind is Kind.RFT:
        if not found["user"]:
            return None
        used = {found["user"], found["system"]}
        return ColumnMapping(user=found["user"], system=found["system"], kind=Kind.RFT,
                             extra={n: n for n in names if n and n not in used and n not in _RESERVED})
    if found["user"] and found["assistant"]:
        return ColumnMapping(user=found["user"], assistant=found["assistant"], system=found["system"],
                             kind=Kind.SFT)
    return None


def short_name(name: str, limit: int = 40) -> str:
    """A column name for a message, cut short (a header cell may hold a whole text by mistake)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def column_list(names: Sequence[str], limit: int = 20) -> str:
    """The non-empty column names for a message: each cut short, at most ``limit`` of them."""
    shown = [short_name(n) for n in names if n]
    if len(shown) > limit:
        shown = [*shown[:limit], _("and {n} more").format(n=number(len(shown) - limit))]
    return ", ".join(shown) or _("(none)")
