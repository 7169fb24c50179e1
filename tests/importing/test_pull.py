"""`briefings pull` against a local server: feeds, filters, conditional requests, re-runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from localserver import Server, serving
from pages import article_page

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def server() -> Iterator[Server]:
    with serving() as running:
        yield running


def rss(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{s}</description>"
        "<pubDate>Tue, 04 Jun 2024 09:00:00 +0200</pubDate><author>desk@x.example (Rune Halvorsen)</author></item>"
        for t, link, s in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fjord Post</title>{entries}</channel></rss>'


def three_pages(server: Server) -> list[str]:
    links = []
    for n, topic in enumerate(("tramway", "ferry", "budget")):
        links.append(
            server.page(
                f"/{topic}",
                article_page(
                    headline=f"The {topic} story of the week, number {n}",
                    url=f"https://www.fjordpost.example/{topic}/",
                ),
            )
        )
    return links


def site_with_feed(site, server: Server, extra: str = "") -> Path:
    feed = server.url("/feed.xml")
    return site(
        config=f"title: T\nbase_url: https://example.org/\nfeeds:\n  - url: {feed}\n{extra}"
    )


def test_pull_adds_new_entries_once(site, run: Run, server: Server) -> None:
    links = three_pages(server)
    server.page(
        "/feed.xml",
        rss([("Tram", links[0], "a"), ("Ferry", links[1], "b"), ("Budget", links[2], "c")]),
        content_type="application/rss+xml",
        etag='"feed-1"',
    )
    root = site_with_feed(site, server)
    code, out, err = run("pull", "--config", root / "site.yaml")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[-1] == "Added 3 articles from 1 feed (0 failed, 0 already here)"
    assert len(list((root / "content/articles").glob("*.md"))) == 3
    code, out, _ = run("pull", "--config", root / "site.yaml")
    assert code == 0
    assert out.splitlines()[-1] == "Added 0 articles from 1 feed (0 failed, 0 already here)"
    assert server.not_modified["/feed.xml"] == 1  # the second pull was one conditional request
    assert server.hits["/tramway"] == 1
    state = json.loads((root / ".briefings-cache/feeds.json").read_text())
    assert state["feeds"][server.url("/feed.xml")]["etag"] == '"feed-1"'


def test_without_conditional_support_a_second_pull_still_adds_nothing(
    site, run: Run, server: Server
) -> None:
    links = three_pages(server)
    server.page("/feed.xml", rss([("Tram", links[0], "a")]), content_type="application/rss+xml")
    root = site_with_feed(site, server)
    assert run("pull", "--config", root / "site.yaml")[0] == 0
    _code, out, _ = run("pull", "--config", root / "site.yaml")
    assert out.splitlines()[-1] == "Added 0 articles from 1 feed (0 failed, 1 already here)"
    assert len(list((root / "content/articles").glob("*.md"))) == 1


def test_include_exclude_and_feed_settings(site, run: Run, server: Server) -> None:
    links = three_pages(server)
    items = [
        ("Tram news", links[0], "rail"),
        ("Ferry news", links[1], "sea rail"),
        ("Budget", links[2], "money"),
    ]
    server.page("/feed.xml", rss(items), content_type="application/rss+xml")
    extra = "    include: [rail]\n    exclude: [sea]\n    source: Fjord Digest\n    topics: [transport]\n"
    root = site_with_feed(site, server, extra)
    code, _out, _ = run("pull", "--config", root / "site.yaml")
    assert code == 0
    (path,) = (root / "content/articles").glob("*.md")
    fields = yaml.safe_load(path.read_text().split("---\n")[1])
    assert fields["title"] == "The tramway story of the week, number 0"
    assert fields["source"] == "Fjord Digest"
    assert fields["topics"] == ["transport"]
    assert server.hits["/ferry"] == 0 and server.hits["/budget"] == 0


def test_feed_fills_what_the_page_lacks(site, run: Run, server: Server) -> None:
    bare = (
        "<html><head><title>Quay works</title></head><body><article><h1>Quay repairs start in the old harbour</h1>"
        + "".join(
            f"<p>Paragraph {n} about the quay repairs, which the harbour office says will take most of the summer and close two berths.</p>"
            for n in range(4)
        )
        + "</article></body></html>"
    )
    link = server.page("/quay", bare)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour",
        "items": [
            {
                "id": "1",
                "url": link,
                "title": "Quay repairs",
                "date_published": "2024-06-03T07:30:00+02:00",
                "authors": [{"name": "Sigrid Aalto"}],
            }
        ],
    }
    server.page("/feed.json", json.dumps(feed), content_type="application/feed+json")
    root = site(config="title: T\nbase_url: https://example.org/\n")
    code, _out, err = run(
        "pull", "--feed", server.url("/feed.json"), "--config", root / "site.yaml"
    )
    assert code == 0, err
    (path,) = (root / "content/articles").glob("*.md")
    assert path.name.startswith("2024-06-03-quay-repairs-start")
    fields = yaml.safe_load(path.read_text().split("---\n")[1])
    assert fields["author"] == "Sigrid Aalto"
    assert str(fields["date"]) == "2024-06-03 07:30:00+02:00"


def test_dead_feed_and_page_are_reported_and_the_rest_go_on(site, run: Run, server: Server) -> None:
    links = three_pages(server)
    server.page(
        "/feed.xml",
        rss([("Tram", links[0], "a"), ("Gone", server.url("/gone"), "b")]),
        content_type="application/rss+xml",
        etag='"e"',
    )
    root = site(
        config=f"title: T\nbase_url: https://example.org/\nfeeds:\n  - url: {server.url('/feed.xml')}\n  - url: {server.url('/dead.xml')}\n"
    )
    code, out, err = run("pull", "--config", root / "site.yaml")
    assert code == 1
    assert out.splitlines()[-1] == "Added 1 article from 1 feed (2 failed, 0 already here)"
    assert f"{server.url('/dead.xml')}: HTTP 404 Not Found" in err.splitlines()
    assert f"{server.url('/gone')}: HTTP 404 Not Found" in err.splitlines()
    run("pull", "--config", root / "site.yaml")
    assert server.not_modified["/feed.xml"] == 0  # a failed entry: the feed is read in full again


def test_dry_run_writes_nothing(site, run: Run, server: Server) -> None:
    links = three_pages(server)
    server.page("/feed.xml", rss([("Tram", links[0], "a")]), content_type="application/rss+xml")
    root = site_with_feed(site, server)
    code, out, _ = run("pull", "--dry-run", "--config", root / "site.yaml")
    assert code == 0 and "Added 1 article" in out
    assert not (root / "content/articles").exists()
    assert not (root / ".briefings-cache/feeds.json").exists()


def test_at_most_two_requests_per_host(site, run: Run, server: Server) -> None:
    items = []
    for n in range(8):
        link = server.page(
            f"/p{n}",
            article_page(
                headline=f"Story number {n} of the slow day",
                url=f"https://www.fjordpost.example/p{n}/",
            ),
            delay=0.2,
        )
        items.append((f"S{n}", link, "x"))
    server.page("/feed.xml", rss(items), content_type="application/rss+xml")
    root = site_with_feed(site, server)
    _code, out, _ = run("pull", "--config", root / "site.yaml")
    assert out.splitlines()[-1] == "Added 8 articles from 1 feed (0 failed, 0 already here)"
    assert server.most_at_once == 2
