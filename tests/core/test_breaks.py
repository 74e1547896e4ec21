"""The break scheduler, driven through simulated days by a fake clock: no sleeping, no wall clock.

``Sim`` plays the reminders service: it moves a clock forward 1-10 s at a time, keeps today's
usage per app the way the tracker would (on local days starting at 04:00), feeds observations
and, when asked, answers prompts like a person would.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.core.breaks import (
    BREATHING_SECONDS,
    BreakCutShort,
    BreakDue,
    BreakScheduler,
    BreakSkipped,
    BreakSnoozed,
    BreakStarted,
    BreakState,
    BreakTaken,
    BreakUpdate,
    CommunityUse,
    HeadsUp,
    Observation,
    PromptUnlocked,
    QuietHoursNudge,
)
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import AppTotal, BreakEvent, DailyLimit
from wellbeing_app.core.quiet_hours import QuietHours, in_quiet_hours, parse_quiet_hours
from wellbeing_app.core.settings import Settings

CET = timezone(timedelta(hours=1))
BERLIN = ZoneInfo("Europe/Berlin")
REDDIT = CommunityUse("Reddit", "forum")
DISCORD = CommunityUse("Discord", "chat")
INSTAGRAM = CommunityUse("Instagram", "social feed")
OTHER = None  # an app that is not an online community: a text editor, a spreadsheet
# Limits and quiet hours are tested on their own unless a test says otherwise.
ONLY_LIMITS = Settings(continuous_use_minutes=240)
Answer = Callable[[BreakDue, "Sim"], object]
U = TypeVar("U", bound=BreakUpdate)


class Sim:
    """A fake clock, the tracker's daily totals and a person, around one ``BreakScheduler``."""

    def __init__(
        self,
        scheduler: BreakScheduler,
        start: datetime,
        tz: tzinfo | None = None,
        seed: int = 0,
        break_minutes: int = 5,
    ) -> None:
        self.scheduler = scheduler
        self.clock = start.astimezone(UTC)  # what the system clock reads, kept in UTC
        self.tz = tz or start.tzinfo or UTC
        self.rng = random.Random(seed)
        self.usage: defaultdict[date, defaultdict[CommunityUse, float]] = defaultdict(
            lambda: defaultdict(float)
        )
        self.updates: list[BreakUpdate] = []
        self.answer: Answer | None = None
        # An independent model: community seconds since the last pause of break_minutes, where
        # a step between observations belongs to the state seen first, and a gap (longer than
        # 15 s) is a pause if it lasts break_minutes, else nothing.
        self.pause = break_minutes * 60
        self.model_use = 0.0
        self.model_away = 0.0
        self.model_at_prompt: list[float] = []
        self._last_seen: tuple[datetime, bool] | None = None

    @property
    def now(self) -> datetime:
        return self.clock.astimezone(self.tz)

    def day(self) -> date:
        return day_of_datetime(self.now, 4)

    def run(
        self,
        minutes: float,
        using: CommunityUse | None = OTHER,
        *,
        idle: bool = False,
        busy: bool = False,
        last_input: datetime | None = None,
        until: type[BreakUpdate] | None = None,
    ) -> list[BreakUpdate]:
        """Ticks every 1-10 s for ``minutes`` in one state, or until an ``until`` update;
        returns the updates seen."""
        end = self.clock + timedelta(minutes=minutes)
        seen: list[BreakUpdate] = []
        while self.clock < end:
            totals = tuple(
                AppTotal(app.app, app.category, seconds)
                for app, seconds in self.usage[self.day()].items()
            )
            idle_seconds = (self.now - last_input).total_seconds() if last_input else 0.0
            obs = Observation(self.now, using, idle, busy, totals, idle_seconds=idle_seconds)
            in_use = None if idle else using
            self._model(in_use is not None)
            new = self._feed(self.scheduler.observe(obs))
            seen += new
            if until is not None and of(new, until):
                break
            step = min(self.rng.randint(1, 10), (end - self.clock).total_seconds())
            if in_use is not None:
                self.usage[self.day()][in_use] += step
            self.clock += timedelta(seconds=step)
        return seen

    def _feed(self, updates: list[BreakUpdate]) -> list[BreakUpdate]:
        seen = []
        for update in updates:
            seen.append(update)
            self.updates.append(update)
            if isinstance(update, BreakDue):
                self.model_at_prompt.append(self.model_use)
                if self.answer is not None:
                    before = len(self.updates)
                    self.answer(update, self)
                    seen += self.updates[before:]
        return seen

    def press(self, button: str, *args: str, after: float = 0.0) -> list[BreakUpdate]:
        """A button on the prompt, pressed ``after`` seconds from now."""
        at = self.now + timedelta(seconds=after)
        pressed: list[BreakUpdate] = getattr(self.scheduler, button)(at, *args)
        self.updates += pressed
        return pressed

    def _model(self, using_now: bool) -> None:
        last, self._last_seen = self._last_seen, (self.clock, using_now)
        if last is None:
            return
        seconds = (self.clock - last[0]).total_seconds()
        using = last[1]
        if seconds < 0 or (15 < seconds < self.pause):
            return
        if using and seconds <= 15:
            self.model_use += seconds
            self.model_away = 0.0
        else:
            self.model_away += seconds
            if self.model_away >= self.pause:
                self.model_use = 0.0

    def suspend(self, minutes: float) -> None:
        """No observations for a while: the lid closed, or the process stalled."""
        self.clock += timedelta(minutes=minutes)

    def set_clock_back(self, minutes: float) -> None:
        self.clock -= timedelta(minutes=minutes)


def of(updates: Sequence[BreakUpdate], kind: type[U]) -> list[U]:
    return [u for u in updates if isinstance(u, kind)]


def dues(updates: Sequence[BreakUpdate], kind: str | None = None) -> list[BreakDue]:
    return [u for u in updates if isinstance(u, BreakDue) and kind in (None, u.kind)]


def records(updates: Sequence[BreakUpdate]) -> list[tuple[str, str, str]]:
    found = [u.record for u in updates]
    return [(r.kind, r.outcome, r.target) for r in found if r is not None]


def near(moment: datetime, expected: datetime, seconds: float = 20) -> bool:
    return abs(moment - expected) <= timedelta(seconds=seconds)


def skip(due: BreakDue, sim: Sim) -> None:
    sim.press("skip")


FRIDAY = datetime(2026, 11, 20, 4, 0, tzinfo=CET)


# --- quiet hours ---------------------------------------------------------------------------


def test_quiet_hours_parse_times_days_ranges_and_lists() -> None:
    assert parse_quiet_hours("22:00-07:00") == QuietHours(22 * 3600, 7 * 3600)
    assert parse_quiet_hours("mon-fri 22:30-06:15").weekdays == frozenset(range(5))
    assert parse_quiet_hours("sat,sun 00:00-09:00").weekdays == frozenset({5, 6})
    assert parse_quiet_hours("fri-mon 23:00-01:00").weekdays == frozenset({4, 5, 6, 0})


@pytest.mark.parametrize("text", ["22-07", "mon-fry 22:00-07:00", "24:00-07:00", "22:00-07:61"])
def test_quiet_hours_that_do_not_parse_say_so(text: str) -> None:
    with pytest.raises(InvalidInput, match="quiet-hours window"):
        parse_quiet_hours(text)


@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        (datetime(2026, 11, 20, 21, 59, tzinfo=CET), False),  # Friday evening
        (datetime(2026, 11, 20, 22, 0, tzinfo=CET), True),
        (datetime(2026, 11, 21, 6, 59, tzinfo=CET), True),  # Saturday morning: began Friday
        (datetime(2026, 11, 21, 7, 0, tzinfo=CET), False),
        (datetime(2026, 11, 21, 23, 0, tzinfo=CET), False),  # Saturday night: not a weekday
        (datetime(2026, 11, 23, 6, 0, tzinfo=CET), False),  # Monday morning: began Sunday
        (datetime(2026, 11, 23, 22, 30, tzinfo=CET), True),  # Monday night
        (datetime(2026, 11, 20, 6, 0, tzinfo=CET), True),  # Friday morning: began Thursday
    ],
)
def test_a_wrapping_window_belongs_to_the_weekday_it_starts_on(when: datetime, quiet: bool) -> None:
    assert in_quiet_hours([parse_quiet_hours("mon-fri 22:00-07:00")], when) is quiet


def test_a_window_starting_and_ending_at_the_same_time_lasts_a_day() -> None:
    sunday = parse_quiet_hours("sun 09:00-09:00")
    assert sunday.covers(datetime(2026, 11, 22, 9, 0, tzinfo=CET))
    assert sunday.covers(datetime(2026, 11, 23, 8, 59, tzinfo=CET))
    assert not sunday.covers(datetime(2026, 11, 23, 9, 0, tzinfo=CET))


# --- daily limits --------------------------------------------------------------------------


def test_a_whole_day_gives_a_heads_up_at_80_percent_then_the_limit_prompt_each_once() -> None:
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)]), FRIDAY)
    sim.answer = lambda due, s: s.press("skip", "a busy day")
    sim.run(210, idle=True)  # 04:00-07:30 asleep
    sim.run(20, REDDIT)  # 07:30 twenty minutes of Reddit with breakfast
    sim.run(250, OTHER)  # 07:50-12:00 work
    sim.run(15, REDDIT)  # 12:00 heads-up at 24 minutes, the limit at 30
    sim.run(120, DISCORD)  # 12:15 a chat app does not count against Reddit
    sim.run(225, OTHER)
    sim.run(60, REDDIT)  # 18:00 well past the limit: nothing more today
    sim.run(600, idle=True)  # 19:00-05:00 asleep; a new day starts at 04:00
    sim.run(25, REDDIT)  # 05:00 the new day's heads-up

    heads_up, next_heads_up = of(sim.updates, HeadsUp)
    (due,) = dues(sim.updates)
    assert isinstance(heads_up, HeadsUp) and heads_up.target == "Reddit"
    assert near(heads_up.at, datetime(2026, 11, 20, 12, 4, tzinfo=CET))
    assert heads_up.limit_minutes == 30 and 24 * 60 <= heads_up.used_seconds < 25 * 60
    assert due.kind == "daily_limit" and due.target == "Reddit" and due.limit_minutes == 30
    assert near(due.at, datetime(2026, 11, 20, 12, 10, tzinfo=CET))
    assert near(next_heads_up.at, datetime(2026, 11, 21, 5, 24, tzinfo=CET))
    assert records(sim.updates) == [
        ("heads_up", "shown", "Reddit"),
        ("daily_limit", "shown", "Reddit"),
        ("daily_limit", "skipped", "Reddit"),
        ("heads_up", "shown", "Reddit"),
    ]
    skipped = of(sim.updates, BreakSkipped)[0].record
    assert skipped is not None and skipped.reason == "a busy day"


def test_usage_after_midnight_counts_to_the_day_before_until_4am() -> None:
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)]), FRIDAY)
    sim.answer = skip
    sim.run(19 * 60 + 30, OTHER)  # until 23:30 Friday
    sim.run(40, REDDIT)  # the limit at midnight: still Friday's
    sim.run(50, OTHER)
    sim.run(30, REDDIT)  # 01:00-01:30 Saturday morning: Friday's day, already prompted
    sim.run(150, idle=True)  # past 04:00: Saturday begins, the limit is re-armed
    sim.run(35, REDDIT)

    first, second = dues(sim.updates)
    assert near(first.at, datetime(2026, 11, 21, 0, 0, tzinfo=CET))
    assert day_of_datetime(first.at, 4) == date(2026, 11, 20)
    assert near(second.at, datetime(2026, 11, 21, 4, 30, tzinfo=CET))
    assert day_of_datetime(second.at, 4) == date(2026, 11, 21)
    assert len(of(sim.updates, HeadsUp)) == 2


def test_a_weekday_limit_replaces_the_every_day_one() -> None:
    limits = [DailyLimit("Reddit", "app", 60), DailyLimit("Reddit", "app", 20, frozenset({5}))]
    sim = Sim(BreakScheduler(ONLY_LIMITS, limits), FRIDAY)
    sim.answer = skip
    sim.run(6 * 60, OTHER)  # Friday 10:00
    sim.run(70, REDDIT)
    sim.run(24 * 60 - 70, OTHER)  # Saturday 10:00
    sim.run(30, REDDIT)

    friday, saturday = dues(sim.updates)
    assert near(friday.at, datetime(2026, 11, 20, 11, 0, tzinfo=CET))
    assert friday.limit_minutes == 60
    assert near(saturday.at, datetime(2026, 11, 21, 10, 20, tzinfo=CET))
    assert saturday.limit_minutes == 20


def test_a_category_limit_is_prompted_in_any_app_of_that_category() -> None:
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("social feed", "app", 1)]), FRIDAY)
    sim.run(2, INSTAGRAM)
    assert dues(sim.updates) == []  # an app limit named like a category is not one
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("chat", "category", 20)]), FRIDAY)
    sim.run(15, DISCORD)
    sim.run(15, CommunityUse("Slack", "chat"))
    (due,) = dues(sim.updates)
    assert due.target == "chat" and near(due.at, FRIDAY + timedelta(minutes=20))


def test_a_limit_reached_elsewhere_waits_until_its_app_is_opened_again() -> None:
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)]), FRIDAY)
    sim.run(30, REDDIT)
    scheduler = sim.scheduler
    # The totals lag behind: the limit shows up in them after Reddit was left.
    totals = (AppTotal("Reddit", "forum", 31 * 60),)
    assert scheduler.observe(Observation(sim.now, DISCORD, used_today=totals)) == []
    assert scheduler.state is BreakState.HELD
    (due,) = scheduler.observe(
        Observation(sim.now + timedelta(seconds=2), REDDIT, used_today=totals)
    )
    assert isinstance(due, BreakDue) and due.target == "Reddit"


def test_totals_for_another_day_are_not_checked() -> None:
    scheduler = BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)])
    totals = (AppTotal("Reddit", "forum", 45 * 60),)
    at = datetime(2026, 11, 21, 4, 0, 1, tzinfo=CET)  # one second into Saturday
    stale = Observation(at, REDDIT, used_today=totals, usage_day=date(2026, 11, 20))
    assert scheduler.observe(stale) == []
    fresh = replace(stale, usage_day=date(2026, 11, 21))
    assert [type(u) for u in scheduler.observe(fresh)] == [BreakDue]


def test_remembered_records_are_not_shown_again_after_a_restart() -> None:
    scheduler = BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)])
    at = datetime(2026, 11, 21, 1, 0, tzinfo=CET)  # Friday's local day
    scheduler.remember([BreakEvent(at - timedelta(hours=2), "daily_limit", "shown", "Reddit")])
    totals = (AppTotal("Reddit", "forum", 45 * 60),)
    assert scheduler.observe(Observation(at, REDDIT, used_today=totals)) == []


def test_limits_and_settings_can_change_on_the_way() -> None:
    scheduler = BreakScheduler(Settings())
    sim = Sim(scheduler, FRIDAY.replace(hour=9))
    sim.run(20, REDDIT)
    scheduler.set_settings(Settings(continuous_use_minutes=15))
    (due,) = dues(sim.run(1, REDDIT))
    assert due.kind == "continuous_use"
    sim.press("skip")
    scheduler.set_limits([DailyLimit("Reddit", "app", 25)])
    (due,) = dues(sim.run(5, REDDIT))
    assert due.kind == "daily_limit" and due.limit_minutes == 25


def test_an_observation_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Observation(datetime(2026, 11, 20, 9, 0))


# --- continuous use ------------------------------------------------------------------------


def test_continuous_use_prompts_after_30_minutes() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(29, REDDIT)
    assert dues(sim.updates) == []
    sim.run(2, DISCORD)
    (due,) = dues(sim.updates)
    assert due.kind == "continuous_use" and due.target == "Discord"
    assert near(due.at, FRIDAY.replace(hour=9, minute=30), 10)
    assert due.can_skip and due.can_snooze and due.breathing_seconds == 0
    assert sim.scheduler.state is BreakState.PROMPTED


@pytest.mark.parametrize("away", ["idle", "other app"])
def test_a_3_minute_pause_does_not_reset_continuous_use_and_a_5_minute_one_does(
    away: str,
) -> None:
    def pause(sim: Sim, minutes: int) -> None:
        sim.run(minutes, OTHER, idle=away == "idle")

    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    pause(sim, 3)
    sim.run(15, REDDIT)
    (due,) = dues(sim.updates)
    assert near(due.at, start + timedelta(minutes=33), 15)

    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    pause(sim, 5)
    sim.run(29, REDDIT)
    assert dues(sim.updates) == []
    sim.run(2, REDDIT)
    (due,) = dues(sim.updates)
    assert near(due.at, start + timedelta(minutes=55), 15)


def test_a_pause_is_back_dated_to_the_last_input() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    left = sim.now
    sim.run(3, REDDIT, last_input=left)  # walked away; the idle threshold is 3 minutes
    sim.run(3, REDDIT, idle=True, last_input=left)  # idle for 3 minutes, but away for 6
    assert sim.scheduler.continuous_use_seconds == 0
    sim.run(29, REDDIT)
    assert dues(sim.updates) == []


# --- the prompt's buttons ------------------------------------------------------------------


def test_two_snoozes_then_the_third_prompt_asks_for_a_breathing_pause() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT, until=BreakDue)
    assert sim.press("snooze") == [BreakSnoozed(sim.now, "continuous_use", "Reddit", 5, 1)]
    assert sim.scheduler.state is BreakState.SNOOZED
    sim.run(4.9, REDDIT)
    assert len(dues(sim.updates)) == 1
    second = dues(sim.run(1, REDDIT, until=BreakDue))
    assert [d.snoozes for d in second] == [1] and second[0].can_snooze
    assert len(sim.press("snooze")) == 1
    (third,) = dues(sim.run(6, REDDIT, until=BreakDue))
    assert third.snoozes == 2 and not third.can_snooze and third.can_skip
    assert third.breathing_seconds == BREATHING_SECONDS
    assert sim.press("snooze") == []
    assert sim.press("dismiss", after=3) == []  # still breathing
    assert sim.press("skip", after=BREATHING_SECONDS - 1) == []
    assert of(sim.press("skip", after=BREATHING_SECONDS), BreakSkipped)
    assert records(sim.updates) == [
        ("continuous_use", outcome, "Reddit")
        for outcome in ("shown", "snoozed", "shown", "snoozed", "shown", "skipped")
    ]


def test_a_skipped_prompt_comes_back_after_another_30_minutes_of_use() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.answer = lambda due, s: s.press("skip", "finishing a thread")
    sim.run(75, REDDIT)
    first, second = dues(sim.updates)
    assert near(first.at, start + timedelta(minutes=30), 10)
    assert near(second.at, start + timedelta(minutes=60), 20)
    skipped = [u.record for u in of(sim.updates, BreakSkipped)]
    assert [(r.outcome, r.reason) for r in skipped if r] == [("skipped", "finishing a thread")] * 2


def test_dismissing_is_recorded_as_dismissed() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT)
    (dismissed,) = sim.press("dismiss")
    assert dismissed.record is not None and dismissed.record.outcome == "dismissed"
    assert sim.scheduler.state is BreakState.WATCHING


def test_a_break_really_taken_is_recorded_with_its_activity() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(31, REDDIT)
    (started,) = sim.press("take_break", "walk-around-the-block")
    assert isinstance(started, BreakStarted) and started.break_minutes == 5
    assert sim.scheduler.state is BreakState.ON_BREAK
    sim.run(2, OTHER)
    sim.run(4, OTHER, idle=True)
    (taken,) = of(sim.updates, BreakTaken)
    assert isinstance(taken, BreakTaken) and taken.away_seconds >= 5 * 60
    assert taken.record == BreakEvent(
        taken.at, "continuous_use", "taken", "Reddit", "", "walk-around-the-block"
    )
    sim.run(29, REDDIT)  # the counter starts again from nothing
    assert len(dues(sim.updates)) == 1


def test_a_break_is_taken_when_the_person_walks_away_leaving_reddit_in_front() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT)
    sim.press("take_break")
    left = sim.now
    sim.run(3, REDDIT, last_input=left)  # no input yet, not idle yet
    sim.run(3, REDDIT, idle=True, last_input=left)
    assert [type(u) for u in sim.updates[-1:]] == [BreakTaken]


def test_a_break_cut_short_by_coming_back_to_reddit_after_2_minutes() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(31, REDDIT)
    sim.press("take_break", "stretch")
    sim.run(2, OTHER, idle=True)
    (cut,) = of(sim.run(1, REDDIT), BreakCutShort)
    assert isinstance(cut, BreakCutShort) and 2 * 60 <= cut.away_seconds < 2 * 60 + 15
    assert cut.record == BreakEvent(
        cut.at, "continuous_use", "skipped", "Reddit", "cut short after 2 min", "stretch"
    )
    assert of(sim.updates, BreakTaken) == []
    sim.run(25, REDDIT)  # not prompted again at once: the next one is 30 minutes of use later
    assert len(dues(sim.updates)) == 1
    sim.run(10, REDDIT)
    assert len(dues(sim.updates)) == 2


def test_walking_away_from_a_prompt_counts_as_taking_the_break() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT)
    sim.run(6, idle=True)
    assert records(sim.updates) == [
        ("continuous_use", "shown", "Reddit"),
        ("continuous_use", "taken", "Reddit"),
    ]


def test_buttons_with_no_prompt_on_screen_change_nothing() -> None:
    scheduler = BreakScheduler(Settings())
    at = FRIDAY
    assert scheduler.take_break(at) == scheduler.snooze(at) == scheduler.skip(at) == []
    assert scheduler.dismiss(at) == [] and scheduler.state is BreakState.WATCHING


def test_strict_mode_locks_skip_and_snooze_until_the_break_has_passed() -> None:
    sim = Sim(BreakScheduler(Settings(strict_mode=True)), FRIDAY.replace(hour=9))
    (due,) = dues(sim.run(31, REDDIT))
    assert not due.can_skip and not due.can_snooze
    assert sim.press("skip") == sim.press("snooze") == sim.press("dismiss") == []
    (unlocked,) = of(sim.run(5, REDDIT), PromptUnlocked)  # kept scrolling through the prompt
    assert isinstance(unlocked, PromptUnlocked) and unlocked.can_snooze
    assert near(unlocked.at, due.at + timedelta(minutes=5), 10)
    assert of(sim.press("skip", "just finishing"), BreakSkipped)


def test_strict_mode_still_lets_the_break_be_taken() -> None:
    sim = Sim(BreakScheduler(Settings(strict_mode=True)), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT)
    assert of(sim.press("take_break"), BreakStarted)
    sim.run(6, idle=True)
    assert of(sim.updates, BreakTaken)


# --- quiet hours in the scheduler -----------------------------------------------------------


def test_quiet_hours_nudge_on_opening_an_app_at_most_every_30_minutes_per_app() -> None:
    quiet = Settings(quiet_hours=("mon-fri 22:00-07:00",), continuous_use_minutes=240)
    sim = Sim(BreakScheduler(quiet), datetime(2026, 11, 20, 21, 50, tzinfo=CET))  # Friday

    def nudged(minutes: float, using: CommunityUse | None) -> list[str]:
        return [u.app for u in of(sim.run(minutes, using), QuietHoursNudge)]

    assert nudged(30, REDDIT) == ["Reddit"]  # quiet hours began at 22:00 with Reddit open
    assert nudged(1, OTHER) == []
    assert nudged(1, REDDIT) == []  # back within 30 minutes of the nudge
    assert nudged(60, REDDIT) == []  # staying is not opening
    assert nudged(1, DISCORD) == ["Discord"]  # another app
    assert nudged(1, OTHER) == []
    assert nudged(1, REDDIT) == ["Reddit"]  # more than half an hour after the first nudge
    saturday_night = datetime(2026, 11, 21, 22, 30, tzinfo=CET)
    sim.run((saturday_night - sim.now).total_seconds() / 60, OTHER)
    assert nudged(1, REDDIT) == []  # not a quiet night
    assert records(sim.updates) == [
        ("quiet_hours", "shown", a) for a in ("Reddit", "Discord", "Reddit")
    ]


def test_quiet_hours_that_began_on_a_weekday_reach_into_the_next_morning() -> None:
    quiet = Settings(quiet_hours=("mon-fri 22:00-07:00",))
    saturday_early = Sim(BreakScheduler(quiet), datetime(2026, 11, 21, 6, 30, tzinfo=CET))
    assert of(saturday_early.run(1, REDDIT), QuietHoursNudge)
    monday_early = Sim(BreakScheduler(quiet), datetime(2026, 11, 23, 6, 0, tzinfo=CET))
    assert of(monday_early.run(1, REDDIT), QuietHoursNudge) == []


# --- time that does not flow evenly ---------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 10, 25, 2, 45, tzinfo=BERLIN),  # 03:00 CEST becomes 02:00 CET
        datetime(2026, 3, 29, 1, 45, tzinfo=BERLIN),  # 02:00 CET becomes 03:00 CEST
    ],
)
def test_a_dst_change_neither_adds_nor_loses_an_hour(start: datetime) -> None:
    limits = [DailyLimit("Reddit", "app", 45)]
    sim = Sim(BreakScheduler(Settings(), limits), start, tz=BERLIN)
    sim.answer = skip
    sim.run(50, REDDIT)
    continuous, limit = dues(sim.updates)
    assert continuous.kind == "continuous_use" and limit.kind == "daily_limit"
    real = start.astimezone(UTC)
    assert near(continuous.at.astimezone(UTC), real + timedelta(minutes=30), 10)
    assert near(limit.at.astimezone(UTC), real + timedelta(minutes=45), 20)
    assert start.utcoffset() != limit.at.utcoffset()  # the wall clock did change
    assert day_of_datetime(limit.at, 4) == start.date() - timedelta(days=1)


def test_the_long_night_of_a_dst_change_still_belongs_to_one_day() -> None:
    start = datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN)
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)]), start, tz=BERLIN)
    sim.answer = skip
    sim.run(4 * 60, REDDIT)  # 01:00 CEST to 04:00 CET: four real hours, one local day
    assert len(dues(sim.updates, "daily_limit")) == 1
    sim.run(31, REDDIT)
    assert len(dues(sim.updates, "daily_limit")) == 2


def test_a_two_hour_suspend_is_a_pause() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    sim.suspend(120)
    sim.run(29, REDDIT)
    assert dues(sim.updates) == []
    (due,) = dues(sim.run(2, REDDIT))
    assert near(due.at, start + timedelta(minutes=20 + 120 + 30), 15)


def test_a_short_stall_is_neither_use_nor_a_pause() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    sim.suspend(3)
    (due,) = dues(sim.run(11, REDDIT))
    assert near(due.at, start + timedelta(minutes=33), 15)


def test_a_suspend_during_a_snooze_or_a_break_ends_them_sensibly() -> None:
    sim = Sim(BreakScheduler(Settings()), FRIDAY.replace(hour=9))
    sim.run(31, REDDIT)
    sim.press("snooze")
    sim.suspend(120)
    sim.run(10, REDDIT)  # the break happened while suspended: the snoozed prompt is gone
    assert len(dues(sim.updates)) == 1 and sim.scheduler.state is BreakState.WATCHING

    sim.run(25, REDDIT)
    sim.press("take_break")
    sim.suspend(120)
    assert of(sim.run(1, REDDIT), BreakTaken)


def test_the_clock_set_back_neither_crashes_nor_double_counts_nor_prompts_early() -> None:
    start = FRIDAY.replace(hour=9)
    sim = Sim(BreakScheduler(Settings()), start)
    sim.run(20, REDDIT)
    sim.set_clock_back(60)
    sim.run(9, REDDIT)
    assert dues(sim.updates) == []
    (due,) = dues(sim.run(2, REDDIT))
    assert near(due.at, start - timedelta(minutes=60) + timedelta(minutes=30), 20)
    # A snooze does not last an extra hour because the clock went back during it.
    sim.press("snooze")
    sim.run(2, REDDIT)
    sim.set_clock_back(60)
    assert len(dues(sim.run(4, REDDIT))) == 1


def test_the_clock_set_back_across_4am_does_not_re_arm_yesterdays_limit() -> None:
    limits = [DailyLimit("Reddit", "app", 30)]
    sim = Sim(BreakScheduler(ONLY_LIMITS, limits), datetime(2026, 11, 21, 3, 20, tzinfo=CET))
    sim.answer = skip
    sim.run(50, REDDIT)  # the limit at 03:50 is Friday's; 04:00 starts Saturday
    sim.set_clock_back(30)  # 03:40 again: Friday's day once more, still over the limit
    sim.run(60, REDDIT)  # and on into Saturday, to its own limit
    by_day = Counter(day_of_datetime(d.at, 4) for d in dues(sim.updates))
    assert by_day == {date(2026, 11, 20): 1, date(2026, 11, 21): 1}


# --- busy --------------------------------------------------------------------------------


def test_prompts_wait_while_busy_and_come_after() -> None:
    limits = [DailyLimit("Reddit", "app", 30)]
    sim = Sim(BreakScheduler(Settings(), limits), FRIDAY.replace(hour=20))
    sim.run(40, REDDIT, busy=True)  # a fullscreen video: both prompts wait
    assert sim.updates == []
    arrived = sim.run(1, REDDIT)
    assert [(type(u), u.kind) for u in dues(arrived)] == [(BreakDue, "daily_limit")]
    assert of(arrived, HeadsUp) == []  # superseded by the limit reached while busy
    sim.press("skip")
    assert [d.kind for d in dues(sim.run(1, REDDIT))] == ["continuous_use"]


def test_a_heads_up_waits_while_busy() -> None:
    sim = Sim(BreakScheduler(ONLY_LIMITS, [DailyLimit("Reddit", "app", 30)]), FRIDAY)
    sim.run(26, REDDIT, busy=True)
    assert sim.updates == []
    (heads_up,) = sim.run(1, REDDIT)
    assert isinstance(heads_up, HeadsUp) and 24 * 60 <= heads_up.used_seconds < 25 * 60
    assert near(heads_up.at, FRIDAY + timedelta(minutes=26), 10)


def test_prompts_do_not_wait_when_holding_is_off() -> None:
    settings_ = Settings(hold_prompts_when_busy=False)
    sim = Sim(BreakScheduler(settings_), FRIDAY.replace(hour=20))
    (due,) = dues(sim.run(31, REDDIT, busy=True))
    assert near(due.at, FRIDAY.replace(hour=20, minute=30), 10)


# --- properties ----------------------------------------------------------------------------

SEGMENTS = st.lists(
    st.tuples(
        st.sampled_from(["reddit", "discord", "other", "idle", "busy", "suspend", "set back"]),
        st.integers(min_value=1, max_value=60),
    ),
    min_size=1,
    max_size=14,
)
BUTTONS = st.lists(
    st.sampled_from(["skip", "take_break", "snooze", "dismiss", "ignore"]), min_size=1
)


def _simulate(
    segments: list[tuple[str, int]], buttons: list[str], start_hour: int, strict: bool
) -> Sim:
    limits = [
        DailyLimit("Reddit", "app", 20),
        DailyLimit("Reddit", "app", 10, frozenset({5})),
        DailyLimit("chat", "category", 15),
    ]
    settings_ = Settings(strict_mode=strict, quiet_hours=("22:00-07:00",))
    sim = Sim(BreakScheduler(settings_, limits), FRIDAY.replace(hour=start_hour), seed=start_hour)
    pressed = iter(buttons * 50)

    def answer(due: BreakDue, s: Sim) -> None:
        button = next(pressed, "ignore")
        if button != "ignore":
            s.press(button)

    sim.answer = answer
    for what, minutes in segments:
        if what == "suspend":
            sim.suspend(minutes)
        elif what == "set back":
            sim.set_clock_back(minutes)
        else:
            app = {"reddit": REDDIT, "discord": DISCORD, "busy": REDDIT}.get(what)
            sim.run(minutes, app, idle=what == "idle", busy=what == "busy")
    return sim


@settings(max_examples=40, deadline=None)
@given(SEGMENTS, BUTTONS, st.integers(min_value=0, max_value=23), st.booleans())
def test_never_two_fresh_prompts_for_one_limit_on_one_local_day(
    segments: list[tuple[str, int]], buttons: list[str], start_hour: int, strict: bool
) -> None:
    sim = _simulate(segments, buttons, start_hour, strict)
    fresh = Counter(
        (day_of_datetime(d.at, 4), d.target)
        for d in dues(sim.updates, "daily_limit")
        if d.snoozes == 0
    )
    assert all(count == 1 for count in fresh.values())
    heads_up = Counter((day_of_datetime(h.at, 4), h.target) for h in of(sim.updates, HeadsUp))
    assert all(count == 1 for count in heads_up.values())
    # One prompt on screen at a time: each is resolved before the next is shown.
    ends = (BreakSnoozed, BreakSkipped, BreakTaken, BreakCutShort)
    flow = [u for u in sim.updates if isinstance(u, (BreakDue, *ends))]
    assert all(isinstance(a, BreakDue) != isinstance(b, BreakDue) for a, b in pairwise(flow))
    for update in sim.updates:
        record = update.record
        assert record is None or record.outcome in (
            "shown",
            "taken",
            "snoozed",
            "skipped",
            "dismissed",
        )


@settings(max_examples=40, deadline=None)
@given(SEGMENTS, BUTTONS, st.integers(min_value=0, max_value=23), st.booleans())
def test_never_a_continuous_use_prompt_before_30_minutes_of_use_without_a_pause(
    segments: list[tuple[str, int]], buttons: list[str], start_hour: int, strict: bool
) -> None:
    sim = _simulate(segments, buttons, start_hour, strict)
    for due, model_use in zip(dues(sim.updates), sim.model_at_prompt, strict=True):
        if due.kind == "continuous_use":
            assert model_use >= 30 * 60 - 1e-6
