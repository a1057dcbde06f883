"""The alpha grader endpoints for the stand-in server: validate a grader and run it on one sample.

Installed by ``StandinServer._set_defaults`` through :func:`install_graders`. It does not import the app
(the app's own grader checks are what the tests exercise); its checks are small and its own:

* ``POST /fine_tuning/alpha/graders/validate``: ``{grader}`` -> ``{grader}`` (echoed as given), or 400 in the
  API's error shape with a message naming the field (``grader.graders.accuracy.operation``) for a
  grader with a missing field, a wrong enum value, a model not allowed for grading, Python source
  that does not compile or lacks ``grade``, ``label_model`` outside ``multi``, a multi inside a multi.
* ``POST /fine_tuning/alpha/graders/run``: the same checks, then the reward:

  - ``string_check``: computed exactly (eq, ne, like = contains, ilike = contains ignoring case).
  - ``text_similarity``: ``fuzzy_match`` computed with rapidfuzz (``fuzz.ratio / 100``, the reading the
    app's local scoring makes too: OpenAI only says "rapidfuzz"); every other metric is a stand-in
    approximation (unigram F1 over lower-cased words), not the real metric.
  - ``python``: ``grade(sample, item)`` run in a subprocess (``sys.executable``) with JSON in and out and
    a ``python_grader_timeout`` (5 s); an exception, a timeout or a value that is not a number gives
    reward 0 with ``python_grader_runtime_error`` and its details.
  - ``score_model`` / ``label_model``: no model is called; the reward is ``grader_model_reward`` (a
    number, or a callable ``(grader, item, model_sample) -> float``), clipped to the grader's range;
    a label grader passes when ``grader_model_label`` (default: its first passing label) is passing;
    ``grader_model_refuse = True`` gives ``model_grader_refusal_error``.
  - ``multi``: every sub-grader, then ``calculate_output`` (``+ - * / ^``, parentheses, numbers, the
    sub-grader names, ``min max abs floor ceil exp sqrt log``); a formula that cannot be read or
    uses an unknown name gives reward 0 with ``formula_parse_error``.

  A template (``{{ item.x }}``, ``{{ sample.output_text }}``, ``{{ sample.output_json.a[0] }}``) that does
  not resolve gives ``invalid_variable_error`` (reward 0); ``sample.output_json`` of an answer that is
  not JSON gives ``sample_parse_error``.

Every answer (responses and errors) is checked against the official spec (``RunGraderResponse``,
``ValidateGraderResponse``, ``ErrorResponse``); a mismatch is recorded as a handler error, which fails
the test. One targeted allowance: the spec types ``GraderMulti.graders`` as one grader while the live
service takes a dict keyed by sub-grader name, so a multi grader is checked with each member in turn
in the ``graders`` slot.
"""

from __future__ import annotations

import ast
import json
import math
import re
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.standin.server import Reply, RouteContext, error_body

if TYPE_CHECKING:
    from tests.standin.server import StandinServer

TOP_LEVEL_TYPES = ("string_check", "text_similarity", "python", "score_model", "multi")
SUB_TYPES = ("string_check", "text_similarity", "python", "score_model", "label_model")
OPERATIONS = ("eq", "ne", "like", "ilike")
METRICS = ("fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l")
GRADING_MODELS = (
    "gpt-4o-2024-08-06",
    "gpt-4o-mini-2024-07-18",
    "gpt-4.1-2025-04-14",
    "gpt-4.1-mini-2025-04-14",
    "gpt-4.1-nano-2025-04-14",
    "o1-2024-12-17",
    "o3-mini-2025-01-31",
    "o3-2025-04-16",
    "o4-mini-2025-04-16",
)
ROLES = ("system", "developer", "user", "assistant")
SAMPLING_KEYS = ("seed", "top_p", "temperature", "max_completions_tokens", "reasoning_effort")
PYTHON_SOURCE_LIMIT = 256 * 1024
FUNCTIONS: dict[str, Callable[..., float]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "floor": math.floor,
    "ceil": math.ceil,
    "exp": math.exp,
    "sqrt": math.sqrt,
    "log": math.log,
}
ERROR_FLAGS = (
    "formula_parse_error",
    "sample_parse_error",
    "truncated_observation_error",
    "unresponsive_reward_error",
    "invalid_variable_error",
    "other_error",
    "python_grader_server_error",
    "python_grader_runtime_error",
    "model_grader_server_error",
    "model_grader_refusal_error",
    "model_grader_parse_error",
)
ERROR_DETAILS = (
    "python_grader_server_error_type",
    "python_grader_runtime_error_details",
    "model_grader_server_error_details",
)
_TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_PATH_PART = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]")

# Run in a fresh interpreter: the grader source and its arguments arrive as JSON on stdin; what the
# grader prints goes to stderr so stdout carries only the answer.
_RUNNER = r"""
import json, math, sys, traceback
out = sys.stdout
sys.stdout = sys.stderr
data = json.load(sys.stdin)
try:
    ns = {"__name__": "grader"}
    exec(compile(data["source"], "grader.py", "exec"), ns)
    value = ns["grade"](data["sample"], data["item"])
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"grade() must return a number, it returned {value!r}")
    answer = {"reward": float(value)}
except BaseException:
    answer = {"error": traceback.format_exc(limit=-3).strip()}
out.write(json.dumps(answer))
"""


def install_graders(server: StandinServer) -> None:
    """Register the grader routes and their knobs on ``server`` (fresh values on every reset)."""
    server.grader_model_reward = 0.5  # type: ignore[attr-defined]
    server.grader_model_label = None  # type: ignore[attr-defined]
    server.grader_model_refuse = False  # type: ignore[attr-defined]
    server.python_grader_timeout = 5.0  # type: ignore[attr-defined]
    server.routes[("POST", "/fine_tuning/alpha/graders/validate")] = validate_grader
    server.routes[("POST", "/fine_tuning/alpha/graders/run")] = run_grader


# --- answers checked against the spec -----------------------------------------------------------


def _spec_problems(obj: Any, schema: str) -> list[str]:
    from tests.standin import spec  # noqa: PLC0415 - loading the spec costs ~0.25 s; only when used

    grader = obj.get("grader") if isinstance(obj, dict) else None
    if schema in ("ValidateGraderResponse",) and isinstance(grader, dict) and isinstance(grader.get("graders"), dict):
        # The allowance of the module doc: each member of the dict in the spec's one-grader slot.
        problems: list[str] = []
        for member in grader["graders"].values():
            problems += spec.errors({**obj, "grader": {**grader, "graders": member}}, schema)
        return problems
    return spec.errors(obj, schema)


def _reply(server: StandinServer, body: dict[str, Any], schema: str, status: int = 200) -> Reply:
    problems = _spec_problems(body, schema)
    if problems:
        server._record_error(AssertionError(f"stand-in graders {schema} off spec: {problems}"))
    return Reply(status=status, body=body)


def _invalid(server: StandinServer, message: str, param: str | None, code: str = "invalid_value") -> Reply:
    return _reply(server, error_body(message, "invalid_request_error", param, code), "ErrorResponse", 400)


# --- checks -------------------------------------------------------------------------------------


class GraderProblem(Exception):
    """An invalid grader: ``message`` for the error body, ``param`` the field (``grader.input``)."""

    def __init__(self, message: str, param: str, code: str = "invalid_value") -> None:
        super().__init__(message)
        self.message, self.param, self.code = message, param, code


def _require_str(grader: dict[str, Any], key: str, where: str) -> str:
    value = grader.get(key)
    if key not in grader:
        raise GraderProblem(f"Missing required parameter: '{where}.{key}'.", f"{where}.{key}",
                            "missing_required_parameter")
    if not isinstance(value, str):
        raise GraderProblem(f"Invalid type for '{where}.{key}': expected a string, but got {type(value).__name__}.",
                            f"{where}.{key}", "invalid_type")
    return value


def _require_enum(grader: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _require_str(grader, key, where)
    if value not in allowed:
        listed = ", ".join(f"'{a}'" for a in allowed)
        raise GraderProblem(f"Invalid value for '{where}.{key}': '{value}'. Supported values are: {listed}.",
                            f"{where}.{key}")
    return value


def _check_messages(grader: dict[str, Any], where: str) -> None:
    messages = grader.get("input")
    if "input" not in grader:
        raise GraderProblem(f"Missing required parameter: '{where}.input'.", f"{where}.input",
                            "missing_required_parameter")
    if not isinstance(messages, list) or not messages:
        raise GraderProblem(f"Invalid value for '{where}.input': expected a non-empty list of messages.",
                            f"{where}.input")
    for i, message in enumerate(messages):
        at = f"{where}.input[{i}]"
        if not isinstance(message, dict):
            raise GraderProblem(f"Invalid type for '{at}': expected an object.", at, "invalid_type")
        _require_enum(message, "role", at, ROLES)
        if "content" not in message:
            raise GraderProblem(f"Missing required parameter: '{at}.content'.", f"{at}.content",
                                "missing_required_parameter")


def _check_model(grader: dict[str, Any], where: str) -> str:
    model = _require_str(grader, "model", where)
    if model not in GRADING_MODELS:
        raise GraderProblem(f"Invalid value for '{where}.model': the model '{model}' cannot be used for grading.",
                            f"{where}.model")
    return model


def _check_score_model(grader: dict[str, Any], where: str) -> None:
    model = _check_model(grader, where)
    _check_messages(grader, where)
    if "range" in grader:
        rng = grader["range"]
        ok = isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, int | float) for v in rng)
        if not ok or rng[0] >= rng[1]:
            raise GraderProblem(f"Invalid value for '{where}.range': expected two numbers [min, max] with min < max.",
                                f"{where}.range")
    params = grader.get("sampling_params")
    if params is None:
        return
    if not isinstance(params, dict):
        raise GraderProblem(f"Invalid type for '{where}.sampling_params': expected an object.",
                            f"{where}.sampling_params", "invalid_type")
    for key in params:
        if key not in SAMPLING_KEYS:
            raise GraderProblem(f"Unrecognized parameter: '{where}.sampling_params.{key}'.",
                                f"{where}.sampling_params.{key}", "unknown_parameter")
    reasoning = model.startswith("o")
    if reasoning and params.get("temperature") is not None:
        raise GraderProblem(f"Unsupported parameter: '{where}.sampling_params.temperature' is not supported with "
                            f"the model '{model}'.", f"{where}.sampling_params.temperature", "unsupported_parameter")
    if not reasoning and params.get("reasoning_effort") is not None:
        raise GraderProblem(f"Unsupported parameter: '{where}.sampling_params.reasoning_effort' is not supported "
                            f"with the model '{model}'.", f"{where}.sampling_params.reasoning_effort",
                            "unsupported_parameter")


def _check_label_model(grader: dict[str, Any], where: str) -> None:
    _check_model(grader, where)
    _check_messages(grader, where)
    for key in ("labels", "passing_labels"):
        value = grader.get(key)
        if key not in grader:
            raise GraderProblem(f"Missing required parameter: '{where}.{key}'.", f"{where}.{key}",
                                "missing_required_parameter")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise GraderProblem(f"Invalid value for '{where}.{key}': expected a non-empty list of strings.",
                                f"{where}.{key}")
    extra = [p for p in grader["passing_labels"] if p not in grader["labels"]]
    if extra:
        raise GraderProblem(f"Invalid value for '{where}.passing_labels': '{extra[0]}' is not one of the labels.",
                            f"{where}.passing_labels")


def _check_python(grader: dict[str, Any], where: str) -> None:
    source = _require_str(grader, "source", where)
    if len(source.encode("utf-8")) >= PYTHON_SOURCE_LIMIT:
        raise GraderProblem(f"Invalid value for '{where}.source': the source must be under 256 kB.", f"{where}.source")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise GraderProblem(f"Invalid value for '{where}.source': the source is not valid Python "
                            f"(line {exc.lineno}: {exc.msg}).", f"{where}.source") from exc
    if not any(isinstance(n, ast.FunctionDef) and n.name == "grade" for n in tree.body):
        raise GraderProblem(f"Invalid value for '{where}.source': the source must define a function "
                            "grade(sample, item).", f"{where}.source")
    if "image_tag" in grader and not isinstance(grader["image_tag"], str):
        raise GraderProblem(f"Invalid type for '{where}.image_tag': expected a string.", f"{where}.image_tag",
                            "invalid_type")


def check_grader(grader: Any, where: str = "grader", *, top_level: bool = True) -> None:
    """Raise ``GraderProblem`` for the first thing wrong with ``grader`` (the stand-in's own rules)."""
    if not isinstance(grader, dict):
        raise GraderProblem(f"Invalid type for '{where}': expected an object.", where, "invalid_type")
    allowed = TOP_LEVEL_TYPES if top_level else SUB_TYPES
    kind = grader.get("type")
    if kind == "label_model" and top_level:
        raise GraderProblem(f"Invalid value for '{where}.type': label_model graders can only be used inside a "
                            "multi grader.", f"{where}.type")
    if kind == "multi" and not top_level:
        raise GraderProblem(f"Invalid value for '{where}.type': a multi grader cannot contain another multi grader.",
                            f"{where}.type")
    if kind == "text_similarity" and grader.get("evaluation_metric") == "cosine":
        raise GraderProblem(f"Invalid value for '{where}.evaluation_metric': 'cosine' is not supported for "
                            "fine-tuning graders.", f"{where}.evaluation_metric")
    _require_enum(grader, "type", where, allowed)
    _require_str(grader, "name", where)
    if kind == "string_check":
        _require_str(grader, "input", where)
        _require_str(grader, "reference", where)
        _require_enum(grader, "operation", where, OPERATIONS)
    elif kind == "text_similarity":
        _require_str(grader, "input", where)
        _require_str(grader, "reference", where)
        _require_enum(grader, "evaluation_metric", where, METRICS)
    elif kind == "python":
        _check_python(grader, where)
    elif kind == "score_model":
        _check_score_model(grader, where)
    elif kind == "label_model":
        _check_label_model(grader, where)
    elif kind == "multi":
        graders = grader.get("graders")
        if "graders" not in grader:
            raise GraderProblem(f"Missing required parameter: '{where}.graders'.", f"{where}.graders",
                                "missing_required_parameter")
        if not isinstance(graders, dict) or not graders:
            raise GraderProblem(f"Invalid value for '{where}.graders': expected an object of named graders.",
                                f"{where}.graders")
        for name, sub in graders.items():
            check_grader(sub, f"{where}.graders.{name}", top_level=False)
        _require_str(grader, "calculate_output", where)


def _problem_reply(server: StandinServer, body: Any) -> Reply | None:
    if not isinstance(body, dict):
        return _invalid(server, "We could not parse the JSON body of your request.", None, "invalid_json")
    if "grader" not in body:
        return _invalid(server, "Missing required parameter: 'grader'.", "grader", "missing_required_parameter")
    try:
        check_grader(body["grader"])
    except GraderProblem as problem:
        return _invalid(server, problem.message, problem.param, problem.code)
    return None


# --- routes -------------------------------------------------------------------------------------


def validate_grader(ctx: RouteContext) -> Reply:
    """``POST /fine_tuning/alpha/graders/validate``: the grader back, or 400 naming the bad field."""
    body = ctx.request.json
    problem = _problem_reply(ctx.server, body)
    if problem is not None:
        return problem
    return _reply(ctx.server, {"grader": body["grader"]}, "ValidateGraderResponse")


def run_grader(ctx: RouteContext) -> Reply:
    """``POST /fine_tuning/alpha/graders/run``: the reward of one sample (see the module doc)."""
    server, body = ctx.server, ctx.request.json
    problem = _problem_reply(server, body)
    if problem is not None:
        return problem
    sample = body.get("model_sample")
    if not isinstance(sample, str):
        return _invalid(server, "Missing required parameter: 'model_sample'.", "model_sample",
                        "missing_required_parameter")
    item = body.get("item") if isinstance(body.get("item"), dict) else {}
    grader = body["grader"]
    started = time.monotonic()
    run = _Run(server, item, sample)
    reward = run.grade(grader)
    if grader["type"] == "multi":
        reward = run.combine(grader, reward)
    answer = {
        "reward": reward,
        "metadata": {
            "name": grader["name"],
            "type": grader["type"],
            "errors": run.errors,
            "execution_time": round(time.monotonic() - started, 6),
            "scores": dict(run.sub_rewards),
            "token_usage": run.tokens or None,
            "sampled_model_name": run.model,
        },
        "sub_rewards": dict(run.sub_rewards),
        "model_grader_token_usage_per_model": run.usage,
    }
    return _reply(server, answer, "RunGraderResponse")


# --- grading ------------------------------------------------------------------------------------


class _Missing(Exception):
    """A template names something the item or sample does not have."""


class _Run:
    """One run request: the namespaces, the error flags and what the sub-graders scored."""

    def __init__(self, server: StandinServer, item: dict[str, Any], sample: str) -> None:
        self.server = server
        self.item = item
        self.text = sample
        try:
            self.json: Any = json.loads(sample)
            self.is_json = True
        except ValueError:
            self.json, self.is_json = None, False
        self.errors: dict[str, Any] = {flag: False for flag in ERROR_FLAGS} | {key: None for key in ERROR_DETAILS}
        self.sub_rewards: dict[str, float] = {}
        self.usage: dict[str, Any] = {}
        self.tokens = 0
        self.model: str | None = None

    # templates

    def _lookup(self, expression: str) -> Any:
        namespace, _, path = expression.partition(".")
        if namespace == "item":
            value: Any = self.item
        elif namespace == "sample":
            value = {"output_text": self.text, "output_tools": [], "output_json": self.json}
            if path.startswith("output_json") and not self.is_json:
                self.errors["sample_parse_error"] = True
                raise _Missing(expression)
        else:
            raise _Missing(expression)
        for name, index in _PATH_PART.findall(path):
            if name and isinstance(value, dict) and name in value:
                value = value[name]
            elif index and isinstance(value, list) and int(index) < len(value):
                value = value[int(index)]
            else:
                raise _Missing(expression)
        return value

    def render(self, text: str) -> str:
        def one(match: re.Match[str]) -> str:
            value = self._lookup(match.group(1))
            return value if isinstance(value, str) else json.dumps(value)

        return _TEMPLATE.sub(one, text)

    def _render_all(self, node: Any) -> None:
        """Render every string under ``node`` (model grader inputs) so a missing field is flagged."""
        if isinstance(node, str):
            self.render(node)
        elif isinstance(node, list):
            for child in node:
                self._render_all(child)
        elif isinstance(node, dict):
            for child in node.values():
                self._render_all(child)

    # graders

    def grade(self, grader: dict[str, Any]) -> float:
        """The grader's reward (0 on any error, which is flagged)."""
        try:
            return self._grade(grader)
        except _Missing:
            if not self.errors["sample_parse_error"]:
                self.errors["invalid_variable_error"] = True
            return 0.0

    def _grade(self, grader: dict[str, Any]) -> float:
        kind = grader["type"]
        if kind == "string_check":
            return _string_check(self.render(grader["input"]), self.render(grader["reference"]), grader["operation"])
        if kind == "text_similarity":
            return _similarity(self.render(grader["input"]), self.render(grader["reference"]),
                               grader["evaluation_metric"])
        if kind == "python":
            return self._python(grader)
        if kind in ("score_model", "label_model"):
            return self._model(grader)
        # multi: each sub-grader; the formula is applied by combine()
        for name, sub in grader["graders"].items():
            self.sub_rewards[name] = self.grade(sub)
        return 0.0

    def combine(self, grader: dict[str, Any], default: float) -> float:
        """``calculate_output`` over the sub-rewards; 0 with ``formula_parse_error`` when it cannot be read."""
        try:
            value = evaluate_formula(grader["calculate_output"], self.sub_rewards)
        except (ValueError, SyntaxError, TypeError, ZeroDivisionError, OverflowError):
            self.errors["formula_parse_error"] = True
            return default
        return value if math.isfinite(value) else default

    def _python(self, grader: dict[str, Any]) -> float:
        sample = {"output_text": self.text, "output_json": self.json, "output_tools": []}
        payload = json.dumps({"source": grader["source"], "sample": sample, "item": self.item})
        timeout = float(getattr(self.server, "python_grader_timeout", 5.0))
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-c", _RUNNER], input=payload, capture_output=True, text=True, timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return self._python_failed(f"The grader did not finish within {timeout:g} seconds.")
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            details = (done.stderr or "").strip()[-2000:] or f"The grader process ended with code {done.returncode}."
            return self._python_failed(details)
        if "error" in answer:
            return self._python_failed(str(answer["error"]))
        return float(answer["reward"])

    def _python_failed(self, details: str) -> float:
        self.errors["python_grader_runtime_error"] = True
        self.errors["python_grader_runtime_error_details"] = details
        return 0.0

    def _model(self, grader: dict[str, Any]) -> float:
        self._render_all(grader["input"])
        model = grader["model"]
        self.model = model
        prompt = len(json.dumps(grader["input"]).split()) + len(self.text.split())
        completion = 24
        usage = self.usage.setdefault(
            model, {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0, "cached_tokens": 0}
        )
        usage["prompt_tokens"] += prompt
        usage["completion_tokens"] += completion
        usage["total_tokens"] += prompt + completion
        self.tokens += prompt + completion
        server: Any = self.server
        if server.grader_model_refuse:
            self.errors["model_grader_refusal_error"] = True
            return 0.0
        if grader["type"] == "label_model":
            label = server.grader_model_label or grader["passing_labels"][0]
            return 1.0 if label in grader["passing_labels"] else 0.0
        scripted = server.grader_model_reward
        value = float(scripted(grader, self.item, self.text) if callable(scripted) else scripted)
        low, high = grader.get("range") or [0, 1]
        return float(min(max(value, low), high))


def _string_check(value: str, reference: str, operation: str) -> float:
    if operation == "eq":
        return float(value == reference)
    if operation == "ne":
        return float(value != reference)
    if operation == "like":
        return float(reference in value)
    return float(reference.lower() in value.lower())


def _similarity(value: str, reference: str, metric: str) -> float:
    if metric == "fuzzy_match":
        from rapidfuzz import fuzz  # noqa: PLC0415 - only this grader needs it

        return float(fuzz.ratio(value, reference)) / 100.0
    # A stand-in approximation for the other metrics: unigram F1 over lower-cased words.
    got, want = re.findall(r"\w+", value.lower()), re.findall(r"\w+", reference.lower())
    if not got or not want:
        return 0.0
    common = sum(min(got.count(w), want.count(w)) for w in set(got))
    if not common:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(.))")


def evaluate_formula(formula: str, values: dict[str, float]) -> float:
    """``calculate_output`` over ``values`` (``^`` is a right-associative power binding tighter than
    ``*``); ValueError when it cannot be read or names something unknown."""
    tokens: list[tuple[str, str]] = []
    for number, name, other in _TOKEN.findall(formula.strip()):
        if number:
            tokens.append(("num", number))
        elif name:
            tokens.append(("name", name))
        elif other.strip():
            tokens.append(("op", other))
    pos = 0

    def peek() -> tuple[str, str] | None:
        return tokens[pos] if pos < len(tokens) else None

    def take(value: str | None = None) -> tuple[str, str]:
        nonlocal pos
        token = peek()
        if token is None or (value is not None and token[1] != value):
            raise ValueError(f"expected {value or 'more'} at token {pos + 1}")
        pos += 1
        return token

    def expression() -> float:
        value = term()
        while peek() in (("op", "+"), ("op", "-")):
            value = value + term() if take()[1] == "+" else value - term()
        return value

    def term() -> float:
        value = unary()
        while peek() in (("op", "*"), ("op", "/")):
            value = value * unary() if take()[1] == "*" else value / unary()
        return value

    def unary() -> float:
        if peek() in (("op", "-"), ("op", "+")):
            return -unary() if take()[1] == "-" else unary()
        return power()

    def power() -> float:
        base = atom()
        if peek() == ("op", "^"):
            take()
            return float(base ** unary())
        return base

    def atom() -> float:
        kind, text = take()
        if kind == "num":
            return float(text)
        if kind == "op" and text == "(":
            value = expression()
            take(")")
            return value
        if kind == "name" and peek() == ("op", "("):
            if text not in FUNCTIONS:
                raise ValueError(f"unknown function {text!r}")
            take("(")
            args = [expression()]
            while peek() == ("op", ","):
                take()
                args.append(expression())
            take(")")
            return float(FUNCTIONS[text](*args))
        if kind == "name" and text in values:
            return float(values[text])
        raise ValueError(f"unexpected {text!r}")

    result = expression()
    if pos != len(tokens):
        raise ValueError(f"unexpected {tokens[pos][1]!r}")
    return result
