"""The preview's first answer to a saved article: its own page, before the whole rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SITES, html
from generator.build import BuildOptions, Warm, build, render_edited

ARTICLE = "content/articles/2024-05-01-talks-resume.md"
PAGE = "build/articles/talks-resume/index.html"
ADDED = "The next round is set for Monday at the harbour office."


@pytest.fixture
def preview(tmp_path: Path) -> tuple[Path, BuildOptions]:
    """The minimal site, built once as `briefings serve` builds it."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    options = BuildOptions(config_file=root / "site.yaml", search=False, atomic=False, warm=Warm())
    build(options)
    return root, options


def body_text(page: Path) -> str:
    return html(page).css_first(".article-body").text()


def test_the_edited_page_shows_the_edit_and_is_what_the_rebuild_makes(preview) -> None:
    root, options = preview
    source = root / ARTICLE
    source.write_text(source.read_text() + f"\n{ADDED}\n")
    assert ADDED not in body_text(root / PAGE)

    assert render_edited(options, source)
    first = (root / PAGE).read_bytes()
    assert ADDED in body_text(root / PAGE)
    # Its briefing link and the speaker's page link come from the last build, unchanged.
    tree = html(root / PAGE)
    assert tree.css_first('a[href$="briefings/harbour-talks/"]') is not None
    assert tree.css_first('a[href*="people/maria-lopez/"]') is not None

    build(options)
    assert (root / PAGE).read_bytes() == first  # the rebuild agrees, byte for byte


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("topics: [Harbour Talks]", "topics: [Harbour Talks, Shipping]"),  # places it elsewhere
        ("date: 2024-05-01", "date: 2024-05-02"),  # moves it in every list
        ("title: Talks resume", "title: [Talks resume"),  # a YAML mistake: the rebuild reports it
    ],
)
def test_changes_that_reach_other_pages_wait_for_the_rebuild(preview, old: str, new: str) -> None:
    root, options = preview
    source = root / ARTICLE
    before = (root / PAGE).read_bytes()
    source.write_text(source.read_text().replace(old, new, 1))
    assert not render_edited(options, source)
    assert (root / PAGE).read_bytes() == before


def test_only_an_article_of_a_built_site_takes_the_shortcut(preview, tmp_path: Path) -> None:
    root, options = preview
    briefing = root / "content/briefings/harbour-talks.md"
    briefing.write_text(briefing.read_text() + "\nMore about the talks.\n")
    assert not render_edited(options, briefing)
    # A new process has built nothing yet; a published build keeps no site in memory.
    unbuilt = BuildOptions(config_file=root / "site.yaml", atomic=False, warm=Warm())
    assert not render_edited(unbuilt, root / ARTICLE)
    published = BuildOptions(config_file=root / "site.yaml", search=False, warm=Warm())
    build(published)
    assert not render_edited(published, root / ARTICLE)
