"""Terms: the words that say what a text is about, and an article's term vector.

Summaries compare sentences by their terms; automatic topics compare articles by their term
vectors. A vector is made once per article, in the cached per-file step, so grouping only
weighs and compares. Pure Python; imports only the lexicon.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.text.lexicon import TITLE_WORDS, TOPIC_STOPWORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*%?")
# A capitalised word that does not open a sentence: a name ("Ostrava", "Brandt", "IMF").
_NAME = re.compile(r"(?<=[^\s.!?:;\"\u201c(\[\u2014\u2013])\s+([A-Z][A-Za-z'\u2019-]*[A-Za-z])")

TermVector = tuple[tuple[str, float], ...]  # (term, weight), strongest first
NAME_PREFIX = "="  # a name feature: "=brandt" beside the plain term "brandt"
VECTOR_TERMS = 64  # an article's strongest terms; the rest say little about its story
_TITLE_WEIGHT = 3.0  # a headline word counts as three mentions
_LEAD_WEIGHT = 2.0  # the first paragraphs say what happened (news is written top down)
_LEAD_PARAGRAPHS = 2
_NAME_WEIGHT = 1.5  # a name is worth this many of its mentions again: names tell events apart
_PARAGRAPH_JOIN = ". "  # paragraphs read as one text: each starts a sentence, so no name


def stem(word: str) -> str:
    """A deliberately crude stemmer: only consistency matters for overlap counts."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    return [t for w in _WORD.findall(text) if (t := term(w))]


@functools.lru_cache(maxsize=1 << 16)
def term(word: str) -> str:
    """A word's term, or "" for a stopword; cached, since news prose repeats its words."""
    w = word.lower().replace("\u2019", "'")
    base = w.removesuffix("'s")
    if w in TOPIC_STOPWORDS or base in TOPIC_STOPWORDS:
        return ""
    return stem(base)


def names(text: str) -> list[str]:
    """The name features of a text: each capitalised word inside a sentence, as a term."""
    found = []
    for word in _NAME.findall(text):
        t = term(word)
        if t and word.lower() not in TITLE_WORDS:
            found.append(NAME_PREFIX + t)
    return found


def term_vector(title: str, paragraphs: Sequence[str], speakers: Iterable[str] = ()) -> TermVector:
    """What an article is about, as weighted terms: its headline and lead count most, and the
    names in it (with those of the people it quotes) count again as names. Weights are
    sublinear in the counts, so one word repeated does not make a subject."""
    counts: Counter[str] = Counter()
    lead = _PARAGRAPH_JOIN.join(paragraphs[:_LEAD_PARAGRAPHS])
    rest = _PARAGRAPH_JOIN.join(paragraphs[_LEAD_PARAGRAPHS:])
    # Each distinct word is looked up once: news prose repeats its words.
    for text, weight in ((title, _TITLE_WEIGHT), (lead, _LEAD_WEIGHT), (rest, 1.0)):
        for word, n in Counter(_WORD.findall(text)).items():
            if t := term(word):
                counts[t] += n * weight
    for text, weight in ((lead, _LEAD_WEIGHT), (rest, 1.0)):  # not the headline's: many
        for t in names(_PARAGRAPH_JOIN + text):  # outlets capitalise every headline word
            counts[t] += weight * _NAME_WEIGHT
    for speaker in speakers:
        for t in terms(speaker):
            counts[NAME_PREFIX + t] += _NAME_WEIGHT
    strongest = heapq.nsmallest(VECTOR_TERMS, counts.items(), key=lambda tc: (-tc[1], tc[0]))
    return tuple((t, round(1.0 + math.log(c), 4)) for t, c in strongest)
