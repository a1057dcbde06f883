"""The provider's loosely typed values (any key may be missing, ``null`` or of another type) as column
values: shared by the job tables' repositories (``jobs_repo``, ``job_progress_repo``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson


def json_or_none(value: Any) -> str | None:
    """``value`` as JSON text (odd objects as strings), None for None."""
    return None if value is None else orjson.dumps(value, default=str).decode("utf-8")


def mapping_of(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one (so ``.get`` chains never fail)."""
    return value if isinstance(value, Mapping) else {}


def int_or_none(value: Any) -> int | None:
    """``value`` as an int, None when it is not one (booleans included)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def str_or_none(value: Any) -> str | None:
    """``value`` as text, None for None."""
    return None if value is None else str(value)
