# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Quotation extraction benchmark: precision, recall, speaker accuracy and speed.

Runs `generator.text.quotes.extract.extract_quotes` and a naive regex baseline over the annotated
articles in `benchmarks/data/quotes/` (NN_name.txt: title line, then paragraphs separated by blank
lines; NN_name.yaml: gold quotations). A prediction matches a gold quotation when their normalised
word multisets overlap by at least 0.8 of the longer one. Gold entries marked `optional`
(attributed labels, titles, fragments) are neither required nor counted as false positives.
A gold `speaker` may be a list of acceptable answers; `speech: false` marks a chant, title or
label that must not read as speech. An article's YAML may name its `pattern` (the failure
family of issue #18 it exercises); the scores are reported per pattern as well as in total.

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
from generator.text.quotes.extract import extract_quotes, is_speech, quote_key

DATA = Path(__file__).resolve().parent / "data" / "quotes"
MATCH = 0.8


@dataclass(frozen=True)
class Article:
    name: str
    paragraphs: tuple[str, ...]
    gold: tuple[dict, ...]
    words: int
    pattern: str = "base"  # the 12 articles written first carry no pattern


def load() -> list[Article]:
    articles = []
    for path in sorted(DATA.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
        paragraphs = tuple(b.replace("\n", " ") for b in blocks[1:] if b)  # first: the title
        doc = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        words = sum(len(p.split()) for p in paragraphs)
        pattern = doc.get("pattern", "base")
        articles.append(Article(path.stem, paragraphs, tuple(doc["quotes"]), words, pattern))
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


def speaker_ok(got: str | None, want: str | list[str | None] | None) -> bool:
    """Equal after normalisation; a multi-word suffix also counts ("Unification Ministry").
    `want` may list several acceptable answers."""
    if isinstance(want, list):
        return any(speaker_ok(got, w) for w in want)
    a, b = _norm_speaker(got), _norm_speaker(want)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_[-len(short) :] == short


def _named(want: str | list[str | None] | None) -> bool:
    """A named source: the gold speaker is someone (not nobody, nor nobody as one option)."""
    return want is not None and not (isinstance(want, list) and None in want)


@dataclass
class Score:
    required: int = 0
    found: int = 0  # required gold quotations matched
    predicted: int = 0  # predictions counted for precision
    correct: int = 0  # of those, matching any gold quotation
    speaker_right: int = 0
    named: int = 0  # required gold quotations with a named source
    named_found: int = 0
    named_right: int = 0  # found, with the right speaker
    wrong: int = 0  # matched quotations (and chants, titles) given a speaker not theirs
    speech_wrong: int = 0  # chants, titles and labels that read as speech
    ms: float = 0.0
    words: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> str:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.required if self.required else 0.0
        right = self.named_right / self.named_found if self.named_found else 0.0
        attributed = self.named_right / self.named if self.named else 0.0
        return (
            f"{precision:.1%} | {recall:.1%} ({self.found}/{self.required}) | "
            f"{right:.1%} ({self.named_right}/{self.named_found}) | "
            f"{attributed:.1%} ({self.named_right}/{self.named}) | {self.wrong} | "
            f"{self.speech_wrong}"
        )


def score(
    articles: list[Article],
    extract: Callable[[Sequence[str]], tuple[Quote, ...]],
    failures: bool = False,
    runs: int = 20,
) -> dict[str, Score]:
    """Scores by pattern (each article's), timing each article by the median of `runs`."""
    scores: dict[str, Score] = {}
    for art in articles:
        total = scores.setdefault(art.pattern, Score())
        timings = []
        for _ in range(runs):
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
            want = g.get("speaker")
            named = _named(want) and not optional
            total.named += named
            if best >= MATCH:
                used.add(best_i)
                ok = speaker_ok(got[best_i].speaker, want)
                if got[best_i].speaker and not ok and (not optional or "speech" in g):
                    total.wrong += 1  # an optional label's speaker is not scored
                if g.get("speech") is False and is_speech(got[best_i]):
                    total.speech_wrong += 1
                    if failures:
                        print(f"  SPEECH  {art.name}: {g['text'][:70]!r}")
                if optional:
                    if failures and got[best_i].speaker and not ok:
                        print(f"  SPEAKER {art.name}: {got[best_i].speaker!r} != {want!r} (opt.)")
                    continue
                total.found += 1
                total.predicted += 1
                total.correct += 1
                total.named_found += named
                if ok:
                    total.speaker_right += 1
                    total.named_right += named
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
    return scores


_HEAD = (
    "| precision | recall | speaker right of found | attributed recall | wrong speakers "
    "| labels as speech |"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every mismatch")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per article")
    args = parser.parse_args()
    articles = load()
    words = sum(a.words for a in articles)
    print(f"{len(articles)} articles, {words} words")
    print("Speaker right of found and attributed recall are over quotations with a named source.")
    print()
    print("| system " + _HEAD + " ms/article | ms/1,000 words |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ours: dict[str, Score] = {}
    for name, fn in (("extract_quotes", extract_quotes), ("naive regex baseline", baseline)):
        by_pattern = score(articles, fn, args.failures and fn is extract_quotes, args.runs)
        if fn is extract_quotes:
            ours = by_pattern
        s = Score()
        for part in by_pattern.values():
            s.add(part)
        per_article = s.ms / len(articles)
        per_kw = s.ms / s.words * 1000
        print(f"| {name} | {s.row()} | {per_article:.2f} | {per_kw:.2f} |")
    print()
    print("extract_quotes by pattern:")
    print()
    print("| pattern | articles " + _HEAD)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    counts = Counter(a.pattern for a in articles)
    for pattern in sorted(ours, key=lambda p: (p != "base", p)):
        print(f"| {pattern} | {counts[pattern]} | {ours[pattern].row()} |")


if __name__ == "__main__":
    main()
