"""Fuzzing the ActivityWatch and Daylio importers through the command line.

Files are generated with structure: a plausible export (buckets of window, AFK and web events;
a Daylio CSV with its header) whose parts are often swapped for hostile ones -- wrong types,
huge or endless numbers, NaN, far or impossible dates, odd UTC offsets, lone surrogates,
missing keys, deep nesting, over-long integers, cut-off files and other encodings. Whatever
the file, ``wellbeing import ...`` ends with exit 0, or exit 2 and one sentence on stderr
(never exit 1, "unexpected error"), and on exit 2 the database is exactly as before.

The normal test run tries a few dozen files per importer; ``WELLBEING_FUZZ_EXAMPLES=5000``
tries that many (the same variable the command-line fuzz suite reads).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz.harness import Outcome, fuzz, run

FUZZ = fuzz(brief=25)


def snapshot(data_dir: Path) -> dict[str, list[str]]:
    """Every row of every table (the full-text index's own tables aside)."""
    conn = sqlite3.connect(f"{(data_dir / 'wellbeing.db').as_uri()}?mode=ro", uri=True)
    try:
        names = [
            n
            for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if "_fts" not in n
        ]
        return {
            name: sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))
            for name in names
        }
    finally:
        conn.close()


def check(data_dir: Path, argv: Sequence[str], described: str) -> Outcome:
    """Runs an import; exit 0, or exit 2 with one sentence and nothing changed."""
    before = snapshot(data_dir)
    outcome = run([*argv, "--data-dir", str(data_dir)])
    event(f"exit {outcome.code}")  # the split shows with --hypothesis-show-statistics
    assert outcome.code in (0, 2), (described, outcome.err)
    if outcome.code == 2:
        assert outcome.err.startswith("wellbeing: "), (described, outcome.err)
        assert outcome.err.count("\n") == 1, (described, outcome.err)
        assert snapshot(data_dir) == before, described
    return outcome


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    """One data folder for all examples of a test, holding data from the start, so that "no
    partial writes" is checked against a database with something in it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        seed = Path(tmp) / "seed.json"
        seed.write_text(json.dumps(_valid_export()), encoding="utf-8")
        assert run(["import", "activitywatch", str(seed), "--data-dir", str(folder)]).code == 0
        daylio = Path(tmp) / "seed.csv"
        daylio.write_text(HEADER + "2024-03-14,March 14,Thursday,08:00,good,walk,,hi\n")
        assert run(["import", "daylio", str(daylio), "--data-dir", str(folder)]).code == 0
        yield folder


@pytest.fixture(scope="module")
def files() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


# ------------------------------------------------------------------------------ hostile values

# JSON number literals Python cannot write itself: replaced into the text after json.dumps.
RAW_NUMBERS = ("1" + "0" * 400, "9" * 5000, "1e400", "-1e400", "1e-400", "-0", "0.0e999")


@dataclass(frozen=True, slots=True)
class Raw:
    literal: str


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([Raw(n) for n in RAW_NUMBERS]),
    st.text(max_size=12),
    st.sampled_from(["", " ", "NaN", "1e999", "\ud800", "\x00", "2024-02-30T00:00:00Z"]),
    ANY_JSON,
)
# Text with lone surrogates, NUL, right-to-left marks and the like.
ODD_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=20) | st.sampled_from(
    ["\ud800", "a\udfffb", "\x00", "\u202e", "Discord", "r/python"]
)


Pick = Callable[[st.SearchStrategy[Any], st.SearchStrategy[Any]], Any]
# How often a field is swapped for a hostile value, per file: a good share of files are whole,
# so the import itself (and a second import on top of the first) is fuzzed too.
RATES = st.sampled_from([0, 0, 0, 1, 3, 10, 30])


def picker(draw: st.DrawFn, rate: int) -> Pick:
    def pick(valid: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> Any:
        if rate and draw(st.integers(0, 99)) < rate:
            return draw(hostile)
        return draw(valid)

    return pick


def _stamp(moment: datetime, offset_minutes: int | None) -> str:
    if offset_minutes is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    zone = timezone(timedelta(minutes=offset_minutes))
    return moment.replace(tzinfo=zone).isoformat()


TIMESTAMPS = st.builds(
    _stamp,
    st.datetimes(datetime(2024, 3, 1), datetime(2024, 3, 3)),
    st.none() | st.none() | st.integers(min_value=-12 * 60, max_value=14 * 60),
)
ODD_TIMESTAMPS = st.builds(
    _stamp,
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30)),
    st.none() | st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59),
)
DURATIONS = st.one_of(
    st.floats(min_value=0, max_value=7200), st.integers(min_value=0, max_value=7200)
)
APPS = st.sampled_from(["Discord", "firefox", "slack", "code", "Google-chrome", "zoom"])
TITLES = st.sampled_from(["general", "r/python — Mozilla Firefox", "Home / X", "main.py", ""])


def an_event(draw: st.DrawFn, pick: Pick, kind: str) -> Any:
    if kind == "currentwindow":
        data: dict[str, Any] = {"app": pick(APPS, ODD_TEXT), "title": pick(TITLES, ODD_TEXT)}
    elif kind == "afkstatus":
        data = {"status": pick(st.sampled_from(["afk", "not-afk", "not-afk"]), HOSTILE)}
    else:
        data = {
            "url": pick(st.just("https://www.reddit.com/r/python/"), ODD_TEXT),
            "title": pick(TITLES, ODD_TEXT),
            "audible": pick(st.booleans(), HOSTILE),
            "incognito": pick(st.booleans(), HOSTILE),
        }
    drawn = {
        "timestamp": pick(TIMESTAMPS, HOSTILE | ODD_TIMESTAMPS),
        "duration": pick(DURATIONS, HOSTILE),
        "data": pick(st.just(data), HOSTILE),
    }
    if pick(st.just(False), st.just(True)):  # a key missing
        del drawn[draw(st.sampled_from(sorted(drawn)))]
    return drawn


KINDS = {"currentwindow": "aw-watcher-window", "afkstatus": "aw-watcher-afk"}


def bucket(draw: st.DrawFn, pick: Pick) -> tuple[str, Any]:
    kind = draw(st.sampled_from(["currentwindow", "currentwindow", "afkstatus", "web.tab.current"]))
    host = pick(st.sampled_from(["laptop", "laptop", "desktop", "unknown"]), ODD_TEXT)
    watcher = KINDS.get(kind, "aw-watcher-web-" + draw(st.sampled_from(["firefox", "chrome"])))
    count = draw(st.integers(0, 6))
    found = {
        "id": f"{watcher}_{host}",
        "type": pick(st.just(kind), HOSTILE),
        "client": watcher,
        "hostname": host,
        "created": "2024-01-01T00:00:00+00:00",
        "events": pick(st.just([an_event(draw, pick, kind) for _ in range(count)]), HOSTILE),
    }
    return pick(st.just(f"{watcher}_{host}"), ODD_TEXT), found


def _valid_export() -> dict[str, Any]:
    event = {
        "timestamp": "2024-03-01T09:00:00Z",
        "duration": 600,
        "data": {"app": "Discord", "title": "general"},
    }
    bucket = {"type": "currentwindow", "hostname": "laptop", "events": [event]}
    return {"buckets": {"aw-watcher-window_laptop": bucket}}


def _dumps(value: Any) -> str:
    """JSON text, with NaN/Infinity as Python writes them and Raw numbers put in verbatim."""
    raws: list[str] = []

    def swap(item: Any) -> Any:
        if isinstance(item, Raw):
            raws.append(item.literal)
            return f"@@raw{len(raws) - 1}@@"
        if isinstance(item, dict):
            return {key: swap(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [swap(inner) for inner in item]
        return item

    text = json.dumps(swap(value))
    for index, literal in enumerate(raws):
        text = text.replace(f'"@@raw{index}@@"', literal)
    return text


@st.composite
def activitywatch_files(draw: st.DrawFn) -> bytes:
    pick = picker(draw, draw(RATES))
    shape = draw(st.sampled_from(["export"] * 12 + ["deep", "not an object", "no buckets"]))
    if shape == "deep":
        depth = draw(st.sampled_from([50, 5_000, 200_000]))
        text = '{"buckets": {"b": {"type": "currentwindow", "events": [' + "[" * depth
        text += "]" * depth + "]}}}"
    elif shape == "not an object":
        text = _dumps(draw(HOSTILE))
    else:
        count = draw(st.integers(0 if shape == "no buckets" else 1, 4))
        found = dict(bucket(draw, pick) for _ in range(count))
        text = _dumps({"buckets": found} if shape == "export" else found)
    return draw(encodings(text))


@st.composite
def encodings(draw: st.DrawFn, text: str) -> bytes:
    """The text as UTF-8 mostly, else cut short, in another encoding, or with bytes added."""
    how = draw(st.sampled_from(["utf-8"] * 15 + ["bom", "utf-16", "latin-1", "cut", "junk"]))
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how in ("utf-16", "latin-1"):
        return text.encode(how, "replace")
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate: not UTF-8 at all
    if how == "cut":
        return data[: draw(st.integers(min_value=0, max_value=len(data)))]
    if how == "junk":
        at = draw(st.integers(min_value=0, max_value=len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


# ------------------------------------------------------------------------------- Daylio rows

HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
COLUMNS = ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title")
DAYS = st.dates(datetime(2023, 1, 1).date(), datetime(2025, 12, 31).date()).map(str)
ODD_DAYS = st.sampled_from(
    ["0001-01-01", "9999-12-31", "1999-12-31", "2200-01-01", "2024-02-30", "", "yesterday"]
) | st.dates().map(str)
TIMES = st.builds(
    lambda h, m, style: (
        f"{h:02d}:{m:02d}" if style == "24" else f"{(h % 12) or 12}:{m:02d} {style}"
    ),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["24", "am", "pm", "AM", "p.m."]),
)
ODD_TIMES = st.sampled_from(["25:00", "0:30 am", "13:10 pm", "", "noon", "1" * 5000 + ":10"])
MOODS = st.sampled_from(["rad", "good", "meh", "bad", "awful", "Good ", "superb", "okay"])
NOTES = st.text(max_size=40) | st.sampled_from(
    ["Nice <br>evening", "a &amp; b", "<b>bold</b>", "x" * 10_001, "two\nlines", '"quoted"']
)


@st.composite
def daylio_files(draw: st.DrawFn) -> bytes:
    pick = picker(draw, draw(RATES))
    header = list(draw(st.permutations(COLUMNS)))
    header = pick(st.just([*header, "note"]), st.sampled_from([header, header[:-2]]))
    if draw(st.integers(0, 9)) == 0:
        header = [name.upper() if draw(st.booleans()) else f" {name} " for name in header]
    values = {
        "full_date": (DAYS, ODD_DAYS | ODD_TEXT),
        "date": (st.just("March 14"), ODD_TEXT),
        "weekday": (st.just("Thursday"), ODD_TEXT),
        "time": (TIMES, ODD_TIMES | ODD_TEXT),
        "mood": (MOODS, ODD_TEXT),
        "activities": (
            st.lists(st.sampled_from(["walk", "family", "reading", "Walk"]), max_size=4).map(
                " | ".join
            ),
            ODD_TEXT | st.just("x" * 61),
        ),
        "scales": (st.just(""), ODD_TEXT),
        "note_title": (st.just(""), NOTES),
        "note": (NOTES, ODD_TEXT),
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    for _ in range(draw(st.integers(0, 6))):
        row = [pick(*values[name.strip().lower()]) for name in header]
        row += pick(st.just([]), st.sampled_from([["extra"], [""]]))
        writer.writerow(row[: pick(st.just(99), st.just(3))])
    text = out.getvalue()
    if pick(st.just(False), st.just(True)):
        text += '"never closed\n'
    return draw(encodings(text))


MAPS = st.lists(
    st.sampled_from(["superb=5", "superb=5", "good=1", "superb=9", "=3", "x", "a=" + "1" * 5000]),
    max_size=2,
)


# ------------------------------------------------------------------------------------- tests


@FUZZ
@given(content=activitywatch_files())
def test_fuzzed_activitywatch_files_exit_0_or_2_and_write_nothing_when_refused(
    content: bytes, data_dir: Path, files: Path
) -> None:
    path = files / "aw-export.json"
    path.write_bytes(content)
    check(data_dir, ["import", "activitywatch", str(path)], repr(content[:300]))


@FUZZ
@given(content=daylio_files(), maps=MAPS)
def test_fuzzed_daylio_files_exit_0_or_2_and_write_nothing_when_refused(
    content: bytes, maps: list[str], data_dir: Path, files: Path
) -> None:
    path = files / "daylio.csv"
    path.write_bytes(content)
    argv = ["import", "daylio", str(path), *(arg for m in maps for arg in ("--map", m))]
    check(data_dir, argv, repr((content[:300], maps)))
