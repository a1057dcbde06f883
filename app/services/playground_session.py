"""The Playground session document: panes (profile, model, parameters), one shared conversation and
each pane's answers, plus blind-mode state. Pure data and rules, no I/O.

A session is saved as one JSON document (:meth:`PlaygroundSession.to_state`, stored by
``app.store.playground_repo``) and read back with :meth:`PlaygroundSession.from_state`, which
accepts documents written by older or newer versions of the app: missing keys take their
defaults, unknown keys are ignored, and damaged parts are dropped rather than failing the load.

The conversation is shared, but each pane's history is its own: on every turn a pane is sent the
earlier user messages together with the answers *that pane* gave (see :meth:`messages_for`), which
is exactly what a user would get chatting with that model alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from app.models.chat import ChatParams, ChatStats

STATE_VERSION = 1
TITLE_LENGTH = 60


@dataclass
class PaneConfig:
    """What one pane calls: a connection profile, a model (for Azure OpenAI a deployment name), the
    model behind an Azure deployment when known, and the pane's own parameters (used when the
    session's parameters are not shared)."""

    profile_id: str
    model: str
    base_model: str | None = None
    params: ChatParams = ChatParams()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "profile_id": self.profile_id,
            "model": self.model,
            "base_model": self.base_model,
            "params": self.params.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaneConfig:
        """Read :meth:`to_dict` output, tolerating missing or mistyped keys."""
        base = data.get("base_model")
        return cls(
            profile_id=_str(data.get("profile_id")),
            model=_str(data.get("model")),
            base_model=base if isinstance(base, str) and base else None,
            params=_params(data.get("params")),
        )


@dataclass
class Answer:
    """One pane's answer to one turn: its text (partial when it was stopped or failed midway), how it
    went, the plain-language error when the call failed, and whether the user stopped it."""

    text: str = ""
    stats: ChatStats = ChatStats()
    error: str | None = None
    stopped: bool = False

    @property
    def usable(self) -> bool:
        """True when this answer belongs in the pane's history: it has text and did not fail."""
        return self.error is None and bool(self.text)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {"text": self.text, "stats": self.stats.to_dict(), "error": self.error, "stopped": self.stopped}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """Read :meth:`to_dict` output, tolerating missing or mistyped keys."""
        stats = data.get("stats")
        error = data.get("error")
        return cls(
            text=_str(data.get("text")),
            stats=ChatStats.from_dict(stats) if isinstance(stats, dict) else ChatStats(),
            error=error if isinstance(error, str) else None,
            stopped=bool(data.get("stopped", False)),
        )


@dataclass
class Turn:
    """One user message and every pane's answer to it, by pane index (None: not asked yet)."""

    user: str
    answers: list[Answer | None] = field(default_factory=list)


@dataclass
class PlaygroundSession:
    """A whole Playground session (see the module docstring).

    ``order`` maps display position → pane index; empty means panes show in their own order. In
    blind mode it is shuffled and model names stay hidden until ``revealed``.
    """

    id: int | None = None
    title: str = ""
    system: str = ""
    panes: list[PaneConfig] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    shared_params: bool = True
    params: ChatParams = ChatParams()  # used by every pane while shared_params is on
    blind: bool = False
    order: list[int] = field(default_factory=list)
    revealed: bool = False

    # --- the document -----------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """The JSON-ready document to store (the id and title live in their own columns)."""
        return {
            "version": STATE_VERSION,
            "system": self.system,
            "panes": [p.to_dict() for p in self.panes],
            "turns": [
                {"user": t.user, "answers": [a.to_dict() if a is not None else None for a in t.answers]}
                for t in self.turns
            ],
            "shared_params": self.shared_params,
            "params": self.params.to_dict(),
            "blind": self.blind,
            "order": list(self.order),
            "revealed": self.revealed,
        }

    @classmethod
    def from_state(cls, id: int | None, title: str, state: dict[str, Any] | None) -> PlaygroundSession:
        """Rebuild a session from :meth:`to_state` output of any app version.

        Missing keys take their defaults; a pane entry that is not an object is dropped together
        with its answers; every turn ends up with exactly one answer slot per pane; an ``order``
        that is not a permutation of the panes falls back to the panes' own order.
        """
        state = state if isinstance(state, dict) else {}
        raw_panes = state.get("panes") if isinstance(state.get("panes"), list) else []
        kept = [i for i, p in enumerate(raw_panes) if isinstance(p, dict)]
        panes = [PaneConfig.from_dict(raw_panes[i]) for i in kept]
        turns = []
        for raw in state.get("turns") if isinstance(state.get("turns"), list) else []:
            if not isinstance(raw, dict):
                continue
            raw_answers = raw.get("answers") if isinstance(raw.get("answers"), list) else []
            answers = [
                Answer.from_dict(raw_answers[i]) if i < len(raw_answers) and isinstance(raw_answers[i], dict) else None
                for i in kept
            ]
            turns.append(Turn(_str(raw.get("user")), answers))
        order = state.get("order")
        if not (
            isinstance(order, list)
            and all(type(i) is int for i in order)
            and sorted(order) == list(range(len(panes)))
            and order
        ):
            order = []
        return cls(
            id=id,
            title=title or "",
            system=_str(state.get("system")),
            panes=panes,
            turns=turns,
            shared_params=bool(state.get("shared_params", True)),
            params=_params(state.get("params")),
            blind=bool(state.get("blind", False)),
            order=list(order),
            revealed=bool(state.get("revealed", False)),
        )

    # --- reading ----------------------------------------------------------------------------------

    def params_for(self, pane: int) -> ChatParams:
        """The parameters pane ``pane`` is called with: the shared ones, or the pane's own."""
        return self.params if self.shared_params else self.panes[pane].params

    def messages_for(self, pane: int, turn: int | None = None) -> list[dict[str, Any]]:
        """Exactly the conversation pane ``pane`` is sent for turn ``turn`` (default: the last turn).

        The system message first when there is one (a blank system prompt is left out), then each
        earlier turn's user message followed by *this pane's* answer to it, then the turn's own
        user message. An earlier turn this pane has no usable answer for (never asked, failed, or
        stopped before any text arrived) is left out whole — its user message too — because the
        model never answered it; a failed answer's partial text is not sent as if the model had
        said it. A stopped answer with text is kept as it stands: that is what the pane showed.
        With no turns yet, only the system message (if any) is returned.
        """
        if not 0 <= pane < len(self.panes):
            raise IndexError(f"there is no pane {pane}")
        if turn is None:
            turn = len(self.turns) - 1
        elif not 0 <= turn < len(self.turns):
            raise IndexError(f"there is no turn {turn}")
        messages: list[dict[str, Any]] = []
        if self.system.strip():
            messages.append({"role": "system", "content": self.system})
        if turn < 0:
            return messages
        for earlier in self.turns[:turn]:
            answer = earlier.answers[pane] if pane < len(earlier.answers) else None
            if answer is None or not answer.usable:
                continue
            messages.append({"role": "user", "content": earlier.user})
            messages.append({"role": "assistant", "content": answer.text})
        messages.append({"role": "user", "content": self.turns[turn].user})
        return messages

    def display_order(self) -> list[int]:
        """Pane indices in the order they are shown (``order``, or the panes' own order)."""
        if len(self.order) == len(self.panes) and sorted(self.order) == list(range(len(self.panes))):
            return list(self.order)
        return list(range(len(self.panes)))

    @property
    def hidden(self) -> bool:
        """True while model names must not be shown (blind mode, not yet revealed)."""
        return self.blind and not self.revealed

    def auto_title(self) -> str:
        """A title from the first user message: one line, shortened at a word to about 60 characters."""
        if not self.turns:
            return ""
        text = " ".join(self.turns[0].user.split())
        if len(text) <= TITLE_LENGTH:
            return text
        cut = text[:TITLE_LENGTH]
        space = cut.rfind(" ")
        if space > TITLE_LENGTH // 2:
            cut = cut[:space]
        return cut.rstrip(" ,.;:") + "…"

    # --- changing ---------------------------------------------------------------------------------

    def add_turn(self, user: str) -> int:
        """Start a turn with ``user``'s message, no pane answered yet; returns its index."""
        self.turns.append(Turn(user, [None] * len(self.panes)))
        return len(self.turns) - 1

    def set_answer(self, turn: int, pane: int, answer: Answer | None) -> None:
        """Store (or clear) pane ``pane``'s answer to turn ``turn``."""
        self.turns[turn].answers[pane] = answer

    def shuffle(self, rng: random.Random) -> None:
        """Give the panes a new random display order and hide the models again (blind mode)."""
        order = list(range(len(self.panes)))
        rng.shuffle(order)
        self.order = order
        self.revealed = False

    def add_pane(self, config: PaneConfig) -> int:
        """Add a pane (shown last); every earlier turn gets an empty answer slot for it. Returns its index."""
        self.panes.append(config)
        for turn in self.turns:
            turn.answers.append(None)
        index = len(self.panes) - 1
        if self.order:
            self.order.append(index)
        return index

    def remove_pane(self, index: int) -> None:
        """Remove pane ``index`` and its answers; the panes after it move down one index."""
        if not 0 <= index < len(self.panes):
            raise IndexError(f"there is no pane {index}")
        del self.panes[index]
        for turn in self.turns:
            if index < len(turn.answers):
                del turn.answers[index]
        if self.order:
            self.order = [i - (i > index) for i in self.order if i != index]


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _params(value: Any) -> ChatParams:
    return ChatParams.from_dict(value) if isinstance(value, dict) else ChatParams()
