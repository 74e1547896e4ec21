"""Renders every page and dialog of the app to PNG files, in light and dark, at 100 % and 150 %.

    .venv/bin/python docs/screenshots.py [--out docs/screenshots] [--only today,mood]

A year of sample data is made in a temporary folder and the clock is fixed (a Saturday evening),
so the pictures are the same on every run. Each scale renders in a process of its own on Qt's
offscreen platform (``QT_SCALE_FACTOR`` set for 150 %) with a 1920×1080 screen; home, config,
cache and matplotlib folders point into the temporary folder, so nothing is written to the
home folder. Files are named ``<what>-<light|dark>-<100|150>.png``, e.g. ``today-light-100.png``.

The repository keeps the 100 % pictures (``docs/screenshots/.gitignore`` leaves out the rest).
``render()`` does the work inside an existing ``QApplication`` (the test calls it for one page).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QLocale,
    QMessageLogContext,
    QObject,
    QPoint,
    QRect,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QCloseEvent, QColor, QIcon, QPainter, QPalette, QPixmap  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QListWidget,
    QTabWidget,
    QWidget,
    QWizard,
)

from wellbeing_app.app import (  # noqa: E402
    crisis_help,
    crisis_lines,
    fill_demo,
    load_activities,
    load_catalog,
)
from wellbeing_app.core.breaks import BreakDue  # noqa: E402
from wellbeing_app.core.clock import FixedClock  # noqa: E402
from wellbeing_app.core.days import day_of_datetime  # noqa: E402
from wellbeing_app.core.questionnaires import questionnaire_named  # noqa: E402
from wellbeing_app.core.suggestions import Suggestion  # noqa: E402
from wellbeing_app.desktop import gratitude_texts  # noqa: E402
from wellbeing_app.platform.autostart import Autostart  # noqa: E402
from wellbeing_app.report_input import PresetStore  # noqa: E402
from wellbeing_app.resources import resource_path  # noqa: E402
from wellbeing_app.services.settings_service import SettingsService  # noqa: E402
from wellbeing_app.services.today import TodayService  # noqa: E402
from wellbeing_app.storage.activities import ActivityRepository, suggest_now  # noqa: E402
from wellbeing_app.storage.repositories import Repositories, open_repositories  # noqa: E402
from wellbeing_app.storage.rules import RuleRepository  # noqa: E402
from wellbeing_app.ui import theme  # noqa: E402
from wellbeing_app.ui.break_prompt import BreakScreens  # noqa: E402
from wellbeing_app.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCALES = (100, 150)
THEMES = ("light", "dark")
NOW = datetime(2026, 11, 21, 21, 30, tzinfo=timezone(timedelta(hours=1)))
WINDOW_SIZE = (1000, 660)  # logical pixels: the window's preferred size
SHOWN_STATE_HOME = "/home/sam/.local/state"
SCREEN = {"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}

Shot = tuple[str, Callable[[], QPixmap]]  # file stem, the picture (made when asked)


def slug(text: str) -> str:
    """``Report & export`` -> ``report-and-export``."""
    text = text.replace("&&", "&").replace("&", " and ").replace("…", "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def settle(rounds: int = 30) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


class Studio:
    """The app's windows and dialogs on sample data, built one at a time for a picture."""

    def __init__(self, data: Path, home: Path) -> None:
        self.clock = FixedClock(NOW)
        self.home = home
        self.repos: Repositories = open_repositories(data)
        self.catalog = load_catalog()
        self.activities = load_activities()
        self.settings = SettingsService(self.repos.settings_store)
        self._window: MainWindow | None = None
        self._extra: list[QWidget] = []
        self._break_screens: BreakScreens | None = None
        self._trays: list[QObject] = []
        self._empty_data = data.parent / "first-day"
        self._empty: Repositories | None = None
        self._first_day_window: MainWindow | None = None

    def close(self) -> None:
        windows = [w for w in (self._window, self._first_day_window) if w is not None]
        for window in windows:
            for index in range(window.pages.count()):
                page = window.pages.widget(index)
                _wait_for_workers(page)
                shutdown = getattr(page, "shutdown", None)
                if callable(shutdown):
                    shutdown()  # the report's workers end before the database closes
        for widget in [*self._extra, *windows]:
            widget.close()
            widget.deleteLater()
        settle(5)
        self.repos.close()
        if self._empty is not None:
            self._empty.close()

    # --- the main window and its pages ------------------------------------------------------

    def window(self) -> MainWindow:
        if self._window is None:
            label = QCoreApplication.translate("DesktopApp", "sample data, thrown away on quit")
            self._window = self._build_window(self.repos, label, 38 * 60)
        assert isinstance(self._window, MainWindow)
        return self._window

    def _build_window(self, repos: Repositories, label: str, used_seconds: int) -> MainWindow:
        """The main window with every page, as the desktop app builds it."""
        from wellbeing_app.ui.activities_page import ActivitiesPage
        from wellbeing_app.ui.boundaries_page import BoundariesPage
        from wellbeing_app.ui.insights_page import InsightsPage
        from wellbeing_app.ui.report_page import ReportPage
        from wellbeing_app.ui.settings_page import SettingsPage

        clock = self.clock
        settings = self.settings if repos is self.repos else SettingsService(repos.settings_store)
        icon = QIcon(str(resource_path("icons", "wellbeing.svg")))
        window = MainWindow(
            icon, label, repos, clock, lambda day: gratitude_texts(repos, clock, day)
        )
        app_names = sorted({app.name for app in self.catalog.apps} | set(repos.usage.known_apps()))
        window.add_page("Insights", InsightsPage(repos, clock))
        window.add_page("Boundaries", BoundariesPage(repos, settings, app_names, clock))
        window.add_page("Activities", ActivitiesPage(repos, self.activities, clock))
        window.add_page("Report & export", ReportPage(repos, clock, PresetStore(repos.db)))
        window.add_page("Settings", SettingsPage(repos, settings, self.catalog, label))
        today = TodayService(repos, clock)
        today.snapshot_changed.connect(window.show_snapshot)
        today.refresh()
        window.set_tracking_status("Tracking on (x11).")  # as the tracker says it on X11
        window.today.show_continuous_use(used_seconds, repos.settings.continuous_use_minutes)
        idea = self.suggestions(1)[0]
        window.today.show_suggestion(idea.title, idea.activity.minutes, idea.why)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle()
        return window

    def suggestions(self, count: int = 3) -> list[Suggestion]:
        return suggest_now(
            ActivityRepository(self.repos.db),
            self.activities,
            self.clock.now(),
            15,
            random.Random(3),
            record=False,
            count=count,
        )

    def page(self, key: str, tab: int | None = None) -> QPixmap:
        """The window showing the page titled ``key`` (its English title), on ``tab``."""
        window = self.window()
        window.show_page(key)
        page = window.pages.currentWidget()
        if tab is not None:
            _tabs(page).setCurrentIndex(tab)
        _wait_for_workers(page)
        settle()
        _wait_for_workers(page)
        return window.grab()

    def page_shots(self) -> Iterator[Shot]:
        window = self.window()
        nav = window.nav
        for row in range(nav.count()):
            key = _page_key(nav, row)
            if key != "Settings":  # Settings is shown tab by tab below
                yield slug(key), partial(self.page, key)
            if key == "Today":
                yield "today-first-day", self._first_day
            if key == "Journal":
                yield "journal-year", self._journal_year
            if key == "Settings":
                window.show_page(key)
                tabs = _tabs(window.pages.currentWidget())
                for tab in range(tabs.count()):
                    name = f"settings-{slug(tabs.tabText(tab))}"
                    yield name, partial(self.page, key, tab)

    def _first_day(self) -> QPixmap:
        """Today on the first day: nothing tracked or written yet."""
        if self._first_day_window is None:
            self._empty = open_repositories(self._empty_data)
            place = "/home/sam/.local/share/wellbeing"  # where the data would be, not this folder
            self._first_day_window = self._build_window(self._empty, place, 0)
        self._first_day_window.show()
        self._first_day_window.show_page("Today")
        settle()
        return self._first_day_window.grab()

    def _journal_year(self) -> QPixmap:
        self.page("Journal")
        self.window().journal.year_button.click()
        settle()
        return self.window().grab()

    # --- dialogs ---------------------------------------------------------------------------

    def dialog_shots(self) -> Iterator[Shot]:
        yield "help", self._help
        yield "mood", self._mood
        yield "gratitude", self._gratitude
        yield "who5-questions", partial(self._checkin, "WHO-5", submit=False)
        yield "who5-result", partial(self._checkin, "WHO-5", submit=True)
        yield "phq9-result", partial(self._checkin, "PHQ-9", submit=True)
        yield "gad7-result", partial(self._checkin, "GAD-7", submit=True)
        yield "limit-dialog", self._limit
        yield "rule-editor", self._rule_editor
        for index in range(self._onboarding_pages()):
            yield f"onboarding-{index + 1}", partial(self._onboarding, index)
        yield "tray-menu", self._tray_menu
        yield "break", self._break
        yield "break-screen", self._break_screen

    def _dialog(self, dialog: QWidget) -> QPixmap:
        self._extra.append(dialog)
        dialog.show()
        settle()
        return dialog.grab()

    def _help(self) -> QPixmap:
        from wellbeing_app.ui.help_dialog import HelpDialog

        return self._dialog(HelpDialog(crisis_help(self.repos)))

    def _mood(self) -> QPixmap:
        from wellbeing_app.ui.mood_dialog import MoodDialog

        dialog = MoodDialog(self.clock.now())
        dialog.faces.button(4).setChecked(True)
        return self._dialog(dialog)

    def _gratitude(self) -> QPixmap:
        from wellbeing_app.ui.gratitude_dialog import GratitudeDialog

        now = self.clock.now()
        day = day_of_datetime(now, self.repos.settings.day_start_hour) + timedelta(days=1)
        prompt, streak = gratitude_texts(self.repos, self.clock, day)
        return self._dialog(GratitudeDialog(day, now, prompt, streak))

    def _checkin(self, name: str, *, submit: bool) -> QPixmap:
        from wellbeing_app.ui.checkin_dialog import CheckInDialog

        lines, _ = crisis_lines(self.repos)
        dialog = CheckInDialog(
            questionnaire_named(name),
            self.clock.now(),
            self.repos.checkins.latest(name),
            lines,
            lambda checkin: checkin,  # shown, not saved: the next picture starts the same
            lambda: None,
        )
        answers = {"WHO-5": (3, 2, 3, 4, 2), "PHQ-9": (1, 2, 1, 1, 0, 1, 0, 1, 0)}
        chosen = answers.get(name, (1, 1, 2, 0, 1, 1, 0))
        for group, answer in zip(dialog.groups, chosen, strict=False):
            group.button(answer).click()
        if submit:
            dialog.submit.click()
        return self._dialog(dialog)

    def _limit(self) -> QPixmap:
        from wellbeing_app.ui.limit_dialog import LimitDialog

        limits = self.repos.limits.all()
        apps = sorted(set(self.repos.usage.known_apps()))
        return self._dialog(LimitDialog(apps, limits[0] if limits else None))

    def _rule_editor(self) -> QPixmap:
        from wellbeing_app.ui.rule_editor import RuleEditorDialog

        return self._dialog(RuleEditorDialog())

    def _wizard(self) -> QWizard:
        from wellbeing_app.ui.onboarding import OnboardingDialog

        return OnboardingDialog(
            self.catalog,
            self.settings,
            RuleRepository(self.repos.db),
            Autostart("linux", environ={}, home=self.home),
            command=["/usr/bin/wellbeing", "gui", "--hidden"],
            locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
        )

    def _onboarding_pages(self) -> int:
        wizard = self._wizard()
        count = len(wizard.pageIds())
        wizard.deleteLater()
        return count

    def _onboarding(self, index: int) -> QPixmap:
        wizard = self._wizard()
        self._extra.append(wizard)
        wizard.show()
        for _ in range(index):
            wizard.next()
        settle()
        return wizard.grab()

    def _tray_menu(self) -> QPixmap:
        """The tray's menu, opened on its "Log mood" faces."""
        from wellbeing_app.ui.tray import TrayIcon

        tray = TrayIcon(QIcon(str(resource_path("icons", "wellbeing.svg"))))
        self._trays.append(tray)
        tray.menu.popup(QPoint(40, 40))
        settle()
        tray.menu.setActiveAction(tray.mood_menu.menuAction())
        tray.mood_menu.popup(tray.menu.geometry().topRight() + QPoint(0, 24))
        settle()
        menu, faces = tray.menu.geometry(), tray.mood_menu.geometry()
        both = menu.united(faces)
        ratio = tray.menu.devicePixelRatioF()
        whole = QPixmap(both.size() * ratio)
        whole.setDevicePixelRatio(ratio)
        whole.fill(QColor(0, 0, 0, 0))
        painter = QPainter(whole)
        painter.drawPixmap(menu.topLeft() - both.topLeft(), tray.menu.grab())
        painter.drawPixmap(faces.topLeft() - both.topLeft(), tray.mood_menu.grab())
        painter.end()
        tray.mood_menu.hide()
        tray.menu.hide()
        return whole

    def _break_shade(self) -> QWidget:
        """The break prompt as it covers the screen: the dimmed shade with the card."""
        from wellbeing_app.ui.break_overlay import ScreenShade

        if self._break_screens is None:
            screens = BreakScreens()
            self._break_screens = screens
            self._extra.append(_Closer(screens))
            due = BreakDue(self.clock.now(), "continuous_use", "Discord", 5)
            screens.show_prompt(due, self.suggestions(), used_minutes=52)
            settle()
        shades = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ScreenShade) and w.isVisible()
        ]
        assert shades, "the break prompt covers no screen"
        return shades[0]

    def _break(self) -> QPixmap:
        """The card and some of the dimmed screen around it, readable at a small size."""
        shade = self._break_shade()
        assert self._break_screens is not None
        card = self._break_screens.card
        around = QRect(card.mapTo(shade, QPoint(0, 0)), card.size()).adjusted(-80, -60, 80, 60)
        return shade.grab(around.intersected(shade.rect()))

    def _break_screen(self) -> QPixmap:
        return self._break_shade().grab()


class _Closer(QWidget):
    """Shuts the break screens down with the other pictures' widgets."""

    def __init__(self, screens: BreakScreens) -> None:
        super().__init__()
        self._screens = screens

    def closeEvent(self, event: QCloseEvent) -> None:
        self._screens.shutdown()
        super().closeEvent(event)


def _page_key(nav: QListWidget, row: int) -> str:
    """The page's English title (``nav.page_key`` where the navigation knows it)."""
    key = getattr(nav, "page_key", None)
    return str(key(row)) if callable(key) else nav.item(row).text()


def _tabs(page: QWidget | None) -> QTabWidget:
    tabs = page.findChild(QTabWidget) if page is not None else None
    assert isinstance(tabs, QTabWidget), "the page has no tabs"
    return tabs


def _wait_for_workers(page: QWidget | None) -> None:
    for name in ("wait_for_charts", "wait_until_idle"):
        wait = getattr(page, name, None)
        if callable(wait):
            wait()


def _close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def render(
    out: Path,
    *,
    scale: int = 100,
    themes: Sequence[str] = THEMES,
    only: set[str] | None = None,
    days: int = 365,
) -> list[Path]:
    """Renders the pictures named in ``only`` (all when None) into ``out`` for each theme,
    inside the running ``QApplication``; returns the files written.

    ``scale`` only names the files: the scale itself is the process's ``QT_SCALE_FACTOR``.
    The application's style and palette are put back afterwards.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication), "render() needs a QApplication"
    out.mkdir(parents=True, exist_ok=True)
    style, palette = app.style().name(), QPalette(app.palette())
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="wellbeing-shots-") as folder:
        data, home = Path(folder) / "data", Path(folder) / "home"
        home.mkdir()
        fill_demo(data, FixedClock(NOW), days=days)
        try:
            for look in themes:
                theme.apply_appearance(app, look)
                settle(5)
                studio = Studio(data, home)
                try:
                    shots = list(studio.dialog_shots())
                    if only is None or only - {stem for stem, _ in shots}:
                        shots = [*studio.page_shots(), *shots]
                    for stem, build in shots:
                        if only is not None and stem not in only:
                            continue
                        path = out / f"{stem}-{look}-{scale}.png"
                        if not build().save(str(path)):
                            raise OSError(f"could not write {path}")
                        written.append(path)
                        _close_dialogs()
                        settle(5)
                finally:
                    studio.close()
        finally:
            app.setStyle(style)
            app.setPalette(palette)
            settle(5)
    return written


def _quieter(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages, but not the offscreen platform's notes on what it cannot do."""
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def _child_env(folder: Path, scale: int) -> dict[str, str]:
    """Qt offscreen with a 1920×1080 screen, the scale, and every home folder in ``folder``."""
    config = folder / "offscreen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["QT_SCALE_FACTOR"] = str(scale / 100)
    home = folder / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("MPLCONFIGDIR", ".config/matplotlib"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    # Only shown (Settings → Data names the log's folder), never written by this script: a
    # person's usual folder rather than this run's temporary one, so every run looks the same.
    env["XDG_STATE_HOME"] = SHOWN_STATE_HOME
    env["XDG_RUNTIME_DIR"] = str(folder)
    env.pop("WELLBEING_DATA_DIR", None)
    env.pop("WELLBEING_PSEUDO_TRANSLATE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNG files go")
    parser.add_argument("--only", default="", help="comma-separated names, e.g. today,mood")
    parser.add_argument("--scale", type=int, choices=SCALES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()} or None
    out = args.out.resolve()
    if args.scale is not None:  # one scale, in this process (QT_SCALE_FACTOR already set)
        qInstallMessageHandler(_quieter)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Wellbeing")
        written = render(out, scale=args.scale, only=only)
        print(f"{len(written)} pictures at {args.scale} % in {out}")
        return 0
    for scale in SCALES:
        with tempfile.TemporaryDirectory(prefix="wellbeing-shots-env-") as folder:
            command = [sys.executable, str(Path(__file__).resolve()), "--out", str(out)]
            command += ["--scale", str(scale)] + (["--only", args.only] if only else [])
            done = subprocess.run(command, env=_child_env(Path(folder), scale), check=False)
        if done.returncode != 0:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
