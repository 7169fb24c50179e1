"""One SOURCE of `briefings add` to an `Imported` article: a web address, a saved page, a text
or Markdown file, or standard input."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from generator.importing.extract import NoArticle, extract_page
from generator.importing.fetch import FetchError, decode, fetch
from generator.importing.plaintext import parse_plain
from generator.importing.write import Imported


class ImportFailure(Exception):
    """Why one source could not be imported; shown as `SOURCE: message`."""


@dataclass(frozen=True)
class Overrides:
    """What the curator said on the command line; it beats what the page says."""

    topics: tuple[str, ...] = ()
    source: str | None = None
    date: date | None = None
    author: str | None = None
    draft: bool = False
    images: bool = False


def is_address(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def from_page(raw: str, fetched_url: str | None, images: bool) -> Imported:
    try:
        page = extract_page(raw, fetched_url, images=images)
    except NoArticle as exc:
        raise ImportFailure(str(exc)) from None
    meta = page.meta
    if not meta.title:
        raise ImportFailure("no headline found")
    return Imported(
        title=meta.title,
        body=page.body,
        date=meta.date,
        source=meta.source,
        url=meta.url,
        authors=meta.authors,
        notes=() if meta.date else ("no date found on the page; give one with --date",),
    )


def from_text(text: str, day: date, why: str) -> Imported:
    """Plain text has no date of its own: `day` is the one used, and `why` says where from."""
    article = parse_plain(text)
    if article is None or not article.paragraphs:
        raise ImportFailure("no article text found")
    return Imported(
        title=article.title,
        body="\n\n".join(article.paragraphs) + "\n",
        date=day,
        notes=(f"dated {day.isoformat()}, {why} (give the real date with --date)",),
    )


def fetch_page(url: str, *, timeout: float | None = None) -> tuple[str, str]:
    """(final address, page text)."""
    try:
        got = fetch(url, timeout=timeout)
        return got.url, decode(got.body, got.charset)
    except FetchError as exc:
        raise ImportFailure(str(exc)) from None


def load(source: str, images: bool = False, timeout: float | None = None) -> Imported:
    """Raises ImportFailure with a message for the user."""
    if is_address(source):
        url, raw = fetch_page(source, timeout=timeout)
        return from_page(raw, url, images)
    if source == "-":
        return from_text(sys.stdin.read(), date.today(), "today")
    path = Path(source)
    try:
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime)
    except FileNotFoundError:
        raise ImportFailure("no such file") from None
    except OSError as exc:
        raise ImportFailure(f"cannot read: {exc.strerror}") from None
    suffix = path.suffix.lower()
    try:
        text = decode(data, None)
    except FetchError as exc:
        raise ImportFailure(str(exc)) from None
    if suffix in (".html", ".htm"):
        return from_page(text, None, images)
    if suffix == ".md" and text.lstrip().startswith("---"):
        raise ImportFailure("already has front matter: it is an article file as it is")
    if suffix in (".txt", ".md", ".text", ""):
        return from_text(text, modified.date(), "the file's modification time")
    raise ImportFailure("not a web address, .html, .htm, .txt or .md file")


def overridden(article: Imported, flags: Overrides) -> Imported:
    """Flags win over what was found; a --date drops the note that the date was guessed."""
    changes: dict[str, object] = {"draft": flags.draft or article.draft}
    if flags.topics:
        changes["topics"] = flags.topics
    if flags.source:
        changes["source"] = flags.source
    if flags.author:
        changes["authors"] = (flags.author,)
    if flags.date:
        changes["date"] = flags.date
        changes["notes"] = ()
    return replace(article, **changes)  # type: ignore[arg-type]
