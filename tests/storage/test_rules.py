"""A rule that cannot be used (a pattern that does not compile, from an old version, a hand
edit or another regex engine) never stops tracking: it is left out, with a warning, and stays
visible so the person can fix or remove it."""

import dataclasses
import logging

import pytest

from wellbeing_app.app import build_classifier, load_catalog
from wellbeing_app.core.classifier import RuleError, UserRule
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository


def _store_unchecked(repos: Repositories, name: str, title_pattern: str) -> int:
    with repos.db.atomic():
        cursor = repos.db.execute(
            "INSERT INTO user_rules (position, name, category, app_pattern, title_pattern,"
            " enabled, always_active, counted) VALUES (1, ?, 'forum', '', ?, 1, 0, 1)",
            (name, title_pattern),
        )
    return int(cursor.lastrowid or 0)


def test_a_stored_rule_that_does_not_compile_is_left_out_with_a_warning(
    repos: Repositories, caplog: pytest.LogCaptureFixture
) -> None:
    rules = RuleRepository(repos.db)
    good = rules.add(UserRule(name="Chess club", category="forum", title_pattern="lichess"))
    bad_id = _store_unchecked(repos, "Broken", "[(")
    with caplog.at_level(logging.WARNING):
        classifier = build_classifier(repos, load_catalog())  # used to raise RuleError
    assert classifier.classify("firefox", "lichess.org • Free Online Chess") is not None
    assert any(
        f"Rule {bad_id} " in r.getMessage() and "is not used" in r.getMessage()
        for r in caplog.records
    )
    assert not any("Broken" in r.getMessage() for r in caplog.records)  # the person's words

    listed = {rule.id: rule for rule in rules.all()}
    assert listed[good.id] == good
    assert listed[bad_id].enabled is False  # shown, but not used
    assert rules.get(bad_id).enabled is True  # as stored
    assert rules.get(bad_id).title_pattern == "[("


def test_a_stored_bad_rule_can_be_fixed_or_removed(repos: Repositories) -> None:
    rules = RuleRepository(repos.db)
    bad_id = _store_unchecked(repos, "Broken", "[(")
    with pytest.raises(RuleError, match="invalid title pattern"):
        rules.update(dataclasses.replace(rules.get(bad_id), name="Still broken"))
    fixed = rules.update(dataclasses.replace(rules.get(bad_id), title_pattern=r"\[\("))
    assert fixed.enabled is True
    assert rules.all() == [fixed]
    rules.remove(bad_id)
    assert rules.all() == []
