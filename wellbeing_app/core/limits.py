"""Daily limits: what a target names, and how each limit stands against a day's usage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import AppTotal, DailyLimit, LimitKind, LimitStanding

CATEGORIES: tuple[str, ...] = (
    "chat",
    "social feed",
    "forum",
    "video community",
    "professional network",
)
MAX_LIMIT_MINUTES = 24 * 60


def resolve_target(target: str, known_apps: Iterable[str]) -> tuple[str, LimitKind]:
    """Maps what a person typed to an app's display name or a category (case-insensitive)."""
    wanted = " ".join(target.split()).lower()
    for category in CATEGORIES:
        if wanted == category:
            return category, "category"
    for app in known_apps:
        if wanted == app.lower():
            return app, "app"
    raise InvalidInput(
        f"'{target}' is neither a community app nor a category ({', '.join(CATEGORIES)})."
    )


def new_limit(
    target: str, kind: LimitKind, minutes: int, weekdays: Iterable[int] = ()
) -> DailyLimit:
    if not 1 <= minutes <= MAX_LIMIT_MINUTES:
        raise InvalidInput(
            f"A daily limit must be 1 to {MAX_LIMIT_MINUTES} minutes, not {minutes}."
        )
    days = frozenset(weekdays)
    if any(not 0 <= d <= 6 for d in days):
        raise InvalidInput("Weekdays run from 0 (Monday) to 6 (Sunday).")
    return DailyLimit(target=target, kind=kind, minutes=minutes, weekdays=days)


def limits_on(limits: Sequence[DailyLimit], day: date) -> list[DailyLimit]:
    """The limits in force on ``day``: a weekday-specific limit replaces an every-day one."""
    specific = {limit.target for limit in limits if limit.weekdays and limit.applies_on(day)}
    return [
        limit
        for limit in limits
        if limit.applies_on(day) and (limit.weekdays or limit.target not in specific)
    ]


def standings(
    limits: Sequence[DailyLimit], totals: Sequence[AppTotal], day: date
) -> list[LimitStanding]:
    """The limits in force on ``day`` with the seconds used against each."""
    result = []
    for limit in limits_on(limits, day):
        used = sum(
            t.seconds
            for t in totals
            if (t.app if limit.kind == "app" else t.category) == limit.target
        )
        result.append(LimitStanding(limit, used))
    return result
