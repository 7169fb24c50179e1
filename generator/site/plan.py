"""Stage 6: every output path with its template and inputs.

Two outputs claiming one path is an error naming both sources (Pelican's single-writer rule).
"""

from __future__ import annotations

from generator import urls
from generator.errors import Problem, error
from generator.site.model import Page, Site

SITE_FILES = (
    Page("", "home.html", "home"),
    Page("briefings/", "briefings.html", "briefings"),
    Page("articles/", "archive.html", "archive"),
    Page("sources/", "sources.html", "sources"),
    Page("people/", "people.html", "people"),
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
    for person in site.people.people:
        origin = f"person '{person.name}'"
        pages.append(
            Page(urls.person_path(person.slug), "person.html", "person", person.slug, origin)
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
