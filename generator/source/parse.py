"""Stage 3: one content file in, one validated document out. Pure, per file, cacheable.

Every mistake in a file is collected and returned with its line and column; nothing raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from generator.errors import Problem, error, errors_only
from generator.models import Article, BriefingDef, Document, PageDoc, Quote, Summary, packed
from generator.slugs import slug_from_filename, slugify, unsafe_slug_reason
from generator.source.discover import Source
from generator.source.frontmatter import decode, split
from generator.source.markdown import render_markdown
from generator.source.schema import (
    Field,
    Reject,
    boolean,
    date_or_datetime,
    http_url,
    text,
    text_list,
    validate,
    whole_number,
)
from generator.source.yamldoc import Invalid, YamlDoc, load_yaml
from generator.text.sentences import strip_dateline


@dataclass(frozen=True)
class ParseSettings:
    """The settings a parse depends on; part of the cache key."""

    timezone: str = "UTC"
    unsafe_html: bool = False


@dataclass(frozen=True)
class Parsed:
    document: Document | None
    problems: tuple[Problem, ...]


def _quotes(value: Any) -> tuple[Quote, ...]:
    if not isinstance(value, list):
        raise Reject("must be a list of quotes, each with text, speaker and role")
    quotes = []
    for number, item in enumerate(value, 1):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or "text" not in item:
            raise Reject(f"quote {number} needs at least 'text'")
        unknown = set(item) - {"text", "speaker", "role"}
        if unknown:
            name = sorted(unknown)[0]
            raise Reject(f"quote {number} has unknown key {name!r} (known: text, speaker, role)")
        try:
            fields = {k: text(v) if v is not None else None for k, v in item.items()}
        except Reject as exc:
            raise Reject(f"quote {number}: {exc}") from None
        quotes.append(
            Quote(fields["text"], fields.get("speaker"), fields.get("role"), curated=True)
        )
    return tuple(quotes)


def _topics(value: Any) -> tuple[str, ...]:
    names = text_list(value)
    for name in names:
        if not slugify(name):
            raise Reject(f"topic {name!r} has no letters or digits")
    return names


def _slug(value: Any) -> str:
    raw = text(value)
    reason = unsafe_slug_reason(raw)
    if reason:
        raise Reject(reason)
    return slugify(raw)


ARTICLE = {
    "title": Field(text, required=True),
    "date": Field(date_or_datetime, required=True),
    "source": Field(text),
    "url": Field(http_url),
    "author": Field(text_list, ()),
    "topics": Field(_topics, ()),
    "tags": Field(_topics, ()),
    "summary": Field(text),
    "quotes": Field(_quotes, ()),
    "draft": Field(boolean, False),
    "auto_topics": Field(boolean, True),
    "slug": Field(_slug),
}

BRIEFING = {
    "title": Field(text, required=True),
    "topics": Field(_topics, ()),
    "summary": Field(text),
    "order": Field(whole_number(-10_000, 10_000)),
    "slug": Field(_slug),
}

PAGE = {"title": Field(text, required=True), "slug": Field(_slug)}


def parse(source: Source, settings: ParseSettings) -> Parsed:
    text_, problems = decode(source.data, source.rel)
    if text_ is None:
        return Parsed(None, tuple(problems))
    parts, problems = split(text_, source.rel)
    if parts is None:
        return Parsed(None, tuple(problems))
    doc, problems = load_yaml(parts.yaml, source.rel, line_offset=1)
    if doc is None:
        return Parsed(None, tuple(problems))
    builder = _BUILDERS[source.kind]
    document, found = builder(source, doc, parts.body, settings)
    problems += found
    if errors_only(problems):
        document = None
    return Parsed(document, tuple(problems))


def _fields(
    doc: YamlDoc, schema: dict[str, Field], path: str
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The front matter's typed values, or None when any of them is an error."""
    if not isinstance(doc.value, dict):
        what = "empty" if doc.value is None else f"a {type(doc.value).__name__}"
        message = (
            f"front matter must be a mapping of keys to values (title: ..., date: ...), not {what}"
        )
        return None, [error(path, 2, 1, message)]
    values, problems = validate(doc, schema, path, unknown="warning")
    return (None if errors_only(problems) else values), problems


def _frozen(value: Any) -> Any:
    """Extra front matter as immutable plain data: what the cache stores is what a build sees."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value.raw if isinstance(value, Invalid) else value


def _extra(values: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, _frozen(v)) for k, v in values.get("__extra__", {}).items()))


def _stem_slug(source: Source, values: dict[str, Any]) -> str:
    return values.get("slug") or slug_from_filename(PurePosixPath(source.rel).stem)


def _aware(value: date | datetime, tz: ZoneInfo) -> datetime:
    """A date is midnight in the site's time zone; a datetime without offset is local too."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo else value.replace(tzinfo=tz)


def _article(
    source: Source, doc: YamlDoc, body: str, settings: ParseSettings
) -> tuple[Article | None, list[Problem]]:
    values, problems = _fields(doc, ARTICLE, source.rel)
    if values is None:
        return None, problems
    slug = _stem_slug(source, values)
    if not slug:
        problems.append(
            error(source.rel, 1, 1, "cannot make a URL slug from the file name: add 'slug:'")
        )
        return None, problems
    names = values["topics"] + values["tags"]
    topics: dict[str, str] = {}
    for name in names:
        topics.setdefault(slugify(name), name)
    rendered = render_markdown(body, unsafe_html=settings.unsafe_html)
    summary = None
    if values["summary"]:
        summary = Summary(values["summary"], automatic=False)
    elif rendered.teaser:  # the lead the curator marked, less its wire dateline ("SEOUL (AP) — ")
        summary = Summary(strip_dateline(" ".join(rendered.teaser)), automatic=False)
    quotes = values["quotes"]
    article = Article(
        path=source.rel,
        slug=slug,
        title=values["title"],
        date=_aware(values["date"], ZoneInfo(settings.timezone)),
        source=values["source"],
        url=values["url"],
        authors=values["author"],
        topics=tuple(topics),
        topic_names=tuple(topics.values()),
        draft=values["draft"],
        body=packed(rendered.html),
        paragraphs=rendered.paragraphs,
        summary=summary,
        quotes=quotes,
        key_quotes=quotes,
        extra=_extra(values),
        words=rendered.words,
        auto_topics=values["auto_topics"],
    )
    return article, problems


def _briefing(
    source: Source, doc: YamlDoc, body: str, settings: ParseSettings
) -> tuple[BriefingDef | None, list[Problem]]:
    values, problems = _fields(doc, BRIEFING, source.rel)
    if values is None:
        return None, problems
    slug = _stem_slug(source, values)
    topics = tuple(dict.fromkeys(slugify(t) for t in values["topics"])) or (slug,)
    rendered = render_markdown(body, unsafe_html=settings.unsafe_html)
    return BriefingDef(
        source.rel,
        slug,
        values["title"],
        topics,
        values["summary"],
        values["order"],
        rendered.html,
        _extra(values),
    ), problems


def _page(
    source: Source, doc: YamlDoc, body: str, settings: ParseSettings
) -> tuple[PageDoc | None, list[Problem]]:
    values, problems = _fields(doc, PAGE, source.rel)
    if values is None:
        return None, problems
    rendered = render_markdown(body, unsafe_html=settings.unsafe_html)
    slug = _stem_slug(source, values)
    return PageDoc(source.rel, slug, values["title"], rendered.html, _extra(values)), problems


_BUILDERS: dict[str, Callable[[Source, YamlDoc, str, ParseSettings], tuple[Any, list[Problem]]]] = {
    "article": _article,
    "briefing": _briefing,
    "page": _page,
}
