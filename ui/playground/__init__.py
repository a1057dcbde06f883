"""The Playground: ask the same question to several models side by side, blind if asked, and turn
good answers into training data."""
