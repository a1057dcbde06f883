"""The result file of a fine-tuning job: a CSV of per-step metrics (``step,train_loss,…``), sometimes
served base64-encoded (API_NOTES §7). Pure: bytes in, rows of numbers out.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import csv
import io


def parse_result_csv(content: bytes) -> list[dict[str, float]]:
    """The rows of a result CSV as numbers (empty or non-numeric cells left out); base64 is detected."""
    data = content.strip()
    if data and not data.lstrip(b"\xef\xbb\xbf").startswith(b"step"):
        # Served base64-encoded at times (API_NOTES §7); only a clean decode to CSV text replaces it.
        with contextlib.suppress(binascii.Error, ValueError):
            decoded = base64.b64decode(b"".join(data.split()), validate=True).strip()
            if b"," in decoded:
                decoded.decode("utf-8")
                data = decoded
    rows: list[dict[str, float]] = []
    for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace"))):
        values: dict[str, float] = {}
        for key, cell in row.items():
            if key is None or cell is None or not str(cell).strip():
                continue
            try:
                values[key.strip()] = float(cell)
            except ValueError:
                continue
        if values:
            rows.append(values)
    return rows
