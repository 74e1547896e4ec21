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

# The dates Wellbeing keeps, at every door (command line, imports, backups, settings). Nothing
# the app records or imports can be older (Daylio and ActivityWatch both started after 2010),
# and the bounds keep day arithmetic and timestamps far from the limits of datetime, SQLite
# integers and the platforms' clocks (Windows refuses negative timestamps).
FIRST_SUPPORTED_DAY = date(2000, 1, 1)
LAST_SUPPORTED_DAY = date(2199, 12, 31)
FIRST_SUPPORTED_TS = (FIRST_SUPPORTED_DAY - _EPOCH).days * SECONDS_PER_DAY - 14 * 3600
LAST_SUPPORTED_TS = (LAST_SUPPORTED_DAY - _EPOCH).days * SECONDS_PER_DAY + 38 * 3600
SUPPORTED_RANGE_TEXT = f"{FIRST_SUPPORTED_DAY.year} to {LAST_SUPPORTED_DAY.year}"


def check_supported_day(day: date, what: str = "The date") -> date:
    """``day`` itself, or ``InvalidInput`` when it lies outside the dates Wellbeing keeps."""
    if not FIRST_SUPPORTED_DAY <= day <= LAST_SUPPORTED_DAY:
        raise InvalidInput(
            f"{what} {day.isoformat()} is outside the dates Wellbeing keeps "
            f"({SUPPORTED_RANGE_TEXT})."
        )
    return day


def check_supported_timestamp(ts: float, what: str = "A time") -> float:
    """``ts`` (UTC epoch seconds) itself, or ``InvalidInput`` when it is not a finite moment
    within the dates Wellbeing keeps."""
    if not (FIRST_SUPPORTED_TS <= ts <= LAST_SUPPORTED_TS):  # also False for NaN
        raise InvalidInput(
            f"{what} lies outside the dates Wellbeing keeps ({SUPPORTED_RANGE_TEXT})."
        )
    return ts


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
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-14.") from None
    return check_supported_day(day)
