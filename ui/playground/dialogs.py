"""The Playground's ways into the data: "Save as example…", "Send pair…" and the batch runs window.

The dialogs themselves live in ``save_example_dialog``, ``send_pair_dialog`` and ``batch_panel``;
this module hands them what the view shows (the conversation, the answers labelled as displayed —
"Model 1" in blind mode — and the panes' models) and reports back in the view. All non-modal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout

from app.store.batch_repo import BatchTarget
from ui.i18n import TranslationContext

if TYPE_CHECKING:
    from ui.playground.batch_panel import BatchRunPanel
    from ui.playground.save_example_dialog import SaveExampleDialog
    from ui.playground.send_pair_dialog import SendPairDialog
    from ui.playground.view import PlaygroundView


Playground = TranslationContext("Playground")  # texts of module-level code (ui.i18n)


class DialogHost:
    """Opens the Playground's dialogs for a :class:`PlaygroundView` and keeps them (tests look in)."""

    def __init__(self, view: PlaygroundView) -> None:
        self.view = view
        self.save_dialog: SaveExampleDialog | None = None
        self.pair_dialog: SendPairDialog | None = None
        self.batch_dialog: QDialog | None = None
        self.batch_panel: BatchRunPanel | None = None

    def save_example(self, pane: int) -> SaveExampleDialog | None:
        """The conversation up to the last message and pane ``pane``'s answer, to save as an SFT example."""
        from ui.playground.save_example_dialog import SaveExampleDialog

        view, session = self.view, self.view.session
        turn = len(session.turns) - 1
        answer = session.turns[turn].answers[pane] if turn >= 0 else None
        if view.streams.is_running(pane) or answer is None or not answer.text or answer.error:
            view.show_info("⚠ " + Playground.tr("%1 has no finished answer to save yet.").replace("%1",
                                                                                                  view.label_of(pane)))
            return None
        dlg = SaveExampleDialog(view.ctx, session.messages_for(pane, turn), answer.text, view)
        dlg.example_saved.connect(
            lambda _ds, _ex: view.show_info("✔ " + Playground.tr("Saved as a training example.")))
        self.save_dialog = dlg
        dlg.open()
        return dlg

    def send_pair(self) -> SendPairDialog | None:
        """The last answers (two or more), labelled as shown, to send as a pair."""
        from ui.playground.send_pair_dialog import SendPairDialog

        view, session = self.view, self.view.session
        panes = view.last_answers()
        if len(panes) < 2 or view.streams.running:
            view.show_info("⚠ " + Playground.tr("Send pair needs two finished answers to your last message."))
            return None
        turn = len(session.turns) - 1
        answers = [
            (view.label_of(i), session.turns[turn].answers[i].text, session.panes[i].model,
             session.panes[i].profile_id)
            for i in panes
        ]
        # Each pane has its own history; the pair is judged in the context of the first one shown.
        dlg = SendPairDialog(view.ctx, session.messages_for(panes[0], turn), answers, view)
        dlg.sent.connect(lambda text: view.show_info("✔ " + text))
        self.pair_dialog = dlg
        dlg.open()
        return dlg

    def targets(self) -> list[BatchTarget]:
        """The panes' models as batch-run targets, in display order ("Model N" labels in blind mode)."""
        view, session = self.view, self.view.session
        out: list[BatchTarget] = []
        seen: dict[str, int] = {}
        for i in session.display_order():
            cfg = session.panes[i]
            if not cfg.model:
                continue
            label = view.label_of(i) if session.hidden else cfg.model
            seen[label] = seen.get(label, 0) + 1
            if seen[label] > 1:
                label = f"{label} ({seen[label]})"
            out.append(BatchTarget(label, cfg.profile_id, cfg.model, cfg.base_model, session.params_for(i)))
        return out

    def open_batch(self) -> BatchRunPanel:
        """Show the batch runs window (one, kept while the view lives, so a run goes on when hidden)."""
        from ui.playground.batch_panel import BatchRunPanel

        view = self.view
        if self.batch_dialog is None:
            dlg = QDialog(view)
            dlg.setWindowTitle(Playground.tr("Batch runs"))
            dlg.setWindowModality(Qt.WindowModality.NonModal)
            self.batch_panel = BatchRunPanel(view.ctx, dlg)
            lay = QVBoxLayout(dlg)
            lay.addWidget(self.batch_panel)
            dlg.resize(1100, 680)
            self.batch_dialog = dlg
        self.batch_panel.set_targets(self.targets())
        self.batch_dialog.show()
        self.batch_dialog.raise_()
        return self.batch_panel

    def targets_changed(self) -> None:
        """The panes changed: the batch window (if open) offers the new models."""
        if self.batch_panel is not None and self.batch_dialog is not None and self.batch_dialog.isVisible():
            self.batch_panel.set_targets(self.targets())

    def close_all(self) -> None:
        """The view is closing: close the dialogs and stop a batch run."""
        for dlg in (self.save_dialog, self.pair_dialog):
            try:
                if dlg is not None:
                    dlg.close()
            except RuntimeError:  # already deleted (WA_DeleteOnClose)
                pass
        if self.batch_panel is not None:
            self.batch_panel.tasks.cancel_all()
            self.batch_dialog.close()
