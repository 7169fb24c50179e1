"""Benchmark automatic topics: story discovery (B-cubed F1) and placement accuracy.

The corpus in benchmarks/data/topics/ holds 84 invented events in 42 look-alike pairs (two
earthquakes, two rate rises, ...), each reported by 3-5 outlets in their own words, in six
broad categories (301 articles). Every article goes through the real per-file step (parse,
then enrich, which makes its term vector); grouping is `generator.site.topics.auto_topics`.

- Stories: every article untagged. Each story is a predicted cluster, every article outside a
  story a cluster of its own; B-cubed precision, recall and F1 against the events.
- Placing: one article in ten (every tenth by path within a category) carries its category as
  a topic, the rest are untagged. Accuracy: untagged articles placed in their category, of
  those placed; coverage: untagged articles placed at all.
- Peers, in the same run: scikit-learn TF-IDF with average-linkage agglomerative clustering,
  its distance threshold tuned on the answers (its best case), and TF-IDF nearest centroid.
- Speed: `auto_topics` over the 5,000-article build corpus (benchmarks/corpus.py): untagged,
  tagged as the corpus tags them, and one article in ten tagged (the rest to be placed).

    python benchmarks/topics.py [--grid] [--speed N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.documents.process import process, settings_for  # noqa: E402
from generator.models import Article  # noqa: E402
from generator.site.topics import AutoTopics, auto_topics, developments  # noqa: E402
from generator.slugs import slugify  # noqa: E402
from generator.source.config import (  # noqa: E402
    TopicOptions,
    default_config,
)
from generator.source.discover import Source, digest  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "topics"
TAGGED_EVERY = 10


@dataclass(frozen=True)
class Gold:
    event: str
    category: str


def load_corpus() -> tuple[list[Article], dict[str, Gold]]:
    config = default_config(ROOT)
    parse_settings, enrich_settings = settings_for(config)
    articles: list[Article] = []
    gold: dict[str, Gold] = {}
    for file in sorted(DATA.glob("*.yaml")):
        event = yaml.safe_load(file.read_text("utf-8"))
        for n, item in enumerate(event["articles"]):
            rel = f"content/articles/{file.stem}-{n}.md"
            front = {
                "title": item["title"],
                "date": str(item["date"]),
                "source": item["outlet"],
                **({"author": item["author"]} if item.get("author") else {}),
            }
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + item["body"]
            data = text.encode()
            parsed = process(
                Source(rel, "article", data, digest(data)), parse_settings, enrich_settings
            )
            assert isinstance(parsed.document, Article), parsed.problems
            articles.append(parsed.document)
            gold[rel] = Gold(event["event"], event["category"])
    articles.sort(key=lambda a: (-a.date.timestamp(), a.slug))
    return articles, gold


def bcubed(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster id) against the truth."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_true: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
    for item, cluster in truth.items():
        by_true[cluster].add(item)
    precision = recall = 0.0
    for item in truth:
        same_pred = by_pred[predicted[item]]
        same_true = by_true[truth[item]]
        both = len(same_pred & same_true)
        precision += both / len(same_pred)
        recall += both / len(same_true)
    precision /= len(truth)
    recall /= len(truth)
    return precision, recall, 2 * precision * recall / (precision + recall)


def our_stories(articles: Sequence[Article], settings: TopicOptions) -> dict[str, str]:
    result = auto_topics(articles, [], settings)
    predicted = {a.path: a.path for a in articles}
    for article in result.articles:
        if article.automatic_topics:
            predicted[article.path] = article.automatic_topics[0]
    return predicted


def developments_score(
    articles: Sequence[Article], gold: dict[str, Gold], threshold: float
) -> float:
    """Each subject (two look-alike events) as one briefing: B-cubed F1 of its developments
    against the events, averaged over the articles."""
    result = auto_topics(articles, [], replace(TopicOptions(), automatic=False))
    predicted: dict[str, str] = {}
    subjects: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        subjects[_subject(a.path)].append(a)
    for members in subjects.values():
        for group in developments(members, result.graph, threshold):
            for slug in group:
                predicted[next(a.path for a in members if a.slug == slug)] = group[0]
    truth = {p: g.event for p, g in gold.items()}
    return bcubed(predicted, truth)[2]


def _subject(path: str) -> str:
    return path.rsplit("/", 1)[-1][:2]  # files are NN-subject-a|b-n.md


def _texts(articles: Sequence[Article]) -> list[str]:
    return [a.title + "\n" + "\n".join(a.paragraphs) for a in articles]


def sklearn_stories(articles: Sequence[Article], truth: dict[str, str]) -> tuple[float, float]:
    """TF-IDF + average-linkage agglomerative clustering, threshold tuned on the answers."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        _texts(articles)
    )
    dense = matrix.toarray()
    best = (0.0, 0.0)
    for step in range(10, 100, 2):
        threshold = step / 100
        labels = AgglomerativeClustering(
            n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
        ).fit_predict(dense)
        predicted = {a.path: str(label) for a, label in zip(articles, labels, strict=True)}
        f1 = bcubed(predicted, truth)[2]
        best = max(best, (f1, threshold))
    return best


def tagged_split(articles: Sequence[Article], gold: dict[str, Gold]) -> set[str]:
    """Every tenth article of each category, by path, carries its category."""
    by_category: dict[str, list[str]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: a.path):
        by_category[gold[a.path].category].append(a.path)
    return {
        p for paths in by_category.values() for i, p in enumerate(paths) if i % TAGGED_EVERY == 0
    }


def our_placement(
    articles: Sequence[Article], gold: dict[str, Gold], settings: TopicOptions
) -> tuple[float, float]:
    tagged = tagged_split(articles, gold)
    given = [
        replace(a, topics=(gold[a.path].category,), topic_names=(gold[a.path].category,))
        if a.path in tagged
        else a
        for a in articles
    ]
    result = auto_topics(given, [], settings)
    untagged = [a for a in articles if a.path not in tagged]
    placed = {p: pl.topic for p, pl in result.placements.items()}
    right = sum(1 for a in untagged if placed.get(a.path) == slugify(gold[a.path].category))
    return right / max(len(placed), 1), len(placed) / len(untagged)


def intruders(articles: Sequence[Article], gold: dict[str, Gold], settings: TopicOptions) -> float:
    """Only half the categories have briefings: the share of the other half's articles that
    were placed anyway (they match nothing, and should stay off, or form their own stories)."""
    kept = sorted({g.category for g in gold.values()})[::2]
    tagged = tagged_split(articles, gold)
    given = [
        replace(a, topics=(gold[a.path].category,), topic_names=(gold[a.path].category,))
        if a.path in tagged and gold[a.path].category in kept
        else a
        for a in articles
    ]
    result = auto_topics(given, [], settings)
    outside = [a for a in articles if gold[a.path].category not in kept]
    return sum(1 for a in outside if a.path in result.placements) / len(outside)


def sklearn_placement(articles: Sequence[Article], gold: dict[str, Gold]) -> float:
    """TF-IDF nearest centroid over the tagged articles: every untagged article is placed."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestCentroid

    tagged = tagged_split(articles, gold)
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        _texts(articles)
    )
    train = [i for i, a in enumerate(articles) if a.path in tagged]
    test = [i for i, a in enumerate(articles) if a.path not in tagged]
    warnings.filterwarnings("ignore", module="sklearn")  # zero variance in tiny classes
    model = NearestCentroid().fit(matrix[train], [gold[articles[i].path].category for i in train])
    guessed = model.predict(matrix[test])
    truth = np.array([gold[articles[i].path].category for i in test])
    return float((guessed == truth).mean())


def speed(count: int) -> None:
    """auto_topics over the first `count` articles of the build corpus, untagged."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "corpus.py"),
                "--articles",
                str(count),
                "--out",
                tmp,
            ],
            check=True,
            capture_output=True,
        )
        config = default_config(Path(tmp))
        parse_settings, enrich_settings = settings_for(config)
        articles, arts_tagged = [], []
        for path in sorted(Path(tmp, "content", "articles").rglob("*.md")):
            data = path.read_bytes()
            rel = path.relative_to(tmp).as_posix()
            parsed = process(
                Source(rel, "article", data, digest(data)), parse_settings, enrich_settings
            )
            if isinstance(parsed.document, Article):
                arts_tagged.append(parsed.document)
                articles.append(replace(parsed.document, topics=(), topic_names=()))
        articles.sort(key=lambda a: (-a.date.timestamp(), a.slug))
        arts_tagged.sort(key=lambda a: (-a.date.timestamp(), a.slug))
        by_path = sorted(a.path for a in arts_tagged)
        tenth = set(by_path[::TAGGED_EVERY])
        one_in_ten = [a for a in arts_tagged if a.path in tenth] + [
            a for a in articles if a.path not in tenth
        ]
        one_in_ten.sort(key=lambda a: (-a.date.timestamp(), a.slug))
        untagged_wall, untagged_cpu, result = _timed(articles)
        tagged_wall, tagged_cpu, _ = _timed(arts_tagged)
        placing_wall, placing_cpu, placed = _timed(one_in_ten)
        print(
            f"auto_topics over {len(articles)} untagged articles: {untagged_wall:.3f} s wall, "
            f"{untagged_cpu:.3f} s CPU, {len(result.stories)} stories; tagged as the corpus "
            f"tags them: {tagged_wall:.3f} s wall, {tagged_cpu:.3f} s CPU; one in ten tagged: "
            f"{placing_wall:.3f} s wall, {placing_cpu:.3f} s CPU, {len(placed.placements)} "
            "placed (medians of 3)"
        )


def _timed(articles: Sequence[Article]) -> tuple[float, float, AutoTopics]:
    walls, cpus = [], []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        result = auto_topics(articles, [], TopicOptions())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="try settings around the defaults")
    parser.add_argument("--speed", type=int, metavar="N", help="time auto_topics over N articles")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed)
        return 0
    articles, gold = load_corpus()
    truth = {p: g.event for p, g in gold.items()}
    categories = Counter(g.category for g in gold.values())
    print(
        f"{len(articles)} articles, {len(set(truth.values()))} events, {len(categories)} categories"
    )
    defaults = TopicOptions()
    p, r, f1 = bcubed(our_stories(articles, defaults), truth)
    print(f"stories  briefings (defaults)      B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    best_f1, best_t = sklearn_stories(articles, truth)
    print(
        f"stories  TF-IDF agglomerative       B-cubed F1 {best_f1:.3f} "
        f"(distance threshold {best_t:.2f}, tuned on the answers)"
    )
    accuracy, coverage = our_placement(articles, gold, defaults)
    print(
        f"placing  briefings (defaults)      accuracy {accuracy:.3f}, "
        f"placed {coverage:.3f} of untagged"
    )
    print(
        f"placing  TF-IDF nearest centroid    accuracy {sklearn_placement(articles, gold):.3f}, "
        "placed 1.000"
    )
    print(
        f"placing  briefings (defaults)      {intruders(articles, gold, defaults):.3f} of the "
        "articles of categories without a briefing placed anyway"
    )
    same_event = defaults.min_similarity  # as generator/build.py asks of developments
    print(
        f"develop  briefings (defaults)      B-cubed F1 "
        f"{developments_score(articles, gold, same_event):.3f} (each subject one briefing)"
    )
    if args.grid:
        for sim in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            score = developments_score(articles, gold, sim)
            print(f"  developments at {sim:.2f}: B-cubed F1 {score:.3f}")
        for sim in (0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3):
            f1 = bcubed(our_stories(articles, replace(defaults, min_similarity=sim)), truth)[2]
            print(f"  min_similarity {sim:.2f}: B-cubed F1 {f1:.3f}")
        for place in (0.05, 0.06, 0.08, 0.1, 0.12):
            for margin in (0.0, 0.01, 0.02):
                tried = replace(defaults, place_similarity=place, place_margin=margin)
                acc, cov = our_placement(articles, gold, tried)
                wrong = intruders(articles, gold, tried)
                print(
                    f"  place_similarity {place:.2f} margin {margin:.2f}: accuracy {acc:.3f}, "
                    f"placed {cov:.3f}, intruders {wrong:.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
