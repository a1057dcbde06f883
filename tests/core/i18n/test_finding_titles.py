"""Every kind of finding the checks can report has a plain title, in English and Portuguese (the
Validation panel groups findings under it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app import i18n
from app.formats.finding_titles import TITLES, finding_title

FORMATS = Path(__file__).resolve().parents[3] / "app" / "formats"


# Read in a fresh interpreter: CPython 3.11.7 can fail ast.parse with "AST constructor recursion depth
# mismatch" after another test in the same process hit a RecursionError (python/cpython#106905).
SCAN = r"""
import ast, json, re, sys
from pathlib import Path

constants, codes = {}, set()
trees = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).glob("*.py"))]
for tree in trees:
    for n in ast.walk(tree):
        if (isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
                and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)):
            constants[n.targets[0].id] = n.value.value
for tree in trees:
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and n.args:
            name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
            if name in ("error", "warning", "add", "Finding", "_record"):
                a = n.args[0]
                value = a.value if isinstance(a, ast.Constant) else constants.get(getattr(a, "id", ""))
                if isinstance(value, str) and re.fullmatch(r"[a-z]+(_[a-z]+)+", value):
                    codes.add(value)
print(json.dumps(sorted(codes)))
"""


def emitted_codes() -> set[str]:
    """The codes the readers and validators pass when they record a finding (read from the source)."""
    out = subprocess.run([sys.executable, "-c", SCAN, str(FORMATS)], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_every_finding_code_has_a_title():
    codes = emitted_codes()
    assert len(codes) > 50 and {"no_assistant_message", "duplicate_example", "too_few_examples"} <= codes
    assert not codes - set(TITLES), f"add a title to app/formats/finding_titles.py: {sorted(codes - set(TITLES))}"


def test_titles_in_portuguese_and_a_code_from_a_newer_version():
    try:
        i18n.setup("pt_BR")
        assert finding_title("no_assistant_message") == "Sem resposta do assistente"
        assert finding_title("duplicate_example") == "Exemplo duplicado"
        assert all(finding_title(code) != title for code, title in TITLES.items()), "untranslated titles"
    finally:
        i18n.setup("en")
    assert finding_title("too_few_examples") == "Too few examples"
    assert finding_title("some_future_check") == "Some future check"
