import pytest

from generator import urls


@pytest.mark.parametrize(
    ("target", "current", "expected"),
    [
        ("articles/x/", "briefings/y/", "../../articles/x/"),
        ("", "articles/x/", "../../"),
        ("", "", "./"),
        ("static/style.css", "", "static/style.css"),
        ("briefings/", "briefings/a/", "../"),
        ("feed.xml", "briefings/a/", "../../feed.xml"),
        ("briefings/a/feed.xml", "briefings/a/", "feed.xml"),
        ("articles/x/#p-3", "briefings/a/", "../../articles/x/#p-3"),
        ("about/", "404.html", "about/"),
        ("articles/ça/", "", "articles/%C3%A7a/"),
        ("briefings/a/", "briefings/a/", "./"),
        ("briefings/a/#key-quotes", "briefings/a/", "./#key-quotes"),
        ("briefings/ab/", "briefings/a/", "../ab/"),
        ("people/", "people/kim-jong-un/", "../"),
        ("static/app.js", "briefings/a/feed.xml", "../../static/app.js"),
        ("articles/x/", "articles/", "x/"),
    ],
)
def test_relative_links_between_site_paths(target: str, current: str, expected: str) -> None:
    assert urls.relative(target, current) == expected


def test_absolute_and_rooted_links_keep_the_base_path() -> None:
    assert (
        urls.absolute("articles/x/", "https://u.github.io/repo/")
        == "https://u.github.io/repo/articles/x/"
    )
    assert urls.absolute("", "https://news.example.org/") == "https://news.example.org/"
    assert urls.rooted("static/style.css", "/repo/") == "/repo/static/style.css"


def test_pretty_urls_are_served_by_index_files() -> None:
    assert urls.output_file("") == "index.html"
    assert urls.output_file("articles/x/") == "articles/x/index.html"
    assert urls.output_file("feed.xml") == "feed.xml"
