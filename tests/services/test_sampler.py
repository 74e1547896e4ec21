import threading
from datetime import date, timedelta

import pytest

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.services.fake_wait import FakeWait
from wellbeing_app.app import build_sampler, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.services.headless import run_headless
from wellbeing_app.services.sampler import Sampler
from wellbeing_app.storage.repositories import Repositories

TODAY = date(2026, 11, 21)


@pytest.fixture
def sampler(
    repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe, idle: FakeIdleProbe
) -> Sampler:
    return build_sampler(repos, clock, foreground, idle, load_catalog())


def run_for(sampler: Sampler, clock: FixedClock, seconds: int) -> None:
    for _ in range(seconds):
        sampler.tick()
        clock.advance(1)


def by_app(repos: Repositories) -> dict[str, float]:
    return {t.app: t.seconds for t in repos.usage.by_app(TODAY, TODAY)}


def test_time_in_front_is_counted_per_app(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 60)
    foreground.show("firefox", "r/AskReddit - Reddit — Mozilla Firefox")
    run_for(sampler, clock, 30)
    foreground.show("gedit", "notes.txt - Text Editor")
    run_for(sampler, clock, 30)
    sampler.close()
    assert by_app(repos) == {"Discord": 60.0, "Reddit": 30.0}
    assert repos.usage.active_days(TODAY, TODAY)[0].seconds == 119.0
    assert foreground.closed


def test_the_open_span_is_on_disk_after_each_commit(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 12)  # commits every 5 s; never closed: as if killed now
    assert by_app(repos) == {"Discord": 10.0}
    assert repos.db["usage_spans"].count == 1  # one row, updated in place
    run_for(sampler, clock, 10)
    assert by_app(repos) == {"Discord": 20.0}
    assert repos.db["usage_spans"].count == 1


def test_idle_time_is_not_counted(
    sampler: Sampler,
    repos: Repositories,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
) -> None:
    foreground.show("slack", "#random - Slack")
    run_for(sampler, clock, 60)
    for away in range(1, 600):
        idle.seconds = float(away)
        sampler.tick()
        clock.advance(1)
    idle.seconds = 0.0
    run_for(sampler, clock, 10)
    sampler.close()
    # Input until t=59 (59 s), away, back at t=659 until the last sample at t=668 (9 s).
    assert by_app(repos) == {"Slack": pytest.approx(68.0)}


def test_pause_records_nothing_until_it_ends(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 10)
    sampler.pause_until((clock.now() + timedelta(minutes=15)).timestamp())
    run_for(sampler, clock, 15 * 60)
    run_for(sampler, clock, 20)  # the pause has ended by itself
    sampler.close()
    assert by_app(repos)["Discord"] == pytest.approx(10 + 19, abs=1)
    assert sampler.paused_until is None


def test_a_failing_probe_skips_samples_but_never_stops_tracking(
    sampler: Sampler,
    repos: Repositories,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 10)

    def broken() -> None:
        raise OSError("X connection lost")

    monkeypatch.setattr(foreground, "foreground", broken)
    run_for(sampler, clock, 10)
    monkeypatch.undo()
    run_for(sampler, clock, 10)
    sampler.close()
    assert by_app(repos)["Discord"] == pytest.approx(19.0)


def test_clock_jump_forward_invents_no_time(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 10)
    clock.advance(2 * 3600)  # suspended
    run_for(sampler, clock, 10)
    sampler.close()
    assert by_app(repos)["Discord"] == pytest.approx(18.0)


def test_run_headless_stops_and_flushes(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    foreground.show("Discord", "general | Discord")
    stop = threading.Event()
    wait = FakeWait(clock, 30)

    run_headless(sampler, 1.0, stop, wait=wait)
    assert by_app(repos)["Discord"] == pytest.approx(30, abs=1)
    # These fake probes cannot say when something changes: they are polled every second.
    assert set(wait.waits) == {1.0}
    assert foreground.closed


def test_reconfiguring_keeps_what_was_tracked_and_applies_new_rules(
    sampler: Sampler, repos: Repositories, clock: FixedClock, foreground: FakeForegroundProbe
) -> None:
    from wellbeing_app.app import build_tracker
    from wellbeing_app.core.classifier import UserRule
    from wellbeing_app.storage.rules import RuleRepository

    foreground.show("xterm", "lichess.org • Free Online Chess")
    run_for(sampler, clock, 20)
    assert by_app(repos) == {}
    RuleRepository(repos.db).add(UserRule("Chess club", "forum", title_pattern="lichess"))
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 10)
    sampler.reconfigure(build_tracker(repos, load_catalog()), 5)
    foreground.show("xterm", "lichess.org • Free Online Chess")
    run_for(sampler, clock, 10)
    sampler.close()
    # The switch closes Discord at its last sample: at most one poll interval is not counted.
    assert by_app(repos) == {"Discord": pytest.approx(9.0), "Chess club": pytest.approx(9.0)}


def test_idle_is_read_only_when_the_threshold_could_be_reached_and_cuts_back_exactly(
    sampler: Sampler,
    repos: Repositories,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[float] = []
    real = idle.idle_seconds

    def counted() -> float | None:
        reads.append(clock.now().timestamp())
        return real()

    monkeypatch.setattr(idle, "idle_seconds", counted)
    start = clock.now().timestamp()
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 600)  # typing all along (threshold 180 s)
    # Idle time grows no faster than the clock: asked at 0, 180, 360 and 540 s only.
    assert [read - start for read in reads] == [0, 180, 360, 540]
    reads.clear()
    for quiet in range(300):  # no input from t=600 on
        idle.seconds = float(quiet)
        sampler.tick()
        clock.advance(1)
    # 540 + 180 = 720 (quiet for 120 s), then 720 + 60: the threshold, exactly.
    assert [read - start for read in reads][:2] == [720, 780]
    sampler.close()
    assert by_app(repos) == {"Discord": 600.0}


def test_the_app_reads_idle_time_every_few_seconds_for_its_break_scheduler(
    repos: Repositories,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sampler = build_sampler(repos, clock, foreground, idle, load_catalog(), idle_refresh=5.0)
    reads: list[float] = []
    real = idle.idle_seconds

    def counted() -> float | None:
        reads.append(clock.now().timestamp())
        return real()

    monkeypatch.setattr(idle, "idle_seconds", counted)
    foreground.show("Discord", "general | Discord")
    run_for(sampler, clock, 20)
    assert len(reads) == 4


def test_stored_patterns_the_linear_engine_cannot_run_never_stop_tracking(
    repos: Repositories,
    clock: FixedClock,
    foreground: FakeForegroundProbe,
    idle: FakeIdleProbe,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Saved before patterns ran on RE2, which has no look-arounds: skipped with a warning.
    repos.db.execute(
        "INSERT INTO user_rules (position, name, category, app_pattern, title_pattern,"
        " enabled, always_active, counted) VALUES (1, 'Not mine', 'chat', '', '(?<!my )bank',"
        " 1, 0, 1), (2, 'Chess club', 'forum', '', 'lichess', 1, 0, 1)"
    )
    repos.db.execute(
        "INSERT INTO settings (name, value) VALUES ('exclude_patterns', ?)",
        ('["(?<=x)secret", "private"]',),
    )
    repos.settings_store.load()
    sampler = build_sampler(repos, clock, foreground, idle, load_catalog())
    foreground.show("xterm", "lichess.org • Free Online Chess")
    run_for(sampler, clock, 10)
    foreground.show("xterm", "the bank")
    run_for(sampler, clock, 10)
    sampler.close()
    assert by_app(repos) == {"Chess club": 10.0}
    # Said with the rule's number and the setting's name: the patterns are the person's words.
    assert "Rule 1 cannot be used" in caplog.text
    assert "exclude_patterns" in caplog.text
    assert "bank" not in caplog.text and "secret" not in caplog.text
