"""`briefings check`: every internal link of a built site must land on a file, and on an anchor.

The checker reads the output folder only, so it sees exactly what a static host would serve. It
resolves links the way a browser does (relative to the page's URL), honouring the site's base
path: on a project site `/repo/x/` is the output's `x/`, and `/x/` is outside the site. Links to
other hosts are never fetched (no network); they are only collected, for `--external`.
"""

from __future__ import annotations

import argparse
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.commands.options import config_option, with_base_url
from generator.errors import BriefingsError
from generator.source.config import SiteConfig, default_config, load_config

# Attributes holding a URL the browser loads or navigates to, by element.
LINK_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "input": ("src",),
    "object": ("data",),
}
SCANNED_SUFFIXES = (".html", ".htm", ".xml")  # feeds and the sitemap carry absolute links too
_NOT_PAGES = {"mailto", "tel", "javascript", "data", "about", "blob"}  # nothing to resolve


@dataclass(frozen=True, order=True)
class Link:
    """One URL as written in a page of the output."""

    page: str  # the file it is in, relative to the output folder ("articles/x/index.html")
    url: str


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str
    link: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.why}"


@dataclass(frozen=True)
class Scanned:
    """What the checker needs from one file: the URLs it links to and the anchors it offers."""

    urls: tuple[str, ...]
    anchors: frozenset[str]  # every id, and the name of every <a name>


@dataclass(frozen=True)
class Report:
    pages: int
    links: int  # internal links checked
    problems: tuple[LinkProblem, ...]
    external: tuple[Link, ...]


@dataclass(frozen=True)
class Target:
    """Where an internal link lands: a file of the output and maybe an anchor in it."""

    file: str
    fragment: str


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.anchors: set[str] = set()
        self._in_loc = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        for attr in LINK_ATTRS.get(tag, ()):
            if attr in values:
                found = values[attr]
                self.urls.extend(srcset_urls(found) if attr == "srcset" else [found])
        self._in_loc = tag == "loc"  # sitemap entries are text, not attributes

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_loc = False

    def handle_endtag(self, tag: str) -> None:
        self._in_loc = False

    def handle_data(self, data: str) -> None:
        if self._in_loc and data.strip():
            self.urls.append(data.strip())


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: comma-separated candidates, each a URL and an optional size."""
    return [part.split()[0] for part in value.split(",") if part.strip()]


def scan(text: str) -> Scanned:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return Scanned(tuple(u.strip() for u in scanner.urls), frozenset(scanner.anchors))


def base_parts(base_url: str) -> tuple[str, str]:
    """Host and path of base_url; the path always ends in a slash."""
    parts = urlsplit(base_url)
    path = parts.path or "/"
    return parts.netloc.lower(), path if path.endswith("/") else path + "/"


def within_base(path: str, base_path: str) -> str | None:
    """The site path of a URL path, or None when it is outside the base path.

    `/repo` (no slash) is the site's root too: hosts redirect it to `/repo/`.
    """
    if path + "/" == base_path:
        return ""
    return path[len(base_path) :] if path.startswith(base_path) else None


def url_path(page: str, path: str, base_path: str) -> str:
    """The absolute, normalised URL path a browser requests for `path` written in `page`.

    Like a browser, `..` stops at the host's root, so a relative link that climbs out of a
    project site ends up outside its base path rather than being silently clamped to it.
    """
    if not path.startswith("/"):
        path = posixpath.join(base_path + posixpath.dirname(page), path)
    normal = "/" + posixpath.normpath("/" + unquote(path)).lstrip("/")
    return normal + "/" if path.endswith(("/", "/.", "/..")) and normal != "/" else normal


def resolve(page: str, url: str, base_url: str) -> Target | LinkProblem | Link | None:
    """Where `url`, written in the file `page`, lands.

    A Target for an internal link, a LinkProblem when it cannot land in the site, a Link for an
    external URL, and None for what is not a page address at all (mailto:, javascript:, "").
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in _NOT_PAGES or not url.strip():
        return None
    host, base_path = base_parts(base_url)
    base_path = unquote(base_path)
    fragment = unquote(parts.fragment)
    absolute = bool(scheme or parts.netloc)
    if absolute and (scheme not in ("http", "https", "") or parts.netloc.lower() != host):
        return Link(page, url)
    if not absolute and not parts.path:  # "#fragment" or "?query": this same page
        return Target(page, fragment)
    site_path = within_base(url_path(page, parts.path or "/", base_path), base_path)
    if site_path is None:
        # Another project site on the same host is external; a path of ours is a mistake.
        if absolute:
            return Link(page, url)
        return LinkProblem(page, url, f"outside the site's base path {base_path}")
    file = site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path
    return Target(file, fragment)


def land(target: Target, files: frozenset[str], anchors: Mapping[str, frozenset[str]]) -> str:
    """Why a link to `target` is broken, or "" when it lands.

    A path without a trailing slash that names a folder is fine: static hosts redirect it.
    """
    file = target.file
    if file not in files:
        folder_index = posixpath.join(file, "index.html")
        if folder_index not in files:
            return f"no such file in the output ({file})"
        file = folder_index
    if not target.fragment or target.fragment.lower() == "top" or file not in anchors:
        return ""  # "#top" always scrolls to the top; anchors in non-HTML files are not checked
    if target.fragment not in anchors[file]:
        return f"no element with id '{target.fragment}' in {file}"
    return ""


def check(pages: Mapping[str, Scanned], files: Iterable[str], base_url: str) -> Report:
    """Check every link of `pages` (file -> scan) against the set of files in the output."""
    present = frozenset(files)
    anchors = {name: scanned.anchors for name, scanned in pages.items() if _is_html(name)}
    problems: set[LinkProblem] = set()
    external: set[Link] = set()
    checked = 0
    for page, scanned in sorted(pages.items()):
        for url in scanned.urls:
            where = resolve(page, url, base_url)
            if isinstance(where, Link):
                external.add(where)
            elif isinstance(where, LinkProblem):
                checked += 1
                problems.add(where)
            elif isinstance(where, Target):
                checked += 1
                why = land(where, present, anchors)
                if why:
                    problems.add(LinkProblem(page, url, why))
    return Report(len(pages), checked, tuple(sorted(problems)), tuple(sorted(external)))


def _is_html(name: str) -> bool:
    return name.endswith((".html", ".htm"))


def read_output(output: Path) -> tuple[dict[str, Scanned], frozenset[str]]:
    """Every file of an output folder, and the scan of each page in it."""
    files: set[str] = set()
    pages: dict[str, Scanned] = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(output).as_posix()
        files.add(rel)
        if rel.endswith(SCANNED_SUFFIXES):
            pages[rel] = scan(path.read_text(encoding="utf-8", errors="replace"))
    return pages, frozenset(files)


def check_output(output: Path, base_url: str) -> Report:
    pages, files = read_output(output)
    return check(pages, files, base_url)


def summary(report: Report) -> str:
    count = len(report.problems)
    outcome = f"{count} broken link{'s' * (count != 1)}" if count else "no broken links"
    return (
        f"Checked {report.links} internal links in {report.pages} files: {outcome}"
        f" ({len(report.external)} external links not fetched)"
    )


def external_lines(report: Report) -> list[str]:
    """Each external URL once, with how many files link to it."""
    pages_of: dict[str, set[str]] = {}
    for link in report.external:
        pages_of.setdefault(link.url, set()).add(link.page)
    return [
        f"{url} ({len(pages)} file{'s' * (len(pages) != 1)})"
        for url, pages in sorted(pages_of.items())
    ]


def run_check(output: Path, base_url: str, *, external: bool = False) -> int:
    """The CLI wrapper: problems as `page: link: why`, a summary line, exit 1 when any."""
    if not output.is_dir():
        raise BriefingsError(f"no built site at {output}: run `briefings build` first")
    report = check_output(output, base_url)
    for problem in report.problems:
        print(problem)
    if external:
        for line in external_lines(report):
            print(f"external: {line}")
    print(summary(report))
    return 1 if report.problems else 0


def _config(args: argparse.Namespace) -> SiteConfig:
    """The site's config; an output folder can be checked without one (at the domain root)."""
    config_file = Path(args.config)
    if not config_file.exists() and args.output:
        config = default_config(Path.cwd())
    else:
        config = load_config(config_file)
    return with_base_url(config, args.base_url)


def run(args: argparse.Namespace) -> int:
    config = _config(args)
    output = Path(args.output) if args.output else config.root / "build"
    return run_check(output, config.base_url, external=args.external)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = commands.add_parser("check", help="find broken internal links in the built site")
    config_option(c)
    c.add_argument("--output", help="the built site (default: build/ next to the config)")
    c.add_argument("--base-url", help="the base_url the site was built for, if overridden")
    c.add_argument("--external", action="store_true", help="list external links (not fetched)")
    c.set_defaults(run=run)
