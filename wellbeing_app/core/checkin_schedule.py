"""When the WHO-5 check-in is offered: every ``who5_interval_days`` (14 by default) local days.

Decisions, so that the prompt stays an offer and never a nag:

- The first check-in gives a baseline that makes later changes meaningful, but someone who has
  just installed the app is not handed a questionnaire in the same minute: it is offered from
  the start of the day after the first-run welcome was finished (``welcome_finished``). When
  that moment is not known (a welcome finished before it was recorded) it is due right away.
  It is dismissable like any other.
- After a check-in on day D (local days starting at ``day_start_hour``, as everywhere in the
  app) the next is due from the start of day D + interval, whatever time of day the last one was
  done, so a check-in done at 21:00 is offered again on the morning two weeks later.
- Dismissing the prompt snoozes it until the start of tomorrow (``snooze_until``); the caller
  stores that moment and passes it back as ``snoozed_until``.

Only local dates are compared, each taken in the UTC offset the moment itself carries, so a
daylight-saving change between two check-ins moves nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput

DEFAULT_DAY_START_HOUR = 4  # the default of the setting ``day_start_hour``


def _check_interval(interval_days: int) -> None:
    if isinstance(interval_days, bool) or not isinstance(interval_days, int) or interval_days < 1:
        raise InvalidInput(
            f"The days between check-ins must be a whole number of at least 1, not {interval_days}."
        )


def _day_start(day: date, day_start_hour: int, now: datetime) -> datetime:
    return datetime.combine(day, time(day_start_hour), now.tzinfo)


def _first_day(welcome_finished: datetime, day_start_hour: int) -> date:
    return day_of_datetime(welcome_finished, day_start_hour) + timedelta(days=1)


def due(
    now: datetime,
    last: datetime | None,
    interval_days: int,
    snoozed_until: datetime | None,
    *,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    welcome_finished: datetime | None = None,
) -> bool:
    """Whether to offer the check-in at ``now``.

    Args:
        now: the current time, timezone-aware.
        last: when the last check-in was completed, or None if there has been none.
        interval_days: the setting ``who5_interval_days``.
        snoozed_until: the end of the last dismissal, or None.
        day_start_hour: the setting ``day_start_hour``.
        welcome_finished: when the first-run welcome was finished, or None if not known.
    """
    _check_interval(interval_days)
    if snoozed_until is not None and now < snoozed_until:
        return False
    if last is None:
        if welcome_finished is None:
            return True
        return day_of_datetime(now, day_start_hour) >= _first_day(welcome_finished, day_start_hour)
    next_day = day_of_datetime(last, day_start_hour) + timedelta(days=interval_days)
    return day_of_datetime(now, day_start_hour) >= next_day


def next_due(
    now: datetime,
    last: datetime | None,
    interval_days: int,
    snoozed_until: datetime | None,
    *,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    welcome_finished: datetime | None = None,
) -> datetime:
    """When the check-in is (or became) due, in ``now``'s time zone.

    At or before ``now`` exactly when :func:`due` is true, so it can be shown ("due since ...",
    "next on ...") or used for a timer. A timer should still ask :func:`due` when it fires: with
    a fixed UTC offset, a daylight-saving change in between can make it fire an hour off.
    """
    _check_interval(interval_days)
    if last is not None:
        next_day = day_of_datetime(last, day_start_hour) + timedelta(days=interval_days)
        moment = _day_start(next_day, day_start_hour, now)
    elif welcome_finished is not None:
        moment = _day_start(_first_day(welcome_finished, day_start_hour), day_start_hour, now)
    else:
        moment = now
    if snoozed_until is not None and snoozed_until > moment:
        moment = snoozed_until
    return moment


def snooze_until(
    now: datetime, *, days: int = 1, day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> datetime:
    """Where a dismissal at ``now`` snoozes to: the start of tomorrow, or of ``days`` days on."""
    if days < 1:
        raise InvalidInput(f"A check-in can be put off by 1 day or more, not {days}.")
    tomorrow = day_of_datetime(now, day_start_hour) + timedelta(days=days)
    return _day_start(tomorrow, day_start_hour, now)
