"""Boundary breaks — daily limits, continuous use, quiet hours — as a state machine with no toolkit.

The reminders service hands :meth:`BreakScheduler.observe` one :class:`Observation` per poll and
shows what comes back; a prompt's buttons call :meth:`~BreakScheduler.take_break`,
:meth:`~BreakScheduler.snooze`, :meth:`~BreakScheduler.skip` and :meth:`~BreakScheduler.dismiss`.
Every call carries its own time, so tests move a fake clock through whole days without sleeping.
Each update that is an outcome has a :class:`~wellbeing_app.core.models.BreakEvent` ``record``
for storage.

**Time.** Durations are measured on the UTC time line between observations, so DST changes cost
nothing; days and quiet hours are read from each moment's local wall clock. A step longer than a
few polls is a *gap* (suspend, a stalled process, a clock set forward): it counts as a pause only
when it lasts at least ``break_minutes``, otherwise as nothing. A step back (the clock set back)
counts as nothing. Timers (snooze, break, strict lock, nudge spacing) run on the scheduler's own
elapsed time, which never goes backwards.

**Continuous use** adds up community time until a pause — idle or other apps — of
``break_minutes``; shorter pauses do not reset it. When an observation first says idle, the pause
is back-dated to the last input (``idle_seconds``), as tracking does. A prompt is due at
``continuous_use_minutes``; after a skip, another one is due that many minutes of use later.

**Daily limits** give a :class:`HeadsUp` at ``heads_up_percent`` and a prompt at the limit, each
once per target per local day (days start at ``day_start_hour``).

**Prompts.** Each break prompt (a reached limit, or continuous use) moves through these states; at
most one is on screen (PROMPTED or ON_BREAK) at a time. The scheduler is WATCHING when it has none.

=========  ==================================================  =========  =====================
state      when                                                next       update (record)
=========  ==================================================  =========  =====================
(new)      a limit is reached; continuous use reaches N min    HELD
HELD       not busy, in an app it is about, none on screen     PROMPTED   BreakDue (shown)
HELD,      stale: a pause of ``break_minutes`` (continuous     (gone)
SNOOZED    use) or a new day (limit)
SNOOZED    ``snooze_minutes`` have passed                      HELD
PROMPTED   ``snooze()``, at most twice in a row                SNOOZED    BreakSnoozed (snoozed)
PROMPTED   ``skip(reason)`` / ``dismiss()``                    (gone)     BreakSkipped (skipped
                                                                          / dismissed)
PROMPTED   away ``break_minutes`` without pressing anything    (gone)     BreakTaken (taken)
PROMPTED   strict mode: ``break_minutes`` since shown          PROMPTED   PromptUnlocked
PROMPTED   ``take_break()``                                    ON_BREAK   BreakStarted
ON_BREAK   ``break_minutes`` pass without community use        (gone)     BreakTaken (taken)
ON_BREAK   back in a community app                             (gone)     BreakCutShort (skipped)
=========  ==================================================  =========  =====================

The third prompt in a row (after two snoozes) cannot be snoozed and asks for a breathing pause of
``BREATHING_SECONDS`` before it can be skipped or dismissed. In strict mode neither skip, snooze
nor dismiss is possible until the break has passed. With ``hold_prompts_when_busy``, prompts,
heads-ups and nudges wait while ``busy`` and come when it ends. A button pressed when it does not
apply (nothing on screen, locked, breathing) returns no updates and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Literal

from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.limits import standings
from wellbeing_app.core.models import AppTotal, BreakEvent, DailyLimit, LimitStanding
from wellbeing_app.core.quiet_hours import QuietHoursWatch, parse_quiet_hours
from wellbeing_app.core.settings import Settings

PromptKind = Literal["daily_limit", "continuous_use"]

MAX_SNOOZES = 2
BREATHING_SECONDS = 10
QUIET_NUDGE_MINUTES = 30
# Input this soon after "Take a break" (moving the mouse off the button) is not coming back.
RETURN_GRACE_SECONDS = 10.0
_MIN_GAP_SECONDS = 15.0
_KEEP_DAYS = 7


class BreakState(Enum):
    WATCHING = "watching"
    HELD = "held"
    PROMPTED = "prompted"
    SNOOZED = "snoozed"
    ON_BREAK = "on_break"


@dataclass(frozen=True, slots=True)
class CommunityUse:
    """The community app in front and its category."""

    app: str
    category: str


@dataclass(frozen=True, slots=True)
class Observation:
    """What the person was doing at ``at`` (aware, local offset).

    Attributes:
        community: the community app in front, or ``None``.
        idle: away per the idle threshold.
        busy: a fullscreen window or a call app is in front.
        used_today: seconds per app so far on the local day of ``at``.
        usage_day: the day ``used_today`` was summed for, when known; totals for another day
            (stale at a day boundary) are not checked against limits.
        idle_seconds: seconds since the last input, when the idle probe can tell; lets a pause be
            back-dated, and tells someone who walked away leaving an app in front from someone
            using it.
    """

    at: datetime
    community: CommunityUse | None = None
    idle: bool = False
    busy: bool = False
    used_today: Sequence[AppTotal] = ()
    usage_day: date | None = None
    idle_seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.at.utcoffset() is None:
            raise ValueError("Observation.at must be timezone-aware")

    @property
    def in_use(self) -> CommunityUse | None:
        """The community app being used: in front, and the person not away."""
        return None if self.idle else self.community


@dataclass(frozen=True, slots=True)
class HeadsUp:
    """Today's use of ``target`` passed the heads-up share of its limit (``used_seconds`` when
    it did; ``at`` is when it is shown)."""

    at: datetime
    target: str
    used_seconds: float
    limit_minutes: int

    @property
    def record(self) -> BreakEvent | None:
        return BreakEvent(self.at, "heads_up", "shown", self.target)


@dataclass(frozen=True, slots=True)
class QuietHoursNudge:
    """``app`` was opened during quiet hours."""

    at: datetime
    app: str

    @property
    def record(self) -> BreakEvent | None:
        return BreakEvent(self.at, "quiet_hours", "shown", self.app)


@dataclass(frozen=True, slots=True)
class BreakDue:
    """Show a break prompt. ``target`` is the limit's app or category, or for continuous use the
    app in front. ``snoozes`` counts the snoozes before this showing."""

    at: datetime
    kind: PromptKind
    target: str
    break_minutes: int
    limit_minutes: int | None = None
    can_skip: bool = True
    can_snooze: bool = True
    breathing_seconds: int = 0
    snoozes: int = 0

    @property
    def record(self) -> BreakEvent | None:
        return BreakEvent(self.at, self.kind, "shown", self.target)


@dataclass(frozen=True, slots=True)
class PromptUnlocked:
    """Strict mode: the break has passed, so the prompt on screen may now be skipped."""

    at: datetime
    kind: PromptKind
    target: str
    can_snooze: bool

    @property
    def record(self) -> BreakEvent | None:
        return None


@dataclass(frozen=True, slots=True)
class BreakStarted:
    at: datetime
    kind: PromptKind
    target: str
    break_minutes: int
    activity_id: str = ""

    @property
    def record(self) -> BreakEvent | None:
        return None


@dataclass(frozen=True, slots=True)
class BreakTaken:
    """The person was really away for the break (after ``take_break`` or without it)."""

    at: datetime
    kind: PromptKind
    target: str
    away_seconds: float
    activity_id: str = ""

    @property
    def record(self) -> BreakEvent | None:
        return BreakEvent(self.at, self.kind, "taken", self.target, "", self.activity_id)


@dataclass(frozen=True, slots=True)
class BreakCutShort:
    """The person came back to a community app before the break was over."""

    at: datetime
    kind: PromptKind
    target: str
    away_seconds: float
    activity_id: str = ""

    @property
    def record(self) -> BreakEvent | None:
        reason = f"cut short after {self.away_seconds / 60:.0f} min"
        return BreakEvent(self.at, self.kind, "skipped", self.target, reason, self.activity_id)


@dataclass(frozen=True, slots=True)
class BreakSnoozed:
    at: datetime
    kind: PromptKind
    target: str
    snooze_minutes: int
    snoozes: int

    @property
    def record(self) -> BreakEvent | None:
        return BreakEvent(self.at, self.kind, "snoozed", self.target)


@dataclass(frozen=True, slots=True)
class BreakSkipped:
    at: datetime
    kind: PromptKind
    target: str
    reason: str = ""
    dismissed: bool = False

    @property
    def record(self) -> BreakEvent | None:
        outcome: Literal["skipped", "dismissed"] = "dismissed" if self.dismissed else "skipped"
        return BreakEvent(self.at, self.kind, outcome, self.target, self.reason)


BreakUpdate = (
    HeadsUp
    | QuietHoursNudge
    | BreakDue
    | PromptUnlocked
    | BreakStarted
    | BreakTaken
    | BreakCutShort
    | BreakSnoozed
    | BreakSkipped
)


@dataclass(slots=True)
class _Prompt:
    """One break prompt through its states; ``since`` is when the current state began."""

    kind: PromptKind
    day: date
    limit: DailyLimit | None = None
    target: str = ""
    state: BreakState = BreakState.HELD
    since: float = 0.0
    snoozes: int = 0
    unlocked: bool = True
    activity_id: str = ""

    def is_about(self, use: CommunityUse) -> bool:
        if self.limit is None:
            return True
        return self.limit.target == (use.app if self.limit.kind == "app" else use.category)


class _Timeline:
    """The scheduler's elapsed seconds: follows observations forward, never goes back."""

    __slots__ = ("elapsed", "gap", "last")

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.elapsed = 0.0
        self.last: float | None = None

    def advance(self, at: datetime) -> float | None:
        """Moves to ``at``; the seconds since the last observation, or ``None`` for the first
        one and for a step back in time (which counts as nothing)."""
        stamp = at.timestamp()
        last, self.last = self.last, stamp
        if last is None or stamp < last:
            return None
        self.elapsed += stamp - last
        return stamp - last

    def moment(self, at: datetime) -> float:
        """Elapsed time at ``at``, shortly after the last observation (a button press)."""
        if self.last is None:
            return self.elapsed
        return self.elapsed + min(max(0.0, at.timestamp() - self.last), self.gap)


class _ContinuousUse:
    """Community seconds since the last real pause, and at how many the next prompt is due."""

    __slots__ = ("away", "due_at", "pause", "paused", "stretch", "use", "use_limit")

    def __init__(self, use_limit: float, pause: float) -> None:
        self.use_limit = use_limit
        self.pause = pause
        self.use = self.stretch = self.away = 0.0
        self.due_at = use_limit
        self.paused = False  # a pause completed during the current observation

    @property
    def due(self) -> bool:
        return self.use >= self.due_at

    def count(self, seconds: float, using: bool) -> None:
        if using:
            self.use += seconds
            self.stretch += seconds
            self.away = 0.0
        else:
            self._away(seconds)

    def backdate(self, idle_seconds: float) -> None:
        """The person left ``idle_seconds`` ago: what was counted as use since then was not."""
        moved = min(idle_seconds, self.stretch)
        self.use -= moved
        self._away(moved)

    def _away(self, seconds: float) -> None:
        before = self.away
        self.away += seconds
        self.stretch = 0.0
        if before < self.pause <= self.away:
            self.restart()

    def restart(self) -> None:
        self.use = self.stretch = 0.0
        self.away = max(self.away, self.pause)
        self.due_at = self.use_limit
        self.paused = True

    def postpone(self) -> None:
        self.due_at = self.use + self.use_limit


class _LimitWatch:
    """Which targets had their heads-up and their prompt, per local day."""

    __slots__ = ("heads_up", "reached")

    def __init__(self) -> None:
        self.heads_up: set[tuple[date, str]] = set()
        self.reached: set[tuple[date, str]] = set()

    def check(
        self, limits: Sequence[DailyLimit], totals: Sequence[AppTotal], day: date, percent: int
    ) -> tuple[list[LimitStanding], list[LimitStanding]]:
        """The standings that newly passed the heads-up share, and those newly reached."""
        warned, reached = [], []
        for standing in standings(limits, totals, day):
            key = (day, standing.limit.target)
            limit_seconds = standing.limit.minutes * 60
            if standing.used_seconds >= limit_seconds:
                if key not in self.reached:
                    self.reached.add(key)
                    self.heads_up.add(key)  # the prompt says it all
                    reached.append(standing)
            elif (
                percent
                and standing.used_seconds >= limit_seconds * percent / 100
                and key not in self.heads_up
            ):
                self.heads_up.add(key)
                warned.append(standing)
        return warned, reached

    def forget_before(self, day: date) -> None:
        # Kept for a week, not a day: a clock set back must not re-arm yesterday.
        oldest = day - timedelta(days=_KEEP_DAYS)
        self.heads_up = {key for key in self.heads_up if key[0] >= oldest}
        self.reached = {key for key in self.reached if key[0] >= oldest}


class BreakScheduler:
    """Turns observations into break prompts, heads-ups and nudges; see the module docstring."""

    def __init__(self, settings: Settings, limits: Sequence[DailyLimit] = ()) -> None:
        self._settings = settings
        self._limits = tuple(limits)
        self._timeline = _Timeline(max(_MIN_GAP_SECONDS, 3 * settings.poll_interval_seconds))
        self._continuous = _ContinuousUse(
            settings.continuous_use_minutes * 60, settings.break_minutes * 60
        )
        self._quiet = QuietHoursWatch(
            (parse_quiet_hours(text) for text in settings.quiet_hours), QUIET_NUDGE_MINUTES * 60
        )
        self._watch = _LimitWatch()
        self._prompts: list[_Prompt] = []
        self._notices: list[BreakUpdate] = []  # heads-ups and nudges held while busy
        self._was_using = False
        self._day: date | None = None

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self._timeline.gap = max(_MIN_GAP_SECONDS, 3 * settings.poll_interval_seconds)
        continuous = self._continuous
        use_limit = settings.continuous_use_minutes * 60
        continuous.due_at += use_limit - continuous.use_limit
        continuous.use_limit, continuous.pause = use_limit, settings.break_minutes * 60
        self._quiet.windows = tuple(parse_quiet_hours(text) for text in settings.quiet_hours)

    def set_limits(self, limits: Sequence[DailyLimit]) -> None:
        self._limits = tuple(limits)

    def remember(self, records: Iterable[BreakEvent]) -> None:
        """Marks heads-ups and limit prompts already shown (today's stored records, after a
        restart) so they are not shown twice on one day."""
        for record in records:
            key = (day_of_datetime(record.at, self._settings.day_start_hour), record.target)
            if record.kind in ("heads_up", "daily_limit"):
                self._watch.heads_up.add(key)
            if record.kind == "daily_limit":
                self._watch.reached.add(key)

    @property
    def state(self) -> BreakState:
        """The state of the prompt on screen, else of one waiting, else WATCHING."""
        states = {prompt.state for prompt in self._prompts}
        for state in (BreakState.ON_BREAK, BreakState.PROMPTED, BreakState.SNOOZED):
            if state in states:
                return state
        return BreakState.HELD if states else BreakState.WATCHING

    @property
    def continuous_use_seconds(self) -> float:
        """Community time since the last real pause."""
        return self._continuous.use

    def observe(self, obs: Observation) -> list[BreakUpdate]:
        """Takes one observation; returns what to show and what to record, in order."""
        now = self._follow_time(obs)
        day = day_of_datetime(obs.at, self._settings.day_start_hour)
        if day != self._day:
            self._day = day
            self._watch.forget_before(day)
        updates: list[BreakUpdate] = []
        self._progress(obs, now, day, updates)
        self._check_limits(obs, day)
        if self._continuous.due and all(p.limit is not None for p in self._prompts):
            self._prompts.append(_Prompt("continuous_use", day))
        self._deliver(obs, now, updates)
        app = obs.in_use.app if obs.in_use is not None else None
        if self._quiet.opened(app, obs.at, now) and app is not None:
            self._notices.append(QuietHoursNudge(obs.at, app))
        if not self._holding(obs):
            updates.extend(replace(notice, at=obs.at) for notice in self._notices)
            self._notices.clear()
        return updates

    def take_break(self, at: datetime, activity_id: str | None = None) -> list[BreakUpdate]:
        """Starts the break for the prompt on screen."""
        prompt = self._on_screen()
        if prompt is None:
            return []
        prompt.state, prompt.since = BreakState.ON_BREAK, self._timeline.moment(at)
        prompt.activity_id = activity_id or ""
        minutes = self._settings.break_minutes
        return [BreakStarted(at, prompt.kind, prompt.target, minutes, prompt.activity_id)]

    def snooze(self, at: datetime) -> list[BreakUpdate]:
        """'5 more minutes' for the prompt on screen, at most twice in a row."""
        prompt = self._on_screen()
        if prompt is None or not prompt.unlocked or prompt.snoozes >= MAX_SNOOZES:
            return []
        prompt.snoozes += 1
        prompt.state, prompt.since = BreakState.SNOOZED, self._timeline.moment(at)
        minutes = self._settings.snooze_minutes
        return [BreakSnoozed(at, prompt.kind, prompt.target, minutes, prompt.snoozes)]

    def skip(self, at: datetime, reason: str = "") -> list[BreakUpdate]:
        return self._close(at, reason, dismissed=False)

    def dismiss(self, at: datetime) -> list[BreakUpdate]:
        return self._close(at, "", dismissed=True)

    def _close(self, at: datetime, reason: str, *, dismissed: bool) -> list[BreakUpdate]:
        prompt = self._on_screen()
        if prompt is None or not prompt.unlocked:
            return []
        breathing = self._timeline.moment(at) - prompt.since < BREATHING_SECONDS
        if prompt.snoozes >= MAX_SNOOZES and breathing:
            return []
        self._prompts.remove(prompt)
        if prompt.limit is None:
            self._continuous.postpone()
        return [BreakSkipped(at, prompt.kind, prompt.target, reason, dismissed)]

    def _follow_time(self, obs: Observation) -> float:
        continuous = self._continuous
        continuous.paused = False
        step = self._timeline.advance(obs.at)
        if step is not None:
            if step <= self._timeline.gap:
                continuous.count(step, self._was_using)  # the step belongs to the last state
            elif step >= continuous.pause:
                continuous.count(step, using=False)  # suspended, or away, long enough
        if obs.idle and self._was_using:
            continuous.backdate(obs.idle_seconds)
        self._was_using = obs.in_use is not None
        return self._timeline.elapsed

    def _progress(
        self, obs: Observation, now: float, day: date, updates: list[BreakUpdate]
    ) -> None:
        front = self._front()
        if front is not None:
            update = self._progress_front(front, obs, now)
            if update is not None:
                updates.append(update)
        snooze_seconds = self._settings.snooze_minutes * 60
        for prompt in self._prompts:
            if prompt.state is BreakState.SNOOZED and now - prompt.since >= snooze_seconds:
                prompt.state = BreakState.HELD
        self._prompts = [p for p in self._prompts if not self._is_stale(p, day)]

    def _progress_front(self, front: _Prompt, obs: Observation, now: float) -> BreakUpdate | None:
        """The prompt on screen or on break, one observation later."""
        break_seconds = self._settings.break_minutes * 60
        if front.state is BreakState.ON_BREAK:
            if self._continuous.paused or now - front.since >= break_seconds:
                return self._taken(front, obs.at, now)  # also when it passed during a suspend
            last_input = now - obs.idle_seconds
            if obs.in_use is not None and last_input > front.since + RETURN_GRACE_SECONDS:
                self._prompts.remove(front)
                if front.limit is None:
                    self._continuous.postpone()
                away = now - front.since
                return BreakCutShort(obs.at, front.kind, front.target, away, front.activity_id)
            return None
        if self._continuous.paused:  # walked away from the prompt: a break all the same
            return self._taken(front, obs.at, now)
        if not front.unlocked and now - front.since >= break_seconds:
            front.unlocked = True
            return PromptUnlocked(obs.at, front.kind, front.target, front.snoozes < MAX_SNOOZES)
        return None

    def _taken(self, prompt: _Prompt, at: datetime, now: float) -> BreakTaken:
        self._prompts.remove(prompt)
        self._continuous.restart()
        return BreakTaken(at, prompt.kind, prompt.target, now - prompt.since, prompt.activity_id)

    def _is_stale(self, prompt: _Prompt, day: date) -> bool:
        if prompt.state not in (BreakState.HELD, BreakState.SNOOZED):
            return False
        return self._continuous.paused if prompt.limit is None else prompt.day != day

    def _check_limits(self, obs: Observation, day: date) -> None:
        if not self._limits or obs.usage_day not in (None, day):
            return
        percent = self._settings.heads_up_percent
        warned, reached = self._watch.check(self._limits, obs.used_today, day, percent)
        for standing in warned:
            limit = standing.limit
            self._notices.append(
                HeadsUp(obs.at, limit.target, standing.used_seconds, limit.minutes)
            )
        for standing in reached:
            target = standing.limit.target
            self._prompts.append(_Prompt("daily_limit", day, standing.limit, target))
            # A heads-up still held while busy is old news once the limit is reached.
            self._notices = [
                n for n in self._notices if not (isinstance(n, HeadsUp) and n.target == target)
            ]

    def _deliver(self, obs: Observation, now: float, updates: list[BreakUpdate]) -> None:
        use = obs.in_use
        if use is None or self._holding(obs) or self._front() is not None:
            return
        for prompt in self._prompts:
            if prompt.state is not BreakState.HELD or not prompt.is_about(use):
                continue
            if prompt.limit is None and not self._continuous.due:
                continue  # back-dating took the use below the threshold again
            updates.append(self._show(prompt, obs.at, now, use))
            return

    def _show(self, prompt: _Prompt, at: datetime, now: float, use: CommunityUse) -> BreakDue:
        settings = self._settings
        prompt.state, prompt.since = BreakState.PROMPTED, now
        prompt.unlocked = not settings.strict_mode
        if prompt.limit is None:
            prompt.target = use.app
        last_chance = prompt.snoozes >= MAX_SNOOZES
        return BreakDue(
            at,
            prompt.kind,
            prompt.target,
            settings.break_minutes,
            limit_minutes=prompt.limit.minutes if prompt.limit else None,
            can_skip=prompt.unlocked,
            can_snooze=prompt.unlocked and not last_chance,
            breathing_seconds=BREATHING_SECONDS if last_chance else 0,
            snoozes=prompt.snoozes,
        )

    def _front(self) -> _Prompt | None:
        """The prompt on screen or on break (at most one)."""
        on_screen = (BreakState.PROMPTED, BreakState.ON_BREAK)
        return next((p for p in self._prompts if p.state in on_screen), None)

    def _on_screen(self) -> _Prompt | None:
        return next((p for p in self._prompts if p.state is BreakState.PROMPTED), None)

    def _holding(self, obs: Observation) -> bool:
        return obs.busy and self._settings.hold_prompts_when_busy
