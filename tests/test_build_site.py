"""End to end: build the fixture site and read the pages back as a reader's browser would."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import html

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def built(site, run) -> Path:
    root = site(copy="minimal")
    code, out, err = run("build", "--config", root / "site.yaml")
    assert code == 0, err
    assert err == ""  # the fixture builds with no warning
    assert re.match(r"Built \d+ pages \(2 articles, 2 briefings\) in [\d.]+ s", out)
    return root / "build"


def test_every_page_type_is_written(built: Path) -> None:
    expected = [
        "index.html",
        "briefings/index.html",
        "briefings/harbour-talks/index.html",
        "briefings/harbour-talks/feed.xml",
        "briefings/labour/index.html",
        "articles/index.html",
        "articles/talks-resume/index.html",
        "articles/deal-close/index.html",
        "sources/index.html",
        "sources/example-wire/index.html",
        "about/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "static/style.css",
    ]
    missing = [p for p in expected if not (built / p).is_file()]
    assert missing == []


def test_briefing_page_shows_bottom_line_quotes_timeline_and_cards(built: Path) -> None:
    page = html(built / "briefings/harbour-talks/index.html")
    assert [h.text() for h in page.css("h1")] == ["The harbour talks"]
    intro = page.css_first(".intro")
    assert intro is not None and intro.css_first("strong").text() == "harbour"
    assert page.css_first("#bottom-line") is not None
    points = page.css(".bottom-line li")
    assert 1 <= len(points) <= 4
    # Every point links to the article it came from.
    for li in points:
        assert li.css_first("a").attributes["href"].startswith("../../articles/")
    # The curated quote comes first, with speaker and role, linked to its paragraph.
    first = page.css_first("figure.quote")
    assert first.css_first("blockquote").text(strip=True) == "A deal is within reach this week."
    assert first.css_first(".speaker").text() == "Sam Ortiz"
    assert first.css_first(".role").text() == ", union spokesperson"
    link = first.css_first(".reported a")
    assert link.text() == "Daily Example"
    assert link.attributes["href"].startswith("../../articles/deal-close/")
    # The timeline is oldest first, the coverage newest first.
    timeline = [li.css_first("a").text() for li in page.css(".timeline li")]
    assert timeline == ["Talks resume after a long pause", "Port deal is close, both sides say"]
    cards = [c.css_first(".card-title a").text() for c in page.css(".card")]
    assert cards == list(reversed(timeline))
    sources = {
        li.css_first("a").text(): " ".join(li.css_first(".count").text().split())
        for li in page.css("#sources + ul li")
    }
    assert sources == {"Daily Example": "1 article", "Example Wire": "1 article"}


def test_article_page_has_metadata_summary_body_and_links(built: Path) -> None:
    page = html(built / "articles/deal-close/index.html")
    assert page.css_first("h1").text() == "Port deal is close, both sides say"
    assert (
        page.css_first(".summary-box p").text() == "Both sides say a deal on wages is within reach."
    )
    assert page.css_first(".summary-box .badge").text() == "Curator's summary"
    assert page.css_first("#p-1") is not None  # paragraphs carry anchors for quote links
    original = page.css_first("a.button")
    assert original.attributes["href"] == "https://daily.example.com/deal-close"
    tags = {a.text(): a.attributes["href"] for a in page.css("a.tag")}
    assert tags == {
        "The harbour talks": "../../briefings/harbour-talks/",
        "Labour": "../../briefings/labour/",
    }
    data = json.loads(page.css_first('script[type="application/ld+json"]').text())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Port deal is close, both sides say"
    assert data["datePublished"].startswith("2024-05-03")


def test_home_lists_briefings_with_bottom_line_and_latest_articles(built: Path) -> None:
    page = html(built / "index.html")
    titles = [a.text() for a in page.css(".briefing-teaser h3 a")]
    assert set(titles) == {"The harbour talks", "Labour"}
    section = page.css_first('section[aria-labelledby="latest-articles"]')
    latest = [a.text() for a in section.css(".card-title a")]
    assert latest == ["Port deal is close, both sides say", "Talks resume after a long pause"]
    assert page.css_first('link[rel="stylesheet"]').attributes["href"] == "static/style.css"


def test_feeds_and_sitemap_use_absolute_urls_under_the_base_path(built: Path) -> None:
    feed = ET.parse(built / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Port deal is close, both sides say",
        "Talks resume after a long pause",
    ]
    assert (
        entries[0].find(f"{ATOM}id").text == "https://example.github.io/repo/articles/deal-close/"
    )
    briefing_feed = ET.parse(built / "briefings/labour/feed.xml").getroot()
    assert len(briefing_feed.findall(f"{ATOM}entry")) == 1
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [
        loc.text for loc in ET.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", ns)
    ]
    assert "https://example.github.io/repo/briefings/harbour-talks/" in locs
    assert all(loc.startswith("https://example.github.io/repo/") for loc in locs)


def test_404_page_links_from_the_base_path(built: Path) -> None:
    page = html(built / "404.html")
    hrefs = [a.attributes["href"] for a in page.css("main a")]
    assert hrefs == ["/repo/briefings/", "/repo/articles/", "/repo/"]
    assert page.css_first('link[rel="stylesheet"]').attributes["href"] == "/repo/static/style.css"


def test_drafts_are_left_out_unless_asked_for(site, run) -> None:
    root = site(
        {
            "content/articles/kept.md": "---\ntitle: Kept\ndate: 2024-01-01\ntopics: [a]\n---\nText.\n",
            "content/articles/draft.md": "---\ntitle: Draft\ndate: 2024-01-02\ndraft: true\n---\nText.\n",
        }
    )
    assert run("build", "--config", root / "site.yaml")[0] == 0
    assert not (root / "build/articles/draft/index.html").exists()
    assert run("build", "--config", root / "site.yaml", "--drafts")[0] == 0
    assert (root / "build/articles/draft/index.html").exists()


def test_base_url_option_overrides_the_config(built: Path, run) -> None:
    config = built.parent / "site.yaml"
    assert run("build", "--config", config, "--base-url", "https://news.example.org")[0] == 0
    page = html(built / "404.html")
    assert page.css_first("main a").attributes["href"] == "/briefings/"


def test_cname_is_written_when_configured(site, run) -> None:
    root = site(config="title: T\nbase_url: https://news.example.org/\ncname: news.example.org\n")
    assert run("build", "--config", root / "site.yaml")[0] == 0
    assert (root / "build/CNAME").read_text() == "news.example.org\n"


def test_jobs_sets_the_number_of_processes_and_must_be_positive(site, run, tmp_path) -> None:
    root = site(copy="minimal")
    code, _, err = run("build", "--config", root / "site.yaml", "-j", "1", "--no-search", "-q")
    assert code == 0, err
    one = {p.relative_to(root / "build"): p.read_bytes() for p in (root / "build").rglob("*.*")}
    out = tmp_path / "two"
    code, _, err = run(
        "build",
        "--config",
        root / "site.yaml",
        "--jobs",
        "2",
        "--output",
        out,
        "--no-search",
        "--clean",
        "-q",
    )
    assert code == 0, err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.*")} == one
    for bad in ("0", "-3", "two"):
        code, _, err = run("build", "--config", root / "site.yaml", "-j", bad)
        assert code == 2 and "--jobs" in err and "Traceback" not in err, (bad, err)
