"""Shared helpers for the theme's browser and checker tests (a pytest plugin).

Test modules load it with `pytest_plugins = ["browser"]`, so the session-scoped fixtures below
exist once per test run however many modules use them: one build of the example site, one static
server, one headless Chromium.

- `built_site`: the example site (the repository's own content) built into a temporary folder,
  with its search page and Pagefind index.
- `site_server`: that folder served over HTTP under a base path, like a GitHub project site.
- `chromium`: Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser).
- `page_types`: one site path per page type (home, briefing, article, person, ..., 404, search).
- `axe_script`, `vnu_command`: axe-core and the Nu HTML checker from node_modules (`npm ci`).
- `screenshot_dir`: test-artifacts/screenshots/ (git-ignored).

Outside CI a missing Chromium, Java or node_modules skips these tests; with CI set it fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every page type of the default theme, as the browser and checker tests visit them.
PAGE_KINDS = [
    "home",
    "briefings",
    "briefing",
    "article",
    "archive",
    "sources",
    "source",
    "people",
    "person",
    "page",
    "404",
    "search",
]
BASE_PATH = "/news/"  # the site is served under a sub-path, as on GitHub Pages
BASE_URL = "https://example.org" + BASE_PATH


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the output folder

    def file(self, site_path: str) -> Path:
        """The file serving a site path ('' for home, 'articles/x/', '404.html')."""
        return self.root / (
            site_path + "index.html" if site_path.endswith("/") or not site_path else site_path
        )

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if "pagefind" not in p.parts)


def first_page(root: Path, folder: str) -> str:
    """The site path of the first page in a folder of the build ('articles/x/')."""
    names = sorted(p.name for p in (root / folder).iterdir() if (p / "index.html").is_file())
    return f"{folder}/{names[0]}/"


@dataclass(frozen=True)
class PageTypes:
    """One site path per page type, for tests that visit every kind of page."""

    paths: dict[str, str]

    @classmethod
    def of(cls, root: Path) -> PageTypes:
        briefing = "briefings/central-banks/"
        if not (root / briefing / "index.html").is_file():
            briefing = first_page(root, "briefings")
        person = "people/jerome-powell/"  # the most quoted: seven quotes from three articles
        if not (root / person / "index.html").is_file():
            person = first_page(root, "people")
        doc = next(
            p.parent.name + "/"
            for p in sorted(root.glob("*/index.html"))
            if p.parent.name
            not in {"articles", "briefings", "sources", "people", "search", "static"}
        )
        return cls(
            {
                "home": "",
                "briefings": "briefings/",
                "briefing": briefing,
                "article": first_page(root, "articles"),
                "archive": "articles/",
                "sources": "sources/",
                "source": first_page(root, "sources"),
                "people": "people/",
                "person": person,
                "page": doc,
                "404": "no-such/page/",  # served the 404 page at depth, as GitHub Pages does
                "search": "search/",
            }
        )


def _build_example(output: Path) -> BuiltSite:
    """Build the repository's example site, with its search page and Pagefind index."""
    from generator.build import BuildOptions, build

    options = BuildOptions(
        config_file=REPO / "site.yaml", output=output, base_url=BASE_URL, use_cache=False
    )
    build(options)
    assert (output / "search" / "index.html").is_file(), "the build made no search page"
    assert (output / "pagefind" / "pagefind-ui.js").is_file(), "the build made no search index"
    return BuiltSite(output)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _build_example(tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def page_types(built_site: BuiltSite) -> PageTypes:
    return PageTypes.of(built_site.root)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under BASE_PATH; anything else gets the site's 404 page, like Pages."""

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if not route.startswith(BASE_PATH):
            return "/nonexistent"
        return super().translate_path("/" + route[len(BASE_PATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@dataclass(frozen=True)
class Server:
    origin: str  # http://127.0.0.1:PORT

    def url(self, site_path: str) -> str:
        return self.origin + BASE_PATH + site_path


def serve(root: Path) -> Iterator[Server]:
    handler = functools.partial(_SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite) -> Iterator[Server]:
    yield from serve(built_site.root)


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium for the whole run. Skips (outside CI) when it isn't installed."""
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle from node_modules, to inject with page.add_script_tag."""
    need_node_tool(AXE_JS)
    return AXE_JS


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The Nu HTML checker, ready for file arguments."""
    need_node_tool(VNU_JAR)
    need_java()
    return ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def need_node_tool(path: Path) -> None:
    if not path.is_file():
        message = f"{path.relative_to(REPO)} is missing: run `npm ci` at the repository root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def need_java() -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("java is missing: CI must install a Java runtime (17 or later)")
        pytest.skip("java is not installed")
