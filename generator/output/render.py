"""Stage 7: one page in, bytes out. Jinja2 with an explicit context per page type.

Templates are autoescaped (HTML and XML) and strict: an undefined variable is an error that names
the template and its line, never an empty string on a published page.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context

from generator import urls
from generator.errors import Problem, error, failure, shown_path
from generator.site.model import Page, Site
from generator.source.themes import builtin_theme_bases
from generator.workers import forked_pool, share, worker_count

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(value: datetime) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def month_name(value: datetime) -> str:
    return f"{_MONTHS[value.month - 1]} {value.year}"


def _english(language: str) -> bool:
    return language.casefold().replace("_", "-").split("-")[0] == "en"


def local_date(value: datetime, language: str = "en") -> str:
    """'15 June 2022' for an English site; ISO 8601 ('2022-06-15') for any other language."""
    return long_date(value) if _english(language) else value.date().isoformat()


def local_month(value: datetime, language: str = "en") -> str:
    """'June 2022' for an English site; '2022-06' for any other language."""
    return month_name(value) if _english(language) else f"{value.year:04d}-{value.month:02d}"


@pass_context
def _url(context: Any, target: str) -> str:
    page: Page = context["page"]
    if page.kind == "404":  # served at any depth by GitHub Pages: links must not be relative
        return urls.rooted(target, context["site"].config.base_path)
    return urls.relative(target, page.path)


@pass_context
def _abs_url(context: Any, target: str) -> str:
    return urls.absolute(target, context["site"].config.base_url)


def environment(theme_dirs: Sequence[Path]) -> jinja2.Environment:
    """The Jinja environment for a theme chain, kept for the life of the process: it caches
    compiled templates and recompiles one when its file changes (Jinja checks the mtime)."""
    return _environment(tuple(theme_dirs))


@functools.lru_cache(maxsize=8)
def _environment(theme_dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs]),
        autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        url=_url,
        abs_url=_abs_url,
        article_path=urls.article_path,
        briefing_path=urls.briefing_path,
        source_path=urls.source_path,
        person_path=urls.person_path,
        page_path=urls.page_path,
    )
    env.filters.update(
        long_date=long_date, month_name=month_name, local_date=local_date, local_month=local_month
    )
    return env


def context_for(site: Site, page: Page) -> dict[str, Any]:
    """The variables a template sees: the site, the page, and the item the page is about."""
    context: dict[str, Any] = {"site": site, "page": page}
    if page.kind == "article":
        context["article"] = site.article_by_slug[page.key]
    elif page.kind == "briefing" or (page.kind == "feed" and page.key):
        briefing = site.briefing_by_slug[page.key]
        context["briefing"] = briefing
        context["members"] = [site.article_by_slug[slug] for slug in briefing.articles]
        # Each development: its lead report, then the other reports of the same event.
        context["developments"] = [
            (site.article_by_slug[lead], [site.article_by_slug[s] for s in others])
            for lead, *others in briefing.developments
        ]
    elif page.kind == "source":
        context["outlet"] = next(o for o in site.outlets if o.name == page.key)
    elif page.kind == "person":
        context["person"] = site.people.by_slug[page.key]
    elif page.kind == "page":
        context["doc"] = next(p for p in site.pages if p.slug == page.key)
    return context


def render_page(env: jinja2.Environment, site: Site, page: Page) -> bytes:
    return env.get_template(page.template).render(context_for(site, page)).encode("utf-8")


def template_problem(exc: Exception, root: Path) -> Problem:
    """`path:line:col` for a template mistake: the template file and the line Jinja names."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return error(
            _shown(exc.filename or exc.name or "?", root), exc.lineno, 1, exc.message or ""
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return failure(f"template not found: {exc.name}")
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return error(_shown(frame.filename, root), frame.lineno or 1, 1, _describe(exc))
    return failure(_describe(exc))


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined variable: {exc.message}"
    return f"template error: {type(exc).__name__}: {exc}"


def _shown(filename: str, root: Path) -> str:
    """A template's path as messages show it: in the site, or in the built-in theme."""
    path = Path(filename).resolve()
    for base in builtin_theme_bases():
        if path.is_relative_to(base) and not path.is_relative_to(root.resolve()):
            return "(built-in) " + path.relative_to(base.parent).as_posix()
    return shown_path(path, root)


# Below this many pages a pool costs more than it saves. Aggregate pages (briefings, home,
# archive) can each take tens of milliseconds on a large site, so even a few dozen pay off.
_PARALLEL_FROM = 24
# Pages per task: small enough that the caller writes pages while the workers render more.
_CHUNK = 50

# Rendering in worker processes: the site and environment are handed over once per worker
# (fork inherits them), so each task carries only a page.
_WORKER: tuple[jinja2.Environment, Site, Path] | None = None


def _init_worker(theme_dirs: Sequence[Path], site: Site) -> None:
    global _WORKER
    _WORKER = (environment(theme_dirs), site, site.config.root)


def _render_chunk(pages: Sequence[Page]) -> list[tuple[str, bytes | Problem]]:
    assert _WORKER is not None
    env, site, root = _WORKER
    return [(page.output, _render_or_problem(env, site, page, root)) for page in pages]


def _render_or_problem(
    env: jinja2.Environment, site: Site, page: Page, root: Path
) -> bytes | Problem:
    try:
        return render_page(env, site, page)
    except jinja2.TemplateError as exc:
        return template_problem(exc, root)
    except (
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        ZeroDivisionError,
        RecursionError,
    ) as exc:
        return template_problem(exc, root)


def render_pages(
    site: Site,
    pages: Sequence[Page],
    theme_dirs: Sequence[Path],
    *,
    workers: int | None = None,
) -> Iterator[tuple[str, bytes | Problem]]:
    """Each page's output path and bytes (or the problem that stopped it), as they are rendered:
    in parallel when there are enough pages to pay for the workers. The caller writes each page
    as it comes, so a large site's pages are never all in memory."""
    global _WORKER
    workers = worker_count(workers)
    _init_worker(theme_dirs, site)  # this process renders too
    try:
        if workers <= 1 or len(pages) < _PARALLEL_FROM:
            for page in pages:
                yield from _render_chunk([page])
            return
        # Big pages first: briefing pages cost far more than articles.
        pages = sorted(pages, key=lambda p: p.kind == "article")
        size = max(1, min(len(pages) // (workers * 4), _CHUNK))
        chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
        with forked_pool(workers - 1, _init_worker, theme_dirs, site) as pool:
            for rendered in share(pool, _render_chunk, chunks):
                yield from rendered
    finally:
        _WORKER = None  # the site may be freed once rendered
