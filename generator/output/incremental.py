"""Which pages must be rendered again: a fingerprint of each page's inputs, kept between builds.

Each page type lists what its default template reads: an article page its document (by version),
the navigation and the briefings its topics belong to; a briefing page the briefing and the cards
of its articles; and so on. A page whose fingerprint matches the previous build's is not
rendered. The published build keeps fingerprints as hashes in `.briefings-cache/pages.json`; the
preview server keeps them in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import msgspec

from generator import PACKAGE_DIR
from generator.codedigest import code_digest
from generator.models import Article
from generator.site.model import Page, Site
from generator.stamped import read_stamped, write_stamped

MANIFEST = "pages.json"


def theme_digest(theme_dirs: Sequence[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for theme in theme_dirs:
        for path in sorted((theme / "templates").rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        manifest = theme / "theme.yaml"
        if manifest.is_file():
            digest.update(manifest.read_bytes())
    return digest.hexdigest()


def render_code(package_dir: Path = PACKAGE_DIR) -> str:
    """The code that turns a site into pages (the renderer, its filters and links) and decides
    what a page shows (this module): a new version of it renders every page again; a new CLI,
    importer or server keeps them."""
    modules = ("generator.output.render", "generator.output.incremental")
    return "-".join(code_digest(m, package_dir) for m in modules)


_RENDER_CODE = render_code()


def site_digest(site: Site, themes: str) -> str:
    """What every page shows: settings, navigation, the theme and the code that renders it."""
    nav = [(p.slug, p.title) for p in site.pages]
    text = repr((site.config, nav, themes, _RENDER_CODE))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# msgspec writes nested dataclasses out in C, about ten times faster than their repr; a value it
# does not know is written as its repr.
_ENCODER = msgspec.json.Encoder(enc_hook=repr)


def _hash(value: object) -> str:
    return hashlib.blake2b(_ENCODER.encode(value), digest_size=16).hexdigest()


class _Digests:
    """What many pages share (an article's card, a whole briefing), each made once: a briefing
    page lists hundreds of cards, and every page of a kind would hash them again.

    Cards are hashed only with `hashed`; a long-running process compares them as they are."""

    def __init__(self, site: Site, hashed: bool) -> None:
        self.site = site
        self.hashed = hashed
        self._cards: dict[str, object] = {}
        self._briefings: dict[str, str] = {}

    def card(self, slug: str) -> object:
        if slug not in self._cards:
            card = _card(self.site, self.site.article_by_slug[slug])
            self._cards[slug] = _hash(card) if self.hashed else card
        return self._cards[slug]

    def briefing(self, slug: str) -> str:
        if slug not in self._briefings:
            self._briefings[slug] = _hash(self.site.briefing_by_slug[slug])
        return self._briefings[slug]


def fingerprints(
    site: Site, pages: Sequence[Page], common: str, *, hashed: bool = True
) -> dict[str, object]:
    """What each page shows (with `common`: settings, navigation, theme), by output path.

    Each page type lists what its default template reads; a page is rendered again only when
    that changes. Documents stand in by their version (cache key), not their whole text.
    Hashed, a fingerprint is a short string to keep on disk; unhashed (`hashed=False`, for a
    caller that keeps them in memory) it is a tuple to compare, which saves hashing 5,000 pages.
    """
    digests = _Digests(site, hashed)
    prints: dict[str, object] = {}
    for page in pages:
        inputs = _inputs(site, page, digests)
        fields = (page.path, page.template, page.kind, page.key, page.origin)  # no slow repr
        found = (common, fields, inputs)
        prints[page.output] = _hash(found) if hashed else found
    return prints


def _inputs(site: Site, page: Page, digests: _Digests) -> object:
    kind, key = page.kind, page.key
    limits = site.config.limits
    if kind == "article":
        article = site.article_by_slug[key]
        briefings = [
            (t, site.briefing_of_topic[t], site.briefing_by_slug[site.briefing_of_topic[t]].title)
            for t in article.topics
        ]
        outlet = site.outlet_slug.get(article.source or "")
        people = [site.people.of(key, q.speaker) for q in article.key_quotes]  # speaker links
        return (_version(site, article), article.draft, briefings, outlet, people)
    if kind == "page":
        return next(p for p in site.pages if p.slug == key)
    if kind == "briefing":
        briefing = site.briefing_by_slug[key]
        members = [digests.card(slug) for slug in briefing.articles]
        related = [digests.briefing(slug) for slug in briefing.related]
        # Speaker links: "Who is quoted", and each key quote's speaker as its first report names it
        quoted = sorted(site.people.in_briefing.get(key, {}).items())
        speakers = [
            site.people.of(q.sources[0].article, q.quote.speaker) if q.sources else None
            for q in briefing.key_quotes
        ]
        return (digests.briefing(key), members, related, quoted, speakers)
    if kind == "person":
        person = site.people.by_slug[key]
        titles = [site.briefing_by_slug[g.briefing].title for g in person.groups if g.briefing]
        reports = [_report(site.article_by_slug[slug]) for slug in person.articles]
        return (person, titles, reports)
    if kind == "people":
        return [
            (p.slug, p.name, p.roles[:1], p.quotes, len(p.articles)) for p in site.people.people
        ]
    if kind == "source":
        outlet = next(o for o in site.outlets if o.name == key)
        return (outlet, [digests.card(slug) for slug in outlet.articles])
    if kind == "feed":
        slugs = site.briefing_by_slug[key].articles if key else [a.slug for a in site.articles]
        title = site.briefing_by_slug[key].title if key else ""
        newest = slugs[: limits.feed_entries]
        return (title, [_version(site, site.article_by_slug[s]) for s in newest])
    if kind == "home":
        newest = site.articles[: limits.articles_per_page]
        briefings = [digests.briefing(b.slug) for b in site.briefings]
        return (briefings, [digests.card(a.slug) for a in newest], len(site.articles))
    if kind == "briefings":
        return [digests.briefing(b.slug) for b in site.briefings]
    if kind == "archive":
        return [(a.slug, a.title, a.date, a.source) for a in site.articles]
    if kind == "sources":
        return [(o.name, o.slug, len(o.articles)) for o in site.outlets]
    if kind == "sitemap":
        return (
            [(a.slug, a.date) for a in site.articles],
            [(b.slug, b.updated) for b in site.briefings],
            [o.slug for o in site.outlets],
            [p.slug for p in site.pages],
            [(p.slug, p.latest) for p in site.people.people],
        )
    return ()  # robots.txt, 404, search: settings and navigation only


def _version(site: Site, article: Article) -> object:
    """The article itself, cheaply: the hash it is cached under stands for all its fields."""
    return site.versions.get(article.path) or article


def _report(article: Article) -> tuple[object, ...]:
    """What a person page shows of an article reporting a quote (its JSON-LD too)."""
    return (article.slug, article.title, article.date, article.source)


def _card(site: Site, article: Article) -> tuple[object, ...]:
    """What a page listing an article shows of it (not its body: that would cost time to hash)."""
    return (
        article.slug,
        article.title,
        article.date,
        article.source,
        site.outlet_slug.get(article.source or ""),
        article.url,
        article.authors,
        (article.summary.text, article.summary.automatic) if article.summary else None,
    )


def load_manifest(cache_dir: Path, output: Path) -> dict[str, str]:
    """Fingerprints of the pages in `output` as the last successful build wrote them."""
    return read_stamped(cache_dir / MANIFEST, "output", str(output), "pages")


def forget_manifest(cache_dir: Path) -> None:
    (cache_dir / MANIFEST).unlink(missing_ok=True)


def save_manifest(cache_dir: Path, output: Path, pages: dict[str, object]) -> None:
    write_stamped(cache_dir / MANIFEST, "output", str(output), "pages", pages)
