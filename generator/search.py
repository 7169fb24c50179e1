"""Full-text search for a built site, with Pagefind (https://pagefind.app).

Pagefind reads the built HTML and writes a static index and its UI into `pagefind/` beside the
pages; the search page loads `pagefind/pagefind-ui.js` from there. Only article and briefing pages
are indexed: the theme marks their content with `data-pagefind-body`, and `--glob` keeps Pagefind
away from every other page even on a site that has none of those yet.

A site without article or briefing pages has nothing to index: no index is written (Pagefind
refuses to write an empty one) and the search page says search is unavailable.

The binary comes from the `pagefind_bin` package on PyPI (no download at build time); a
`pagefind` or `pagefind_extended` on PATH is used when that package isn't installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
INDEXED = "{articles,briefings}/*/index.html"
TIMEOUT = 300  # seconds; Pagefind indexes thousands of pages in a few


class SearchError(Exception):
    """The search index could not be built; `message` says why, for the build's error report."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def pagefind_executable() -> str:
    try:
        import pagefind_bin
    except ImportError:
        pass
    else:
        try:
            return str(pagefind_bin.get_executable())
        except (FileNotFoundError, OSError):
            pass
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            return found
    raise SearchError(
        "Pagefind is not installed: `pip install pagefind_bin`, or build with --no-search"
    )


def has_indexable_pages(site_dir: Path) -> bool:
    return any(
        True
        for folder in ("articles", "briefings")
        for _ in site_dir.glob(f"{folder}/*/index.html")
    )


def build_search_index(site_dir: Path, output_path: Path | None = None) -> None:
    """Index the built site in `site_dir` into `site_dir/pagefind/`, or into `output_path` (the
    build moves it into place in one rename). Raises SearchError."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchError(f"cannot index {site_dir}: not a folder")
    if not has_indexable_pages(site_dir):
        return  # Pagefind refuses an empty index; the search page says there is nothing yet
    command = [
        pagefind_executable(),
        "--site",
        str(site_dir),
        *(
            ("--output-path", str(output_path.resolve()))
            if output_path
            else ("--output-subdir", OUTPUT_SUBDIR)
        ),
        "--glob",
        INDEXED,
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise SearchError(f"Pagefind did not finish indexing in {TIMEOUT} s") from None
    except OSError as exc:
        raise SearchError(f"cannot run Pagefind ({command[0]}): {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = (done.stderr.strip() or done.stdout.strip()).splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise SearchError(f"Pagefind failed to index {site_dir}: {reason}")
    bundle = output_path or site_dir / OUTPUT_SUBDIR
    if not (bundle / "pagefind-ui.js").is_file():
        raise SearchError(f"Pagefind wrote no index into {bundle}")
