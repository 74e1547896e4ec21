"""What every section works from: the redacted data and what is worked out from it once (days,
moods, usage, limits scored by the limits then in force, each questionnaire's baseline), and the
few sentences more than one section says the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.limit_history import history_covers, limits_in_force
from wellbeing_app.core.limits import limits_on
from wellbeing_app.core.models import CheckIn, DailyLimit
from wellbeing_app.core.questionnaires import (
    PHQ9_SELF_HARM_ITEM,
    QUESTIONNAIRES,
    WHO5_DEPRESSION_CUTOFF,
    needs_crisis_resources,
    who5_depression_screen,
)
from wellbeing_app.core.stats import (
    Association,
    BreakStats,
    DayValue,
    GroupComparison,
    break_adherence,
    daily_community_minutes,
    daily_mood,
    days_in,
    gratitude_vs_mood,
    usage_associations,
)
from wellbeing_app.reporting.report_html import day_text, esc, plural, range_text
from wellbeing_app.reporting.report_model import (
    LEFT_OUT_BY_DEFAULT,
    LimitScores,
    LimitSummary,
    ReportInput,
)
from wellbeing_app.reporting.report_options import ReportOptions

# A check-in up to this many days before the period is its baseline; an older one says little
# about where the period started (each questionnaire asks about the last two weeks).
BASELINE_DAYS = 28


@dataclass(frozen=True, slots=True)
class Context:
    """The redacted data and everything worked out from it once for all sections."""

    data: ReportInput
    options: ReportOptions
    limits: LimitScores
    left_out: tuple[str, ...]
    days: tuple[date, ...]
    mood_days: tuple[DayValue, ...]
    usage_days: tuple[DayValue, ...]
    tracked: frozenset[date]
    breaks: BreakStats
    associations: tuple[Association, ...]
    gratitude: GroupComparison | None

    def moment(self, value: datetime) -> str:
        """A day, with the clock time only when exact times are shared."""
        text = day_text(day_of_datetime(value, self.data.day_start_hour))
        return f"{text}, {value:%H:%M}" if self.options.exact_times else text

    def day_of(self, value: datetime) -> date:
        return day_of_datetime(value, self.data.day_start_hour)


def tracked_days(data: ReportInput) -> frozenset[date]:
    """Days in the range with recorded computer time or any community time."""
    found = {a.day for a in data.active_days if a.seconds > 0}
    found |= {t.day for t in data.day_totals if t.seconds > 0}
    return frozenset(day for day in found if data.first <= day <= data.last)


def make_context(
    data: ReportInput, options: ReportOptions, limits: LimitScores, left_out: Iterable[str]
) -> Context:
    mood_days = daily_mood(data.moods, data.first, data.last, data.day_start_hour)
    usage_days = daily_community_minutes(data.day_totals, data.first, data.last, data.tracked_since)
    gratitude_days = {g.day for g in data.gratitude}
    return Context(
        data=data,
        options=options,
        limits=limits,
        left_out=tuple(left_out),
        days=days_in(data.first, data.last),
        mood_days=mood_days,
        usage_days=usage_days,
        tracked=tracked_days(data),
        breaks=break_adherence(data.break_events),
        associations=usage_associations(data.day_totals, mood_days, data.tracked_since),
        gratitude=gratitude_vs_mood(gratitude_days, mood_days),
    )


# --- limits ----------------------------------------------------------------------------------


def _limit_label(limit: DailyLimit, categories: dict[str, str], app_names: bool) -> str:
    if limit.kind == "app" and not app_names:
        return f"One {categories.get(limit.target, 'community')} app"
    return limit.target if limit.kind == "app" else f"All {limit.target} apps"


def score_limits(data: ReportInput, options: ReportOptions) -> LimitScores:
    """Each tracked day scored by the limits in force that day, from the full (unredacted) data.

    Days the history of limits does not reach (before it began) are scored by today's limits.
    """
    categories = {t.app: t.category for t in data.day_totals}
    per_day: dict[tuple[str, str], dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for t in data.day_totals:
        per_day[("app", t.app.lower())][t.day] += t.seconds / 60
        per_day[("category", t.category.lower())][t.day] += t.seconds / 60
    used: dict[tuple[str, str, int, frozenset[int]], list[tuple[date, float]]] = {}
    for day in sorted(tracked_days(data)):
        if history_covers(data.limit_history_since, day, data.day_start_hour):
            in_force = limits_in_force(data.limit_changes, day, data.day_start_hour)
        else:
            in_force = list(data.limits)
        for limit in limits_on(in_force, day):
            minutes = per_day[(limit.kind, limit.target.lower())].get(day, 0.0)
            key = (limit.kind, limit.target, limit.minutes, limit.weekdays)
            used.setdefault(key, []).append((day, minutes))
    found = []
    for (kind, target, minutes, weekdays), days in sorted(
        used.items(), key=lambda kv: (kv[0][0], kv[0][1].lower(), kv[1][0][0])
    ):
        limit = DailyLimit(target, kind, minutes, weekdays)  # type: ignore[arg-type]
        values = [value for _, value in days]
        found.append(
            LimitSummary(
                label=_limit_label(limit, categories, options.app_names),
                minutes=minutes,
                weekdays=weekdays,
                days_applied=len(values),
                days_over=sum(1 for value in values if value > minutes),
                average_minutes=sum(values) / len(values),
            )
        )
    since = data.limit_history_since
    history_from = None
    if since is not None and day_of_datetime(since, data.day_start_hour) <= data.last:
        history_from = max(day_of_datetime(since, data.day_start_hour), data.first)
    fallback = (
        (history_from - data.first).days if history_from else len(days_in(data.first, data.last))
    )
    return LimitScores(tuple(found), history_from, fallback)


def limits_history_note(context: Context) -> str | None:
    """Page 1's word on days scored by today's limits for want of a history, if any."""
    scores = context.limits
    if not scores.fallback_days or not context.data.limits:
        return None
    if scores.history_from is None:
        return (
            "No record of the limits in force in this period: every day is scored against"
            " today's limits (the app keeps that record from now on)."
        )
    return (
        f"No record of the limits in force before {day_text(scores.history_from)}: the"
        f" {plural(scores.fallback_days, 'day')} before it are scored against today's limits."
    )


# --- check-ins -------------------------------------------------------------------------------


def baseline(context: Context, name: str) -> CheckIn | None:
    """The questionnaire's baseline: its last check-in in the ``BASELINE_DAYS`` before the period,
    or else its first one in the period."""
    data = context.data
    earlier = [c for c in data.earlier_checkins if c.questionnaire == name]
    if earlier and context.day_of(earlier[-1].at) >= data.first - timedelta(days=BASELINE_DAYS):
        return earlier[-1]
    return next((c for c in data.checkins if c.questionnaire == name), None)


def score_text(checkin: CheckIn) -> str:
    if checkin.questionnaire == "WHO-5":
        return f"{checkin.score:.0f}/100"
    top = 27 if checkin.questionnaire == "PHQ-9" else 21
    return f"{checkin.raw_score}/{top}"


def at_or_below_who5_cutoff(checkin: CheckIn) -> bool:
    return checkin.questionnaire == "WHO-5" and checkin.score <= WHO5_DEPRESSION_CUTOFF


def who5_depression_text(checkins: Sequence[CheckIn]) -> str | None:
    """How many of the period's WHO-5 scores were at or below 28/100, then the published cut-off
    and its advice in the result screen's words (``who5_depression_screen``); ``None`` if none."""
    who5 = [c for c in checkins if c.questionnaire == "WHO-5"]
    low = [c for c in who5 if at_or_below_who5_cutoff(c)]
    if not low:
        return None
    advice = who5_depression_screen(min(c.score for c in low))
    was = "was" if len(low) == 1 else "were"
    return (
        f"{len(low)} of the {plural(len(who5), 'WHO-5 score')} in this period {was} at or below"
        f" {WHO5_DEPRESSION_CUTOFF}/100, in the range of low well-being. {advice}"
    )


def item9_statements(context: Context) -> list[str]:
    """One sentence per PHQ-9 with question 9 answered above "not at all", oldest first."""
    phq9 = QUESTIONNAIRES["PHQ-9"]
    found = []
    for checkin in context.data.checkins:
        if needs_crisis_resources(checkin):
            answer = phq9.answers[checkin.answers[PHQ9_SELF_HARM_ITEM - 1]]
            found.append(
                f"On {esc(context.moment(checkin.at))}, PHQ-9 question {PHQ9_SELF_HARM_ITEM}"
                " (thoughts of being better off dead or of self-harm) was answered"
                f" “{esc(answer.lower())}”."
            )
    return found


# --- shared words ----------------------------------------------------------------------------


def left_out_sentences(left_out: Sequence[str]) -> list[str]:
    """What is left out by default (and can be included), then what the person chose."""
    defaults = [item for item in left_out if item in LEFT_OUT_BY_DEFAULT]
    chosen = [item for item in left_out if item not in LEFT_OUT_BY_DEFAULT]
    found = []
    if defaults:
        can = "they can" if len(defaults) > 1 else "it can"
        found.append(f"Left out by default: {', '.join(defaults)} ({can} be included).")
    if chosen:
        found.append(f"Left out at the person's request: {', '.join(chosen)}.")
    return found


def report_title(context: Context) -> tuple[str, str]:
    data = context.data
    return (
        "Self-tracking summary",
        f"{range_text(data.first, data.last)} · {len(context.days)} days",
    )


def mood_values(context: Context) -> list[float]:
    return [d.value for d in context.mood_days if d.value is not None]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def app_totals(context: Context) -> list[tuple[str, str, float]]:
    """(app or category, category, seconds), largest first."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for t in context.data.day_totals:
        totals[(t.app, t.category)] += t.seconds
    return sorted(
        ((app, category, seconds) for (app, category), seconds in totals.items()),
        key=lambda row: (-row[2], row[0]),
    )


def usage_total(context: Context) -> float:
    return sum(t.seconds for t in context.data.day_totals)
