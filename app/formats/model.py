"""The shared vocabulary of the formats package: dataset kinds, findings and parsed records.

An example is always held as the plain OpenAI JSON object of its kind (a ``dict``), whatever
format it was read from, so validators, token counters and writers need no other model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """The three kinds of training data the platform accepts."""

    SFT = "sft"  # {"messages": [...], "tools"?: [...], "parallel_tool_calls"?, "functions"?}
    DPO = "dpo"  # {"input": {"messages": [...]}, "preferred_output": [...], "non_preferred_output": [...]}
    RFT = "rft"  # {"messages": [...], <any other field graders read as item.*>}


class Severity(StrEnum):
    """How bad a finding is: errors block training, warnings are worth a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the data, phrased for a non-programmer.

    ``line`` is 1-based in the source file (None for dataset-wide findings); ``path`` is a JSON
    path inside the example such as ``$.messages[2].content`` ("" when it concerns the whole line).
    """

    code: str
    severity: Severity
    message: str
    line: int | None = None
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, used by ``--json`` output and the project store."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "path": self.path,
        }


@dataclass(slots=True)
class Record:
    """One example read from a source: its line number, the OpenAI-format object (None when the
    line could not be turned into one) and what the reader found wrong with it."""

    line: int
    data: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the reader produced an object and found no error."""
        return self.data is not None and not any(f.severity is Severity.ERROR for f in self.findings)
