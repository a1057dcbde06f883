"""Shared set-up of the Playground tests: the view inside the main window, a connection to the
stand-in, and helpers that drive the view through its widgets."""

from __future__ import annotations

import pytest

from tests.ui.conftest import until
from tests.ui.jobs_support import connect

MINI = "gpt-4.1-mini-2025-04-14"
FULL = "gpt-4.1-2025-04-14"
FOUR_O = "gpt-4o-mini-2024-07-18"
TUNED = "ft:gpt-4.1-mini-2025-04-14:acme::abc123"
PLAYGROUND = 3  # the page index in the main window


def say_who(request) -> str:  # noqa: ANN001 - the stand-in's RecordedRequest
    """A stand-in answer naming the model it was asked for, several words long so it streams."""
    return f"I am {request.model}. " + " ".join(f"word{i}" for i in range(12))


@pytest.fixture(name="pg")
def playground_fixture(window):
    """The Playground view, shown, answering quickly when a model is "not ready yet"."""
    view = window.pages.widget(PLAYGROUND)
    view.not_ready_wait = 0.0
    window.show_view("playground")
    window.activateWindow()  # the view's shortcuts work in the active window only
    yield view


async def ready(view, ctx, standin):
    """Wait for the project's session, then connect the stand-in (the active connection)."""
    await until(lambda: view.project is not None and not view.loading, what="the session loaded")
    profile = await connect(ctx, standin)
    ctx.settings_changed.emit()
    return profile


def set_models(view, models: list[str], profile=None) -> None:  # noqa: ANN001
    """Add panes as needed and type a model into each pane's model field (as a user would)."""
    while len(view.panes) < len(models):
        view.add_action.trigger()
    for pane, model in zip(view.panes, models, strict=False):
        if profile is not None:
            combo = pane.picker.profile_combo
            combo.setCurrentIndex(combo.findData(profile.id))
        pane.picker.model_combo.setEditText(model)


def type_and_send(view, text: str) -> None:  # noqa: ANN001
    """Type a message and press Send."""
    view.message_bar.message.setPlainText(text)
    view.message_bar.send_button.click()


def answer_of(view, pane: int):  # noqa: ANN001, ANN201
    """Pane ``pane``'s answer to the last message (None when not asked)."""
    return view.session.turns[-1].answers[pane]


async def all_done(view, timeout: float = 5.0) -> None:  # noqa: ANN001
    """Wait until no pane is answering."""
    await until(lambda: not view.streams.running and all(not p.running for p in view.panes),
                timeout=timeout, what="every answer finished")
