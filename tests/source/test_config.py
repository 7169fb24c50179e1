from pathlib import Path

from generator.source.config import parse_config


def check(text: str):
    return parse_config(text, Path("."), "site.yaml")


def test_defaults_and_base_path() -> None:
    config, problems = check("title: My news\nbase_url: https://user.github.io/repo\n")
    assert problems == []
    assert config is not None
    assert config.title == "My news"
    assert config.base_url == "https://user.github.io/repo/"
    assert config.base_path == "/repo/"
    assert config.limits.quotes_per_article == 3
    assert config.markdown.unsafe_html is False


def test_every_problem_is_reported_at_once_with_its_position() -> None:
    config, problems = check(
        "title: x\nbase_url: ftp://nope\nfoo: 1\nlimits:\n  quotes_per_article: -1\n  bar: 2\ntimezone: Mars/Base\n"
    )
    assert config is None
    assert [str(p) for p in problems] == [
        "site.yaml:2:11: base_url: 'ftp://nope' is not an http(s) URL",
        "site.yaml:7:11: timezone: 'Mars/Base' is not a known time zone (e.g. UTC, Europe/London)",
        "site.yaml:3:1: unknown key 'foo' (known: title, description, base_url, language, author, "
        "theme, timezone, cname, search, limits, markdown, topics, feeds)",
        "site.yaml:5:23: limits.quotes_per_article: must be between 0 and 50, not -1",
        "site.yaml:6:3: unknown key 'limits.bar' (known: articles_per_page, quotes_per_article, "
        "quotes_per_briefing, summary_sentences, summary_chars, bottom_line_points, feed_entries)",
    ]


def test_unknown_theme_points_at_the_theme_key() -> None:
    config, problems = check("title: x\ntheme: nonexistent\n")
    assert config is None
    assert [str(p) for p in problems] == ["site.yaml:2:8: theme: unknown theme 'nonexistent'"]


def test_nested_sections_must_be_mappings() -> None:
    _, problems = check("limits: 3\n")
    assert [str(p) for p in problems] == ["site.yaml:1:9: limits: must be a mapping, not int"]


def test_topics_settings_are_read_and_checked() -> None:
    config, problems = check("topics:\n  automatic: false\n  min_similarity: 0.3\n")
    assert problems == [] and config is not None
    assert config.topics.automatic is False and config.topics.min_similarity == 0.3
    assert config.topics.min_articles == 2  # the default, declared once
    _, problems = check("topics:\n  min_articles: 1\n  min_similarity: 2\n  colour: red\n")
    assert [str(p) for p in problems] == [
        "site.yaml:2:17: topics.min_articles: must be between 2 and 100, not 1",
        "site.yaml:3:19: topics.min_similarity: must be between 0.0 and 1.0, not 2",
        "site.yaml:4:3: unknown key 'topics.colour' (known: automatic, min_articles, "
        "min_similarity, place_similarity, place_margin)",
    ]


def test_feeds_are_validated_with_positions() -> None:
    text = "title: x\nfeeds:\n  - url: https://a.example/rss\n    topics: [rail]\n    include: tram\n  - url: ftp://b\n    filter: x\n  - source: Nobody\n  - just-a-string\n"
    config, problems = check(text)
    assert config is None
    assert [str(p) for p in problems] == [
        "site.yaml:6:10: feeds[2].url: 'ftp://b' is not an http(s) URL",
        "site.yaml:7:5: unknown key 'feeds[2].filter' (known: url, source, topics, include, exclude)",
        "site.yaml:8:5: missing required field 'feeds[3].url'",
        "site.yaml:9:5: feeds[4]: must be a mapping, not 'just-a-string'",
    ]
    config, problems = check(
        "title: x\nfeeds:\n  - url: https://a.example/rss\n    include: tram\n"
    )
    assert problems == [] and config is not None
    assert config.feeds[0].include == ("tram",) and config.feeds[0].exclude == ()
    _, problems = check("feeds: https://a.example/rss\n")
    assert [str(p) for p in problems] == [
        "site.yaml:1:8: feeds: must be a list of {url: ...} entries"
    ]
