"""The Annotate view: blind side-by-side judging of answers that becomes preference (DPO) data."""
