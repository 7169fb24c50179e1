"""Feeds: RSS and Atom through feedparser, JSON Feed read directly (feedparser 6.0 does not
read it), as one list of entries; keyword filters; what an entry tells about its article."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from generator.importing.dates import parse_date
from generator.importing.names import author_names
from generator.importing.write import Imported


class FeedError(Exception):
    """A feed we cannot read."""


@dataclass(frozen=True)
class Entry:
    link: str
    title: str | None = None
    summary: str | None = None
    date: datetime | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedDoc:
    title: str | None
    entries: tuple[Entry, ...]


def _json_feed(data: Any) -> FeedDoc:
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a JSON Feed (no items)")
    entries = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if not isinstance(link, str):
            continue
        people = item.get("authors") or ([item["author"]] if item.get("author") else [])
        names = [p.get("name", "") for p in people if isinstance(p, dict)]
        published = item.get("date_published")
        entries.append(
            Entry(
                link=link,
                title=item.get("title") if isinstance(item.get("title"), str) else None,
                summary=item.get("summary") if isinstance(item.get("summary"), str) else None,
                date=parse_date(published) if isinstance(published, str) else None,
                authors=author_names(names, None),
            )
        )
    title = data.get("title")
    return FeedDoc(title=title if isinstance(title, str) else None, entries=tuple(entries))


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        raw = entry[key] if key in entry else None  # noqa: SIM401 (.get("updated") warns)
        if isinstance(raw, str) and (found := parse_date(raw)):
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry[key] if key in entry else None  # noqa: SIM401
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def parse_feed(body: bytes, content_type: str = "") -> FeedDoc:
    """The feed's entries in its own order; raises FeedError when it is not a feed."""
    if "json" in content_type or body.lstrip()[:1] == b"{":
        try:
            return _json_feed(json.loads(body))
        except ValueError:
            raise FeedError("not valid JSON") from None
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS, Atom or JSON feed")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        names = [a.get("name", "") for a in item.get("authors", []) if isinstance(a, dict)]
        if not names and item.get("author"):
            names = [item["author"]]
        entries.append(
            Entry(
                link=link.strip(),
                title=item.get("title"),
                summary=item.get("summary"),
                date=_entry_date(item),
                authors=author_names(names, None),
            )
        )
    return FeedDoc(title=parsed.feed.get("title"), entries=tuple(entries))


def _mentions(entry: Entry, words: Sequence[str]) -> bool:
    text = f"{entry.title or ''} {re.sub(r'<[^>]+>', ' ', entry.summary or '')}".casefold()
    return any(re.search(rf"\b{re.escape(w.casefold())}\b", text) for w in words)


def wanted(
    entry: Entry, include: Sequence[str], exclude: Sequence[str], since: date | None
) -> bool:
    """Keyword filters on title and summary (whole words, any case), and --since."""
    if include and not _mentions(entry, include):
        return False
    if exclude and _mentions(entry, exclude):
        return False
    return not (since and entry.date and entry.date.date() < since)


def filled(article: Imported, entry: Entry) -> Imported:
    """The feed's title, date and authors where the page gave none."""
    return replace(
        article,
        title=article.title or entry.title or article.title,
        date=article.date or entry.date,
        authors=article.authors or entry.authors,
        notes=() if (entry.date and not article.date) else article.notes,
    )
