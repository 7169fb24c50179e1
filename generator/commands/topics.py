"""`briefings topics`: every article with its topics, curated and automatic, then the automatic
stories, for the curator to review; `--write` pins the automatic topics into the articles.

Pinning changes only the `topics:` line of the front matter (or adds one), byte for byte
everything else stays; a pinned topic is curated from then on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from generator.build import BuildOptions, configure, load
from generator.commands.options import config_option
from generator.models import Article
from generator.site.topics import AutoTopics, cohesion
from generator.source.frontmatter import pin_topics


def article_topics(article: Article, found: AutoTopics) -> list[dict[str, Any]]:
    """The article's topics, curated first, then automatic ones best first, with their scores."""
    names = dict(zip(article.topics, article.topic_names, strict=True))
    entries: list[dict[str, Any]] = [
        {"slug": slug, "title": names[slug], "automatic": False, "score": None}
        for slug in article.topics
        if slug not in article.automatic_topics
    ]
    placement = found.placements.get(article.path)
    stories = {s.slug for s in found.stories}
    for slug in article.automatic_topics:
        entry: dict[str, Any] = {"slug": slug, "title": names[slug], "automatic": True}
        if placement and placement.topic == slug:
            entry["score"] = placement.score
            if placement.runner_up:
                entry["runner_up"] = {
                    "slug": placement.runner_up[0],
                    "score": placement.runner_up[1],
                }
        elif slug in stories:
            entry["story"] = True
            entry["score"] = cohesion(article.path, found.story_members[slug], found.graph)
        entries.append(entry)
    return entries


def _readable(article: Article, entries: list[dict[str, Any]]) -> str:
    lines = [article.path]
    if not entries:
        lines.append("  no topic" + (" (auto_topics: false)" if not article.auto_topics else ""))
    for e in entries:
        if not e["automatic"]:
            lines.append(f"  curated:   {e['slug']}")
            continue
        kind = "story" if e.get("story") else "placed"
        detail = f"{kind}, similarity {e['score']:.2f}"
        if "runner_up" in e:
            detail += f"; runner-up {e['runner_up']['slug']} {e['runner_up']['score']:.2f}"
        lines.append(f"  automatic: {e['slug']} ({detail})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    options = BuildOptions(config_file=Path(args.config), search=False)
    config = configure(options)
    loaded = load(config, options)
    found = loaded.topics
    for article in sorted(loaded.site.articles, key=lambda a: a.path):
        entries = article_topics(article, found)
        if args.json:
            print(json.dumps({"path": article.path, "topics": entries}, ensure_ascii=False))
        else:
            print(_readable(article, entries))
    if not args.json:
        print(f"\n{len(found.stories)} automatic stor{'y' if len(found.stories) == 1 else 'ies'}")
        for story in found.stories:
            print(f"{story.slug}: {story.title}")
            for path in found.story_members[story.slug]:
                print(f"  {path}")
    if args.write:
        pinned = 0
        for article in loaded.site.articles:
            if not article.automatic_topics:
                continue
            path = config.root / article.path
            # Slugs, not titles: a pinned story keeps its address.
            if pin_topics(path, list(article.automatic_topics)):
                pinned += 1
        print(f"Pinned automatic topics into {pinned} article{'s' * (pinned != 1)}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    t = commands.add_parser("topics", help="review the topics of every article and the stories")
    config_option(t)
    t.add_argument("--json", action="store_true", help="JSON Lines, one object per article")
    t.add_argument("--write", action="store_true", help="pin automatic topics into the articles")
    t.set_defaults(run=run)
