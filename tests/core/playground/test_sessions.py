"""The Playground session document (pure) and its storage in a real project file."""

from __future__ import annotations

import dataclasses
import random

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models.chat import ChatParams, ChatStats
from app.services.playground_session import Answer, PaneConfig, PlaygroundSession, Turn
from app.store import playground_repo as repo
from tests.core.datasets.conftest import read


def write(proj, fn, *args):
    return proj.db.submit_write(fn, *args).result()


def two_panes(**kwargs) -> PlaygroundSession:
    return PlaygroundSession(
        panes=[PaneConfig("p1", "gpt-4o-mini"), PaneConfig("p1", "ft:gpt-4o-mini:acme::abc")], **kwargs
    )


# --- strategies -----------------------------------------------------------------------------------

text = st.text(max_size=20)
finite = st.floats(allow_nan=False, allow_infinity=False, width=32)
params = st.builds(
    ChatParams,
    temperature=st.none() | st.floats(0, 2),
    top_p=st.none() | st.floats(0, 1),
    max_completion_tokens=st.none() | st.integers(1, 10_000),
    seed=st.none() | st.integers(-(2**31), 2**31),
    reasoning_effort=st.none() | st.sampled_from(["low", "medium", "high"]),
)
stats = st.builds(
    ChatStats,
    first_token_s=st.none() | finite,
    total_s=st.none() | finite,
    prompt_tokens=st.none() | st.integers(0, 10**6),
    completion_tokens=st.none() | st.integers(0, 10**6),
    tokens_estimated=st.booleans(),
    cost_usd=st.none() | finite,
    finish_reason=st.none() | text,
)
answers = st.none() | st.builds(Answer, text=text, stats=stats, error=st.none() | text, stopped=st.booleans())
panes = st.builds(PaneConfig, profile_id=text, model=text, base_model=st.none() | text.filter(bool), params=params)


@st.composite
def sessions(draw) -> PlaygroundSession:
    pane_list = draw(st.lists(panes, max_size=4))
    n = len(pane_list)
    turns = draw(st.lists(st.builds(Turn, user=text, answers=st.lists(answers, min_size=n, max_size=n)), max_size=4))
    order = draw(st.permutations(range(n))) if n and draw(st.booleans()) else []
    return PlaygroundSession(
        id=draw(st.none() | st.integers(1, 1000)),
        title=draw(text),
        system=draw(text),
        panes=pane_list,
        turns=turns,
        shared_params=draw(st.booleans()),
        params=draw(params),
        blind=draw(st.booleans()),
        order=list(order),
        revealed=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_state_round_trip(session):
    state = session.to_state()
    # Through JSON too, as the project stores it.
    stored = orjson.loads(orjson.dumps(state))
    assert PlaygroundSession.from_state(session.id, session.title, stored) == session


# --- from_state tolerance ---------------------------------------------------------------------------


def test_from_state_tolerates_missing_and_unknown_keys():
    s = PlaygroundSession.from_state(3, "t", {})
    assert s == PlaygroundSession(id=3, title="t")
    s = PlaygroundSession.from_state(None, "", None)  # type: ignore[arg-type]
    assert s.panes == [] and s.turns == [] and s.shared_params
    newer = {
        "version": 99,
        "future": {"x": 1},
        "panes": [{"model": "gpt-4o", "colour": "red"}, "broken", {"profile_id": "p", "model": "o3-mini"}],
        "turns": [
            {"user": "hi", "answers": [{"text": "a0", "latency": 3}, {"text": "lost"}, None]},
            {"user": "more"},  # no answers at all (older document)
            "junk",
        ],
        "order": [2, 0, 1],  # no longer a permutation of the two kept panes
        "params": {"temperature": 0.5, "frequency_penalty": 1},
    }
    s = PlaygroundSession.from_state(1, "x", newer)
    assert [p.model for p in s.panes] == ["gpt-4o", "o3-mini"]
    assert s.panes[0].profile_id == "" and s.panes[1].profile_id == "p"
    assert len(s.turns) == 2
    assert [a.text if a else None for a in s.turns[0].answers] == ["a0", None]  # the broken pane's answer went
    assert s.turns[1].answers == [None, None]
    assert s.order == [] and s.display_order() == [0, 1]
    assert s.params == ChatParams(temperature=0.5)


def test_from_state_repairs_bad_order_and_answers():
    s = PlaygroundSession.from_state(None, "", {"panes": [{"model": "a"}, {"model": "b"}], "order": ["x", 1]})
    assert s.order == []
    s = PlaygroundSession.from_state(
        None, "", {"panes": [{"model": "a"}], "turns": [{"user": 5, "answers": [{"stats": [1], "error": 7}]}]}
    )
    assert s.turns[0].user == "" and s.turns[0].answers[0] == Answer()


# --- messages_for -------------------------------------------------------------------------------------


def test_messages_for_uses_each_panes_own_answers():
    s = two_panes(system="Be brief.")
    s.add_turn("Q1")
    s.set_answer(0, 0, Answer("A1 from base"))
    s.set_answer(0, 1, Answer("A1 from tuned"))
    s.add_turn("Q2")
    assert s.messages_for(0) == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "A1 from base"},
        {"role": "user", "content": "Q2"},
    ]
    assert s.messages_for(1)[2] == {"role": "assistant", "content": "A1 from tuned"}
    # An earlier turn, asked for explicitly.
    assert s.messages_for(1, 0) == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Q1"}]


def test_messages_for_leaves_out_blank_system_and_unanswered_turns():
    s = two_panes(system="   ")
    s.add_turn("Q1")
    s.set_answer(0, 0, Answer("partial", error="The connection dropped."))  # failed: skipped
    s.set_answer(0, 1, Answer("half an answer", stopped=True))  # stopped with text: kept
    s.add_turn("Q2")
    s.set_answer(1, 0, Answer("A2"))
    # pane 1 never answered Q2 (None)
    s.add_turn("Q3")
    s.set_answer(2, 0, Answer("", stopped=True))  # stopped before any text: skipped
    s.add_turn("Q4")
    assert s.messages_for(0) == [
        {"role": "user", "content": "Q2"},
        {"role": "assistant", "content": "A2"},
        {"role": "user", "content": "Q4"},
    ]
    assert s.messages_for(1) == [
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "half an answer"},
        {"role": "user", "content": "Q4"},
    ]


def test_messages_for_bounds():
    s = two_panes(system="S")
    assert s.messages_for(0) == [{"role": "system", "content": "S"}]  # no turn yet
    with pytest.raises(IndexError):
        s.messages_for(2)
    s.add_turn("Q")
    with pytest.raises(IndexError):
        s.messages_for(0, 1)


# --- panes, params, blind mode, title ----------------------------------------------------------------


def test_params_for_shared_or_own():
    s = two_panes(params=ChatParams(temperature=0.2))
    s.panes[1].params = ChatParams(temperature=1.5)
    assert s.params_for(1) == ChatParams(temperature=0.2)
    s.shared_params = False
    assert s.params_for(0) == ChatParams() and s.params_for(1) == ChatParams(temperature=1.5)


def test_add_and_remove_pane_keep_answers_aligned():
    s = two_panes()
    s.add_turn("Q1")
    s.set_answer(0, 0, Answer("base"))
    s.set_answer(0, 1, Answer("tuned"))
    s.order = [1, 0]
    index = s.add_pane(PaneConfig("p2", "ckpt"))
    assert index == 2 and s.turns[0].answers[2] is None and s.order == [1, 0, 2]
    s.set_answer(0, 2, Answer("checkpoint"))
    s.remove_pane(0)
    assert [p.model for p in s.panes] == ["ft:gpt-4o-mini:acme::abc", "ckpt"]
    assert [a.text for a in s.turns[0].answers] == ["tuned", "checkpoint"]
    assert s.order == [0, 1]
    assert s.messages_for(1, 0) == [{"role": "user", "content": "Q1"}]
    with pytest.raises(IndexError):
        s.remove_pane(5)


def test_shuffle_keeps_every_pane_once():
    rng = random.Random(7)
    s = PlaygroundSession(panes=[PaneConfig("p", f"m{i}") for i in range(4)], blind=True, revealed=True)
    seen = set()
    for _ in range(30):
        s.shuffle(rng)
        assert sorted(s.order) == [0, 1, 2, 3] and s.display_order() == s.order
        assert not s.revealed and s.hidden
        seen.add(tuple(s.order))
    assert len(seen) > 5  # really random, not one fixed order


def test_auto_title():
    s = two_panes()
    assert s.auto_title() == ""
    s.add_turn("  Can the landlord\nkeep the deposit?  ")
    assert s.auto_title() == "Can the landlord keep the deposit?"
    s.turns[0].user = "word " * 30
    title = s.auto_title()
    assert title.endswith("…") and len(title) <= 61 and "  " not in title


# --- storage ---------------------------------------------------------------------------------------------


def test_save_load_list_rename_delete(project):
    s = two_panes(system="Be brief.")
    s.add_turn("Q1")
    s.set_answer(0, 0, Answer("A", stats=ChatStats(first_token_s=0.25, prompt_tokens=12)))
    first = write(project, repo.save_session, None, "Lease", s.to_state())
    second = write(
        project, repo.save_session, None, "Other", PlaygroundSession(panes=[PaneConfig("p", "o3")]).to_state()
    )
    title, state = read(project, repo.load_session, first)
    assert title == "Lease"
    assert PlaygroundSession.from_state(first, title, state) == dataclasses.replace(s, id=first, title="Lease")
    assert [x.id for x in read(project, repo.list_sessions)] == [second, first]

    # Updating moves it to the top and keeps its id.
    s.add_turn("Q2")
    assert write(project, repo.save_session, first, "Lease", s.to_state()) == first
    listed = read(project, repo.list_sessions)
    assert [x.id for x in listed] == [first, second]
    assert listed[0].models == ["gpt-4o-mini", "ft:gpt-4o-mini:acme::abc"] and listed[0].title == "Lease"
    assert len(read(project, repo.load_session, first)[1]["turns"]) == 2

    write(project, repo.rename_session, second, "Renamed")
    assert read(project, repo.load_session, second)[0] == "Renamed"
    with pytest.raises(LookupError):
        write(project, repo.rename_session, 999, "x")

    write(project, repo.delete_session, second)
    assert read(project, repo.load_session, second) is None
    # Saving a session deleted meanwhile stores it again as a new row (the caller keeps the id returned).
    write(project, repo.delete_session, first)
    assert read(project, repo.list_sessions) == []
    again = write(project, repo.save_session, first, "Lease", s.to_state())
    assert [x.id for x in read(project, repo.list_sessions)] == [again]
    assert read(project, repo.load_session, again)[0] == "Lease"


def test_damaged_state_loads_empty(project):
    def damage(db):
        db.conn.execute(
            "INSERT INTO playground_sessions (id, title, state, created_at, updated_at)"
            " VALUES (5, 't', '{oops', '', '')"
        )

    write(project, damage)
    assert read(project, repo.load_session, 5) == ("t", {})
    assert read(project, repo.list_sessions)[0].models == []
