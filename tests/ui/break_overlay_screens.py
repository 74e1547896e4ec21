"""Run by test_break_screens in its own process, with an offscreen platform of several screens.

Shows a break prompt on :class:`BreakScreens`, then tells the overlay a screen went away and
came back (the QGuiApplication signals a real monitor change sends), and prints what covered
what as JSON on stdout.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from wellbeing_app.core.breaks import BreakDue
from wellbeing_app.ui.break_prompt import BreakScreens


def covering(screens: BreakScreens) -> list[dict[str, object]]:
    card_window = screens.card.window()
    return [
        {
            "screen": shade.screen_covered.name(),
            "window": list(shade.geometry().getRect()),
            "covers": list(shade.screen_covered.geometry().getRect()),
            "visible": shade.isVisible(),
            "card": shade is card_window,
            "line": shade.line.text() if shade.line.isVisible() else "",
        }
        for shade in screens.overlay.windows
    ]


def main() -> None:
    app = QApplication(sys.argv[:1])
    screens = BreakScreens()
    at = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
    screens.show_prompt(BreakDue(at, "continuous_use", "Discord", 5), ())
    app.processEvents()
    names = [screen.name() for screen in QGuiApplication.screens()]
    shown = covering(screens)
    gone = screens.overlay.card_screen
    assert gone is not None
    # The card's screen is unplugged: its window goes, the card moves to another screen.
    app.screenRemoved.emit(gone)
    app.processEvents()
    after_removal = covering(screens)
    app.screenAdded.emit(gone)
    app.processEvents()
    after_adding = covering(screens)
    screens.card.leave()
    app.processEvents()
    closed = covering(screens)
    screens.shutdown()
    print(
        json.dumps(
            {
                "screens": names,
                "primary": QGuiApplication.primaryScreen().name(),
                "shown": shown,
                "removed": gone.name(),
                "after_removal": after_removal,
                "after_adding": after_adding,
                "closed": closed,
            }
        )
    )


if __name__ == "__main__":
    main()
