"""The link checker: pure resolution rules, then the `briefings check` command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.check import (
    Link,
    LinkProblem,
    Scanned,
    Target,
    check,
    land,
    resolve,
    scan,
)

PROJECT = "https://example.github.io/repo/"
ROOT = "https://news.example.org/"


@pytest.mark.parametrize(
    ("page", "url", "expected"),
    [
        ("index.html", "articles/", Target("articles/index.html", "")),
        ("articles/a/index.html", "../b/#p-2", Target("articles/b/index.html", "p-2")),
        ("articles/a/index.html", "../../", Target("index.html", "")),
        ("articles/a/index.html", "..", Target("articles/index.html", "")),
        ("index.html", "#main", Target("index.html", "main")),
        ("index.html", "static/style.css?v=2", Target("static/style.css", "")),
        ("index.html", "sources/le%20monde/", Target("sources/le monde/index.html", "")),
        ("404.html", "/repo/briefings/", Target("briefings/index.html", "")),
        ("404.html", "/repo", Target("index.html", "")),
        ("index.html", PROJECT + "feed.xml", Target("feed.xml", "")),
        (
            "index.html",
            "https://example.github.io/other/",
            Link("index.html", "https://example.github.io/other/"),
        ),
        (
            "index.html",
            "https://www.reuters.com/x",
            Link("index.html", "https://www.reuters.com/x"),
        ),
        ("index.html", "//cdn.example.net/x.js", Link("index.html", "//cdn.example.net/x.js")),
        ("index.html", "mailto:desk@example.org", None),
        ("index.html", "", None),
    ],
)
def test_resolve_on_a_project_site(page: str, url: str, expected: object) -> None:
    assert resolve(page, url, PROJECT) == expected


def test_a_rooted_link_outside_the_base_path_is_a_problem() -> None:
    assert resolve("404.html", "/briefings/", PROJECT) == LinkProblem(
        "404.html", "/briefings/", "outside the site's base path /repo/"
    )


def test_climbing_out_of_a_project_site_is_a_problem_but_clamps_at_a_domain_root() -> None:
    climb = "../../../briefings/"
    assert isinstance(resolve("articles/a/index.html", climb, PROJECT), LinkProblem)
    # A browser stops `..` at the host's root, so at a domain's root the link still lands.
    assert resolve("articles/a/index.html", climb, ROOT) == Target("briefings/index.html", "")


def test_scan_collects_links_and_anchors() -> None:
    found = scan(
        '<a href="x/">x</a><a name="old"></a><h2 id="quotes">Q</h2>'
        '<img src="a.png" srcset="a-2x.png 2x, a-3x.png 3x"><link rel="stylesheet" href="s.css">'
        '<script src="app.js"></script><source src="v.webm"/><a href="a&amp;b.html">amp</a>'
    )
    assert found == Scanned(
        ("x/", "a.png", "a-2x.png", "a-3x.png", "s.css", "app.js", "v.webm", "a&b.html"),
        frozenset({"old", "quotes"}),
    )


def test_scan_reads_sitemap_locations() -> None:
    sitemap = "<urlset><url><loc> https://x.org/a/ </loc><lastmod>2024</lastmod></url></urlset>"
    assert scan(sitemap).urls == ("https://x.org/a/",)


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (Target("a/index.html", "p-1"), ""),
        (Target("a/index.html", "top"), ""),  # the top of the page, always there
        (Target("a", ""), ""),  # a folder without its slash: hosts redirect
        (Target("a/index.html", "p-9"), "no element with id 'p-9' in a/index.html"),
        (Target("b/index.html", ""), "no such file in the output (b/index.html)"),
        (Target("feed.xml", "x"), ""),  # anchors are checked in HTML only
    ],
)
def test_land(target: Target, why: str) -> None:
    files = frozenset({"a/index.html", "feed.xml"})
    assert land(target, files, {"a/index.html": frozenset({"p-1"})}) == why


def test_check_reports_each_broken_link_once_and_lists_external_links() -> None:
    pages = {
        "index.html": Scanned(
            ("a/", "a/#p-1", "a/#nope", "gone/", "https://elsewhere.org/", "a/"),
            frozenset({"main"}),
        ),
        "a/index.html": Scanned(("../#main", "/repo/x.css"), frozenset({"p-1"})),
    }
    report = check(pages, {"index.html", "a/index.html"}, PROJECT)
    assert [str(p) for p in report.problems] == [
        "a/index.html: /repo/x.css: no such file in the output (x.css)",
        "index.html: a/#nope: no element with id 'nope' in a/index.html",
        "index.html: gone/: no such file in the output (gone/index.html)",
    ]
    assert report.external == (Link("index.html", "https://elsewhere.org/"),)
    assert (report.pages, report.links) == (2, 7)


BROKEN_ARTICLE = """\
---
title: Broken links
date: 2024-05-04
topics: [harbour-talks]
---
See [a missing article](../no-such-article/) and [a missing quote](../talks-resume/#p-99).
A [good quote link](../talks-resume/#p-1) and an [external one](https://example.com/x).
"""


@pytest.fixture
def broken_site(site: Callable[..., Path], run: Callable[..., tuple[int, str, str]]) -> Path:
    root = site({"content/articles/2024-05-04-broken.md": BROKEN_ARTICLE}, copy="minimal")
    code, _, err = run("build", "--config", root / "site.yaml")
    assert code == 0, err
    return root


def test_check_finds_exactly_the_broken_link_and_fragment(
    broken_site: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, _ = run("check", "--config", broken_site / "site.yaml")
    lines = out.splitlines()
    assert code == 1
    assert lines[:-1] == [
        "articles/broken/index.html: ../no-such-article/: "
        "no such file in the output (articles/no-such-article/index.html)",
        "articles/broken/index.html: ../talks-resume/#p-99: "
        "no element with id 'p-99' in articles/talks-resume/index.html",
    ]
    assert lines[-1].startswith("Checked ") and "2 broken links" in lines[-1]


def test_check_lists_external_links_on_request(
    broken_site: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    _, out, _ = run("check", "--config", broken_site / "site.yaml", "--external")
    assert "external: https://example.com/x (1 file)" in out.splitlines()
    _, out, _ = run("check", "--config", broken_site / "site.yaml")
    assert "external:" not in out


def test_a_clean_site_passes(
    site: Callable[..., Path], run: Callable[..., tuple[int, str, str]]
) -> None:
    root = site(copy="minimal")
    assert run("build", "--config", root / "site.yaml")[0] == 0
    code, out, _ = run("check", "--config", root / "site.yaml")
    assert code == 0
    assert out.splitlines()[-1].startswith("Checked ")
    assert "no broken links" in out


def test_check_an_output_folder_for_another_base_url(
    site: Callable[..., Path],
    run: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = site(copy="minimal")  # built for https://example.github.io/repo/
    output = tmp_path / "out"
    assert run("build", "--config", root / "site.yaml", "--output", output)[0] == 0
    code, out, _ = run("check", "--config", root / "site.yaml", "--output", output)
    assert code == 0
    monkeypatch.chdir(tmp_path)  # no site.yaml here: the output alone is checked
    code, out, _ = run("check", "--output", output, "--base-url", "https://news.example.org")
    assert code == 1  # the 404 page's links are rooted at /repo/
    assert "404.html: /repo/" in out


def test_check_without_a_build_is_a_clear_error(
    site: Callable[..., Path], run: Callable[..., tuple[int, str, str]]
) -> None:
    root = site(copy="minimal")
    code, _, err = run("check", "--config", root / "site.yaml")
    assert code == 1
    assert "run `briefings build` first" in err
    assert "Traceback" not in err
