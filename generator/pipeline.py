"""Per-file work (parse, then enrich) for every source: in parallel, every problem collected."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from .config import SiteConfig
from .discover import Source
from .enrich import EnrichSettings, enrich
from .errors import Problem
from .models import Article, Document
from .parse import ParseSettings, Parsed, parse

_PARALLEL_FROM = 300  # below this, starting workers costs more than it saves


def process(
    source: Source, parse_settings: ParseSettings, enrich_settings: EnrichSettings
) -> Parsed:
    parsed = parse(source, parse_settings)
    if isinstance(parsed.document, Article):
        return Parsed(enrich(parsed.document, enrich_settings), parsed.problems)
    return parsed


def _process_many(
    batch: Sequence[Source], parse_settings: ParseSettings, enrich_settings: EnrichSettings
) -> list[Parsed]:
    return [process(s, parse_settings, enrich_settings) for s in batch]


def settings_for(config: SiteConfig) -> tuple[ParseSettings, EnrichSettings]:
    limits = config.limits
    return (
        ParseSettings(config.timezone, config.markdown.unsafe_html),
        EnrichSettings(limits.summary_sentences, limits.summary_chars, limits.quotes_per_article),
    )


def process_sources(
    config: SiteConfig,
    sources: Sequence[Source],
    *,
    workers: int | None = None,
    use_cache: bool = True,
) -> tuple[list[Document], list[Problem]]:
    parse_settings, enrich_settings = settings_for(config)
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(sources) < _PARALLEL_FROM:
        results = _process_many(sources, parse_settings, enrich_settings)
    else:
        size = max(1, len(sources) // (workers * 4))
        batches = [sources[i : i + size] for i in range(0, len(sources), size)]
        with ProcessPoolExecutor(workers) as pool:
            futures = pool.map(
                _process_many,
                batches,
                [parse_settings] * len(batches),
                [enrich_settings] * len(batches),
            )
            results = [item for batch in futures for item in batch]
    documents = [r.document for r in results if r.document is not None]
    problems = [p for r in results for p in r.problems]
    return documents, problems
