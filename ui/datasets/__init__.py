"""The Datasets view: datasets list, examples table, example editor, validation and statistics."""
