"""The pure parts of the ActivityWatch side-by-side harness (``benchmarks/``).

The harness itself downloads ActivityWatch and runs for minutes, so no test runs it; these
check the arithmetic and parsing its figures rest on, offline.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.append(str(BENCHMARKS))  # after everything else: its module names shadow nothing

import aw_side  # noqa: E402
import compare_activitywatch as compare  # noqa: E402
import compare_year  # noqa: E402
import proc_usage  # noqa: E402

from wellbeing_app.app import load_catalog  # noqa: E402
from wellbeing_app.core.classifier import Classifier  # noqa: E402

# A real line, with a command name holding a space and a closing parenthesis.
STAT = (
    "4242 (aw-server (x) y) S 4200 4242 4242 0 -1 4194560 12000 0 0 0 "
    "150 37 9 4 20 0 5 0 987654 700000000 30000 18446744073709551615"
)


def test_parse_stat_reads_the_fields_after_the_last_parenthesis() -> None:
    stat = proc_usage.parse_stat(STAT)
    assert stat.pid == 4242
    assert stat.comm == "aw-server (x) y"
    assert stat.ppid == 4200
    assert (stat.utime, stat.stime, stat.cutime, stat.cstime) == (150, 37, 9, 4)
    assert stat.starttime == 987654
    assert stat.cpu_ticks() == 200


@pytest.mark.parametrize("text", ["", "4242 no parenthesis", "1 (x) S 0 1"])
def test_parse_stat_rejects_what_is_not_a_stat_line(text: str) -> None:
    with pytest.raises(ValueError, match="stat line"):
        proc_usage.parse_stat(text)


def test_vm_hwm_is_read_from_status() -> None:
    status = "Name:\tpython\nVmPeak:\t  900 kB\nVmHWM:\t  51234 kB\nVmRSS:\t 40000 kB\n"
    assert proc_usage.parse_vm_hwm_kib(status) == 51234
    assert proc_usage.parse_vm_hwm_kib("Name:\tkthreadd\n") is None


def test_descendants_follow_the_whole_tree_and_nothing_else() -> None:
    parents = {1: 0, 10: 1, 11: 10, 12: 11, 20: 1, 21: 20, 30: 1}
    assert proc_usage.descendants([10, 20], parents) == {10, 11, 12, 20, 21}
    assert proc_usage.descendants([99], parents) == set()


def test_cpu_delta_counts_new_processes_whole_and_tells_reused_pids_apart() -> None:
    ticks = proc_usage.CLOCK_TICKS
    before = {(10, 1): 100, (11, 5): 40, (12, 7): 30}
    after = {
        (10, 1): 100 + 2 * ticks,  # ran 2 s
        (11, 9): ticks,  # pid 11 reused by a new process: 1 s, all of it in the run
        (13, 20): ticks // 2,  # started during the run
    }  # (12, 7) exited: its time is its parent's cutime, or lost, never negative
    assert proc_usage.cpu_delta_seconds(before, after) == pytest.approx(3.5, abs=1 / ticks)


def test_ratio_is_theirs_over_ours_and_missing_when_ours_is_zero() -> None:
    assert proc_usage.ratio(20.0, 1.6) == pytest.approx(12.5)
    assert proc_usage.ratio(1.0, 0.0) is None
    assert proc_usage.ratio(None, 1.0) is None
    assert proc_usage.ratio_text(20.0, 1.6) == "12.5×"
    assert proc_usage.ratio_text(19_700.0, 10.0) == "1970×"
    assert proc_usage.ratio_text(1.0, None) == "n/a"


def test_focus_plan_repeats_the_schedule_and_ends_on_the_editor() -> None:
    plan = compare.focus_plan(125.0)
    offsets = [at for at, _title in plan]
    assert offsets == sorted(offsets)
    assert plan[0] == (0.0, compare.DISCORD)
    assert plan[-1] == (125.0, compare.EDITOR)
    reddit = [title for _at, title in plan if compare.PROCESS_OF[title] == "firefox"]
    assert len(set(reddit)) > 1  # another tab on each visit


def test_expected_totals_count_the_plan_s_community_time() -> None:
    classify = Classifier(load_catalog())
    # One 60 s cycle: Discord 12 + 5 s, Reddit 8 s.
    assert compare.expected_totals(compare.focus_plan(60.0), classify) == {
        "Discord": 17.0,
        "Reddit": 8.0,
    }


def test_activitywatch_rows_are_classified_as_the_window_s_process() -> None:
    classify = Classifier(load_catalog())
    rows = [
        ("XTerm", "general | Discord", 10.0),
        ("XTerm", compare.REDDIT_TABS[1], 4.0),
        ("XTerm", compare.EDITOR, 30.0),
        ("XTerm", "", 0.5),
        ("firefox", "r/cooking - Reddit — Mozilla Firefox", 2.0),  # not a test window
    ]
    assert compare.classified_totals(rows, classify, compare.PROCESS_OF) == {
        "Discord": 10.0,
        "Reddit": 6.0,
    }


def test_periods_are_a_wednesday_its_week_and_the_whole_range() -> None:
    periods = compare_year.periods(date(2025, 11, 21), 365)
    day, _ = periods["day"]
    assert day.weekday() == 2
    assert periods["day"] == (day, day)
    monday, sunday = periods["week"]
    assert monday.weekday() == 0
    assert (sunday - monday).days == 6
    assert monday <= day <= sunday
    assert periods["year"] == (date(2025, 11, 21), date(2026, 11, 20))


def test_canonical_query_floods_and_keeps_only_not_afk_time() -> None:
    query = "".join(aw_side.canonical_query("aw-watcher-window_", "aw-watcher-afk_"))
    assert 'flood(query_bucket(find_bucket("aw-watcher-window_")))' in query
    assert 'filter_keyvals(not_afk, "status", ["not-afk"])' in query
    assert "filter_period_intersect(events, not_afk)" in query
    assert query.endswith("RETURN = sort_by_duration(events);")


def test_private_env_keeps_activitywatch_out_of_the_real_home(tmp_path: Path) -> None:
    env = aw_side.private_env(tmp_path, {"HOME": "/root", "PATH": "/bin", "PYTHONPATH": "x"})
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert Path(env[key]).is_relative_to(tmp_path)
    assert env["PATH"] == "/bin"
    assert "PYTHONPATH" not in env
