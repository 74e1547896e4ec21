"""The person's own classification rules, and which catalog apps they count."""

from __future__ import annotations

import dataclasses
import logging

from wellbeing_app.core.classifier import UserRule, validate_rule
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.storage.db import Db

logger = logging.getLogger(__name__)

_COLUMNS = "id, name, category, app_pattern, title_pattern, enabled, always_active, counted"


class RuleRepository:
    def __init__(self, db: Db) -> None:
        self._db = db

    def all(self) -> list[UserRule]:
        """The rules in priority order, as the classifier and the rule lists use them.

        An enabled rule that cannot be used (a pattern the regex engine refuses, stored by an
        older version or by hand) comes back disabled, with a warning: one bad rule must not
        stop tracking, and the person still sees it, to fix or remove it. ``get`` returns a
        rule as stored, and ``stored`` all of them.
        """
        return [self._usable(rule) for rule in self.stored()]

    @staticmethod
    def _usable(rule: UserRule) -> UserRule:
        if not rule.enabled:
            return rule
        try:
            validate_rule(rule)
        except InvalidInput:
            # Its name and patterns are the person's words: the log gets the number only.
            logger.warning("Rule %s cannot be used; it is not used until it is fixed.", rule.id)
            return dataclasses.replace(rule, enabled=False)
        return rule

    def stored(self) -> list[UserRule]:
        """The rules in priority order exactly as stored, usable or not."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM user_rules ORDER BY position, id"
        ).fetchall()
        return [
            UserRule(
                name=name,
                category=category,
                app_pattern=app,
                title_pattern=title,
                enabled=bool(enabled),
                always_active=bool(always),
                counted=bool(counted),
                id=rid,
            )
            for rid, name, category, app, title, enabled, always, counted in rows
        ]

    def add(self, rule: UserRule) -> UserRule:
        validate_rule(rule)
        with self._db.atomic():
            position = self._db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM user_rules"
            ).fetchone()[0]
            cursor = self._db.execute(
                "INSERT INTO user_rules (position, name, category, app_pattern, title_pattern,"
                " enabled, always_active, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    position,
                    rule.name,
                    rule.category,
                    rule.app_pattern,
                    rule.title_pattern,
                    int(rule.enabled),
                    int(rule.always_active),
                    int(rule.counted),
                ),
            )
        return self.get(int(cursor.lastrowid or 0))

    def get(self, rule_id: int) -> UserRule:
        """The rule numbered ``rule_id`` as stored (see ``all``)."""
        for rule in self.stored():
            if rule.id == rule_id:
                return rule
        raise InvalidInput(f"There is no rule number {rule_id}.")

    def update(self, rule: UserRule) -> UserRule:
        if rule.id is None:
            raise InvalidInput("Only a saved rule can be changed.")
        self.get(rule.id)
        validate_rule(rule)
        with self._db.atomic():
            self._db.execute(
                "UPDATE user_rules SET name = ?, category = ?, app_pattern = ?, title_pattern = ?,"
                " enabled = ?, always_active = ?, counted = ? WHERE id = ?",
                (
                    rule.name,
                    rule.category,
                    rule.app_pattern,
                    rule.title_pattern,
                    int(rule.enabled),
                    int(rule.always_active),
                    int(rule.counted),
                    rule.id,
                ),
            )
        return self.get(rule.id)

    def remove(self, rule_id: int) -> None:
        self.get(rule_id)
        with self._db.atomic():
            self._db.execute("DELETE FROM user_rules WHERE id = ?", (rule_id,))

    def uncounted_apps(self) -> set[str]:
        """Catalog apps the person said not to count."""
        return {
            app
            for (app,) in self._db.execute(
                "SELECT app FROM community_app_choices WHERE counted = 0"
            )
        }

    def set_counted(self, app: str, counted: bool) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO community_app_choices (app, counted) VALUES (?, ?)",
                (app, int(counted)),
            )
