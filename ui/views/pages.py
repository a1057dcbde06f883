"""The four views of the sidebar, in order. Each later issue replaces its page with the real tool."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ui.app_context import AppContext
from ui.i18n import TranslationContext

Views = TranslationContext("Views")


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
        ViewSpec("datasets", Views.tr("Datasets"), "datasets", "Ctrl+1"),
        ViewSpec("annotate", Views.tr("Annotate"), "annotate", "Ctrl+2"),
        ViewSpec("jobs", Views.tr("Jobs"), "jobs", "Ctrl+3"),
        ViewSpec("playground", Views.tr("Playground"), "playground", "Ctrl+4"),
    ]


def build_view(key: str, ctx: AppContext) -> QWidget:
    """The page for one view."""
    if key == "datasets":
        from ui.datasets.view import DatasetsView

        return DatasetsView(ctx)
    if key == "annotate":
        from ui.annotate.view import AnnotateView

        return AnnotateView(ctx)
    if key == "jobs":
        from ui.jobs.view import JobsView

        return JobsView(ctx)
    if key == "playground":
        from ui.playground.view import PlaygroundView

        return PlaygroundView(ctx)
    raise KeyError(key)
