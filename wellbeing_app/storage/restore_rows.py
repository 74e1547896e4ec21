"""What a restored row must be before it goes in: the types SQLite stores, the values the app
relies on when it reads them back, and the app's own rules for settings, user rules, limits and
activities.

Every check here is one the app makes at its other doors (``core.settings.decode`` for a setting,
``core.classifier.validate_rule`` for a rule, ``core.limits.new_limit`` for a limit,
``core.activities.new_custom_activity`` for an activity, ``core.days`` for dates), so a restored
folder holds nothing the app could not have written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

import sqlite_utils

from wellbeing_app.core.activities import CATEGORIES as ACTIVITY_CATEGORIES
from wellbeing_app.core.activities import new_custom_activity
from wellbeing_app.core.classifier import UserRule, validate_rule
from wellbeing_app.core.days import check_supported_day, check_supported_timestamp
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import new_limit
from wellbeing_app.core.models import BreakKind, BreakOutcome
from wellbeing_app.core.settings import SPECS_BY_NAME, decode
from wellbeing_app.storage.export import TableSpec, TimeColumn

# The range of an SQLite INTEGER; a bigger Python int cannot be bound at all.
_SMALLEST = -(2**63)
_LARGEST = 2**63 - 1


class Problem(Exception):
    """A bad value; the caller adds where it is."""


def _sentence(error: InvalidInput) -> str:
    """The app's own message, to go inside the restore's sentence."""
    return str(error).rstrip(".")


# ------------------------------------------------------------------------------ value checks

_Check = Callable[[str, Any], None]  # column name, value; raises Problem


def _must(test: Callable[[Any], bool], expected: str) -> _Check:
    def check(name: str, value: Any) -> None:
        if not test(value):
            raise Problem(f"{name} must be {expected}, not {value!r}")

    return check


def _day(name: str, value: Any) -> None:
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise Problem(f"{name} must be a date like 2026-03-14, not {value!r}")
    try:
        check_supported_day(day, name)
    except InvalidInput as error:
        raise Problem(_sentence(error)) from None


def _moment(name: str, value: Any) -> None:
    try:
        check_supported_timestamp(value, name)
    except InvalidInput as error:
        raise Problem(_sentence(error)) from None


_SCORE = _must(lambda v: v in (1, 2, 3, 4, 5), "1 to 5")
_FLAG = _must(lambda v: v in (0, 1), "0 or 1")

# What the app relies on when it reads rows back; anything else would break a screen later.
# Times (the epoch columns behind the export's readable times) are checked on top of these.
_CHECKS: Mapping[str, _Check] = {
    "utc_offset": _must(lambda v: -86_400 < v < 86_400, "a UTC offset in seconds, under a day"),
    "usage_spans.approximate": _FLAG,
    "active_days.day": _day,
    "community_app_choices.counted": _FLAG,
    "user_rules.enabled": _FLAG,
    "user_rules.always_active": _FLAG,
    "user_rules.counted": _FLAG,
    "mood_entries.score": _SCORE,
    "mood_entries.energy": _SCORE,
    "gratitude_entries.day": _day,
    "limits.kind": _must(lambda v: v in ("app", "category"), "'app' or 'category'"),
    "limits.minutes": _must(lambda v: v >= 0, "a number of minutes"),
    "limits.weekdays": _must(lambda v: set(v) <= set("0123456"), "weekday digits 0-6"),
    "limit_history.kind": _must(lambda v: v in ("app", "category"), "'app' or 'category'"),
    "limit_history.minutes": _must(lambda v: v >= 0, "a number of minutes"),
    "limit_history.weekdays": _must(lambda v: set(v) <= set("0123456"), "weekday digits 0-6"),
    "break_events.kind": _must(lambda v: v in get_args(BreakKind), "a kind of break"),
    "break_events.outcome": _must(lambda v: v in get_args(BreakOutcome), "a break outcome"),
    "activity_preferences.hidden": _FLAG,
    "activity_preferences.favourite": _FLAG,
    "activity_log.done": _FLAG,
    "activity_log.helped": _FLAG,
    "activity_log.mood_before": _SCORE,
    "activity_log.mood_after": _SCORE,
}

_INTEGER = re.compile(r"[+-]?\d+")
_REAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # INTEGER, REAL or TEXT
    required: bool
    defaulted: bool
    checks: tuple[_Check, ...]

    def convert(self, value: object, from_csv: bool) -> object:
        if from_csv:
            value = self._from_text(value)
        if value is None:
            if self.required:
                raise Problem(f"{self.name} is empty but must hold a value")
            return None
        value = self._typed(value)
        for check in self.checks:
            check(self.name, value)
        return value

    def _too_large(self) -> Problem:
        return Problem(f"{self.name} must be a whole number SQLite can store (up to 19 digits)")

    def _from_text(self, value: object) -> object:
        if value is None:
            # An unquoted empty field is NULL; a column that cannot be NULL reads it as empty
            # text, which is what a spreadsheet makes of "" when it saves the file again.
            return "" if self.kind == "TEXT" and self.required else None
        assert isinstance(value, str)
        if self.kind == "INTEGER":
            if not _INTEGER.fullmatch(value):
                raise Problem(f"{self.name} must be a whole number, not {_shown(value)}")
            if len(value.lstrip("+-0")) > 19:  # before int(), which refuses 4300 digits
                raise self._too_large()
            return int(value)
        if self.kind == "REAL":
            if not _REAL.fullmatch(value):
                raise Problem(f"{self.name} must be a number, not {_shown(value)}")
            return float(value)
        return value

    def _typed(self, value: object) -> object:
        if self.kind == "INTEGER":
            if isinstance(value, bool) or not isinstance(value, int):
                raise Problem(f"{self.name} must be a whole number, not {_shown(value)}")
            if not _SMALLEST <= value <= _LARGEST:
                raise self._too_large()
        elif self.kind == "REAL":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Problem(f"{self.name} must be a number, not {_shown(value)}")
            try:
                value = float(value)
            except OverflowError:
                value = math.inf
            if not math.isfinite(value):
                raise Problem(f"{self.name} must be a finite number, not {value!r}")
        elif not isinstance(value, str):
            raise Problem(f"{self.name} must be text, not {_shown(value)}")
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise Problem(f"{self.name} is not readable text (a lone surrogate)") from None
        return value


def _shown(value: object) -> str:
    """A value for a message: ``repr``, shortened (a row may hold a whole novel)."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}…"


# Views carry no NOT NULL or defaults, so those of usage_spans (a view since migration 0008 over
# usage_periods and usage_windows) are stated here: column -> (kind, default or None).
_VIEW_COLUMNS: Mapping[str, Mapping[str, tuple[str, object]]] = {
    "usage_spans": {
        "id": ("INTEGER", None),
        "start": ("REAL", None),
        "end": ("REAL", None),
        "utc_offset": ("INTEGER", None),
        "app": ("TEXT", None),
        "category": ("TEXT", None),
        "approximate": ("INTEGER", 0),
        "source": ("TEXT", "tracker"),
    }
}


def columns(db: sqlite_utils.Database, spec: TableSpec) -> list[Column]:
    """The stored columns of ``spec``'s table, each with what a restored value must be."""
    found = []
    stated = _VIEW_COLUMNS.get(spec.name, {})
    # The times the export shows readably are the moments the app reads as dates.
    moments = {d.epoch for d in spec.derived if isinstance(d, TimeColumn)}
    for column in db[spec.name].columns:
        kind = column.type.upper() if column.type.upper() in ("INTEGER", "REAL") else "TEXT"
        check = _CHECKS.get(f"{spec.name}.{column.name}") or _CHECKS.get(column.name)
        checks = tuple(c for c in (check, _moment if column.name in moments else None) if c)
        required = bool(column.notnull or column.is_pk)
        defaulted = not required or column.default_value is not None
        if column.name in stated:
            kind, default = stated[column.name]
            required, defaulted = True, default is not None
        found.append(Column(column.name, kind, required, defaulted, checks))
    return found


# -------------------------------------------------------------------------------- row checks

RowCheck = Callable[[Mapping[str, Any]], None]  # a row's stored columns; raises Problem


def _setting(row: Mapping[str, Any]) -> None:
    # A name this version does not know is kept: an older version may have had it, and
    # reading settings ignores it.
    spec = SPECS_BY_NAME.get(row["name"])
    if spec is not None:
        try:
            decode(spec, row["value"])
        except InvalidInput as error:
            raise Problem(_sentence(error)) from None


def _flag(row: Mapping[str, Any], name: str, default: bool) -> bool:
    # As storage.rules reads them: a missing column takes the schema's default, NULL is off.
    return bool(row[name]) if name in row else default


def _rule(row: Mapping[str, Any]) -> None:
    rule = UserRule(
        name=row["name"],
        category=row["category"],
        app_pattern=row["app_pattern"],
        title_pattern=row["title_pattern"],
        enabled=_flag(row, "enabled", True),
        always_active=_flag(row, "always_active", False),
        counted=_flag(row, "counted", True),
    )
    try:
        validate_rule(rule)  # what `wellbeing rules add` and tracking use
    except InvalidInput as error:
        raise Problem(_sentence(error)) from None


def _limit(row: Mapping[str, Any]) -> None:
    try:
        new_limit(row["target"], row["kind"], row["minutes"], (int(d) for d in row["weekdays"]))
    except InvalidInput as error:
        raise Problem(_sentence(error)) from None


def _limit_change(row: Mapping[str, Any]) -> None:
    if row["minutes"] is not None:  # empty minutes: the limit was removed
        _limit(row)


def _activity(row: Mapping[str, Any]) -> None:
    # Social, outdoors, energy and times of day fall back when read (storage.activities); the
    # rest is what `new_custom_activity` checks, and the category must be one exactly, as
    # every screen looks its label up.
    if row["category"] not in ACTIVITY_CATEGORIES:
        raise Problem(f"the activity {row['title']!r} has the unknown category {row['category']!r}")
    try:
        new_custom_activity(
            row["title"],
            row["category"],
            row["minutes"],
            description=row.get("description") or "",
            activity_id=row["id"],
        )
    except InvalidInput as error:
        raise Problem(_sentence(error)) from None


ROW_CHECKS: Mapping[str, RowCheck] = {
    "activities": _activity,
    "settings": _setting,
    "user_rules": _rule,
    "limits": _limit,
    "limit_history": _limit_change,
}
