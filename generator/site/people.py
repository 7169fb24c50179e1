"""Everyone quoted in the site, one identity each: the people pages and the speaker links.

A speaker is kept as written in each quote ("Kim Jong-un", "Mr. Kim", "Kim"). Here the site's
spellings become people:

- A full name (two words or more, after leading honorifics and titles) is one person per
  spelling up to case, accents, hyphens and honorifics: "Kim Jong-un" is "Kim Jong Un".
  Different full names stay different people, even when they share a surname.
- A bare surname (or honorific and surname: "Mr. Kim") is the person whose full name it ends
  or, family name first, starts with: the one the same article names in full (as a speaker or
  in its text) if exactly one; otherwise the only one in the site. With two candidates it stays
  unresolved, on no page. A bare name with no full name anywhere is on no page either: nothing
  says who it is (and it is usually an institution: "the Fed said").
- Organisations are left out: an acronym ("KCNA"), or a name with organisation words
  ("Biden administration", "South Korea's unification ministry") and no role.

Pure: articles and briefings in, `People` out. Scare quotes and labels with a speaker count
too: "Kim warned the situation was 'tense'" is Kim's word, and often the only one reported.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from generator.models import Article, Briefing, Quote, QuoteSource
from generator.slugs import slugify, unique_slug
from generator.text.lexicon import HONORIFICS, ORG_NAME_WORDS, TITLE_WORDS

_ACRONYM = re.compile(r"[A-Z]{2,6}")
_POSSESSIVE = re.compile("['\u2019]s$")  # straight or typographic
_TITLES = frozenset(HONORIFICS) | TITLE_WORDS
_UNSEEN = object()


@dataclass(frozen=True)
class Said:
    """One quotation of a person, with every article of a briefing that reported it."""

    text: str
    role: str | None  # as the newest report gives it
    speech: bool  # False: a phrase quoted in the reporting ("called it 'historic'")
    reports: tuple[QuoteSource, ...]  # newest first; `paragraph` is 0-based, or None


@dataclass(frozen=True)
class Group:
    """A person's quotes in one briefing (None: articles in no briefing), newest first."""

    briefing: str | None
    quotes: tuple[Said, ...]


@dataclass(frozen=True)
class Person:
    slug: str
    name: str  # the site's most frequent spelling of the full name
    names: tuple[str, ...]  # every other spelling quotes use, most frequent first
    roles: tuple[str, ...]  # distinct, as the articles give them, most frequent first
    groups: tuple[Group, ...]  # newest first
    quotes: int  # distinct quotations (one reported by three outlets counts once)
    reports: int  # quotations counted per article that reports them
    articles: tuple[str, ...]  # slugs of the reporting articles, newest first
    latest: datetime


@dataclass(frozen=True)
class People:
    people: tuple[Person, ...]  # most quoted first
    by_slug: dict[str, Person] = field(compare=False)
    # (article slug, speaker as written) -> person slug, for every speaker that is a person
    speakers: dict[tuple[str, str], str] = field(compare=False)
    # briefing slug -> speaker as written -> person slug: "Who is quoted" links a name only when
    # every member article's use of it is that one person
    in_briefing: dict[str, dict[str, str]] = field(compare=False)

    def of(self, article: str, speaker: str | None) -> str | None:
        return self.speakers.get((article, speaker)) if speaker else None


@dataclass(frozen=True)
class _Name:
    tokens: tuple[str, ...]  # slugified words, honorifics and leading titles dropped
    key: str  # the identity of a full name

    @property
    def full(self) -> bool:
        return len(self.tokens) >= 2


@functools.lru_cache(maxsize=65536)
def _word_slug(word: str) -> str:
    return slugify(word)  # slugify is slow, and names share words


def _parse(speaker: str, role: str | None) -> _Name | None:
    """The name a speaker string gives, or None for an organisation or a non-name."""
    words = speaker.split()
    if not any(w[:1].isupper() for w in words):
        return None  # "the ministry", "officials"
    if len(words) == 1 and _ACRONYM.fullmatch(words[0]):
        return None
    if role is None and any(_POSSESSIVE.sub("", w.lower()) in ORG_NAME_WORDS for w in words):
        return None
    # "Foreign Minister Chung Eui-yong", "Mr. Kim": the name follows the last title word.
    titles = [i for i, w in enumerate(words[:-1]) if w.lower() in _TITLES and w[:1].isupper()]
    words = words[titles[-1] + 1 :] if titles else words
    tokens = tuple(t for t in map(_word_slug, words) if t)
    if not tokens:
        return None
    return _Name(tokens, "-".join(tokens))


@dataclass
class _Quoted:
    """A quotation of one person as it is being collected: its first (newest) report's text and
    role, and its reports by article."""

    text: str
    role: str | None
    speech: bool
    reports: dict[str, QuoteSource] = field(default_factory=dict)


class _Resolver:
    """Bare names to full names: in the article first, then in the site."""

    def __init__(self, full: Iterable[_Name], spellings: Mapping[str, Counter[str]]) -> None:
        self.spellings = spellings
        parts: dict[str, set[str]] = {}  # a surname or family name -> full-name keys
        for name in full:  # every spelling: "Kim Jong-un" ends in "jong-un", "Kim Jong Un" in "un"
            for part in (name.tokens[-1], name.tokens[0]):
                parts.setdefault(part, set()).add(name.key)
        self.by_part = {part: sorted(keys) for part, keys in parts.items()}

    def resolve(self, name: _Name, article: Article, named: set[str]) -> str | None:
        if name.full:
            return name.key
        candidates = self.by_part.get(name.tokens[0], [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        here = [key for key in candidates if key in named or self._in_text(key, article)]
        return here[0] if len(here) == 1 else None

    def _in_text(self, key: str, article: Article) -> bool:
        spellings = [s.casefold() for s in self.spellings[key]]
        return any(s in p.casefold() for p in article.paragraphs for s in spellings)


def people(articles: Sequence[Article], briefings: Sequence[Briefing]) -> People:
    """Everyone quoted by name in `articles` (newest first), grouped by `briefings`."""
    parsed: dict[tuple[str, str | None], _Name | None] = {}

    def name_of(q: Quote) -> _Name | None:
        assert q.speaker
        found = parsed.get((q.speaker, q.role), _UNSEEN)
        if found is _UNSEEN:
            found = parsed[q.speaker, q.role] = _parse(q.speaker, q.role)
        return found  # type: ignore[return-value]

    # Each article's speakers and their parsed names, once: the passes below read them twice.
    quoting: list[tuple[Article, list[tuple[Quote, _Name | None]]]] = []
    full: set[_Name] = set()
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        named = [(q, name_of(q)) for q in a.quotes if q.speaker]
        quoting.append((a, named))
        for q, n in named:
            if n and n.full:
                full.add(n)
                spellings[n.key][q.speaker] += 1  # type: ignore[index]
    resolver = _Resolver(full, spellings)

    resolved: dict[tuple[str, str], str | None] = {}  # (article, speaker) -> full-name key
    said: dict[str, dict[str, _Quoted]] = {}  # full-name key -> quote key -> its reports
    roles: defaultdict[str, Counter[str]] = defaultdict(Counter)
    role_spelling: dict[str, str] = {}
    for a, named in quoting:
        in_full = {n.key for _, n in named if n and n.full}
        mine: list[tuple[str, Quote]] = []
        for q, n in named:
            where = (a.slug, q.speaker or "")
            if where not in resolved:
                resolved[where] = n and resolver.resolve(n, a, in_full)
            key = resolved[where]
            if key is not None:
                mine.append((key, q))
        for key, q in _whole(mine):
            of_person = said.get(key)
            if of_person is None:
                of_person = said[key] = {}
            entry = of_person.get(q.key)
            if entry is None:
                entry = of_person[q.key] = _Quoted(q.text, q.role, q.speech)
            earlier = entry.reports.get(a.slug)
            if earlier is None or earlier.paragraph is None:
                # An article may repeat a quote: its first report, but with a paragraph to
                # link to when a later one has it.
                entry.reports[a.slug] = QuoteSource(a.slug, a.source, q.paragraph)
            if q.role:
                folded = q.role.casefold()
                role_spelling.setdefault(folded, q.role)
                roles[key][folded] += 1

    dates = {a.slug: a.date for a in articles}
    order = {a.slug: i for i, a in enumerate(articles)}  # newest first
    member_of: dict[str, list[str]] = {}
    for b in briefings:
        for slug in b.articles:
            member_of.setdefault(slug, []).append(b.slug)
    slugs = _slugs(sorted(said))

    found = []
    for key, quotes in said.items():
        spelled = [s for s, _ in sorted(spellings[key].items(), key=lambda i: (-i[1], i[0]))]
        # Reports were collected article by article, newest first: already in date order.
        every = [Said(q.text, q.role, q.speech, tuple(q.reports.values())) for q in quotes.values()]
        articles_of = sorted({r.article for s in every for r in s.reports}, key=order.__getitem__)
        counted = roles[key]
        found.append(
            Person(
                slug=slugs[key],
                name=spelled[0],
                names=tuple(spelled[1:]),
                roles=tuple(role_spelling[r] for r, _ in counted.most_common()),
                groups=_groups(every, member_of, order),
                quotes=len(every),
                reports=sum(len(s.reports) for s in every),
                articles=tuple(articles_of),
                latest=dates[articles_of[0]],
            )
        )
    found.sort(key=lambda p: (-p.quotes, -p.reports, p.name.casefold(), p.slug))
    speakers = {where: slugs[key] for where, key in resolved.items() if key is not None}
    return People(
        people=tuple(found),
        by_slug={p.slug: p for p in found},
        speakers=speakers,
        in_briefing={b.slug: _links(b, articles, resolved, slugs, order) for b in briefings},
    )


def _whole(quotes: list[tuple[str, Quote]]) -> list[tuple[str, Quote]]:
    """An article's quotes less those inside a longer one of the same person: a curator often
    quotes a sentence of what the text quotes in full."""
    texts: dict[str, set[str]] = defaultdict(set)  # each person's quote keys in the article
    for key, q in quotes:
        texts[key].add(q.key)
    return [
        (key, q)
        for key, q in quotes
        if len(texts[key]) == 1 or not any(q.key != o and q.key in o for o in texts[key])
    ]


def _slugs(keys: Iterable[str]) -> dict[str, str]:
    """A URL segment per person, from the full name; in key order, so the same site gives the
    same slugs (a clash is possible only through slugify's length limit)."""
    taken: set[str] = set()
    slugs = {}
    for key in keys:
        slugs[key] = unique_slug(slugify(key) or "person", taken)
    return slugs


def _groups(
    every: list[Said], member_of: dict[str, list[str]], order: dict[str, int]
) -> tuple[Group, ...]:
    """The quotes in each briefing of their reporting articles, newest first; a quote reported
    in two briefings is in both, each with its own reports."""
    grouped: dict[str | None, list[Said]] = {}
    outside: list[str | None] = [None]
    for s in every:
        by_briefing: dict[str | None, list[QuoteSource]] = {}
        for r in s.reports:
            for b in member_of.get(r.article) or outside:
                by_briefing.setdefault(b, []).append(r)
        if len(by_briefing) == 1:  # the usual case: every report in the same briefings
            [(b, reports)] = by_briefing.items()
            if len(reports) == len(s.reports):
                grouped.setdefault(b, []).append(s)
                continue
        for b, reports in by_briefing.items():
            grouped.setdefault(b, []).append(Said(s.text, s.role, s.speech, tuple(reports)))

    def newest(s: Said) -> tuple[int, int]:
        first = s.reports[0]
        return order[first.article], first.paragraph if first.paragraph is not None else -1

    groups = [Group(b, tuple(sorted(quotes, key=newest))) for b, quotes in grouped.items()]
    groups.sort(key=lambda g: (newest(g.quotes[0]), g.briefing is None, g.briefing or ""))
    return tuple(groups)


def _links(
    briefing: Briefing,
    articles: Sequence[Article],
    resolved: dict[tuple[str, str], str | None],
    slugs: dict[str, str],
    order: dict[str, int],
) -> dict[str, str]:
    seen: dict[str, set[str | None]] = {}
    for slug in briefing.articles:
        for q in articles[order[slug]].quotes:
            if q.speaker:
                seen.setdefault(q.speaker, set()).add(resolved.get((slug, q.speaker)))
    return {
        name: slugs[keys.pop()]
        for name, keys in seen.items()
        if len(keys) == 1 and None not in keys
    }
