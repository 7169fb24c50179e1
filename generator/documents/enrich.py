"""Stage 4: automatic summary and quotes for one article. Pure, per file, cacheable.

Curated beats automatic: what the curator wrote is kept as is; the extractors only fill gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.models import Article, Quote, Summary
from generator.text.quotes.extract import extract_quotes, is_speech, quote_key, rank_quotes
from generator.text.summaries import summarize
from generator.text.terms import term_vector


@dataclass(frozen=True)
class EnrichSettings:
    """The settings enrichment depends on; part of the cache key."""

    summary_sentences: int = 3
    summary_chars: int = 420
    quotes_per_article: int = 3


def enrich(article: Article, settings: EnrichSettings) -> Article:
    summary = article.summary or _automatic_summary(article, settings)
    quotes = _all_quotes(article)
    key = rank_quotes(quotes, settings.quotes_per_article)
    speakers = {q.speaker for q in quotes if q.speaker}
    vector = term_vector(article.title, article.paragraphs, sorted(speakers))
    return replace(article, summary=summary, quotes=quotes, key_quotes=key, terms=vector)


def _automatic_summary(article: Article, settings: EnrichSettings) -> Summary | None:
    if not article.paragraphs:
        return None
    text = summarize(
        article.paragraphs, sentences=settings.summary_sentences, max_chars=settings.summary_chars
    )
    return Summary(text, automatic=True) if text else None


def _with_derived(quote: Quote) -> Quote:
    return replace(quote, speech=quote.curated or is_speech(quote), key=quote_key(quote.text))


def _all_quotes(article: Article) -> tuple[Quote, ...]:
    """Curated quotes first; found ones after, minus those the curator already listed."""
    extracted = tuple(_with_derived(q) for q in extract_quotes(article.paragraphs))
    located = {q.key: q.paragraph for q in extracted}
    # A curated quote that also appears in the text links to its paragraph.
    curated = tuple(
        replace(q, paragraph=located.get(q.key))
        for q in map(_with_derived, article.quotes)
        if q.curated
    )
    seen = {q.key for q in curated}
    return curated + tuple(q for q in extracted if q.key not in seen)
