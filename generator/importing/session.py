"""Saving imported articles into a site, as `add` and `pull` both do.

An address already in content/ is skipped (so a re-run adds nothing); every other article gets
a new file; `dry_run` finds everything and writes nothing.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from generator.errors import shown_path
from generator.importing.write import (
    Imported,
    article_text,
    file_stem,
    free_path,
    known_urls,
    url_key,
    write_new_file,
)


@dataclass(frozen=True)
class Saved:
    path: Path
    article: Imported
    written: bool  # False on a dry run


@dataclass
class Session:
    """The target folder and what is already in the site; safe to share between threads."""

    root: Path  # the site, for the paths we print
    folder: Path  # where new articles go
    dry_run: bool = False
    known: dict[str, Path] = field(default_factory=dict)
    planned: set[Path] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, root: Path, folder: Path, *, dry_run: bool = False) -> Session:
        known = known_urls(root / "content")
        if not folder.resolve().is_relative_to((root / "content").resolve()):
            known |= known_urls(folder)
        return cls(root=root, folder=folder, dry_run=dry_run, known=known)

    def shown(self, path: Path) -> str:
        return shown_path(path, self.root)

    def already(self, *urls: str | None) -> Path | None:
        """The file that already holds one of these addresses."""
        with self.lock:
            for url in urls:
                if url and (found := self.known.get(url_key(url))):
                    return found
        return None

    def save(self, article: Imported, *also: str | None) -> Saved:
        """Write the article (not on a dry run); `also` are addresses it was fetched under."""
        stem = file_stem(article)
        text = article_text(article)
        with self.lock:
            if self.dry_run:
                path = free_path(self.folder, stem, self.planned)
                self.planned.add(path)
            else:
                path = write_new_file(self.folder, stem, text)
            for url in (article.url, *also):
                if url:
                    self.known.setdefault(url_key(url), path)
        return Saved(path=path, article=article, written=not self.dry_run)

    def json_line(self, given: str, saved: Saved) -> str:
        article = saved.article
        value = article.date
        day = value.isoformat() if isinstance(value, date | datetime) else None
        return json.dumps(
            {
                "input": given,
                "path": self.shown(saved.path),
                "written": saved.written,
                "title": article.title,
                "date": day,
                "source": article.source,
                "url": article.url,
                "author": list(article.authors),
                "topics": list(article.topics),
                "draft": article.draft,
            },
            ensure_ascii=False,
        )
