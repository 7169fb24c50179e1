"""`briefings init` and `briefings new`: start a site, add an article or a briefing.

The file contents are computed by pure functions; writing them never replaces a file (`x` mode),
so neither command can destroy a curator's work.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from string import Template

from generator.commands.options import config_option, iso_date
from generator.errors import BriefingsError, shown_path
from generator.slugs import slugify
from generator.source.config import SiteConfig, load_config
from generator.source.frontmatter import front_matter, yaml_value
from generator.source.schema import Reject, http_url

# Scaffold file -> where it goes in a new site. Templates have plain names so packaging tools
# that skip dot-files still ship them.
SCAFFOLD = {
    "site.yaml": "site.yaml",
    "article.md": "content/articles/$date-welcome.md",
    "briefing.md": "content/briefings/getting-started.md",
    "about.md": "content/pages/about.md",
    "pages.yml": ".github/workflows/pages.yml",
    "gitignore": ".gitignore",
    "requirements.txt": "requirements.txt",
}
_TEMPLATED = {"site.yaml", "article.md"}  # the others hold ${{ }} of GitHub Actions, left as is


class ScaffoldError(BriefingsError):
    """A file or folder we will not write; the message says why."""


def site_title(folder: Path) -> str:
    """A first title from the folder's name: `world-news` becomes `World news`."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Briefings"


def scaffold_files(title: str, today: date) -> dict[str, str]:
    """Every file of a new site, by path relative to its folder."""
    values = {"title": yaml_value(title), "date": today.isoformat()}
    result = {}
    for name, target in SCAFFOLD.items():
        text = files(__package__).joinpath("scaffold_files", name).read_text(encoding="utf-8")
        if name in _TEMPLATED:
            text = Template(text).substitute(values)
        result[Template(target).substitute(values)] = text
    return result


def check_empty(folder: Path) -> None:
    """A new site goes in a new or empty folder (a fresh `git init` is fine)."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(entry.name != ".git" for entry in folder.iterdir()):
        raise ScaffoldError(f"{folder} is not empty: choose a new folder for the site")


def write_new(root: Path, contents: Mapping[str, str]) -> list[Path]:
    """Create each file; refuse (before writing any) if one already exists."""
    targets = {root / rel: text for rel, text in contents.items()}
    existing = [path for path in targets if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists: not overwriting it")
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never replace a file
            handle.write(text)
    return list(targets)


def init_site(folder: Path, today: date) -> list[Path]:
    check_empty(folder)
    return write_new(folder, scaffold_files(site_title(folder), today))


def topic_list(value: str | None) -> list[str]:
    """`--topics "AI, climate"` as a list; every topic must make a URL."""
    topics = [t.strip() for t in (value or "").split(",") if t.strip()]
    for topic in topics:
        if not slugify(topic):
            raise ScaffoldError(f"topic {topic!r} has no letters or digits")
    return topics


def slug_for(title: str) -> str:
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from {title!r}: use letters or digits")
    return slug


def article_file(
    title: str,
    day: date,
    *,
    topics: Sequence[str] = (),
    source: str | None = None,
    url: str | None = None,
) -> tuple[str, str]:
    """The path (relative to the site) and text of a new article."""
    if url is not None:
        try:
            url = http_url(url)
        except Reject as exc:
            raise ScaffoldError(f"--url: {exc}") from None
    fields = {"title": title, "date": day, "source": source, "url": url, "topics": list(topics)}
    body = "\nPaste the article's text here.\n"
    return f"content/articles/{day.isoformat()}-{slug_for(title)}.md", front_matter(fields, body)


def briefing_file(name: str, *, topics: Sequence[str] = ()) -> tuple[str, str]:
    """The path and text of a new briefing; by default it gathers the topic named like it."""
    slug = slug_for(name)
    fields = {"title": name, "topics": list(topics) or [slug]}
    body = "\nWhy this story matters and what to watch for, shown above the articles.\n"
    return f"content/briefings/{slug}.md", front_matter(fields, body)


def run_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    try:
        init_site(folder, date.today())
    except OSError as exc:
        raise ScaffoldError(str(exc)) from None
    print(f"Created a new site in {shown_path(folder)}/")
    print(f"Next: cd {shown_path(folder)} && briefings serve")
    return 0


def _site_today(config: SiteConfig) -> date:
    """Today where the site's articles are dated, not where the curator's clock is."""
    return datetime.now(config.tz).date()


def _create(config: SiteConfig, rel: str, text: str) -> int:
    try:
        (path,) = write_new(config.root, {rel: text})
    except OSError as exc:
        raise ScaffoldError(str(exc)) from None
    print(shown_path(path))
    return 0


def run_new_article(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    rel, text = article_file(
        args.title,
        args.date or _site_today(config),
        topics=topic_list(args.topics),
        source=args.source,
        url=args.url,
    )
    return _create(config, rel, text)


def run_new_briefing(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    rel, text = briefing_file(args.name, topics=topic_list(args.topics))
    return _create(config, rel, text)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = commands.add_parser("init", help="start a new site in an empty folder")
    i.add_argument("folder", metavar="DIR")
    i.set_defaults(run=run_init)

    n = commands.add_parser("new", help="add an article or a briefing")
    kinds = n.add_subparsers(dest="kind", required=True, metavar="KIND")
    a = kinds.add_parser("article", help="content/articles/YYYY-MM-DD-<slug>.md")
    a.add_argument("title")
    a.add_argument("--topics", help="comma-separated, e.g. 'AI, regulation'")
    a.add_argument("--source", help="the outlet that published it")
    a.add_argument("--url", help="the original report")
    a.add_argument("--date", type=iso_date, help="YYYY-MM-DD (default: today)")
    config_option(a)
    a.set_defaults(run=run_new_article)
    b = kinds.add_parser("briefing", help="content/briefings/<slug>.md")
    b.add_argument("name")
    b.add_argument("--topics", help="topics it gathers (default: the one named like it)")
    config_option(b)
    b.set_defaults(run=run_new_briefing)
