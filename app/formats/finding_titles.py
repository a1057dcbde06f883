"""A short title for each kind of finding, in the user's language: the Validation panel groups findings
under these ("Error: The answer is empty (3)"). Findings carry a stable ``code``; the title is looked
up when shown, so it follows the language even for findings stored before a switch."""

from __future__ import annotations

from app.i18n import N_, _

TITLES: dict[str, str] = {
    # reading the file
    "not_json": N_("Not valid JSON"),
    "not_object": N_("Not a JSON object"),
    "not_an_object": N_("Not a JSON object"),
    "bad_encoding": N_("Unreadable characters"),
    "line_too_long": N_("Line too long"),
    "bad_csv": N_("Broken table row"),
    "no_header": N_("No header row"),
    "empty_cell": N_("Empty cell"),
    "wrong_cell_count": N_("Wrong number of cells"),
    # the conversation
    "missing_messages": N_("No messages"),
    "bad_message": N_("Message not in the right form"),
    "missing_role": N_("Message without a role"),
    "unknown_role": N_("Unknown role"),
    "role_not_allowed": N_("Role not accepted"),
    "missing_content": N_("Message without text"),
    "empty_content": N_("Empty message"),
    "bad_content": N_("Message text not in the right form"),
    "unsupported_content_part": N_("Unsupported part of a message"),
    "unknown_message_key": N_("Unknown field in a message"),
    "unknown_key": N_("Unknown field"),
    "bad_name": N_("Name not in the right form"),
    "bad_weight": N_("Weight not 0 or 1"),
    "weight_not_allowed": N_("Weight not accepted here"),
    "weight_ignored": N_("Weight ignored"),
    "no_user_message": N_("No user message"),
    "no_assistant_message": N_("No assistant answer"),
    "trailing_messages": N_("Messages after the last answer"),
    "nothing_to_learn": N_("Nothing to learn from"),
    # preference (DPO) and reinforcement (RFT) data
    "missing_input": N_("No prompt"),
    "bad_output": N_("Answer not in the right form"),
    "output_not_text": N_("Answer is not text"),
    "same_outputs": N_("Both answers are the same"),
    "dpo_input_ends_with_answer": N_("Prompt ends with an answer"),
    "rft_ends_with_answer": N_("Prompt ends with an answer"),
    "very_long_prompt": N_("Very long prompt"),
    # tools and function calls
    "bad_tools": N_("Tool list not in the right form"),
    "bad_functions": N_("Function list not in the right form"),
    "bad_tool_name": N_("Tool name not allowed"),
    "bad_tool_parameters": N_("Tool parameters not in the right form"),
    "duplicate_tool_name": N_("Two tools with the same name"),
    "bad_tool_calls": N_("Tool calls not in the right form"),
    "bad_parallel_tool_calls": N_("Parallel tool calls not in the right form"),
    "tool_call_bad_type": N_("Tool call of an unknown type"),
    "tool_call_missing_id": N_("Tool call without an id"),
    "duplicate_tool_call_id": N_("Two tool calls with the same id"),
    "unknown_tool": N_("Call of a tool that is not listed"),
    "missing_tool_call_id": N_("Tool answer without a call id"),
    "unknown_tool_call_id": N_("Tool answer to an unknown call"),
    "missing_function_name": N_("Function answer without a name"),
    # images
    "image_not_allowed": N_("Image where none is accepted"),
    "bad_image_url": N_("Image address not usable"),
    "bad_image_data": N_("Image data unreadable"),
    "bad_image_detail": N_("Image detail setting not accepted"),
    "unsupported_image_format": N_("Image format not accepted"),
    "image_type_mismatch": N_("Image not of the type it claims"),
    "image_too_large": N_("Image too large"),
    "image_colour_mode": N_("Image colours not accepted"),
    "too_many_images": N_("Too many images in one example"),
    "vision_model": N_("Images need a vision model"),
    # the dataset as a whole
    "too_few_examples": N_("Too few examples"),
    "few_examples": N_("Few examples"),
    "too_many_examples": N_("Too many examples"),
    "too_many_image_examples": N_("Too many examples with images"),
    "duplicate_example": N_("Duplicate example"),
    "near_duplicate": N_("Nearly the same example"),
    "too_long": N_("Too long for training"),
    "validation_overlap": N_("Also in the training data"),
}


def finding_title(code: str) -> str:
    """The title of a kind of finding in the current language; a code without one (a newer version's,
    stored in the project) is shown as words ("some_new_code" → "Some new code")."""
    title = TITLES.get(code)
    return _(title) if title else code.replace("_", " ").capitalize()
