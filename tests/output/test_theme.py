"""The default theme's HTML, read back from built pages: structure, metadata, search, size.

Most tests read the example site built once for the session (tests/browser.py's `built_site`);
a few build small sites of their own for a setting or an edge case.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import REPO
from generator.output import render

pytest_plugins = ["browser"]

THEME = REPO / "themes" / "default"
SIZE_BUDGET = 60 * 1024  # a briefing page's HTML and CSS together


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def pages_of(built_site) -> dict[Path, LexborHTMLParser]:
    return {path: parse(path) for path in built_site.html_files()}


@pytest.fixture(scope="module")
def pages(built_site) -> dict[Path, LexborHTMLParser]:
    return pages_of(built_site)


@pytest.fixture(scope="module")
def briefing(built_site, page_types) -> LexborHTMLParser:
    return parse(built_site.file(page_types.paths["briefing"]))


def rel(path: Path, built_site) -> str:
    return path.relative_to(built_site.root).as_posix()


# Every page -------------------------------------------------------------------------------------


def test_every_page_has_one_h1_and_headings_without_skips(pages, built_site):
    for path, tree in pages.items():
        levels = [
            int(node.tag[1])
            for node in tree.css("main h1, main h2, main h3, main h4, main h5, main h6")
        ]
        assert levels.count(1) == 1 and levels[0] == 1, (rel(path, built_site), levels)
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{rel(path, built_site)}: h{before} then h{after}"
        assert not tree.css("body > header h1, body > footer h1, nav h1")


def test_every_page_has_landmarks_skip_link_and_search_form(pages, built_site):
    for path, tree in pages.items():
        where = rel(path, built_site)
        assert tree.css_first("html").attributes["lang"] == "en"
        assert len(tree.css("main#main")) == 1, where
        assert len(tree.css("body > header")) == 1 and len(tree.css("body > footer")) == 1
        assert tree.css_first("nav[aria-label=Main] ul li a") is not None, where
        skip = tree.css_first("body > a.skip-link")
        assert skip is not None and skip.attributes["href"] == "#main", where
        assert tree.css_first("body > *") == skip, f"{where}: the skip link must come first"
        form = tree.css_first("header form[role=search]")
        assert form is not None, where
        assert form.attributes["method"] == "get"
        field = form.css_first("input[name=q]")
        label = form.css_first(f"label[for={field.attributes['id']}]")
        assert label is not None and label.text(strip=True)
        assert form.css_first("button[type=submit]") is not None


def test_search_form_action_resolves_to_the_search_page(pages, built_site):
    for path, tree in pages.items():
        action = tree.css_first("header form[role=search]").attributes["action"]
        if path.name == "404.html":
            assert action == "/news/search/"  # rooted: the 404 page is served at any depth
            continue
        target = (path.parent / action).resolve()
        assert (target / "index.html").is_file(), f"{rel(path, built_site)} -> {action}"


def test_no_page_but_search_needs_a_script(pages, built_site):
    for path, tree in pages.items():
        scripts = [
            s for s in tree.css("script") if s.attributes.get("type") != "application/ld+json"
        ]
        if rel(path, built_site) == "search/index.html":
            assert scripts
        else:
            assert not scripts, rel(path, built_site)


def test_only_article_briefing_and_person_pages_are_indexed(pages, built_site):
    indexed = {
        rel(path, built_site) for path, tree in pages.items() if tree.css("[data-pagefind-body]")
    }
    expected = {
        rel(path, built_site)
        for path in built_site.html_files()
        if re.fullmatch(r"(articles|briefings|people)/[^/]+/index\.html", rel(path, built_site))
    }
    assert indexed == expected
    assert len(expected) > 20
    for name in indexed:
        tree = pages[built_site.root / name]
        body = tree.css("[data-pagefind-body]")
        folder = name.split("/")[0]
        # A person is found by name and roles: only their page's header is content.
        assert len(body) == 1 and body[0].tag == ("header" if folder == "people" else "article")
        kind = {"briefings": "Briefing", "people": "Person"}.get(folder, "Article")
        assert body[0].attributes["data-pagefind-filter"] == f"type:{kind}"
        assert re.fullmatch(r"date:\d{4}-\d\d-\d\d", body[0].attributes["data-pagefind-sort"])


# The briefing page ------------------------------------------------------------------------------


def test_briefing_reads_top_down_like_a_briefing(briefing):
    main = briefing.css_first("main")
    headings = [h.text(strip=True) for h in main.css("h1, h2")]
    assert headings[0] == "Central banks take on inflation"
    order = ["The bottom line", "From the curator", "Timeline", "Full coverage", "Sources"]
    positions = [headings.index(name) for name in order]
    assert positions == sorted(positions), headings
    meta = main.css_first(".briefing-header .meta")
    assert meta.text().startswith("Last updated")
    # The newest report is an untagged one, placed here automatically.
    assert meta.css_first("time").attributes["datetime"].startswith("2024-03-21")


def test_bottom_line_is_a_list_linked_to_its_articles(briefing):
    box = briefing.css_first("section.bottom-line-box")
    assert box.attributes["aria-labelledby"] == "bottom-line"
    points = box.css("ul.bottom-line > li")
    assert 1 <= len(points) <= 6
    for point in points:
        link = point.css_first("a.source-link")
        assert link.attributes["href"].startswith("../../articles/")
        assert link.text(strip=True)


def test_timeline_is_an_ordered_list_oldest_first(briefing):
    items = briefing.css("ol.timeline > li")
    dates = [item.css_first("time").attributes["datetime"] for item in items]
    assert len(dates) == 7
    assert dates == sorted(dates)


def test_coverage_cards_are_a_list_newest_first_with_source_and_original(briefing):
    cards = briefing.css("#coverage ~ ul.cards > li > article.card")
    assert len(cards) == 7
    dates = [card.css_first("time").attributes["datetime"] for card in cards]
    assert dates == sorted(dates, reverse=True)
    for card in cards:
        assert card.css_first("h3.card-title a").text(strip=True)
        assert card.css_first(".source-name").attributes["href"].startswith("../../sources/")
        original = card.css_first("a.original")
        assert original.attributes["href"].startswith("https://")
        assert "nofollow" in original.attributes["rel"]
        assert card.css_first("p.summary").text(strip=True)


def test_sources_are_counted_and_related_briefings_listed(briefing, built_site):
    items = briefing.css("aside.facts #sources ~ ul.counts > li")
    assert len(items) == 7
    total = 0
    for item in items:
        count = item.css_first(".count")
        number = int(count.text(deep=False).strip())
        assert count.css_first(".visually-hidden").text(strip=True) in {"article", "articles"}
        total += number
    assert total == 7


def test_what_theyre_saying_has_quotes_speakers_and_sources(built_site):
    """Any briefing with key quotes shows each with its speaker and the outlets that reported it."""
    found = 0
    for path in sorted((built_site.root / "briefings").glob("*/index.html")):
        section = parse(path).css_first("section[aria-labelledby=saying]")
        if section is None:
            continue
        for figure in section.css("ul.quotes > li > figure.quote"):
            found += 1
            assert figure.css_first("blockquote p").text(strip=True)
            assert figure.css_first("figcaption .speaker").text(strip=True)
            links = figure.css("figcaption .reported a")
            assert links and all(a.attributes["href"].startswith("../../articles/") for a in links)
    assert found, "the example site's curated quotes should appear on some briefing"


def test_briefing_html_and_css_are_under_the_size_budget(built_site):
    css = (built_site.root / "static" / "style.css").stat().st_size
    for path in sorted((built_site.root / "briefings").glob("*/index.html")):
        total = path.stat().st_size + css
        assert total < SIZE_BUDGET, f"{rel(path, built_site)}: {total} bytes with the CSS"


# Metadata ---------------------------------------------------------------------------------------


def json_ld(tree: LexborHTMLParser) -> dict:
    scripts = tree.css("script[type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text())


def meta(tree: LexborHTMLParser, prop: str) -> str:
    node = tree.css_first(f"meta[property='{prop}']") or tree.css_first(f"meta[name='{prop}']")
    assert node is not None, prop
    return node.attributes["content"]


def test_article_metadata_matches_the_page(built_site, page_types):
    for path in sorted((built_site.root / "articles").glob("*/index.html")):
        tree = parse(path)
        data = json_ld(tree)
        canonical = tree.css_first("link[rel=canonical]").attributes["href"]
        headline = tree.css_first("h1").text(strip=True)
        published = tree.css_first("header .meta time").attributes["datetime"]
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == headline[:110] or headline.startswith(data["headline"][:-3])
        assert data["datePublished"] == published == meta(tree, "article:published_time")
        datetime.fromisoformat(data["datePublished"])
        assert data["mainEntityOfPage"] == data["url"] == canonical == meta(tree, "og:url")
        assert canonical.startswith("https://example.org/news/articles/")
        assert meta(tree, "og:type") == "article"
        assert meta(tree, "og:title") == headline
        authors = data["author"] if isinstance(data["author"], list) else [data["author"]]
        assert all(a["@type"] in {"Person", "Organization"} and a["name"] for a in authors)
        source = tree.css_first("header .source-name")
        if source is not None:
            assert data["publisher"] == {"@type": "Organization", "name": source.text(strip=True)}
        original = tree.css_first("a.button")
        if original is not None:
            assert data["isBasedOn"] == original.attributes["href"]
        assert "" not in data.values()


def test_briefing_metadata(briefing):
    data = json_ld(briefing)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Central banks take on inflation"
    assert data["dateModified"].startswith("2024-03-21")
    assert data["datePublished"].startswith("2022-03-16")
    assert len(data["citation"]) == 7
    assert all(url.startswith("https://example.org/news/articles/") for url in data["citation"])
    assert meta(briefing, "og:title") == data["headline"]
    assert meta(briefing, "og:description") == data["description"][:200] or data[
        "description"
    ].startswith(meta(briefing, "og:description")[:-3])


# Search page ------------------------------------------------------------------------------------


def test_search_page_loads_pagefind_relatively_and_works_without_js(built_site):
    tree = parse(built_site.file("search/"))
    head = tree.css_first("head")
    assert head.css_first("script[src]").attributes["src"] == "../pagefind/pagefind-ui.js"
    assert head.css_first("link[href='../pagefind/pagefind-ui.css']") is not None
    assert meta(tree, "robots") == "noindex"
    note = tree.css_first("#search #search-note")
    assert "needs JavaScript" in note.text()
    assert "../articles/" in [a.attributes["href"] for a in note.css("a")]
    script = tree.css("main script")[-1].text()
    assert "URLSearchParams" in script and 'get("q")' in script and "triggerSearch" in script
    assert (built_site.root / "pagefind" / "pagefind-ui.js").is_file()
    assert "bundles.json" in script and "mergeIndex" in script


# Dates and language -----------------------------------------------------------------------------


def test_local_date_filters():
    when = datetime(2022, 6, 5, 14, 30, tzinfo=UTC)
    assert render.local_date(when, "en") == "5 June 2022"
    assert render.local_date(when, "en-GB") == "5 June 2022"
    assert render.local_date(when, "fr") == "2022-06-05"
    assert render.local_month(when, "en_US") == "June 2022"
    assert render.local_month(when, "de") == "2022-06"


def test_dates_follow_the_site_language(site, run):
    root = site(
        {
            "content/articles/a.md": "---\ntitle: Un titre\ndate: 2024-05-03\nsource: Le Monde\n"
            "topics: [port]\n---\nTexte.\n",
        },
        config="title: Test\nbase_url: https://example.org/\nlanguage: fr\n",
    )
    code, _, err = run("build", "--config", root / "site.yaml", "-q")
    assert code == 0, err
    [path] = (root / "build" / "articles").glob("*/index.html")
    article = parse(path)
    assert article.css_first("html").attributes["lang"] == "fr"
    assert article.css_first("header .meta time").text(strip=True) == "2024-05-03"
    archive = parse(root / "build" / "articles" / "index.html")
    assert archive.css_first("main h2").text(deep=False).strip() == "2024-05"
    english = parse(root / "build" / "index.html")
    assert english.css_first("meta[property='og:locale']").attributes["content"] == "fr"


def test_an_empty_site_says_so_instead_of_showing_empty_lists(site, run):
    root = site({}, config="title: Empty\nbase_url: https://example.org/\n")
    code, _, err = run("build", "--config", root / "site.yaml", "-q")
    assert code == 0, err
    home = parse(root / "build" / "index.html")
    assert "No briefings yet" in home.css_first("main").text()
    for name in ("briefings", "articles", "sources"):
        tree = parse(root / "build" / name / "index.html")
        assert not tree.css("main ul:empty, main ol:empty"), name
        assert "No " in tree.css_first("main").text()
