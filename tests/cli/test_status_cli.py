"""``wellbeing status``: today at a glance for status bars, and the read commands stay light."""

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.limits import new_limit
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.repositories import open_repositories
from wellbeing_app.storage.tracking_store import PauseStore


def _day_with(data_dir: Path, clock: FixedClock, *, limit_minutes: int | None = None) -> None:
    """Today (the fixture clock's Saturday): 40 min Discord, 25 min Reddit, 5 min of it
    approximate Reddit (never held against a limit)."""
    now = clock.now()
    at = datetime(now.year, now.month, now.day, 9, 0, tzinfo=now.tzinfo).timestamp()
    offset = int(now.utcoffset().total_seconds())  # type: ignore[union-attr]
    repos = open_repositories(data_dir)
    repos.usage.add_spans(
        [
            UsageSpan(at, at + 40 * 60, offset, "Discord", "chat"),
            UsageSpan(at + 3600, at + 3600 + 20 * 60, offset, "Reddit", "forum"),
            UsageSpan(at + 7200, at + 7200 + 5 * 60, offset, "Reddit", "forum", None, True),
        ]
    )
    if limit_minutes is not None:
        repos.limits.set(new_limit("Reddit", "app", limit_minutes))
        repos.limits.set(new_limit("Discord", "app", 120))
    repos.close()


def _status(capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path, *flags: str):
    code = main(["status", "--data-dir", str(data_dir), *flags], clock=clock)
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_one_line_names_the_total_the_top_app_and_the_nearest_limit(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    _day_with(data_dir, clock, limit_minutes=30)
    out = _status(capsys, clock, data_dir)
    assert out == "1 h 05 min today · Discord 40 min · Reddit 10 min left\n"


def test_json_holds_the_same_facts(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    _day_with(data_dir, clock, limit_minutes=30)
    facts = json.loads(_status(capsys, clock, data_dir, "--json"))
    assert facts == {
        "day": "2026-11-21",
        "total_seconds": 3900.0,
        "top_app": {"app": "Discord", "seconds": 2400.0},
        # Approximate time is shown in the total but never counted against a limit.
        "nearest_limit": {
            "target": "Reddit",
            "minutes": 30,
            "used_minutes": 20.0,
            "left_minutes": 10.0,
            "state": "ok",
        },
        "paused_until": None,
    }


def test_waybar_gets_one_line_of_json_with_a_class_to_style(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    _day_with(data_dir, clock, limit_minutes=20)
    out = _status(capsys, clock, data_dir, "--waybar")
    assert out.count("\n") == 1
    shown = json.loads(out)
    assert shown["text"] == "1 h 05 min"
    assert shown["class"] == ["reached"]
    assert shown["percentage"] == 100
    assert "Reddit limit reached (20 min of 20 min)" in shown["tooltip"]


def test_a_limit_near_its_end_is_marked_near(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    _day_with(data_dir, clock, limit_minutes=24)
    shown = json.loads(_status(capsys, clock, data_dir, "--waybar"))
    assert shown["class"] == ["near"]
    assert shown["percentage"] == 83


def test_an_empty_day_and_a_pause(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    assert _status(capsys, clock, data_dir) == "0 s today\n"
    repos = open_repositories(data_dir)
    PauseStore(repos.db).pause_until(clock.now().timestamp() + 1800)
    repos.close()
    assert _status(capsys, clock, data_dir) == "0 s today · paused until 21:30\n"
    shown = json.loads(_status(capsys, clock, data_dir, "--waybar"))
    assert shown["class"] == ["paused"] and "percentage" not in shown
    clock.advance(1801)
    assert _status(capsys, clock, data_dir) == "0 s today\n"


def test_json_and_waybar_together_are_refused(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    code = main(["status", "--data-dir", str(data_dir), "--json", "--waybar"], clock=clock)
    assert code == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--waybar"],
        ["usage", "--json"],
        ["limits", "--json"],
        ["settings"],
        ["mood", "list", "--json"],
        ["gratitude", "list"],
        ["--help"],
    ],
)
def test_read_commands_import_neither_sqlite_utils_nor_qt(data_dir: Path, argv: list[str]) -> None:
    """What a status bar polls must stay light: sqlite-utils alone costs ~0.1 s (numpy)."""
    open_repositories(data_dir).close()  # a current file, as after the app's first start
    script = (
        "import sys\n"
        "from wellbeing_app.cli import main\n"
        "try:\n"
        f"    main({[*argv, '--data-dir', str(data_dir)]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('sqlite_utils', 'numpy', 'PySide6', 'matplotlib')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    if argv == ["--help"]:
        script = script.replace(f"{[*argv, '--data-dir', str(data_dir)]!r}", "['--help']")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "HEAVY []" in done.stderr, done.stderr
