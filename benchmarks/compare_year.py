"""The year part of ``compare_activitywatch.py``: the same events in both tools.

One export (``year_export.py``) is imported into a fresh aw-server (``POST /api/0/import``)
and into a fresh Wellbeing data folder (``wellbeing import activitywatch``, its own process).
Then, for one day (a Wednesday in the middle of the year), its Monday-Sunday week and the whole
year, each timed ``runs`` times (median reported):

* ActivityWatch: the canonical query over the REST API for that period (04:00 to 04:00 UTC,
  Wellbeing's default day start), answers merged by app and title;
* Wellbeing in-process: ``UsageRepository.by_app`` on an open database (warm);
* Wellbeing as a process: ``wellbeing usage --by app --json`` (wall time, start-up included).

The database sizes are read after each tool has closed its database (aw-server stopped; the
import process exited): the main file plus any ``-wal``/``-shm`` left. The per-app totals of
both tools are compared for each period; ActivityWatch's rows are classified with the shipped
catalog, as the importer does.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from functools import partial
from pathlib import Path
from typing import TypeVar

from aw_side import aw_server, query_windows
from gen_year import FIRST_DAY
from year_export import HOST, year_export

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Classifier
from wellbeing_app.storage.database import DATABASE_NAME, open_database
from wellbeing_app.storage.usage import UsageRepository

T = TypeVar("T")
REPO_ROOT = Path(__file__).resolve().parent.parent
_WELLBEING = (sys.executable, "-m", "wellbeing_app")
DAY_START_HOUR = 4  # Wellbeing's default: a day runs 04:00-04:00


@dataclass
class RangeResult:
    name: str
    first: str
    last: str
    aw_ms: float
    ours_ms: float  # by_app in-process
    ours_cli_ms: float  # wellbeing usage --by app --json, wall time
    aw_total: float
    ours_total: float
    max_app_difference: float  # seconds, the largest per-app disagreement


@dataclass
class YearResult:
    window_events: int
    afk_events: int
    export_mb: float
    aw_import_s: float
    ours_import_s: float
    aw_db_mb: float
    ours_db_mb: float
    aw_db_at_stop_mb: float = 0.0  # before the checkpoint: main file + WAL as left on disk
    ranges: list[RangeResult] = field(default_factory=list)


def periods(first_day: date, days: int) -> dict[str, tuple[date, date]]:
    """The day (a Wednesday near the middle), its Monday-Sunday week, and the whole range."""
    last_day = first_day + timedelta(days=days - 1)
    day = first_day + timedelta(days=days // 2)
    day -= timedelta(days=(day.weekday() - 2) % 7)
    day = max(day, first_day)
    monday = day - timedelta(days=day.weekday())
    return {
        "day": (day, day),
        "week": (monday, monday + timedelta(days=6)),
        "year": (first_day, last_day),
    }


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime.combine(first, day_time(DAY_START_HOUR), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), day_time(DAY_START_HOUR), tzinfo=UTC)
    return start, end


def _timed(runs: int, call: Callable[[], T]) -> tuple[float, T]:
    """Median wall time in ms of ``runs`` calls (at least one), and the last answer."""
    times: list[float] = []
    started = time.perf_counter()
    answer = call()
    times.append((time.perf_counter() - started) * 1000)
    for _ in range(runs - 1):
        started = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), answer


def _largest_difference(theirs: dict[str, float], ours: dict[str, float]) -> float:
    """The largest per-app disagreement in seconds (an app missing on one side counts 0 s)."""
    apps = set(theirs) | set(ours)
    return max((abs(theirs.get(a, 0.0) - ours.get(a, 0.0)) for a in apps), default=0.0)


def _db_mb(files: list[Path]) -> float:
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def _cli_usage(data_dir: Path, first: date, last: date) -> dict[str, float]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wellbeing_app",
            "usage",
            "--by",
            "app",
            "--json",
            "--data-dir",
            str(data_dir),
            "--from",
            first.isoformat(),
            "--to",
            last.isoformat(),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return {row["app"]: float(row["seconds"]) for row in json.loads(result.stdout)}


def run_year(
    bin_dir: Path, work: Path, log: Path, *, days: int, runs: int, year_runs: int
) -> YearResult:
    export = year_export(FIRST_DAY, days)
    buckets = export["buckets"]
    path = work / "activitywatch-export.json"
    path.write_text(json.dumps(export))
    del export
    print(
        f"  export: {len(buckets[f'aw-watcher-window_{HOST}']['events']):,} window events, "
        f"{len(buckets[f'aw-watcher-afk_{HOST}']['events']):,} AFK events, "
        f"{path.stat().st_size / 1e6:.1f} MB"
    )
    result = YearResult(
        window_events=len(buckets[f"aw-watcher-window_{HOST}"]["events"]),
        afk_events=len(buckets[f"aw-watcher-afk_{HOST}"]["events"]),
        export_mb=path.stat().st_size / 1e6,
        aw_import_s=0.0,
        ours_import_s=0.0,
        aw_db_mb=0.0,
        ours_db_mb=0.0,
    )
    del buckets

    data_dir = work / "wellbeing-year"
    started = time.perf_counter()
    subprocess.run(
        [*_WELLBEING, "import", "activitywatch", str(path), "--data-dir", str(data_dir)],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    result.ours_import_s = time.perf_counter() - started
    result.ours_db_mb = _db_mb(sorted(data_dir.glob(DATABASE_NAME + "*")))
    print(f"  Wellbeing imported it in {result.ours_import_s:.1f} s")

    classify = Classifier(load_catalog())
    ranges = periods(FIRST_DAY, days)
    aw_side: dict[str, tuple[float, dict[str, float]]] = {}
    with aw_server(bin_dir, work / "aw-year-home", log) as server:
        started = time.perf_counter()
        server.request_bytes("POST", "/import", path.read_bytes(), timeout=7200)
        result.aw_import_s = time.perf_counter() - started
        print(f"  aw-server imported it in {result.aw_import_s:.1f} s")
        for name, (first, last) in ranges.items():
            start, end = _bounds(first, last)
            ms, rows = _timed(
                year_runs if name == "year" else runs,
                partial(query_windows, server, start, end, HOST),
            )
            aw_side[name] = (ms, _classified(rows, classify))
            print(f"  ActivityWatch {name}: {ms:.1f} ms")
        db_files = server.database_files()
    # aw-server leaves its write-ahead log behind when stopped; fold it into the main file so
    # both sizes are of a closed, checkpointed database.
    result.aw_db_at_stop_mb = _db_mb(db_files)
    for main in (f for f in db_files if f.suffix == ".db"):
        with closing(sqlite3.connect(main)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result.aw_db_mb = _db_mb(db_files)

    db = open_database(data_dir)
    try:
        usage = UsageRepository(db, DAY_START_HOUR)
        for name, (first, last) in ranges.items():
            ours_ms, answer = _timed(runs, partial(usage.by_app, first, last))
            ours = {total.app: total.seconds for total in answer}
            cli_ms, cli = _timed(runs, partial(_cli_usage, data_dir, first, last))
            if _largest_difference(cli, ours) > 0.5:
                print(f"  ! {name}: the command line answered {cli}, by_app {ours}")
            aw_ms, theirs = aw_side[name]
            result.ranges.append(
                RangeResult(
                    name=name,
                    first=first.isoformat(),
                    last=last.isoformat(),
                    aw_ms=aw_ms,
                    ours_ms=ours_ms,
                    ours_cli_ms=cli_ms,
                    aw_total=sum(theirs.values()),
                    ours_total=sum(ours.values()),
                    max_app_difference=_largest_difference(theirs, ours),
                )
            )
    finally:
        db.close()
    return result


def _classified(rows: list[tuple[str, str, float]], classify: Classifier) -> dict[str, float]:
    totals: dict[str, float] = {}
    for app, title, seconds in rows:
        found = classify.classify(app, title)
        if found is not None:
            totals[found.app] = totals.get(found.app, 0.0) + seconds
    return totals


def print_year(result: YearResult, row: Callable[..., str], header: Callable[[], str]) -> None:
    print(
        f"a year of events ({result.window_events:,} window + {result.afk_events:,} AFK events, "
        f"export {result.export_mb:.1f} MB):"
    )
    print(header())
    print(row("import (ingest)", result.aw_import_s, result.ours_import_s, "s", ".1f"))
    print(row("database size", result.aw_db_mb, result.ours_db_mb, "MB", ".1f"))
    print(
        f"    (aw-server's files as it left them, with the WAL: {result.aw_db_at_stop_mb:.1f} MB)"
    )
    for r in result.ranges:
        label = f"{r.name} per app ({r.first}..{r.last})" if r.name != "year" else "year per app"
        print(row(label, r.aw_ms, r.ours_ms, "ms", ".2f"))
        print(row(f"  {r.name}, as a process (CLI)", r.aw_ms, r.ours_cli_ms, "ms", ".1f"))
        print(
            row(f"  {r.name} community total", r.aw_total / 3600, r.ours_total / 3600, "h", ".3f")
        )
        print(f"    largest per-app difference: {r.max_app_difference:.1f} s")
