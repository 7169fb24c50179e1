"""The document cache: exact round trips, and a damaged cache is ignored, never trusted."""

from __future__ import annotations

from pathlib import Path

from conftest import article
from generator.cache import DocumentCache, encode, entry_key, forget_memory, loads
from generator.discover import Source, digest
from generator.enrich import EnrichSettings
from generator.parse import ParseSettings
from generator.pipeline import process

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
    import json

    assert loads(json.dumps(encode(parsed))) == parsed


def test_entries_are_found_again_and_corrupt_ones_ignored(tmp_path: Path) -> None:
    parsed = parsed_example()
    cache = DocumentCache(tmp_path)
    cache.put("ab" * 16, parsed)
    forget_memory()
    assert DocumentCache(tmp_path).get("ab" * 16) == parsed
    (tmp_path / "ab" / f"{'ab' * 16}.json").write_text('{"__t": "os.system", "x": 1}')
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
