"""Stage 6: every output path with its template and inputs.

Two outputs claiming one path is an error naming both sources (Pelican's single-writer rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from . import urls
from .config import SiteConfig
from .errors import Problem, error
from .models import Article, Briefing, PageDoc
from .slugs import slugify


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
        base = slugify(name) or "source"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
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
        versions=versions or {},
    )


SITE_FILES = (
    Page("", "home.html", "home"),
    Page("briefings/", "briefings.html", "briefings"),
    Page("articles/", "archive.html", "archive"),
    Page("sources/", "sources.html", "sources"),
    Page("feed.xml", "feed.xml", "feed"),
    Page("sitemap.xml", "sitemap.xml", "sitemap"),
    Page("robots.txt", "robots.txt", "robots"),
    Page("404.html", "404.html", "404"),
)


def plan(site: Site) -> tuple[tuple[Page, ...], list[Problem]]:
    pages: list[Page] = [Page(p.path, p.template, p.kind, origin="the site") for p in SITE_FILES]
    if site.config.search:
        pages.append(Page("search/", "search.html", "search", origin="the site"))
    for b in site.briefings:
        origin = b.path or f"topic '{b.topics[0]}'"
        pages.append(Page(urls.briefing_path(b.slug), "briefing.html", "briefing", b.slug, origin))
        pages.append(
            Page(urls.briefing_path(b.slug) + "feed.xml", "feed.xml", "feed", b.slug, origin)
        )
    for a in site.articles:
        pages.append(Page(urls.article_path(a.slug), "article.html", "article", a.slug, a.path))
    for o in site.outlets:
        pages.append(
            Page(urls.source_path(o.slug), "source.html", "source", o.name, f"source '{o.name}'")
        )
    for p in site.pages:
        pages.append(Page(urls.page_path(p.slug), "page.html", "page", p.slug, p.path))
    return tuple(pages), _collisions(pages)


def _collisions(pages: list[Page]) -> list[Problem]:
    claimed: dict[str, Page] = {}
    problems = []
    for page in pages:
        first = claimed.setdefault(page.output, page)
        if first is not page:
            where = page.origin if "/" in page.origin else first.origin
            other = first.origin if where == page.origin else page.origin
            problems.append(error(where, 1, 1, f"/{page.path} is also produced by {other}"))
    return problems
