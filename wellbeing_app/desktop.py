"""The composition root of the desktop app: windows, tray, services, and how they are wired."""

from __future__ import annotations

import logging
import os
import random
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtGui import QIcon, QPixmapCache
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from wellbeing_app import APP_ID
from wellbeing_app.app import (
    backup_if_due,
    crisis_help,
    crisis_lines,
    fill_demo,
    load_activities,
    load_catalog,
)
from wellbeing_app.core.breaks import BreakCutShort, BreakTaken, PromptUnlocked
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.gratitude import load_prompts, prompt_for, streak, streak_text
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.core.models import MOOD_LABELS
from wellbeing_app.core.questionnaires import questionnaire_named
from wellbeing_app.desktop_tracking import TrackingControl
from wellbeing_app.platform.autostart import Autostart, set_windows_app_id, start_command
from wellbeing_app.platform.notifications import desktop_notifications
from wellbeing_app.platform.paths import default_data_dir
from wellbeing_app.platform.quit_signals import QuitOnSignals
from wellbeing_app.platform.sessions import current_tracking_advice
from wellbeing_app.platform.single_instance import SingleInstance, instance_name
from wellbeing_app.report_input import PresetStore
from wellbeing_app.resources import read_text, resource_path
from wellbeing_app.services.break_service import BreakService
from wellbeing_app.services.notifier import DesktopChannel, Notice, Notifier
from wellbeing_app.services.reminders import ReminderService, record_welcome_finished
from wellbeing_app.services.sampler_service import SamplerService
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.services.today import TodayService
from wellbeing_app.storage.activities import ActivityRepository, suggest_now
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.backups import delete_all_data, restore_backup
from wellbeing_app.storage.repositories import Repositories, open_current_repositories
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.activities_page import ActivitiesPage
from wellbeing_app.ui.boundaries_page import BoundariesPage
from wellbeing_app.ui.break_prompt import BreakScreens
from wellbeing_app.ui.checkin_dialog import CheckInDialog
from wellbeing_app.ui.data_section import DataSection
from wellbeing_app.ui.help_dialog import HelpDialog
from wellbeing_app.ui.i18n import (
    install_app_translations,
    shown_datetime,
    shown_number,
    translate_core,
)
from wellbeing_app.ui.insights_page import InsightsPage
from wellbeing_app.ui.main_thread_gc import MainThreadCollector
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.mood_dialog import MoodDialog
from wellbeing_app.ui.onboarding import OnboardingDialog
from wellbeing_app.ui.report_page import ReportPage
from wellbeing_app.ui.settings_page import SettingsPage
from wellbeing_app.ui.theme import AppearanceController
from wellbeing_app.ui.tray import TrayIcon, tray_icon


def _next_day_start(clock: Clock, day_start_hour: int) -> datetime:
    now = clock.now()
    day = day_of_datetime(now, day_start_hour) + timedelta(days=1)
    return datetime.combine(day, time(day_start_hour), now.tzinfo)


def gratitude_texts(repos: Repositories, clock: Clock, day: date) -> tuple[str, str]:
    """The day's prompt and the (forgiving) streak line for the gratitude dialog."""
    prompts = load_prompts(read_text("gratitude_prompts.json"))
    today = day_of_datetime(clock.now(), repos.settings.day_start_hour)
    written = repos.gratitude.days_with_entries(today - timedelta(days=31), today)
    return translate_core(prompt_for(day, prompts)), streak_text(streak(written, today))


logger = logging.getLogger(__name__)

IDEA_EVERY_MS = 30 * 60_000


def run_gui(data_dir: Path, *, demo: bool, clock: Clock, hidden: bool = False) -> int:
    """Runs the desktop app until the person quits. Returns the exit code.

    ``hidden`` (``wellbeing gui --hidden``, as the start-at-login entry runs it) starts in the
    tray without showing the window, unless there is no tray or the welcome is not finished.
    """
    return DesktopApp(data_dir, demo=demo, clock=clock, hidden=hidden).run()


class DesktopApp:
    """Owns everything the desktop app runs, one ``_setup_*`` method per concern.

    Each long-lived object (timer, service, window, lock, connection) is started here and its
    stop is registered at once; ``shutdown`` runs the stops in reverse order of start, so timers
    and threads end before the database closes and nothing fires afterwards. A restore starts a
    new ``DesktopApp`` in the same process from a clean slate.
    """

    def __init__(self, data_dir: Path, *, demo: bool, clock: Clock, hidden: bool = False) -> None:
        self.data_dir = data_dir
        self.demo = demo
        self.hidden = hidden
        self.clock = clock
        self.repos: Repositories | None = None
        self.instance: SingleInstance | None = None
        self._recording = False
        self._stops: list[Callable[[], object]] = []
        self._after_exit: list[tuple[str, Path | None]] = []
        self._timers: list[QTimer] = []
        self._stop_requested = False

    # --- running ---------------------------------------------------------------------------

    def run(self) -> int:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName("Wellbeing")
        app.setDesktopFileName(APP_ID)
        set_windows_app_id()  # taskbar grouping and notifications under the app's own name
        # The installed theme icon (every size) when there is one, else the shipped SVG.
        self.icon = QIcon.fromTheme(APP_ID, QIcon(str(resource_path("icons", "wellbeing.svg"))))
        app.setWindowIcon(self.icon)
        self._on_stop(install_app_translations(app))  # Qt's and ours, for the system language
        self.loop = QEventLoop()  # needs the application made above
        # The app runs its own event loop and ends it itself, rather than QApplication.quit(),
        # which would leave Qt's "quit now" flag set for any later event loop in this process.
        app.setQuitOnLastWindowClosed(False)
        try:
            self._setup_stop_signals()
            if not self._setup_single_instance():
                return 0
            if not self._open_data():
                return 2
            self._setup_collector()  # before any chart or report worker; stops after them
            self._setup_window()
            self._setup_notifications()
            self._setup_help_and_checkins()
            self._setup_today()
            self._setup_breaks()
            self._setup_pages()
            self._setup_tracking()
            self._setup_backups()
            self._setup_visibility()
            self._welcome_then_start()
            if not (self.hidden and self._recording and self.tray.available):
                self.window.show()
            if not self.window.on_screen:  # started in the tray: as if hidden there
                self._on_window_visibility_changed(False)
            logger.info("The desktop app is running.")
            code = 0 if self._stop_requested else self.loop.exec()
        finally:
            self.shutdown()
        for action, path in self._after_exit:
            return _after_exit(action, path, self.data_dir, demo=self.demo, clock=self.clock)
        return code

    def shutdown(self) -> None:
        """Stops everything started, in reverse order of start. Safe to call twice. One stop
        that fails does not keep the others from running (the database is still closed, the
        collector still hands collection back); the first failure is raised after them."""
        failure: BaseException | None = None
        while self._stops:
            stop = self._stops.pop()
            try:
                stop()
            except Exception as error:
                logger.exception("A part of the app failed to stop")
                failure = failure or error
        self._timers.clear()
        if failure is not None:
            raise failure

    def _setup_stop_signals(self) -> None:
        """At logout the session sends SIGTERM: end the loop, so ``shutdown`` saves everything
        (the tracker's last minutes included) instead of the process dying mid-way."""
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may handle signals (tests may run the app elsewhere)
        quitter = QuitOnSignals(self._on_stop_signal)
        self._on_stop(quitter.close)
        logger.debug("Stop signals end the app through its shutdown.")

    def _on_stop_signal(self, signum: int) -> None:
        logger.info("Asked to stop (signal %d); saving and quitting.", signum)
        self._stop_requested = True
        # A dialog's own loop (the welcome, a check-in) would keep the app waiting: close
        # them as Cancel would; nothing they hold is half-written.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.loop.exit(0)

    def _on_stop(self, stop: Callable[[], object]) -> None:
        self._stops.append(stop)

    def _timer(self, interval_ms: int, slot: Callable[[], object]) -> QTimer:
        """A periodic timer owned by the app: started now, stopped on shutdown."""
        timer = QTimer()
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        timer.start()
        self._timers.append(timer)
        self._on_stop(timer.stop)
        return timer

    @property
    def _repos(self) -> Repositories:
        assert self.repos is not None
        return self.repos

    # --- data and the one running instance -------------------------------------------------

    def _setup_single_instance(self) -> bool:
        """False when another instance runs for this data (it was asked to come forward)."""
        if self.demo:
            return True
        instance = SingleInstance(instance_name(self.data_dir))
        if instance.notify_running():
            return False
        instance.listen()
        self.instance = instance
        self._on_stop(instance.close)
        return True

    def _open_data(self) -> bool:
        throwaway: Path | None = None
        try:
            if self.demo:
                throwaway = Path(tempfile.mkdtemp(prefix="wellbeing-demo-"))
                self._on_stop(lambda: shutil.rmtree(throwaway, ignore_errors=True))
                self.data_dir = throwaway / "data"
                fill_demo(self.data_dir, self.clock)
            # A current folder opens without sqlite-utils (and numpy): lighter all day in
            # the tray. A new or older one takes the full way (created, checked, migrated).
            repos = open_current_repositories(self.data_dir)
        except WellbeingError as error:
            QMessageBox.critical(
                None,
                QCoreApplication.translate("DesktopApp", "Wellbeing cannot open your data"),
                str(error),
            )
            return False
        self.repos = repos
        self._on_stop(repos.close)
        self.label = (
            QCoreApplication.translate("DesktopApp", "sample data, thrown away on quit")
            if self.demo
            else str(self.data_dir)
        )
        return True

    # --- windows ---------------------------------------------------------------------------

    def _setup_window(self) -> None:
        repos, clock = self._repos, self.clock
        self.window = MainWindow(
            self.icon, self.label, repos, clock, lambda day: gratitude_texts(repos, clock, day)
        )
        self.window.closed.connect(self.loop.quit)
        self._on_stop(self._close_window)
        self.tray = TrayIcon(tray_icon(self.icon, APP_ID, os.environ))
        self.tray.quit_requested.connect(self.loop.quit)
        self.tray.open_requested.connect(self._show_window)
        self._on_stop(self._hide_tray)
        if self.instance is not None:
            self.instance.activation_requested.connect(self._show_window)

    def _close_window(self) -> None:
        self.window.keep_in_tray = False  # quitting: close for real, no "still here" message
        self.window.hidden_to_tray.disconnect()
        self.window.visibility_changed.disconnect()  # nothing restarts while shutting down
        _close_widget(self.window)

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _hide_tray(self) -> None:
        self.tray.icon.hide()
        self.tray.deleteLater()

    def _setup_notifications(self) -> None:
        self.desktop_notices = DesktopChannel(desktop_notifications())
        self._on_stop(self.desktop_notices.close)
        self.desktop_notices.action_invoked.connect(self._on_notice_action)
        self.notifier = Notifier(
            [
                ("desktop", self.desktop_notices.deliver),
                ("tray", lambda notice: self.tray.show_message(notice.title, notice.message)),
            ]
        )
        self.notifier.banner_requested.connect(self.window.show_notice)
        self.window.hidden_to_tray.connect(self._on_window_hidden_to_tray)
        self.reminders = ReminderService(self._repos, self.clock, self.notifier)
        self._on_stop(self.reminders.stop)

    def _on_window_hidden_to_tray(self) -> None:
        self.notifier.notify(
            Notice(
                QCoreApplication.translate("DesktopApp", "Wellbeing is still here"),
                QCoreApplication.translate(
                    "DesktopApp", "It keeps running in the tray; quit it from the tray menu."
                ),
            )
        )

    def _on_notice_action(self, notice: Notice, action: str) -> None:
        """A button pressed on a desktop notification (or the notification itself)."""
        if action == "snooze":
            self.reminders.snooze(notice.key)
            return
        self._show_window()
        if action == "log-mood":
            self.window.open_mood_dialog(None)
        elif action == "write-gratitude":
            self.window.open_gratitude_dialog(None)
        elif action == "start-checkin":
            self._start_checkin("WHO-5")
        elif action == "open-insights":
            self.window.show_page("Insights")
        elif action == "take-break":
            self.breaks.take_break()  # the break prompt on screen, if there is one
            self._show_an_idea()

    def _setup_help_and_checkins(self) -> None:
        self.window.help_requested.connect(self._show_help)
        self.window.checkin_requested.connect(self._start_checkin)
        self.tray.help_requested.connect(self._show_help)
        self.tray.mood_logged.connect(self._log_mood_from_tray)

    def _show_help(self) -> None:
        HelpDialog(crisis_help(self._repos), self.window).exec()

    def _start_checkin(self, name: str) -> None:
        repos = self._repos
        lines, _ = crisis_lines(repos)
        dialog = CheckInDialog(
            questionnaire_named(name),
            self.clock.now(),
            repos.checkins.latest(name),
            lines,
            repos.checkins.add,
            self._show_help,
            self.window,
        )
        dialog.exec()
        self.window.journal.show_selected_day()
        self.window.data_changed.emit()

    def _log_mood_from_tray(self, score: int) -> None:
        self._repos.moods.add(new_mood_entry(self.clock.now(), score))
        self.window.journal.show_selected_day()
        self.window.data_changed.emit()
        self.notifier.notify(
            Notice(
                QCoreApplication.translate("DesktopApp", "Mood logged"),
                QCoreApplication.translate(
                    "DesktopApp", "{score} ({label}). Add a note any time in the Journal."
                ).format(score=shown_number(score), label=translate_core(MOOD_LABELS[score])),
            )
        )

    def _log_mood_from_today(self, score: int) -> None:
        """A face clicked on Today: the mood dialog opens with that face already chosen."""
        dialog = MoodDialog(self.clock.now(), None, self.window)
        chosen = dialog.faces.button(score)
        chosen.setChecked(True)
        chosen.setFocus()
        if dialog.exec() and (entry := dialog.entry()) is not None:
            self._repos.moods.add(entry)
            self.window.journal.show_selected_day()
            self.window.data_changed.emit()

    # --- Today -----------------------------------------------------------------------------

    def _setup_today(self) -> None:
        self.today = TodayService(self._repos, self.clock)
        self.today.snapshot_changed.connect(self.window.show_snapshot)
        self.today.snapshot_changed.connect(self.tray.show_snapshot)
        self.window.data_changed.connect(self.today.refresh)
        self.window.today.mood_chosen.connect(self._log_mood_from_today)
        self.window.today.gratitude_requested.connect(
            lambda: self.window.open_gratitude_dialog(None)
        )
        self.activities = load_activities()
        self._idea_shown_at: datetime | None = None
        self._show_an_idea()
        # A fresh idea now and then while the window is shown, not a stream.
        self._idea_timer = self._timer(IDEA_EVERY_MS, self._show_an_idea)

    def _show_an_idea(self) -> None:
        self._idea_shown_at = self.clock.now()
        found = suggest_now(
            ActivityRepository(self._repos.db),
            self.activities,
            self.clock.now(),
            15,
            random.Random(),
            record=False,
            count=1,
        )
        if found:
            idea = found[0]
            self.window.today.show_suggestion(idea.title, idea.activity.minutes, idea.why)

    def _show_continuous_use(self) -> None:
        self.window.today.show_continuous_use(
            self.breaks.scheduler.continuous_use_seconds,
            self._repos.settings.continuous_use_minutes,
        )

    # --- breaks ----------------------------------------------------------------------------

    def _setup_breaks(self) -> None:
        repos = self._repos
        self.breaks = BreakService(repos, self.clock, self.notifier, self.activities)
        self.prompt = BreakScreens()
        self._on_stop(self._close_prompt)
        self.breaks.prompt_due.connect(
            lambda due, found: self.prompt.show_prompt(
                due, found, repos.settings.continuous_use_minutes
            )
        )
        self.breaks.updated.connect(self._on_breaks_updated)
        self.prompt.break_taken.connect(self.breaks.take_break)
        self.prompt.snoozed.connect(self.breaks.snooze)
        self.prompt.skipped.connect(self.breaks.skip)
        self.prompt.dismissed.connect(self.breaks.dismiss)
        self.prompt.outcome_answered.connect(
            lambda activity, answer: self.breaks.log_outcome(
                activity, answer.done, answer.mood_after, answer.helped
            )
        )
        self.window.data_changed.connect(self.breaks.refresh_totals)
        self._show_continuous_use()

    def _on_breaks_updated(self, update: object) -> None:
        if isinstance(update, PromptUnlocked):
            self.prompt.unlock(update)
        elif isinstance(update, BreakTaken | BreakCutShort):
            self.prompt.show_break_result(update)
        self.today.refresh()

    def _close_prompt(self) -> None:
        self.prompt.shutdown()

    # --- pages -----------------------------------------------------------------------------

    def _setup_pages(self) -> None:
        repos, clock, window = self._repos, self.clock, self.window
        self.catalog = load_catalog()
        self.settings = SettingsService(repos.settings_store)
        self.appearance = AppearanceController(self.settings)  # light/dark, as set or the desktop's
        self._on_stop(self.appearance.stop)
        app_names = sorted({app.name for app in self.catalog.apps} | set(repos.usage.known_apps()))
        self.insights = insights = InsightsPage(repos, clock)
        window.add_page("Insights", insights)
        window.data_changed.connect(insights.mark_stale)
        self._on_stop(insights.wait_for_charts)
        self.boundaries = BoundariesPage(repos, self.settings, app_names, clock)
        window.add_page("Boundaries", self.boundaries)
        activities_page = ActivitiesPage(repos, self.activities, clock)
        window.add_page("Activities", activities_page)
        self.autostart = Autostart(start_hidden=repos.settings.start_hidden)
        if not self.demo:  # a demo never touches the person's own start-at-login entry
            self.autostart.tidy()  # an entry of an earlier version's name moves to the app id's
            self.settings.changed.connect(
                lambda changed: self.autostart.set_start_hidden(changed.start_hidden)
            )
        self.launch = start_command(
            None if self.demo or self.data_dir == default_data_dir() else self.data_dir
        )
        self.settings_page = SettingsPage(
            repos,
            self.settings,
            self.catalog,
            self.label,
            data_dir=None if self.demo else self.data_dir,
            autostart=self.autostart,
            start_command=self.launch,
        )
        report_page = ReportPage(repos, clock, PresetStore(repos.db))
        self._on_stop(report_page.shutdown)
        your_data = DataSection(repos, clock, self.data_dir)
        # The report and "what an export holds" follow every change; hidden, they only note it.
        for follower in (report_page.mark_stale, your_data.mark_stale):
            window.data_changed.connect(follower)
        self.report_page = report_page
        # Restoring or deleting needs the database closed: end the loop, act after clean-up.
        your_data.restore_requested.connect(lambda path: self._end_then("restore", path))
        your_data.delete_all_requested.connect(lambda: self._end_then("delete"))
        your_data.imported.connect(window.data_changed)
        your_data.imported.connect(window.journal.reload)
        report_page.add_section(your_data)
        window.add_page("Report & export", report_page)
        window.add_page("Settings", self.settings_page)
        self.today.snapshot_changed.connect(lambda _: self.boundaries.refresh())
        self.prompt.outcome_answered.connect(lambda *_: activities_page.refresh())
        self.settings.changed.connect(self.breaks.scheduler.set_settings)
        self.settings.changed.connect(lambda _: self.reminders.reschedule())

    def _end_then(self, action: str, path: Path | None = None) -> None:
        self._after_exit.append((action, path))
        self.loop.quit()

    # --- tracking --------------------------------------------------------------------------

    def _setup_tracking(self) -> None:
        self.tracking = TrackingControl(self._repos, self.data_dir, self.clock, self.catalog)
        self._on_stop(self.tracking.stop)  # closes the open span at its last sample
        self.tracking.status_changed.connect(self.window.set_tracking_status)
        self.tracking.explained.connect(self.settings_page.show_tracking)
        self.tracking.available_changed.connect(self.tray.set_tracking_available)
        self.tracking.started.connect(self._on_tracking_started)
        self.settings.changed.connect(lambda _: self.tracking.apply_settings())
        self.settings_page.rules_changed.connect(self.tracking.apply_settings)
        self.tray.pause_requested.connect(self._pause)
        self.tray.resume_requested.connect(self._resume)
        self.settings_page.pause_requested.connect(self._pause)
        self.settings_page.resume_requested.connect(self._resume)
        self.tray.set_tracking_available(False)

    def _on_tracking_started(self, service: SamplerService) -> None:
        service.committed.connect(self.today.refresh)
        service.committed.connect(self.breaks.refresh_totals)
        service.committed.connect(self._show_continuous_use)
        service.sampled.connect(self.breaks.observe)
        service.committed.connect(self.report_page.mark_stale)
        # A full disk: tracking goes on in memory; the person is told once, and once more when
        # everything is saved again.
        service.storage_failed.connect(self._on_storage_failed)
        service.storage_recovered.connect(self._on_storage_recovered)

    def _on_storage_failed(self, text: str) -> None:
        title = QCoreApplication.translate("DesktopApp", "Wellbeing cannot save right now")
        self.notifier.notify(Notice(title, text))

    def _on_storage_recovered(self, text: str) -> None:
        self.notifier.notify(Notice(QCoreApplication.translate("DesktopApp", "Saved again"), text))

    def _pause(self, minutes: float | None) -> None:
        until = (
            self.clock.now() + timedelta(minutes=minutes)
            if minutes is not None
            else _next_day_start(self.clock, self._repos.settings.day_start_hour)
        )
        if not self.tracking.pause_until(until.timestamp()):
            return
        self.tray.show_paused_until(until)
        self.settings_page.show_paused_until(until)
        self.window.set_tracking_status(
            QCoreApplication.translate("DesktopApp", "Tracking paused until {time}.").format(
                time=shown_datetime(until, "HH:mm")
            )
        )

    def _resume(self) -> None:
        if not self.tracking.resume():
            return
        self.tray.show_paused_until(None)
        self.settings_page.show_paused_until(None)

    def _setup_backups(self) -> None:
        self._backup_failure_told = False
        self._backup()
        self._timer(3_600_000, self._backup)

    def _backup(self) -> None:
        """The automatic backup; a failure never stops the app and is said once a session."""
        if backup_if_due(self._repos, self.data_dir, self.clock, self._on_backup_failed):
            self._backup_failure_told = False

    def _on_backup_failed(self, text: str) -> None:
        if not self._backup_failure_told:
            self._backup_failure_told = True
            title = QCoreApplication.translate("DesktopApp", "The automatic backup failed")
            self.notifier.notify(Notice(title, text))

    def _setup_collector(self) -> None:
        self.collector = MainThreadCollector()  # charts are drawn in worker threads
        self.collector.start()
        self._on_stop(self.collector.stop)

    # --- on screen or in the tray ----------------------------------------------------------

    def _setup_visibility(self) -> None:
        """Hidden in the tray, only tracking, reminders, backups and the tray's tooltip need
        to go on: what serves the window stops, and what it shows is let go until it is seen
        again. A start in the tray is told so once start-up has decided (``run``)."""
        self.window.visibility_changed.connect(self._on_window_visibility_changed)

    def _on_window_visibility_changed(self, on_screen: bool) -> None:
        self.today.set_watched(on_screen)
        if on_screen:
            self.collector.set_idle(False)  # charts may be drawn in workers again
            last = self._idea_shown_at
            if last is None or self.clock.now() - last >= timedelta(milliseconds=IDEA_EVERY_MS):
                self._show_an_idea()
            self._idea_timer.start()
            return
        self._idea_timer.stop()
        self.insights.release()
        self.report_page.release()
        QPixmapCache.clear()
        self.collector.set_idle(True)  # collects, then hands freed memory back to the system

    # --- first run -------------------------------------------------------------------------

    def _welcome_then_start(self) -> None:
        """Nothing is recorded until the person has finished the first-run welcome."""
        if self.demo or AppState(self._repos.db).flag("first_run_done"):
            self._start_recording()
            return
        self.window.set_tracking_status(
            QCoreApplication.translate(
                "DesktopApp", "Not tracking: the welcome is not finished yet."
            )
        )
        if not self._welcome():
            self._show_welcome_banner()

    def _show_welcome_banner(self) -> None:
        self.window.banner.show_message(
            "<b>{}</b> {}".format(
                QCoreApplication.translate(
                    "DesktopApp", "Wellbeing is not recording anything yet."
                ),
                QCoreApplication.translate(
                    "DesktopApp",
                    "It starts once you have seen what it records and finished the welcome.",
                ),
            ),
            QCoreApplication.translate("DesktopApp", "Review and start…"),
            self._welcome_again,
        )

    def _welcome(self) -> bool:
        """Shows the welcome; on Finish, applies its choices and starts recording."""
        repos = self._repos
        onboarding = OnboardingDialog(
            self.catalog,
            self.settings,
            RuleRepository(repos.db),
            self.autostart,
            self.window if self.window.isVisible() else None,
            command=self.launch,
            tracking_advice=current_tracking_advice(),
        )
        try:
            if not onboarding.exec():
                return False
            limit = onboarding.first_limit()
        finally:
            onboarding.deleteLater()
        if limit is not None:
            repos.limits.set(limit)
        record_welcome_finished(repos, self.clock.now())  # the first WHO-5 waits a day
        AppState(repos.db).set_flag("first_run_done")
        self._start_recording()
        self.today.refresh()
        self.boundaries.refresh()
        return True

    def _welcome_again(self) -> None:
        if not self._welcome():
            self._show_welcome_banner()

    def _start_recording(self) -> None:
        """Tracking, reminders and the Today refresh: what runs once the person agreed."""
        if self._recording:
            return
        self._recording = True
        self.tracking.start()
        self.today.start()
        self._on_stop(self.today.stop)
        self.reminders.start()
        if self.tray.available:
            self.tray.show()
            self.window.keep_in_tray = True


def _close_widget(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _after_exit(action: str, path: Path | None, data_dir: Path, *, demo: bool, clock: Clock) -> int:
    """Restore a backup (then start again) or delete everything, with nothing holding the
    database open."""
    app = QCoreApplication.instance()
    assert app is not None
    # The app's translators were removed at shutdown: these messages bring their own.
    remove = install_app_translations(app)
    try:
        if action == "restore" and path is not None:
            _restore(path, data_dir, clock)
        else:
            _delete_all(data_dir)
    finally:
        remove()
    if action == "restore" and path is not None:
        return run_gui(data_dir, demo=demo, clock=clock)
    return 0


def _restore(path: Path, data_dir: Path, clock: Clock) -> None:
    try:
        aside = restore_backup(path, data_dir, now=clock.now())
    except WellbeingError as error:
        text = QCoreApplication.translate("DesktopApp", "The backup was not restored: {error}")
        QMessageBox.warning(None, "Wellbeing", text.format(error=error))
        return
    text = QCoreApplication.translate("DesktopApp", "The backup was restored.")
    if aside:
        kept = QCoreApplication.translate(
            "DesktopApp", "Your previous data was kept as {place}."
        ).format(place=aside)
        text = f"{text} {kept}"
    QMessageBox.information(None, "Wellbeing", text)


def _delete_all(data_dir: Path) -> None:
    removed = len(delete_all_data(data_dir))
    if removed == 1:
        files = QCoreApplication.translate("DesktopApp", "%n file", None, removed)
    else:
        files = QCoreApplication.translate("DesktopApp", "%n files", None, removed)
    text = QCoreApplication.translate(
        "DesktopApp",
        "All your Wellbeing data on this computer was deleted ({files}). Wellbeing has closed; "
        "starting it again begins afresh.",
    ).format(files=files)
    QMessageBox.information(None, "Wellbeing", text)
