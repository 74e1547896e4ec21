"""Checks whether a reminder is due at the moments one can become due, and hands it to the
notifier.

Those moments are known in advance: each reminder time, the start of a day (the WHO-5 check-in
and the weekly summary), and the end of a snooze. The timer waits for the next of them (and at
most ``MAX_WAIT``, as a computer that slept delays a timer by its sleep) instead of waking the
app twice a minute. Changed settings call ``reschedule``.

A reminder on the desktop carries buttons: what to do about it ("Log mood", "Write good
things", "Start the check-in", "Open Insights") and, for the daily ones, "Snooze", which
brings the same reminder back ``SNOOZE_MINUTES`` later.

The first WHO-5 check-in waits for the day after the first-run welcome was finished
(``record_welcome_finished`` keeps that moment; see ``core.checkin_schedule``).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from wellbeing_app.core.checkin_schedule import due as checkin_due
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.core.reminders import Reminder, due_reminders
from wellbeing_app.core.stats import week_that_ended, weekly_summary
from wellbeing_app.services.notifier import Notice, Notifier
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.reminder_log import ReminderLog
from wellbeing_app.storage.repositories import Repositories

logger = logging.getLogger(__name__)

SNOOZE_MINUTES = 15
WELCOME_FINISHED = "welcome_finished_at"  # an AppState value: ISO 8601 with its UTC offset
MAX_WAIT = timedelta(minutes=15)
CATEGORY = "x-wellbeing.reminder"

# What each kind of reminder offers: the in-app banner's action, and the desktop's buttons.
_BANNER_ACTION = {"mood": "mood", "gratitude": "gratitude", "who5": "who5", "weekly": "insights"}
_BUTTONS = {
    "mood": ("log-mood", "snooze"),
    "gratitude": ("write-gratitude", "snooze"),
    "who5": ("start-checkin", "snooze"),
    "weekly": ("open-insights",),
}


def reminder_times(
    now: datetime, *, mood_times: tuple[str, ...], gratitude_time: str, day_start_hour: int
) -> list[datetime]:
    """The moments of today and tomorrow at which a reminder can become due: each reminder
    time (one before the day's start belongs to that night, as in ``due_reminders``) and the
    start of tomorrow (the WHO-5 check-in and the weekly summary are offered per day)."""
    today = day_of_datetime(now, day_start_hour)
    moments: list[datetime] = []
    for day in (today, today + timedelta(days=1)):
        moments.append(datetime.combine(day, time(day_start_hour), now.tzinfo))
        for text in (*mood_times, *([gratitude_time] if gratitude_time else [])):
            hour, minute = (int(part) for part in text.split(":"))
            calendar_day = day + timedelta(days=1) if hour < day_start_hour else day
            moments.append(datetime.combine(calendar_day, time(hour, minute), now.tzinfo))
    return moments


def record_welcome_finished(repos: Repositories, at: datetime) -> None:
    """Keeps when the first-run welcome was finished: the first WHO-5 waits for the next day."""
    AppState(repos.db).set_value(WELCOME_FINISHED, at.isoformat())


def welcome_finished_at(repos: Repositories) -> datetime | None:
    """When the first-run welcome was finished; None when not recorded (a welcome finished
    before this was kept) or unreadable (then with a warning), and the check-in is not held."""
    text = AppState(repos.db).value(WELCOME_FINISHED)
    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        logger.warning("Ignoring an unreadable time the welcome was finished: %r", text)
        return None
    return at


def who5_reminder(slot: str, *, first: bool) -> Reminder:
    """The WHO-5 reminder; the first one says it gives a starting point."""
    if first:
        title = QCoreApplication.translate("ReminderService", "Your first check-in")
        message = QCoreApplication.translate(
            "ReminderService",
            "Five quick questions about the last two weeks (WHO-5): a starting point to "
            "compare later check-ins with.",
        )
    else:
        title = QCoreApplication.translate("ReminderService", "Your two-weekly check-in")
        message = QCoreApplication.translate(
            "ReminderService", "Five quick questions about the last two weeks (WHO-5)."
        )
    return Reminder("who5", slot, title, message)


def reminder_notice(reminder: Reminder) -> Notice:
    """The notice for ``reminder``: its slot is the key, so a snoozed one replaces itself."""
    return Notice(
        reminder.title,
        reminder.message,
        _BANNER_ACTION[reminder.kind],
        _BUTTONS[reminder.kind],
        key=reminder.slot,
        category=CATEGORY,
    )


class ReminderService(QObject):
    reminded = Signal(object)  # Reminder

    def __init__(
        self,
        repos: Repositories,
        clock: Clock,
        notifier: Notifier,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repos = repos
        self._clock = clock
        self._notifier = notifier
        self._log = ReminderLog(repos.db)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._running = False
        self._delivered: dict[str, Reminder] = {}  # slot -> reminder, this session
        self._snoozed: dict[str, tuple[datetime, datetime]] = {}  # slot -> (asked, comes back)

    @property
    def timer(self) -> QTimer:
        return self._timer

    def start(self) -> None:
        self._running = True
        self._log.forget_before((self._clock.now() - timedelta(days=3)).timestamp())
        self.check()
        self.reschedule()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def next_check_at(self) -> datetime:
        """The next moment a reminder can become due (at most ``MAX_WAIT`` from now)."""
        now = self._clock.now()
        settings = self._repos.settings
        moments = [
            *reminder_times(
                now,
                mood_times=settings.mood_reminder_times,
                gratitude_time=settings.gratitude_reminder_time,
                day_start_hour=settings.day_start_hour,
            ),
            *(at for _, at in self._snoozed.values()),
        ]
        return min((at for at in moments if at > now), default=now + MAX_WAIT)

    def reschedule(self) -> None:
        """Sets the timer for the next moment a reminder can become due."""
        if not self._running:
            return
        now = self._clock.now()
        wait = min(self.next_check_at() - now, MAX_WAIT)
        self._timer.start(max(1000, int(wait.total_seconds() * 1000)))

    def _on_timer_timeout(self) -> None:
        self.check()
        self.reschedule()

    def snooze(self, slot: str, minutes: int = SNOOZE_MINUTES) -> bool:
        """Brings the reminder delivered for ``slot`` back ``minutes`` from now. False when no
        reminder was delivered for it in this session."""
        if slot not in self._delivered:
            return False
        now = self._clock.now()
        self._snoozed[slot] = (now, now + timedelta(minutes=minutes))
        self.reschedule()
        return True

    def check(self) -> list[Reminder]:
        """Delivers what is due now (snoozed reminders whose time came included)."""
        now = self._clock.now()
        again: list[Reminder] = []
        for slot, (asked, at) in list(self._snoozed.items()):
            if at > now:
                continue
            del self._snoozed[slot]
            reminder = self._delivered[slot]
            if self._done_since(reminder, asked, now):
                continue  # done in the meantime: nothing to remind of
            again.append(reminder)
            self._notifier.notify(reminder_notice(reminder))
        return again + self._check_due(now)

    def _done_since(self, reminder: Reminder, since: datetime, now: datetime) -> bool:
        repos = self._repos
        if reminder.kind == "mood":
            return bool(repos.moods.between(since, now + timedelta(seconds=1)))
        if reminder.kind == "gratitude":
            day = day_of_datetime(now, repos.settings.day_start_hour)
            return bool(repos.gratitude.between(day, day))
        if reminder.kind == "who5":
            latest = repos.checkins.latest("WHO-5")
            return latest is not None and latest.at >= since
        return False

    def _check_due(self, now: datetime) -> list[Reminder]:
        settings = self._repos.settings
        day = day_of_datetime(now, settings.day_start_hour)
        start = datetime.combine(day, time(settings.day_start_hour), now.tzinfo)
        moods = self._repos.moods.between(start - timedelta(hours=2), now + timedelta(seconds=1))
        due = due_reminders(
            now,
            mood_times=settings.mood_reminder_times,
            gratitude_time=settings.gratitude_reminder_time,
            day_start_hour=settings.day_start_hour,
            fired=self._log.fired(),
            last_mood_at=moods[-1].at if moods else None,
            gratitude_written_today=bool(self._repos.gratitude.between(day, day)),
        )
        last_who5 = self._repos.checkins.latest("WHO-5")
        who5_slot = f"who5 {day.isoformat()}"
        # Offered at most once a day: ignoring or dismissing it waits until tomorrow.
        if who5_slot not in self._log.fired() and checkin_due(
            now,
            last_who5.at if last_who5 else None,
            settings.who5_interval_days,
            None,
            day_start_hour=settings.day_start_hour,
            welcome_finished=welcome_finished_at(self._repos),
        ):
            due.append(who5_reminder(who5_slot, first=last_who5 is None))
        weekly = self._weekly_summary(day, start.tzinfo)
        if weekly is not None:
            due.append(weekly)
        for reminder in due:
            self._log.mark_fired(reminder.slot, now.timestamp())
            self._delivered[reminder.slot] = reminder
            self._notifier.notify(reminder_notice(reminder))
            self.reminded.emit(reminder)
        return due

    def _weekly_summary(self, day: date, tz: tzinfo | None) -> Reminder | None:
        """Last week in a few kind lines, once a week (on its first day, or the first time the
        app runs that week), and only when there is a week of data to speak of."""
        week_first, week_last = week_that_ended(day)
        slot = f"weekly {week_first.isoformat()}"
        tracked_since = self._repos.usage.first_day()
        if slot in self._log.fired() or tracked_since is None or tracked_since > week_last:
            return None
        dsh = self._repos.settings.day_start_hour
        first = week_first - timedelta(days=7)
        start = datetime.combine(first, time(dsh), tz)
        end = datetime.combine(week_last + timedelta(days=1), time(dsh), tz)
        summary = weekly_summary(
            day,
            self._repos.usage.by_day(first, week_last),
            self._repos.moods.between(start, end),
            self._repos.gratitude.days_with_entries(first, week_last),
            self._repos.breaks.between(start, end),
            dsh,
            tracked_since,
        )
        return Reminder("weekly", slot, summary.title, " ".join(summary.lines))
