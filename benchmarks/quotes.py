# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Quotation extraction benchmark: precision, recall, speaker accuracy and speed.

Runs `generator.text.quotes.extract.extract_quotes` and a naive regex baseline over the annotated
articles in `benchmarks/data/quotes/` (NN_name.txt: title line, then paragraphs separated by blank
lines; NN_name.yaml: gold quotations). A prediction matches a gold quotation when their normalised
word multisets overlap by at least 0.8 of the longer one. Gold entries marked `optional`
(attributed labels, titles, fragments) are neither required nor counted as false positives.

    python -m benchmarks.quotes [--failures]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.models import Quote
from generator.text.quotes.extract import extract_quotes, quote_key

DATA = Path(__file__).resolve().parent / "data" / "quotes"
MATCH = 0.8


@dataclass(frozen=True)
class Article:
    name: str
    paragraphs: tuple[str, ...]
    gold: tuple[dict, ...]
    words: int


def load() -> list[Article]:
    articles = []
    for path in sorted(DATA.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
        paragraphs = tuple(b.replace("\n", " ") for b in blocks[1:] if b)  # first: the title
        gold = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))["quotes"]
        words = sum(len(p.split()) for p in paragraphs)
        articles.append(Article(path.stem, paragraphs, tuple(gold), words))
    return articles


# --- A naive baseline: quotation marks plus the nearest "X said" ----------------------------

_BASE_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_BASE_SAID = re.compile(
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+(?:said|says|told|added|wrote)"
    r"|(?:said|says|added)\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
)


def baseline(paragraphs: Sequence[str]) -> tuple[Quote, ...]:
    out = []
    for p, par in enumerate(paragraphs):
        saids = [(m.start(), m.group(1) or m.group(2)) for m in _BASE_SAID.finditer(par)]
        for m in _BASE_QUOTE.finditer(par):
            after = [s for pos, s in saids if pos >= m.end()]
            before = [s for pos, s in saids if pos < m.start()]
            speaker = after[0] if after else (before[-1] if before else None)
            out.append(Quote((m.group(1) or m.group(2)).strip(" ,"), speaker, None, False, p))
    return tuple(out)


# --- Scoring ---------------------------------------------------------------------------------


def _overlap(a: str, b: str) -> float:
    ta, tb = Counter(quote_key(a).split()), Counter(quote_key(b).split())
    if not ta or not tb:
        return 0.0
    return sum((ta & tb).values()) / max(sum(ta.values()), sum(tb.values()))


def _norm_speaker(name: str | None) -> list[str]:
    if not name:
        return []
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return quote_key(name).split()


def speaker_ok(got: str | None, want: str | None) -> bool:
    """Equal after normalisation; a multi-word suffix also counts ("Unification Ministry")."""
    a, b = _norm_speaker(got), _norm_speaker(want)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_[-len(short) :] == short


@dataclass
class Score:
    required: int = 0
    found: int = 0  # required gold quotations matched
    predicted: int = 0  # predictions counted for precision
    correct: int = 0  # of those, matching any gold quotation
    speaker_right: int = 0
    ms: float = 0.0
    words: int = 0


def score(
    articles: list[Article],
    extract: Callable[[Sequence[str]], tuple[Quote, ...]],
    failures: bool = False,
) -> Score:
    total = Score()
    for art in articles:
        timings = []
        for _ in range(20):
            t0 = time.perf_counter()
            got = extract(art.paragraphs)
            timings.append(time.perf_counter() - t0)
        total.ms += statistics.median(timings) * 1000
        total.words += art.words
        used: set[int] = set()
        for g in art.gold:
            best, best_i = 0.0, -1
            for i, q in enumerate(got):
                if i not in used and (o := _overlap(q.text, g["text"])) > best:
                    best, best_i = o, i
            optional = bool(g.get("optional"))
            if best >= MATCH:
                used.add(best_i)
                if optional:
                    continue
                total.found += 1
                total.predicted += 1
                total.correct += 1
                if speaker_ok(got[best_i].speaker, g.get("speaker")):
                    total.speaker_right += 1
                elif failures:
                    print(f"  SPEAKER {art.name}: {got[best_i].speaker!r} != {g.get('speaker')!r}")
                    print(f"          {g['text'][:70]!r}")
            elif not optional and failures:
                print(f"  MISSED  {art.name}: {g['text'][:80]!r}")
            if not optional:
                total.required += 1
        for i, q in enumerate(got):
            if i not in used:
                total.predicted += 1
                if failures:
                    print(f"  EXTRA   {art.name}: {q.text[:80]!r} ({q.speaker})")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every mismatch")
    args = parser.parse_args()
    articles = load()
    words = sum(a.words for a in articles)
    print(f"{len(articles)} articles, {words} words")
    print("| system | precision | recall | speaker accuracy | ms/article | ms/1,000 words |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, fn in (("extract_quotes", extract_quotes), ("naive regex baseline", baseline)):
        s = score(articles, fn, failures=args.failures and fn is extract_quotes)
        precision = s.correct / s.predicted if s.predicted else 0.0
        recall = s.found / s.required if s.required else 0.0
        speaker = s.speaker_right / s.found if s.found else 0.0
        per_article = s.ms / len(articles)
        per_kw = s.ms / s.words * 1000
        print(
            f"| {name} | {precision:.1%} | {recall:.1%} ({s.found}/{s.required}) | "
            f"{speaker:.1%} ({s.speaker_right}/{s.found}) | {per_article:.2f} | {per_kw:.2f} |"
        )


if __name__ == "__main__":
    main()
