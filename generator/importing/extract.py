"""A web page to an article: Markdown body (trafilatura) and metadata (`metadata`).

trafilatura finds the article's text well; measured on benchmarks/data/import it still keeps
the headline and standfirst as body, captions and credits, paywall prompts, promotions and
"contributed to this report" lines. So the page is first pruned of the page furniture that
its markup names (class or id tokens such as share, related, caption, paywall), and the
Markdown it gives is then filtered paragraph by paragraph with the boilerplate rules the
summaries already use (`text.sentences`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from generator.importing.metadata import PageMeta, meta_of_tree
from generator.importing.plaintext import clean_paragraphs, same_text


class NoArticle(Exception):
    """The page has no article text we could find."""


@dataclass(frozen=True)
class Extracted:
    meta: PageMeta
    body: str  # Markdown


# Elements never part of an article's text.
_DROP_TAGS = ("nav", "footer", "aside", "form", "button", "noscript", "template", "iframe", "svg")
_DROP_TAGS_NO_IMAGES = ("figure", "figcaption", "picture", "img", "amp-img")
# Class or id words that name furniture. Matched as whole words of the attribute, split at
# `-`, `_` and case changes, so "share-bar" and "ArticleShare" match but "shareholders" not.
_FURNITURE = frozenset(
    """share sharing sharedaddy social related recommended recommendations newsletter signup
    promo promotion advert adverts advertisement ad ads adspace sponsor sponsored comment
    comments cmt caption cutline credit byline byline-names author authors timestamp dateline
    subscribe paywall barrier premium popular breadcrumbs breadcrumb tags tools storytools
    toolbar cookie donate support epic banner onwards more widget rail sidebar skip
    newsletter-box contrib contributions tip correction kicker badge meta posted cta login
    alert ticker""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _is_furniture(node: Any) -> bool:
    attrs = f"{node.get('class') or ''} {node.get('id') or ''}"
    if not attrs.strip():
        return False
    words = {w.lower() for w in _WORD.findall(attrs)}
    return bool(words & _FURNITURE)


def prune(tree: Any, *, images: bool) -> None:
    """Remove furniture from the page (in place) before trafilatura reads it."""
    tags = _DROP_TAGS + (() if images else _DROP_TAGS_NO_IMAGES)
    doomed = [n for n in tree.iter(*tags)]
    body = tree.body
    if body is not None:
        for node in body.iter():
            if not isinstance(node.tag, str) or node.tag in ("body", "html", "main", "article"):
                continue
            if _is_furniture(node):
                doomed.append(node)
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()


def _safe_links(tree: Any, base: str | None) -> None:
    """Links made absolute; a link that is not http(s) or mailto keeps its text only."""
    for node in tree.iter("a"):
        href = (node.get("href") or "").strip()
        absolute = urljoin(base or "", href) if href else ""
        if urlsplit(absolute).scheme in ("http", "https", "mailto"):
            node.set("href", absolute)
        else:
            node.drop_tag()
    for node in tree.iter("img"):
        src = urljoin(base or "", (node.get("src") or "").strip())
        if urlsplit(src).scheme in ("http", "https"):
            node.set("src", src)
        else:
            node.drop_tree()


def _trafilatura_markdown(tree: Any, url: str | None, images: bool) -> str:
    import trafilatura

    text = trafilatura.extract(
        tree,
        url=url,
        output_format="markdown",
        include_formatting=True,
        include_links=True,
        include_images=images,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
    )
    return text or ""


def _blocks(markdown: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n\s*\n", markdown) if b.strip()]


def _plain(block: str) -> str:
    """A Markdown block's text, for comparisons: no markers, link targets or emphasis."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
    text = re.sub(r"^\s*(?:#+|>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`]+", "", text).strip()


def body_blocks(markdown: str, meta: PageMeta) -> list[str]:
    """The Markdown blocks that are article text: no repeated headline or standfirst, no
    boilerplate paragraphs."""
    blocks = _blocks(markdown)
    kept = []
    for i, block in enumerate(blocks):
        plain = _plain(block)
        if not plain:
            continue
        if i < 3 and meta.title and same_text(plain, meta.title):
            continue  # the headline, which is front matter
        if i < 3 and meta.description and same_text(plain, meta.description):
            continue  # the standfirst, which repeats the page's description
        kept.append((block, plain))
    cleaned = clean_paragraphs([plain for _, plain in kept])
    keep = set(cleaned)
    return [block for block, plain in kept if plain in keep]


def extract_page(raw: str, url: str | None, *, images: bool = False) -> Extracted:
    """Raises NoArticle when trafilatura finds no text."""
    tree = lxml_html.document_fromstring(raw)
    meta = meta_of_tree(tree, raw, url)
    prune(tree, images=images)
    _safe_links(tree, meta.url or url)
    blocks = body_blocks(_trafilatura_markdown(tree, meta.url or url, images), meta)
    if not blocks:
        raise NoArticle("no article text found")
    return Extracted(meta=meta, body="\n\n".join(blocks) + "\n")
