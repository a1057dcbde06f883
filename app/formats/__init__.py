"""Pure readers, writers and validators of training-data formats (standard library + orjson only)."""
