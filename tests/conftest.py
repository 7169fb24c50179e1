"""Shared fixtures: build a site from files in a temporary folder and read its HTML back."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.cli import main

# The browser fixtures (tests/browser.py), declared here so pytest loads the module once, first.
pytest_plugins = ["browser"]

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent  # the repository, which is also the example site
SITES = TESTS / "sites"
DATA = TESTS / "data"


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def article(
    title: str = "A title", date: str = "2024-05-01", body: str = "Body text.", **fields: str
) -> str:
    """A small article file; extra keyword fields are written as YAML lines verbatim."""
    lines = [f"title: {title}", f"date: {date}", *(f"{k}: {v}" for k, v in fields.items())]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., Path]:
    """Make a site: `site({"content/articles/a.md": "..."}, config="title: x")` returns its root."""

    def make(
        files: Mapping[str, str | bytes] | None = None,
        config: str | None = None,
        copy: str | None = None,
    ) -> Path:
        root = tmp_path / "site"
        if copy:
            shutil.copytree(SITES / copy, root)
        root.mkdir(exist_ok=True)
        if config is not None or not (root / "site.yaml").exists():
            (root / "site.yaml").write_text(
                config or "title: Test site\nbase_url: https://example.org/\n"
            )
        write_files(root, files or {})
        return root

    return make


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
