"""The Pagefind search index: shards, reuse of unchanged shards, and failures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.output import search


def write_page(site: Path, rel: str, words: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<!doctype html><html lang="en"><head><title>T</title></head><body>'
        f"<article data-pagefind-body><h1>{words}</h1><p>{words} and more.</p></article>"
        "</body></html>",
        "utf-8",
    )


def make_site(site: Path, articles: int, briefings: int = 1) -> None:
    for n in range(articles):
        write_page(site, f"articles/story-{n}/index.html", f"harbour story{n}")
    for n in range(briefings):
        write_page(site, f"briefings/topic-{n}/index.html", f"briefing topic{n}")
    (site / "index.html").write_text("<html><body><p>Home, not indexed</p></body></html>")


def indexed_urls(bundle: Path) -> set[str]:
    """The page URLs a Pagefind bundle holds, read from its fragments."""
    texts = (gzip.decompress(f.read_bytes()).decode() for f in (bundle / "fragment").iterdir())
    return {json.loads(text[text.index("{") :])["url"] for text in texts}  # after a magic word


def listing(index: Path) -> dict:
    return json.loads((index / search.BUNDLES_FILE).read_text("utf-8"))


def test_shards_put_briefings_apart_and_split_articles_in_powers_of_two(monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 4)
    pages = [f"articles/a{n}/index.html" for n in range(9)] + ["briefings/b/index.html"]
    shards = search.shard_pages(pages)
    assert shards["briefings"] == ("briefings/b/index.html",)
    article_shards = [name for name in shards if name != "briefings"]
    # 9 articles at 4 per shard: 4 shards (a power of two), numbered 00 to 03; empty ones omitted
    assert {int(name.removeprefix("articles-")) for name in article_shards} <= {0, 1, 2, 3}
    assert sorted(p for name in article_shards for p in shards[name]) == sorted(pages[:9])
    # Growing past a power of two splits shards: a page only moves to its shard's new twin.
    grown = search.shard_pages([*pages, *(f"articles/z{n}/index.html" for n in range(8))])
    assert max(int(n.removeprefix("articles-")) for n in grown if n != "briefings") >= 4
    for name, members in shards.items():
        if name == "briefings":
            continue
        number = int(name.split("-")[1])
        for page in members:
            new = next(n for n, m in grown.items() if page in m)
            assert int(new.split("-")[1]) % 4 == number
    assert search.shard_pages([]) == {}
    assert "briefings" not in search.shard_pages(pages[:2])


def test_index_covers_every_page_once_across_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    site = tmp_path / "site"
    make_site(site, articles=10, briefings=2)
    result = search.build_search_index(site)
    index = site / "pagefind"
    assert set(result.fresh) == set(result.shards) and len(result.shards) >= 4
    assert listing(index)["bundles"] == [f"{name}/" for name in result.shards]
    urls = [url for name in result.shards for url in indexed_urls(index / name)]
    expected = [f"/articles/story-{n}/" for n in range(10)] + [
        "/briefings/topic-0/",
        "/briefings/topic-1/",
    ]
    assert sorted(urls) == sorted(expected)  # each page in exactly one shard, home not at all
    assert (index / "pagefind-ui.js").is_file() and (index / "pagefind-ui.css").is_file()
    for name in result.shards:
        entry = json.loads((index / name / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] == len(indexed_urls(index / name))


def test_only_the_shards_of_changed_pages_are_indexed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    site = tmp_path / "site"
    make_site(site, articles=10)
    first = search.build_search_index(site, tmp_path / "one")
    edited = "articles/story-4/index.html"
    write_page(site, edited, "harbour story4 rewritten")
    second = search.build_search_index(
        site, tmp_path / "two", previous=tmp_path / "one", changed={edited, "index.html"}
    )
    owner = next(
        name
        for name, pages in search.shard_pages(search.indexed_pages(site)).items()
        if edited in pages
    )
    assert second.fresh == (owner,) and second.shards == first.shards
    for name in first.shards:  # reused shards are hard links of the old files, not copies
        old = (tmp_path / "one" / name / "pagefind-entry.json").stat()
        new = (tmp_path / "two" / name / "pagefind-entry.json").stat()
        assert (old.st_ino == new.st_ino) == (name != owner)
    # A removed page changes its shard's members; an unknown Pagefind version reuses nothing.
    (site / "articles" / "story-7" / "index.html").unlink()
    (site / "articles" / "story-7").rmdir()
    third = search.build_search_index(
        site, tmp_path / "three", previous=tmp_path / "two", changed=set()
    )
    gone = next(
        name
        for name, pages in search.shard_pages(
            [f"articles/story-{n}/index.html" for n in range(10)]
        ).items()
        if "articles/story-7/index.html" in pages
    )
    assert third.fresh == (gone,)
    assert "/articles/story-7/" not in indexed_urls(tmp_path / "three" / gone)
    monkeypatch.setattr(search, "pagefind_version", lambda _: "pagefind 0.0.1")
    fourth = search.build_search_index(
        site, tmp_path / "four", previous=tmp_path / "three", changed=set()
    )
    assert fourth.fresh == fourth.shards
    # Without a list of changes nothing can be trusted: everything is indexed again.
    assert (
        search.build_search_index(site, tmp_path / "five", previous=tmp_path / "four").fresh
        == fourth.shards
    )


def test_an_index_replaced_whole_gives_up_its_unchanged_shards(tmp_path, monkeypatch):
    """A build's own copy of the previous index is replaced by the new one: the shards no
    change touched are moved over, a rename each, and the new index still covers every page."""
    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    site = tmp_path / "site"
    make_site(site, articles=10)
    first = search.build_search_index(site, tmp_path / "one")
    entry = {n: (tmp_path / "one" / n / "pagefind-entry.json").stat().st_ino for n in first.shards}
    edited = "articles/story-4/index.html"
    write_page(site, edited, "harbour story4 rewritten")
    second = search.build_search_index(
        site, tmp_path / "two", previous=tmp_path / "one", changed={edited}, take=True
    )
    assert len(second.fresh) == 1 and second.shards == first.shards
    for name in second.shards:
        moved = name not in second.fresh
        assert (tmp_path / "one" / name).exists() != moved
        assert ((tmp_path / "two" / name / "pagefind-entry.json").stat().st_ino == entry[name]) == (
            moved
        )
    urls = sorted(url for name in second.shards for url in indexed_urls(tmp_path / "two" / name))
    assert urls == sorted([f"/articles/story-{n}/" for n in range(10)] + ["/briefings/topic-0/"])


def test_example_index_holds_only_articles_briefings_and_people(built_site):
    index = built_site.root / "pagefind"
    urls = [url for bundle in listing(index)["bundles"] for url in indexed_urls(index / bundle)]
    articles = len(list((built_site.root / "articles").glob("*/index.html")))
    briefings = len(list((built_site.root / "briefings").glob("*/index.html")))
    people = len(list((built_site.root / "people").glob("*/index.html")))
    assert people >= 10
    assert len(urls) == len(set(urls)) == articles + briefings + people
    assert all(url.startswith(("/articles/", "/briefings/", "/people/")) for url in urls)
    assert "/people/" not in urls  # the index of people is a list, not content
    # People have their own shards, beside the articles', and the search page's type filter.
    shards = [name for name in listing(index)["shards"] if name.startswith("people-")]
    assert shards
    for name in shards:
        for f in (index / name / "fragment").iterdir():
            text = gzip.decompress(f.read_bytes()).decode()
            fragment = json.loads(text[text.index("{") :])
            assert fragment["url"].startswith("/people/")
            assert fragment["filters"]["type"] == ["Person"]
            assert not fragment["content"].startswith("People")  # the kicker is not content
            assert "Reported by" not in fragment["content"]  # quotes: in the articles' shards


def test_shards_keep_people_apart_from_articles(monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    articles = [f"articles/a{n}/index.html" for n in range(3)]
    people = [f"people/p{n}/index.html" for n in range(5)]
    shards = search.shard_pages([*articles, *people])
    assert {n.split("-")[0] for n in shards} == {"articles", "people"}
    for name, members in shards.items():
        assert all(m.startswith(name.split("-")[0] + "/") for m in members)
    # 5 people at 2 a shard: up to 4 shards (a power of two), each page in exactly one.
    assert {int(n.removeprefix("people-")) for n in shards if n.startswith("people")} <= set(
        range(4)
    )
    assert sorted(m for ms in shards.values() for m in ms) == sorted([*articles, *people])


def test_a_site_with_nothing_to_index_gets_no_index(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><p>Home</p></body></html>")
    assert search.build_search_index(tmp_path) == search.Indexed((), ())
    assert not (tmp_path / "pagefind").exists()


def test_failures_are_reported_as_search_errors(tmp_path, monkeypatch):
    with pytest.raises(search.SearchError, match="not a folder"):
        search.build_search_index(tmp_path / "missing")
    write_page(tmp_path, "briefings/b/index.html", "x")
    monkeypatch.setattr(search, "pagefind_executable", lambda: "/bin/false")
    with pytest.raises(search.SearchError, match="Pagefind failed") as caught:
        search.build_search_index(tmp_path, tmp_path / "out-1")
    assert caught.value.message.startswith("Pagefind failed")
    monkeypatch.setattr(search, "pagefind_executable", lambda: str(tmp_path / "no-such-binary"))
    with pytest.raises(search.SearchError, match="cannot run Pagefind"):
        search.build_search_index(tmp_path, tmp_path / "out-2")


def test_a_build_after_one_without_search_writes_the_index_though_no_page_changed(site, run):
    root = site(copy="minimal")
    config = root / "site.yaml"
    assert run("build", "--config", config, "--no-search", "-q")[0] == 0
    assert not (root / "build" / search.OUTPUT_SUBDIR).exists()
    code, _, err = run("build", "--config", config, "-q")
    assert code == 0, err
    index = root / "build" / search.OUTPUT_SUBDIR
    urls = {url for bundle in listing(index)["bundles"] for url in indexed_urls(index / bundle)}
    articles = {
        f"/articles/{p.parent.name}/" for p in (root / "build/articles").glob("*/index.html")
    }
    assert articles and articles <= urls
