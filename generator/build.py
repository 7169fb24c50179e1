"""One build, as data: config -> sources -> documents -> briefings -> pages -> bytes -> build/.

Only the first stages read files; `stage_site` writes the new site beside the output and
`publish_site` swaps it in. Every problem found on the way is collected; the build fails once,
with all of them, before the output changes.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from generator.documents.cache import CACHE_DIR, DocumentCache
from generator.documents.process import process_sources
from generator.errors import ContentError, Problem, errors_only
from generator.models import Article, BriefingDef, PageDoc
from generator.output.guard import build_lock, check_output_dir
from generator.output.incremental import (
    fingerprints,
    forget_manifest,
    load_manifest,
    save_manifest,
    site_digest,
    theme_digest,
)
from generator.output.render import render_pages
from generator.output.search import OUTPUT_SUBDIR as SEARCH_DIR
from generator.output.search import PARALLEL_RUNS, Indexed, index_search
from generator.output.uptodate import (
    Record,
    build_inputs,
    forget_record,
    last_build,
    save_record,
    unchanged_since,
)
from generator.output.write import Staged, publish_site, stage_site, write_in_place
from generator.site.group import group
from generator.site.memo import Recording, load_memo, save_memo
from generator.site.model import Page, Site, assemble
from generator.site.plan import plan
from generator.site.topics import AutoTopics, auto_topics
from generator.source.config import SiteConfig, load_config
from generator.source.discover import Known, Source, digest, discover
from generator.source.themes import static_files, theme_chain
from generator.workers import in_child

# The site a build replaced, kept in the cache: the next build brings it up to date
# (see output/write.py).
SPARE_OUTPUT = "spare-output"


@dataclass
class Warm:
    """What a long-running process (the preview server) carries from one build to the next."""

    sources: Known = field(default_factory=dict)  # content files by stamp: unchanged, not read
    output_files: set[str] = field(default_factory=set)  # what the private output folder holds
    memo: dict[str, object] | None = None  # bottom lines and key quotes: not read from disk again
    pages: dict[str, object] = field(default_factory=dict)  # fingerprints of the pages written
    # Automatic topics and the inputs they came from: a rebuild after an edit that changes no
    # article nor briefing file (a template, a page, the theme) does not group again.
    topics: tuple[object, AutoTopics] | None = None
    # The last site made, for `render_edited`: an edited article's own page comes first.
    loaded: Loaded | None = None


@dataclass(frozen=True)
class BuildOptions:
    config_file: Path = Path("site.yaml")
    output: Path | None = None  # default: build/ next to the config
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    workers: int | None = None
    use_cache: bool = True
    search: bool = True  # index with Pagefind when site.yaml has search on
    atomic: bool = True  # swap the whole new site in; the preview's private folder needs not
    # What a long-running caller keeps between builds; what it knows of the output folder is
    # used only with atomic=False (a folder only this process writes).
    warm: Warm | None = field(default=None, compare=False)

    @property
    def private(self) -> Warm | None:
        """The warm state, if it also covers the output folder (see `warm`)."""
        return self.warm if not self.atomic else None


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    articles: int
    briefings: int
    changed: int  # files added, changed or removed in the output
    rendered: int
    seconds: float
    search: Indexed | None  # the search index shards, if this build indexed anything
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Loaded:
    """A site read and understood, ready to render."""

    site: Site
    pages: tuple[Page, ...]
    theme_dirs: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    memo: dict[str, object]  # the bottom lines and key quotes this build used, to keep
    topics: AutoTopics  # what automatic topics placed and grouped, for `briefings topics`


def configure(options: BuildOptions) -> SiteConfig:
    config = load_config(options.config_file)
    if options.base_url:
        base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
        config = replace(config, base_url=base)
    return config


@dataclass(frozen=True)
class Documents:
    """Stages 2 to 4: the site's content files, read and understood one by one."""

    articles: tuple[Article, ...]  # newest first; drafts only with --drafts
    definitions: tuple[BriefingDef, ...]
    pages: tuple[PageDoc, ...]
    versions: dict[str, str]  # content path -> cache key
    problems: tuple[Problem, ...]


def read_documents(config: SiteConfig, options: BuildOptions) -> Documents:
    sources, problems = discover(config.root, options.warm.sources if options.warm else None)
    documents, found, versions = process_sources(
        config, sources, workers=options.workers, use_cache=options.use_cache
    )
    articles = sorted(
        (d for d in documents if isinstance(d, Article) and (options.drafts or not d.draft)),
        key=lambda a: (-a.date.timestamp(), a.slug),
    )
    return Documents(
        tuple(articles),
        tuple(d for d in documents if isinstance(d, BriefingDef)),
        tuple(d for d in documents if isinstance(d, PageDoc)),
        versions,
        tuple(problems + found),
    )


def _auto_topics(docs: Documents, config: SiteConfig, warm: Warm | None) -> AutoTopics:
    inputs = (
        tuple((a.path, docs.versions.get(a.path) or a) for a in docs.articles),
        docs.definitions,
        config.topics,
    )
    if warm is not None and warm.topics is not None and warm.topics[0] == inputs:
        return warm.topics[1]
    found = auto_topics(docs.articles, docs.definitions, config.topics)
    if warm is not None:
        warm.topics = (inputs, found)
    return found


def load(config: SiteConfig, options: BuildOptions) -> Loaded:
    """Stages 2 to 6. Raises ContentError with every problem found."""
    docs = read_documents(config, options)
    problems = list(docs.problems)
    theme_dirs, found = theme_chain(config.root, config.theme)
    problems += found
    found_topics = _auto_topics(docs, config, options.warm)
    articles = list(found_topics.articles)
    definitions = [*docs.definitions, *found_topics.stories]
    pages_docs, versions = docs.pages, docs.versions
    warm = options.warm
    if warm is not None and warm.memo is not None:
        memo = warm.memo
    else:
        memo = load_memo(config.root / CACHE_DIR) if options.use_cache else {}
    used: dict[str, object] = {}
    briefings = group(
        articles,
        definitions,
        quotes_per_briefing=config.limits.quotes_per_briefing,
        bottom_line_points=config.limits.bottom_line_points,
        memo=Recording(memo, used),
        versions=versions,
        workers=options.workers,
        similar=found_topics.graph,
        same_event=config.topics.min_similarity,
    )
    site = assemble(config, tuple(articles), briefings, pages_docs, versions)
    pages, found = plan(site)
    problems += found
    blocking = errors_only(problems, strict=options.strict)
    if blocking:
        raise ContentError(blocking)
    warnings = tuple(sorted(p for p in problems if p.severity == "warning"))
    return Loaded(site, pages, tuple(theme_dirs), warnings, used, found_topics)


def extra_files(config: SiteConfig) -> dict[str, bytes]:
    """What GitHub Pages needs beside the pages: no Jekyll run, and the custom domain."""
    files = {".nojekyll": b""}
    if config.cname:
        files["CNAME"] = config.cname.encode() + b"\n"
    return files


def _checked(rendered: Iterable[tuple[str, bytes | Problem]]) -> Iterator[tuple[str, bytes]]:
    """The rendered pages, passed on as they come. If any page failed, every problem is raised
    once all pages were tried, and the writer drops what it assembled."""
    problems: dict[Problem, None] = {}
    for output, result in rendered:
        if isinstance(result, Problem):
            problems[result] = None
        else:
            yield output, result
    if problems:
        raise ContentError(list(problems))


@dataclass(frozen=True)
class Made:
    """A new site, staged beside the output, and what publishing it needs to know: plain,
    small data, so a child process can make the site and send this back."""

    staged: Staged
    prints: dict[str, object]  # fingerprints of the pages, for the next build
    memo: dict[str, object]  # the bottom lines and key quotes used
    versions: tuple[str, ...]  # the cache keys of the documents in use
    counts: tuple[int, int, int, int]  # pages, articles, briefings, pages rendered
    warnings: tuple[Problem, ...]


def make_site(config: SiteConfig, options: BuildOptions, output: Path) -> Made:
    """Stages 2 to 8 short of publishing: read, understand, render and stage the new site."""
    loaded = load(config, options)
    cache_dir = config.root / CACHE_DIR
    # A warm process keeps its private folder's fingerprints in memory, unhashed; the
    # manifest on disk belongs to the published build/ and is left alone.
    warm = options.private
    previous: dict[str, object] = {}
    if options.use_cache:
        previous = warm.pages if warm else dict(load_manifest(cache_dir, output))
    site = loaded.site
    if options.warm is not None:
        options.warm.loaded = loaded
    common = site_digest(site, theme_digest(loaded.theme_dirs))
    prints = fingerprints(site, loaded.pages, common, hashed=warm is None)
    listing = warm.output_files if warm else None
    present = listing.__contains__ if listing else lambda out: (output / out).is_file()
    kept = {out for out, fp in prints.items() if previous.get(out) == fp and present(out)}
    todo = [p for p in loaded.pages if p.output not in kept]
    if warm:
        warm.pages = {}  # the folder is about to change: no fingerprint of it holds
    searching = options.search and config.search
    rendered = _checked(render_pages(site, todo, loaded.theme_dirs, workers=options.workers))
    staged = stage_site(
        chain(rendered, extra_files(config).items()),
        kept,
        static_files(loaded.theme_dirs),
        output,
        preserve=(SEARCH_DIR,) if searching else (),
        atomic=options.atomic,
        listing=listing,
        spare=cache_dir / SPARE_OUTPUT if options.use_cache else None,
    )
    return Made(
        staged,
        prints,
        loaded.memo,
        tuple(site.versions.values()),
        (len(loaded.pages), len(site.articles), len(site.briefings), len(todo)),
        loaded.warnings,
    )


def render_edited(options: BuildOptions, path: Path) -> bool:
    """The page of the edited article `path`, rendered from its new text and what the last build
    knew of everything else (its briefings, the people it quotes, its automatic topics), and
    written into the private output folder: the preview shows an edit at once, whatever the size
    of the site. The full rebuild that follows is what counts; it corrects what the edit changed
    elsewhere. False, and nothing written, when the shortcut does not apply: no earlier site, not
    an article, a problem in it, or a change to what places it (slug, date, topics, outlet).
    """
    warm = options.private
    if warm is None or warm.loaded is None:
        return False
    loaded = warm.loaded
    site = loaded.site
    config = site.config
    try:
        rel = path.resolve().relative_to(config.root.resolve()).as_posix()
        if not rel.startswith("content/articles/") or path.is_symlink():
            return False
        data = path.read_bytes()
    except (OSError, ValueError):
        return False
    old = next((a for a in site.articles if a.path == rel), None)
    if old is None:
        return False
    source = Source(rel, "article", data, digest(data))
    documents, problems, versions = process_sources(config, [source], workers=1)
    new = documents[0] if documents and not problems else None
    curated = tuple(t for t in old.topics if t not in old.automatic_topics)
    placed = (old.slug, old.date, curated, old.draft, old.source)
    if (
        not isinstance(new, Article)
        or (new.slug, new.date, new.topics, new.draft, new.source) != placed
    ):
        return False
    new = replace(
        new,
        topics=old.topics,
        topic_names=old.topic_names,
        automatic_topics=old.automatic_topics,
    )
    edited = replace(
        site,
        articles=tuple(new if a is old else a for a in site.articles),
        article_by_slug={**site.article_by_slug, new.slug: new},
        versions={**site.versions, **versions},
    )
    page = next(p for p in loaded.pages if p.kind == "article" and p.key == new.slug)
    [(output, result)] = render_pages(edited, [page], loaded.theme_dirs, workers=1)
    if isinstance(result, Problem):
        return False
    write_in_place((options.output or config.root / "build").resolve(), output, result)
    return True


def build(options: BuildOptions, log: Callable[[str], None] = lambda _: None) -> BuildResult:
    started = time.perf_counter()
    config = configure(options)
    output = (options.output or config.root / "build").resolve()
    check_output_dir(output, config.root)
    with build_lock(output) as free:
        if not free:
            log("another build of this site was running; waited for it to finish")
        cache_dir = config.root / CACHE_DIR
        searching = options.search and config.search
        # A one-off build first asks whether anything changed since the last one (--clean
        # does not ask, but leaves its answer for the next build, as it leaves the cache).
        shaping = (options.drafts, options.strict)
        inputs = build_inputs(config, shaping, searching) if options.warm is None else None
        asked = inputs if options.use_cache else None
        record = last_build(cache_dir, output, asked, searching) if asked else None
        if record is not None:
            seconds = time.perf_counter() - started
            return BuildResult(output, *record.counts, 0, 0, seconds, None, record.warnings)
        forget_record(cache_dir)
        # A one-off build makes the site in a child process: all the memory the site took goes
        # back to the system when it exits, before Pagefind needs its own. A warm process
        # (the preview server) keeps what it learnt, so it makes the site itself.
        make = functools.partial(make_site, config, options, output)
        made = make() if options.warm is not None else in_child(make)
        warm = options.private
        parallel = min(options.workers or PARALLEL_RUNS, PARALLEL_RUNS)  # -j1: one at a time
        indexed: list[Indexed] = []

        def finish(tree: Path, changed: frozenset[str]) -> None:
            """The new site is complete and about to become the output."""
            if not warm:
                forget_manifest(cache_dir)  # it describes the old output until the new is saved
            if searching:
                done = index_search(tree, changed, log, parallel, staged=tree != output)
                if done:
                    indexed.append(done)

        listing = warm.output_files if warm else None
        changed = publish_site(made.staged, finish=finish, listing=listing)
        if warm:
            warm.pages = made.prints
        else:
            save_manifest(cache_dir, output, made.prints)
        # A warm process keeps the memo in memory; it tidies the disk cache on its first build.
        if options.warm is None or options.warm.memo is None:
            save_memo(cache_dir, made.memo)
            DocumentCache(cache_dir / "documents").prune(made.versions)
        if options.warm:
            options.warm.memo = made.memo
        pages, articles, briefings, rendered = made.counts
        # Recorded only if no file changed while the build ran: then `inputs` made this site.
        if inputs and unchanged_since(config, inputs):
            index = SEARCH_DIR + "/"
            files = tuple(sorted(f for f in made.staged.files if not f.startswith(index)))
            counts = (pages, articles, briefings)
            save_record(cache_dir, output, Record(inputs.digest, files, counts, made.warnings))
    return BuildResult(
        output=output,
        pages=pages,
        articles=articles,
        briefings=briefings,
        changed=changed,
        rendered=rendered,
        seconds=time.perf_counter() - started,
        search=indexed[0] if indexed else None,
        warnings=made.warnings,
    )
