"""The answers in flight: one task per pane, each streaming its model's answer into its pane.

A failing pane shows its error and the others go on (``stream_chat`` returns failures instead of
raising). Stop cancels one pane's task (the stream is closed, the text so far kept and marked
stopped); closing the view cancels them all without touching a widget again.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from app.models.chat import ChatStats
from app.redact import redact
from app.services.chat import ChatTarget, stream_chat
from app.services.playground_session import Answer
from ui.app_context import NotConnected
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.playground.view import PlaygroundView


Playground = TranslationContext("Playground")  # texts of module-level code (ui.i18n)


class PaneStreams:
    """Starts, stops and finishes the panes' answers for :class:`PlaygroundView`."""

    def __init__(self, view: PlaygroundView) -> None:
        self.view = view
        self.tasks: dict[int, asyncio.Task[Any]] = {}  # pane index -> its answer in flight
        self.live: dict[int, tuple[int, Answer, float]] = {}  # pane index -> (turn, answer, start time)
        self._stopping: set[int] = set()

    @property
    def running(self) -> bool:
        """True while any pane is answering."""
        return bool(self.tasks)

    def is_running(self, pane: int) -> bool:
        """True while pane ``pane`` is answering."""
        return pane in self.tasks

    def problem(self, text: str) -> str:
        """Why the message cannot be sent now ("" when it can)."""
        view = self.view
        if self.running:
            return Playground.tr("Wait for the answers, or stop them (Esc).")
        if view.project is None:
            return Playground.tr("The project is still opening; try again in a moment.")
        if not text:
            return Playground.tr("Type a message first.")
        if not view.ctx.settings.connections:
            return Playground.tr("There is no connection yet. Add one in Settings → Connections.")
        for i in view.session.display_order():
            cfg = view.session.panes[i]
            if view.ctx.settings.connection(cfg.profile_id) is None:
                return Playground.tr("Choose a connection for %1.").replace("%1", view.label_of(i))
            if not cfg.model:
                if view.panes[i].picker.is_azure():
                    return Playground.tr("Type the deployment name for %1.").replace("%1", view.label_of(i))
                return Playground.tr("Choose a model for %1.").replace("%1", view.label_of(i))
            problems = view.session.params_for(i).problems()
            if problems:
                return " ".join(problems)
        return ""

    def start(self, turn: int) -> None:
        """Ask every pane's model for turn ``turn``, all at once."""
        view = self.view
        for i, pane in enumerate(view.panes):
            answer = Answer()
            view.session.set_answer(turn, i, answer)
            self.live[i] = (turn, answer, time.monotonic())
            pane.show_turns(view.turns_of(i), live=True)
            pane.begin()
            self.tasks[i] = view.tasks.spawn(self._run(i, turn, answer))

    def stop(self, pane: int) -> None:
        """Stop one pane's answer (what arrived so far is kept)."""
        task = self.tasks.get(pane)
        if task is not None and not task.done():
            self._stopping.add(pane)
            task.cancel()

    def stop_all(self) -> None:
        """Stop every answer in flight."""
        for pane in list(self.tasks):
            self.stop(pane)

    def mark_all_stopped(self) -> None:
        """The view is closing: record the answers in flight as stopped (for the last save)."""
        for _turn, answer, started in self.live.values():
            answer.stopped = True
            if answer.stats.total_s is None:
                answer.stats = ChatStats(total_s=time.monotonic() - started)

    async def _run(self, i: int, turn: int, answer: Answer) -> None:
        view = self.view
        session = view.session
        config = session.panes[i]
        params = session.params_for(i)
        messages = session.messages_for(i, turn)
        started = time.monotonic()
        first: list[float] = []
        details = ""

        def on_delta(piece: str) -> None:
            answer.text += piece
            seen = None
            if not first:
                first.append(time.monotonic() - started)
                seen = first[0]
            if view.tasks.alive:
                view.panes[i].append_text(piece, seen)

        def on_waiting(_note: str) -> None:
            if view.tasks.alive:
                view.panes[i].set_waiting(Playground.tr("The model is not ready yet; trying again…"))

        try:
            profile = view.ctx.settings.connection(config.profile_id)
            if profile is None:
                raise NotConnected(Playground.tr("This pane has no connection. Choose one, or add one in Settings → "
                                           "Connections."))
            client, profile = await view.ctx.client_for(profile)
            result = await stream_chat(
                client, ChatTarget(profile, config.model, config.base_model), messages, params,
                on_delta=on_delta, on_waiting=on_waiting, prices=view.ctx.price_table(),
                not_ready_wait=view.not_ready_wait, not_ready_backoff=view.not_ready_backoff,
            )
            answer.text, answer.stats = result.text, result.stats
            if result.error is not None:
                answer.error, details = result.error.message, redact(result.error.details or "")
            view.left_out[i] = dict(result.left_out)
        except NotConnected as exc:
            answer.error = str(exc)
            answer.stats = ChatStats(total_s=time.monotonic() - started)
        except asyncio.CancelledError:
            answer.stopped = True
            answer.stats = ChatStats(first_token_s=first[0] if first else None, total_s=time.monotonic() - started)
            if not view.tasks.alive or i not in self._stopping:
                raise  # the view is closing: nothing more to show
        finally:
            self.tasks.pop(i, None)
            self.live.pop(i, None)
            self._stopping.discard(i)
        if view.tasks.alive:
            view.answer_finished(session, i, details)
