"""Markdown to HTML, plus the plain text of each paragraph for summaries and quotes.

Raw HTML in Markdown is escaped unless the site opts in; then it is sanitised with nh3 (Ammonia),
a maintained allow-list sanitiser, rather than a hand-written filter that would miss vectors.
Every paragraph gets an id (`p-1`, `p-2`, ...) so a quote can link to the paragraph it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rendered:
    html: str
    paragraphs: tuple[str, ...]
    teaser: tuple[str, ...]  # the paragraphs before <!--more-->; empty when there is no marker
    words: int


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def _safe_link(url: str) -> bool:
    """Links and images go to the web, to mail or within the site: never to script or data.

    markdown-it's own check lets `data:image/png` through; a published page should not carry it.
    """
    match = _SCHEME.match(url.strip())
    return match is None or match.group(1).lower() in _LINK_SCHEMES


@cache
def _parser(unsafe_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": unsafe_html, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _safe_link
    return md.use(footnote_plugin)


def render_markdown(source: str, *, unsafe_html: bool = False) -> Rendered:
    more_line = _more_line(source)
    if more_line is not None:
        source = MORE.sub("", source, count=1)
    md = _parser(unsafe_html)
    tokens = md.parse(source)
    paragraphs, teaser = _number_paragraphs(tokens, more_line)
    html = md.renderer.render(tokens, md.options, {})
    if unsafe_html:
        html = _sanitise(html)
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    return Rendered(html, tuple(paragraphs), tuple(teaser), words)


def _more_line(source: str) -> int | None:
    match = MORE.search(source)
    return None if match is None else source.count("\n", 0, match.start())


def _number_paragraphs(tokens: list[Token], more_line: int | None) -> tuple[list[str], list[str]]:
    """Give each paragraph an id and collect its plain text; demote h1 (the page's title is h1)."""
    paragraphs: list[str] = []
    teaser: list[str] = []
    container: Token | None = None  # a tight list's item carries the id of its hidden paragraph
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            container = token
        elif token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        elif token.type == "paragraph_open":
            text = plain_text(tokens[index + 1])
            if not text:
                continue
            paragraphs.append(text)
            target = container if token.hidden and container is not None else token
            target.attrSet("id", f"p-{len(paragraphs)}")
            if more_line is not None and token.map and token.map[1] <= more_line:
                teaser.append(text)
    return paragraphs, teaser


def plain_text(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
for _tag in ("p", "li", "h2", "h3", "h4", "h5", "h6", "section", "sup", "a"):
    _ATTRIBUTES.setdefault(_tag, set()).add("id")
# Only the ids this module and the footnote plugin make: a curator's `<p id="x">` could clobber
# a global of the page's scripts (DOM clobbering) or steal the id a quote links to.
_OUR_IDS = re.compile(r"p-\d+|fn\d+|fnref\d+(:\d+)?")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _OUR_IDS.fullmatch(value):
        return None
    return value


def _sanitise(html: str) -> str:
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(_LINK_SCHEMES),
    )
