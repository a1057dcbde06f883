"""Message roles: which ones each kind of training data offers, their names and hints."""

from __future__ import annotations

from app.formats.model import Kind

from .common import ExampleEditor


def role_choices(kind: Kind) -> list[str]:
    """The roles offered for ``kind``: RFT has no system role; SFT and DPO keep developer (the
    validator warns about it there, but it is a legitimate choice for some models)."""
    if kind is Kind.RFT:
        return ["developer", "user", "assistant", "tool"]
    return ["system", "developer", "user", "assistant", "tool"]


def role_label(role: str) -> str:
    """The name shown for a role."""
    labels = {
        "system": ExampleEditor.tr("System"),
        "developer": ExampleEditor.tr("Developer"),
        "user": ExampleEditor.tr("User"),
        "assistant": ExampleEditor.tr("Assistant"),
        "tool": ExampleEditor.tr("Tool"),
    }
    return labels.get(role, role)


def placeholder(role: object, calls_tool: bool = False) -> str:
    """The hint shown in an empty message of ``role``."""
    if role == "assistant" and calls_tool:
        return ExampleEditor.tr("Text shown with the tool call (optional)…")
    texts = {
        "system": ExampleEditor.tr("Instructions for the model, e.g. its tone and rules…"),
        "developer": ExampleEditor.tr("Instructions for the model, e.g. its tone and rules…"),
        "user": ExampleEditor.tr("What the user writes…"),
        "assistant": ExampleEditor.tr("The answer you want the model to give…"),
        "tool": ExampleEditor.tr("What the tool returned…"),
    }
    return texts.get(str(role), ExampleEditor.tr("Message text…"))
