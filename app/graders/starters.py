"""Starting graders: a sensible new grader of each type, offered when the user adds a grader or a
multi grader's sub-grader. Each one passes :func:`app.graders.structure.structure_problems` as it is.
"""

from __future__ import annotations

from typing import Any

from app.graders.schema import PYTHON_IMAGE_TAG

PYTHON_SKELETON = '''def grade(sample: dict, item: dict) -> float:
    """Return a score between 0 and 1 for one answer.

    sample["output_text"] is the model's answer; item holds the fields of the dataset line.
    """
    answer = sample.get("output_text", "").strip().lower()
    expected = str(item.get("reference_answer", "")).strip().lower()
    return 1.0 if answer == expected else 0.0
'''


def _messages(instruction: str) -> list[dict[str, Any]]:
    return [
        {"role": "developer", "content": instruction},
        {
            "role": "user",
            "content": "Reference answer:\n{{item.reference_answer}}\n\nAnswer to grade:\n{{sample.output_text}}",
        },
    ]


def new_grader(kind: str, name: str = "") -> dict[str, Any]:
    """A sensible starting grader of type ``kind`` (one of :data:`app.graders.schema.GRADER_TYPES`), named
    ``name`` or after its type. Its templates read ``item.reference_answer``: the data check says if the
    dataset calls that field something else. ``ValueError`` for an unknown type."""
    label = name or kind.replace("_", " ")
    if kind == "string_check":
        return {
            "type": "string_check", "name": label, "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "operation": "eq",
        }  # fmt: skip
    if kind == "text_similarity":
        return {
            "type": "text_similarity", "name": label, "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "evaluation_metric": "fuzzy_match",
        }  # fmt: skip
    if kind == "score_model":
        return {
            "type": "score_model",
            "name": label,
            "model": "gpt-4.1-mini-2025-04-14",
            "input": _messages(
                "Compare the answer with the reference answer. Reply with a score between 0 and 1: 1 when it "
                "says the same thing, 0 when it is wrong, partial credit when it is partly right."
            ),
            "range": [0, 1],
            "sampling_params": {"temperature": 0},
        }
    if kind == "label_model":
        return {
            "type": "label_model",
            "name": label,
            "model": "gpt-4.1-mini-2025-04-14",
            "input": _messages("Label the answer 'correct' when it agrees with the reference, else 'incorrect'."),
            "labels": ["correct", "incorrect"],
            "passing_labels": ["correct"],
        }
    if kind == "python":
        return {"type": "python", "name": label, "source": PYTHON_SKELETON, "image_tag": PYTHON_IMAGE_TAG}
    if kind == "multi":
        return {
            "type": "multi",
            "name": label,
            "graders": {
                "exact": new_grader("string_check", "exact"),
                "similar": new_grader("text_similarity", "similar"),
            },
            "calculate_output": "0.5 * exact + 0.5 * similar",
        }
    raise ValueError(f"unknown grader type {kind!r}")
