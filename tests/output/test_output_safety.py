"""The output folder is replaced only by a complete, successful build, and never a wrong one.

- A build killed (SIGKILL) at any moment leaves exactly the old site or exactly the new one.
- `write_site` crashed at every single file-system step leaves exactly the old or the new site.
- Output folders that are not ours to replace (the site, content/, themes/, a parent of the site,
  the home folder, `/`, a non-empty folder without our marker) are refused and left untouched.
- Two builds of one site at once: the second waits for the first, both succeed, the site is whole.

Sites are compared by manifest: every file's path and the hash of its bytes.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.output import write as write_module
from generator.output.guard import MARKER
from generator.output.write import write_site

TIMEOUT = 120
ARTICLES = 600  # enough that a build takes a while (and runs its worker processes)


def manifest(folder: Path) -> dict[str, str]:
    """Path and content hash of every file under `folder`; {} when there is no folder."""
    if not folder.is_dir():
        return {}
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            result[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return result


def describe(found: dict[str, str], *expected: dict[str, str]) -> str:
    """Why `found` is none of `expected`: the differences from the closest one."""
    best = min(expected, key=lambda e: len(set(e.items()) ^ set(found.items())))
    extra = sorted(set(found) - set(best))[:5]
    missing = sorted(set(best) - set(found))[:5]
    other = sorted(k for k in set(found) & set(best) if found[k] != best[k])[:5]
    return f"{len(found)} files; extra {extra}, missing {missing}, different {other}"


def build_command(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--config", str(config), *args]


def run_build(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        build_command(config, *args),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=config.parent,
        check=False,
    )


def make_site(root: Path, variant: str, *, articles: int = ARTICLES, search: bool = False) -> Path:
    """A site whose every page differs between variants 'a' and 'b'."""
    folder = root / "content" / "articles"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    root.joinpath("site.yaml").write_text(
        f"title: Safety {variant}\nbase_url: https://example.org/\n"
        f"search: {'true' if search else 'false'}\n",
        encoding="utf-8",
    )
    for i in range(articles):
        paragraphs = "\n\n".join(
            f"Paragraph {j} of story {i} ({variant}). The council met on Tuesday, "
            f"a spokesperson said."
            for j in range(6)
        )
        folder.joinpath(f"2024-01-01-story-{i:04d}.md").write_text(
            f"---\ntitle: Story {i} version {variant}\n"
            f"date: 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}\n"
            f"source: Outlet {i % 9}\ntopics: [topic-{i % 20}]\n---\n{paragraphs}\n",
            encoding="utf-8",
        )
    return root / "site.yaml"


def reference(tmp_path: Path, variant: str, **kwargs) -> dict[str, str]:
    """The manifest of a clean, complete build of one variant, made in a folder of its own."""
    root = tmp_path / f"reference-{variant}"
    root.mkdir()
    config = make_site(root, variant, **kwargs)
    result = run_build(config, "-q")
    assert result.returncode == 0, result.stderr
    return manifest(root / "build")


def kill_group(process: subprocess.Popen[str]) -> None:
    """SIGKILL the build and its worker processes (it runs in a session of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=TIMEOUT)


def test_killed_build_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    refs = {"b": reference(tmp_path, "b")}
    root = tmp_path / "site"
    root.mkdir()
    config = make_site(root, "a")
    started = time.perf_counter()
    assert run_build(config, "-q", "--clean").returncode == 0
    duration = time.perf_counter() - started
    output = root / "build"
    refs["a"] = manifest(output)
    differing = [k for k in refs["a"].keys() & refs["b"].keys() if refs["a"][k] != refs["b"][k]]
    assert len(differing) > ARTICLES, "the two versions must differ page by page"

    seed = int(os.environ.get("BRIEFINGS_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    # Spread over the whole build, most of them late, where the new site is being put in place.
    fractions = [0.3, 0.7, 0.88, 0.96, 1.03]
    current, outcomes = "a", []
    for fraction in fractions:
        delay = duration * fraction * rng.uniform(0.92, 1.08)
        target = "b" if current == "a" else "a"
        make_site(root, target)
        process = subprocess.Popen(
            # --clean: this test is about the output folder, not the build cache
            build_command(config, "-q", "--clean"),
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        kill_group(process)
        found = manifest(output)
        assert found in (refs[current], refs[target]), (
            f"seed {seed}, killed after {delay:.2f}s: "
            + describe(found, refs[current], refs[target])
        )
        outcomes.append("new" if found == refs[target] else "old")
        current = target if found == refs[target] else current
    # After all those kills, a build puts the whole site in place and cleans up after them.
    make_site(root, "b")
    result = run_build(config, "-q", "--clean")
    assert result.returncode == 0, result.stderr
    assert manifest(output) == refs["b"]
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".build.")]
    assert leftovers in ([], [".build.lock"]), leftovers
    print(f"kill outcomes (seed {seed}, build {duration:.2f}s): {outcomes}")


def search_index_is_whole(output: Path, variant: str) -> bool:
    """Pagefind's index (its bytes differ from run to run) is complete and made from `variant`:
    every shard that bundles.json lists is a whole bundle of pages from that variant."""
    index = output / "pagefind"
    try:
        bundles = json.loads((index / "bundles.json").read_text("utf-8"))["bundles"]
        return bool(bundles) and all(bundle_is_whole(index / b, variant) for b in bundles)
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return False


def bundle_is_whole(bundle: Path, variant: str) -> bool:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    fragments = sorted((bundle / "fragment").iterdir())
    texts = [gzip.decompress(f.read_bytes()).decode("utf-8") for f in fragments]
    languages = entry.get("languages", {}).values()
    return (
        bool(languages)
        and all((bundle / f"pagefind.{lang['hash']}.pf_meta").is_file() for lang in languages)
        and len(fragments) == sum(lang["page_count"] for lang in languages)
        and all(f"version {variant}" in text or "Story" not in text for text in texts)
    )


def without_search(found: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in found.items() if not k.startswith("pagefind/")}


def test_build_killed_during_search_indexing_leaves_a_whole_site(tmp_path: Path) -> None:
    """Pagefind runs on the built pages: killing it must not leave a half-indexed site."""
    ref = without_search(reference(tmp_path, "b", articles=150, search=True))
    root = tmp_path / "site"
    root.mkdir()
    config = make_site(root, "a", articles=150, search=True)
    assert run_build(config, "-q").returncode == 0
    output = root / "build"
    old = manifest(output)
    assert search_index_is_whole(output, "a")
    make_site(root, "b", articles=150, search=True)
    before = os.stat(output).st_ino
    process = subprocess.Popen(
        build_command(config, "-q"),
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Kill as soon as the new pages are in place, in case the index is written after them.
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if os.stat(output).st_ino != before:
                break
        time.sleep(0.001)
    kill_group(process)
    found = manifest(output)
    assert found == old or (without_search(found) == ref and search_index_is_whole(output, "b")), (
        describe(without_search(found), without_search(old), ref)
    )


# Crash injection: every file-system step write_site takes is a point where it may die.


class Crash(BaseException):
    """Stands for SIGKILL: a BaseException, so no `except OSError` in the code swallows it."""


@pytest.fixture
def crash_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int | None], list[str]]]:
    """`crash_at(n)` makes the n-th file-system change raise Crash; returns the step log."""
    state: dict = {"at": None, "log": []}

    def step(name: str) -> None:
        state["log"].append(name)
        if state["at"] is not None and len(state["log"]) >= state["at"]:
            raise Crash(name)

    def wrap(owner: object, name: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            step(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    for name in ("link", "replace", "rename", "unlink", "rmdir", "mkdir", "utime", "symlink"):
        wrap(os, name)
    for name in ("copy2", "copyfile", "move"):
        wrap(shutil, name)
    wrap(write_module, "exchange")
    original_write = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        state["log"].append("write_bytes")
        if state["at"] is not None and len(state["log"]) >= state["at"]:
            original_write(self, data[: len(data) // 2])  # killed halfway through the file
            raise Crash("write_bytes")
        return original_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(
        Path, "write_text", lambda self, text, *a, **k: self.write_bytes(text.encode())
    )

    def arm(at: int | None) -> list[str]:
        state["at"] = at
        state["log"] = []
        return state["log"]

    yield arm
    state["at"] = None


def _pages(count: int, version: str, *, changed: set[int] | None = None) -> dict[str, bytes]:
    """A small site: folders are few, each making and removing one costs the test time."""
    files = {}
    for i in range(count):
        v = version if changed is None or i in changed else "a"
        files[f"articles/story-{i % 3}/{i}.html"] = f"<h1>Story {i} {v}</h1>\n".encode() * 20
    files["index.html"] = f"<h1>Home {version}</h1>".encode()
    files["feed.xml"] = f"<feed>{version}</feed>".encode()
    return files


SCENARIOS = {
    # one story retitled: a handful of pages change
    "few-changes": (_pages(12, "a"), _pages(12, "b", changed={3, 7})),
    # everything changes, some pages go and new ones come
    "many-changes": (
        _pages(12, "a"),
        {
            **{k: v for k, v in _pages(12, "b").items() if "story-2/" not in k},
            "briefings/new/index.html": b"<h1>New</h1>",
        },
    ),
    # nothing changed: nothing may be lost either
    "no-changes": (_pages(10, "a"), _pages(10, "a")),
    # the first build: no folder yet
    "first-build": (None, _pages(10, "b")),
}


def _write(files: dict[str, bytes], output: Path, spare: Path | None = None) -> None:
    write_site(files.items(), (), {}, output, spare=spare)


def _make_spare(output: Path, spare: Path) -> None:
    """A spare as builds leave it: the site before the output, mostly hard links to the
    output's files; here one file differs, one is gone and one the output does not have."""
    shutil.copytree(output, spare, copy_function=os.link)
    files = sorted(p for p in spare.rglob("*.html") if p.is_file())
    if files:
        files[0].unlink()
        files[0].write_bytes(b"<h1>Older</h1>")
        files[-1].unlink()
    (spare / "articles" / "gone" / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (spare / "articles" / "gone" / "index.html").write_bytes(b"<h1>Gone</h1>")


def _watched(
    pages: list[tuple[str, bytes]], staging: str, late: list[str]
) -> Iterator[tuple[str, bytes]]:
    """Pass pages on, noting each one not yet on disk (in a folder matching `staging`) when
    the writer asks for the next."""
    for i, (rel, data) in enumerate(pages):
        if i and not list(Path().glob(f"{staging}/{pages[i - 1][0]}")):
            late.append(pages[i - 1][0])
        yield rel, data


def test_each_page_is_on_disk_before_the_next_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's pages are never all held in memory: the writer takes them one by one."""
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "existing"
    _write(_pages(5, "a"), existing)
    pages = list(_pages(5, "b").items())
    # a first build into no folder, then a build that changes every page of an existing site
    for output in (tmp_path / "fresh", existing):
        late: list[str] = []
        write_site(_watched(pages, f".{output.name}.new-*", late), (), {}, output)
        assert late == []
        assert {rel: (output / rel).read_bytes() for rel, _ in pages} == dict(pages)


@pytest.mark.parametrize("atomic", [True, False])
@pytest.mark.parametrize("stop", [RuntimeError, KeyboardInterrupt])
def test_a_stream_that_fails_leaves_the_output_as_it_was(
    tmp_path: Path, atomic: bool, stop: type[BaseException]
) -> None:
    """A template that fails on the last page, or Ctrl-C: nothing of the new site may be left
    anywhere."""
    output = tmp_path / "out"
    _write(_pages(6, "a"), output)
    before = manifest(tmp_path)

    def stream() -> Iterator[tuple[str, bytes]]:
        yield from list(_pages(6, "b").items())[:-1]
        raise stop("stopped")

    with pytest.raises(stop, match="stopped"):
        write_site(stream(), (), {}, output, atomic=atomic)
    assert manifest(tmp_path) == before


@pytest.mark.parametrize(
    ("scenario", "with_spare"),
    [  # a first build has no site before it to keep as a spare
        (name, spare)
        for name in sorted(SCENARIOS)
        for spare in (False, True)
        if SCENARIOS[name][0] is not None or not spare
    ],
)
def test_write_crashed_at_any_step_leaves_old_or_new(
    scenario: str, with_spare: bool, tmp_path: Path, crash_at: Callable[[int | None], list[str]]
) -> None:
    old_files, new_files = SCENARIOS[scenario]
    pristine = tmp_path / "pristine"
    if old_files is not None:
        _write(old_files, pristine)
    reference_new = tmp_path / "reference"
    _write(new_files, reference_new)
    old, new = manifest(pristine), manifest(reference_new)

    work = tmp_path / "work"
    output = work / "build"
    spare = work / "cache" / "spare" if with_spare else None

    def reset() -> None:
        crash_at(None)
        if work.exists():
            shutil.rmtree(work)
        work.mkdir()
        if old_files is not None:
            shutil.copytree(pristine, output)
        if spare is not None:
            _make_spare(output, spare)

    reset()
    log = crash_at(None)
    _write(new_files, output, spare)
    steps = list(log)
    assert manifest(output) == new
    assert "write_bytes" in steps or old == new, steps  # the hooks see the writes
    if spare is not None and old != new:
        assert "rmdir" in steps, steps  # the spare was brought up to date: "gone" went
        assert manifest(spare) == old  # and the replaced site is the next spare
    for at in range(1, len(steps) + 1):
        reset()
        crash_at(at)
        with pytest.raises(Crash):
            _write(new_files, output, spare)
        crash_at(None)
        found = manifest(output)
        assert found in (old, new), f"crash at step {at} ({steps[at - 1]}): " + describe(
            found, old, new
        )
        # and the next build, after the crash, puts the whole new site in place
        _write(new_files, output, spare)
        assert manifest(output) == new, f"rebuild after crash at step {at}"
        beside = sorted(p.name for p in work.iterdir())
        assert beside in (["build"], ["build", "cache"]), "leftovers beside the output"


def test_a_spare_never_writes_into_a_published_file(tmp_path: Path) -> None:
    """The spare shares its unchanged files with the published site: a page that changes
    must become a new file there, or the live site would change before the swap."""
    output, spare = tmp_path / "build", tmp_path / "cache" / "spare"
    first, second = _pages(4, "a"), _pages(4, "b", changed={1})
    third = {**second, "articles/story-2/2.html": b"<h1>Story 2, third</h1>"}
    for files in (first, second, third):
        _write(files, output, spare)
    assert manifest(output) == manifest_of(third, tmp_path / "reference")
    # the spare is now the second site, whole: its page 2 was the live one until the swap
    assert (spare / "articles/story-2/2.html").read_bytes() == second["articles/story-2/2.html"]
    assert manifest(spare) == manifest_of(second, tmp_path / "reference-2")


def test_a_spare_laid_out_differently_gives_the_new_site(tmp_path: Path) -> None:
    """A theme asset that was a file becomes a folder, and a folder becomes a file: the spare
    (the first site here) holds each the other way round."""
    output, spare = tmp_path / "build", tmp_path / "cache" / "spare"
    first = {"index.html": b"1", "static/icons": b"a file", "static/old/a.css": b"a"}
    second = {"index.html": b"2"}
    third = {"index.html": b"3", "static/icons/x.svg": b"<svg/>", "static/old": b"now a file"}
    for files in (first, second, third):
        _write(files, output, spare)
    assert manifest(output) == manifest_of(third, tmp_path / "reference")


def manifest_of(files: dict[str, bytes], folder: Path) -> dict[str, str]:
    _write(files, folder)
    return manifest(folder)


def test_unchanged_files_keep_their_modification_time(tmp_path: Path) -> None:
    output = tmp_path / "build"
    _write(_pages(5, "a"), output)
    page = output / "articles" / "story-1" / "1.html"
    os.utime(page, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    _write(_pages(5, "b", changed={2}), output)
    assert page.stat().st_mtime_ns == 1_000_000_000_000_000_000
    assert b"Story 2 b" in (output / "articles" / "story-2" / "2.html").read_bytes()


# Output folders that are not ours.


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    root = tmp_path / "projects" / "site"
    root.mkdir(parents=True)
    make_site(root, "a", articles=3)
    (root / "themes").mkdir()
    (root / "themes" / "notes.txt").write_text("my theme notes\n")
    return root


def _refused(root: Path, output: Path | str, env: dict[str, str] | None = None) -> str:
    watched = root.parent.parent  # the whole tmp folder: nothing in it may change
    before = manifest(watched)
    result = subprocess.run(
        build_command(root / "site.yaml", "--output", str(output)),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=root,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert result.returncode == 1, result.stderr + result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert manifest(watched) == before, "something was changed or deleted"
    return result.stderr


@pytest.mark.parametrize(
    ("where", "what"),
    [
        (".", "site folder"),
        ("content", "content folder"),
        ("content/articles", "inside content/"),
        ("themes", "themes folder"),
        ("..", "contains the site"),
        ("../..", "contains the site"),
    ],
)
def test_output_folders_that_hold_the_site_are_refused(
    small_site: Path, where: str, what: str
) -> None:
    message = _refused(small_site, small_site / where)
    assert "refusing" in message and what in message, message
    assert str((small_site / where).resolve()) in message, message


def test_home_folder_is_refused(small_site: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.txt").write_text("years of work\n")
    message = _refused(small_site, home, env={"HOME": str(home)})
    assert "your home folder" in message, message
    assert (home / "thesis.txt").read_text() == "years of work\n"


def test_file_system_root_is_refused(small_site: Path) -> None:
    message = _refused(small_site, "/")
    assert "refusing" in message and "file system root" in message, message


def test_output_symlinked_to_the_site_is_refused(small_site: Path, tmp_path: Path) -> None:
    link = tmp_path / "link-to-site"
    link.symlink_to(small_site)
    message = _refused(small_site, link)
    assert "site folder" in message, message


def test_folder_without_our_marker_is_refused(small_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    message = _refused(small_site, other)
    assert "not empty and was not made by briefings" in message, message
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8 not really a jpeg"


def test_a_file_as_output_is_refused(small_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me\n")
    message = _refused(small_site, target)
    assert "not a folder" in message, message


def test_empty_folder_and_our_own_folder_are_accepted(small_site: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_build(small_site / "site.yaml", "--output", str(empty), "-q")
    assert result.returncode == 0, result.stderr
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    again = run_build(small_site / "site.yaml", "--output", str(empty), "-q")
    assert again.returncode == 0, again.stderr


def test_two_builds_at_once_both_finish_with_a_whole_site(tmp_path: Path) -> None:
    expected = reference(tmp_path, "b")
    root = tmp_path / "site"
    root.mkdir()
    config = make_site(root, "b")
    processes = [
        subprocess.Popen(
            build_command(config, "--clean"),
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for _ in range(2)
    ]
    try:
        results = [p.communicate(timeout=TIMEOUT) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                kill_group(p)
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        assert "Built" in out, out
    waited = [err for _, err in results if "waited for it to finish" in err]
    assert len(waited) == 1, [err for _, err in results]  # one ran, the other waited its turn
    assert manifest(root / "build") == expected
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".build.")]
    assert leftovers in ([], [".build.lock"]), leftovers


def test_build_after_a_kill_between_swap_and_manifest_is_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed right after the new site went in: the next build must still make the right site."""
    import generator.build as build_module
    from generator.cli import main

    expected = reference(tmp_path, "a", articles=5)
    root = tmp_path / "site"
    root.mkdir()
    config = str(make_site(root, "a", articles=5))
    assert main(["build", "--config", config, "-q"]) == 0
    real_publish = build_module.publish_site

    def publish_then_die(*args, **kwargs):
        real_publish(*args, **kwargs)
        raise Crash("killed after the swap")

    make_site(root, "b", articles=5)
    monkeypatch.setattr(build_module, "publish_site", publish_then_die)
    with pytest.raises(Crash):
        main(["build", "--config", config, "-q"])
    monkeypatch.setattr(build_module, "publish_site", real_publish)
    make_site(root, "a", articles=5)
    assert main(["build", "--config", config, "-q"]) == 0
    found = manifest(root / "build")
    assert found == expected, describe(found, expected)
