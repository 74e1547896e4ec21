"""Which online community, if any, a foreground window belongs to.

The sampler asks this once a second with the window's ``(app, title)``. A window counts when

1. one of the person's own enabled rules matches it (first match wins; a rule with
   ``counted=False`` says "not a community for me" and wins over the catalog), else
2. its executable is a community app's native client (``Discord``, ``slack``), else
3. its executable is a known browser and the tab title, with the browser's suffix and any unread
   counter removed, matches a community site's title pattern.

Where the page's address is known too (ActivityWatch's web watcher records it),
:meth:`Classifier.classify_page` decides by the site's domain before trying the title.

The catalog of apps, sites and browsers is data (``resources/community_apps.json``) so that adding
a site never needs a code change. Answers are cached per distinct ``(app, title)``: a person looks
at the same few windows for hours, so almost every call is a cache hit.
"""

from __future__ import annotations

import importlib
import json
import re
from collections import OrderedDict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.patterns import PatternError, UserPattern, compile_user_pattern

Category = Literal["chat", "social feed", "forum", "video community", "professional network"]
CATEGORIES: Final[tuple[str, ...]] = (
    "chat",
    "social feed",
    "forum",
    "video community",
    "professional network",
)
OS_NAMES: Final[tuple[str, ...]] = ("linux", "windows", "macos")

# Unread counters and markers sites put in front of a title: "(3) ", "(20+) ", "[2] ", "• ", "* ".
_UNREAD_PREFIX: Final = re.compile(r"^(?:\(\d+\+?\)|\[\d+\+?\]|[•●*])\s*")
# Direction marks some sites embed in titles; they are invisible and would defeat `^`/`$`.
_BIDI_MARKS: Final = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A catalog domain: two or more lower-case labels, maybe one path segment ("fb.com/messages").
_DOMAIN: Final = re.compile(
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(/[^/?#\s]+)?$"
)


class CatalogError(InvalidInput):
    """The community-app catalog cannot be read; the message names the entry at fault."""


class RuleError(InvalidInput):
    """A person's own rule cannot be used; the message says why in one sentence."""


@dataclass(frozen=True, slots=True)
class CommunityApp:
    """A community app or site from the catalog, as seen on the current OS.

    Attributes:
        id: a stable slug (``reddit``).
        name: the display name (``Reddit``); also what usage is recorded under.
        category: one of :data:`CATEGORIES`.
        processes: lower-cased executable base names of its native clients on this OS.
        title_patterns: regexes searched in a browser tab's cleaned title (case-sensitive).
        domains: the site's domains (each also matching its subdomains), or a domain and first
            path segment (``facebook.com/messages``); used where a page's URL is known.
        not_domains: parts of those domains that are not the community (developer docs, a
            music service, a help centre): pages there never count, whatever their title.
    """

    id: str
    name: str
    category: str
    processes: tuple[str, ...]
    title_patterns: tuple[str, ...]
    domains: tuple[str, ...] = ()
    not_domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Browser:
    """A web browser whose tab titles are tested against the community sites.

    Attributes:
        name: the display name (``Firefox``).
        processes: lower-cased executable base names on this OS.
        suffix: a regex for what the browser appends to the page title (``" — Mozilla Firefox"``,
            with any profile name or tab state); ``""`` when it appends nothing (Safari).
    """

    name: str
    processes: tuple[str, ...]
    suffix: str


@dataclass(frozen=True, slots=True)
class Catalog:
    """The shipped catalog for one OS: community apps in priority order, and browsers.

    Attributes:
        apps: community apps; when several match a title, the first one listed wins.
        browsers: browsers whose tabs are classified by title.
        search_pages: title regexes of search-result pages, which never count even when the
            search was for a community (``reddit - Google Search``).
    """

    apps: tuple[CommunityApp, ...]
    browsers: tuple[Browser, ...]
    search_pages: tuple[str, ...] = ()

    def process_names(self) -> frozenset[str]:
        """All lower-cased executable names of community apps' native clients on this OS."""
        return frozenset(process for app in self.apps for process in app.processes)

    def by_name(self, name: str) -> CommunityApp | None:
        """The app with this display name or id, ignoring case; ``None`` when there is none."""
        wanted = name.casefold()
        for app in self.apps:
            if app.name.casefold() == wanted or app.id.casefold() == wanted:
                return app
        return None


@dataclass(frozen=True, slots=True)
class UserRule:
    """A person's own rule, tried before the catalog.

    Attributes:
        name: what matching windows are recorded as (``Work Slack``, ``Chess club``).
        category: one of :data:`CATEGORIES`; may be ``""`` for an exclusion (``counted=False``).
        app_pattern: regex searched in the executable name, ignoring case; ``""`` matches any.
        title_pattern: regex searched in the full window title, ignoring case; ``""`` matches any.
            Both run on RE2 (linear time; no look-arounds or back-references), see
            :mod:`wellbeing_app.core.patterns`.
        enabled: a disabled rule is kept but not used.
        always_active: the window counts even while the person is idle (a video call, a stream).
        counted: ``False`` means "this is not a community app for me": matching windows are not
            counted, whatever the catalog says.
        id: the storage id, ``None`` before the rule is saved.
    """

    name: str
    category: str
    app_pattern: str = ""
    title_pattern: str = ""
    enabled: bool = True
    always_active: bool = False
    counted: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Classification:
    """The community a window belongs to.

    Attributes:
        app: the community's display name (a catalog name or a rule's name).
        category: one of :data:`CATEGORIES`.
        via: ``"rule"``, ``"app"`` (native client) or ``"browser"`` (tab title).
        always_active: count this window even while the person is idle.
    """

    app: str
    category: str
    via: str
    always_active: bool = False


def current_os(platform: str) -> str:
    """Maps a ``sys.platform`` value to the catalog's OS name.

    Other Unix-likes (``freebsd14``) get ``linux``: their apps run under X11 with the same
    executable names.
    """
    if platform.startswith(("win32", "cygwin", "msys")):
        return "windows"
    if platform.startswith("darwin"):
        return "macos"
    return "linux"


def validate_rule(rule: UserRule) -> None:
    """Raises :class:`RuleError` with one sentence when ``rule`` cannot be used."""
    label = f"The rule {rule.name.strip()!r}" if rule.name.strip() else "The rule"
    if rule.counted and not rule.name.strip():
        raise RuleError("A rule that counts windows needs a name to record them under.")
    exclusion_without_category = not rule.counted and rule.category == ""
    if rule.category not in CATEGORIES and not exclusion_without_category:
        raise RuleError(
            f"{label} has the unknown category {rule.category!r}; "
            f"use one of: {', '.join(CATEGORIES)}."
        )
    if not rule.app_pattern and not rule.title_pattern:
        raise RuleError(f"{label} needs an app pattern, a title pattern or both.")
    for what, pattern in (("app", rule.app_pattern), ("title", rule.title_pattern)):
        try:
            compile_user_pattern(pattern)
        except PatternError as error:
            raise RuleError(
                f"{label} has an invalid {what} pattern {pattern!r}: {error.reason}."
            ) from None


# ------------------------------------------------------------------------------------- parsing


def parse_catalog(text: str, os_name: str) -> Catalog:
    """Reads the catalog JSON, keeping the process names of ``os_name`` only.

    Args:
        text: the catalog file's content.
        os_name: ``linux``, ``windows`` or ``macos`` (see :func:`current_os`).

    Raises:
        CatalogError: malformed JSON, a missing or mistyped field, an unknown category, a
            duplicate id or an invalid regex. The message names the entry.
    """
    if os_name not in OS_NAMES:
        raise CatalogError(f"Unknown OS {os_name!r}; use one of: {', '.join(OS_NAMES)}.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogError(
            f"The community-app catalog is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})."
        ) from None
    if not isinstance(data, dict):
        raise CatalogError("The community-app catalog must be a JSON object with 'apps'.")
    apps = tuple(
        _parse_app(entry, index, os_name)
        for index, entry in enumerate(_list(data, "apps", "The community-app catalog"))
    )
    _reject_duplicates(apps)
    browsers = tuple(
        _parse_browser(entry, index, os_name)
        for index, entry in enumerate(_list(data, "browsers", "The community-app catalog", []))
    )
    search_pages = tuple(
        _pattern(item, "The catalog's 'search_pages'")
        for item in _list(data, "search_pages", "The community-app catalog", [])
    )
    return Catalog(apps=apps, browsers=browsers, search_pages=search_pages)


def _parse_app(entry: object, index: int, os_name: str) -> CommunityApp:
    where = f"Catalog app #{index + 1}"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where} must be a JSON object.")
    app_id = _text(entry, "id", where)
    where = f"Catalog app {app_id!r}"
    name = _text(entry, "name", where)
    category = _text(entry, "category", where)
    if category not in CATEGORIES:
        raise CatalogError(
            f"{where} has the unknown category {category!r}; use one of: {', '.join(CATEGORIES)}."
        )
    patterns = tuple(
        _pattern(item, f"{where}'s 'title_patterns'")
        for item in _list(entry, "title_patterns", where)
    )
    domains = tuple(_domain(item, where) for item in _list(entry, "domains", where, []))
    not_domains = tuple(_domain(item, where) for item in _list(entry, "not_domains", where, []))
    return CommunityApp(
        id=app_id,
        name=name,
        category=category,
        processes=_processes(entry, where, os_name),
        title_patterns=patterns,
        domains=domains,
        not_domains=not_domains,
    )


def _domain(value: object, where: str) -> str:
    if not isinstance(value, str) or not _DOMAIN.match(value):
        raise CatalogError(
            f"{where} has the domain {value!r}; write it in lower case without scheme or port, "
            "like 'reddit.com' or 'facebook.com/messages'."
        )
    return value


def _parse_browser(entry: object, index: int, os_name: str) -> Browser:
    where = f"Catalog browser #{index + 1}"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where} must be a JSON object.")
    name = _text(entry, "name", where)
    where = f"Catalog browser {name!r}"
    suffix = entry.get("suffix")
    if not isinstance(suffix, str):
        raise CatalogError(f"{where} needs a 'suffix' text (\"\" when it appends none).")
    return Browser(
        name=name,
        processes=_processes(entry, where, os_name),
        suffix=_pattern(suffix, f"{where}'s 'suffix'"),
    )


def _processes(entry: Mapping[str, object], where: str, os_name: str) -> tuple[str, ...]:
    per_os = entry.get("processes")
    if not isinstance(per_os, dict):
        raise CatalogError(f"{where} needs 'processes', an object keyed by OS.")
    unknown = sorted(set(per_os) - set(OS_NAMES))
    if unknown:
        raise CatalogError(
            f"{where} lists processes for the unknown OS {unknown[0]!r}; use {', '.join(OS_NAMES)}."
        )
    names: list[str] = []
    for item in _list(per_os, os_name, f"{where}'s {os_name} processes", []):
        if not isinstance(item, str) or not item.strip():
            raise CatalogError(f"{where} has a {os_name} process name that is not text.")
        lowered = item.strip().lower()
        if lowered not in names:  # "Discord" and "discord" are one name once lower-cased
            names.append(lowered)
    return tuple(names)


def _text(entry: Mapping[str, object], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where} is missing the text field {key!r}.")
    return value.strip()


def _list(
    entry: Mapping[str, object], key: str, where: str, default: list[object] | None = None
) -> list[object]:
    value = entry.get(key, default)
    if not isinstance(value, list):
        raise CatalogError(f"{where} is missing the list {key!r}.")
    return value


def _pattern(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise CatalogError(f"{where} holds {value!r}, which is not a text pattern.")
    try:
        re.compile(value)
    except re.error as error:
        raise CatalogError(f"{where} has the invalid pattern {value!r}: {error}.") from None
    return value


def _reject_duplicates(apps: Iterable[CommunityApp]) -> None:
    seen: set[str] = set()
    for app in apps:
        for key in (app.id.casefold(), app.name.casefold()):
            if key in seen:
                raise CatalogError(f"Catalog app {app.id!r} repeats the id or name {key!r}.")
        seen.update((app.id.casefold(), app.name.casefold()))


# ------------------------------------------------------------------------------- classifying


def _any_of(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One compiled regex matching where any of ``patterns`` matches; ``None`` for no patterns.

    One search per app instead of one per pattern is most of the classifier's speed.
    """
    if not patterns:
        return None
    if len(patterns) == 1:
        return re.compile(patterns[0])
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def _required_text(patterns: Sequence[str]) -> frozenset[str] | None:
    """Texts of which every match of any of ``patterns`` contains at least one, or ``None``.

    Most titles name no community, and ``text in title`` is ten times cheaper than a regex
    search, so a site's patterns run only when one of these texts is in the title. The texts
    are read off the parsed patterns, never guessed: when a pattern has no required literal
    (or the parser is not the one expected), the answer is ``None`` and the patterns always run.
    """
    try:
        # The stdlib's own regex parser: private, hence the import by name and the fallback.
        parser = importlib.import_module("re._parser")
        texts: set[str] = set()
        for pattern in patterns:
            parsed = parser.parse(pattern)
            if parsed.state.flags & re.IGNORECASE:
                return None
            required = _required_in(parsed)
            if required is None:
                return None
            texts |= required
        # A text containing another one adds nothing: wherever it is, the shorter one is too.
        return frozenset(t for t in texts if not any(o != t and o in t for o in texts))
    except Exception:  # any surprise only costs speed, never gives a wrong answer
        return None


def _required_in(sequence: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """The most selective set of texts one of which every match of ``sequence`` contains."""
    op = importlib.import_module("re._constants")
    best: frozenset[str] | None = None

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        shortest = min(map(len, candidate)) if candidate else 0
        if shortest and (best is None or shortest > min(map(len, best))):
            best = candidate

    run: list[str] = []
    for code, arg in (*sequence, (None, None)):
        if code is op.LITERAL:
            run.append(chr(arg))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if code is op.SUBPATTERN:
            _group, add_flags, _del_flags, inner = arg
            if not add_flags & re.IGNORECASE:
                consider(_required_in(inner))
        elif code is op.BRANCH:
            branches = [_required_in(branch) for branch in arg[1]]
            if all(branches):
                consider(frozenset(text for texts in branches if texts for text in texts))
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            low, _high, inner = arg
            if low >= 1:
                consider(_required_in(inner))
        elif code is op.ATOMIC_GROUP:
            consider(_required_in(arg))
    return best


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    app: UserPattern | None  # a person's patterns run on RE2: linear time (core/patterns.py)
    title: UserPattern | None
    result: Classification | None  # None for an exclusion


@dataclass(frozen=True, slots=True)
class _Gated:
    """A regex tried only when one of the texts every match needs is in the subject."""

    regex: re.Pattern[str]
    needs: tuple[str, ...] | None  # None: no such texts are known, always try

    @classmethod
    def of(cls, patterns: Sequence[str]) -> _Gated | None:
        regex = _any_of(patterns)
        if regex is None:
            return None
        needs = _required_text(patterns)
        return cls(regex, None if needs is None else tuple(sorted(needs)))

    def may_match(self, text: str) -> bool:
        return self.needs is None or any(need in text for need in self.needs)


class Classifier:
    """Classifies foreground windows; build a new one when rules or the catalog change.

    Not thread-safe: the sampler owns one and calls it from one thread.
    """

    __slots__ = (
        "__weakref__",
        "_browsers",
        "_by_domain",
        "_by_process",
        "_cache",
        "_cache_size",
        "_catalog",
        "_rules",
        "_search_pages",
        "_site_needs",
        "_sites",
        "_sites_always_tried",
    )

    def __init__(
        self,
        catalog: Catalog,
        rules: Sequence[UserRule] = (),
        disabled_apps: Collection[str] = (),
        *,
        cache_size: int = 4096,
    ) -> None:
        """Compiles every pattern once.

        Args:
            catalog: the parsed catalog for this OS.
            rules: the person's own rules, in priority order; disabled ones are ignored.
            disabled_apps: catalog app names (or ids) the person said not to count.
            cache_size: distinct ``(app, title)`` answers kept; ``0`` turns the cache off.

        Raises:
            RuleError: an enabled rule is invalid (see :func:`validate_rule`).
        """
        self._catalog = catalog
        self._cache_size = max(0, cache_size)
        self._cache: OrderedDict[tuple[str, str], Classification | None] = OrderedDict()
        self._rules = tuple(_compile_rule(rule) for rule in rules if rule.enabled)

        disabled = {name.casefold() for name in disabled_apps}
        # A disabled app still claims its windows (as "nothing"), so that switching off
        # Messenger does not make "Messenger | Facebook" count as Facebook instead.
        counted = {
            app.id
            for app in catalog.apps
            if not {app.name.casefold(), app.id.casefold()} & disabled
        }
        self._by_process: dict[str, Classification | None] = {}
        self._by_domain: dict[str, Classification | None] = {}
        for app in catalog.apps:
            native = Classification(app.name, app.category, "app") if app.id in counted else None
            for process in app.processes:
                self._by_process.setdefault(process, native)
            site = Classification(app.name, app.category, "browser") if app.id in counted else None
            for domain in app.domains:
                self._by_domain.setdefault(domain, site)
        for app in catalog.apps:  # the more specific "not this part" wins over any site
            for domain in app.not_domains:
                self._by_domain[domain] = None

        sites: list[tuple[re.Pattern[str], Classification | None]] = []
        needs: dict[str, list[int]] = {}
        always: list[int] = []
        for app in catalog.apps:
            gated = _Gated.of(app.title_patterns)
            if gated is None:
                continue
            for need in gated.needs or ():
                needs.setdefault(need, []).append(len(sites))
            if gated.needs is None:
                always.append(len(sites))
            tab = Classification(app.name, app.category, "browser") if app.id in counted else None
            sites.append((gated.regex, tab))
        self._sites = tuple(sites)
        # Which sites can match a title is decided by plain substring tests, so a title that
        # names no community (most of them) costs no regex search at all.
        self._site_needs = tuple((need, tuple(indices)) for need, indices in needs.items())
        self._sites_always_tried = frozenset(always)

        # None stands for a browser that appends nothing to the page title.
        browsers: dict[str, list[_Gated | None]] = {}
        for browser in catalog.browsers:
            suffix = _Gated.of([browser.suffix] if browser.suffix else [])
            for process in browser.processes:
                browsers.setdefault(process, []).append(suffix)
        self._browsers = {process: tuple(suffixes) for process, suffixes in browsers.items()}
        self._search_pages = _Gated.of(catalog.search_pages)

    @property
    def catalog(self) -> Catalog:
        """The catalog this classifier was built from."""
        return self._catalog

    def classify(self, app: str, title: str) -> Classification | None:
        """The community the window ``(app, title)`` belongs to, or ``None``. Never raises."""
        key = (app, title)
        cache = self._cache
        result = cache.get(key, _NOT_CACHED)
        if result is not _NOT_CACHED:
            cache.move_to_end(key)
            return result
        result = self._classify(app, title)
        if self._cache_size:
            cache[key] = result
            if len(cache) > self._cache_size:
                cache.popitem(last=False)
        return result

    def classify_page(self, app: str, title: str, url: str) -> Classification | None:
        """The community of a browser tab whose address is known (an ActivityWatch web event).

        The person's rules come first, as in :meth:`classify`; then the site's domain decides
        (``https://i.redd.it/x.jpeg`` is Reddit whatever its title says); a URL of no catalog
        site falls back to the title. Never raises.
        """
        for rule in self._rules:
            if (rule.app is None or rule.app.search(app)) and (
                rule.title is None or rule.title.search(title)
            ):
                return rule.result
        found = self._site_at(url)
        return self.classify(app, title) if found is _NOT_CACHED else found

    def _site_at(self, url: str) -> Classification | None:
        """The catalog site at ``url``: ``_NOT_CACHED`` for none, ``None`` for a disabled one."""
        by_domain = self._by_domain
        if not by_domain or "://" not in url:
            return _NOT_CACHED
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").rstrip(".")
        except ValueError:  # a malformed address (an unclosed IPv6 bracket) names no site
            return _NOT_CACHED
        segment = parts.path.lstrip("/").partition("/")[0]
        while "." in host:  # old.reddit.com, then reddit.com; never the bare "com"
            for key in (f"{host}/{segment}", host) if segment else (host,):
                found = by_domain.get(key, _NOT_CACHED)
                if found is not _NOT_CACHED:
                    return found
            host = host.partition(".")[2]
        return _NOT_CACHED

    def _classify(self, app: str, title: str) -> Classification | None:
        for rule in self._rules:
            if (rule.app is None or rule.app.search(app)) and (
                rule.title is None or rule.title.search(title)
            ):
                return rule.result
        process = app.lower()
        if process.endswith(".exe"):
            process = process[:-4]
        if process in self._by_process:
            return self._by_process[process]
        suffixes = self._browsers.get(process)
        if suffixes is None:
            return None
        return self._classify_tab(title, suffixes)

    def _classify_tab(
        self, title: str, suffixes: tuple[_Gated | None, ...]
    ) -> Classification | None:
        title = _BIDI_MARKS.sub("", title).strip()
        page = title
        # Several browsers can share one executable (Chrome and Chromium are both chrome.exe on
        # Windows): the first whose suffix is really there says what the page title is.
        for suffix in suffixes:
            if suffix is None:
                break
            if suffix.may_match(title):
                page, removed = suffix.regex.subn("", title, count=1)
                if removed:
                    break
        page = _UNREAD_PREFIX.sub("", page, count=1).strip()
        search = self._search_pages
        if not page or (search and search.may_match(page) and search.regex.search(page)):
            return None
        candidates = self._sites_always_tried.union(
            *[indices for need, indices in self._site_needs if need in page]
        )
        for index in sorted(candidates):
            pattern, result = self._sites[index]
            if pattern.search(page):
                return result
        return None


# Marks a cache miss; a Classification so the cache stays one type and needs no casts.
_NOT_CACHED: Final = Classification("", "", "")


def _compile_rule(rule: UserRule) -> _CompiledRule:
    validate_rule(rule)
    result = Classification(rule.name.strip(), rule.category, "rule", rule.always_active)
    return _CompiledRule(
        app=compile_user_pattern(rule.app_pattern) if rule.app_pattern else None,
        title=compile_user_pattern(rule.title_pattern) if rule.title_pattern else None,
        result=result if rule.counted else None,
    )
