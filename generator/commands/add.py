"""`briefings add SOURCE...`: import web pages, saved HTML, text or Markdown as articles.

Light on purpose: the importer (trafilatura, htmldate) is loaded inside `run`, so `briefings`
and every other command start without it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from generator.commands.new import topic_list
from generator.commands.options import config_option, iso_date
from generator.errors import Problem, print_problems
from generator.source.config import load_config


def run(args: argparse.Namespace) -> int:
    from generator.importing.session import Saved, Session
    from generator.importing.sources import ImportFailure, Overrides, is_address, load, overridden
    from generator.importing.suggest import pin_suggested

    config = load_config(Path(args.config))
    flags = Overrides(
        topics=tuple(topic_list(args.topics)),
        source=args.source,
        date=args.date,
        author=args.author,
        draft=args.draft,
        images=args.images,
    )
    folder = Path(args.to) if args.to else config.content_dir / "articles"
    session = Session.open(config.root, folder, dry_run=args.dry_run)
    failed = 0
    done: list[tuple[str, Saved]] = []
    for given in args.sources:
        try:
            if is_address(given) and (held := session.already(given)):
                _skipped(given, session.shown(held))
                continue
            found = load(given, images=flags.images)
            if held := session.already(found.url):
                _skipped(given, session.shown(held))
                continue
            saved = session.save(overridden(found, flags), given if is_address(given) else None)
        except ImportFailure as exc:
            print_problems([Problem(given, None, None, str(exc))])
            failed += 1
            continue
        except OSError as exc:
            print_problems([Problem(given, None, None, f"cannot write: {exc.strerror or exc}")])
            failed += 1
            continue
        for note in saved.article.notes:
            print(f"{given}: note: {note}", file=sys.stderr)
        done.append((given, saved))
    # Without --topics, each new article gets the topics automatic grouping gives it.
    untagged = [s.path for _, s in done if s.written and not s.article.topics]
    suggested = pin_suggested(config, untagged) if untagged else {}
    for given, saved in done:
        if saved.path in suggested:
            saved = replace(saved, article=replace(saved.article, topics=suggested[saved.path]))
        print(session.json_line(given, saved) if args.json else session.shown(saved.path))
    return 1 if failed else 0


def _skipped(given: str, where: str) -> None:
    print(f"{given}: already in {where}", file=sys.stderr)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = commands.add_parser(
        "add", help="import web pages, saved HTML, text or Markdown files as articles"
    )
    a.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="an http(s) address, a .html/.htm page, a .txt or .md file, or - for standard input",
    )
    a.add_argument("--topics", help="comma-separated, e.g. 'AI, regulation'")
    a.add_argument("--source", help="the outlet's name, instead of the one found")
    a.add_argument("--date", type=iso_date, help="YYYY-MM-DD, instead of the one found")
    a.add_argument("--author", help="the author, instead of those found")
    a.add_argument("--draft", action="store_true", help="mark the articles as drafts")
    a.add_argument("--dry-run", action="store_true", help="show what it would write; write nothing")
    a.add_argument("--json", action="store_true", help="JSON Lines: each path and what was found")
    a.add_argument("--to", metavar="DIR", help="folder for the files (default: content/articles)")
    a.add_argument("--images", action="store_true", help="keep the article's images")
    config_option(a)
    a.set_defaults(run=run)
