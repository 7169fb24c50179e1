"""Stage 5: gather articles into briefings. Global, so always recomputed; the two costly parts
(bottom line and key quotes) are memoised by their exact inputs, which a caller may persist.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from .models import Article, Briefing, BriefingDef, BriefingQuote, Point, QuoteSource, Summary
from .quotes import rank_quotes
from .summaries import BottomLineInput, bottom_line

Memo = dict[str, Any]  # plain JSON-able values, keyed by a hash of the inputs


def topic_title(slug: str, spelled: Iterable[str]) -> str:
    """How to show a topic without a curator's title: the curator's spelling if it had capitals."""
    for name in spelled:
        if name != name.lower():
            return name
    return slug.replace("-", " ").capitalize()


def group(
    articles: Sequence[Article],
    definitions: Sequence[BriefingDef],
    *,
    quotes_per_briefing: int,
    bottom_line_points: int,
    memo: Memo | None = None,
) -> tuple[Briefing, ...]:
    """One briefing per curator file, plus one for every topic that no file covers.

    `articles` must be newest first. Briefings come out in curated `order`, then newest first.
    """
    memo = {} if memo is None else memo
    covered = {topic for d in definitions for topic in d.topics}
    spellings: dict[str, list[str]] = {}
    for article in articles:
        for slug, name in zip(article.topics, article.topic_names, strict=True):
            spellings.setdefault(slug, []).append(name)
    automatic = [
        BriefingDef(
            path="",
            slug=t,
            title=topic_title(t, names),
            topics=(t,),
            summary=None,
            order=None,
            intro_html="",
        )
        for t, names in spellings.items()
        if t not in covered
    ]
    by_topic: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        for topic in article.topics:
            by_topic.setdefault(topic, []).append(index)
    briefings = []
    for d in (*definitions, *automatic):
        indexes = sorted({i for topic in d.topics for i in by_topic.get(topic, ())})
        members = [articles[i] for i in indexes]
        briefings.append(_briefing(d, members, quotes_per_briefing, bottom_line_points, memo))
    briefings.sort(key=_display_order)
    return tuple(_with_related(briefings))


def _display_order(b: Briefing) -> tuple[int, int, float, str]:
    updated = -b.updated.timestamp() if b.updated else 0.0
    return (b.order is None, b.order or 0, updated, b.slug)


def _briefing(
    d: BriefingDef, members: Sequence[Article], quote_limit: int, points: int, memo: Memo
) -> Briefing:
    """The briefing `d` describes, from its member articles (newest first)."""
    if d.summary:
        summary, line = Summary(d.summary, automatic=False), ()
    else:
        line = _bottom_line(members, points, memo)
        summary = Summary(" ".join(p.text for p in line), automatic=True) if line else None
    key_quotes = _key_quotes(members, quote_limit, memo)
    speakers = Counter(q.speaker for a in members for q in a.quotes if q.speaker and q.speech)
    return Briefing(
        slug=d.slug,
        title=d.title,
        topics=d.topics,
        path=d.path or None,
        intro_html=d.intro_html,
        summary=summary,
        bottom_line=line,
        order=d.order,
        articles=tuple(a.slug for a in members),
        key_quotes=key_quotes,
        sources=_counted(a.source for a in members if a.source),
        speakers=_counted(speakers.elements()),
        updated=members[0].date if members else None,
    )


def _counted(names: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts = Counter(names)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))


# The bottom line tells the latest developments, and recency halves a sentence's weight every
# two days: articles beyond the newest dozen cannot win a point, but would cost time to score.
BOTTOM_LINE_ARTICLES = 12


def _memo_key(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _bottom_line(members: Sequence[Article], points: int, memo: Memo) -> tuple[Point, ...]:
    inputs = [
        BottomLineInput(a.slug, a.date, a.paragraphs, a.summary.text if a.summary else "")
        for a in members[:BOTTOM_LINE_ARTICLES]
        if a.paragraphs
    ]
    key = _memo_key("bottom-line", points, inputs)
    if key not in memo:
        memo[key] = [[p.text, p.key] for p in bottom_line(inputs, points=points)]
    return tuple(Point(text, slug) for text, slug in memo[key])


def _key_quotes(members: Sequence[Article], limit: int, memo: Memo) -> tuple[BriefingQuote, ...]:
    """The best quotes across the briefing; one quote reported by several outlets is one entry."""
    reported: dict[str, list[QuoteSource]] = {}
    candidates = []  # the first report of each quote, newest article first
    for article in members:
        for quote in article.quotes:
            if not quote.speech:
                continue
            if quote.key not in reported:
                candidates.append(quote)
            reported.setdefault(quote.key, []).append(
                QuoteSource(article.slug, article.source, quote.paragraph)
            )
    key = _memo_key("key-quotes", limit, candidates)
    if key not in memo:
        ranked = rank_quotes(candidates, limit)
        memo[key] = [candidates.index(q) for q in ranked]
    chosen = [candidates[i] for i in memo[key]]
    return tuple(BriefingQuote(q, _distinct(reported[q.key])) for q in chosen)


def _distinct(sources: list[QuoteSource]) -> tuple[QuoteSource, ...]:
    seen: set[str] = set()
    kept = []
    for s in sources:
        if s.article not in seen:
            seen.add(s.article)
            kept.append(s)
    return tuple(kept)


def _with_related(briefings: list[Briefing]) -> list[Briefing]:
    """Related briefings: those sharing the most articles (then topics), at most five."""
    result = []
    for b in briefings:
        scores = []
        for other in briefings:
            if other.slug == b.slug:
                continue
            shared = len(set(b.articles) & set(other.articles)) * 2 + len(
                set(b.topics) & set(other.topics)
            )
            if shared:
                scores.append((-shared, other.slug))
        result.append(replace(b, related=tuple(slug for _, slug in sorted(scores)[:5])))
    return result
