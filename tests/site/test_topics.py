"""Automatic topics: untagged articles join the briefing they belong to or form stories, the
same content always gives the same stories, and the curator stays in charge."""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SITES, html
from generator.build import BuildOptions, configure, load
from generator.models import Article
from generator.site.topics import auto_topics, cluster
from generator.source.config import TopicOptions
from generator.source.frontmatter import with_topics

STORIES = SITES / "stories"
ELECTION_A = "2024-04-1"  # the Valmora election reports: one of them tagged "Elections"
RESIGNATION_A, RESIGNATION_B = "minister-resignations-a", "minister-resignations-b"


def _load(root: Path):
    options = BuildOptions(config_file=root / "site.yaml", search=False, use_cache=False)
    return load(configure(options), options)


@pytest.fixture(scope="module")
def loaded():
    return _load(STORIES)


def _members(loaded, slug: str) -> set[str]:
    briefing = loaded.site.briefing_by_slug[slug]
    return {loaded.site.article_by_slug[s].path for s in briefing.articles}


def test_untagged_reports_join_the_briefing_they_belong_to(loaded) -> None:
    members = _members(loaded, "elections")
    election_a = {a.path for a in loaded.site.articles if "election-results-a" in a.path}
    assert members == election_a  # the four untagged reports of the tagged one's election
    placed = [a for a in loaded.site.articles if a.path in election_a and a.automatic_topics]
    assert len(placed) == 4 and all(a.automatic_topics == ("elections",) for a in placed)
    assert loaded.site.briefing_by_slug["elections"].automatic is False


def test_look_alike_events_become_two_stories(loaded) -> None:
    stories = [b for b in loaded.site.briefings if b.automatic]
    by_event = {}
    for story in stories:
        events = {p.split("/")[-1].rsplit("-", 1)[0][11:] for p in _members(loaded, story.slug)}
        assert len(events) == 1, f"{story.slug} mixes {events}"
        by_event[events.pop()] = story
    assert {RESIGNATION_A, RESIGNATION_B} <= set(by_event)
    a, b = by_event[RESIGNATION_A], by_event[RESIGNATION_B]
    assert a.slug != b.slug
    # Titled by a headline of its own reports; its address is its oldest report's slug.
    assert a.title in {loaded.site.article_by_slug[s].title for s in a.articles}
    assert a.slug == "minister-resignations-a-1"


def test_one_outlet_on_one_day_is_no_story(site) -> None:
    config = "title: T\nbase_url: https://example.org/\nsearch: false\n"
    root = site(copy="stories", config=config)
    for path in (root / "content" / "articles").glob("*minister-resignations-b-*"):
        text = path.read_text()
        text = text.replace("date: '2024-03-03'", "date: '2024-03-01'")
        path.write_text(
            "\n".join(
                "source: Capital Ledger" if line.startswith("source:") else line
                for line in text.split("\n")
            )
        )
    slugs = {b.slug for b in _load(root).site.briefings}
    assert "minister-resignations-b-1" not in slugs
    assert "minister-resignations-a-1" in slugs


def test_curated_topics_and_opt_outs_win(site) -> None:
    root = site(copy="stories")
    first = root / "content/articles/2024-02-20-minister-resignations-a-1.md"
    first.write_text(first.read_text().replace("---\n", "---\nauto_topics: false\n", 1))
    second = root / "content/articles/2024-02-20-minister-resignations-a-2.md"
    second.write_text(second.read_text().replace("---\n", "---\ntopics: [ethics]\n", 1))
    loaded = _load(root)
    articles = {a.path: a for a in loaded.site.articles}
    assert articles[first.relative_to(root).as_posix()].topics == ()
    assert articles[second.relative_to(root).as_posix()].topics == ("ethics",)
    assert articles[second.relative_to(root).as_posix()].automatic_topics == ()
    (root / "site.yaml").write_text(
        "title: T\nbase_url: https://example.org/\nsearch: false\ntopics:\n  automatic: false\n"
    )
    loaded = _load(root)
    assert not any(a.automatic_topics for a in loaded.site.articles)
    assert not any(b.automatic for b in loaded.site.briefings)


def test_same_content_gives_the_same_stories_in_any_order(loaded) -> None:
    curated = [
        replace(
            a,
            topics=a.topics[: len(a.topics) - len(a.automatic_topics)],
            topic_names=a.topic_names[: len(a.topic_names) - len(a.automatic_topics)],
            automatic_topics=(),
        )
        for a in loaded.site.articles
    ]
    expected = auto_topics(curated, [], TopicOptions())
    for seed in range(3):
        shuffled = curated[:]
        random.Random(seed).shuffle(shuffled)
        again = auto_topics(shuffled, [], TopicOptions())
        assert again.stories == expected.stories
        assert dict(again.placements) == dict(expected.placements)


def test_cluster_merges_by_average_not_by_chain() -> None:
    # a-b and b-c are alike, a-c not at all: on average {a, b, c} is below the threshold.
    graph = {"a": {"b": 0.5}, "b": {"a": 0.5, "c": 0.5}, "c": {"b": 0.5}, "d": {}}
    assert cluster("dcba", graph, 0.4) == [["a", "b"], ["c"], ["d"]]
    assert cluster("abcd", graph, 0.25) == [["a", "b", "c"], ["d"]]  # (0.5 + 0) / 2


def test_a_story_keeps_its_address_when_a_newer_report_joins(site) -> None:
    root = site(copy="stories")
    before = {b.slug for b in _load(root).site.briefings if b.automatic}
    (root / "content/articles/2024-03-03-earthquakes-a-9.md").write_text(
        "---\ntitle: Aftershocks rattle Teshar Valley as earthquake toll rises\n"
        "date: '2024-03-03'\nsource: Valley Observer\n---\n"
        "A magnitude 6.4 earthquake in Karvenia's Teshar Valley has killed at least 52 people, "
        "the interior ministry said on Sunday, as aftershocks shook villages near Teshar.\n\n"
        "Rescue teams from Drosk reached Dolna Rava and Stramik, where stone houses collapsed. "
        "Prime Minister Irena Vass extended the state of emergency in the region.\n\n"
        "The National Seismological Institute recorded more than 40 aftershocks after the "
        "quake, which was felt in Drosk, 160 kilometres away.\n"
    )
    after = _load(root)
    assert {b.slug for b in after.site.briefings if b.automatic} == before
    story = after.site.briefing_by_slug["earthquakes-a-1"]
    assert "earthquakes-a-9" in story.articles  # the new report joined the story it reports


def test_the_story_page_says_it_was_grouped_automatically(tmp_path: Path, run) -> None:
    root = tmp_path / "site"
    shutil.copytree(STORIES, root)
    assert run("build", "--config", root / "site.yaml", "-q")[0] == 0
    page = html(root / "build/briefings/minister-resignations-a-1/index.html")
    assert "Grouped automatically" in page.css_first(".auto-note").text()
    timeline = [li.text(deep=True) for li in page.css(".timeline li")]
    assert len(timeline) == 1 and "and 3 other outlets" in " ".join(timeline[0].split())
    also = page.css_first("details.also")
    assert also is not None and len(also.css("li")) == 3
    curated = html(root / "build/briefings/elections/index.html")
    assert curated.css_first(".auto-note") is None


def test_topics_command_lists_every_article_as_json(run) -> None:
    code, out, _ = run("topics", "--json", "--config", STORIES / "site.yaml")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(list((STORIES / "content/articles").glob("*.md")))
    tagged = next(r for r in records if r["path"].endswith("election-results-a-1.md"))
    assert tagged["topics"] == [
        {"slug": "elections", "title": "Elections", "automatic": False, "score": None}
    ]
    placed = next(r for r in records if r["path"].endswith("election-results-a-2.md"))
    (entry,) = placed["topics"]
    assert entry["slug"] == "elections" and entry["automatic"] is True and entry["score"] > 0
    story = next(r for r in records if r["path"].endswith("minister-resignations-a-2.md"))
    assert story["topics"][0]["slug"] == "minister-resignations-a-1"
    assert story["topics"][0]["story"] is True


def test_write_pins_topics_and_changes_nothing_else(tmp_path: Path, run) -> None:
    root = tmp_path / "site"
    shutil.copytree(STORIES, root)
    briefings = {b.slug for b in _load(root).site.briefings}
    before = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
    code, out, _ = run("topics", "--write", "--config", root / "site.yaml")
    assert code == 0 and "Pinned automatic topics into" in out
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert changed
    for path in changed:
        old, new = before[path].split(b"\n"), path.read_bytes().split(b"\n")
        added = [line for line in new if line not in old]
        assert len(new) == len(old) + 1 and len(added) == 1 and added[0].startswith(b"topics: [")
    # Pinned, they are curated: the same briefings, the pinned articles in them as before.
    loaded = _load(root)
    assert {b.slug for b in loaded.site.briefings} == briefings
    pinned = {p.relative_to(root).as_posix() for p in changed}
    assert not any(a.automatic_topics for a in loaded.site.articles if a.path in pinned)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (b"---\ntitle: A\n---\nBody\n", b'---\ntitle: A\ntopics: ["x"]\n---\nBody\n'),
        (b"---\ntitle: A\ntopics: []\n---\nB\n", b'---\ntitle: A\ntopics: ["x"]\n---\nB\n'),
        (b"---\r\ntitle: A\r\n---\r\nB\r\n", b'---\r\ntitle: A\r\ntopics: ["x"]\r\n---\r\nB\r\n'),
        (b"---\ntitle: A\ntopics: [mine]\n---\nB\n", None),
        (b"---\ntitle: A\ntags:\n  - mine\n---\nB\n", None),
    ],
)
def test_pin_changes_only_the_topics_line(front: bytes, expected: bytes | None) -> None:
    assert with_topics(front, ["x"]) == expected


def test_articles_carry_their_term_vectors(loaded) -> None:
    article: Article = loaded.site.articles[0]
    terms = dict(article.terms)
    assert terms and all(w > 0 for w in terms.values())
    assert any(t.startswith("=") for t in terms)  # names count as names too


def test_an_edit_does_not_reshuffle_unrelated_stories(site) -> None:
    root = site(copy="stories")

    def stories() -> dict[str, frozenset[str]]:
        return {b.slug: frozenset(b.articles) for b in _load(root).site.briefings if b.automatic}

    before = stories()
    edited = root / "content/articles/2024-02-21-minister-resignations-a-3.md"
    edited.write_text(
        edited.read_text().replace("\n\n", "\n\nThe opposition called it a cover-up.\n\n", 1)
    )
    after = stories()
    untouched = {slug for slug in before if not slug.startswith(RESIGNATION_A)}
    assert untouched and all(after[slug] == before[slug] for slug in untouched)


@pytest.fixture(scope="module")
def topics_corpus():
    """benchmarks/topics.py and its corpus: 301 articles in six broad categories."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "topics.py"
    spec = importlib.util.spec_from_file_location("topics_benchmark", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module, *module.load_corpus()


def test_broad_briefings_gather_their_untagged_articles(topics_corpus) -> None:
    # One article in ten tagged: about five per category, most events with none tagged.
    module, articles, gold = topics_corpus
    accuracy, coverage = module.our_placement(articles, gold, TopicOptions())
    assert coverage >= 0.97  # seed closeness alone placed 68%
    assert accuracy >= 0.9


def test_a_subject_no_briefing_covers_stays_off_briefings(topics_corpus) -> None:
    # Half the categories have a briefing: the others' articles are near one another, not
    # near a briefing's, and mostly stay out, however many words they share with one.
    module, articles, gold = topics_corpus
    assert module.intruders(articles, gold, TopicOptions()) <= 0.12
