"""HTTP GET for pages and feeds, with the limits an importer needs.

urllib, not a client library: one GET with a timeout, manual redirects (so a loop is named as
such), a size cap, a content-type check and conditional requests are all it takes, and it adds
no dependency. Every failure is a `FetchError` whose message completes `URL: ...`.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from generator import __version__

TIMEOUT = 20.0  # seconds for each connect and read; tests lower it
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = f"briefings/{__version__} (+article import)"

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "text/html",  # some servers label feeds as HTML; feedparser decides
    "text/plain",
)


class FetchError(Exception):
    """Why a URL could not be fetched, as the user should read it."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request that found nothing new
    content_type: str
    body: bytes
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx surfaces as HTTPError; `fetch` follows it itself


_OPENER = urllib.request.build_opener(_NoRedirect())


def _headers_of(message: Message) -> tuple[str, str | None]:
    kind = (message.get_content_type() or "").lower()
    charset = message.get_content_charset()
    return kind, charset


def _once(
    url: str, headers: dict[str, str], timeout: float
) -> tuple[int, Message, bytes | None, str | None]:
    """One request: (status, headers, body or None for 3xx/304, redirect target)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
            return response.status, response.headers, body, None
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            location = exc.headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {exc.code} without a Location") from None
            return exc.code, exc.headers, None, urljoin(url, location)
        if exc.code == 304:
            return 304, exc.headers, None, None
        raise FetchError(f"HTTP {exc.code}" + (f" {exc.reason}" if exc.reason else "")) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(f"timed out after {timeout:g} s") from None
        if isinstance(reason, socket.gaierror):
            raise FetchError("host not found") from None
        raise FetchError(f"cannot connect: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"connection failed: {exc.strerror or exc}") from None


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float | None = None,
) -> Fetched:
    """GET `url`, following redirects; one retry on a 5xx. Raises FetchError."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError("not an http(s) address")
    limit = TIMEOUT if timeout is None else timeout
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = {url}
    current = url
    while True:
        try:
            status, message, body, target = _once(current, headers, limit)
        except FetchError as exc:
            if not str(exc).startswith("HTTP 5"):
                raise
            status, message, body, target = _once(current, headers, limit)  # once more
        if target is None:
            break
        if target in seen:
            raise FetchError(f"redirect loop at {target}")
        if len(seen) > MAX_REDIRECTS:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError(f"redirected to a non-http address: {target}")
        seen.add(target)
        current = target
    kind, charset = _headers_of(message)
    if status != 304 and kind and kind not in accept:
        raise FetchError(f"not {_kind_name(accept)} but {kind}")
    return Fetched(
        url=current,
        status=status,
        content_type=kind,
        body=body or b"",
        charset=charset,
        etag=message.get("ETag"),
        last_modified=message.get("Last-Modified"),
    )


def _kind_name(accept: tuple[str, ...]) -> str:
    return "an HTML page" if accept == HTML_TYPES else "a feed"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(body: bytes, charset: str | None) -> str:
    """The page's text: its declared charset (header, then <meta>), else UTF-8, else a guess.

    A declared charset that does not decode the bytes is an error: guessing past a wrong
    declaration would write mojibake into the article.
    """
    declared = charset
    if not declared:
        found = _META_CHARSET.search(body[:4096])
        declared = found.group(1).decode("ascii") if found else None
    if body.startswith(b"\xef\xbb\xbf"):
        declared, body = "utf-8", body[3:]
    if declared:
        try:
            return body.decode(declared)
        except LookupError:
            pass  # an unknown charset name: fall through to detection
        except UnicodeDecodeError:
            raise FetchError(f"cannot decode the text as {declared}") from None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a trafilatura dependency; only for the rare case

    best = from_bytes(body).best()
    if best is None:
        raise FetchError("cannot decode the text (no charset declared, and not UTF-8)")
    return str(best)
