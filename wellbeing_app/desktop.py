"""The composition root of the desktop app: windows, tray, services, and how they are wired."""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from wellbeing_app.app import (
    backup_if_due,
    build_sampler,
    build_tracker,
    crisis_lines,
    fill_demo,
    load_activities,
    load_catalog,
)
from wellbeing_app.core.breaks import BreakCutShort, BreakTaken, PromptUnlocked
from wellbeing_app.core.classifier import Catalog
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.gratitude import load_prompts, prompt_for, streak, streak_text
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.questionnaires import questionnaire_named
from wellbeing_app.platform.autostart import Autostart, start_command
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.platform.notifications import DesktopNotifier
from wellbeing_app.platform.paths import default_data_dir
from wellbeing_app.platform.single_instance import SingleInstance, instance_name
from wellbeing_app.report_input import PresetStore
from wellbeing_app.resources import read_text, resource_path
from wellbeing_app.services.break_service import BreakService
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.services.reminders import ReminderService
from wellbeing_app.services.sampler import Sampler
from wellbeing_app.services.sampler_service import SamplerService
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.services.today import TodayService
from wellbeing_app.storage.activities import ActivityRepository, suggest_now
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.backups import delete_all_data, restore_backup
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.activities_page import ActivitiesPage
from wellbeing_app.ui.boundaries_page import BoundariesPage
from wellbeing_app.ui.break_prompt import BreakPromptWindow
from wellbeing_app.ui.checkin_dialog import CheckInDialog
from wellbeing_app.ui.data_section import DataSection
from wellbeing_app.ui.help_dialog import HelpDialog
from wellbeing_app.ui.insights_page import InsightsPage
from wellbeing_app.ui.main_thread_gc import MainThreadCollector
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.onboarding import OnboardingDialog
from wellbeing_app.ui.report_page import ReportPage
from wellbeing_app.ui.settings_page import SettingsPage
from wellbeing_app.ui.tray import TrayIcon


def _start_tracking(
    repos: Repositories,
    data_dir: Path,
    clock: Clock,
    catalog: Catalog,
) -> tuple[Sampler | None, TrackerLock | None, str]:
    """The app's own tracker, unless another process tracks this folder or nothing can be seen.

    Returns the sampler (or ``None``), the lock it holds, and a line for the status bar.
    """
    from wellbeing_app.platform.probes import create_probes

    lock = TrackerLock(data_dir)
    try:
        lock.acquire()
    except WellbeingError:
        return None, None, "Tracking runs in another Wellbeing process for this data."
    try:
        foreground, idle = create_probes(catalog.process_names())
    except WellbeingError as error:
        lock.release()
        return None, None, f"Not tracking: {error}"
    sampler = build_sampler(repos, clock, foreground, idle, catalog)
    return sampler, lock, f"Tracking on ({foreground.name})."


def _next_day_start(clock: Clock, day_start_hour: int) -> datetime:
    now = clock.now()
    day = day_of_datetime(now, day_start_hour) + timedelta(days=1)
    return datetime.combine(day, time(day_start_hour), now.tzinfo)


def gratitude_texts(repos: Repositories, clock: Clock, day: date) -> tuple[str, str]:
    """The day's prompt and the (forgiving) streak line for the gratitude dialog."""
    prompts = load_prompts(read_text("gratitude_prompts.json"))
    today = day_of_datetime(clock.now(), repos.settings.day_start_hour)
    written = repos.gratitude.days_with_entries(today - timedelta(days=31), today)
    return prompt_for(day, prompts), streak_text(streak(written, today))


def run_gui(data_dir: Path, *, demo: bool, clock: Clock) -> int:
    """Runs the desktop app until the person quits. Returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Wellbeing")
    app.setDesktopFileName("wellbeing")
    icon = QIcon(str(resource_path("icons", "wellbeing.svg")))
    app.setWindowIcon(icon)

    instance: SingleInstance | None = None
    if not demo:
        # A second launch raises the first window and exits 0.
        instance = SingleInstance(instance_name(data_dir))
        if instance.notify_running():
            return 0
        instance.listen()

    throwaway: Path | None = None
    try:
        if demo:
            throwaway = Path(tempfile.mkdtemp(prefix="wellbeing-demo-"))
            data_dir = throwaway / "data"
            fill_demo(data_dir, clock)
        repos = open_repositories(data_dir)
    except WellbeingError as error:
        QMessageBox.critical(None, "Wellbeing cannot open your data", str(error))
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
        return 2

    label = "sample data, thrown away on quit" if demo else str(data_dir)
    window = MainWindow(icon, label, repos, clock, lambda day: gratitude_texts(repos, clock, day))
    today = TodayService(repos, clock)
    tray = TrayIcon(icon)
    notifier = Notifier([("desktop", DesktopNotifier().notify), ("tray", tray.show_message)])
    notifier.banner_requested.connect(window.show_notice)
    reminders = ReminderService(repos, clock, notifier)

    today.snapshot_changed.connect(window.show_snapshot)
    today.snapshot_changed.connect(tray.show_snapshot)
    window.data_changed.connect(today.refresh)
    tray.open_requested.connect(window.showNormal)
    tray.open_requested.connect(window.raise_)
    tray.open_requested.connect(window.activateWindow)
    # The app runs its own event loop and ends it itself, rather than QApplication.quit(),
    # which would leave Qt's "quit now" flag set for any later event loop in this process.
    loop = QEventLoop()
    app.setQuitOnLastWindowClosed(False)
    tray.quit_requested.connect(loop.quit)
    window.closed.connect(loop.quit)
    window.hidden_to_tray.connect(
        lambda: notifier.notify(
            Notice(
                "Wellbeing is still here",
                "It keeps running in the tray; quit it from the tray menu.",
            )
        )
    )

    def show_help() -> None:
        lines, note = crisis_lines(repos)
        HelpDialog(lines, note, window).exec()

    def start_checkin(name: str) -> None:
        questionnaire = questionnaire_named(name)
        lines, _ = crisis_lines(repos)
        dialog = CheckInDialog(
            questionnaire,
            clock.now(),
            repos.checkins.latest(name),
            lines,
            repos.checkins.add,
            window,
        )
        dialog.exec()
        window.journal.show_selected_day()

    window.help_requested.connect(show_help)
    window.checkin_requested.connect(start_checkin)
    tray.help_requested.connect(show_help)

    def log_mood_from_tray(score: int) -> None:
        repos.moods.add(new_mood_entry(clock.now(), score))
        today.refresh()
        window.journal.show_selected_day()
        notifier.notify(
            Notice(
                "Mood logged",
                f"{score} ({MOOD_LABELS[score]}). Add a note any time in the Journal.",
            )
        )

    tray.mood_logged.connect(log_mood_from_tray)

    activities = load_activities()
    breaks = BreakService(repos, clock, notifier, activities)
    prompt = BreakPromptWindow()
    prompt.setWindowIcon(icon)
    breaks.prompt_due.connect(
        lambda due, found: prompt.show_prompt(due, found, repos.settings.continuous_use_minutes)
    )

    def on_break_updated(update: object) -> None:
        if isinstance(update, PromptUnlocked):
            prompt.unlock(update)
        elif isinstance(update, BreakTaken | BreakCutShort):
            prompt.show_break_result(update)
        today.refresh()

    breaks.updated.connect(on_break_updated)
    prompt.break_taken.connect(breaks.take_break)
    prompt.snoozed.connect(breaks.snooze)
    prompt.skipped.connect(breaks.skip)
    prompt.dismissed.connect(breaks.dismiss)
    prompt.outcome_answered.connect(
        lambda activity, answer: breaks.log_outcome(
            activity, answer.done, answer.mood_after, answer.helped
        )
    )
    window.data_changed.connect(breaks.refresh_totals)

    def show_continuous_use() -> None:
        window.today.show_continuous_use(
            breaks.scheduler.continuous_use_seconds, repos.settings.continuous_use_minutes
        )

    def show_an_idea() -> None:
        found = suggest_now(
            ActivityRepository(repos.db),
            activities,
            clock.now(),
            15,
            random.Random(),
            record=False,
            count=1,
        )
        if found:
            idea = found[0]
            window.today.show_suggestion(idea.title, idea.activity.minutes, idea.why)

    show_continuous_use()
    show_an_idea()
    ideas = QTimer()
    ideas.setInterval(30 * 60_000)  # a fresh idea now and then, never a stream of them
    ideas.timeout.connect(show_an_idea)
    ideas.start()

    catalog = load_catalog()
    settings = SettingsService(repos.settings_store)
    app_names = sorted({app.name for app in catalog.apps} | set(repos.usage.known_apps()))
    insights = InsightsPage(repos, clock)
    window.add_page("Insights", insights)
    window.data_changed.connect(insights.mark_stale)
    boundaries = BoundariesPage(repos, settings, app_names, clock)
    window.add_page("Boundaries", boundaries)
    activities_page = ActivitiesPage(repos, activities, clock)
    window.add_page("Activities", activities_page)
    autostart = Autostart()
    launch = start_command(None if demo or data_dir == default_data_dir() else data_dir)
    settings_page = SettingsPage(
        repos,
        settings,
        catalog,
        label,
        data_dir=None if demo else data_dir,
        autostart=autostart,
        start_command=launch,
    )
    report_page = ReportPage(repos, clock, PresetStore(repos.db))
    your_data = DataSection(repos, clock, data_dir)
    # Restoring or deleting needs the database closed: end the loop, act after clean-up.
    after_exit: list[tuple[str, Path | None]] = []

    def end_then(action: str, path: Path | None = None) -> None:
        after_exit.append((action, path))
        loop.quit()

    your_data.restore_requested.connect(lambda path: end_then("restore", path))
    your_data.delete_all_requested.connect(lambda: end_then("delete"))
    your_data.imported.connect(window.data_changed)
    your_data.imported.connect(window.journal.reload)
    report_page.add_section(your_data)
    window.add_page("Report & export", report_page)
    window.add_page("Settings", settings_page)
    if instance is not None:
        instance.activation_requested.connect(window.showNormal)
        instance.activation_requested.connect(window.raise_)
        instance.activation_requested.connect(window.activateWindow)
    today.snapshot_changed.connect(lambda _: boundaries.refresh())
    prompt.outcome_answered.connect(lambda *_: activities_page.refresh())
    settings.changed.connect(breaks.scheduler.set_settings)
    sampler, lock, tracking_status = _start_tracking(repos, data_dir, clock, catalog)
    service: SamplerService | None = None
    window.set_tracking_status(tracking_status)
    tray.set_tracking_available(sampler is not None)
    if sampler is not None:
        service = SamplerService(sampler, repos.settings.poll_interval_seconds)
        service.committed.connect(today.refresh)
        service.committed.connect(breaks.refresh_totals)
        service.committed.connect(show_continuous_use)
        service.sampled.connect(breaks.observe)

        def apply_tracking_settings() -> None:
            # New settings or rules: a tracker built from them takes over seamlessly.
            current = repos.settings
            service.sampler.reconfigure(
                build_tracker(repos, catalog), current.commit_interval_seconds
            )
            service.set_interval(current.poll_interval_seconds)

        settings.changed.connect(lambda _: apply_tracking_settings())

        def pause(minutes: float | None) -> None:
            until = (
                clock.now() + timedelta(minutes=minutes)
                if minutes is not None
                else _next_day_start(clock, repos.settings.day_start_hour)
            )
            service.pause_until(until.timestamp())
            tray.show_paused_until(until)
            settings_page.show_paused_until(until)
            window.set_tracking_status(f"Tracking paused until {until:%H:%M}.")

        def resume() -> None:
            service.resume()
            tray.show_paused_until(None)
            settings_page.show_paused_until(None)
            window.set_tracking_status(tracking_status)

        tray.pause_requested.connect(pause)
        tray.resume_requested.connect(resume)
        settings_page.pause_requested.connect(pause)
        settings_page.resume_requested.connect(resume)
        settings_page.rules_changed.connect(apply_tracking_settings)
        service.start()
    if tray.available:
        tray.show()
        window.keep_in_tray = True
    today.start()
    reminders.start()
    backup_if_due(repos, data_dir, clock)
    hourly = QTimer()
    hourly.setInterval(3_600_000)
    hourly.timeout.connect(lambda: backup_if_due(repos, data_dir, clock))
    hourly.start()
    state = AppState(repos.db)
    if not demo and not state.flag("first_run_done"):
        # First run: what is tracked and stored, which apps count, a first limit, reminders.
        onboarding = OnboardingDialog(
            catalog, settings, RuleRepository(repos.db), autostart, command=launch
        )
        if onboarding.exec():
            limit = onboarding.first_limit()
            if limit is not None:
                repos.limits.set(limit)
            state.set_flag("first_run_done")
            if sampler is not None:
                apply_tracking_settings()
            today.refresh()
            boundaries.refresh()
    window.show()
    collector = MainThreadCollector()  # charts are drawn in worker threads
    collector.start()
    try:
        code = loop.exec()
    finally:
        collector.stop()
        if service is not None:
            service.stop()  # closes the open span at its last sample and writes it
        tray.icon.hide()
        for widget in (prompt, window):
            widget.close()
            widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if lock is not None:
            lock.release()
        if instance is not None:
            instance.close()
        repos.close()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)
    for action, path in after_exit:
        return _after_exit(action, path, data_dir, demo=demo, clock=clock)
    return code


def _after_exit(action: str, path: Path | None, data_dir: Path, *, demo: bool, clock: Clock) -> int:
    """Restore a backup (then start again) or delete everything, with nothing holding the
    database open."""
    if action == "restore" and path is not None:
        try:
            aside = restore_backup(path, data_dir, now=clock.now())
        except WellbeingError as error:
            QMessageBox.warning(None, "Wellbeing", f"The backup was not restored: {error}")
        else:
            kept = f" Your previous data was kept as {aside}." if aside else ""
            QMessageBox.information(None, "Wellbeing", f"The backup was restored.{kept}")
        return run_gui(data_dir, demo=demo, clock=clock)
    removed = delete_all_data(data_dir)
    QMessageBox.information(
        None,
        "Wellbeing",
        f"All your Wellbeing data on this computer was deleted ({len(removed)} files). "
        "Wellbeing has closed; starting it again begins afresh.",
    )
    return 0
