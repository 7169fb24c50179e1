"""Suggested topics for imported articles: the topics automatic grouping gives them in the
site as it is, pinned into the new files so the curator sees and can change them.

Runs once per command over all the articles it wrote, after writing them: one read of the
site (its document cache keeps that cheap), however many articles came in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.build import BuildOptions, read_documents
from generator.site.topics import auto_topics
from generator.source.config import SiteConfig
from generator.source.frontmatter import pin_topics


def pin_suggested(config: SiteConfig, written: Sequence[Path]) -> dict[Path, tuple[str, ...]]:
    """Write the suggested topics into the `written` articles that have none; returns them."""
    if not written or not config.topics.automatic:
        return {}
    options = BuildOptions(config_file=config.root / config.config_path, search=False)
    docs = read_documents(config, options)
    found = auto_topics(docs.articles, docs.definitions, config.topics)
    by_path = {config.root / a.path: a for a in found.articles}
    pinned: dict[Path, tuple[str, ...]] = {}
    for path in written:
        article = by_path.get(path.resolve()) or by_path.get(path)
        if article is None or not article.automatic_topics:
            continue
        if pin_topics(path, list(article.automatic_topics)):
            pinned[path] = article.automatic_topics
    return pinned
