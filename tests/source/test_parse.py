"""Parsing one file: the fields a curator writes, and what each mistake says."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.models import Article, Quote, Summary
from generator.source.discover import Source
from generator.source.parse import ParseSettings, parse


def parse_text(text: str, rel: str = "content/articles/2024-01-02-my-story.md", tz: str = "UTC"):
    data = text.encode()
    return parse(Source(rel, "article", data, "x"), ParseSettings(timezone=tz))


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_text(text).problems]


def test_a_complete_article() -> None:
    parsed = parse_text(
        "---\n"
        "title: Talks resume\n"
        "date: 2024-01-02T09:30:00+09:00\n"
        "source: Example Wire\n"
        "url: https://wire.example.com/a\n"
        "author: [A. Writer, B. Writer]\n"
        "tags: [Harbour Talks, labour]\n"
        "quotes:\n"
        "  - text: We are back.\n"
        "    speaker: Maria Lopez\n"
        "    role: negotiator\n"
        "---\n"
        "First paragraph.\n\n<!--more-->\n\nSecond paragraph.\n"
    )
    assert parsed.problems == ()
    article = parsed.document
    assert isinstance(article, Article)
    assert article.slug == "my-story"  # the date prefix of the file name is dropped
    assert article.date.utcoffset().total_seconds() == 9 * 3600
    assert article.topics == ("harbour-talks", "labour")
    assert article.topic_names == ("Harbour Talks", "labour")
    assert article.authors == ("A. Writer", "B. Writer")
    assert article.summary == Summary("First paragraph.", automatic=False)  # the teaser
    assert article.quotes == (Quote("We are back.", "Maria Lopez", "negotiator", curated=True),)
    assert article.paragraphs == ("First paragraph.", "Second paragraph.")
    assert "more" not in article.html


def test_a_date_is_midnight_in_the_site_time_zone() -> None:
    article = parse_text("---\ntitle: T\ndate: 2024-03-01\n---\n", tz="Europe/London").document
    assert article.date.isoformat() == "2024-03-01T00:00:00+00:00"
    article = parse_text("---\ntitle: T\ndate: 2024-07-01\n---\n", tz="Europe/London").document
    assert article.date.astimezone(UTC) == datetime(2024, 6, 30, 23, tzinfo=UTC)


def test_a_teaser_summary_drops_the_wire_dateline() -> None:
    article = parse_text(
        "---\ntitle: T\ndate: 2024-01-01\n---\n"
        "HALIFAX, Nova Scotia (AP) — Ferry crews returned to work on Monday.\n\n<!--more-->\n"
        "More.\n"
    ).document
    assert article.summary == Summary("Ferry crews returned to work on Monday.", automatic=False)


def test_curated_summary_beats_the_teaser() -> None:
    article = parse_text(
        "---\ntitle: T\ndate: 2024-01-01\nsummary: Mine.\n---\nA.\n\n<!--more-->\nB.\n"
    ).document
    assert article.summary == Summary("Mine.", automatic=False)


def test_mistakes_are_reported_with_line_and_column() -> None:
    assert messages("---\ntitle: T\ndate: yesterday\n---\n") == [
        "content/articles/2024-01-02-my-story.md:3:7: date: 'yesterday' is not a date (use YYYY-MM-DD)"
    ]
    assert messages("---\ntitle: T\ndate: 2021-02-30\n---\n") == [
        "content/articles/2024-01-02-my-story.md:3:7: date: '2021-02-30' is not a valid date "
        "(day is out of range for month)"
    ]
    assert messages("---\ndate: 2021-02-03\n---\n") == [
        "content/articles/2024-01-02-my-story.md:2:1: missing required field 'title'"
    ]


def test_all_problems_of_one_file_at_once() -> None:
    found = messages(
        "---\ntitle: T\ndate: 2021-01-01\nurl: javascript:alert(1)\ntopics: {a: 1}\nquotes: nope\n---\n"
    )
    assert found == [
        "content/articles/2024-01-02-my-story.md:4:6: url: 'javascript:alert(1)' is not an http(s) URL",
        "content/articles/2024-01-02-my-story.md:5:9: topics: must be a list of text, not dict",
        "content/articles/2024-01-02-my-story.md:6:9: quotes: must be a list of quotes, each with "
        "text, speaker and role",
    ]


def test_unknown_fields_warn_and_are_kept_as_extra() -> None:
    parsed = parse_text("---\ntitle: T\ndate: 2021-01-01\nmood: calm\n---\n")
    assert [str(p) for p in parsed.problems] == [
        "content/articles/2024-01-02-my-story.md:4:1: warning: unknown field 'mood' (kept as extra)"
    ]
    assert parsed.document.extra == (("mood", "calm"),)


def test_a_slug_cannot_leave_its_folder() -> None:
    assert messages("---\ntitle: T\ndate: 2021-01-01\nslug: ../../etc\n---\n") == [
        "content/articles/2024-01-02-my-story.md:4:7: slug: '../../etc' must not contain '/', '\\', "
        "'..' or start with '.'"
    ]


def test_bom_and_crlf_are_fine() -> None:
    data = "\ufeff---\r\ntitle: T\r\ndate: 2021-01-01\r\n---\r\nBody.\r\n".encode()
    parsed = parse(Source("content/articles/a.md", "article", data, "x"), ParseSettings())
    assert parsed.problems == ()
    assert parsed.document.paragraphs == ("Body.",)


def test_raw_html_is_escaped_by_default() -> None:
    article = parse_text(
        "---\ntitle: T\ndate: 2021-01-01\n---\n<script>alert(1)</script>\n"
    ).document
    assert "<script>" not in article.html
    assert "&lt;script&gt;" in article.html
