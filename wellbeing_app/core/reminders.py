"""When to remind: each reminder time fires at most once a day, and never when it is moot.

A mood reminder is skipped when a mood was logged in the hour before it; the gratitude reminder
when today's good things are already written. A reminder missed while the computer slept still
comes once on waking, unless more than ``STALE_AFTER`` has passed — a reminder hours late is
noise, not help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from wellbeing_app.core.days import day_of_datetime

ReminderKind = Literal["mood", "gratitude", "who5", "weekly"]
STALE_AFTER = timedelta(hours=2)
MOOD_RECENT = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    slot: str  # identifies this reminder on this day, e.g. "mood 2026-11-21 20:30"
    title: str
    message: str


def _slot_time(day: date, text: str, day_start_hour: int, now: datetime) -> datetime:
    hour, minute = (int(part) for part in text.split(":"))
    # A time before the day's start (00:30 with days starting at 04:00) is that night.
    calendar_day = day + timedelta(days=1) if hour < day_start_hour else day
    return datetime.combine(calendar_day, time(hour, minute), now.tzinfo)


def due_reminders(
    now: datetime,
    *,
    mood_times: tuple[str, ...],
    gratitude_time: str,
    day_start_hour: int,
    fired: frozenset[str],
    last_mood_at: datetime | None,
    gratitude_written_today: bool,
) -> list[Reminder]:
    """The reminders to deliver now. The caller records each one's ``slot`` as fired."""
    day = day_of_datetime(now, day_start_hour)
    due: list[Reminder] = []
    for text in mood_times:
        at = _slot_time(day, text, day_start_hour, now)
        slot = f"mood {day.isoformat()} {text}"
        recent = last_mood_at is not None and at - MOOD_RECENT <= last_mood_at <= now
        if at <= now < at + STALE_AFTER and slot not in fired and not recent:
            due.append(
                Reminder(
                    "mood",
                    slot,
                    "How are you feeling?",
                    "A moment to check in with yourself: log your mood.",
                )
            )
    if gratitude_time:
        at = _slot_time(day, gratitude_time, day_start_hour, now)
        slot = f"gratitude {day.isoformat()} {gratitude_time}"
        if at <= now < at + STALE_AFTER and slot not in fired and not gratitude_written_today:
            due.append(
                Reminder(
                    "gratitude", slot, "Three good things", "What went well today, however small?"
                )
            )
    return due
