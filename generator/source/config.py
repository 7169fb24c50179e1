"""site.yaml: a declarative schema, validated on load, every problem reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ContentError, Problem, error, errors_only
from generator.source.frontmatter import utf8_text
from generator.source.schema import (
    Field,
    Reject,
    boolean,
    http_url,
    number_between,
    text,
    text_list,
    validate,
    whole_number,
)
from generator.source.themes import find_theme
from generator.source.yamldoc import YamlDoc, load_yaml

CONFIG_NAME = "site.yaml"


@dataclass(frozen=True)
class Limits:
    articles_per_page: int = 20  # latest articles on the home page
    quotes_per_article: int = 3
    quotes_per_briefing: int = 6
    summary_sentences: int = 3
    summary_chars: int = 420
    bottom_line_points: int = 4
    feed_entries: int = 30


@dataclass(frozen=True)
class TopicOptions:
    """`topics:`: automatic placement of untagged articles and story briefings. The defaults
    come from benchmarks/topics.py."""

    automatic: bool = True
    min_articles: int = 2  # a story needs this many articles, from two outlets or two days
    min_similarity: float = 0.15  # how alike, on average, the reports of one event are
    place_similarity: float = 0.08  # how close to a briefing's tagged articles an untagged
    # article must be to join it at once (or a report of its own event is in it already);
    # others may join later when most of their nearest articles are in that briefing
    place_margin: float = 0.01  # ...and how much closer to it than to the next briefing


@dataclass(frozen=True)
class MarkdownOptions:
    unsafe_html: bool = False  # raw HTML in Markdown passes, sanitised with nh3


@dataclass(frozen=True)
class Feed:
    """A feed `briefings pull` reads; include/exclude are keywords of title and summary."""

    url: str
    source: str | None = None  # the outlet's name, over what the pages say
    topics: tuple[str, ...] = ()
    include: tuple[str, ...] = ()  # keep only entries naming one of these
    exclude: tuple[str, ...] = ()  # drop entries naming any of these


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the folder holding site.yaml; content/ and themes/ are resolved here
    config_path: str  # as shown in messages, relative to root
    title: str = "Briefings"
    description: str = ""
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    author: str | None = None
    theme: str = "default"
    timezone: str = "UTC"
    cname: str | None = None
    search: bool = True
    limits: Limits = field(default_factory=Limits)
    markdown: MarkdownOptions = field(default_factory=MarkdownOptions)
    topics: TopicOptions = field(default_factory=TopicOptions)
    feeds: tuple[Feed, ...] = ()

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' at a domain's root, '/repo/' on a project site."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"


def _base_url(value: Any) -> str:
    url = http_url(value)
    return url if url.endswith("/") else url + "/"


def _timezone(value: Any) -> str:
    name = text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Reject(f"{name!r} is not a known time zone (e.g. UTC, Europe/London)") from None
    return name


def _language(value: Any) -> str:
    tag = text(value)
    if not all(part.isalnum() for part in tag.split("-")) or len(tag) > 35:
        raise Reject(f"{tag!r} is not a language tag (e.g. en, en-GB)")
    return tag


def _domain(value: Any) -> str:
    name = text(value).lower()
    if "/" in name or ":" in name or "." not in name or " " in name:
        raise Reject(f"{name!r} is not a domain name (e.g. news.example.org)")
    return name


def _theme_name(value: Any) -> str:
    name = text(value)
    if not name.replace("-", "").replace("_", "").isalnum():
        raise Reject(f"{name!r} is not a theme name (letters, digits, - and _)")
    return name


# Each default is declared once, on the dataclass: a key left out is simply not passed.
SCHEMA = {
    "title": Field(text),
    "description": Field(text),
    "base_url": Field(_base_url),
    "language": Field(_language),
    "author": Field(text),
    "theme": Field(_theme_name),
    "timezone": Field(_timezone),
    "cname": Field(_domain),
    "search": Field(boolean),
    "limits": Field(lambda v: v),
    "markdown": Field(lambda v: v),
    "topics": Field(lambda v: v),
    "feeds": Field(lambda v: v),
}

LIMITS_SCHEMA = {
    "articles_per_page": Field(whole_number(1, 1000)),
    "quotes_per_article": Field(whole_number(0, 50)),
    "quotes_per_briefing": Field(whole_number(0, 100)),
    "summary_sentences": Field(whole_number(1, 10)),
    "summary_chars": Field(whole_number(40, 5000)),
    "bottom_line_points": Field(whole_number(1, 10)),
    "feed_entries": Field(whole_number(1, 1000)),
}

MARKDOWN_SCHEMA = {"unsafe_html": Field(boolean)}

TOPICS_SCHEMA = {
    "automatic": Field(boolean),
    "min_articles": Field(whole_number(2, 100)),
    "min_similarity": Field(number_between(0.0, 1.0)),
    "place_similarity": Field(number_between(0.0, 1.0)),
    "place_margin": Field(number_between(0.0, 1.0)),
}

FEED_SCHEMA = {
    "url": Field(http_url, required=True),
    "source": Field(text),
    "topics": Field(text_list),
    "include": Field(text_list),
    "exclude": Field(text_list),
}


def _feeds(doc: YamlDoc, config_path: str) -> tuple[tuple[Feed, ...], list[Problem]]:
    raw = doc.value.get("feeds") if isinstance(doc.value, dict) else None
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        where = doc.where(("feeds",))
        return (), [error(config_path, *where, "feeds: must be a list of {url: ...} entries")]
    feeds, problems = [], []
    for i in range(len(raw)):
        label = f"feeds[{i + 1}]."
        values, found = validate(doc, FEED_SCHEMA, config_path, at=("feeds", i), label=label)
        problems += found
        if not errors_only(found):
            feeds.append(Feed(**_given(values, FEED_SCHEMA)))
    return tuple(feeds), problems


def _given(values: dict[str, Any], schema: dict[str, Field]) -> dict[str, Any]:
    """The settings the file gives; the others keep their dataclass defaults."""
    return {k: v for k, v in values.items() if k in schema and v is not None}


def parse_config(
    text_: str, root: Path, config_path: str
) -> tuple[SiteConfig | None, list[Problem]]:
    doc, problems = load_yaml(text_, config_path)
    if doc is None:
        return None, problems
    values, found = validate(doc, SCHEMA, config_path)
    problems += found
    limits, found = validate(doc, LIMITS_SCHEMA, config_path, at=("limits",), label="limits.")
    problems += found
    markdown, found = validate(
        doc, MARKDOWN_SCHEMA, config_path, at=("markdown",), label="markdown."
    )
    problems += found
    topics, found = validate(doc, TOPICS_SCHEMA, config_path, at=("topics",), label="topics.")
    problems += found
    feeds, found = _feeds(doc, config_path)
    problems += found
    if values.get("theme") and find_theme(root, values["theme"]) is None:
        where = doc.where(("theme",))
        problems.append(error(config_path, *where, f"theme: unknown theme '{values['theme']}'"))
    if errors_only(problems):
        return None, problems
    values.pop("__extra__", None)
    values = _given(values, SCHEMA)
    values["limits"] = Limits(**_given(limits, LIMITS_SCHEMA))
    values["markdown"] = MarkdownOptions(**_given(markdown, MARKDOWN_SCHEMA))
    values["topics"] = TopicOptions(**_given(topics, TOPICS_SCHEMA))
    values["feeds"] = feeds
    return SiteConfig(root=root, config_path=config_path, **values), problems


def load_config(config_file: Path) -> SiteConfig:
    """Read site.yaml; a missing file is fine only as an error message, never a traceback."""
    root = config_file.resolve().parent
    shown = config_file.name
    try:
        raw = config_file.read_bytes()
    except FileNotFoundError:
        raise ContentError([error(shown, 1, 1, "config file not found")]) from None
    except OSError as exc:
        raise ContentError([error(shown, 1, 1, f"cannot read config: {exc.strerror}")]) from None
    body, problems = utf8_text(raw, shown)
    if body is None:
        raise ContentError(problems)
    config, problems = parse_config(body, root, shown)
    if config is None:
        raise ContentError(problems)
    return config


def default_config(root: Path) -> SiteConfig:
    """Settings for files inspected outside any site."""
    return SiteConfig(root=root, config_path=CONFIG_NAME)
