"""The person's own classification rules, and which catalog apps they count."""

from __future__ import annotations

import sqlite_utils

from wellbeing_app.core.classifier import UserRule, validate_rule
from wellbeing_app.core.errors import InvalidInput

_COLUMNS = "id, name, category, app_pattern, title_pattern, enabled, always_active, counted"


class RuleRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def all(self) -> list[UserRule]:
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
        for rule in self.all():
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
