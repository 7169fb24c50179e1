"""Rendering in parallel: this process and its workers share the pages, each rendered once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from conftest import article
from generator.build import BuildOptions, configure, load
from generator.errors import Problem
from generator.output.render import render_pages


def _loaded(site: Callable[..., Path], articles: int, files: dict[str, str] | None = None):
    stories = {
        f"content/articles/story-{i}.md": article(
            f"Story {i}",
            f"2024-05-{1 + i % 28:02d}",
            f"Paragraph of story {i}.",
            topics=f"[t{i % 4}]",
        )
        for i in range(articles)
    }
    root = site({**stories, **(files or {})})
    options = BuildOptions(config_file=root / "site.yaml", use_cache=False, search=False)
    return load(configure(options), options)


def test_parallel_rendering_gives_every_page_once_as_one_process_would(site) -> None:
    loaded = _loaded(site, 90)
    alone = list(render_pages(loaded.site, loaded.pages, loaded.theme_dirs, workers=1))
    for workers in (2, 3):  # this process and one worker; and with two
        shared = list(render_pages(loaded.site, loaded.pages, loaded.theme_dirs, workers=workers))
        assert Counter(out for out, _ in shared) == Counter(out for out, _ in alone)
        assert dict(shared) == dict(alone)
    assert len(alone) == len(loaded.pages) > 90


def test_a_failing_template_is_reported_by_whichever_process_rendered_the_page(site) -> None:
    broken = "{% extends 'base.html' %}{% block main %}{{ article.nothing_here }}{% endblock %}\n"
    loaded = _loaded(
        site,
        60,
        {
            "themes/custom/theme.yaml": "extends: default\n",
            "themes/custom/templates/article.html": broken,
            "site.yaml": "title: T\ntheme: custom\n",
        },
    )
    results = list(render_pages(loaded.site, loaded.pages, loaded.theme_dirs, workers=2))
    failed = [r for _, r in results if isinstance(r, Problem)]
    assert len(failed) == 60
    assert {(p.path, p.line) for p in failed} == {("themes/custom/templates/article.html", 1)}
    assert all(isinstance(r, bytes) for _, r in results if not isinstance(r, Problem))
