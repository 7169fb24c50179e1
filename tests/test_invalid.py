"""Bad input never breaks the site: every mistake is a located message, the old site stays.

Each folder in tests/sites/invalid/ is one case: a small site (site.yaml, content/, maybe a
site-local theme) plus `expected.txt`, the exact `path:line:col: message` lines the build must
print. Files git cannot hold as text (bytes that are not UTF-8, symbolic links, named pipes) are
described in the case's optional `case.yaml` and made here:

    files:
      content/articles/x.md:
        bytes_hex: 89504e47...            # these bytes
        # or: text: "...", encoding: latin-1   (the text, encoded so)
        # or: symlink_to: ../../private/x.md   (a symbolic link, relative to the file's folder)
        # or: fifo: true                       (a named pipe)
    xfail: why                               # a known bug outside this suite's reach

Adding a case is adding a folder. For each one we build a good site, drop the case in, build
again as a subprocess and check: exit code 1, every expected line on stderr and no other error,
no traceback, and the previous build byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
INVALID = HERE / "sites" / "invalid"
GOOD_SITE = HERE / "sites" / "minimal"
TIMEOUT = 120  # seconds for one build subprocess; a hang (a pipe read, a loop) fails the test
SUMMARY = re.compile(r"^(\d+) errors?; the previous site was left untouched$")

CASES = sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").is_file())


def run_build(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`briefings build` in a fresh interpreter, as a curator would run it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=config.parent,
        check=False,
    )


def manifest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with the hash of its bytes."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() or path.is_symlink():
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            result[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return result


def materialise(case: Path, root: Path) -> dict:
    """Copy the case's files into `root` and make the ones described in case.yaml."""
    for item in case.iterdir():
        if item.name in ("expected.txt", "case.yaml"):
            continue
        if item.is_dir():
            shutil.copytree(item, root / item.name, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy2(item, root / item.name)
    spec = {}
    if (case / "case.yaml").is_file():
        spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {}
    for rel, how in (spec.get("files") or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        if "bytes_hex" in how:
            path.write_bytes(bytes.fromhex("".join(str(how["bytes_hex"] or "").split())))
        elif "text" in how:
            path.write_bytes(how["text"].encode(how.get("encoding", "utf-8")))
        elif "symlink_to" in how:
            os.symlink(how["symlink_to"], path)
        elif how.get("fifo"):
            os.mkfifo(path)
        else:
            raise ValueError(f"{case.name}/case.yaml: don't know how to make {rel}: {how}")
    return spec


@pytest.fixture
def built_good_site(tmp_path: Path) -> Path:
    """A site whose good build sits in site/build/, ready to be broken."""
    root = tmp_path / "site"
    shutil.copytree(GOOD_SITE, root)
    result = run_build(root / "site.yaml")
    assert result.returncode == 0, result.stderr
    assert (root / "build" / "index.html").is_file()
    return root


def replace_site(root: Path, case: Path) -> dict:
    """The site becomes the case's site; its build/ folder (the previous site) stays."""
    for item in root.iterdir():
        if item.name != "build" and not item.name.startswith("."):
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
    return materialise(case, root)


@pytest.mark.parametrize("name", CASES)
def test_invalid_case(name: str, built_good_site: Path, request: pytest.FixtureRequest) -> None:
    case = INVALID / name
    root = built_good_site
    before = manifest(root / "build")
    spec = replace_site(root, case)
    if spec.get("xfail"):
        request.applymarker(pytest.mark.xfail(reason=spec["xfail"], strict=True))
    expected = [line for line in (case / "expected.txt").read_text("utf-8").splitlines() if line]
    assert expected, f"{name}/expected.txt lists no message"

    result = run_build(root / "site.yaml")

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    missing = [line for line in expected if line not in lines]
    assert not missing, f"missing from stderr:\n{chr(10).join(missing)}\n\ngot:\n{result.stderr}"
    # Nothing else went wrong: the closing count is exactly the expected errors.
    summary = SUMMARY.match(lines[-1]) if lines else None
    if summary:  # config and content errors end with the count; output errors have none
        assert int(summary.group(1)) == len(expected), result.stderr
    # The previous site is untouched, and no half-written staging folder is left beside it.
    assert manifest(root / "build") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".build.")) in (
        [],
        [".build.lock"],
    )


def test_corpus_is_complete() -> None:
    """Every case folder has its expected messages, and each names a file of the case."""
    folders = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
    assert folders == CASES, "a case folder has no expected.txt"
    assert len(CASES) >= 25
    for name in CASES:
        for line in (INVALID / name / "expected.txt").read_text("utf-8").splitlines():
            if line:
                assert re.match(r"^[^:\s][^:]*:[1-9]\d*:[1-9]\d*: \S", line), (name, line)


# Inputs that look odd but are fine: they must build, and say what the curator wrote.


def _fine_site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "site"
    shutil.copytree(GOOD_SITE, root)
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def _built(root: Path) -> Path:
    result = run_build(root / "site.yaml")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return root / "build"


def test_utf8_bom_builds(tmp_path: Path) -> None:
    text = "---\ntitle: Café talks\ndate: 2024-05-04\n---\nThe café reopened.\n"
    root = _fine_site(tmp_path, {"content/articles/cafe.md": b"\xef\xbb\xbf" + text.encode()})
    page = (_built(root) / "articles" / "cafe" / "index.html").read_text("utf-8")
    assert '<h1 class="page-title">Café talks</h1>' in page
    assert "\ufeff" not in page
    assert "The café reopened." in page


def test_crlf_line_endings_build(tmp_path: Path) -> None:
    text = "---\r\ntitle: Windows talks\r\ndate: 2024-05-04\r\ntopics: [harbour-talks]\r\n---\r\n"
    text += "First paragraph.\r\n\r\nSecond paragraph.\r\n"
    root = _fine_site(tmp_path, {"content/articles/crlf.md": text.encode()})
    page = (_built(root) / "articles" / "crlf" / "index.html").read_text("utf-8")
    assert "\r" not in page
    assert '<h1 class="page-title">Windows talks</h1>' in page
    assert '<p id="p-2">Second paragraph.</p>' in page  # two paragraphs, not one with a \r
    briefing = (root / "build" / "briefings" / "harbour-talks" / "index.html").read_text("utf-8")
    assert "Windows talks" in briefing


@pytest.mark.parametrize("ending", ["---\n", "---"])
def test_article_without_body_builds(tmp_path: Path, ending: str) -> None:
    text = "---\ntitle: Only a headline\ndate: 2024-05-04\nsource: Example Wire\n" + ending
    root = _fine_site(tmp_path, {"content/articles/headline.md": text.encode()})
    page = (_built(root) / "articles" / "headline" / "index.html").read_text("utf-8")
    assert '<h1 class="page-title">Only a headline</h1>' in page


def test_ten_megabyte_article_builds(tmp_path: Path) -> None:
    sentence = "The council said on Tuesday that the harbour plan would go ahead. "
    paragraphs = [f"{sentence * 8}Paragraph number {i}." for i in range(20_000)]
    body = "\n\n".join(paragraphs)
    text = f"---\ntitle: A very long report\ndate: 2024-05-04\n---\n{body}\n"
    assert len(text.encode()) > 10_000_000
    root = _fine_site(tmp_path, {"content/articles/long.md": text.encode()})
    page = (_built(root) / "articles" / "long" / "index.html").read_text("utf-8")
    assert "Paragraph number 19999." in page
    assert 'id="p-20000"' in page


def test_unknown_front_matter_field_is_a_located_warning(tmp_path: Path) -> None:
    text = "---\ntitle: Talks\ndate: 2024-05-04\nmood: hopeful\n---\nBody.\n"
    root = _fine_site(tmp_path, {"content/articles/talks.md": text.encode()})
    result = run_build(root / "site.yaml")
    assert result.returncode == 0, result.stderr
    assert "content/articles/talks.md:4:1: warning: unknown field 'mood'" in result.stderr
    strict = run_build(root / "site.yaml", "--strict")
    assert strict.returncode == 1
    assert "content/articles/talks.md:4:1: warning: unknown field 'mood'" in strict.stderr


def test_symlink_inside_content_is_followed(tmp_path: Path) -> None:
    root = _fine_site(tmp_path, {})
    os.symlink("2024-05-01-talks-resume.md", root / "content" / "articles" / "mirror.md")
    page = (_built(root) / "articles" / "mirror" / "index.html").read_text("utf-8")
    assert "Talks resume after a long pause" in page
