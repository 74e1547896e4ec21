"""The therapist report end to end: gather + build + write, on sample data of 90 and 365 days.

Fills a private data folder per length with ``fill_demo`` (not timed), then for each run:

* **gather**: ``report_input.gather`` over the whole length, through the real repositories;
* **build**: ``build_report``, i.e. every section's text and every chart drawn to PNG (Agg);
* **write**: ``write_pdf``, i.e. QTextDocument layout, pagination and QPdfWriter, temp + rename.

Each length is measured with the default options and with everything included (all sections,
notes, gratitude text, the calendar: the largest document). The first run in a process pays
for imports and font caches, so it is reported apart ("first") from the median and best of the
rest. Targets: a 90-day report under 3 s and a 365-day report under 8 s, end to end.

    /work/venv/bin/python benchmarks/bench_report.py [--days 90 365] [--runs 5]
        [--keep DIR]   # fill into DIR (or reuse the folders already there)
        [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wellbeing_app.app import fill_demo
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.days import day_of_datetime
from wellbeing_app.report_input import gather
from wellbeing_app.reporting.report import SECTIONS, ReportOptions, build_report, write_pdf
from wellbeing_app.storage.repositories import open_repositories

NOW = datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1)))
TARGETS_S = {90: 3.0, 365: 8.0}


@dataclass
class Run:
    gather: float
    build: float
    write: float

    @property
    def total(self) -> float:
        return self.gather + self.build + self.write


@dataclass
class Result:
    days: int
    variant: str
    first: Run
    median: dict[str, float]
    best: dict[str, float]
    pages: int | None
    size_kb: float
    target_s: float | None


def _options(days: int, variant: str) -> ReportOptions:
    last = day_of_datetime(NOW, 4)
    first = last - timedelta(days=days - 1)
    if variant == "default":
        return ReportOptions(first, last)
    return ReportOptions(
        first,
        last,
        sections=frozenset(SECTIONS),
        include_notes=True,
        include_gratitude_text=True,
        questions=("What should we look at first?",),
    )


def _pages(path: Path) -> int | None:
    if shutil.which("pdfinfo") is None:
        return None
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def measure(folder: Path, days: int, variant: str, runs: int, out_dir: Path) -> Result:
    options = _options(days, variant)
    timings = []
    path = out_dir / f"report-{days}-{variant}.pdf"
    for _ in range(runs):
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        repos = open_repositories(folder)
        try:
            data = gather(repos, options.first, options.last, now=NOW)
        finally:
            repos.close()
        gathered = time.perf_counter()
        report = build_report(data, options)
        built = time.perf_counter()
        write_pdf(report, path)
        written = time.perf_counter()
        timings.append(Run(gathered - started, built - gathered, written - built))
    rest = timings[1:] or timings

    def summary(pick: object) -> dict[str, float]:
        chooser = statistics.median if pick == "median" else min
        return {
            stage: round(chooser(getattr(run, stage) for run in rest), 3)
            for stage in ("gather", "build", "write", "total")
        }

    return Result(
        days=days,
        variant=variant,
        first=timings[0],
        median=summary("median"),
        best=summary("best"),
        pages=_pages(path),
        size_kb=round(path.stat().st_size / 1024, 1),
        target_s=TARGETS_S.get(days),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, nargs="+", default=[90, 365])
    parser.add_argument("--runs", type=int, default=5, help="runs per length and variant")
    parser.add_argument("--keep", type=Path, help="data folders go here and are reused")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for days in args.days:
            folder = base / f"demo-{days}"
            if not (folder / "wellbeing.db").exists():
                started = time.perf_counter()
                summary = fill_demo(folder, FixedClock(NOW), days=days)
                print(
                    f"filled {days} days in {time.perf_counter() - started:.1f} s: {summary}",
                    file=sys.stderr,
                )
            for variant in ("default", "everything"):
                results.append(measure(folder, days, variant, args.runs, base))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)

    if args.json:
        print(json.dumps([asdict(r) | {"first": asdict(r.first)} for r in results], indent=2))
        return 0
    print(
        f"{'days':>5} {'variant':<11} {'first':>7} {'median':>7} {'best':>7}  "
        f"{'gather':>7} {'build':>7} {'write':>7}  {'pages':>5} {'KiB':>7}  target"
    )
    for r in results:
        verdict = ""
        if r.target_s is not None:
            verdict = f"< {r.target_s:g} s " + (
                "ok" if r.median["total"] < r.target_s else "MISSED"
            )
        print(
            f"{r.days:>5} {r.variant:<11} {r.first.total:>6.2f}s {r.median['total']:>6.2f}s"
            f" {r.best['total']:>6.2f}s  {r.median['gather']:>6.3f}s {r.median['build']:>6.2f}s"
            f" {r.median['write']:>6.2f}s  {r.pages or '?':>5} {r.size_kb:>7.0f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
