"""Local days that start at a configurable hour, so a late night counts to the evening before.

Times are stored as UTC epoch seconds plus the UTC offset in force at that moment. Adding the two
gives "local epoch seconds": seconds since 1970-01-01 00:00 *local wall-clock time*. Day and hour
arithmetic happens on that scale, which needs no time-zone database and stays right across DST
changes, because every moment carries its own offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from wellbeing_app.core.errors import InvalidInput

_EPOCH = date(1970, 1, 1)
SECONDS_PER_DAY = 86_400


def local_epoch(ts: float, utc_offset: int) -> float:
    """Local wall-clock seconds since 1970-01-01 00:00 for a UTC timestamp and its offset."""
    return ts + utc_offset


def day_start_local(day: date, day_start_hour: int) -> float:
    """Local epoch seconds at which ``day`` begins."""
    return (day - _EPOCH).days * SECONDS_PER_DAY + day_start_hour * 3600


def local_day_range(first: date, last: date, day_start_hour: int) -> tuple[float, float]:
    """Half-open local-epoch range ``[start of first, start of the day after last)``."""
    if last < first:
        raise InvalidInput(f"The range ends ({last}) before it starts ({first}).")
    return (
        day_start_local(first, day_start_hour),
        day_start_local(last + timedelta(days=1), day_start_hour),
    )


def day_of(ts: float, utc_offset: int, day_start_hour: int) -> date:
    """The local day a moment belongs to, with days starting at ``day_start_hour``."""
    shifted = local_epoch(ts, utc_offset) - day_start_hour * 3600
    return _EPOCH + timedelta(days=int(shifted // SECONDS_PER_DAY))


def day_of_datetime(moment: datetime, day_start_hour: int) -> date:
    """The local day of an aware datetime."""
    return (moment - timedelta(hours=day_start_hour)).date()


def to_datetime(ts: float, utc_offset: int) -> datetime:
    """An aware datetime for a stored (UTC timestamp, offset) pair."""
    return datetime.fromtimestamp(ts, tz=UTC).astimezone(timezone(timedelta(seconds=utc_offset)))


def parse_day(text: str) -> date:
    """Parses ``YYYY-MM-DD``, or raises ``InvalidInput`` with one clear sentence."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-14.") from None
