# Typographic quotation marks and apostrophes are this code's subject matter.
# ruff: noqa: RUF001
"""Tests for generator.text.quotes.extract: data-driven extraction cases plus ranking, keys and speech."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import DATA
from generator.models import Quote
from generator.text.quotes.extract import extract_quotes, is_speech, quote_key, rank_quotes

QUOTES = DATA / "quotes"


def _cases() -> list[Any]:
    params = []
    for path in sorted(QUOTES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
    return params


@pytest.mark.parametrize("case", _cases())
def test_extract_quotes(case: dict[str, Any]) -> None:
    got = extract_quotes(case["paragraphs"])
    want = case["expected"]
    summary = [(q.text, q.speaker, q.role) for q in got]
    assert len(got) == len(want), summary
    for quote, expected in zip(got, want, strict=True):
        assert quote.text == expected["text"], summary
        assert quote.speaker == expected["speaker"], summary
        assert quote.curated is False
        if "role" in expected:
            assert quote.role == expected["role"], summary
        if "speech" in expected:
            assert is_speech(quote) is expected["speech"], summary
        if "paragraph" in expected:
            assert quote.paragraph == expected["paragraph"], summary


def test_case_ids_are_unique() -> None:
    ids = [p.id for p in _cases()]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 90


def test_paragraph_is_where_the_quote_starts() -> None:
    got = extract_quotes(
        [
            "The mine closed in 2019.",
            "“The town lost its heart that year,” said miner Aled Price.",
            "“Half the street left within months.",
            "“The rest of us stayed because we had nowhere to go,” he said.",
        ]
    )
    assert [q.paragraph for q in got] == [1, 2]
    assert got[1].speaker == "Aled Price"


# --- is_speech --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        ("We will not accept a deal that leaves our members worse off.", True),
        ("a promise written in disappearing ink", True),
        ("Write that down.", True),
        ("big deal", False),
        ("policy review", False),
        ("thug.", False),
        ("The Art of the Deal", False),
        ("Rocket Man", False),
        ("Start there", False),
    ],
)
def test_is_speech(text: str, speech: bool) -> None:
    assert is_speech(Quote(text, speaker="Someone")) is speech


# --- quote_key --------------------------------------------------------------------------------


def test_quote_key_ignores_marks_case_punctuation_and_spacing() -> None:
    a = quote_key("“We don’t negotiate,  and we never will.”")
    b = quote_key('"we don\'t negotiate and we NEVER will"')
    assert a == b == "we dont negotiate and we never will"


def test_quote_key_ignores_ellipses() -> None:
    assert quote_key("We tried … we really tried") == quote_key("We tried... we really tried")


def test_quote_key_keeps_different_words_apart() -> None:
    assert quote_key("We will win") != quote_key("We will not win")


# --- rank_quotes ------------------------------------------------------------------------------

_LONG = "The plan puts the burden on the people who can least afford it, and we will fight it."


def _auto(text: str, speaker: str | None = None) -> Quote:
    return Quote(text, speaker=speaker)


def test_rank_curated_first_and_never_displaced() -> None:
    curated = Quote("Short.", speaker="Editor", curated=True)
    autos = [
        _auto(_LONG, "Ana Ruiz"),
        _auto("Another very substantial statement about the budget.", "B"),
    ]
    got = rank_quotes([*autos, curated], limit=2)
    assert got[0] is curated
    assert len(got) == 2


def test_rank_curated_beyond_limit_are_kept() -> None:
    curated = [Quote(f"Curated number {i} here.", curated=True) for i in range(3)]
    got = rank_quotes([_auto(_LONG, "Ana Ruiz"), *curated], limit=2)
    assert list(got) == curated


def test_rank_respects_limit_and_skips_labels() -> None:
    quotes = [_auto("big deal", "A"), _auto(_LONG, "B"), _auto("thug.", "C")]
    assert rank_quotes(quotes, limit=5) == (quotes[1],)
    assert rank_quotes(quotes, limit=0) == ()


def test_rank_prefers_substance_and_named_speakers() -> None:
    weak = _auto("We will see what happens next week.", None)
    strong = _auto(_LONG, "Ana Ruiz")
    assert rank_quotes([weak, strong], limit=1) == (strong,)


def test_rank_named_speakers_before_unnamed() -> None:
    named = _auto("We will see.", "Ana Ruiz")
    unnamed = _auto(_LONG, None)
    assert rank_quotes([unnamed, named], limit=1) == (named,)
    assert rank_quotes([unnamed, named], limit=2) == (named, unnamed)


def test_rank_unnamed_fill_only_when_named_run_out() -> None:
    a = _auto("Our hospitals are full and our staff are exhausted after three years.", "A")
    b = _auto("Patients wait eleven hours for a bed on some nights, which is a disgrace.", "A")
    c = _auto(_LONG, None)
    got = rank_quotes([c, a, b], limit=3)
    assert got[:2] in {(a, b), (b, a)}
    assert got[2] is c


def test_rank_drops_duplicates_and_near_duplicates() -> None:
    a = _auto("“We don’t negotiate with people who break their word,” he said.", "Ivo Petrov")
    b = _auto("We don't negotiate with people who break their word", "Ivo Petrov")
    c = _auto("The ceasefire collapsed because nobody was watching the border crossings.", "Ana")
    got = rank_quotes([a, b, c], limit=3)
    assert len(got) == 2
    assert c in got


def test_rank_prefers_speaker_variety() -> None:
    a1 = _auto("Our hospitals are full and our staff are exhausted after three years of this.", "A")
    a2 = _auto("The government has ignored every warning our doctors gave about the winter.", "A")
    b1 = _auto("Patients wait eleven hours for a bed on some nights, which is a disgrace.", "B")
    got = rank_quotes([a1, a2, b1], limit=2)
    assert {q.speaker for q in got} == {"A", "B"}


def test_rank_novelty_penalises_overlap() -> None:
    base = "The new stadium will cost the city four hundred million dollars over ten years."
    echo = "The new stadium will cost the city four hundred million dollars, the mayor said again."
    fresh = "Residents near the site were never consulted about the traffic or the noise."
    got = rank_quotes([_auto(base, "A"), _auto(echo, "B"), _auto(fresh, "C")], limit=2)
    assert got[0].text == base or got[0].text == echo
    assert got[1].text == fresh
