"""The event-driven sampler: it sleeps until a probe reports a change or a deadline comes (a
commit, the idle threshold, the end of a pause), and its totals stay exact. Fake clock and
fake waits (``FakeWait``): nothing sleeps."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.services.fake_wait import FakeWait
from wellbeing_app.app import build_sampler, build_tracker, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.probes import ChangeNotifier, InputNotifier
from wellbeing_app.services.headless import QUIET_COMMIT_SECONDS, run_headless
from wellbeing_app.services.sampler import Sampler
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter

TODAY = date(2026, 11, 21)
FOREGROUND_FD, IDLE_FD = 1001, 1002  # never waited on for real: FakeWait says when


class WatchedForeground(FakeForegroundProbe):
    """A foreground probe that says when the window changes (as the X11 and sway ones do)."""

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def show(self, app: str, title: str, pid: int | None = None) -> None:
        super().show(app, title, pid)
        self.changes += 1

    def change_fileno(self) -> int | None:
        return FOREGROUND_FD

    def take_changes(self) -> bool:
        changed, self.changes = self.changes > 0, 0
        return changed


class WatchedIdle(FakeIdleProbe):
    """An idle probe that says when input comes back (X11 with XInput 2, Wayland)."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__()
        self.clock = clock
        self.armed = False
        self.arms = 0
        self.input = False
        self.reads: list[float] = []

    def idle_seconds(self) -> float | None:
        self.reads.append(self.clock.now().timestamp())
        return super().idle_seconds()

    def notify_input(self) -> None:
        self.armed = True
        self.arms += 1

    def change_fileno(self) -> int | None:
        return IDLE_FD

    def take_changes(self) -> bool:
        came, self.input = self.input and self.armed, False
        if came:
            self.armed = False
        return came

    def comes_back(self) -> None:
        self.seconds = 0.0
        self.input = True


@pytest.fixture
def watched() -> WatchedForeground:
    return WatchedForeground()


@pytest.fixture
def watched_idle(clock: FixedClock) -> WatchedIdle:
    return WatchedIdle(clock)


@pytest.fixture
def sampler(
    repos: Repositories, clock: FixedClock, watched: WatchedForeground, watched_idle: WatchedIdle
) -> Sampler:
    return build_sampler(repos, clock, watched, watched_idle, load_catalog())


def by_app(repos: Repositories) -> dict[str, float]:
    return {t.app: t.seconds for t in repos.usage.by_app(TODAY, TODAY)}


def test_the_fakes_are_what_the_sampler_looks_for(
    watched: WatchedForeground, watched_idle: WatchedIdle
) -> None:
    # (so a change in the protocols cannot leave the tests below testing the poll)
    assert isinstance(watched, ChangeNotifier)
    assert isinstance(watched_idle, InputNotifier)
    assert not isinstance(FakeForegroundProbe(), ChangeNotifier)


def test_without_a_change_it_wakes_only_to_commit_once_a_quiet_minute(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0  # in front before tracking began
    wait = FakeWait(clock, 180)
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    # One wake-up a minute (QUIET_COMMIT_SECONDS), none in between: 3 instead of 180 polls.
    assert wait.waits == [QUIET_COMMIT_SECONDS] * 3
    assert set(wait.filenos) == {(FOREGROUND_FD, IDLE_FD)}
    # The first sample, one per wake-up, and one at the stop (the 3rd wait ends with it).
    assert watched.calls == 1 + 2 + 1
    assert by_app(repos) == {"Discord": 180.0}
    assert repos.usage.active_days(TODAY, TODAY)[0].seconds == 180.0


def test_the_app_commits_every_commit_interval(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0
    wait = FakeWait(clock, 120)
    run_headless(sampler, 1.0, threading.Event(), wait=wait, quiet_commit=None)
    assert wait.waits == [5.0] * 24
    assert by_app(repos) == {"Discord": 120.0}


def test_a_crash_loses_at_most_a_quiet_minute(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0
    stored: list[tuple[float, float]] = []

    def look() -> None:  # what a crash at this moment would leave on disk
        stored.append((clock.now().timestamp() - start, by_app(repos).get("Discord", 0.0)))

    start = clock.now().timestamp()
    moments = {float(s): look for s in range(1, 300)}
    run_headless(sampler, 1.0, threading.Event(), wait=FakeWait(clock, 300, at_second=moments))
    assert stored and all(at - on_disk <= QUIET_COMMIT_SECONDS for at, on_disk in stored)


def test_a_change_is_sampled_when_it_comes_and_totals_stay_exact(
    sampler: Sampler,
    repos: Repositories,
    clock: FixedClock,
    watched: WatchedForeground,
    watched_idle: WatchedIdle,
) -> None:
    watched.show("Discord", "general | Discord")
    wait = FakeWait(
        clock,
        90,
        changes={
            17.25: lambda: watched.show("firefox", "r/AskReddit - Reddit — Mozilla Firefox"),
            40.5: lambda: watched.show("gedit", "notes.txt - Text Editor"),
        },
    )
    on_disk: dict[float, dict[str, float]] = {}
    wait.at_second = {s: (lambda s=s: on_disk.update({s: by_app(repos)})) for s in (18.0, 41.0)}
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    assert by_app(repos) == {"Discord": 17.25, "Reddit": 23.25}
    # Woken at each change; the change at 17.25 is not written yet (less than half a quiet
    # minute since the start), the one at 40.5 is, with the one before it; then the quiet
    # minute from that commit (cut short by the end of the run).
    assert wait.waits == pytest.approx([60.0, 60.0 - 17.25, 60.0])
    assert on_disk == {18.0: {}, 41.0: {"Discord": 17.25, "Reddit": 23.25}}
    # Idle time is not asked at a change: far below the threshold, it cannot matter.
    assert watched_idle.reads == [clock.now().timestamp() - 90]


def test_the_app_reads_idle_time_at_a_change(
    repos: Repositories, clock: FixedClock, watched: WatchedForeground, watched_idle: WatchedIdle
) -> None:
    sampler = build_sampler(repos, clock, watched, watched_idle, load_catalog(), idle_refresh=5)
    watched.show("Discord", "general | Discord")
    watched.changes = 0  # in front before tracking began
    start = clock.now().timestamp()
    wait = FakeWait(clock, 8, changes={2.5: lambda: watched.show("gedit", "notes.txt")})
    run_headless(sampler, 1.0, threading.Event(), wait=wait, quiet_commit=None)
    assert [read - start for read in watched_idle.reads] == [0.0, 2.5, 7.5]


def test_the_idle_threshold_is_a_deadline_and_away_time_is_cut_back_exactly(
    sampler: Sampler,
    repos: Repositories,
    clock: FixedClock,
    watched: WatchedForeground,
    watched_idle: WatchedIdle,
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0  # in front before tracking began
    start = clock.now().timestamp()

    def idle_now() -> None:  # the last input was at t=100
        watched_idle.seconds = max(0.0, clock.now().timestamp() - start - 100)

    # The fake idle probe answers for the moment it is asked; move it with every wait.
    seconds = {float(s): idle_now for s in range(100, 400)}
    wait = FakeWait(clock, 600, at_second=seconds, changes={500.0: watched_idle.comes_back})
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    # Read at 0 (idle 0), at 180 (idle 80), at 280: the threshold, 180 s after the last input.
    # Away, nothing to commit: only a recheck a minute, and the input at 500 wakes it.
    assert [read - start for read in watched_idle.reads] == [0, 180, 280, 340, 400, 460, 500]
    assert by_app(repos) == {"Discord": pytest.approx(100.0 + 100.0)}


def test_without_input_events_the_return_from_away_is_polled(
    repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    idle = FakeIdleProbe()  # cannot say when input comes back
    sampler = build_sampler(repos, clock, watched, idle, load_catalog())
    watched.show("Discord", "general | Discord")
    idle.seconds = 200.0  # away already
    wait = FakeWait(clock, 30)
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    assert set(wait.waits[1:]) == {1.0}


@pytest.mark.parametrize(
    ("quiet", "suspended", "counted"),
    [
        (None, True, 20.0 + 80.0),  # asleep 3600 s during the wait 15-20: awake until 20
        (None, False, 15.0 + 80.0),  # a stalled process: its own clock moved on, nothing known
        # Lazy commits: asleep 3600 s during the first wait (0-60), then 3660-3700.
        (QUIET_COMMIT_SECONDS, True, 60.0 + 40.0),
        (QUIET_COMMIT_SECONDS, False, 0.0 + 40.0),
    ],
)
def test_a_gap_longer_than_the_planned_wait_invents_no_time(
    repos: Repositories,
    clock: FixedClock,
    watched: WatchedForeground,
    watched_idle: WatchedIdle,
    quiet: float | None,
    suspended: bool,
    counted: float,
) -> None:
    asleep = 0.0

    def monotonic() -> float:  # stands still while the machine sleeps
        return clock.now().timestamp() - asleep

    def gap() -> None:
        nonlocal asleep
        clock.advance(3600)
        if suspended:
            asleep += 3600

    settings = repos.settings
    sampler = Sampler(
        watched,
        watched_idle,
        build_tracker(repos, load_catalog()),
        SpanWriter(repos.db),
        PauseStore(repos.db),
        clock,
        settings.commit_interval_seconds,
        monotonic=monotonic,
    )
    watched.show("Discord", "general | Discord")
    wait = FakeWait(clock, 3700, at_second={20: gap})  # at the end of the wait that passes 20
    run_headless(sampler, 1.0, threading.Event(), wait=wait, quiet_commit=quiet)
    assert by_app(repos) == {"Discord": pytest.approx(counted)}


def test_a_pause_ends_at_its_moment_without_polling_meanwhile(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    sampler.tick()
    sampler.pause_until((clock.now() + timedelta(seconds=62)).timestamp())
    wait = FakeWait(clock, 100)
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    # A quiet minute, then the end of the pause at its moment (62 s), then the next commit.
    assert wait.waits == pytest.approx([QUIET_COMMIT_SECONDS, 2.0, 58.0])
    assert by_app(repos) == {"Discord": pytest.approx(38.0)}


def test_a_clock_set_back_samples_at_once(sampler: Sampler, clock: FixedClock) -> None:
    sampler.tick()
    clock.advance(-600)
    assert sampler.wait_seconds() == 0.0


def test_while_active_input_is_not_watched_so_typing_wakes_nothing(
    repos: Repositories, clock: FixedClock, watched: WatchedForeground, watched_idle: WatchedIdle
) -> None:
    # The app's sampler re-reads idle time every 5 s for its break scheduler.
    sampler = build_sampler(repos, clock, watched, watched_idle, load_catalog(), idle_refresh=5)
    watched.show("Discord", "general | Discord")
    run_headless(sampler, 1.0, threading.Event(), wait=FakeWait(clock, 120))
    assert len(watched_idle.reads) >= 120 / 5
    assert watched_idle.arms == 1  # the first reading only: nothing known yet


def test_a_title_that_changes_many_times_a_second_is_sampled_at_most_once_a_poll(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0
    counter = {i / 10: (lambda i=i: watched.show("Discord", f"({i}) general | Discord"))
               for i in range(1, 300)}  # fmt: skip
    wait = FakeWait(clock, 30, changes=counter)
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    # 299 title changes in 30 s: about one sample a second (and one per commit), not 299.
    assert watched.calls <= 30 + 6 + 2
    assert by_app(repos) == {"Discord": pytest.approx(30.0)}


def test_a_window_right_after_no_window_is_sampled_at_once(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    # How openbox moves the focus: the active window is none for a moment, then the next one.
    watched.show("Discord", "general | Discord")
    watched.changes = 0

    def nothing() -> None:
        watched.window = None
        watched.changes += 1

    wait = FakeWait(
        clock,
        20,
        changes={
            10.0: nothing,
            10.001: lambda: watched.show("firefox", "r/AskReddit - Reddit — Mozilla Firefox"),
        },
    )
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    assert by_app(repos) == {"Discord": 10.0, "Reddit": pytest.approx(9.999)}


def test_a_pause_made_elsewhere_is_followed_at_the_next_change(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0
    start = clock.now().timestamp()

    def pause_elsewhere() -> None:  # ``wellbeing pause 30`` in another process
        PauseStore(repos.db).pause_until(start + 10 + 1800)

    wait = FakeWait(
        clock,
        100,
        at_second={10: pause_elsewhere},
        changes={20: lambda: watched.show("firefox", "r/AskReddit - Reddit — Mozilla Firefox")},
    )
    run_headless(sampler, 1.0, threading.Event(), wait=wait)
    # Seen at the change at 20 s, not at the commit a quiet minute after the start.
    assert by_app(repos) == {"Discord": 20.0}
    assert sampler.paused_until == start + 10 + 1800


def test_a_pause_made_elsewhere_is_followed_before_the_quiet_minutes_sample(
    sampler: Sampler, repos: Repositories, clock: FixedClock, watched: WatchedForeground
) -> None:
    watched.show("Discord", "general | Discord")
    watched.changes = 0
    start = clock.now().timestamp()

    def pause_elsewhere() -> None:
        PauseStore(repos.db).pause_until(start + 10 + 1800)

    run_headless(sampler, 1.0, threading.Event(), wait=FakeWait(clock, 150, {10: pause_elsewhere}))
    # Nothing changed: the wake-up to commit at 60 s sees the pause, and counts nothing more
    # (the time between the pause and that wake-up is counted: at most a quiet minute).
    assert by_app(repos) == {"Discord": 60.0}


def test_paused_with_a_reading_gone_stale_it_does_not_wake_at_once_again_and_again(
    sampler: Sampler, clock: FixedClock, watched: WatchedForeground, watched_idle: WatchedIdle
) -> None:
    watched.show("Discord", "general | Discord")
    watched_idle.seconds = 30.0  # the threshold (180 s) could be reached 150 s from now
    sampler.tick()
    sampler.pause_until((clock.now() + timedelta(hours=1)).timestamp())
    sampler.quiet_commit = QUIET_COMMIT_SECONDS  # as run_headless sets it
    waits = []
    for _ in range(20):  # (a loop of its own: run_headless would spin here, never waiting)
        wait = sampler.wait_seconds()
        assert wait is not None
        waits.append(wait)
        clock.advance(max(wait, 0.001))
        sampler.changed()
        sampler.tick()
    assert min(waits) >= 1.0
