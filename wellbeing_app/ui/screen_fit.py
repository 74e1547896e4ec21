"""Windows sized to fit the screen they open on, whatever the scaling.

At 150 % on a 1366×768 screen, Qt's logical screen is about 910×512: a window asking for its
preferred size would open with its buttons below the screen's edge. Every window and dialog
asks ``fit_to_screen`` instead; what does not fit then scrolls, never clips.

A window that remembers where it was (``saved_geometry`` / ``restore_geometry``) comes back
there, unless the screen it was on is gone or smaller now: then it is fitted again.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

# Room for the window manager's title bar and borders (logical pixels), which Qt's sizes leave
# out.
WINDOW_FRAME_ALLOWANCE = 40


def fitted_size(
    width: int, height: int, available_width: int, available_height: int
) -> tuple[int, int]:
    """The preferred size, made small enough that the window with its frame fits the screen's
    free area (all in logical pixels)."""
    return (
        min(width, available_width - WINDOW_FRAME_ALLOWANCE // 2),
        min(height, available_height - WINDOW_FRAME_ALLOWANCE),
    )


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resizes ``widget`` to ``width``×``height``, or less where its screen is smaller."""
    available = widget.screen().availableGeometry()
    widget.resize(*fitted_size(width, height, available.width(), available.height()))


def saved_geometry(widget: QWidget) -> str:
    """Where ``widget`` is and how big, as text to store."""
    return bytes(widget.saveGeometry().toBase64().data()).decode("ascii")


def restore_geometry(widget: QWidget, saved: str | None, width: int, height: int) -> bool:
    """Puts ``widget`` back where ``saved`` says, if that still fits a screen; else fits
    ``width``×``height`` to its screen. Returns whether the saved place was used."""
    if saved:
        restored = widget.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        screen = widget.screen().availableGeometry()
        frame = widget.frameGeometry()
        if (
            restored
            and frame.width() <= screen.width()
            and frame.height() <= screen.height() + WINDOW_FRAME_ALLOWANCE
            and screen.intersects(frame)
        ):
            return True
    fit_to_screen(widget, width, height)
    return False
