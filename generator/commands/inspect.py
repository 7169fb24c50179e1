"""`briefings inspect`: how each article is understood: summary, every quote, key quotes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from generator.commands.options import config_option
from generator.documents.process import process, settings_for
from generator.errors import Problem, errors_only, print_problems, shown_path
from generator.models import Article, Quote
from generator.source.config import default_config, load_config
from generator.source.discover import Source, digest


def _quote_json(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "speaker": q.speaker, "role": q.role, "curated": q.curated}


def article_json(article: Article) -> dict[str, Any]:
    summary = article.summary
    return {
        "path": article.path,
        "slug": article.slug,
        "title": article.title,
        "date": article.date.isoformat(),
        "source": article.source,
        "url": article.url,
        "topics": list(article.topics),
        "summary": {"text": summary.text, "automatic": summary.automatic} if summary else None,
        "quotes": [_quote_json(q) for q in article.quotes],
        "key_quotes": [_quote_json(q) for q in article.key_quotes],
    }


def _readable(data: dict[str, Any]) -> str:
    lines = [f"{data['path']}", f"  title:   {data['title']}", f"  slug:    {data['slug']}"]
    lines += [f"  date:    {data['date']}", f"  source:  {data['source'] or '-'}"]
    lines += [f"  url:     {data['url'] or '-'}", f"  topics:  {', '.join(data['topics']) or '-'}"]
    if data["summary"]:
        kind = "automatic" if data["summary"]["automatic"] else "curated"
        lines.append(f"  summary ({kind}): {data['summary']['text']}")
    lines.append(f"  quotes:  {len(data['quotes'])} found, key quotes:")
    for q in data["key_quotes"]:
        who = q["speaker"] or "unknown speaker"
        role = f", {q['role']}" if q["role"] else ""
        lines.append(f"    “{q['text']}” — {who}{role}{' (curated)' if q['curated'] else ''}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    config_file = Path(args.config)
    config = load_config(config_file) if config_file.is_file() else default_config(Path.cwd())
    parse_settings, enrich_settings = settings_for(config)
    problems: list[Problem] = []
    for name in args.paths:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(name, None, None, f"cannot read file: {exc.strerror}"))
            continue
        shown = shown_path(path, config.root)
        parsed = process(
            Source(shown, "article", data, digest(data)), parse_settings, enrich_settings
        )
        problems += parsed.problems
        if isinstance(parsed.document, Article):
            record = article_json(parsed.document)
            print(json.dumps(record, ensure_ascii=False) if args.json else _readable(record))
    print_problems(problems)
    return 1 if errors_only(problems) else 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = commands.add_parser("inspect", help="show how articles are understood")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument("--json", action="store_true", help="JSON Lines, one object per file")
    config_option(i)
    i.set_defaults(run=run)
