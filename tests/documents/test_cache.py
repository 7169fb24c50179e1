"""The document cache: exact round trips, and a damaged cache is ignored, never trusted."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import article
from generator.documents.cache import (
    DocumentCache,
    dumps,
    entry_key,
    forget_memory,
    loads,
    shared,
)
from generator.documents.enrich import EnrichSettings
from generator.documents.process import process
from generator.source.discover import Source, digest
from generator.source.parse import ParseSettings

TEXT = article(
    title="Talks resume",
    date="2024-05-01T10:00:00+02:00",
    body='Officials met again.\n\n"We are back at the table," said Maria Lopez, a negotiator.\n',
    source="Example Wire",
    topics="[harbour]",
    mood="calm",
    tally="[1, 2]",
)


def parsed_example():
    data = TEXT.encode()
    return process(
        Source("content/articles/a.md", "article", data, digest(data)),
        ParseSettings(),
        EnrichSettings(),
    )


def test_a_document_survives_the_round_trip_exactly() -> None:
    parsed = parsed_example()
    assert parsed.document is not None and parsed.document.quotes  # something worth storing
    assert loads(dumps(parsed)) == parsed


def test_entries_are_found_again_and_corrupt_ones_ignored(tmp_path: Path) -> None:
    parsed = parsed_example()
    cache = DocumentCache(tmp_path)
    cache.put("ab" * 16, parsed)
    forget_memory()
    assert DocumentCache(tmp_path).get("ab" * 16) == parsed
    (tmp_path / "ab" / f"{'ab' * 16}.json").write_text('["os.system", {"x": 1}, []]')
    forget_memory()
    reader = DocumentCache(tmp_path)
    assert reader.get("ab" * 16) is None
    assert reader.corrupt == 1


def test_the_key_changes_with_bytes_path_and_settings() -> None:
    a = Source("content/articles/a.md", "article", b"x", digest(b"x"))
    b = Source("content/articles/a.md", "article", b"y", digest(b"y"))
    c = Source("content/articles/c.md", "article", b"x", digest(b"x"))
    settings = (ParseSettings(), EnrichSettings())
    keys = {entry_key(s, settings) for s in (a, b, c)}
    assert len(keys) == 3
    assert entry_key(a, settings) != entry_key(
        a, (ParseSettings(timezone="Europe/Paris"), EnrichSettings())
    )


def test_a_build_keeps_only_the_entries_its_files_use(site, run) -> None:
    root = site(
        {
            "content/articles/a.md": article(title="A"),
            "content/articles/b.md": article(title="B"),
        }
    )
    documents = root / ".briefings-cache" / "documents"
    assert run("build", "--config", root / "site.yaml", "--no-search")[0] == 0
    assert len(list(documents.rglob("*.json"))) == 2
    (root / "content/articles/a.md").write_text(article(title="A, edited"))
    (root / "content/articles/b.md").unlink()
    assert run("build", "--config", root / "site.yaml", "--no-search")[0] == 0
    assert len(list(documents.rglob("*.json"))) == 1


def test_discover_rereads_only_files_whose_stamp_changed(tmp_path: Path) -> None:
    from generator.source.discover import discover

    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    old, fresh = folder / "old.md", folder / "fresh.md"
    old.write_text("---\ntitle: Old\n---\nBody.\n")
    fresh.write_text("---\ntitle: Fresh\n---\nBody.\n")
    os.utime(old, (1_600_000_000, 1_600_000_000))  # long ago: its stamp can be trusted
    known: dict = {}
    first = {s.rel: s for s in discover(tmp_path, known)[0]}
    again = {s.rel: s for s in discover(tmp_path, known)[0]}
    assert again["content/articles/old.md"] is first["content/articles/old.md"]  # not read again
    # A file changed moments ago may change again within the same clock tick: always re-read.
    assert again["content/articles/fresh.md"] is not first["content/articles/fresh.md"]
    # Same size, same (old) mtime, new content written in place: the inode is the same, so only
    # the mtime tells, and the edit sets it. Rewriting by rename gives a new inode.
    old.write_text("---\ntitle: New\n---\nBody.\n")
    changed = {s.rel: s for s in discover(tmp_path, known)[0]}
    assert b"title: New" in changed["content/articles/old.md"].data
    replacement = folder / "tmp"
    replacement.write_text("---\ntitle: Odd\n---\nBody.\n")
    os.utime(replacement, (1_600_000_000, 1_600_000_000))
    os.utime(old, (1_600_000_000, 1_600_000_000))
    discover(tmp_path, known)  # trusts old.md's stamp again
    replacement.replace(old)  # same size and mtime as before, but another inode
    renamed = {s.rel: s for s in discover(tmp_path, known)[0]}
    assert b"title: Odd" in renamed["content/articles/old.md"].data


def test_documents_read_back_share_equal_parts_and_stay_equal(tmp_path: Path) -> None:
    parsed = parsed_example()
    cache = DocumentCache(tmp_path)
    cache.put("ab" * 16, parsed)
    cache.put("cd" * 16, parsed)
    forget_memory()
    one, two = DocumentCache(tmp_path).get("ab" * 16), DocumentCache(tmp_path).get("cd" * 16)
    assert one == two == parsed
    a, b = one.document, two.document
    assert a.terms and all(x is y for x, y in zip(a.terms, b.terms, strict=True))
    assert a.key_quotes and all(any(k is q for q in a.quotes) for k in a.key_quotes)
    assert a.source is b.source
    # What a worker sends back is shared the same way.
    sent = loads(dumps(parsed))
    kept = DocumentCache(None).put_memory("ef" * 16, sent)
    assert kept == sent and all(x is y for x, y in zip(kept.document.terms, a.terms, strict=True))
    assert shared(kept) == kept
