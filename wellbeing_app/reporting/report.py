"""The therapist report: what to include, the data it needs, and the report itself.

A report is built in three steps, each testable alone:

1. ``ReportInput``: plain data for one range of days, gathered elsewhere (``report_input.gather``).
2. ``redact``: the one place where the person's privacy choices are applied. Notes, gratitude
   text, app names and clock times that are not to be shared are removed from the data itself,
   before any text or chart is made, so nothing later can leak them by accident.
3. ``build_report``: the ordered sections (title, HTML, charts rendered to PNG) and what was
   left out at the person's request. ``preview_html`` shows exactly that before anything is
   written; ``write_pdf`` (in ``pdf.py``) prints it.

The wording describes self-tracking and screening results, never a diagnosis.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import (
    ActiveDay,
    BreakEvent,
    CheckIn,
    DailyLimit,
    DayAppTotal,
    GratitudeEntry,
    GratitudeItem,
    HourTotal,
    MoodEntry,
)
from wellbeing_app.reporting import report_sections as sections
from wellbeing_app.reporting.pdf import write_pdf
from wellbeing_app.reporting.report_sections import (
    ActivityDone,
    LimitSummary,
    ReportFigure,
    ReportSection,
)

__all__ = [
    "DEFAULT_SECTIONS",
    "SECTIONS",
    "SECTION_TITLES",
    "ActivityDone",
    "Report",
    "ReportFigure",
    "ReportInput",
    "ReportOptions",
    "ReportSection",
    "build_report",
    "document_html",
    "parse_sections",
    "preview_html",
    "redact",
    "write_pdf",
]

# In the order they appear in the report.
SECTIONS: tuple[str, ...] = (
    "cover",
    "checkins",
    "mood",
    "usage",
    "limits_breaks",
    "activities",
    "associations",
    "questions",
    "calendar",
)
SECTION_TITLES: dict[str, str] = {
    "cover": "Summary and coverage",
    "checkins": "Check-in scores",
    "mood": "Mood",
    "usage": "Time in online communities",
    "limits_breaks": "Limits and breaks",
    "activities": "Offline activities",
    "associations": "Associations, not causes",
    "questions": "Questions for my next session",
    "calendar": "Monthly mood calendar",
}
DEFAULT_SECTIONS: frozenset[str] = frozenset(SECTIONS) - {"questions", "calendar"}
_PRESET_VERSION = 1
MAX_QUESTIONS = 30
MAX_QUESTION_LENGTH = 500


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What goes into a report: the days, the sections and the privacy choices.

    The defaults share as little as possible: no notes, no gratitude text. ``app_names=False``
    shows categories only ("chat", "forum"); ``exact_times=False`` shows days, never a clock
    time. ``questions`` are the person's "questions for my next session", one per item.
    """

    first: date
    last: date
    sections: frozenset[str] = DEFAULT_SECTIONS
    include_notes: bool = False
    include_gratitude_text: bool = False
    app_names: bool = True
    exact_times: bool = True
    questions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput(f"The report ends ({self.last}) before it starts ({self.first}).")
        unknown = sorted(set(self.sections) - set(SECTIONS))
        if unknown:
            known = ", ".join(SECTIONS)
            raise InvalidInput(
                f"There is no report section called {unknown[0]!r}; known ones: {known}."
            )
        cleaned = tuple(q.strip() for q in self.questions if q.strip())
        if len(cleaned) > MAX_QUESTIONS:
            raise InvalidInput(f"A report holds at most {MAX_QUESTIONS} questions.")
        if any(len(q) > MAX_QUESTION_LENGTH for q in cleaned):
            raise InvalidInput(
                f"Each question can be at most {MAX_QUESTION_LENGTH} characters long."
            )
        object.__setattr__(self, "sections", frozenset(self.sections))
        object.__setattr__(self, "questions", cleaned)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def includes(self, section: str) -> bool:
        return section in self.sections

    def left_out(self) -> list[str]:
        """What the person chose not to share, in words for the report."""
        out = []
        if not self.include_notes:
            out.append("notes")
        if not self.include_gratitude_text:
            out.append("gratitude text")
        if not self.app_names:
            out.append("app names (categories only)")
        if not self.exact_times:
            out.append("exact times")
        out += [
            SECTION_TITLES[key].lower()
            for key in SECTIONS
            if key in DEFAULT_SECTIONS and key not in self.sections
        ]
        return out

    def to_json(self) -> str:
        """The options as JSON, for a saved preset."""
        return json.dumps(
            {
                "version": _PRESET_VERSION,
                "first": self.first.isoformat(),
                "last": self.last.isoformat(),
                "sections": [key for key in SECTIONS if key in self.sections],
                "include_notes": self.include_notes,
                "include_gratitude_text": self.include_gratitude_text,
                "app_names": self.app_names,
                "exact_times": self.exact_times,
                "questions": list(self.questions),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ReportOptions:
        """Options from ``to_json``; ``InvalidInput`` when the text is not such a preset."""
        try:
            raw = json.loads(text)
        except (TypeError, ValueError):
            raise InvalidInput("That report preset is not valid JSON.") from None
        if not isinstance(raw, dict):
            raise InvalidInput("That report preset is not a set of report options.")
        if raw.get("version", _PRESET_VERSION) != _PRESET_VERSION:
            raise InvalidInput("That report preset was saved by a newer version of Wellbeing.")
        sections_raw = raw.get("sections", sorted(DEFAULT_SECTIONS))
        questions_raw = raw.get("questions", [])
        if not _is_list_of_str(sections_raw) or not _is_list_of_str(questions_raw):
            raise InvalidInput("That report preset's sections or questions are not lists of text.")
        return cls(
            first=_preset_day(raw, "first"),
            last=_preset_day(raw, "last"),
            sections=frozenset(sections_raw),
            include_notes=_preset_flag(raw, "include_notes", False),
            include_gratitude_text=_preset_flag(raw, "include_gratitude_text", False),
            app_names=_preset_flag(raw, "app_names", True),
            exact_times=_preset_flag(raw, "exact_times", True),
            questions=tuple(questions_raw),
        )


def parse_sections(text: str) -> frozenset[str]:
    """Section keys from ``"cover,mood, usage"`` (for ``--include``); ``InvalidInput`` names
    an unknown one. ``"all"`` means every section, ``"default"`` the default ones."""
    names = [name.strip().lower().replace("-", "_") for name in text.split(",") if name.strip()]
    if not names:
        raise InvalidInput("Name at least one report section, e.g. cover,mood,usage.")
    chosen: set[str] = set()
    for name in names:
        if name == "all":
            chosen |= set(SECTIONS)
        elif name == "default":
            chosen |= DEFAULT_SECTIONS
        elif name in SECTIONS:
            chosen.add(name)
        else:
            known = ", ".join(SECTIONS)
            raise InvalidInput(f"There is no report section called {name!r}; known ones: {known}.")
    return frozenset(chosen)


def _is_list_of_str(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _preset_day(raw: Mapping[str, object], key: str) -> date:
    value = raw.get(key)
    if not isinstance(value, str):
        raise InvalidInput(f"That report preset has no '{key}' day.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"That report preset's '{key}' is not a day: {value!r}.") from None


def _preset_flag(raw: Mapping[str, object], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise InvalidInput(f"That report preset's '{key}' must be true or false.")
    return value


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report over ``first..last`` needs, as plain data (no database, no Qt).

    Attributes:
        made_at: when the data was gathered; the report shows its day.
        day_totals: community seconds per (local day, app) inside the range.
        hour_totals: community seconds per (weekday, hour) inside the range.
        active_days: time at the computer per day, where tracking recorded it.
        tracked_since: the first day with any usage ever; earlier days read "not tracked yet".
        moods, gratitude, checkins, break_events, activities: inside the range, oldest first.
        earlier_checkins: the latest check-in of each questionnaire before the range, so the
            first score in the range has something to be compared with.
        limits: the daily limits as they are set now.
    """

    first: date
    last: date
    made_at: datetime
    day_start_hour: int = 4
    day_totals: tuple[DayAppTotal, ...] = ()
    hour_totals: tuple[HourTotal, ...] = ()
    active_days: tuple[ActiveDay, ...] = ()
    tracked_since: date | None = None
    has_approximate: bool = False
    moods: tuple[MoodEntry, ...] = ()
    gratitude: tuple[GratitudeEntry, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    earlier_checkins: tuple[CheckIn, ...] = ()
    break_events: tuple[BreakEvent, ...] = ()
    limits: tuple[DailyLimit, ...] = ()
    activities: tuple[ActivityDone, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """A finished report: ordered sections and what was left out at the person's request."""

    title: str
    subtitle: str
    first: date
    last: date
    sections: list[ReportSection]
    left_out: list[str] = field(default_factory=list)

    def section(self, key: str) -> ReportSection | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]


# --- redaction -----------------------------------------------------------------------------


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
        activities=tuple(replace(a, at=when(a.at)) for a in data.activities),
    )


def _app_limit_targets(data: ReportInput) -> list[str]:
    return [limit.target for limit in data.limits if limit.kind == "app"]


def _shared_reason(reason: str, include_notes: bool, text: Callable[[str], str]) -> str:
    """Reasons picked from the prompt's buttons are shared; ones typed in own words are notes."""
    cleaned = " ".join(reason.split())
    if not cleaned or cleaned.lower().startswith("cut short") or sections.is_preset_reason(cleaned):
        return reason
    return text(cleaned) if include_notes else _OWN_WORDS_REASON


# --- building ------------------------------------------------------------------------------


def build_report(data: ReportInput, options: ReportOptions) -> Report:
    """The report for ``data`` with ``options`` applied; pure apart from drawing the charts.

    Raises:
        InvalidInput: ``data`` was gathered for another range than ``options`` asks for.
    """
    if (data.first, data.last) != (options.first, options.last):
        raise InvalidInput(
            f"The data covers {data.first} to {data.last}, but the report is for "
            f"{options.first} to {options.last}; gather the data for the report's days."
        )
    limits = _limit_summaries(data, options)
    context = sections.make_context(redact(data, options), options, limits, options.left_out())
    built = [
        builder(context) for key, builder in sections.BUILDERS.items() if options.includes(key)
    ]
    built.append(sections.about(context))
    title, subtitle = sections.report_title(context)
    return Report(title, subtitle, options.first, options.last, built, options.left_out())


def _limit_summaries(data: ReportInput, options: ReportOptions) -> tuple[LimitSummary, ...]:
    """How each limit went, worked out from the full data and labelled as the options allow."""
    categories = {t.app: t.category for t in data.day_totals}
    tracked = sections.tracked_days(data)
    found = []
    for limit in sorted(data.limits, key=lambda item: (item.kind, item.target.lower())):
        target = limit.target.lower()
        per_day: dict[date, float] = {}
        for t in data.day_totals:
            matches = (t.app if limit.kind == "app" else t.category).lower() == target
            if matches:
                per_day[t.day] = per_day.get(t.day, 0.0) + t.seconds / 60
        applied = [day for day in sorted(tracked) if limit.applies_on(day)]
        used = [per_day.get(day, 0.0) for day in applied]
        if limit.kind == "app" and not options.app_names:
            label = f"One {categories.get(limit.target, 'community')} app"
        elif limit.kind == "app":
            label = limit.target
        else:
            label = f"All {limit.target} apps"
        found.append(
            LimitSummary(
                label=label,
                minutes=limit.minutes,
                weekdays=limit.weekdays,
                days_applied=len(applied),
                days_over=sum(1 for minutes in used if minutes > limit.minutes),
                average_minutes=sum(used) / len(used) if used else None,
            )
        )
    return tuple(found)


# --- HTML ----------------------------------------------------------------------------------


def document_html(report: Report) -> str:
    """The whole report as one HTML document; charts referenced as ``figure:NAME``."""
    return sections.document_html(report.title, report.subtitle, report.sections)


def preview_html(report: Report) -> str:
    """The same document with its charts inline (data URLs): what the PDF will show."""
    page = document_html(report)
    for section in report.sections:
        for figure in section.figures:
            encoded = base64.b64encode(figure.png).decode("ascii")
            page = page.replace(f'src="{figure.url}"', f'src="data:image/png;base64,{encoded}"')
    return page
