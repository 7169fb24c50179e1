"""`briefings pull`: import the new entries of the site's feeds.

Light on purpose: the importer is loaded inside `run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.options import config_option, iso_date, positive
from generator.errors import BriefingsError, print_problems, shown_path
from generator.source.config import Feed, load_config
from generator.source.schema import Reject, http_url


def _bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from generator.importing.pull import PullOptions, pull, summary
    from generator.importing.suggest import pin_suggested

    config = load_config(Path(args.config))
    if args.feed:
        try:
            feeds: tuple[Feed, ...] = tuple(Feed(url=http_url(url)) for url in args.feed)
        except Reject as exc:
            raise BriefingsError(f"--feed: {exc}") from None
    else:
        feeds = config.feeds
    if not feeds:
        raise BriefingsError(
            f"{config.config_path}: no feeds: list them under `feeds:` or give --feed URL"
        )
    tty = sys.stderr.isatty()
    options = PullOptions(since=args.since, limit=args.limit, dry_run=args.dry_run)
    tally = pull(
        config.root,
        config.content_dir / "articles",
        feeds,
        options,
        progress=_bar if tty else (lambda done, total: None),
    )
    if tty:
        sys.stderr.write("\n")
    untagged = [s.path for s in tally.added if s.written and not s.article.topics]
    for path, topics in pin_suggested(config, untagged).items():
        print(f"{shown_path(path, config.root)}: topics {', '.join(topics)} (suggested)")
    print_problems(tally.failed)
    print(summary(tally) + (" (dry run: nothing written)" if args.dry_run else ""))
    return 1 if tally.failed else 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser("pull", help="import the new articles of the site's feeds")
    p.add_argument(
        "--feed", action="append", metavar="URL", help="read this feed instead (repeatable)"
    )
    p.add_argument("--since", type=iso_date, help="only entries dated YYYY-MM-DD or later")
    p.add_argument("--limit", type=positive, metavar="N", help="at most N entries per feed")
    p.add_argument("--dry-run", action="store_true", help="show what it would add; write nothing")
    config_option(p)
    p.set_defaults(run=run)
