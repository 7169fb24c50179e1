"""Stage 5: gather articles into briefings. Global, so always recomputed; the two costly parts
(bottom line and key quotes) are memoised by their exact inputs, which a caller may persist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator.models import (
    Article,
    Briefing,
    BriefingDef,
    BriefingQuote,
    Point,
    Quote,
    QuoteSource,
    Summary,
)
from generator.site.memo import Memo, memo_key
from generator.site.topics import Graph, developments
from generator.text.quotes.extract import rank_quotes
from generator.text.summaries import BottomLineInput, bottom_line
from generator.workers import forked_pool, share, worker_count


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
    versions: Mapping[str, str] | None = None,
    workers: int | None = None,
    similar: Graph | None = None,
    same_event: float = 1.0,
) -> tuple[Briefing, ...]:
    """One briefing per curator file, plus one for every topic that no file covers.

    `articles` must be newest first. Briefings come out in curated `order`, then newest first.
    `versions` (article path -> content hash, as the cache keys them) lets the memo recognise
    unchanged articles without hashing their text. `workers` caps the processes that work out
    what the memo lacks (default: one per CPU). `similar` (how alike articles are, from
    automatic topics) groups each briefing's articles into developments: reports at least
    `same_event` alike on average are of one event.
    """
    memo = {} if memo is None else memo
    known = versions or {}

    def version(article: Article) -> str:
        return known.get(article.path) or memo_key(article)

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
    plans = []
    for d in (*definitions, *automatic):
        indexes = sorted({i for topic in d.topics for i in by_topic.get(topic, ())})
        members = [articles[i] for i in indexes]
        plans.append(_Plan(d, members, [version(a) for a in members]))
    limits = _Limits(quotes_per_briefing, bottom_line_points)
    _fill_memo(plans, limits, memo, workers)
    graph = similar or {}
    briefings = [
        replace(
            _briefing(plan, limits, memo),
            automatic=plan.definition.automatic,
            developments=developments(plan.members, graph, same_event),
        )
        for plan in plans
    ]
    briefings.sort(key=_display_order)
    return tuple(_with_related(briefings))


@dataclass(frozen=True)
class _Plan:
    """A briefing to make: its description, its member articles (newest first), their versions."""

    definition: BriefingDef
    members: list[Article]
    stamps: list[str]


@dataclass(frozen=True)
class _Limits:
    quotes: int  # key quotes per briefing
    points: int  # bottom-line points


# Below this many briefings to work out, a pool costs more than it saves (each takes tens of
# milliseconds: a bottom line analyses up to a dozen articles).
_PARALLEL_FROM = 4
# What the workers share with this process (fork inherits it): the plans, limits and memo.
_WORK: tuple[Sequence[_Plan], _Limits, Memo] | None = None


def _fill_memo(plans: Sequence[_Plan], limits: _Limits, memo: Memo, workers: int | None) -> None:
    """Work out, in worker processes, the memo entries the briefings lack (a cold build lacks
    all of them): they are the costly part of grouping. A briefing with every entry needs none."""
    global _WORK
    todo = [i for i, plan in enumerate(plans) if not _memoised(plan, limits, memo)]
    workers = worker_count(workers, len(todo))
    if workers <= 1 or len(todo) < _PARALLEL_FROM:
        return  # each briefing works out its own entries as it is made
    work = (plans, limits, memo)
    _set_work(work)  # this process works too
    try:  # a task is a plan's index: the articles are shared, never pickled
        with forked_pool(workers - 1, _set_work, work) as pool:
            for made in share(pool, _new_entries, todo):
                for key, value in made.items():
                    memo[key] = value  # item by item: a recording memo sees each
    finally:
        _WORK = None


def _set_work(work: tuple[Sequence[_Plan], _Limits, Memo]) -> None:
    global _WORK
    _WORK = work


def _new_entries(index: int) -> Memo:
    """The memo entries that making the briefing of `plans[index]` adds."""
    assert _WORK is not None
    plans, limits, memo = _WORK
    scratch = dict(memo)
    _briefing(plans[index], limits, scratch)
    return {key: value for key, value in scratch.items() if key not in memo}


def _memoised(plan: _Plan, limits: _Limits, memo: Memo) -> bool:
    return _quotes_key(plan, limits) in memo and (
        bool(plan.definition.summary) or _bottom_line_key(plan, limits) in memo
    )


def _display_order(b: Briefing) -> tuple[int, int, float, str]:
    updated = -b.updated.timestamp() if b.updated else 0.0
    return (b.order is None, b.order or 0, updated, b.slug)


def _briefing(plan: _Plan, limits: _Limits, memo: Memo) -> Briefing:
    """The briefing a plan describes; what the memo lacks is worked out and added to it."""
    d, members = plan.definition, plan.members
    if d.summary:
        summary, line = Summary(d.summary, automatic=False), ()
    else:
        line = _bottom_line(plan, limits, memo)
        summary = Summary(" ".join(p.text for p in line), automatic=True) if line else None
    key = _quotes_key(plan, limits)
    if key not in memo:
        memo[key] = _quote_facts(members, limits.quotes, memo)
    key_quotes, speakers = _revive_quote_facts(key, memo[key])
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
        speakers=speakers,
        updated=members[0].date if members else None,
    )


def _counted(names: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts = Counter(names)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))


# The bottom line tells the latest developments, and recency halves a sentence's weight every
# two days: articles beyond the newest dozen cannot win a point, but would cost time to score.
BOTTOM_LINE_ARTICLES = 12


def _bottom_line_key(plan: _Plan, limits: _Limits) -> str:
    return memo_key("bottom-line", limits.points, plan.stamps[:BOTTOM_LINE_ARTICLES])


def _quotes_key(plan: _Plan, limits: _Limits) -> str:
    return memo_key("quotes", limits.quotes, plan.stamps)


def _bottom_line(plan: _Plan, limits: _Limits, memo: Memo) -> tuple[Point, ...]:
    key = _bottom_line_key(plan, limits)
    if key not in memo:
        inputs = [
            BottomLineInput(a.slug, a.date, a.paragraphs, a.summary.text if a.summary else "")
            for a in plan.members[:BOTTOM_LINE_ARTICLES]
            if a.paragraphs
        ]
        memo[key] = [[p.text, p.key] for p in bottom_line(inputs, points=limits.points)]
    return tuple(Point(text, slug) for text, slug in memo[key])


def _quote_facts(members: Sequence[Article], limit: int, memo: Memo) -> dict[str, Any]:
    """The best quotes across the briefing (one quote reported by several outlets is one entry)
    and who is quoted how often, as plain data for the memo.

    Ranking is memoised by the candidate quotes themselves: most edits change no quote."""
    # Plain tuples, not dataclasses: this loop sees every quote of every member article.
    reported: dict[str, list[tuple[str, str | None, int | None]]] = {}
    candidates = []  # the first report of each quote, newest article first
    speakers = []  # one entry per quote of speech, so the counts say who is quoted how often
    for article in members:
        for quote in article.quotes:
            if not quote.speech:
                continue
            if quote.speaker:
                speakers.append(quote.speaker)
            if quote.key not in reported:
                candidates.append(quote)
            reported.setdefault(quote.key, []).append(
                (article.slug, article.source, quote.paragraph)
            )
    fields = [(q.text, q.speaker, q.role, q.curated, q.paragraph, q.key) for q in candidates]
    ranking = memo_key("ranking", limit, fields)
    if ranking not in memo:
        memo[ranking] = [candidates.index(q) for q in rank_quotes(candidates, limit)]
    chosen = [candidates[i] for i in memo[ranking]]
    return {
        "quotes": [
            [
                [q.text, q.speaker, q.role, q.curated, q.paragraph, q.speech, q.key],
                [list(s) for s in _distinct(reported[q.key])],
            ]
            for q in chosen
        ],
        "speakers": _counted(speakers),
    }


QuoteFacts = tuple[tuple[BriefingQuote, ...], tuple[tuple[str, int], ...]]
# Revived facts by memo key (a hash of their inputs, so never stale): a long-running process
# (the preview server) regroups after every edit, mostly from the same facts.
_REVIVED: dict[str, QuoteFacts] = {}
_REVIVED_LIMIT = 1024


def _revive_quote_facts(key: str, facts: dict[str, Any]) -> QuoteFacts:
    if key not in _REVIVED:
        if len(_REVIVED) >= _REVIVED_LIMIT:
            _REVIVED.clear()
        quotes = tuple(
            BriefingQuote(Quote(*fields), tuple(QuoteSource(*s) for s in sources))
            for fields, sources in facts["quotes"]
        )
        _REVIVED[key] = quotes, tuple((name, count) for name, count in facts["speakers"])
    return _REVIVED[key]


def _distinct(sources: list[tuple[str, str | None, int | None]]) -> list[tuple[object, ...]]:
    """The first report of a quote in each article (an article may repeat a quote)."""
    seen: set[str] = set()
    kept = []
    for s in sources:
        if s[0] not in seen:
            seen.add(s[0])
            kept.append(s)
    return kept


def _with_related(briefings: list[Briefing]) -> list[Briefing]:
    """Related briefings: those sharing the most articles (then topics), at most five."""
    members = {b.slug: set(b.articles) for b in briefings}
    result = []
    for b in briefings:
        scores = []
        for other in briefings:
            if other.slug == b.slug:
                continue
            shared = len(members[b.slug] & members[other.slug]) * 2 + len(
                set(b.topics) & set(other.topics)
            )
            if shared:
                scores.append((-shared, other.slug))
        result.append(replace(b, related=tuple(slug for _, slug in sorted(scores)[:5])))
    return result
