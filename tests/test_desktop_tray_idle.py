"""The app hidden in the tray: what serves only the window stops and what it shows is let go;
shown again, it all comes back; after quitting nothing is left armed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from tests.test_desktop import _main_window, _ready_data, when_ready
from wellbeing_app.core.clock import FixedClock


def test_hidden_the_window_lets_go_and_its_timers_stop_shown_they_come_back(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.desktop import DesktopApp

    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    foreground.show("Discord", "general | Discord")
    monkeypatch.setattr(
        "wellbeing_app.platform.probes.create_probes", lambda names, **_: (foreground, idle)
    )
    desktop = DesktopApp(_ready_data(tmp_path, clock), demo=False, clock=clock)
    seen: dict[str, object] = {}

    def state() -> dict[str, object]:
        return {
            "collector": desktop.collector.interval_ms,
            "today": desktop.today.timer.interval(),
            "idea": desktop._idea_timer.isActive(),
            "charts": sum(not i.pixmap().isNull() for i in desktop.insights.images.values()),
            "report": desktop.report_page.report is not None,
        }

    def charts_and_preview_drawn() -> bool:
        images = desktop.insights.images.values()
        return (
            bool(images)
            and all(not image.pixmap().isNull() for image in images)
            and desktop.report_page.report is not None
        )

    def look() -> None:
        window = _main_window()
        window.show_page("Insights")
        window.show_page("Report & export")  # both drawn (in workers) once shown
        when_ready(charts_and_preview_drawn, hide)

    def hide() -> None:
        seen["shown"] = state()
        _main_window().hide()  # what closing to the tray does
        seen["hidden"] = state()
        _main_window().show()
        seen["shown again"] = state()
        _main_window().close()

    timer = when_ready(lambda: foreground.calls >= 1, look)
    assert desktop.run() == 0
    timer.stop()
    assert seen["shown"] == {
        "collector": 500,
        "today": 30_000,
        "idea": True,
        "charts": 7,
        "report": True,
    }
    hidden = seen["hidden"]
    assert isinstance(hidden, dict)
    assert hidden["collector"] == 60_000 and hidden["today"] > 30_000
    assert (hidden["idea"], hidden["charts"], hidden["report"]) == (False, 0, False)
    again = seen["shown again"]
    assert isinstance(again, dict)
    assert (again["collector"], again["today"], again["idea"]) == (500, 30_000, True)
    # Quitting hides the window too: nothing is armed again by it.
    assert not desktop.today.timer.isActive()
    assert not desktop.collector.is_active
    assert not desktop._idea_timer.isActive()
    assert not desktop.reminders.timer.isActive()


def test_a_stop_that_fails_does_not_keep_the_others_from_running(
    qtbot: QtBot, clock: FixedClock, tmp_path: Path
) -> None:
    from wellbeing_app.desktop import DesktopApp

    desktop = DesktopApp(_ready_data(tmp_path, clock), demo=False, clock=clock)
    ran: list[str] = []
    desktop._on_stop(lambda: ran.append("first started, last stopped"))

    def fails() -> None:
        raise RuntimeError("could not stop")

    desktop._on_stop(fails)
    desktop._on_stop(lambda: ran.append("last started, first stopped"))
    with pytest.raises(RuntimeError, match="could not stop"):
        desktop.shutdown()
    assert ran == ["last started, first stopped", "first started, last stopped"]
    desktop.shutdown()  # nothing left to stop
