"""Build speed of briefings next to Hugo and Pelican, on one generated corpus.

    python benchmarks/build_speed.py [--sizes 1000,5000] [--runs 3] [--no-readme]

For each size it writes the corpus of benchmarks/corpus.py in the three flavours, then times, run
after run (so drift on the machine hits every row alike): briefings cold, briefings again with
nothing changed, briefings after one article was edited, and after that edit was undone, Hugo,
Pelican. It prints a Markdown table of medians and writes it into the `## Build speed` section
of benchmarks/README.md.

Measured per build: wall time; CPU time (user + system of the whole process tree, from wait4);
peak memory twice: the largest single process (wait4's ru_maxrss, what `/usr/bin/time -v` shows)
and the summed PSS (proportional set size) of the process tree, polled from /proc every 20 ms:
briefings forks workers that share pages with it, and PSS counts a shared page once in all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402 (a sibling script, not a package)

README = HERE / "README.md"
SECTION = "## Build speed"
WORK = HERE / ".work" / "build-speed"
GENERATOR = HERE.parent / "generator"
RETRIES = 3  # attempts at a run during which generator/ keeps changing
POLL_SECONDS = 0.02
MIB = 1024 * 1024
EDIT = "\nAn earlier version of this article misstated one of the figures.\n"


# --- Measuring one command ---------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and all its children
    pss_tree: int  # bytes: peak of the summed PSS of the process tree (polled)
    rss_max: int  # bytes: peak RSS of the largest single process (exact, from the kernel)


def pss(pid: int) -> int:
    """Proportional set size: the process's private pages plus its share of shared ones."""
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):  # a child belongs to the thread that forked it
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found += [int(c) for c in handle.read().split()]
    return found


def tree_pss(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += pss(pid)
            stack += children(pid)
        except (FileNotFoundError, ProcessLookupError):  # exited between two reads
            continue
    return total


class TreePoller(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_pss(self.pid))
            self.done.wait(POLL_SECONDS)


def measure(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Sample:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        poller = TreePoller(process.pid)
        poller.start()
        # wait4 rather than wait: it returns the rusage of this child and its reaped children.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        poller.done.set()
        poller.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-3000:]
            raise SystemExit(f"{' '.join(command)} failed in {cwd} ({process.returncode}):\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, poller.peak, usage.ru_maxrss * 1024)


# --- The tools -----------------------------------------------------------------------------


def beside_python(name: str) -> str:
    """The script installed with this interpreter: a pyenv shim would add its own start-up."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed")
    return found


def ensure_hugo() -> str:
    if not Path("/usr/bin/hugo").exists():
        subprocess.run(["apt-get", "install", "-y", "hugo"], check=True)
    return "/usr/bin/hugo"


def ensure_pelican() -> str:
    if not all(importlib.util.find_spec(m) for m in ("pelican", "markdown")):
        subprocess.run([sys.executable, "-m", "pip", "install", "pelican", "markdown"], check=True)
    return beside_python("pelican")


def version(command: Sequence[str], pattern: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    match = re.search(pattern, result.stdout + result.stderr)
    return match.group(1) if match else "unknown"


# --- The builds of one corpus ----------------------------------------------------------------


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


@dataclass(frozen=True)
class Case:
    """One row of the table: what to reset (untimed), then the command timed."""

    name: str
    command: tuple[str, ...]
    cwd: Path
    before: Callable[[], None] = lambda: None
    after: Callable[[], None] = lambda: None
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sites:
    size: int
    briefings: Path
    hugo: Path
    pelican: Path
    edited: Path  # the article the one-edit rebuild changes


def write_sites(size: int, seed: int, tools: set[str]) -> Sites:
    base = WORK / f"corpus-{size}"
    made = corpus.generate(size, seed)
    middle = made.articles[size // 2]  # not the newest: an edit deep in the archive
    sites = Sites(
        size,
        base / "briefings",
        base / "hugo",
        base / "pelican",
        corpus.article_file(base / "briefings", middle),
    )
    for flavor in ("briefings", "hugo", "pelican"):
        if flavor in tools:
            corpus.write(made, getattr(sites, flavor), flavor)
    return sites


def briefings_cases(sites: Sites, binary: str) -> list[Case]:
    site = sites.briefings
    original = sites.edited.read_bytes() if sites.edited.exists() else b""

    def edit() -> None:
        sites.edited.write_bytes(original + EDIT.encode())

    def restore() -> None:
        sites.edited.write_bytes(original)

    build = (binary, "build", "--quiet")
    return [
        # Without the Pagefind index, which neither peer builds; then with it, as by default.
        Case(
            COLD_NO_SEARCH,
            (*build, "--clean", "--no-search"),
            site,
            before=lambda: remove(site / "build", site / ".briefings-cache"),
        ),
        Case(
            COLD,
            (*build, "--clean"),
            site,
            before=lambda: remove(site / "build", site / ".briefings-cache"),
        ),
        Case(SAME, build, site),
        Case(EDITED, build, site, edit, restore),
        # The edit undone: a next edit, which finds the site the last build replaced to reuse.
        Case(EDITED_AGAIN, build, site),
        # The least memory: one process, one Pagefind run at a time.
        Case(
            COLD_ONE_JOB,
            (*build, "--clean", "-j1"),
            site,
            before=lambda: remove(site / "build", site / ".briefings-cache"),
        ),
    ]


def peer_cases(sites: Sites, hugo: str | None, pelican: str | None) -> list[Case]:
    cases = []
    if hugo:
        cache = sites.hugo / ".hugo-cache"  # its own cache folder, emptied: a cold build
        cases.append(
            Case(
                "Hugo",
                (hugo, "--quiet"),
                sites.hugo,
                before=lambda: remove(sites.hugo / "public", sites.hugo / "resources", cache),
                env={"HUGO_CACHEDIR": str(cache)},
            )
        )
    if pelican:
        cases.append(
            Case(
                "Pelican",
                (pelican, "content", "-s", "pelicanconf.py", "-o", "out"),
                sites.pelican,
                before=lambda: remove(sites.pelican / "out", sites.pelican / "cache"),
            )
        )
    return cases


def environment(extra: dict[str, str]) -> dict[str, str]:
    """Ours plus the case's; Python may write bytecode caches, as on a curator's machine."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def code_digest() -> str:
    """briefings keys its caches on its own code: an edit under generator/ mid-run voids a
    rebuild, so the whole package is hashed here."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(GENERATOR.rglob("*.py")):
        digest.update(path.relative_to(GENERATOR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_once(cases: Sequence[Case], label: str) -> dict[str, Sample]:
    found: dict[str, Sample] = {}
    for case in cases:
        case.before()
        try:
            sample = measure(case.command, case.cwd, environment(case.env))
        finally:
            case.after()
        found[case.name] = sample
        print(
            f"  {label} {case.name:<30} {sample.wall:7.2f} s wall {sample.cpu:7.2f} s cpu "
            f"{sample.pss_tree / MIB:7.0f} MiB",
            file=sys.stderr,
            flush=True,
        )
    return found


def run_cases(cases: Sequence[Case], runs: int, size: int) -> tuple[dict[str, list[Sample]], int]:
    """Medians need `runs` samples of each case; returns them and how many runs saw code change."""
    samples: dict[str, list[Sample]] = {case.name: [] for case in cases}
    changed = 0
    for number in range(1, runs + 1):
        for attempt in range(1, RETRIES + 1):
            before = code_digest()
            found = run_once(cases, f"{size:>6} run {number}/{runs}")
            if code_digest() == before:
                break
            print("  generator/ changed during this run", file=sys.stderr)
            if attempt == RETRIES:
                changed += 1  # kept, and said so in the report
            else:
                print("  running it again", file=sys.stderr)
        for name, sample in found.items():
            samples[name].append(sample)
    return samples, changed


# --- Reporting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    size: int
    name: str
    wall: float
    fastest: float
    cpu: float
    pss_tree: float  # MiB
    rss_max: float  # MiB


def medians(size: int, name: str, samples: Sequence[Sample]) -> Row:
    def med(values: Sequence[float]) -> float:
        return statistics.median(values)

    return Row(
        size,
        name,
        med([s.wall for s in samples]),
        min(s.wall for s in samples),
        med([s.cpu for s in samples]),
        med([s.pss_tree for s in samples]) / MIB,
        med([s.rss_max for s in samples]) / MIB,
    )


def results_table(rows: Sequence[Row]) -> str:
    lines = [
        "| Articles | Build | Wall (s) | Fastest wall (s) | CPU (s) | Peak PSS, tree (MiB) "
        "| Peak RSS, largest process (MiB) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.name} | {r.wall:.2f} | {r.fastest:.2f} | {r.cpu:.2f} "
            f"| {r.pss_tree:.0f} "
            f"| {r.rss_max:.0f} |"
        )
    return "\n".join(lines)


COLD, SAME, EDITED = "briefings cold", "briefings no-change rebuild", "briefings one edited article"
EDITED_AGAIN = "briefings one edited article, again"
COLD_NO_SEARCH = "briefings cold, no search index"
COLD_ONE_JOB = "briefings cold, -j1"


def targets(found: dict[str, Row], base: dict[str, Row] | None = None) -> dict[str, str]:
    """The issue's targets, each as 'measured: met or not' (or n/a when a build was not run).
    `base` holds the 5,000-article rows, for the targets a larger site is held to."""
    cold, same, edited = found.get(COLD), found.get(SAME), found.get(EDITED)
    bare, hugo, pelican = found.get(COLD_NO_SEARCH), found.get("Hugo"), found.get("Pelican")
    ours = [r for r in (bare, cold, same, edited, found.get(EDITED_AGAIN)) if r]
    largest = max((r.rss_max for r in ours), default=None)
    grown = base.get(COLD) if base else None
    return {
        "cold ≤ Pelican's cold": _check(cold, pelican, lambda x: x <= 1, "{:.2f}x Pelican's"),
        "cold, --no-search ≤ 2.5x Hugo's": _check(bare, hugo, lambda x: x <= 2.5, "{:.2f}x Hugo's"),
        "one edited article ≤ 0.5x Hugo's cold": _check(
            edited, hugo, lambda x: x <= 0.5, "{:.2f}x Hugo's"
        ),
        "no-change rebuild ≤ 10 % of cold": _check(same, cold, lambda x: x <= 0.10, "{:.0%}"),
        "largest process ≤ 300 MiB (600 MiB at 20,000)": "n/a"
        if largest is None
        else f"{largest:.0f} MiB: {_verdict(largest <= (600 if grown else 300))}",
        "cold ≤ 4.2x the 5,000-article cold (20,000 only)": _check(
            cold, grown, lambda x: x <= 4.2, "{:.2f}x"
        ),
    }


def _check(top: Row | None, bottom: Row | None, ok: Callable[[float], bool], shown: str) -> str:
    if top is None or bottom is None:
        return "n/a"
    ratio = top.wall / bottom.wall
    return f"{shown.format(ratio)}: {_verdict(ok(ratio))}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def targets_table(rows: Sequence[Row]) -> str:
    """Stated for 5,000 articles; shown at every size measured, to see the trend."""
    sizes = sorted({r.size for r in rows})
    found = {size: {r.name: r for r in rows if r.size == size} for size in sizes}
    by_size = {
        size: targets(found[size], found.get(5000) if size == 20_000 else None) for size in sizes
    }
    lines = ["| Target | " + " | ".join(f"{s:,} articles" for s in sizes) + " |"]
    lines.append("| --- |" + " --- |" * len(sizes))
    for label in by_size[sizes[0]]:
        lines.append(f"| {label} | " + " | ".join(by_size[s][label] for s in sizes) + " |")
    return "\n".join(lines)


def machine(hugo: str | None, pelican: str | None, load: float) -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    parts = [
        f"{len(os.sched_getaffinity(0))} CPUs ({cpu})",
        f"{memory} GiB RAM",
        f"Linux {platform.release()}",
        f"Python {platform.python_version()}",
        f"load average {load:.2f} when the run started",
        f"briefings at {_git_describe()}",
    ]
    if hugo:
        parts.append("Hugo " + version([hugo, "version"], r"(v[\d.]+\S*)"))
    if pelican:
        parts.append("Pelican " + version([pelican, "--version"], r"([\d.]+)"))
    return ", ".join(parts)


def _git_describe() -> str:
    result = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=HERE, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown commit"


def section(command: str, date: str, machine_line: str, rows: Sequence[Row], runs: int) -> str:
    return f"""{SECTION}

Command: `{command}`, run on {date}.
Machine: {machine_line}.

The corpus comes from `benchmarks/corpus.py` (seed 1): news-like articles of 600-900 words with
quotes, links, a list and a subheading, written three times with the same text: for briefings
(plus 5 curated briefings and an About page), for Hugo (same front matter but `source_url` for
`url`, which Hugo reserves; taxonomies `topics` and `source`; the minimal layouts in
`benchmarks/peers/hugo/layouts/`: home, article, archive, topic and outlet pages) and for Pelican
(default theme; outlet as Category, topics as Tags, the first sentence as Summary).

*Cold*: `briefings build --clean` with `build/` and `.briefings-cache/` deleted first; *no-change
rebuild*: `briefings build` right after; *one edited article*: `briefings build` after one sentence
was appended to one article (the target counts this one); *again*: `briefings build` after that edit
was undone, as a curator's next edit: it brings up to date the site the previous build replaced,
which a first edit after a cold build has not got; *-j1*: a cold build in one process with one
Pagefind run at a time, the least memory (not counted in the targets). Hugo (`hugo --quiet`) and
Pelican (`pelican content -s pelicanconf.py -o out`) build from scratch every time. Runs alternate
between the builds; *Wall* is the median of {runs} runs, *Fastest* the quickest (the machine may be
shared: see the load average above). Python writes its bytecode cache, as on a curator's machine.
*CPU* is user + system time of the whole process tree (`os.wait4`). Memory: *largest process* is the
kernel's peak RSS of the biggest single process (what `/usr/bin/time -v` reports); *tree* is the
peak of the summed PSS (proportional set size) of the process and its children, polled from
`/proc/*/smaps_rollup` every 20 ms: a page shared by forked workers counts once in all, split
between them. (Earlier runs summed RSS, which counts such a page once per process.)

{results_table(rows)}

Targets from the issue "Cold builds at Pelican's speed or better, and cold only once"
(wall-time medians; memory: the largest single process):

{targets_table(rows)}
"""


def replace_section(text: str, heading: str, body: str) -> str:
    """Swap the text from `heading` up to the next `## ` heading; leave the rest untouched."""
    start = text.index(heading + "\n")
    following = text.find("\n## ", start + len(heading))
    end = len(text) if following == -1 else following + 1
    return text[:start] + body.rstrip("\n") + "\n\n" + text[end:]


# --- Main ----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time briefings, Hugo and Pelican builds.")
    parser.add_argument("--sizes", default="1000,5000", help="article counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per build; medians are shown")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--tools", default="briefings,hugo,pelican", help="which of briefings,hugo,pelican to run"
    )
    parser.add_argument("--no-readme", action="store_true", help="only print the table")
    parser.add_argument("--note", default="", help="a remark to print under the tables")
    parser.add_argument(
        "--from-results",
        action="store_true",
        help=f"no builds: report the last run again (from {WORK.relative_to(HERE.parent)})",
    )
    return parser.parse_args(argv)


def measure_all(args: argparse.Namespace) -> dict[str, Any]:
    """Every build at every size; the samples, the command and the machine, as JSON data."""
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tools = {t.strip() for t in args.tools.split(",")}
    hugo = ensure_hugo() if "hugo" in tools else None
    pelican = ensure_pelican() if "pelican" in tools else None
    briefings = beside_python("briefings") if "briefings" in tools else None
    # Before the builds: the load they start under and the code they time.
    about = machine(hugo, pelican, os.getloadavg()[0])
    samples: dict[str, dict[str, list[dict[str, float]]]] = {}
    changed: dict[str, int] = {}
    for size in sizes:
        print(f"writing the corpus of {size} articles", file=sys.stderr, flush=True)
        sites = write_sites(size, args.seed, tools)
        cases = briefings_cases(sites, briefings) if briefings else []
        cases += peer_cases(sites, hugo, pelican)
        found, changed[str(size)] = run_cases(cases, args.runs, size)
        samples[str(size)] = {name: [asdict(s) for s in runs] for name, runs in found.items()}
    return {
        "command": " ".join(["python", "benchmarks/build_speed.py", *args.given]),
        "date": dt.date.today().isoformat(),
        "machine": about,
        "runs": args.runs,
        "samples": samples,
        "code_changed": changed,
    }


def report(results: dict[str, Any]) -> str:
    rows = [
        medians(int(size), name, [Sample(**s) for s in runs])
        for size, builds in results["samples"].items()
        for name, runs in builds.items()
    ]
    text = section(results["command"], results["date"], results["machine"], rows, results["runs"])
    tainted = {size: n for size, n in results.get("code_changed", {}).items() if n}
    if tainted:
        counts = ", ".join(
            f"{n} of the runs at {int(size):,} articles" for size, n in tainted.items()
        )
        text += (
            f"\nCaution: generator/ changed during {counts}, even after {RETRIES} attempts; "
            "briefings' cache is keyed on that code, so those rebuilds were partly cold.\n"
        )
    return text


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.given = sys.argv[1:] if argv is None else list(argv)
    saved = WORK / "results.json"
    if args.from_results:
        results = json.loads(saved.read_text())
    else:
        results = measure_all(args)
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(results, indent=2))
    text = report(results) + (f"\n{args.note}\n" if args.note else "")
    print(text)
    if not args.no_readme:
        README.write_text(replace_section(README.read_text(), SECTION, text))
        print(f"wrote the {SECTION!r} section of {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
