"""The example editor: a pure widget that edits one OpenAI-format example and reports the edits."""

from .example_editor import ExampleEditorWidget

__all__ = ["ExampleEditorWidget"]
