"""At 150 % every page's name is still whole in the page list, chosen or not, in English and in
the pseudo-translation's longer names.

The check runs in its own process with ``QT_SCALE_FACTOR=1.5`` (text is laid out for the
scaled screen); run as a module, this file is that process:
``python -m tests.ui.test_nav_scaled``, which prints the names cut short as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from wellbeing_app.ui.i18n import PseudoTranslator
from wellbeing_app.ui.nav import PAGE_ICONS, PageNav, name_box, name_font

ROOT = Path(__file__).resolve().parents[2]


def _cut_short(nav: PageNav) -> list[str]:
    nav.resize(nav.width(), 60 * nav.count())  # every row in view, as in the window
    nav.show()
    room = name_box(QRect(0, 0, nav.viewport().width(), nav.sizeHintForRow(0))).width()
    found = []
    for row in range(nav.count()):
        name = nav.item(row).text()
        for selected in (False, True):
            metrics = QFontMetrics(name_font(nav.font(), selected=selected))
            if metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) != name:
                found.append(name)
    return found


def main() -> None:
    app = QApplication(sys.argv[:1])
    seen: dict[str, object] = {"ratio": app.devicePixelRatio()}
    for language in ("english", "pseudo"):
        if language == "pseudo":
            app.installTranslator(PseudoTranslator(app))
        nav = PageNav()
        for title in PAGE_ICONS:
            nav.add_page(title)
        seen[language] = _cut_short(nav)
        nav.deleteLater()
    print(json.dumps(seen))


def test_at_150_percent_no_name_is_cut_short() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.test_nav_scaled"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"ratio": 1.5, "english": [], "pseudo": []}


if __name__ == "__main__":
    main()
