"""Valid HTML: the Nu HTML checker (vnu.jar from npm's vnu-jar) finds no error on any built page.

One Java run checks every page of the example site, an empty site and the minimal fixture site
(empty states and the other template branches), plus the theme's stylesheet.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytest_plugins = ["browser"]

THEME_CSS = Path(__file__).resolve().parents[1] / "themes" / "default" / "static" / "style.css"


def check(command: list[str], files: list[Path], *extra: str) -> list[dict]:
    done = subprocess.run(
        [*command, *extra, *map(str, files)], capture_output=True, text=True, timeout=300
    )
    # vnu writes its JSON report to stderr; exit status 1 means it found errors.
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") in {"error", "non-document-error"}]


def describe(messages: list[dict]) -> str:
    return "\n".join(
        f"{Path(m.get('url', '?')).as_posix().split('/site/')[-1]}:{m.get('lastLine', '?')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:80]}]"
        for m in messages
    )


@pytest.fixture(scope="module")
def report(built_site, vnu_command, tmp_path_factory) -> dict[str, list[dict]]:
    """One checker run over every page of the three sites and the stylesheet: errors by site."""
    files = {"example": built_site.html_files(), **_small_sites(tmp_path_factory)}
    for name, pages in files.items():
        assert pages, f"the {name} site has no pages"
    everything = [page for pages in files.values() for page in pages]
    errors = check(vnu_command, [*everything, THEME_CSS], "--also-check-css")
    found: dict[str, list[dict]] = {name: [] for name in [*files, "css"]}
    owner = {page.resolve().as_uri(): name for name, pages in files.items() for page in pages}
    owner[THEME_CSS.resolve().as_uri()] = "css"
    for message in errors:
        found[owner.get(message.get("url", ""), "css")].append(message)
    return found


def test_example_site_pages_are_valid_html(report, built_site):
    assert len(built_site.html_files()) > 40
    assert not report["example"], describe(report["example"])


@pytest.mark.parametrize("name", ["empty", "minimal"])
def test_small_sites_are_valid_html(report, name):
    assert not report[name], describe(report[name])


def test_stylesheet_is_valid_css(report):
    assert not report["css"], describe(report["css"])


def test_checker_reports_invalid_html(vnu_command, tmp_path):
    """The check can fail: a page with a stray end tag and a duplicate id is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">one</p><p id="a">two</div></body></html>'
    )
    errors = check(vnu_command, [bad])
    assert len(errors) >= 2, describe(errors)


def _small_sites(tmp_path_factory) -> dict[str, list[Path]]:
    from generator.cli import main

    sites = {}
    for name in ("empty", "minimal"):
        root = tmp_path_factory.mktemp(name) / "site"
        if name == "minimal":
            shutil.copytree(Path(__file__).parent / "sites" / "minimal", root)
        else:
            root.mkdir()
            (root / "site.yaml").write_text(
                "title: Empty\nbase_url: https://example.org/\nlanguage: en-GB\n"
            )
        output = root.parent / "out"
        code = main(["build", "--config", str(root / "site.yaml"), "--output", str(output), "-q"])
        assert code == 0, f"the {name} site did not build"
        sites[name] = sorted(output.rglob("*.html"))
    return sites
