"""Windows sized to fit the screen they open on, whatever the scaling.

At 150 % on a 1366×768 screen, Qt's logical screen is about 910×512: a window asking for its
preferred size would open with its buttons below the screen's edge. Every window and dialog
asks ``fit_to_screen`` instead; what does not fit then scrolls, never clips.
"""

from __future__ import annotations

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
