"""The frozen data that flows between build stages.

Every stage takes and returns these; nothing here is mutated after creation, which is what lets
per-file work run in parallel and be cached by content hash.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A direct quotation of speech, as a reader would take it from an article.

    `text` is without the outer quote marks. `paragraph` is the 0-based index into
    `Article.paragraphs` where the quotation starts, so pages can link to it (`#p-<n+1>`).
    """

    text: str
    speaker: str | None = None
    role: str | None = None
    curated: bool = False
    paragraph: int | None = None
    # Derived once per article in the cacheable enrich stage, so grouping never recomputes them:
    speech: bool = True  # False for scare quotes and labels, which never become key quotes
    key: str = ""  # normalised text: the same quote from several outlets has one key


@dataclass(frozen=True)
class Summary:
    """A short text; `automatic` is False when the curator wrote it."""

    text: str
    automatic: bool


@dataclass(frozen=True)
class Article:
    path: str  # relative to the site folder, POSIX separators
    slug: str
    title: str
    date: datetime  # timezone-aware
    source: str | None
    url: str | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]  # slugs
    topic_names: tuple[str, ...]  # as the curator wrote them, same order as `topics`
    draft: bool
    # The rendered body, zlib-compressed (see `html`): a site holds thousands of articles in
    # memory, and only an article's own page and the feeds read its body.
    body: bytes
    paragraphs: tuple[str, ...]  # plain text of each body paragraph, in reading order
    summary: Summary | None  # curator's or `<!--more-->` teaser; automatic fills it in enrich
    quotes: tuple[Quote, ...]  # every known quotation: curated first, then found in the text
    key_quotes: tuple[Quote, ...]  # the ones pages show, best first
    extra: tuple[tuple[str, Any], ...] = field(default=())  # unknown front-matter keys
    words: int = 0
    # What the article is about, for automatic topics: made once per file, in enrich.
    terms: tuple[tuple[str, float], ...] = ()
    auto_topics: bool = True  # False: the curator keeps this article out of automatic topics
    # The topics grouping placed it in (also in `topics`, after the curated ones).
    automatic_topics: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        """The rendered body."""
        return zlib.decompress(self.body).decode() if self.body else ""


def packed(html: str) -> bytes:
    """An article's rendered body as `Article.body` holds it: a fast zlib level is enough
    (news HTML shrinks to about 40%, and 5 KB costs 80 us)."""
    return zlib.compress(html.encode(), 1) if html else b""


@dataclass(frozen=True)
class BriefingDef:
    """A curator's file in content/briefings/: describes the briefing for one or more topics."""

    path: str
    slug: str
    title: str
    topics: tuple[str, ...]
    summary: str | None
    order: int | None
    intro_html: str
    extra: tuple[tuple[str, Any], ...] = ()
    automatic: bool = False  # a story that grouping formed, not a curator's file


@dataclass(frozen=True)
class PageDoc:
    """A standalone page from content/pages/ (About, Methodology)."""

    path: str
    slug: str
    title: str
    html: str
    extra: tuple[tuple[str, Any], ...] = ()


Document = Article | BriefingDef | PageDoc


@dataclass(frozen=True)
class QuoteSource:
    """Where a briefing's key quote was reported: the article and the paragraph."""

    article: str  # slug
    source: str | None  # outlet
    paragraph: int | None


@dataclass(frozen=True)
class BriefingQuote:
    quote: Quote
    sources: tuple[QuoteSource, ...]  # every outlet that reported it, newest first


@dataclass(frozen=True)
class Point:
    """One sentence of an automatic bottom line, linked to the article it came from."""

    text: str
    article: str  # slug


@dataclass(frozen=True)
class Briefing:
    slug: str
    title: str
    topics: tuple[str, ...]
    path: str | None  # the curator's file, if any
    intro_html: str
    summary: Summary | None  # the bottom line as text: curated, or the automatic points joined
    bottom_line: tuple[Point, ...]  # empty when the curator wrote the summary
    order: int | None
    articles: tuple[str, ...]  # slugs, newest first
    key_quotes: tuple[BriefingQuote, ...]
    sources: tuple[tuple[str, int], ...]  # outlet and article count, most first
    speakers: tuple[tuple[str, int], ...]  # who is quoted, with counts
    updated: datetime | None
    related: tuple[str, ...] = ()  # slugs of briefings sharing articles or topics
    automatic: bool = False  # a story grouped automatically, not a curator's topic
    # The articles grouped by the event they report: each a lead slug, then the others;
    # newest development first.
    developments: tuple[tuple[str, ...], ...] = ()
