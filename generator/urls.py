"""The one helper every internal link comes from.

Pages link to each other relatively (MkDocs' choice), so one build works at a domain's root,
under `/repo/` on GitHub Pages and from the file system. Feeds, the sitemap, canonical tags and
the 404 page need absolute URLs, built from base_url.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin


def article_path(slug: str) -> str:
    return f"articles/{slug}/"


def briefing_path(slug: str) -> str:
    return f"briefings/{slug}/"


def source_path(slug: str) -> str:
    return f"sources/{slug}/"


def person_path(slug: str) -> str:
    return f"people/{slug}/"


def page_path(slug: str) -> str:
    return f"{slug}/"


def output_file(path: str) -> str:
    """The file that serves a site path: pretty URLs end in a slash and live in index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(target: str, current: str) -> str:
    """Link from the page at site path `current` to site path `target` (both without leading /).

    Site paths are already normal (no `.`, `..` or doubled slashes), so the link is the steps up
    out of the current page's folder to the folder both share, then the rest of the target:
    segment by segment, which is several times cheaper than posixpath.relpath, and pages make
    hundreds of links each."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    here = current.split("/")[:-1]  # the folders of the current page
    there = target.split("/")  # the target's folders, then its file ("" for a folder)
    shared = 0
    most = min(len(here), len(there) - 1)
    while shared < most and here[shared] == there[shared]:
        shared += 1
    link = "../" * (len(here) - shared) + "/".join(there[shared:])
    return quote(link or "./", safe="/.-_~#") + fragment


def absolute(target: str, base_url: str) -> str:
    return urljoin(base_url, quote(target, safe="/.-_~#"))


def rooted(target: str, base_path: str) -> str:
    """A link from the site's root path, for pages served at any depth (the 404 page)."""
    return quote(base_path + target, safe="/.-_~#")
