"""The four views of the sidebar, in order. Each later issue replaces its page with the real tool."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.app_context import AppContext
from ui.resources import icon
from ui.views.placeholder import PlannedViewPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("Views", text)


@dataclass(frozen=True)
class ViewSpec:
    """A sidebar entry: id, label, icon name and shortcut."""

    key: str
    label: str
    icon: str
    shortcut: str


def view_specs() -> list[ViewSpec]:
    """The views in sidebar order (labels translated)."""
    return [
        ViewSpec("datasets", _tr("Datasets"), "datasets", "Ctrl+1"),
        ViewSpec("annotate", _tr("Annotate"), "annotate", "Ctrl+2"),
        ViewSpec("jobs", _tr("Jobs"), "jobs", "Ctrl+3"),
        ViewSpec("playground", _tr("Playground"), "playground", "Ctrl+4"),
    ]


def build_view(key: str, ctx: AppContext) -> QWidget:
    """The page for one view."""
    if key == "datasets":
        from ui.datasets.view import DatasetsView

        return DatasetsView(ctx)
    if key == "annotate":
        return PlannedViewPage(
            icon("annotate"),
            _tr("Annotate"),
            _tr("Judge two answers side by side, without knowing which model wrote which."),
            [
                _tr("Pick the better answer from the keyboard, or rewrite it."),
                _tr("Your judgements become preference data for training."),
                _tr("Merge the judgements of colleagues and see how much you agree."),
            ],
        )
    if key == "jobs":
        from ui.jobs.view import JobsView

        return JobsView(ctx)
    if key == "playground":
        return PlannedViewPage(
            icon("playground"),
            _tr("Playground"),
            _tr("Ask the same question to several models and compare their answers."),
            [
                _tr("Put your fine-tuned model next to its base model, blind if you like."),
                _tr("Turn a good answer into a new training example with one key."),
                _tr("Run a whole validation set through two models and measure the win-rate."),
            ],
        )
    raise KeyError(key)
