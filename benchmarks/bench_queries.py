"""Range queries on one year of tracking data, and the size of that year on disk.

Builds the year with ``gen_year.py`` (real Classifier + Tracker + SpanWriter; scenarios
``default`` and ``all-apps``, see there), checkpoints the WAL, then through the real
``UsageRepository``:

* ``by_app`` for one day (Wednesday 2026-06-17) and one week (Mon 2026-06-15 .. Sun 06-21),
* ``by_week`` over the whole year (and ``by_app`` over the whole year, for comparison),

each timed cold (the database file evicted from the OS page cache with
``posix_fadvise(DONTNEED)`` and a new connection), first-on-a-new-connection (OS cache warm) and
warm (median and best of ``--runs``). Reports the file size, rows, bytes per row, the space per
table and index (``dbstat``), and the ``EXPLAIN QUERY PLAN`` of each query (a key range of the
``usage_hours`` rollup), and checks every answer against the same totals summed from the spans.

    /work/venv/bin/python benchmarks/bench_queries.py [--scenario both] [--runs 20]
        [--keep DIR]   # build into DIR (or reuse the years already there)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from gen_year import FIRST_DAY, SCENARIOS, build_year

from wellbeing_app.core.days import local_day_range
from wellbeing_app.core.models import AppTotal, DayAppTotal
from wellbeing_app.storage.database import DATABASE_NAME, open_database
from wellbeing_app.storage.usage import UsageRepository

DAY = date(2026, 6, 17)
WEEK = (date(2026, 6, 15), date(2026, 6, 21))
TARGETS_MS = {"day": 5.0, "week": 20.0, "year by week": 150.0}
SIZE_TARGET_MB = 15.0
AW_MS = {"day": 32.0, "week": 236.0, "year by app": 15_000.0}
ROLLUP = "usage_hours"


@dataclass
class Timing:
    name: str
    rows: int
    cold_ms: float
    first_ms: float
    warm_median_ms: float
    warm_best_ms: float
    warm_worst_ms: float
    plan: list[str] = field(default_factory=list)


@dataclass
class ScenarioResult:
    scenario: str
    samples: int
    focus_changes: int
    rows: int
    build_seconds: float
    file_bytes: int
    bytes_per_row: float
    objects: dict[str, int]
    timings: list[Timing]
    checked: list[str] = field(default_factory=list)


def _evict(path: Path) -> bool:
    """Drops the file's pages from the OS page cache; False where that is not possible."""
    if not hasattr(os, "posix_fadvise"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    return True


Query = Callable[[Any], list[Any]]
Repository = Callable[[sqlite_utils.Database], Any]


def _shipped(db: sqlite_utils.Database) -> UsageRepository:
    return UsageRepository(db, 4)


def _queries(last_day: date, repository: Repository) -> dict[str, Query]:
    queries: dict[str, Query] = {
        "day": lambda usage: usage.by_app(DAY, DAY),
        "week": lambda usage: usage.by_app(*WEEK),
    }
    queries["year by week"] = lambda usage: usage.by_week(FIRST_DAY, last_day)
    queries["year by app"] = lambda usage: usage.by_app(FIRST_DAY, last_day)
    return queries


def _plan(db: sqlite_utils.Database, query: Query, repository: Repository) -> list[str]:
    """EXPLAIN QUERY PLAN of the statement(s) the repository method really runs."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        query(repository(db))
    finally:
        db.conn.set_trace_callback(None)
    plan: list[str] = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            plan += [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    return plan


def _time(query: Query, usage: Any) -> float:
    started = time.perf_counter()
    query(usage)
    return (time.perf_counter() - started) * 1000


def measure(
    data_dir: Path, runs: int, last_day: date, repository: Repository = _shipped
) -> tuple[list[Timing], bool]:
    path = data_dir / DATABASE_NAME
    timings: list[Timing] = []
    evicted = False
    for name, query in _queries(last_day, repository).items():
        evicted = _evict(path)
        db = open_database(data_dir)  # a new connection: SQLite's page cache is empty
        try:
            cold = _time(query, repository(db))
        finally:
            db.close()
        db = open_database(data_dir)
        try:
            usage = repository(db)
            first = _time(query, usage)
            rows = len(query(usage))
            warm = [_time(query, usage) for _ in range(runs)]
            plan = _plan(db, query, repository)
        finally:
            db.close()
        timings.append(
            Timing(
                name,
                rows,
                cold,
                first,
                statistics.median(warm),
                min(warm),
                max(warm),
                plan,
            )
        )
    return timings, evicted


def _objects(db: sqlite_utils.Database) -> dict[str, int]:
    try:
        rows = db.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except Exception:  # SQLite built without the dbstat table
        return {}
    return {name: size for name, size in rows}


def run_scenario(scenario: str, folder: Path, runs: int, days: int) -> ScenarioResult:
    data_dir = folder / scenario
    last_day = FIRST_DAY + timedelta(days=days - 1)
    meta = data_dir / "year.json"
    if meta.exists():
        built = json.loads(meta.read_text())
        print(f"[{scenario}] reusing the year in {data_dir}")
    else:
        print(f"[{scenario}] building {days} days in {data_dir} ...", flush=True)
        stats = build_year(data_dir, scenario, days=days)
        built = asdict(stats)
        meta.write_text(json.dumps(built))
    db = open_database(data_dir)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = db.execute("SELECT count(*) FROM usage_spans").fetchone()[0]
        objects = _objects(db)
    finally:
        db.close()
    size = (data_dir / DATABASE_NAME).stat().st_size
    timings, evicted = measure(data_dir, runs, last_day)
    result = ScenarioResult(
        scenario,
        built["samples"],
        built["focus_changes"],
        rows,
        built["seconds"],
        size,
        size / max(rows, 1),
        objects,
        timings,
    )
    _print(result, runs, evicted)
    result.checked = check_answers(data_dir, last_day)
    print(f"  answers equal to the totals summed from the spans: {', '.join(result.checked)}")
    return result


class SpanTotals:
    """The totals summed from the spans themselves (the usage_spans view), as before the
    usage_hours rollup: the reference the rollup's answers are checked against."""

    _RANGE = """
        FROM usage_spans
        WHERE start >= :lo - 50400 AND start < :hi + 50400
          AND start + utc_offset >= :lo AND start + utc_offset < :hi
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def _params(self, first: date, last: date) -> dict[str, float]:
        lo, hi = local_day_range(first, last, 4)
        return {"lo": lo, "hi": hi, "dsh": 4 * 3600}

    def by_app(self, first: date, last: date) -> list[AppTotal]:
        rows = self._db.execute(
            "SELECT app, category, sum(end - start)" + self._RANGE + " GROUP BY app, category",
            self._params(first, last),
        ).fetchall()
        return [AppTotal(*row) for row in rows]

    def by_week(self, first: date, last: date) -> list[DayAppTotal]:
        rows = self._db.execute(
            "SELECT date(start + utc_offset - :dsh, 'unixepoch', '-6 days', 'weekday 1'),"
            " app, category, sum(end - start)" + self._RANGE + " GROUP BY 1, 2, 3",
            self._params(first, last),
        ).fetchall()
        return [DayAppTotal(date.fromisoformat(w), a, c, s) for w, a, c, s in rows]


def check_answers(data_dir: Path, last_day: date) -> list[str]:
    """Every query's answer from the rollup equals the one summed from the spans (to 1 ms)."""
    db = open_database(data_dir)
    try:
        shipped, reference = _shipped(db), SpanTotals(db)
        checked = []
        for name, query in _queries(last_day, _shipped).items():
            if not _same(query(shipped), query(reference)):
                raise AssertionError(f"usage_hours answers {name} differently from the spans")
            checked.append(name)
        return checked
    finally:
        db.close()


def _same(a: list[Any], b: list[Any]) -> bool:
    """Same rows; seconds equal to 1 ms (sums in another order round differently)."""
    if len(a) != len(b):
        return False
    key = lambda row: tuple(v for k, v in asdict(row).items() if k != "seconds")  # noqa: E731
    left, right = sorted(a, key=key), sorted(b, key=key)
    return all(
        key(x) == key(y) and abs(x.seconds - y.seconds) < 1e-3
        for x, y in zip(left, right, strict=True)
    )


def _print(result: ScenarioResult, runs: int, evicted: bool) -> None:
    print(
        f"[{result.scenario}] {result.samples:,} samples, {result.focus_changes:,} focus changes "
        f"(= ActivityWatch window events), {result.rows:,} span rows, built in "
        f"{result.build_seconds:.0f} s"
    )
    mb = result.file_bytes / 2**20
    verdict = "PASS" if mb < SIZE_TARGET_MB else "FAIL"
    print(
        f"  file after wal_checkpoint(TRUNCATE): {result.file_bytes:,} bytes = {mb:.1f} MiB "
        f"({result.file_bytes / 1e6:.1f} MB), {result.bytes_per_row:.0f} bytes/row "
        f"-> size < {SIZE_TARGET_MB:.0f} MB: {verdict}"
    )
    if result.objects:
        parts = ", ".join(
            f"{name} {size / 2**20:.2f}"
            for name, size in result.objects.items()
            if size >= 64 * 1024
        )
        print(f"  MiB by table/index: {parts}")
    cold = "cold (file evicted from OS cache)" if evicted else "cold (OS cache NOT evicted)"
    print(f"  query timings in ms: {cold} | first on new connection | warm median/best of {runs}")
    for t in result.timings:
        target = TARGETS_MS.get(t.name)
        verdict = (
            ""
            if target is None
            else (f" target < {target:g} ms: {'PASS' if t.warm_median_ms < target else 'FAIL'}")
        )
        print(
            f"  {t.name:<13} {t.rows:>5} rows  {t.cold_ms:8.2f} | {t.first_ms:8.2f} | "
            f"{t.warm_median_ms:8.2f} / {t.warm_best_ms:8.2f} (worst {t.warm_worst_ms:.2f})"
            f"{verdict}"
        )
        print(f"      plan ({_index_note(t.plan)}): {' ; '.join(t.plan)}")


def _index_note(plan: list[str]) -> str:
    if any(f"{ROLLUP} USING PRIMARY KEY" in line for line in plan):
        return f"a range of the {ROLLUP} rollup's primary key"
    return f"DOES NOT search {ROLLUP} by its key"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=(*SCENARIOS, "both"), default="both")
    parser.add_argument("--runs", type=int, default=20, help="warm runs per query (>= 20)")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", type=Path, help="build the years here and keep them")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    scenarios = SCENARIOS if args.scenario == "both" else (args.scenario,)
    with tempfile.TemporaryDirectory(prefix="wellbeing-year-") as tmp:
        folder = args.keep or Path(tmp)
        results = [run_scenario(s, folder, args.runs, args.days) for s in scenarios]
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
