"""Trying a grader on the provider: its alpha ``validate`` and ``run`` endpoints (API_NOTES §10).

This is the only way to test model and Python graders before training. Qt-free and SDK-free: the
functions receive an ``AsyncOpenAI`` client made by ``providers`` and call it by duck typing; SDK
failures become ``ProviderError`` through ``providers.map_error``. An invalid grader is a normal outcome
of ``validate_remote`` (``RemoteCheck(ok=False, message=<the provider's reason>)``), not an exception.

Both calls read the raw JSON answer rather than the SDK's parsed model: the SDK types a multi grader's
``graders`` as one grader (the live service sends a dict keyed by name) and ``token_usage`` as an int
(the documented example is a dict), and its parsed objects would lose or mangle both.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from app.i18n import N_, _
from app.models.connection import ConnectionProfile
from app.services import providers
from app.services.provider_errors import ErrorKind, ProviderError

log = logging.getLogger(__name__)

# Texts below are marked only (N_): they are translated with _() where they are used.
OK_MESSAGE = N_("The provider accepted the grader.")
DETAILS_CHARS = 300  # an error's details shown in a sentence are cut to this
# A provider without the grader endpoints (Azure, a local server) answers 404: say so rather than
# the generic "check the model name" of map_error.
NO_GRADER_ENDPOINT = N_(
    "The connection “{name}” cannot check or run graders (its server has no grader endpoint). Graders can "
    "be tried on an OpenAI connection; training checks the grader when the job starts."
)

# metadata.errors flag -> the plain sentence shown for it; "{details}" is filled from the paired field.
_ERROR_SENTENCES: tuple[tuple[str, str, str | None], ...] = (
    ("formula_parse_error", N_("The formula (calculate_output) could not be read."), None),
    (
        "sample_parse_error",
        N_("The answer could not be read as JSON, so the grader's {{sample.output_json}} fields were empty."),
        None,
    ),
    (
        "invalid_variable_error",
        N_("The grader refers to a field this example or answer does not have (check the {{item.…}} and "
           "{{sample.…}} names)."),
        None,
    ),
    ("truncated_observation_error", N_("The answer was cut off before the grader could read all of it."), None),
    ("unresponsive_reward_error", N_("The grader did not give a reward in time."), None),
    ("python_grader_runtime_error", N_("Your Python grader raised an error: {details}"),
     "python_grader_runtime_error_details"),
    ("python_grader_server_error", N_("The provider could not run your Python grader ({details}). Try again later."),
     "python_grader_server_error_type"),
    ("model_grader_refusal_error", N_("The grading model refused to grade this answer."), None),
    ("model_grader_parse_error", N_("The grading model's reply could not be read as a score."), None),
    ("model_grader_server_error", N_("The grading model failed on the provider's side ({details}). Try again later."),
     "model_grader_server_error_details"),
    ("other_error", N_("The grader failed for a reason the provider did not give."), None),
)


@dataclass(frozen=True)
class RemoteCheck:
    """The outcome of ``validate``: ``ok`` with the provider's normalized grader, or the reason it is invalid."""

    ok: bool
    normalized: dict | None
    message: str  # plain words


@dataclass(frozen=True)
class RemoteRun:
    """The outcome of ``run`` on one sample: the reward, each sub-grader's reward (multi), and any
    errors as plain sentences (an error usually means the reward is 0)."""

    reward: float | None
    sub_rewards: dict[str, float]
    errors: list[str]
    execution_time: float | None
    token_usage: dict | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


# --- helpers ------------------------------------------------------------------------------------


def _server_reason(exc: BaseException) -> str:
    """The provider's own message in an error answer (``{"error": {"message": …}}``), if any."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"].strip()
    return ""


def _mapped(exc: Exception, profile: ConnectionProfile, operation: str) -> ProviderError:
    err = providers.map_error(exc, profile, operation=operation)
    if err.kind is ErrorKind.NOT_FOUND:
        return ProviderError(ErrorKind.NOT_FOUND, _(NO_GRADER_ENDPOINT).format(name=profile.name), err.details,
                             err.status, err.request_id)
    return err


def _json_of(raw: Any) -> dict[str, Any]:
    """The JSON object of a raw SDK response (``with_raw_response``); ValueError when it is not one."""
    content = raw.content if hasattr(raw, "content") else raw
    data = json.loads(content) if isinstance(content, bytes | str) else content
    if not isinstance(data, dict):
        raise ValueError("the answer is not a JSON object")
    return data


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _details(text: Any) -> str:
    """The telling part of an error's details: the last line of a traceback, with its grader line number."""
    if not isinstance(text, str) or not text.strip():
        return _("no details given")
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    last = lines[-1]
    where = re.findall(r'File "[^"]*", line (\d+)', text)
    if where and len(lines) > 1:
        last = _("{error} (line {line})").format(error=last, line=where[-1])
    return last if len(last) <= DETAILS_CHARS else last[: DETAILS_CHARS - 1] + "…"


def error_sentences(errors: Any) -> list[str]:
    """The plain sentences for a run's ``metadata.errors`` (flags that are true, in a fixed order)."""
    if not isinstance(errors, dict):
        return []
    # The SDK's own dump renames model_* fields to api_model_*; accept both spellings.
    flags = {(k[4:] if k.startswith("api_model_") else k): v for k, v in errors.items()}
    out: list[str] = []
    # The sentences hold literal {{…}} placeholders of grader templates, hence replace() and not format().
    for flag, sentence, detail_key in _ERROR_SENTENCES:
        if flags.get(flag) is True:
            text = _(sentence)
            out.append(text.replace("{details}", _details(flags.get(detail_key))) if detail_key else text)
    known = {entry[0] for entry in _ERROR_SENTENCES}
    unknown = sorted(k for k, v in flags.items() if v is True and k not in known)
    if unknown:
        out.append(_("The grader reported a problem the app does not know: {flags}.").format(flags=", ".join(unknown)))
    return out


def _token_usage(metadata: dict[str, Any], per_model: Any) -> dict | None:
    usage = metadata.get("token_usage")
    out: dict[str, Any] = {}
    if isinstance(usage, dict):
        out.update(usage)
    elif _number(usage) is not None:
        out["total_tokens"] = int(usage)
    if isinstance(per_model, dict) and per_model:
        out["per_model"] = per_model
    return out or None


def run_result(data: dict[str, Any]) -> RemoteRun:
    """A ``RemoteRun`` from the JSON of a run answer (unknown or missing keys tolerated)."""
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    subs = data.get("sub_rewards") if isinstance(data.get("sub_rewards"), dict) else {}
    return RemoteRun(
        reward=_number(data.get("reward")),
        sub_rewards={str(k): v for k, v in ((k, _number(v)) for k, v in subs.items()) if v is not None},
        errors=error_sentences(metadata.get("errors")),
        execution_time=_number(metadata.get("execution_time")),
        token_usage=_token_usage(metadata, data.get("model_grader_token_usage_per_model")),
        raw=data,
    )


# --- the calls ----------------------------------------------------------------------------------


async def validate_remote(client: Any, profile: ConnectionProfile, grader: dict) -> RemoteCheck:
    """Ask the provider whether ``grader`` is valid. An invalid grader (HTTP 400) is a ``RemoteCheck``
    with ``ok=False`` and the provider's reason; every other failure raises ``ProviderError``."""
    try:
        raw = await client.fine_tuning.alpha.graders.with_raw_response.validate(grader=grader)
        data = _json_of(raw)
    except ProviderError:
        raise
    except Exception as exc:  # noqa: BLE001 - SDK errors cannot be named here (no openai import)
        err = _mapped(exc, profile, "validate_grader")
        if err.kind is ErrorKind.BAD_REQUEST:
            reason = _server_reason(exc)
            log.info("grader rejected by %s: %s", profile.name, reason or "no reason given")
            message = (_("The provider found a problem in the grader: {reason}").format(reason=reason) if reason else
                       _("The provider found a problem in the grader: it did not say why"))
            return RemoteCheck(False, None, message)
        raise err from exc
    normalized = data.get("grader")
    return RemoteCheck(True, normalized if isinstance(normalized, dict) else None, _(OK_MESSAGE))


async def run_remote(client: Any, profile: ConnectionProfile, grader: dict, item: dict, model_sample: str) -> RemoteRun:
    """Run ``grader`` on the provider for one example (``item``, the dataset line) and one model answer.

    Errors inside the grader (a formula that cannot be read, a Python exception…) come back as plain
    sentences in ``RemoteRun.errors``; a failed call (an invalid grader included) raises ``ProviderError``.
    """
    try:
        raw = await client.fine_tuning.alpha.graders.with_raw_response.run(
            grader=grader, model_sample=model_sample, item=item
        )
        data = _json_of(raw)
    except ProviderError:
        raise
    except Exception as exc:  # noqa: BLE001 - SDK errors cannot be named here (no openai import)
        raise _mapped(exc, profile, "run_grader") from exc
    return run_result(data)
