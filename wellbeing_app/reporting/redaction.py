"""Redaction: the one place where the person's privacy choices are applied.

Notes, gratitude text, app names and clock times that are not to be shared are removed from the
data itself, before any text or chart is made, so nothing later can leak them by accident.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.models import DayAppTotal, GratitudeItem
from wellbeing_app.reporting.report_model import ReportInput
from wellbeing_app.reporting.report_options import ReportOptions

# The reasons a break prompt offers as buttons (ui.break_prompt.SKIP_REASONS, and the sample
# data's): shared as they are. Anything else was typed in the person's own words, like a note.
PRESET_REASONS = frozenset(
    {"talking with friends", "finishing something", "it's work", "not now", "no reason given"}
)


def is_preset_reason(reason: str) -> bool:
    return reason.strip().lower() in PRESET_REASONS


_OWN_WORDS_REASON = "a reason in their own words (not included)"


def _neutral_time(moment: datetime, day_start_hour: int) -> datetime:
    """The middle of ``moment``'s local day: keeps the day, drops the clock time."""
    day = day_of_datetime(moment, day_start_hour)
    start = datetime.combine(day, time(day_start_hour), moment.tzinfo)
    return start + timedelta(hours=12)


def _app_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    # One-letter names ("X") would match ordinary words; longer names first so "Hacker News"
    # wins over a shorter name inside it.
    usable = sorted({n for n in names if len(n.strip()) > 1}, key=len, reverse=True)
    if not usable:
        return None
    alternatives = "|".join(re.escape(name) for name in usable)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(data: ReportInput, options: ReportOptions) -> ReportInput:
    """The data with everything the person chose not to share removed.

    Run before any text or chart is made. Limit summaries need the app names, so they are
    worked out by ``build_report`` before this and labelled with the same rules.
    """
    categories = {t.app: t.category for t in data.day_totals}
    pattern = None if options.app_names else _app_pattern([*categories, *_app_limit_targets(data)])

    def text(value: str) -> str:
        if pattern is None:
            return value
        lowered = {name.lower(): category for name, category in categories.items()}
        return pattern.sub(
            lambda m: f"[a {lowered.get(m.group(0).lower(), 'community')} app]", value
        )

    def when(moment: datetime) -> datetime:
        return moment if options.exact_times else _neutral_time(moment, data.day_start_hour)

    moods = tuple(
        replace(
            m,
            at=when(m.at),
            note=text(m.note) if options.include_notes else "",
            tags=m.tags if options.include_notes else (),
        )
        for m in data.moods
    )
    gratitude = tuple(
        replace(
            g,
            at=when(g.at),
            items=tuple(
                GratitudeItem(text(i.text), text(i.why))
                if options.include_gratitude_text
                else GratitudeItem("", "")
                for i in g.items
            ),
        )
        for g in data.gratitude
    )
    day_totals = data.day_totals
    limits = data.limits
    if not options.app_names:
        merged: dict[tuple[date, str], float] = {}
        for t in data.day_totals:
            merged[(t.day, t.category)] = merged.get((t.day, t.category), 0.0) + t.seconds
        day_totals = tuple(
            DayAppTotal(day, category, category, seconds)
            for (day, category), seconds in sorted(
                merged.items(), key=lambda kv: (kv[0][0], -kv[1])
            )
        )
        limits = tuple(
            replace(limit, target=f"one {categories.get(limit.target, 'community')} app")
            if limit.kind == "app"
            else limit
            for limit in data.limits
        )
    break_events = tuple(
        replace(
            e,
            at=when(e.at),
            target=e.target if options.app_names else "",
            reason=_shared_reason(e.reason, options.include_notes, text),
        )
        for e in data.break_events
    )
    return replace(
        data,
        day_totals=day_totals,
        hour_totals=data.hour_totals if options.exact_times else (),
        moods=moods,
        gratitude=gratitude,
        checkins=tuple(replace(c, at=when(c.at)) for c in data.checkins),
        earlier_checkins=tuple(replace(c, at=when(c.at)) for c in data.earlier_checkins),
        break_events=break_events,
        limits=limits,
        # Already scored by then (``score_limits``); past targets are not shown otherwise.
        limit_changes=data.limit_changes if options.app_names else (),
        activities=tuple(replace(a, at=when(a.at)) for a in data.activities),
    )


def _app_limit_targets(data: ReportInput) -> list[str]:
    return [limit.target for limit in data.limits if limit.kind == "app"]


def _shared_reason(reason: str, include_notes: bool, text: Callable[[str], str]) -> str:
    """Reasons picked from the prompt's buttons are shared; ones typed in own words are notes."""
    cleaned = " ".join(reason.split())
    if not cleaned or cleaned.lower().startswith("cut short") or is_preset_reason(cleaned):
        return reason
    return text(cleaned) if include_notes else _OWN_WORDS_REASON
