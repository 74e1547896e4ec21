"""How long an ActivityWatch import holds the database's write lock, and whether short writes
(``wellbeing mood add``) get through while it runs.

A synthetic export shaped like a long-running ActivityWatch (``aw_export``: the ~200 windows of
``synthetic.py`` with their popularity skew, focus changing every 5-60 s, sessions of 1-4 hours,
an AFK bucket that is "not-afk" through each session with a few walks away) is written to a
temporary folder and imported with ``wellbeing import activitywatch`` into a fresh database
opened with ``open_database``, the way the command does it. Meanwhile two other connections
watch the lock:

* a *prober* tries ``BEGIN IMMEDIATE`` with no busy timeout in a loop (rolling back at once);
  the longest stretch in which it could not get the lock is the longest time the import held
  the write lock (resolution: one probe, well under a millisecond);
* a *writer* adds a mood entry every 20 ms as ``wellbeing mood add`` does (a new connection,
  the app's busy timeout); every "database is locked" is counted, with the longest wait.

    /work/venv/bin/python benchmarks/bench_import_lock.py [--events 600000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from synthetic import windows

from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.storage.database import database_path, open_database
from wellbeing_app.storage.repositories import open_repositories


def _stamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).isoformat()


def aw_export(
    events: int, *, seed: int = 5, start: float = 1_700_000_000.0, host: str = "laptop"
) -> dict[str, Any]:
    """An "Export all buckets as JSON" with ``events`` window events and matching AFK data."""
    rng = random.Random(seed)
    pool = windows()
    population = list(pool.windows)
    weights = list(pool.weights)
    window_events: list[dict[str, Any]] = []
    afk_events: list[dict[str, Any]] = []
    at = start
    while len(window_events) < events:
        session_start = at
        for _ in range(rng.randint(110, 440)):
            if len(window_events) >= events:
                break
            window = rng.choices(population, weights)[0]
            dwell = rng.randint(5, 60)
            window_events.append(
                {
                    "timestamp": _stamp(at),
                    "duration": float(dwell),
                    "data": {"app": window.app, "title": window.title},
                }
            )
            if rng.random() < 0.004:  # walked away for a while, the window left in front
                away = rng.randint(180, 1800)
                afk_events.append(
                    {
                        "timestamp": _stamp(session_start),
                        "duration": at + dwell - session_start,
                        "data": {"status": "not-afk"},
                    }
                )
                afk_events.append(
                    {"timestamp": _stamp(at + dwell), "duration": away, "data": {"status": "afk"}}
                )
                window_events[-1]["duration"] = float(dwell + away)
                at += away
                session_start = at + dwell
            at += dwell
        afk_events.append(
            {
                "timestamp": _stamp(session_start),
                "duration": at - session_start,
                "data": {"status": "not-afk"},
            }
        )
        at += rng.randint(1800, 12 * 3600)

    def bucket(kind: str, client: str, bucket_events: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": f"{client}_{host}",
            "created": _stamp(start),
            "type": kind,
            "client": client,
            "hostname": host,
            "data": {},
            "events": bucket_events,
        }

    return {
        "buckets": {
            f"aw-watcher-window_{host}": bucket(
                "currentwindow", "aw-watcher-window", window_events
            ),
            f"aw-watcher-afk_{host}": bucket("afkstatus", "aw-watcher-afk", afk_events),
        }
    }


@dataclass
class Watch:
    """What the two watching connections saw."""

    longest_hold: float = 0.0
    probes: int = 0
    writes: int = 0
    locked: int = 0
    longest_write: float = 0.0
    errors: list[str] = field(default_factory=list)


def _probe(path: Path, stop: threading.Event, watch: Watch) -> None:
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 0")
    held_since: float | None = None
    while not stop.is_set():
        watch.probes += 1
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            if held_since is None:
                held_since = time.perf_counter()
            continue
        finally:
            time.sleep(0.0002)  # leave the cores to the import
        if held_since is not None:
            watch.longest_hold = max(watch.longest_hold, time.perf_counter() - held_since)
            held_since = None
    conn.close()


def _write(folder: Path, stop: threading.Event, watch: Watch) -> None:
    """``wellbeing mood add`` every 20 ms, each as the command does it: a new connection
    (its full-text index not yet loaded), the app's own write path and busy timeout."""
    while not stop.wait(0.02):
        began = time.perf_counter()
        repos = open_repositories(folder)
        try:
            repos.moods.add(new_mood_entry(datetime.now(UTC), 3))
            watch.writes += 1
        except (WellbeingError, sqlite3.OperationalError) as error:
            watch.locked += 1
            watch.errors.append(str(error))
        finally:
            repos.close()
        watch.longest_write = max(watch.longest_write, time.perf_counter() - began)


def run_once(export_path: Path, folder: Path, watch_lock: bool) -> tuple[float, Watch, str]:
    open_database(folder).close()  # migrated before the watchers connect
    watch = Watch()
    stop = threading.Event()
    threads = [
        threading.Thread(target=_probe, args=(database_path(folder), stop, watch)),
        threading.Thread(target=_write, args=(folder, stop, watch)),
    ]
    if watch_lock:
        for thread in threads:
            thread.start()
    began = time.perf_counter()
    # Another process, as in real use (and so the watchers never wait for this one's GIL).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wellbeing_app",
            "import",
            "activitywatch",
            str(export_path),
            "--data-dir",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - began
    stop.set()
    for thread in threads:
        if thread.is_alive():
            thread.join()
    return took, watch, f"exit {done.returncode}: {(done.stdout + done.stderr).strip()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=600_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-watch", action="store_true", help="time the import alone")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        full, half = Path(tmp) / "aw-export.json", Path(tmp) / "aw-export-older.json"
        began = time.perf_counter()
        export = aw_export(args.events)
        full.write_text(json.dumps(export), encoding="utf-8")
        window = next(iter(export["buckets"].values()))
        window["events"] = window["events"][: args.events // 2]
        window["events"][-1]["duration"] = 1.0  # the running event, shorter then
        half.write_text(json.dumps(export), encoding="utf-8")
        size = full.stat().st_size / 1e6
        print(
            f"export: {args.events:,} window events, {size:.0f} MB, made in "
            f"{time.perf_counter() - began:.1f} s"
        )
        for index in range(args.repeat):
            runs = [  # (label, folder, file, watched)
                ("fresh", f"a{index}", full, True),
                ("again", f"a{index}", full, True),
                ("older half first (not watched)", f"b{index}", half, False),
                ("newer", f"b{index}", full, True),
            ]
            for label, name, path, watched in runs:
                took, watch, code = run_once(path, Path(tmp) / name, watched and not args.no_watch)
                print(
                    f"{label}: {took:.2f} s ({code}); longest write-lock hold "
                    f"{watch.longest_hold * 1000:.0f} ms over {watch.probes:,} probes; "
                    f"mood adds {watch.writes} ok, {watch.locked} failed, longest "
                    f"{watch.longest_write * 1000:.0f} ms"
                )
                for error in sorted(set(watch.errors)):
                    print(f"   mood add failed: {error}")
                results.append(
                    {
                        "run": label,
                        "seconds": took,
                        "longest_hold_ms": watch.longest_hold * 1000,
                        "writes": watch.writes,
                        "locked": watch.locked,
                        "longest_write_ms": watch.longest_write * 1000,
                    }
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
