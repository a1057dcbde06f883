"""What an RFT grader is, as the fine-tuning API defines it (API_NOTES §10): the grader types, the
fields each type takes and which of them are required, and the values the API allows in them
(operations, similarity metrics, grading models, message roles, sampling parameters, limits).

A grader is the JSON object the fine-tuning API takes, held as a ``dict`` — no classes in between,
so what the user imports, edits, saves and sends is the same thing. These names are the one place that
vocabulary is written down: the starting graders (:mod:`app.graders.starters`), the structure check
(:mod:`app.graders.structure`) and the grader forms all read it from here.
"""

from __future__ import annotations

GRADER_TYPES = ("string_check", "text_similarity", "score_model", "label_model", "python", "multi")
TOP_LEVEL_TYPES = ("string_check", "text_similarity", "score_model", "python", "multi")  # label_model: in multi
STRING_OPERATIONS = ("eq", "ne", "like", "ilike")
SIMILARITY_METRICS = (
    "fuzzy_match", "bleu", "gleu", "meteor", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l",
)  # fmt: skip
EVALS_ONLY_METRICS = ("cosine",)  # in the API's enum, but only evals use it
# Models the fine-tuning API allows in score_model and label_model graders (API_NOTES §10, mid-2026).
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
PYTHON_SOURCE_LIMIT = 256 * 1024
PYTHON_IMAGE_TAG = "2025-05-08"
MESSAGE_ROLES = ("system", "developer", "user", "assistant")
CONTENT_TYPES = {"input_text": "text", "output_text": "text", "input_image": "image_url", "input_audio": "input_audio"}
SAMPLING_PARAMS = ("seed", "top_p", "temperature", "max_completions_tokens", "reasoning_effort")
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")

FIELDS: dict[str, tuple[str, ...]] = {  # every field the API knows per type; the first ones are required
    "string_check": ("type", "name", "input", "reference", "operation"),
    "text_similarity": ("type", "name", "input", "reference", "evaluation_metric"),
    "python": ("type", "name", "source", "image_tag"),
    "score_model": ("type", "name", "model", "input", "range", "sampling_params"),
    "label_model": ("type", "name", "model", "input", "labels", "passing_labels"),
    "multi": ("type", "name", "graders", "calculate_output"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "string_check": FIELDS["string_check"],
    "text_similarity": FIELDS["text_similarity"],
    "python": ("type", "name", "source"),
    "score_model": ("type", "name", "model", "input"),
    "label_model": FIELDS["label_model"],
    "multi": FIELDS["multi"],
}
