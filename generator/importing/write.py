"""Writing an imported article: front matter and body, a new file, never a replaced one.

The file appears whole or not at all: it is written beside its target under a hidden name,
then linked into place (which fails rather than replace a file), so Ctrl-C or a crash leaves no
half-written article, and two imports of one headline get `-2`, `-3`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from generator.slugs import slugify
from generator.source.frontmatter import front_matter


@dataclass(frozen=True)
class Imported:
    """One article as found, before it is written."""

    title: str
    body: str  # Markdown
    date: datetime | date | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    draft: bool = False
    notes: tuple[str, ...] = ()  # what the user should know: a date guessed, ...


def url_key(url: str) -> str:
    """An address compared loosely: no fragment, no trailing slash, host in lower case."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("", host, path, parts.query, ""))


def front_date(value: datetime | date) -> datetime | date:
    """A day without a time is written as a day, a time with its offset."""
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == time(0):
        return value.date()
    return value


def article_text(article: Imported) -> str:
    author: Any = list(article.authors)
    if len(author) == 1:
        author = author[0]
    fields = {
        "title": article.title,
        "date": front_date(article.date) if article.date else None,
        "source": article.source,
        "url": article.url,
        "author": author,
        "topics": list(article.topics),
        "draft": article.draft,
    }
    return front_matter(fields, "\n" + article.body.strip("\n") + "\n")


def file_stem(article: Imported) -> str:
    day = article.date.date() if isinstance(article.date, datetime) else article.date
    slug = slugify(article.title) or "article"
    return f"{day.isoformat()}-{slug}" if day else slug


def free_path(folder: Path, stem: str, taken: Iterable[Path] = ()) -> Path:
    """`stem.md` in `folder`, or `stem-2.md`, `stem-3.md`, ... when taken."""
    reserved = set(taken)
    number = 1
    while True:
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        if not path.exists() and path not in reserved:
            return path
        number += 1


def write_new_file(folder: Path, stem: str, text: str) -> Path:
    """Create the article file atomically under a free name; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{stem}.{os.getpid()}.partial"
    try:
        tmp.write_text(text, encoding="utf-8")
        while True:
            path = free_path(folder, stem)
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile: never overwrites
                return path
            except FileExistsError:
                continue
    finally:
        tmp.unlink(missing_ok=True)


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


def known_urls(content: Path) -> dict[str, Path]:
    """The `url:` of every Markdown file under content/, by `url_key`."""
    found: dict[str, Path] = {}
    for path in sorted(content.rglob("*.md")) if content.is_dir() else ():
        try:
            head = path.read_text("utf-8", errors="replace")[:20_000]
        except OSError:
            continue
        match = _FRONT.match(head)
        if not match or "url:" not in match.group(1):
            continue
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            continue
        url = data.get("url") if isinstance(data, dict) else None
        if isinstance(url, str) and url.strip():
            found.setdefault(url_key(url), path)
    return found
