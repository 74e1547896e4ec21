"""Daily limits: what a target names, and how each limit stands against a day's usage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import AppTotal, DailyLimit, LimitKind, LimitStanding, UsageSpan

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


def approximate_totals(spans: Iterable[UsageSpan]) -> list[AppTotal]:
    """Seconds per app of the approximate spans (a probe that saw only running apps), largest
    first."""
    totals: dict[tuple[str, str], float] = {}
    for span in spans:
        if span.approximate:
            key = (span.app, span.category)
            totals[key] = totals.get(key, 0.0) + span.seconds
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0][0]))
    return [AppTotal(app, category, seconds) for (app, category), seconds in ranked]


def exact_totals(totals: Sequence[AppTotal], approximate: Sequence[AppTotal]) -> list[AppTotal]:
    """``totals`` without their approximate part: what limits and breaks are measured on.

    Approximate time only says an app was running while the person was active, not that it was
    in front, so it is shown (labelled) but never held against a limit.
    """
    guessed = {(a.app, a.category): a.seconds for a in approximate}
    result = []
    for total in totals:
        seconds = total.seconds - guessed.get((total.app, total.category), 0.0)
        if seconds > 1e-6:
            result.append(AppTotal(total.app, total.category, seconds))
    return result
