"""Hostile text in any field never becomes script on a built page.

Every payload of tests/xss/payloads.txt goes into every field a curator fills in (article title,
summary, quotes and their speakers and roles, source, authors, topics; briefing title, summary
and introduction; page title and body; site title, description and author) and into Markdown
bodies, next to the Markdown-only vectors of tests/xss/markdown.txt. The site is built twice:
as is, and with `markdown: {unsafe_html: true}`, where raw HTML is let through nh3.

Every built page is then parsed (selectolax) and checked for script the theme did not put there,
event-handler attributes, script/data URLs and embedding elements; and loaded in headless
Chromium, where no payload may set `window.__xss` or open a dialog.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.source.discover import Source, digest
from generator.source.parse import ParseSettings, parse

pytest_plugins = ["browser"]  # the shared headless Chromium

HERE = Path(__file__).parent


def _lines(name: str) -> list[str]:
    text = (HERE / "xss" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and line != "#" and line[:2] != "# "]


PAYLOADS = _lines("payloads.txt")
MARKDOWN_VECTORS = _lines("markdown.txt")
# Valid http(s) URLs that still try something: they must be kept, and stay inert.
TRICKY_URLS = [
    "https://example.org/?q=%22onmouseover=%22window.__xss=1",
    "https://example.org/#javascript:window.__xss=1",
    "https://javascript:window.__xss=1@example.org/",
    "https://example.org/&quot;onmouseover=&quot;window.__xss=1",
    "https://example.org/{{7*7}}/data:text/html,x",
    "HTTPS://EXAMPLE.ORG/UPPER?x=1&y=2",
    "https://example.org/%3Cscript%3Ewindow.__xss=1%3C/script%3E",
]
# URLs an article's `url:` must refuse.
BAD_URLS = [
    "javascript:window.__xss=1",
    "JaVaScRiPt:window.__xss=1",
    " javascript:window.__xss=1",
    "data:text/html,<script>window.__xss=1</script>",
    "vbscript:window.__xss=1",
    'https://example.org/" onmouseover="window.__xss=1',
    "https://example.org/' onmouseover='window.__xss=1",
    'https://example.org/"onmouseover="window.__xss=1',
    "https://example.org/<script>window.__xss=1</script>",
    "//example.org/protocol-relative",
    "https:javascript:window.__xss=1",
    "/articles/relative/",
]
HARMLESS_HTML = "<b>bold move</b> and <table><tr><td>a table cell</td></tr></table>"


def q(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (JSON strings are YAML)."""
    return json.dumps(value)


def body(payload: str) -> str:
    return f"""{payload}

“{payload} is what we said,” said Jane Doe, the {payload}.

A paragraph with [a link to {payload}](https://example.org/a) and **{payload}** in bold.

> {payload}

- {payload}
- second item

`{payload}`

| column | {payload} |
|---|---|
| {payload} | cell |

With a note.[^1]

[^1]: {payload}
"""


CHUNK = 7  # briefings, pages and outlets each carry this many payloads, to keep pages few


def chunks() -> list[list[str]]:
    return [PAYLOADS[i : i + CHUNK] for i in range(0, len(PAYLOADS), CHUNK)]


def joined(chunk: list[str]) -> str:
    return " ".join(chunk)


def make_site(root: Path, *, unsafe_html: bool) -> None:
    """One article per payload; each briefing, page and outlet holds a chunk of them."""
    if root.exists():
        shutil.rmtree(root)
    articles = root / "content" / "articles"
    briefings = root / "content" / "briefings"
    pages = root / "content" / "pages"
    for folder in (articles, briefings, pages):
        folder.mkdir(parents=True)
    config = [
        f"title: {q('</title><script>window.__xss=1</script>' + PAYLOADS[0])}",
        f"description: {q(chr(34) + '><script>window.__xss=1</script>' + PAYLOADS[-1])}",
        f"author: {q(chr(39) + ' onmouseover=' + chr(39) + 'window.__xss=1')}",
        "base_url: https://example.org/",
    ]
    if unsafe_html:
        config.append("markdown:\n  unsafe_html: true")
    (root / "site.yaml").write_text("\n".join(config) + "\n", encoding="utf-8")
    for i, payload in enumerate(PAYLOADS):
        c = i // CHUNK
        front = [
            f"title: {q(payload)}",
            f"date: 2024-03-01T{i // 60:02d}:{i % 60:02d}:00",
            f"source: {q(f'S{c} ' + joined(chunks()[c]))}",  # the prefix: one URL per outlet
            f"author: [{q(payload)}, Second Author]",
            f"topics: [{q(payload)}]",
            f"url: {q(TRICKY_URLS[i % len(TRICKY_URLS)])}",
            "quotes:",
            f"  - text: {q(payload)}",
            f"    speaker: {q(payload)}",
            f"    role: {q(payload)}",
        ]
        if i % 2:
            front.append(f"summary: {q(payload)}")
        text = "---\n" + "\n".join(front) + "\n---\n" + body(payload)
        (articles / f"2024-03-01-xss-{i:03d}.md").write_text(text, encoding="utf-8")
    for c, chunk in enumerate(chunks()):
        bodies = "\n".join(body(payload) for payload in chunk)
        briefing = [f"title: {q(joined(chunk))}", f"topics: [{', '.join(map(q, chunk))}]"]
        if c % 2 == 0:  # the others get an automatic bottom line, from the articles' text
            briefing.append(f"summary: {q(joined(chunk))}")
        (briefings / f"briefing-{c:02d}.md").write_text(
            "---\n" + "\n".join(briefing) + "\n---\n" + bodies, encoding="utf-8"
        )
        (pages / f"page-{c:02d}.md").write_text(
            f"---\ntitle: {q(joined(chunk))}\n---\n" + bodies, encoding="utf-8"
        )
    links = "\n\n".join([*MARKDOWN_VECTORS, HARMLESS_HTML])
    (articles / "2024-03-02-markdown-links.md").write_text(
        f"---\ntitle: Markdown links\ndate: 2024-03-02\n---\n{links}\n", encoding="utf-8"
    )


def build(root: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(root / "site.yaml"), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root / "build"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("xss")
    sites = {}
    for name, unsafe in (("escaped", False), ("unsafe_html", True)):
        make_site(base / name, unsafe_html=unsafe)
        sites[name] = build(base / name)
    return sites


@pytest.fixture(scope="module")
def theme_scripts(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str, str]]:
    """The scripts the theme itself puts on pages, from a build of a harmless site."""
    root = tmp_path_factory.mktemp("clean") / "site"
    shutil.copytree(HERE / "sites" / "minimal", root)
    found = set()
    for page in build(root).rglob("*.html"):
        tree = LexborHTMLParser(page.read_text("utf-8"))
        found |= {_script_key(s) for s in tree.css("script")}
    return found


def _script_key(node) -> tuple[str, str, str]:
    src = re.sub(r"^(\.\./|\./)+", "", node.attributes.get("src") or "")
    kind = node.attributes.get("type") or ""
    text = "" if kind == "application/ld+json" else node.text(deep=True).strip()
    return kind, src, text


URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "cite",
    "poster",
    "background",
    "data",
    "srcset",
    "ping",
}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math"}
FORBIDDEN_ELEMENTS |= {"style", "base", "template", "noscript"}
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")
_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|file):", re.IGNORECASE)


def page_problems(path: Path, allowed_scripts: set[tuple[str, str, str]]) -> list[str]:
    raw = path.read_text("utf-8")
    tree = LexborHTMLParser(raw)
    problems = []
    for script in tree.css("script"):
        key = _script_key(script)
        if key[0] == "application/ld+json":
            text = script.text(deep=True)
            if re.search(r"</script|<!--", text, re.IGNORECASE):
                problems.append(f"JSON-LD holds </script or <!--: {text[:80]!r}")
            try:
                json.loads(text)
            except ValueError:
                problems.append(f"JSON-LD is not JSON: {text[:80]!r}")
        elif key not in allowed_scripts:
            problems.append(f"script the theme did not make: {script.html[:80]!r}")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            lower = name.lower()
            if lower.startswith("on"):
                problems.append(f"<{node.tag} {name}=...> event handler")
            if lower == "srcdoc":
                problems.append(f"<{node.tag} srcdoc>")
            if lower in URL_ATTRIBUTES and value and _BAD_SCHEME.match(_CONTROLS.sub("", value)):
                problems.append(f"<{node.tag} {name}={value[:60]!r}> script or data URL")
        if node.tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{node.tag}> element")
        if node.tag == "meta" and "http-equiv" in node.attributes:
            problems.append(f"<meta http-equiv> {node.html[:60]!r}")
    return [f"{path.name}: {p}" for p in problems]


@pytest.mark.parametrize("site", ["escaped", "unsafe_html"])
def test_no_page_carries_script(
    site: str, built: dict[str, Path], theme_scripts: set[tuple[str, str, str]]
) -> None:
    pages = sorted(built[site].rglob("*.html"))
    assert len(pages) > len(PAYLOADS) + 3 * len(chunks())  # all of them were built
    problems = [p for page in pages for p in page_problems(page, theme_scripts)]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("site", ["escaped", "unsafe_html"])
def test_payloads_are_shown_as_typed(site: str, built: dict[str, Path]) -> None:
    """Escaped exactly once: the text a reader sees is the text the curator typed, not evaluated."""
    out = built[site]
    for i, payload in enumerate(PAYLOADS):
        article = LexborHTMLParser(
            (out / "articles" / f"xss-{i:03d}" / "index.html").read_text("utf-8")
        )
        assert article.css_first("h1").text() == payload
        assert article.css_first("title").text().startswith(payload)
        assert article.css_first('meta[property="og:title"]').attributes["content"] == payload
        ld = json.loads(article.css_first('script[type="application/ld+json"]').text())
        assert ld["headline"] == payload or len(payload) > 100
        assert ld["author"][0]["name"] == payload
        speakers = [n.text() for n in article.css(".speaker")]
        assert payload in speakers
        link = article.css_first('a[rel~="nofollow"]')
        assert link.attributes["href"] == TRICKY_URLS[i % len(TRICKY_URLS)]
    for c, chunk in enumerate(chunks()):
        for path in (f"page-{c:02d}/index.html", f"briefings/briefing-{c:02d}/index.html"):
            tree = LexborHTMLParser((out / path).read_text("utf-8"))
            assert tree.css_first("h1").text() == joined(chunk), path
        source = LexborHTMLParser((out / "sources" / "index.html").read_text("utf-8"))
        assert f"S{c} {joined(chunk)}" in [a.text() for a in source.css("main a")]


def test_template_syntax_in_content_is_not_evaluated(built: dict[str, Path]) -> None:
    templates = [p for p in PAYLOADS if "{{" in p or "{%" in p]
    assert len(templates) >= 3
    for payload in templates:
        i = PAYLOADS.index(payload)
        text = (built["escaped"] / "articles" / f"xss-{i:03d}" / "index.html").read_text("utf-8")
        tree = LexborHTMLParser(text)
        assert tree.css_first("h1").text() == payload
        assert payload in tree.css_first(".prose").text()  # the body shows it as typed too


def test_feeds_are_well_formed_with_payloads(built: dict[str, Path]) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for site in built.values():
        for feed in site.rglob("*.xml"):
            root = ET.parse(feed).getroot()  # raises on broken XML
            for title in root.iter(f"{atom}title"):
                assert title.text is not None
        titles = {
            t.text for t in ET.parse(site / "feed.xml").getroot().iter(f"{atom}title") if t.text
        }
        assert set(PAYLOADS[-20:]) <= titles  # the newest articles, titles exactly as typed


def test_unsafe_html_lets_harmless_html_through(built: dict[str, Path]) -> None:
    page = LexborHTMLParser(
        (built["unsafe_html"] / "articles" / "markdown-links" / "index.html").read_text("utf-8")
    )
    assert [b.text() for b in page.css(".prose b")] == ["bold move"]
    assert [td.text() for td in page.css(".prose table td")] == ["a table cell"]
    escaped = LexborHTMLParser(
        (built["escaped"] / "articles" / "markdown-links" / "index.html").read_text("utf-8")
    )
    assert not escaped.css(".prose b") and not escaped.css(".prose table td")
    assert "<b>bold move</b>" in escaped.css_first(".prose").text()


def test_markdown_links_keep_only_safe_urls(built: dict[str, Path]) -> None:
    for site in built.values():
        page = LexborHTMLParser(
            (site / "articles" / "markdown-links" / "index.html").read_text("utf-8")
        )
        prose = page.css_first(".prose")
        hrefs = [a.attributes.get("href") or "" for a in prose.css("a")]
        srcs = [img.attributes.get("src") or "" for img in prose.css("img")]
        for url in hrefs + srcs:
            scheme = re.match(r"^([a-z][a-z0-9+.-]*):", _CONTROLS.sub("", url), re.IGNORECASE)
            assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), url
        assert "https://example.org/" in hrefs  # a safe link survives
        assert not any(u.startswith("data:") for u in srcs)


@pytest.mark.parametrize("url", BAD_URLS)
def test_unsafe_article_urls_are_rejected(url: str) -> None:
    text = f"---\ntitle: Talks\ndate: 2024-05-01\nurl: {q(url)}\n---\nBody.\n"
    data = text.encode()
    parsed = parse(
        Source("content/articles/talks.md", "article", data, digest(data)), ParseSettings()
    )
    assert parsed.document is None
    messages = [str(p) for p in parsed.problems]
    assert any(m.startswith("content/articles/talks.md:4:6: url: ") for m in messages), messages


def test_unsafe_base_url_is_rejected(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(HERE / "sites" / "minimal", root)
    (root / "site.yaml").write_text('title: x\nbase_url: "javascript:window.__xss=1//"\n')
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(root / "site.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "site.yaml:2:11: base_url: " in result.stderr, result.stderr


CANARIES = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1">',
    '<a href="JaVaScRiPt:window.__xss=1">click</a>',
    '<a href="java&#x09;script:window.__xss=1">click</a>',
    '<a href=" &#14; javascript:window.__xss=1">click</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    '<style>@import "javascript:window.__xss=1";</style>',
]


@pytest.mark.parametrize("raw", CANARIES)
def test_the_checker_catches_payloads_left_raw(
    raw: str, tmp_path: Path, theme_scripts: set[tuple[str, str, str]]
) -> None:
    """The page checks are not vacuous: each of these, written into a page unescaped, is caught."""
    assert raw in PAYLOADS
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><title>t</title><p>{raw}</p>", encoding="utf-8")
    assert page_problems(page, theme_scripts)


def test_the_checker_catches_script_breaking_out_of_json_ld(
    tmp_path: Path, theme_scripts: set[tuple[str, str, str]]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<script type="application/ld+json">{"headline": "</script><script>window.__xss=1'
        '</script>"}</script>',
        encoding="utf-8",
    )
    problems = page_problems(page, theme_scripts)
    assert any("JSON-LD is not JSON" in p for p in problems), problems
    assert any("script the theme did not make" in p for p in problems), problems


# In a real browser: nothing runs, even when the reader hovers, focuses or searches.


@pytest.fixture(scope="module")
def server(built: dict[str, Path]) -> Iterator[str]:
    root = next(iter(built.values())).parent.parent  # serves both sites

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser(chromium):  # the one headless Chromium of the session, from tests/browser.py
    return chromium


PROBE = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerover', 'toggle', 'load',
                        'error', 'begin', 'start', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  return typeof window.__xss;
}"""


class Visit:
    """One browser tab on the test server; `state(url)` loads a page, pokes it, reads __xss."""

    def __init__(self, browser, server: str) -> None:
        self.context = browser.new_context()
        self.dialogs: list[str] = []
        # Only this machine's server is reachable; anything else a page asks for is refused.
        self.context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(server) else route.abort()
            ),
        )
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.message}")
        dialog.dismiss()

    def state(self, url: str, settle_ms: int = 0) -> str:
        self.page.goto(url, wait_until="load")
        if settle_ms:
            self.page.wait_for_timeout(settle_ms)
        states = {self.page.evaluate(PROBE)}
        states |= {frame.evaluate("typeof window.__xss") for frame in self.page.frames}
        return "undefined" if states == {"undefined"} else ", ".join(sorted(states))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server: str) -> Iterator[Visit]:
    tab = Visit(browser, server)
    yield tab
    tab.close()


def _url(server: str, root: Path, rel: str) -> str:
    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    return f"{server}/{root.parent.name}/{root.name}/{rel}"


@pytest.mark.parametrize("site", ["escaped", "unsafe_html"])
def test_no_payload_runs_in_chromium(
    site: str, built: dict[str, Path], server: str, visit: Visit
) -> None:
    root = built[site]
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    assert len(pages) > len(PAYLOADS) + 3 * len(chunks())
    failures = []
    for rel in pages:
        state = visit.state(_url(server, root, rel))
        if state != "undefined":
            failures.append(f"{rel}: typeof window.__xss is {state}")
    assert not failures, "\n".join(failures[:20])
    assert not visit.dialogs, visit.dialogs[:5]


def test_no_payload_runs_in_search_results(
    built: dict[str, Path], server: str, visit: Visit
) -> None:
    root = built["escaped"]
    for query in ("window", "script"):
        state = visit.state(_url(server, root, f"search/?q={query}"), settle_ms=1500)
        assert state == "undefined", f"search for {query!r}: typeof window.__xss is {state}"
    assert not visit.dialogs, visit.dialogs[:5]


BROWSER_CANARIES = {
    "script": "<script>window.__xss=1</script>",
    "image": '<img src=x onerror="window.__xss=1">',
    "hover": '<div onmouseover="window.__xss=1">hover me</div>',
    "focus": '<input onfocus="window.__xss=1">',
    "clobbering": '<p id="__xss">clobbered</p>',
    "dialog": "<script>alert(1)</script>",
}


@pytest.mark.parametrize("name", sorted(BROWSER_CANARIES))
def test_the_browser_check_catches_a_payload_that_runs(
    name: str, built: dict[str, Path], server: str, visit: Visit
) -> None:
    """Not vacuous: the same check on a page with the payload left raw sees it run."""
    served = next(iter(built.values())).parent.parent
    (served / "canary").mkdir(exist_ok=True)
    (served / "canary" / f"{name}.html").write_text(
        f"<!doctype html><title>canary</title><p>{BROWSER_CANARIES[name]}</p>", encoding="utf-8"
    )
    state = visit.state(f"{server}/canary/{name}.html")
    if name == "dialog":
        assert visit.dialogs, "the dialog was not seen"
    else:
        assert state != "undefined", f"{name} ran unseen"


HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Mayor &lt;script&gt;window.__xss=1&lt;/script&gt; resigns | Hostile Herald</title>
<meta property="og:site_name" content="Hostile &quot;&gt;&lt;img src=x onerror=window.__xss=1&gt;">
<meta name="author" content="&lt;svg onload=window.__xss=1&gt; Grim Vane">
<script>window.__xss=1</script></head>
<body onload="window.__xss=1"><article>
<h1>Mayor <img src=x onerror="window.__xss=1"> resigns after inquiry</h1>
<p>The mayor of Vellby resigned on Monday <script>window.__xss=1</script> after an inquiry
into the harbour contracts found that rules had been broken.</p>
<p>Read the <a href="javascript:window.__xss=1">full report</a> or the
<a href="JaVaScRiPt:window.__xss=1">summary</a>, said the inquiry's chair, Odile Varga.</p>
<p onmouseover="window.__xss=1">Raw HTML in text: &lt;img src=x onerror="window.__xss=1"&gt;
and &lt;script&gt;window.__xss=1&lt;/script&gt; must stay text, the council clerk said.</p>
<p>The council will choose an acting mayor <iframe src="javascript:window.__xss=1"></iframe>
at its next meeting, and an election is expected within three months.</p>
<p>Residents gathered outside the town hall <svg onload="window.__xss=1"></svg> on Monday
evening, some carrying banners calling for new rules on public contracts.</p>
</article></body></html>
"""


@pytest.mark.parametrize("unsafe_html", [False, True])
def test_imported_hostile_page_builds_inert(
    unsafe_html: bool, tmp_path: Path, theme_scripts: set[tuple[str, str, str]]
) -> None:
    """A page brought in with `briefings add` is untrusted: nothing of it runs once built."""
    root = tmp_path / "site"
    shutil.copytree(HERE / "sites" / "minimal", root)
    if unsafe_html:
        with (root / "site.yaml").open("a", encoding="utf-8") as config:
            config.write("markdown:\n  unsafe_html: true\n")
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    added = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "add",
            str(page),
            "--date",
            "2024-05-02",
            "--topics",
            "vellby",
            "--config",
            str(root / "site.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    written = (root / added.stdout.strip()).read_text("utf-8")
    assert "resigned on Monday" in written  # the article itself came in
    out = build(root)
    pages = sorted(out.rglob("*.html"))
    problems = [p for page in pages for p in page_problems(page, theme_scripts)]
    assert not problems, "\n".join(problems[:40])
    slug = added.stdout.strip().rsplit("/", 1)[1].removesuffix(".md").split("-", 3)[3]
    article = LexborHTMLParser((out / "articles" / slug / "index.html").read_text("utf-8"))
    prose = article.css_first(".prose").text()
    assert "must stay text" in prose and "full report" in prose
    hrefs = [a.attributes.get("href") or "" for a in article.css(".prose a")]
    assert not any("script" in h.lower() for h in hrefs)
