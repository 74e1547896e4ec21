"""Time in online communities from an ActivityWatch export ("Export all buckets as JSON").

ActivityWatch keeps what its watchers saw; what counted as someone's time is decided at query
time by the web UI's "canonical events" query. This importer follows the same rules, so the
minutes match what ActivityWatch itself shows, and then hands the result to the live tracker's
own :class:`~wellbeing_app.core.tracking.Tracker`, so classification, title redaction,
exclusions, ``track_all_apps`` and the split at local hour boundaries are the tracker's, not
a copy of them.

The rules, per host (ActivityWatch's sources in brackets):

1. Each bucket is *flooded*: gaps of up to 5 s between neighbouring events are filled and
   overlapping events resolved, later event winning [aw-core ``aw_transform/flood.py``; the
   canonical query floods the window, AFK and web buckets].
2. Window time counts only where it intersects a ``not-afk`` period [aw-webui
   ``src/queries.ts`` ``canonicalEvents``: ``events = filter_period_intersect(events,
   not_afk)``; aw-core ``aw_transform/filter_period_intersect.py``]. A window that one of the
   person's rules marks *always active* (a call, a stream) counts while away, like the tracker
   does and like ActivityWatch's ``always_active_pattern`` (``period_union`` into ``not_afk``).
   Audible tabs do not count as active (ActivityWatch's optional ``include_audible``): the live
   tracker cannot hear either, and an always-active rule says it explicitly.
3. A web-watcher event counts only while that browser's window is the focused window
   [``browserEvents`` in the same file: ``filter_period_intersect(events_<browser>,
   window_<browser>)``, with the browser's app names from ``browser_appnames`` and
   ``browser_appname_regex``]. There its tab title (and URL, for exclusions) replaces the window
   title; browser time no tab event covers keeps the window title. Such a tab is classified by
   its URL's domain first (:meth:`~wellbeing_app.core.classifier.Classifier.classify_page`:
   ``https://i.redd.it/…`` is Reddit whatever the tab's title), then by its title.
4. A host with no AFK bucket has all its window time counted (as the tracker does when no idle
   probe can tell) and is named in :attr:`ActivityWatchImport.hosts_without_afk`.

ActivityWatch stores UTC and discards the local offset [ActivityWatch docs, "Buckets and
Events"], so a UTC timestamp gets this machine's offset at that moment; a timestamp written
with another offset keeps it. Android and iOS screen-time buckets are left out: they have no
window titles and no AFK data, and this app counts time at the computer.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Final, Generic, TypeVar

from wellbeing_app.core.classifier import Classification, Classifier
from wellbeing_app.core.days import (
    FIRST_SUPPORTED_TS,
    LAST_SUPPORTED_DAY,
    LAST_SUPPORTED_TS,
    SUPPORTED_RANGE_TEXT,
)
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.core.patterns import UserPattern
from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.core.settings import Settings
from wellbeing_app.core.tracking import Sample, TitlePolicy, Tracker
from wellbeing_app.importers.span_merge import MergePlan, plan_merge, union_periods
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.usage import SpanChanges, StoredSpan

SOURCE: Final = "activitywatch"
WINDOW_TYPE: Final = "currentwindow"
AFK_TYPE: Final = "afkstatus"
WEB_TYPE: Final = "web.tab.current"
FLOOD_PULSETIME: Final = 5.0  # aw-core flood()'s default, used by the canonical query
_NEGATIVE_GAP_TRIM: Final = 0.1  # aw-core flood(): smaller overlaps are floods, not conflicts
_OFFSETS: Final = (-12 * 3600, 14 * 3600)  # the UTC offsets in use, as storage assumes
_OFFSET_STEP: Final = 900  # UTC offsets change only at whole quarter hours
_PHONE_BUCKETS: Final = ("aw-watcher-android", "aw-import-screentime")

# Which window apps are which web bucket's browser: aw-webui src/queries.ts,
# browser_appname_regex and browser_appnames (reverse-domain ids of Flatpak and macOS builds).
_BROWSER_APPS: Final[dict[str, str]] = {
    "chrome": r"^(google[-_ ]?chrome|chrome|chromium|arc(\.exe)?$|dia(\.exe)?$)"
    r"|^(com\.google\.Chrome|com\.google\.ChromeDev|org\.chromium\.Chromium"
    r"|company\.thebrowser\.dia)$",
    "firefox": r"firefox|librewolf|waterfox|nightly",
    "opera": r"opera",
    "brave": r"brave",
    "edge": r"^(microsoft[-_ ]?edge|msedge)|^com\.microsoft\.Edge(Dev)?$",
    "arc": r"^arc(\.exe)?$",
    "vivaldi": r"vivaldi",
    "orion": r"orion",
    "yandex": r"yandex",
    "zen": r"zen",
    "floorp": r"floorp",
    "helium": r"helium",
}
_BROWSER_PATTERNS: Final = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in _BROWSER_APPS.items()
}


class ActivityWatchError(InvalidInput):
    """The file is not a usable ActivityWatch export; the message says where and why."""


# ----------------------------------------------------------------------------------- the export


@dataclass(frozen=True, slots=True)
class WindowEvent:
    """aw-watcher-window: the focused app and its window title. Times are UTC epoch seconds."""

    start: float
    end: float
    utc_offset: int | None  # the offset written in the timestamp, None for UTC (the norm)
    app: str
    title: str


@dataclass(frozen=True, slots=True)
class AfkEvent:
    """aw-watcher-afk: away (``afk``) or at the computer (``not-afk``)."""

    start: float
    end: float
    utc_offset: int | None
    afk: bool


@dataclass(frozen=True, slots=True)
class TabEvent:
    """aw-watcher-web: the browser's active tab (recorded whether or not the browser is focused)."""

    start: float
    end: float
    utc_offset: int | None
    url: str
    title: str
    audible: bool = False
    incognito: bool = False


E = TypeVar("E", WindowEvent, AfkEvent, TabEvent)


@dataclass(frozen=True, slots=True)
class Bucket(Generic[E]):
    id: str
    hostname: str
    client: str
    events: tuple[E, ...]


@dataclass(frozen=True, slots=True)
class ActivityWatchExport:
    """The buckets this importer reads, validated; ``ignored`` names every other bucket."""

    windows: tuple[Bucket[WindowEvent], ...]
    afk: tuple[Bucket[AfkEvent], ...]
    tabs: tuple[Bucket[TabEvent], ...]
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActivityWatchImport:
    """What an import did. ``first_day``/``last_day`` span every community span in the file,
    new or already imported, so a repeated import still says what the file covers.
    ``seconds_added`` is all the new time, in new spans and in stored ones that grew;
    ``spans_skipped`` counts the file's spans that held no new time."""

    spans_added: int
    spans_skipped: int
    seconds_added: float
    first_day: date | None
    last_day: date | None
    hosts: tuple[str, ...]
    hosts_without_afk: tuple[str, ...] = ()
    spans_extended: int = 0  # stored spans that grew (a running event, later AFK data)


def read_export(text: str) -> ActivityWatchExport:
    """Parses and validates an export; raises :class:`ActivityWatchError` naming the fault.

    Event positions in messages count from 0, as in the bucket's ``events`` list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ActivityWatchError(
            f"The file is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    except ValueError:  # an integer longer than Python reads (sys.get_int_max_str_digits())
        raise ActivityWatchError(
            f"The file holds a number too long to read (over {sys.get_int_max_str_digits()}"
            " digits), so it is not an export."
        ) from None
    except RecursionError:
        raise ActivityWatchError("The file nests JSON too deeply to be an export.") from None
    buckets = data.get("buckets") if isinstance(data, dict) else None
    if not isinstance(buckets, dict):
        raise ActivityWatchError(
            'The file is not an ActivityWatch export: it has no "buckets" object '
            '(use "Export all buckets as JSON" in ActivityWatch).'
        )
    if not buckets:
        raise ActivityWatchError("The ActivityWatch export contains no buckets.")
    windows: list[Bucket[WindowEvent]] = []
    afk: list[Bucket[AfkEvent]] = []
    tabs: list[Bucket[TabEvent]] = []
    ignored: list[str] = []
    for key, raw in buckets.items():
        if not isinstance(raw, dict):
            raise ActivityWatchError(f"Bucket {key!r} is not a JSON object.")
        kind = raw.get("type")
        if not isinstance(kind, str):
            raise ActivityWatchError(f'Bucket {key!r} has no "type" text.')
        hostname = raw.get("hostname")
        hostname = hostname.strip() if isinstance(hostname, str) and hostname.strip() else ""
        if not _unicode(hostname):
            raise ActivityWatchError(f'Bucket {key!r} has a "hostname" that is not valid Unicode.')
        client = raw.get("client")
        client = client if isinstance(client, str) else ""
        if kind not in (WINDOW_TYPE, AFK_TYPE, WEB_TYPE) or key.startswith(_PHONE_BUCKETS):
            ignored.append(key)
            continue
        events = raw.get("events")
        if not isinstance(events, list):
            raise ActivityWatchError(f'Bucket {key!r} has no "events" list.')
        if kind == WINDOW_TYPE:
            windows.append(Bucket(key, hostname or "unknown", client, _windows(key, events)))
        elif kind == AFK_TYPE:
            afk.append(Bucket(key, hostname or "unknown", client, _afk(key, events)))
        else:
            tabs.append(Bucket(key, hostname or "unknown", client, _tabs(key, events)))
    return ActivityWatchExport(tuple(windows), tuple(afk), tuple(tabs), tuple(ignored))


def _bad(bucket: str, index: int, problem: str) -> ActivityWatchError:
    return ActivityWatchError(f"Event {index} of ActivityWatch bucket {bucket!r} {problem}.")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _times(
    event: object, bucket: str, index: int
) -> tuple[float, float, int | None, dict[str, object]]:
    if not isinstance(event, dict):
        raise _bad(bucket, index, "is not a JSON object")
    stamp = event.get("timestamp")
    try:
        moment = datetime.fromisoformat(stamp if isinstance(stamp, str) else "")
    except ValueError:
        raise _bad(bucket, index, f"has no valid ISO 8601 timestamp ({_short(stamp)})") from None
    duration = event.get("duration")
    if (
        isinstance(duration, bool)
        or not isinstance(duration, int | float)
        or not 0 <= duration < math.inf
    ):
        raise _bad(
            bucket, index, f"needs a duration of zero or more seconds, not {_short(duration)}"
        )
    zone = moment.tzinfo
    local: int | None = None
    if zone is None:
        moment = moment.replace(tzinfo=UTC)  # ActivityWatch writes UTC
    elif zone is not UTC:  # the common UTC case skips a slow utcoffset() call
        offset = moment.utcoffset()
        local = int(offset.total_seconds()) if offset else None
        if local is not None and not _OFFSETS[0] <= local <= _OFFSETS[1]:
            sign, minutes = "+" if local >= 0 else "-", abs(local) // 60
            raise _bad(
                bucket,
                index,
                f"has the UTC offset {sign}{minutes // 60:02d}:{minutes % 60:02d},"
                " which no place uses",
            )
    try:
        start = moment.timestamp()
    except (OverflowError, ValueError):  # before year 1 once moved to UTC
        start = math.nan
    if not FIRST_SUPPORTED_TS <= start <= LAST_SUPPORTED_TS:
        raise _bad(
            bucket, index, f"starts outside the dates Wellbeing keeps ({SUPPORTED_RANGE_TEXT})"
        )
    # 10**400 is a valid JSON integer but no float: compare before adding
    if duration > LAST_SUPPORTED_TS - start:
        raise _bad(bucket, index, f"lasts past {LAST_SUPPORTED_DAY.year} ({_short(duration)} s)")
    end = start + duration
    data = event.get("data")
    if not isinstance(data, dict):
        raise _bad(bucket, index, 'has no "data" object')
    return start, end, local or None, data


def _text(data: dict[str, object], key: str, bucket: str, index: int) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise _bad(bucket, index, f'has no "{key}" text in its data')
    if not _unicode(value):
        raise _bad(bucket, index, f'has "{key}" text that is not valid Unicode')
    return value


def _unicode(text: str) -> bool:
    """False for text with a lone surrogate (JSON allows ``"\\ud800"``; SQLite and UTF-8 do not)."""
    if text.isascii():
        return True
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _windows(bucket: str, events: list[object]) -> tuple[WindowEvent, ...]:
    parsed = []
    for index, event in enumerate(events):
        start, end, offset, data = _times(event, bucket, index)
        app = _text(data, "app", bucket, index)
        parsed.append(WindowEvent(start, end, offset, app, _text(data, "title", bucket, index)))
    return tuple(parsed)


def _afk(bucket: str, events: list[object]) -> tuple[AfkEvent, ...]:
    parsed = []
    for index, event in enumerate(events):
        start, end, offset, data = _times(event, bucket, index)
        status = data.get("status")
        if status not in ("afk", "not-afk"):
            raise _bad(bucket, index, f'has the status {_short(status)}, not "afk" or "not-afk"')
        parsed.append(AfkEvent(start, end, offset, status == "afk"))
    return tuple(parsed)


def _tabs(bucket: str, events: list[object]) -> tuple[TabEvent, ...]:
    parsed = []
    for index, event in enumerate(events):
        start, end, offset, data = _times(event, bucket, index)
        url, title = _text(data, "url", bucket, index), _text(data, "title", bucket, index)
        audible, incognito = data.get("audible", False), data.get("incognito", False)
        if not isinstance(audible, bool) or not isinstance(incognito, bool):
            raise _bad(bucket, index, 'has an "audible" or "incognito" that is not true/false')
        parsed.append(TabEvent(start, end, offset, url, title, audible, incognito))
    return tuple(parsed)


# ------------------------------------------------------------------------- ActivityWatch's rules


class _Stretch:
    """An event being flooded and clipped (mutable on purpose: aw-core's flood edits in place)."""

    __slots__ = ("data", "end", "offset", "start")

    def __init__(self, start: float, end: float, data: tuple[str, ...], offset: int | None) -> None:
        self.start = start
        self.end = end
        self.data = data
        self.offset = offset


def flood(events: list[_Stretch], pulsetime: float = FLOOD_PULSETIME) -> list[_Stretch]:
    """aw-core's ``flood``: fills gaps up to ``pulsetime`` and removes overlaps, in place.

    The longer neighbour takes the gap; neighbours with equal data merge; where events with
    different data overlap, the later one wins.
    """
    events.sort(key=_start_of)
    for e1, e2 in pairwise(events):
        gap = e2.start - e1.end
        if gap == 0:
            continue
        same = e1.data == e2.data
        if gap < 0 and same:
            end = max(e1.end, e2.end)
            e1.start, e1.end = min(e1.start, e2.start), end
            e2.start = e2.end = end
        elif -_NEGATIVE_GAP_TRIM < gap <= pulsetime:
            if e1.end - e1.start >= e2.end - e2.start:
                if same:
                    e1.end = e2.end
                    e2.start = e2.end
                else:
                    e1.end = e2.start
            elif same:
                e2.start = e1.start
                e1.end = e1.start
            else:
                e2.start = e1.end
    flooded: list[_Stretch] = []
    for event in events:
        if event.end <= event.start:
            continue
        while flooded and flooded[-1].end > event.start:
            previous = flooded[-1]
            if previous.data == event.data:
                previous.end = max(previous.end, event.end)
                break
            previous.end = event.start
            if previous.end <= previous.start:
                flooded.pop()
                continue
            flooded.append(event)
            break
        else:
            flooded.append(event)
    return flooded


def _start_of(stretch: _Stretch) -> float:
    return stretch.start


@lru_cache(maxsize=4096)
def normalise_app(app: str) -> str:
    """``C:\\Program Files\\Mozilla Firefox\\firefox.exe`` -> ``firefox``, as the probes report."""
    name = app.strip().replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".exe") else name


@lru_cache(maxsize=1024)
def _browsers_of(app: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in _BROWSER_PATTERNS.items() if pattern.search(app))


def browser_of_bucket(bucket_id: str) -> str | None:
    """``aw-watcher-web-firefox_laptop`` -> ``firefox``; ``None`` for a browser not known."""
    name = bucket_id.removeprefix("aw-watcher-web-").partition("_")[0].lower()
    if name in _BROWSER_APPS:
        return name
    # aw-webui picks a browser's bucket by the name appearing anywhere in its id.
    return next((known for known in _BROWSER_APPS if known in bucket_id.lower()), None)


# ------------------------------------------------------------------------------------ importing


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of focused-window time with what to classify it by."""

    start: float
    end: float
    offset: int | None
    app: str
    title: str
    also: tuple[str, ...] = ()  # the URL and window title of a tab, tested against exclusions
    url: str = ""  # a web-watcher tab's address: its domain decides before the title


def _host_pieces(windows: list[_Stretch], tabs: dict[str, list[_Stretch]]) -> Iterable[_Piece]:
    """Window time, with a browser's tab title where its web bucket covers its focused time."""
    position = dict.fromkeys(tabs, 0)
    for window in windows:
        raw_app, window_title = window.data
        app = normalise_app(raw_app)
        browser = next((b for b in _browsers_of(app) if b in tabs), None)
        if browser is None:
            yield _Piece(window.start, window.end, window.offset, app, window_title)
            continue
        stretches, index = tabs[browser], position[browser]
        while index < len(stretches) and stretches[index].end <= window.start:
            index += 1
        position[browser] = index
        cursor = window.start
        while index < len(stretches) and stretches[index].start < window.end:
            tab = stretches[index]
            start, end = max(tab.start, window.start), min(tab.end, window.end)
            if start > cursor:
                yield _Piece(cursor, start, window.offset, app, window_title)
            url, title = tab.data
            yield _Piece(
                start, end, window.offset, app, title or window_title, (url, window_title), url
            )
            cursor = end
            if tab.end > window.end:
                break
            index += 1
        if cursor < window.end:
            yield _Piece(cursor, window.end, window.offset, app, window_title)


class _LocalOffsets:
    """This machine's UTC offset over time, looked up once per quarter hour."""

    def __init__(self, offset_at: Callable[[float], int]) -> None:
        self._offset_at = offset_at
        self._known: dict[int, int] = {}

    def _slot(self, slot: int) -> int:
        found = self._known.get(slot)
        if found is None:
            found = self._known[slot] = self._offset_at(float(slot * _OFFSET_STEP))
        return found

    def split(self, start: float, end: float) -> list[tuple[float, float, int]]:
        """``[start, end)`` cut where the offset changes (a DST switch), each with its offset."""
        first, last = int(start // _OFFSET_STEP), math.ceil(end / _OFFSET_STEP) - 1
        offset = self._slot(first)
        if last <= first or self._slot(last) == offset:
            return [(start, end, offset)]
        pieces = []
        for slot in range(first + 1, last + 1):
            if self._slot(slot) != offset:
                cut = float(slot * _OFFSET_STEP)
                pieces.append((start, cut, offset))
                start, offset = cut, self._slot(slot)
        pieces.append((start, end, offset))
        return pieces


def machine_offset(ts: float) -> int:
    """This machine's UTC offset in seconds at the UTC moment ``ts``."""
    try:
        offset = datetime.fromtimestamp(ts, tz=UTC).astimezone().utcoffset()
    except (OverflowError, OSError, ValueError):
        return 0
    return int(offset.total_seconds()) if offset else 0


def community_spans(
    export: ActivityWatchExport,
    classifier: Classifier,
    settings: Settings,
    local_offset: Callable[[float], int] = machine_offset,
) -> tuple[list[UsageSpan], tuple[str, ...]]:
    """The spans the live tracker would have recorded; also the hosts without AFK data.

    Spans come host by host, in time order within a host, with ``source="activitywatch"``.
    """
    policy = TitlePolicy(settings.window_titles, settings.exclude_patterns)
    excluded = policy.compiled()
    offsets = _LocalOffsets(local_offset)
    known: dict[tuple[str, str, str], Classification | None] = {}

    def classify(piece: _Piece) -> Classification | None:
        key = (piece.app, piece.title, piece.url)
        if key not in known:
            known[key] = (
                classifier.classify_page(piece.app, piece.title, piece.url)
                if piece.url
                else classifier.classify(piece.app, piece.title)
            )
        return known[key]

    windows: dict[str, list[_Stretch]] = {}
    for bucket in export.windows:
        windows.setdefault(bucket.hostname, []).extend(
            _Stretch(e.start, e.end, (e.app, e.title), e.utc_offset) for e in bucket.events
        )
    not_afk: dict[str, list[tuple[float, float]]] = {}
    for afk_bucket in export.afk:
        stretches = flood(
            [_Stretch(e.start, e.end, ("afk",) if e.afk else (), None) for e in afk_bucket.events]
        )
        not_afk.setdefault(afk_bucket.hostname, []).extend(
            (s.start, s.end) for s in stretches if not s.data
        )
    spans: list[UsageSpan] = []
    for host in sorted(windows):
        tabs: dict[str, list[_Stretch]] = {}
        for tab_bucket in export.tabs:
            browser = browser_of_bucket(tab_bucket.id)
            if browser is not None and _serves(tab_bucket, host, windows):
                tabs.setdefault(browser, []).extend(
                    _Stretch(e.start, e.end, (e.url, e.title), e.utc_offset)
                    for e in tab_bucket.events
                )
        tabs = {browser: flood(stretches) for browser, stretches in tabs.items()}
        active = union_periods(not_afk[host]) if host in not_afk else None
        counted = _counted(
            _host_pieces(flood(windows[host]), tabs),
            active,
            classify,
            excluded,
            settings.track_all_apps,
        )
        # One tracker per community: a piece's community is decided above (by its URL where a
        # tab has one), and the tracker, which knows windows only by app and title, is told
        # it. Time is the same as with one tracker; spans of one community merge as before.
        trackers: dict[Classification | None, tuple[Tracker, list[tuple[float, int]]]] = {}
        for piece, found in counted:
            if found not in trackers:
                tracker = Tracker(
                    _always(found),
                    poll_interval=math.inf,  # no gap rule: each stretch says where it ends
                    titles=policy,
                    track_all_apps=settings.track_all_apps,
                    day_start_hour=settings.day_start_hour,
                )
                trackers[found] = (tracker, [])
            tracker, last = trackers[found]
            for start, end, offset in (
                offsets.split(piece.start, piece.end)
                if piece.offset is None
                else [(piece.start, piece.end, piece.offset)]
            ):
                if last and start != last[0][0]:
                    tracker.add(Sample(*last[0], None))  # a gap: nothing of it was counted
                window = ForegroundWindow(piece.app, piece.title)
                tracker.add(Sample(start, offset, window))
                tracker.add(Sample(end, offset, window))
                last[:] = [(end, offset)]
        found_here: list[UsageSpan] = []
        for tracker, _last in trackers.values():
            tracker.stop()
            found_here.extend(
                UsageSpan(s.start, s.end, s.utc_offset, s.app, s.category, s.title, False, SOURCE)
                for s in tracker.take_spans()
            )
        spans.extend(sorted(found_here, key=_span_start))
    return spans, tuple(sorted(host for host in windows if host not in not_afk))


def _span_start(span: UsageSpan) -> float:
    return span.start


def _always(found: Classification | None) -> Callable[[str, str], Classification | None]:
    """A classify function for a tracker that is told each window's community in advance."""

    def classify(_app: str, _title: str) -> Classification | None:
        return found

    return classify


def _serves(bucket: Bucket[TabEvent], host: str, windows: dict[str, list[_Stretch]]) -> bool:
    """Whether a web bucket belongs to ``host``; older web watchers say ``unknown`` and serve
    every host (the browser-focus rule keeps them honest)."""
    if bucket.hostname in windows:
        return bucket.hostname == host
    suffix = bucket.id.partition("_")[2]
    return suffix == host if suffix in windows else True


def _counted(
    pieces: Iterable[_Piece],
    active: list[tuple[float, float]] | None,
    classify: Callable[[_Piece], Classification | None],
    excluded: UserPattern | None,
    track_all: bool,
) -> Iterable[tuple[_Piece, Classification | None]]:
    """Pieces that count with their community, clipped to the not-afk periods unless always
    active."""
    index = 0
    for piece in pieces:
        found = classify(piece)
        if found is None and not track_all:
            continue
        if excluded is not None and any(excluded.search(text) for text in piece.also):
            continue
        if active is None or (found is not None and found.always_active):
            yield piece, found
            continue
        while index < len(active) and active[index][1] <= piece.start:
            index += 1
        probe = index
        while probe < len(active) and active[probe][0] < piece.end:
            start, end = max(active[probe][0], piece.start), min(active[probe][1], piece.end)
            if end > start:
                clipped = _Piece(start, end, piece.offset, piece.app, piece.title, piece.also)
                yield clipped, found
            probe += 1


def import_activitywatch(
    path: Path,
    repos: Repositories,
    classifier: Classifier,
    *,
    local_offset: Callable[[float], int] = machine_offset,
) -> ActivityWatchImport:
    """Imports community-app time from an ActivityWatch export, all or nothing.

    Time already imported from ActivityWatch is not counted again and a newer export adds
    only what is new: events that grew lengthen the spans stored before
    (:mod:`~wellbeing_app.importers.span_merge`). The file is read and classified, and the
    merge planned and staged, with no lock held; one short transaction writes it all
    (:meth:`~wellbeing_app.storage.usage.UsageRepository.merge_imported`).

    Raises:
        ActivityWatchError: the file cannot be read or is not a usable export; nothing is written.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ActivityWatchError(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        raise ActivityWatchError(f"{path} is not UTF-8 text, so not an export.") from None
    except OSError as error:
        raise ActivityWatchError(f"Could not read {path}: {error.strerror or error}.") from None
    export = read_export(text)
    if not export.windows:
        raise ActivityWatchError(
            f"{path} has no window-watcher (aw-watcher-window) bucket, so no app time to import."
        )
    found, without_afk = community_spans(export, classifier, repos.settings, local_offset)
    # Hosts may overlap: the same app from the same moment on two hosts counts once, as the
    # longer of the two.
    longest: dict[tuple[float, str], UsageSpan] = {}
    for span in found:
        kept = longest.setdefault((span.start, span.app), span)
        if span.end > kept.end:
            longest[(span.start, span.app)] = span
    spans = list(longest.values())
    hosts = tuple(sorted({bucket.hostname for bucket in export.windows}))
    if not spans:
        return ActivityWatchImport(0, len(found), 0.0, None, None, hosts, without_afk)
    days = [repos.usage.day_of(span.start, span.utc_offset) for span in spans]
    plans: list[MergePlan] = []

    def plan(stored: list[StoredSpan]) -> SpanChanges:
        plans.append(plan_merge(spans, stored))
        return plans[-1].changes

    repos.usage.merge_imported(SOURCE, min(s.start for s in spans), max(s.end for s in spans), plan)
    merged = plans[-1]  # the plan that was written
    return ActivityWatchImport(
        spans_added=merged.spans_added,
        spans_skipped=len(found) - merged.new_spans,
        seconds_added=merged.seconds_added,
        first_day=min(days),
        last_day=max(days),
        hosts=hosts,
        hosts_without_afk=without_afk,
        spans_extended=merged.spans_extended,
    )
