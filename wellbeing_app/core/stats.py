"""Numbers for the Insights page and the therapist report: daily series, links between community
time and mood, break habits, and a kind weekly summary.

Everything here describes *associations* in one person's own data. The wording says so every
time, reports an interval rather than a verdict, and says nothing below ``MIN_N`` days: a
handful of days can show almost any pattern. Only ``math`` is used, so the numbers can be checked
by hand (the tests do).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import BreakEvent, DayAppTotal, MoodEntry
from wellbeing_app.core.text import duration_text

MIN_N = 10  # fewer paired days than this and no association is reported at all
MIN_GROUP_N = 3  # each side of a comparison needs at least this many days
Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
_T_95_SMALL_DF = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 4: 2.776445105}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Lag = Literal[0, 1]
_PROMPT_KINDS = frozenset({"daily_limit", "continuous_use"})


# --- daily series --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayValue:
    """One local day's number; ``None`` when there is nothing to show (no entry, not tracked)."""

    day: date
    value: float | None


def days_in(first: date, last: date) -> tuple[date, ...]:
    """Every day from ``first`` to ``last``, both included (empty if ``last`` is earlier)."""
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


def daily_mood(
    moods: Sequence[MoodEntry], first: date, last: date, day_start_hour: int
) -> tuple[DayValue, ...]:
    """The mean mood score of each local day, ``None`` on days without a check-in."""
    scores: dict[date, list[int]] = defaultdict(list)
    for entry in moods:
        scores[day_of_datetime(entry.at, day_start_hour)].append(entry.score)
    return tuple(
        DayValue(day, sum(scores[day]) / len(scores[day]) if day in scores else None)
        for day in days_in(first, last)
    )


def daily_community_minutes(
    day_totals: Sequence[DayAppTotal],
    first: date,
    last: date,
    tracked_since: date | None = None,
    categories: Collection[str] | None = None,
) -> tuple[DayValue, ...]:
    """Minutes in community apps on each day; 0 on a tracked day without any.

    Args:
        day_totals: per (day, app) totals, as ``UsageRepository.by_day`` gives them.
        tracked_since: the first day with tracking; earlier days without usage are ``None``
            ("not tracked yet"), not 0. Imported usage before it still counts.
        categories: only apps of these categories, when given.
    """
    minutes: dict[date, float] = defaultdict(float)
    for total in day_totals:
        if categories is None or total.category in categories:
            minutes[total.day] += total.seconds / 60
    values = []
    for day in days_in(first, last):
        untracked = tracked_since is not None and day < tracked_since
        values.append(DayValue(day, minutes.get(day, None if untracked else 0.0)))
    return tuple(values)


def paired(
    xs: Sequence[DayValue], ys: Sequence[DayValue], lag_days: int = 0
) -> tuple[tuple[float, float], ...]:
    """``(x on day d, y on day d + lag_days)`` for every day where both have a value."""
    by_day = {item.day: item.value for item in ys if item.value is not None}
    shift = timedelta(days=lag_days)
    pairs = []
    for item in xs:
        other = by_day.get(item.day + shift)
        if item.value is not None and other is not None:
            pairs.append((item.value, other))
    return tuple(pairs)


# --- correlation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Correlation:
    """Pearson's r over ``n`` pairs with its 95 % confidence interval (Fisher z-transform)."""

    n: int
    r: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """The interval does not include 0: the data lean one way."""
        return self.low > 0 or self.high < 0


def pearson(pairs: Sequence[tuple[float, float]]) -> Correlation | None:
    """Pearson's r and its 95 % interval, or ``None`` for fewer than 4 pairs or a constant side.

    The interval is ``tanh(atanh(r) ± 1.96 / sqrt(n - 3))``; it is only approximate for small
    ``n``, one more reason callers hold back below ``MIN_N``.
    """
    n = len(pairs)
    if n < 4:
        return None
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    if abs(r) > 1 - 1e-12:  # a perfect line: atanh is infinite and the interval is the point
        r = math.copysign(1.0, r)
        return Correlation(n, r, r, r)
    z, spread = math.atanh(r), Z_95 / math.sqrt(n - 3)
    return Correlation(n, r, math.tanh(z - spread), math.tanh(z + spread))


def _num(value: float, digits: int = 2) -> str:
    """``−0.42`` with a real minus sign, and never ``−0.00``."""
    rounded = round(value, digits)
    return f"{rounded + 0.0:.{digits}f}".replace("-", "−")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --- community time and mood ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Association:
    """How one kind of community time went together with mood, in plain words."""

    label: str
    n: int
    correlation: Correlation
    lag_days: Lag
    wording: str

    @property
    def clear(self) -> bool:
        return self.correlation.clear


def association_numbers(correlation: Correlation) -> str:
    """``r = −0.42, 95 % CI −0.65 to −0.12, n = 48 days``."""
    c = correlation
    return f"r = {_num(c.r)}, 95 % CI {_num(c.low)} to {_num(c.high)}, n = {_days(c.n)}"


def usage_vs_mood(
    usage_days: Sequence[DayValue],
    mood_days: Sequence[DayValue],
    lag_days: Lag = 0,
    what: str = "community time",
) -> Association | None:
    """Community time on day d against mood on day d (``lag_days=0``) or d + 1 (``1``).

    Days missing either value are left out. ``None`` below ``MIN_N`` paired days or when one
    side never changes.
    """
    correlation = pearson(paired(usage_days, mood_days, lag_days))
    if correlation is None or correlation.n < MIN_N:
        return None
    numbers = association_numbers(correlation)
    when = "same day" if lag_days == 0 else "next day"
    label = f"{what[0].upper()}{what[1:]} and mood ({when})"
    if correlation.clear:
        direction = "higher" if correlation.r > 0 else "lower"
        degree = "a little " if abs(correlation.r) < 0.3 else ""
        if lag_days == 0:
            start = f"On days with more {what} your mood tended to be {degree}{direction}"
        else:
            start = f"After days with more {what} your mood the next day tended to be"
            start += f" {degree}{direction}"
        wording = f"{start} ({numbers}). This is an association, not proof of cause."
    else:
        mood = "your mood that day" if lag_days == 0 else "your mood the next day"
        wording = (
            f"So far there is no clear link between {what} and {mood} ({numbers})."
            " Any link would be an association, not proof of cause."
        )
    return Association(label, correlation.n, correlation, lag_days, wording)


def usage_associations(
    day_totals: Sequence[DayAppTotal],
    mood_days: Sequence[DayValue],
    tracked_since: date | None = None,
) -> tuple[Association, ...]:
    """Community time in all and per category, same day and next day, against mood.

    Checking many pairs makes one look strong by chance now and then; ``top_associations``
    prefers the ones whose interval clears 0, and the wording never claims a cause.
    """
    if not mood_days:
        return ()
    first, last = mood_days[0].day, mood_days[-1].day
    groups: list[tuple[str, Collection[str] | None]] = [("community time", None)]
    groups += [
        (f"time in {category} apps", {category})
        for category in sorted({t.category for t in day_totals})
    ]
    lags: tuple[Lag, ...] = (0, 1)
    found = []
    for what, categories in groups:
        usage = daily_community_minutes(day_totals, first, last, tracked_since, categories)
        for lag in lags:
            association = usage_vs_mood(usage, mood_days, lag, what)
            if association is not None:
                found.append(association)
    return tuple(found)


def top_associations(
    associations: Iterable[Association | None], limit: int = 3
) -> tuple[Association, ...]:
    """The strongest few: those whose interval clears 0 first, then by the size of r."""
    present = [a for a in associations if a is not None]
    present.sort(key=lambda a: (not a.clear, -abs(a.correlation.r), a.lag_days, a.label))
    return tuple(present[:limit])


# --- gratitude and mood --------------------------------------------------------------------


def t_95(df: float) -> float:
    """The two-sided 95 % critical value of Student's t with ``df`` degrees of freedom.

    Fractional ``df`` (Welch) is rounded down, which widens the interval a little. Exact values
    up to 4, then a Cornish-Fisher expansion good to 0.001.
    """
    whole = max(1, math.floor(df))
    if whole in _T_95_SMALL_DF:
        return _T_95_SMALL_DF[whole]
    z, d = Z_95, float(whole)
    return (
        z
        + (z**3 + z) / (4 * d)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * d**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * d**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * d**4)
    )


@dataclass(frozen=True, slots=True)
class GroupMean:
    """The mean of one group of days with its 95 % interval (Student's t)."""

    label: str
    n: int
    mean: float
    low: float
    high: float
    variance: float


def group_mean(label: str, values: Sequence[float]) -> GroupMean:
    """Needs at least two values."""
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    spread = t_95(n - 1) * math.sqrt(variance / n)
    return GroupMean(label, n, mean, mean - spread, mean + spread, variance)


@dataclass(frozen=True, slots=True)
class GroupComparison:
    """Mean mood on days with something against days without it (Welch's interval)."""

    label: str
    present: GroupMean
    absent: GroupMean
    difference: float
    low: float
    high: float
    wording: str

    @property
    def n(self) -> int:
        return self.present.n + self.absent.n

    @property
    def clear(self) -> bool:
        return self.low > 0 or self.high < 0


def compare_groups(present: GroupMean, absent: GroupMean) -> tuple[float, float, float]:
    """The difference ``present - absent`` and its 95 % Welch interval."""
    difference = present.mean - absent.mean
    a, b = present.variance / present.n, absent.variance / absent.n
    if a + b == 0:
        return difference, difference, difference
    df = (a + b) ** 2 / (a**2 / (present.n - 1) + b**2 / (absent.n - 1))
    spread = t_95(df) * math.sqrt(a + b)
    return difference, difference - spread, difference + spread


def gratitude_vs_mood(
    gratitude_days: Collection[date], mood_days: Sequence[DayValue]
) -> GroupComparison | None:
    """Mean mood on days with a gratitude entry against days without one.

    Only days with a mood value count. ``None`` below ``MIN_N`` days in all, or fewer than
    ``MIN_GROUP_N`` on either side.
    """
    written = set(gratitude_days)
    with_entry = [d.value for d in mood_days if d.value is not None and d.day in written]
    without = [d.value for d in mood_days if d.value is not None and d.day not in written]
    if len(with_entry) + len(without) < MIN_N or min(len(with_entry), len(without)) < MIN_GROUP_N:
        return None
    present = group_mean("Days with a gratitude entry", with_entry)
    absent = group_mean("Other days", without)
    difference, low, high = compare_groups(present, absent)
    numbers = (
        f"{_num(present.mean, 1)} on {_days(present.n)} with an entry, {_num(absent.mean, 1)}"
        f" on {_days(absent.n)} without; difference {_num(difference)},"
        f" 95 % CI {_num(low)} to {_num(high)}"
    )
    if low > 0 or high < 0:
        direction = "higher" if difference > 0 else "lower"
        wording = (
            f"On days you wrote down good things your mood tended to be {direction} ({numbers})."
            " This is an association, not proof of cause."
        )
    else:
        wording = (
            "So far there is no clear difference between your mood on days with and without a"
            f" gratitude entry ({numbers}). Any link would be an association, not proof of cause."
        )
    return GroupComparison(
        "Gratitude entries and mood", present, absent, difference, low, high, wording
    )


# --- breaks --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BreakStats:
    """What happened to break prompts (daily limits and continuous use) over a period.

    ``shown`` counts showings; a snoozed prompt shows again. Heads-ups and quiet-hours nudges
    are not prompts and are counted apart.
    """

    shown: int
    taken: int
    snoozed: int
    skipped: int
    dismissed: int
    heads_ups: int
    quiet_hours_nudges: int
    skip_reasons: tuple[tuple[str, int], ...]

    @property
    def decided(self) -> int:
        """Prompts that ended: taken, skipped or dismissed (a snooze brings one back)."""
        return self.taken + self.skipped + self.dismissed

    @property
    def share_taken(self) -> float | None:
        """Taken out of the prompts that ended, or ``None`` when none did."""
        return self.taken / self.decided if self.decided else None

    @property
    def is_empty(self) -> bool:
        return not (self.shown or self.heads_ups or self.quiet_hours_nudges)


def _reason_text(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        return "no reason given"
    if cleaned.startswith("cut short"):
        return "came back before the break ended"
    return cleaned


def break_adherence(events: Sequence[BreakEvent]) -> BreakStats:
    """Counts prompts and their outcomes, and the reasons given for skipping.

    Every outcome follows a showing, so where "shown" records are missing (imported or sample
    data) the outcomes stand in for them.
    """
    outcomes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    heads_ups = nudges = 0
    for event in events:
        if event.kind == "heads_up":
            heads_ups += event.outcome == "shown"
        elif event.kind == "quiet_hours":
            nudges += event.outcome == "shown"
        elif event.kind in _PROMPT_KINDS:
            outcomes[event.outcome] += 1
            if event.outcome in ("skipped", "dismissed"):
                reasons[_reason_text(event.reason)] += 1
    ended = sum(outcomes[o] for o in ("taken", "snoozed", "skipped", "dismissed"))
    return BreakStats(
        shown=max(outcomes["shown"], ended),
        taken=outcomes["taken"],
        snoozed=outcomes["snoozed"],
        skipped=outcomes["skipped"],
        dismissed=outcomes["dismissed"],
        heads_ups=heads_ups,
        quiet_hours_nudges=nudges,
        skip_reasons=tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
    )


# --- the weekly summary --------------------------------------------------------------------


def week_that_ended(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week before the one ``today`` is in."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def is_first_day_of_week(today: date) -> bool:
    return today.weekday() == 0


def summary_due(today: date, last_shown: date | None) -> bool:
    """Whether to show last week's summary: not yet shown this week.

    On a Monday normally; later in the week for someone who was not around on Monday.
    """
    return last_shown is None or last_shown < today - timedelta(days=today.weekday())


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """The week that just ended beside the one before, in a few kind, plain sentences.

    ``previous_*`` are ``None`` where the week before has nothing to compare with.
    """

    first: date
    last: date
    community_seconds: float
    previous_community_seconds: float | None
    mood_average: float | None
    previous_mood_average: float | None
    mood_days: int
    gratitude_days: int
    break_prompts: int
    breaks_taken: int
    title: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join((self.title, *self.lines))


def _day_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def weekly_summary(
    today: date,
    day_totals: Sequence[DayAppTotal],
    moods: Sequence[MoodEntry],
    gratitude_days: Collection[date],
    break_events: Sequence[BreakEvent],
    day_start_hour: int,
    tracked_since: date | None = None,
) -> WeeklySummary:
    """The summary of the week before ``today``'s, compared with the week before that.

    Inputs may cover more days than the two weeks; only those are used. ``tracked_since`` (the
    first tracked day) keeps a week before tracking began from reading as a week of no use.
    """
    first, last = week_that_ended(today)
    before_first, before_last = first - timedelta(days=7), first - timedelta(days=1)

    def within(day: date, start: date, end: date) -> bool:
        return start <= day <= end

    seconds = sum(t.seconds for t in day_totals if within(t.day, first, last))
    before_seconds: float | None = sum(
        t.seconds for t in day_totals if within(t.day, before_first, before_last)
    )
    if tracked_since is not None and tracked_since > before_first:
        before_seconds = None

    week_moods = daily_mood(moods, first, last, day_start_hour)
    before_moods = daily_mood(moods, before_first, before_last, day_start_hour)
    mood_values = [d.value for d in week_moods if d.value is not None]
    before_values = [d.value for d in before_moods if d.value is not None]
    mood = sum(mood_values) / len(mood_values) if mood_values else None
    before_mood = sum(before_values) / len(before_values) if before_values else None

    grateful = sum(1 for day in set(gratitude_days) if within(day, first, last))
    week_events = [
        e for e in break_events if within(day_of_datetime(e.at, day_start_hour), first, last)
    ]
    breaks = break_adherence(week_events)

    lines = [
        _community_line(seconds, before_seconds),
        _mood_line(mood, before_mood, len(mood_values)),
        _gratitude_line(grateful),
        _breaks_line(breaks),
    ]
    return WeeklySummary(
        first=first,
        last=last,
        community_seconds=seconds,
        previous_community_seconds=before_seconds,
        mood_average=mood,
        previous_mood_average=before_mood,
        mood_days=len(mood_values),
        gratitude_days=grateful,
        break_prompts=breaks.shown,
        breaks_taken=breaks.taken,
        title=f"Your week, {_day_text(first)} – {_day_text(last)}",
        lines=tuple(line for line in lines if line),
    )


def _community_line(seconds: float, before: float | None) -> str:
    if seconds < 60:
        return "Hardly any time in online communities was recorded this week."
    line = f"You spent {duration_text(seconds)} in online communities"
    if before is None:
        return line + "."
    difference = seconds - before
    if abs(difference) < max(15 * 60, 0.1 * before):
        return line + ", about the same as the week before."
    change = "less" if difference < 0 else "more"
    return line + f", {duration_text(abs(difference))} {change} than the week before."


def _mood_line(mood: float | None, before: float | None, days: int) -> str:
    if mood is None:
        return "There were no mood check-ins this week; a quick one whenever you like is plenty."
    line = f"Your mood averaged {mood:.1f} out of 5 over {_days(days)} with a check-in"
    if before is None:
        return line + "."
    if abs(mood - before) < 0.15:
        return line + f", close to the week before ({before:.1f})."
    change = "up from" if mood > before else "down from"
    return line + f", {change} {before:.1f} the week before."


def _gratitude_line(days: int) -> str:
    if days == 0:
        return "Noting one good thing, on any day you like, is there whenever you want it."
    return f"You noted good things on {days} of 7 days."


def _breaks_line(breaks: BreakStats) -> str:
    if breaks.shown == 0:
        return ""
    if breaks.taken == 0:
        return f"Break prompts came up {_times(breaks.shown)}; each one is a fresh choice."
    noun = "break" if breaks.taken == 1 else "breaks"
    return f"You took {breaks.taken} {noun} when a prompt came up."
