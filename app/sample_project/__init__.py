"""The sample project's content, written by us in English and Brazilian Portuguese (data files only).

Lumen Agenda is a made-up online booking app for small clinics, salons and studios; the files teach
its support assistant. Per language (``en``, ``pt_BR``):

* ``sft_support_<lang>.jsonl``: 20 support conversations (SFT), some with two turns;
* ``dpo_<lang>.jsonl``: 10 questions, each with a better and a worse answer (DPO); the sample
  project also puts them in an annotation queue to judge blind;
* ``rft_<lang>.jsonl``: 12 customer messages to sort into a category (RFT), the right category in
  ``reference_answer``;
* ``grader_<lang>.json``: a multi grader (exact match + fuzzy match) that reads ``reference_answer``.

:mod:`app.services.sample_project` turns them into a project.
"""
