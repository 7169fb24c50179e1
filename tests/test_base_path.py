"""One site, two hosts: at a domain's root and under a GitHub project site's /briefings/.

Each build is served by a plain static server that knows only its prefix (like GitHub Pages),
then crawled from the home page: every internal href and src must load, every fragment must
name an element, and nothing may be requested outside the prefix.
"""

from __future__ import annotations

import mimetypes
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.cli import main
from generator.commands.check import check_output

EXAMPLE = Path(__file__).resolve().parent.parent  # the repository's example site
PROJECT_SITE = "https://example.github.io/briefings/"
DOMAIN_SITE = "https://news.example.org/"


def build_example(root: Path, base_url: str) -> Path:
    """Copy the example site to `root` and build it for `base_url`; returns the output."""
    shutil.copytree(EXAMPLE / "content", root / "content")
    shutil.copy(EXAMPLE / "site.yaml", root / "site.yaml")
    code = main(["build", "--quiet", "--config", str(root / "site.yaml"), "--base-url", base_url])
    assert code == 0
    return root / "build"


def static_handler(root: Path, prefix: str, requests: list[str]) -> type[BaseHTTPRequestHandler]:
    """A static host serving `root` under `prefix` only, with GitHub Pages' habits.

    Folders redirect to their slash form and serve index.html; anything missing gets 404.html
    with status 404, whatever its depth.
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                self.reply(404, b"outside the site", "text/plain")
                return
            target = (root / path[len(prefix) :]).resolve()
            if not target.is_relative_to(root):
                self.reply(404, b"outside the site", "text/plain")
                return
            if target.is_dir() and not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                self.reply(200, target.read_bytes(), kind)
            else:
                self.reply(404, (root / "404.html").read_bytes(), "text/html")

        def reply(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

    return Handler


@dataclass
class Served:
    origin: str  # http://127.0.0.1:port
    prefix: str  # "/briefings/" or "/"
    base_url: str  # what the site was built for
    output: Path
    requests: list[str] = field(default_factory=list)

    @property
    def home(self) -> str:
        return self.origin + self.prefix

    def local(self, url: str) -> str:
        """The production site's absolute URLs (canonical, feeds) point at this server."""
        if url.startswith(self.base_url):
            return self.home + url[len(self.base_url) :]
        return url


@pytest.fixture(scope="module", params=[(PROJECT_SITE, "/briefings/"), (DOMAIN_SITE, "/")])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    base_url, prefix = request.param
    output = build_example(tmp_path_factory.mktemp("site"), base_url).resolve()
    requests: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), static_handler(output, prefix, requests))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield Served(origin, prefix, base_url, output, requests)
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get_content_type()


def page_links(body: bytes) -> tuple[list[str], set[str]]:
    """Every href and src of a page, and the anchors it offers (ids and <a name>)."""
    tree = LexborHTMLParser(body.decode("utf-8"))
    links = [
        value.strip()
        for node in tree.css("[href], [src]")
        for name in ("href", "src")
        if (value := node.attributes.get(name)) is not None
    ]
    anchors = {node.attributes["id"] or "" for node in tree.css("[id]")}
    anchors |= {node.attributes["name"] or "" for node in tree.css("a[name]")}
    return links, anchors


@dataclass
class Crawl:
    broken: list[str] = field(default_factory=list)
    pages: dict[str, set[str]] = field(default_factory=dict)  # HTML page URL -> its anchors
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (from, page, id)


def crawl(site: Served, starts: list[str]) -> Crawl:
    """Follow every internal link from `starts`; record what fails to load."""
    result = Crawl()
    seen: set[str] = set()
    queue = [(start, "(start)") for start in starts]
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        expected_missing = referrer == "(start)" and "no-such-page" in url
        if status != 200 and not expected_missing:
            result.broken.append(f"{referrer} -> {url}: HTTP {status}")
            continue
        if kind != "text/html":
            continue
        links, anchors = page_links(body)
        result.pages[url] = anchors
        for link in links:
            target, fragment = urldefrag(site.local(urljoin(url, link)))
            if not target.startswith(site.origin + "/"):
                continue  # another host: not fetched
            if fragment:
                result.fragments.append((url, target, fragment))
            queue.append((target, url))
    return result


def test_every_internal_link_loads(served: Served) -> None:
    # A missing page deep in the site is answered with 404.html: its links must work from there.
    missing = served.home + "articles/no-such-page/at/depth/"
    result = crawl(served, [served.home, missing])
    assert result.broken == []
    assert len(result.pages) > 40  # the crawl really went through the site
    assert served.home + "briefings/north-korea/" in result.pages


def test_every_fragment_names_an_element(served: Served) -> None:
    result = crawl(served, [served.home])
    missing = [
        f"{source} -> {page}#{fragment}"
        for source, page, fragment in result.fragments
        if fragment not in result.pages.get(page, set())
    ]
    assert result.fragments  # skip links and quote links exist
    assert missing == []


def test_nothing_is_requested_outside_the_base_path(served: Served) -> None:
    crawl(served, [served.home])
    assert served.requests
    assert [path for path in served.requests if not path.startswith(served.prefix)] == []


def test_sitemap_lists_only_pages_that_exist(served: Served) -> None:
    status, body, _ = fetch(served.home + "sitemap.xml")
    assert status == 200
    locations = [node.text().strip() for node in LexborHTMLParser(body.decode()).css("loc")]
    assert locations and all(url.startswith(served.base_url) for url in locations)
    assert [url for url in locations if fetch(served.local(url))[0] != 200] == []


def test_feeds_and_canonical_links_are_absolute(served: Served) -> None:
    page = LexborHTMLParser((served.output / "articles" / "index.html").read_text())
    canonical = page.css_first("link[rel=canonical]")
    assert canonical is not None
    assert canonical.attributes["href"] == served.base_url + "articles/"
    feed = (served.output / "feed.xml").read_text()
    assert f'href="{served.base_url}' in feed


def test_link_checker_finds_no_problem(served: Served) -> None:
    report = check_output(served.output, served.base_url)
    assert report.problems == ()
    assert report.links > 500


def test_link_checker_sees_a_wrong_base_path(served: Served) -> None:
    """The 404 page is rooted at the base path: checked for another base, its links break."""
    other = DOMAIN_SITE if served.base_url == PROJECT_SITE else PROJECT_SITE
    report = check_output(served.output, other)
    assert report.problems
    assert {problem.page for problem in report.problems} == {"404.html"}


@pytest.mark.parametrize("cname", [None, "news.example.org"])
def test_nojekyll_always_and_cname_when_configured(
    site: Callable[..., Path], run: Callable[..., tuple[int, str, str]], cname: str | None
) -> None:
    config = "title: T\nbase_url: https://news.example.org/\n"
    root = site(copy="minimal", config=config + (f"cname: {cname}\n" if cname else ""))
    code, _, err = run("build", "--config", root / "site.yaml")
    assert code == 0, err
    assert (root / "build" / ".nojekyll").read_bytes() == b""
    if cname:
        assert (root / "build" / "CNAME").read_text() == "news.example.org\n"
    else:
        assert not (root / "build" / "CNAME").exists()
