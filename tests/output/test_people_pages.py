"""People pages as a reader and a crawler see them: quotes by briefing linked to their paragraph,
JSON-LD, the index, speaker links on briefings and articles, the sitemap."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import article, html

FILES = {
    "content/articles/2024-05-01-ready.md": article(
        "Kim says the North is ready",
        "2024-05-01",
        "Negotiators met on Wednesday.\n\n"
        "“We are ready for both dialogue and confrontation,” said Kim Jong Un, the leader.\n",
        source="Example Wire",
        topics="[talks]",
    ),
    "content/articles/2024-05-03-dialogue.md": article(
        "Dialogue first, Kim says",
        "2024-05-03",
        "Officials spoke on Friday.\n\n“Dialogue comes first, then everything else,” Mr. Kim said.\n",
        source="Daily Example",
        topics="[talks]",
        quotes="[{text: 'Dialogue comes first, then everything else.', speaker: Mr. Kim}]",
    ),
    "content/articles/2024-05-04-envoy.md": article(
        "Envoys meet at the border",
        "2024-05-04",
        "Envoys met at the border.\n\n"
        "“Talks are possible this summer, if both sides want them,” said Jane Doe, an analyst.\n\n"
        "Kim Jong Un was not there.\n",
        source="Example Wire",
        topics="[envoy]",
        quotes="[{text: 'The door is open, but only a crack.', speaker: Kim Jong Un, "
        "role: North Korean leader}]",
    ),
}


@pytest.fixture
def built(site, run) -> Path:
    root = site(FILES)
    code, _, err = run("build", "--strict", "--config", root / "site.yaml")
    assert code == 0, err
    return root / "build"


def resolve(built: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on the page at site path `page` leads to."""
    target, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(page, target))
    file = built / path / "index.html" if not path.endswith(".xml") else built / path
    return file, fragment


def json_ld(tree: LexborHTMLParser) -> dict:
    (script,) = tree.css('script[type="application/ld+json"]')
    return json.loads(script.text())


def test_person_page_groups_quotes_by_briefing_newest_first_linked_to_paragraphs(built) -> None:
    page = "people/kim-jong-un/"
    tree = html(built / page / "index.html")
    assert tree.css_first("h1").text() == "Kim Jong Un"
    # Every role the articles give, most frequent (then newest) first.
    assert [li.text() for li in tree.css(".roles li")] == ["North Korean leader", "leader"]
    groups = tree.css("section.person-group")
    assert [g.css_first("h2").text(strip=True) for g in groups] == ["Envoy", "Talks"]
    assert groups[0].css_first("h2 a").attributes["href"] == "../../briefings/envoy/"
    talks = [b.text(strip=True) for b in groups[1].css("blockquote")]
    assert talks == [  # "Mr. Kim" is Kim Jong Un: the only Kim in the site
        "Dialogue comes first, then everything else.",
        "We are ready for both dialogue and confrontation",
    ]
    links = [a for g in groups for a in g.css(".reported a")]
    assert [a.text() for a in links] == ["Example Wire", "Daily Example", "Example Wire"]
    for a, quoted in zip(links[1:], talks, strict=True):
        file, fragment = resolve(built, page, a.attributes["href"])
        assert fragment.startswith("p-")
        paragraph = html(file).css_first(f"#{fragment}")  # the paragraph that reports it
        assert paragraph is not None and quoted.rstrip(".") in paragraph.text()
    # A curated quote the text does not contain links to the article, not to a paragraph.
    assert links[0].attributes["href"] == "../../articles/envoy/"


def test_person_page_has_person_json_ld_and_is_indexed_as_a_person(built) -> None:
    tree = html(built / "people/kim-jong-un/index.html")
    ld = json_ld(tree)
    assert ld["@type"] == "Person" and ld["name"] == "Kim Jong Un"
    assert ld["url"] == "https://example.org/people/kim-jong-un/"
    assert ld["jobTitle"] == "North Korean leader"
    assert "alternateName" not in ld  # "Mr. Kim" refers to him; it is not another name
    assert {s["url"] for s in ld["subjectOf"]} == {
        f"https://example.org/articles/{slug}/" for slug in ("ready", "dialogue", "envoy")
    }
    body = tree.css("[data-pagefind-body]")
    assert len(body) == 1 and body[0].attributes["data-pagefind-filter"] == "type:Person"
    nav = tree.css_first('.site-nav a[aria-current="true"]')
    assert nav is not None and nav.text() == "People"


def test_people_index_lists_everyone_most_quoted_first(built) -> None:
    tree = html(built / "people/index.html")
    rows = tree.css("ol.people-index > li")
    assert [r.css_first("a").text() for r in rows] == ["Kim Jong Un", "Jane Doe"]
    assert [r.css_first("a").attributes["href"] for r in rows] == ["kim-jong-un/", "jane-doe/"]
    assert rows[0].css_first(".count").text().startswith("3 quotes")
    assert rows[1].css_first(".meta").text() == "analyst"
    assert tree.css_first('.site-nav a[aria-current="page"]').text() == "People"


def test_who_is_quoted_and_article_speakers_link_to_the_person(built) -> None:
    briefing = html(built / "briefings/talks/index.html")
    quoted = {a.text(): a.attributes["href"] for a in briefing.css("#quoted ~ ul a")}
    assert quoted == {
        "Kim Jong Un": "../../people/kim-jong-un/",
        "Mr. Kim": "../../people/kim-jong-un/",
    }
    assert {a.attributes["href"] for a in briefing.css("figure.quote a.speaker")} == {
        "../../people/kim-jong-un/"
    }
    envoy = html(built / "articles/envoy/index.html")
    speakers = {a.text(): a.attributes["href"] for a in envoy.css("figure.quote a.speaker")}
    assert speakers == {
        "Kim Jong Un": "../../people/kim-jong-un/",
        "Jane Doe": "../../people/jane-doe/",
    }


def test_sitemap_lists_people(built) -> None:
    sitemap = (built / "sitemap.xml").read_text()
    assert "<loc>https://example.org/people/</loc>" in sitemap
    assert (
        "<loc>https://example.org/people/kim-jong-un/</loc><lastmod>2024-05-04</lastmod>" in sitemap
    )
    assert "<loc>https://example.org/people/jane-doe/</loc>" in sitemap


def test_every_link_of_people_pages_resolves(built, run) -> None:
    code, out, err = run("check", "--config", built.parent / "site.yaml")
    assert code == 0, out + err
    assert "no broken links" in out
