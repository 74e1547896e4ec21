"""One year of tracking data, made the way the tracker makes it, in a real data folder.

A year of 1 s samples shaped like ActivityWatch's reference data set (about 800 focus changes
a day, ~290,000 window events a year; see ``synthetic.year_days``) is pushed through the real
``Classifier`` (shipped catalog) and the real ``Tracker``, and the spans it closes are written
with the real ``SpanWriter`` -- one commit per simulated day instead of one per 5 s, which gives
the same rows (the tracker's 5 s commits insert a span once and only update its ``end``).

Two scenarios:

``default``
    the shipped settings: only community apps are stored (titles ``reduced``), merged by the
    heartbeat and split at local hour boundaries -- what Wellbeing really stores for that year;
``all-apps``
    ``track_all_apps`` on and titles ``keep``: every window is stored, with its title, so the
    table has about as many rows as ActivityWatch has events (a stress test of the same size).

    /work/venv/bin/python benchmarks/gen_year.py --data-dir /tmp/year [--scenario default]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from synthetic import year_days

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Classifier
from wellbeing_app.core.tracking import TitlePolicy, Tracker
from wellbeing_app.storage.database import DATABASE_NAME, open_database
from wellbeing_app.storage.tracking_store import SpanWriter

SCENARIOS = ("default", "all-apps")
FIRST_DAY = date(2025, 11, 21)  # a year up to the day before 2026-11-21, the benchmark date


@dataclass
class YearStats:
    scenario: str
    days: int
    samples: int
    focus_changes: int  # what a window watcher like ActivityWatch would store as events
    rows: int
    seconds: float


def build_year(
    data_dir: Path,
    scenario: str = "default",
    *,
    days: int = 365,
    first_day: date = FIRST_DAY,
    changes_per_day: float = 825.0,
    seed: int = 11,
) -> YearStats:
    """Fills ``data_dir`` (must hold no database yet) with ``days`` days of tracking."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    if (data_dir / DATABASE_NAME).exists():
        raise FileExistsError(f"{data_dir / DATABASE_NAME} exists already")
    started = time.perf_counter()
    db = open_database(data_dir)
    try:
        classifier = Classifier(load_catalog())
        everything = scenario == "all-apps"
        tracker = Tracker(
            classifier.classify,
            poll_interval=1.0,
            titles=TitlePolicy("keep" if everything else "reduced"),
            track_all_apps=everything,
        )
        writer = SpanWriter(db)
        add = tracker.add
        samples = changes = 0
        last = None
        for _day, day_samples in year_days(
            first_day, days, changes_per_day=changes_per_day, seed=seed
        ):
            for sample in day_samples:
                add(sample)
                if sample.window is not last:
                    changes += 1
                    last = sample.window
                samples += 1
            writer.commit(tracker.take_spans(), None, tracker.take_active_seconds())
        tracker.stop()
        writer.commit(tracker.take_spans(), None, tracker.take_active_seconds())
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = db.execute("SELECT count(*) FROM usage_spans").fetchone()[0]
    finally:
        db.close()
    return YearStats(scenario, days, samples, changes, rows, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a new, empty folder")
    parser.add_argument("--scenario", choices=SCENARIOS, default="default")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--changes-per-day", type=float, default=825.0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    stats = build_year(
        args.data_dir,
        args.scenario,
        days=args.days,
        changes_per_day=args.changes_per_day,
        seed=args.seed,
    )
    size = (args.data_dir / DATABASE_NAME).stat().st_size
    print(
        f"{stats.scenario}: {stats.days} days, {stats.samples:,} samples, "
        f"{stats.focus_changes:,} focus changes, {stats.rows:,} span rows, "
        f"{size / 1e6:.1f} MB, built in {stats.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
