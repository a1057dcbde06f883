"""The grader editor of reinforcement fine-tuning: forms per grader type and a JSON tab kept in sync,
checks against an RFT dataset, trying a grader here or on a connection, and the dialog that names,
imports, exports and saves graders in the project.

Import the widgets from their modules (``ui.graders.editor.GraderEditor``,
``ui.graders.dialog.GraderEditorDialog``, ``ui.graders.trial.GraderTrialPanel``); this package
module stays light so importing one does not pull in the rest.
"""
