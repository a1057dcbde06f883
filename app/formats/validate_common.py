"""Building blocks shared by the per-example validators: the finding collector and role tables.

Messages are written for a domain expert, not a programmer: they name the line and the message
("message 3, the assistant's"), say what is wrong in everyday words and what to do about it. They
are translated (gettext) when a finding is made, never on the good path.
"""

from __future__ import annotations

from typing import Any

from app.formats.model import Finding, Kind, Severity
from app.i18n import N_, _

ERROR = Severity.ERROR
WARNING = Severity.WARNING


class Report:
    """Collects the findings of one example; ``line`` is prefixed to every message."""

    __slots__ = ("line", "findings")

    def __init__(self, line: int | None) -> None:
        self.line = line
        self.findings: list[Finding] = []

    def add(self, code: str, severity: Severity, path: str, text: str) -> None:
        """Record a finding; ``text`` starts in lower case and reads after "Line N: "."""
        if self.line is not None:
            message = _("Line {line}: {text}").format(line=self.line, text=text)
        else:
            message = text[:1].upper() + text[1:]
        self.findings.append(Finding(code, severity, message, self.line, path))

    def error(self, code: str, path: str, text: str) -> None:
        """Record something that makes the platform reject the file."""
        self.add(code, ERROR, path, text)

    def warning(self, code: str, path: str, text: str) -> None:
        """Record something that trains, but probably not the way the author wants."""
        self.add(code, WARNING, path, text)


class Phrase:
    """What a finding is about, for its message: "message 3 (assistant)", "tool 2", "the preferred
    answer", "message 3 (user), part 2,".

    The good path makes one for every message that is not plain text (and every tool call and
    image), so it is only translated when a finding formats it (``str``, ``format``). ``text`` is
    an ``N_``-marked message whose fields are ``{n}`` and ``{role}`` or ``{who}`` (``inner``).
    """

    __slots__ = ("text", "n", "inner")

    def __init__(self, text: str, n: int = 0, inner: object = "") -> None:
        self.text = text
        self.n = n
        self.inner = inner

    def __str__(self) -> str:
        return _(self.text).format(n=self.n, role=self.inner, who=self.inner)


MESSAGE = N_("message {n}")
MESSAGE_ROLE = N_("message {n} ({role})")
PART = N_("{who}, part {n},")


def describe(index: int, role: Any) -> Phrase:
    """'message 3 (assistant)': 1-based, as people count."""
    if type(role) is str and role:
        return Phrase(MESSAGE_ROLE, index + 1, role[:40])
    return Phrase(MESSAGE, index + 1)


def show(value: Any, limit: int = 40) -> str:
    """A short rendering of a value for a message: text in quotes, other JSON values as JSON."""
    if type(value) is str:
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f'"{text}"'
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is float or (type(value) is int and -(10**15) < value < 10**15):
        return repr(value)
    if type(value) is int:
        return _("a very large number")  # repr() of a huge int can even raise (int max str digits)
    return _("a list") if type(value) is list else _("an object") if type(value) is dict else _("a value")


KNOWN_ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})

# Keys each role may carry (API_NOTES §8.1). `name` is tolerated on tool messages because chat
# logs often carry it and the platform has not been seen to reject it.
_ROLE_KEYS: dict[str, frozenset[str]] = {
    "system": frozenset({"role", "content", "name"}),
    "developer": frozenset({"role", "content", "name"}),
    "user": frozenset({"role", "content", "name"}),
    "assistant": frozenset(
        {"role", "content", "name", "tool_calls", "function_call", "refusal", "weight"}
    ),
    "tool": frozenset({"role", "content", "tool_call_id", "name"}),
    "function": frozenset({"role", "content", "name"}),
}

# Roles each kind accepts, with the severity of a role that is known but not accepted.
# SFT/DPO: the schema lists no `developer` role; API_NOTES §8.1 says to flag it as a warning (the
# model may still learn from it). RFT: `system` is not in the schema (§8.4), an error.
ALLOWED_ROLES: dict[Kind, dict[str, frozenset[str]]] = {
    kind: {role: _ROLE_KEYS[role] for role in roles}
    for kind, roles in (
        (Kind.SFT, ("system", "user", "assistant", "tool", "function")),
        (Kind.DPO, ("system", "user", "assistant", "tool", "function")),
        (Kind.RFT, ("developer", "user", "assistant", "tool")),
    )
}

# Roles whose message is complete with role and text content alone (tool and function results
# also need the id or name of the call they answer): the validator's fast path.
PLAIN_ROLES: dict[Kind, frozenset[str]] = {
    kind: frozenset(roles) - {"tool", "function"} for kind, roles in ALLOWED_ROLES.items()
}


def role_not_allowed(report: Report, kind: Kind, index: int, role: str, path: str) -> None:
    """Report a known role the kind does not accept, with a suggestion for the usual mix-ups."""
    who = describe(index, role)
    if kind is Kind.RFT and role == "system":
        report.error(
            "role_not_allowed", path,
            _("{who} uses the role \"system\", which reinforcement fine-tuning does not accept. "
              "Change it to \"developer\".").format(who=who),
        )
    elif kind is not Kind.RFT and role == "developer":
        report.warning(
            "role_not_allowed", path,
            _("{who} uses the role \"developer\", which {kind} data does not list. "
              "Use \"system\" for instructions.").format(who=who, kind=kind_name(kind)),
        )
    else:
        report.error(
            "role_not_allowed", path,
            _("{who} uses the role \"{role}\", which {kind} data does not accept.").format(
                who=who, role=role, kind=kind_name(kind)),
        )


_KIND_NAMES = {
    Kind.SFT: N_("supervised fine-tuning"),
    Kind.DPO: N_("preference (DPO) fine-tuning"),
    Kind.RFT: N_("reinforcement fine-tuning"),
}


def kind_name(kind: Kind) -> str:
    """The method's name as the UI shows it (translated)."""
    return _(_KIND_NAMES[kind])
