"""The composition root for everything without a window: the data folder, the classifier, the
tracking pipeline, the headless tracker and sample data. ``desktop.py`` composes the app on top.

Nothing else creates long-lived collaborators; everything comes in through constructors.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from wellbeing_app.core.activities import Activity, parse_activities
from wellbeing_app.core.classifier import (
    Catalog,
    Classifier,
    current_os,
    parse_catalog,
)
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.crisis import (
    CrisisCatalog,
    CrisisHelp,
    CrisisLine,
    lines_for,
    parse_crisis_catalog,
)
from wellbeing_app.core.demo import generate
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.probes import ForegroundProbe, IdleProbe
from wellbeing_app.core.tracking import TitlePolicy, Tracker
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.resources import read_text
from wellbeing_app.services.headless import StopRequest, run_headless
from wellbeing_app.services.sampler import Sampler, tell_on_stderr
from wellbeing_app.storage.backups import backup_now, backups, is_due, prune
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter

log = logging.getLogger(__name__)


def load_catalog() -> Catalog:
    """The shipped catalog of community apps, sites and browsers, for this OS."""
    return parse_catalog(read_text("community_apps.json"), current_os(sys.platform))


def load_crisis_catalog() -> CrisisCatalog:
    """The shipped crisis lines, each with its source and the date it was checked."""
    return parse_crisis_catalog(read_text("crisis_lines.json"))


def crisis_lines(repos: Repositories) -> tuple[tuple[CrisisLine, ...], str]:
    """The person's crisis contacts for 'Get help now' (their own first, then their country's,
    then international ones), and the note that the list needs a local check."""
    catalog = load_crisis_catalog()
    settings = repos.settings
    lines = lines_for(settings.crisis_country, catalog.lines, settings.crisis_lines)
    return lines, catalog.note


def crisis_help(repos: Repositories) -> CrisisHelp:
    """What 'Get help now' shows, and how a country chosen there is saved."""
    settings = repos.settings

    def save_country(code: str) -> None:
        repos.settings_store.set("crisis_country", code)

    return CrisisHelp(
        load_crisis_catalog(), settings.crisis_country, settings.crisis_lines, save_country
    )


def load_activities() -> tuple[Activity, ...]:
    """The shipped catalog of offline activities."""
    return parse_activities(read_text("activities.json"))


def catalog_app_names() -> list[str]:
    """Display names of every community app in the shipped catalog."""
    return [app.name for app in load_catalog().apps]


def build_classifier(repos: Repositories, catalog: Catalog) -> Classifier:
    """The classifier for the person's rules in force now. A stored rule that cannot be used
    arrives disabled (``RuleRepository.all``), and a stored exclude pattern that cannot be
    used is left out when settings are read: one bad pattern never stops tracking."""
    rules = RuleRepository(repos.db)
    return Classifier(catalog, rules.all(), rules.uncounted_apps())


def build_tracker(repos: Repositories, catalog: Catalog) -> Tracker:
    """A tracker configured by the settings and rules in force now."""
    settings = repos.settings
    classifier = build_classifier(repos, catalog)
    return Tracker(
        classifier.classify,
        poll_interval=settings.poll_interval_seconds,
        idle_threshold=settings.idle_threshold_seconds,
        titles=TitlePolicy(settings.window_titles, settings.exclude_patterns),
        track_all_apps=settings.track_all_apps,
        day_start_hour=settings.day_start_hour,
    )


def build_sampler(
    repos: Repositories,
    clock: Clock,
    foreground: ForegroundProbe,
    idle: IdleProbe,
    catalog: Catalog | None = None,
    *,
    idle_refresh: float | None = None,
) -> Sampler:
    """The probe -> classifier -> tracker -> storage pipeline, configured by the settings.

    ``idle_refresh``: re-read idle time at least this often (the app's break scheduler);
    ``None`` asks only when the idle threshold could be reached (the headless tracker).
    """
    tracker = build_tracker(repos, catalog or load_catalog())
    return Sampler(
        foreground,
        idle,
        tracker,
        SpanWriter(repos.db),
        PauseStore(repos.db),
        clock,
        repos.settings.commit_interval_seconds,
        poll_interval=repos.settings.poll_interval_seconds,
        idle_refresh=idle_refresh,
    )


def backup_if_due(
    repos: Repositories,
    data_dir: Path,
    clock: Clock,
    on_failure: Callable[[str], object] | None = None,
) -> Path | None:
    """The automatic backup: when one is due, copy the database and drop the oldest copies.

    A backup that cannot be made (a full disk, no permission) never stops anything: it returns
    ``None`` and tells ``on_failure`` one sentence (by default a warning in the log); the next
    call tries again.
    """
    every = repos.settings.backup_every_hours
    if every == 0:
        return None
    try:
        found = backups(data_dir)
        if not is_due(found[0].created if found else None, clock.now(), every):
            return None
        path = backup_now(repos.db, data_dir, clock.now())
        prune(data_dir, repos.settings.backups_to_keep)
    except (WellbeingError, OSError) as error:
        reason = str(error) if isinstance(error, WellbeingError) else error.strerror or str(error)
        message = (
            f"The automatic backup failed ({reason.rstrip('.')}); everything else goes on, "
            "and it is tried again within the hour."
        )
        if on_failure is None:
            log.warning(message)
        else:
            on_failure(message)
        return None
    return path


def run_tracker(data_dir: Path, clock: Clock, interval: float | None = None) -> int:
    """The headless tracker: samples until SIGINT/SIGTERM, then flushes and returns 0."""
    from wellbeing_app.platform.probes import create_probes
    from wellbeing_app.platform.sessions import current_tracking_advice, probe_label

    # Handlers first: a stop request that comes while starting up must still end in a flush.
    # The request also wakes the loop's select at once (it sleeps until a change otherwise).
    stop = StopRequest()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), request_stop)
    repos = open_repositories(data_dir)
    lock = TrackerLock(data_dir)
    try:
        lock.acquire()
        catalog = load_catalog()
        foreground, idle = create_probes(
            catalog.process_names(),
            idle_after_seconds=repos.settings.idle_threshold_seconds,
        )
        sampler = build_sampler(repos, clock, foreground, idle, catalog)
        poll = interval or repos.settings.poll_interval_seconds
        how = "at each window change" if sampler.event_driven else f"every {poll:g} s"
        print(
            f"Tracking time in online communities {how} into {data_dir} "
            f"({probe_label(foreground.name)}); stop with Ctrl+C.",
            flush=True,
        )
        advice = current_tracking_advice(foreground.name)
        if advice is not None:
            tell_on_stderr(advice.text)
        backup_if_due(repos, data_dir, clock, tell_on_stderr)
        run_headless(
            sampler,
            poll,
            stop,
            hourly=lambda: backup_if_due(repos, data_dir, clock, tell_on_stderr),
        )
        return 0
    finally:
        lock.release()
        repos.close()
        stop.close()


def pause_tracking(data_dir: Path, clock: Clock, minutes: float | None) -> str:
    """Pauses tracking for ``minutes`` (``None`` resumes); a running tracker follows along."""
    repos = open_repositories(data_dir)
    try:
        store = PauseStore(repos.db)
        if minutes is None:
            store.resume()
            return "Tracking resumed."
        until = clock.now() + timedelta(minutes=minutes)
        store.pause_until(until.timestamp())
        return f"Tracking paused until {until:%H:%M} ({until:%Y-%m-%d})."
    finally:
        repos.close()


def fill_demo(data_dir: Path, clock: Clock, days: int = 60, seed: int = 7) -> str:
    """Fills an empty data folder with sample data; returns a one-line summary."""
    repos = open_repositories(data_dir)
    try:
        data = generate(
            clock.now(), days=days, seed=seed, day_start_hour=repos.settings.day_start_hour
        )
        write_demo(repos, data)
    finally:
        repos.close()
    return (
        f"{len(data.spans)} usage spans, {len(data.moods)} mood check-ins, "
        f"{len(data.gratitude)} gratitude entries, {len(data.checkins)} WHO-5 check-ins"
    )
