"""The example editor: round trips, debounced emissions, structure edits, JSON checks, findings,
focus and images. Every scenario runs inside the qasync loop (``arun``)."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtTest import QTest

from app.formats.model import Finding, Kind, Severity
from tests.ui.conftest import until
from ui.datasets.editor import ExampleEditorWidget
from ui.datasets.editor.message_card import role_choices

SFT_TOOLS = {
    "messages": [
        {"role": "system", "content": "You are the support assistant of Acme Bank. Answer briefly and politely."},
        {"role": "user", "content": "What is the balance of account 42?", "name": "maria"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function",
                 "function": {"name": "get_balance", "arguments": "{\"account\": \"42\"}"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "{\"balance\": 1234.5, \"currency\": \"EUR\"}"},
        {"role": "assistant", "content": "Account 42 holds 1,234.50 EUR.", "x_custom": {"keep": [1, 2]}},
        {"role": "user", "content": "And account 7?"},
        {
            "role": "assistant",
            "content": "Let me look.",
            "tool_calls": [
                {"id": "call_2", "type": "function",
                 "function": {"name": "get_balance", "arguments": "{\"account\": \"7\"}"}},
            ],
        },
        {"role": "tool", "tool_call_id": "call_2", "content": "{\"balance\": 0, \"currency\": \"EUR\"}"},
        {"role": "assistant", "content": "Account 7 is empty (0.00 EUR).", "weight": 1},
    ],
    "tools": [{
        "type": "function",
        "function": {
            "name": "get_balance",
            "description": "The balance of one bank account",
            "parameters": {"type": "object", "properties": {"account": {"type": "string"}}, "required": ["account"]},
        },
    }],
    "parallel_tool_calls": False,
    "x_top": "kept",
}

DPO = {
    "input": {"messages": [
        {"role": "system", "content": "You are a careful legal assistant for tenants."},
        {"role": "user", "content": "Can my landlord keep my deposit for normal wear and tear?"},
    ]},
    "preferred_output": [{"role": "assistant", "content": "No. Normal wear and tear is not damage: the landlord "
                          "may only deduct for damage beyond it, unpaid rent, or cleaning agreed in the lease."}],
    "non_preferred_output": [{"role": "assistant", "content": "Yes, the landlord can keep it."}],
}

RFT = {
    "messages": [
        {"role": "developer", "content": "Classify the clause."},
        {"role": "user", "content": "The tenant shall pay all repairs, including structural ones."},
    ],
    "compliant": "no",
    "reference_answer": {"label": "unfair", "score": 0.9},
    "explanation": "Structural repairs are the landlord's duty.",
}

PNG_URL = None  # filled lazily (needs a QGuiApplication)


def _png_data_url(tmp_path: Path) -> str:
    import base64

    path = tmp_path / "tiny.png"
    img = QImage(4, 4, QImage.Format.Format_RGB32)
    img.fill(0x3366CC)
    assert img.save(str(path))
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


@pytest.fixture
def editor(qtbot):
    w = ExampleEditorWidget(debounce_ms=0)
    qtbot.addWidget(w)
    w.resize(520, 700)
    w.show()
    return w


def _recorder(editor: ExampleEditorWidget) -> list[tuple[int, dict]]:
    out: list[tuple[int, dict]] = []
    editor.example_edited.connect(lambda i, d: out.append((i, d)))
    return out


async def _settle(n: int = 3) -> None:
    for _ in range(n):
        await asyncio.sleep(0.01)


def test_empty_state(editor, arun):
    editor.set_example(None, Kind.SFT, None)
    assert editor.stack.currentIndex() == 0
    assert editor.conversation is None


def test_sft_tools_round_trip(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(7, Kind.SFT, SFT_TOOLS)
        editor.flush()
        await _settle()
        assert got == []  # no change, no emission
        editor.conversation.cards[4].content_editor.setPlainText("Account 42 holds 1 234,50 EUR.")
        await until(lambda: got, what="emission")
        await _settle()
        expected = copy.deepcopy(SFT_TOOLS)
        expected["messages"][4]["content"] = "Account 42 holds 1 234,50 EUR."
        assert got == [(7, expected)]

    arun(scenario())


def test_dpo_round_trip_and_columns(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(3, Kind.DPO, DPO)
        editor.flush()
        await _settle()
        assert got == []
        dpo = editor.dpo
        assert dpo.preferred.editor.toPlainText().startswith("No. Normal wear")
        # Side by side: same row, equal widths.
        await _settle()
        assert abs(dpo.preferred.width() - dpo.non_preferred.width()) <= 2
        assert dpo.preferred.y() == dpo.non_preferred.y()
        dpo.non_preferred.editor.setPlainText("Yes, always.")
        await until(lambda: got)
        expected = copy.deepcopy(DPO)
        expected["non_preferred_output"][0]["content"] = "Yes, always."
        assert got == [(3, expected)]
        assert [c.msg["role"] for c in editor.conversation.cards] == ["system", "user"]

    arun(scenario())


def test_rft_fields_round_trip(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(5, Kind.RFT, RFT)
        editor.flush()
        await _settle()
        assert got == []
        table = editor.rft.table
        fields = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
        assert fields == {"compliant": "no", "reference_answer": '{"label": "unfair", "score": 0.9}',
                          "explanation": "Structural repairs are the landlord's duty."}
        table.item(1, 1).setText('{"label": "fair", "score": 0.1}')  # JSON stays JSON
        await until(lambda: got)
        expected = copy.deepcopy(RFT)
        expected["reference_answer"] = {"label": "fair", "score": 0.1}
        assert got == [(5, expected)]
        table.item(0, 0).setText("is_compliant")  # rename keeps the value and the place
        await until(lambda: len(got) == 2)
        assert list(got[1][1]) == ["messages", "is_compliant", "reference_answer", "explanation"]
        table.item(0, 0).setText("messages")  # reserved: refused
        assert "reserved" in editor.rft.notice.text()
        assert table.item(0, 0).text() == "is_compliant"
        editor.rft.add_field()
        await until(lambda: len(got) == 3)
        assert got[2][1]["field_1"] == ""

    arun(scenario())


def test_image_example_round_trip_and_thumbnail(editor, arun, tmp_path):
    url = _png_data_url(tmp_path)
    data = {"messages": [
        {"role": "user", "content": [
            {"type": "text", "text": "What is on this form?"},
            {"type": "image_url", "image_url": {"url": url, "detail": "low"}},
            {"type": "image_url", "image_url": {"url": "https://example.com/form.png"}},
        ]},
        {"role": "assistant", "content": "A tax form."},
    ]}

    async def scenario():
        got = _recorder(editor)
        editor.set_example(9, Kind.SFT, data)
        parts = editor.conversation.cards[0].parts
        rows = parts.image_rows
        await until(lambda: not rows[0].thumb.pixmap().isNull(), what="thumbnail")
        assert "PNG image · 4×4 px" in rows[0].info.text()
        assert "example.com/form.png" in rows[1].info.text()  # shown, never fetched
        editor.flush()
        assert got == []
        parts.text_editors[0].setPlainText("What does this form say?")
        await until(lambda: got)
        expected = copy.deepcopy(data)
        expected["messages"][0]["content"][0]["text"] = "What does this form say?"
        assert got == [(9, expected)]

    arun(scenario())


def test_content_edit_emits_once_after_debounce(qtbot, arun):
    editor = ExampleEditorWidget(debounce_ms=80)
    qtbot.addWidget(editor)
    editor.show()

    async def scenario():
        got = _recorder(editor)
        editor.set_example(1, Kind.SFT, {"messages": [{"role": "user", "content": "Hi"}]})
        box = editor.conversation.cards[0].content_editor
        box.setFocus()
        box.moveCursor(box.textCursor().MoveOperation.End)
        QTest.keyClicks(box, " there")
        assert got == []  # not per keystroke
        await until(lambda: got, what="debounced emission")
        await asyncio.sleep(0.15)
        assert got == [(1, {"messages": [{"role": "user", "content": "Hi there"}]})]

    arun(scenario())


def test_focus_out_saves_without_waiting(qtbot, arun):
    editor = ExampleEditorWidget(debounce_ms=60_000)
    qtbot.addWidget(editor)
    editor.show()

    async def scenario():
        got = _recorder(editor)
        editor.set_example(1, Kind.SFT, {"messages": [{"role": "user", "content": "Hi"}]})
        editor.activateWindow()
        await _settle()
        box = editor.conversation.cards[0].content_editor
        box.setFocus()
        await _settle()
        QTest.keyClicks(box, "!")
        assert got == []
        editor.tags.setFocus()  # leaving the field saves at once
        await _settle()
        assert len(got) == 1 and got[0][1]["messages"][0]["content"] in ("Hi!", "!Hi")

    arun(scenario())


def test_weight_toggle_only_on_that_message(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(2, Kind.SFT, SFT_TOOLS)
        cards = editor.conversation.cards
        assert cards[1].weight is None  # users have no weight
        assert cards[4].weight.isVisibleTo(editor) and cards[4].weight.isChecked()
        cards[4].weight.click()
        assert len(got) == 1  # structural: at once
        msgs = got[0][1]["messages"]
        assert msgs[4]["weight"] == 0
        assert [("weight" in m) for m in msgs] == [False] * 4 + [True] + [False] * 3 + [True]  # only there
        assert "off" in cards[4].weight.text()
        cards[4].weight.click()
        assert got[1][1]["messages"][4]["weight"] == 1

    arun(scenario())


def test_tool_call_arguments_json_checked_as_you_type(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(4, Kind.SFT, SFT_TOOLS)
        row = editor.conversation.cards[2].calls.rows[0]
        assert row.id_label.text().endswith("call_1")
        assert row.arguments.error.isHidden()
        row.arguments.editor.setPlainText('{"account": ')
        assert not row.arguments.error.isHidden()  # immediately, not after the debounce
        assert row.arguments.error.text().startswith("Not valid JSON:")
        assert "(line 1, column 13)" in row.arguments.error.text()
        await until(lambda: got)
        # Kept as the raw string: the platform stores text and the validator flags it.
        assert got[-1][1]["messages"][2]["tool_calls"][0]["function"]["arguments"] == '{"account": '
        row.arguments.editor.setPlainText('{"account": "43"}')
        assert row.arguments.error.isHidden()

    arun(scenario())


def test_add_tool_call_and_answer_link(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(4, Kind.SFT, SFT_TOOLS)
        conv = editor.conversation
        conv.cards[2].calls.add_call()
        call = got[-1][1]["messages"][2]["tool_calls"][1]
        assert call["id"] == "call_3" and call["function"]["arguments"] == "{}"
        link = conv.cards[3].link
        assert [link.combo.itemData(i) for i in range(link.combo.count())] == ["call_1", "call_3"]
        link.combo.setCurrentIndex(1)
        assert got[-1][1]["messages"][3]["tool_call_id"] == "call_3"
        # The later tool message also sees the calls of message 7.
        assert conv.cards[7].link.combo.findData("call_2") >= 0
        conv.cards[2].calls.remove_call(1)
        assert len(got[-1][1]["messages"][2]["tool_calls"]) == 1
        conv.cards[7].link.go.click()  # "Go to call" jumps to the call it answers
        assert editor.focusWidget() is conv.cards[6].calls.rows[0].name

    arun(scenario())


def test_tool_definitions_edited_as_json(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(4, Kind.SFT, SFT_TOOLS)
        tools = editor.tools
        assert not tools.body.isVisibleTo(editor)  # collapsed until wanted
        assert "(1)" in tools.toggle.text()
        tools.toggle.click()
        assert tools.body.isVisibleTo(editor)
        row = tools.rows[0]
        row.json.editor.setPlainText('{"name": "get_balance", ')
        assert not row.json.error.isHidden() and "last valid version" in row.json.error.text()
        editor.flush()
        assert got == []  # nothing valid to save yet
        row.json.editor.setPlainText('{"name": "get_balance", "description": "Balance", "parameters": {}}')
        assert row.json.error.isHidden()
        await until(lambda: got)
        assert got[-1][1]["tools"][0] == {"type": "function", "function": {
            "name": "get_balance", "description": "Balance", "parameters": {}}}
        tools.add_tool()
        assert got[-1][1]["tools"][1]["function"]["name"] == "new_tool"
        tools.rows[0].remove.click()
        tools.rows[0].remove.click()
        assert "tools" not in got[-1][1]
        assert "(none)" in tools.toggle.text()

    arun(scenario())


def test_same_example_again_keeps_the_editors(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(4, Kind.SFT, SFT_TOOLS)
        box = editor.conversation.cards[0].content_editor
        box.setPlainText("Be brief.")
        await until(lambda: got)
        # The view saves and echoes the example back with fresh findings: nothing is rebuilt.
        editor.set_example(4, Kind.SFT, got[-1][1], [
            Finding("w", Severity.WARNING, "short", path="$.messages[0].content")])
        assert editor.conversation.cards[0].content_editor is box
        assert editor.conversation.cards[0].content_box.texts() == ["short"]

    arun(scenario())


def test_add_remove_reorder_messages(editor, arun):
    async def scenario():
        got = _recorder(editor)
        editor.set_example(1, Kind.SFT, {"messages": [{"role": "user", "content": "Q"}]})
        editor.conversation.add_message()
        assert got[-1][1]["messages"][-1] == {"role": "assistant", "content": ""}
        QTest.keySequence(editor.conversation.cards[1].content_editor, QKeySequence("Ctrl+Return"))
        await _settle()
        assert got[-1][1]["messages"][-1]["role"] == "user"
        assert len(editor.conversation.cards) == 3
        assert editor.focusWidget() is editor.conversation.cards[2].content_editor
        editor.conversation.cards[1].content_editor.setPlainText("A")
        await until(lambda: got[-1][1]["messages"][1]["content"] == "A")
        editor.conversation.cards[1].up.click()
        assert [m["content"] for m in got[-1][1]["messages"]] == ["A", "Q", ""]
        editor.conversation.cards[0].down.click()
        editor.conversation.cards[2].remove.click()
        assert got[-1][1]["messages"] == [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]
        # Alt+Up while typing moves the message and keeps the cursor in its text.
        text = editor.conversation.cards[1].content_editor
        text.setFocus()
        await _settle()  # new cards are shown (and their shortcuts enabled) by the event loop
        QTest.keySequence(text, QKeySequence("Alt+Up"))
        assert [m["content"] for m in got[-1][1]["messages"]] == ["A", "Q"]
        assert editor.focusWidget() is editor.conversation.cards[0].content_editor
        await _settle()
        QTest.keySequence(editor.focusWidget(), QKeySequence("Alt+Down"))
        assert [m["content"] for m in got[-1][1]["messages"]] == ["Q", "A"]
        # Roles: a change emits at once.
        card = editor.conversation.cards[0]
        card.role.setCurrentIndex(card.role.findData("system"))
        assert got[-1][1]["messages"][0]["role"] == "system"

    arun(scenario())


def test_role_choices_per_kind(editor, arun):
    assert "developer" in role_choices(Kind.SFT) and "system" in role_choices(Kind.SFT)
    assert "system" not in role_choices(Kind.RFT) and "developer" in role_choices(Kind.RFT)
    editor.set_example(5, Kind.RFT, RFT)
    combo = editor.conversation.cards[0].role
    assert [combo.itemData(i) for i in range(combo.count())] == ["developer", "user", "assistant", "tool"]
    # A role the kind does not allow is still shown (not silently changed) and marked.
    editor.set_example(6, Kind.RFT, {"messages": [{"role": "system", "content": "x"}]})
    combo = editor.conversation.cards[0].role
    assert combo.currentData() == "system" and "not allowed" in combo.currentText()


def test_show_findings_places_messages(editor, arun):
    findings = [
        Finding("empty_content", Severity.ERROR, "message 3 is empty.", path="$.messages[2].content"),
        Finding("tool_call_arguments_not_json", Severity.ERROR, "bad args",
                path="$.messages[2].tool_calls[0].function.arguments"),
        Finding("weight_x", Severity.WARNING, "about the weight", path="$.messages[4].weight"),
        Finding("unknown_key", Severity.WARNING, "x_top is unknown", path="$.x_top"),
        Finding("bad_tool_name", Severity.ERROR, "tool name", path="$.tools[0].function.name"),
    ]
    editor.set_example(1, Kind.SFT, SFT_TOOLS, findings)
    cards = editor.conversation.cards
    assert cards[2].content_box.texts() == ["message 3 is empty."]
    assert cards[2].calls.rows[0].box.texts() == ["bad args"]
    assert cards[4].weight_box.texts() == ["about the weight"]
    assert editor.top_box.texts() == ["x_top is unknown"]
    assert editor.tools.rows[0].box.texts() == ["tool name"]
    assert editor.tools.body.isVisibleTo(editor)  # opened to show its finding
    assert not any(c.content_box.texts() for i, c in enumerate(cards) if i != 2)
    editor.show_findings([])
    assert cards[2].content_box.isHidden() and editor.top_box.isHidden()


def test_focus_path(editor, arun):
    async def scenario():
        editor.set_example(1, Kind.SFT, SFT_TOOLS)
        await _settle()
        cards = editor.conversation.cards
        assert editor.focus_path("$.messages[8].content")
        assert editor.focusWidget() is cards[8].content_editor
        assert editor.focus_path("$.messages[2].tool_calls[0].function.arguments")
        assert editor.focusWidget() is cards[2].calls.rows[0].arguments.editor
        assert editor.focus_path("$.tools[0].function.parameters")
        assert editor.focusWidget() is editor.tools.rows[0].json.editor
        assert editor.tools.body.isVisibleTo(editor)
        editor.set_example(2, Kind.RFT, RFT)
        assert editor.focus_path("$.explanation")
        assert editor.focusWidget() is editor.rft.table and editor.rft.table.currentRow() == 2
        editor.set_example(3, Kind.DPO, DPO)
        assert editor.focus_path("$.preferred_output[0].content")
        assert editor.focusWidget() is editor.dpo.preferred.editor

    arun(scenario())


def test_image_from_file_and_too_large(editor, arun, tmp_path):
    png = tmp_path / "scan.png"
    img = QImage(4, 4, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.red)
    assert img.save(str(png))
    big = tmp_path / "huge.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024))

    async def scenario():
        got = _recorder(editor)
        editor.set_example(1, Kind.SFT, {"messages": [{"role": "user", "content": "Read this"}]})
        card = editor.conversation.cards[0]
        assert card.add_file.isVisibleTo(editor)
        await card.add_image_file(str(png))
        content = got[-1][1]["messages"][0]["content"]
        assert content[0] == {"type": "text", "text": "Read this"}
        assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")
        row = card.parts.image_rows[0]
        await until(lambda: not row.thumb.pixmap().isNull(), what="thumbnail")
        n = len(got)
        await card.add_image_file(str(big))
        assert "at most 10 MB" in card.image_notice.text()
        assert len(got) == n
        assert not card.add_image_url("ftp://x")
        assert card.add_image_url("https://example.com/a.jpg")
        assert got[-1][1]["messages"][0]["content"][2]["image_url"]["url"] == "https://example.com/a.jpg"
        card.parts.image_rows[0].remove.click()
        assert len(got[-1][1]["messages"][0]["content"]) == 2

    arun(scenario())


def test_tags_and_note(editor, arun):
    async def scenario():
        tags, notes = [], []
        editor.tags_edited.connect(lambda i, t: tags.append((i, t)))
        editor.note_edited.connect(lambda i, n: notes.append((i, n)))
        editor.set_example(4, Kind.SFT, {"messages": []}, tags=["a"], note="")
        editor.tags.setText("a, hard case, ,a")
        editor.tags.editingFinished.emit()
        assert tags == [(4, ["a", "hard case"])]
        editor.note.setPlainText("check with legal")
        await until(lambda: notes)
        assert notes == [(4, "check with legal")]

    arun(scenario())


def _next_tab(w):
    """The next widget Tab reaches from ``w`` (hidden widgets are skipped, as Qt does)."""
    n = w.nextInFocusChain()
    while not (n.isVisibleTo(n.window()) and n.focusPolicy() & Qt.FocusPolicy.TabFocus and n.isEnabled()):
        n = n.nextInFocusChain()
    return n


def test_tab_order_follows_visual_order(editor, arun):
    async def scenario():
        editor.set_example(1, Kind.SFT, SFT_TOOLS)
        await _settle()
        cards = editor.conversation.cards
        card = cards[2]
        assert _next_tab(card.role) is card.up
        assert _next_tab(card.remove) is card.content_editor
        row = card.calls.rows[0]
        assert _next_tab(card.content_editor) is row.remove
        assert _next_tab(row.name) is row.arguments.editor
        assert _next_tab(row.arguments.editor) is card.calls.add_button
        assert _next_tab(card.calls.add_button) is card.weight
        assert _next_tab(card.weight) is cards[3].role
        assert _next_tab(cards[3].remove) is cards[3].link.combo
        # After a rebuild (a new tool call), the new widgets sit where they are shown, not at the end.
        card.calls.add_call()
        await _settle()
        row, new = card.calls.rows
        assert _next_tab(row.arguments.editor) is new.remove
        assert _next_tab(new.arguments.editor) is card.calls.add_button
        assert _next_tab(cards[-1].weight) is editor.conversation.add_button
        assert _next_tab(editor.conversation.add_button) is editor.tools.toggle

    arun(scenario())


def test_long_conversation_is_built_in_batches(editor, arun):
    msgs = [{"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i}"} for i in range(60)]

    async def scenario():
        got = _recorder(editor)
        editor.set_example(1, Kind.SFT, {"messages": msgs},
                           [Finding("x", Severity.WARNING, "late", path="$.messages[50].content")])
        assert 0 < len(editor.conversation.cards) < 60  # the first cards show at once
        await until(lambda: len(editor.conversation.cards) == 60, what="all cards")
        await _settle()
        assert editor.conversation.cards[50].content_box.texts() == ["late"]  # placed when built
        editor.set_example(2, Kind.SFT, {"messages": msgs})
        assert editor.focus_path("$.messages[59].content")  # a jump builds the rest first
        assert editor.focusWidget() is editor.conversation.cards[59].content_editor
        editor.add_message()
        assert len(got[-1][1]["messages"]) == 61 and len(editor.conversation.cards) == 61

    arun(scenario())


def test_screenshots(editor, arun):
    async def scenario():
        editor.set_example(1, Kind.SFT, SFT_TOOLS, [
            Finding("trailing", Severity.WARNING, "the weight is explicit", path="$.messages[8].weight")])
        await _settle(10)
        editor.grab().save("/tmp/editor_tools.png")
        editor.focus_path("$.messages[8].content")
        await _settle(10)
        editor.grab().save("/tmp/editor_tools_end.png")
        editor.set_example(2, Kind.DPO, DPO)
        await _settle(10)
        editor.grab().save("/tmp/editor_dpo.png")
        editor.set_example(3, Kind.RFT, RFT)
        await _settle(10)
        editor.grab().save("/tmp/editor_rft.png")

    arun(scenario())
