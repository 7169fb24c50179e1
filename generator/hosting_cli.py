"""The hosting commands of `briefings`: deploy, check, init and new.

Each command turns its module's errors into a message on stderr and exit code 1; usage mistakes
are argparse's (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from .build import BuildOptions, build
from .config import CONFIG_NAME, SiteConfig, default_config, load_config
from .deploy import DeployError, DeployOptions, check_repository, publish
from .errors import ContentError, Problem
from .linkcheck import run_check
from .scaffold import (
    ScaffoldError,
    article_file,
    briefing_file,
    init_site,
    topic_list,
    write_new,
)
from .write import OutputError


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def cmd_deploy(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))  # a ContentError is printed by cli.main
    output = config.root / "build"
    try:
        check_repository(config.root, args.remote)  # before a build that would be wasted
    except DeployError as exc:
        return _fail(str(exc))
    if not args.no_build:
        try:
            result = build(BuildOptions(config_file=Path(args.config)))
        except ContentError as exc:
            _print_problems(exc.problems)
            return _fail("the site has errors: nothing was deployed")
        except OutputError as exc:
            return _fail(str(exc))
        _print_problems(result.warnings)
        output = result.output
        print(f"Built {result.pages} pages into {_shown(output)}/")
    options = DeployOptions(
        site_root=config.root,
        output=output,
        remote=args.remote,
        branch=args.branch,
        message=args.message,
    )
    try:
        message = publish(options)
    except DeployError as exc:
        return _fail(str(exc))
    print(f"Deployed to {args.remote}/{args.branch}: {message}")
    return 0


def _check_config(args: argparse.Namespace) -> SiteConfig:
    """The site's config; an output folder can be checked without one (at the domain root)."""
    config_file = Path(args.config)
    if not config_file.exists() and args.output:
        config = default_config(Path.cwd())
    else:
        config = load_config(config_file)
    if args.base_url:
        base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
        config = replace(config, base_url=base)
    return config


def cmd_check(args: argparse.Namespace) -> int:
    config = _check_config(args)
    output = Path(args.output) if args.output else config.root / "build"
    return run_check(output, config.base_url, external=args.external)


def cmd_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    try:
        init_site(folder, date.today())
    except (ScaffoldError, OSError) as exc:
        return _fail(str(exc))
    print(f"Created a new site in {_shown(folder)}/")
    print(f"Next: cd {_shown(folder)} && briefings serve")
    return 0


def _site_today(config: SiteConfig) -> date:
    """Today where the site's articles are dated, not where the curator's clock is."""
    return datetime.now(config.tz).date()


def _create(config: SiteConfig, rel: str, text: str) -> int:
    try:
        (path,) = write_new(config.root, {rel: text})
    except (ScaffoldError, OSError) as exc:
        return _fail(str(exc))
    print(_shown(path))
    return 0


def cmd_new_article(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    try:
        rel, text = article_file(
            args.title,
            args.date or _site_today(config),
            topics=topic_list(args.topics),
            source=args.source,
            url=args.url,
        )
    except ScaffoldError as exc:
        return _fail(str(exc))
    return _create(config, rel, text)


def cmd_new_briefing(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    try:
        rel, text = briefing_file(args.name, topics=topic_list(args.topics))
    except ScaffoldError as exc:
        return _fail(str(exc))
    return _create(config, rel, text)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=CONFIG_NAME, help="site configuration (site.yaml)")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add deploy, check, init and new to the `briefings` command."""
    d = commands.add_parser("deploy", help="build, then push build/ to the gh-pages branch")
    _config_option(d)
    d.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    d.add_argument("--branch", default="gh-pages", help="branch to publish (default: gh-pages)")
    d.add_argument("--message", "-m", help="commit message on the branch")
    d.add_argument("--no-build", action="store_true", help="publish build/ as it is")
    d.set_defaults(run=cmd_deploy)

    c = commands.add_parser("check", help="find broken internal links in the built site")
    _config_option(c)
    c.add_argument("--output", help="the built site (default: build/ next to the config)")
    c.add_argument("--base-url", help="the base_url the site was built for, if overridden")
    c.add_argument("--external", action="store_true", help="list external links (not fetched)")
    c.set_defaults(run=cmd_check)

    i = commands.add_parser("init", help="start a new site in an empty folder")
    i.add_argument("folder", metavar="DIR")
    i.set_defaults(run=cmd_init)

    n = commands.add_parser("new", help="add an article or a briefing")
    kinds = n.add_subparsers(dest="kind", required=True, metavar="KIND")
    a = kinds.add_parser("article", help="content/articles/YYYY-MM-DD-<slug>.md")
    a.add_argument("title")
    a.add_argument("--topics", help="comma-separated, e.g. 'AI, regulation'")
    a.add_argument("--source", help="the outlet that published it")
    a.add_argument("--url", help="the original report")
    a.add_argument("--date", type=_iso_date, help="YYYY-MM-DD (default: today)")
    _config_option(a)
    a.set_defaults(run=cmd_new_article)
    b = kinds.add_parser("briefing", help="content/briefings/<slug>.md")
    b.add_argument("name")
    b.add_argument("--topics", help="topics it gathers (default: the one named like it)")
    _config_option(b)
    b.set_defaults(run=cmd_new_briefing)
