"""The preview server of `briefings serve`: build, serve under the base URL's path, rebuild on
change, reload browsers.

We use the livereload package for its browser protocol (the websocket handler and livereload.js)
but not for watching: its poller checks every 800 ms, drops changes within 3 s of a reload and
cannot say which file changed. watchfiles (inotify) reports every change; bursts are debounced into
one rebuild, and browsers are told to reload only after that rebuild has finished.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import html
import mimetypes
import os
import shutil
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import watchfiles
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, ioloop, netutil, web

from generator.build import BuildOptions, Warm, build, configure, render_edited
from generator.errors import BriefingsError, ContentError
from generator.source.themes import theme_chain

OVERLAY_ID = "briefings-error-overlay"
# A burst of file events ends after this many quiet milliseconds: an editor's save (truncate,
# write, rename) takes well under one; a rebuild that starts early is redone when more events
# come. watchfiles checks every step, so a save is seen 10-20 ms after it (25: 25-50 ms).
STEP_MS = 10


@dataclass
class Preview:
    """What the server shows: the last good site, and the errors of the latest build, if any."""

    output: Path
    base_path: str
    port: int
    errors: list[str] = field(default_factory=list)
    built_once: bool = False
    # Counts the reloads sent: a page tells its own, and reloads itself if one was sent while
    # it was loading (a reload message reaches only the pages connected at that moment).
    generation: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> tuple[list[str], bool, int]:
        with self.lock:
            return list(self.errors), self.built_once, self.generation

    def next_generation(self) -> None:
        with self.lock:
            self.generation += 1


_OVERLAY_STYLE = (
    "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;"
    "padding:1rem 1.25rem;background:#5c0b0b;color:#fff;font:14px/1.5 ui-monospace,monospace;"
    "border-top:4px solid #ff6b6b"
)


def overlay(errors: list[str]) -> bytes:
    """An error box in the page itself, so it shows before (and without) any script."""
    items = "".join(f"<li>{html.escape(e)}</li>" for e in errors)
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="{_OVERLAY_STYLE}">'
        "<strong>Build failed: the last good version of the site is shown.</strong>"
        f'<ul style="margin:.5rem 0 0;padding-left:1.2rem">{items}</ul></div>'
    ).encode()


GENERATION_PATH = "/livereload-generation"


def inject(page: bytes, errors: list[str], port: int, generation: int = 0) -> bytes:
    # async: the page renders without waiting for the script, which only listens for reloads.
    # Once connected, the page asks whether a reload went out while it was on its way.
    script = (
        f'<script src="/livereload.js?port={port}" async></script>'
        '<script>document.addEventListener("LiveReloadConnect",function(){'
        f'fetch("{GENERATION_PATH}",{{cache:"no-store"}}).then(function(r){{return r.text()}})'
        f'.then(function(g){{if(g!=="{generation}")location.reload()}})}})</script>'
    ).encode()
    page = page.replace(b"</head>", script + b"</head>", 1) if b"</head>" in page else script + page
    if errors:
        box = overlay(errors)
        start = page.find(b"<body")
        end = page.find(b">", start) + 1 if start != -1 else 0
        page = page[:end] + box + page[end:]
    return page


def resolve(output: Path, base_path: str, request_path: str) -> tuple[str, Path | None]:
    """Map a request path to a file of the built site: ("file"|"redirect"|"missing", path).

    Only files inside `output` are ever served: the decoded path is resolved and checked, so
    `..` in any encoding cannot leave the site.
    """
    decoded = unquote(request_path)
    if not decoded.startswith(base_path):
        return ("redirect", None) if decoded in ("/", "") else ("missing", None)
    rel = decoded[len(base_path) :]
    if "\x00" in rel:
        return "missing", None
    root = output.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(root):
        return "missing", None
    if target.is_dir():
        if not decoded.endswith("/"):
            return "redirect", None
        target = target / "index.html"
    return ("file", target) if target.is_file() else ("missing", None)


class SiteHandler(web.RequestHandler):
    preview: Preview

    def get(self, _: str = "") -> None:
        state = self.preview
        kind, target = resolve(state.output, state.base_path, self.request.path)
        if kind == "redirect":
            path = self.request.path
            self.redirect(state.base_path if not path.startswith(state.base_path) else path + "/")
            return
        # The generation before the file: what is read is at least as new as it says.
        errors, built, generation = state.snapshot()
        if kind == "missing":
            self.set_status(404)
            target = state.output / "404.html"
            if not built or not target.is_file():
                page = b"<!doctype html><title>Not built yet</title><body></body>"
                self._send(page, "text/html", errors, generation)
                return
        assert target is not None
        kind_of, _ = mimetypes.guess_type(target.name)
        self._send(target.read_bytes(), kind_of or "application/octet-stream", errors, generation)

    def _send(self, data: bytes, content_type: str, errors: list[str], generation: int) -> None:
        if content_type == "text/html":
            data = inject(data, errors, self.preview.port, generation)
            content_type += "; charset=utf-8"
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-store")
        self.write(data)


class GenerationHandler(web.RequestHandler):
    preview: Preview

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.write(str(self.preview.snapshot()[2]))


def watched_paths(config_file: Path) -> list[Path]:
    config = configure(BuildOptions(config_file=config_file))
    chain, _ = theme_chain(config.root, config.theme)
    paths = [config_file.resolve(), config.root / "content", *chain]
    return [p for p in paths if p.exists()]


def rebuild(preview: Preview, options: BuildOptions, log: Callable[[str], None]) -> int | None:
    """Build; returns how many files changed, or None when the build failed."""
    try:
        result = build(options)
    except BriefingsError as exc:
        errors = [str(p) for p in exc.problems]
        with preview.lock:
            preview.errors = errors
        log("\n".join(errors))
        return None
    with preview.lock:
        preview.errors = []
        preview.built_once = True
    # The site just built is what the next rebuild mostly reuses. Freezing it takes its millions
    # of objects out of the garbage collector's full passes, which otherwise stall a rebuild by
    # about 100 ms at 5,000 articles. (Objects no longer used are still freed by refcount.)
    gc.freeze()
    log(f"Rebuilt {result.pages} pages in {result.seconds:.2f} s")
    return result.changed


# The rebuild thread's niceness: behind the browser, the editor and the thread that shows the
# saved page first. At 5,000 articles the reload after an edit (benchmarks/serve.py) took a
# median 166 ms with the rebuild at normal priority, 142 ms at 19 (none running: 90 ms).
BACKGROUND_NICENESS = 19


def background() -> None:
    """Lower the calling thread's CPU priority, where threads have their own (Linux); the
    render workers a rebuild forks inherit it."""
    if sys.platform != "linux":  # elsewhere the call would name a process, not this thread
        return
    with contextlib.suppress(OSError):  # not permitted: rebuilds keep normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


def watch_loop(
    preview: Preview,
    options: BuildOptions,
    loop: ioloop.IOLoop,
    stop: threading.Event,
    log: Callable[[str], None],
) -> None:
    """Rebuild after each burst of changes, then tell every open page to reload.

    One article saved: its page is rendered first, at once, even while a rebuild runs, and
    open pages reload; the rebuild follows on its own thread, and pages reload again only if
    it changed anything more. A rebuild that a newer change has already overtaken reloads
    nothing: the next one will, so a page never steps back to older text."""
    paths = watched_paths(options.config_file)
    ignore = watchfiles.DefaultFilter(
        ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, ".briefings-cache", "build")
    )
    pending = threading.Event()
    state = threading.Lock()
    shown = [True]  # every change since the last rebuild began is on screen already

    def reload() -> None:
        preview.next_generation()  # after the files changed, before any page hears of it
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    def rebuilds() -> None:
        background()
        owed = False  # a reload a rebuild skipped, which the next one must make
        while not stop.is_set():
            if not pending.wait(0.1):
                continue
            pending.clear()
            with state:
                all_shown, shown[0] = shown[0], True
            had_errors = bool(preview.snapshot()[0])
            changed = rebuild(preview, options, log)  # None: it failed; show the errors
            owed = owed or changed != 0 or not all_shown or had_errors
            if owed and not pending.is_set():
                reload()
                owed = False

    threading.Thread(target=rebuilds, daemon=True).start()
    for changes in watchfiles.watch(
        *paths, watch_filter=ignore, debounce=1000, step=STEP_MS, stop_event=stop
    ):
        names = sorted({Path(p).name for _, p in changes})
        log(f"Changed: {', '.join(names)}")
        edited = {Path(p) for change, p in changes if change == watchfiles.Change.modified}
        # While errors show, only a whole rebuild can clear them.
        quiet = not preview.snapshot()[0] and len(changes) == len(edited) == 1
        first = quiet and render_edited(options, edited.pop())
        if first:
            reload()
        with state:
            shown[0] = shown[0] and first
        pending.set()


def serve(config_file: Path, *, host: str, port: int, drafts: bool, open_browser: bool) -> int:
    try:
        config = configure(BuildOptions(config_file=config_file))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    # Bound before the first build: a port in use is reported at once, and with --port 0 the
    # system picks a free port, which the site's URLs then name.
    try:
        sockets = netutil.bind_sockets(port, address=host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"error: port {port} is in use; choose another with --port", file=sys.stderr)
        else:
            print(f"error: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    port = sockets[0].getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    base_url = f"http://{shown_host}:{port}{config.base_path}"
    output = Path(tempfile.mkdtemp(prefix="briefings-serve-")) / "site"
    # No search index in the preview: Pagefind re-indexing every page would slow each reload.
    options = BuildOptions(
        config_file=config_file,
        output=output,
        base_url=base_url,
        drafts=drafts,
        search=False,
        atomic=False,  # the preview folder is ours alone: update files in place, it is faster
        warm=Warm(),
    )
    preview = Preview(output=output, base_path=config.base_path, port=port)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    rebuild(preview, options, log)
    LiveReloadHandler.watcher = Watcher()  # the handler reads it when it reloads; we never poll it
    SiteHandler.preview = GenerationHandler.preview = preview
    app = web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload\.js", LiveReloadJSHandler),
            (GENERATION_PATH, GenerationHandler),
            (r"/(.*)", SiteHandler),
        ]
    )
    server = httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    loop = ioloop.IOLoop.current()
    stop = threading.Event()
    # Rebuilds run on a thread beside the server's: hand the interpreter over every millisecond
    # (not every 5), so a page asked for during a rebuild is served without waiting.
    sys.setswitchinterval(0.001)
    watcher = threading.Thread(
        target=watch_loop, args=(preview, options, loop, stop, log), daemon=True
    )
    watcher.start()
    print(f"Serving {base_url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(base_url,)).start()
    try:
        loop.start()
    except KeyboardInterrupt:
        print("Stopping.", file=sys.stderr)
    finally:
        stop.set()
        server.stop()
        watcher.join(timeout=2)
        shutil.rmtree(output.parent, ignore_errors=True)
    return 0
