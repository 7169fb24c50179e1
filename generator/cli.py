"""The `briefings` command. Exit codes: 0 ok, 1 content or config errors, 2 usage."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .build import BuildOptions, BuildResult, build
from .config import CONFIG_NAME, default_config, load_config
from .discover import Source, digest
from .errors import ContentError, Problem, errors_only
from .hosting_cli import register as register_hosting
from .models import Article, Quote
from .pipeline import process, settings_for
from .write import OutputError


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
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
        _print_problems(exc.problems)
        count = len(errors_only(exc.problems, strict=args.strict))
        print(
            f"{count} error{'s' * (count != 1)}; the previous site was left untouched",
            file=sys.stderr,
        )
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        _print_problems(result.warnings)
        print(
            f"Built {result.pages} pages ({result.articles} articles, "
            f"{result.briefings} briefings) in {result.seconds:.2f} s into {_shown(result.output)}"
            + (f" ({_details(result)})" if args.verbose else "")
        )
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _details(result: BuildResult) -> str:
    details = f"{result.rendered} rendered, {result.changed} files changed"
    if result.search:
        shards = result.search
        details += f", {len(shards.fresh)} of {len(shards.shards)} search shards indexed"
    return details


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)


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


def cmd_inspect(args: argparse.Namespace) -> int:
    config_file = Path(args.config)
    config = load_config(config_file) if config_file.is_file() else default_config(Path.cwd())
    parse_settings, enrich_settings = settings_for(config)
    problems: list[Problem] = []
    for name in args.paths:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(name, 1, 1, f"cannot read file: {exc.strerror}"))
            continue
        shown = _relative_to(path, config.root)
        parsed = process(
            Source(shown, "article", data, digest(data)), parse_settings, enrich_settings
        )
        problems += parsed.problems
        if isinstance(parsed.document, Article):
            record = article_json(parsed.document)
            print(json.dumps(record, ensure_ascii=False) if args.json else _readable(record))
    errors = errors_only(problems)
    _print_problems(problems)
    return 1 if errors else 0


def _relative_to(path: Path, root: Path) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(root.resolve()):
        return resolved.relative_to(root.resolve()).as_posix()
    return path.as_posix()


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve  # imported here: the server's dependencies load only when used

    return serve(
        Path(args.config),
        host=args.host,
        port=args.port,
        drafts=args.drafts,
        open_browser=args.open,
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefings", description="Static sites of curated news briefings."
    )
    top.add_argument("--version", action="version", version=f"briefings {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser("build", help="render the site into build/")
    b.add_argument("--config", default=CONFIG_NAME, help="site configuration (default: site.yaml)")
    b.add_argument("--output", help="output folder (default: build/ next to the config)")
    b.add_argument("--base-url", help="override base_url, e.g. https://user.github.io/repo/")
    b.add_argument("--drafts", action="store_true", help="include articles marked draft")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--clean", action="store_true", help="ignore the build cache")
    b.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    b.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes at once (default: one per CPU, at most 8); -j1 uses the least memory",
    )
    noise = b.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    noise.add_argument("-v", "--verbose", action="store_true", help="say more")
    b.set_defaults(run=cmd_build)

    i = commands.add_parser("inspect", help="show how articles are understood")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument("--json", action="store_true", help="JSON Lines, one object per file")
    i.add_argument("--config", default=CONFIG_NAME)
    i.set_defaults(run=cmd_inspect)

    s = commands.add_parser("serve", help="preview the site with live reload")
    s.add_argument("--config", default=CONFIG_NAME)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000, help="default 8000; 0 picks a free port")
    s.add_argument("--drafts", action="store_true")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.set_defaults(run=cmd_serve)
    register_hosting(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
