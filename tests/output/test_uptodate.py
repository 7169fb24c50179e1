"""A build with nothing new to make stops before the pipeline; any change takes the pipeline."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.build
from conftest import article

ARTICLE = "content/articles/2024-05-01-talks-resume.md"


def settle(root: Path) -> None:
    """Date every file of the site well in the past: a file changed in the last two seconds
    could change again within its time stamp, so no build trusts a record made over it."""
    past = time.time() - 60
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))


@pytest.fixture
def pipeline_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that ran the pipeline (the child process that makes the site)."""
    runs: list[int] = []
    real = generator.build.in_child

    def counted(task: Callable[[], object]) -> object:
        runs.append(1)
        return real(task)

    monkeypatch.setattr(generator.build, "in_child", counted)
    return runs


def build(run: Callable[..., tuple[int, str, str]], root: Path, *args: str) -> str:
    code, _, err = run("build", "--config", root / "site.yaml", "--no-search", *args)
    assert code == 0, err
    return err


def test_an_unchanged_site_is_not_built_again_and_says_so(site, run, pipeline_runs) -> None:
    root = site(copy="minimal")
    settle(root)
    build(run, root)
    before = {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()}
    code, out, _ = run("build", "--config", root / "site.yaml", "--no-search")
    assert code == 0 and out.startswith("Built 21 pages (2 articles, 2 briefings)"), out
    assert len(pipeline_runs) == 1
    assert {p: p.read_bytes() for p in (root / "build").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "change",
    [
        "edit an article",
        "add an article",
        "remove an article",
        "edit the config",
        "edit a template",
        "delete an output file",
        "other options",
    ],
)
def test_any_change_runs_the_pipeline(site, run, pipeline_runs, change: str) -> None:
    root = site(copy="minimal")
    settle(root)
    build(run, root)
    build(run, root)
    assert len(pipeline_runs) == 1
    extra: tuple[str, ...] = ()
    if change == "edit an article":
        path = root / ARTICLE
        path.write_text(path.read_text() + "\nTalks will resume on Friday.\n")
    elif change == "add an article":
        (root / "content/articles/new.md").write_text(article("Ferry strike ends"))
    elif change == "remove an article":
        (root / ARTICLE).unlink()
    elif change == "edit the config":
        (root / "site.yaml").write_text("title: Renamed site\nbase_url: https://example.org/\n")
    elif change == "edit a template":
        theme = root / "themes/mine"
        (theme / "templates").mkdir(parents=True)
        (theme / "theme.yaml").write_text("extends: default\n")
        (theme / "templates/404.html").write_text("<!doctype html><title>Lost</title><p>Lost\n")
        settle(root)
        (root / "site.yaml").write_text(
            "title: Test site\nbase_url: https://example.org/\ntheme: mine\n"
        )
        build(run, root)
        build(run, root)
        assert len(pipeline_runs) == 2
        (theme / "templates/404.html").write_text("<!doctype html><title>Gone</title><p>Gone\n")
    elif change == "delete an output file":
        (root / "build/about/index.html").unlink()
    else:
        extra = ("--drafts",)
    settle(root)
    build(run, root, *extra)
    assert len(pipeline_runs) == (3 if change == "edit a template" else 2), change
    if change == "delete an output file":
        assert (root / "build/about/index.html").is_file()


def test_a_file_saved_just_now_is_never_trusted_to_its_time_stamp(site, run, pipeline_runs):
    root = site(copy="minimal")
    (root / ARTICLE).touch()  # just saved: no record is kept over it
    build(run, root)
    build(run, root)
    assert len(pipeline_runs) == 2
    settle(root)
    build(run, root)
    build(run, root)
    assert len(pipeline_runs) == 3


def test_warnings_are_reported_again_when_nothing_is_built(site, run, pipeline_runs) -> None:
    root = site({"content/articles/a.md": article("Talks", mood="calm")})
    settle(root)
    first = build(run, root)
    again = build(run, root)
    assert len(pipeline_runs) == 1
    assert "content/articles/a.md:4:1: warning: unknown field 'mood'" in first
    assert first == again
    code, _, err = run("build", "--config", root / "site.yaml", "--no-search", "--strict")
    assert code == 1 and "unknown field 'mood'" in err  # --strict is another build


def test_clean_builds_everything_and_leaves_its_record_for_the_next(site, run, pipeline_runs):
    root = site(copy="minimal")
    settle(root)
    build(run, root)
    build(run, root, "--clean")  # ignores the cache and the record: a build all the same
    assert len(pipeline_runs) == 2
    build(run, root)
    assert len(pipeline_runs) == 2
