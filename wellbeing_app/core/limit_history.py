"""The history of daily limits: which limits were in force on a given day.

Every set, change and removal of a limit is kept as a ``LimitChange`` (storage records them from
migration 0009 on). A day is scored by the limits as they stood at the end of that day, so a limit
changed during a day counts for the whole of it, as the app enforced it for the rest of that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import DailyLimit, LimitKind


@dataclass(frozen=True, slots=True)
class LimitChange:
    """A limit for ``target`` on ``weekdays`` set to ``minutes`` at ``at``; ``None`` removes it."""

    at: datetime
    target: str
    kind: LimitKind
    minutes: int | None
    weekdays: frozenset[int] = field(default_factory=frozenset)


def limits_in_force(
    changes: Iterable[LimitChange], day: date, day_start_hour: int
) -> list[DailyLimit]:
    """The limits as they stood at the end of the local ``day``, oldest key first."""
    state: dict[tuple[str, frozenset[int]], DailyLimit | None] = {}
    for change in sorted(changes, key=lambda c: c.at):
        if day_of_datetime(change.at, day_start_hour) > day:
            break
        key = (change.target, change.weekdays)
        state[key] = (
            None
            if change.minutes is None
            else DailyLimit(change.target, change.kind, change.minutes, change.weekdays)
        )
    return [limit for limit in state.values() if limit is not None]


def history_covers(since: datetime | None, day: date, day_start_hour: int) -> bool:
    """Whether the history, kept from ``since`` on, knows the limits in force on ``day``."""
    return since is not None and day_of_datetime(since, day_start_hour) <= day
