"""Throughput of the tracking pipeline: classify + merge + store, samples per second.

A synthetic stream shaped like real use (see ``synthetic.py``: ~200 distinct windows incl.
browser tabs, focus changing every 5-60 samples, idle stretches, session gaps) goes through the
real ``Classifier`` (shipped catalog), the real ``Tracker`` (default settings) and the real
``SpanWriter``, committing every 5 s of *sample* time into a real on-disk database opened with
``open_database`` in a temporary folder -- exactly what ``Sampler.tick``/``Sampler.commit`` do,
minus the probes and the clock.

Reported: end to end (best and median of ``--repeat`` runs, each on a fresh database), and split
by stage: classify alone (every sample through ``Classifier.classify``), merge alone (``Tracker``
plus taking spans/checkpoints at each commit point), store alone (``SpanWriter.commit`` replaying
the recorded commit payloads).

    /work/venv/bin/python benchmarks/bench_throughput.py [--samples 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils
from synthetic import sample_stream, windows

from wellbeing_app.app import load_catalog
from wellbeing_app.core.classifier import Catalog, Classifier
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.core.tracking import Sample, Tracker
from wellbeing_app.storage.database import open_database
from wellbeing_app.storage.tracking_store import PauseStore, SpanWriter

COMMIT_INTERVAL = 5.0  # the default commit_interval_seconds

Payload = tuple[list[UsageSpan], UsageSpan | None, list[tuple[date, float]]]


@dataclass
class Run:
    seconds: float
    commits: int
    rows: int


def _open(folder: Path, synchronous: str | None) -> sqlite_utils.Database:
    db = open_database(folder)
    if synchronous is not None:  # prototype of a proposed production change, off by default
        db.execute(f"PRAGMA synchronous = {synchronous}")
    return db


def _tracker(classifier: Classifier) -> Tracker:
    return Tracker(classifier.classify, poll_interval=1.0)


def end_to_end(
    samples: list[Sample],
    catalog: Catalog,
    folder: Path,
    *,
    synchronous: str | None,
    pause_check: bool,
) -> Run:
    """Classify + merge + store, as ``Sampler.tick`` does it, on a fresh database."""
    db = _open(folder, synchronous)
    try:
        classifier = Classifier(catalog)
        tracker = _tracker(classifier)
        writer = SpanWriter(db)
        pause = PauseStore(db)
        add = tracker.add
        last_commit: float | None = None
        gc.collect()
        started = time.perf_counter()
        for sample in samples:
            add(sample)
            at = sample.at
            if last_commit is None:
                last_commit = at
            elif at - last_commit >= COMMIT_INTERVAL or at < last_commit:
                writer.commit(
                    tracker.take_spans(), tracker.checkpoint(), tracker.take_active_seconds()
                )
                if pause_check:
                    pause.paused_until()
                last_commit = at
        tracker.stop()
        writer.commit(tracker.take_spans(), tracker.checkpoint(), tracker.take_active_seconds())
        elapsed = time.perf_counter() - started
        rows = db.execute("SELECT count(*) FROM usage_spans").fetchone()[0]
        return Run(elapsed, writer.commits, rows)
    finally:
        db.close()


def stage_classify(samples: list[Sample], catalog: Catalog) -> float:
    """Every sample through ``Classifier.classify`` (its own LRU cache, cold at the start)."""
    classify = Classifier(catalog).classify
    pairs = [(s.window.app, s.window.title) for s in samples if s.window is not None]
    gc.collect()
    started = time.perf_counter()
    for app, title in pairs:
        classify(app, title)
    return time.perf_counter() - started


def stage_merge(samples: list[Sample], catalog: Catalog) -> tuple[float, list[Payload]]:
    """``Tracker`` alone (classifying on its key-cache misses), taking what each commit takes."""
    tracker = _tracker(Classifier(catalog))
    add = tracker.add
    payloads: list[Payload] = []
    last_commit: float | None = None
    gc.collect()
    started = time.perf_counter()
    for sample in samples:
        add(sample)
        at = sample.at
        if last_commit is None:
            last_commit = at
        elif at - last_commit >= COMMIT_INTERVAL or at < last_commit:
            payloads.append(
                (tracker.take_spans(), tracker.checkpoint(), tracker.take_active_seconds())
            )
            last_commit = at
    tracker.stop()
    payloads.append((tracker.take_spans(), tracker.checkpoint(), tracker.take_active_seconds()))
    return time.perf_counter() - started, payloads


def stage_store(payloads: list[Payload], folder: Path, synchronous: str | None) -> float:
    """``SpanWriter.commit`` replaying the recorded commits on a fresh database."""
    db = _open(folder, synchronous)
    try:
        writer = SpanWriter(db)
        commit = writer.commit
        gc.collect()
        started = time.perf_counter()
        for closed, open_span, active in payloads:
            commit(closed, open_span, active)
        return time.perf_counter() - started
    finally:
        db.close()


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} samples/s  ({seconds * 1e6 / count:.2f} µs/sample)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=1_000_000, help="stream length")
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs")
    parser.add_argument("--stage-repeat", type=int, default=2, help="runs of each stage")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--synchronous",
        choices=("off", "normal", "full"),
        default=None,
        help="override PRAGMA synchronous after open_database (prototype; default: as shipped)",
    )
    parser.add_argument(
        "--pause-check",
        action="store_true",
        help="also read PauseStore.paused_until() at every commit, as Sampler.commit does",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    catalog = load_catalog()
    started = time.perf_counter()
    samples = list(sample_stream(args.samples, seed=args.seed))
    made = time.perf_counter() - started
    pool = windows()
    distinct = len({(s.window.app, s.window.title) for s in samples if s.window})
    community = sum(
        1 for s in samples if s.window is not None and s.window.pid - 1000 in pool.community
    )
    away = sum(1 for s in samples if s.idle_seconds is not None and s.idle_seconds >= 180)
    span_hours = (samples[-1].at - samples[0].at) / 3600
    print(
        f"stream: {len(samples):,} samples ({made:.1f} s to make), {distinct} distinct windows, "
        f"{community / len(samples):.0%} in community windows, {away / len(samples):.1%} away, "
        f"covering {span_hours / 24:.1f} days of wall time"
    )

    results: dict[str, object] = {"samples": len(samples), "distinct_windows": distinct}
    with tempfile.TemporaryDirectory(prefix="wellbeing-bench-") as tmp:
        probe = _open(Path(tmp) / "probe", args.synchronous)
        mode = probe.execute("PRAGMA journal_mode").fetchone()[0]
        sync = probe.execute("PRAGMA synchronous").fetchone()[0]
        probe.close()
        print(f"database: journal_mode={mode}, synchronous={sync} (0 off, 1 normal, 2 full)")
        results["synchronous"] = sync

        runs: list[Run] = []
        for i in range(args.repeat):
            runs.append(
                end_to_end(
                    samples,
                    catalog,
                    Path(tmp) / f"e2e{i}",
                    synchronous=args.synchronous,
                    pause_check=args.pause_check,
                )
            )
        times = [r.seconds for r in runs]
        print(
            f"end to end ({runs[0].commits:,} commits, {runs[0].rows:,} span rows): "
            f"best {_rate(len(samples), min(times))}"
        )
        print(f"{'':>28}median {_rate(len(samples), statistics.median(times))}")
        print(f"{'':>28}runs: {', '.join(f'{t:.2f} s' for t in times)}")

        classify = [stage_classify(samples, catalog) for _ in range(args.stage_repeat)]
        merges = [stage_merge(samples, catalog) for _ in range(args.stage_repeat)]
        payloads = merges[0][1]
        merge = [m[0] for m in merges]
        del merges
        store = [
            stage_store(payloads, Path(tmp) / f"store{i}", args.synchronous)
            for i in range(args.stage_repeat)
        ]
        print("by stage (best / median):")
        for name, values in (
            ("classify (Classifier only)", classify),
            ("merge (Tracker incl. its classify)", merge),
            ("store (SpanWriter.commit)", store),
        ):
            print(
                f"  {name:<36} {min(values):6.2f} s / {statistics.median(values):6.2f} s"
                f"   {_rate(len(samples), min(values))}"
            )
        per_commit = min(store) / len(payloads) * 1e6
        print(f"  store per commit: {per_commit:.1f} µs over {len(payloads):,} commits")
        results.update(
            end_to_end_seconds=times,
            end_to_end_best_per_s=len(samples) / min(times),
            end_to_end_median_per_s=len(samples) / statistics.median(times),
            commits=runs[0].commits,
            rows=runs[0].rows,
            classify_seconds=classify,
            merge_seconds=merge,
            store_seconds=store,
            store_us_per_commit=per_commit,
        )
    target = 100_000
    best = len(samples) / min(times)
    median = len(samples) / statistics.median(times)
    verdict = "PASS" if median >= target else "FAIL"
    print(f"target >= {target:,} samples/s end to end: {verdict} (median {median:,.0f}/s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if best >= target else 1


if __name__ == "__main__":
    sys.exit(main())
