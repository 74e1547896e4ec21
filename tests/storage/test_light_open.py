"""The desktop app opens a current data folder, and shows what an export would hold, without
sqlite-utils: importing it loads numpy, click and dateutil too (about 28 MB of a tray app that
sits in memory all day). They load only when a file is created, migrated, exported or
restored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.demo import generate
from wellbeing_app.storage.demo_data import write_demo
from wellbeing_app.storage.export import preview
from wellbeing_app.storage.repositories import open_current_repositories, open_repositories

SCRIPT = """
import sys
from pathlib import Path
import wellbeing_app.desktop
from wellbeing_app.storage.export import preview
from wellbeing_app.storage.repositories import open_current_repositories
repos = open_current_repositories(Path(sys.argv[1]))
print(sum(table.rows for table in preview(repos.db)))
repos.close()
print([name for name in ("sqlite_utils", "numpy") if name in sys.modules])
"""


def test_the_app_opens_and_previews_a_current_folder_without_sqlite_utils(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    repos = open_repositories(data_dir)  # made and migrated the full way, as at the first start
    repos.close()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr


def test_the_plain_preview_matches_the_full_one(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    repos = open_repositories(data_dir)
    write_demo(repos, generate(clock.now(), days=14))
    full = preview(repos.db)
    repos.close()
    plain = open_current_repositories(data_dir)
    assert type(plain.db).__name__ == "PlainDatabase"
    assert preview(plain.db) == full
    assert sum(table.rows for table in full) > 0
    plain.close()
