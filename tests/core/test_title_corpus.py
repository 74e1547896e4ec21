"""Real titles of community sites, collected from public sources, through the real classifier.

``data/title_corpus.json`` holds window titles as browsers show them (home pages, threads, media
viewers, search pages, notifications, private windows, suffixes in other languages) and tab titles
with their URL as ActivityWatch's web watcher records them, plus lookalikes that must not count.
An entry without a URL goes through :meth:`Classifier.classify`, as the live tracker calls it with
what the probe reports; an entry with a URL goes through :meth:`Classifier.classify_page`, as the
ActivityWatch importer calls it for a web-bucket event.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from wellbeing_app.core.classifier import Catalog, Classifier, parse_catalog

CORPUS_PATH = Path(__file__).resolve().parent / "data" / "title_corpus.json"
CATALOG_PATH = Path(__file__).resolve().parents[2] / "resources" / "community_apps.json"


def corpus() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(CORPUS_PATH.read_text(encoding="utf-8"))["entries"]
    return entries


@cache
def catalog(os_name: str) -> Catalog:
    return parse_catalog(CATALOG_PATH.read_text(encoding="utf-8"), os_name)


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['app']}:{entry['title']}" + (f" <{entry['url']}>" if "url" in entry else "")


@pytest.mark.parametrize("entry", corpus(), ids=_id)
def test_each_title_is_classified_as_expected(entry: dict[str, Any]) -> None:
    classifier = Classifier(catalog("linux"))
    if "url" in entry:
        found = classifier.classify_page(entry["app"], entry["title"], entry["url"])
    else:
        found = classifier.classify(entry["app"], entry["title"])
    assert (found.app if found else None) == entry["expected"], entry["source"]


def test_the_corpus_covers_the_main_communities_with_several_forms_each() -> None:
    entries = corpus()
    names = {app.name for app in catalog("linux").apps}
    per_app = Counter(entry["expected"] for entry in entries if entry["expected"])
    assert set(per_app) <= names  # every expected name is a catalog app
    assert len([app for app, count in per_app.items() if count >= 2]) >= 15
    assert per_app["Reddit"] >= 15
    assert sum(1 for entry in entries if entry["expected"] is None) >= 15
    assert all(entry["source"].strip() for entry in entries)
    forms = " ".join(entry["form"] for entry in entries)
    for form in ("home", "thread", "media", "search", "notifications", "private", "German"):
        assert form in forms


def test_url_entries_hold_urls_and_title_entries_name_no_url() -> None:
    for entry in corpus():
        if "url" in entry:
            assert entry["url"].startswith(("http://", "https://"))
