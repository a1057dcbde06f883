"""Plain data shared by the Playground, batch runs and the annotator: the sampling parameters a
user sets for a model, and the measurements of one answer. No SDK types, so these are stored in
the project as JSON and passed between threads freely."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from app.i18n import _

REASONING_EFFORTS = ("low", "medium", "high")


@dataclass(frozen=True)
class ChatParams:
    """Sampling parameters; ``None`` means "the model's default" (nothing is sent)."""

    temperature: float | None = None  # 0–2
    top_p: float | None = None  # 0–1
    max_completion_tokens: int | None = None
    seed: int | None = None
    reasoning_effort: str | None = None  # one of REASONING_EFFORTS, reasoning models only

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form without the unset parameters."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ChatParams:
        """Read :meth:`to_dict` output; unknown keys are ignored so old sessions still load."""
        data = data or {}
        return cls(**{f.name: data[f.name] for f in fields(cls) if data.get(f.name) is not None})

    def problems(self) -> list[str]:
        """Values outside the API's ranges, as plain sentences (empty when fine)."""
        out: list[str] = []
        if self.temperature is not None and not 0 <= self.temperature <= 2:
            out.append(_("Temperature must be between 0 and 2."))
        if self.top_p is not None and not 0 <= self.top_p <= 1:
            out.append(_("Top P must be between 0 and 1."))
        if self.max_completion_tokens is not None and self.max_completion_tokens < 1:
            out.append(_("The answer length limit must be at least 1 token."))
        if self.reasoning_effort is not None and self.reasoning_effort not in REASONING_EFFORTS:
            out.append(_("Reasoning effort must be low, medium or high."))
        return out


@dataclass(frozen=True)
class ChatStats:
    """How one answer went: seconds to the first token and in all, tokens in and out (estimated
    locally when the provider did not report them), its cost in USD when a price is known."""

    first_token_s: float | None = None
    total_s: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    tokens_estimated: bool = False
    cost_usd: float | None = None
    finish_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ChatStats:
        """Read :meth:`to_dict` output (unknown keys ignored)."""
        data = data or {}
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
