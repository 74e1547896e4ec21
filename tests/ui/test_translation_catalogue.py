"""What lupdate can extract: it reads only literal contexts, and only the files it is given.

A context held in a variable (``QT_TRANSLATE_NOOP(_CONTEXT, "Mood")``) runs and even passes the
pseudo-translation (which ignores the catalogue), yet the string never reaches the template, so
no language can ever translate it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.ui.test_translation import (  # noqa: F401  (pseudo_translated is a fixture)
    PSEUDO_OPEN,
    TEMPLATE,
    RecordingPseudoTranslator,
    _sources,
    pseudo_translated,
)
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import Repositories

PACKAGE = Path(__file__).resolve().parents[2] / "wellbeing_app"
# Helpers that pass a context on (the call sites they serve use literals or the core catalogue).
PASSES_CONTEXT_ON = {"i18n.py"}


def _context_calls(tree: ast.AST) -> list[ast.Call]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("QT_TRANSLATE_NOOP", "translate"):
            found.append(node)
    return found


def test_every_translation_context_is_written_out() -> None:
    variable = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in PASSES_CONTEXT_ON:
            continue
        for call in _context_calls(ast.parse(path.read_text(encoding="utf-8"))):
            context = call.args[0]
            literal = isinstance(context, ast.Constant) and isinstance(context.value, str)
            # translate(CONTEXT, key) of a key marked elsewhere with a literal context is fine
            # only when the text is not a literal either (nothing for lupdate to find here).
            text_literal = len(call.args) > 1 and isinstance(call.args[1], ast.Constant)
            if not literal and text_literal:
                variable.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert not variable, f"contexts lupdate cannot read: {variable}"


def test_the_template_holds_the_app_the_reminders_and_the_split_pages() -> None:
    sources = _sources(TEMPLATE)
    assert "When in the week" in sources["InsightsPage"]
    assert "Summary and coverage" in sources["ReportOptionsPanel"]
    assert "exact times" in sources["ReportPreview"]
    assert any("%n" in text for text in sources["DesktopApp"])
    assert sources["ReminderService"]


def test_the_template_script_reads_every_file_with_translated_text() -> None:
    script = (PACKAGE.parent / "packaging" / "update-translations.sh").read_text(encoding="utf-8")
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        if relative.startswith("wellbeing_app/ui/") or path.name in PASSES_CONTEXT_ON:
            continue
        calls = _context_calls(ast.parse(path.read_text(encoding="utf-8")))
        texts = [c for c in calls if len(c.args) > 1 and isinstance(c.args[1], ast.Constant)]
        if any(isinstance(c.args[1].value, str) for c in texts) and relative not in script:
            missing.append(relative)
    assert not missing, f"update-translations.sh does not read {missing}"


def test_the_gratitude_prompt_is_translated_and_listed(
    repos: Repositories,
    clock: FixedClock,
    pseudo_translated: RecordingPseudoTranslator,  # noqa: F811
) -> None:
    from wellbeing_app.desktop import gratitude_texts

    prompt, _ = gratitude_texts(repos, clock, clock.now().date())
    assert prompt.startswith(PSEUDO_OPEN)  # the fixture checks it is in the catalogue too
