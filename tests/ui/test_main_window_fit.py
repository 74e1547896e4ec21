"""The main window fits the screen it opens on, whatever the scaling, and comes back where it
was (fitted again when the screen got smaller).

Each case starts the window in its own process on an offscreen screen of a given size and
scale (``QT_QPA_PLATFORM=offscreen:configfile=…``, ``QT_SCALE_FACTOR``), the way a laptop at
150 % looks to Qt, with every page of the app in it. Run as a module, this file is that
process: ``python -m tests.ui.test_main_window_fit DATA_DIR [resize WIDTH HEIGHT]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.app_state import AppState
from wellbeing_app.storage.repositories import Repositories, open_repositories
from wellbeing_app.ui.main_window import GEOMETRY_KEY, MainWindow

ROOT = Path(__file__).resolve().parents[2]
# 1366x768 at 150 %: Qt's logical screen is 910x512.
LAPTOP_150 = (1366, 768, "1.5")
LOGICAL_LAPTOP_150 = (910, 512)
LAPTOP_200 = (1366, 768, "2")


def _texts(_day: object) -> tuple[str, str]:
    return ("What went well today?", "")


def _with_every_page(window: MainWindow, repos: Repositories, clock: FixedClock) -> None:
    from wellbeing_app.app import load_activities, load_catalog
    from wellbeing_app.report_input import PresetStore
    from wellbeing_app.services.settings_service import SettingsService
    from wellbeing_app.ui.activities_page import ActivitiesPage
    from wellbeing_app.ui.boundaries_page import BoundariesPage
    from wellbeing_app.ui.insights_page import InsightsPage
    from wellbeing_app.ui.report_page import ReportPage
    from wellbeing_app.ui.settings_page import SettingsPage

    settings = SettingsService(repos.settings_store)
    catalog = load_catalog()
    window.add_page("Insights", InsightsPage(repos, clock))
    apps = [app.name for app in catalog.apps]
    window.add_page("Boundaries", BoundariesPage(repos, settings, apps, clock))
    window.add_page("Activities", ActivitiesPage(repos, load_activities(), clock))
    window.add_page("Report & export", ReportPage(repos, clock, PresetStore(repos.db)))
    window.add_page("Settings", SettingsPage(repos, settings, catalog, "test"))


def main(argv: list[str]) -> None:
    """Opens the window on ``argv[0]``'s data, prints what it saw as JSON, and closes it
    (optionally after resizing it to ``argv[2]``x``argv[3]``)."""
    app = QApplication(sys.argv[:1])
    clock = FixedClock(datetime(2026, 11, 21, 20, 0, tzinfo=UTC))
    repos = open_repositories(Path(argv[0]))
    window = MainWindow(QIcon(), "test", repos, clock, _texts)
    _with_every_page(window, repos, clock)
    restored = window.restore_place()  # again, now that every page is in
    window.show()
    app.processEvents()
    screen = window.screen().availableGeometry()
    help_corner = window.help_button.mapToGlobal(window.help_button.rect().bottomRight())
    help_origin = window.help_button.mapToGlobal(QPoint(0, 0))
    seen: dict[str, Any] = {
        "restored": restored,
        "screen": list(screen.getRect()),
        "window": list(window.frameGeometry().getRect()),
        "minimum": list(window.minimumSizeHint().toTuple()),
        "help_on_screen": screen.contains(help_origin) and screen.contains(help_corner),
    }
    if len(argv) == 4 and argv[1] == "resize":
        window.resize(int(argv[2]), int(argv[3]))
        app.processEvents()
        seen["window"] = list(window.frameGeometry().getRect())
    seen["size"] = list(window.size().toTuple())
    window.close()
    app.processEvents()
    seen["kept"] = AppState(repos.db).value(GEOMETRY_KEY) is not None
    repos.close()
    print(json.dumps(seen))


def _open(tmp_path: Path, screen: tuple[int, int, str], *args: str) -> dict[str, Any]:
    width, height, scale = screen
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "Screen", "x": 0, "y": 0, "width": width, "height": height}
                    | {"logicalDpi": 96}
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.test_main_window_fit", str(tmp_path / "data"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def _inside(window: list[int], screen: list[int]) -> bool:
    x, y, w, h = window
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


def test_at_150_percent_on_1366x768_the_window_and_get_help_now_are_on_screen(
    tmp_path: Path,
) -> None:
    seen = _open(tmp_path, LAPTOP_150)
    assert abs(seen["screen"][2] - LOGICAL_LAPTOP_150[0]) <= 1  # 1366 / 1.5, rounded
    assert seen["screen"][3] == LOGICAL_LAPTOP_150[1]
    assert not seen["restored"]  # nothing kept yet: fitted, centred
    assert _inside(seen["window"], seen["screen"])
    assert seen["help_on_screen"]
    assert seen["minimum"][0] <= LOGICAL_LAPTOP_150[0]
    assert seen["minimum"][1] <= LOGICAL_LAPTOP_150[1]
    assert seen["kept"]


def test_at_200_percent_on_1366x768_too(tmp_path: Path) -> None:
    seen = _open(tmp_path, LAPTOP_200)
    assert seen["screen"][2:] == [683, 384]
    assert _inside(seen["window"], seen["screen"])
    assert seen["help_on_screen"]
    assert seen["minimum"][0] <= 683 and seen["minimum"][1] <= 384


def test_the_window_comes_back_where_it_was(tmp_path: Path) -> None:
    first = _open(tmp_path, (1920, 1080, "1"), "resize", "1200", "800")
    assert first["size"] == [1200, 800]
    again = _open(tmp_path, (1920, 1080, "1"))
    assert again["restored"]
    assert again["window"] == first["window"]


def test_a_place_kept_on_a_bigger_screen_is_fitted_to_the_smaller_one(tmp_path: Path) -> None:
    _open(tmp_path, (1920, 1080, "1"), "resize", "1800", "1000")
    seen = _open(tmp_path, LAPTOP_150)
    assert not seen["restored"]
    assert _inside(seen["window"], seen["screen"])
    assert seen["help_on_screen"]


if __name__ == "__main__":
    main(sys.argv[1:])
