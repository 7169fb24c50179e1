"""Incremental builds must produce exactly what a cold build produces, byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import SITES
from generator.build import BuildOptions, Warm, build


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's hash, except Pagefind's index: its file names change from run to run."""
    return {
        rel: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (rel := p.relative_to(folder).as_posix()).startswith("pagefind/")
    }


def cold(root: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    build(BuildOptions(config_file=root / "site.yaml", output=out, use_cache=False))
    return snapshot(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


EDITS = {
    "article": ("content/articles/2024-05-01-talks-resume.md", "four months", "five months"),
    "article title": (
        "content/articles/2024-05-03-deal-close.md",
        "Port deal is close",
        "Port deal is near",
    ),
    "article source": (
        "content/articles/2024-05-01-talks-resume.md",
        "source: Example Wire",
        "source: Example Newswire",
    ),
    "article summary": (
        "content/articles/2024-05-03-deal-close.md",
        "summary: Both sides",
        "summary: Both parties",
    ),
    "article date": (
        "content/articles/2024-05-01-talks-resume.md",
        "date: 2024-05-01",
        "date: 2024-05-09",
    ),
    "article topics": (
        "content/articles/2024-05-03-deal-close.md",
        "topics: [harbour-talks, labour]",
        "topics: [harbour-talks, ports]",
    ),
    # What people pages show: who said it, and what.
    "quote speaker": ("content/articles/2024-05-01-talks-resume.md", "Maria Lopez", "Maria Lopes"),
    "quote text": (
        "content/articles/2024-05-03-deal-close.md",
        "within reach this week",
        "within reach this month",
    ),
    "curated speaker": (
        "content/articles/2024-05-03-deal-close.md",
        "speaker: Sam Ortiz",
        "speaker: Sam Ortega",
    ),
    "template": ("themes/default/templates/article.html", "Read the original at", "Read it at"),
    "person template": (
        "themes/default/templates/person.html",
        "}} in {{ plural(person.articles",
        "}} across {{ plural(person.articles",
    ),
    "briefing file": ("content/briefings/harbour-talks.md", "The harbour talks", "Harbour talks"),
    "page": ("content/pages/about.md", "title: About", "title: About us"),
    "config": ("site.yaml", "Minimal briefings", "Small briefings"),
}


def published(root: Path) -> BuildOptions:
    return BuildOptions(config_file=root / "site.yaml")


def preview(root: Path) -> BuildOptions:
    """As `briefings serve` builds: in place, keeping what it learnt between builds."""
    return BuildOptions(config_file=root / "site.yaml", search=False, atomic=False, warm=Warm())


@pytest.mark.parametrize("mode", [published, preview])
@pytest.mark.parametrize("change", list(EDITS))
def test_incremental_output_equals_a_cold_build(tmp_path: Path, change: str, mode) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)  # copies keep their old mtimes: stamps are trusted
    # A site-local copy of the default theme, so the template edit stays inside this test.
    from generator.source.themes import builtin_theme

    shutil.copytree(builtin_theme("default"), root / "themes/default")
    options = mode(root)
    build(options)
    first = snapshot(root / "build")
    unchanged = build(options)
    assert unchanged.changed == 0
    assert snapshot(root / "build") == first

    rel, old, new = EDITS[change]
    edit(root / rel, old, new)
    result = build(options)
    assert result.changed > 0
    assert snapshot(root / "build") == cold(root, tmp_path)
    if options.warm:  # it remembered every content file, and the listing matches the folder
        assert len(options.warm.sources) == len(list((root / "content").rglob("*.md")))
        assert options.warm.output_files == set(snapshot(root / "build"))

    # Undone: a published build now brings the site the edit replaced up to date (the spare)
    # instead of making a new tree; what it publishes is still exactly the first site.
    spare = root / ".briefings-cache" / "spare-output"
    assert spare.is_dir() == options.atomic
    edit(root / rel, new, old)
    assert build(options).changed > 0
    assert snapshot(root / "build") == first


def test_an_unchanged_rebuild_renders_nothing_and_keeps_mtimes(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    options = BuildOptions(config_file=root / "site.yaml")
    build(options)
    page = root / "build/articles/talks-resume/index.html"
    before = page.stat().st_mtime_ns
    result = build(options)
    assert result.changed == 0
    assert result.rendered == 0  # nothing any page shows has changed
    assert page.stat().st_mtime_ns == before


def test_a_deleted_article_disappears_from_the_output(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    options = BuildOptions(config_file=root / "site.yaml")
    build(options)
    (root / "content/articles/2024-05-01-talks-resume.md").unlink()
    build(options)
    assert not (root / "build/articles/talks-resume").exists()
    assert snapshot(root / "build") == cold(root, tmp_path)


def test_a_new_article_appears_everywhere_a_cold_build_shows_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    options = BuildOptions(config_file=root / "site.yaml")
    build(options)
    (root / "content/articles/2024-05-07-new.md").write_text(
        "---\ntitle: A new turn\ndate: 2024-05-07\nsource: Third Outlet\ntopics: [labour]\n---\n"
        '"We will strike on Monday," said Ana Ruiz, a union organiser.\n'
    )
    build(options)
    assert snapshot(root / "build") == cold(root, tmp_path)


UNTAGGED = "content/articles/2024-03-03-earthquakes-a-3.md"  # in an automatic story
NEW_REPORT = (
    "---\ntitle: Aftershocks rattle Teshar Valley as earthquake toll rises\n"
    "date: '2024-03-03'\nsource: Valley Observer\n---\n"
    "A magnitude 6.4 earthquake in Karvenia's Teshar Valley has killed at least 52 people, the "
    "interior ministry said on Sunday, as aftershocks shook villages near Teshar.\n\n"
    "Rescue teams from Drosk reached Dolna Rava and Stramik, where stone houses collapsed.\n"
)


def _add(root: Path) -> None:
    (root / "content/articles/2024-03-03-aftershocks.md").write_text(NEW_REPORT)


def _edit_untagged(root: Path) -> None:
    edit(root / UNTAGGED, "death toll", "number of dead")


def _remove_untagged(root: Path) -> None:
    (root / UNTAGGED).unlink()


@pytest.mark.parametrize("mode", [published, preview])
@pytest.mark.parametrize("change", [_add, _edit_untagged, _remove_untagged])
def test_untagged_articles_added_edited_removed_equal_a_cold_build(
    tmp_path: Path, change, mode
) -> None:
    """Automatic topics are global: a change to one untagged article may move it, its story
    and the briefings it lands in; whatever it moves, the rebuild equals a cold build."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "stories", root)
    options = mode(root)
    build(options)
    first = snapshot(root / "build")
    change(root)
    assert build(options).changed > 0
    after = snapshot(root / "build")
    assert after == cold(root, tmp_path)
    assert after != first


PEOPLE_SITE = {
    "content/articles/2024-05-01-a.md": (
        "---\ntitle: Talks go on\ndate: 2024-05-01\nsource: Wire\ntopics: [talks]\n---\n"
        "Talks went on.\n\n"
        "“We are back at the table,” said Ana Ruiz, a negotiator.\n\n"
        "“Nothing is agreed until everything is,” said Bo Li, a mediator.\n"
    ),
    "content/articles/2024-05-02-b.md": (
        "---\ntitle: Ports wait\ndate: 2024-05-02\nsource: Daily\ntopics: [ports]\n---\n"
        "The ports waited.\n\n“The ships are queueing already,” said Cy Young, a pilot.\n"
    ),
    "content/articles/2024-05-03-c.md": (
        "---\ntitle: Talks near a deal\ndate: 2024-05-03\nsource: Wire\ntopics: [talks]\n---\n"
        "A deal came near.\n\n“A deal is within reach this week,” said Ana Ruiz, a negotiator.\n"
    ),
}


def _prints(root: Path) -> dict[str, object]:
    """What each page shows, as the build fingerprints it: a page renders again when it changes."""
    from generator.build import configure, load
    from generator.output.incremental import fingerprints

    options = BuildOptions(config_file=root / "site.yaml", use_cache=False)
    loaded = load(configure(options), options)
    return fingerprints(loaded.site, loaded.pages, "")


def _changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {page for page, fp in after.items() if before.get(page) != fp}


@pytest.mark.parametrize("mode", [published, preview])
def test_editing_one_quote_re_renders_only_the_people_it_touches(tmp_path: Path, mode) -> None:
    from conftest import write_files

    root = tmp_path / "site"
    write_files(root, {"site.yaml": "title: People\nbase_url: https://example.org/\n"})
    write_files(root, PEOPLE_SITE)
    options = mode(root)
    build(options)
    people = sorted(p.name for p in (root / "build/people").iterdir() if p.is_dir())
    assert people == ["ana-ruiz", "bo-li", "cy-young"]
    before = _prints(root)

    # Bo Li's words change; Ana Ruiz is quoted in the same article, but not her words.
    edit(root / "content/articles/2024-05-01-a.md", "until everything is", "until all is")
    after = _prints(root)
    touched = _changed(before, after)
    assert {p for p in touched if p.startswith("people/")} == {"people/bo-li/index.html"}
    assert "articles/a/index.html" in touched and "articles/b/index.html" not in touched
    assert build(options).rendered == len(touched)
    assert snapshot(root / "build") == cold(root, tmp_path)

    # A new name for the one speaker of another article: their page and the index, nobody else.
    before = after
    edit(root / "content/articles/2024-05-02-b.md", "said Cy Young", "said Dee Marsh")
    touched = _changed(before, _prints(root))
    assert {p for p in touched if p.startswith("people/")} == {
        "people/dee-marsh/index.html",
        "people/index.html",
    }
    build(options)
    assert not (root / "build/people/cy-young/index.html").exists()
    assert snapshot(root / "build") == cold(root, tmp_path)
