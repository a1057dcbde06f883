"""The sample project in both languages: clean data, a grader that fits its RFT data, a queue to judge."""

from __future__ import annotations

import json

import pytest

from app.formats.model import Kind, Severity
from app.formats.validate import validate_example
from app.graders.local import score_locally
from app.graders.structure import structure_problems
from app.graders.templates import check_against_examples
from app.services.datasets import dataset_totals
from app.services.projects import open_project_sync
from app.services.sample_project import (
    NAMES,
    create_sample_project,
    load_grader,
    sample_comparisons,
    sample_file,
    sample_language,
    sample_project_path,
)
from app.store import annotation_repo, datasets_repo, graders_repo

LANGS = ["en", "pt_BR"]
FILES = {"sft_support": Kind.SFT, "dpo": Kind.DPO, "rft": Kind.RFT}


def lines(part: str, lang: str) -> list[dict]:
    return [json.loads(t) for t in sample_file(part, lang).read_text(encoding="utf-8").splitlines() if t.strip()]


def test_languages_map_to_the_two_we_write():
    assert [sample_language(t) for t in ("pt-BR", "pt_BR.UTF-8", "pt", "en_US", "fr_FR", "", None)] == [
        "pt_BR", "pt_BR", "pt_BR", "en", "en", "en", "en",
    ]
    assert sample_project_path("/d", "pt").name == "Projeto de exemplo.ftproj"


@pytest.mark.parametrize("lang", LANGS)
def test_every_example_of_every_file_is_valid(lang):
    counts = {}
    for part, kind in FILES.items():
        objs = lines(part, lang)
        counts[part] = len(objs)
        for n, obj in enumerate(objs, 1):
            errors = [f for f in validate_example(obj, kind, line=n) if f.severity is Severity.ERROR]
            assert not errors, (part, lang, n, errors)
    assert counts == {"sft_support": 20, "dpo": 10, "rft": 12}
    # Written for the language, not left in the other one.
    pt_words = ("você", "não", "está")
    text = " ".join(sample_file(p, lang).read_text(encoding="utf-8") for p in FILES)
    assert any(w in text for w in pt_words) == (lang == "pt_BR")


def test_both_languages_tell_the_same_story():
    for part in FILES:
        en, pt = lines(part, "en"), lines(part, "pt_BR")
        assert len(en) == len(pt)
    en_refs = [o["reference_answer"] for o in lines("rft", "en")]
    pt_refs = [o["reference_answer"] for o in lines("rft", "pt_BR")]
    to_pt = dict(zip(en_refs, pt_refs, strict=True))
    assert len(set(en_refs)) == 5 and len(to_pt) == 5  # the same category in the same place
    assert [to_pt[r] for r in en_refs] == pt_refs


@pytest.mark.parametrize("lang", LANGS)
def test_the_grader_is_sound_and_reads_fields_the_rft_data_has(lang):
    grader = load_grader(lang)
    assert structure_problems(grader) == []
    missing, findings = check_against_examples(grader, enumerate(lines("rft", lang), 1))
    assert missing == [] and findings == []
    categories = {o["reference_answer"] for o in lines("rft", lang)}
    for obj in lines("rft", lang):  # the instruction names every category the grader expects
        assert all(c in obj["messages"][0]["content"] for c in categories)
    item = lines("rft", lang)[0]  # and it rewards the right one, a near miss a little, a wrong one not
    right, near = item["reference_answer"], item["reference_answer"].capitalize() + "."
    wrong = next(c for c in sorted(categories) if c != right)
    scores = [score_locally(grader, item, answer).score for answer in (right, near, wrong)]
    assert scores[0] == pytest.approx(1.0) and 0 <= scores[2] < scores[1] < 0.8


@pytest.mark.parametrize("lang", LANGS)
def test_sample_project_holds_datasets_queue_and_grader(tmp_path, lang):
    path = create_sample_project(tmp_path / "data" / NAMES[lang].file_name, lang)
    assert path.exists() and not list(path.parent.glob(".*partial*"))
    names = NAMES[lang]
    again = create_sample_project(path, lang)  # idempotent: nothing added twice
    assert again == path
    project = open_project_sync(path)
    try:
        db = project.db
        assert project.name == names.project
        datasets = {d.name: d for d in db.submit_read(datasets_repo.list_datasets).result()}
        assert {n: (d.kind, d.examples, d.errors) for n, d in datasets.items()} == {
            names.sft: (Kind.SFT, 20, 0), names.dpo: (Kind.DPO, 10, 0), names.rft: (Kind.RFT, 12, 0),
        }
        for d in datasets.values():
            findings, stats = db.submit_read(dataset_totals, d.id).result()
            assert not [f for f in findings if f.severity is Severity.ERROR], findings
            assert stats.examples == d.examples

        queues = db.submit_read(annotation_repo.list_queues).result()
        assert [(q.name, q.items, q.judged) for q in queues] == [(names.queue, 10, 0)]
        ids = db.submit_read(annotation_repo.queue_items, queues[0].id).result()
        comparisons = [db.submit_read(annotation_repo.comparison, i).result() for i in ids]
        expected = sample_comparisons(lang)
        for comp, (context, candidates) in zip(comparisons, expected, strict=True):
            assert comp.context == context and comp.context[-1]["role"] == "user"
            assert [c.model for c in comp.candidates] == list(names.models)
            assert [c.content for c in comp.candidates] == [c.content for c in candidates]
            assert all(c.content["role"] == "assistant" for c in comp.candidates)
        # The better answer is not always behind the same label.
        dpo = lines("dpo", lang)
        better_first = [c.candidates[0].content == p["preferred_output"][0]
                        for c, p in zip(comparisons, dpo, strict=True)]
        assert any(better_first) and not all(better_first)

        stored = db.submit_read(graders_repo.list_graders).result()
        assert [(g.name, g.grader) for g in stored] == [(names.grader, load_grader(lang))]
        rft_id = datasets[names.rft].id
        missing, _ = db.submit_read(
            lambda conn: check_against_examples(stored[0].grader, graders_repo.example_items(conn, rft_id))
        ).result()
        assert missing == []
    finally:
        project._close_sync()


def test_an_existing_project_only_gets_what_it_lacks(tmp_path):
    path = create_sample_project(tmp_path / "s.ftproj", "en")
    project = open_project_sync(path)
    try:
        dpo_id = next(d.id for d in project.db.submit_read(datasets_repo.list_datasets).result() if d.kind is Kind.DPO)
        project.db.submit_write(lambda db: db.conn.execute("DELETE FROM datasets WHERE id = ?", (dpo_id,))).result()
    finally:
        project._close_sync()
    create_sample_project(path, "en")
    project = open_project_sync(path)
    try:
        kinds = sorted(str(d.kind) for d in project.db.submit_read(datasets_repo.list_datasets).result())
        assert kinds == ["dpo", "rft", "sft"]
        assert len(project.db.submit_read(annotation_repo.list_queues).result()) == 1
        assert len(project.db.submit_read(graders_repo.list_graders).result()) == 1
    finally:
        project._close_sync()
