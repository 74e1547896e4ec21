"""The log: private, rotating, verbose on request, and never holding personal text."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeForegroundProbe, FakeIdleProbe
from wellbeing_app.app import build_sampler, load_catalog
from wellbeing_app.core.classifier import UserRule
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.settings import settings_from
from wellbeing_app.platform.logs import LOG_FILE, LogSession, start_logging
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.rules import RuleRepository

SECRET = "Dear diary: I relapsed again"  # a window title nobody else should read


@pytest.fixture
def session(tmp_path: Path) -> Iterator[LogSession]:
    stream = io.StringIO()
    started = start_logging(tmp_path / "log", verbose=True, stream=stream)
    started.stream = stream  # type: ignore[attr-defined]
    yield started
    started.close()


def _log_text(session: LogSession) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "".join(
        path.read_text(encoding="utf-8") for path in sorted(session.path.parent.iterdir())
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_is_private_and_rotates(tmp_path: Path) -> None:
    session = start_logging(tmp_path / "state" / "log", stream=io.StringIO())
    try:
        assert session.path == tmp_path / "state" / "log" / LOG_FILE
        assert _mode(session.path.parent) == 0o700
        assert _mode(session.path) == 0o600
        line = "x" * 1000
        for _ in range(5000):  # about 5 MB: rotated into the file and three older ones
            logging.getLogger("wellbeing_app.test").info(line)
        files = sorted(session.path.parent.iterdir())
        assert [path.name for path in files] == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in (1, 2, 3)]
        assert all(_mode(path) == 0o600 for path in files)
        assert all(path.stat().st_size <= 1_000_000 for path in files)
    finally:
        session.close()


def test_verbose_shows_debug_on_the_terminal_and_quiet_only_warnings(tmp_path: Path) -> None:
    quiet_stream, loud_stream = io.StringIO(), io.StringIO()
    quiet = start_logging(tmp_path / "quiet", stream=quiet_stream)
    logging.getLogger("wellbeing_app.x").debug("a detail")
    logging.getLogger("wellbeing_app.x").info("an event")
    logging.getLogger("wellbeing_app.x").warning("a problem")
    quiet.close()
    assert quiet_stream.getvalue() == "wellbeing: WARNING wellbeing_app.x: a problem\n"
    quiet_log = quiet.path.read_text()
    assert "an event" in quiet_log and "a detail" not in quiet_log
    loud = start_logging(tmp_path / "loud", verbose=True, stream=loud_stream)
    logging.getLogger("wellbeing_app.x").debug("a detail")
    loud.close()
    assert "a detail" in loud_stream.getvalue()
    assert "a detail" in loud.path.read_text()
    logging.getLogger("wellbeing_app.x").warning("after close")
    assert "after close" not in loud.path.read_text()


class TitleQuotingProbe(FakeForegroundProbe):
    """A probe that fails with the window title in its error (as a parser might)."""

    def foreground(self):  # type: ignore[no-untyped-def]
        raise ValueError(f"cannot read {SECRET!r}")


def test_tracking_with_a_sensitive_title_leaves_no_trace_of_it_in_the_log(
    session: LogSession, repos: Repositories, clock: FixedClock
) -> None:
    foreground, idle = FakeForegroundProbe(), FakeIdleProbe()
    sampler = build_sampler(repos, clock, foreground, idle, load_catalog())
    foreground.show("firefox", f"{SECRET} - Reddit — Mozilla Firefox")
    for _ in range(12):
        sampler.tick()
        clock.advance(1)
    sampler.close()
    failing = build_sampler(repos, clock, TitleQuotingProbe(), idle, load_catalog())
    failing.tick()  # logs the failure with its traceback
    failing.close()
    log = _log_text(session)
    assert "the foreground probe failed" in log
    assert "Traceback" in log and "ValueError" in log
    assert SECRET not in log
    assert "relapsed" not in log


def test_stored_rules_and_settings_that_cannot_be_used_are_logged_without_their_text(
    session: LogSession, repos: Repositories
) -> None:
    rules = RuleRepository(repos.db)
    rules.add(UserRule("Diary", "forum", "", "diary"))
    repos.db.execute("UPDATE user_rules SET title_pattern = ?", ["(relapsed"])  # by hand
    assert not rules.all()[0].enabled
    settings_from({"exclude_patterns": '["(relapsed", "ok"]'})
    settings_from({"crisis_country": '"relapsed land"'})
    log = _log_text(session)
    assert "rule" in log.lower() and "exclude_patterns" in log
    assert "relapsed" not in log


def test_a_crash_goes_to_the_log_with_its_traceback_but_not_its_message(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wellbeing_app.platform.logs import start_logging\n"
        "start_logging(Path(sys.argv[1]))\n"
        "def save_note(note):\n"
        "    raise ValueError(f'cannot save {note!r}')\n"
        f"save_note({SECRET!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path / "log")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    log = (tmp_path / "log" / LOG_FILE).read_text()
    assert "CRITICAL wellbeing_app: uncaught exception" in log
    assert "in save_note" in log and log.rstrip().endswith("ValueError")
    assert SECRET not in log


def test_the_command_line_starts_the_log_for_the_tracker(tmp_path: Path) -> None:
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"}
    }
    environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    done = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "track", "--verbose", "--data-dir", str(tmp_path)],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    log = tmp_path / "state" / "wellbeing" / "log" / LOG_FILE
    assert "log started (verbose: True)" in log.read_text(), done.stderr
    assert "log started (verbose: True)" in done.stderr


def test_settings_show_where_the_log_is(
    qtbot: object, repos: Repositories, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from wellbeing_app.app import load_catalog as catalog
    from wellbeing_app.services.settings_service import SettingsService
    from wellbeing_app.ui.settings_page import SettingsPage

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    page = SettingsPage(repos, SettingsService(repos.settings_store), catalog(), str(tmp_path))
    assert str(tmp_path / "state" / "wellbeing" / "log" / LOG_FILE) in page.log_location.text()
    page.deleteLater()
