"""Fetching against a local server: redirects, loops, timeouts, errors, sizes and charsets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from localserver import Server, serving

from generator.importing import fetch as fetch_module
from generator.importing.fetch import FEED_TYPES, FetchError, decode, fetch


@pytest.fixture
def server() -> Iterator[Server]:
    with serving() as running:
        yield running


def test_follows_redirects_to_the_final_address(server: Server) -> None:
    target = server.page("/final", "<p>hello</p>")
    server.redirect("/a", "/b", 301)
    server.redirect("/b", target)
    got = fetch(server.url("/a"))
    assert got.url == target
    assert got.body == b"<p>hello</p>"
    assert got.charset == "utf-8"


def test_a_redirect_loop_is_named(server: Server) -> None:
    server.redirect("/x", "/y")
    server.redirect("/y", "/x")
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/x"))


def test_a_slow_server_times_out(server: Server) -> None:
    server.page("/slow", "<p>late</p>", delay=1.0)
    with pytest.raises(FetchError, match=r"timed out after 0.2 s"):
        fetch(server.url("/slow"), timeout=0.2)


def test_http_errors_and_one_retry_on_5xx(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/missing"))
    server.page("/flaky", "<p>ok</p>", fail_times=1)
    assert fetch(server.url("/flaky")).body == b"<p>ok</p>"
    assert server.hits["/flaky"] == 2
    server.page("/down", "<p>never</p>", fail_times=5)
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch(server.url("/down"))
    assert server.hits["/down"] == 2  # tried twice, not more


def test_not_html_is_refused(server: Server) -> None:
    server.page("/pic", "GIF89a", content_type="image/gif")
    with pytest.raises(FetchError, match="not an HTML page but image/gif"):
        fetch(server.url("/pic"))


def test_too_large_is_refused(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 1000)
    server.page("/big", "<p>" + "x" * 2000 + "</p>")
    with pytest.raises(FetchError, match="larger than"):
        fetch(server.url("/big"))


def test_conditional_request_gets_304(server: Server) -> None:
    server.page("/feed", "<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetch(server.url("/feed"), accept=FEED_TYPES)
    assert first.etag == '"v1"' and not first.not_modified
    again = fetch(server.url("/feed"), accept=FEED_TYPES, etag=first.etag)
    assert again.not_modified
    assert server.not_modified["/feed"] == 1


def test_unreachable_host() -> None:
    with pytest.raises(FetchError, match=r"cannot connect|connection"):
        fetch("http://127.0.0.1:9/", timeout=2)


def test_decoding() -> None:
    assert decode("café".encode("latin-1"), "iso-8859-1") == "café"
    assert decode(b'<meta charset="windows-1252"><p>\x93hi\x94</p>', None).endswith("“hi”</p>")
    with pytest.raises(FetchError, match="cannot decode the text as utf-8"):
        decode(b"\xff\xfe\xfa broken", "utf-8")
