"""`briefings serve` in a real browser: edits show up without a manual reload, errors overlay."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

from conftest import SITES
from generator.commands.preview import resolve

playwright_api = pytest.importorskip("playwright.sync_api")
pytest_plugins = ["browser"]

ARTICLE = "content/articles/2024-05-01-talks-resume.md"


def serve_command(root: Path, port: int) -> list[str]:
    config = str(root / "site.yaml")
    return [sys.executable, "-m", "generator", "serve", "--config", config, "--port", str(port)]


def started(proc: subprocess.Popen[str]) -> str:
    """The URL a `briefings serve --port 0` says it serves, once it is up."""
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:  # a busy CI machine may take a while to build
        seen.append(line)
        if line.startswith("Serving "):
            return line.split()[1]
    pytest.fail("server did not start: " + "".join(seen))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    proc = subprocess.Popen(
        serve_command(root, 0),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = started(proc)
        assert url.startswith("http://127.0.0.1:") and url.endswith("/repo/"), url
        urlopen(url, timeout=10).read()
        yield url, root
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium):  # the one headless Chromium of the session, from tests/browser.py
    return chromium


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


def test_edits_reload_the_open_page_and_errors_show_an_overlay(server, browser) -> None:
    url, root = server
    page = browser.new_page()
    page.goto(url + "articles/talks-resume/")
    page.wait_for_function(
        "window.LiveReload !== undefined && window.LiveReload.connector && window.LiveReload.connector._connectionDesired"
    )
    article = root / ARTICLE
    expect = playwright_api.expect

    edit(article, "after a pause of four months", "after a pause of five months")
    expect(page.locator("#p-1")).to_contain_text("five months", timeout=30_000)

    # Two quick saves: the page must end with the second.
    edit(article, "five months", "six months")
    time.sleep(0.2)
    edit(article, "six months", "seven months")
    expect(page.locator("#p-1")).to_contain_text("seven months", timeout=30_000)
    page.wait_for_timeout(1500)
    expect(page.locator("#p-1")).to_contain_text("seven months")

    # A broken front matter: the last good page stays, with the error over it.
    good = article.read_text()
    article.write_text(good.replace("date: 2024-05-01", "date: someday"))
    overlay = page.locator("#briefings-error-overlay")
    expect(overlay).to_contain_text(f"{ARTICLE}:3:7: date: 'someday' is not a date", timeout=30_000)
    expect(page.locator("#p-1")).to_contain_text("seven months")
    assert "Traceback" not in overlay.inner_text()

    # Fixing it removes the overlay.
    article.write_text(good)
    expect(overlay).to_have_count(0, timeout=30_000)
    page.close()


def test_a_page_that_missed_a_reload_catches_up_when_it_connects(server, browser) -> None:
    url, root = server
    generation = url.removesuffix("repo/") + "livereload-generation"
    page = browser.new_page()
    page.goto(url + "articles/talks-resume/")
    page.wait_for_function(
        "() => { const c = window.LiveReload && window.LiveReload.connector;"
        " return c && c.socket && c.socket.readyState === 1; }"
    )
    # Offline, as a page still loading is: the reload for this edit goes out without it.
    page.evaluate("LiveReload.connector.disconnect()")
    before = int(urlopen(generation, timeout=10).read())
    edit(root / ARTICLE, "after a pause of four months", "after a pause of nine months")
    deadline = time.monotonic() + 30
    while int(urlopen(generation, timeout=10).read()) == before:
        assert time.monotonic() < deadline, "no reload was sent"
        time.sleep(0.05)
    page.wait_for_timeout(300)
    assert "four months" in page.locator("#p-1").inner_text()  # it heard nothing

    page.evaluate("LiveReload.connector.connect()")  # connected, it asks what it missed
    playwright_api.expect(page.locator("#p-1")).to_contain_text("nine months", timeout=30_000)
    page.close()


def test_the_site_is_served_under_the_base_path_only(server) -> None:
    url, _ = server
    root_url = url.removesuffix("repo/")
    assert urlopen(root_url).geturl() == url  # / redirects to /repo/
    with pytest.raises(OSError) as missing:
        urlopen(url + "no-such-page/")
    assert getattr(missing.value, "code", None) == 404
    with pytest.raises(OSError) as escape:
        urlopen(url + "%2e%2e/%2e%2e/%2e%2e/etc/passwd")
    assert getattr(escape.value, "code", None) == 404


def test_resolve_never_leaves_the_output(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("x")
    (tmp_path / "secret.txt").write_text("x")
    out = tmp_path / "a"
    assert resolve(out, "/repo/", "/repo/") == ("file", out / "index.html")
    assert resolve(out, "/repo/", "/repo/../secret.txt") == ("missing", None)
    assert resolve(out, "/repo/", "/repo/%2e%2e/secret.txt") == ("missing", None)
    assert resolve(out, "/repo/", "/") == ("redirect", None)
    assert resolve(out, "/repo/", "/other/") == ("missing", None)


def test_a_port_in_use_is_reported_before_any_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            serve_command(root, port),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert f"error: port {port} is in use" in done.stderr
    assert "Rebuilt" not in done.stderr and "Traceback" not in done.stderr


def niceness(pid: int) -> dict[int, int]:
    """Each thread of a process and its nice value, from /proc (the 19th field of stat)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        found[int(task.name)] = int(fields[16])
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads have their own nice")
def test_rebuilds_run_behind_the_server_at_low_priority(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SITES / "minimal", root)
    proc = subprocess.Popen(
        serve_command(root, 0), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        started(proc)
        deadline = time.monotonic() + 10
        while 19 not in niceness(proc.pid).values() and time.monotonic() < deadline:
            time.sleep(0.05)
        nice = niceness(proc.pid)
        assert nice[proc.pid] == 0  # the main thread serves pages at normal priority
        assert sorted(nice.values()).count(19) == 1  # and only the rebuild thread is behind
    finally:
        proc.terminate()
        proc.wait(timeout=10)
