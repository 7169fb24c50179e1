"""Extractive summaries of one article, and a briefing's bottom line across articles.

Both score sentences the same way: centrality (TF-IDF cosine to the centroid of the text's
content words) mixed with a position prior, because news puts its point first. Sentences that
lean on context they do not carry ("But…", "He added…"), that are mostly quotation, or that are
page furniture (see `sentences.is_boilerplate`) or headings and timestamps are demoted or
dropped. An article's summary is the best set of sentences for its character budget, in
article order.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from generator.text.sentences import (
    content_sentences,
    is_boilerplate,
    split_sentences,
    strip_dateline,
)
from generator.text.terms import terms

__all__ = ["BottomLineInput", "BottomLinePoint", "bottom_line", "summarize"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Text features ------------------------------------------------------------------------------


# Discourse connectives lean on the previous sentence; pronoun subjects even more so.
_CONNECTIVE_OPENER = re.compile(
    r"^[\"“\u2018'(]?\s*(?:But|And|Or|So|Yet|Nor|Also|However|Still|Meanwhile|Instead|Moreover|"
    r"Furthermore|Nevertheless|Nonetheless|Then|Thus|Therefore|Hence|Indeed|Likewise|Similarly|"
    r"Otherwise|Besides|Even so|That said|As a result|In addition|Additionally|In turn|"
    r"In response|By contrast|On the other hand|At the same time|Afterwards?|Later)\b"
)
_PRONOUN_OPENER = re.compile(
    r"^[\"“\u2018'(]?\s*(?:(?:Perhaps|Maybe|Probably|Possibly|Partly|Now|Still),?\s+)?"
    r"(?:He|She|It|They|We|I|You|His|Her|Its|Their|Our|This|That|These|Those|Him|Them|Here|"
    r"Such|Another|Others?|that|this|it)\b(?!-)"
)
# "Smith added that…", "…, Varriale added.", "He also said…": the speaker or the point was
# introduced earlier.
_CONTINUATION = re.compile(
    r"^(?:[A-Z][\w'\u2019.-]*\s+){1,2}(?:added|continued|went on|also said|also noted|later said)\b"
    r"|,[”\"]?\s+(?:[A-Z][\w'\u2019.-]*\s+){1,2}(?:added|continued|went on)\W*$"
    r"|^(?:\S+\s+){1,3}also\b"
)
# Hard-news sentences say when: "on Thursday", "early Tuesday", "published on Monday".
_NEWS_PEG = re.compile(
    r"(?<!\ba )(?<!\bon a )\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]his (?:week|morning|afternoon|evening))\b"
)
# ...or report what has happened: "28 countries have signed", "the Fed has raised rates".
_PERFECT_LEAD = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?!been\b)"
    r"(?:\w+(?:ed|en|wn|ght|ade|aid|one|ung)|won|hit|cut|set|led|met)\b"
)
# ...in the passive, which a scene-setting lede hardly ever uses: "has been found alive".
_PASSIVE_LEAD = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?been\s+(?:\w+ly\s+)?"
    r"(?:\w+(?:ed|en|wn|ght|ade|aid|ound|ung)|hit|cut|set|led|shut|put)\b"
)
_DIGIT = re.compile(r"\d")
_QUOTE_MARKS = "\"'\u201c\u2018"
# Double quotes, and the single quotes some outlets use ('…,' Mr Finch said): a single quote
# opens after a non-word character and closes before one, so apostrophes are not quotes.
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_SINGLE_QUOTED = re.compile(r"\u2018[^\u2019]*\u2019?|(?<!\w)'.+?(?:'(?!\w)|$)")
_SINGLE_OPENER = re.compile(r"(?:^|\W)['\u2018]")


def _quote_share(text: str) -> float:
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    if not quoted and _SINGLE_OPENER.search(text):  # most sentences have no single quotes
        quoted = sum(len(m.group()) for m in _SINGLE_QUOTED.finditer(text))
    return quoted / max(len(text), 1)


def _leans_on_context(text: str) -> bool:
    return bool(
        _CONNECTIVE_OPENER.match(text) or _PRONOUN_OPENER.match(text) or _CONTINUATION.match(text)
    )


# Spelled-out figures; looked up word by word, which is cheaper than one regex.
_LOWER_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
    "hundreds thousand thousands million millions billion billions half third quarter record"
)
_FIGURE_BONUS = 0.1


def _factual(text: str) -> float:
    """Figures are what highlights keep: a bonus for a sentence that has one."""
    figure = _DIGIT.search(text) or not _NUMBER_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))
    return 1 + _FIGURE_BONUS if figure else 1.0


def _lean_penalty(text: str) -> float:
    """Multiplier in (0, 1]: how much the sentence leans on the one before it."""
    if _PRONOUN_OPENER.match(text) or _CONTINUATION.match(text):
        return 0.5
    if _CONNECTIVE_OPENER.match(text):
        return 0.7
    return 1.0


def _form_penalty(text: str) -> float:
    """Multiplier in (0, 1]: quotation, questions and very short or long sentences."""
    factor = 1.0
    share = _quote_share(text)
    if share > 0.6:
        factor *= 0.35
    elif share > 0.35:
        factor *= 0.8
    if text.rstrip("”\u2019\"' ").endswith("?"):
        factor *= 0.5
    words = len(text.split())
    if words < 8:
        factor *= _SHORT
    elif words > 60:
        factor *= 0.8
    return factor


def _context_penalty(text: str) -> float:
    """Multiplier in (0, 1]: how well the sentence stands on its own in a summary."""
    return _lean_penalty(text) * _form_penalty(text)


# --- Vectors ----------------------------------------------------------------------------------

Vector = dict[str, float]


def _weights(docs: Sequence[list[str]]) -> list[Vector]:
    """TF-IDF weights, with the sentences as the documents for IDF."""
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    n = len(docs)
    return [
        {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in Counter(doc).items()}
        for doc in docs
    ]


def _norm(v: Vector) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def _unit(v: Vector, norm: float | None = None) -> Vector:
    """`v` scaled to length 1; pass its norm if it is already known."""
    scale = (_norm(v) if norm is None else norm) or 1.0
    return {t: w / scale for t, w in v.items()}


def _cosine(a: Vector, b: Vector) -> float:
    """Dot product; the cosine when both vectors are unit length."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _centrality(vectors: Sequence[Vector], norms: Sequence[float]) -> list[float]:
    """Similarity of each sentence to the centroid of the *others* (so none votes for itself),
    scaled to the best. A plain cosine flatters short sentences made of two frequent names, so a
    sentence's length (`norms`, of its weights before scaling) counts as at least the median's."""
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    total_sq = sum(w * w for w in total.values())
    ordered = sorted(norms)
    median = ordered[len(ordered) // 2] if ordered else 1.0
    scores: list[float] = []
    for v, norm in zip(vectors, norms, strict=True):
        dot = _cosine(v, total)
        rest_norm = math.sqrt(max(total_sq - 2 * dot + 1.0, 0.0)) or 1.0  # |total - v|
        shrink = norm / max(norm, median) if v else 0.0
        scores.append(max(dot - 1.0, 0.0) / rest_norm * shrink)
    top = max(scores, default=0.0) or 1.0
    return [s / top for s in scores]


# --- Article summary --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    order: int  # among the article's kept sentences
    paragraph: int


# A statement ends with terminal punctuation (perhaps inside closing quotes or brackets).
_STATEMENT_END = re.compile(r"[.!?…][\"'”\u2019)\]]*$")
_CLOCK = re.compile(r"^(?:\d{1,2}[:.]\d{2}|\d{1,2})\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\W*$", re.I)


def _is_fragment(text: str) -> bool:
    """Headings, labels and timestamps that pages leave between paragraphs ("Key points",
    "10:31 p.m.", "Here's what you need to know:", "FULL TIME: Vantara 3-1 Kelso"): no
    statement a reader could take alone."""
    return (
        len(text.split()) < 4 or not _STATEMENT_END.search(text) or _CLOCK.match(text) is not None
    )


# A source tag standing in for a dateline: "(CNN) — ", "(AP) - ".
_SOURCE_TAG = re.compile(r"^\((?:[A-Z][\w.&'-]*\s?){1,3}\)\s*[—\u2013-]{1,2}\s*(?=\S)")


def _strip_lead_in(text: str) -> str:
    return _SOURCE_TAG.sub("", strip_dateline(text), count=1)


def _article_sentences(paragraphs: Sequence[str]) -> list[_Sentence]:
    kept: list[_Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        for text in content_sentences(paragraph):
            text = _strip_lead_in(text)
            if not _is_fragment(text):
                kept.append(_Sentence(text, len(kept), p_index))
    if kept:
        return kept
    # Nothing but fragments: better one of them than nothing.
    return [
        _Sentence(_strip_lead_in(t), i, p)
        for i, (p, t) in enumerate(
            (p, t) for p, paragraph in enumerate(paragraphs) for t in content_sentences(paragraph)
        )
    ]


_POSITION_WEIGHT = 0.7  # exponent of position against centrality in a sentence's score
_SCENE_PRIOR = 0.1
_LEAD_SHARE = 0.9  # a lead without a news peg and less central than this is a scene-setter
_OPENING = 6  # ...compared with the best of this many opening sentences
_NUT_GRAF_CENTRALITY = 0.7
_PEGGED_CENTRALITY = 0.4  # a sentence with a news peg needs only to be on the topic
_NUT_GRAF_WINDOW = 12  # how far into a feature to look for its news ("nut graf")
_SHORT = 0.6
_CENTRALITY_FLOOR = 0.25
_POOL = 8  # the best sentences that a summary is chosen among
_TYPICAL_CHARS = 150  # a news sentence's length, for the length weight
_LENGTH_EXPONENT = 0.5
_REDUNDANCY_WEIGHT = 1.0
_WEAK = 0.3  # sentences scoring under this share of the best never pad a summary


def _position_prior(order: int) -> float:
    return 1.0 / (1.0 + order) ** 0.7


def _news_start(sentences: Sequence[_Sentence], centrality: Sequence[float]) -> int:
    """Index of the sentence that carries the news: the lead, unless the lead sets a scene.

    A hard-news lead says when (a weekday, "today"), reports what has happened ("have signed",
    "has been found") or is the most central sentence; a feature lead is none of these, and its
    news comes later in the first sentence that does have a peg, or else the first central
    sentence that stands on its own.
    """
    lead = sentences[0].text
    opening = max(centrality[:_OPENING])
    if (
        _NEWS_PEG.search(lead)
        or centrality[0] >= _LEAD_SHARE * opening
        or _PASSIVE_LEAD.search(lead)
        or (_PERFECT_LEAD.search(lead) and centrality[0] >= _PEGGED_CENTRALITY)
    ):
        return 0
    window = range(1, min(len(sentences), _NUT_GRAF_WINDOW))
    pegged = (
        i
        for i in window
        if _NEWS_PEG.search(sentences[i].text)
        and centrality[i] >= _PEGGED_CENTRALITY
        and _quote_share(sentences[i].text) < 0.35
    )
    central = (
        i
        for i in window
        if centrality[i] >= _NUT_GRAF_CENTRALITY and _context_penalty(sentences[i].text) >= 0.9
    )
    return next(pegged, next(central, 0))


def _scores(
    sentences: Sequence[_Sentence], vectors: Sequence[Vector], norms: Sequence[float]
) -> tuple[list[float], list[float], int]:
    """Each sentence's score standing alone, its score right after the sentence before it
    (when that one is in the summary too, "He added…" reads fine), and the index of the
    sentence that carries the news."""
    centrality = _centrality(vectors, norms)
    start = _news_start(sentences, centrality)
    scores, linked = [], []
    for s, c in zip(sentences, centrality, strict=True):
        # A feature's opening scene is colour, not news; it keeps a little weight for names.
        prior = _position_prior(s.order - start) if s.order >= start else _SCENE_PRIOR
        # A product, not a sum: a central sentence deep in the story (a feature's closing
        # scene) and an early one off the topic both lose.
        c = (c + _CENTRALITY_FLOOR) / (1 + _CENTRALITY_FLOOR)
        mixed = prior**_POSITION_WEIGHT * c ** (1 - _POSITION_WEIGHT)
        factual = _factual(s.text)
        value = mixed * factual * _form_penalty(s.text)
        lean = _lean_penalty(s.text)
        # “This is a historic day,” said…: a quotation opening with a pronoun leans on
        # nothing that the sentence before it could supply.
        linked.append(value * lean if s.text[:1] in _QUOTE_MARKS else value)
        scores.append(value * lean)
    return scores, linked, start


def _select(analysis: _Analysis, k: int, limit: int) -> list[int]:
    """The set of at most `k` sentences within `limit` characters worth most together: each
    sentence's score, weighted by its length (a longer sentence carries more of the story, and
    an unused budget carries none), less what pairs of them say twice. The news sentence is
    always in it if it fits. A sentence leaning on the one before counts at its linked score
    when that one is in the set too. Candidates are the best few; weak ones never pad."""
    texts, scores, linked = analysis.texts, analysis.scores, analysis.linked
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])[: max(_POOL, k + 2)]
    floor = _WEAK * scores[ranked[0]]
    pool = {i for i in ranked if scores[i] >= floor}
    pool |= {i + 1 for i in pool if i + 1 < len(texts) and linked[i + 1] >= floor}
    pool = {i for i in pool if len(texts[i]) <= limit}
    required = analysis.start if analysis.start in pool else None
    others = sorted(pool - {required})
    base = () if required is None else (required,)
    # Everything a set's value needs, once per candidate or pair.
    cost = {i: len(texts[i]) + 1 for i in pool}  # with the space before it
    alone = {i: scores[i] * (len(texts[i]) / _TYPICAL_CHARS) ** _LENGTH_EXPONENT for i in pool}
    after = {i: alone[i] * linked[i] / scores[i] if scores[i] else 0.0 for i in pool}
    overlap = {
        (a, b): _REDUNDANCY_WEIGHT * _cosine(analysis.vectors[a], analysis.vectors[b])
        for a, b in itertools.combinations(sorted(pool), 2)
    }
    introducers = {i: _introducers(texts, i) for i in pool}
    best: tuple[int, ...] = ()
    best_value = -math.inf
    for size in range(max(1 - len(base), 0), k - len(base) + 1):
        for rest in itertools.combinations(others, size):
            chosen = tuple(sorted(base + rest))
            if sum(cost[i] for i in chosen) - 1 > limit:
                continue
            members = set(chosen)
            values = [after[i] if i - 1 in members else alone[i] for i in chosen]
            value = sum(values) - sum(
                overlap[chosen[a], chosen[b]] * min(values[a], values[b])
                for a, b in itertools.combinations(range(len(chosen)), 2)
            )
            if value > best_value and all(
                introducers[i] is None or introducers[i] & members for i in chosen
            ):
                best, best_value = chosen, value
    return list(best)


# "Brook said …", "Xie, speaking through an interpreter, said …": a surname as the subject.
_SURNAME_OPENER = re.compile(
    r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:,[^,]{1,80},)?\s+"
    r"(?:said|says|told|added|noted|argued|warned|wrote|explained)\b"
)


def _introducers(texts: Sequence[str], index: int) -> set[int] | None:
    """For a sentence whose subject is a surname the article introduced earlier by full name
    ("Michael Brook … Brook said"), the earlier sentences that name that person, one of which a
    summary must keep: a reader of the summary alone would not know who Brook is. None for any
    other sentence."""
    opener = _SURNAME_OPENER.match(texts[index])
    if not opener:
        return None
    name = re.escape(opener.group(1))
    # A full name with the surname last ("Michael Brook") or first ("Xie Zhenhua").
    full = re.compile(rf"\b[A-Z][\w.'\u2019-]*\s+{name}\b|\b{name}\s+[A-Z][a-z]+\b")
    found = {j for j in range(index) if full.search(texts[j])}
    return found or None  # none: not a surname the story introduced (e.g. "Officials said")


@dataclass(frozen=True, slots=True)
class _Analysis:
    sentences: list[_Sentence]
    texts: list[str]
    vectors: list[Vector]  # unit TF-IDF, for redundancy
    scores: list[float]  # standing alone
    linked: list[float]  # right after the sentence before it
    start: int  # the sentence that carries the news


def _analyse(paragraphs: Sequence[str]) -> _Analysis | None:
    kept = _article_sentences(paragraphs)
    if not kept:
        return None
    weights = _weights([terms(s.text) for s in kept])
    norms = [_norm(w) for w in weights]  # each once: scaling and centrality both need them
    vectors = [_unit(w, norm) for w, norm in zip(weights, norms, strict=True)]
    scores, linked, start = _scores(kept, vectors, norms)
    return _Analysis(kept, [s.text for s in kept], vectors, scores, linked, start)


def summarize(paragraphs: Sequence[str], *, sentences: int = 3, max_chars: int = 420) -> str:
    """Automatic extractive summary, 2-3 sentences (never more than `sentences`, fewer if
    max_chars would be exceeded, at least one), in article order."""
    if sentences < 1:
        raise ValueError("sentences must be at least 1")
    analysis = _analyse(paragraphs)
    if analysis is None:
        return ""
    chosen = _select(analysis, sentences, max_chars)
    if not chosen:  # even the best sentence is too long: cut it at a word
        best = max(range(len(analysis.texts)), key=lambda i: analysis.scores[i])
        return _truncate(analysis.texts[best], max_chars)
    return " ".join(analysis.texts[i] for i in chosen)


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)].rsplit(" ", 1)[0].rstrip(",;:—\u2013- ")
    return cut + "…"


# --- Briefing bottom line ---------------------------------------------------------------------


@dataclass(frozen=True)
class BottomLineInput:
    key: str  # article slug
    date: datetime  # tz-aware
    paragraphs: tuple[str, ...]
    summary: str  # the article's summary (curated or automatic)


@dataclass(frozen=True)
class BottomLinePoint:
    text: str  # one short sentence
    key: str  # the article it came from (for the link)


@dataclass(frozen=True, slots=True)
class _Point:
    text: str
    article: int
    order: int  # position in the article; -1 for a curated summary sentence not in the body
    importance: float  # within its article, 0-1
    summary_rank: int | None  # position in the article's summary, if it is there


_POINT_GOOD_CHARS = 200  # a bottom-line point is one short sentence...
_POINT_MAX_CHARS = 320  # ...but a news lead runs long, and is often the point
_MMR_LAMBDA = 0.7
_DUPLICATE = 0.5  # cosine above which two points say the same thing
_RECENCY_HALF_LIFE_H = 48.0
_SPREAD = 0.15  # cost of each further point from an article already quoted


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _points_from(article: BottomLineInput, index: int) -> list[_Point]:
    """Candidate points: the article's summary sentences and its body sentences, each with
    its importance within the article (the summarizer's own score)."""
    summary = [strip_dateline(t) for t in split_sentences(article.summary)]
    rank = {_key(t): r for r, t in enumerate(summary)}
    analysis = _analyse(article.paragraphs)
    body = analysis.sentences if analysis else []
    top = max(analysis.scores, default=0.0) if analysis else 0.0
    in_body = {_key(s.text) for s in body}
    points = [_Point(t, index, -1, 1.0, rank[_key(t)]) for t in summary if _key(t) not in in_body]
    for s in body:
        importance = analysis.scores[s.order] / top if analysis and top else 0.0
        points.append(_Point(s.text, index, s.order, importance, rank.get(_key(s.text))))
    return [p for p in points if _usable_point(p.text)]


def _usable_point(text: str) -> bool:
    return (  # cheapest tests first
        len(text) <= _POINT_MAX_CHARS
        and len(text.split()) >= 6
        and not text.rstrip("”\u2019\"' ").endswith("?")
        and _quote_share(text) <= 0.5
        and not _leans_on_context(text)
        and not is_boilerplate(text)
    )


def _recency(articles: Sequence[BottomLineInput]) -> list[float]:
    newest = max(a.date for a in articles)
    hours = [(newest - a.date).total_seconds() / 3600 for a in articles]
    return [0.5 ** (h / _RECENCY_HALF_LIFE_H) for h in hours]


def _briefing_centrality(points: Sequence[_Point], vectors: Sequence[Vector]) -> list[float]:
    """Cosine to the briefing's centroid, each article weighted equally so that one long
    article cannot define what the briefing is about."""
    per_article: Counter[int] = Counter(p.article for p in points)
    centroid: Counter[str] = Counter()
    for p, v in zip(points, vectors, strict=True):
        centroid.update({t: w / per_article[p.article] for t, w in v.items()})
    norm = _norm(centroid) or 1.0
    central = [_cosine(v, centroid) / norm for v in vectors]
    top = max(central, default=0.0) or 1.0
    return [c / top for c in central]


def _relevance(
    points: Sequence[_Point], vectors: Sequence[Vector], articles: Sequence[BottomLineInput]
) -> list[float]:
    central = _briefing_centrality(points, vectors)
    recency = _recency(articles)
    relevance = []
    for p, c in zip(points, central, strict=True):
        # The summary, curated or automatic, already says where the article's news is.
        summary = 0.0 if p.summary_rank is None else 0.3 - 0.1 * min(p.summary_rank, 3)
        excess = max(len(p.text) - _POINT_GOOD_CHARS, 0) / (_POINT_MAX_CHARS - _POINT_GOOD_CHARS)
        length = 1.0 - 0.4 * excess
        value = 0.45 * p.importance + summary + 0.3 * c + 0.25 * recency[p.article]
        relevance.append(value * length)
    return relevance


def bottom_line(
    articles: Sequence[BottomLineInput], *, points: int = 4
) -> tuple[BottomLinePoint, ...]:
    """3-5 short sentences drawn across the briefing's articles: central and non-redundant (MMR),
    newest developments first, each with its source article key. With one article, up to
    `points` from that article."""
    if points < 1:
        raise ValueError("points must be at least 1")
    if not articles:
        return ()
    candidates = [p for i, a in enumerate(articles) for p in _points_from(a, i)]
    if not candidates:
        return ()
    vectors = [_unit(w) for w in _weights([terms(p.text) for p in candidates])]
    relevance = _relevance(candidates, vectors, articles)
    chosen = _mmr(candidates, vectors, relevance, points, single=len(articles) == 1)
    chosen.sort(
        key=lambda i: (
            -articles[candidates[i].article].date.timestamp(),
            candidates[i].article,
            candidates[i].order,
        )
    )
    return tuple(
        BottomLinePoint(candidates[i].text, articles[candidates[i].article].key) for i in chosen
    )


def _mmr(
    candidates: Sequence[_Point],
    vectors: Sequence[Vector],
    relevance: Sequence[float],
    k: int,
    *,
    single: bool,
) -> list[int]:
    chosen: list[int] = []
    used: Counter[int] = Counter()
    remaining = set(range(len(candidates)))
    while remaining and len(chosen) < k:
        best, best_value = -1, -math.inf
        for i in remaining:
            similarity = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if similarity > _DUPLICATE:
                continue  # the same news from another outlet or paragraph
            spread = 0.0 if single else _SPREAD * used[candidates[i].article]
            value = _MMR_LAMBDA * relevance[i] - (1 - _MMR_LAMBDA) * similarity - spread
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        used[candidates[best].article] += 1
        remaining.discard(best)
    return chosen
