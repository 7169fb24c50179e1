"""An article page's metadata: headline, publication date, outlet, canonical address, authors.

Structured data first (JSON-LD, then meta tags), then what a reader sees (the `<h1>`, the byline,
"Published ..." text, `<time>`), then htmldate. trafilatura's own metadata was measured to take
`<title>` or `og:title` over the visible headline, to convert or pick update dates, and to keep
roles and agencies in the author list; these rules are what it lacks (benchmarks/README.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from generator.importing.dates import parse_date, published_in_text
from generator.importing.names import author_names

ARTICLE_TYPES = ("article", "posting", "report")  # NewsArticle, LiveBlogPosting, Report, ...


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    date: datetime | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None


def _text(node: Any) -> str:
    return " ".join(node.text_content().split())


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, `@graph` members and lists flattened."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type", [])
    return [str(k).lower() for k in (kind if isinstance(kind, list) else [kind])]


def _ld_article(tree: Any) -> dict[str, Any]:
    for item in _json_ld(tree):
        if any(part in kind for kind in _types(item) for part in ARTICLE_TYPES):
            return item
    return {}


def _ld_names(value: Any, *, people_only: bool) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            orgs = ("organization", "newsmediaorganization")
            if people_only and any(k in orgs for k in _types(item)):
                continue
            if isinstance(item.get("name"), str):
                names.append(item["name"])
    return names


def _meta(tree: Any, *keys: str) -> list[str]:
    """Values of `<meta>` tags whose property, name or itemprop is one of `keys`."""
    found = []
    wanted = {k.lower() for k in keys}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        content = (node.get("content") or "").strip()
        if key in wanted and content:
            found.append(content)
    return found


def _class_has(node: Any, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(f"{node.get('class') or ''} {node.get('id') or ''}"))


_SITE_WORDS = re.compile(r"logo|brand|masthead|site-?name", re.IGNORECASE)


def headline(tree: Any, ld: dict[str, Any], site: str | None) -> str | None:
    """The page's own visible headline, then JSON-LD, og:title, and `<title>` less its suffix."""
    candidates = tree.xpath("//article//h1 | //main//h1") or tree.xpath("//h1")
    for node in candidates:
        text = _text(node)
        if text and text != site and not _class_has(node, _SITE_WORDS) and len(text) > 8:
            return text
    for value in (ld.get("headline"), *_meta(tree, "og:title", "twitter:title")):
        if isinstance(value, str) and value.strip():
            return strip_suffix(" ".join(value.split()), site)
    titles = tree.xpath("//title")
    return strip_suffix(_text(titles[0]), site) if titles and _text(titles[0]) else None


_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022\u00bb]\s+")


def strip_suffix(title: str, site: str | None) -> str:
    """`Talks resume | Example Wire` -> `Talks resume`: the last part goes when it names the
    site, or is as short as an outlet name after a bar or dash."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1].strip()
    names_site = site is not None and last.lower() == site.lower()
    looks_like_outlet = len(last.split()) <= 4 and " | " in title
    looks_like_outlet |= bool(re.search(r"\.\w{2,}$", last))  # a domain name
    if names_site or looks_like_outlet:
        cut = title.rfind(last)
        return title[:cut].rstrip(" |-\u2013\u2014:\u00b7\u2022\u00bb")
    return title


_UPDATED = re.compile(r"updat|modif|edited|entry|comment|live", re.IGNORECASE)
_PUBLISHED = re.compile(r"publish|posted|pubdate|dateline|created", re.IGNORECASE)


def _time_elements(tree: Any) -> datetime | None:
    """A `<time datetime>` that dates the article: marked as published, else the first that
    is not an update or a live-blog entry."""
    first = None
    for node in tree.iter("time"):
        value = parse_date(node.get("datetime") or "")
        if value is None:
            continue
        ancestors = [node, *list(node.iterancestors())[:3]]
        if node.get("itemprop") == "datePublished" or any(
            _class_has(a, _PUBLISHED) for a in ancestors
        ):
            return value
        if any(_class_has(a, _UPDATED) for a in ancestors):
            continue
        parent_text = _text(node.getparent()) if node.getparent() is not None else ""
        if re.match(r"\s*(updated|modified)", parent_text, re.IGNORECASE):
            continue
        first = first or value
    return first


def publication_date(tree: Any, ld: dict[str, Any], raw: str, url: str | None) -> datetime | None:
    structured = [ld.get("datePublished"), ld.get("dateCreated")]
    structured += _meta(
        tree,
        "article:published_time",
        "datePublished",
        "og:published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "citation_publication_date",
    )
    for value in structured:
        if isinstance(value, str) and (found := parse_date(value)):
            return found
    found = published_in_text(_text(tree.body) if tree.body is not None else "")
    if found:
        return found
    found = _time_elements(tree)
    if found:
        return found
    return _htmldate(raw, url)


def _htmldate(raw: str, url: str | None) -> datetime | None:
    from htmldate import find_date

    try:
        value = find_date(raw, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate has no error contract; a date is optional
        return None
    return parse_date(value) if value else None


def _domain_name(url: str | None) -> str | None:
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or None


def outlet(tree: Any, ld: dict[str, Any], url: str | None) -> str | None:
    publisher = _ld_names(ld.get("publisher"), people_only=False)
    if publisher:
        return publisher[0].strip()
    for value in _meta(tree, "og:site_name", "application-name", "publisher"):
        return value
    return _domain_name(url)


def canonical(tree: Any, ld: dict[str, Any], fetched: str | None) -> str | None:
    """The address the page names for itself, absolute and http(s); else the fetched one."""
    found = [n.get("href") for n in tree.xpath('//link[@rel="canonical"]')]
    found += _meta(tree, "og:url")
    entity = ld.get("mainEntityOfPage")
    found.append(entity.get("@id") if isinstance(entity, dict) else entity)
    found.append(ld.get("url"))
    for value in found:
        if isinstance(value, str) and value.strip():
            absolute = urljoin(fetched or "", value.strip())
            if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).netloc:
                return absolute
    return fetched


_BYLINE = re.compile(r"byline|author|story-?by|storyby|reporter|contributor|writer", re.IGNORECASE)


def authors(tree: Any, ld: dict[str, Any], site: str | None) -> tuple[str, ...]:
    """People who wrote it: JSON-LD persons, then meta tags, then the visible byline."""
    sources: list[list[str]] = [_ld_names(ld.get("author"), people_only=True)]
    sources.append([v for v in _meta(tree, "article:author", "author") if "//" not in v])
    sources.append([_text(a) for a in tree.xpath('//a[@rel="author"]')])
    bylines = (
        [
            n
            for n in tree.body.iter()
            if isinstance(n.tag, str)
            and n.tag in ("p", "div", "span", "address", "a", "li")
            and (_class_has(n, _BYLINE) or n.tag == "address")
            and len(_text(n)) < 160
        ]
        if tree.body is not None
        else []
    )
    sources.append([_text(n) for n in bylines[:3]])
    for found in sources:
        names = author_names(found, site)
        if names:
            return names
    return ()


def page_meta(raw: str, fetched_url: str | None) -> PageMeta:
    tree = lxml_html.document_fromstring(raw)
    return meta_of_tree(tree, raw, fetched_url)


def meta_of_tree(tree: Any, raw: str, fetched_url: str | None) -> PageMeta:
    ld = _ld_article(tree)
    url = canonical(tree, ld, fetched_url)
    site = outlet(tree, ld, url)
    description = next(iter(_meta(tree, "description", "og:description")), None)
    return PageMeta(
        title=headline(tree, ld, site),
        date=publication_date(tree, ld, raw, url),
        source=site,
        url=url,
        authors=authors(tree, ld, site),
        description=description,
    )
