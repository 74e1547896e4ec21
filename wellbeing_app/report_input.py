"""Gathers what a therapist report needs from the database, and keeps report presets.

Composition-level code: it reads through the storage repositories and hands plain data to
``reporting.report``, which never sees the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from wellbeing_app.core.activities import Activity, parse_activities
from wellbeing_app.core.days import day_of, day_of_datetime, local_day_range, to_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import CheckIn
from wellbeing_app.reporting.report import (
    ActivityDone,
    Report,
    ReportInput,
    ReportOptions,
    build_report,
    write_pdf,
)
from wellbeing_app.resources import read_text
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.db import Db
from wellbeing_app.storage.repositories import Repositories

# Stored moments carry their own UTC offset; a window this much wider than the local days
# catches every entry of those days in any time zone, and the exact local day decides.
_SLACK = timedelta(hours=15)
MAX_PRESET_NAME = 80


def _window(first: date, last: date, day_start_hour: int) -> tuple[datetime, datetime]:
    start = datetime(first.year, first.month, first.day, day_start_hour, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, day_start_hour, tzinfo=UTC)
    return start - _SLACK, end + timedelta(days=1) + _SLACK


def _activity_titles(repos: Repositories) -> dict[str, str]:
    titles: dict[str, str] = {}
    try:
        catalog: tuple[Activity, ...] = parse_activities(read_text("activities.json"))
    except (OSError, InvalidInput):
        catalog = ()
    for activity in (*catalog, *ActivityRepository(repos.db).custom()):
        titles[activity.id] = activity.title
    return titles


def _title(titles: dict[str, str], activity_id: str) -> str:
    return titles.get(activity_id) or activity_id.replace("-", " ").strip().capitalize()


def _activities(
    repos: Repositories,
    start: datetime,
    end: datetime,
    inside: Callable[[datetime], bool],
    taken_breaks: dict[int, tuple[datetime, str]],
) -> tuple[ActivityDone, ...]:
    """Activities done: logged outcomes, and breaks taken with an activity but no outcome."""
    titles = _activity_titles(repos)
    # ActivityRepository.outcomes() has no dates; this reads the same rows for a range.
    rows = repos.db.execute(
        "SELECT at, utc_offset, activity_id, mood_before, mood_after, helped, break_event_id"
        " FROM activity_log WHERE done = 1 AND at >= ? AND at < ? ORDER BY at, id",
        (start.timestamp(), end.timestamp()),
    ).fetchall()
    found = []
    logged_breaks = set()
    for at, offset, activity_id, before, after, helped, break_id in rows:
        moment = to_datetime(at, offset)
        if break_id is not None:
            logged_breaks.add(break_id)
        if inside(moment):
            found.append(
                ActivityDone(
                    moment,
                    _title(titles, activity_id),
                    before,
                    after,
                    None if helped is None else bool(helped),
                )
            )
    for break_id, (moment, activity_id) in taken_breaks.items():
        if break_id not in logged_breaks:
            found.append(ActivityDone(moment, _title(titles, activity_id), during_break=True))
    return tuple(sorted(found, key=lambda item: item.at))


def _usage_seconds(repos: Repositories, first: date, last: date, which: str) -> float:
    """Community seconds in the local days ``first..last`` from spans matching ``which``."""
    lo, hi = local_day_range(first, last, repos.settings.day_start_hour)
    row = repos.db.execute(
        "SELECT total(end - start) FROM usage_spans"
        " WHERE start + utc_offset >= ? AND start + utc_offset < ? AND " + which,
        (lo, hi),
    ).fetchone()
    return float(row[0] or 0.0)


def data_days(repos: Repositories) -> tuple[date, date] | None:
    """The first and last local day holding any entry or tracked time, or ``None`` if none."""
    hour = repos.settings.day_start_hour
    found: list[date] = []
    for table, column in (
        ("usage_spans", "start"),
        ("mood_entries", "at"),
        ("checkins", "at"),
        ("break_events", "at"),
        ("gratitude_entries", "at"),
        ("activity_log", "at"),
    ):
        for order in ("ASC", "DESC"):
            row = repos.db.execute(
                f"SELECT {column}, utc_offset FROM {table} ORDER BY {column} {order} LIMIT 1"
            ).fetchone()
            if row is not None:
                found.append(day_of(row[0], row[1], hour))
    return (min(found), max(found)) if found else None


def gather(
    repos: Repositories, first: date, last: date, *, now: datetime | None = None
) -> ReportInput:
    """Everything a report over the local days ``first..last`` needs, in a few queries.

    Raises:
        InvalidInput: ``last`` is before ``first``.
    """
    if last < first:
        raise InvalidInput(f"The report ends ({last}) before it starts ({first}).")
    hour = repos.settings.day_start_hour
    start, end = _window(first, last, hour)

    def inside(moment: datetime) -> bool:
        return first <= day_of_datetime(moment, hour) <= last

    moods = tuple(m for m in repos.moods.between(start, end) if inside(m.at))
    events = tuple(e for e in repos.breaks.between(start, end) if inside(e.at))
    history = repos.checkins.between(datetime(1970, 1, 2, tzinfo=UTC), end)
    in_range = tuple(c for c in history if inside(c.at))
    latest_before: dict[str, CheckIn] = {}
    for checkin in history:
        if day_of_datetime(checkin.at, hour) < first:
            latest_before[checkin.questionnaire] = checkin
    taken = {
        e.id: (e.at, e.activity_id)
        for e in events
        if e.outcome == "taken" and e.activity_id and e.id is not None
    }
    return ReportInput(
        first=first,
        last=last,
        made_at=now or datetime.now(UTC).astimezone(),
        day_start_hour=hour,
        day_totals=tuple(repos.usage.by_day(first, last)),
        hour_totals=tuple(repos.usage.by_hour(first, last)),
        active_days=tuple(repos.usage.active_days(first, last)),
        tracked_since=repos.usage.first_day(),
        approximate_seconds=_usage_seconds(repos, first, last, "approximate = 1"),
        # Sample data ("demo") is neither tracked here nor imported from another tool.
        imported_seconds=_usage_seconds(
            repos, first, last, "approximate = 0 AND source NOT IN ('tracker', 'demo')"
        ),
        moods=moods,
        gratitude=tuple(repos.gratitude.between(first, last)),
        checkins=in_range,
        earlier_checkins=tuple(sorted(latest_before.values(), key=lambda c: c.at)),
        break_events=events,
        limits=tuple(repos.limits.all()),
        limit_changes=tuple(repos.limits.history(until=end)),
        limit_history_since=repos.limits.history_since(),
        activities=_activities(repos, start, end, inside, taken),
    )


def save_report(
    repos: Repositories,
    options: ReportOptions,
    path: Path,
    *,
    overwrite: bool = False,
    now: datetime | None = None,
    asked_first: date | None = None,
) -> Report:
    """Gathers, builds and writes the report in one go (the command line's whole job).

    Raises:
        InvalidInput: ``path`` exists and ``overwrite`` is false, its folder is missing or
            not writable; nothing is written then.
    """
    path = Path(path)
    if path.exists() and not overwrite:  # before the work, not only after it
        raise InvalidInput(f"{path} already exists; choose another name.")
    data = gather(repos, options.first, options.last, now=now)
    if asked_first is not None:  # the range asked for was narrowed to the data
        data = replace(data, asked_first=asked_first)
    report = build_report(data, options)
    write_pdf(report, path, overwrite=overwrite)
    return report


class PresetStore:
    """Report options saved per recipient ("My therapist", "GP"), in ``report_presets``."""

    def __init__(self, db: Db, now: Callable[[], float] = time.time) -> None:
        self._db = db
        self._now = now

    @staticmethod
    def _checked(name: str) -> str:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise InvalidInput("Give the preset a name, such as who the report is for.")
        if len(cleaned) > MAX_PRESET_NAME:
            raise InvalidInput(f"A preset name can be at most {MAX_PRESET_NAME} characters long.")
        return cleaned

    def save(self, name: str, options: ReportOptions) -> str:
        """Saves (or replaces) the preset called ``name``; returns the name as stored."""
        cleaned = self._checked(name)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO report_presets (name, options, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET options = excluded.options,"
                " updated_at = excluded.updated_at",
                (cleaned, options.to_json(), self._now()),
            )
        return cleaned

    def load(self, name: str) -> ReportOptions | None:
        """The preset called ``name``, or ``None``. ``InvalidInput`` if it cannot be read."""
        row = self._db.execute(
            "SELECT options FROM report_presets WHERE name = ?", (" ".join(name.split()),)
        ).fetchone()
        return None if row is None else ReportOptions.from_json(row[0])

    def names(self) -> list[str]:
        """Every preset's name, most recently saved first."""
        return [
            row[0]
            for row in self._db.execute(
                "SELECT name FROM report_presets ORDER BY updated_at DESC, name"
            )
        ]

    def delete(self, name: str) -> bool:
        with self._db.atomic():
            cursor = self._db.execute(
                "DELETE FROM report_presets WHERE name = ?", (" ".join(name.split()),)
            )
        return cursor.rowcount > 0
