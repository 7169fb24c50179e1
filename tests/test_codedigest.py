"""Caches are keyed by the code that made them: a changed extractor invalidates them, a changed
template or command does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator.codedigest import code_digest, dependencies
from generator.output.incremental import render_code

DOCUMENTS = "generator.documents.process"
MEMO = "generator.site.group"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package, laid out as a wheel installs it (the default theme inside)."""
    copy = tmp_path / "generator"
    shutil.copytree(REPO / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "themes" / "default", copy / "themes" / "default")
    return copy


def _edit(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "\n# edited\n", "utf-8")


def test_documents_depend_on_parsing_and_text_analysis() -> None:
    files = {p.relative_to(REPO / "generator").as_posix() for p in dependencies(DOCUMENTS)}
    assert {
        "documents/process.py",
        "documents/enrich.py",
        "source/parse.py",
        "source/frontmatter.py",
        "text/sentences.py",
        "text/summaries.py",
        "text/lexicon.py",
        "text/quotes/extract.py",
        "text/quotes/speakers.py",
    } <= files
    assert not any(f.startswith(("commands/", "output/", "site/")) for f in files)
    assert "cli.py" not in files and "build.py" not in files


@pytest.mark.parametrize(
    "module", ["text/sentences.py", "text/quotes/memory.py", "text/lexicon.py", "source/parse.py"]
)
def test_editing_analysis_code_invalidates_documents(package: Path, module: str) -> None:
    before = code_digest(DOCUMENTS, package)
    _edit(package / module)
    assert code_digest(DOCUMENTS, package) != before


@pytest.mark.parametrize(
    "changed",
    [
        "cli.py",
        "commands/build.py",
        "output/render.py",
        "themes/default/templates/base.html",
        "themes/default/static/style.css",
    ],
)
def test_editing_templates_or_commands_keeps_documents(package: Path, changed: str) -> None:
    before = code_digest(DOCUMENTS, package), code_digest(MEMO, package)
    _edit(package / changed)
    assert (code_digest(DOCUMENTS, package), code_digest(MEMO, package)) == before


def test_memo_follows_grouping_and_summaries(package: Path) -> None:
    before = code_digest(MEMO, package)
    _edit(package / "text" / "summaries.py")
    assert code_digest(MEMO, package) != before
    again = code_digest(MEMO, package)
    _edit(package / "source" / "parse.py")  # parsing does not make bottom lines
    assert code_digest(MEMO, package) == again


@pytest.mark.parametrize(
    ("changed", "renders_again"),
    [
        ("output/render.py", True),
        ("urls.py", True),
        ("output/incremental.py", True),
        ("cli.py", False),
        ("commands/serve.py", False),
        ("importing/extract.py", False),
        ("output/search.py", False),
    ],
)
def test_pages_follow_the_code_that_renders_them(
    package: Path, changed: str, renders_again: bool
) -> None:
    before = render_code(package)
    _edit(package / changed)
    assert (render_code(package) != before) is renders_again
