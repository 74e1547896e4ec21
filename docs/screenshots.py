"""Renders every page of the app with 60 days of demo data to PNG files in docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py   # or under Xvfb

The clock is fixed (a Saturday evening), so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from wellbeing_app.app import fill_demo, load_activities, load_catalog
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.desktop import gratitude_texts
from wellbeing_app.resources import resource_path
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.services.today import TodayService
from wellbeing_app.storage.activities import ActivityRepository, suggest_now
from wellbeing_app.storage.repositories import open_repositories
from wellbeing_app.ui.activities_page import ActivitiesPage
from wellbeing_app.ui.boundaries_page import BoundariesPage
from wellbeing_app.ui.insights_page import InsightsPage
from wellbeing_app.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    clock = FixedClock(datetime(2026, 11, 21, 21, 30, tzinfo=timezone(timedelta(hours=1))))
    data = Path(tempfile.mkdtemp(prefix="wellbeing-shots-")) / "data"
    fill_demo(data, clock, days=60)
    repos = open_repositories(data)
    icon = QIcon(str(resource_path("icons", "wellbeing.svg")))
    window = MainWindow(
        icon, "sample data", repos, clock, lambda day: gratitude_texts(repos, clock, day)
    )
    settings = SettingsService(repos.settings_store)
    catalog = load_catalog()
    from wellbeing_app.report_input import PresetStore
    from wellbeing_app.ui.report_page import ReportPage
    from wellbeing_app.ui.settings_page import SettingsPage

    pages: list[tuple[str, QWidget]] = [
        ("Insights", InsightsPage(repos, clock)),
        ("Boundaries", BoundariesPage(repos, settings, [a.name for a in catalog.apps], clock)),
        ("Activities", ActivitiesPage(repos, load_activities(), clock)),
        ("Report & export", ReportPage(repos, clock, PresetStore(repos.db))),
        ("Settings", SettingsPage(repos, settings, catalog, "sample data")),
    ]
    for title, page in pages:
        window.add_page(title, page)
    today = TodayService(repos, clock)
    today.snapshot_changed.connect(window.show_snapshot)
    today.start()
    window.set_tracking_status("Tracking on (x11).")
    window.today.show_continuous_use(18 * 60, repos.settings.continuous_use_minutes)
    idea = suggest_now(
        ActivityRepository(repos.db),
        load_activities(),
        clock.now(),
        15,
        random.Random(3),
        record=False,
        count=1,
    )[0]
    window.today.show_suggestion(idea.title, idea.activity.minutes, idea.why)
    window.resize(1280, 800)
    window.show()
    OUT.mkdir(exist_ok=True)
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        if isinstance(page, InsightsPage):
            page.wait_for_charts()
        if isinstance(page, ReportPage):
            page.wait_until_idle()
        settle(app)
        name = title.lower().replace("&", "and").replace(" ", "-")
        window.grab().save(str(OUT / f"{name}.png"))
    repos.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
