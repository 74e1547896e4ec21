"""docs/screenshots.py: its core renders a picture of a page into a folder of one's choice."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "screenshots.py"


def screenshots() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_one_page_at_one_scale_becomes_a_png_and_the_look_is_put_back(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    module = screenshots()
    palette, style = qapp.palette().color(qapp.palette().ColorRole.Window), qapp.style().name()
    written = module.render(tmp_path, scale=100, themes=("dark",), only={"today"}, days=14)
    assert written == [tmp_path / "today-dark-100.png"]
    picture = QImage(str(written[0]))
    assert (picture.width(), picture.height()) == module.WINDOW_SIZE
    assert picture.pixelColor(500, 300).lightness() < 100  # drawn dark
    assert qapp.palette().color(qapp.palette().ColorRole.Window) == palette
    assert qapp.style().name() == style


def test_names_are_plain_file_names() -> None:
    module = screenshots()
    assert module.slug("Report & export") == "report-and-export"
    assert module.slug("Check-ins && help") == "check-ins-and-help"
