"""Per-file work (parse, then enrich) for every source: cached by content hash, in parallel."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.documents.cache import CACHE_DIR, DocumentCache, entry_keys
from generator.documents.enrich import EnrichSettings, enrich
from generator.errors import Problem
from generator.models import Article, Document
from generator.source.config import SiteConfig
from generator.source.discover import Source
from generator.source.parse import Parsed, ParseSettings, parse
from generator.workers import FORK, worker_count

_PARALLEL_FROM = 200  # below this, starting workers costs more than it saves
# Documents per task. A worker holds a batch's documents until it sends them, so small batches
# keep the workers small, and the last ones end together instead of one worker finishing alone.
_BATCH = 50


def process(
    source: Source, parse_settings: ParseSettings, enrich_settings: EnrichSettings
) -> Parsed:
    parsed = parse(source, parse_settings)
    if isinstance(parsed.document, Article):
        return Parsed(enrich(parsed.document, enrich_settings), parsed.problems)
    return parsed


def settings_for(config: SiteConfig) -> tuple[ParseSettings, EnrichSettings]:
    limits = config.limits
    return (
        ParseSettings(config.timezone, config.markdown.unsafe_html),
        EnrichSettings(limits.summary_sentences, limits.summary_chars, limits.quotes_per_article),
    )


def _work(
    batch: Sequence[tuple[str, Source]],
    settings: tuple[ParseSettings, EnrichSettings],
    folder: Path | None,
) -> list[Parsed]:
    """Process a batch and store each result; runs in a worker process when the batch is large."""
    cache = DocumentCache(folder)
    results = []
    for key, source in batch:
        parsed = process(source, *settings)
        cache.put(key, parsed)
        results.append(parsed)
    return results


def process_sources(
    config: SiteConfig,
    sources: Sequence[Source],
    *,
    workers: int | None = None,
    use_cache: bool = True,
) -> tuple[list[Document], list[Problem], dict[str, str]]:
    """Documents and problems of every source, and each source's version (its cache key)."""
    settings = settings_for(config)
    folder = config.root / CACHE_DIR / "documents"
    cache = DocumentCache(folder)
    keys = entry_keys(sources, settings)
    results: dict[str, Parsed] = {}
    todo: list[tuple[str, Source]] = []
    for key, source in zip(keys, sources, strict=True):
        hit = cache.get(key) if use_cache else None
        if hit is None:
            todo.append((key, source))
        else:
            results[key] = hit
    workers = worker_count(workers)
    if workers <= 1 or len(todo) < _PARALLEL_FROM:
        batches = [todo]
        done = [_work(todo, settings, folder)]
    else:
        size = max(1, min(len(todo) // (workers * 4), _BATCH))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(workers, mp_context=FORK) as pool:
            done = list(
                pool.map(_work, batches, [settings] * len(batches), [folder] * len(batches))
            )
    for batch, parsed_batch in zip(batches, done, strict=True):
        for (key, _), parsed in zip(batch, parsed_batch, strict=True):
            results[key] = cache.put_memory(key, parsed)
    ordered = [results[k] for k in keys]
    documents = [r.document for r in ordered if r.document is not None]
    problems = [p for r in ordered for p in r.problems]
    versions = {source.rel: key for source, key in zip(sources, keys, strict=True)}
    return documents, problems, versions
