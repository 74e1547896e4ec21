"""Realistic sample data: for a newcomer's first look, screenshots and benchmarks.

Not uniform: weekdays have work chat in office hours and feeds in the evening, weekends spread
out; some days are heavy. Moods dip on heavy days and the day after, gratitude is written on
some days (more often on lighter ones), WHO-5 check-ins every two weeks follow the mood, and
break prompts are taken, snoozed and skipped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wellbeing_app.core.clock import utc_offset_seconds
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.journal import new_gratitude_entry, new_mood_entry
from wellbeing_app.core.models import (
    BreakEvent,
    BreakKind,
    BreakOutcome,
    CheckIn,
    DailyLimit,
    GratitudeEntry,
    GratitudeItem,
    MoodEntry,
    UsageSpan,
)
from wellbeing_app.core.questionnaires import score_who5

# (app, category, source) and expected minutes per clock hour on weekdays / weekends.
_Profile = dict[range, float]
_APPS: tuple[tuple[str, str, _Profile, _Profile], ...] = (
    ("Slack", "chat", {range(9, 12): 7, range(13, 18): 8}, {}),
    (
        "Discord",
        "chat",
        {range(12, 13): 4, range(19, 24): 11, range(0, 1): 5},
        {range(11, 18): 7, range(18, 24): 13, range(0, 2): 8},
    ),
    (
        "Reddit",
        "forum",
        {range(6, 9): 4, range(12, 14): 6, range(20, 24): 9, range(0, 1): 7},
        {range(7, 13): 8, range(20, 24): 11, range(0, 2): 9},
    ),
    ("YouTube", "video community", {range(19, 24): 9}, {range(14, 24): 9}),
    (
        "Instagram",
        "social feed",
        {range(6, 9): 4, range(12, 13): 4, range(21, 24): 6},
        {range(7, 23): 5},
    ),
    ("X", "social feed", {range(8, 9): 3, range(12, 13): 3, range(18, 23): 4}, {range(10, 22): 3}),
    ("WhatsApp", "chat", {range(8, 23): 2}, {range(9, 23): 3}),
    ("Hacker News", "forum", {range(9, 18): 2}, {range(10, 12): 3}),
    ("LinkedIn", "professional network", {range(9, 18): 1}, {}),
)
_CATEGORY = {name: category for name, category, _, _ in _APPS}

_NOTES = (
    "Long day, scrolled too much after dinner.",
    "Walked to the river with Sam, felt lighter.",
    "Couldn't sleep, ended up on Reddit until late.",
    "Good call with Mum.",
    "Felt left out seeing everyone's weekend posts.",
    "Finished the sketch I started last week!",
    "Meetings all day, Slack never stopped.",
    "Yoga class in the evening, calm afterwards.",
)
_GRATITUDE = (
    ("A proper coffee with a friend", "I made time for it"),
    ("Sunshine on the walk home", ""),
    ("My sister's voice message", "she remembered my interview"),
    ("Cooking something new", "I put the phone in another room"),
    ("A quiet hour reading", ""),
    ("The neighbour's dog", ""),
    ("Helping at the food bank", "it felt useful"),
    ("Finishing a hard task", "I broke it into small steps"),
    ("A good night's sleep", "screens off at ten"),
    ("Laughing at dinner", ""),
)
_SKIP_REASONS = ("talking with friends", "finishing something", "not now", "")
_ACTIVITIES = (
    "walk-around-the-block",
    "call-a-friend",
    "stretch",
    "make-tea-mindfully",
    "read-a-book",
    "sketch",
)


@dataclass(frozen=True, slots=True)
class DemoData:
    spans: tuple[UsageSpan, ...]
    active_seconds: tuple[tuple[date, float], ...]
    moods: tuple[MoodEntry, ...]
    gratitude: tuple[GratitudeEntry, ...]
    checkins: tuple[CheckIn, ...]
    break_events: tuple[BreakEvent, ...]
    limits: tuple[DailyLimit, ...]


def _expected_minutes(profile: _Profile, hour: int) -> float:
    return sum(minutes for hours, minutes in profile.items() if hour in hours)


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


class _DayBuilder:
    def __init__(self, rng: random.Random, day: date, start: datetime, now: datetime) -> None:
        self.rng, self.day, self.start, self.now = rng, day, start, now
        self.weekend = day.weekday() >= 5
        self.heavy = rng.random() < (0.35 if day.weekday() in (4, 6) else 0.2)
        self.spans: list[UsageSpan] = []
        self.seconds = 0.0

    def usage(self) -> None:
        rng = self.rng
        scale = 1.7 if self.heavy else rng.uniform(0.55, 1.1)
        offset = utc_offset_seconds(self.start)
        for step in range(24):
            hour_start = self.start + timedelta(hours=step)
            sessions = []
            for app, _category, weekday, weekend in _APPS:
                expected = (
                    _expected_minutes(weekend if self.weekend else weekday, hour_start.hour) * scale
                )
                while expected > 0:
                    if rng.random() < min(1.0, expected / 9):
                        sessions.append((app, rng.uniform(1.5, 14.0)))
                    expected -= 9
            rng.shuffle(sessions)
            budget = 3300.0
            cursor = hour_start.timestamp() + rng.uniform(0, 300)
            hour_end = hour_start.timestamp() + 3600
            for app, minutes in sessions:
                length = min(minutes * 60, budget, hour_end - cursor)
                if length < 30:
                    break
                end = min(cursor + length, self.now.timestamp())
                if end - cursor >= 30:
                    self.spans.append(
                        UsageSpan(cursor, end, offset, app, _CATEGORY[app], source="demo")
                    )
                    self.seconds += end - cursor
                budget -= length
                cursor += length + rng.uniform(30, 600)
                if cursor >= hour_end or cursor >= self.now.timestamp():
                    break

    def at(self, hour: float) -> datetime:
        return datetime.combine(self.day, time(0), self.start.tzinfo) + timedelta(hours=hour)


def generate(now: datetime, days: int = 60, seed: int = 7, day_start_hour: int = 4) -> DemoData:
    """Sample data for the ``days`` local days ending today (today only up to ``now``)."""
    if now.tzinfo is None:
        raise ValueError("generate needs a timezone-aware 'now'")
    rng = random.Random(seed)
    today = day_of_datetime(now, day_start_hour)
    spans: list[UsageSpan] = []
    active: list[tuple[date, float]] = []
    moods: list[MoodEntry] = []
    gratitude: list[GratitudeEntry] = []
    breaks: list[BreakEvent] = []
    daily_mood: list[float] = []
    yesterday_heavy = False
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        start = datetime.combine(day, time(day_start_hour), now.tzinfo)
        builder = _DayBuilder(rng, day, start, now)
        builder.usage()
        spans.extend(builder.spans)
        hours_online = builder.seconds / 3600
        work = 0.0 if builder.weekend else rng.uniform(4.5, 7.0) * 3600
        active.append((day, builder.seconds + work + rng.uniform(0.5, 2.0) * 3600))

        base = (
            3.6
            + (0.3 if builder.weekend else 0.0)
            - (0.6 if builder.heavy else 0.0)
            - (0.3 if yesterday_heavy else 0.0)
            - 0.2 * max(0.0, hours_online - 3)
            + rng.gauss(0, 0.45)
        )
        yesterday_heavy = builder.heavy
        day_scores = []
        for hour, chance in ((8.5, 0.5), (13.0, 0.3), (21.0, 0.8)):
            when = builder.at(hour + rng.uniform(-0.7, 0.7))
            if when > now or rng.random() > chance:
                continue
            score = _clip(base + rng.gauss(0, 0.5), 1, 5)
            tags = (
                rng.sample(("tired", "anxious", "restless", "lonely", "stressed"), 2)
                if score <= 2
                else rng.sample(("calm", "content", "connected", "grateful"), 2)
                if score >= 4
                else rng.sample(("bored", "tired", "content", "work"), 1)
            )
            if rng.random() < 0.3:
                tags.append(rng.choice(("work", "family", "exercise", "sleep", "friends")))
            note = rng.choice(_NOTES) if rng.random() < 0.25 else ""
            moods.append(
                new_mood_entry(when, score, _clip(base + rng.gauss(0, 0.8), 1, 5), tags, note)
            )
            day_scores.append(score)
        daily_mood.append(sum(day_scores) / len(day_scores) if day_scores else base)

        evening = builder.at(21.5 + rng.uniform(0, 1.5))
        if evening <= now and rng.random() < (0.55 if not builder.heavy else 0.25):
            picks = rng.sample(_GRATITUDE, rng.randint(1, 3))
            gratitude.append(
                new_gratitude_entry(
                    day,
                    evening,
                    [GratitudeItem(t, w if rng.random() < 0.6 else "") for t, w in picks],
                )
            )

        prompts = rng.randint(1, 3) if builder.heavy else (1 if rng.random() < 0.5 else 0)
        for _ in range(prompts):
            when = builder.at(rng.uniform(19.0, 23.5))
            if when > now:
                continue
            kind: BreakKind = rng.choice(("continuous_use", "continuous_use", "daily_limit"))
            roll = rng.random()
            outcome: BreakOutcome = (
                "taken" if roll < 0.45 else "snoozed" if roll < 0.7 else "skipped"
            )
            breaks.append(
                BreakEvent(
                    when,
                    kind,
                    outcome,
                    target="Reddit" if kind == "daily_limit" else "",
                    reason=rng.choice(_SKIP_REASONS) if outcome == "skipped" else "",
                    activity_id=rng.choice(_ACTIVITIES) if outcome == "taken" else "",
                )
            )

    checkins = []
    for index in range(3, days, 14):
        window = daily_mood[max(0, index - 13) : index + 1]
        average = sum(window) / len(window)
        answers = [_clip(average - 0.8 + rng.gauss(0, 0.7), 0, 5) for _ in range(5)]
        when = datetime.combine(today - timedelta(days=days - 1 - index), time(19, 30), now.tzinfo)
        if when <= now:
            checkins.append(score_who5(when, answers))

    limits = (
        DailyLimit("Reddit", "app", 45),
        DailyLimit("social feed", "category", 60),
        DailyLimit("Discord", "app", 90, frozenset({5, 6})),
    )
    return DemoData(
        tuple(spans),
        tuple(active),
        tuple(moods),
        tuple(gratitude),
        tuple(checkins),
        tuple(breaks),
        limits,
    )
