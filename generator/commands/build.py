"""`briefings build`: render the site into build/, with one summary line at the end."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import BuildOptions, BuildResult, build
from generator.commands.options import config_option, positive
from generator.errors import ContentError, errors_only, print_problems, shown_path


def run(args: argparse.Namespace) -> int:
    options = BuildOptions(
        config_file=Path(args.config),
        output=Path(args.output) if args.output else None,
        base_url=args.base_url,
        drafts=args.drafts,
        strict=args.strict,
        use_cache=not args.clean,
        search=not args.no_search,
        workers=args.jobs,
    )
    log = (lambda _: None) if args.quiet else (lambda m: print(m, file=sys.stderr))
    try:
        result = build(options, log)
    except ContentError as exc:
        print_problems(exc.problems)
        count = len(errors_only(exc.problems, strict=args.strict))
        print(
            f"{count} error{'s' * (count != 1)}; the previous site was left untouched",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        print_problems(result.warnings)
        print(
            f"Built {result.pages} pages ({result.articles} articles, "
            f"{result.briefings} briefings) in {result.seconds:.2f} s into "
            f"{shown_path(result.output)}/" + (f" ({_details(result)})" if args.verbose else "")
        )
    return 0


def _details(result: BuildResult) -> str:
    details = f"{result.rendered} rendered, {result.changed} files changed"
    if result.search:
        shards = result.search
        details += f", {len(shards.fresh)} of {len(shards.shards)} search shards indexed"
    return details


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = commands.add_parser("build", help="render the site into build/")
    config_option(b)
    b.add_argument("--output", help="output folder (default: build/ next to the config)")
    b.add_argument("--base-url", help="override base_url, e.g. https://user.github.io/repo/")
    b.add_argument("--drafts", action="store_true", help="include articles marked draft")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--clean", action="store_true", help="ignore the build cache")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument(
        "-j",
        "--jobs",
        type=positive,
        metavar="N",
        help="processes at once (default: one per CPU, at most 8); -j1 uses the least memory",
    )
    noise = b.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    noise.add_argument("-v", "--verbose", action="store_true", help="say more")
    b.set_defaults(run=run)
