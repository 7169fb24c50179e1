"""`briefings pull`: every feed of site.yaml, then each new entry's page, a few at a time.

Feeds and pages are fetched in a thread pool, at most two requests to one host at once. A
feed's ETag and Last-Modified are kept in `.briefings-cache/feeds.json` and sent next time, so
a pull that finds nothing new costs one small request per feed; they are kept only when every
entry of that feed was imported, so a page that failed is tried again next time.
"""

from __future__ import annotations

import sys
import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from generator.errors import Problem
from generator.importing.feeds import Entry, FeedError, filled, parse_feed, wanted
from generator.importing.fetch import FEED_TYPES, FetchError, fetch
from generator.importing.session import Saved, Session
from generator.importing.sources import ImportFailure, fetch_page, from_page
from generator.source.config import Feed
from generator.stamped import read_stamped, write_stamped

CACHE = Path(".briefings-cache") / "feeds.json"
PER_HOST = 2
WORKERS = 8


@dataclass(frozen=True)
class PullOptions:
    since: date | None = None
    limit: int | None = None  # entries per feed
    dry_run: bool = False
    timeout: float | None = None


@dataclass
class Tally:
    added: list[Saved] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    already: int = 0
    feeds: int = 0


class _HostLimit:
    """At most PER_HOST requests to one host at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(PER_HOST)
        )

    def __call__(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts[urlsplit(url).netloc.lower()]


def _feed_entries(
    feed: Feed, state: dict[str, Any], options: PullOptions, limit: _HostLimit
) -> tuple[list[Entry], dict[str, str] | None]:
    """The feed's wanted entries and its new conditional-request state (None: not modified)."""
    known = state.get(feed.url, {})
    with limit(feed.url):
        got = fetch(
            feed.url,
            accept=FEED_TYPES,
            etag=known.get("etag"),
            last_modified=known.get("last_modified"),
            timeout=options.timeout,
        )
    if got.not_modified:
        return [], None
    doc = parse_feed(got.body, got.content_type)
    entries = [e for e in doc.entries if wanted(e, feed.include, feed.exclude, options.since)]
    if options.limit is not None:
        entries = entries[: options.limit]
    fresh = {k: v for k, v in (("etag", got.etag), ("last_modified", got.last_modified)) if v}
    return entries, fresh


def pull(
    root: Path,
    folder: Path,
    feeds: tuple[Feed, ...],
    options: PullOptions,
    progress: Callable[[int, int], None] = lambda done, total: None,
    out: TextIO | None = None,
) -> Tally:
    session = Session.open(root, folder, dry_run=options.dry_run)
    cache = root / CACHE
    state = read_stamped(cache, "format", "1", "feeds")
    tally = Tally()
    limit = _HostLimit()
    lock = threading.Lock()

    def page(feed: Feed, entry: Entry) -> bool:
        """Import one entry; True when it is in the site afterwards."""
        try:
            with limit(entry.link):
                url, raw = fetch_page(entry.link, timeout=options.timeout)
            article = filled(from_page(raw, url, images=False), entry)
        except ImportFailure as exc:
            with lock:
                tally.failed.append(Problem(entry.link, None, None, str(exc)))
            return False
        if session.already(article.url, url):
            with lock:
                tally.already += 1
            return True
        if feed.source:
            article = replace(article, source=feed.source)
        if feed.topics:
            article = replace(article, topics=feed.topics)
        saved = session.save(article, entry.link, url)
        with lock:
            tally.added.append(saved)
            print(session.shown(saved.path), file=out or sys.stdout, flush=True)
        return True

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        listed = {}
        for feed in feeds:
            listed[feed] = pool.submit(_feed_entries, feed, state, options, limit)
        jobs: dict[Feed, list[Any]] = {}
        new_state: dict[str, dict[str, str]] = {}
        for feed, future in listed.items():
            try:
                entries, fresh = future.result()
            except (FetchError, FeedError) as exc:
                tally.failed.append(Problem(feed.url, None, None, str(exc)))
                continue
            tally.feeds += 1
            if fresh is not None:
                new_state[feed.url] = fresh
            todo = []
            for entry in entries:
                if session.already(entry.link):
                    tally.already += 1
                else:
                    todo.append(entry)
            jobs[feed] = [pool.submit(page, feed, entry) for entry in todo]
        total = sum(map(len, jobs.values()))
        done = 0
        progress(0, total)
        ok_feeds = set()
        for feed, futures in jobs.items():
            results = []
            for future in futures:
                results.append(future.result())
                done += 1
                progress(done, total)
            if all(results):
                ok_feeds.add(feed.url)
    if not options.dry_run:
        for url, fresh in new_state.items():
            if url in ok_feeds:
                state[url] = fresh
        write_stamped(cache, "format", "1", "feeds", state)
    return tally


def summary(tally: Tally) -> str:
    count = len(tally.added)
    feeds = tally.feeds
    line = f"Added {count} article{'s' * (count != 1)} from {feeds} feed{'s' * (feeds != 1)}"
    return line + f" ({len(tally.failed)} failed, {tally.already} already here)"
