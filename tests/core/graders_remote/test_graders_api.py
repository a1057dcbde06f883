"""Trying a grader on the provider (``app.services.graders_api``) with the real SDK against the stand-in:
validate (accepted, or the provider's reason in plain words), run (rewards, sub-rewards, the errors
inside a grader as plain sentences) and the provider failures mapped to ``ProviderError``."""

from __future__ import annotations

import pytest
import pytest_asyncio

from app.models.connection import ConnectionProfile
from app.services import graders_api, providers
from app.services.graders_api import OK_MESSAGE, RemoteCheck, error_sentences, run_remote, validate_remote
from app.services.provider_errors import ErrorKind, ProviderError

CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.answer}}", "operation": "eq"}
PYTHON = {"type": "python", "name": "py",
          "source": "def grade(sample, item):\n    return len(sample['output_text']) / 10\n"}
RAISES = {"type": "python", "name": "py", "source": "def grade(sample, item):\n    return item['missing']\n"}
JUDGE = {"type": "score_model", "name": "judge", "model": "gpt-4.1-mini-2025-04-14",
         "input": [{"role": "user", "content": "Is {{sample.output_text}} right? Reference: {{item.answer}}"}]}


@pytest_asyncio.fixture
async def env(standin_shared):
    """(stand-in server, a profile to it, an SDK client without retries, so failures are fast)."""
    profile = ConnectionProfile(name="Work", base_url=standin_shared.base_url)
    client = providers.build_client(profile, standin_shared.api_key, timeout=5.0, max_retries=0)
    yield standin_shared, profile, client
    await client.close()


@pytest.mark.asyncio
async def test_validate_accepts_and_returns_the_normalized_grader(env):
    _server, profile, client = env
    assert await validate_remote(client, profile, CHECK) == RemoteCheck(True, CHECK, OK_MESSAGE)
    multi = {"type": "multi", "name": "m", "graders": {"exact": CHECK, "judge": JUDGE}, "calculate_output": "exact"}
    check = await validate_remote(client, profile, multi)
    assert check.ok and check.normalized == multi  # the dict of sub-graders survives (the SDK's model would not)


@pytest.mark.asyncio
async def test_validate_an_invalid_grader_is_a_plain_outcome(env):
    _server, profile, client = env
    check = await validate_remote(client, profile, {**CHECK, "operation": "equals"})
    assert not check.ok and check.normalized is None
    assert check.message.startswith("The provider found a problem in the grader: ")
    assert "'grader.operation'" in check.message and "'equals'" in check.message
    check = await validate_remote(client, profile, {**PYTHON, "source": "def grade(sample, item)\n  return 1\n"})
    assert not check.ok and "not valid Python (line 1" in check.message


@pytest.mark.asyncio
async def test_run_string_checks(env):
    _server, profile, client = env
    run = await run_remote(client, profile, CHECK, {"answer": "Paris"}, "Paris")
    assert (run.reward, run.sub_rewards, run.errors) == (1.0, {}, [])
    assert run.execution_time is not None and run.token_usage is None
    run = await run_remote(client, profile, {**CHECK, "operation": "ilike"}, {"answer": "paris"}, "It is PARIS.")
    assert run.reward == 1.0
    assert (await run_remote(client, profile, CHECK, {"answer": "Paris"}, "paris")).reward == 0.0


@pytest.mark.asyncio
async def test_run_python_graders(env):
    _server, profile, client = env
    run = await run_remote(client, profile, PYTHON, {}, "12345")
    assert run.reward == 0.5 and run.errors == []
    run = await run_remote(client, profile, RAISES, {"answer": "x"}, "12345")
    assert run.reward == 0.0
    assert run.errors == ["Your Python grader raised an error: KeyError: 'missing' (line 2)"]


@pytest.mark.asyncio
async def test_run_multi_sub_rewards_and_a_bad_formula(env):
    server, profile, client = env
    server.grader_model_reward = 0.8
    multi = {"type": "multi", "name": "m", "graders": {"exact": CHECK, "judge": JUDGE},
             "calculate_output": "0.5 * exact + 0.5 * judge"}
    run = await run_remote(client, profile, multi, {"answer": "Paris"}, "Paris")
    assert run.reward == pytest.approx(0.9) and run.sub_rewards == {"exact": 1.0, "judge": 0.8}
    assert run.token_usage["total_tokens"] > 0 and JUDGE["model"] in run.token_usage["per_model"]
    run = await run_remote(client, profile, {**multi, "calculate_output": "0.5 * exact + * judge"},
                           {"answer": "Paris"}, "Paris")
    assert run.reward == 0.0 and run.errors == ["The formula (calculate_output) could not be read."]
    server.grader_model_refuse = True
    run = await run_remote(client, profile, JUDGE, {"answer": "Paris"}, "Paris")
    assert run.errors == ["The grading model refused to grade this answer."]


@pytest.mark.asyncio
async def test_run_template_errors_in_plain_words(env):
    _server, profile, client = env
    run = await run_remote(client, profile, CHECK, {"reference_answer": "Paris"}, "Paris")
    assert run.errors and run.errors[0].startswith("The grader refers to a field this example")
    run = await run_remote(client, profile, {**CHECK, "input": "{{sample.output_json.city}}"}, {"answer": "P"}, "P")
    assert run.errors and run.errors[0].startswith("The answer could not be read as JSON")


@pytest.mark.asyncio
async def test_a_wrong_key_raises_for_both_calls(env):
    server, profile, _client = env
    wrong = providers.build_client(profile, "sk-wrong", timeout=5.0, max_retries=0)
    try:
        for call in (validate_remote(wrong, profile, CHECK), run_remote(wrong, profile, CHECK, {}, "x")):
            with pytest.raises(ProviderError) as info:
                await call
            assert info.value.kind is ErrorKind.AUTH and info.value.status == 401
            assert "was not accepted" in info.value.message and "“Work”" in info.value.message
    finally:
        await wrong.close()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        ({"status": 500}, ErrorKind.SERVER, "had a problem on its side (error 500)"),
        ({"status": 429}, ErrorKind.RATE_LIMIT, "limiting requests"),
        ({"status": 403}, ErrorKind.PERMISSION, "not allowed to do this"),
        ({"status": 404}, ErrorKind.NOT_FOUND, "cannot check or run graders"),
        ({"garbage": True}, ErrorKind.BAD_RESPONSE, "not like an OpenAI-compatible API"),
        ({"drop": True}, ErrorKind.UNREACHABLE, "Could not reach"),
    ],
)
async def test_provider_failures_are_mapped(env, fault, kind, words):
    server, profile, client = env
    server.inject(path="/fine_tuning/alpha/graders/*", times=2, **fault)
    for call in (validate_remote(client, profile, CHECK), run_remote(client, profile, CHECK, {}, "x")):
        with pytest.raises(ProviderError) as info:
            await call
        assert info.value.kind is kind and words in info.value.message


@pytest.mark.asyncio
async def test_a_slow_provider_times_out(env):
    server, profile, _client = env
    slow = providers.build_client(profile, server.api_key, timeout=0.2, max_retries=0)
    server.inject(path="/fine_tuning/alpha/graders/run", delay=1.0)
    try:
        with pytest.raises(ProviderError) as info:
            await run_remote(slow, profile, CHECK, {}, "x")
        assert info.value.kind is ErrorKind.TIMEOUT
    finally:
        await slow.close()


def test_error_sentences_cover_every_flag():
    flags = {
        "formula_parse_error": True, "sample_parse_error": True, "truncated_observation_error": True,
        "unresponsive_reward_error": True, "invalid_variable_error": True, "other_error": True,
        "python_grader_server_error": True, "python_grader_server_error_type": "sandbox_unavailable",
        "python_grader_runtime_error": True, "python_grader_runtime_error_details": None,
        # the SDK's own dump spells the model_* fields api_model_*
        "api_model_grader_server_error": True, "api_model_grader_server_error_details": "upstream 503",
        "api_model_grader_refusal_error": True, "model_grader_parse_error": True, "new_kind_of_error": True,
    }
    sentences = error_sentences(flags)
    assert len(sentences) == 12 and all(s.endswith((".", ")")) or "error:" in s for s in sentences)
    assert "Your Python grader raised an error: no details given" in sentences
    assert "The provider could not run your Python grader (sandbox_unavailable). Try again later." in sentences
    assert any("(upstream 503)" in s for s in sentences)
    assert sentences[-1] == "The grader reported a problem the app does not know: new_kind_of_error."
    assert error_sentences({"formula_parse_error": False}) == [] and error_sentences(None) == []


def test_run_result_reads_either_token_usage_shape():
    usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7, "cached_tokens": 0}
    run = graders_api.run_result({"reward": 1, "sub_rewards": {"a": 1, "b": "n/a"},
                                  "metadata": {"token_usage": usage, "execution_time": 0.5}})
    assert run.reward == 1.0 and run.sub_rewards == {"a": 1.0} and run.token_usage == usage
    assert graders_api.run_result({"metadata": {"token_usage": 9}}).token_usage == {"total_tokens": 9}
    assert graders_api.run_result({}) == graders_api.RemoteRun(None, {}, [], None, None)
