"""Benchmark the automatic article summary against Lead-3 and TextRank.

Headline: each file in benchmarks/data/summaries/highlights/ is a news article written for this
benchmark, in the shapes pages take (datelines, bylines, captions, promos, live blogs...), with
3-4 highlights an editor would write: short, abstractive, facts from across the story. Every
system is scored on the text it shows: ROUGE-1, ROUGE-2 and ROUGE-L F (LCS over the whole
summary), lowercased word tokens, no stemming, plus its length. Ours runs with its defaults;
Lead-3 is the first three sentences of the body as a reader sees them.

Second: each file in benchmarks/data/summaries/ has 2-3 reference sentences an editor would pick;
there every system picks as many sentences as ours did, scored by ROUGE-1/2 F and the share of
reference sentences selected.

    python benchmarks/summaries.py            # print the tables
    python benchmarks/summaries.py --write    # also replace the "## Summaries" README section
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text.sentences import is_boilerplate, split_sentences, strip_dateline  # noqa: E402
from generator.text.summaries import summarize  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "summaries"
HIGHLIGHTS = DATA / "highlights"
README = ROOT / "benchmarks" / "README.md"
COMMAND = "python benchmarks/summaries.py --write"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[a-z0-9]+")
# TextRank's own word filter: a short, generic stopword list (not the summarizer's).
_TR_STOP = _words(
    "a an the and or but of to in on at for with by from as is are was were be been has have "
    "had it its he she they we i you his her their our this that these those said says will "
    "would not no"
)


@dataclass(frozen=True)
class Article:
    """One benchmark article and what a summary is scored against: the sentences an editor
    would pick (`data/summaries/`) or an editor's own highlights (`data/summaries/highlights/`)."""

    name: str
    style: str
    title: str
    paragraphs: tuple[str, ...]
    reference: tuple[str, ...]


def _paragraphs(body: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in body.split("\n\n") if p.strip())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _load(folder: Path, reference: str) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        articles.append(
            Article(
                path.stem,
                raw.get("style", "news"),
                raw.get("title", ""),
                _paragraphs(raw["body"]),
                _lines(raw[reference]),
            )
        )
    return articles


def load_articles() -> list[Article]:
    return _load(DATA, "reference")


def load_highlight_articles() -> list[Article]:
    return _load(HIGHLIGHTS, "highlights")


# --- Metrics -------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(strip_dateline(text).lower())


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_f(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    cand = _ngrams(_tokens(" ".join(candidate)), n)
    ref = _ngrams(_tokens(" ".join(reference)), n)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(cand.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _plain_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _f(overlap: int, candidate: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_scores(summary: str, reference: Sequence[str]) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F of the text exactly as shown (nothing stripped)."""
    cand, ref = _plain_tokens(summary), _plain_tokens(" ".join(reference))
    scores = []
    for n in (1, 2):
        c, r = _ngrams(cand, n), _ngrams(ref, n)
        scores.append(_f(sum((c & r).values()), sum(c.values()), sum(r.values())))
    scores.append(_f(_lcs(cand, ref), len(cand), len(ref)))
    return scores[0], scores[1], scores[2]


def _norm(text: str) -> str:
    return " ".join(_tokens(text))


def sentence_overlap(candidate: Sequence[str], reference: Sequence[str]) -> float:
    picked = {_norm(s) for s in candidate}
    return sum(_norm(r) in picked for r in reference) / len(reference)


# --- Systems -------------------------------------------------------------------------------


def all_sentences(paragraphs: Sequence[str]) -> list[str]:
    return [s for p in paragraphs for s in split_sentences(p)]


def clean_sentences(paragraphs: Sequence[str]) -> list[str]:
    return [
        s
        for p in paragraphs
        if not is_boilerplate(p)
        for s in split_sentences(p)
        if not is_boilerplate(s)
    ]


def lead(sentences: Sequence[str], k: int) -> list[str]:
    return list(sentences[:k])


def textrank(sentences: Sequence[str], k: int, damping: float = 0.85) -> list[str]:
    """Mihalcea & Tarau's TextRank: word-overlap graph, PageRank by power iteration."""
    words = [{w for w in _tokens(s) if w not in _TR_STOP} for s in sentences]
    n = len(sentences)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = len(words[i] & words[j])
            if common and len(words[i]) > 1 and len(words[j]) > 1:
                w = common / (math.log(len(words[i])) + math.log(len(words[j])))
                weights[i][j] = weights[j][i] = w
    out = [sum(row) for row in weights]
    rank = [1.0 / n] * n if n else []
    for _ in range(100):
        new = [
            (1 - damping) / n
            + damping * sum(weights[j][i] / out[j] * rank[j] for j in range(n) if out[j])
            for i in range(n)
        ]
        converged = max((abs(a - b) for a, b in zip(new, rank, strict=True)), default=0) < 1e-6
        rank = new
        if converged:
            break
    top = sorted(range(n), key=lambda i: -rank[i])[:k]
    return [sentences[i] for i in sorted(top)]


def ours(paragraphs: Sequence[str], *, sentences: int, max_chars: int) -> list[str]:
    return split_sentences(summarize(paragraphs, sentences=sentences, max_chars=max_chars))


# --- Report --------------------------------------------------------------------------------

Metrics = tuple[float, float, float]


def evaluate(
    articles: Sequence[Article], max_chars: int, styles: set[str] | None = None
) -> tuple[dict[str, Metrics], float]:
    systems: dict[str, Callable[[Article, int], list[str]]] = {
        "Lead-k (raw text)": lambda a, k: lead(all_sentences(a.paragraphs), k),
        "Lead-k (boilerplate removed)": lambda a, k: lead(clean_sentences(a.paragraphs), k),
        "TextRank-k (boilerplate removed)": lambda a, k: textrank(clean_sentences(a.paragraphs), k),
    }
    rows: dict[str, list[Metrics]] = {"ours": [], **{name: [] for name in systems}}
    for article in articles:
        if styles and article.style not in styles:
            continue
        picked = ours(article.paragraphs, sentences=3, max_chars=max_chars)
        k = len(picked)
        outputs = {"ours": picked, **{name: f(article, k) for name, f in systems.items()}}
        for name, out in outputs.items():
            rows[name].append(
                (
                    rouge_f(out, article.reference, 1),
                    rouge_f(out, article.reference, 2),
                    sentence_overlap(out, article.reference),
                )
            )
    means = {
        name: tuple(statistics.fmean(col) for col in zip(*vals, strict=True))
        for name, vals in rows.items()
    }
    return means, _time_per_article(articles, max_chars)  # type: ignore[return-value]


def _time_per_article(articles: Sequence[Article], max_chars: int, rounds: int = 5) -> float:
    """Milliseconds per article, best of `rounds` passes (the machine is shared)."""
    best = math.inf
    for _ in range(rounds):
        start = time.perf_counter()
        for article in articles:
            summarize(article.paragraphs, sentences=3, max_chars=max_chars)
        best = min(best, time.perf_counter() - start)
    return best / len(articles) * 1000


Scores = tuple[float, float, float, float]  # ROUGE-1, ROUGE-2, ROUGE-L, characters


def _lead3(article: Article) -> str:
    return " ".join(lead(all_sentences(article.paragraphs), 3))


HIGHLIGHT_SYSTEMS: dict[str, Callable[[Article], str]] = {
    "ours (defaults)": lambda a: summarize(a.paragraphs),
    "Lead-3": _lead3,
    "ours, max_chars = that article's Lead-3 length": lambda a: summarize(
        a.paragraphs, max_chars=len(_lead3(a))
    ),
    "Lead-3 (boilerplate removed)": lambda a: " ".join(lead(clean_sentences(a.paragraphs), 3)),
    "TextRank-3 (boilerplate removed)": lambda a: " ".join(
        textrank(clean_sentences(a.paragraphs), 3)
    ),
}


def evaluate_highlights(
    articles: Sequence[Article],
) -> dict[str, dict[str, list[Scores]]]:
    """system -> style -> one row per article."""
    rows: dict[str, dict[str, list[Scores]]] = {name: {} for name in HIGHLIGHT_SYSTEMS}
    for article in articles:
        for name, system in HIGHLIGHT_SYSTEMS.items():
            text = system(article)
            row = (*rouge_scores(text, article.reference), float(len(text)))
            rows[name].setdefault(article.style, []).append(row)
    return rows


def _mean(rows: Sequence[Scores]) -> Scores:
    r1, r2, rl, chars = (statistics.fmean(col) for col in zip(*rows, strict=True))
    return r1, r2, rl, chars


def highlight_table(rows: dict[str, dict[str, list[Scores]]]) -> str:
    lines = [
        "| system | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | characters |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, by_style in rows.items():
        r1, r2, rl, chars = _mean([r for style in by_style.values() for r in style])
        lines.append(f"| {name} | {r1:.3f} | {r2:.3f} | {rl:.3f} | {chars:.0f} |")
    return "\n".join(lines)


def style_table(rows: dict[str, dict[str, list[Scores]]], systems: Sequence[str]) -> str:
    """ROUGE-1/2/L of each system by article style."""
    styles = sorted(rows[systems[0]], key=lambda s: (-len(rows[systems[0]][s]), s))
    head = " | ".join(f"{name} R-1 / R-2 / R-L" for name in systems)
    lines = [f"| style (articles) | {head} |", "| --- |" + " ---: |" * len(systems)]
    for style in styles:
        cells = []
        for name in systems:
            r1, r2, rl, _ = _mean(rows[name][style])
            cells.append(f"{r1:.3f} / {r2:.3f} / {rl:.3f}")
        lines.append(f"| {style} ({len(rows[systems[0]][style])}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _time_highlights(articles: Sequence[Article], rounds: int = 5) -> float:
    best = math.inf
    for _ in range(rounds):
        start = time.perf_counter()
        for article in articles:
            summarize(article.paragraphs)
        best = min(best, time.perf_counter() - start)
    return best / len(articles) * 1000


def table(means: dict[str, Metrics]) -> str:
    lines = [
        "| system | ROUGE-1 F | ROUGE-2 F | reference sentences picked |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, (r1, r2, overlap) in means.items():
        lines.append(f"| {name} | {r1:.3f} | {r2:.3f} | {overlap:.0%} |")
    return "\n".join(lines)


def report(articles: Sequence[Article], highlighted: Sequence[Article]) -> str:
    rows = evaluate_highlights(highlighted)
    ms = _time_highlights(highlighted)
    styles = Counter(a.style for a in highlighted)
    shapes = ", ".join(f"{n} {style}" for style, n in styles.most_common())
    parts = [
        f"Command: `{COMMAND}` ({date.today().isoformat()}).",
        f"**Human-style highlights vs Lead-3** — {len(highlighted)} articles in "
        f"`benchmarks/data/summaries/highlights/` ({shapes}), written for this benchmark with "
        "3-4 abstractive highlights each (written before tuning). Every system is scored on the "
        "text it shows (nothing stripped); characters are the mean length of the summary. Ours "
        f"uses its defaults (`sentences=3, max_chars=420`) and takes {ms:.2f} ms per article."
        f"\n\n{highlight_table(rows)}",
        "By style (ours vs Lead-3):\n\n" + style_table(rows, ["ours (defaults)", "Lead-3"]),
    ]
    means, ms = evaluate(articles, 420)
    parts.append(
        f"**Extractive references** — {len(articles)} articles "
        f"({sum(a.style == 'feature' for a in articles)} feature-style) in "
        "`benchmarks/data/summaries/`, with 2-3 reference sentences each; baselines pick as many "
        f"sentences as ours did for the same article. Ours takes {ms:.2f} ms per article."
        f"\n\n{table(means)}"
    )
    parts.append(ABLATIONS)
    return "\n\n".join(parts)


# Measured by switching each change off in turn (highlights set, ours at defaults); written by
# hand, so re-measure when the summarizer changes.
ABLATIONS = """What each change pays (2026-12-04, highlights set, ours at defaults; R-1 / R-2 / R-L,
characters). Before #18: 0.403 / 0.185 / 0.305, 353.

| ours with this one change undone | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | characters |
| --- | ---: | ---: | ---: | ---: |
| none (all changes) | 0.430 | 0.209 | 0.321 | 372 |
| headings, timestamps and labels are candidates again | 0.422 | 0.198 | 0.310 | 371 |
| position 0.5 against centrality (was), not 0.7 | 0.416 | 0.199 | 0.313 | 378 |
| centrality not smoothed | 0.426 | 0.203 | 0.318 | 365 |
| greedy MMR selection (was), not the best set for the budget | 0.427 | 0.204 | 0.318 | 360 |
| no length weight in the set's value | 0.427 | 0.204 | 0.320 | 366 |
| no bonus for figures (digits, now also spelled-out numbers) | 0.426 | 0.203 | 0.317 | 371 |
| pronoun sentence not lifted after its antecedent | 0.432 | 0.210 | 0.322 | 373 |
| \"(CNN) —\" strip, single quotes, passive lead (each) | ±0.001 | ±0.001 | ±0.001 | ±1 |

Lead-3 here averages 364 characters because the first \"sentences\" of bylined pages are the
byline and the Updated line; on real news it averages about 435, above the 420 budget, so ours
is shorter there by construction. Capped at each article's own Lead-3 length, ours still leads
on all three (headline table)."""


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    start = readme.index("## Summaries\n")
    end = readme.find("\n## ", start + 1)
    end = len(readme) if end < 0 else end + 1
    section = f"## Summaries\n\n{text}\n\n"
    README.write_text(readme[:start] + section + readme[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    args = parser.parse_args()
    articles = load_articles()
    for article in articles:  # references must be sentences our splitter produces
        missing = set(map(_norm, article.reference)) - set(
            map(_norm, all_sentences(article.paragraphs))
        )
        if missing:
            print(f"warning: {article.name}: reference not a sentence: {missing}", file=sys.stderr)
    text = report(articles, load_highlight_articles())
    print(text)
    if args.write:
        write_readme(text)


if __name__ == "__main__":
    main()
