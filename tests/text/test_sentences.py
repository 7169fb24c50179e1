"""Data-driven tests for the sentence splitter and the boilerplate filter.

Cases live in tests/data/sentences/*.yaml (text -> expected sentences) and
tests/data/boilerplate/*.yaml (text -> boilerplate or not); each case is one test id.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import DATA
from generator.text.sentences import (
    content_sentences,
    is_boilerplate,
    split_sentences,
    strip_dateline,
)


def _cases(folder: str) -> list[Any]:
    params = []
    for path in sorted((DATA / folder).glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}/{case['id']}"))
    return params


SENTENCE_CASES = _cases("sentences")
BOILERPLATE_CASES = _cases("boilerplate")


def test_case_files_are_large_enough() -> None:
    assert len(SENTENCE_CASES) >= 40
    assert len(BOILERPLATE_CASES) >= 30
    ids = [p.id for p in SENTENCE_CASES + BOILERPLATE_CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", SENTENCE_CASES)
def test_split_sentences(case: dict[str, Any]) -> None:
    assert split_sentences(case["text"]) == [str(s) for s in case["expected"]]


@pytest.mark.parametrize("case", BOILERPLATE_CASES)
def test_is_boilerplate(case: dict[str, Any]) -> None:
    assert is_boilerplate(case["text"]) is case["boilerplate"]


def test_content_sentences_drops_only_the_promotion() -> None:
    paragraph = (
        "The union called the strike on Monday. Sign up for our newsletter to get transit "
        "updates every weekday. Talks resume on Friday."
    )
    assert content_sentences(paragraph) == [
        "The union called the strike on Monday.",
        "Talks resume on Friday.",
    ]


def test_content_sentences_drops_a_whole_caption() -> None:
    caption = "Rescue workers search the rubble on Tuesday. (AP Photo/Luis Moreno)"
    assert content_sentences(caption) == []


def test_empty_and_blank_text_is_boilerplate() -> None:
    assert is_boilerplate("")
    assert is_boilerplate("   ")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("SEOUL, South Korea (AP) — The vote was delayed.", "The vote was delayed."),
        ("LONDON, March 14 (Reuters) - The bank raised rates.", "The bank raised rates."),
        ("HARBOR CITY — Commuters scrambled.", "Commuters scrambled."),
        ("The vote — a close one — was delayed.", "The vote — a close one — was delayed."),
        ("US - China talks resumed.", "US - China talks resumed."),
    ],
)
def test_strip_dateline(sentence: str, expected: str) -> None:
    assert strip_dateline(sentence) == expected
