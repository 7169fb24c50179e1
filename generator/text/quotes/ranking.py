# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001, RUF003
"""Which quotations are speech, when two reports are the same quote, and which quotes are key.

`extract_quotes` (in `quotes`) finds every quotation; this module judges them: `is_speech` tells
utterances from labels, titles and scare quotes; `quote_key` normalises a quote so the same words
reported by several outlets merge; `rank_quotes` picks the key quotes of an article or briefing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from generator.models import Quote
from generator.text.lexicon import FUNCTION_WORDS

__all__ = ["TERMINAL_RE", "is_speech", "quote_key", "rank_quotes", "speechlike", "word_list"]

_WORD_CHARS_RE = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
TERMINAL_RE = re.compile(r"[.!?…][’'”)\]]*$")
_QUOTE_KEY_RE = re.compile(r"[’'‘`´]")
_QUOTE_KEY_1_RE = re.compile(r"\[[^\]]*\]")
_QUOTE_KEY_2_RE = re.compile(r"\w")
_QUOTE_KEY_3_RE = re.compile(r"[^\w\s]|_")


def word_list(text: str) -> list[str]:
    return _WORD_CHARS_RE.findall(text)


def _looks_like_title(text: str) -> bool:
    """'The Art of the Deal', 'Rocket Man': mostly capitalised words and not a sentence."""
    all_words = word_list(text)
    if TERMINAL_RE.search(text.strip(" ,")) and len(all_words) >= 3:
        return False
    toks = [t for t in all_words if t.lower() not in FUNCTION_WORDS]
    if not toks or text.startswith("I "):
        return False
    return sum(1 for t in toks if t[:1].isupper()) / len(toks) >= 0.75


def speechlike(text: str) -> bool:
    """A full utterance rather than a label: five words or more, or a short sentence."""
    n = len(word_list(text))
    if n == 0 or _looks_like_title(text):
        return False
    return n >= 5 or (n >= 3 and text.strip()[:1].isupper())


def is_speech(quote: Quote) -> bool:
    """False for scare quotes, short labels, titles and nicknames (these may be returned by
    extract_quotes only when attributed to a speaker; they never become key quotes)."""
    return speechlike(quote.text)


def quote_key(text: str) -> str:
    """Normalisation used to merge the same quote reported by several outlets: case, quote
    marks, apostrophes, punctuation, ellipses and spacing do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _QUOTE_KEY_RE.sub("", text)  # don't == don’t == dont
    text = (
        _QUOTE_KEY_1_RE.sub(" ", text)
        if _QUOTE_KEY_2_RE.search(_QUOTE_KEY_1_RE.sub("", text))
        else text
    )
    text = _QUOTE_KEY_3_RE.sub(" ", text)
    return " ".join(text.split())


def _key_of(quote: Quote) -> str:
    return quote.key or quote_key(quote.text)  # enrich stores it; a bare Quote has none yet


def _informative(text: str) -> list[str]:
    return [w.lower() for w in word_list(text) if w.lower() not in FUNCTION_WORDS and len(w) > 2]


def _substance(quote: Quote) -> float:
    """How much a quotation says: length (saturating), informative words, a full sentence."""
    n = len(word_list(quote.text))
    info = _informative(quote.text)
    score = min(n, 45) / 45 * 3.0
    score += (len(set(info)) / n if n else 0.0) * 1.5
    if quote.text[:1].isupper() and TERMINAL_RE.search(quote.text.rstrip()):
        score += 1.0
    if quote.speaker:
        score += 1.0
    if n > 80:
        score -= 0.5 * (n - 80) / 80  # very long blocks make poor pull quotes
    return score


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def rank_quotes(quotes: Sequence[Quote], limit: int) -> tuple[Quote, ...]:
    """Key quotes, best first.

    Curated quotes come first, in their order, and are never dropped: they count toward
    `limit`, and automatic quotes only fill the places they leave. Automatic quotes must be
    speech (`is_speech`); they are chosen greedily by substance, a named speaker, novelty
    against quotes already chosen (word overlap; near-duplicates are skipped) and speaker
    variety (a speaker already chosen is penalised). Quotes with a named speaker always come
    before those without one, which only fill places no named quote can.
    """
    chosen: list[Quote] = [q for q in quotes if q.curated]
    keys = {_key_of(q) for q in chosen}
    pool = [q for q in quotes if not q.curated and is_speech(q) and _key_of(q) not in keys]
    seen_keys: set[str] = set()
    unique: list[Quote] = []
    for q in pool:
        key = _key_of(q)
        if key not in seen_keys:
            seen_keys.add(key)
            unique.append(q)
    base = {id(q): _substance(q) for q in unique}
    bags = {id(q): set(_informative(q.text)) for q in [*chosen, *unique]}
    # Quotes with a named speaker first; one nobody is named for only fills what is left.
    for tier in ([q for q in unique if q.speaker], [q for q in unique if not q.speaker]):
        _pick(tier, chosen, limit, base, bags)
    return tuple(chosen)


def _pick(
    unique: list[Quote],
    chosen: list[Quote],
    limit: int,
    base: dict[int, float],
    bags: dict[int, set[str]],
) -> None:
    """Greedily move the best of `unique` to `chosen` until `limit` is reached.

    A quote's score is its substance minus penalties, so substance bounds it: scanning in
    order of substance can stop at the first quote that could not beat the best so far. Ties
    go to the earlier quote in `unique`, as a plain scan would have it.
    """
    order = {id(q): i for i, q in enumerate(unique)}
    ranked = sorted(unique, key=lambda q: (-base[id(q)], order[id(q)]))
    while len(chosen) < limit and ranked:
        best, best_score = None, float("-inf")
        for q in ranked:
            if base[id(q)] < best_score:
                break  # no later quote can score higher
            novelty = max((_overlap(bags[id(q)], bags[id(c)]) for c in chosen), default=0.0)
            if novelty >= 0.8:
                continue  # the same words as a quote already shown
            score = base[id(q)] - 3.0 * novelty
            if q.speaker and any(c.speaker == q.speaker for c in chosen):
                score -= 1.5 * sum(c.speaker == q.speaker for c in chosen)
            if score > best_score or (
                score == best_score and best is not None and order[id(q)] < order[id(best)]
            ):
                best, best_score = q, score
        if best is None:
            break
        chosen.append(best)
        ranked.remove(best)
        unique.remove(best)
