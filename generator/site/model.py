"""The site as data: every article, briefing, outlet, person and page that a page may show, and the
`Page` each output file is rendered from. Built once per build by `assemble`, read by every render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from generator import urls
from generator.models import Article, Briefing, PageDoc
from generator.site.people import People, people
from generator.slugs import slugify, unique_slug
from generator.source.config import SiteConfig


@dataclass(frozen=True)
class Outlet:
    """A source (outlet) and its articles, newest first."""

    name: str
    slug: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """Everything a page may show; built once per build, read by every render."""

    config: SiteConfig
    articles: tuple[Article, ...]  # newest first
    briefings: tuple[Briefing, ...]
    pages: tuple[PageDoc, ...]
    outlets: tuple[Outlet, ...]
    article_by_slug: dict[str, Article] = field(compare=False)
    briefing_by_slug: dict[str, Briefing] = field(compare=False)
    briefing_of_topic: dict[str, str] = field(compare=False)  # topic slug -> briefing slug
    outlet_slug: dict[str, str] = field(compare=False)  # outlet name -> slug
    people: People = field(compare=False)  # everyone quoted by name, and the speaker links
    # content path -> a hash of the file and of everything its document was derived with
    versions: dict[str, str] = field(compare=False, default_factory=dict)

    @property
    def updated(self) -> datetime | None:
        return self.articles[0].date if self.articles else None


@dataclass(frozen=True)
class Page:
    path: str  # site path: "" for home, "briefings/x/", "feed.xml"
    template: str
    kind: str
    key: str = ""  # slug of the article, briefing, page or outlet shown
    origin: str = ""  # what produced it, for messages: a content file or a topic

    @property
    def output(self) -> str:
        return urls.output_file(self.path)


def assemble(
    config: SiteConfig,
    articles: tuple[Article, ...],
    briefings: tuple[Briefing, ...],
    pages: tuple[PageDoc, ...],
    versions: dict[str, str] | None = None,
) -> Site:
    names: dict[str, list[str]] = {}
    for article in articles:
        if article.source:
            names.setdefault(article.source, []).append(article.slug)
    outlets = []
    taken: set[str] = set()
    for name, slugs in sorted(names.items(), key=lambda item: item[0].casefold()):
        # Outlets spelled alike ("The Times", "the times") get their own pages, not a clash.
        slug = unique_slug(slugify(name) or "source", taken)
        outlets.append(Outlet(name, slug, tuple(slugs)))
    topic_map: dict[str, str] = {}
    for b in briefings:
        for topic in b.topics:
            topic_map.setdefault(topic, b.slug)
    return Site(
        config=config,
        articles=articles,
        briefings=briefings,
        pages=pages,
        outlets=tuple(outlets),
        article_by_slug={a.slug: a for a in articles},
        briefing_by_slug={b.slug: b for b in briefings},
        briefing_of_topic=topic_map,
        outlet_slug={o.name: o.slug for o in outlets},
        people=people(articles, briefings),
        versions=versions or {},
    )
