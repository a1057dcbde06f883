"""The reference point: a plain, single-process check in the style of OpenAI's cookbook notebook
(``Chat_finetuning_data_prep.ipynb``): json + tiktoken, one example after another.

Kept deliberately plain — it is what "2.5× faster" is measured against.
"""

from __future__ import annotations

import json
from collections import defaultdict

from app.formats.tokens import get_encoding  # tiktoken's o200k_base, loaded from the bundled file


def run(path: str) -> dict:
    """Format checks, token counts and the billing estimate of the notebook, for ``path``."""
    enc = get_encoding()
    with open(path, encoding="utf-8") as f:
        dataset = [json.loads(line) for line in f if line.strip()]

    format_errors: dict[str, int] = defaultdict(int)
    for ex in dataset:
        if not isinstance(ex, dict):
            format_errors["data_type"] += 1
            continue
        messages = ex.get("messages", None)
        if not messages:
            format_errors["missing_messages_list"] += 1
            continue
        for message in messages:
            if "role" not in message or "content" not in message:
                format_errors["message_missing_key"] += 1
            if any(k not in ("role", "content", "name", "function_call", "weight") for k in message):
                format_errors["message_unrecognized_key"] += 1
            if message.get("role", None) not in ("system", "user", "assistant", "function"):
                format_errors["unrecognized_role"] += 1
            content = message.get("content", None)
            function_call = message.get("function_call", None)
            if (not content and not function_call) or not isinstance(content, str):
                format_errors["missing_content"] += 1
        if not any(message.get("role", None) == "assistant" for message in messages):
            format_errors["example_missing_assistant_message"] += 1

    def num_tokens_from_messages(messages, tokens_per_message=3, tokens_per_name=1):
        num_tokens = 0
        for message in messages:
            num_tokens += tokens_per_message
            for key, value in message.items():
                if isinstance(value, str):  # the notebook assumes every value is text
                    num_tokens += len(enc.encode(value))
                if key == "name":
                    num_tokens += tokens_per_name
        num_tokens += 3
        return num_tokens

    def num_assistant_tokens_from_messages(messages):
        num_tokens = 0
        for message in messages:
            if message["role"] == "assistant" and isinstance(message.get("content"), str):
                num_tokens += len(enc.encode(message["content"]))
        return num_tokens

    n_missing_system = n_missing_user = 0
    n_messages, convo_lens, assistant_message_lens = [], [], []
    for ex in dataset:
        messages = ex["messages"]
        if not any(message["role"] == "system" for message in messages):
            n_missing_system += 1
        if not any(message["role"] == "user" for message in messages):
            n_missing_user += 1
        n_messages.append(len(messages))
        convo_lens.append(num_tokens_from_messages(messages))
        assistant_message_lens.append(num_assistant_tokens_from_messages(messages))
    n_too_long = sum(length > 65536 for length in convo_lens)

    max_tokens_per_example = 65536
    target_epochs, min_target_examples, max_target_examples = 3, 100, 25000
    min_default_epochs, max_default_epochs = 1, 25
    n_epochs = target_epochs
    n_train_examples = len(dataset)
    if n_train_examples * target_epochs < min_target_examples:
        n_epochs = min(max_default_epochs, min_target_examples // n_train_examples)
    elif n_train_examples * target_epochs > max_target_examples:
        n_epochs = max(min_default_epochs, max_target_examples // n_train_examples)
    n_billing_tokens_in_dataset = sum(min(max_tokens_per_example, length) for length in convo_lens)
    return {
        "examples": len(dataset),
        "format_errors": dict(format_errors),
        "tokens": sum(convo_lens),
        "assistant_tokens": sum(assistant_message_lens),
        "missing_system": n_missing_system,
        "missing_user": n_missing_user,
        "too_long": n_too_long,
        "epochs": n_epochs,
        "billing_tokens_per_epoch": n_billing_tokens_in_dataset,
    }
