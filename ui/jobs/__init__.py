"""The Jobs view: training jobs of the project, their progress charts, events and checkpoints."""
