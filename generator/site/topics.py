"""Automatic topics: an untagged article joins the briefing it clearly belongs to, untagged
articles that report the same event form a story, and inside every briefing the articles are
grouped by the development they report.

Global but cheap: each article brings its term vector from the cached per-file step; here the
terms are weighed by how rare they are in the site (IDF) and compared. Two reports are of one
event when they share its words and names and were published within days of each other.
Every choice is made over sorted keys with ties broken by path, so the same content gives the
same stories whatever the file order or the number of workers.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

from generator.models import Article, BriefingDef
from generator.slugs import unique_slug
from generator.source.config import TopicOptions
from generator.text.terms import term_vector

Vector = dict[str, float]
Graph = Mapping[str, Mapping[str, float]]  # article path -> similar article path -> similarity


@dataclass(frozen=True)
class Placement:
    """Where an untagged article was placed: the briefing's topic, and the closest other."""

    topic: str
    title: str
    score: float
    runner_up: tuple[str, float] | None


@dataclass(frozen=True)
class AutoTopics:
    articles: tuple[Article, ...]  # as given, with automatic topics added
    stories: tuple[BriefingDef, ...]  # automatic story briefings
    placements: Mapping[str, Placement]  # by article path
    graph: Graph  # same-event similarity between articles, for developments
    story_members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # paths by slug


# Reports of one event come out within days; past two weeks, shared words are a coincidence.
_SAME_DAYS = 3.0
_MAX_DAYS = 14.0
_EDGE_FLOOR = 0.05  # weaker likeness is noise: kept, it would only slow the clustering
_CANDIDATE_TERMS = 24  # an article's strongest terms, enough to find the reports it shares
_RARE_SHARE = 0.05  # a term in more than this share of articles finds no one in particular
_TAG = re.compile(r"<[^>]+>")
_PLACING_ROUNDS = 16
# The first round places only articles this much closer to one briefing than to the next; each
# round asks a step less, down to `place_margin`, so the surest teach the briefings first.
_FIRST_MARGIN = 0.1
_MARGIN_STEP = 0.01
_NEIGHBOUR_WEIGHT = 1.0  # the pull of each same-event report already in a briefing
_NEIGHBOURS = 20  # the nearest other articles that vouch for an article's placing
_NEAREST_TERMS = 32  # an article's strongest weighted terms, enough to find its nearest


def auto_topics(
    articles: Sequence[Article],
    definitions: Sequence[BriefingDef],
    settings: TopicOptions,
) -> AutoTopics:
    """Place and group the articles without curated topics. `articles` are newest first, and
    come back in the same order."""
    vectors = _weighted([a.terms for a in articles])
    by_path = {a.path: v for a, v in zip(articles, vectors, strict=True)}
    graph = _similarity_graph(articles, by_path)
    if not settings.automatic:
        return AutoTopics(tuple(articles), (), {}, graph)
    open_ = [a for a in articles if a.auto_topics and not a.topics]
    placements = _place(articles, open_, definitions, by_path, graph, settings)
    rest = [a for a in open_ if a.path not in placements]
    stories = _stories(rest, graph, settings, _topic_slugs(articles, definitions))
    story_of = {path: story.slug for story, paths in stories for path in paths}
    titles = {s.slug: s.title for s, _ in stories}
    placed = []
    for article in articles:
        found = placements.get(article.path)
        slug, title = (found.topic, found.title) if found else (None, None)
        if article.path in story_of:
            slug = story_of[article.path]
            title = titles[slug]
        if slug is None or title is None:
            placed.append(article)
            continue
        placed.append(
            replace(
                article,
                topics=(*article.topics, slug),
                topic_names=(*article.topic_names, title),
                automatic_topics=(slug,),
            )
        )
    members = {story.slug: paths for story, paths in stories}
    return AutoTopics(tuple(placed), tuple(s for s, _ in stories), placements, graph, members)


def _topic_slugs(articles: Sequence[Article], definitions: Sequence[BriefingDef]) -> set[str]:
    slugs = {d.slug for d in definitions} | {t for d in definitions for t in d.topics}
    return slugs | {t for a in articles for t in a.topics}


# --- Weights ------------------------------------------------------------------------------


def _weighted(raw: Sequence[Iterable[tuple[str, float]]]) -> list[Vector]:
    """Unit TF-IDF vectors: a term in every article weighs nothing, the rarest weigh most."""
    docs = [dict(r) for r in raw]
    df = Counter(chain.from_iterable(docs))
    n = len(docs) + 1
    idf = {t: math.log(n / c) for t, c in df.items()}
    vectors = []
    for d in docs:
        v = {t: w * idf[t] for t, w in d.items()}
        norm = math.sqrt(sum([w * w for w in v.values()])) or 1.0
        vectors.append({t: w / norm for t, w in v.items() if w})
    return vectors


def _time_factor(days: float) -> float:
    """1 within a few days, falling to 0 at two weeks."""
    if days <= _SAME_DAYS:
        return 1.0
    return max(0.0, 1.0 - (days - _SAME_DAYS) / (_MAX_DAYS - _SAME_DAYS))


def _similarity_graph(articles: Sequence[Article], vectors: Mapping[str, Vector]) -> Graph:
    """Similarity of every two articles that share a rare term and came out within two weeks:
    their cosine, times how close in time they are. Two articles the curator put in different
    topics are never compared: no briefing or story can hold both."""
    chronological = sorted(articles, key=lambda a: (a.date, a.path))
    topics = [frozenset(a.topics) for a in chronological]
    days = [a.date.timestamp() / 86400 for a in chronological]
    units = [vectors[a.path] for a in chronological]
    keys = [frozenset(u) for u in units]  # intersected in C, pair after pair
    limit = max(8, int(len(articles) * _RARE_SHARE))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(chronological):
        for t, _ in article.terms[:_CANDIDATE_TERMS]:
            postings[t].append(index)
    graph: dict[str, dict[str, float]] = {a.path: {} for a in articles}
    for index, article in enumerate(chronological):
        near: set[int] = set()
        earliest = days[index] - _MAX_DAYS
        for t, _ in article.terms[:_CANDIDATE_TERMS]:
            posting = postings[t]
            if len(posting) > limit:
                continue
            # The older reports in the posting, back to two weeks before this one.
            end = bisect.bisect_left(posting, index)
            start = end
            while start and days[posting[start - 1]] >= earliest:
                start -= 1
            near.update(posting[start:end])
        v, own, mine = units[index], keys[index], topics[index]
        edges = graph[article.path]
        for other in near:
            if mine and topics[other] and not mine & topics[other]:
                continue
            u = units[other]
            cosine = sum([v[t] * u[t] for t in own & keys[other]])
            if cosine < _EDGE_FLOOR:
                continue
            sim = cosine * _time_factor(days[index] - days[other])
            if sim >= _EDGE_FLOOR:
                path = chronological[other].path
                edges[path] = graph[path][article.path] = round(sim, 6)
    return graph


# --- Placing ------------------------------------------------------------------------------


def _place(
    articles: Sequence[Article],
    open_: Sequence[Article],
    definitions: Sequence[BriefingDef],
    vectors: Mapping[str, Vector],
    graph: Graph,
    settings: TopicOptions,
) -> dict[str, Placement]:
    """Each open article's briefing, when it clearly belongs to one.

    First the sure ones: an article may join a briefing when it is close enough to what the
    curator tagged (the `place_similarity` of a centroid made of tagged articles only), or
    when a report of its own event already is in a briefing. Which briefing is decided by
    self-training, in rounds, the surest first: the articles placed in one round join their
    briefing's centroid for the next, so a briefing described by a handful of tagged articles
    learns the words of the many it gathers.

    Then the rest, vouched for by their neighbours: an article joins the briefing it is
    closest to when, of its `_NEIGHBOURS` nearest other articles (its own event's reports
    aside; fewer found count as none), at least as many are in that briefing as are in none.
    A broad briefing's articles sit among its other articles; an article of a subject no
    briefing covers sits among the others of that subject, which are in none, and stays out,
    however close its words come to a briefing's."""
    if not open_:
        return {}
    sums, titles = _targets(articles, definitions, vectors)
    if not sums:
        return {}
    member_of = {a.path: _first_target(a, definitions) for a in articles if a.topics}
    seed = _Centroids(sums)
    close = {a.path for a in open_ if seed.best(vectors[a.path]) >= settings.place_similarity}
    placements: dict[str, Placement] = {}
    learnt = (sums, titles, member_of, placements)
    _rounds(
        open_, vectors, graph, settings, lambda a, _: a.path in close, _FIRST_MARGIN, True, *learnt
    )
    waiting = [a.path for a in open_ if a.path not in placements]
    if waiting:
        near = _nearest(waiting, vectors, graph, _NEIGHBOURS)

        def vouched(article: Article, best: str) -> bool:
            votes = Counter(member_of.get(p, "") for p in near[article.path])
            votes[""] += _NEIGHBOURS - len(near[article.path])  # too few alike: no one near
            return votes[best] >= max(votes[""], 1)

        # Here a report of the same event does not open the way: an event no briefing covers
        # would carry its whole subject in, one event after the next.
        _rounds(open_, vectors, graph, settings, vouched, settings.place_margin, False, *learnt)
    return placements


def _rounds(
    open_: Sequence[Article],
    vectors: Mapping[str, Vector],
    graph: Graph,
    settings: TopicOptions,
    eligible: Callable[[Article, str], bool],
    first_margin: float,
    same_event_joins: bool,
    sums: dict[str, Counter[str]],
    titles: Mapping[str, str],
    member_of: dict[str, str],
    placements: dict[str, Placement],
) -> None:
    """Place, in rounds, the eligible open articles (or, with `same_event_joins`, those with a
    report of their event in a briefing) clearly closer to one briefing than to the next:
    first by `first_margin`, each round a step less, down to `place_margin`, then while any
    article still joins. What is placed joins its briefing's centroid (`sums`), `member_of`
    and `placements` for the next round."""
    centroids = _Centroids(sums)
    floor = settings.place_margin
    for round_ in range(_PLACING_ROUNDS):
        margin_needed = max(floor, first_margin - _MARGIN_STEP * round_)
        waiting = [a for a in open_ if a.path not in placements]
        if not waiting:
            break
        found: dict[str, Placement] = {}
        for article in waiting:
            scores = centroids.scores(vectors[article.path])
            same_event = False
            for other, sim in graph.get(article.path, {}).items():
                target = member_of.get(other)
                if target is not None:
                    scores[target] = scores.get(target, 0.0) + _NEIGHBOUR_WEIGHT * sim
                    same_event = same_event or sim >= settings.min_similarity
            ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
            if not ranked:
                continue
            (best, score), runner = ranked[0], ranked[1] if len(ranked) > 1 else None
            if not ((same_event and same_event_joins) or eligible(article, best)):
                continue
            if score - (runner[1] if runner else 0.0) >= margin_needed:
                found[article.path] = Placement(
                    best,
                    titles[best],
                    round(score, 4),
                    (runner[0], round(runner[1], 4)) if runner else None,
                )
        if not found and margin_needed <= floor:
            break
        for path, placement in sorted(found.items()):
            placements[path] = placement
            member_of[path] = placement.topic
            sums[placement.topic].update(vectors[path])
        if found:
            centroids = _Centroids(sums)


def _nearest(
    paths: Sequence[str], vectors: Mapping[str, Vector], graph: Graph, count: int
) -> dict[str, tuple[str, ...]]:
    """The `count` articles most like each of `paths` (by the cosine of their strongest
    terms), leaving out the reports of its own event: those stand or fall with it."""
    everyone = sorted(vectors)
    strongest = {
        path: heapq.nlargest(_NEAREST_TERMS, vectors[path].items(), key=lambda tw: (tw[1], tw[0]))
        for path in paths
    }
    wanted = {t for terms in strongest.values() for t, _ in terms}
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, path in enumerate(everyone):
        for t, w in vectors[path].items():
            if t in wanted:
                index[t].append((i, w))
    limit = max(_NEIGHBOURS, int(len(everyone) * _RARE_SHARE))  # common words: no one near
    for t in [t for t, posting in index.items() if len(posting) > limit]:
        del index[t]
    found = {}
    for path in paths:
        totals: dict[int, float] = defaultdict(float)
        for t, w in strongest[path]:
            for i, u in index.get(t, ()):
                totals[i] += w * u
        own = graph.get(path, {})
        ranked = heapq.nsmallest(
            count,
            (
                (-s, other)
                for i, s in totals.items()
                if (other := everyone[i]) != path and other not in own
            ),
        )
        found[path] = tuple(p for _, p in ranked)
    return found


class _Centroids:
    """Unit centroids of briefings, with an inverted index for scoring an article fast."""

    def __init__(self, sums: Mapping[str, Mapping[str, float]]) -> None:
        self.slugs = sorted(sums)
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for slot, slug in enumerate(self.slugs):
            for t, w in _unit(sums[slug]).items():
                self.index[t].append((slot, w))

    def scores(self, vector: Vector) -> dict[str, float]:
        totals = [0.0] * len(self.slugs)
        hit = False
        for t, w in vector.items():
            for slot, cw in self.index.get(t, ()):
                totals[slot] += w * cw
                hit = True
        if not hit:
            return {}
        return {slug: s for slug, s in zip(self.slugs, totals, strict=True) if s}

    def best(self, vector: Vector) -> float:
        return max(self.scores(vector).values(), default=0.0)


def _unit(total: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}


def _first_target(article: Article, definitions: Sequence[BriefingDef]) -> str:
    """The briefing a tagged article counts for: the file covering its first topic, else it."""
    first = article.topics[0]
    return next((d.topics[0] for d in definitions if first in d.topics), first)


def _targets(
    articles: Sequence[Article], definitions: Sequence[BriefingDef], vectors: Mapping[str, Vector]
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """Each briefing an article may join, by its first topic: its title and the sum of its
    tagged articles' vectors (a curator's file adds its title and introduction as one more)."""
    sums: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    first_topic: dict[str, str] = {}
    for d in definitions:
        if not d.topics:
            continue
        first_topic.update({t: d.topics[0] for t in d.topics})
        titles[d.topics[0]] = d.title
        intro = _TAG.sub(" ", d.intro_html)
        sums.setdefault(d.topics[0], Counter()).update(
            _weighted([term_vector(d.title, [intro])])[0]
        )
    for article in articles:
        for slug, name in zip(article.topics, article.topic_names, strict=True):
            target = first_topic.get(slug, slug)
            titles.setdefault(target, name)
            sums.setdefault(target, Counter()).update(vectors[article.path])
    return sums, titles


# --- Stories ------------------------------------------------------------------------------


def cluster(
    paths: Iterable[str],
    graph: Graph,
    threshold: float,
    days: Mapping[str, float] | None = None,
    span: float = math.inf,
) -> list[list[str]]:
    """Average-linkage clusters of `paths`: two groups merge while the mean similarity of their
    articles (pairs the graph lacks count as 0) is at least `threshold`, best pair first, and
    (given each path's `days`) while the group's reports are at most `span` days apart.
    Clusters come back sorted, each its paths sorted."""
    order = sorted(set(paths))
    position = {p: i for i, p in enumerate(order)}
    members: dict[int, list[int]] = {i: [i] for i in range(len(order))}
    links: dict[int, dict[int, float]] = {i: {} for i in range(len(order))}
    for i, path in enumerate(order):
        for other, sim in graph.get(path, {}).items():
            j = position.get(other)
            if j is not None and j != i:
                links[i][j] = sim
    version = dict.fromkeys(members, 0)
    heap: list[tuple[float, int, int, int, int]] = []
    when = [days[p] for p in order] if days is not None else None
    first = list(when) if when else []
    last = list(when) if when else []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        if when and max(last[a], last[b]) - min(first[a], first[b]) > span:
            return
        mean = links[a][b] / (len(members[a]) * len(members[b]))
        if mean >= threshold:
            heapq.heappush(heap, (-mean, a, b, version[a], version[b]))

    for a in links:
        for b in links[a]:
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        members[a] += members.pop(b)  # a < b: a group is known by its first article
        if when:
            first[a], last[a] = min(first[a], first[b]), max(last[a], last[b])
        for other, total in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] = links[a].get(other, 0.0) + total
                links[other][a] = links[a][other]
        links[a].pop(a, None)
        version[a] += 1
        for other in links[a]:
            push(a, other)
    return sorted(sorted(order[i] for i in group) for group in members.values())


def _stories(
    articles: Sequence[Article], graph: Graph, settings: TopicOptions, taken: set[str]
) -> list[tuple[BriefingDef, tuple[str, ...]]]:
    by_path = {a.path: a for a in articles}
    found = []
    for group in cluster(by_path, graph, settings.min_similarity):
        reports = [by_path[p] for p in group]
        outlets = {a.source for a in reports if a.source}
        days = {a.date.date() for a in reports}
        if len(reports) < settings.min_articles or (len(outlets) < 2 and len(days) < 2):
            continue
        found.append(reports)
    stories = []
    # Oldest stories first, so a slug goes to the story that had it first.
    for reports in sorted(found, key=lambda rs: min((a.date, a.path) for a in rs)):
        anchor = min(reports, key=lambda a: (a.date, a.path))  # stays as newer reports join
        slug = unique_slug(anchor.slug, taken)
        lead = central(reports, graph)
        story = BriefingDef(
            path="",
            slug=slug,
            title=lead.title,
            topics=(slug,),
            summary=None,
            order=None,
            intro_html="",
            automatic=True,
        )
        stories.append((story, tuple(a.path for a in reports)))
    return stories


def cohesion(path: str, members: Iterable[str], graph: Graph) -> float:
    """How alike an article is to the other members of its story, on average."""
    others = [m for m in members if m != path]
    near = graph.get(path, {})
    return round(sum(near.get(m, 0.0) for m in others) / max(len(others), 1), 4)


def central(reports: Sequence[Article], graph: Graph) -> Article:
    """The report most like the others: its headline names the event best."""
    paths = {a.path for a in reports}

    def closeness(a: Article) -> tuple[float, float, str]:
        near = graph.get(a.path, {})
        return (-sum(s for p, s in near.items() if p in paths), -a.date.timestamp(), a.path)

    return min(reports, key=closeness)


# One development is reported within a few days; what a briefing says a week later is the next.
DEVELOPMENT_DAYS = 3.0


def developments(
    articles: Sequence[Article], graph: Graph, threshold: float
) -> tuple[tuple[str, ...], ...]:
    """A briefing's articles (newest first) grouped by the event they report: each group its
    most central report first, then the others newest first; the newest development first."""
    by_path = {a.path: a for a in articles}
    rank = {a.path: i for i, a in enumerate(articles)}
    days = {a.path: a.date.timestamp() / 86400 for a in articles}
    groups = []
    for group in cluster(by_path, graph, threshold, days, DEVELOPMENT_DAYS):
        reports = sorted((by_path[p] for p in group), key=lambda a: rank[a.path])
        lead = central(reports, graph)
        rest = [a for a in reports if a is not lead]
        groups.append((min(rank[a.path] for a in reports), (lead.slug, *(a.slug for a in rest))))
    return tuple(slugs for _, slugs in sorted(groups))
